"""Helpers for the shared form macros in templates/macros/forms.html."""


def field_attributes(field, *, hint=False, **extra):
    """HTML attributes tying a field to its hint and error message for screen readers."""
    described_by = []
    if hint:
        described_by.append(f"{field.id}-hint")
    if field.errors:
        described_by.append(f"{field.id}-error")
    attributes = {key: value for key, value in extra.items() if value is not None}
    if described_by:
        attributes["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attributes["aria-invalid"] = "true"
    return attributes


def init_app(app):
    app.jinja_env.globals["field_attributes"] = field_attributes

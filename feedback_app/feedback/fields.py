"""Building blocks of the residents' forms: optional choices that refuse forged answers, text
with a character count, and a CSRF failure told like any other error."""

from flask import request
from flask_wtf import FlaskForm
from flask_wtf.form import SUBMIT_METHODS, _Auto
from werkzeug.datastructures import ImmutableMultiDict
from wtforms import RadioField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, StopValidation

from ..errors import CSRF_MESSAGE
from ..inputs import without_hidden_formatting
from . import character_count


def clean_text(value):
    """Trim, and count a line break as one character, as the character count does."""
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


class Chosen:
    """Accept nothing (unless required) or only the answers offered; anything else was forged."""

    def __init__(self, choices, message, *, required=None):
        self.values = {str(value) for value, _label in choices}
        self.message, self.required = message, required

    def __call__(self, form, field):
        given = field.data if isinstance(field.data, list) else [field.data]
        given = [value for value in given if value not in (None, "")]
        if not given and self.required:
            raise StopValidation(str(self.required))
        if any(value not in self.values for value in given):
            raise StopValidation(str(self.message))


def select_choices(choices):
    return [SelectChoice(str(value), label) for value, label in choices]


def choice_field(label, choices, message, *, required=None):
    return RadioField(
        label,
        choices=select_choices(choices),
        validate_choice=False,
        validators=[Chosen(choices, message, required=required)],
    )


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes (named so the error summary links to the first one)."""


class CountedTextAreaField(TextAreaField):
    """Free text with a stated limit and a live character count; others read it, so direction
    overrides that could make it read backwards are left out (inputs.HIDDEN_FORMATTING)."""

    def __init__(self, label, *, limit, message, **kwargs):
        validators = [Length(max=limit, message=message)]
        filters = [clean_text, without_hidden_formatting]
        super().__init__(label, validators=validators, filters=filters, **kwargs)
        self.limit = limit

    def limit_hint(self):
        return character_count.limit_hint(self.limit)

    def count_message(self):
        return character_count.count_message(self.data, self.limit)

    def count_templates(self):
        return character_count.count_templates()


class ResidentForm(FlaskForm):
    """A failed CSRF check is explained in plain words in the error summary, like any error."""

    class Meta:
        def wrap_formdata(self, form, formdata):
            """The posted form's text only (feedback_app.inputs left out characters nobody types).

            A resident's browser sends a form: an uploaded file or a JSON number in place of an
            answer is no answer (and must not reach a validator that expects text). Answers
            handed over explicitly (a kiosk's queued response) are read as given.
            """
            if formdata is _Auto and request.is_json and request.method in SUBMIT_METHODS:
                formdata = request.form
            wrapped = super().wrap_formdata(form, formdata)
            if wrapped is None:
                return None
            return ImmutableMultiDict(
                (key, value) for key, value in wrapped.items(multi=True) if isinstance(value, str)
            )

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.meta.csrf and self.csrf_token.errors:
            self.csrf_token.errors = [CSRF_MESSAGE]
        return self.check_together() and valid

    def check_together(self):
        """Rules across fields; add errors to fields and return False when one is broken."""
        return True

    def fail(self, field, message):
        field.errors = [*field.errors, str(message)]
        return False

    def filled_in(self):
        """{field name: answer} for every field given an answer."""
        return {name: f.data for name, f in self._fields.items() if name != "csrf_token" and f.data}

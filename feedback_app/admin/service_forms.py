"""Forms of the service pages: settings with a name and description per language, partners."""

import re

from wtforms import StringField, TextAreaField
from wtforms.validators import Length, NoneOf, Optional, Regexp

from ..catalogue.models import PartnerRole
from ..feedback.fields import Chosen, MultiCheckboxField, choice_field, clean_text, select_choices
from ..i18n import LANGUAGES, _l, localized
from ..inputs import single_line, without_hidden_formatting
from .forms import StaffForm

SLUG_MAX = 80
NAME_MAX = 200
DESCRIPTION_MAX = 2000
RETENTION_RANGE = (30, 3650)
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Words the staff pages' addresses use where a service's would go (/staff/admin/services/new).
RESERVED_SLUGS = ("new",)
LANGUAGE_CHOICES = [(code, language.native_name) for code, language in LANGUAGES.items()]
PARTNER_ROLE_LABELS = {
    PartnerRole.COMMISSIONER: _l("Commissioner: pays for the service and answers for it"),
    PartnerRole.OPERATOR: _l("Operator: delivers the service"),
    PartnerRole.PARTNER: _l("Partner: helps residents take part"),
}
PARTNER_ROLE_CHOICES = [(role.value, label) for role, label in PARTNER_ROLE_LABELS.items()]


def name_field(code):
    return StringField(
        LANGUAGES[code].native_name,
        filters=[single_line],
        validators=[
            Length(
                max=NAME_MAX, message=_l("The name must be %(n)d characters or fewer", n=NAME_MAX)
            )
        ],
    )


def description_field(code):
    message = _l("The description must be %(n)d characters or fewer", n=DESCRIPTION_MAX)
    return TextAreaField(
        LANGUAGES[code].native_name,
        filters=[clean_text, without_hidden_formatting],
        validators=[Length(max=DESCRIPTION_MAX, message=message)],
    )


class TextsPerLanguage:
    """A form mixin: name_<code> and description_<code> fields, one of each per language."""

    def name_fields(self):
        return [self[f"name_{code}"] for code in LANGUAGES]

    def description_fields(self):
        return [self[f"description_{code}"] for code in LANGUAGES]

    def texts(self, prefix):
        """{locale: text} of the `prefix` fields filled in."""
        fields = ((code, self[f"{prefix}_{code}"]) for code in LANGUAGES)
        return {code: field.data for code, field in fields if field.data}


def with_texts_per_language(form_class):
    """Add the fields TextsPerLanguage reads (WTForms forms take fields set after the class)."""
    for code in LANGUAGES:
        setattr(form_class, f"name_{code}", name_field(code))
        setattr(form_class, f"description_{code}", description_field(code))
    return form_class


@with_texts_per_language
class ServiceForm(TextsPerLanguage, StaffForm):
    slug = StringField(
        _l("Web address"),
        filters=[lambda value: value.strip().lower() if isinstance(value, str) else value],
        validators=[
            Regexp(
                SLUG_PATTERN,
                message=_l(
                    "Use only small letters a to z, digits and hyphens, like “home-support”"
                ),
            ),
            Length(
                min=3,
                max=SLUG_MAX,
                message=_l("The web address must be 3 to %(n)d characters long", n=SLUG_MAX),
            ),
            NoneOf(
                RESERVED_SLUGS,
                message=_l("This web address is kept for the staff pages: choose another"),
            ),
        ],
    )
    languages = MultiCheckboxField(
        _l("Languages residents may answer in"),
        choices=select_choices(LANGUAGE_CHOICES),
        validate_choice=False,
        validators=[
            Chosen(
                LANGUAGE_CHOICES,
                _l("Choose one of the languages listed"),
                required=_l("Choose at least one language"),
            )
        ],
    )
    retention_days = StringField(
        _l("Days the responses are kept (optional)"),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            Optional(),
            Regexp(r"^\d{1,5}$", message=_l("Enter a number of days, like 365")),
        ],
    )

    def check_together(self):
        ok = True
        days = self.retention_days.data
        if days and not self.retention_days.errors:
            low, high = RETENTION_RANGE
            if not low <= int(days) <= high:
                message = _l("Keep responses between %(low)d and %(high)d days", low=low, high=high)
                ok = self.fail(self.retention_days, message)
        if self.languages.errors:
            return False
        offered = self.languages.data
        if not any((self[f"name_{code}"].data or "").strip() for code in offered):
            first = self[f"name_{offered[0]}"] if offered else self.name_fields()[0]
            ok = self.fail(first, _l("Enter the name of the service in one of its languages"))
        return ok

    def settings(self):
        """The settings services.create_service and update_service take."""
        offered = [code for code in LANGUAGES if code in self.languages.data]
        return {
            "slug": self.slug.data,
            "name": self.texts("name"),
            "description": self.texts("description"),
            "languages": offered,
            "retention_days": int(self.retention_days.data) if self.retention_days.data else None,
        }

    @classmethod
    def of(cls, service):
        """The form filled with a service's settings."""
        data = {
            "slug": service.slug,
            "languages": list(service.languages),
            "retention_days": str(service.retention_days or ""),
        }
        for code in LANGUAGES:
            data[f"name_{code}"] = service.name.get(code, "")
            data[f"description_{code}"] = service.description.get(code, "")
        return cls(data=data)


class PartnerForm(StaffForm):
    organisation = choice_field(
        _l("Organisation"),
        [],
        _l("Choose one of the organisations listed"),
        required=_l("Choose an organisation"),
    )
    partner_role = choice_field(
        _l("Its part in the service"),
        PARTNER_ROLE_CHOICES,
        _l("Choose one of the parts listed"),
        required=_l("Choose its part in the service"),
    )

    def offering(self, organisations):
        """Only these organisations may be chosen; any other id was forged."""
        choices = [(str(o.id), o.name) for o in organisations]
        self.organisation.choices = select_choices(choices)
        self.organisation.validators = [
            Chosen(
                choices,
                _l("Choose one of the organisations listed"),
                required=_l("Choose an organisation"),
            )
        ]
        return self


class NewServiceForm(ServiceForm, PartnerForm):
    """A new service's settings, and which of your organisations runs it, in what part."""


class CopyForm(StaffForm):
    source = choice_field(_l("Copy from"), [], _l("Choose one of the services listed"))

    def offering(self, services):
        """Only services this person sets up may be copied from."""
        choices = [(s.slug, localized(s.name).text) for s in services]
        self.source.choices = select_choices(choices)
        self.source.validators = [
            Chosen(
                choices,
                _l("Choose one of the services listed"),
                required=_l("Choose the service to copy from"),
            )
        ]
        return self

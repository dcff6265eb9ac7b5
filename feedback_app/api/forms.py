"""The form that creates a personal token: a name, what it may do, where, and for how long."""

from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from ..feedback.fields import Chosen, MultiCheckboxField, choice_field, select_choices
from ..i18n import _l, localized
from ..inputs import single_line
from .tokens import DEFAULT_LIFETIME, LIFETIMES, SCOPE_LABELS

SCOPE_CHOICES = [(scope.value, label) for scope, label in SCOPE_LABELS.items()]
NOT_OFFERED = _l("Choose from the options listed")


def lifetime_label(days):
    return ngettext("%(num)d day", "%(num)d days", days)


class TokenForm(FlaskForm):
    name = StringField(
        _l("Name of the new token"),
        filters=[single_line],
        validators=[
            DataRequired(_l("Enter a name for the token, like the tool that will use it")),
            Length(max=100, message=_l("The name must be 100 characters or fewer")),
        ],
    )
    scopes = MultiCheckboxField(
        _l("What it may do"),
        choices=select_choices(SCOPE_CHOICES),
        validate_choice=False,
        validators=[
            Chosen(SCOPE_CHOICES, NOT_OFFERED, required=_l("Choose at least one thing it may do"))
        ],
    )
    services = MultiCheckboxField(_l("Services it may reach (optional)"), validate_choice=False)
    days = choice_field(_l("Expires after"), [], NOT_OFFERED)

    @classmethod
    def for_user(cls, services, **kwargs):
        """The form offering the services its owner may reach now, and the lifetimes."""
        form = cls(data={"days": str(DEFAULT_LIFETIME)}, **kwargs)
        service_choices = [(s.slug, localized(s.name).text) for s in services]
        form.services.choices = select_choices(service_choices)
        form.services.validators = [Chosen(service_choices, NOT_OFFERED)]
        lifetimes = [(str(days), lifetime_label(days)) for days in LIFETIMES]
        form.days.choices = select_choices(lifetimes)
        form.days.validators = [
            Chosen(lifetimes, NOT_OFFERED, required=_l("Choose when the token expires"))
        ]
        return form


class RevokeForm(FlaskForm):
    """No fields: the CSRF token is what protects revoking."""

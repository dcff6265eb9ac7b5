"""Staff forms: set a kiosk up; and the button a kiosk device is set up with."""

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Regexp

from ..feedback.fields import Chosen, MultiCheckboxField, choice_field, select_choices
from ..i18n import LANGUAGES, _l, localized
from ..inputs import single_line

LOCATION_MAX = 120
ENTER_A_PLACE = _l("Enter where the kiosk stands, like “Town hall, reception”")


class KioskForm(FlaskForm):
    location = StringField(
        _l("Where the kiosk stands"),
        filters=[single_line],
        validators=[
            DataRequired(ENTER_A_PLACE),
            Regexp(r"(?s).*\w", message=ENTER_A_PLACE),
            Length(
                max=LOCATION_MAX,
                message=_l("The place must be %(max)d characters or fewer", max=LOCATION_MAX),
            ),
        ],
    )
    default_locale = choice_field(
        _l("Language of its home screen"),
        [(code, language.native_name) for code, language in LANGUAGES.items()],
        _l("Choose one of the languages listed"),
        required=_l("Choose the language its home screen starts in"),
    )
    services = MultiCheckboxField(_l("Services it offers"), validate_choice=False)

    @classmethod
    def offering(cls, services, current):
        """The form for the services this person may put on a kiosk, `current` ticked."""
        form = cls(data={"services": [current.slug]})
        choices = [(s.slug, localized(s.name).text) for s in services]
        form.services.choices = select_choices(choices)
        form.services.validators = [
            Chosen(
                choices,
                _l("Choose one of the services listed"),
                required=_l("Choose at least one service for the kiosk to offer"),
            )
        ]
        return form


class ConfirmForm(FlaskForm):
    """No fields: the CSRF token is what protects the action."""

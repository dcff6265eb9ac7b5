"""The facilitators' forms (workshop, agenda, console, paper import), built on the residents'
fields so every bad value is explained; the participants' are in participant_forms.py."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from ..feedback.fields import (
    Chosen,
    MultiCheckboxField,
    ResidentForm,
    choice_field,
    clean_text,
    select_choices,
)
from ..i18n import LANGUAGES, LocalizedText, _l
from ..inputs import single_line, without_hidden_formatting
from .models import ActivityKind, ActivityStatus

LIST_LIMIT = 10
ACTIVITY_TEMPLATES = [
    (ActivityKind.JOURNEY_MAP.value, _l("Journey mapping on the service's stages")),
    (ActivityKind.IDEA_WALL.value, _l("Idea wall (“How might we …?”)")),
    (ActivityKind.DOT_VOTE.value, _l("Dot voting on an earlier activity's cards")),
    (ActivityKind.RATING_ROUND.value, _l("Rating round of options or a prototype")),
]
YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]
LANGUAGE_CHOICES = [
    (code, LocalizedText(language.native_name, code, False)) for code, language in LANGUAGES.items()
]
DATE_MESSAGE = _l("Enter the date as year-month-day")


class DayField(DateField):
    """A date typed as year-month-day; anything else is explained in the user's language."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(str(DATE_MESSAGE)) from None


def _lines(value):
    """One item a line, blank lines dropped; for the options and criteria of a rating round."""
    lines = [single_line(line) for line in (value or "").splitlines()]
    return [line for line in lines if line]


class WorkshopForm(ResidentForm):
    title = StringField(
        _l("Title"),
        filters=[single_line],
        validators=[
            DataRequired(_l("Enter a title for the workshop")),
            Length(max=120, message=_l("The title must be %(max)d characters or fewer")),
        ],
    )
    held_on = DayField(_l("Date"), validators=[InputRequired(DATE_MESSAGE)])
    place = StringField(
        _l("Place (optional)"),
        filters=[single_line],
        validators=[Length(max=120, message=_l("The place must be %(max)d characters or fewer"))],
    )
    languages = MultiCheckboxField(
        _l("Languages offered"),
        choices=select_choices(LANGUAGE_CHOICES),
        validate_choice=False,
        validators=[
            Chosen(
                LANGUAGE_CHOICES,
                _l("Choose languages from the list"),
                required=_l("Choose at least one language"),
            )
        ],
    )
    accessibility_note = TextAreaField(
        _l("Accessibility (optional)"),
        filters=[clean_text, without_hidden_formatting],
        validators=[Length(max=500, message=_l("Keep this to %(max)d characters or fewer"))],
    )

    def details(self):
        """The Workshop columns this form sets."""
        return {
            "title": self.title.data,
            "held_on": self.held_on.data,
            "place": self.place.data or None,
            "online": not self.place.data,
            "languages": [code for code in LANGUAGES if code in self.languages.data],
            "accessibility_note": self.accessibility_note.data or None,
        }


class ActivityForm(ResidentForm):
    kind = choice_field(
        _l("Activity"),
        ACTIVITY_TEMPLATES,
        _l("Choose one of the activities listed"),
        required=_l("Choose an activity to add"),
    )
    prompt = StringField(
        _l("Prompt shown to participants (optional)"),
        filters=[single_line],
        validators=[Length(max=300, message=_l("The prompt must be %(max)d characters or fewer"))],
    )
    dots = IntegerField(
        _l("Dots per participant"),
        default=5,
        validators=[
            Optional(),
            NumberRange(1, 20, message=_l("Give each participant from 1 to 20 dots")),
        ],
    )
    multiple = choice_field(
        _l("May someone put more than one dot on a card?"), YES_NO, _l("Choose yes or no")
    )
    source = SelectField(_l("Cards to vote on"), coerce=str, validate_choice=False)
    options = TextAreaField(_l("Options to rate, one a line"))
    criteria = TextAreaField(_l("Criteria, one a line"))

    @classmethod
    def for_workshop(cls, sources, **kwargs):
        form = cls(**kwargs)
        form.source.choices = [("", _l("Choose an activity"))] + [
            (str(a.id), f"{a.position}. {a.prompt or kind_label(a.kind)}") for a in sources
        ]
        form.source_ids = {str(a.id) for a in sources}
        return form

    def check_together(self):
        if self.kind.data == ActivityKind.DOT_VOTE and self.source.data not in self.source_ids:
            return self.fail(self.source, _l("Choose the activity whose cards are voted on"))
        if self.kind.data == ActivityKind.RATING_ROUND:
            return self._check_list(self.options, _l("Name at least one option to rate")) and (
                self._check_list(self.criteria, _l("Name at least one criterion"))
            )
        return True

    def _check_list(self, field, missing):
        items = _lines(field.data)
        if not items:
            return self.fail(field, missing)
        if len(items) > LIST_LIMIT or any(len(item) > 120 for item in items):
            return self.fail(field, _l("Give at most 10 lines of at most 120 characters"))
        return True

    def settings(self):
        """The Activity columns this form sets for its kind."""
        settings = {"prompt": self.prompt.data or ""}
        if self.kind.data == ActivityKind.DOT_VOTE:
            settings.update(
                dots_per_participant=self.dots.data or 5,
                multiple_dots_per_card=self.multiple.data == "yes",
                source_activity_id=int(self.source.data),
            )
        if self.kind.data == ActivityKind.RATING_ROUND:
            settings.update(options=_lines(self.options.data), criteria=_lines(self.criteria.data))
        return settings


STATUS_LABELS = {
    ActivityStatus.DRAFT: _l("Not open yet"),
    ActivityStatus.OPEN: _l("Open for input"),
    ActivityStatus.CLOSED: _l("Closed"),
}


def kind_label(kind):
    return dict(ACTIVITY_TEMPLATES)[str(kind)]


def activity_title(activity):
    """ "2. How might we …?", or the template's name when the facilitator gave no prompt."""
    return f"{activity.position}. {activity.prompt or kind_label(activity.kind)}"


class HideForm(ResidentForm):
    reason = StringField(
        _l("Why hide it?"),
        filters=[single_line],
        validators=[
            DataRequired(_l("Say why the card is hidden")),
            Length(max=200, message=_l("The reason must be %(max)d characters or fewer")),
        ],
    )


class MergeForm(ResidentForm):
    into = SelectField(_l("Merge into"), coerce=str, validate_choice=False)

    @classmethod
    def for_card(cls, card, others, **kwargs):
        form = cls(prefix=f"merge-{card.id}", **kwargs)
        form.into.choices = [(str(other.id), other.text[:60]) for other in others]
        return form


class ConfirmForm(ResidentForm):
    """No fields: the CSRF token is what protects the action."""


class PaperForm(FlaskForm):
    """A plain FlaskForm: the residents' forms keep text only, and this one carries a file."""

    file = FileField(
        _l("Typed-in paper forms (CSV)"),
        validators=[FileRequired(_l("Choose a CSV file to upload"))],
    )

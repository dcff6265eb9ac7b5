"""Forms of the workshops: the facilitator's (workshop, agenda, console) and the participants'
(join, card, dot, rating), all built on the residents' fields so every bad value is explained."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..feedback.choices import EMOTIONS
from ..feedback.fields import (
    Chosen,
    CountedTextAreaField,
    MultiCheckboxField,
    ResidentForm,
    choice_field,
    clean_text,
    select_choices,
)
from ..i18n import LANGUAGES, LocalizedText, _l, localized
from ..inputs import single_line
from . import codes
from .models import ActivityKind, ActivityStatus, CardKind

CARD_LIMIT = 280
LIST_LIMIT = 10
ACTIVITY_TEMPLATES = [
    (ActivityKind.JOURNEY_MAP.value, _l("Journey mapping on the service's stages")),
    (ActivityKind.IDEA_WALL.value, _l("Idea wall (“How might we …?”)")),
    (ActivityKind.DOT_VOTE.value, _l("Dot voting on an earlier activity's cards")),
    (ActivityKind.RATING_ROUND.value, _l("Rating round of options or a prototype")),
]
CARD_KINDS = [
    (CardKind.STEP.value, _l("A step I took")),
    (CardKind.PAIN.value, _l("A pain point")),
    (CardKind.IDEA.value, _l("An idea")),
]
YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]
EMOTION_CHOICES = [(str(value), label) for value, label in EMOTIONS]
LANGUAGE_CHOICES = [
    (code, LocalizedText(language.native_name, code, False)) for code, language in LANGUAGES.items()
]
CODE_MESSAGE = _l("Enter the 6-character code shown by the facilitator, like K7M 4PQ")
DATE_MESSAGE = _l("Enter the date as year-month-day")
UNKNOWN_CODE = _l("No workshop has this code. Check it with the facilitator and try again.")


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
        filters=[clean_text],
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


def _join_code(form, field):
    if not (field.data or "").strip():
        raise ValidationError(str(CODE_MESSAGE))
    field.data = codes.normalize(field.data)
    if field.data is None:
        raise ValidationError(str(CODE_MESSAGE))


class JoinCodeForm(ResidentForm):
    code = StringField(_l("Workshop code"), filters=[clean_text], validators=[_join_code])


class JoinForm(ResidentForm):
    language = choice_field(
        _l("Your language"),
        LANGUAGE_CHOICES,
        _l("Choose one of the languages listed"),
        required=_l("Choose your language"),
    )
    display_name = StringField(
        _l("Your name on the board (optional)"),
        filters=[single_line],
        validators=[Length(max=60, message=_l("Your name must be %(max)d characters or fewer"))],
    )

    @classmethod
    def for_workshop(cls, workshop, **kwargs):
        form = cls(**kwargs)
        offered = [c for c in LANGUAGE_CHOICES if c[0] in (workshop.languages or LANGUAGES)]
        form.language.choices = select_choices(offered)
        form.language.validators = [
            Chosen(
                offered,
                _l("Choose one of the languages listed"),
                required=_l("Choose your language"),
            )
        ]
        return form


class CardForm(ResidentForm):
    text = CountedTextAreaField(
        _l("Your card"),
        limit=CARD_LIMIT,
        message=_l("A card must be %(max)d characters or fewer"),
    )
    kind = choice_field(
        _l("What is it?"),
        CARD_KINDS,
        _l("Choose what the card is from the list"),
        required=_l("Choose what the card is"),
    )
    stage = choice_field(_l("Stage"), [], _l("Choose a stage from the list"))
    emotion = choice_field(
        _l("How did it feel? (optional)"), EMOTION_CHOICES, _l("Choose how it felt from the list")
    )

    @classmethod
    def for_activity(cls, activity, **kwargs):
        """Journey cards go on the service's stages; on an idea wall every card is an idea."""
        form = cls(**kwargs)
        journey = activity.workshop.service.journey
        stages = [(s.code, localized(s.name)) for s in (journey.stages if journey else [])]
        form.stage.choices = select_choices(stages)
        form.stage.validators = [
            Chosen(stages, _l("Choose a stage from the list"), required=_l("Choose a stage"))
        ]
        form.is_journey = activity.kind == ActivityKind.JOURNEY_MAP
        if not form.is_journey:
            form.kind.data = CardKind.IDEA.value
            form.stage.validators = form.emotion.validators = []
        return form

    def validate_text(self, field):
        if not field.data:
            raise ValidationError(str(_l("Write something on your card")))


def _card_id(form, field):
    """A card id is a number; anything else was forged, and is told like a missing choice."""
    if not (field.data or "").isdigit() or len(field.data) > 12:
        raise ValidationError(str(_l("Choose a card from the list")))
    field.data = int(field.data)


class VoteForm(ResidentForm):
    card = StringField(validators=[_card_id])


def rating_field_name(option, criterion):
    return f"r_{option}_{criterion}"


class RatingForm(ResidentForm):
    @classmethod
    def for_activity(cls, activity, values=None, **kwargs):
        """One radio group (the residents' five steps) per option and criterion."""
        form_class = type("RatingForm", (cls,), {})
        message = _l("Choose a rating from the list")
        for o, _option in enumerate(activity.options):
            for c, _criterion in enumerate(activity.criteria):
                field = choice_field(activity.criteria[c], EMOTION_CHOICES, message)
                setattr(form_class, rating_field_name(o, c), field)
        return form_class(data=values or {}, **kwargs)

    def to_values(self):
        """{(option, criterion): value} for every rating given."""
        return {
            tuple(int(n) for n in name.split("_")[1:]): int(field.data)
            for name, field in self._fields.items()
            if name.startswith("r_") and field.data
        }


class PaperForm(FlaskForm):
    """A plain FlaskForm: the residents' forms keep text only, and this one carries a file."""

    file = FileField(
        _l("Typed-in paper forms (CSV)"),
        validators=[FileRequired(_l("Choose a CSV file to upload"))],
    )

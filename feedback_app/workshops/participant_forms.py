"""The participants' forms: joining, cards, dots and ratings, and the residents' own consented
questions about them and the service's rating questions, with the residents' fields, choices and
messages (a helper typing for someone uses the same ones)."""

from wtforms import SelectField, StringField
from wtforms.validators import Length, ValidationError

from ..feedback.choices import EMOTIONS
from ..feedback.drafts import ABOUT_YOU, ACTIVITIES, CONSENT, NOTICE, RATINGS
from ..feedback.fields import (
    Chosen,
    CountedTextAreaField,
    ResidentForm,
    choice_field,
    clean_text,
    select_choices,
)
from ..feedback.forms import AboutYouForm, ActivitiesForm, ConsentForm
from ..feedback.forms import RatingForm as ServiceRatingForm
from ..feedback.submit import ABOUT_YOU_FIELDS, ACTIVITY_FIELDS
from ..i18n import LANGUAGES, _l, localized
from ..inputs import single_line
from ..privacy.notice import privacy_notice_version
from . import codes
from .forms import LANGUAGE_CHOICES
from .models import ActivityKind, CardKind

CARD_LIMIT = 280
CARD_KINDS = [
    (CardKind.STEP.value, _l("A step I took")),
    (CardKind.PAIN.value, _l("A pain point")),
    (CardKind.IDEA.value, _l("An idea")),
]
EMOTION_CHOICES = [(str(value), label) for value, label in EMOTIONS]
CODE_MESSAGE = _l("Enter the 6-character code shown by the facilitator, like K7M 4PQ")
UNKNOWN_CODE = _l("No workshop has this code. Check it with the facilitator and try again.")


def _join_code(form, field):
    if not (field.data or "").strip():
        raise ValidationError(str(CODE_MESSAGE))
    code = codes.normalize(field.data)
    if code is None:
        # field.data keeps what was typed, so the form shows it again to be corrected.
        raise ValidationError(str(CODE_MESSAGE))
    field.data = code


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


class VoiceForm(ServiceRatingForm, ConsentForm, AboutYouForm, ActivitiesForm):
    """Consent first; the questions about the participant are kept only if they say yes."""

    def to_draft(self):
        """The answers in the shape of a resident's draft, for feedback.submit.build_response."""
        given = self.filled_in()
        return {
            CONSENT: self.consent.data,
            # The notice is linked from every page's footer, this one's too.
            NOTICE: privacy_notice_version() if self.consent.data == "yes" else None,
            RATINGS: self.to_answers(),
            ABOUT_YOU: {name: given[name] for name in ABOUT_YOU_FIELDS if name in given},
            ACTIVITIES: {name: given[name] for name in ACTIVITY_FIELDS if name in given},
        }


class MoveForm(ResidentForm):
    """Move a journey card to another stage: a list and a button, never dragging (WCAG 2.5.7)."""

    stage = SelectField(_l("Move to stage"), coerce=str, validate_choice=False)

    @classmethod
    def for_card(cls, card, stages, **kwargs):
        form = cls(prefix=f"move-{card.id}", **kwargs)
        form.stage.choices = [(stage.code, localized(stage.name)) for stage in stages]
        if not form.is_submitted():
            form.stage.data = next((s.code for s in stages if s.id == card.stage_id), None)
        return form

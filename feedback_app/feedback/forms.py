"""The residents' forms: every field optional unless it must not be, every bad value explained."""

from wtforms import HiddenField, StringField
from wtforms.validators import Length, StopValidation, ValidationError

from ..i18n import LANGUAGES, LocalizedText, _l, localized
from .choices import (
    AGE_BANDS,
    BARRIERS,
    EMOTIONS,
    GENDERS,
    NOT_APPLICABLE_ICON,
    PREFER_NOT_TO_SAY,
    RURALITY,
    WENT_THROUGH,
    WG_ANSWERS,
    WG_DOMAINS,
    faces_for,
)
from .fields import (
    Chosen,
    CountedTextAreaField,
    MultiCheckboxField,
    ResidentForm,
    choice_field,
    clean_text,
    select_choices,
)
from .receipts import RECEIPT_ALPHABET, RECEIPT_LENGTH, normalise_receipt_code
from .stories import stage_story

NOT_APPLICABLE = "na"
STAGE_TEXT_LIMIT = 1000
COMMENT_LIMIT = 2000
SELF_DESCRIPTION_LIMIT = 100
OTHER_LANGUAGE = "other"
PREFERRED_LANGUAGES = [
    *(
        (code, LocalizedText(language.native_name, code, False))
        for code, language in LANGUAGES.items()
    ),
    (OTHER_LANGUAGE, _l("Another language")),
    (PREFER_NOT_TO_SAY, _l("Prefer not to say")),
]

# Only for a value the page does not offer: the question itself is optional.
WENT_THROUGH_INVALID = _l("Select whether you have been through this stage")
SELF_DESCRIPTION_WITHOUT_CHOICE = _l(
    "Select “I describe myself another way” if you want to describe your gender"
)
CONSENT_MISSING = _l("Select whether you want to answer questions about you")
RECEIPT_MISSING = _l("Enter your receipt code")
RECEIPT_MALFORMED = _l("Enter the receipt code exactly as it was shown to you, like ABCD-EFGH-JK")
RECEIPT_NOT_FOUND = _l(
    "No feedback has this receipt code. Check the code and try again, or ask the service for help."
)


def rating_field_name(question):
    return f"rating_{question.code}"


def rating_options(question):
    """(value, label) for each point of the question's scale, then "Does not apply"."""
    labels = localized(question.options)
    options = [
        (str(value), LocalizedText(label, labels.lang, labels.is_fallback))
        for value, label in zip(question.values, labels.text or [], strict=False)
    ]
    if question.allows_not_applicable:
        options.append((NOT_APPLICABLE, _l("Does not apply")))
    return options


def rating_icons(question):
    """Easy read's picture for each answer of the question's scale, "Does not apply" included."""
    return {**faces_for(question.values), NOT_APPLICABLE: NOT_APPLICABLE_ICON}


def _rating_field(question):
    text = localized(question.text)
    message = _l("Select one of the answers shown for “%(question)s”", question=text.text)
    return choice_field(text, rating_options(question), message)


class RatingForm(ResidentForm):
    questions = ()

    @classmethod
    def for_questions(cls, questions, answers=None, **kwargs):
        """A form with one radio group per question, prefilled from {code: value}."""
        form_class = type("RatingForm", (cls,), {"questions": tuple(questions)})
        for question in questions:
            setattr(form_class, rating_field_name(question), _rating_field(question))
        data = {rating_field_name(q): (answers or {}).get(q.code) for q in questions}
        return form_class(data=data, **kwargs)

    def rating_fields(self):
        return [(question, self[rating_field_name(question)]) for question in self.questions]

    @staticmethod
    def icons(question):
        return rating_icons(question)

    def to_answers(self):
        return {q.code: field.data for q, field in self.rating_fields() if field.data}


class StageForm(ResidentForm):
    """Every question optional; a feeling or barriers given with "Not yet" or "No" are not kept."""

    went_through = choice_field(
        _l("Have you been through this stage?"), WENT_THROUGH, WENT_THROUGH_INVALID
    )
    emotion = choice_field(
        _l("How did it feel?"),
        [(str(value), label) for value, label in EMOTIONS],
        _l("Select how it felt from the answers shown"),
    )
    barriers = MultiCheckboxField(
        _l("What got in the way?"),
        choices=select_choices(BARRIERS),
        validate_choice=False,
        validators=[Chosen(BARRIERS, _l("Select what got in the way from the answers shown"))],
    )
    text = CountedTextAreaField(
        _l("What happened? (optional)"),
        limit=STAGE_TEXT_LIMIT,
        message=_l("What happened must be %(max)d characters or fewer"),
    )

    @staticmethod
    def emotion_icons():
        return faces_for(value for value, _label in EMOTIONS)

    def to_answers(self):
        chosen = self.barriers.data or []
        return stage_story(
            self.went_through.data,
            self.emotion.data,
            [code for code, _label in BARRIERS if code in chosen],
            self.text.data,
        )


class CommentForm(ResidentForm):
    comment = CountedTextAreaField(
        _l("Is there anything else you want to tell us? (optional)"),
        limit=COMMENT_LIMIT,
        message=_l("Your comment must be %(max)d characters or fewer"),
    )

    def to_answers(self):
        return self.comment.data or None


CONSENT_CHOICES = [
    ("yes", _l("Yes, I will answer questions about me")),
    ("no", _l("No, skip these questions")),
]


class ConsentForm(ResidentForm):
    consent = choice_field(
        _l("Do you want to answer questions about you?"),
        CONSENT_CHOICES,
        CONSENT_MISSING,
        required=CONSENT_MISSING,
    )


def _wg_field(domain):
    question = dict(WG_DOMAINS)[domain]
    return choice_field(question, WG_ANSWERS, _l("Select one of the answers shown"))


class AboutYouForm(ResidentForm):
    age_band = choice_field(
        _l("How old are you?"), AGE_BANDS, _l("Select your age group from the answers shown")
    )
    gender = choice_field(
        _l("What is your gender?"), GENDERS, _l("Select your gender from the answers shown")
    )
    gender_self_description = StringField(
        _l("If you describe yourself another way, you can say how (optional)"),
        filters=[clean_text],
        validators=[
            Length(
                max=SELF_DESCRIPTION_LIMIT,
                message=_l("Your description must be %(max)d characters or fewer"),
            )
        ],
    )
    rurality = choice_field(
        _l("Where do you live?"), RURALITY, _l("Select where you live from the answers shown")
    )
    preferred_language = choice_field(
        _l("Which language do you prefer to use?"),
        PREFERRED_LANGUAGES,
        _l("Select a language from the answers shown"),
    )

    def check_together(self):
        described = self.gender_self_description.data
        if described and self.gender.data != "self_describe" and not self.gender.errors:
            return self.fail(self.gender_self_description, SELF_DESCRIPTION_WITHOUT_CHOICE)
        return True

    def to_answers(self):
        return self.filled_in()


class ActivitiesForm(ResidentForm):
    """The Washington Group Short Set, one question per domain, in its order."""

    wg_seeing = _wg_field("seeing")
    wg_hearing = _wg_field("hearing")
    wg_mobility = _wg_field("mobility")
    wg_cognition = _wg_field("cognition")
    wg_self_care = _wg_field("self_care")
    wg_communication = _wg_field("communication")

    def to_answers(self):
        return self.filled_in()


class CheckForm(ResidentForm):
    client_key = HiddenField()


def _receipt_code_format(form, field):
    code = normalise_receipt_code(field.data)
    if not code:
        raise StopValidation(str(RECEIPT_MISSING))
    if len(code) != RECEIPT_LENGTH or any(ch not in RECEIPT_ALPHABET for ch in code):
        raise ValidationError(str(RECEIPT_MALFORMED))


class ReceiptForm(ResidentForm):
    code = StringField(_l("Receipt code"), filters=[clean_text], validators=[_receipt_code_format])


class WithdrawForm(ResidentForm):
    """Only the CSRF token: the confirmation is the button itself."""

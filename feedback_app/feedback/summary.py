"""What a resident said, as labelled rows: for "Check your answers" and for the receipt page.

Both read the same {section: answers} shape, whether from a draft or a stored response.
"""

from dataclasses import dataclass, field

from flask_babel import gettext as _

from ..i18n import _l, localized
from . import flow
from .choices import AGE_BANDS, BARRIERS, EMOTIONS, GENDERS, RURALITY, WENT_THROUGH, WG_ANSWERS
from .choices import WG_DOMAINS as WG
from .drafts import ABOUT_YOU, ACTIVITIES, COMMENT, CONSENT, RATINGS, consent_given, stage_key
from .forms import CONSENT_CHOICES, PREFERRED_LANGUAGES, rating_field_name, rating_options

NOT_ANSWERED = _l("Not answered")
# (draft key, field, summary key, choices or None for the resident's own words)
ABOUT_YOU_ROWS = [
    (ABOUT_YOU, "age_band", _l("Age"), AGE_BANDS),
    (ABOUT_YOU, "gender", _l("Gender"), GENDERS),
    (ABOUT_YOU, "gender_self_description", _l("Gender in your own words"), None),
    (ABOUT_YOU, "rurality", _l("Where you live"), RURALITY),
    (ABOUT_YOU, "preferred_language", _l("Preferred language"), PREFERRED_LANGUAGES),
    *((ACTIVITIES, f"wg_{code}", question, WG_ANSWERS) for code, question in WG),
]
STEPS = {ABOUT_YOU: flow.ABOUT_YOU, ACTIVITIES: flow.ACTIVITIES}


@dataclass(frozen=True)
class Line:
    """One line of an answer; `written` marks the resident's own words (direction: auto)."""

    text: object
    written: bool = False


@dataclass(frozen=True)
class Row:
    key: object
    lines: list[Line]
    step: flow.Step | None = None
    anchor: str = ""


@dataclass(frozen=True)
class Section:
    title: object
    rows: list[Row] = field(default_factory=list)


def _label(choices, value):
    return dict((str(code), label) for code, label in choices).get(str(value), value)


def _rating_rows(service, ratings):
    rows = []
    for question in flow.questions_of(service):
        value = ratings.get(question.code)
        text = _label(rating_options(question), value) if value else NOT_ANSWERED
        anchor = f"{rating_field_name(question)}-0"
        rows.append(Row(localized(question.text), [Line(text)], flow.RATE, anchor))
    return rows


def _stage_lines(story):
    if not story:
        return [Line(NOT_ANSWERED)]
    lines = []
    if story.get("went_through"):
        went_through = _label(WENT_THROUGH, story["went_through"])
        lines.append(Line(_("Been through it: %(answer)s", answer=went_through)))
    if story.get("emotion") is not None:
        lines.append(Line(_("How it felt: %(answer)s", answer=_label(EMOTIONS, story["emotion"]))))
    if story.get("barriers"):
        names = ", ".join(str(_label(BARRIERS, code)) for code in story["barriers"])
        lines.append(Line(_("What got in the way: %(answer)s", answer=names)))
    if story.get("text"):
        lines.append(Line(story["text"], written=True))
    return lines


def _stage_rows(service, answers):
    return [
        Row(
            localized(stage.name),
            _stage_lines(answers.get(stage_key(stage.code))),
            flow.Step("stage", stage.code),
            "went_through-0",
        )
        for stage in flow.stages_of(service)
    ]


def _about_you_rows(answers):
    consent = answers.get(CONSENT)
    rows = [
        Row(
            _("Answer questions about you"),
            [Line(_label(CONSENT_CHOICES, consent) if consent else NOT_ANSWERED)],
            flow.CONSENT,
            "consent-0",
        )
    ]
    if not consent_given(answers):
        return rows
    for section, name, key, choices in ABOUT_YOU_ROWS:
        value = answers.get(section, {}).get(name)
        text = (_label(choices, value) if choices else value) if value else NOT_ANSWERED
        anchor = name if choices is None else f"{name}-0"
        line = Line(text, written=choices is None and bool(value))
        rows.append(Row(key, [line], STEPS[section], anchor))
    return rows


def summary_sections(service, answers):
    """Sections of rows, each row knowing the step (and field) where it can be changed."""
    sections = []
    if flow.questions_of(service):
        sections.append(Section(_("Your ratings"), _rating_rows(service, answers.get(RATINGS, {}))))
    if flow.stages_of(service):
        sections.append(Section(_("Your journey"), _stage_rows(service, answers)))
    comment = answers.get(COMMENT)
    comment_line = Line(comment, written=True) if comment else Line(_("No comment"))
    sections.append(
        Section(_("Your comment"), [Row(_("Comment"), [comment_line], flow.COMMENT, "comment")])
    )
    sections.append(Section(_("About you"), _about_you_rows(answers)))
    return sections


def has_answers(answers):
    """Whether there is anything worth sending: a rating, a stage story or a comment."""
    return any(key in (RATINGS, COMMENT) or key.startswith("stage:") for key in answers)

"""Words for the codes the analysis returns, and the plain sentences built from its numbers.

Everything here is translated at display time; numbers go through Babel so that a French
analyst reads "58 %" and an Arabic one reads the digits and signs of her locale.
"""

from datetime import date

import pandas as pd
from babel import Locale, UnknownLocaleError
from flask_babel import format_date, format_decimal, format_percent, get_locale, gettext, ngettext

from ..feedback.choices import AGE_BANDS, BARRIERS, GENDERS, RURALITY
from ..i18n import _l, localized
from .filters import CHANNEL_LABELS, DIMENSION_LABELS, service_questions

# Short names of the standard question bank, for sentences; other questions use their text.
OUTCOME_NAMES = {
    "a11_satisfaction": _l("satisfaction"),
    "a11_trust": _l("trust"),
    "a11_effectiveness": _l("needs being met"),
    "a11_ease": _l("ease"),
    "a11_efficiency": _l("time taken"),
    "a11_equity": _l("fair treatment"),
    "a11_employee": _l("helpful staff"),
    "csat": _l("overall satisfaction"),
    "ces": _l("effort"),
}
VALUE_LABELS = {
    "age_band": dict(AGE_BANDS),
    "gender": dict(GENDERS),
    "rurality": dict(RURALITY),
    "disability": {"yes": _l("Yes"), "no": _l("No")},
}
# Phrases that complete "People …": "People aged 75 or over", "People living in a village".
DESCRIPTIONS = {
    "gender": {
        "woman": _l("who are women"),
        "man": _l("who are men"),
        "non_binary": _l("who are non-binary"),
        "self_describe": _l("who describe their gender another way"),
    },
    "disability": {"yes": _l("with a disability"), "no": _l("without a disability")},
    "rurality": {
        "large_city": _l("living in a large city"),
        "town": _l("living in a town"),
        "village": _l("living in a village"),
        "countryside": _l("living in the countryside"),
    },
}
SEVERITY_LABELS = {"small": _l("small"), "medium": _l("medium"), "large": _l("large")}
STATUS_LABELS = {
    "gap": _l("Gap"),
    "no gap": _l("No gap"),
    "insufficient n": _l("Too few people to test"),
    "suppressed": _l("Hidden: fewer than 10 people"),
    "under-represented": _l("Under-represented"),
    "over-represented": _l("Over-represented"),
    "ok": _l("In proportion"),
    "not in reference": _l("Not in the reference"),
}
BARRIER_LABELS = dict(BARRIERS)
KIND_LABELS = {
    "gap": _l("Equity gap"),
    "journey": _l("Journey"),
    "representation": _l("Who took part"),
    "theme": _l("Comment theme"),
    "workshop": _l("Workshop"),
}
# What a workshop card was, for the sentence of an insight sent from a workshop.
CARD_KIND_WORDS = {"pain": _l("pain point"), "idea": _l("idea"), "step": _l("step")}


def percent(share):
    return "–" if _missing(share) else format_percent(share)


def number(value, pattern="#,##0.##"):
    return "–" if _missing(value) else format_decimal(value, pattern)


def signed(value, places=2):
    """+0.57 / −0.22: the sign always shown, a true minus sign."""
    if _missing(value):
        return "–"
    digits = "0" * places
    return format_decimal(value, f"+#,##0.{digits};−#,##0.{digits}")


def q_text(q):
    """ "q = 0.002", or "q < 0.001" for smaller values, in the reader's number format."""
    if _missing(q):
        return "–"
    if q < 0.001:
        return gettext("q < %(value)s", value=format_decimal(0.001, "0.###"))
    return gettext("q = %(value)s", value=format_decimal(q, "0.###"))


def language_name(code):
    """ "Spanish" for "es" in the reader's language; "several languages" for ""."""
    if not code:
        return gettext("several languages")
    try:
        return Locale.parse(code).get_display_name(get_locale()) or code
    except (ValueError, UnknownLocaleError):
        return code


def _missing(value):
    return value is None or bool(pd.isna(value))


def parts(segment):
    return [tuple(p.split("=", 1)) for p in str(segment).split(" & ") if "=" in p]


class Vocabulary:
    """The names of one service's outcomes and stages, and of every group, in the UI language."""

    def __init__(self, service):
        questions = service_questions(service)
        self.questions = {q.code: localized(q.text).text for q in questions}
        self.scale_max = {q.code: q.scale_max for q in questions}
        stages = service.journey.stages if service.journey else []
        self.stages = {s.code: localized(s.name).text for s in stages}

    def outcome(self, code):
        """A short name for sentences ("ease"), else the question's own text."""
        return str(OUTCOME_NAMES.get(code) or self.questions.get(code, code))

    def question(self, code):
        return self.questions.get(code, code)

    def stage(self, code):
        return self.stages.get(code, code)

    @staticmethod
    def dimension(code):
        return str(DIMENSION_LABELS.get(code, code))

    @staticmethod
    def value(dimension, value):
        return str(VALUE_LABELS.get(dimension, {}).get(value, value))

    def group(self, segment):
        """A short label for tables: "Age: 75 or over · Where people live: A village"."""
        if str(segment) == "all":
            return gettext("Everyone")
        return " · ".join(
            gettext(
                "%(dimension)s: %(value)s",
                dimension=self.dimension(dimension),
                value=self.value(dimension, value),
            )
            for dimension, value in parts(segment)
        )

    def people(self, segment):
        """A phrase for sentences: "People with a disability and living in a village"."""
        descriptions = [_description(dimension, value) for dimension, value in parts(segment)]
        if not descriptions:
            return gettext("Everyone")
        if len(descriptions) == 1:
            return gettext("People %(description)s", description=descriptions[0])
        return gettext(
            "People %(first)s and %(second)s",
            first=", ".join(descriptions[:-1]),
            second=descriptions[-1],
        )

    @staticmethod
    def channel(code):
        return str(CHANNEL_LABELS.get(code, code))

    @staticmethod
    def barrier(code):
        return str(BARRIER_LABELS.get(code, code))


def _description(dimension, value):
    if dimension == "age_band":
        return gettext("aged %(band)s", band=VALUE_LABELS["age_band"].get(value, value))
    phrase = DESCRIPTIONS.get(dimension, {}).get(value)
    if phrase is None:
        return gettext(
            "whose %(dimension)s is %(value)s",
            dimension=DIMENSION_LABELS.get(dimension, dimension),
            value=value,
        )
    return str(phrase)


def gap_sentence(words, row):
    """ "People … rate ease lower: 58% gave one of the top two answers against 81% …"."""
    return gettext(
        "%(group)s rate “%(outcome)s” lower: %(share)s gave one of the two best answers, "
        "against %(rest_share)s of everyone else (95%% confidence interval %(low)s to "
        "%(high)s); %(size)s gap, %(q)s.",
        group=words.people(row["segment"]),
        outcome=words.outcome(row["outcome"]),
        share=percent(row["top2"]),
        rest_share=percent(row["rest_top2"]),
        low=percent(row["top2_ci_low"]),
        high=percent(row["top2_ci_high"]),
        size=SEVERITY_LABELS.get(row["severity"], row["severity"]),
        q=q_text(row["q_value"]),
    )


def representation_sentence(words, row):
    """ "People aged 75 or over are 4% of respondents but 9% of residents"."""
    return gettext(
        "%(group)s are %(share)s of respondents but %(reference)s of residents.",
        group=words.people(f"{row['dimension']}={row['group']}"),
        share=percent(row["share"]),
        reference=percent(row["reference_share"]),
    )


def insight_sentence(words, row):
    """The reason of a prioritized insight, in the reader's language."""
    params = dict(row.get("reason_params") or {})
    segment, outcome = params.get("segment", ""), params.get("outcome", "")
    common = {
        "group": words.people(segment),
        "outcome": words.outcome(outcome),
        "stage": words.stage(outcome),
        "size": SEVERITY_LABELS.get(params.get("severity"), ""),
        "q": q_text(params.get("q_value")),
        "n": number(params.get("n"), "#,##0"),
    }
    key = row.get("reason_key")
    if key == "workshop":
        return workshop_sentence(words, row)
    if key == "under_represented":
        dimension, _, group = segment.partition("=")
        return representation_sentence(words, {"dimension": dimension, "group": group, **params})
    if key == "theme":
        return gettext(
            "Comments about “%(terms)s” make up %(share)s of all comments (%(n)s comments).",
            terms=params.get("top_terms", ""),
            share=percent(params.get("share")),
            n=common["n"],
        )
    if key == "pain_point":
        return gettext(
            "The “%(stage)s” stage feels bad for everyone: mean feeling %(mean)s on a scale "
            "from −2 to +2 (%(n)s people).",
            stage=common["stage"],
            mean=signed(params.get("mean")),
            n=common["n"],
        )
    templates = {
        "gap": _l(
            "%(group)s rate “%(outcome)s” worse than everyone else: %(size)s gap, %(q)s, "
            "%(n)s people."
        ),
        "intersectional_gap": _l(
            "%(group)s rate “%(outcome)s” worse than everyone else, and worse than each of their "
            "groups taken alone: %(size)s gap, %(q)s, %(n)s people."
        ),
        "journey_gap": _l(
            "%(group)s feel worse than everyone else at the “%(stage)s” stage: %(size)s gap, "
            "%(q)s, %(n)s people."
        ),
    }
    template = templates.get(key)
    return str(template) % common if template else str(row.get("reason", ""))


def workshop_sentence(words, row):
    """A card sent from a workshop, with where it came from: "Workshop “Care at home” of 14 Mar
    2027, card 12: pain point at the “Waiting” stage: “Long wait” (5 dots)"."""
    kind = str(CARD_KIND_WORDS.get(row.get("card_kind"), row.get("card_kind", "")))
    if row.get("stage"):
        stage = words.stage(row["stage"])
        kind = gettext("%(kind)s at the “%(stage)s” stage", kind=kind, stage=stage)
    held_on = row.get("held_on")
    sentence = gettext(
        "Workshop “%(title)s” of %(date)s, card %(card)s: %(what)s: “%(text)s”",
        title=row.get("workshop_title", ""),
        date=format_date(date.fromisoformat(held_on)) if held_on else "",
        card=number(row.get("card_id"), "0"),
        what=kind,
        text=row.get("reason", ""),
    )
    dots = row.get("dots")
    if dots is None or _missing(dots):
        return sentence
    return gettext(
        "%(sentence)s (%(dots)s)",
        sentence=sentence,
        dots=ngettext("%(num)d dot", "%(num)d dots", int(dots)),
    )

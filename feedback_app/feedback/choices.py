"""The fixed answer options of the residents' flow, shared by forms, demo data and analysis.

Codes are stored; labels are translated at display time.
"""

from ..i18n import _l

PREFER_NOT_TO_SAY = "prefer_not_to_say"

AGE_BANDS = [
    ("16-24", _l("16 to 24")),
    ("25-34", _l("25 to 34")),
    ("35-44", _l("35 to 44")),
    ("45-54", _l("45 to 54")),
    ("55-64", _l("55 to 64")),
    ("65-74", _l("65 to 74")),
    ("75+", _l("75 or over")),
    (PREFER_NOT_TO_SAY, _l("Prefer not to say")),
]

GENDERS = [
    ("woman", _l("Woman")),
    ("man", _l("Man")),
    ("non_binary", _l("Non-binary")),
    ("self_describe", _l("I describe myself another way")),
    (PREFER_NOT_TO_SAY, _l("Prefer not to say")),
]

RURALITY = [
    ("large_city", _l("A large city")),
    ("town", _l("A town")),
    ("village", _l("A village")),
    ("countryside", _l("The countryside")),
    (PREFER_NOT_TO_SAY, _l("Prefer not to say")),
]

# The Washington Group Short Set on Functioning, questions and answers verbatim.
WG_DOMAINS = [
    ("seeing", _l("Do you have difficulty seeing, even if wearing glasses?")),
    ("hearing", _l("Do you have difficulty hearing, even if using a hearing aid?")),
    ("mobility", _l("Do you have difficulty walking or climbing steps?")),
    ("cognition", _l("Do you have difficulty remembering or concentrating?")),
    (
        "self_care",
        _l("Do you have difficulty (with self-care such as) washing all over or dressing?"),
    ),
    (
        "communication",
        _l(
            "Using your usual (customary) language, do you have difficulty "
            "communicating, for example understanding or being understood?"
        ),
    ),
]
WG_ANSWERS = [
    ("no_difficulty", _l("No – no difficulty")),
    ("some_difficulty", _l("Yes – some difficulty")),
    ("a_lot_of_difficulty", _l("Yes – a lot of difficulty")),
    ("cannot_do", _l("Cannot do at all")),
    (PREFER_NOT_TO_SAY, _l("Prefer not to say")),
]
# The Washington Group's recommended cut-off for disability statistics.
WG_DISABILITY_ANSWERS = {"a_lot_of_difficulty", "cannot_do"}

WENT_THROUGH = [
    ("yes", _l("Yes")),
    ("not_yet", _l("Not yet")),
    ("no", _l("No")),
]

# Stored as -2..+2; shown as five labelled steps.
EMOTIONS = [
    (-2, _l("Very bad")),
    (-1, _l("Bad")),
    (0, _l("Neither good nor bad")),
    (1, _l("Good")),
    (2, _l("Very good")),
]

BARRIERS = [
    ("waiting_time", _l("Waiting time")),
    ("paperwork", _l("Paperwork")),
    ("cost", _l("Cost")),
    ("distance", _l("Distance or transport")),
    ("digital", _l("Digital access")),
    ("language", _l("Language")),
    ("disability_access", _l("Disability access")),
    ("staff_attitude", _l("Staff attitude")),
    ("other", _l("Something else")),
]


# Easy read's pictures beside a rating scale's answers, worst first (static/css/easy-read.css).
FACES = ("very-bad", "bad", "neither", "good", "very-good")
NOT_APPLICABLE_ICON = "not-applicable"


def faces_for(values):
    """{value as text: face}, a scale of any length spread over the five faces, worst first."""
    values = [str(value) for value in values]
    last = max(len(values) - 1, 1)
    return {value: FACES[round(4 * i / last)] for i, value in enumerate(values)}


def derive_disability(wg_answers):
    """'yes' if any domain has a lot of difficulty or cannot be done; None if none answered."""
    known = [a for a in wg_answers if a and a != PREFER_NOT_TO_SAY]
    if not known:
        return None
    return "yes" if any(a in WG_DISABILITY_ANSWERS for a in known) else "no"

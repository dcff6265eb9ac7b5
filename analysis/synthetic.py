"""Synthetic responses with planted gaps, for demos, tests and benchmarks."""

import numpy as np
import pandas as pd

from ._validate import BARRIER_PREFIX, STAGE_PREFIX

SEGMENT_LEVELS = {
    "age_band": {"16-24": 0.12, "25-34": 0.2, "35-49": 0.28, "50-64": 0.22, "65+": 0.18},
    "gender": {"woman": 0.5, "man": 0.47, "non-binary": 0.03},
    "disability": {"yes": 0.2, "no": 0.8},
    "rurality": {"urban": 0.7, "rural": 0.3},
}
OUTCOMES = ("ease", "speed", "respect", "clarity", "trust")
# Mean latent feeling at each stage of the journey, and the barriers asked about there.
STAGES = {"find": 0.3, "apply": 0.0, "wait": -0.6, "decision": 0.2}
BARRIERS = {
    "find": ("no_information",),
    "apply": ("form_too_long", "no_help"),
    "wait": ("no_updates",),
    "decision": ("unclear_letter",),
}
CUTS = (-1.5, -0.5, 0.5, 1.5)
LANGUAGES = {"en": 0.6, "fr": 0.25, "es": 0.15}
THEME_PHRASES = {
    "waiting": {
        "en": [
            "the wait was far too long",
            "I waited weeks for an answer",
            "long queue at the office",
            "nobody told me how long the wait would be",
        ],
        "fr": [
            "l'attente était beaucoup trop longue",
            "j'ai attendu des semaines une réponse",
            "longue file d'attente au guichet",
            "personne ne m'a dit combien de temps attendre",
        ],
        "es": [
            "la espera fue demasiado larga",
            "esperé semanas una respuesta",
            "larga cola en la oficina",
            "nadie me dijo cuánto tiempo esperar",
        ],
    },
    "online_form": {
        "en": [
            "the online form kept crashing",
            "the website form is confusing",
            "could not upload my documents online",
            "the form asks the same questions twice",
        ],
        "fr": [
            "le formulaire en ligne plantait sans cesse",
            "le formulaire du site est confus",
            "impossible de téléverser mes documents en ligne",
            "le formulaire pose deux fois les mêmes questions",
        ],
        "es": [
            "el formulario en línea fallaba todo el tiempo",
            "el formulario de la web es confuso",
            "no pude subir mis documentos en línea",
            "el formulario pregunta lo mismo dos veces",
        ],
    },
    "staff": {
        "en": [
            "the staff were kind and helpful",
            "a helpful advisor explained everything",
            "staff treated me with respect",
            "the advisor called me back quickly",
        ],
        "fr": [
            "le personnel était aimable et serviable",
            "une conseillère m'a tout expliqué",
            "le personnel m'a traité avec respect",
            "le conseiller m'a rappelé rapidement",
        ],
        "es": [
            "el personal fue amable y atento",
            "una asesora me lo explicó todo",
            "el personal me trató con respeto",
            "el asesor me devolvió la llamada rápido",
        ],
    },
    "access": {
        "en": [
            "no step-free access to the building",
            "the lift was broken again",
            "no accessible toilet at the office",
            "the bus to the office is hard in a wheelchair",
        ],
        "fr": [
            "pas d'accès de plain-pied au bâtiment",
            "l'ascenseur était encore en panne",
            "pas de toilettes accessibles au bureau",
            "le bus est difficile en fauteuil roulant",
        ],
        "es": [
            "no hay acceso sin escalones al edificio",
            "el ascensor estaba roto otra vez",
            "no hay baño accesible en la oficina",
            "el autobús es difícil en silla de ruedas",
        ],
    },
}
THEME_ODDS = {"no": (0.35, 0.3, 0.25, 0.1), "yes": (0.25, 0.2, 0.15, 0.4)}


def synthetic_responses(
    n,
    *,
    seed=0,
    gaps=None,
    weights=False,
    comments=False,
    unknown_share=0.05,
    missing_share=0.03,
):
    """Random responses in the analysis input format, with optional planted gaps.

    Ratings come from a latent normal feeling (a person effect shared by all outcomes plus
    noise) cut into 1..5; stage emotions are cut into -2..+2 the same way.

    Parameters
    ----------
    n : int
        Number of responses.
    seed : int, default 0
        Seed of the random generator; the same seed gives the same frame.
    gaps : dict of str to dict of str to float, optional
        Planted gaps: group label (e.g. ``"disability=yes & rurality=rural"``) to a mapping of
        outcome or ``stage:<name>`` column to a shift of the latent feeling in standard
        deviations (``-1.0`` is a large gap).
    weights : bool, default False
        Add a ``weight`` column (log-normal, mean about 1).
    comments : bool, default False
        Add ``comment`` (for about 30% of responses: one or two sentences in English, French
        or Spanish on one of four themes, access coming up more often among disabled people)
        and ``lang`` columns.
    unknown_share : float, default 0.05
        Share of each segment answered "prefer_not_to_say" or left empty.
    missing_share : float, default 0.03
        Share of each outcome left unanswered.

    Returns
    -------
    pandas.DataFrame
        ``response_id``, the four segments, the outcomes of ``OUTCOMES``, ``stage:<name>``
        and ``barrier:<stage>:<code>`` columns, and the optional ones.
    """
    rng = np.random.default_rng(seed)
    frame = {"response_id": np.arange(1, n + 1)}
    for column, odds in SEGMENT_LEVELS.items():
        frame[column] = _segment(rng, n, odds, unknown_share)
    person = rng.normal(0.0, 0.5, n)
    planted = _planted_shifts(frame, gaps or {}, n)
    for outcome in OUTCOMES:
        feeling = 0.3 + person + planted.get(outcome, 0.0) + rng.normal(size=n)
        frame[outcome] = _answered(rng, np.digitize(feeling, CUTS) + 1.0, missing_share)
    for stage, level in STAGES.items():
        column = STAGE_PREFIX + stage
        feeling = level + person + planted.get(column, 0.0) + rng.normal(size=n)
        emotion = _answered(rng, np.digitize(feeling, CUTS) - 2.0, 0.1)
        frame[column] = emotion
        for code in BARRIERS[stage]:
            reported = rng.random(n) < 1 / (1 + np.exp(1.5 + 0.8 * emotion))
            frame[f"{BARRIER_PREFIX}{stage}:{code}"] = np.where(np.isnan(emotion), np.nan, reported)
    if weights:
        frame["weight"] = rng.lognormal(-0.045, 0.3, n)
    if comments:
        frame.update(_comments(rng, frame["disability"]))
    return pd.DataFrame(frame)


def _segment(rng, n, odds, unknown_share):
    """Segment labels drawn with the given odds, some of them unknown."""
    labels = np.array([*odds, "prefer_not_to_say", None], dtype=object)
    drawn = rng.choice(len(odds), size=n, p=list(odds.values()))
    unknown = rng.random(n) < unknown_share
    drawn[unknown] = len(odds) + rng.integers(0, 2, unknown.sum())
    return labels[drawn]


def _answered(rng, values, missing_share):
    """Values with a share of them left unanswered (NaN)."""
    return np.where(rng.random(len(values)) < missing_share, np.nan, values)


def _planted_shifts(frame, gaps, n):
    """Latent shift per column from the planted gaps."""
    shifts = {}
    for label, columns in gaps.items():
        members = np.ones(n, dtype=bool)
        for condition in label.split(" & "):
            attribute, level = condition.split("=", 1)
            members &= frame[attribute.strip()] == level.strip()
        for column, shift in columns.items():
            shifts[column] = shifts.get(column, 0.0) + np.where(members, shift, 0.0)
    return shifts


def _comments(rng, disability):
    """About 30% of people comment, on a theme whose odds depend on disability."""
    n = len(disability)
    disabled = disability == "yes"
    odds = np.where(disabled[:, None], THEME_ODDS["yes"], THEME_ODDS["no"]).cumsum(axis=1)
    theme = (rng.random(n)[:, None] > odds).sum(axis=1).clip(max=len(THEME_PHRASES) - 1)
    language = rng.choice(len(LANGUAGES), size=n, p=list(LANGUAGES.values()))
    first, second = rng.integers(0, 4, n), rng.integers(0, 4, n)
    commented = rng.random(n) < 0.3
    themes, languages = list(THEME_PHRASES.values()), list(LANGUAGES)
    text = [
        ". ".join(dict.fromkeys(themes[t][languages[lang]][p] for p in phrases)) if c else None
        for t, lang, *phrases, c in zip(theme, language, first, second, commented, strict=True)
    ]
    return {
        "comment": np.array(text, dtype=object),
        "lang": np.where(commented, np.array(languages, dtype=object)[language], None),
    }

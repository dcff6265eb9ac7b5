"""Synthetic residents' responses for the demo, with realistic demographics and planted gaps.

The planted gaps give the analysis something true to find: disabled residents outside towns
find the service hard to use, people aged 75+ wait too long, and rural residents suffer the
waiting stage.
"""

import random
from datetime import UTC, datetime, timedelta

from ..feedback.choices import PREFER_NOT_TO_SAY, WG_DOMAINS, derive_disability
from ..feedback.receipts import receipt_hash

CHANNELS = (("web", 55), ("kiosk", 20), ("paper", 15), ("workshop", 10))
LOCALES = (("fr", 50), ("en", 20), ("es", 15), ("ar", 15))
# Older residents and young people answer less than their share of the population.
AGE_BANDS = (
    ("16-24", 5),
    ("25-34", 12),
    ("35-44", 15),
    ("45-54", 18),
    ("55-64", 20),
    ("65-74", 18),
    ("75+", 7),
    (PREFER_NOT_TO_SAY, 5),
)
GENDERS = (("woman", 52), ("man", 42), ("non_binary", 2), (PREFER_NOT_TO_SAY, 4))
RURALITY = (
    ("large_city", 40),
    ("town", 30),
    ("village", 18),
    ("countryside", 10),
    (PREFER_NOT_TO_SAY, 2),
)
CONSENT_RATE = 0.68
COMMENT_RATE = 0.35
DAYS = 180

COMMENTS = {
    "en": [
        "The wait for a decision was far too long, nobody told me anything.",
        "The carers are kind and always on time, thank you.",
        "The application form was long and confusing, I needed help with the paperwork.",
        "No bus goes to the office from my village, getting there was very hard.",
        "I could not fill in the online form, the website does not work with my screen reader.",
        "Staff were helpful and explained everything clearly.",
    ],
    "fr": [
        "L'attente pour la décision a été beaucoup trop longue, personne ne m'a prévenu.",
        "Les aides à domicile sont gentilles et toujours à l'heure, merci.",
        "Le formulaire de demande était long et compliqué, j'ai eu besoin d'aide.",
        "Aucun bus ne va au bureau depuis mon village, c'était très difficile d'y aller.",
        "Je n'ai pas pu remplir le formulaire en ligne avec mon lecteur d'écran.",
        "Le personnel a été aimable et a tout bien expliqué.",
    ],
    "es": [
        "La espera para la decisión fue demasiado larga, nadie me informó.",
        "Las cuidadoras son amables y siempre puntuales, gracias.",
        "El formulario de solicitud era largo y confuso, necesité ayuda con los papeles.",
        "No hay autobús desde mi pueblo hasta la oficina, llegar fue muy difícil.",
        "No pude rellenar el formulario en línea con mi lector de pantalla.",
        "El personal fue amable y lo explicó todo con claridad.",
    ],
    "ar": [
        "كان انتظار القرار طويلاً جداً، ولم يخبرني أحد بشيء.",
        "مقدمو الرعاية لطفاء ويصلون دائماً في الموعد، شكراً.",
        "كانت استمارة الطلب طويلة ومربكة، واحتجت إلى مساعدة في الأوراق.",
        "لا توجد حافلة من قريتي إلى المكتب، وكان الوصول صعباً جداً.",
        "لم أتمكن من ملء الاستمارة عبر الإنترنت بقارئ الشاشة.",
        "كان الموظفون متعاونين وشرحوا كل شيء بوضوح.",
    ],
}


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _profile(rng):
    disabled = rng.random() < 0.2
    worst = _pick(rng, (("a_lot_of_difficulty", 70), ("cannot_do", 30)))
    wg = {
        code: _pick(rng, (("no_difficulty", 80), ("some_difficulty", 20))) for code, _ in WG_DOMAINS
    }
    if disabled:
        wg[rng.choice(list(wg))] = worst
    profile = {
        "age_band": _pick(rng, AGE_BANDS),
        "gender": _pick(rng, GENDERS),
        "rurality": _pick(rng, RURALITY),
        "disability": derive_disability(wg.values()),
    }
    profile.update({f"wg_{code}": answer for code, answer in wg.items()})
    return {k: (None if v == PREFER_NOT_TO_SAY else v) for k, v in profile.items()}


def _penalties(profile):
    """How much worse (in scale points) each planted group rates each outcome."""
    profile = profile or {}
    rural = profile.get("rurality") in {"village", "countryside"}
    disabled = profile.get("disability") == "yes"
    penalty = {}
    if rural and disabled:
        penalty.update(a11_ease=1.4, ces=1.8, a11_efficiency=0.9)
    if profile.get("age_band") == "75+":
        penalty["a11_efficiency"] = penalty.get("a11_efficiency", 0) + 1.0
    return penalty, rural, disabled


def _rating(rng, base, scale_max, penalty):
    centre = base * (scale_max - 1) / 4 + 1 - penalty * (scale_max - 1) / 4
    return max(1, min(scale_max, round(rng.gauss(centre, 0.9 * scale_max / 5))))


def _stage_story(rng, stage_code, rural, disabled):
    emotion_shift = 0.0
    barriers = []
    if stage_code == "wait":
        emotion_shift -= 0.6 + (0.9 if rural else 0)
        barriers.append("waiting_time")
    if stage_code == "apply" and disabled:
        emotion_shift -= 1.0
        barriers += ["paperwork", "digital"]
    if stage_code == "find_out" and rural:
        barriers.append("distance")
    emotion = max(-2, min(2, round(rng.gauss(0.6 + emotion_shift, 1.0))))
    reported = sorted({b for b in barriers if rng.random() < 0.6})
    return emotion, reported


def generate(service, *, count, kiosks=(), seed=2026, now=None):
    """Yield dicts describing one response each: columns, answers, stages, comment, profile.

    `kiosks` are (kiosk id, weight) pairs; responses on the kiosk channel get one of them.
    """
    rng = random.Random(seed)
    # A stream of its own, so adding kiosks leaves every other answer as it was.
    places = random.Random(seed + 1)
    now = now or datetime.now(UTC)
    questions = service.question_set.questions
    stages = service.journey.stages
    for index in range(count):
        consented = rng.random() < CONSENT_RATE
        profile = _profile(rng) if consented else None
        penalty, rural, disabled = _penalties(profile)
        base = rng.uniform(2.6, 4.4)
        locale = _pick(rng, LOCALES)
        stories = []
        for stage in stages:
            emotion, barriers = _stage_story(rng, stage.code, rural, disabled)
            stories.append(
                {
                    "stage_id": stage.id,
                    "went_through": "yes",
                    "emotion": emotion,
                    "barriers": barriers,
                    "text": None,
                }
            )
        channel = _pick(rng, CHANNELS)
        yield {
            "response": {
                "service_id": service.id,
                "channel": channel,
                "kiosk_id": _pick(places, kiosks) if channel == "kiosk" and kiosks else None,
                "locale": locale,
                "created_at": now - timedelta(minutes=rng.randrange(DAYS * 24 * 60)),
                "client_key": f"demo-{seed}-{index}",
                "receipt_hash": receipt_hash(f"demo-{seed}-{index}"),
                "consent_version": "2026-1" if consented else None,
            },
            "answers": [
                {
                    "question_id": q.id,
                    "value": _rating(rng, base, q.scale_max, penalty.get(q.code, 0)),
                }
                for q in questions
            ],
            "stages": stories,
            "comment": (
                {"text": rng.choice(COMMENTS[locale]), "lang": locale}
                if rng.random() < COMMENT_RATE
                else None
            ),
            "profile": profile,
        }

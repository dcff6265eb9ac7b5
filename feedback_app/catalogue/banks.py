"""The standard question banks every installation offers: OMB Circular A-11 §280 drivers,
CSAT and CES, worded in fr, en, es and ar.

They are rows of `question` (their code is their identity), made on first use by
`ensure_standard_questions`, so a fresh installation offers them without the demo, and the demo
seeds the same ones.
"""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from .models import Question

AGREE_5 = {
    "en": [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ],
    "fr": [
        "Pas du tout d'accord",
        "Pas d'accord",
        "Ni d'accord ni pas d'accord",
        "D'accord",
        "Tout à fait d'accord",
    ],
    "es": [
        "Totalmente en desacuerdo",
        "En desacuerdo",
        "Ni de acuerdo ni en desacuerdo",
        "De acuerdo",
        "Totalmente de acuerdo",
    ],
    "ar": ["لا أوافق بشدة", "لا أوافق", "لا أوافق ولا أعارض", "أوافق", "أوافق بشدة"],
}
AGREE_7 = {
    "en": [
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
    ],
    "fr": [
        "Pas du tout d'accord",
        "Pas d'accord",
        "Plutôt pas d'accord",
        "Ni d'accord ni pas d'accord",
        "Plutôt d'accord",
        "D'accord",
        "Tout à fait d'accord",
    ],
    "es": [
        "Totalmente en desacuerdo",
        "En desacuerdo",
        "Algo en desacuerdo",
        "Ni de acuerdo ni en desacuerdo",
        "Algo de acuerdo",
        "De acuerdo",
        "Totalmente de acuerdo",
    ],
    "ar": [
        "لا أوافق بشدة",
        "لا أوافق",
        "لا أوافق إلى حد ما",
        "لا أوافق ولا أعارض",
        "أوافق إلى حد ما",
        "أوافق",
        "أوافق بشدة",
    ],
}
SATISFIED_5 = {
    "en": [
        "Very dissatisfied",
        "Dissatisfied",
        "Neither satisfied nor dissatisfied",
        "Satisfied",
        "Very satisfied",
    ],
    "fr": [
        "Très insatisfait",
        "Insatisfait",
        "Ni satisfait ni insatisfait",
        "Satisfait",
        "Très satisfait",
    ],
    "es": [
        "Muy insatisfecho",
        "Insatisfecho",
        "Ni satisfecho ni insatisfecho",
        "Satisfecho",
        "Muy satisfecho",
    ],
    "ar": ["غير راضٍ إطلاقًا", "غير راضٍ", "لا راضٍ ولا غير راضٍ", "راضٍ", "راضٍ جدًا"],
}

# (code, bank, scale_max, labels, text per language); OMB Circular A-11 §280 drivers first.
STANDARD_QUESTIONS = [
    (
        "a11_satisfaction",
        "a11",
        5,
        AGREE_5,
        {
            "en": "I am satisfied with the service I received.",
            "fr": "Je suis satisfait du service que j'ai reçu.",
            "es": "Estoy satisfecho con el servicio que recibí.",
            "ar": "أنا راضٍ عن الخدمة التي تلقيتها.",
        },
    ),
    (
        "a11_trust",
        "a11",
        5,
        AGREE_5,
        {
            "en": "This interaction increased my trust in this service.",
            "fr": "Cet échange a renforcé ma confiance dans ce service.",
            "es": "Esta interacción aumentó mi confianza en este servicio.",
            "ar": "زاد هذا التعامل من ثقتي في هذه الخدمة.",
        },
    ),
    (
        "a11_effectiveness",
        "a11",
        5,
        AGREE_5,
        {
            "en": "My need was addressed.",
            "fr": "Mon besoin a été pris en charge.",
            "es": "Mi necesidad fue atendida.",
            "ar": "تمت تلبية حاجتي.",
        },
    ),
    (
        "a11_ease",
        "a11",
        5,
        AGREE_5,
        {
            "en": "It was easy to complete what I needed to do.",
            "fr": "Il a été facile de faire ce que j'avais à faire.",
            "es": "Fue fácil hacer lo que necesitaba.",
            "ar": "كان من السهل إنجاز ما كنت أحتاج إلى القيام به.",
        },
    ),
    (
        "a11_efficiency",
        "a11",
        5,
        AGREE_5,
        {
            "en": "It took a reasonable amount of time to do what I needed to do.",
            "fr": "Le temps nécessaire pour faire ce que j'avais à faire était raisonnable.",
            "es": "Me llevó un tiempo razonable hacer lo que necesitaba.",
            "ar": "استغرق إنجاز ما كنت أحتاجه وقتًا معقولًا.",
        },
    ),
    (
        "a11_equity",
        "a11",
        5,
        AGREE_5,
        {
            "en": "I was treated fairly.",
            "fr": "J'ai été traité de manière équitable.",
            "es": "Me trataron de forma justa.",
            "ar": "عوملت بإنصاف.",
        },
    ),
    (
        "a11_employee",
        "a11",
        5,
        AGREE_5,
        {
            "en": "Employees I interacted with were helpful.",
            "fr": "Les personnes avec qui j'ai échangé m'ont aidé.",
            "es": "El personal con el que traté me ayudó.",
            "ar": "كان الموظفون الذين تعاملت معهم متعاونين.",
        },
    ),
    (
        "csat",
        "csat",
        5,
        SATISFIED_5,
        {
            "en": "Overall, how satisfied are you with this service?",
            "fr": "Dans l'ensemble, êtes-vous satisfait de ce service ?",
            "es": "En general, ¿qué tan satisfecho está con este servicio?",
            "ar": "بشكل عام، ما مدى رضاك عن هذه الخدمة؟",
        },
    ),
    (
        "ces",
        "ces",
        7,
        AGREE_7,
        {
            "en": "The service made it easy for me to handle my request.",
            "fr": "Le service m'a facilité les démarches pour ma demande.",
            "es": "El servicio me facilitó gestionar mi solicitud.",
            "ar": "سهّلت الخدمة عليّ إنجاز طلبي.",
        },
    ),
]


def ensure_standard_questions():
    """The standard questions by code, adding and committing any missing: committed, so the
    ids a form offers are those it gets back. If another request adds them at the same moment,
    theirs are used."""
    found = _standard()
    missing = [row for row in STANDARD_QUESTIONS if row[0] not in found]
    if not missing:
        return found
    try:
        with db.session.begin_nested():
            for code, bank, scale_max, labels, text in missing:
                found[code] = Question(
                    code=code, bank=bank, scale_max=scale_max, options=labels, text=text
                )
                db.session.add(found[code])
    except IntegrityError:
        return _standard()
    db.session.commit()
    return found


def _standard():
    codes = [code for code, *_ in STANDARD_QUESTIONS]
    query = select(Question).where(Question.code.in_(codes))
    return {question.code: question for question in db.session.scalars(query)}

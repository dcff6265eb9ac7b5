"""The demo service's content in fr, en, es and ar: partnership, journey and question bank."""

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
QUESTIONS = [
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

SERVICE = {
    "slug": "home-support",
    "name": {
        "en": "Home support for older and disabled people",
        "fr": "Aide à domicile pour les personnes âgées et handicapées",
        "es": "Ayuda a domicilio para personas mayores y con discapacidad",
        "ar": "الدعم المنزلي لكبار السن والأشخاص ذوي الإعاقة",
    },
    "description": {
        "en": "Help at home with daily tasks, meals and personal care.",
        "fr": "De l'aide à la maison pour les tâches du quotidien, les repas et "
        "les soins personnels.",
        "es": "Ayuda en casa con las tareas diarias, las comidas y el cuidado personal.",
        "ar": "مساعدة في المنزل في المهام اليومية والوجبات والرعاية الشخصية.",
    },
}

JOURNEY_NAME = {
    "en": "Getting home support",
    "fr": "Obtenir une aide à domicile",
    "es": "Obtener ayuda a domicilio",
    "ar": "الحصول على الدعم المنزلي",
}

STAGES = [
    (
        "find_out",
        {"en": "Finding out", "fr": "Se renseigner", "es": "Informarse", "ar": "الاستعلام"},
    ),
    ("apply", {"en": "Applying", "fr": "Faire la demande", "es": "Solicitar", "ar": "تقديم الطلب"}),
    (
        "wait",
        {
            "en": "Waiting for a decision",
            "fr": "Attendre la décision",
            "es": "Esperar la decisión",
            "ar": "انتظار القرار",
        },
    ),
    (
        "receive",
        {
            "en": "Receiving support",
            "fr": "Recevoir l'aide",
            "es": "Recibir la ayuda",
            "ar": "تلقي الدعم",
        },
    ),
    ("follow_up", {"en": "Follow-up", "fr": "Le suivi", "es": "El seguimiento", "ar": "المتابعة"}),
]

ORGANISATIONS = [
    ("City of Riverside", "public_body", "commissioner"),
    ("CareWell Services Ltd", "private_operator", "operator"),
    ("Riverside Neighbours Association", "association", "partner"),
]

# (where the kiosk stands, its home screen language, share of the kiosk responses)
KIOSKS = [
    ("Riverside Town Hall, reception", "en", 50),
    ("Riverside Library, entrance", "fr", 30),
    ("Hillside Health Centre, waiting room", "en", 20),
]

# Runs the installation: creates organisations and invites their first admins.
INSTALLATION_ADMIN = "admin@example.org"
# (email, display name, organisation, role)
STAFF = [
    ("admin@example.org", "Demo administrator", "City of Riverside", "admin"),
    (
        "facilitator@example.org",
        "Demo facilitator",
        "Riverside Neighbours Association",
        "facilitator",
    ),
    ("analyst@example.org", "Demo analyst", "City of Riverside", "analyst"),
]

# A made-up census of the demo area, so "who is missing" works straight after `make run`.
REFERENCE_NAME = "Riverside census (demo, made-up)"
REFERENCE_POPULATION = [
    {"dimension": dimension, "group": group, "population": population}
    for dimension, counts in {
        "age_band": {
            "16-24": 9800,
            "25-34": 12500,
            "35-44": 12800,
            "45-54": 13100,
            "55-64": 12600,
            "65-74": 10400,
            "75+": 9100,
        },
        "gender": {"woman": 41500, "man": 38800, "non_binary": 900},
        "disability": {"yes": 16200, "no": 64000},
        "rurality": {"large_city": 30100, "town": 24000, "village": 15900, "countryside": 10200},
    }.items()
    for group, population in counts.items()
]

"""The demo service's content in fr, en, es and ar: partnership and journey (its questions are
the standard banks of catalogue/banks.py)."""

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

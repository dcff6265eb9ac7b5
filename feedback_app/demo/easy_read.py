"""The demo service's questions and stages in easy read, in fr, en, es and ar: short sentences,
one idea each, everyday words. Residents who turn easy read on see these instead."""

QUESTIONS = {
    "a11_satisfaction": {
        "en": "I am happy with the help I got.",
        "fr": "Je suis content de l'aide que j'ai eue.",
        "es": "Estoy contento con la ayuda que recibí.",
        "ar": "أنا سعيد بالمساعدة التي حصلت عليها.",
    },
    "a11_trust": {
        "en": "I trust this service more now.",
        "fr": "J'ai plus confiance dans ce service maintenant.",
        "es": "Ahora confío más en este servicio.",
        "ar": "أثق بهذه الخدمة أكثر الآن.",
    },
    "a11_effectiveness": {
        "en": "I got what I needed.",
        "fr": "J'ai eu ce dont j'avais besoin.",
        "es": "Recibí lo que necesitaba.",
        "ar": "حصلت على ما كنت أحتاجه.",
    },
    "a11_ease": {
        "en": "It was easy to do.",
        "fr": "C'était facile à faire.",
        "es": "Fue fácil de hacer.",
        "ar": "كان الأمر سهلًا.",
    },
    "a11_efficiency": {
        "en": "It did not take too long.",
        "fr": "Ça n'a pas pris trop de temps.",
        "es": "No tardó demasiado.",
        "ar": "لم يستغرق وقتًا طويلًا.",
    },
    "a11_equity": {
        "en": "I was treated fairly. I was treated like everyone else.",
        "fr": "On m'a traité de façon juste. Comme tout le monde.",
        "es": "Me trataron de forma justa. Como a todos.",
        "ar": "عوملت بعدل. مثل الجميع.",
    },
    "a11_employee": {
        "en": "The staff helped me.",
        "fr": "Le personnel m'a aidé.",
        "es": "El personal me ayudó.",
        "ar": "ساعدني الموظفون.",
    },
    "csat": {
        "en": "Are you happy with this service?",
        "fr": "Êtes-vous content de ce service ?",
        "es": "¿Está contento con este servicio?",
        "ar": "هل أنت سعيد بهذه الخدمة؟",
    },
    "ces": {
        "en": "It was easy to get what I asked for.",
        "fr": "C'était facile d'avoir ce que j'ai demandé.",
        "es": "Fue fácil conseguir lo que pedí.",
        "ar": "كان من السهل الحصول على ما طلبته.",
    },
}

STAGES = {
    "find_out": {
        "en": "You find out about home support. You learn who can get it.",
        "fr": "Vous découvrez l'aide à domicile. Vous apprenez qui peut l'avoir.",
        "es": "Conoce la ayuda a domicilio. Aprende quién puede recibirla.",
        "ar": "تتعرف على الدعم المنزلي. تعرف من يمكنه الحصول عليه.",
    },
    "apply": {
        "en": "You ask for home support. You fill in a form.",
        "fr": "Vous demandez l'aide à domicile. Vous remplissez un formulaire.",
        "es": "Pide la ayuda a domicilio. Rellena un formulario.",
        "ar": "تطلب الدعم المنزلي. تملأ استمارة.",
    },
    "wait": {
        "en": "You wait for an answer.",
        "fr": "Vous attendez une réponse.",
        "es": "Espera una respuesta.",
        "ar": "تنتظر الرد.",
    },
    "receive": {
        "en": "Someone comes to help you at home.",
        "fr": "Quelqu'un vient vous aider chez vous.",
        "es": "Alguien viene a ayudarle en casa.",
        "ar": "يأتي شخص لمساعدتك في المنزل.",
    },
    "follow_up": {
        "en": "We check that the help is still right for you.",
        "fr": "Nous vérifions que l'aide vous convient toujours.",
        "es": "Comprobamos que la ayuda sigue siendo buena para usted.",
        "ar": "نتأكد أن المساعدة ما زالت مناسبة لك.",
    },
}

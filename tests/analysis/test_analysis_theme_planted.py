"""Themes recover topics planted in comments of several languages, without one theme holding
most of them and without mixing languages."""

import numpy as np
import pandas as pd
import pytest

from analysis import _theme_fit, themes

# Planted topics: words each topic's comments draw from, per language.
TOPICS = {
    "bus": {
        "en": "bus stop route driver timetable village",
        "fr": "bus arrêt ligne chauffeur horaires village",
        "es": "autobús parada línea conductor horario pueblo",
    },
    "carers": {
        "en": "carers kind punctual gentle visits smile",
        "fr": "aides gentilles ponctuelles douces visites sourire",
        "es": "cuidadoras amables puntuales atentas visitas sonrisa",
    },
    "form": {
        "en": "form confusing pages signature documents upload",
        "fr": "formulaire confus pages signature documents téléverser",
        "es": "formulario confuso páginas firma documentos subir",
    },
    "waiting": {
        "en": "waited weeks decision queue months answer",
        "fr": "attendu semaines décision file mois réponse",
        "es": "esperé semanas decisión cola meses respuesta",
    },
}
# Words every comment of a language may use, whatever its topic.
FILLER = {
    "en": "service council really today people thing week time place office",
    "fr": "service mairie vraiment aujourd'hui gens chose semaine temps endroit bureau",
    "es": "servicio ayuntamiento realmente hoy gente cosa semana tiempo lugar oficina",
}
LANGUAGE_SIZES = {"en": 600, "fr": 300, "es": 200}
TOPIC_ODDS = (0.4, 0.3, 0.2, 0.1)


def planted_comments(seed=3):
    """Comments of 3-4 topic words and 2 filler words, with their topic and language."""
    rng = np.random.default_rng(seed)
    rows = []
    for lang, size in LANGUAGE_SIZES.items():
        for topic in rng.choice(list(TOPICS), size=size, p=TOPIC_ODDS):
            words = list(rng.choice(TOPICS[topic][lang].split(), rng.integers(3, 5), False))
            words += list(rng.choice(FILLER[lang].split(), 2, False))
            rng.shuffle(words)
            rows.append({"comment": " ".join(words), "lang": lang, "topic": topic})
    return pd.DataFrame(rows).sample(frac=1, random_state=seed).reset_index(drop=True)


@pytest.fixture(scope="module")
def planted():
    comments = planted_comments()
    return comments, themes(comments)


def test_every_planted_topic_of_every_language_is_one_theme(planted):
    assert_planted_topics_recovered(*planted)


def test_themes_chosen_on_a_sample_still_place_every_comment(monkeypatch):
    monkeypatch.setattr(_theme_fit, "SAMPLE_SIZE", 250)  # each language has more comments
    comments = planted_comments()
    found = themes(comments)
    assert_planted_topics_recovered(comments, found)
    assert found["n"].sum() + found.attrs["ungrouped"] == len(comments)


def assert_planted_topics_recovered(comments, found):
    """Each theme is one planted (topic, language), and each of those is one theme."""
    assignment = found.attrs["assignment"]
    recovered = set()
    for row in found.itertuples():
        members = comments.loc[assignment.members(row.theme)]
        (topic, lang), count = members.value_counts(["topic", "lang"]).head(1).items().__next__()
        assert count >= 0.9 * len(members), "a theme mixes topics or languages"
        assert lang == row.language
        cell = comments[(comments["topic"] == topic) & (comments["lang"] == lang)]
        assert count >= 0.8 * len(cell), "a planted topic is split or left out"
        recovered.add((topic, lang))
    assert recovered == {(topic, lang) for topic in TOPICS for lang in LANGUAGE_SIZES}


def test_no_theme_holds_most_comments(planted):
    comments, found = planted
    largest_planted = comments.value_counts(["topic", "lang"]).max() / len(comments)
    assert found["share"].max() <= largest_planted + 0.03
    assert found.attrs["ungrouped"] <= 0.05 * len(comments)


def test_a_spanish_complaint_about_buses_sits_with_spanish_bus_comments(planted):
    comments, found = planted
    bus = found[found["top_terms"].str.contains("autobús")]
    assert len(bus) == 1 and bus.iloc[0]["language"] == "es"
    assert bus.iloc[0]["label"].lower().split()[0] in TOPICS["bus"]["es"] + FILLER["es"]

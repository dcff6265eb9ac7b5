"""Themes in comments: deterministic, multilingual, and never quoting a small group."""

import pandas as pd
import pytest

from analysis import AnalysisInputError, synthetic_responses, themes
from analysis._stopwords import STOP_WORDS
from analysis._themes import THEME_COLUMNS, TOO_FEW_COMMENTS, TOO_FEW_WORDS, fold
from analysis._validate import BAD_OPTION


@pytest.fixture(scope="module")
def comments():
    return synthetic_responses(1500, seed=13, comments=True)


@pytest.fixture(scope="module")
def found(comments):
    return themes(comments)


def test_themes_are_found_with_terms_shares_and_examples(found):
    assert list(found.columns[: len(THEME_COLUMNS)]) == list(THEME_COLUMNS)
    assert len(found) >= 4 and found.attrs["note"] == ""
    assert list(found["theme"]) == list(range(1, len(found) + 1))
    assert found["n"].is_monotonic_decreasing and found["share"].sum() <= 1
    for row in found.itertuples():
        terms = row.top_terms.split(", ")
        assert row.example_1 and any(term in row.example_1.lower() for term in terms)
        assert row.label and row.label.lower() in row.example_1.lower()


def test_the_same_input_and_seed_give_the_same_themes(comments, found):
    pd.testing.assert_frame_equal(themes(comments), found)


def test_terms_keep_their_accents_and_are_free_of_stop_words(found):
    terms = {term for row in found["top_terms"] for term in row.split(", ")}
    assert {"traité", "téléverser"} <= terms
    assert not {fold(term) for term in terms} & {
        fold(word) for words in STOP_WORDS.values() for word in words
    }
    assert fold("Été à l'hôpital") == "ete a l'hopital"


def test_themes_never_mix_languages(comments, found):
    assignment = found.attrs["assignment"]
    for row in found.itertuples():
        languages = set(comments.loc[assignment.members(row.theme), "lang"])
        assert languages == {row.language} and row.key.startswith(f"{row.language}|")
    assert found.attrs["ungrouped"] == (assignment.theme == 0).sum()
    assert found["n"].sum() + found.attrs["ungrouped"] == comments["comment"].notna().sum()


def test_shares_per_group_are_shares(found):
    shares = found.filter(like="share:")
    assert "share:disability=yes" in shares.columns
    assert ((shares >= 0) & (shares <= 1)).all().all()


def test_a_small_group_is_never_quoted_and_has_no_share():
    frame = pd.DataFrame(
        {
            "comment": ["the queue was slow"] * 20
            + ["the form was confusing"] * 20
            + ["my purple kazoo squeaks"] * 3,
            "gender": ["woman"] * 20 + ["man"] * 20 + ["non-binary"] * 3,
        }
    )
    found = themes(frame, segments=["gender"])
    quoted = set(found[["example_1", "example_2", "example_3"]].to_numpy().ravel())
    assert "my purple kazoo squeaks" not in quoted
    # non-binary is hidden, and so is its complement "man" (otherwise total - woman = man + 3)
    assert list(found.filter(like="share:gender").columns) == ["share:gender=woman"]


@pytest.mark.parametrize("count", [0, 5])
def test_too_few_comments_give_no_theme_and_say_why(comments, count):
    result = themes(comments["comment"].dropna().head(count))
    assert result.empty and list(result.columns) == list(THEME_COLUMNS)
    assert result.attrs["note"] == TOO_FEW_COMMENTS.format(count=count, minimum=10)


def test_comments_made_of_stop_words_give_no_theme():
    result = themes(["the and of", "le la les", "y de la"] * 5)
    assert result.empty and result.attrs["note"] == TOO_FEW_WORDS


@pytest.mark.parametrize("size", [3, 100])
def test_an_unknown_language_is_refused(comments, size):
    with pytest.raises(AnalysisInputError) as raised:
        themes(comments.head(size), lang="xx")
    assert str(raised.value) == BAD_OPTION.format(
        name="lang", rule="one of ['en', 'es', 'fr']", value="xx"
    )

"""Comment themes: labels in the comments' language, reading a theme's comments (bounded,
audited, disclosure-controlled), renaming and merging themes."""

from urllib.parse import quote

import pandas as pd
import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.insights import findings, theme_decisions
from feedback_app.insights.labels import Vocabulary
from feedback_app.models import ThemeDecision
from tests.fixtures.pages import assert_page_basics, csrf_token, parse
from tests.insights.conftest import INSIGHTS
from tests.insights.helpers import audit_events, error_messages

THEMES = INSIGHTS + "/themes"


def theme_sections(client, path=THEMES):
    return parse(client.get(path)).select("section.theme")


def theme_link(section):
    return section.select_one("a[href*='/themes/theme']")["href"]


def test_themes_are_named_in_their_language_and_never_mix_languages(analyst_client):
    page = parse(analyst_client.get(THEMES))
    sections = page.select("section.theme")
    assert len(sections) >= 2
    for section in sections:
        name = section.find("h2").find("span")
        assert name.get_text(strip=True) and name.get("lang") in {"en", "fr", "es", "ar"}
        language = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic"}
        assert f"written in {language[name['lang']]}" in section.get_text(" ")
        for quote_ in section.select("blockquote"):
            assert quote_["lang"] == name["lang"]
    assert "comments are not in any theme" in page.get_text(" ")


def test_reading_a_theme_shows_one_page_of_its_comments_and_is_audited(
    analyst_client, insights_analyst
):
    href = theme_link(theme_sections(analyst_client)[0])
    response = analyst_client.get(href)
    assert response.status_code == 200
    page = assert_page_basics(response, lang="en")
    comments = page.select("ol.theme-comments blockquote")
    assert 10 <= len(comments) <= theme_decisions.COMMENTS_PER_PAGE
    reads = audit_events("insights.theme-comments")
    assert len(reads) == 1 and reads[0].user_id == insights_analyst.id
    assert len(reads[0].details["responses"]) == len(comments)
    assert quote(reads[0].details["theme"], safe="") in href
    nav = page.find("nav", attrs={"aria-label": "Pages of comments"})
    if nav is not None:  # a second page, reachable without JavaScript
        second = analyst_client.get(nav.find("a", rel="next")["href"])
        assert second.status_code == 200
        assert "Page 2 of" in parse(second).get_text(" ")
    assert analyst_client.get(href + "&page=999").status_code == 404
    assert analyst_client.get(INSIGHTS + "/themes/theme?key=en|no|such").status_code == 404


def test_no_comment_is_read_from_a_theme_of_fewer_than_ten(context_filter):
    service, response_filter = context_filter
    small = {"key": "en|x", "n": 9, "numbers": [1]}
    assert theme_decisions.read_comments(service, response_filter, small, 1) == []
    assert audit_events("insights.theme-comments") == []


def test_an_analyst_renames_a_theme(analyst_client):
    href = theme_link(theme_sections(analyst_client)[0])
    token = csrf_token(analyst_client.get(href))
    too_long = "x" * 121
    refused = analyst_client.post(href, data={"csrf_token": token, "rename-label": too_long})
    assert refused.status_code == 400
    assert error_messages(refused) == ["The name must be 120 characters or fewer"]
    assert parse(refused).find("input", id="rename-label")["value"] == too_long
    # A NUL byte (which PostgreSQL refuses in text) is dropped, not a 500.
    saved = analyst_client.post(href, data={"csrf_token": token, "rename-label": "Bu\x00ses"})
    assert saved.status_code == 302
    names = [s.find("h2").get_text(strip=True) for s in theme_sections(analyst_client)]
    assert "Buses" in names
    assert [e.details["label"] for e in audit_events("insights.theme-rename")] == ["Buses"]
    unsigned = analyst_client.post(href, data={"rename-label": "Trains"})
    assert unsigned.status_code == 400


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ok\r\nname", "ok name"),
        ("\u202eevil\u202c tail", "evil tail"),
        ("\u2067Bus\u200b\u2069 stops\n", "Bus stops"),
    ],
)
def test_a_theme_name_is_kept_on_one_line_without_direction_overrides(
    analyst_client, typed, stored
):
    href = theme_link(theme_sections(analyst_client)[0])
    token = csrf_token(analyst_client.get(href))
    saved = analyst_client.post(href, data={"csrf_token": token, "rename-label": typed})
    assert saved.status_code == 302
    assert [e.details["label"] for e in audit_events("insights.theme-rename")] == [stored]
    assert db.session.scalar(select(ThemeDecision.label)) == stored


def test_a_theme_name_without_a_letter_or_digit_is_refused(analyst_client):
    href = theme_link(theme_sections(analyst_client)[0])
    token = csrf_token(analyst_client.get(href))
    for typed in ("— !", "\u202e\u202c"):
        refused = analyst_client.post(href, data={"csrf_token": token, "rename-label": typed})
        assert refused.status_code == 400
        assert error_messages(refused) == [
            "Give the theme a name with at least one letter or digit"
        ]
    assert audit_events("insights.theme-rename") == []


def test_an_analyst_merges_two_themes_and_shows_them_apart_again(analyst_client):
    sections = theme_sections(analyst_client)
    first = theme_link(sections[0])
    page = analyst_client.get(first)
    token = csrf_token(page)
    choices = [o["value"] for o in parse(page).find("select", id="merge-into").find_all("option")]
    assert "" in choices and len(choices) == len(sections)
    bad = analyst_client.post(first, data={"csrf_token": token, "merge-into": "en|forged"})
    assert bad.status_code == 400
    assert error_messages(bad) == ["Choose one of the themes listed"]
    into = choices[1]
    merged = analyst_client.post(first, data={"csrf_token": token, "merge-into": into})
    assert merged.status_code == 302 and quote(into, safe="") in merged.headers["Location"]
    assert len(theme_sections(analyst_client)) == len(sections) - 1
    target = parse(analyst_client.get(merged.headers["Location"]))
    assert "Themes merged into this one" in target.get_text(" ")
    decision = db.session.scalar(select(ThemeDecision))
    assert decision.merged_into == into
    assert analyst_client.get(first).headers["Location"] == merged.headers["Location"]
    separate = target.find("button", attrs={"name": "separate"})["value"]
    apart = analyst_client.post(
        merged.headers["Location"], data={"csrf_token": token, "separate": separate}
    )
    assert apart.status_code == 302
    assert len(theme_sections(analyst_client)) == len(sections)
    actions = [e.action for e in audit_events("insights.theme-merge")]
    actions += [e.action for e in audit_events("insights.theme-separate")]
    assert actions == ["insights.theme-merge", "insights.theme-separate"]


def test_merged_themes_add_up(app):
    table = pd.DataFrame(
        {
            "theme": [1, 2, 3],
            "key": ["en|a", "en|b", "fr|c"],
            "label": ["A", "B", "C"],
            "language": ["en", "en", "fr"],
            "n": [30, 20, 10],
            "share": [0.5, 0.3, 0.2],
            "share:gender=woman": [0.4, 0.4, 0.2],
        }
    )
    decided = {
        "en|a": ThemeDecision(theme_key="en|a", merged_into="fr|c", label=None),
        "fr|c": ThemeDecision(theme_key="fr|c", label="Everything", merged_into="en|a"),
    }
    shown = theme_decisions.apply_decisions(table, decided)
    # A loop of merges (left by themes that came and went) still shows each comment once.
    assert list(shown["key"]) == ["en|a", "en|b"]
    top = shown.iloc[0]
    assert top["n"] == 40 and top["share"] == pytest.approx(0.7)
    assert top["share:gender=woman"] == pytest.approx(0.6)
    assert top["numbers"] == [1, 3] and top["parts"] == [("fr|c", "C")]
    assert list(shown["theme"]) == [1, 2] and shown.iloc[1]["numbers"] == [2]


def test_an_english_page_marks_each_french_theme_name_with_its_language(analyst_client):
    page = parse(analyst_client.get(THEMES))
    first, second = page.select("section.theme")[:2]
    name = first.select_one("h2 span")
    assert (name["lang"], name["dir"]) == ("fr", "ltr")
    label = name.get_text()

    def marked(element, label=label):
        span = element.find("span", string=label, attrs={"lang": "fr", "dir": "ltr"})
        assert span is not None, element
        return element.get_text(" ", strip=True)

    figure = page.find("figure", id="themes")
    assert marked(figure.select_one(".bar-chart__label")).startswith("French:")
    assert "in French" in marked(figure.select_one(".chart__summary"))
    assert marked(page.select_one("details.data-table thead")).count("French:") >= 2
    theme_page = parse(analyst_client.get(theme_link(second)))
    heading = theme_page.find("h1")
    assert marked(heading, second.find("h2").get_text()).startswith("Theme in French:")
    option = theme_page.find("option", string=label)
    assert (option["lang"], option["dir"]) == ("fr", "ltr")
    assert option.parent.name == "optgroup" and option.parent["label"] == "In French"


def test_a_theme_renamed_by_the_analyst_is_no_longer_marked_french(analyst_client):
    href = theme_link(theme_sections(analyst_client)[0])
    token = csrf_token(analyst_client.get(href))
    analyst_client.post(href, data={"csrf_token": token, "rename-label": "Kind staff"})
    heading = parse(analyst_client.get(href)).find("h1")
    assert heading.find("span", string="Kind staff").get("lang") is None
    assert "in French" not in heading.get_text()


def test_an_arabic_theme_name_reads_right_to_left_on_an_english_page(app, service):
    themes = pd.DataFrame(
        {
            "theme": [1],
            "key": ["ar|حافلة|قرية"],
            "label": ["لا توجد حافلة من قريتي"],
            "language": ["ar"],
            "n": [12],
            "share": [1.0],
            "share:gender=woman": [1.0],
        }
    )
    with app.test_request_context(headers={"Accept-Language": "en"}):
        chart, table = findings.theme_figures(Vocabulary(service), themes)
    marked = '<span lang="ar" dir="rtl">لا توجد حافلة من قريتي</span>'
    assert chart.rows[0].label == "Arabic: " + marked
    assert marked in chart.summary and "in Arabic" in chart.summary
    assert table.head[1] == "Arabic: " + marked

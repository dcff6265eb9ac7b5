"""Deciding on insights: accept, dismiss, annotate, plan, start, finish with a public text."""

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import Insight
from tests.fixtures.pages import assert_page_basics, csrf_token, parse
from tests.insights.conftest import INSIGHTS
from tests.insights.helpers import audit_events, error_messages

KEY = "gap|disability=yes|ces"
ITEM = f"{INSIGHTS}/priorities/item?key=gap%7Cdisability%3Dyes%7Cces"


def act(client, action, key=KEY, **extra):
    token = csrf_token(client.get(INSIGHTS + "/priorities"))
    data = {"csrf_token": token, "insight_key": key, "action": action, **extra}
    return client.post(INSIGHTS + "/priorities/decide", data=data)


def status_of(key=KEY):
    db.session.expire_all()
    insight = db.session.scalar(select(Insight).where(Insight.insight_key == key))
    return insight and str(insight.status)


def post_item(client, data):
    token = csrf_token(client.get(ITEM))
    return client.post(ITEM, data={"csrf_token": token, **data})


def test_the_list_ranks_every_finding_with_its_actions(analyst_client):
    page = assert_page_basics(analyst_client.get(INSIGHTS + "/priorities"))
    items = page.select(".insight")
    assert len(items) > 5
    first = items[0]
    assert "Rank 1" in first.get_text()
    assert "Status: New" in first.get_text()
    buttons = [b.get_text(strip=True) for b in first.find_all("button")]
    assert buttons == ["Accept", "Dismiss"]
    assert first.find("button")["aria-describedby"] == "text-1"
    texts = [item.find(class_="insight__text").get_text() for item in items]
    assert any("People with a disability rate “effort” worse" in text for text in texts), texts


def test_accept_then_plan_start_and_finish(analyst_client, insights_analyst):
    response = act(analyst_client, "accept")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#insight-gap-disability-yes-ces")
    assert status_of() == "accepted"
    assert act(analyst_client, "plan").status_code == 302
    assert act(analyst_client, "start").status_code == 302
    assert status_of() == "in_progress"
    # Done needs a public text: the button is not offered, and a forged request is refused.
    assert act(analyst_client, "finish").status_code == 400
    response = post_item(
        analyst_client,
        {
            "public-text_en": "We now phone disabled residents in villages.",
            "public-text_ar": "نتصل\u202e",  # a direction override is left out
        },
    )
    assert response.status_code == 302
    assert status_of() == "done"
    insight = db.session.scalar(select(Insight))
    assert insight.public_text == {
        "en": "We now phone disabled residents in villages.",
        "ar": "نتصل",
    }
    assert insight.snapshot["segment"] == "disability=yes"
    assert insight.updated_by_id == insights_analyst.id
    decisions = [e.details for e in audit_events("insights.decision")]
    assert [(d["action"], d["from"], d["to"]) for d in decisions] == [
        ("accept", "new", "accepted"),
        ("plan", "accepted", "planned"),
        ("start", "planned", "in_progress"),
        ("finish", "in_progress", "done"),
    ]
    assert decisions[-1]["languages"] == ["ar", "en"]


def test_done_needs_text_in_at_least_one_language(analyst_client):
    for action in ("accept", "plan", "start"):
        act(analyst_client, action)
    response = post_item(analyst_client, {"public-text_en": "  "})
    assert response.status_code == 400
    assert error_messages(response) == ["Write what changed in at least one language"]
    too_long = post_item(analyst_client, {"public-text_fr": "x" * 281})
    assert error_messages(too_long) == ["Each text must be 280 characters or fewer"]
    assert status_of() == "in_progress"


def test_dismiss_and_reopen(analyst_client):
    act(analyst_client, "dismiss")
    assert status_of() == "dismissed"
    page = parse(analyst_client.get(INSIGHTS + "/priorities"))
    item = page.find(id="insight-gap-disability-yes-ces")
    assert "Status: Dismissed" in item.get_text()
    assert [b.get_text(strip=True) for b in item.find_all("button")] == ["Reopen"]
    act(analyst_client, "reopen")
    assert status_of() == "accepted"


@pytest.mark.parametrize("action", ["plan", "start", "finish", "reopen", "explode"])
def test_an_action_that_does_not_apply_is_a_400(analyst_client, action):
    assert act(analyst_client, action).status_code == 400
    assert status_of() is None


def test_an_unknown_insight_is_a_404(analyst_client):
    assert act(analyst_client, "accept", key="gap|nobody=here|ces").status_code == 404


def test_a_missing_csrf_token_is_refused(analyst_client):
    response = analyst_client.post(
        INSIGHTS + "/priorities/decide", data={"insight_key": KEY, "action": "accept"}
    )
    assert response.status_code == 400
    assert status_of() is None


def test_annotate_a_new_insight(analyst_client):
    response = post_item(analyst_client, {"note-note": "Ask the village halls"})
    assert response.status_code == 302
    insight = db.session.scalar(select(Insight))
    assert (insight.note, str(insight.status)) == ("Ask the village halls", "new")
    [event] = audit_events("insights.note")
    assert event.details["key"] == KEY
    page = parse(analyst_client.get(INSIGHTS + "/priorities"))
    assert "Ask the village halls" in page.find(id="insight-gap-disability-yes-ces").get_text()


def test_a_note_too_long_is_refused(analyst_client):
    response = post_item(analyst_client, {"note-note": "x" * 2001})
    assert response.status_code == 400
    assert error_messages(response) == ["The note must be 2000 characters or fewer"]


def test_the_item_page(analyst_client):
    response = analyst_client.get(ITEM)
    page = assert_page_basics(response)
    assert "People with a disability" in page.find(id="insight-text").get_text()
    # The public text form appears once work is in progress.
    assert page.find("textarea", id="public-text_ar") is None
    for action in ("accept", "plan", "start"):
        act(analyst_client, action)
    page = parse(analyst_client.get(ITEM))
    arabic = page.find("textarea", id="public-text_ar")
    assert arabic.find_parent(class_="form-group")["dir"] == "rtl"
    # No maxlength: a longer pasted text stays whole, and the error says how much to cut.
    assert not arabic.has_attr("maxlength")


def test_an_item_without_key_is_a_400(analyst_client):
    assert analyst_client.get(INSIGHTS + "/priorities/item").status_code == 400

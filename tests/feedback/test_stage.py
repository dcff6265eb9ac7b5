"""A journey stage page keeps its promise: every question optional, "Not yet" asks no feeling."""

import math

import pytest
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.feedback.models import Response, StageExperience
from feedback_app.feedback.submit import build_response
from feedback_app.insights.frames import responses_frame
from tests.feedback.resident import Resident
from tests.fixtures.pages import parse

pytestmark = pytest.mark.database


def stored_stories():
    db.session.expire_all()
    stories = db.session.scalars(select(StageExperience))
    return {story.stage.code: story for story in stories}


def main_text(response):
    return parse(response).main.get_text(" ", strip=True)


def test_the_residents_own_words_are_accepted_alone(client, service):
    resident = Resident(client)
    reply = resident.post("/journey/apply", {"text": "Nobody explained the form."})
    assert reply.status_code == 302
    check = main_text(resident.get("/check"))
    assert "Nobody explained the form." in check and "Been through it" not in check
    resident.send()
    story = stored_stories()["apply"]
    assert (story.went_through, story.emotion, story.barriers) == (None, None, [])
    assert story.text == "Nobody explained the form."


def test_not_yet_keeps_no_feeling_nor_barriers_given_without_javascript(client, service):
    resident = Resident(client)
    story = {"went_through": "not_yet", "emotion": "-2", "barriers": ["cost"], "text": "Soon."}
    assert resident.post("/journey/wait", story).status_code == 302
    check = main_text(resident.get("/check"))
    assert "Been through it: Not yet" in check
    assert "How it felt" not in check and "What got in the way" not in check
    # Coming back to the page shows only what is kept.
    page = parse(resident.get("/journey/wait"))
    assert page.find("input", attrs={"name": "emotion", "checked": True}) is None
    resident.send()
    wait = stored_stories()["wait"]
    assert (wait.went_through, wait.emotion, wait.barriers, wait.text) == (
        "not_yet",
        None,
        [],
        "Soon.",
    )


def test_a_feeling_without_the_first_answer_is_kept(client, service):
    resident = Resident(client)
    assert resident.post("/journey/apply", {"emotion": "1"}).status_code == 302
    resident.send()
    story = stored_stories()["apply"]
    assert (story.went_through, story.emotion) == (None, 1)


def test_the_page_says_who_the_feeling_and_barriers_are_for(client, service):
    page = parse(Resident(client).get("/journey/apply"))
    follow_ups = page.find(id="stage-follow-ups")
    assert follow_ups["data-hide-when-chosen"] == "went_through"
    assert follow_ups["data-hide-values"].split() == ["not_yet", "no"]
    legends = [legend.get_text(strip=True) for legend in follow_ups.find_all("legend")]
    assert legends == ["How did it feel?", "What got in the way?"]
    hints = follow_ups.find_all(class_="hint")
    assert all("Only if you have been through this stage" in hint.get_text() for hint in hints)
    assert page.find(id="went_through-0").find_parent(id="stage-follow-ups") is None


def _stored(app, service, key, stories):
    response = build_response(service, stories, key, locale="en", secret=app.secret_key)
    db.session.add(response)
    db.session.commit()
    return response.id


def test_the_journey_curve_counts_only_stages_gone_through(app, service):
    told = {"went_through": None, "emotion": "-1", "barriers": ["cost"], "text": None}
    words_only = _stored(app, service, "web-words", {"stage:apply": {"text": "Odd."}})
    feeling_only = _stored(app, service, "web-feeling", {"stage:apply": told})
    # Stored before "Not yet" dropped the feeling: still not a stage gone through.
    legacy = _stored(app, service, "web-legacy", {"stage:apply": {**told, "went_through": None}})
    db.session.get(Response, legacy).stage_experiences[0].went_through = "not_yet"
    db.session.commit()
    frame = responses_frame(service).set_index("response_id")
    assert frame.loc[feeling_only, "stage:apply"] == -1
    assert frame.loc[feeling_only, "barrier:apply:cost"] == 1
    for response_id in (words_only, legacy):
        assert math.isnan(frame.loc[response_id, "stage:apply"])
        assert math.isnan(frame.loc[response_id, "barrier:apply:cost"])

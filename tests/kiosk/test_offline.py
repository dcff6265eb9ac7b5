"""A kiosk with no connection: its flow as JSON from the residents' own forms, and the endpoint
its queued responses drain to, which stores each device-made key exactly once."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from feedback_app.extensions import db
from feedback_app.feedback.models import Channel, Response
from feedback_app.kiosk import registry
from feedback_app.kiosk.device import KIOSK_COOKIE
from feedback_app.models import Service
from feedback_app.security import CONTENT_SECURITY_POLICY
from tests.feedback.resident import RATINGS
from tests.fixtures.database import FreshContextClient
from tests.fixtures.pages import parse
from tests.fixtures.people import sign_in

pytestmark = pytest.mark.database
URL = "/kiosk/responses"
KEY = "0b6c3f0e-5a1d-4f7e-9c2b-8d4e1f2a3b4c"


def _queued(**change):
    """A response as the offline page queues it: answers by step, as its forms post them."""
    return {
        "client_key": KEY,
        "service": "home-support",
        "locale": "en",
        "answers": {
            "ratings": RATINGS,
            "stage:apply": {"went_through": "yes", "emotion": "-1", "barriers": ["paperwork"]},
            "comment": {"comment": "The form was long."},
            "consent": {"consent": "yes"},
            "about_you": {"age_band": "75+", "rurality": "village"},
            "activities": {"wg_mobility": "a_lot_of_difficulty"},
        },
        **change,
    }


def _stored():
    return db.session.scalar(select(func.count()).select_from(Response))


def test_the_definition_holds_the_forms_of_the_flow_in_every_language(kiosk_client):
    response = kiosk_client.get("/kiosk/definition.json")
    assert response.status_code == 200
    definition = response.get_json()
    assert definition["home_locale"] == "fr" and set(definition["locales"]) == {
        "fr",
        "en",
        "es",
        "ar",
    }
    steps = definition["locales"]["en"]["services"][0]["steps"]
    keys = [step["key"] for step in steps]
    assert keys[0] == "ratings" and keys[-3:] == ["consent", "about_you", "activities"]
    assert "stage:apply" in keys
    rating = steps[0]["fields"][0]
    assert rating["type"] == "radio" and rating["options"][-1]["text"] == "Does not apply"
    comment = next(s for s in steps if s["key"] == "comment")["fields"][0]
    assert comment["limit"] == 2000 and "2000" in comment["too_long"]
    about_you = next(s for s in steps if s["key"] == "about_you")
    assert about_you["personal"] and about_you["title"]["text"] == "About you"
    # Translated by the same catalogue as the server's pages.
    french = definition["locales"]["fr"]
    assert french["texts"]["continue"] == "Continuer"
    assert french["services"][0]["steps"][-2]["title"]["text"] != "Questions about you"
    assert "1111" in french["texts"]["step_counter"]


def test_the_definition_is_versioned_and_revalidated_cheaply(kiosk_client):
    first = kiosk_client.get("/kiosk/definition.json")
    assert first.get_json()["version"] in first.headers["ETag"]
    again = kiosk_client.get(
        "/kiosk/definition.json", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


def test_the_offline_app_is_only_for_kiosks(client, service):
    assert client.get("/kiosk/definition.json").status_code == 403
    assert client.get("/kiosk/manifest.webmanifest").status_code == 403
    assert client.get("/kiosk/offline").status_code == 404
    assert client.post(URL, json=_queued()).status_code == 403
    assert _stored() == 0


def test_the_installable_app_and_its_service_worker(kiosk_client):
    manifest = kiosk_client.get("/kiosk/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"
    body = manifest.get_json()
    assert body["start_url"] == "/fr/kiosk" and body["scope"] == "/"
    for icon in body["icons"]:
        image = kiosk_client.get(icon["src"])
        assert image.status_code == 200 and image.get_data().startswith(b"\x89PNG")
        image.close()
    worker = kiosk_client.get("/kiosk/sw.js")
    assert worker.status_code == 200 and worker.headers["Service-Worker-Allowed"] == "/"
    kept = worker.get_data(as_text=True)
    assert '"/kiosk/offline"' in kept
    worker.close()
    assert "worker-src 'self'" in CONTENT_SECURITY_POLICY
    assert "manifest-src 'self'" in CONTENT_SECURITY_POLICY
    page = parse(kiosk_client.get("/kiosk/offline"))
    scripts = [script["src"] for script in page.find_all("script", src=True)]
    assert "/static/js/kiosk-offline.js" in scripts
    # Every file the offline page loads is one the service worker keeps.
    assert all(f'"{src}"' in kept for src in scripts), scripts
    assert not page.find_all("script", src=False) and not page.select("[style]")


def test_a_queued_response_is_stored_once_with_the_kiosk(kiosk_client, kiosk_and_token):
    first = kiosk_client.post(URL, json=_queued())
    assert first.status_code == 201 and first.get_json() == {"status": "received"}
    response = db.session.scalar(select(Response))
    assert response.channel == Channel.KIOSK and response.kiosk_id == kiosk_and_token[0].id
    assert response.client_key == f"kiosk-{kiosk_and_token[0].id}-{KEY}"
    assert {a.question.code: a.value for a in response.answers}["csat"] == 5
    assert response.profile.age_band == "75+" and response.profile.disability == "yes"
    assert response.stage_experiences[0].barriers == ["paperwork"]
    replay = kiosk_client.post(URL, json=_queued())
    assert replay.status_code == 200 and replay.get_json() == {"status": "already_received"}
    assert _stored() == 1


def test_answers_about_the_resident_need_their_consent(kiosk_client):
    answers = {**_queued()["answers"], "consent": {"consent": "no"}}
    assert kiosk_client.post(URL, json=_queued(answers=answers)).status_code == 201
    assert db.session.scalar(select(Response)).profile is None


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ([1, 2], "body"),
        ("text", "body"),
        (_queued(client_key="short"), "client_key"),
        (_queued(client_key=["x" * 20]), "client_key"),
        (_queued(locale="de"), "locale"),
        (_queued(locale=None), "locale"),
        (_queued(service="library-at-home"), "service"),
        (_queued(service={"slug": "home-support"}), "service"),
        (_queued(answers=[]), "answers"),
        (_queued(answers={"ratings": {"rating_csat": "9"}}), "answers.ratings.rating_csat"),
        (_queued(answers={"ratings": {"rating_csat": 5}}), "answers.ratings"),
        (_queued(answers={"ratings": "5"}), "answers.ratings"),
        (_queued(answers={"stage:nowhere": {}}), "answers.stage:nowhere"),
        (_queued(answers={"comment": {"comment": "x" * 2001}}), "answers.comment.comment"),
        (_queued(answers={"consent": {"consent": "yes"}}), "answers"),
        (_queued(answers={"consent": {"consent": "maybe"}}), "answers.consent.consent"),
    ],
)
def test_a_malformed_response_is_refused_and_nothing_stored(kiosk_client, body, path):
    response = kiosk_client.post(URL, json=body)
    assert response.status_code == 422
    assert path in response.get_json()["errors"]
    assert _stored() == 0


def test_only_json_from_the_kiosks_own_pages_is_taken(kiosk_client):
    assert kiosk_client.post(URL, data="client_key=x").status_code == 415
    cross_site = {"Sec-Fetch-Site": "cross-site"}
    assert kiosk_client.post(URL, json=_queued(), headers=cross_site).status_code == 403
    elsewhere = {"Origin": "https://attacker.example"}
    assert kiosk_client.post(URL, json=_queued(), headers=elsewhere).status_code == 403
    assert (
        kiosk_client.post(URL, data=b"{not json", content_type="application/json").status_code
        == 422
    )
    assert _stored() == 0


def test_a_retired_kiosk_is_refused(kiosk_client, kiosk_and_token, facilitator):
    registry.retire(kiosk_and_token[0], facilitator, kiosk_and_token[0].services[0])
    assert kiosk_client.post(URL, json=_queued()).status_code == 403
    assert _stored() == 0


def test_a_service_the_kiosk_does_not_offer_is_refused(kiosk_client):
    other = Service(slug="library-at-home", name={"en": "Library at home"})
    db.session.add(other)
    db.session.commit()
    response = kiosk_client.post(URL, json=_queued(service="library-at-home"))
    assert response.status_code == 422 and "service" in response.get_json()["errors"]
    assert _stored() == 0


def test_the_device_reports_its_queue_and_the_staff_page_shows_it(
    kiosk_client, kiosk_and_token, facilitator, client
):
    kiosk = kiosk_and_token[0]
    assert (
        kiosk_client.post("/kiosk/status", json={}, headers={"X-Kiosk-Queue": "7"}).status_code
        == 204
    )
    db.session.refresh(kiosk)
    assert kiosk.queued_responses == 7 and kiosk.queue_reported_at is not None
    kiosk_client.post(URL, json=_queued(), headers={"X-Kiosk-Queue": "6"})
    db.session.refresh(kiosk)
    assert kiosk.queued_responses == 6
    staff = kiosk_client.application.test_client()
    sign_in(staff, facilitator.email)
    facts = parse(staff.get("/staff/services/home-support/kiosks")).select_one(".facts")
    assert "Waiting on the device" in facts.get_text() and "6" in facts.get_text()


def _replay(app, cookie):
    app.test_client_class = FreshContextClient
    device = app.test_client()
    device.set_cookie(KIOSK_COOKIE, cookie)
    return device.post(URL, json=_queued()).status_code


def test_replays_at_the_same_moment_store_one_response(app, kiosk_client):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("parallel writers need PostgreSQL")
    cookie = kiosk_client.get_cookie(KIOSK_COOKIE).value
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda _: _replay(app, cookie), range(16)))
    assert sorted(statuses) == [200] * 15 + [201]
    db.session.expire_all()
    assert _stored() == 1

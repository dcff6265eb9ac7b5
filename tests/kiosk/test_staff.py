"""Facilitators set kiosks up for their services, replace their setup links and retire them."""

import pytest
from sqlalchemy import func, select

from feedback_app.extensions import db
from feedback_app.kiosk.models import Kiosk
from feedback_app.kiosk.registry import retire
from feedback_app.models import AuditEvent, Partnership, Service
from tests.fixtures.pages import assert_page_basics, csrf_token, parse
from tests.fixtures.people import sign_in
from tests.kiosk.helpers import SETUP_PREFIX, make_kiosk, set_up_device

pytestmark = pytest.mark.database
PAGE = "/staff/services/home-support/kiosks"
NEW_KIOSK = {"location": "Library, entrance", "default_locale": "ar", "services": ["home-support"]}


def _post(client, url, data=None):
    return client.post(url, data={"csrf_token": csrf_token(client.get(PAGE)), **(data or {})})


@pytest.fixture
def signed_in(client, facilitator):
    sign_in(client, "facilitator@example.org")
    return client


def test_facilitators_find_the_kiosks_page_from_their_services(signed_in):
    assert PAGE in signed_in.get("/staff/").get_data(as_text=True)
    page = assert_page_basics(signed_in.get(PAGE))
    assert "No kiosk offers this service yet." in page.get_text()


def test_setting_up_a_kiosk_shows_its_setup_link_once(signed_in):
    posted = _post(signed_in, PAGE, NEW_KIOSK)
    assert posted.status_code == 303
    response = signed_in.get(posted.headers["Location"])
    assert response.headers["Cache-Control"] == "no-store"
    page = assert_page_basics(response)
    # A staff page about a kiosk is not itself a kiosk page (no idle reset, no kiosk shell).
    assert page.find("body").get("class") is None and page.find("dialog") is None
    link = page.find(class_="share-url").get_text(strip=True)
    assert link.startswith(SETUP_PREFIX)
    assert page.find("svg", attrs={"role": "img"}) is not None
    kiosk = db.session.scalar(select(Kiosk))
    assert (kiosk.location, kiosk.default_locale) == ("Library, entrance", "ar")
    assert [s.slug for s in kiosk.services] == ["home-support"]
    # Only the hash is stored, and the list page never shows the link again.
    token = link.removeprefix(SETUP_PREFIX)
    assert kiosk.token_hash != token and token not in signed_in.get(PAGE).get_data(as_text=True)
    assert signed_in.get(link).status_code == 200
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "kiosk_registered"))
    assert event.target_id == str(kiosk.id) and event.details == {"services": ["home-support"]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"location": "   "}, "Enter where the kiosk stands"),
        ({"location": "\u200b\x00\u202e -"}, "Enter where the kiosk stands"),
        ({"location": "x" * 121}, "The place must be 120 characters or fewer"),
        ({"default_locale": ""}, "Choose the language its home screen starts in"),
        ({"default_locale": "de"}, "Choose one of the languages listed"),
        ({"services": []}, "Choose at least one service for the kiosk to offer"),
        ({"services": ["library-at-home"]}, "Choose one of the services listed"),
    ],
)
def test_a_wrong_answer_is_explained_and_the_rest_is_kept(signed_in, change, message):
    response = _post(signed_in, PAGE, {**NEW_KIOSK, **change})
    assert response.status_code == 400
    page = parse(response)
    assert message in page.find(class_="error-summary").get_text()
    if "location" not in change:
        assert page.find("input", attrs={"name": "location"})["value"] == "Library, entrance"
    assert db.session.scalar(select(Kiosk)) is None


def test_a_second_kiosk_at_the_same_place_is_refused_until_the_first_retires(
    signed_in, facilitator, service
):
    """Insights and exports tell kiosks apart by their place (a review made two alike)."""
    kiosk, _ = make_kiosk(facilitator, [service], location="Library, entrance")
    db.session.commit()
    response = _post(signed_in, PAGE, {**NEW_KIOSK, "location": " library,  ENTRANCE "})
    assert response.status_code == 400
    summary = parse(response).find(class_="error-summary").get_text()
    assert "A kiosk of these services already stands there" in summary
    assert db.session.scalar(select(func.count(Kiosk.id))) == 1
    retire(kiosk, facilitator, service)
    assert _post(signed_in, PAGE, {**NEW_KIOSK, "location": "Library, entrance"}).status_code == 303


def test_hidden_characters_are_taken_out_of_the_place(signed_in):
    _post(signed_in, PAGE, {**NEW_KIOSK, "location": "\u202eLibrary\x00, \u200bentrance "})
    assert db.session.scalar(select(Kiosk)).location == "Library, entrance"


def test_arabic_staff_get_the_form_and_its_errors_in_arabic(signed_in):
    signed_in.get("/ar/")
    response = _post(signed_in, PAGE, {**NEW_KIOSK, "location": ""})
    page = assert_page_basics(response, lang="ar")
    assert "Enter where the kiosk stands" not in page.get_text()


def test_the_list_shows_each_kiosk_and_what_it_offers(signed_in, facilitator, service):
    make_kiosk(facilitator, [service], location="Town hall, reception")
    page = parse(signed_in.get(PAGE))
    item = page.select_one(".kiosk-list__item")
    assert item.find("h3").get_text(strip=True) == "Town hall, reception"
    facts = item.find(class_="facts").get_text(" ", strip=True)
    assert "In use" in facts and "Français" in facts and "Never" in facts


def test_refreshing_the_setup_link_page_makes_no_second_kiosk(signed_in):
    issued = _post(signed_in, PAGE, NEW_KIOSK).headers["Location"]
    first = parse(signed_in.get(issued)).find(class_="share-url").get_text(strip=True)
    again = parse(signed_in.get(issued)).find(class_="share-url").get_text(strip=True)
    assert first == again
    assert len(db.session.scalars(select(Kiosk)).all()) == 1
    # Once the link is used on the device, the page no longer shows it.
    set_up_device(signed_in.application.test_client(), first.removeprefix(SETUP_PREFIX))
    assert parse(signed_in.get(issued)).find(class_="share-url") is None


def test_a_new_setup_link_replaces_the_old_one(signed_in, facilitator, service):
    kiosk, old = make_kiosk(facilitator, [service])
    response = signed_in.get(_post(signed_in, f"{PAGE}/{kiosk.id}/setup-link").headers["Location"])
    new = parse(response).find(class_="share-url").get_text(strip=True)
    assert new.startswith(SETUP_PREFIX) and not new.endswith(old)
    assert signed_in.get(f"/kiosk/setup/{old}").status_code == 404
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "kiosk_link_replaced" in actions


def test_retiring_a_kiosk_asks_first_and_keeps_it_in_the_list(signed_in, facilitator, service):
    kiosk, token = make_kiosk(facilitator, [service])
    retire = f"{PAGE}/{kiosk.id}/retire"
    assert parse(signed_in.get(PAGE)).find("a", href=retire) is not None
    question = assert_page_basics(signed_in.get(retire))
    assert question.h1.get_text(strip=True) == "Retire this kiosk?"
    db.session.refresh(kiosk)
    assert kiosk.is_active
    response = signed_in.post(retire, data={"csrf_token": csrf_token(signed_in.get(retire))})
    assert response.status_code == 302 and response.headers["Location"] == PAGE
    page = parse(signed_in.get(PAGE))
    assert "Retired" in page.select_one(".kiosk-list__item").get_text()
    assert not page.select(".kiosk-list__item form, .kiosk-list__item .button")
    assert signed_in.get(f"/kiosk/setup/{token}").status_code == 404
    assert signed_in.get(retire).headers["Location"] == PAGE
    assert _post(signed_in, f"{PAGE}/{kiosk.id}/setup-link").status_code == 404


def test_actions_need_their_csrf_token(signed_in, facilitator, service):
    kiosk, _token = make_kiosk(facilitator, [service])
    assert signed_in.post(f"{PAGE}/{kiosk.id}/retire").status_code == 400
    assert signed_in.post(PAGE, data=NEW_KIOSK).status_code == 400
    db.session.refresh(kiosk)
    assert kiosk.is_active and len(db.session.scalars(select(Kiosk)).all()) == 1


def test_kiosks_are_for_the_services_facilitators(client, make_user, partner, service):
    assert client.get(PAGE).status_code == 302
    make_user("analyst@example.org", organisation=partner, role="analyst")
    sign_in(client, "analyst@example.org")
    assert client.get(PAGE).status_code == 403
    assert "/kiosks" not in client.get("/staff/").get_data(as_text=True)


def test_a_kiosk_shared_with_another_service_needs_that_services_facilitator(
    signed_in, facilitator, service, make_user, outsider_organisation
):
    other = db.session.scalar(select(Service).where(Service.slug == "library-at-home"))
    outsider = make_user("outsider@example.org", organisation=outsider_organisation, role="admin")
    both = Partnership(service=service, organisation=outsider_organisation, role="partner")
    db.session.add(both)
    db.session.commit()
    shared, _token = make_kiosk(outsider, [service, other])
    page = parse(signed_in.get(PAGE))
    # Listed, but the facilitator of one of its services may not stop it for the other.
    assert page.select_one(".kiosk-list__item") is not None
    assert not page.select(".kiosk-list__item form, .kiosk-list__item .button")
    assert signed_in.get(f"{PAGE}/{shared.id}/retire").status_code == 403
    assert _post(signed_in, f"{PAGE}/{shared.id}/retire").status_code == 403
    db.session.refresh(shared)
    assert shared.is_active


def test_unknown_kiosks_are_404(signed_in, facilitator, service):
    assert _post(signed_in, f"{PAGE}/999/retire").status_code == 404
    assert signed_in.get("/staff/services/nowhere/kiosks").status_code == 404

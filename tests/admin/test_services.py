"""Admins create and edit services in every language, publish them only when each offered
language is complete, preview them, and manage their partnership; others are refused."""

import pytest
from sqlalchemy import select

from feedback_app.demo.seed import seed_responses
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, Partnership, Service, User
from tests.admin.helpers import error_summary, post_form
from tests.fixtures.pages import assert_page_basics, parse
from tests.fixtures.people import PASSWORD, sign_in

pytestmark = pytest.mark.database
NEW = "/staff/admin/services/new"
HOME = "/staff/admin/services/home-support"


def _new_service(owner, **change):
    data = {
        "slug": "meals-at-home",
        "languages": ["fr", "ar"],
        "name_fr": "Repas à domicile",
        "name_ar": "وجبات في المنزل",
        "description_fr": "",
        "retention_days": "",
        "organisation": str(owner.id),
        "partner_role": "operator",
    }
    return {**data, **change}


@pytest.fixture
def admin_client(client, partner_admin):
    sign_in(client, "boss@example.org")
    return client


def test_an_organisation_admin_creates_an_unpublished_service(admin_client, partner):
    assert NEW in admin_client.get("/staff/").get_data(as_text=True)
    assert_page_basics(admin_client.get(NEW))
    response = post_form(admin_client, NEW, _new_service(partner))
    assert response.location == "/staff/admin/services/meals-at-home"
    service = db.session.scalar(select(Service).filter_by(slug="meals-at-home"))
    assert service.name == {"fr": "Repas à domicile", "ar": "وجبات في المنزل"}
    assert service.languages == ["fr", "ar"] and not service.is_published
    assert service.retention_days is None
    assert [(p.organisation_id, p.role) for p in service.partnerships] == [(partner.id, "operator")]
    page = assert_page_basics(admin_client.get(response.location))
    assert "Not published" in page.get_text()
    assert db.session.scalar(select(AuditEvent).filter_by(action="service_created"))
    # The new service is on the staff home of its organisation's people.
    assert "/staff/admin/services/meals-at-home" in admin_client.get("/staff/").get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"slug": "home-support"}, "Another service already uses this web address"),
        ({"slug": "Meals At Home!"}, "Use only small letters a to z, digits and hyphens"),
        ({"slug": "ab"}, "The web address must be 3 to 80 characters long"),
        ({"slug": "new"}, "This web address is kept for the staff pages: choose another"),
        ({"languages": []}, "Choose at least one language"),
        ({"languages": ["de"]}, "Choose one of the languages listed"),
        ({"name_fr": "", "name_ar": ""}, "Enter the name of the service in one of its languages"),
        ({"name_fr": "x" * 201}, "The name must be 200 characters or fewer"),
        ({"description_fr": "x" * 2001}, "The description must be 2000 characters or fewer"),
        ({"retention_days": "forever"}, "Enter a number of days, like 365"),
        ({"retention_days": "3"}, "Keep responses between 30 and 3650 days"),
        ({"organisation": "999999"}, "Choose one of the organisations listed"),
        ({"partner_role": "owner"}, "Choose one of the parts listed"),
    ],
)
def test_bad_services_are_explained_and_what_was_typed_is_kept(
    admin_client, partner, service, change, message
):
    response = post_form(admin_client, NEW, _new_service(partner, **change))
    assert response.status_code == 400
    assert message in error_summary(response)
    if "name_ar" not in change:
        assert (
            parse(response).find("input", attrs={"name": "name_ar"})["value"] == "وجبات في المنزل"
        )
    assert db.session.scalar(select(Service).filter_by(slug="meals-at-home")) is None


def test_an_admin_cannot_start_a_service_for_another_organisation(
    admin_client, partner, outsider_organisation
):
    data = _new_service(partner, organisation=str(outsider_organisation.id))
    response = post_form(admin_client, NEW, data)
    assert "Choose one of the organisations listed" in error_summary(response)


def test_html_in_a_name_is_only_text(admin_client, partner):
    post_form(admin_client, NEW, _new_service(partner, name_fr="<img src=x onerror=alert(1)>"))
    page = admin_client.get("/staff/admin/services/meals-at-home").get_data(as_text=True)
    assert "<img src=x" not in page and "&lt;img src=x" in page


def test_settings_are_changed_with_the_summary_change_links(admin_client, partner):
    post_form(admin_client, NEW, _new_service(partner))
    page = parse(admin_client.get("/staff/admin/services/meals-at-home"))
    changes = [a["href"] for a in page.select(".summary-list__actions a")]
    settings = "/staff/admin/services/meals-at-home/settings"
    assert f"{settings}#slug" in changes and f"{settings}#retention_days" in changes
    form = assert_page_basics(admin_client.get(settings))
    assert form.find("input", attrs={"name": "name_ar"})["dir"] == "rtl"
    data = _new_service(partner, slug="meals", retention_days="365", name_fr="Repas")
    response = post_form(admin_client, settings, data)
    assert response.location == "/staff/admin/services/meals"
    service = db.session.scalar(select(Service).filter_by(slug="meals"))
    assert (service.retention_days, service.name["fr"]) == (365, "Repas")


def test_the_address_is_frozen_once_residents_have_answered(admin_client, service):
    seed_responses(service, count=2)
    db.session.commit()
    settings = f"{HOME}/settings"
    page = assert_page_basics(admin_client.get(settings))
    assert page.find("input", attrs={"name": "slug", "type": "hidden"})
    data = {
        "slug": "forged",
        "languages": ["en"],
        "name_en": "Home support",
        "retention_days": "",
    }
    response = post_form(admin_client, settings, data)
    assert response.status_code == 400
    assert "the web address can no longer change" in error_summary(response)
    db.session.expire_all()
    assert db.session.scalar(select(Service).filter_by(slug="home-support")) is not None


def test_publishing_waits_for_every_offered_language(admin_client, partner):
    post_form(admin_client, NEW, _new_service(partner, description_fr="Des repas chauds."))
    url = "/staff/admin/services/meals-at-home"
    response = post_form(admin_client, f"{url}/publish", form_page=url)
    assert response.status_code == 400
    problems = error_summary(response)
    assert "Add at least one journey stage or question first" in problems
    assert "The description of the service is missing in Arabic" in problems
    assert not db.session.scalar(select(Service).filter_by(slug="meals-at-home")).is_published
    # The language is named in the reader's language.
    admin_client.set_cookie("lang", "fr")
    french = post_form(admin_client, f"{url}/publish", form_page=url)
    assert french.status_code == 400 and "arabe" in error_summary(french)


def test_the_demo_service_publishes_and_unpublishes(admin_client, service):
    service.is_published = False
    db.session.commit()
    response = post_form(admin_client, f"{HOME}/publish", form_page=HOME)
    assert response.location == HOME
    db.session.expire_all()
    assert db.session.get(Service, service.id).is_published
    post_form(admin_client, f"{HOME}/unpublish", form_page=HOME)
    db.session.expire_all()
    assert not db.session.get(Service, service.id).is_published
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"service_published", "service_unpublished"} <= actions


def test_the_preview_shows_each_language_and_marks_what_is_missing(admin_client, service):
    service.name = {code: text for code, text in service.name.items() if code != "ar"}
    db.session.commit()
    page = assert_page_basics(admin_client.get(f"{HOME}/preview/ar"))
    assert "Missing in" in page.get_text()
    french = assert_page_basics(admin_client.get(f"{HOME}/preview/fr"))
    assert french.find(attrs={"lang": "fr"}, string="Se renseigner")
    assert admin_client.get(f"{HOME}/preview/de").status_code == 404


def test_partners_are_added_and_removed_but_never_the_last(
    admin_client, service, partner, outsider_organisation
):
    assert_page_basics(admin_client.get(f"{HOME}/partners"))
    data = {"organisation": str(outsider_organisation.id), "partner_role": "partner"}
    assert post_form(admin_client, f"{HOME}/partners", data).location == HOME
    added = db.session.scalar(
        select(Partnership).filter_by(
            service_id=service.id, organisation_id=outsider_organisation.id
        )
    )
    assert added.role == "partner"
    for partnership in list(service.partnerships):
        if partnership.organisation_id != partner.id:
            url = f"{HOME}/partners/{partnership.id}/remove"
            assert post_form(admin_client, url, form_page=HOME).location == HOME
    (last,) = db.session.scalars(select(Partnership).filter_by(service_id=service.id)).all()
    response = post_form(admin_client, f"{HOME}/partners/{last.id}/remove", form_page=HOME)
    assert response.status_code == 400
    assert "always run by at least one organisation" in error_summary(response)


@pytest.mark.parametrize("forged", ["999999", "99999999999999999999", "abc"])
def test_a_forged_partner_is_refused(admin_client, service, forged):
    response = post_form(
        admin_client, f"{HOME}/partners", {"organisation": forged, "partner_role": "partner"}
    )
    assert response.status_code == 400
    assert (
        post_form(admin_client, f"{HOME}/partners/{forged}/remove", form_page=HOME).status_code
        == 404
    )


ROUTES = [
    ("get", ""),
    ("get", "/settings"),
    ("post", "/settings"),
    ("post", "/publish"),
    ("post", "/unpublish"),
    ("get", "/partners"),
    ("post", "/partners"),
    ("get", "/preview/fr"),
    ("get", "/stages"),
    ("post", "/stages"),
]


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_admins_of_organisations_outside_the_partnership_are_refused(
    client, outsider_admin, service, method, route
):
    sign_in(client, "other-boss@example.org")
    url = HOME + route
    if method == "get":
        assert client.get(url).status_code == 403
    else:
        assert (
            post_form(client, url, {"slug": "stolen"}, form_page="/staff/password").status_code
            == 403
        )


@pytest.mark.parametrize(("method", "route"), ROUTES)
def test_analysts_of_a_partner_are_refused(client, make_user, partner, service, method, route):
    make_user("analyst@example.org", organisation=partner, role="analyst")
    sign_in(client, "analyst@example.org")
    url = HOME + route
    if method == "get":
        assert client.get(url).status_code == 403
    else:
        assert post_form(client, url, form_page="/staff/password").status_code == 403
    assert client.get(NEW).status_code == 403


def test_before_any_organisation_exists_creating_a_service_starts_with_one(client):
    """A new installation's first admin asking for a service is shown where to begin."""
    root = User(email="root@example.org", display_name="root", is_installation_admin=True)
    root.set_password(PASSWORD)
    db.session.add(root)
    db.session.commit()
    sign_in(client, "root@example.org")
    response = client.get(NEW)
    assert response.status_code == 302
    assert response.location == "/staff/admin/organisations"
    page = client.get(response.location).get_data(as_text=True)
    assert "create the first one, then the service" in page


def test_an_unknown_service_is_not_found(admin_client):
    assert admin_client.get("/staff/admin/services/nothing-here").status_code == 404
    assert admin_client.get("/staff/admin/services/bad%00slug").status_code == 404


def test_a_second_service_is_set_up_by_copying_the_first(admin_client, partner, service):
    post_form(admin_client, NEW, _new_service(partner))
    url = "/staff/admin/services/meals-at-home/copy"
    page = assert_page_basics(admin_client.get(url))
    assert [i["value"] for i in page.find_all("input", attrs={"name": "source"})] == [
        "home-support"
    ]
    assert post_form(admin_client, url, {"source": "library-at-home"}).status_code == 400
    response = post_form(admin_client, url, {"source": "home-support"})
    assert response.location == "/staff/admin/services/meals-at-home"
    db.session.expire_all()
    copy = db.session.scalar(select(Service).filter_by(slug="meals-at-home"))
    original = db.session.get(Service, service.id)
    assert [s.code for s in copy.journey.stages] == [s.code for s in original.journey.stages]
    assert copy.question_set.questions == original.question_set.questions
    assert copy.journey.stages[0].id != original.journey.stages[0].id
    # Copying again adds nothing twice.
    post_form(admin_client, url, {"source": "home-support"})
    db.session.expire_all()
    copy = db.session.scalar(select(Service).filter_by(slug="meals-at-home"))
    assert len(copy.journey.stages) == len(original.journey.stages)

"""A service's access register: its partners' admins see who read individual comments, who
exported what and which API tokens read what, produced here through the real pages."""

import pytest

from feedback_app.extensions import db
from feedback_app.privacy.audit import record
from tests.api.helpers import bearer, seed_small, token_for
from tests.fixtures.pages import assert_page_basics, parse
from tests.fixtures.people import sign_in

pytestmark = pytest.mark.database
REGISTER = "/staff/admin/services/home-support/access-register"
INSIGHTS = "/staff/services/home-support/insights"


def _lines(response):
    return [dd.get_text(" ", strip=True) for dd in parse(response).select(".summary-list__value")]


def test_the_register_tells_who_read_exported_and_called_the_api(
    app, client, service, partner_admin, make_user, partner
):
    seed_small(service)
    analyst = make_user("reader@example.org", organisation=partner, role="analyst")
    reader = app.test_client()
    sign_in(reader, analyst.email)
    theme = parse(reader.get(INSIGHTS + "/themes")).select_one("a[href*='/themes/theme']")
    assert reader.get(theme["href"]).status_code == 200
    assert reader.get("/staff/services/home-support/exports/csv").status_code == 200
    _, secret = token_for(analyst)
    api_read = client.get("/api/v1/services/home-support/gaps", headers=bearer(secret))
    assert api_read.status_code == 200

    sign_in(client, partner_admin.email)
    assert REGISTER in client.get("/staff/admin/services/home-support").get_data(as_text=True)
    response = client.get(REGISTER)
    assert_page_basics(response)
    api, export, comments = _lines(response)
    assert api.startswith("An API token of reader@example.org (no.") and "read “gaps”" in api
    assert export.startswith("reader@example.org exported the insights as CSV (tables:")
    assert comments.startswith("reader@example.org read the comments of ")
    assert "residents about the theme" in comments


def test_the_register_pages_by_id_and_leaves_out_other_events(
    client, service, partner_admin, outsider_organisation, monkeypatch
):
    from feedback_app.admin import audit_log

    monkeypatch.setattr(audit_log, "PAGE_SIZE", 2)
    for number in range(3):
        record("export", service=service.id, details={"format": f"f{number}"})
    record("stage_added", target_type="stage", service=service.id)
    other = outsider_organisation.partnerships[0].service_id
    record("export", target_type="service", target_id=service.id, service=other)
    db.session.commit()
    sign_in(client, partner_admin.email)
    first = client.get(REGISTER)
    assert [line.split(" as ")[1] for line in _lines(first)] == ["F2.", "F1."]
    second = client.get(parse(first).find("a", string="Older entries")["href"])
    assert [line.split(" as ")[1] for line in _lines(second)] == ["F0."]
    assert all(line.startswith("Someone whose account") for line in _lines(second))


@pytest.mark.parametrize(
    ("who", "status"),
    [("root@example.org", 200), ("other-boss@example.org", 403), ("reader@example.org", 403)],
)
def test_only_the_partners_admins_read_the_register(
    client, service, installation_admin, outsider_admin, make_user, partner, who, status
):
    make_user("reader@example.org", organisation=partner, role="analyst")
    sign_in(client, who)
    assert client.get(REGISTER).status_code == status
    assert client.get("/staff/admin/services/nowhere/access-register").status_code in (403, 404)

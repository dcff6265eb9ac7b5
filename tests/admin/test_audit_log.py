"""Installation admins read the audit log in the browser, organisations' admins their part of
it: filtered, paged, exported as CSV."""

import csv
import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from feedback_app.admin import audit_log
from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from feedback_app.privacy.audit import record
from tests.admin.helpers import error_summary
from tests.fixtures.pages import assert_page_basics, parse
from tests.fixtures.people import sign_in

pytestmark = pytest.mark.database
LOG = "/staff/admin/audit"


def _event(action, *, user=None, at=None, service=None, organisation=None, details=None):
    event = record(
        action,
        target_type="stage" if service else None,
        details=details,
        user=user,
        service=service.id if service else None,
        organisation=organisation.id if organisation else None,
    )
    if at:
        event.at = at
    db.session.commit()
    return event


def _actions(response):
    return [code.get_text() for code in parse(response).select("tbody th code")]


def test_an_installation_admin_filters_the_log(client, installation_admin, partner_admin, service):
    _event("export", user=partner_admin, service=service)
    _event("export", user=installation_admin)
    _event("stage_added", user=partner_admin, at=datetime(2025, 3, 1, tzinfo=UTC))
    sign_in(client, "root@example.org")
    assert LOG in client.get("/staff/").get_data(as_text=True)
    response = client.get(LOG)
    assert_page_basics(response)
    assert {"export", "stage_added", "sign_in"} <= set(_actions(response))
    mine = client.get(LOG, query_string={"person": partner_admin.id, "action": "export"})
    assert _actions(mine) == ["export"]
    by_service = client.get(LOG, query_string={"service": service.id})
    assert _actions(by_service) == ["export"]
    assert parse(by_service).select("tbody td")[2].get_text() == "home-support"
    dated = client.get(LOG, query_string={"since": "2025-03-01", "until": "2025-03-01"})
    assert _actions(dated) == ["stage_added"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"since": "31/01/2026"}, "date"),
        ({"since": "2026-02-01", "until": "2026-01-01"}, "on or after the start date"),
        ({"person": "999999"}, ""),
        ({"action": "x" * 61}, "60 characters or fewer"),
    ],
)
def test_bad_filters_are_refused_and_kept(client, installation_admin, args, message):
    sign_in(client, "root@example.org")
    for url in (LOG, LOG + ".csv"):
        response = client.get(url, query_string=args)
        assert response.status_code == 400
        assert message in error_summary(response)
        page = parse(response)
        for name, value in args.items():
            field = page.find(attrs={"name": name})
            kept = field.get("value") if field.name == "input" else None
            assert field.name == "select" or kept == value
    assert not db.session.scalar(select(AuditEvent).where(AuditEvent.action.like("audit_log%")))


def test_pages_go_by_id_and_reading_is_audited(client, installation_admin, monkeypatch):
    monkeypatch.setattr(audit_log, "PAGE_SIZE", 2)
    for number in range(3):
        _event("stage_moved", details={"n": number})
    sign_in(client, "root@example.org")
    first = client.get(LOG, query_string={"action": "stage_moved"})
    assert [c.get_text() for c in parse(first).select("tbody td code")] == ['{"n": 2}', '{"n": 1}']
    older = parse(first).find("a", string="Older events")["href"]
    second = client.get(older)
    assert [c.get_text() for c in parse(second).select("tbody td code")] == ['{"n": 0}']
    assert parse(second).find("a", string="Older events") is None
    viewed = db.session.scalars(select(AuditEvent).filter_by(action="audit_log_viewed")).all()
    assert [event.details["filter"] for event in viewed] == [{"action": "stage_moved"}] * 2
    assert viewed[0].user_id == installation_admin.id


def test_the_export_streams_neutralised_csv_and_is_audited(client, installation_admin):
    _event('=HYPERLINK("http://evil")', user=installation_admin)
    sign_in(client, "root@example.org")
    response = client.get(LOG + ".csv", buffered=False)
    assert response.status_code == 200 and response.is_streamed
    assert response.headers["Content-Disposition"] == 'attachment; filename="audit-log.csv"'
    table = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    response.close()
    assert table[0] == list(audit_log.CSV_HEADER)
    actions = [row[3] for row in table[1:]]
    assert '\'=HYPERLINK("http://evil")' in actions
    assert "audit_log_exported" in actions  # recorded before the rows are read
    assert all(row[2] in ("root@example.org", "") for row in table[1:])


def test_only_admins_read_the_log(client, app, make_user, partner):
    make_user("reader@example.org", organisation=partner, role="analyst")
    assert app.test_client().get(LOG).location.startswith("/login")
    sign_in(client, "reader@example.org")
    assert LOG not in client.get("/staff/").get_data(as_text=True)
    assert client.get(LOG).status_code == 403
    assert client.get(LOG + ".csv").status_code == 403


def test_the_log_cannot_be_changed_from_the_browser(client, installation_admin, app):
    sign_in(client, "root@example.org")
    for method in (client.post, client.put, client.delete):
        assert method(LOG).status_code == 405
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("audit_log.")]
    assert rules and all(rule.methods <= {"GET", "HEAD", "OPTIONS"} for rule in rules)


def _organisations_world(service, partner, outsider_organisation, make_user):
    """Events of the partner organisation (its service, its people) and of another one, and
    the actions of those the partner's admin may see."""
    other_service = outsider_organisation.partnerships[0].service
    colleague = make_user("reader@example.org", organisation=partner, role="analyst")
    stranger = make_user("stranger@example.org", organisation=outsider_organisation, role="admin")
    _event("ours.service", user=stranger, service=service)
    _event("theirs.service", user=colleague, service=other_service)
    _event("ours.people", user=stranger, organisation=partner)
    _event("theirs.people", user=colleague, organisation=outsider_organisation)
    _event("ours.sign_in", user=colleague)
    _event("theirs.sign_in", user=stranger)
    _event("theirs.purge")
    return other_service, stranger


def test_an_organisation_admin_reads_only_their_organisations_part(
    client, service, partner, partner_admin, outsider_organisation, make_user
):
    _organisations_world(service, partner, outsider_organisation, make_user)
    sign_in(client, partner_admin.email)
    assert LOG in client.get("/staff/").get_data(as_text=True)
    response = client.get(LOG)
    assert response.status_code == 200
    assert "services your organisation takes part in" in response.get_data(as_text=True)
    seen = set(_actions(response))
    assert {"ours.service", "ours.people", "ours.sign_in"} <= seen
    assert not any(action.startswith("theirs") for action in seen)
    export = client.get(LOG + ".csv").get_data(as_text=True)
    assert "ours.service" in export and "theirs" not in export
    by_service = client.get(LOG, query_string={"service": service.id})
    assert _actions(by_service) == ["ours.service"]


def test_an_organisation_admin_cannot_reach_another_organisation_through_the_filters(
    client, service, partner, partner_admin, outsider_organisation, make_user
):
    other_service, stranger = _organisations_world(
        service, partner, outsider_organisation, make_user
    )
    sign_in(client, partner_admin.email)
    page = client.get(LOG).get_data(as_text=True)
    assert "stranger@example.org" in page  # who acted on their service is shown, but
    options = {option.get_text() for option in parse(client.get(LOG)).select("select option")}
    assert {"reader@example.org", "home-support"} <= options
    assert not {"stranger@example.org", "library-at-home"} & options  # not offered as filters
    for url in (LOG, LOG + ".csv"):
        for forged in ({"service": other_service.id}, {"person": stranger.id}):
            assert client.get(url, query_string=forged).status_code == 400
    for action in ("theirs.service", "theirs.people", "theirs.sign_in"):
        assert _actions(client.get(LOG, query_string={"action": action})) == []


def test_an_admin_of_an_organisation_in_no_service_sees_only_their_people(
    client, service, partner, outsider_admin, outsider_organisation, make_user
):
    _organisations_world(service, partner, outsider_organisation, make_user)
    sign_in(client, outsider_admin.email)
    seen = set(_actions(client.get(LOG)))
    assert {"theirs.service", "theirs.people", "theirs.sign_in"} <= seen
    assert not any(action.startswith("ours") for action in seen)


@pytest.mark.parametrize("compound_max", [400, 2])
def test_an_organisation_admin_pages_through_their_part(
    client, service, partner, partner_admin, outsider_organisation, make_user, monkeypatch,
    compound_max,
):  # fmt: skip
    """Their page is the newest of one page per service, organisation and member (nested when
    SQLite's 500 terms would be exceeded); "Older events" goes on from there."""
    _organisations_world(service, partner, outsider_organisation, make_user)
    monkeypatch.setattr(audit_log, "PAGE_SIZE", 2)
    monkeypatch.setattr(audit_log, "COMPOUND_MAX", compound_max)
    sign_in(client, partner_admin.email)
    seen, url = [], LOG + "?action="
    while url:
        page = client.get(url)
        seen += _actions(page)
        older = parse(page).find("a", string="Older events")
        url = older["href"] if older else None
    assert seen == ["sign_in", "ours.sign_in", "ours.people", "ours.service"]

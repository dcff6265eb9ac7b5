"""Installation admins create organisations; an organisation's admins manage only their own."""

import pytest
from sqlalchemy import select

from feedback_app.demo.seed import seed_staff
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, Organisation, User
from tests.admin.helpers import error_summary, post_form
from tests.fixtures.pages import assert_page_basics, parse
from tests.fixtures.people import sign_in

pytestmark = pytest.mark.database
LIST = "/staff/admin/organisations"
NEW = {"name": "Riverside Carers' Network", "kind": "association"}


def test_the_demo_admin_runs_the_installation(service):
    seed_staff("demo password for tests")
    admin = db.session.scalar(select(User).where(User.email == "admin@example.org"))
    assert admin.is_installation_admin
    others = db.session.scalars(select(User).where(User.email != "admin@example.org")).all()
    assert others and not any(user.is_installation_admin for user in others)


def test_an_installation_admin_creates_an_organisation(client, installation_admin):
    sign_in(client, "root@example.org")
    assert LIST in client.get("/staff/").get_data(as_text=True)
    assert_page_basics(client.get(LIST))
    response = post_form(client, LIST, NEW)
    organisation = db.session.scalar(select(Organisation).filter_by(name=NEW["name"]))
    assert organisation.kind == "association"
    assert response.location == f"{LIST}/{organisation.id}/invite"
    assert "Invite its first admin" in client.get(response.location).get_data(as_text=True)
    event = db.session.scalar(select(AuditEvent).filter_by(action="organisation_created"))
    assert event.user_id == installation_admin.id and event.details["kind"] == "association"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "city of riverside"}, "An organisation with this name already exists"),
        ({"name": " - "}, "Enter the organisation's name"),
        ({"name": "x" * 201}, "The name must be 200 characters or fewer"),
        ({"kind": "cartel"}, "Choose one of the kinds listed"),
        ({"kind": ""}, "Choose the kind of organisation"),
    ],
)
def test_bad_organisations_are_explained_and_what_was_typed_is_kept(
    client, installation_admin, change, message
):
    sign_in(client, "root@example.org")
    response = post_form(client, LIST, {**NEW, **change})
    assert response.status_code == 400
    assert message in error_summary(response)
    typed = parse(response).find("input", attrs={"name": "name"})["value"]
    assert typed == {**NEW, **change}["name"].strip()


def test_html_in_an_organisation_name_is_only_text(client, installation_admin):
    sign_in(client, "root@example.org")
    post_form(client, LIST, {**NEW, "name": "<script>alert(1)</script>"})
    page = client.get(LIST).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page


def test_an_organisation_name_is_kept_on_one_line_without_direction_overrides(
    client, installation_admin
):
    sign_in(client, "root@example.org")
    post_form(client, LIST, {**NEW, "name": "  Maison\r\ndes \u202equartiers\u202c  "})
    names = db.session.scalars(select(Organisation.name)).all()
    assert "Maison des quartiers" in names


def test_an_organisation_admin_sees_only_their_own_and_cannot_create(
    client, partner_admin, partner, outsider_organisation
):
    sign_in(client, "boss@example.org")
    page = assert_page_basics(client.get(LIST))
    listed = [dt.get_text(strip=True) for dt in page.find_all("dt")]
    assert listed == [partner.name]
    assert page.find("form", attrs={"action": LIST}) is None
    assert post_form(client, LIST, NEW, form_page="/staff/password").status_code == 403
    assert client.get(f"{LIST}/{outsider_organisation.id}").status_code == 403


def test_staff_who_administer_nothing_have_no_admin_pages(client, make_user, partner):
    make_user("analyst@example.org", organisation=partner, role="analyst")
    sign_in(client, "analyst@example.org")
    assert LIST not in client.get("/staff/").get_data(as_text=True)
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}/{partner.id}").status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, partner):
    for url in (LIST, f"{LIST}/{partner.id}", f"{LIST}/{partner.id}/invite"):
        assert client.get(url).location.startswith("/login?next=")


def test_an_unknown_organisation_is_not_found(client, installation_admin):
    sign_in(client, "root@example.org")
    assert client.get(f"{LIST}/999999").status_code == 404
    assert client.get(f"{LIST}/99999999999999999999").status_code == 404


def test_the_first_installation_admin_of_a_real_installation_comes_from_the_command_line(
    app, partner
):
    args = ["create-user", "--email", "it@example.org", "--name", "IT"]
    args += ["--organisation", partner.name, "--role", "admin", "--installation-admin"]
    result = app.test_cli_runner().invoke(args=args, input="a long password\n" * 2)
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "it@example.org"))
    assert user.is_installation_admin

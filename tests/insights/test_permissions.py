"""Only analysts (or admins) of a partner organisation reach the insights: 403 for anyone else."""

import pytest

from tests.fixtures.pages import csrf_token
from tests.fixtures.people import sign_in
from tests.insights.conftest import INSIGHTS

KEY = "gap|disability=yes|ces"
GET_ROUTES = [
    "/",
    "/live",
    "/participation",
    "/participation/reference-template.csv",
    "/gaps",
    "/journey",
    "/themes",
    "/priorities",
    f"/priorities/item?key={KEY}",
]
POST_ROUTES = [
    ("/participation", {"name": "Census"}),
    ("/priorities/decide", {"insight_key": KEY, "action": "accept"}),
    (f"/priorities/item?key={KEY}", {"note-note": "A note"}),
    ("/themes/theme?key=en|staff", {"rename-label": "A name"}),
]


@pytest.fixture(params=["other organisation's analyst", "facilitator of the partner"])
def forbidden_client(request, client, seeded_service, make_user, partner, outsider_organisation):
    if request.param == "other organisation's analyst":
        make_user("other@example.org", organisation=outsider_organisation, role="analyst")
    else:
        make_user("other@example.org", organisation=partner, role="facilitator")
    sign_in(client, "other@example.org")
    return client


@pytest.mark.parametrize("path", GET_ROUTES)
def test_others_get_403_on_every_page(forbidden_client, path):
    assert forbidden_client.get(INSIGHTS + path).status_code == 403


def test_others_get_403_on_a_theme_and_its_comments(forbidden_client):
    assert forbidden_client.get(INSIGHTS + "/themes/theme?key=en|staff").status_code == 403


@pytest.mark.parametrize(("path", "data"), POST_ROUTES)
def test_others_get_403_on_every_action(forbidden_client, path, data):
    token = csrf_token(forbidden_client.get("/staff/"))
    response = forbidden_client.post(INSIGHTS + path, data={**data, "csrf_token": token})
    assert response.status_code == 403


@pytest.mark.parametrize("path", GET_ROUTES)
def test_signed_out_people_are_sent_to_sign_in(client, seeded_service, path):
    response = client.get(INSIGHTS + path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize(("path", "data"), POST_ROUTES)
def test_signed_out_posts_are_sent_to_sign_in(client, seeded_service, path, data):
    token = csrf_token(client.get("/login"))
    response = client.post(INSIGHTS + path, data={**data, "csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("path", GET_ROUTES)
def test_an_admin_of_the_partner_may_see_insights(client, seeded_service, make_user, partner, path):
    make_user("boss@example.org", organisation=partner, role="admin")
    sign_in(client, "boss@example.org")
    assert client.get(INSIGHTS + path).status_code == 200


def test_an_unknown_service_is_404(analyst_client):
    assert analyst_client.get("/staff/services/nowhere/insights/").status_code == 404


def test_the_outsider_sees_no_insight_link_on_staff_home(forbidden_client):
    page = forbidden_client.get("/staff/").get_data(as_text=True)
    assert "/staff/services/home-support/insights" not in page

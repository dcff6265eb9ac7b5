"""A facilitator of one service sees nothing of another's workshops; participants of one
workshop cannot read or write another's."""

import pytest

from feedback_app.workshops import cards, participants
from tests.fixtures.people import sign_in
from tests.workshops.helpers import join, make_workshop, post_form

pytestmark = pytest.mark.database


@pytest.fixture
def outsider(make_user, outsider_organisation):
    return make_user("outsider@example.org", organisation=outsider_organisation, role="facilitator")


@pytest.fixture
def analyst(make_user, partner):
    return make_user("analyst@example.org", organisation=partner, role="analyst")


def test_another_services_facilitator_gets_403_and_foreign_ids_404(client, outsider, workshop):
    sign_in(client, "outsider@example.org")
    base = "/staff/services/home-support/workshops"
    assert client.get(base).status_code == 403
    assert client.get(f"{base}/{workshop.id}").status_code == 403
    assert client.get(f"{base}/{workshop.id}/console").status_code == 403
    # Their own service does not reach this workshop either.
    own = "/staff/services/library-at-home/workshops"
    assert client.get(f"{own}/{workshop.id}").status_code == 404
    assert base not in client.get("/staff/").get_data(as_text=True)


def test_analysts_do_not_run_workshops(client, analyst, workshop):
    sign_in(client, "analyst@example.org")
    assert client.get(f"/staff/services/home-support/workshops/{workshop.id}").status_code == 403


def test_signed_out_staff_pages_ask_for_sign_in(client, workshop):
    response = client.get(f"/staff/services/home-support/workshops/{workshop.id}/console")
    assert response.status_code == 302 and "/login" in response.location


def test_a_participant_of_one_workshop_cannot_use_another(
    client, facilitator, service, workshop, idea_wall
):
    other = make_workshop(facilitator, service, title="Other")
    join(client, other.join_code)
    # The cookie is for the other workshop only: here the participant must join first.
    url = f"/w/{workshop.join_code}/a/{idea_wall.id}"
    assert client.get(url).status_code == 302
    someone, _token = participants.join(workshop, locale="en")
    card = cards.post_card(idea_wall, someone, text="Mine", kind="idea")
    # An activity id of another workshop under this code is unknown.
    assert client.get(f"/w/{other.join_code}/a/{idea_wall.id}").status_code == 404
    response = post_form(
        client,
        f"/w/{other.join_code}/a/{idea_wall.id}/dots/add",
        {"card": str(card.id)},
        page="/w",
    )
    assert response.status_code == 404

"""Admins add, rename, reorder (Move up/Move down) and retire journey stages; a retired stage
leaves the residents' flow, and its past answers stay in the analysis under its name."""

import pytest
from sqlalchemy import select

from feedback_app.catalogue.models import Stage
from feedback_app.extensions import db
from feedback_app.feedback.flow import stages_of
from feedback_app.insights.labels import Vocabulary
from feedback_app.models import AuditEvent, Service
from tests.admin.helpers import error_summary, post_form
from tests.fixtures.pages import assert_page_basics, parse
from tests.fixtures.people import sign_in

pytestmark = pytest.mark.database
STAGES = "/staff/admin/services/home-support/stages"


@pytest.fixture
def admin_client(client, partner_admin, service):
    sign_in(client, "boss@example.org")
    return client


def _codes(service_id):
    db.session.expire_all()
    return [stage.code for stage in stages_of(db.session.get(Service, service_id))]


def _stage(code):
    return db.session.scalar(select(Stage).filter_by(code=code))


def test_an_admin_adds_a_stage_in_two_languages(admin_client, service):
    page = assert_page_basics(admin_client.get(STAGES))
    assert [li.get_text(" ", strip=True).split(" Change")[0] for li in page.select("ol li")][0] == (
        "Finding out"
    )
    data = {
        "name_fr": "Payer la facture",
        "name_ar": "دفع الفاتورة",
        "description_fr": "Le mois suivant",
    }
    response = post_form(admin_client, STAGES, data)
    assert response.location == STAGES
    stage = _stage("payer_la_facture")
    assert stage.name == {"fr": "Payer la facture", "ar": "دفع الفاتورة"}
    assert _codes(service.id)[-1] == "payer_la_facture"
    assert db.session.scalar(select(AuditEvent).filter_by(action="stage_added"))


def test_a_stage_named_only_in_arabic_gets_a_code(admin_client, service):
    post_form(admin_client, STAGES, {"name_ar": "الدفع"})
    post_form(admin_client, STAGES, {"name_ar": "الدفع"})
    assert _codes(service.id)[-2:] == ["stage", "stage_2"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name_fr": "  "}, "Enter the name of the stage"),
        ({"name_fr": "x" * 201}, "The name must be 200 characters or fewer"),
        ({"name_fr": "Payer", "description_es": "x" * 2001}, "2000 characters or fewer"),
    ],
)
def test_bad_stages_are_explained_and_what_was_typed_is_kept(admin_client, service, data, message):
    response = post_form(admin_client, STAGES, {"name_ar": "", **data, "description_fr": "gardé"})
    assert response.status_code == 400 and message in error_summary(response)
    assert (
        parse(response).find("textarea", attrs={"name": "description_fr"}).get_text().strip()
        == "gardé"
    )


def test_an_admin_renames_a_stage_and_its_code_stays(admin_client, service):
    stage = _stage("apply")
    url = f"{STAGES}/{stage.id}"
    form = assert_page_basics(admin_client.get(url))
    assert form.find("input", attrs={"name": "name_fr"})["value"] == stage.name["fr"]
    data = {f"name_{code}": text for code, text in stage.name.items()}
    response = post_form(admin_client, url, {**data, "name_en": "Asking for help"})
    assert response.location == STAGES
    db.session.expire_all()
    assert _stage("apply").name["en"] == "Asking for help"


def test_move_up_and_move_down_reorder_the_journey(admin_client, service):
    before = _codes(service.id)
    second = _stage(before[1])
    page = parse(admin_client.get(STAGES))
    buttons = [b.get_text(" ", strip=True) for b in page.select(f"#stage-{second.id} button")]
    assert buttons[0].startswith("Move up") and buttons[1].startswith("Move down")
    first_buttons = page.select(f"#stage-{_stage(before[0]).id} button")
    assert [b.get_text(" ", strip=True).split(" ")[0:2] for b in first_buttons] == [
        ["Move", "down"]
    ]
    post_form(admin_client, f"{STAGES}/{second.id}/move/up", form_page=STAGES)
    assert _codes(service.id) == [before[1], before[0], *before[2:]]
    post_form(admin_client, f"{STAGES}/{second.id}/move/down", form_page=STAGES)
    assert _codes(service.id) == before
    last = _stage(before[-1])
    post_form(admin_client, f"{STAGES}/{last.id}/move/down", form_page=STAGES)
    assert _codes(service.id) == before, "the last stage stays last"
    assert (
        post_form(admin_client, f"{STAGES}/{last.id}/move/sideways", form_page=STAGES).status_code
        == 404
    )


def test_a_retired_stage_leaves_the_flow_but_stays_in_the_analysis(admin_client, service):
    stage = _stage("apply")
    url = f"{STAGES}/{stage.id}/retire"
    assert_page_basics(admin_client.get(url))
    assert "apply" in _codes(service.id), "asking first changes nothing"
    post_form(admin_client, url)
    assert "apply" not in _codes(service.id)
    page = parse(admin_client.get(STAGES))
    assert stage.name["en"] in page.find("h2", string="Retired stages").find_next("ul").get_text()
    db.session.expire_all()
    with admin_client.application.test_request_context("/en/"):
        names = Vocabulary(db.session.get(Service, service.id))
        assert names.stage("apply") == stage.name["en"]
    resident = admin_client.application.test_client()
    assert resident.get("/en/s/home-support/journey/apply").status_code == 404


def test_stages_of_another_service_are_not_found_here(admin_client, service, outsider_organisation):
    from feedback_app.admin import stages

    other = db.session.scalar(select(Service).filter_by(slug="library-at-home"))
    foreign = stages.add_stage(other, name={"en": "Borrow"}, description={}, by=None)
    for suffix in ("", "/retire"):
        assert admin_client.get(f"{STAGES}/{foreign.id}{suffix}").status_code == 404
    assert admin_client.get(f"{STAGES}/99999999999999999999").status_code == 404
    url = f"{STAGES}/{foreign.id}/move/up"
    assert post_form(admin_client, url, form_page=STAGES).status_code == 404


def test_an_admin_writes_a_stage_in_easy_read(admin_client, service):
    stage = _stage("apply")
    stage.easy_read = None  # the demo's own easy read left out
    db.session.commit()
    url = f"{STAGES}/{stage.id}"
    names = {f"name_{code}": text for code, text in stage.name.items()}
    easy = {
        "easy_read_en": "You ask for help. You fill in a form.",
        "easy_read_ar": "تطلب المساعدة.",
    }
    response = post_form(admin_client, url, {**names, **easy})
    assert response.location == STAGES
    db.session.expire_all()
    assert _stage("apply").easy_read == {"en": easy["easy_read_en"], "ar": easy["easy_read_ar"]}
    form = assert_page_basics(admin_client.get(url))
    assert (
        form.find("textarea", attrs={"name": "easy_read_ar"}).get_text().strip() == "تطلب المساعدة."
    )
    post_form(admin_client, url, {**names, "easy_read_en": "", "easy_read_ar": " "})
    db.session.expire_all()
    assert _stage("apply").easy_read is None


def test_a_new_stage_may_have_easy_read_from_the_start(admin_client, service):
    post_form(admin_client, STAGES, {"name_fr": "Payer", "easy_read_fr": "Vous payez."})
    assert _stage("payer").easy_read == {"fr": "Vous payez."}

"""A service's questions and stages are kept between requests, yet a change to them is on
residents' pages at once: made by an admin in another worker (seen through the audit log),
or by this process without an audit event (a script)."""

import pytest
from sqlalchemy import select

from feedback_app import create_app
from feedback_app.catalogue.models import Stage
from feedback_app.extensions import db
from tests.admin.helpers import post_form
from tests.fixtures.database import FreshContextClient
from tests.fixtures.people import sign_in

pytestmark = pytest.mark.database
STAGE_PAGE = "/en/s/home-support/journey/apply"


@pytest.fixture
def other_worker(app):
    """A second app on the same database, as another gunicorn worker (or host) would be."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    worker = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
    worker.test_client_class = FreshContextClient
    yield worker.test_client()
    with worker.app_context():
        db.engine.dispose()


def _apply_stage():
    return db.session.scalar(select(Stage).filter_by(code="apply"))


def test_a_stage_renamed_by_an_admin_is_seen_by_every_worker(
    client, other_worker, make_user, partner
):
    assert "Applying" in other_worker.get(STAGE_PAGE).get_data(as_text=True)
    stage = _apply_stage()
    url = f"/staff/admin/services/home-support/stages/{stage.id}"
    make_user("boss@example.org", organisation=partner, role="admin")
    sign_in(client, "boss@example.org")
    names = {f"name_{code}": text for code, text in stage.name.items()}
    post_form(client, url, {**names, "name_en": "Asking for help"})
    page = other_worker.get(STAGE_PAGE).get_data(as_text=True)
    assert "Asking for help" in page
    assert "Applying" not in page


def test_a_change_without_an_audit_event_is_seen_by_this_process(client, service):
    assert "Applying" in client.get(STAGE_PAGE).get_data(as_text=True)
    stage = _apply_stage()
    stage.name = {**stage.name, "en": "Asking for help"}
    db.session.commit()
    assert "Asking for help" in client.get(STAGE_PAGE).get_data(as_text=True)

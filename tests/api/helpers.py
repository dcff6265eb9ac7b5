"""Small seeded data and token helpers shared by the API and export tests."""

from sqlalchemy import func, select

from feedback_app.api.models import Scope
from feedback_app.api.tokens import issue_token
from feedback_app.demo.seed import seed_kiosks, seed_responses
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, ReferencePopulation
from tests.fixtures.pages import csrf_token

SMALL_SAMPLE = 400
# An uploaded census whose group names try formula injection: exports must neutralise them.
REFERENCE_ROWS = [
    {"dimension": "age_band", "group": group, "population": population}
    for group, population in (
        ("16-24", 1500),
        ("25-34", 1500),
        ("35-44", 1500),
        ("45-54", 1500),
        ("55-64", 1500),
        ("65-74", 1500),
        ("75+", 900),
        ('=HYPERLINK("http://example.org")', 500),
        ("@SUM(1+1)", 500),
    )
]


def seed_small(service, count=SMALL_SAMPLE):
    """Demo responses (with their planted gaps) and a reference population, committed."""
    seed_responses(service, count=count, kiosks=seed_kiosks(service))
    db.session.add(
        ReferencePopulation(service_id=service.id, name="Census 2021", rows=REFERENCE_ROWS)
    )
    db.session.commit()
    return service


def token_for(user, name="test", *, scopes=tuple(Scope), services=(), days=90):
    """A committed token of `user`: by default with every scope, for all their services."""
    token, secret = issue_token(user, name, scopes=scopes, services=services, days=days)
    db.session.commit()
    return token, secret


def bearer(secret, lang="en"):
    return {"Authorization": f"Bearer {secret}", "Accept-Language": lang}


def audit_actions(action):
    """Details of every audit event of this action, oldest first."""
    query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    db.session.expire_all()
    return [(event.user_id, event.target_id, event.details) for event in db.session.scalars(query)]


def count_of(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def create_token(client, name, **fields):
    """Post the tokens page's form as a signed-in person would; reading insights for 90 days
    unless `fields` say otherwise."""
    form = {"name": name, "scopes": ["insights:read"], "days": "90", **fields}
    form["csrf_token"] = csrf_token(client.get("/staff/tokens"))
    return client.post("/staff/tokens", data=form)

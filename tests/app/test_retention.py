from datetime import timedelta

import pytest
from sqlalchemy import func, select

from feedback_app.database import utcnow
from feedback_app.demo.seed import seed_responses
from feedback_app.extensions import db
from feedback_app.models import Answer, AuditEvent, Profile, Response
from feedback_app.privacy.audit import APPEND_ONLY, fingerprint, record


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_purge_deletes_only_responses_past_the_retention_period(app, service):
    seed_responses(service, count=120)
    db.session.commit()
    cutoff = utcnow() - timedelta(days=90)
    old = db.session.scalar(select(func.count()).where(Response.created_at < cutoff))
    assert 0 < old < 120
    result = app.test_cli_runner().invoke(args=["purge-expired"])
    assert "Deleted 0 responses" in result.output, "the default keeps two years"
    app.config["RETENTION_DAYS"] = 90
    result = app.test_cli_runner().invoke(args=["purge-expired"])
    assert f"Deleted {old} responses" in result.output
    db.session.expire_all()
    assert count(Response) == 120 - old
    assert count(Answer) == (120 - old) * 9
    orphans = (
        select(func.count()).select_from(Profile).outerjoin(Response).where(Response.id.is_(None))
    )
    assert db.session.scalar(orphans) == 0
    assert db.session.scalars(select(AuditEvent.action)).all()[-1] == "purge_expired"


def test_audit_log_is_append_only(app):
    event = record("export", target_type="service", target_id=1)
    db.session.commit()
    event.action = "something else"
    with pytest.raises(PermissionError, match=APPEND_ONLY):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(PermissionError):
        db.session.commit()
    db.session.rollback()


def test_audit_details_never_hold_a_client_key_or_a_secret(app):
    with pytest.raises(ValueError, match="client_key"):
        record("api_response_submitted", details={"client_key": "callcentre-2026-000123"})
    key_hash = fingerprint("callcentre-2026-000123", app.secret_key)
    assert len(key_hash) == 12 and key_hash != fingerprint("callcentre-2026-000124", app.secret_key)

"""Rate limits behind the load balancer (issue 14): each visitor counted by their own address,
failed sign-ins counted per account and address, per address and (high) per account,
API_RATE_LIMIT honoured, and a warning when counters are per worker."""

import logging
import time

import pytest

from feedback_app import create_app
from feedback_app.extensions import db
from tests.fixtures.database import FreshContextClient
from tests.fixtures.pages import csrf_token
from tests.fixtures.people import PASSWORD

ATTACKER = "198.51.100.66"
COLLEAGUE = "203.0.113.10"


@pytest.fixture
def app(tmp_path):
    """Limits on, one trusted proxy, small budgets: 3 failures per account and address, 5 per
    address, 6 per account from all addresses."""
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'limits.db'}",
            "RATELIMIT_ENABLED": True,
            "TRUSTED_PROXY_HOPS": 1,
            "SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS": "3 per minute",
            "SIGN_IN_FAILURES_PER_ACCOUNT": "6 per minute",
            "SIGN_IN_FAILURES_PER_ADDRESS": "5 per minute",
        }
    )
    app.test_client_class = FreshContextClient
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def analyst(make_user, partner):
    return make_user("analyst@example.org", organisation=partner, role="analyst")


def attempt(client, email, *, forwarded_for, password="wrong password"):
    """A sign-in as the load balancer passes it on: the visitor's address appended last."""
    headers = {"X-Forwarded-For": forwarded_for}
    token = csrf_token(client.get("/login", headers=headers))
    data = {"email": email, "password": password, "csrf_token": token}
    return client.post("/login", data=data, headers=headers).status_code


def test_one_visitors_failures_do_not_block_anyone_else(app, analyst):
    attacker, colleague = app.test_client(), app.test_client()
    tries = [attempt(attacker, f"guess{n}@example.org", forwarded_for=ATTACKER) for n in range(6)]
    assert tries == [400] * 5 + [429]
    assert attempt(colleague, analyst.email, forwarded_for=COLLEAGUE, password=PASSWORD) == 302


def test_one_attacker_address_cannot_lock_the_owner_out(app, analyst):
    attacker, owner = app.test_client(), app.test_client()
    tries = [attempt(attacker, analyst.email, forwarded_for=ATTACKER) for _ in range(4)]
    assert tries == [400] * 3 + [429]
    # The owner signs in from the office, an address that never failed.
    assert attempt(owner, analyst.email, forwarded_for=COLLEAGUE, password=PASSWORD) == 302


def test_one_account_is_protected_from_many_addresses(app, analyst):
    """The trade-off: past the per-account budget from all addresses, even the owner waits."""
    client = app.test_client()
    tries = [attempt(client, analyst.email, forwarded_for=f"192.0.2.{n}") for n in range(6)]
    assert tries == [400] * 6
    right_password = attempt(client, analyst.email, forwarded_for="192.0.2.99", password=PASSWORD)
    assert right_password == 429
    assert attempt(client, "someone.else@example.org", forwarded_for="192.0.2.99") == 400


def test_the_refusal_says_how_long_to_wait(app, analyst, monkeypatch):
    # Every attempt in the same instant: the fresh window's full 60 s (read as 61) are still ahead.
    monkeypatch.setattr(time, "time", lambda: 1_800_000_000.0)
    client = app.test_client()
    for _ in range(3):
        attempt(client, analyst.email, forwarded_for=ATTACKER)
    headers = {"X-Forwarded-For": ATTACKER}
    data = {
        "email": analyst.email,
        "password": "wrong",
        "csrf_token": csrf_token(client.get("/login")),
    }
    refused = client.post("/login", data=data, headers=headers)
    assert refused.status_code == 429
    assert "Please try again in 1 minute." in refused.text
    app.config["SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS"] = "3 per hour"
    hourly = app.test_client()
    for _ in range(3):
        attempt(hourly, "someone.else@example.org", forwarded_for=COLLEAGUE)
    data["email"] = "someone.else@example.org"
    data["csrf_token"] = csrf_token(hourly.get("/login"))
    refused = hourly.post("/login", data=data, headers={"X-Forwarded-For": COLLEAGUE})
    assert refused.status_code == 429
    assert "Please try again in about 1 hour." in refused.text
    assert "minute" not in refused.text


def test_addresses_a_visitor_makes_up_are_ignored(app, analyst):
    client = app.test_client()
    spoofed = [
        attempt(client, f"guess{n}@example.org", forwarded_for=f"10.0.0.{n}, {ATTACKER}")
        for n in range(6)
    ]
    assert spoofed[-1] == 429


def test_successful_sign_ins_use_no_budget(app, analyst):
    client = app.test_client()
    sign_in = {"forwarded_for": COLLEAGUE, "password": PASSWORD}
    statuses = [attempt(client, analyst.email, **sign_in) for _ in range(11)]
    assert statuses == [302] * 11


def test_api_rate_limit_from_the_environment_is_honoured(tmp_path, monkeypatch):
    monkeypatch.setenv("API_RATE_LIMIT", "2 per minute")
    monkeypatch.delenv("REDIS_URL", raising=False)
    app = create_app(
        {
            "ENV_NAME": "development",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'api.db'}",
            "RATELIMIT_ENABLED": True,
        }
    )
    client = app.test_client()
    statuses = [client.get("/api/v1/services").status_code for _ in range(3)]
    assert statuses == [401, 401, 429]


def test_start_up_warns_when_limits_are_counted_per_worker(tmp_path, monkeypatch, caplog):
    monkeypatch.delenv("REDIS_URL", raising=False)
    # Alembic's logging set-up (run by the migration tests) disables loggers that existed before.
    monkeypatch.setattr(logging.getLogger("feedback_app"), "disabled", False)
    database = f"sqlite:///{tmp_path / 'warn.db'}"
    with caplog.at_level(logging.WARNING):
        create_app({"ENV_NAME": "development", "SQLALCHEMY_DATABASE_URI": database})
    assert "per worker" in caplog.text and "REDIS_URL" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        create_app(
            {
                "ENV_NAME": "development",
                "SQLALCHEMY_DATABASE_URI": database,
                "REDIS_URL": "redis://127.0.0.1:6379/0",
            }
        )
    assert "per worker" not in caplog.text

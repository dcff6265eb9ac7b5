import subprocess
import sys

import pytest

from feedback_app import create_app
from feedback_app.config import DEFAULT_SECRET_KEY, SECRET_KEY_REFUSAL


def test_factory_applies_overrides_over_defaults():
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.testing
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://"
    assert app.static_folder.endswith("static")
    assert app.config["BABEL_TRANSLATION_DIRECTORIES"].endswith("translations")


def test_environment_variables_configure_the_app(monkeypatch):
    monkeypatch.setenv("ENSEMBLE_ENV", "development")
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/elsewhere.db")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:////tmp/elsewhere.db"
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"


@pytest.mark.parametrize("secret", [None, "", DEFAULT_SECRET_KEY, "short"])
def test_production_refuses_a_missing_or_weak_secret_key(monkeypatch, secret):
    monkeypatch.setenv("ENSEMBLE_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    if secret is not None:
        monkeypatch.setenv("SECRET_KEY", secret)
    with pytest.raises(RuntimeError, match="SECRET_KEY") as raised:
        create_app()
    assert str(raised.value) == SECRET_KEY_REFUSAL


def test_production_starts_with_a_strong_secret_key(monkeypatch):
    monkeypatch.setenv("ENSEMBLE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 48)
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_unknown_environment_name_is_refused(monkeypatch):
    monkeypatch.setenv("ENSEMBLE_ENV", "staging-ish")
    with pytest.raises(RuntimeError, match="ENSEMBLE_ENV"):
        create_app()


def test_analysis_imports_without_flask():
    code = (
        "import analysis, sys; "
        "assert 'flask' not in sys.modules and 'sqlalchemy' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_security_headers_forbid_inline_script(client):
    response = client.get("/healthz")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"

"""Configuration: defaults per environment, overridden by environment variables read at start-up."""

import os
from pathlib import Path

# The release directory: static/, translations/, migrations/ and instance/ sit beside the
# package in a checkout. An installed wheel holds only the code: ENSEMBLE_HOME names the
# checkout (or copy of the release) that holds the rest.
PROJECT_DIR = Path(os.environ.get("ENSEMBLE_HOME") or Path(__file__).resolve().parent.parent)
INSTANCE_DIR = PROJECT_DIR / "instance"
DEFAULT_SECRET_KEY = "dev-only-insecure-secret-key"
SECRET_KEY_REFUSAL = (
    "SECRET_KEY is missing, too short or left at its development default; "
    "set a random SECRET_KEY of at least 32 characters before starting in production."
)
HOME_REFUSAL = (
    "static/ or translations/ is missing from {home}: set ENSEMBLE_HOME to the Ensemble release "
    "directory that holds them (see docs/deployment.md)."
)


class Config:
    """Development defaults: the embedded SQLite database and a throwaway secret key."""

    ENV_NAME = "development"
    SECRET_KEY = DEFAULT_SECRET_KEY
    SQLALCHEMY_DATABASE_URI = f"sqlite:///{INSTANCE_DIR / 'ensemble.db'}"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REDIS_URL = None
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # Failed sign-ins allowed before a 429 (accounts/throttle.py).
    # Per account and address (strict), per address, per account from every address (high, so
    # that one attacker cannot lock the owner out; it only slows guessing from many addresses).
    SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS = "5 per minute; 30 per hour"
    SIGN_IN_FAILURES_PER_ACCOUNT = "100 per hour"
    SIGN_IN_FAILURES_PER_ADDRESS = "10 per minute; 100 per hour"
    # Proxies in front of the app whose X-Forwarded-For / -Proto headers are believed (0: none).
    TRUSTED_PROXY_HOPS = 0
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_DIR / "translations")
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    PERMANENT_SESSION_LIFETIME = 8 * 3600
    WTF_CSRF_TIME_LIMIT = None
    DEMO_PASSWORD = "ensemble-demo-2026"
    # Werkzeug's method names: scrypt is deliberately slow, which is what guards stolen hashes.
    PASSWORD_HASH_METHOD = "scrypt"
    RETENTION_DAYS = 730
    # A kiosk asks "Are you still there?" after this quiet time, then starts over.
    KIOSK_IDLE_SECONDS = 120
    KIOSK_WARNING_SECONDS = 30
    # Comment themes are fitted on at most this many comments per language, spread evenly over
    # the period, so that the page's work is bounded at any number of responses.
    THEMES_SAMPLE = 2000
    # The export of individual responses reads this many at a time (a batch in memory).
    EXPORT_BATCH_SIZE = 1000
    # Invitations and password links go out by email only when MAIL_SERVER is set.
    MAIL_SERVER = None
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_FROM = "ensemble@localhost"
    # The operator's privacy notice and incident notice (privacy/notice.py, docs/deployment.md).
    PRIVACY_NOTICE_FILE = str(INSTANCE_DIR / "privacy_notice.toml")
    INCIDENT_NOTICE_FILE = str(INSTANCE_DIR / "incident_notice.toml")
    # Comma-separated Fernet keys, newest first: residents' free text is encrypted at rest when
    # set (feedback_app/encryption.py); None keeps it in plain text.
    ENCRYPTION_KEY = None


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret-key"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    RATELIMIT_ENABLED = False
    # A tenth of a second of scrypt per sign-in, times thousands of tests, is minutes of CI.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    # Tests name their own files: a developer's instance/ must not change what they see.
    PRIVACY_NOTICE_FILE = None
    INCIDENT_NOTICE_FILE = None


class ProductionConfig(Config):
    ENV_NAME = "production"
    SECRET_KEY = None
    SESSION_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


CONFIGS = {"development": Config, "testing": TestingConfig, "production": ProductionConfig}

# Environment variable -> (config key, converter).
ENVIRONMENT_SETTINGS = {
    "SECRET_KEY": ("SECRET_KEY", str),
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "REDIS_URL": ("REDIS_URL", str),
    "TRUSTED_PROXY_HOPS": ("TRUSTED_PROXY_HOPS", int),
    "API_RATE_LIMIT": ("API_RATE_LIMIT", str),
    "SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS": ("SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS", str),
    "SIGN_IN_FAILURES_PER_ACCOUNT": ("SIGN_IN_FAILURES_PER_ACCOUNT", str),
    "SIGN_IN_FAILURES_PER_ADDRESS": ("SIGN_IN_FAILURES_PER_ADDRESS", str),
    "MAX_CONTENT_LENGTH": ("MAX_CONTENT_LENGTH", int),
    "SESSION_COOKIE_SECURE": ("SESSION_COOKIE_SECURE", lambda v: v == "1"),
    "PREFERRED_URL_SCHEME": ("PREFERRED_URL_SCHEME", str),
    "DEMO_PASSWORD": ("DEMO_PASSWORD", str),
    "RETENTION_DAYS": ("RETENTION_DAYS", int),
    "KIOSK_IDLE_SECONDS": ("KIOSK_IDLE_SECONDS", int),
    "KIOSK_WARNING_SECONDS": ("KIOSK_WARNING_SECONDS", int),
    "THEMES_SAMPLE": ("THEMES_SAMPLE", int),
    "EXPORT_BATCH_SIZE": ("EXPORT_BATCH_SIZE", int),
    "MAIL_SERVER": ("MAIL_SERVER", str),
    "MAIL_PORT": ("MAIL_PORT", int),
    "MAIL_USE_TLS": ("MAIL_USE_TLS", lambda v: v == "1"),
    "MAIL_USERNAME": ("MAIL_USERNAME", str),
    "MAIL_PASSWORD": ("MAIL_PASSWORD", str),
    "MAIL_FROM": ("MAIL_FROM", str),
    "PRIVACY_NOTICE_FILE": ("PRIVACY_NOTICE_FILE", str),
    "INCIDENT_NOTICE_FILE": ("INCIDENT_NOTICE_FILE", str),
    "ENCRYPTION_KEY": ("ENCRYPTION_KEY", str),
}


def load_config(app, overrides=None):
    """Fill app.config from ENSEMBLE_ENV's class, the environment, then explicit overrides."""
    overrides = dict(overrides or {})
    name = overrides.pop("ENV_NAME", None) or os.environ.get("ENSEMBLE_ENV", "development")
    if name not in CONFIGS:
        raise RuntimeError(f"ENSEMBLE_ENV must be one of {', '.join(CONFIGS)}, not {name!r}.")
    app.config.from_object(CONFIGS[name])
    if name != "testing":
        for variable, (key, convert) in ENVIRONMENT_SETTINGS.items():
            if os.environ.get(variable):
                app.config[key] = convert(os.environ[variable])
    app.config.update(overrides)
    if app.config.get("REDIS_URL"):
        app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"]
    refuse_unsafe(app.config)


def refuse_unsafe(config):
    """Stop a production start-up whose secret key would let anyone forge sessions, or that
    cannot find its static files and translations."""
    if config["ENV_NAME"] != "production":
        return
    key = config.get("SECRET_KEY") or ""
    if key == DEFAULT_SECRET_KEY or len(key) < 32:
        raise RuntimeError(SECRET_KEY_REFUSAL)
    # An installed wheel started without ENSEMBLE_HOME would serve pages without style sheets
    # and in English only.
    if not all((PROJECT_DIR / name).is_dir() for name in ("static", "translations")):
        raise RuntimeError(HOME_REFUSAL.format(home=PROJECT_DIR))

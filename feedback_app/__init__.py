"""Ensemble: co-design and citizen feedback for public services."""

from flask import Flask

from . import (
    cli,
    encryption,
    errors,
    i18n,
    inputs,
    models,  # noqa: F401  (registers every table for Alembic and create_all)
    reading,
    security,
    static_compression,
    templating,
)
from .accounts import links
from .accounts.auth import load_signed_in_user
from .catalogue import version as catalogue_version
from .config import PROJECT_DIR, load_config
from .extensions import babel, csrf, db, limiter, migrate
from .feedback import tallies
from .kiosk import device as kiosk_device
from .privacy import notice as privacy_notice


def create_app(config=None):
    """Build the app; `config` is a mapping of settings that win over the environment."""
    app = Flask(
        __name__,
        static_folder=str(PROJECT_DIR / "static"),
        instance_path=str(PROJECT_DIR / "instance"),
    )
    load_config(app, config)
    privacy_notice.init_app(app)
    encryption.init_app(app)
    inputs.init_app(app)
    db.init_app(app)
    tallies.keep_counted()
    catalogue_version.keep_versioned()
    migrate.init_app(app, db, directory=str(PROJECT_DIR / "migrations"), render_as_batch=True)
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    reading.init_app(app)
    security.init_app(app)
    static_compression.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    links.init_app(app)
    app.before_request(load_signed_in_user)
    kiosk_device.init_app(app)
    register_blueprints(app)
    return app


def register_blueprints(app):
    from .accounts.views import bp as accounts
    from .admin.audit_views import bp as audit_log
    from .admin.password_views import bp as passwords
    from .admin.question_views import bp as question_admin
    from .admin.service_views import bp as service_admin
    from .admin.staff_views import bp as admin
    from .admin.stage_views import bp as stage_admin
    from .api.token_views import bp as api_tokens
    from .api.views import bp as api
    from .feedback.views import bp as feedback
    from .insights.export_views import bp as insights_exports
    from .insights.views import bp as insights
    from .kiosk.views import bp as kiosk
    from .pages.notices import bp as notices
    from .pages.views import bp as pages
    from .workshops.views import bp as workshops

    for blueprint in (
        pages,
        notices,
        accounts,
        admin,
        passwords,
        service_admin,
        stage_admin,
        question_admin,
        audit_log,
        api,
        api_tokens,
        insights,
        insights_exports,
        feedback,
        kiosk,
        workshops,
    ):
        app.register_blueprint(blueprint)

"""Flask commands for operators: create-user, seed-demo, purge-expired, and those looking after
stored data (data_commands.py: backup, restore, encryption at rest)."""

import click
from flask import current_app
from sqlalchemy import select

from .accounts.models import Membership, Organisation, Role, User
from .data_commands import COMMANDS as DATA_COMMANDS
from .extensions import db

SEED_REFUSED = "seed-demo is refused in production: it would add demo logins and fake responses."


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True)
@click.option("--organisation", required=True, help="Name of an existing organisation.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option(
    "--installation-admin",
    is_flag=True,
    help="Also let them create organisations and manage everyone, in the browser.",
)
@click.password_option()
def create_user(email, display_name, organisation, role, installation_admin, password):
    """Create a staff account with one role in one organisation (there is no public sign-up)."""
    org = db.session.scalar(select(Organisation).where(Organisation.name == organisation))
    if org is None:
        raise click.UsageError(f"No organisation named {organisation!r}.")
    if db.session.scalar(select(User).where(User.email == email.lower())):
        raise click.UsageError(f"A user with the email {email!r} already exists.")
    user = User(
        email=email.lower(), display_name=display_name, is_installation_admin=installation_admin
    )
    user.set_password(password)
    user.memberships.append(Membership(organisation=org, role=role))
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created {email} ({role} of {organisation}).")


@click.command("seed-demo")
@click.option("--responses", "response_count", default=3000, show_default=True)
def seed_demo_command(response_count):
    """Load the demo partnership, staff and responses (idempotent)."""
    from .demo.seed import seed_demo

    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException(SEED_REFUSED)
    password = current_app.config["DEMO_PASSWORD"]
    staff, responses = seed_demo(password, response_count)
    click.echo(f"Demo data ready: {len(staff)} new staff accounts, {responses} new responses.")


@click.command("purge-expired")
def purge_expired_command():
    """Delete responses older than RETENTION_DAYS (run it daily from cron or a timer)."""
    from .feedback.retention import purge_expired_responses

    deleted = purge_expired_responses(current_app.config["RETENTION_DAYS"])
    click.echo(f"Deleted {deleted} responses older than the retention period.")


def init_app(app):
    for command in (create_user, seed_demo_command, purge_expired_command, *DATA_COMMANDS):
        app.cli.add_command(command)

"""Operator commands that look after stored data: backups, and residents' text encrypted at rest.

Each failure ends with a message saying what to do and a non-zero exit status, so a cron job
or a deployment script notices.
"""

import click

from .backup import BackupError, backup, restore
from .encryption import EncryptionKeyError
from .reencryption import BATCH_SIZE, encrypt_stored_text, rotate_to_newest_key

RESTORE_PROMPT = "This replaces everything in the database with the backup. Go on?"


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
def backup_command(path):
    """Write a consistent copy of the whole database to PATH (safe while the app runs)."""
    try:
        size = backup(path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backed up the database to {path} ({size} bytes).")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False))
@click.confirmation_option(prompt=RESTORE_PROMPT)
def restore_command(path):
    """Replace the database's content with the backup at PATH."""
    try:
        restore(path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored the database from {path}.")


@click.command("encrypt-stored-text")
@click.option("--batch-size", default=BATCH_SIZE, show_default=True)
def encrypt_stored_text_command(batch_size):
    """Encrypt residents' text stored before ENCRYPTION_KEY was set."""
    _rewrite(encrypt_stored_text, batch_size, "Encrypted")


@click.command("rotate-encryption-key")
@click.option("--batch-size", default=BATCH_SIZE, show_default=True)
def rotate_encryption_key_command(batch_size):
    """Re-encrypt every stored text with the newest key (the first in ENCRYPTION_KEY)."""
    _rewrite(rotate_to_newest_key, batch_size, "Re-encrypted")


def _rewrite(rewrite, batch_size, verb):
    try:
        counts = rewrite(batch_size=batch_size)
    except (RuntimeError, EncryptionKeyError) as error:
        raise click.ClickException(str(error)) from None
    details = ", ".join(f"{name} {count}" for name, count in counts.items())
    click.echo(f"{verb} {sum(counts.values())} stored values ({details}).")


COMMANDS = (
    backup_command,
    restore_command,
    encrypt_stored_text_command,
    rotate_encryption_key_command,
)

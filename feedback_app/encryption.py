"""Residents' free text encrypted at rest when ENCRYPTION_KEY is set (docs/security.md).

Columns typed `EncryptedText` or `EncryptedJSON` are written as a Fernet token (AES-128-CBC
with an HMAC-SHA256, from `cryptography`) behind `MARKER`, and read back as plain text, so
every query, analysis and export works unchanged. Without a key, values are written as they
are, and rows written before a key was set stay readable: a value without the marker is
plain text. `ENCRYPTION_KEY` holds comma-separated keys, newest first: new values use the
first, every key reads, so rotating is prepending a key, running `flask
rotate-encryption-key`, then dropping the old one.

Encrypted values can be read and written, never compared in SQL (a token differs each time):
such columns are never filtered, grouped or sorted on.
"""

import json
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app
from sqlalchemy import JSON, Text
from sqlalchemy.types import TypeDecorator

# Starts every encrypted value. A record separator (\x1e) is a character nobody types and
# `inputs` strips from every request, so a resident cannot make plain text look encrypted.
MARKER = "\x1efernet:"
EXTENSION = "ensemble_encryption"
BAD_KEY = (
    "ENCRYPTION_KEY must be comma-separated Fernet keys (32 random bytes in URL-safe base64 each, "
    'made with `python -c "from cryptography.fernet import Fernet; '
    'print(Fernet.generate_key().decode())"`).'
)
WRONG_KEY = (
    "Stored text cannot be decrypted with ENCRYPTION_KEY: it was written with a key that is no "
    "longer listed. Put the old key back after the new one (newest first), then run "
    "`flask rotate-encryption-key`."
)
NO_KEY = (
    "Stored text is encrypted but ENCRYPTION_KEY is not set: set it to the key (or keys) it "
    "was written with."
)


class EncryptionKeyError(RuntimeError):
    """Stored text cannot be read with the configured keys: an operator's error, not the user's."""


@dataclass(frozen=True)
class Keys:
    """The key new values are written with, and every key values are read with."""

    newest: Fernet
    every: MultiFernet


def parse_keys(setting):
    """Keys from "newest,older,..." or None for no setting; RuntimeError if malformed."""
    listed = [key.strip() for key in (setting or "").split(",") if key.strip()]
    if not listed:
        return None
    try:
        fernets = [Fernet(key) for key in listed]
    except (ValueError, TypeError):
        raise RuntimeError(BAD_KEY) from None
    return Keys(newest=fernets[0], every=MultiFernet(fernets))


def init_app(app):
    """Refuse to start with a malformed key rather than fail at the first resident's answer."""
    app.extensions[EXTENSION] = parse_keys(app.config.get("ENCRYPTION_KEY"))


def current_keys():
    return current_app.extensions.get(EXTENSION)


def is_encrypted(stored):
    return isinstance(stored, str) and stored.startswith(MARKER)


def encrypt(text, keys):
    return MARKER + keys.newest.encrypt(text.encode()).decode("ascii")


def _token(stored):
    return stored.removeprefix(MARKER).encode("ascii")


def decrypt(stored, keys):
    if keys is None:
        raise EncryptionKeyError(NO_KEY)
    try:
        return keys.every.decrypt(_token(stored)).decode()
    except InvalidToken:
        raise EncryptionKeyError(WRONG_KEY) from None


def encrypt_plain(stored, keys):
    """Plain stored text (as its column's type writes it) encrypted; None if already encrypted."""
    return None if is_encrypted(stored) else encrypt(stored, keys)


def reencrypt(stored, keys):
    """The stored text under the newest key (plain text encrypted); None if already so."""
    if not is_encrypted(stored):
        return encrypt(stored, keys)
    try:
        keys.newest.decrypt(_token(stored))
        return None
    except InvalidToken:
        pass
    try:
        return MARKER + keys.every.rotate(_token(stored)).decode("ascii")
    except InvalidToken:
        raise EncryptionKeyError(WRONG_KEY) from None


class EncryptedText(TypeDecorator):
    """Free text, encrypted at rest when a key is set; a TEXT column either way."""

    impl = Text
    cache_ok = True

    @staticmethod
    def as_text(plain):
        return plain

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        # Plain text never starts with the marker, whatever reached the model.
        value = value.removeprefix(MARKER)
        keys = current_keys()
        return encrypt(value, keys) if keys else value

    def process_result_value(self, value, dialect):
        return decrypt(value, current_keys()) if is_encrypted(value) else value


class EncryptedJSON(TypeDecorator):
    """A JSON document, stored as one encrypted JSON string when a key is set."""

    impl = JSON
    cache_ok = True

    @staticmethod
    def as_text(plain):
        return json.dumps(plain)

    def process_bind_param(self, value, dialect):
        keys = current_keys()
        if value is None or not keys:
            return value
        return encrypt(self.as_text(value), keys)

    def process_result_value(self, value, dialect):
        if not is_encrypted(value):
            return value
        return json.loads(decrypt(value, current_keys()))

"""The operator's own words: the privacy notice, and an incident notice when there is one.

Each is a TOML file the operator edits (paths in PRIVACY_NOTICE_FILE and INCIDENT_NOTICE_FILE,
docs/deployment.md), so filling in or publishing one needs no code change and no restart: a
changed file is read again. Each section is a table of texts by language code; a language left
out falls back visibly to another (i18n.localized).

The privacy notice's version is kept with each consent (Response.privacy_notice_version), so one
can always tell which notice a resident could read when they agreed.
"""

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask import current_app

from ..i18n import LANGUAGES

# Bump when the notice's built-in wording (templates/pages/privacy.html) changes in substance.
TEMPLATE_VERSION = "2026-1"
PRIVACY_SECTIONS = ("controller", "purposes", "legal_basis", "rights", "contact")
INCIDENT_SECTIONS = ("what_happened", "what_we_did", "what_you_can_do")
HASH_LENGTH = 12
# Response.privacy_notice_version holds 64: the template's version, "+", and this.
VERSION_MAX = 40


class NoticeFileError(ValueError):
    """The operator's file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class OperatorNotice:
    """The sections ({section: {language: text}}), the version, and an optional date."""

    sections: dict
    version: str
    published: object = None


_cache = {}


def _check(data, path, sections):
    extra = set(data) - {*sections, "version", "published"}
    if extra:
        raise NoticeFileError(f"{path}: unknown keys {sorted(extra)}; use {list(sections)}")
    for section in sections:
        texts = data.get(section, {})
        if not isinstance(texts, dict) or not set(texts) <= set(LANGUAGES):
            raise NoticeFileError(
                f"{path}: [{section}] must hold texts by language code ({', '.join(LANGUAGES)})"
            )
        if not all(isinstance(text, str) for text in texts.values()):
            raise NoticeFileError(f"{path}: [{section}] texts must be strings")
    if not isinstance(data.get("published", date.min), date):
        raise NoticeFileError(f"{path}: published must be a date, like 2026-12-03 (no quotes)")
    version = data.get("version", "")
    if not isinstance(version, str) or len(version) > VERSION_MAX:
        raise NoticeFileError(
            f'{path}: version must be text of at most {VERSION_MAX} characters, like "2026-12"'
        )


def read_notice(path, sections):
    """The notice in the file at `path`, or None when there is no file; NoticeFileError if bad."""
    if not path:
        return None
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise NoticeFileError(f"{path}: {error}") from error
    _check(data, path, sections)
    version = data.get("version") or hashlib.sha256(raw).hexdigest()[:HASH_LENGTH]
    texts = {section: data.get(section, {}) for section in sections}
    return OperatorNotice(texts, version, data.get("published"))


def _current(setting, sections):
    """The file's notice, read again only when the file changed; a file broken since start-up
    is logged and the last good notice kept, so residents' pages never fail because of it."""
    path = current_app.config.get(setting)
    try:
        stat = Path(path).stat() if path else None
    except FileNotFoundError:
        stat = None
    key = (setting, str(path), stat and (stat.st_ino, stat.st_mtime_ns, stat.st_size))
    cached = _cache.get(setting)
    if cached and cached[0] == key:
        return cached[1]
    try:
        notice = read_notice(path, sections) if stat else None
    except NoticeFileError as error:
        current_app.logger.error("%s is not used: %s", setting, error)
        return cached[1] if cached else None
    _cache[setting] = (key, notice)
    return notice


def privacy_notice():
    """The operator's privacy notice texts, or None when they have not written the file yet."""
    return _current("PRIVACY_NOTICE_FILE", PRIVACY_SECTIONS)


def privacy_notice_version():
    """What is stored with a consent: the template's version and the operator's."""
    notice = privacy_notice()
    return f"{TEMPLATE_VERSION}+{notice.version if notice else 'unfilled'}"


def incident_notice():
    """The incident notice the operator published, or None (the default)."""
    return _current("INCIDENT_NOTICE_FILE", INCIDENT_SECTIONS)


def init_app(app):
    """Refuse to start with a broken file, so the operator learns of it at once."""
    read_notice(app.config.get("PRIVACY_NOTICE_FILE"), PRIVACY_SECTIONS)
    read_notice(app.config.get("INCIDENT_NOTICE_FILE"), INCIDENT_SECTIONS)

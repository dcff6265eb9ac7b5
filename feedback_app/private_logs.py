"""Logs without personal data or secrets: gunicorn's access and error logs, and the app's own.

gunicorn's default access line holds the visitor's address and user agent, the referrer and the
full address asked for, so a kiosk setup link or an invitation link would sit in the log for
anyone who reads it; its error log names the address of a malformed request and the full address
of a failed one, and Flask logs the path of every unhandled exception. Access lines here keep the
time, method, path, status, size and duration only; every message has its addresses, query
strings and secret path segments replaced by `[redacted]`. The logged path is gunicorn's decoded
PATH_INFO, so its control characters and backslashes are escaped (gunicorn escapes the quotes): a
`%0A` in an address cannot write a forged line.
"""

import logging
import re
import unicodedata

from gunicorn.glogging import Logger

ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
REDACTED = "[redacted]"
# A segment following one of these words is a secret: kiosk setup links, staff invitations,
# password resets, workshop participants' links.
SECRET_AFTER = ("setup", "invitations", "invitation", "reset", "join", "participant")
# The whole segment up to the next "/", spaces and decoded characters included.
_AFTER_SECRET_WORD = re.compile(rf"(?<=/)({'|'.join(SECRET_AFTER)})/[^/]+")
# Anything shaped like a random token (long, mixed case) is hidden too, wherever it appears.
_TOKEN_SHAPED = re.compile(r"(?<=/)(?=[\w-]*[a-z])(?=[\w-]*[A-Z])[\w-]{20,}(?=/|\s|$)")
# Only these atoms may reach a line; everything else (h, a, f, u, {header}i, ...) reads "-".
_KEPT_ATOMS = ("t", "s", "m", "H", "b", "B", "T", "D", "M", "L", "p")
# In free text: gunicorn's "ip=203.0.113.7" and any /path?query.
_ADDRESS = re.compile(r"\bip=\S+")
_PATH_AND_QUERY = re.compile(r"(?<![\w.])(/[^\s?\[\]\"']*)(\?[^\s\"']*)?")


def redact_path(path):
    """`path` with every secret-bearing segment replaced by REDACTED."""
    path = _AFTER_SECRET_WORD.sub(lambda match: f"{match.group(1)}/{REDACTED}", path or "")
    return _TOKEN_SHAPED.sub(REDACTED, path)


def escape_for_log(text):
    """`text` on one line: control characters, line separators and backslashes escaped.

    Backslashes too, so that a `\\"` in a path cannot undo the escaping of the quote after it.
    """
    return "".join(_escaped(character) for character in text)


def _escaped(character):
    if character == "\\":
        return "\\" + character
    if unicodedata.category(character) in ("Cc", "Zl", "Zp"):
        return f"\\x{ord(character):02x}" if ord(character) < 256 else f"\\u{ord(character):04x}"
    return character


def redact_message(text):
    """A log message with its addresses, query strings and secret path segments hidden."""
    text = _ADDRESS.sub(f"ip={REDACTED}", text)
    return _PATH_AND_QUERY.sub(_redact_path_and_query, text)


def _redact_path_and_query(match):
    path, query = match.groups()
    return redact_path(path) + (f"?{REDACTED}" if query else "")


class RedactSecrets(logging.Filter):
    """Rewrites each record's message with redact_message before any handler sees it."""

    def filter(self, record):
        record.msg, record.args = redact_message(record.getMessage()), None
        return True


def redact_app_logs(logger):
    """Add RedactSecrets to `logger` once (create_app may run many times in one process)."""
    if not any(isinstance(existing, RedactSecrets) for existing in logger.filters):
        logger.addFilter(RedactSecrets())


class PrivateAccessLogger(Logger):
    """gunicorn's logger, fed only the atoms that say nothing about who asked for what secret."""

    def setup(self, cfg):
        super().setup(cfg)
        redact_app_logs(self.error_log)

    def atoms(self, resp, req, environ, request_time):
        every = super().atoms(resp, req, environ, request_time)
        atoms = {name: every[name] for name in _KEPT_ATOMS}
        path = escape_for_log(redact_path(environ.get("PATH_INFO")))
        atoms["U"] = path
        atoms["r"] = f"{atoms['m']} {path} {atoms['H']}"
        return atoms

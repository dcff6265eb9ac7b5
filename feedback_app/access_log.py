"""gunicorn's access log without personal data or secrets.

gunicorn's default line holds the visitor's address and user agent, the referrer and the full
address asked for, so a kiosk setup link or an invitation link sits in the log for anyone who
reads it. This logger writes the time, method, path, status, size and duration only: no address,
user agent, referrer, header or query string, and secret path segments replaced by `[redacted]`.
"""

import re

from gunicorn.glogging import Logger

ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
REDACTED = "[redacted]"
# A segment following one of these words is a secret: kiosk setup links, staff invitations,
# password resets, workshop participants' links.
SECRET_AFTER = ("setup", "invitations", "invitation", "reset", "join", "participant")
_AFTER_SECRET_WORD = re.compile(rf"(?<=/)({'|'.join(SECRET_AFTER)})/[^/]+")
# Anything shaped like a random token (long, mixed case) is hidden too, wherever it appears.
_TOKEN_SHAPED = re.compile(r"(?<=/)(?=[\w-]*[a-z])(?=[\w-]*[A-Z])[\w-]{20,}(?=/|$)")
# Only these atoms may reach a line; everything else (h, a, f, u, {header}i, ...) reads "-".
_KEPT_ATOMS = ("t", "s", "m", "H", "b", "B", "T", "D", "M", "L", "p")


def redact_path(path):
    """`path` with every secret-bearing segment replaced by REDACTED."""
    path = _AFTER_SECRET_WORD.sub(lambda match: f"{match.group(1)}/{REDACTED}", path or "")
    return _TOKEN_SHAPED.sub(REDACTED, path)


class PrivateAccessLogger(Logger):
    """gunicorn's logger, fed only the atoms that say nothing about who asked for what secret."""

    def atoms(self, resp, req, environ, request_time):
        every = super().atoms(resp, req, environ, request_time)
        atoms = {name: every[name] for name in _KEPT_ATOMS}
        path = redact_path(environ.get("PATH_INFO"))
        atoms["U"] = path
        atoms["r"] = f"{atoms['m']} {path} {atoms['H']}"
        return atoms

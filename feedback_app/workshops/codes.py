"""Join codes: six characters from an alphabet without look-alikes (no 0/O, 1/I/L), so a code
read off a projector or a paper form is typed right the first time."""

import re
import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 6
# What people add when they paste or read a code aloud: spaces, dashes, dots.
SEPARATORS = re.compile(r"[\s\-‐-―.]+")


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(typed):
    """The code as stored, or None when what was typed cannot be a join code."""
    code = SEPARATORS.sub("", typed or "").upper()
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code

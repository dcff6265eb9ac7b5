"""What makes a staff password acceptable: long enough, and not on the common-password list.

The list (data/common_passwords.txt) holds the most used passwords of public breach corpora,
as shipped by the zxcvbn project (MIT licence): the first 5,000 and every one of 10 characters
or more.
"""

import re
from functools import cache
from pathlib import Path

from ..i18n import _l

MIN_LENGTH = 10
MAX_LENGTH = 200
COMMON_PASSWORDS = Path(__file__).parent / "data" / "common_passwords.txt"
TOO_SHORT = _l("Your password must be at least %(n)d characters long", n=MIN_LENGTH)
TOO_LONG = _l("Your password must be %(n)d characters or fewer", n=MAX_LENGTH)
TOO_COMMON = _l(
    "This password is one of the most used ones, so it is easy to guess. Choose another, "
    "for example three or four unrelated words"
)
LOOKS_LIKE_EMAIL = _l("Your password must not contain your email address")
# "password2026!" is as weak as "password": the list is checked without the ending.
_TRAILING_DIGITS_OR_SYMBOLS = re.compile(r"[\d\W_]+$")


@cache
def common_passwords():
    return frozenset(COMMON_PASSWORDS.read_text(encoding="utf-8").split())


def password_problem(password, *, email=""):
    """The reason `password` is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    lowered = password.lower()
    local_part = email.lower().split("@")[0]
    if local_part and len(local_part) >= 4 and local_part in lowered:
        return LOOKS_LIKE_EMAIL
    stem = _TRAILING_DIGITS_OR_SYMBOLS.sub("", lowered)
    if lowered in common_passwords() or stem in common_passwords() or not stem.strip():
        return TOO_COMMON
    return None

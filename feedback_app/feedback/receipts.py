"""Receipt codes: shown once to the resident, stored only as a hash."""

import hashlib
import secrets

# No 0/O, 1/I/L, 5/S: codes are read aloud and copied by hand.
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
RECEIPT_LENGTH = 10


def new_receipt_code():
    """A code like K7P2-9XQ4-AB: about 48 bits, enough that guessing one is hopeless."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECEIPT_LENGTH, 4))


def normalise_receipt_code(code):
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def receipt_hash(code):
    return hashlib.sha256(normalise_receipt_code(code).encode()).hexdigest()

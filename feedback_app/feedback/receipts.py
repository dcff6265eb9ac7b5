"""Receipt codes: shown once to the resident, stored only as a hash."""

import hashlib
import hmac
import secrets
import unicodedata

# No 0/O, 1/I/L, 5/S: codes are read aloud and copied by hand.
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
RECEIPT_LENGTH = 10


def new_receipt_code():
    """A code like K7P2-9XQ4-AB: about 48 bits, enough that guessing one is hopeless."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECEIPT_LENGTH, 4))


def normalise_receipt_code(code):
    """Capitals, without spaces or dashes; digits typed on an Arabic keyboard (٢٣٤) or in
    full width (２３４) count as the same digits."""
    code = unicodedata.normalize("NFKC", code or "").upper()
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in code if ch.isalnum()
    )


def receipt_hash(code):
    return hashlib.sha256(normalise_receipt_code(code).encode()).hexdigest()


def receipt_code_for(client_key, secret):
    """The receipt code of the response sent with `client_key`, derived with the app's secret.

    Derived rather than drawn at random so that a repeated "Send" (a double tap, a retry) shows
    the same code again, while the database keeps only its hash: knowing a client key is not
    enough to work out a code without the secret.
    """
    digest = hmac.new(secret.encode(), b"receipt:" + client_key.encode(), "sha256").digest()
    number = int.from_bytes(digest, "big")
    raw = ""
    for _ in range(RECEIPT_LENGTH):
        number, index = divmod(number, len(RECEIPT_ALPHABET))
        raw += RECEIPT_ALPHABET[index]
    return "-".join(raw[i : i + 4] for i in range(0, RECEIPT_LENGTH, 4))

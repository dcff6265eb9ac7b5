"""Sign-in throttling: failed attempts counted per account and address, per address, per account.

Per (account, address) pair, strictly: one attacker guessing one person's password uses up only
their own pair's budget, never the owner's, who signs in from another address. Per address: one
attacker cannot try every account. Per account across all addresses, with a much higher budget:
guessing from many addresses is slowed down; the trade-off is that an attacker with that many
addresses can still keep the owner out until the window ends, which is why it is high. Only
failures count, so colleagues signing in from one office address never use up each other's
budget. The address is the visitor's once ProxyFix has read the trusted proxy's header
(security.py); no key is stored anywhere else.
"""

import hashlib

from flask import current_app, request

from ..extensions import limiter


def _failed(response):
    return response.status_code == 400


def _hashed_email():
    """The email tried, hashed so the rate-limit storage holds no list of staff addresses."""
    email = request.form.get("email", "").strip().lower()
    return hashlib.sha256(email.encode()).hexdigest()


def _pair_key():
    return f"sign-in-pair:{_hashed_email()}:{request.remote_addr}"


def _account_key():
    return f"sign-in-account:{_hashed_email()}"


def _address_key():
    return f"sign-in-address:{request.remote_addr}"


def _limit(setting, key_func):
    return limiter.limit(
        lambda: current_app.config[setting],
        key_func=key_func,
        methods=["POST"],
        deduct_when=_failed,
    )


def throttle_sign_in(view):
    """Refuse (429) sign-in attempts beyond the failures allowed per pair, address and account."""
    per_pair = _limit("SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS", _pair_key)
    per_address = _limit("SIGN_IN_FAILURES_PER_ADDRESS", _address_key)
    per_account = _limit("SIGN_IN_FAILURES_PER_ACCOUNT", _account_key)
    return per_account(per_address(per_pair(view)))

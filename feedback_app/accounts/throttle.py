"""Sign-in throttling: failed attempts counted per account and per address.

Per account, so that guessing one person's password from many addresses is slowed down; per
address, so that one attacker cannot try every account. Only failures count, so colleagues signing
in from one office address never use up each other's budget. The address is the visitor's once
ProxyFix has read the trusted proxy's header (security.py); neither key is stored anywhere else.
"""

import hashlib

from flask import current_app, request

from ..extensions import limiter


def _failed(response):
    return response.status_code == 400


def _account_key():
    """The email tried, hashed so the rate-limit storage holds no list of staff addresses."""
    email = request.form.get("email", "").strip().lower()
    return "sign-in-account:" + hashlib.sha256(email.encode()).hexdigest()


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
    """Refuse (429) sign-in attempts beyond the failures allowed per account and per address."""
    per_account = _limit("SIGN_IN_FAILURES_PER_ACCOUNT", _account_key)
    per_address = _limit("SIGN_IN_FAILURES_PER_ADDRESS", _address_key)
    return per_address(per_account(view))

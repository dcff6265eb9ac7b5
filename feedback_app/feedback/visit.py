"""What a browser's session remembers of a resident's visit: draft tokens and what was sent.

A shared kiosk forgets all of it between residents.
"""

from flask import session

from . import drafts

DRAFTS = "feedback_drafts"  # {service slug: draft token}
SENT = "feedback_sent"  # {service slug: client key of the last response sent}


def remember(key, slug, value):
    session[key] = {**session.get(key, {}), slug: value}


def draft_token(slug):
    return session.get(DRAFTS, {}).get(slug)


def sent_client_key(slug):
    return session.get(SENT, {}).get(slug)


def forget():
    """Delete the visit's unsent answers and empty the session (and any sign-in with it)."""
    drafts.discard_unsent(session.get(DRAFTS, {}).values())
    session.clear()

"""A service's access register: who read individual comments, who exported what, which API
tokens read what. Read from the audit log (those actions, that service), in plain sentences.

The actions are those written by insights (theme_decisions.py, export_views.py) and api
(views.py), found by the service each event is recorded with (its indexed column);
tests/admin/test_access_register.py produces each through the real pages.
"""

from flask_babel import gettext as _

from ..i18n import _l
from .audit_log import LogFilter, log_page
from .audit_scope import WHOLE_LOG

COMMENTS_READ = "insights.theme-comments"
EXPORTED = "export"
API_READ = "api_read"
ACCESS_ACTIONS = (COMMENTS_READ, EXPORTED, API_READ)
SOMEONE = _l("Someone whose account was deleted")


def register_page(service, before=None):
    """A page of access events about `service`, newest first, each with its sentence."""
    # The register's page checked that the reader administers the service, so every event
    # about it may be shown, by whomever it was made.
    access_events = LogFilter(service_id=service.id, actions=ACCESS_ACTIONS)
    events, more = log_page(access_events, before, scope=WHOLE_LOG)
    lines = [(event, sentence(event, email)) for event, email, _slug in events]
    return lines, (events[-1][0].id if more else None)


def sentence(event, email):
    """What happened, in the reader's language."""
    who = email or str(SOMEONE)
    details = event.details or {}
    if event.action == COMMENTS_READ:
        return _(
            "%(who)s read the comments of %(count)s residents about the theme “%(theme)s”.",
            who=who,
            count=len(details.get("responses", ())),
            theme=details.get("theme", ""),
        )
    if event.action == EXPORTED:
        tables = ", ".join(details.get("tables", ()))
        if tables:
            return _(
                "%(who)s exported the insights as %(format)s (tables: %(tables)s).",
                who=who,
                format=details.get("format", "").upper(),
                tables=tables,
            )
        return _(
            "%(who)s exported the insights as %(format)s.",
            who=who,
            format=details.get("format", "").upper(),
        )
    return _(
        "An API token of %(who)s (no. %(token)s) read “%(resource)s”.",
        who=who,
        token=details.get("token_id", ""),
        resource=details.get("resource", ""),
    )

"""Analysis results kept until the responses behind them change.

An analysis of a few thousand responses takes a few hundred milliseconds, and the same view
is asked for again and again (pages, the live refresh, exports). Responses are written once
and only ever withdrawn or deleted, so the count and ids of the matching responses tell when
a result is stale. Each app keeps a small LRU; results are shared between requests, so callers
must treat them as read-only.
"""

import threading
from collections import OrderedDict

from flask import current_app, g, has_app_context
from sqlalchemy import func, select

from ..extensions import db
from ..feedback.models import Response
from .filters import InsightFilter
from .frames import ResponseFilter

CACHE_SIZE = 64
_LOCK = threading.Lock()


def response_part(response_filter):
    """The part of any filter that chooses responses (question and dimension do not)."""
    if isinstance(response_filter, InsightFilter):
        return response_filter.responses
    return response_filter or ResponseFilter()


def fingerprint(service, response_filter=None):
    """A token that changes whenever the responses behind a view change (cache, live refresh).

    Computed once per request: a page asking for several analyses sees one state of the data.
    """
    chosen = response_part(response_filter)
    memo = g.setdefault("_insights_fingerprints", {}) if has_app_context() else {}
    if (service.id, chosen) not in memo:
        query = chosen.apply(
            select(func.count(Response.id), func.max(Response.id), func.sum(Response.id)),
            service,
        )
        count, last, total = db.session.execute(query).one()
        memo[(service.id, chosen)] = f"{count}-{last or 0}-{total or 0}"
    return memo[(service.id, chosen)]


def cached(key, service, response_filter, compute):
    """`compute()`, or its result for the same key and the same matching responses."""
    chosen = response_part(response_filter)
    full_key = (key, service.id, chosen, fingerprint(service, chosen))
    results = current_app.extensions.setdefault("insights_results", OrderedDict())
    with _LOCK:
        if full_key in results:
            results.move_to_end(full_key)
            return results[full_key]
    value = compute()
    with _LOCK:
        results[full_key] = value
        while len(results) > CACHE_SIZE:
            results.popitem(last=False)
    return value

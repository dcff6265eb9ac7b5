"""Hostile values in every URL parameter and query string of every route, and bodies too big
or with too many fields: a clear 4xx (or the page itself), never a 500.

The routes come from `app.url_map`; each `<parameter>` of a rule is replaced in turn by each
hostile value, the others keeping the access world's valid values so the request reaches the
view's own reading of the parameter. Query names are the ones the app's code reads.
"""

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from feedback_app.api.models import Scope
from feedback_app.api.tokens import issue_token
from feedback_app.extensions import db
from tests.app.access_world import become, build_world, csrf_header

pytestmark = pytest.mark.database

# Raw URL text (already percent-encoded where it needs to be).
HOSTILE = {
    "sql injection": quote("1' OR '1'='1'; DROP TABLE response;--", safe=""),
    "path traversal": "..%2F..%2F..%2Fetc%2Fpasswd",
    "oversized": "9" * 5000,
    "overlong utf-8": "%C0%AE%C0%AE",
    "invalid utf-8": "%FF%FE",
    "lone surrogate": "%ED%A0%80",
    "nul byte": "a%00b",
    "negative": "-1",
}
PACKAGE = Path(__file__).parents[2] / "feedback_app"
QUERY_NAME = re.compile(r"request\.args\.get\(\"(\w+)\"")


def query_names():
    """Every query parameter the app's code reads, and the insights filters' names."""
    names = {"from", "to", "channel", "kiosk", "lang", "action", "user", "service"}
    for source in PACKAGE.rglob("*.py"):
        names.update(QUERY_NAME.findall(source.read_text(encoding="utf-8")))
    return sorted(names)


def path_for(rule, values, hostile_name=None, hostile=None):
    """The rule's path with valid values, one parameter replaced by raw hostile text."""
    path = rule.rule
    for name in rule.arguments:
        value = hostile if name == hostile_name else quote(str(values[name]), safe="/")
        path = re.sub(rf"<(?:[^<>:]+:)?{name}>", lambda _m, v=value: v, path)
    return path


def test_hostile_url_parameters_are_4xx_never_500(app, client, service):
    world = build_world(service)
    become("inst_admin", client, world)
    values = {**world["values"], "locale": "en", "lang": "en", "code": world["values"]["code"]}
    safe_rules = [r for r in app.url_map.iter_rules() if r.endpoint != "accounts.logout"]
    failures, tried = [], 0
    for rule in safe_rules:
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        for name in rule.arguments:
            for label, hostile in HOSTILE.items():
                path = path_for(rule, values, name, hostile)
                for method in methods:
                    headers = csrf_header(client) if method == "POST" else {}
                    reply = client.open(path, method=method, headers=headers)
                    tried += 1
                    if reply.status_code >= 500:
                        failures.append(f"{method} {path[:120]} ({label}): {reply.status_code}")
                    reply.close()
    names = query_names()
    gets = [(r.endpoint, r) for r in safe_rules if "GET" in r.methods and r.endpoint != "static"]
    for _endpoint, rule in sorted(gets, key=lambda pair: pair[0]):
        base = path_for(rule, {**values, **world["overrides"].get(rule.endpoint, {})})
        for label, hostile in HOSTILE.items():
            query = "&".join(f"{name}={hostile}" for name in names)
            reply = client.get(f"{base}?{query}")
            tried += 1
            if reply.status_code >= 500:
                failures.append(f"GET {base}?… ({label}): {reply.status_code}")
            reply.close()
    print(f"\n{tried} requests with hostile URL parameters and query strings")
    assert not failures, "\n".join(failures)


def test_thousands_of_form_fields_are_refused_clearly(app, client, service):
    become("anon", client, None)
    fields = {f"field{n}": "x" for n in range(5000)}
    reply = client.post("/login", data=fields, headers=csrf_header(client))
    assert 400 <= reply.status_code < 500


@pytest.mark.parametrize("path", ["/login", "/api/v1/services/home-support/responses"])
def test_a_body_beyond_the_limit_is_a_413(app, client, service, path):
    world = build_world(service)
    _, secret = issue_token(world["users"]["facilitator"], "big", scopes=list(Scope))
    db.session.commit()
    too_big = b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    headers = {"Authorization": f"Bearer {secret}"}
    kind = "application/json" if path.startswith("/api/") else "application/x-www-form-urlencoded"
    reply = client.post(path, data=too_big, content_type=kind, headers=headers)
    assert reply.status_code == 413
    if path.startswith("/api/"):
        assert reply.json["error"]["title"]
    else:
        assert "too" in reply.text.lower()

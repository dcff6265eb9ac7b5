"""The OpenAPI document is valid, and every route answers as it says (checked by schemathesis)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.helpers import bearer

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_document_is_valid_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    document = response.json
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_document_describes_every_api_route(app, client):
    documented = {
        "/api/v1" + path.replace("{slug}", "<slug>")
        for path in client.get("/api/v1/openapi.json").json["paths"]
    }
    routes = {
        rule.rule.replace(
            "<any(aggregates, gaps, representation, outreach, journeys, themes, insights):"
            "resource>",
            "{resource}",
        )
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.openapi_document"
    }
    expanded = {
        route.replace("{resource}", resource)
        for route in routes
        for resource in (
            "aggregates",
            "gaps",
            "representation",
            "outreach",
            "journeys",
            "themes",
            "insights",
        )
    }
    assert documented == expanded


@pytest.fixture
def api_schema(app, seeded):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@pytest.fixture
def admin_token(make_user, partner):
    """An admin may read and send, so every operation gets past access control."""
    from tests.api.helpers import token_for

    return token_for(make_user("admin@example.org", organisation=partner, role="admin"))[1]


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_route_answers_as_documented(app, case, admin_token):
    if "{slug}" in case.operation.path:
        case.path_parameters = {"slug": "home-support"}
    # Each call gets its own app context (its own `g` and session), as in production.
    with app.app_context():
        case.call_and_validate(headers=bearer(admin_token), checks=CHECKS)


def test_each_operation_names_the_scope_it_needs(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    needs = {
        (path, method): operation.get("security")
        for path, item in paths.items()
        for method, operation in item.items()
    }
    assert needs.pop(("/services", "get")) is None  # any scope
    assert needs.pop(("/services/{slug}/responses", "post")) == [
        {"bearerAuth": ["responses:submit"]}
    ]
    assert set(map(str, needs.values())) == {str([{"bearerAuth": ["insights:read"]}])}

"""The OpenAPI 3.1 description of API v1, as one Python dict (tests check the API against it)."""

from ..feedback.choices import (
    AGE_BANDS,
    BARRIERS,
    GENDERS,
    RURALITY,
    WENT_THROUGH,
    WG_ANSWERS,
    WG_DOMAINS,
)
from ..feedback.models import Channel
from ..feedback.submit import CONSENT_VERSION
from ..i18n import LANGUAGES
from .models import Scope
from .submission import COMMENT_MAX

NUMBER = {"type": ["number", "null"]}
INTEGER = {"type": ["integer", "null"]}
TEXT = {"type": ["string", "null"]}
STATUS = {"type": "string", "description": 'Empty, or "suppressed" when a cell is too small.'}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _rows(**properties):
    """An array of table rows; rows may carry more columns than those listed."""
    return {"type": "array", "items": {"type": "object", "properties": properties}}


def _query(name, description, schema, **extra):
    return {"name": name, "in": "query", "description": description, "schema": schema, **extra}


FILTERS = [
    _query("since", "First day included (YYYY-MM-DD).", {"type": "string", "format": "date"}),
    _query("until", "Last day included (YYYY-MM-DD).", {"type": "string", "format": "date"}),
    _query(
        "channel",
        "Only these channels; repeat the parameter for several.",
        {"type": "array", "items": {"type": "string", "enum": [c.value for c in Channel]}},
        style="form",
        explode=True,
    ),
    _query(
        "kiosk",
        "Only responses given on these kiosks (ids); repeat the parameter for several.",
        {"type": "array", "items": {"type": "integer"}},
        style="form",
        explode=True,
    ),
    _query("question", "Only this question code (gaps).", {"type": "string"}),
    _query(
        "dimension",
        "Only groups involving this dimension (gaps).",
        {"type": "string", "enum": ["age_band", "gender", "disability", "rurality"]},
    ),
]
SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}


def _error(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref("Error")}},
    }


ERRORS = {
    "400": _error("The filters or the body are not valid; `fields` says which."),
    "401": _error("No token, or a token that is unknown, revoked or expired."),
    "403": _error(
        "The token lacks the scope this needs, is limited to other services, or its owner "
        "does not hold the role this needs on this service (now)."
    ),
    "404": _error("There is no service with this slug."),
    "429": _error("Too many requests for this token: wait a minute."),
    "503": _error("The database cannot be reached: send again after Retry-After seconds."),
}


def _json(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _read(summary, schema_name, operation_id):
    return {
        "get": {
            "summary": summary,
            "operationId": operation_id,
            "tags": ["analysis"],
            "security": [{"bearerAuth": [Scope.READ_INSIGHTS.value]}],
            "parameters": [SLUG, *FILTERS],
            "responses": {"200": _json(_ref(schema_name)), **ERRORS},
        }
    }


def _analysis(**properties):
    """A read's body: the service, the filters applied, and its tables."""
    return {
        "type": "object",
        "required": ["service", "filters", "suppress_below", *properties],
        "properties": {
            "service": {"type": "string"},
            "filters": {"type": "object"},
            "suppress_below": {"type": "integer"},
            **properties,
        },
    }


GAP_ROW = dict(
    segment={"type": "string"},
    outcome={"type": "string"},
    n=INTEGER,
    top2=NUMBER,
    rest_top2=NUMBER,
    effect=NUMBER,
    q_value=NUMBER,
    status={"type": "string"},
    severity=TEXT,
    priority=INTEGER,
)
INSIGHT_ROW = dict(
    rank=INTEGER,
    kind={"type": "string"},
    segment=TEXT,
    outcome=TEXT,
    score=NUMBER,
    severity=TEXT,
    q_value=NUMBER,
    effect=NUMBER,
    n=INTEGER,
    sentence={"type": "string"},
    insight_key={"type": "string"},
    status={
        "type": "string",
        "enum": ["new", "accepted", "dismissed", "planned", "in_progress", "done"],
    },
)
SUBMISSION = {
    "type": "object",
    "required": ["client_key", "locale"],
    "additionalProperties": False,
    "properties": {
        "client_key": {
            "type": "string",
            "pattern": "^[A-Za-z0-9._:-]{8,40}$",
            "description": "Your identifier of this response: sending it again stores nothing new.",
        },
        "locale": {"type": "string", "enum": list(LANGUAGES)},
        "answers": {
            "type": "object",
            "description": "Rating per question code; null means “does not apply”.",
            "additionalProperties": {"type": ["integer", "null"]},
        },
        "journey": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["stage"],
                "properties": {
                    "stage": {"type": "string"},
                    "went_through": {"type": "string", "enum": [c for c, _ in WENT_THROUGH]},
                    "emotion": {"type": ["integer", "null"], "minimum": -2, "maximum": 2},
                    "barriers": {
                        "type": "array",
                        "items": {"type": "string", "enum": [c for c, _ in BARRIERS]},
                    },
                },
            },
        },
        "comment": {"type": ["string", "null"], "maxLength": COMMENT_MAX},
        "consent": {
            "type": "boolean",
            "description": f"The person agreed to the consent text, version {CONSENT_VERSION}.",
        },
        "profile": {
            "type": ["object", "null"],
            "description": "The residents' “about you” answers; stored only with consent.",
            "additionalProperties": False,
            "properties": {
                "age_band": {"enum": [c for c, _ in AGE_BANDS] + [None]},
                "gender": {"enum": [c for c, _ in GENDERS] + [None]},
                "rurality": {"enum": [c for c, _ in RURALITY] + [None]},
                "preferred_language": {"enum": [*LANGUAGES, None]},
                **{
                    f"wg_{domain}": {"enum": [c for c, _ in WG_ANSWERS] + [None]}
                    for domain, _ in WG_DOMAINS
                },
            },
        },
    },
}
SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "title", "detail"],
                "properties": {
                    "status": {"type": "integer"},
                    "title": {"type": "string"},
                    "detail": {"type": "string"},
                    "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            }
        },
    },
    "Services": {
        "type": "object",
        "required": ["services", "token"],
        "properties": {
            "token": {
                "description": "The token used: its scopes and when it expires.",
                "type": "object",
                "required": ["scopes", "expires_at"],
                "properties": {
                    "scopes": {
                        "type": "array",
                        "items": {"type": "string", "enum": [scope.value for scope in Scope]},
                    },
                    "expires_at": {"type": "string", "format": "date-time"},
                },
            },
            "services": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["slug", "name", "roles", "kiosks"],
                    "properties": {
                        "slug": {"type": "string"},
                        "name": {"type": "string"},
                        "roles": {"type": "array", "items": {"type": "string"}},
                        "kiosks": {
                            "description": "Kiosks offering the service: the `kiosk` filter.",
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["id", "location", "active"],
                                "properties": {
                                    "id": {"type": "integer"},
                                    "location": {"type": "string"},
                                    "active": {"type": "boolean"},
                                },
                            },
                        },
                    },
                },
            },
        },
    },
    "Aggregates": _analysis(
        total={"type": "integer"},
        period={"type": "string", "enum": ["day", "week", "month"]},
        timeline=_rows(period=TEXT, channel={"type": "string"}, count=INTEGER, status=STATUS),
        ratings=_rows(outcome={"type": "string"}, value=INTEGER, count=INTEGER, share=NUMBER),
        questions=_rows(outcome={"type": "string"}, n=INTEGER, mean=NUMBER, top2=NUMBER),
    ),
    "Gaps": _analysis(gaps=_rows(**GAP_ROW)),
    "Representation": _analysis(
        reference={
            "type": ["object", "null"],
            "properties": {"name": {"type": "string"}, "uploaded_at": {"type": "string"}},
        },
        scores={"type": "object", "additionalProperties": NUMBER},
        groups=_rows(dimension={"type": "string"}, group={"type": "string"}, share=NUMBER),
    ),
    "Outreach": _analysis(
        groups=_rows(segment={"type": "string"}, n_more=NUMBER, best_kiosk=TEXT),
    ),
    "Journeys": _analysis(
        stages=_rows(code={"type": "string"}, name={"type": "string"}),
        curve=_rows(stage={"type": "string"}, segment={"type": "string"}, mean=NUMBER),
        barriers=_rows(stage={"type": "string"}, barrier={"type": "string"}, share=NUMBER),
        hardest=_rows(segment={"type": "string"}, stage={"type": "string"}, mean=NUMBER),
    ),
    "Themes": _analysis(
        themes=_rows(top_terms=TEXT, n=INTEGER, share=NUMBER),
        note=TEXT,
    ),
    "Insights": _analysis(insights=_rows(**INSIGHT_ROW)),
    "Submission": SUBMISSION,
    "Receipt": {
        "type": "object",
        "required": ["status", "client_key", "receipt_code"],
        "properties": {
            "status": {"type": "string", "enum": ["received"]},
            "client_key": {"type": "string"},
            "receipt_code": {
                "type": "string",
                "description": "For the resident, to withdraw the response; given only once.",
            },
        },
    },
    "AlreadyReceived": {
        "type": "object",
        "required": ["status", "client_key"],
        "properties": {
            "status": {"type": "string", "enum": ["already_received"]},
            "client_key": {"type": "string"},
        },
        "additionalProperties": False,
    },
}

SUBMIT = {
    "post": {
        "summary": "Send one resident's response from a partner's channel",
        "operationId": "submitResponse",
        "tags": ["responses"],
        "security": [{"bearerAuth": [Scope.SUBMIT_RESPONSES.value]}],
        "parameters": [SLUG],
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _ref("Submission")}},
        },
        "responses": {
            "201": _json(_ref("Receipt"), "Stored."),
            "200": _json(
                _ref("AlreadyReceived"),
                "Already stored earlier with this client_key; the receipt code is not repeated.",
            ),
            **ERRORS,
            "415": _error("The body is not sent as application/json."),
            "422": _error("The body does not fit the service; `fields` says what to correct."),
        },
    }
}


def openapi_document(server_url="/api/v1"):
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Ensemble API",
            "version": "1.0.0",
            "description": (
                "Aggregated, disclosure-controlled figures of the services you may analyse, "
                "and a way to send responses from a partner's channel. See docs/api.md."
            ),
        },
        "servers": [{"url": server_url}],
        "security": [{"bearerAuth": []}],
        "paths": {
            "/services": {
                "get": {
                    "summary": "Services the token reaches, with its owner's roles (any scope)",
                    "operationId": "listServices",
                    "tags": ["services"],
                    "responses": {
                        "200": _json(_ref("Services")),
                        "401": ERRORS["401"],
                        "429": ERRORS["429"],
                    },
                }
            },
            "/services/{slug}/aggregates": _read(
                "Responses over time and ratings", "Aggregates", "getAggregates"
            ),
            "/services/{slug}/gaps": _read("Equity gaps, most pressing first", "Gaps", "getGaps"),
            "/services/{slug}/representation": _read(
                "Who took part against the reference population",
                "Representation",
                "getRepresentation",
            ),
            "/services/{slug}/outreach": _read(
                "Whom to reach next: more responses each group needs, and what reached it",
                "Outreach",
                "getOutreach",
            ),
            "/services/{slug}/journeys": _read(
                "Emotion and barriers per stage", "Journeys", "getJourneys"
            ),
            "/services/{slug}/themes": _read("Themes in comments", "Themes", "getThemes"),
            "/services/{slug}/insights": _read("Prioritized insights", "Insights", "getInsights"),
            "/services/{slug}/responses": SUBMIT,
        },
        "components": {
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": (
                        "A personal token created at /staff/tokens. Each operation lists the "
                        "scope it needs in its `security` requirement (OpenAPI 3.1 role names): "
                        "`insights:read` for the analysis reads, `responses:submit` to send "
                        "responses. A token may also be limited to some services, and expires "
                        "after 30, 90 or 365 days."
                    ),
                    "x-scopes": {
                        Scope.READ_INSIGHTS.value: "Read the aggregated figures (analysts).",
                        Scope.SUBMIT_RESPONSES.value: "Send residents' responses (facilitators).",
                    },
                }
            },
            "schemas": SCHEMAS,
        },
    }

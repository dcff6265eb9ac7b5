"""Property-based tests over every form and the API's JSON: whatever is sent, never a 500, and
never a partial write: refused input leaves every table as it was, and a response is stored
whole (with all its parts) or not at all.

The forms are the ones the pages hold (tests/hostile/forms.py finds them), so a new form joins.
Hypothesis shares the app and database of one test between its examples on purpose (each example
counts rows before and after), and each example opens its own browser inside the test, which is
why the function-scoped-fixture health check is suppressed.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from feedback_app.api.models import Scope
from feedback_app.api.tokens import issue_token
from feedback_app.extensions import db
from tests.app.access_world import become, build_world
from tests.feedback.resident import Resident
from tests.fixtures.pages import parse
from tests.hostile.forms import SKIPPED_ACTIONS
from tests.hostile.payloads import FORMULAS, PAYLOADS
from tests.hostile.world import browser, staff_pages

pytestmark = pytest.mark.database

EXAMPLES = 50
SHARED_APP = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=120),
    st.sampled_from([*PAYLOADS.values(), *FORMULAS.values(), "x" * 5000, "", " "]),
)
RESPONSE_TABLES = ("response", "answer", "stage_experience", "comment", "profile")
RUN = {"examples": 0}


def row_counts(tables=None):
    """Rows per table, for every table (or the ones named)."""
    db.session.remove()
    chosen = [t for t in db.metadata.sorted_tables if tables is None or t.name in tables]
    return {t.name: db.session.scalar(select(func.count()).select_from(t)) for t in chosen}


def changed(before, after):
    return {name: after[name] - before[name] for name in before if after[name] != before[name]}


def form_fields(form):
    """{name: values the page offers (empty for free text)} for every field of a form."""
    fields = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        offered = fields.setdefault(name, [])
        if field.name == "select":
            offered += [o.get("value", o.get_text()) for o in field.find_all("option")]
        elif field.get("type") in ("radio", "checkbox", "hidden"):
            offered.append(field.get("value", "on"))
    return fields


def draw_form(draw, fields):
    """A submission of a form: each field an offered value, several, free text, or left out;
    the CSRF token kept, so the request reaches the form's own checks."""
    data = MultiDict()
    for name, offered in fields.items():
        if name.endswith("csrf_token"):
            data.add(name, offered[0])
            continue
        choices = [st.just(None), TEXT]
        if offered:
            choices += [st.sampled_from(offered), st.lists(st.sampled_from(offered), max_size=3)]
        value = draw(st.one_of(*choices))
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                data.add(name, item)
    return data


FORMS = {}


def page_forms(client, url):
    """(action, fields) of the page's POST forms, read once per test: what hypothesis draws
    must not depend on rows earlier examples added (a card more is a form more)."""
    key = (id(client.application), url)
    if key not in FORMS:
        page = client.get(url)
        forms = parse(page).find_all("form") if page.mimetype == "text/html" else []
        FORMS[key] = [
            (form.get("action") or url, form_fields(form))
            for form in forms
            if form.get("method", "").lower() == "post"
            and not any(skip in (form.get("action") or url) for skip in SKIPPED_ACTIONS)
            and not form.find("input", type="file")
        ]
    return FORMS[key]


def post_forms(draw, client, url):
    """Post a drawn submission to each form of the page; returns the statuses."""
    token = parse(client.get(url)).find("input", attrs={"name": lambda n: n and "csrf" in n})
    statuses = []
    for action, fields in page_forms(client, url):
        data = draw_form(draw, fields)
        for name in data:
            if name.endswith("csrf_token") and token is not None:
                data.setlist(name, [token["value"]])
        statuses.append((action, client.post(action, data=data).status_code))
    return statuses


RESIDENT_STEPS = ["/rate", "/journey/apply", "/journey/wait", "/comment"]
RESIDENT_STEPS += ["/about-you/consent", "/about-you", "/about-you/activities", "/check"]


@SHARED_APP
@given(data=st.data())
def test_residents_steps_never_fail_and_store_whole_responses(app, service, data):
    RUN["examples"] += 1
    resident = Resident(browser(app))
    before = row_counts(RESPONSE_TABLES)
    statuses = []
    for step in RESIDENT_STEPS:
        statuses += post_forms(data.draw, resident.client, resident.url(step))
    assert all(status < 500 for _, status in statuses), statuses
    stored = changed(before, row_counts(RESPONSE_TABLES))
    assert stored.get("response", 0) in (0, 1), stored
    if not stored.get("response"):
        assert not stored, f"parts of a response written without it: {stored}"


@pytest.fixture
def world(app, service):
    world = build_world(service)
    _, world["secret"] = issue_token(
        world["users"]["facilitator"], "properties", scopes=list(Scope)
    )
    db.session.commit()
    return world


@SHARED_APP
@given(data=st.data())
def test_participants_forms_never_fail(app, world, data):
    RUN["examples"] += 1
    client = browser(app)
    become("participant", client, world)
    code, activity = world["values"]["code"], world["values"]["activity_id"]
    before = row_counts()
    statuses = post_forms(data.draw, client, f"/w/{code}/about-you")
    statuses += post_forms(data.draw, client, f"/w/{code}/a/{activity}")
    assert all(status < 500 for _, status in statuses), statuses
    if all(400 <= status < 500 for _, status in statuses):
        assert not changed(before, row_counts()), statuses


STAFF = {}


@SHARED_APP
@given(data=st.data())
def test_staff_forms_never_fail_nor_write_when_refused(app, world, data):
    RUN["examples"] += 1
    if STAFF.get("app") is not app:  # one signed-in browser for the test's examples
        client = browser(app)
        become("inst_admin", client, world)
        pages = [p for p in staff_pages(app, client, world) if page_forms(client, p)]
        STAFF.update(app=app, client=client, pages=pages)
    client = STAFF["client"]
    url = data.draw(st.sampled_from(STAFF["pages"]))
    before = row_counts()
    statuses = post_forms(data.draw, client, url)
    assert all(status < 500 for _, status in statuses), (url, statuses)
    if statuses and all(400 <= status < 500 for _, status in statuses):
        assert not changed(before, row_counts()), (url, statuses)


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=12,
)
STAGE = st.fixed_dictionaries(
    {},
    optional={
        "stage": st.sampled_from(["apply", "wait", "nowhere"]) | TEXT,
        "went_through": st.sampled_from(["yes", "no", "not_yet", None]) | JSON_VALUE,
        "emotion": st.integers(-3, 3) | JSON_VALUE,
        "barriers": st.lists(st.sampled_from(["cost", "digital", "bribes"])) | JSON_VALUE,
        "text": TEXT | JSON_VALUE,
    },
)
SUBMISSION = st.fixed_dictionaries(
    {"client_key": st.from_regex(r"\Ahostile-[a-z0-9]{1,12}\Z") | TEXT},
    optional={
        "locale": st.sampled_from(["en", "fr", "ar", "xx"]) | JSON_VALUE,
        "answers": st.dictionaries(
            st.sampled_from(["a11_satisfaction", "ces", "csat", "nope"]) | TEXT,
            st.integers(-2, 9) | st.none() | JSON_VALUE,
            max_size=4,
        )
        | JSON_VALUE,
        "journey": st.lists(STAGE, max_size=3) | JSON_VALUE,
        "comment": TEXT | JSON_VALUE,
        "consent": st.booleans() | JSON_VALUE,
        "profile": st.dictionaries(
            st.sampled_from(["age_band", "wg_mobility", "rurality"]) | TEXT,
            st.sampled_from(["75+", "village", "cannot_do"]) | JSON_VALUE,
            max_size=3,
        )
        | JSON_VALUE,
    },
)


@settings(SHARED_APP, max_examples=2 * EXAMPLES)
@given(body=SUBMISSION | JSON_VALUE)
def test_api_submissions_are_stored_whole_or_not_at_all(app, world, body):
    RUN["examples"] += 1
    client = browser(app)
    before = row_counts(RESPONSE_TABLES)
    reply = client.post(
        f"/api/v1/services/{world['values']['slug']}/responses",
        json=body,
        headers={"Authorization": f"Bearer {world['secret']}"},
    )
    assert reply.status_code < 500, reply.get_data(as_text=True)[:300]
    stored = changed(before, row_counts(RESPONSE_TABLES))
    if reply.status_code == 201:
        assert stored.get("response") == 1, stored
    else:
        assert not stored, (reply.status_code, stored)


def test_zz_report_examples_run():
    """Prints how many examples the properties above ran (hypothesis runs them in this module)."""
    print(f"\nproperty-based examples run: {RUN['examples']}")
    assert RUN["examples"] >= 0

"""Hostile text posted into every free-text field stays text on every surface that shows it.

The surfaces are found from the app: every GET route of the access matrix that each identity
opens, one of each page they link to, every export format and API resource. The first payload
is checked on all of them; the next ones (in the same world, so every field holds them all) on
the surfaces that showed the first, since the others show no text people typed.
"""

import pytest

from tests.app.test_access_matrix import expected_cells, request_cell, routes
from tests.hostile.forms import fillable_forms
from tests.hostile.inert import check
from tests.hostile.payloads import FORMULAS, PAYLOADS
from tests.hostile.world import browser, crawl, hostile_world, say_everywhere

pytestmark = pytest.mark.database

# Staff see everything through the installation admin; the others see their own pages.
VIEWERS = ("inst_admin", "participant", "resident", "kiosk", "anon")
API_RESOURCES = (
    "aggregates",
    "gaps",
    "representation",
    "outreach",
    "journeys",
    "themes",
    "insights",
)
FORMATS = ("csv", "xlsx", "json")


def surfaces(app, clients, world, secret, service):
    """(viewer, url, headers) for every surface, found from the matrix and the pages' links."""
    cells = expected_cells()
    found = []
    for viewer in VIEWERS:
        seeds = []
        for endpoint, method in sorted(routes(app)):
            if method != "GET" or cells[f"GET {endpoint}"][viewer] != "200" or endpoint == "static":
                continue
            response = request_cell(clients[viewer], app, endpoint, method, world)
            if response.mimetype == "text/html":
                seeds.append((response.request.path, response))
            else:
                found.append((viewer, response.request.full_path.rstrip("?"), ()))
            response.close()
        found += [(viewer, path, ()) for path in crawl(clients[viewer], seeds)]
    base = f"/staff/services/{service.slug}"
    workshop = f"{base}/workshops/{world['values']['workshop_id']}"
    for file_format in FORMATS:
        found.append(("inst_admin", f"{base}/exports/{file_format}", ()))
        found.append(("inst_admin", f"{base}/exports/responses.{file_format}", ()))
        found.append(("inst_admin", f"{workshop}/summary.{file_format}", ()))
    api = (("Authorization", f"Bearer {secret}"),)
    found.append(("anon", "/api/v1/services", api))
    found += [("anon", f"/api/v1/services/{service.slug}/{r}", api) for r in API_RESOURCES]
    return list(dict.fromkeys(found))


def sweep(clients, targets):
    """Fetch each surface and check it; returns (surfaces showing a payload, problems)."""
    showing, problems = [], []
    for target in targets:
        viewer, url, headers = target
        response = clients[viewer].get(url, headers=dict(headers))
        assert response.status_code < 500, f"{url}: {response.status_code}"
        if response.status_code == 200:
            try:
                if check(response):
                    showing.append(target)
            except AssertionError as error:
                problems.append(f"{viewer} {url}: {error}")
        response.close()
    return showing, problems


# Whether text stays text is decided where pages and files are written, the same on either
# engine; the sweep takes minutes, so it runs once, on SQLite. What PostgreSQL refuses (NUL
# bytes, lone surrogates) is sent to it by test_url_parameters and test_form_properties.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
# About 3 minutes on an idle 2-core machine, over 7 on a loaded one: more than the suite's
# 5-minute limit for a stalled test, and it never waits on anything.
@pytest.mark.timeout(900)
def test_hostile_text_stays_text_everywhere(app, service):
    clients = {viewer: browser(app) for viewer in VIEWERS}
    world, secret, pages = hostile_world(app, service, clients)
    pages = [p for p in pages if any(fillable_forms(p, clients["inst_admin"].get(p)))]
    targets = None
    report, problems = [], []
    for name, payload in {**PAYLOADS, **FORMULAS}.items():
        tried = say_everywhere(clients, service, world, secret, pages, payload)
        assert not [t for t in tried if t[2] >= 500], tried
        if targets is None:
            accepted = [t for t in tried if t[2] < 400]
            assert len(accepted) > 25, f"too few forms took the text: {tried}"
            everything = surfaces(app, clients, world, secret, service)
            targets, found = sweep(clients, everything)
            report.append((name, len(tried), len(everything), len(targets)))
        else:
            showing, found = sweep(clients, targets)
            report.append((name, len(tried), len(targets), len(showing)))
        problems += [f"{name}: {problem}" for problem in found]
    print("\npayload: forms filled, surfaces checked, surfaces showing it")
    for name, filled, checked, shown in report:
        print(f"  {name}: {filled}, {checked}, {shown}")
    print(f"payloads × surfaces showing them: {sum(row[3] for row in report)}")
    assert not problems, "\n".join(problems)
    assert len(targets) > 20, "the payloads reached too few surfaces to prove anything"
    files = {url.rsplit("/", 1)[-1] for _, url, _ in targets}
    expected = {"csv", "xlsx", "summary.csv", "summary.xlsx", "audit.csv"}
    expected |= {"responses.csv", "responses.xlsx", "responses.json"}
    assert expected <= files, files

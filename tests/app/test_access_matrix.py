"""Who reaches what: every route of `app.url_map`, as every identity, against one table.

Each row gives a route's expected status for the identities in the column order of
`access_world.IDENTITIES`, separated by spaces; `L` is a redirect to the sign-in page, `R` any
other redirect. A new route fails `test_every_route_has_a_row` until it has its row.
"""

from pathlib import Path

import pytest
from werkzeug.routing import AnyConverter

from feedback_app import create_app
from feedback_app.accounts.policy import declared_rule
from feedback_app.api.models import Scope
from feedback_app.api.tokens import issue_token
from feedback_app.extensions import db
from tests.app.access_world import IDENTITIES, become, build_world, csrf_header

pytestmark = pytest.mark.database


def staff(status):
    """Any signed-in staff member gets `status`; everyone else is sent to sign in."""
    return f"L L L L {status} {status} {status} {status} {status} {status}"


def analysts(status):
    """The service's analysts and admins get `status`; other staff 403."""
    return f"L L L L 403 403 {status} 403 {status} {status}"


def facilitators(status):
    """The service's facilitators and admins get `status`; other staff 403."""
    return f"L L L L 403 403 403 {status} {status} {status}"


def service_admins(status):
    """The service's organisation's admins and installation admins get `status`."""
    return f"L L L L 403 403 403 403 {status} {status}"


# One status for everyone, or one per identity in this order:
# anon resident kiosk participant fac_other ana_other analyst facilitator org_admin inst_admin
MATRIX = {
    "GET accounts.home": staff("200"),
    "GET accounts.login": "200",
    "POST accounts.login": "400",
    "POST accounts.logout": "L",
    "GET admin.invite": service_admins("200"),
    "POST admin.invite": service_admins("400"),
    "GET admin.member": service_admins("200"),
    "POST admin.member": service_admins("R"),
    "GET admin.organisation": service_admins("200"),
    "GET admin.organisation_list": service_admins("200"),
    "POST admin.organisation_list": "L L L L 403 403 403 403 403 400",
    "POST admin.password_link": "L L L L 403 403 403 403 403 200",
    "GET admin.remove": service_admins("200"),
    "POST admin.remove": service_admins("R"),
    "GET api.analysis_read": "401",
    "GET api.openapi_document": "200",
    "GET api.services": "401",
    "POST api.submit_response": "401",
    "POST api_tokens.revoke_token": "L L L L 404 404 R 404 404 404",
    "GET api_tokens.tokens": staff("200"),
    "POST api_tokens.tokens": staff("400"),
    "GET audit_log.access_register": service_admins("200"),
    "GET audit_log.audit_log": service_admins("200"),  # each admin their organisation's part
    "GET audit_log.audit_log_csv": service_admins("200"),
    "GET feedback.about_you": "R 200 R R R R R R R R",
    "POST feedback.about_you": "R 400 R R R R R R R R",
    "GET feedback.activities": "R 200 R R R R R R R R",
    "POST feedback.activities": "R 400 R R R R R R R R",
    "GET feedback.check": "200",
    "POST feedback.check": "400",
    "GET feedback.comment": "200",
    "POST feedback.comment": "400",
    "GET feedback.consent": "200",
    "POST feedback.consent": "400",
    "GET feedback.rate": "200",
    "POST feedback.rate": "400",
    "GET feedback.receipt": "200",
    "POST feedback.receipt": "400",
    "GET feedback.receipt_response": "R",
    "GET feedback.sent": "R",
    "GET feedback.share": facilitators("200"),
    "GET feedback.shared_link": "R",
    "GET feedback.stage": "200",
    "POST feedback.stage": "400",
    "GET feedback.start": "200",
    "GET feedback.withdraw": "R",
    "POST feedback.withdraw": "R",
    "GET feedback.withdrawn": "R",
    "POST insights.decide_insight": analysts("400"),
    "GET insights.gaps": analysts("200"),
    "GET insights.insight_item": analysts("400"),
    "POST insights.insight_item": analysts("400"),
    "GET insights.journey": analysts("200"),
    "GET insights.overview": analysts("200"),
    "GET insights.overview_live": analysts("200"),
    "GET insights.participation": analysts("200"),
    "POST insights.participation": analysts("400"),
    "GET insights.priorities": analysts("200"),
    "GET insights.reference_template": analysts("200"),
    "GET insights.theme": analysts("400"),
    "POST insights.theme": analysts("400"),
    "GET insights.themes": analysts("200"),
    "GET insights.you_said_we_did": "200",
    "GET insights_exports.download": analysts("200"),
    "GET insights_exports.index": analysts("200"),
    "GET insights_exports.report": analysts("200"),
    "GET insights_exports.report_pdf": analysts("200"),
    "GET insights_exports.responses": analysts("200"),
    "GET kiosk.home": "404 404 200 404 404 404 404 404 404 404",
    "GET kiosk.definition": "403 403 200 403 403 403 403 403 403 403",
    "GET kiosk.issued": facilitators("200"),
    "GET kiosk.manifest": "403 403 200 403 403 403 403 403 403 403",
    "GET kiosk.offline": "404 404 200 404 404 404 404 404 404 404",
    "GET kiosk.manage": facilitators("200"),
    "POST kiosk.manage": facilitators("400"),
    # Only a kiosk's own page sends JSON: a form post (as here) is refused, 415.
    "POST kiosk.receive_response": "403 403 415 403 403 403 403 403 403 403",
    "POST kiosk.report_status": "403 403 415 403 403 403 403 403 403 403",
    "POST kiosk.replace_link": facilitators("R"),
    "GET kiosk.retire": facilitators("200"),
    "POST kiosk.retire": facilitators("R"),
    # The setup link is the credential: whoever holds it may use it, once (the kiosk used it).
    "GET kiosk.service_worker": "200",  # the same script for all; only kiosk pages register it
    "GET kiosk.setup": "200 200 404 200 200 200 200 200 200 200",
    "POST kiosk.setup": "R R 404 R R R R 404 404 404",  # 404: those who retired it just before
    "GET notices.incident": "404",  # off by default: only an operator's file publishes one
    "GET notices.privacy": "200",
    "GET pages.accessibility": "200",
    "GET pages.choose_language": "R",
    "GET pages.healthz": "200",
    "GET pages.home": "200",
    "GET pages.index": "R",
    "GET pages.reading_aids": "200",
    "POST pages.reading_aids": "R",  # settings left out keep their value
    "GET passwords.change": staff("200"),
    "POST passwords.change": staff("400"),
    "GET passwords.forgotten": "200",
    "POST passwords.forgotten": "400",
    "GET passwords.new_password": "404",
    "POST passwords.new_password": "404",
    "POST question_admin.move": service_admins("R"),
    "GET question_admin.new": service_admins("200"),
    "POST question_admin.new": service_admins("400"),
    "GET question_admin.question": service_admins("404"),
    "POST question_admin.question": service_admins("404"),
    "GET question_admin.questions_page": service_admins("200"),
    "POST question_admin.questions_page": service_admins("400"),
    "GET question_admin.retire": service_admins("200"),
    "POST question_admin.retire": service_admins("R"),
    "GET service_admin.copy": service_admins("200"),
    "POST service_admin.copy": service_admins("400"),
    "GET service_admin.new": service_admins("200"),
    "POST service_admin.new": service_admins("400"),
    "GET service_admin.partners": service_admins("200"),
    "POST service_admin.partners": service_admins("400"),
    "GET service_admin.preview": service_admins("200"),
    "POST service_admin.publish": service_admins("R"),
    "POST service_admin.remove_partner": service_admins("R"),
    "GET service_admin.service": service_admins("200"),
    "GET service_admin.settings": service_admins("200"),
    "POST service_admin.settings": service_admins("R"),
    "POST service_admin.unpublish": service_admins("R"),
    "POST stage_admin.move": service_admins("R"),
    "GET stage_admin.retire": service_admins("200"),
    "POST stage_admin.retire": service_admins("R"),
    "GET stage_admin.stage": service_admins("200"),
    "POST stage_admin.stage": service_admins("R"),
    "GET stage_admin.stages_page": service_admins("200"),
    "POST stage_admin.stages_page": service_admins("400"),
    "GET static": "200",
    "GET workshops.about_you": "R R R 200 R R R R R R",
    "POST workshops.about_you": "R R R 400 R R R R R R",
    "GET workshops.activity_page": "R R R 200 R R R R R R",
    "POST workshops.activity_page": "R R R 400 R R R R R R",
    "POST workshops.add_activity": facilitators("400"),
    "GET workshops.agenda_page": facilitators("200"),
    "GET workshops.assist": facilitators("200"),
    "POST workshops.assist": facilitators("400"),
    "GET workshops.assisted_activity": facilitators("200"),
    "POST workshops.assisted_activity": facilitators("400"),
    "POST workshops.assisted_dot": facilitators("404"),
    "POST workshops.assisted_move": facilitators("400"),
    "GET workshops.board_page": "200",
    "GET workshops.board_version": "200",
    "GET workshops.console_page": facilitators("200"),
    "POST workshops.dot": "403 403 403 404 403 403 403 403 403 403",
    "GET workshops.download": facilitators("200"),
    "POST workshops.hide_card": facilitators("400"),
    "GET workshops.join_by_code": "200",
    "POST workshops.join_by_code": "400",
    "GET workshops.manage": facilitators("200"),
    "POST workshops.manage": facilitators("400"),
    "POST workshops.merge_card": facilitators("400"),
    "POST workshops.move": facilitators("R"),
    "POST workshops.move_card": "403 403 403 404 403 403 403 403 403 403",
    "POST workshops.move_card_on_console": facilitators("400"),
    "GET workshops.paper": facilitators("200"),
    "POST workshops.paper": facilitators("400"),
    "GET workshops.print_form": facilitators("200"),
    "POST workshops.reveal": facilitators("R"),
    "POST workshops.send_to_insights": facilitators("R"),
    "POST workshops.set_status": facilitators("R"),
    "GET workshops.short_link": "200",
    "POST workshops.short_link": "400 400 400 200 400 400 400 400 400 400",
    "POST workshops.show_card": facilitators("R"),
    "GET workshops.summary_page": facilitators("200"),
    "POST workshops.timer": facilitators("R"),
    "POST workshops.unmerge_card": facilitators("R"),
}

# A POST that works ends or changes what later cells need: these run last, in this order.
RUN_LAST = [
    "service_admin.unpublish",
    "kiosk.retire",
    "admin.remove",
    "service_admin.remove_partner",
    "kiosk.setup",  # turns the browser into the kiosk, signing staff out: after kiosk.retire
    "accounts.logout",
]


def routes(app):
    """(endpoint, method) for every registered route, HEAD and OPTIONS left to Werkzeug."""
    found = set()
    for rule in app.url_map.iter_rules():
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            found.add((rule.endpoint, method))
    return found


def row_key(endpoint, method):
    return f"{method} {endpoint}"


def expected_cells():
    """Each row spread over the identities, a single status standing for all of them."""
    cells = {}
    for key, row in MATRIX.items():
        statuses = row.split() if " " in row else [row] * len(IDENTITIES)
        cells[key] = dict(zip(IDENTITIES, statuses, strict=True))
    return cells


def order(cells):
    def rank(cell):
        endpoint, method = cell
        last = RUN_LAST.index(endpoint) if endpoint in RUN_LAST else -1
        return (method != "GET", last, endpoint)

    return sorted(cells, key=rank)


def outcome(response):
    if response.status_code in (301, 302, 303, 307, 308):
        return "L" if "/login" in response.headers["Location"] else "R"
    return str(response.status_code)


def request_cell(client, app, endpoint, method, world):
    """Fill the route's path from the world, then GET it, or POST it with only a CSRF token."""
    rule = next(r for r in app.url_map.iter_rules(endpoint=endpoint) if method in r.methods)
    values = {**world["values"], **world["overrides"].get(endpoint, {})}
    arguments = {name: values[name] for name in rule.arguments}
    for name, converter in rule._converters.items():
        if isinstance(converter, AnyConverter) and arguments[name] not in converter.items:
            arguments[name] = sorted(converter.items)[-1]
    with app.test_request_context():
        url = app.url_map.bind("localhost").build(endpoint, arguments)
    if method == "GET":
        return client.get(url)
    return client.open(url, method=method, data={}, headers=csrf_header(client))


def test_every_route_has_a_row(app):
    registered = {row_key(*cell) for cell in routes(app)}
    missing = sorted(registered - MATRIX.keys())
    stale = sorted(MATRIX.keys() - registered)
    assert not missing, "no row in MATRIX for: " + ", ".join(f'"{key}"' for key in missing)
    assert not stale, "MATRIX names routes that no longer exist: " + ", ".join(stale)


@pytest.mark.parametrize("identity", IDENTITIES)
def test_access_matrix(app, client, service, identity):
    world = build_world(service)
    become(identity, client, world)
    expected = expected_cells()
    wrong = []
    for endpoint, method in order(routes(app)):
        key = row_key(endpoint, method)
        response = request_cell(client, app, endpoint, method, world)
        got = outcome(response)
        response.close()
        want = expected.get(key, {}).get(identity)
        if got != want:
            wrong.append(f"{key}: expected {want}, got {got}")
    assert not wrong, f"as {IDENTITIES[identity]}:\n" + "\n".join(wrong)


def test_an_api_token_reaches_no_page_outside_the_api(app, client, service):
    """An installation admin's token with every scope is worth nothing outside /api/v1: every
    other route answers its holder exactly as it answers someone anonymous."""
    world = build_world(service)
    _, secret = issue_token(world["users"]["inst_admin"], "everything", scopes=tuple(Scope))
    db.session.commit()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    expected = expected_cells()
    wrong = []
    for endpoint, method in order(routes(app)):
        if endpoint.startswith("api."):
            continue
        response = request_cell(client, app, endpoint, method, world)
        got = outcome(response)
        response.close()
        if got != expected[row_key(endpoint, method)]["anon"]:
            wrong.append(f"{method} {endpoint}: {got}")
    assert not wrong, "a bearer token reached:\n" + "\n".join(wrong)


DOC = Path(__file__).parents[2] / "docs" / "security.md"


def declared(app, key):
    """The rule the route's view declares (accounts/policy.py); framework routes declare none."""
    method, endpoint = key.split()
    rule = declared_rule(app.view_functions[endpoint], method)
    return rule or "—"


def markdown_table(app):
    """The matrix as docs/security.md prints it: `python -m tests.app.test_access_matrix`."""
    cells = expected_cells()
    header = ["Route", "Rule", *IDENTITIES]
    lines = ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
    for key in sorted(cells, key=lambda key: key.split()[::-1]):
        row = [f"`{key}`", declared(app, key), *cells[key].values()]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def test_docs_print_the_matrix(app):
    assert markdown_table(app) in DOC.read_text(encoding="utf-8"), (
        "docs/security.md is out of date: paste in `python -m tests.app.test_access_matrix`"
    )


if __name__ == "__main__":
    print(markdown_table(create_app({"ENV_NAME": "testing"})))

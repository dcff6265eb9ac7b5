"""A world full of hostile text, put there the way people would: through the real forms.

Staff text goes in through every form found on the pages an installation admin reaches (see
forms.py); residents', participants' and partners' text through their own pages and the API.
"""

import csv
import io
from urllib.parse import urlsplit

from feedback_app.api.models import Scope
from feedback_app.api.tokens import issue_token
from feedback_app.demo.seed import seed_kiosks, seed_responses
from feedback_app.extensions import db
from feedback_app.workshops import agenda
from feedback_app.workshops.models import Workshop
from tests.app.access_world import become, build_world
from tests.app.test_access_matrix import expected_cells, request_cell, routes
from tests.feedback.resident import Resident
from tests.fixtures.database import FreshContextClient
from tests.fixtures.pages import csrf_token, parse
from tests.hostile.forms import fill

# Enough responses for themes and prioritised insights to exist, few enough to stay quick.
SAMPLE = 150
CRAWLED_PREFIXES = ("/staff/", "/w/", "/en/")
LEFT_ALONE = ("logout", "/static/", "/language/", "/kiosk/setup/")
MAX_PAGES = 120


def browser(app):
    """A browser of its own whose every request gets a fresh app context, as in production
    (a shared one would keep Flask-WTF's CSRF token in `g`, never in the session)."""
    app.test_client_class = FreshContextClient
    return app.test_client()


def hostile_world(app, service, clients):
    """The world, responses to analyse, an API token, and each identity's browser signed in;
    returns (world, API secret, the staff pages that hold forms to fill)."""
    world = build_world(service)
    seed_responses(service, count=SAMPLE, kiosks=seed_kiosks(service))
    # A dot vote on the idea wall, so the workshop's exports rank (and show) its cards.
    workshop = db.session.get(Workshop, world["values"]["workshop_id"])
    agenda.add_activity(workshop, "dot_vote", source_activity_id=world["values"]["activity_id"])
    _, secret = issue_token(world["users"]["inst_admin"], "sweep", scopes=list(Scope))
    db.session.commit()
    for identity, client in clients.items():
        become(identity, client, world)
    return world, secret, staff_pages(app, clients["inst_admin"], world)


def say_everywhere(clients, service, world, secret, pages, payload):
    """Put `payload` in every free-text field; returns [(action, fields, status)] tried."""
    tried = []
    for url in pages:
        tried += fill(clients["inst_admin"], url, payload)
    tried += resident_says(clients["resident"], payload)
    tried += participant_says(clients["participant"], world, payload)
    tried += partner_says(clients["anon"], service, secret, payload)
    tried += paper_says(clients["inst_admin"], service, world, payload)
    tried += reference_says(clients["inst_admin"], service, payload)
    return tried


def staff_pages(app, client, world):
    """Every page the installation admin opens (the matrix's 200s), then pages they link to."""
    cells = expected_cells()
    seeds = []
    for endpoint, method in sorted(routes(app)):
        if method == "GET" and cells[f"GET {endpoint}"]["inst_admin"] == "200":
            response = request_cell(client, app, endpoint, method, world)
            if response.mimetype == "text/html":
                seeds.append((response.request.path, response))
            response.close()
    return crawl(client, seeds)


def crawl(client, seeds):
    """The seed pages and the same-site pages they link to (one step), in a stable order."""
    found = {path for path, _ in seeds}
    paths = {path.split("?")[0] for path in found}
    for _, response in seeds:
        for link in parse(response).find_all("a", href=True):
            parts = urlsplit(link["href"])
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if (
                not parts.netloc
                and parts.path.startswith(CRAWLED_PREFIXES)
                and not any(skip in path for skip in LEFT_ALONE)
                and parts.path not in paths  # one of each page: filters change no markup
            ):
                found.add(path)
                paths.add(parts.path)
    return sorted(found)[:MAX_PAGES]


def resident_says(client, payload):
    """A resident's comment, stage story and self-description, sent."""
    resident = Resident(client)
    steps = [
        ("/journey/apply", {"went_through": "yes", "emotion": "-1", "text": payload}),
        ("/comment", {"comment": payload}),
        ("/about-you/consent", {"consent": "yes"}),
        ("/about-you", {"gender": "self_describe", "gender_self_description": payload}),
    ]
    tried = [(resident.url(p), sorted(d), resident.post(p, d).status_code) for p, d in steps]
    tried.append((resident.url("/check"), [], resident.send().status_code))
    return tried


def participant_says(client, world, payload):
    """A participant (joined already) says who they are and posts a card."""
    code, activity = world["values"]["code"], world["values"]["activity_id"]
    return fill(client, f"/w/{code}/about-you", payload) + fill(
        client, f"/w/{code}/a/{activity}", payload
    )


def partner_says(client, service, secret, payload):
    """A partner's channel sends a comment and a stage story through the API."""
    body = {
        "client_key": "hostile-0001",
        "locale": "en",
        "journey": [{"stage": "wait", "went_through": "yes", "text": payload}],
        "comment": payload,
    }
    url = f"/api/v1/services/{service.slug}/responses"
    reply = client.post(url, json=body, headers={"Authorization": f"Bearer {secret}"})
    return [(url, sorted(body), reply.status_code)]


def paper_says(client, service, world, payload):
    """A facilitator imports typed-in paper cards holding the payload."""
    url = f"/staff/services/{service.slug}/workshops/{world['values']['workshop_id']}/paper"
    header = ["activity", "stage", "kind", "feeling", "text", "option", "criterion", "rating"]
    return upload(
        client, url, {}, "cards.csv", [header, ["1", "", "idea", "", payload, "", "", ""]]
    )


def upload(client, url, fields, name, rows):
    """Send `rows` as a CSV file through the page's upload form; returns what was tried."""
    content = io.StringIO()
    csv.writer(content).writerows(rows)
    data = {"csrf_token": csrf_token(client.get(url)), **fields}
    data["file"] = (io.BytesIO(content.getvalue().encode()), name)
    reply = client.post(url, data=data, content_type="multipart/form-data")
    return [(url, sorted(data), reply.status_code)]


def reference_says(client, service, payload):
    """An analyst uploads a reference population named, and with a group named, `payload`."""
    url = f"/staff/services/{service.slug}/insights/participation"
    rows = [("dimension", "group", "population"), ("age_band", "75+", "900")]
    rows.append(("age_band", payload, "500"))
    return upload(client, url, {"name": payload[:80]}, "census.csv", rows)

"""Every action about one service is recorded under it, whatever the event's target, so the audit
log's service filter, an organisation admin's scope and the access register find it.

One walk through the app as the service's admin (who holds every role in it): a table of
actions, each done through its page where a page does it, else through the function the page
calls; after each, its newest event must name the service.
"""

import ast
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from flask import g
from sqlalchemy import select

import feedback_app
from feedback_app.catalogue.models import Stage
from feedback_app.extensions import db
from feedback_app.feedback.withdrawal import withdraw
from feedback_app.insights import decisions, reference, theme_decisions
from feedback_app.models import AuditEvent, Insight, Response, Service
from feedback_app.workshops import (
    agenda,
    cards,
    paper_import,
    participants,
    ratings,
    to_insights,
    voting,
)
from tests.admin.helpers import post_form
from tests.api.helpers import REFERENCE_ROWS, bearer, seed_small, token_for
from tests.fixtures.pages import parse
from tests.fixtures.people import sign_in
from tests.kiosk.helpers import make_kiosk

pytestmark = pytest.mark.database
HOME = "/staff/admin/services/home-support"
STAGES = f"{HOME}/stages"
QUESTIONS = f"{HOME}/questions"
INSIGHTS = "/staff/services/home-support/insights"
KIOSKS = "/staff/services/home-support/kiosks"
LABELS = "Très mauvais\nMauvais\nMoyen\nBon\nTrès bon"
CUSTOM = {"text_fr": "Le repas était-il chaud ?", "labels_fr": LABELS}


@dataclass
class World:
    client: object
    service: Service
    admin: object
    outsider: object
    things: dict


def _newest(model, *where):
    db.session.expire_all()
    return db.session.scalars(select(model).where(*where).order_by(model.id.desc())).first()


def _item(w, *, answered):
    """The demo's answered satisfaction question, or the first question written for it."""
    if answered:
        return next(
            i for i in w.service.question_set.open_items if i.question.code == "a11_satisfaction"
        )
    return next(i for i in w.service.question_set.open_items if i.question.bank == "custom")


def _workshop(w):
    if "workshop" not in w.things:
        workshop = agenda.create_workshop(
            w.service,
            user=w.admin,
            title="Help at home",
            held_on=date(2027, 3, 14),
            place="Town hall",
            online=False,
            languages=["en"],
            accessibility_note="",
        )
        journey = agenda.add_activity(workshop, "journey_map", prompt="Your journey")
        wall = agenda.add_activity(workshop, "idea_wall", prompt="Ideas?")
        vote = agenda.add_activity(workshop, "dot_vote", dots_per_participant=3)
        vote.source_activity_id = wall.id
        rating = agenda.add_activity(workshop, "rating_round", options=["A"], criteria=["Easy"])
        for activity in (journey, wall, vote, rating):
            activity.status = "open"
        db.session.commit()
        person, _token = participants.join(workshop, locale="en")
        w.things.update(
            workshop=workshop, journey=journey, wall=wall, vote=vote, rating=rating, person=person
        )
    return w.things["workshop"]


def _card(w, name="card"):
    _workshop(w)
    if name not in w.things:
        w.things[name] = cards.post_card(
            w.things["wall"], w.things["person"], text=name, kind="idea", entered_by=w.admin
        )
    return w.things[name]


def _journey_card(w):
    _workshop(w)
    stage = w.service.journey.open_stages[0]
    card = cards.post_card(w.things["journey"], w.things["person"], text="Wait", kind="pain")
    cards.move_to_stage(card, stage, user=w.admin)


def _kiosk(w):
    if "kiosk" not in w.things:
        w.things["kiosk"], _token = make_kiosk(w.admin, [w.service])
    return w.things["kiosk"]


def _merge(w):
    cards.merge(_card(w), _card(w, "twin"), user=w.admin)


def _insight(w):
    insight = Insight(service_id=w.service.id, insight_key="gap:x", kind="gap")
    db.session.add(insight)
    db.session.commit()
    decisions.annotate(insight, "Look at it", w.admin)


def _theme_comments(w):
    theme = parse(w.client.get(f"{INSIGHTS}/themes")).select_one("a[href*='/themes/theme']")
    w.client.get(theme["href"])


def _api_read(w):
    _token, secret = token_for(w.admin)
    w.client.get("/api/v1/services/home-support/gaps", headers=bearer(secret))


# Answers a question the walk leaves asked (it retires a11_satisfaction before).
API_BODY = {"client_key": "callcentre-0001", "locale": "fr", "answers": {"ces": 6}}


def _api_send(w):
    _token, secret = token_for(w.admin, "call centre")
    w.client.post("/api/v1/services/home-support/responses", json=API_BODY, headers=bearer(secret))


def _new_service(w):
    data = {"slug": "meals-at-home", "languages": ["fr"], "name_fr": "Repas"}
    data |= {
        "organisation": str(w.admin.memberships[0].organisation_id),
        "partner_role": "operator",
    }
    post_form(w.client, "/staff/admin/services/new", data)


def _as_admin(function):
    """Functions that record for the signed-in person, called as the page would."""

    def call(w):
        g.user = w.admin
        function(w)

    return call


# (action, how it is done, the service it is about)
ACTIONS = [
    ("stage_added", lambda w: post_form(w.client, STAGES, {"name_fr": "Payer"}), "home-support"),
    (
        "stage_moved",
        lambda w: post_form(w.client, f"{STAGES}/{_newest(Stage).id}/move/up", form_page=STAGES),
        "home-support",
    ),
    (
        "stage_changed",
        lambda w: post_form(w.client, f"{STAGES}/{_newest(Stage).id}", {"name_fr": "Régler"}),
        "home-support",
    ),
    (
        "stage_retired",
        lambda w: post_form(w.client, f"{STAGES}/{_newest(Stage).id}/retire"),
        "home-support",
    ),
    ("question_added", lambda w: post_form(w.client, f"{QUESTIONS}/new", CUSTOM), "home-support"),
    (
        "question_changed",
        lambda w: post_form(
            w.client, f"{QUESTIONS}/{_item(w, answered=False).id}", {**CUSTOM, "text_fr": "Chaud ?"}
        ),
        "home-support",
    ),
    (
        "question_moved",
        lambda w: post_form(
            w.client, f"{QUESTIONS}/{_item(w, answered=False).id}/move/up", form_page=QUESTIONS
        ),
        "home-support",
    ),
    ("service_created", _new_service, "meals-at-home"),
    (
        "service_copied",
        lambda w: post_form(
            w.client, "/staff/admin/services/meals-at-home/copy", {"source": "home-support"}
        ),
        "meals-at-home",
    ),
    (
        "service_changed",
        lambda w: post_form(
            w.client,
            "/staff/admin/services/meals-at-home/settings",
            {
                "slug": "meals-at-home",
                "languages": ["fr"],
                "name_fr": "Repas",
                "retention_days": "",
            },
        ),
        "meals-at-home",
    ),
    (
        "question_reworded",  # a new version: the copied service asks it too
        lambda w: post_form(
            w.client, f"{QUESTIONS}/{_item(w, answered=False).id}", {**CUSTOM, "text_fr": "Tiède ?"}
        ),
        "home-support",
    ),
    (
        "question_removed",
        lambda w: post_form(w.client, f"{QUESTIONS}/{_item(w, answered=False).id}/retire"),
        "home-support",
    ),
    (
        "question_retired",
        lambda w: post_form(w.client, f"{QUESTIONS}/{_item(w, answered=True).id}/retire"),
        "home-support",
    ),
    (
        "service_unpublished",
        lambda w: post_form(w.client, f"{HOME}/unpublish", form_page=HOME),
        "home-support",
    ),
    (
        "service_published",
        lambda w: post_form(w.client, f"{HOME}/publish", form_page=HOME),
        "home-support",
    ),
    (
        "partner_added",
        lambda w: post_form(
            w.client,
            f"{HOME}/partners",
            {"organisation": str(w.outsider.id), "partner_role": "partner"},
        ),
        "home-support",
    ),
    (
        "partner_removed",
        lambda w: post_form(
            w.client, f"{HOME}/partners/{w.outsider.partnerships[-1].id}/remove", form_page=HOME
        ),
        "home-support",
    ),
    ("access_register_viewed", lambda w: w.client.get(f"{HOME}/access-register"), "home-support"),
    (
        "audit_log_viewed",
        lambda w: w.client.get("/staff/admin/audit", query_string={"service": w.service.id}),
        "home-support",
    ),
    ("insights.view", lambda w: w.client.get(f"{INSIGHTS}/gaps"), "home-support"),
    ("insights.theme-comments", _theme_comments, "home-support"),
    ("export", lambda w: w.client.get("/staff/services/home-support/exports/csv"), "home-support"),
    (
        "insights.reference_upload",
        _as_admin(lambda w: reference.save_reference(w.service, "Census", REFERENCE_ROWS, w.admin)),
        "home-support",
    ),
    (
        "insights.theme-rename",
        _as_admin(lambda w: theme_decisions.rename(w.service, "t1", "Meals", w.admin)),
        "home-support",
    ),
    (
        "insights.theme-merge",
        _as_admin(lambda w: theme_decisions.merge(w.service, "t1", "t2", {"t2"}, w.admin)),
        "home-support",
    ),
    (
        "insights.theme-separate",
        _as_admin(lambda w: theme_decisions.separate(w.service, "t1", w.admin)),
        "home-support",
    ),
    ("insights.note", _as_admin(_insight), "home-support"),
    ("api_read", _api_read, "home-support"),
    ("api_response_submitted", _api_send, "home-support"),
    ("api_response_repeated", _api_send, "home-support"),
    ("kiosk_registered", _kiosk, "home-support"),
    (
        "kiosk_link_replaced",
        lambda w: post_form(w.client, f"{KIOSKS}/{_kiosk(w).id}/setup-link", form_page=KIOSKS),
        "home-support",
    ),
    (
        "kiosk_retired",
        lambda w: post_form(w.client, f"{KIOSKS}/{_kiosk(w).id}/retire"),
        "home-support",
    ),
    ("workshop_created", _workshop, "home-support"),
    (
        "workshop_activity_status",
        lambda w: agenda.set_status(w.things["wall"], "closed", user=w.admin),
        "home-support",
    ),
    ("workshop_card_assisted", _card, "home-support"),
    (
        "workshop_card_hidden",
        lambda w: cards.hide(_card(w), "off topic", user=w.admin),
        "home-support",
    ),
    ("workshop_card_shown", lambda w: cards.show_again(_card(w), user=w.admin), "home-support"),
    ("workshop_card_moved", _journey_card, "home-support"),
    ("workshop_cards_merged", _merge, "home-support"),
    ("workshop_merge_undone", lambda w: cards.undo_merge(_card(w), user=w.admin), "home-support"),
    (
        "workshop_vote_assisted",
        lambda w: voting.cast(w.things["vote"], w.things["person"], _card(w), entered_by=w.admin),
        "home-support",
    ),
    (
        "workshop_rating_assisted",
        lambda w: ratings.rate(
            w.things["rating"], w.things["person"], {(0, 0): 1}, entered_by=w.admin
        ),
        "home-support",
    ),
    (
        "workshop_participant_assisted",
        lambda w: participants.join(_workshop(w), locale="en", assisted_by=w.admin),
        "home-support",
    ),
    (
        "workshop_paper_import",
        lambda w: paper_import.import_items(_workshop(w), [], w.admin),
        "home-support",
    ),
    (
        "workshop_export",
        lambda w: w.client.get(
            f"/staff/services/home-support/workshops/{_workshop(w).id}/summary.csv"
        ),
        "home-support",
    ),
    (
        "workshop_sent_to_insights",
        lambda w: to_insights.send(_workshop(w), w.admin),
        "home-support",
    ),
    ("response_withdrawn", lambda w: withdraw(_newest(Response)), "home-support"),
]


def test_each_action_about_a_service_is_recorded_under_it(
    client, service, partner_admin, outsider_organisation
):
    seed_small(service)
    sign_in(client, partner_admin.email)
    world = World(client, service, partner_admin, outsider_organisation, {})
    unattributed = []
    for action, perform, slug in ACTIONS:
        perform(world)
        event = _newest(AuditEvent, AuditEvent.action == action)
        expected = db.session.scalar(select(Service.id).filter_by(slug=slug))
        if event is None or event.service_id != expected:
            unattributed.append((action, event and event.service_id))
    assert unattributed == []


def _literal_actions(node):
    """The action names a call's first argument can be, when written in the call."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _literal_actions(node.body) | _literal_actions(node.orelse)
    return set()


def _actions_recorded_with_a_service():
    """Every action written in a `record(..., service=...)` or `_record(...)` call (the helpers
    that pass the service of a stage, card or kiosk) in the app's source."""
    found = set()
    for path in Path(feedback_app.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            named = {keyword.arg for keyword in node.keywords}
            if (node.func.id == "record" and "service" in named) or node.func.id == "_record":
                found |= _literal_actions(node.args[0]) if node.args else set()
    return found


def test_the_walk_covers_every_action_recorded_with_a_service():
    """A new call site recording a service fails here until the walk above does its action."""
    walked = {action for action, _, _ in ACTIONS}
    assert _actions_recorded_with_a_service() - walked == set()

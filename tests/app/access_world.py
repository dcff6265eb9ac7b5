"""The world the access matrix walks: one service and everything hanging off it, one service of
another organisation, and a browser for each identity, all made through the app's own code."""

from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select

from feedback_app.api.models import Scope
from feedback_app.api.tokens import issue_token
from feedback_app.catalogue.models import Partnership, QuestionSetItem, Stage
from feedback_app.extensions import db
from feedback_app.models import Membership, Organisation, Service, User
from feedback_app.workshops import agenda, participants
from feedback_app.workshops.cards import post_card
from tests.feedback.resident import Resident
from tests.fixtures.people import PASSWORD, sign_in
from tests.kiosk.helpers import make_kiosk, set_up_device
from tests.workshops.helpers import join, make_workshop

# Column order of the matrix, with the short names its table uses.
IDENTITIES = {
    "anon": "anonymous",
    "resident": "a resident with a draft",
    "kiosk": "a set-up kiosk device",
    "participant": "a participant who joined the workshop",
    "fac_other": "a facilitator of another service",
    "ana_other": "an analyst of another organisation",
    "analyst": "an analyst of the service",
    "facilitator": "a facilitator of the service",
    "org_admin": "an admin of the service's organisation",
    "inst_admin": "an installation admin",
}

STAFF_ROLES = {
    "fac_other": "facilitator",
    "ana_other": "analyst",
    "analyst": "analyst",
    "facilitator": "facilitator",
    "org_admin": "admin",
}


def _user(email, organisation, role):
    user = User(email=email, display_name=email.split("@")[0])
    user.set_password(PASSWORD)
    if organisation is not None:
        user.memberships.append(Membership(organisation=organisation, role=role))
    db.session.add(user)
    return user


def build_world(service):
    """Every object a route's path can name, keyed by the path parameter's name."""
    partner = next(p for p in service.partnerships if p.role == "commissioner")
    elsewhere = Organisation(name="Elsewhere Council", kind="public_body")
    other = Service(slug="library-at-home", name={"en": "Library at home"})
    db.session.add_all([elsewhere, other])
    db.session.flush()
    db.session.add(Partnership(service=other, organisation=elsewhere, role="commissioner"))
    users = {}
    for name, role in STAFF_ROLES.items():
        organisation = elsewhere if name.endswith("_other") else partner.organisation
        users[name] = _user(f"{name}@example.org", organisation, role)
    users["inst_admin"] = _user("inst_admin@example.org", None, None)
    users["inst_admin"].is_installation_admin = True
    db.session.commit()

    workshop = make_workshop(users["facilitator"], service)
    activity = agenda.add_activity(workshop, "idea_wall", prompt="How might we help?")
    agenda.set_status(activity, "open", user=None)
    participant, _ = participants.join(workshop, locale="en")
    card = post_card(activity, participant, text="A ramp", kind="idea")
    kiosk, setup_token = make_kiosk(users["facilitator"], [service])
    api_token, _ = issue_token(users["analyst"], "matrix", scopes=tuple(Scope))
    db.session.commit()
    stage = db.session.scalars(select(Stage).order_by(Stage.id)).first()
    return {
        "users": users,
        "kiosk_setup_token": setup_token,
        # Where two routes name a parameter alike but mean different things.
        "overrides": {
            "kiosk.setup": {"token": setup_token},
            "pages.choose_language": {"code": "fr"},
        },
        "values": {
            "lang": "en",
            "locale": "en",
            "code": workshop.join_code,
            "slug": service.slug,
            "stage_code": stage.code,
            "stage_id": stage.id,
            "item_id": db.session.scalars(select(QuestionSetItem.id)).first(),
            "workshop_id": workshop.id,
            "activity_id": activity.id,
            "participant_id": participant.id,
            "card_id": card.id,
            "kiosk_id": kiosk.id,
            "token_id": api_token.id,
            "organisation_id": partner.organisation_id,
            "user_id": users["analyst"].id,
            "partnership_id": partner.id,
            "token": "not-a-real-token",
            "direction": "up",
            "action": "add",
            "status": "open",
            "minutes": 5,
            "file_format": "csv",
            "resource": "aggregates",
            "filename": "css/app.css",
        },
    }


def become(identity, client, world):
    """Turn a fresh browser into `identity`."""
    if identity == "resident":
        Resident(client).answer_everything()
    elif identity == "kiosk":
        set_up_device(client, world["kiosk_setup_token"])
    elif identity == "participant":
        join(client, world["values"]["code"])
    elif identity != "anon":
        sign_in(client, world["users"][identity].email)


def csrf_header(client):
    """A valid CSRF token for the browser's session, sent as the header Flask-WTF accepts, so a
    POST reaches the view's access decision whatever the form's field prefix."""
    app = client.application
    with client.session_transaction() as session:
        raw = session.setdefault("csrf_token", "matrix-csrf-token-" + "0" * 22)
    signed = URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token").dumps(raw)
    return {"X-CSRFToken": signed}

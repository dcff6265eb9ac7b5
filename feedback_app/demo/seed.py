"""Load the demo: the home-support partnership, its staff and a few thousand responses.

Idempotent: each part is looked up by its natural key first and created only when missing.
"""

from sqlalchemy import func, insert, select

from ..catalogue.banks import STANDARD_QUESTIONS, ensure_standard_questions
from ..extensions import db
from ..feedback import tallies
from ..models import (
    Answer,
    Comment,
    Journey,
    Kiosk,
    Membership,
    Organisation,
    Partnership,
    Profile,
    QuestionSet,
    QuestionSetItem,
    ReferencePopulation,
    Response,
    Service,
    Stage,
    StageExperience,
    User,
)
from . import content, easy_read
from .responses import generate
from .workshop import seed_workshop

DEMO_RESPONSES = 3000


def _get_or_create(model, defaults=None, **key):
    instance = db.session.scalar(select(model).filter_by(**key))
    if instance is None:
        instance = model(**key, **(defaults or {}))
        db.session.add(instance)
    return instance


def seed_catalogue():
    service = _get_or_create(Service, slug=content.SERVICE["slug"])
    service.name, service.description = content.SERVICE["name"], content.SERVICE["description"]
    for name, kind, partner_role in content.ORGANISATIONS:
        organisation = _get_or_create(Organisation, name=name, defaults={"kind": kind})
        db.session.flush()
        _get_or_create(
            Partnership,
            service_id=service.id,
            organisation_id=organisation.id,
            defaults={"role": partner_role},
        )
    journey = _get_or_create(
        Journey, service_id=service.id, defaults={"name": content.JOURNEY_NAME}
    )
    db.session.flush()
    for position, (code, name) in enumerate(content.STAGES, start=1):
        stage = _get_or_create(
            Stage, journey_id=journey.id, code=code, defaults={"position": position, "name": name}
        )
        stage.easy_read = easy_read.STAGES[code]
    question_set = _get_or_create(QuestionSet, service_id=service.id)
    db.session.flush()
    standard = ensure_standard_questions()
    db.session.flush()
    for position, (code, *_) in enumerate(STANDARD_QUESTIONS, 1):
        question = standard[code]
        question.easy_read = easy_read.QUESTIONS[code]
        _get_or_create(
            QuestionSetItem,
            question_set_id=question_set.id,
            question_id=question.id,
            defaults={"position": position},
        )
    db.session.flush()
    return service


def seed_kiosks(service):
    """The demo's kiosks, offering the demo service; each still needs a setup link."""
    kiosks = []
    for location, locale, weight in content.KIOSKS:
        kiosk = _get_or_create(Kiosk, location=location, defaults={"default_locale": locale})
        if service not in kiosk.services:
            kiosk.services.append(service)
        kiosks.append((kiosk, weight))
    db.session.flush()
    return [(kiosk.id, weight) for kiosk, weight in kiosks]


def seed_staff(password):
    created = []
    for email, display_name, organisation_name, role in content.STAFF:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(email=email, display_name=display_name)
            user.set_password(password)
            db.session.add(user)
            created.append(email)
        organisation = db.session.scalar(select(Organisation).filter_by(name=organisation_name))
        # The demo's admin runs the installation, so `make run` can set up a new partnership.
        user.is_installation_admin = email == content.INSTALLATION_ADMIN
        db.session.flush()
        _get_or_create(Membership, user_id=user.id, organisation_id=organisation.id, role=role)
    return created


def seed_responses(service, count=DEMO_RESPONSES, kiosks=()):
    """Bulk-insert synthetic responses unless the service already has some."""
    existing = db.session.scalar(select(func.count()).where(Response.service_id == service.id))
    if existing:
        return 0
    db.session.refresh(service)
    rows = list(generate(service, count=count, kiosks=kiosks))
    response_ids = db.session.scalars(
        insert(Response).returning(Response.id, sort_by_parameter_order=True),
        [row["response"] for row in rows],
    ).all()
    children = {Answer: [], StageExperience: [], Comment: [], Profile: []}
    for response_id, row in zip(response_ids, rows, strict=True):
        children[Answer] += [{**a, "response_id": response_id} for a in row["answers"]]
        children[StageExperience] += [{**s, "response_id": response_id} for s in row["stages"]]
        if row["comment"]:
            children[Comment].append({**row["comment"], "response_id": response_id})
        if row["profile"]:
            children[Profile].append({**row["profile"], "response_id": response_id})
    for model, values in children.items():
        if values:
            db.session.execute(insert(model), values)
    tallies.add(db.session.connection(), Response.id.in_(response_ids))
    return len(rows)


def seed_reference_population(service):
    if db.session.scalar(select(ReferencePopulation).filter_by(service_id=service.id)) is None:
        db.session.add(
            ReferencePopulation(
                service_id=service.id,
                name=content.REFERENCE_NAME,
                rows=content.REFERENCE_POPULATION,
            )
        )


def seed_demo(password, response_count=DEMO_RESPONSES):
    """Everything the demo needs; returns (new staff emails, new response count)."""
    service = seed_catalogue()
    created_staff = seed_staff(password)
    kiosks = seed_kiosks(service)
    created_responses = seed_responses(service, response_count, kiosks)
    seed_reference_population(service)
    seed_workshop(service)
    db.session.commit()
    return created_staff, created_responses

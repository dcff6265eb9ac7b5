"""The demo workshop for home-support: a journey map, an idea wall, a revealed dot vote and a
rating round, with a few dozen cards and votes, so the console, the board and the summary show
something on `make run`. Idempotent: found by its join code first."""

from datetime import date

from sqlalchemy import select

from ..extensions import db
from ..models import User, Workshop
from ..workshops.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Card,
    Participant,
    Rating,
    Vote,
)

JOIN_CODE = "CARE23"
PEOPLE = [("fr", "Aïcha"), ("en", None), ("ar", "سامي"), ("es", "Lucía"), ("fr", None)] * 4
# (stage code, kind, feeling, text)
JOURNEY_CARDS = [
    ("find_out", "step", 0, "Asked at the pharmacy who to call"),
    ("find_out", "pain", -1, "Le site ne dit pas qui a droit à l'aide"),
    ("find_out", "idea", None, "A leaflet at the GP surgery"),
    ("apply", "pain", -2, "Formulaire de 12 pages, sans aide"),
    ("apply", "pain", -2, "The form is only in French"),
    ("apply", "step", 1, "My daughter filled it in online"),
    ("apply", "pain", -1, "لم أفهم ما هي الوثائق المطلوبة"),
    ("wait", "pain", -2, "Three weeks without any news"),
    ("wait", "pain", -2, "Nadie contesta el teléfono"),
    ("wait", "idea", None, "A text message when the file moves"),
    ("wait", "step", -1, "Called twice to ask"),
    ("receive", "step", 2, "The carer is kind and on time"),
    ("receive", "pain", -1, "A different carer every week"),
    ("receive", "step", 1, "Help with shopping twice a week"),
    ("follow_up", "pain", -1, "Nobody asked if it was working"),
    ("follow_up", "idea", None, "Un appel après un mois"),
]
IDEAS = [
    "Text me when my file moves",
    "The same carer each week",
    "The form in Arabic and Spanish",
    "Help to fill in the form at the town hall",
    "A phone line that answers",
    "Un référent unique pour chaque famille",
    "A call after the first month",
    "Plain words on the website",
]
# Dots per idea, in IDEAS order: 20 people × 3 dots.
DOTS = [14, 11, 9, 8, 7, 5, 4, 2]
RATINGS = [[2, 1], [0, 2], [1, -1]]


def _activity(workshop, position, kind, **settings):
    activity = Activity(
        workshop=workshop,
        position=position,
        kind=kind,
        status=ActivityStatus.CLOSED,
        **settings,
    )
    db.session.add(activity)
    db.session.flush()
    return activity


def _cards(activity, people, stages):
    for index, (stage, kind, feeling, text) in enumerate(JOURNEY_CARDS):
        db.session.add(
            Card(
                activity_id=activity.id,
                participant_id=people[index % len(people)].id,
                stage_id=stages[stage].id,
                kind=kind,
                emotion=feeling,
                text=text,
            )
        )


def _votes(vote, ideas, people):
    """Hand the dots out in turn, so nobody has more than three or two on one card."""
    used = {p.id: 0 for p in people}
    pool = [card for card, dots in zip(ideas, DOTS, strict=True) for _ in range(dots)]
    for index, card in enumerate(pool):
        person = people[index % len(people)]
        used[person.id] += 1
        db.session.add(
            Vote(
                activity_id=vote.id,
                participant_id=person.id,
                dot=used[person.id],
                card_id=card.id,
                cast_on_id=card.id,
            )
        )


def seed_workshop(service):
    """The demo workshop, created once; returns it."""
    workshop = db.session.scalar(select(Workshop).where(Workshop.join_code == JOIN_CODE))
    if workshop is not None:
        return workshop
    facilitator = db.session.scalar(select(User).where(User.email == "facilitator@example.org"))
    workshop = Workshop(
        service=service,
        title="Getting help at home: what would make it easier?",
        held_on=date(2026, 11, 18),
        place="Riverside community centre",
        languages=["fr", "en", "es", "ar"],
        accessibility_note="Step-free access, hearing loop, Arabic interpreter.",
        join_code=JOIN_CODE,
        created_by_id=facilitator.id if facilitator else None,
    )
    db.session.add(workshop)
    db.session.flush()
    people = [
        Participant(
            workshop_id=workshop.id,
            token_hash=f"demo-{JOIN_CODE}-{n}",
            locale=locale,
            display_name=name,
        )
        for n, (locale, name) in enumerate(PEOPLE)
    ]
    db.session.add_all(people)
    db.session.flush()
    journey = _activity(workshop, 1, ActivityKind.JOURNEY_MAP, prompt="Your journey")
    _cards(journey, people, {s.code: s for s in service.journey.stages})
    wall = _activity(
        workshop, 2, ActivityKind.IDEA_WALL, prompt="How might we make help at home easier?"
    )
    ideas = [
        Card(activity_id=wall.id, participant_id=people[n].id, kind="idea", text=text)
        for n, text in enumerate(IDEAS)
    ]
    db.session.add_all(ideas)
    vote = _activity(
        workshop,
        3,
        ActivityKind.DOT_VOTE,
        prompt="Which ideas matter most?",
        dots_per_participant=3,
        votes_revealed=True,
        source_activity_id=wall.id,
    )
    db.session.flush()
    _votes(vote, ideas, people)
    rating = _activity(
        workshop,
        4,
        ActivityKind.RATING_ROUND,
        prompt="Three ways to follow up",
        options=["A phone call", "A text message", "A visit"],
        criteria=["Easy for me", "Reassuring"],
    )
    for person in people[:9]:
        for option, values in enumerate(RATINGS):
            for criterion, value in enumerate(values):
                db.session.add(
                    Rating(
                        activity_id=rating.id,
                        participant_id=person.id,
                        option=option,
                        criterion=criterion,
                        value=value,
                    )
                )
    return workshop

"""Every feature's models, imported together so the metadata (and Alembic) sees all tables."""

from .accounts.models import Membership, Organisation, OrganisationKind, Role, User
from .admin.models import LinkPurpose, PasswordLink
from .api.models import ApiToken
from .catalogue.models import (
    Journey,
    PartnerRole,
    Partnership,
    Question,
    QuestionBank,
    QuestionSet,
    QuestionSetItem,
    Service,
    Stage,
)
from .feedback.models import (
    Answer,
    Channel,
    Comment,
    Profile,
    Response,
    StageExperience,
    Tally,
)
from .insights.models import Insight, InsightStatus, ReferencePopulation, ThemeDecision
from .kiosk.models import Kiosk
from .privacy.models import AuditEvent
from .workshops.models import Activity, Card, Participant, Rating, Vote, Workshop

__all__ = [
    "LinkPurpose",
    "PasswordLink",
    "ApiToken",
    "Insight",
    "InsightStatus",
    "ReferencePopulation",
    "ThemeDecision",
    "Tally",
    "Answer",
    "AuditEvent",
    "Channel",
    "Comment",
    "Journey",
    "Kiosk",
    "Membership",
    "Organisation",
    "OrganisationKind",
    "PartnerRole",
    "Partnership",
    "Profile",
    "Question",
    "QuestionBank",
    "QuestionSet",
    "QuestionSetItem",
    "Response",
    "Role",
    "Service",
    "Stage",
    "StageExperience",
    "User",
    "Activity",
    "Card",
    "Participant",
    "Rating",
    "Vote",
    "Workshop",
]

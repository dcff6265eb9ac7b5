"""Forms of the admin pages: organisations, invitations, roles and passwords."""

from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, Length, Regexp

from ..accounts.models import OrganisationKind, Role
from ..feedback.fields import Chosen, MultiCheckboxField, ResidentForm, choice_field, select_choices
from ..i18n import _l
from ..inputs import single_line
from .passwords import MIN_LENGTH, password_problem

NAME_MAX = 200
DISPLAY_NAME_MAX = 120
KIND_LABELS = {
    OrganisationKind.PUBLIC_BODY: _l("Public body"),
    OrganisationKind.PRIVATE_OPERATOR: _l("Private operator"),
    OrganisationKind.ASSOCIATION: _l("Association"),
}
ROLE_LABELS = {
    Role.FACILITATOR: _l("Facilitator: runs kiosks, workshops and the links residents use"),
    Role.ANALYST: _l("Analyst: reads the responses and the insights"),
    Role.ADMIN: _l("Admin: everything above, and manages the organisation's people"),
}
ROLE_CHOICES = [(role.value, label) for role, label in ROLE_LABELS.items()]
ENTER_A_NAME = _l("Enter the organisation's name")
ENTER_A_PERSON = _l("Enter the person's name")


def _email_field(label=None):
    return EmailField(
        label or _l("Email address"),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            DataRequired(_l("Enter an email address")),
            Email(_l("Enter an email address in the correct format, like name@example.org")),
            Length(max=254, message=_l("Email address must be 254 characters or fewer")),
        ],
    )


class StaffForm(ResidentForm):
    """Staff forms refuse characters nobody types, and explain a stale form like any error."""


class OrganisationForm(StaffForm):
    name = StringField(
        _l("Name of the organisation"),
        filters=[single_line],
        validators=[
            DataRequired(ENTER_A_NAME),
            Regexp(r"(?s).*\w", message=ENTER_A_NAME),
            Length(
                max=NAME_MAX, message=_l("The name must be %(n)d characters or fewer", n=NAME_MAX)
            ),
        ],
    )
    kind = choice_field(
        _l("Kind of organisation"),
        [(kind.value, label) for kind, label in KIND_LABELS.items()],
        _l("Choose one of the kinds listed"),
        required=_l("Choose the kind of organisation"),
    )


class InvitationForm(StaffForm):
    email = _email_field()
    display_name = StringField(
        _l("Their name"),
        filters=[single_line],
        validators=[
            DataRequired(ENTER_A_PERSON),
            Regexp(r"(?s).*\w", message=ENTER_A_PERSON),
            Length(
                max=DISPLAY_NAME_MAX,
                message=_l("The name must be %(n)d characters or fewer", n=DISPLAY_NAME_MAX),
            ),
        ],
    )
    role = choice_field(
        _l("Their role"),
        ROLE_CHOICES,
        _l("Choose one of the roles listed"),
        required=_l("Choose their role"),
    )


class RolesForm(StaffForm):
    roles = MultiCheckboxField(
        _l("Roles"),
        choices=select_choices(ROLE_CHOICES),
        validate_choice=False,
        validators=[
            Chosen(
                ROLE_CHOICES,
                _l("Choose one of the roles listed"),
                required=_l("Choose at least one role. To take every role away, remove them"),
            )
        ],
    )


class ConfirmForm(StaffForm):
    """No fields: the CSRF token is what protects the action."""


# Made before the new password's fields, so it comes first in the error summary too.
_CURRENT_PASSWORD = PasswordField(
    _l("Current password"),
    validators=[
        DataRequired(_l("Enter your current password")),
        Length(max=200, message=_l("Password must be 200 characters or fewer")),
    ],
)


class NewPasswordForm(StaffForm):
    """A new password typed twice; `email` is the account's, which the password must not hold."""

    min_length = MIN_LENGTH
    password = PasswordField(_l("New password"), validators=[DataRequired(_l("Enter a password"))])
    confirmation = PasswordField(
        _l("Type the new password again"),
        validators=[DataRequired(_l("Type the new password again"))],
    )

    def __init__(self, *args, email="", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def check_together(self):
        if self.password.errors:
            return False
        problem = password_problem(self.password.data or "", email=self.email)
        if problem:
            return self.fail(self.password, problem)
        if not self.confirmation.errors and self.confirmation.data != self.password.data:
            return self.fail(self.confirmation, _l("The two passwords are not the same"))
        return not self.confirmation.errors


class ChangePasswordForm(NewPasswordForm):
    current_password = _CURRENT_PASSWORD


class ForgottenPasswordForm(StaffForm):
    email = _email_field()

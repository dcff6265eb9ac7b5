"""The audit log's filters: a GET form (it changes nothing, so no CSRF token).

Its people and services are those of the reader's scope: a forged id outside it is refused
as any unknown choice is (and the scope is applied to the query anyway)."""

from wtforms import Form, StringField
from wtforms.validators import Length, Optional, ValidationError

from ..i18n import _l
from ..insights.filters import ChoiceField, IsoDateField
from .audit_log import LogFilter


class AuditLogForm(Form):
    person = ChoiceField(_l("Person"), default="")
    action = StringField(
        _l("Action"),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[Optional(), Length(max=60, message=_l("An action has 60 characters or fewer"))],
    )
    service = ChoiceField(_l("Service"), default="")
    since = IsoDateField(_l("From"), validators=[Optional()])
    until = IsoDateField(_l("To"), validators=[Optional()])

    @classmethod
    def for_args(cls, args, scope):
        form = cls(formdata=args if args else None)
        form.person.choices = [("", _l("Anyone"))] + [
            (str(id_), email) for id_, email in scope.people_choices()
        ]
        form.service.choices = [("", _l("Any service"))] + [
            (str(id_), slug) for id_, slug in scope.service_choices()
        ]
        return form

    def validate_until(self, field):
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The end date must be on or after the start date"))

    def log_filter(self):
        return LogFilter(
            user_id=int(self.person.data) if self.person.data else None,
            action=self.action.data or None,
            service_id=int(self.service.data) if self.service.data else None,
            since=self.since.data,
            until=self.until.data,
        )

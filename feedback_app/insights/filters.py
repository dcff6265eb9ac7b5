"""The filters of the insights pages, exports and API, read from a query string and validated.

Filters live in the URL so an analyst can share exactly the view they are looking at.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from wtforms import BooleanField, DateField, Form, SelectField, SelectMultipleField
from wtforms.validators import Optional, StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..feedback.models import Channel
from ..i18n import _l, localized
from ..kiosk.registry import kiosks_of
from .frames import ResponseFilter

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
CHANNEL_LABELS = {
    "web": _l("Website"),
    "kiosk": _l("Kiosk"),
    "workshop": _l("Workshop"),
    "paper": _l("Paper form"),
    "api": _l("Partner's channel"),
}
DIMENSION_LABELS = {
    "age_band": _l("Age"),
    "gender": _l("Gender"),
    "disability": _l("Disability"),
    "rurality": _l("Where people live"),
}
BAD_DATE = _l("Enter a real date, like 2026-03-31")
OUT_OF_RANGE = _l("Enter a date between 2000 and 2100")
UNTIL_BEFORE_SINCE = _l("The end date must be the same as or after the start date")
BAD_CHOICE = _l("Choose one of the options listed")


@dataclass(frozen=True)
class InsightFilter(ResponseFilter):
    """A response filter plus the question and dimension an analyst is looking at."""

    question: str | None = None
    dimension: str | None = None
    weighted: bool = False

    @property
    def responses(self):
        """The part that decides which responses are read (a cache key)."""
        return ResponseFilter(self.since, self.until, self.channels, self.kiosks)

    def query_args(self):
        """The filter as query-string arguments, for links that keep it."""
        args = {}
        if self.since:
            args["since"] = self.since.date().isoformat()
        if self.until:
            args["until"] = (self.until - timedelta(days=1)).date().isoformat()
        if self.channels:
            args["channel"] = list(self.channels)
        if self.kiosks:
            args["kiosk"] = [str(kiosk) for kiosk in self.kiosks]
        for name in ("question", "dimension"):
            if getattr(self, name):
                args[name] = getattr(self, name)
        if self.weighted:
            args["weighted"] = "1"
        return args


class FilterError(ValueError):
    """Raised by parse_filter; `errors` maps each field name to its messages."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in errors.items()))
        self.errors = errors


class IsoDateField(DateField):
    """A date field whose messages go through our catalogue and stay within sane years."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = date.fromisoformat(valuelist[0].strip())
        except ValueError:
            self.data = None
            raise ValueError(str(BAD_DATE)) from None

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()
        if self.data and not EARLIEST <= self.data <= LATEST:
            raise StopValidation(str(OUT_OF_RANGE))


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes, with our own message for an unknown choice."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        known = {str(value) for value, _ in self.choices}
        if any(value not in known for value in self.data or ()):
            raise ValidationError(str(BAD_CHOICE))


class ChoiceField(SelectField):
    def pre_validate(self, form):
        if self.data not in {value for value, _ in self.choices}:
            raise ValidationError(str(BAD_CHOICE))


class FilterForm(Form):
    """GET form of the filters; no CSRF token because it changes nothing."""

    since = IsoDateField(_l("From"), validators=[Optional()])
    until = IsoDateField(_l("To"), validators=[Optional()])
    channel = MultiCheckboxField(_l("Channels"))
    kiosk = MultiCheckboxField(_l("Kiosk or location"))
    question = ChoiceField(_l("Question"), default="")
    dimension = ChoiceField(_l("Dimension"), default="")
    weighted = BooleanField(_l("Weight results to match the population (raking)"))

    @classmethod
    def for_service(cls, service, args=None):
        form = cls(formdata=args if args else None)
        form.channel.choices = [(c.value, CHANNEL_LABELS[c.value]) for c in Channel]
        form.kiosk.choices = kiosk_choices(service)
        form.question.choices = [("", _l("All questions"))] + [
            (q.code, localized(q.text).text) for q in service_questions(service)
        ]
        form.dimension.choices = [("", _l("All dimensions"))] + list(DIMENSION_LABELS.items())
        return form

    def validate_until(self, field):
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(str(UNTIL_BEFORE_SINCE))

    def insight_filter(self):
        """The validated filter; `until` becomes the start of the next day (inclusive end)."""
        return InsightFilter(
            since=_start_of(self.since.data),
            until=_start_of(self.until.data, days=1),
            channels=tuple(sorted(self.channel.data or ())),
            kiosks=tuple(sorted(int(kiosk) for kiosk in self.kiosk.data or ())),
            question=self.question.data or None,
            dimension=self.dimension.data or None,
            weighted=bool(self.weighted.data),
        )


def _start_of(day, days=0):
    if day is None:
        return None
    return datetime.combine(day + timedelta(days=days), time.min, tzinfo=UTC)


def kiosk_choices(service):
    """(id, place) of every kiosk that offers or offered the service; retired ones say so."""
    return [
        (
            str(kiosk.id),
            kiosk.location if kiosk.is_active else _l("%(place)s (retired)", place=kiosk.location),
        )
        for kiosk in kiosks_of(service)
    ]


def service_questions(service):
    return service.question_set.questions if service.question_set else []


def parse_filter(args, service):
    """Validate query-string `args` (a MultiDict) into an InsightFilter or raise FilterError."""
    form = FilterForm.for_service(service, args)
    if not form.validate():
        raise FilterError({name: list(errors) for name, errors in form.errors.items()})
    return form.insight_filter()

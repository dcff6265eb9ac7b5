"""What must be there before residents see a service: every text in every offered language."""

from dataclasses import dataclass

from flask_babel import get_locale
from flask_babel import gettext as _

from ..i18n import _l

SERVICE_NAME = _l("The name of the service")
SERVICE_DESCRIPTION = _l("The description of the service")
STAGE_NAME = _l("The name of the stage “%(stage)s”")
STAGE_DESCRIPTION = _l("The description of the stage “%(stage)s”")
QUESTION_TEXT = _l("The wording of the question “%(question)s”")
QUESTION_LABELS = _l("The answer labels of the question “%(question)s”")


@dataclass(frozen=True)
class MissingText:
    """`what` (lazy text, with `params`) is missing in the language `locale`."""

    what: object
    locale: str
    params: tuple = ()

    def describe(self):
        return str(self.what) % dict(self.params) if self.params else str(self.what)


def _missing(texts, languages, what, *, optional=False, params=()):
    """A MissingText per offered language lacking `texts`; optional texts only once one exists."""
    texts = texts or {}
    if optional and not any(value.strip() for value in texts.values() if value):
        return []
    return [
        MissingText(what, code, params) for code in languages if not (texts.get(code) or "").strip()
    ]


def _first(texts):
    return next((value for value in (texts or {}).values() if value), "")


def missing_translations(service):
    """Every text residents would see that is missing in one of the offered languages."""
    languages = service.languages
    missing = _missing(service.name, languages, SERVICE_NAME)
    missing += _missing(service.description, languages, SERVICE_DESCRIPTION, optional=True)
    for stage in service.journey.open_stages if service.journey else []:
        params = (("stage", _first(stage.name) or stage.code),)
        missing += _missing(stage.name, languages, STAGE_NAME, params=params)
        missing += _missing(
            stage.description, languages, STAGE_DESCRIPTION, optional=True, params=params
        )
    for question in service.question_set.questions if service.question_set else []:
        params = (("question", _first(question.text) or question.code),)
        missing += _missing(question.text, languages, QUESTION_TEXT, params=params)
        labels = {
            code: "x" if len(question.options.get(code) or []) == len(question.values) else ""
            for code in languages
        }
        missing += _missing(labels, languages, QUESTION_LABELS, params=params)
    return missing


def has_content(service):
    """Residents need at least one question or one stage to tell about."""
    stages = service.journey.open_stages if service.journey else []
    questions = service.question_set.questions if service.question_set else []
    return bool(stages or questions)


def language_name(code):
    """The language's name in the reader's own language, like "arabe" for a French reader."""
    return get_locale().languages.get(code) or code


def problems(service):
    """Why the service cannot be published yet, in the reader's language; empty when it can."""
    found = [] if has_content(service) else [_("Add at least one journey stage or question first")]
    found += [
        _(
            "%(what)s is missing in %(language)s",
            what=gap.describe(),
            language=language_name(gap.locale),
        )
        for gap in missing_translations(service)
    ]
    return found

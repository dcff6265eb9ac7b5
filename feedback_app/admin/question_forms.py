"""Forms of the questions page: a standard question to add, or a rating question's wording."""

from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from ..feedback.fields import Chosen, choice_field, clean_text, select_choices
from ..i18n import LANGUAGES, _l, localized
from ..inputs import single_line, without_hidden_formatting
from .forms import StaffForm
from .questions import SCALE

TEXT_MAX = 300
LABEL_MAX = 60
SCALE_SIZE = SCALE[1] - SCALE[0] + 1
WRITE_THE_LABELS = _l(
    "Write %(n)d answer labels, one per line, from the worst to the best", n=SCALE_SIZE
)


class BankQuestionForm(StaffForm):
    question = choice_field(_l("Standard question"), [], _l("Choose one of the questions listed"))

    def offering(self, questions):
        choices = [(str(q.id), localized(q.text).text) for q in questions]
        self.question.choices = select_choices(choices)
        self.question.validators = [
            Chosen(
                choices,
                _l("Choose one of the questions listed"),
                required=_l("Choose a question to add"),
            )
        ]
        return self


def _labels_lines(value):
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class RatingQuestionForm(StaffForm):
    """The question and its answer labels (one per line, worst first) in each language."""

    def text_fields(self):
        return [self[f"text_{code}"] for code in LANGUAGES]

    def label_fields(self):
        return [self[f"labels_{code}"] for code in LANGUAGES]

    def check_together(self):
        ok = True
        if not any((field.data or "").strip() for field in self.text_fields()):
            ok = self.fail(self.text_fields()[0], _l("Enter the question in one language at least"))
        for code in LANGUAGES:
            lines = _labels_lines(self[f"labels_{code}"].data)
            if lines and (len(lines) != SCALE_SIZE or any(len(x) > LABEL_MAX for x in lines)):
                ok = self.fail(self[f"labels_{code}"], WRITE_THE_LABELS)
        return ok

    def texts(self, prefix="text"):
        """{locale: text} of the `prefix` fields filled in (the question, or its easy read)."""
        fields = ((code, self[f"{prefix}_{code}"]) for code in LANGUAGES)
        return {code: field.data for code, field in fields if field.data}

    def wording(self):
        """The keyword arguments questions.add_custom_question and reword take."""
        return {"text": self.texts(), "easy_read": self.texts("easy_read"), "labels": self.labels()}

    def labels(self):
        found = {code: _labels_lines(self[f"labels_{code}"].data) for code in LANGUAGES}
        return {code: lines for code, lines in found.items() if lines}

    @classmethod
    def of(cls, question):
        data = {f"text_{code}": text for code, text in question.text.items()}
        data.update(
            {f"easy_read_{code}": text for code, text in (question.easy_read or {}).items()}
        )
        options = question.options.items()
        data.update({f"labels_{code}": "\n".join(lines) for code, lines in options})
        return cls(data=data)


def _text_field(language):
    return StringField(
        language.native_name,
        filters=[single_line],
        validators=[
            Length(
                max=TEXT_MAX,
                message=_l("The question must be %(n)d characters or fewer", n=TEXT_MAX),
            )
        ],
    )


for _code, _language in LANGUAGES.items():
    setattr(RatingQuestionForm, f"text_{_code}", _text_field(_language))
    setattr(RatingQuestionForm, f"easy_read_{_code}", _text_field(_language))
    setattr(
        RatingQuestionForm,
        f"labels_{_code}",
        TextAreaField(_language.native_name, filters=[clean_text, without_hidden_formatting]),
    )

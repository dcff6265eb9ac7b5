"""Forms of the analysts' pages: reference upload, decisions, notes, public texts, themes."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from ..i18n import LANGUAGES, _l
from ..inputs import single_line, without_hidden_formatting

NOTE_MAX = 2000
PUBLIC_TEXT_MAX = 280
THEME_NAME_MAX = 120


class ReferenceUploadForm(FlaskForm):
    name = StringField(
        _l("Name of the reference"),
        validators=[
            DataRequired(_l("Enter a name for the reference, like “Census 2021”")),
            Length(max=200, message=_l("The name must be 200 characters or fewer")),
        ],
    )
    file = FileField(
        _l("Reference population file (CSV)"),
        validators=[FileRequired(_l("Choose a CSV file to upload"))],
    )


class DecisionForm(FlaskForm):
    """One button of the insight workflow: the action comes from the button pressed."""

    insight_key = HiddenField(validators=[DataRequired(), Length(max=300)])
    action = HiddenField(validators=[DataRequired(), Length(max=20)])


class NoteForm(FlaskForm):
    note = TextAreaField(
        _l("Note for the team"),
        filters=[without_hidden_formatting],
        validators=[
            Optional(),
            Length(max=NOTE_MAX, message=_l("The note must be %(max)d characters or fewer")),
        ],
    )


class ThemeNameForm(FlaskForm):
    label = StringField(
        _l("Name of this theme"),
        filters=[single_line],
        validators=[
            Optional(),
            Regexp(
                r".*\w",
                message=_l("Give the theme a name with at least one letter or digit"),
            ),
            Length(max=THEME_NAME_MAX, message=_l("The name must be %(max)d characters or fewer")),
        ],
    )


class ThemeMergeForm(FlaskForm):
    """Merge the theme shown into one of `choices`: a SelectChoice per other theme."""

    into = SelectField(
        _l("Theme to merge it into"),
        validators=[DataRequired(_l("Choose the theme to merge it into"))],
        validate_choice=False,
    )

    def validate_into(self, field):
        if field.data not in self.theme_keys():
            raise ValidationError(_l("Choose one of the themes listed"))

    def theme_keys(self):
        return {choice.value for choice in self.into.choices}


class PublicTextForm(FlaskForm):
    """What residents will read on "You said, we did", in as many languages as possible."""

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if valid and not any(self.texts().values()):
            first = self[f"text_{next(iter(LANGUAGES))}"]
            first.errors.append(_l("Write what changed in at least one language"))
            return False
        return valid

    def texts(self):
        return {
            code: (self[f"text_{code}"].data or "").strip()
            for code in LANGUAGES
            if (self[f"text_{code}"].data or "").strip()
        }


for _code, _language in LANGUAGES.items():
    setattr(
        PublicTextForm,
        f"text_{_code}",
        TextAreaField(
            _language.native_name,
            filters=[without_hidden_formatting],
            validators=[
                Optional(),
                Length(
                    max=PUBLIC_TEXT_MAX,
                    message=_l("Each text must be %(max)d characters or fewer"),
                ),
            ],
        ),
    )

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from ..i18n import _l


class TokenForm(FlaskForm):
    name = StringField(
        _l("Name of the new token"),
        validators=[
            DataRequired(_l("Enter a name for the token, like the tool that will use it")),
            Length(max=100, message=_l("The name must be 100 characters or fewer")),
        ],
    )


class RevokeForm(FlaskForm):
    """No fields: the CSRF token is what protects revoking."""

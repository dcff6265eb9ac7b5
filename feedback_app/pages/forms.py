"""The reading aids form: text size, colours and easy read, and the page to go back to."""

from wtforms import HiddenField

from ..feedback.fields import ResidentForm, choice_field
from ..i18n import _l
from ..reading import CONTRASTS, EASY_READ, TEXT_SIZES, ReadingAids

TEXT_SIZE_CHOICES = list(zip(TEXT_SIZES, (_l("Standard"), _l("Large"), _l("Largest")), strict=True))
CONTRAST_CHOICES = list(
    zip(
        CONTRASTS,
        (_l("Standard colours"), _l("High contrast: light text on black")),
        strict=True,
    )
)
EASY_READ_CHOICES = list(
    zip(
        EASY_READ,
        (_l("Off"), _l("On: short sentences and pictures")),
        strict=True,
    )
)


class ReadingAidsForm(ResidentForm):
    """A setting left out keeps its current value."""

    text_size = choice_field(
        _l("Text size"),
        TEXT_SIZE_CHOICES,
        _l("Choose one of the text sizes shown"),
    )
    contrast = choice_field(
        _l("Colours"),
        CONTRAST_CHOICES,
        _l("Choose one of the colour options shown"),
    )
    easy = choice_field(
        _l("Easy read"),
        EASY_READ_CHOICES,
        _l("Choose whether to use easy read from the answers shown"),
    )
    next = HiddenField()

    @classmethod
    def of(cls, aids, next_url):
        """The form showing the current choice, to go back to `next_url` afterwards."""
        data = {
            "text_size": aids.text_size,
            "contrast": aids.contrast,
            "easy": aids.easy,
            "next": next_url,
        }
        return cls(data=data)

    def aids(self):
        return ReadingAids(self.text_size.data, self.contrast.data, self.easy.data)

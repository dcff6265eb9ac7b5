"""The form of a journey stage: its name and description in each language."""

from ..i18n import _l
from .forms import StaffForm
from .service_forms import TextsPerLanguage, with_texts_per_language


@with_texts_per_language
class StageForm(TextsPerLanguage, StaffForm):
    def check_together(self):
        if any((field.data or "").strip() for field in self.name_fields()):
            return True
        return self.fail(self.name_fields()[0], _l("Enter the name of the stage"))

    @classmethod
    def of(cls, stage):
        data = {f"name_{code}": text for code, text in stage.name.items()}
        data.update({f"description_{code}": text for code, text in stage.description.items()})
        return cls(data=data)

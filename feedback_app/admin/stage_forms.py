"""The form of a journey stage: its name, description and easy-read text in each language."""

from ..i18n import LANGUAGES, _l
from .forms import StaffForm
from .service_forms import TextsPerLanguage, description_field, with_texts_per_language


@with_texts_per_language
class StageForm(TextsPerLanguage, StaffForm):
    def easy_read_fields(self):
        return [self[f"easy_read_{code}"] for code in LANGUAGES]

    def check_together(self):
        if any((field.data or "").strip() for field in self.name_fields()):
            return True
        return self.fail(self.name_fields()[0], _l("Enter the name of the stage"))

    def stage_texts(self):
        """The keyword arguments stages.add_stage and change_stage take."""
        names = ("name", "description", "easy_read")
        return {name: self.texts(name) for name in names}

    @classmethod
    def of(cls, stage):
        data = {f"name_{code}": text for code, text in stage.name.items()}
        data.update({f"description_{code}": text for code, text in stage.description.items()})
        data.update({f"easy_read_{code}": text for code, text in (stage.easy_read or {}).items()})
        return cls(data=data)


for _code in LANGUAGES:
    setattr(StageForm, f"easy_read_{_code}", description_field(_code))

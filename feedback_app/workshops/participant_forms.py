"""The participants' forms that are the residents' own: the consented questions about them and
the service's rating questions, on one page, with the residents' fields, choices and messages."""

from ..feedback.drafts import ABOUT_YOU, ACTIVITIES, CONSENT, RATINGS
from ..feedback.forms import AboutYouForm, ActivitiesForm, ConsentForm
from ..feedback.forms import RatingForm as ServiceRatingForm
from ..feedback.submit import ABOUT_YOU_FIELDS, ACTIVITY_FIELDS


class VoiceForm(ServiceRatingForm, ConsentForm, AboutYouForm, ActivitiesForm):
    """Consent first; the questions about the participant are kept only if they say yes."""

    def to_draft(self):
        """The answers in the shape of a resident's draft, for feedback.submit.build_response."""
        given = self.filled_in()
        return {
            CONSENT: self.consent.data,
            RATINGS: self.to_answers(),
            ABOUT_YOU: {name: given[name] for name in ABOUT_YOU_FIELDS if name in given},
            ACTIVITIES: {name: given[name] for name in ACTIVITY_FIELDS if name in given},
        }

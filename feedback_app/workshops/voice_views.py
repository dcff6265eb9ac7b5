"""A participant answers, if they wish, the residents' questions about them and rates the
service, once; the rules are in voices.py."""

from flask import redirect, render_template, url_for

from ..accounts.policy import Rule, allows, rule
from ..feedback import flow
from .blueprint import bp, status_for
from .participant_forms import VoiceForm
from .participant_views import PARTICIPANT, current_participant, workshop_or_404
from .voices import record_voice, voice_of, voice_receipt


@bp.route(f"{PARTICIPANT}/about-you", methods=["GET", "POST"])
@rule(Rule.WORKSHOP_PARTICIPANT)
def about_you(code):
    workshop = workshop_or_404(code)
    home = url_for(".short_link", code=workshop.join_code)
    if not allows(Rule.WORKSHOP_PARTICIPANT, workshop):
        return redirect(home)
    participant = current_participant(workshop)
    if voice_of(participant) is not None:
        code = voice_receipt(participant)
        return render_template(
            "workshops/voice_saved.html",
            workshop=workshop,
            home=home,
            receipt_code=code,
            lang=participant.locale,
        )
    form = VoiceForm.for_questions(flow.questions_of(workshop.service))
    if form.validate_on_submit():
        record_voice(participant, form.to_draft())
        return redirect(url_for(".about_you", code=workshop.join_code))
    html = render_template("workshops/voice.html", workshop=workshop, form=form, home=home)
    return html, status_for(form)

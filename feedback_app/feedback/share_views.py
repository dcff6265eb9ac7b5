"""For staff: the link and QR code that bring residents to a service's feedback form."""

import segno
from flask import render_template, url_for
from markupsafe import Markup, escape

from ..accounts.links import register_service_link
from ..accounts.policy import Rule, require, rule
from ..i18n import LANGUAGES, _l
from .blueprint import bp, service_or_404

register_service_link(_l("Residents' feedback form and QR code"), "feedback.share")


def qr_code_svg(url, label):
    """The QR code of `url` as inline SVG (no request, no script), labelled for screen readers."""
    qr = segno.make(url, error="m")
    width, height = qr.symbol_size(scale=6, border=4)
    svg = qr.svg_inline(scale=6, border=4)
    # The viewBox lets CSS resize the code whole; without it a smaller box crops the finder
    # pattern and quiet zone, and the code no longer scans.
    attributes = f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}"'
    return Markup(svg.replace("<svg ", f"<svg {attributes} ", 1))


@bp.route("/staff/services/<slug>/feedback-link")
@rule(Rule.SERVICE_FACILITATOR)
def share(slug):
    service = service_or_404(slug, published_only=False)
    require(Rule.SERVICE_FACILITATOR, service)
    share_url = url_for(".shared_link", slug=slug, _external=True)
    language_urls = [
        (language, url_for(".start", slug=slug, lang=code, _external=True))
        for code, language in LANGUAGES.items()
    ]
    return render_template(
        "feedback/share.html",
        service=service,
        share_url=share_url,
        qr_code=qr_code_svg(share_url, _l("QR code for %(url)s", url=share_url)),
        language_urls=language_urls,
    )

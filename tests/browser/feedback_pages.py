"""Checks and moves shared by the residents' flow browser tests."""

from flask_babel import force_locale, gettext
from playwright.sync_api import expect
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.feedback.models import Response
from feedback_app.feedback.receipts import receipt_hash
from tests.browser.conftest import assert_no_horizontal_scroll, axe_violations

FLOW = "/s/home-support"
# Where app.js keeps answers typed before a language switch, in the tab's sessionStorage.
CARRIED_ANSWERS = "ensemble-answers-across-languages"
STAGES = ["find_out", "apply", "wait", "receive", "follow_up"]

# Every control and stand-alone link smaller than 44×44 CSS pixels. A radio or checkbox is
# measured as its box and its label together (not the .choice row around them, which a tap
# between its edge and the label misses); links inside a sentence are excepted, as WCAG 2.5.8
# allows. Hidden elements (the skip link until focused) are skipped.
SMALL_TARGETS = """() => {
  const small = [];
  const reach = (choice) => {
    const boxes = [...choice.querySelectorAll(".choice__input, .choice__label")]
      .map((part) => part.getBoundingClientRect());
    const top = Math.min(...boxes.map((b) => b.top)), left = Math.min(...boxes.map((b) => b.left));
    return {top, left, bottom: Math.max(...boxes.map((b) => b.bottom)),
      width: Math.max(...boxes.map((b) => b.right)) - left,
      height: Math.max(...boxes.map((b) => b.bottom)) - top};
  };
  const targets = document.querySelectorAll(
    "a[href], button, input:not([type=hidden]):not(.choice__input), textarea, select, .choice");
  for (const element of targets) {
    const box = element.matches(".choice") ? reach(element) : element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.bottom <= 0) continue;
    const parent = element.parentElement;
    const inSentence = element.tagName === "A" && getComputedStyle(element).display === "inline"
      && ["P", "LI", "DD", "TD"].includes(parent.tagName)
      && parent.textContent.trim() !== element.textContent.trim();
    if (inSentence) continue;
    if (box.width < 44 || box.height < 44) {
      small.push(`${element.outerHTML.slice(0, 80)} ${box.width}x${box.height}`);
    }
  }
  return small;
}"""

# Whether the focused element shows a focus indicator and is not covered by anything.
FOCUS_STATE = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
    && style.outlineColor !== "rgba(0, 0, 0, 0)";
  const box = element.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  const inView = box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
  return {
    description: element.outerHTML.slice(0, 80),
    visible: outline || style.boxShadow !== "none",
    unobscured: inView && top !== null && (element.contains(top) || top.contains(element)
      || (top.tagName === "LABEL" && top.htmlFor === element.id)),
  };
}"""


def check_page(page, what=""):
    """Zero axe violations, no sideways scrolling, big enough targets."""
    assert axe_violations(page) == [], f"{page.url} {what}"
    assert_no_horizontal_scroll(page)
    small = page.evaluate(SMALL_TARGETS)
    assert small == [], f"{page.url} {what}: {small}"


def submit(page):
    """Press the page's main button (whatever its words in the page's language)."""
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def error_prefix(app, lang):
    """How "Error:" starts the page title in `lang`."""
    with app.test_request_context(), force_locale(lang):
        return gettext("Error:")


def assert_error_state(page, prefix, field_id=None, *, javascript=True):
    """The GOV.UK error pattern: "Error:" title, the summary (focused), a link to the field."""
    summary = page.locator(".error-summary")
    assert summary.count() == 1, page.url
    assert page.title().startswith(prefix), page.title()
    if javascript:
        expect(summary).to_be_focused()  # the page's script moves focus once it has run
    if field_id:
        assert summary.locator(f"a[href='#{field_id}']").count() == 1, page.url


def response_for_code(app, code):
    """The stored response behind a receipt code, read straight from the live server's database."""
    with app.app_context():
        response = db.session.scalar(
            select(Response).where(Response.receipt_hash == receipt_hash(code))
        )
        if response is None:
            return None
        return {
            "locale": response.locale,
            "withdrawn": response.withdrawn_at is not None,
            "consent_version": response.consent_version,
            "ratings": {a.question.code: a.value for a in response.answers},
            "stages": {
                s.stage.code: (str(s.went_through), s.emotion, s.barriers, s.text)
                for s in response.stage_experiences
            },
            "comments": [c.text for c in response.comments],
            "profile": (
                {"age_band": response.profile.age_band, "disability": response.profile.disability}
                if response.profile
                else None
            ),
            "same_key": db.session.scalar(
                select(db.func.count()).where(Response.client_key == response.client_key)
            ),
        }

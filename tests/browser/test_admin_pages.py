"""The staff pages that run a partnership, in Chromium: the issue's whole scenario (an invited
admin sets up and publishes a service in French and Arabic, residents answer it, the insights
count them), zero axe violations in four languages, and a form with the keyboard alone."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from feedback_app.accounts.models import Organisation, User
from feedback_app.demo.content import INSTALLATION_ADMIN
from feedback_app.extensions import db
from feedback_app.i18n import LANGUAGES
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    STAFF_PASSWORD,
    assert_no_horizontal_scroll,
    axe_violations,
    demo_app,
    serving,
    sign_in,
)
from tests.browser.feedback_pages import response_for_code, submit
from tests.browser.test_feedback_keyboard import focused

ADMIN = "/staff/admin"
COLLEAGUE_PASSWORD = "lantern-orchard-meadow-42"
STAGES = [
    ("Se renseigner", "الاستعلام"),
    ("Déposer la demande", "تقديم الطلب"),
    ("Attendre", "الانتظار"),
]
QUESTIONS = [
    ("L'accueil était-il aimable ?", "هل كان الاستقبال لطيفا؟"),
    ("Les délais étaient-ils clairs ?", "هل كانت المواعيد واضحة؟"),
    ("Le formulaire était-il simple ?", "هل كانت الاستمارة بسيطة؟"),
    ("Recommanderiez-vous ce service ?", "هل توصي بهذه الخدمة؟"),
]
LABELS_FR = "Très mal\nMal\nMoyen\nBien\nTrès bien"
LABELS_AR = "سيئ جدا\nسيئ\nمتوسط\nجيد\nجيد جدا"


@pytest.fixture(scope="module")
def admin_app(tmp_path_factory):
    """Its own database, as the scenario adds an organisation, a person and a service."""
    with demo_app(tmp_path_factory.mktemp("admin") / "admin.db") as (app, _service):
        return app


@pytest.fixture(scope="module")
def admin_server(admin_app):
    with serving(admin_app) as url:
        yield url


def per_language(page, legend, language):
    """The box for `language` (its native name) in the fieldset called `legend`."""
    return page.get_by_role("group", name=legend).get_by_label(language, exact=True)


def click(page, role, name):
    with page.expect_navigation():
        page.get_by_role(role, name=name).click()


def invite_a_colleague(page, server):
    """The installation admin adds an association and invites its admin; returns the link."""
    page.goto(f"{server}{ADMIN}/organisations")
    page.get_by_label("Name of the organisation").fill("Maison des quartiers")
    page.get_by_label("Association").check()
    click(page, "button", "Add the organisation")  # and straight on to inviting its first admin
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite someone")
    page.get_by_label("Email address").fill("nadia@quartiers.example")
    page.get_by_label("Their name").fill("Nadia Benali")
    page.get_by_label("Admin: everything above").check()
    click(page, "button", "Invite")
    expect(page.locator("main")).to_contain_text("This installation cannot send emails")
    return page.locator(".share-url code").inner_text()


def accept(page, link):
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to Ensemble")
    page.get_by_label("New password", exact=True).fill(COLLEAGUE_PASSWORD)
    page.get_by_label("Type the new password again").fill(COLLEAGUE_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Set my password and sign in").click()


def create_service(page):
    click(page, "link", "Create a service")
    page.get_by_label("Web address").fill("aide-logement")
    for language in LANGUAGES.values():
        box = page.get_by_role("group", name="Languages residents may answer in").get_by_label(
            language.native_name, exact=True
        )
        box.set_checked(language.code in ("fr", "ar"))
    per_language(page, "Name of the service", "Français").fill("Aide au logement")
    per_language(page, "Name of the service", "العربية").fill("مساعدة السكن")
    page.get_by_label("Maison des quartiers").check()
    page.get_by_label("Operator: delivers the service").check()
    click(page, "button", "Create the service")


def add_stages(page):
    click(page, "link", "Journey stages")
    for french, arabic in STAGES:
        per_language(page, "Name of the stage", "Français").fill(french)
        per_language(page, "Name of the stage", "العربية").fill(arabic)
        click(page, "button", "Add the stage")
    text = page.locator("main").inner_text()
    assert all(french in text for french, _ in STAGES)


def add_questions(page, server):
    page.goto(f"{server}{ADMIN}/services/aide-logement/questions")
    for french, arabic in QUESTIONS:
        click(page, "link", "Write a rating question for this service")
        french_group = page.get_by_role("group", name="Français")
        french_group.get_by_label("Question", exact=True).fill(french)
        french_group.get_by_label("Answer labels").fill(LABELS_FR)
        arabic_group = page.get_by_role("group", name="العربية")
        arabic_group.get_by_label("Question", exact=True).fill(arabic)
        arabic_group.get_by_label("Answer labels").fill(LABELS_AR)
        click(page, "button", "Save the question")
    text = page.locator("main").inner_text()
    assert all(french in text for french, _ in QUESTIONS)


def answer_as_a_resident(page, server, lang):
    """Pick the best rating, or else the last answer, of every question until the receipt;
    returns what the pages showed and the receipt code."""
    page.goto(f"{server}/{lang}/s/aide-logement")
    assert page.locator("html").get_attribute("dir") == LANGUAGES[lang].direction
    with page.expect_navigation():
        page.locator("main a.button").first.click()
    seen = []
    for _ in range(30):
        if page.locator(".receipt-code").count():
            return "\n".join(seen), page.locator(".receipt-code").inner_text()
        seen.append(page.locator("main").inner_text())
        for group in page.locator("main form fieldset:has(input[type=radio])").all():
            best = group.locator("input[type=radio][value='5']")
            choice = best if best.count() else group.locator("input[type=radio]").last
            if choice.is_visible():  # not a follow-up revealed only by another answer
                choice.check()
        submit(page)
    raise AssertionError(f"the flow never ended: {page.url}")


def test_an_invited_admin_sets_up_a_service_that_residents_answer(
    admin_app, admin_server, new_page
):
    admin = sign_in(new_page(), admin_server, INSTALLATION_ADMIN, STAFF_PASSWORD)
    link = invite_a_colleague(admin, admin_server)

    colleague = new_page()
    accept(colleague, link)
    assert colleague.url.endswith("/staff/")
    create_service(colleague)
    add_stages(colleague)
    add_questions(colleague, admin_server)
    colleague.goto(f"{admin_server}{ADMIN}/services/aide-logement")
    click(colleague, "button", "Publish")
    expect(colleague.get_by_role("button", name="Unpublish")).to_be_visible()
    insights = f"{admin_server}/staff/services/aide-logement/insights/"
    colleague.goto(insights)
    expect(colleague.locator(".key-figures__item").first).to_have_text("0 responses")

    stored = []
    for lang, index in (("fr", 0), ("ar", 1)):
        seen, code = answer_as_a_resident(new_page(PHONE), admin_server, lang)
        assert QUESTIONS[0][index] in seen and STAGES[1][index] in seen
        stored.append(response_for_code(admin_app, code))
    assert [response["locale"] for response in stored] == ["fr", "ar"]
    assert all(sorted(response["ratings"].values()) == [5] * 4 for response in stored)

    # The colleague, admin of the organisation running the service, holds the analyst's role
    # too. Two responses are counted but, below 10, shown only as "fewer than 10" (privacy).
    colleague.goto(insights)
    expect(colleague.locator(".key-figures__item").first).to_have_text("– fewer than 10 responses")


def admin_pages(app):
    with app.app_context():
        organisation = db.session.scalar(
            select(Organisation).where(Organisation.name == "City of Riverside")
        )
        analyst = db.session.scalar(select(User).where(User.email == "analyst@example.org"))
        ids = organisation.id, analyst.id
    people = f"{ADMIN}/organisations/{ids[0]}"
    service = f"{ADMIN}/services/home-support"
    return [
        f"{ADMIN}/organisations",
        people,
        f"{people}/invite",
        f"{people}/people/{ids[1]}",
        service,
        f"{service}/settings",
        f"{service}/stages",
        f"{service}/questions",
        f"{service}/preview/ar",
        f"{service}/access-register",
        f"{ADMIN}/audit",
        "/staff/password",
    ]


@pytest.mark.parametrize(
    "lang,viewport",
    [(lang, "phone") for lang in LANGUAGES] + [("en", "desktop"), ("ar", "desktop")],
)
def test_admin_pages_have_no_axe_violations(admin_app, admin_server, new_page, lang, viewport):
    size = PHONE if viewport == "phone" else DESKTOP
    page = sign_in(new_page(size), admin_server, INSTALLATION_ADMIN, STAFF_PASSWORD, lang)
    for path in admin_pages(admin_app):
        page.goto(f"{admin_server}{path}")
        assert page.locator("html").get_attribute("lang") == lang, path
        assert axe_violations(page) == [], path
        assert_no_horizontal_scroll(page)


def test_add_an_organisation_with_the_keyboard_and_without_javascript(admin_server, new_page):
    page = sign_in(
        new_page(PHONE, javascript=False), admin_server, INSTALLATION_ADMIN, STAFF_PASSWORD
    )
    page.goto(f"{admin_server}{ADMIN}/organisations")
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused(page, "#name"):
            break
    page.keyboard.type("Riverside Transport Ltd")
    page.keyboard.press("Tab")  # into the kinds: focus lands on the first one
    page.keyboard.press("ArrowDown")  # the second kind: a private operator
    page.keyboard.press("Tab")
    assert focused(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite someone")
    expect(page.locator(".caption")).to_have_text("Riverside Transport Ltd")
    page.goto(f"{admin_server}{ADMIN}/organisations")
    row = page.locator(".summary-list__row", has_text="Riverside Transport Ltd")
    expect(row).to_contain_text("Private operator")

"""The accessibility statement exists in every language and is linked from every page."""

import pytest

from feedback_app.i18n import LANGUAGES
from tests.fixtures.pages import assert_page_basics

pytestmark = pytest.mark.database
KEYBOARD = {"en": "keyboard", "fr": "clavier", "es": "teclado", "ar": "لوحة المفاتيح"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_statement_is_linked_from_the_footer(client, service, lang):
    home = assert_page_basics(client.get(f"/{lang}/"), lang=lang)
    link = home.find("footer").find("a", href=f"/{lang}/accessibility")
    assert link is not None
    statement = assert_page_basics(client.get(link["href"]), lang=lang)
    text = statement.main.get_text(" ", strip=True)
    for tested in ("axe-core", "WCAG 2.2", KEYBOARD[lang], "JavaScript", "320"):
        assert tested in text

"""Every catalogue is complete: no missing, empty or fuzzy entry, and placeholders intact."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from feedback_app.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def read_catalogue(path):
    with open(path, "rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def template_ids(tmp_path_factory):
    """Message ids extracted from the sources now, so a forgotten `make i18n-update` fails."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "-q",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "lazy_ngettext:1,2",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    return {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in read_catalogue(pot)
        if message.id
    }


def strings(value):
    return [value] if isinstance(value, str) else [v for v in value]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_is_complete(lang, template_ids):
    catalogue = read_catalogue(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po")
    translated = {}
    for message in catalogue:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        translated[key] = message
        assert not message.fuzzy, f"{lang}: fuzzy entry {key!r}"
        assert all(strings(message.string)), f"{lang}: untranslated {key!r}"
        expected = set(PLACEHOLDER.findall(" ".join(strings(message.id))))
        for text in strings(message.string):
            assert set(PLACEHOLDER.findall(text)) <= expected | {"num"}, (
                f"{lang}: placeholders changed in {key!r}"
            )
    missing = sorted(template_ids - set(translated))
    assert not missing, f"{lang}: not in the catalogue (run `make i18n-update`): {missing[:5]}"

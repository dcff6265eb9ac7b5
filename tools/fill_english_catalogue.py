"""English is the source language: its catalogue's translations are the message ids themselves.

Run by `make i18n-update` after merging, so the English catalogue stays complete.
"""

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGUE = Path(__file__).resolve().parent.parent / "translations/en/LC_MESSAGES/messages.po"


def main(path=CATALOGUE):
    with open(path, "rb") as handle:
        catalogue = read_po(handle)
    for message in catalogue:
        if not message.id:
            continue
        if isinstance(message.id, str):
            message.string = message.string or message.id
        else:
            singular, plural = message.id
            message.string = tuple(
                existing or (singular if index == 0 else plural)
                for index, existing in enumerate(message.string)
            )
        message.flags.discard("fuzzy")
    with open(path, "wb") as handle:
        write_po(handle, catalogue, width=0, sort_by_file=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

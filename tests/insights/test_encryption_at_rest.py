"""Analyses read residents' comments the same whether they are encrypted at rest or not."""

import csv
import io
import zipfile

from feedback_app.encryption import MARKER
from tests.app.keys import new_key, stored_values, use_keys
from tests.fixtures.pages import parse
from tests.insights.conftest import INSIGHTS

EXPORTS = "/staff/services/home-support/exports"


def csv_tables(client):
    """Every table of the CSV export but the time it was made."""
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"{EXPORTS}/csv").data))
    return {
        name: [
            row
            for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")))
            if row[:1] != ["Exported at"]
        ]
        for name in archive.namelist()
    }


def themes_page(client):
    """Every theme with its name, counts and quoted comments, as the analyst reads them."""
    return [
        section.get_text(" ", strip=True)
        for section in parse(client.get(f"{INSIGHTS}/themes")).select("section.theme")
    ]


def test_exports_and_themes_are_the_same_once_comments_are_encrypted(app, analyst_client):
    plain = csv_tables(analyst_client), themes_page(analyst_client)
    assert plain[0]["themes.csv"][1:] and plain[1], "the sample has comment themes"
    use_keys(app, new_key())
    result = app.test_cli_runner().invoke(args=["encrypt-stored-text"])
    assert result.exit_code == 0, result.output
    comments = stored_values("comment", "text")
    assert comments and all(value.startswith(MARKER) for value in comments)
    # Computed again from the encrypted rows, not taken from the results cache.
    app.extensions.pop("insights_results", None)
    assert (csv_tables(analyst_client), themes_page(analyst_client)) == plain

"""Residents' free text encrypted at rest when ENCRYPTION_KEY is set: never in the database in
clear, read back unchanged, keys rotated in batches, and a wrong key a clear message."""

import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from feedback_app import create_app
from feedback_app.demo.seed import seed_workshop
from feedback_app.encryption import BAD_KEY, MARKER, NO_KEY, WRONG_KEY, EncryptionKeyError
from feedback_app.extensions import db
from feedback_app.models import Comment, StageExperience
from feedback_app.reencryption import NO_KEY_SET
from tests.app.keys import new_key, stored_values, use_keys
from tests.feedback.resident import APPLY_STORY, COMMENT, Resident
from tests.fixtures.pages import parse

STORY = APPLY_STORY["text"].replace("\r\n", "\n")
# Plain ASCII parts: JSON (the draft) writes other letters as \u escapes.
COMMENT_PART, STORY_PART, SELF_DESCRIPTION = "Merci pour l'aide", "The form was long.", "Two-spirit"
ENCRYPTED = [
    ("comment", "text"),
    ("stage_experience", "text"),
    ("card", "text"),
    ("profile", "gender_self_description"),
]


def send_feedback(client, service):
    seed_workshop(service)
    db.session.commit()
    resident = Resident(client)
    resident.answer_everything()
    assert resident.send().status_code in (200, 302, 303)


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def database_bytes(app):
    """The SQLite file with its write-ahead log: everything the database holds on disk."""
    path = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


@pytest.mark.parametrize("with_key", [False, True])
def test_with_a_key_residents_text_is_nowhere_in_the_database_file(app, client, service, with_key):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("the database file is SQLite's; PostgreSQL's columns are checked below")
    use_keys(app, *([new_key()] if with_key else []))
    resident = Resident(client)
    resident.post("/comment", {"comment": COMMENT})
    in_draft = COMMENT_PART.encode() in database_bytes(app)
    send_feedback(client, service)
    on_disk = database_bytes(app)
    parts = (COMMENT_PART, STORY_PART, SELF_DESCRIPTION)
    found = [part for part in parts if part.encode() in on_disk]
    if with_key:
        assert not in_draft and found == []
    else:
        assert in_draft and found == list(parts)


def test_encrypted_columns_hold_tokens_and_read_back_unchanged(app, client, service):
    use_keys(app, new_key())
    send_feedback(client, service)
    for table_name, column_name in ENCRYPTED:
        values = [v for v in stored_values(table_name, column_name) if v is not None]
        assert values and all(v.startswith(MARKER) for v in values), table_name
    assert db.session.scalar(select(Comment.text)) == COMMENT
    assert (
        db.session.scalar(select(StageExperience.text).where(StageExperience.text.is_not(None)))
        == STORY
    )


def test_text_stored_before_the_key_is_read_then_encrypted_by_the_command(app, client, service):
    send_feedback(client, service)
    assert COMMENT in stored_values("comment", "text")
    use_keys(app, new_key())
    assert db.session.scalar(select(Comment.text)) == COMMENT
    result = run(app, "encrypt-stored-text", "--batch-size", "2")
    assert result.exit_code == 0, result.output
    assert "Encrypted" in result.output and "comment.text 1" in result.output
    for table_name, column_name in ENCRYPTED:
        values = [v for v in stored_values(table_name, column_name) if v is not None]
        assert all(v.startswith(MARKER) for v in values), table_name
    assert db.session.scalar(select(Comment.text)) == COMMENT
    again = run(app, "encrypt-stored-text")
    assert "Encrypted 0 stored values" in again.output


def test_rotating_moves_every_row_to_the_newest_key_in_batches(app, client, service):
    old, new = new_key(), new_key()
    use_keys(app, old)
    send_feedback(client, service)
    cards = len(stored_values("card", "text"))
    use_keys(app, new, old)
    result = run(app, "rotate-encryption-key", "--batch-size", "2")
    assert result.exit_code == 0, result.output
    assert f"card.text {cards}" in result.output and "comment.text 1" in result.output
    use_keys(app, new)
    assert db.session.scalar(select(Comment.text)) == COMMENT
    assert "Re-encrypted 0 stored values" in run(app, "rotate-encryption-key").output
    use_keys(app, old)
    with pytest.raises(EncryptionKeyError, match="no longer listed"):
        db.session.scalar(select(Comment.text))


def test_a_wrong_key_is_a_503_for_residents_and_a_message_for_the_operator(
    app, client, service, caplog, monkeypatch
):
    # Alembic's logging set-up, run by a migration test earlier in the process, disables it.
    monkeypatch.setattr(app.logger, "disabled", False)
    use_keys(app, new_key())
    resident = Resident(client)
    resident.post("/comment", {"comment": COMMENT})
    right = app.config["ENCRYPTION_KEY"]
    use_keys(app, new_key())
    with caplog.at_level(logging.ERROR):
        page = resident.get("/check")
    assert page.status_code == 503
    assert "unavailable for a moment" in page.get_data(as_text=True)
    assert WRONG_KEY in caplog.text
    use_keys(app, new_key(), right)
    assert COMMENT in parse(resident.get("/check")).get_text()


def test_commands_say_what_is_wrong_with_the_keys(app, client, service):
    assert run(app, "rotate-encryption-key").exit_code != 0
    assert NO_KEY_SET in run(app, "encrypt-stored-text").output
    use_keys(app, new_key())
    send_feedback(client, service)
    use_keys(app, new_key())
    result = run(app, "rotate-encryption-key")
    assert result.exit_code != 0 and "no longer listed" in result.output
    use_keys(app)
    with pytest.raises(EncryptionKeyError, match=NO_KEY.split(":")[0]):
        db.session.scalar(select(Comment.text))


def test_a_malformed_key_stops_the_app_from_starting():
    with pytest.raises(RuntimeError, match="Fernet keys"):
        create_app({"ENV_NAME": "testing", "ENCRYPTION_KEY": f"{new_key()},not-a-key"})
    assert "Fernet.generate_key()" in BAD_KEY


def test_plain_text_cannot_pass_for_encrypted_text(app, client, service):
    send_feedback(client, service)
    comment = db.session.scalar(select(Comment))
    comment.text = MARKER + "gAAAAA-looks-like-a-token"
    db.session.commit()
    db.session.expire_all()
    assert db.session.scalar(select(Comment.text)) == "gAAAAA-looks-like-a-token"

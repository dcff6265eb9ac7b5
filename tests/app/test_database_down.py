"""When the database cannot be reached: a 503 to try again later, answers kept, never a 500.

The failures are real: the engine's new connections go to a database file that cannot be
opened (SQLite) or to a port where no server listens (PostgreSQL).
"""

from types import SimpleNamespace

import psycopg
import pytest
from sqlalchemy import event

from feedback_app.extensions import db
from tests.api.helpers import bearer, token_for
from tests.feedback.resident import RATINGS, Resident
from tests.fixtures.pages import assert_page_basics, parse

pytestmark = pytest.mark.database


@pytest.fixture
def database(app, tmp_path):
    """`database.down()` makes every new connection of the engine fail (and ends the session
    holding one); `database.up()` ends it."""

    def unreachable(dialect, connection_record, cargs, cparams):
        if dialect.name == "sqlite":
            cargs[0] = str(tmp_path)  # a directory: "unable to open database file"
        else:
            cparams.update(host="127.0.0.1", port=1, connect_timeout=2)

    def refuse_new_connections():
        event.listen(db.engine, "do_connect", unreachable)
        db.engine.dispose()

    def down():
        db.session.remove()
        refuse_new_connections()

    def up():
        if event.contains(db.engine, "do_connect", unreachable):
            event.remove(db.engine, "do_connect", unreachable)
        db.engine.dispose()

    yield SimpleNamespace(down=down, up=up, refuse_new_connections=refuse_new_connections)
    up()


def checked_ratings(response):
    return {i["name"]: i["value"] for i in parse(response).find_all("input", checked=True)}


def test_a_resident_is_asked_to_try_again_and_the_answers_are_kept(client, service, database):
    resident = Resident(client)
    assert resident.post("/rate", RATINGS).status_code == 302
    database.down()
    response = resident.get("/comment")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = assert_page_basics(response, lang="en")
    assert page.find("h1").get_text() == "Sorry, the service is unavailable for a moment"
    assert "Please try again in a few minutes. Your answers so far are kept." in page.get_text()
    assert "not saved" not in page.get_text()
    database.up()
    assert checked_ratings(resident.get("/rate")) == RATINGS


def test_sending_answers_while_the_database_is_down_is_a_503(client, service, database):
    resident = Resident(client)
    token = parse(resident.get("/rate")).find("input", attrs={"name": "csrf_token"})["value"]
    database.down()
    response = client.post(resident.url("/rate"), data={"csrf_token": token, **RATINGS})
    assert response.status_code == 503
    assert_page_basics(response, lang="en")


def test_the_page_is_in_the_residents_language(client, service, database):
    database.down()
    response = client.get("/ar/s/home-support/rate")
    assert response.status_code == 503
    assert_page_basics(response, lang="ar")


def test_the_api_answers_503_in_json(client, service, make_user, partner, database):
    user = make_user("facilitator@example.org", organisation=partner, role="facilitator")
    secret = token_for(user)[1]
    database.down()
    reply = client.get("/api/v1/services", headers=bearer(secret))
    assert reply.status_code == 503
    assert reply.json["error"]["status"] == 503
    assert reply.json["error"]["title"] == "Sorry, the service is unavailable for a moment"
    assert reply.headers["Retry-After"] == "30"


def test_a_connection_ended_by_the_database_mid_request_is_still_a_503(client, service, database):
    """The load bench's fault: the database ends the request's connection (it stops accepting
    connections and terminates the open ones), then a new connection fails; rolling back on the
    ended one fails too, and that must not turn the "try again" page into a 500."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL ends another backend's connection; SQLite has none to end")
    ended = []

    def end_the_connection(connection, cursor, statement, parameters, context, executemany):
        if ended:
            return
        pid = connection.connection.driver_connection.info.backend_pid
        url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        ended.append(pid)
        database.refuse_new_connections()  # the next, for the service not yet kept, fails

    event.listen(db.engine, "after_cursor_execute", end_the_connection)
    try:
        response = Resident(client).get("/rate")
    finally:
        event.remove(db.engine, "after_cursor_execute", end_the_connection)
    assert ended
    assert response.status_code == 503
    assert_page_basics(response, lang="en")

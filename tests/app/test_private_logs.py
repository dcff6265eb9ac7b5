"""gunicorn's access log, as `make run` and the documented production command configure it, holds
no address, user agent, referrer, query string or secret link (issue 14)."""

import logging
import re
import shlex
import sys
from datetime import timedelta
from types import SimpleNamespace

import pytest
from flask import url_for
from gunicorn.app.wsgiapp import WSGIApplication
from gunicorn.http.message import Request
from gunicorn.http.unreader import IterUnreader

from feedback_app.config import PROJECT_DIR
from feedback_app.kiosk import registry as kiosk_registry
from feedback_app.private_logs import REDACTED, redact_path

ADDRESS = "203.0.113.77"
USER_AGENT = "Mozilla/5.0 (Resident's phone) Gecko/20100101"
SECRET = "Zq3kT9vLmN0pXr5sYb7wUe2A"
SECRET_PATHS = [
    f"/kiosk/setup/{SECRET}",
    f"/invitations/{SECRET}",
    f"/password/reset/{SECRET}",
    f"/fr/workshops/12/join/{SECRET}",
    f"/somewhere/new/{SECRET}/next",
]


def gunicorn_command(path, starts_with):
    """The gunicorn command line written in `path`, its variables filled with sample values."""
    text = (PROJECT_DIR / path).read_text().replace("\\\n", " ")
    line = next(line.strip() for line in text.splitlines() if line.strip().startswith(starts_with))
    line = re.sub(r"\$\$?[({][^)}]*[)}]", "1", line)
    return shlex.split(line)


def logger_for(command, monkeypatch):
    """gunicorn's own configuration loading and logger, exactly as its command line builds them."""
    monkeypatch.setattr(sys, "argv", ["gunicorn", *command[1:]])
    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)
    application = WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]")
    return application.cfg.logger_class(application.cfg)


def log_request(logger, path, query="next=%2Fstaff%2F&token=abc"):
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?{query}",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": ADDRESS,
        "HTTP_USER_AGENT": USER_AGENT,
        "HTTP_REFERER": f"https://ensemble.example/kiosk/setup/{SECRET}",
    }
    request = SimpleNamespace(
        headers=[("USER-AGENT", USER_AGENT), ("X-FORWARDED-FOR", ADDRESS), ("COOKIE", "s=1")]
    )
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[("Set-Cookie", "s=2")])
    logger.access(response, request, environ, timedelta(milliseconds=42))


COMMANDS = {
    "make run": ("Makefile", "$(BIN)/gunicorn"),
    "docs/deployment.md": ("docs/deployment.md", "gunicorn "),
}


@pytest.mark.parametrize("where", COMMANDS)
@pytest.mark.parametrize("path", SECRET_PATHS)
def test_access_log_keeps_no_address_user_agent_query_or_secret(where, path, monkeypatch, capsys):
    logger = logger_for(gunicorn_command(*COMMANDS[where]), monkeypatch)
    log_request(logger, path)
    line = capsys.readouterr().out.strip()
    assert f'"GET {redact_path(path)} HTTP/1.1" 200 1234 42ms' in line
    for private in (ADDRESS, "Mozilla", "Gecko", SECRET, "token=abc", "next=", "s=1", "s=2"):
        assert private not in line
    assert REDACTED in line


@pytest.mark.parametrize("where", COMMANDS)
def test_ordinary_paths_stay_readable(where, monkeypatch, capsys):
    logger = logger_for(gunicorn_command(*COMMANDS[where]), monkeypatch)
    log_request(logger, "/fr/s/home-support/journey/first-contact", query="")
    line = capsys.readouterr().out.strip()
    assert line.endswith('"GET /fr/s/home-support/journey/first-contact HTTP/1.1" 200 1234 42ms')


def test_every_route_taking_a_token_is_redacted(app):
    """A new route with a secret in its address fails here until the log hides it."""
    secret_routes = [rule for rule in app.url_map.iter_rules() if _secrets_of(rule)]
    assert secret_routes, "the kiosk setup link at least takes a token"
    for rule in secret_routes:
        values = {arg: SECRET if arg in _secrets_of(rule) else "1" for arg in rule.arguments}
        values.update({arg: "en" for arg in rule.arguments if arg in ("lang", "code")})
        with app.test_request_context():
            path = url_for(rule.endpoint, **values)
        assert SECRET not in redact_path(path), rule.rule


def _secrets_of(rule):
    return {arg for arg in rule.arguments if arg in ("token", "secret") or arg.endswith("_token")}


@pytest.mark.parametrize("where", COMMANDS)
def test_error_log_hides_addresses_and_secret_links(where, monkeypatch, capsys):
    logger = logger_for(gunicorn_command(*COMMANDS[where]), monkeypatch)
    logger.warning(f"Invalid request from ip={ADDRESS}: Invalid HTTP method")
    logger.error("Error handling request %s", f"/kiosk/setup/{SECRET}?next=/staff/")
    text = capsys.readouterr().err
    assert f"ip={REDACTED}" in text and "/kiosk/setup/[redacted]?[redacted]" in text
    assert ADDRESS not in text and SECRET not in text and "next=" not in text


def test_an_unhandled_error_is_logged_without_the_secret_link(app, client, monkeypatch, caplog):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setattr(logging.getLogger("feedback_app"), "disabled", False)

    def broken(token):
        raise RuntimeError("database gone")

    monkeypatch.setattr(kiosk_registry, "active_kiosk", broken)
    with caplog.at_level(logging.ERROR, logger="feedback_app"):
        assert client.get(f"/kiosk/setup/{SECRET}").status_code == 500
    assert "Exception on /kiosk/setup/[redacted] [GET]" in caplog.text
    assert SECRET not in caplog.text


FORGED = '[03/Dec/2026:07:00:00 +0000] "GET /staff/ HTTP/1.1" 200 1 1ms'


@pytest.mark.parametrize("where", COMMANDS)
@pytest.mark.parametrize("separator", ["\n", "\r", "\u2028", '\\"\n'])
def test_a_decoded_newline_in_the_path_cannot_forge_a_log_line(
    where, separator, monkeypatch, capsys
):
    """gunicorn's PATH_INFO is percent-decoded: /en/s/x%0A[forged line] arrives with a newline."""
    logger = logger_for(gunicorn_command(*COMMANDS[where]), monkeypatch)
    log_request(logger, f"/en/s/x{separator}{FORGED}", query="")
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    unescaped_quotes = re.findall(r'(?<!\\)"', lines[0])
    assert len(unescaped_quotes) == 2, "the quotes around the request stay the only ones"


@pytest.mark.parametrize("where", COMMANDS)
def test_a_secret_segment_is_hidden_whole_even_with_spaces(where, monkeypatch, capsys):
    logger = logger_for(gunicorn_command(*COMMANDS[where]), monkeypatch)
    log_request(logger, "/kiosk/setup/secret token%2Fmore/next", query="")
    line = capsys.readouterr().out.strip()
    assert '"GET /kiosk/setup/[redacted]/next HTTP/1.1"' in line
    assert "secret" not in line and "token" not in line


@pytest.mark.parametrize("where", COMMANDS)
@pytest.mark.parametrize("peer", [("127.0.0.1", 40000), "/run/ensemble.sock"])
def test_gunicorn_believes_no_forwarded_scheme(where, peer, monkeypatch):
    """Only ProxyFix, per TRUSTED_PROXY_HOPS, may say a request came over HTTPS (HSTS)."""
    monkeypatch.setattr(sys, "argv", ["gunicorn", *gunicorn_command(*COMMANDS[where])[1:]])
    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    cfg = WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").cfg
    raw = b"GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Ssl: on\r\n\r\n"
    request = Request(cfg, IterUnreader([raw]), peer, 1)
    assert request.scheme == "http"

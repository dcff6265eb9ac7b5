"""The server side of bench/load.py: a seeded database, gunicorn as `make run` starts it, faults.

gunicorn is started with the Makefile's command line (feedback_app.gunicorn_config, two
workers unless WEB_CONCURRENCY says otherwise), in its own process group so that a SIGKILL of
the master leaves its workers orphaned, as a crash would. What the bench changes is only the
environment an operator would set: a database of its own, a secret key, one trusted proxy hop
(each simulated resident sends its own X-Forwarded-For address, as residents behind a proxy
have) and a high API rate limit (one token sends every API submission).
"""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEMO_SLUG = "home-support"
TOKEN_OWNER = "facilitator@example.org"


def server_environment(database_url, port):
    return {
        **os.environ,
        "FLASK_APP": "feedback_app",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "load-bench-" + "x" * 32,
        "TRUSTED_PROXY_HOPS": "1",
        "API_RATE_LIMIT": "1000000 per minute",
        "BENCH_PORT": str(port),
    }


def _postgres_admin_url(database_url):
    """The same server, the `postgres` maintenance database, for the psycopg driver."""
    parts = urlsplit(database_url.replace("postgresql+psycopg://", "postgresql://"))
    return urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def _postgres(database_url, *statements):
    import psycopg

    admin_url, name = _postgres_admin_url(database_url)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement.format(name=name))


def fresh_database(database_url, workdir):
    """An empty database for the run: a new SQLite file, or the PostgreSQL database recreated."""
    if database_url is None:
        return f"sqlite:///{workdir / 'load.db'}"
    _postgres(database_url, "DROP DATABASE IF EXISTS {name} WITH (FORCE)", "CREATE DATABASE {name}")
    return database_url


def seed(env):
    """`flask db upgrade` and `flask seed-demo`, as `make run` does."""
    for command in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run(
            [str(BIN / "flask"), *command], cwd=REPO, env=env, check=True, capture_output=True
        )


class Gunicorn:
    """gunicorn serving the app, started, killed and restarted by the bench."""

    def __init__(self, env, port, workers, log_path):
        self.env, self.port, self.workers = env, port, workers
        self.log = open(log_path, "ab")  # noqa: SIM115 (open for the server's whole life)
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=60):
        command = [
            str(BIN / "gunicorn"),
            "--config",
            "python:feedback_app.gunicorn_config",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "feedback_app:create_app()",
        ]
        self.process = subprocess.Popen(
            command,
            cwd=REPO,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/healthz", timeout=10).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s; see {self.log.name}")

    def _workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def kill_master(self):
        """SIGKILL the master, as a crash or an out-of-memory kill would; returns its workers."""
        orphans = self._workers()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        return orphans

    def crash_and_restart(self, grace=5):
        """Kill the master, give its orphaned workers `grace` seconds to notice and exit, SIGKILL
        any left (as systemd stops a crashed unit's processes), start again; returns how many
        had to be killed. An orphaned sync worker goes on serving while requests queue, and
        holds the port the new master needs."""
        orphans = self.kill_master()
        deadline = time.monotonic() + grace
        while any(_alive(pid) for pid in orphans) and time.monotonic() < deadline:
            time.sleep(0.1)
        stuck = [pid for pid in orphans if _alive(pid)]
        for pid in stuck:
            os.kill(pid, signal.SIGKILL)
        self.start()
        return len(stuck)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
        self.log.close()


def _alive(pid):
    """Running (an exited orphan may stay a zombie where nothing reaps it)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def database_outage(database_url, seconds):
    """Make the database unavailable for `seconds`, in a background thread; returns it.

    SQLite: another process holds an exclusive lock, so every write waits out the busy
    timeout and fails with "database is locked". PostgreSQL: the database stops accepting
    connections and the app's are terminated.
    """
    target = _sqlite_lock if database_url.startswith("sqlite") else _postgres_outage
    thread = threading.Thread(target=target, args=(database_url, seconds), daemon=True)
    thread.start()
    return thread


def _sqlite_lock(database_url, seconds):
    connection = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    connection.execute("BEGIN EXCLUSIVE")
    time.sleep(seconds)
    connection.execute("ROLLBACK")
    connection.close()


def _postgres_outage(database_url, seconds):
    _postgres(
        database_url,
        "ALTER DATABASE {name} ALLOW_CONNECTIONS false",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = '{name}' AND pid <> pg_backend_pid()",
    )
    time.sleep(seconds)
    _postgres(database_url, "ALTER DATABASE {name} ALLOW_CONNECTIONS true")

"""Shared fixtures live in tests/fixtures; this file only wires them in and guards CI."""

import os

import pytest

pytest_plugins = ["tests.fixtures.database", "tests.fixtures.people"]

_passed_on_postgres = []


def pytest_runtest_logreport(report):
    # With xdist, workers' reports reach the controlling process through this same hook.
    if report.when == "call" and report.passed and "postgresql" in report.nodeid:
        _passed_on_postgres.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    """In CI, a run whose PostgreSQL leg did not run is a failed run."""
    if os.environ.get("CI") != "true" or exitstatus != 0 or hasattr(session.config, "workerinput"):
        return
    if not _passed_on_postgres:
        print("\nCI=true but no test passed on PostgreSQL: set TEST_DATABASE_URL (see README).")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

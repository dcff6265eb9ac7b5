"""Shared fixtures live in tests/fixtures; this file only wires them in and guards CI."""

import os

import pytest

pytest_plugins = ["tests.fixtures.database", "tests.fixtures.people"]

_passed_per_engine = {"sqlite": 0, "postgresql": 0}


def pytest_runtest_logreport(report):
    # With xdist, workers' reports reach the controlling process through this same hook.
    if report.when == "call" and report.passed:
        for engine in _passed_per_engine:
            if f"[{engine}" in report.nodeid:
                _passed_per_engine[engine] += 1


def pytest_sessionfinish(session, exitstatus):
    """In CI, a run whose database tests ran on SQLite but not on PostgreSQL is a failed run."""
    if os.environ.get("CI") != "true" or exitstatus != 0 or hasattr(session.config, "workerinput"):
        return
    if _passed_per_engine["sqlite"] and not _passed_per_engine["postgresql"]:
        print("\nCI=true but no test passed on PostgreSQL: set TEST_DATABASE_URL (see README).")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

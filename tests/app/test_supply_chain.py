"""The locked dependency set: every dependency pinned within setup.cfg's bounds, installs that
use it, and the vulnerability audit's decisions (tools/audit_dependencies.py)."""

import configparser
import datetime
import re
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import audit_dependencies as audit  # noqa: E402

TODAY = datetime.date(2026, 12, 3)


def locked_versions():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not an exact pin: {line!r}"
            pins[canonicalize_name(name)] = version
    return pins


def declared_requirements():
    setup = configparser.ConfigParser()
    setup.read(ROOT / "setup.cfg")
    lines = setup["options"]["install_requires"].splitlines()
    for extra in ("postgres", "test"):
        lines += setup["options.extras_require"][extra].splitlines()
    return [Requirement(line) for line in lines if line.strip()]


def test_every_dependency_is_locked_within_its_bounds():
    pins = locked_versions()
    for requirement in declared_requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in constraints.txt: run `make lock`"
        assert requirement.specifier.contains(pins[name]), (name, pins[name], "run `make lock`")


def test_every_install_takes_the_locked_versions():
    makefile = (ROOT / "Makefile").read_text()
    installs = re.findall(r"^\t\$\(BIN\)/pip install .*$", makefile, re.MULTILINE)
    assert len(installs) == 2
    assert all("-c constraints.txt" in line for line in installs)
    assert re.search(r"^test: .*\baudit\b", makefile, re.MULTILINE)


def report(*vulnerabilities, skipped=()):
    dependencies = [{"name": "jinja2", "version": "3.1.0", "vulns": list(vulnerabilities)}]
    return {"dependencies": dependencies + [{"name": n, "skip_reason": "..."} for n in skipped]}


CVE = {"id": "PYSEC-2099-1", "aliases": ["GHSA-aaaa-bbbb-cccc"], "fix_versions": ["3.1.9"]}


def test_a_known_vulnerability_fails_the_audit_naming_its_fix():
    passed, unreachable, lines = audit.judge(report(CVE), {}, TODAY)
    assert not passed and not unreachable
    assert "VULNERABLE jinja2 3.1.0: PYSEC-2099-1 (fixed in: 3.1.9)" in lines


def test_an_allowed_vulnerability_passes_until_its_review_date():
    allowed = audit.read_allow_list("GHSA-aaaa-bbbb-cccc | 2026-12-31 | sandboxed templates only")
    passed, _, lines = audit.judge(report(CVE), allowed, TODAY)
    assert passed and any(line.startswith("Allowed jinja2") for line in lines)
    passed, _, lines = audit.judge(report(CVE), allowed, datetime.date(2027, 1, 1))
    assert not passed and any(line.startswith("REVIEW DUE jinja2") for line in lines)


def test_an_audit_that_reached_no_data_says_nothing_was_checked():
    nothing = {"dependencies": [{"name": "flask", "skip_reason": "Dependency not found on PyPI"}]}
    passed, unreachable, lines = audit.judge(nothing, {}, TODAY)
    assert unreachable and not passed and "NOT DONE" in lines[0]
    passed, unreachable, lines = audit.judge(report(skipped=["flask"]), {}, TODAY)
    assert passed and not unreachable and "1 locked packages audited, 1 not audited." in lines


@pytest.mark.parametrize(
    "line", ["PYSEC-1 | 2027-01-01", "PYSEC-1 | someday | reason", "PYSEC-1 | 2027-01-01 | "]
)
def test_an_allow_list_entry_needs_an_id_a_review_date_and_a_reason(line):
    with pytest.raises(audit.AllowListError, match="line 2"):
        audit.read_allow_list(f"# comment\n{line}")


def test_the_shipped_allow_list_reads_and_has_no_review_due():
    entries = audit.read_allow_list((ROOT / "audit-allowlist.txt").read_text())
    assert all(review_by >= datetime.date.today() for review_by, _ in entries.values())


def test_pip_audit_failing_for_our_own_reason_is_never_taken_for_the_network(tmp_path):
    with pytest.raises(audit.AuditFailed, match="pip-audit failed"):
        audit.run_pip_audit(tmp_path / "missing-constraints.txt")

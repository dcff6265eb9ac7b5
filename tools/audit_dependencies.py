"""Audit the locked dependency set (constraints.txt) for known vulnerabilities with pip-audit.

`make audit` runs it, and `make test` runs `make audit`. What it decides:

- A known vulnerability in a locked version fails the build, named with the versions that fix
  it, unless `audit-allowlist.txt` accepts it: one line per vulnerability, `ID | review by
  YYYY-MM-DD | why Ensemble is not affected`. An entry past its review date fails the build
  until someone looks again and moves the date.
- pip-audit needs the vulnerability data of the package index. When it cannot get it (no
  network, the service down, or a mirror that does not serve it: pip-audit then skips every
  package and still reports "no known vulnerabilities"), this says loudly that nothing was
  audited, and the build goes on: the tests still prove what they prove offline, and a build
  machine without network (this project's own CI sandbox) would otherwise never pass. Set
  AUDIT_REQUIRED=1 where the network is there (a release pipeline) to make an audit that could
  not run fail the build.
- It never hangs: pip-audit's own network timeout per request, and the whole run stopped
  after TIMEOUT_SECONDS.

The locked versions are audited as they are (`--no-deps --disable-pip`): nothing is installed.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_SECONDS = 300
REQUEST_TIMEOUT_SECONDS = 15
# What pip-audit's errors say when the network, not the audit, failed.
NETWORK_ERRORS = (
    "ConnectionError",
    "NameResolutionError",
    "Max retries exceeded",
    "timed out",
    "Timeout",
    "ProxyError",
    "SSLError",
    "Temporary failure in name resolution",
)
UNREACHABLE = (
    "Dependency audit NOT DONE: the vulnerability data could not be fetched ({why}). "
    "Nothing was checked; run `make audit` again with network access."
)


class AllowListError(ValueError):
    """A line of the allow-list that does not say what, until when and why."""


def read_allow_list(text):
    """{vulnerability id: (review date, reason)} from the allow-list's lines."""
    entries = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 3 or not all(parts):
            raise AllowListError(f"line {number}: write `ID | review by YYYY-MM-DD | reason`")
        identifier, review_by, reason = parts
        try:
            entries[identifier] = (datetime.date.fromisoformat(review_by), reason)
        except ValueError:
            raise AllowListError(f"line {number}: {review_by!r} is not a date") from None
    return entries


def judge(report, allowed, today):
    """(passed, unreachable, lines to print) for pip-audit's JSON report."""
    lines, failed = [], False
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if "skip_reason" in d]
    if dependencies and len(skipped) == len(dependencies):
        return False, True, [UNREACHABLE.format(why=skipped[0]["skip_reason"])]
    lines += [f"Not audited: {d['skip_reason']}" for d in skipped]
    for dependency in dependencies:
        for vulnerability in dependency.get("vulns", []):
            names = [vulnerability["id"], *vulnerability.get("aliases", [])]
            accepted = next((allowed[name] for name in names if name in allowed), None)
            where = f"{dependency['name']} {dependency['version']}: {vulnerability['id']}"
            if accepted is None:
                fixes = ", ".join(vulnerability.get("fix_versions", [])) or "none yet"
                lines.append(f"VULNERABLE {where} (fixed in: {fixes})")
                failed = True
            elif accepted[0] < today:
                lines.append(f"REVIEW DUE {where}: allowed until {accepted[0]} ({accepted[1]})")
                failed = True
            else:
                lines.append(f"Allowed {where} until {accepted[0]}: {accepted[1]}")
    audited = len(dependencies) - len(skipped)
    lines.append(f"{audited} locked packages audited, {len(skipped)} not audited.")
    return not failed, False, lines


class AuditFailed(RuntimeError):
    """pip-audit could not run for a reason of ours (not the network): always a failed build."""


def run_pip_audit(constraints):
    """pip-audit's JSON report, or (None, why) when the vulnerability data was out of reach."""
    command = [
        *(sys.executable, "-m", "pip_audit", "--requirement", str(constraints)),
        *("--no-deps", "--disable-pip", "--format", "json", "--progress-spinner", "off"),
        *("--timeout", str(REQUEST_TIMEOUT_SECONDS)),
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return None, f"no answer within {TIMEOUT_SECONDS} s"
    try:
        return json.loads(result.stdout), None
    except json.JSONDecodeError:
        pass
    last_line = (result.stderr.strip().splitlines() or ["pip-audit gave no report"])[-1]
    if any(marker in result.stderr for marker in NETWORK_ERRORS):
        return None, last_line
    raise AuditFailed(f"pip-audit failed: {last_line}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--constraints", default=ROOT / "constraints.txt", type=Path)
    parser.add_argument("--allow-list", default=ROOT / "audit-allowlist.txt", type=Path)
    options = parser.parse_args(argv)
    required = os.environ.get("AUDIT_REQUIRED") == "1"
    try:
        allowed = read_allow_list(options.allow_list.read_text(encoding="utf-8"))
    except AllowListError as error:
        print(f"{options.allow_list}: {error}")
        return 1
    try:
        report, why = run_pip_audit(options.constraints)
    except AuditFailed as error:
        print(error)
        return 1
    if report is None:
        passed, unreachable, lines = False, True, [UNREACHABLE.format(why=why)]
    else:
        passed, unreachable, lines = judge(report, allowed, datetime.date.today())
    print("\n".join(lines))
    if unreachable:
        print("AUDIT_REQUIRED=1: failing." if required else "Going on (AUDIT_REQUIRED is not 1).")
        return 1 if required else 0
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

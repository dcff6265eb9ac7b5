"""Load and faults: simulated residents and a partner's API calls against gunicorn as `make run`
serves it, compared with /healthz and a bare route measured in the same run.

Run from the repository root (SQLite in a temporary directory unless --database-url names a
PostgreSQL database, which is dropped and recreated):

    .venv/bin/python bench/load.py [--residents 200] [--duration 60] [--faults]
        [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/ensemble_load]

The run is four phases with the same number of concurrent clients: GET /healthz, GET / with a
saved language (a redirect: the framework alone, no database), API submissions, and the
residents' HTML flow from the start page to the receipt. With --faults, the API and flow phases
each have the gunicorn master killed (SIGKILL) and restarted a third of the way in, and the
database made unavailable two thirds of the way in.

Targets (the exit status is 1 when one is missed): every acknowledged submission stored exactly
once (0 lost, 0 duplicated), no 5xx but the "try again, your answers are kept" 503 while the
database is down, which must be that page (never a stack trace nor "database is locked"), and
residents who met a fault finish with all their answers. Printed beside them, not enforced
(they depend on the machine): each request's cost against /healthz (from gunicorn's own
timings in its access log: API submission >= 0.3x, each page >= 0.5x), and the time to complete
the flow (p95 under 5 s at 200 residents).
"""

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from load_clients import Partner, Prober, Recorder, Resident, kind_of
from load_ledger import prepare, stored
from load_server import DEMO_SLUG, Gunicorn, database_outage, fresh_database, seed
from load_server import server_environment as environment

ACCESS_LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<path>\S+) [^"]*" (?P<status>\d+) \S+ (?P<ms>\d+)ms'
)
# Each phase's share of --duration.
SHARES = {"healthz": 1 / 6, "bare": 1 / 6, "api": 1 / 4, "flow": 5 / 12}
TARGET_RATIOS = {"api": 0.3, "flow": 0.5}
FLOW_P95_TARGET = 5.0


def run_phase(recorder, clients, seconds, act, faults=None):
    """Every client acts again and again for `seconds`, finishing what it began unless that
    takes as long again (or 30 s)."""
    deadline = time.monotonic() + seconds
    recorder.hard_stop = deadline + max(30.0, seconds)

    def loop(client):
        while time.monotonic() < deadline:
            act(client)

    threads = [threading.Thread(target=loop, args=(client,)) for client in clients]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    if faults:
        recorder.hard_stop = float("inf")
        faults(seconds)
        # Residents caught by a fault get as long again after it to finish their visit.
        recorder.hard_stop = time.monotonic() + max(30.0, seconds)
    for thread in threads:
        thread.join()
    return time.monotonic() - started


def fault_schedule(server, database_url, outage_seconds, log):
    """Kill and restart the master a third of the way in; the database away at two thirds."""

    def inject(seconds):
        began = time.monotonic()
        time.sleep(seconds / 3)
        log.append(f"{time.monotonic() - began:5.1f} s: SIGKILL gunicorn master, restart")
        stuck = server.crash_and_restart()
        log.append(
            f"{time.monotonic() - began:5.1f} s: gunicorn serving again ({stuck} workers killed)"
        )
        time.sleep(max(0.0, began + 2 * seconds / 3 - time.monotonic()))
        log.append(f"{time.monotonic() - began:5.1f} s: database unavailable {outage_seconds} s")
        database_outage(database_url, outage_seconds).join()
        log.append(f"{time.monotonic() - began:5.1f} s: database back")

    return inject


def server_times(log_path):
    """{kind: [milliseconds]} from gunicorn's access log (its own time for each request)."""
    found = {}
    for line in Path(log_path).read_text(errors="replace").splitlines():
        match = ACCESS_LINE.search(line)
        if match:
            kind = kind_of(match["method"], match["path"])
            # The log floors to whole milliseconds: half of one restores the mean.
            found.setdefault(kind, []).append(int(match["ms"]) + 0.5)
    return found


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def print_requests(recorder, elapsed, server_ms, faults):
    """One line per kind of request; returns the number of 5xx that count against the target."""
    healthz_ms = statistics.fmean(server_ms.get("/healthz", [float("nan")]))
    print(
        f"{'request':28} {'sent':>6} {'5xx':>4} {'per s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'server ms':>9} {'x /healthz':>10}"
    )
    counted = 0
    for kind, results in sorted(recorder.by_kind().items()):
        seconds = [s * 1000 for _, s in results]
        errors = sum(status >= 500 for status, _ in results)
        # With --faults, the 503 "try again" page is what residents must get (checked apart).
        counted += sum(status >= 500 and not (faults and status == 503) for status, _ in results)
        server = statistics.fmean(server_ms.get(kind, [float("nan")]))
        print(
            f"{kind:28} {len(results):6d} {errors:4d} {len(results) / elapsed[kind]:7.1f} "
            f"{percentile(seconds, 0.5):7.0f} {percentile(seconds, 0.95):7.0f} "
            f"{percentile(seconds, 0.99):7.0f} {server:9.1f} {healthz_ms / server:10.2f}"
        )
    return counted


def ratio_lines(server_ms):
    healthz = statistics.fmean(server_ms["/healthz"])
    for kind, values in sorted(server_ms.items()):
        family = kind.split(":")[0]
        if family in TARGET_RATIOS:
            ratio = healthz / statistics.fmean(values)
            met = "met" if ratio >= TARGET_RATIOS[family] else "missed"
            yield f"  {kind:28} {ratio:5.2f}x /healthz (target {TARGET_RATIOS[family]}x: {met})"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=200, help="concurrent clients")
    parser.add_argument("--duration", type=float, default=60, help="seconds, all phases")
    parser.add_argument("--database-url", help="a PostgreSQL database to recreate (default SQLite)")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2)))
    parser.add_argument("--port", type=int, default=5890)
    parser.add_argument("--faults", action="store_true", help="kill the master, lose the database")
    parser.add_argument("--outage", type=float, default=8, help="seconds the database is away")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="ensemble-load-"))
    database_url = fresh_database(args.database_url, workdir)
    env = environment(database_url, args.port)
    print(f"Seeding the demo into {database_url.rsplit('@', 1)[-1]} ...", flush=True)
    seed(env)
    demo = prepare(database_url, DEMO_SLUG)
    server = Gunicorn(env, args.port, args.workers, workdir / "gunicorn.log")
    marker = f"load {uuid.uuid4().hex[:10]}"
    recorder = Recorder()
    fault_log = []
    faults = fault_schedule(server, database_url, args.outage, fault_log) if args.faults else None
    n, base = args.residents, server.url
    elapsed = {}
    try:
        server.start()
        seconds = {phase: args.duration * share for phase, share in SHARES.items()}
        elapsed["/healthz"] = run_phase(
            recorder,
            [Prober(base, recorder, i) for i in range(n)],
            seconds["healthz"],
            lambda c: c.probe("/healthz"),
        )
        elapsed["bare: /"] = run_phase(
            recorder,
            [Prober(base, recorder, i) for i in range(n)],
            seconds["bare"],
            lambda c: c.probe("/", cookies={"lang": "en"}),
        )
        elapsed["api: submit"] = run_phase(
            recorder,
            [Partner(base, recorder, i, demo) for i in range(n)],
            seconds["api"],
            lambda c: c.submit(DEMO_SLUG, marker),
            faults,
        )
        elapsed["flow"] = run_phase(
            recorder,
            [Resident(base, recorder, i) for i in range(n)],
            seconds["flow"],
            lambda c: c.visit(DEMO_SLUG, marker),
            faults,
        )
    finally:
        server.stop()
    status = report(args, recorder, elapsed, workdir, database_url, marker, fault_log, demo)
    if status:
        print(f"gunicorn's log and the database are kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return status


def report(args, recorder, elapsed, workdir, database_url, marker, fault_log, demo):
    kinds = recorder.by_kind()
    elapsed = {k: elapsed.get(k, elapsed["flow"]) for k in kinds}
    server_ms = server_times(workdir / "gunicorn.log")
    engine = "PostgreSQL" if database_url.startswith("postgresql") else "SQLite"
    print(
        f"\n{args.residents} concurrent clients, {args.duration:.0f} s, {engine}, "
        f"{args.workers} gunicorn workers{', with faults' if args.faults else ''}"
    )
    for line in fault_log:
        print("  " + line)
    fivexx = print_requests(recorder, elapsed, server_ms, args.faults)
    print("\nCost of each request against /healthz (gunicorn's own time per request):")
    print("\n".join(ratio_lines(server_ms)))

    rows = stored(database_url, marker)
    acknowledged = recorder.acknowledged
    lost = sorted(name for name in acknowledged if name not in rows)
    duplicated = sum(n - 1 for n, _ in rows.values() if n > 1)
    expected_answers = len(demo.questions)  # residents rate every question
    incomplete = [
        name
        for name in acknowledged
        if " web-" in name and name in rows and rows[name][1] != expected_answers
    ]
    completions = recorder.completions
    print(
        f"\nacknowledged submissions  {len(acknowledged)} "
        f"(API {sum(' api-' in a for a in acknowledged)}, residents {len(completions)})"
    )
    print(
        f"stored rows               {sum(n for n, _ in rows.values())} "
        f"(of them never acknowledged: {len(set(rows) - acknowledged)})"
    )
    print(f"lost                      {len(lost)}")
    print(f"duplicated                {duplicated}")
    print(f"5xx                       {fivexx}")
    print(f"refused connections       {recorder.refused}  (server restarting; sent again)")
    print(
        f"'try again' 503 pages     {sum(s == 503 for s, _ in sum(kinds.values(), []))}, "
        f"unclear: {len(recorder.unclear_pages)}"
    )
    print(
        f"acknowledged after a fault {len(recorder.interrupted)}, "
        f"stored without all their answers: {len(incomplete)}"
    )
    print(f"abandoned visits          {recorder.abandoned}")
    if completions:
        print(
            f"flow completed            {len(completions)} "
            f"({len(completions) / elapsed.get('flow: start', 1):.1f}/s), time to complete "
            f"p50 {percentile(completions, 0.5):.1f} s, p95 {percentile(completions, 0.95):.1f} s, "
            f"p99 {percentile(completions, 0.99):.1f} s (target p95 < {FLOW_P95_TARGET} s)"
        )
    for page in recorder.unclear_pages[:3]:
        print("unclear 503 page:", page[:300].replace("\n", " "))
    missed = lost or duplicated or fivexx or recorder.unclear_pages or incomplete
    print(
        "\nTargets (0 lost, 0 duplicated, 0 5xx, clear 503 pages, drafts kept):",
        "MISSED" if missed else "met",
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Time the insights analyses at scale: counted by the database against loaded row by row.

Seeds N random responses of every shape (feedback_app/demo/bulk.py; COPY on PostgreSQL) into
a database of its own, then times, uncached, the analyses behind the insights pages (equity
gaps, journey, overview, participation, outreach) through the count cubes the pages use and,
up to --frame-limit responses, through the frame of one row per response the cubes replaced
(tests/insights/frame_path.py, the equality tests' oracle), and the streamed CSV export of
every response (insights/response_rows.py). Each path runs in a fresh process, as a web worker
would, whose peak memory (max RSS) is printed. Run from the repository root:

    .venv/bin/python bench/insights_scale.py [--responses 10000]
        [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/test] [--schema NAME]
        [--seed-only]

On PostgreSQL the tables go into their own schema (default bench_insights), dropped at the end
unless --keep. Targets (issue 11): at 1,000,000 responses every analysis under 2 s, the worker
under 300 MB and the seeding under 3 minutes; at 100,000 the count cubes at least 10x faster
than the frame.
"""

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

# The frame path is the tests' oracle, measured as it is: the repository root must import.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text  # noqa: E402

ANALYSES = ("gaps", "journey", "overview", "participation", "outreach")


def app_for(url):
    from feedback_app import create_app

    return create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})


def schema_url(url, schema):
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


def seed(url, responses):
    """Create the tables and the demo service, bulk-insert the responses, then ANALYZE them;
    prints the seconds of each as soon as it is done."""
    from feedback_app.demo.bulk import seed_random_responses
    from feedback_app.demo.seed import seed_catalogue, seed_kiosks, seed_reference_population
    from feedback_app.extensions import db

    app = app_for(url)
    with app.app_context():
        db.create_all()
        service = seed_catalogue()
        kiosks = seed_kiosks(service)
        seed_reference_population(service)
        db.session.commit()
        started = time.perf_counter()
        seed_random_responses(service, count=responses, seed=11, kiosks=[k for k, _ in kiosks])
        db.session.commit()
        seconds = time.perf_counter() - started
        print(f"{responses:,} responses seeded in {seconds:.1f} s", flush=True)
        if db.engine.dialect.name == "postgresql":
            started = time.perf_counter()
            # Its own tables only: a bare ANALYZE locks every table of the database, other
            # schemas' too, and deadlocks with a test run truncating them on the same server.
            for table in db.metadata.sorted_tables:
                db.session.execute(text(f'ANALYZE "{table.name}"'))
            db.session.commit()
            print(f"ANALYZE of its tables: {time.perf_counter() - started:.1f} s", flush=True)


def _cube_path(service, name):
    from feedback_app.insights import analyses

    run = {
        "gaps": lambda: analyses.equity_gaps(service),
        "journey": lambda: analyses.journey(service),
        "overview": lambda: analyses.overview(service),
        "participation": lambda: analyses.participation(service),
        "outreach": lambda: analyses.outreach(service),
    }
    return run[name]()


def _frame_path(service, name):
    from feedback_app.insights import analyses
    from feedback_app.insights.filters import InsightFilter
    from tests.insights import frame_path

    chosen = InsightFilter().responses
    frame = frame_path.frame_of(service, chosen)
    reference = analyses.reference_table(analyses.latest_reference(service))
    run = {
        "gaps": lambda: frame_path.gaps(service, chosen, frame),
        "journey": lambda: frame_path.journey(service, frame),
        "overview": lambda: frame_path.overview(
            service, chosen, frame, analyses._answerable_until(None)
        ),
        "participation": lambda: frame_path.representation(frame, reference),
        "outreach": lambda: frame_path.outreach(service, chosen),
    }
    return run[name]()


def peak_mb():
    """This process's peak RSS. Linux keeps ru_maxrss across exec, so a spawned worker would
    report the seeding parent's peak; VmHWM starts again with the new program."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(url, path, results):
    """In a fresh process: seconds per analysis, uncached, and the process's peak RSS (MB)."""
    from flask import current_app, g

    from feedback_app.catalogue.models import Service
    from feedback_app.extensions import db
    from feedback_app.insights.filters import InsightFilter

    app = app_for(url)
    timings = {}
    with app.test_request_context():
        service = db.session.scalars(db.select(Service)).first()
        # A worker that has served a page before: modules imported, queries compiled.
        _warm_up(service, InsightFilter(since=datetime(2099, 1, 1, tzinfo=UTC)))
        for name in ANALYSES:
            current_app.extensions.pop("insights_results", None)
            g.pop("_insights_fingerprints", None)
            started = time.perf_counter()
            (_cube_path if path == "cubes" else _frame_path)(service, name)
            timings[name] = time.perf_counter() - started
    results.put((timings, peak_mb()))


def measure_rows(url, results):
    """In a fresh process: seconds and bytes of the CSV of every response, and peak RSS (MB)."""
    from flask import current_app

    from feedback_app.catalogue.models import Service
    from feedback_app.extensions import db
    from feedback_app.insights.filters import InsightFilter
    from feedback_app.insights.response_files import csv_file
    from feedback_app.insights.response_rows import Layout, row_batches

    app = app_for(url)
    with app.test_request_context():
        service = db.session.scalars(db.select(Service)).first()
        started = time.perf_counter()
        layout = Layout.of(service)
        batch_size = current_app.config["EXPORT_BATCH_SIZE"]
        batches = row_batches(service, InsightFilter(), layout, batch_size=batch_size)
        size = sum(len(chunk.encode()) for chunk in csv_file(layout, batches, {}))
        seconds = time.perf_counter() - started
    results.put((seconds, size, peak_mb()))


def explain(url):
    """EXPLAIN ANALYZE of every query the count path sends for an uncached page set."""
    from flask import current_app
    from sqlalchemy import event

    from feedback_app.catalogue.models import Service
    from feedback_app.extensions import db

    app = app_for(url)
    sent = []
    with app.test_request_context():
        service = db.session.scalars(db.select(Service)).first()

        def keep(conn, cursor, statement, parameters, context, executemany):
            if statement.lstrip().upper().startswith("SELECT") and "GROUP BY" in statement:
                sent.append((statement, parameters))

        event.listen(db.engine, "before_cursor_execute", keep)
        current_app.extensions.pop("insights_results", None)
        for name in ANALYSES:
            _cube_path(service, name)
        event.remove(db.engine, "before_cursor_execute", keep)
        connection = db.session.connection()
        for statement, parameters in {(s, repr(p)): (s, p) for s, p in sent}.values():
            plan = connection.exec_driver_sql(f"EXPLAIN ANALYZE {statement}", parameters)
            print("\n" + statement.strip().splitlines()[0][:100] + " ...")
            print("\n".join(row[0] for row in plan))


def _warm_up(service, nobody):
    from feedback_app.insights import analyses

    for analysis in (analyses.equity_gaps, analyses.journey, analyses.overview):
        analysis(service, nobody)


def in_fresh_process(url, path):
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    if path == "rows":
        worker = context.Process(target=measure_rows, args=(url, results))
    else:
        worker = context.Process(target=measure, args=(url, path, results))
    worker.start()
    measured = results.get()
    worker.join()
    return measured


def stored_responses(url):
    """How many responses a --keep run left (what --reuse times)."""
    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM response")).scalar_one()
    engine.dispose()
    return count


def report(responses, reused, cubes, frames, rows):
    (cube_times, cube_peak), (frame_times, frame_peak) = cubes, frames or ({}, None)
    print(f"\n{responses:,} responses{' (reused)' if reused else ''}")
    print(f"{'analysis':<14}{'cubes (s)':>11}{'frame (s)':>11}{'ratio':>9}")
    for name in ANALYSES:
        frame = frame_times.get(name)
        ratio = f"{frame / cube_times[name]:.1f}x" if frame else "–"
        shown = f"{frame:.2f}" if frame else "–"
        print(f"{name:<14}{cube_times[name]:>11.2f}{shown:>11}{ratio:>9}")
    total_cubes = sum(cube_times.values())
    line = f"{'all':<14}{total_cubes:>11.2f}"
    if frame_times:
        total_frames = sum(frame_times.values())
        line += f"{total_frames:>11.2f}{total_frames / total_cubes:>8.1f}x"
    print(line)
    print(f"peak memory of the worker: cubes {cube_peak:.0f} MB", end="")
    print(f", frame {frame_peak:.0f} MB" if frame_peak else " (frame path not run)")
    rows_seconds, rows_bytes, rows_peak = rows
    print(
        f"CSV of every response, streamed: {rows_seconds:.1f} s, {rows_bytes / 2**20:.1f} MB, "
        f"peak memory of the worker {rows_peak:.0f} MB"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--database-url", help="PostgreSQL URL; by default a temporary SQLite")
    parser.add_argument("--schema", default="bench_insights")
    parser.add_argument("--frame-limit", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL schema")
    parser.add_argument(
        "--reuse", action="store_true", help="time the responses a --keep run left; seed nothing"
    )
    parser.add_argument(
        "--explain", action="store_true", help="print the counts' query plans, seed nothing"
    )
    parser.add_argument("--seed-only", action="store_true", help="time the seeding, nothing else")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        if options.database_url and not (options.explain or options.reuse):
            engine = create_engine(options.database_url)
            with engine.begin() as connection:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{options.schema}" CASCADE'))
                connection.execute(text(f'CREATE SCHEMA "{options.schema}"'))
            url = schema_url(options.database_url, options.schema)
        else:
            url = f"sqlite:///{Path(directory) / 'bench.db'}"
        if options.explain:
            explain(schema_url(options.database_url, options.schema))
            return
        if options.reuse:
            url = schema_url(options.database_url, options.schema)
        try:
            if not options.reuse:
                seed(url, options.responses)
            if options.seed_only:
                return
            responses = stored_responses(url) if options.reuse else options.responses
            cubes = in_fresh_process(url, "cubes")
            frames = None
            if responses <= options.frame_limit:
                frames = in_fresh_process(url, "frame")
            rows = in_fresh_process(url, "rows")
            report(responses, options.reuse, cubes, frames, rows)
        finally:
            if options.database_url and not (options.keep or options.reuse):
                with engine.begin() as connection:
                    connection.execute(text(f'DROP SCHEMA IF EXISTS "{options.schema}" CASCADE'))


if __name__ == "__main__":
    main()

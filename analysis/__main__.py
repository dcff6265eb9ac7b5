"""Command line: ``python -m analysis report responses.csv [--reference census.csv] --out DIR``."""

import argparse
import sys

from ._report import write_report
from ._validate import AnalysisInputError

EXIT_BAD_INPUT = 2


def main(argv=None):
    """Run the command line; return the exit code (0 done, 2 bad input or usage)."""
    args = _parser().parse_args(argv)
    try:
        written = write_report(
            args.responses,
            out=args.out,
            reference_path=args.reference,
            max_order=args.max_order,
            min_n_test=args.min_n_test,
            suppress_below=args.suppress_below,
        )
    except AnalysisInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for path in written:
        print(path)
    return 0


def _parser():
    """The argument parser of the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis", description="Equity analysis of service feedback."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser(
        "report", help="write gaps, representation, journey, themes and insights"
    )
    report.add_argument("responses", help="responses CSV, one row per response")
    report.add_argument("--reference", help="census CSV with dimension, group, population")
    report.add_argument("--out", required=True, help="directory for the CSV files and summary.md")
    report.add_argument("--max-order", type=int, default=2, help="largest segment combination")
    report.add_argument("--min-n-test", type=int, default=30, help="smallest group tested")
    report.add_argument("--suppress-below", type=int, default=10, help="smallest group shown")
    return parser


if __name__ == "__main__":
    sys.exit(main())

"""The command line: python -m analysis report responses.csv [--reference ...] --out DIR."""

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis import synthetic_responses
from analysis.__main__ import main
from analysis._progress import Progress
from analysis._report import FILE_NOT_FOUND, NO_SEGMENTS, NOT_CSV, OUT_NOT_DIRECTORY
from analysis._representation import REFERENCE_MISSING_COLUMN
from analysis._validate import MISSING_COLUMN, NO_STANDARD_SCALE, UNKNOWN_COLUMN

CENSUS = "dimension,group,population\ndisability,yes,300\ndisability,no,700\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("input")
    responses = synthetic_responses(1500, seed=31, comments=True)
    responses.to_csv(folder / "responses.csv", index=False)
    (folder / "census.csv").write_text(CENSUS, encoding="utf-8")
    return folder


def run(capsys, *arguments):
    code = main(["report", *map(str, arguments)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_full_report(files, tmp_path, capsys):
    code, out, err = run(
        capsys, files / "responses.csv", "--reference", files / "census.csv", "--out", tmp_path
    )
    assert code == 0
    names = ["gaps", "representation", "journey", "themes", "insights"]
    assert out.split() == [str(tmp_path / f"{n}.csv") for n in names] + [
        str(tmp_path / "summary.md")
    ]
    assert "[########################] 6/6 insights" in err
    insights = pd.read_csv(tmp_path / "insights.csv")
    assert isinstance(json.loads(insights["reason_params"][0]), dict)
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("# Equity report") and "Responses: 1500" in summary
    assert "Participation score R: disability" in summary


def test_a_report_without_reference_or_text(files, tmp_path, capsys):
    frame = pd.read_csv(files / "responses.csv").drop(columns=["comment", "lang"])
    frame.to_csv(tmp_path / "plain.csv", index=False)
    code, out, _ = run(capsys, tmp_path / "plain.csv", "--out", tmp_path / "report")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "report").iterdir()) == [
        "gaps.csv",
        "insights.csv",
        "journey.csv",
        "summary.md",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, lambda path: FILE_NOT_FOUND.format(path=path)),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00",
            lambda path: NOT_CSV.format(path=path),
        ),
        (b"", lambda path: NOT_CSV.format(path=path)),
        (b"response_id,ease\n1,3\n", lambda _: NO_SEGMENTS),
        (b"gender,ease\nwoman,3\n", lambda _: MISSING_COLUMN.format(column="response_id")),
        (
            b"response_id,gender,ease\n1,woman,3\n2,man,9\n",
            lambda _: NO_STANDARD_SCALE.format(column="ease", value=9),
        ),
        (
            b"response_id,gender,notes\n1,woman,hi\n",
            lambda _: UNKNOWN_COLUMN.format(column="notes"),
        ),
    ],
)
def test_bad_files_give_one_clear_line_and_exit_code_2(tmp_path, capsys, content, expected):
    path = tmp_path / "responses.csv"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, path, "--out", tmp_path / "report")
    assert (code, out, err) == (2, "", f"error: {expected(path)}\n")
    assert not (tmp_path / "report").exists()


def test_a_bad_reference_or_output_folder_exits_with_2(files, tmp_path, capsys):
    (tmp_path / "census.csv").write_text("dimension,group\n", encoding="utf-8")
    code, _, err = run(
        capsys, files / "responses.csv", "--reference", tmp_path / "census.csv", "--out", tmp_path
    )
    assert (code, err) == (2, f"error: {REFERENCE_MISSING_COLUMN.format(column='population')}\n")
    (tmp_path / "taken").write_text("", encoding="utf-8")
    code, _, err = run(capsys, files / "responses.csv", "--out", tmp_path / "taken")
    assert (code, err) == (2, f"error: {OUT_NOT_DIRECTORY.format(path=tmp_path / 'taken')}\n")


def test_usage_errors_exit_with_2(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["report", "responses.csv"])
    assert raised.value.code == 2
    assert "--out" in capsys.readouterr().err


def test_python_dash_m_analysis_runs(files, tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "analysis", "report", files / "responses.csv", "--out", tmp_path],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "summary.md").exists()


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_the_progress_bar_redraws_in_place_on_a_terminal():
    stream = Terminal()
    progress = Progress(2, stream=stream, width=4)
    progress.advance("read")
    progress.advance("done")
    assert stream.getvalue().startswith("\r[##..] 1/2 read")
    assert "\r[####] 2/2 done" in stream.getvalue() and stream.getvalue().endswith("\n")

"""`pip install .` gives a working app: the wheel holds every package and template, and finds
static files and translations through ENSEMBLE_HOME, as docs/deployment.md says.

The wheel is built offline (no build isolation: the test extra brings `wheel`) from a copy of
the sources, so no build/ folder lands in the checkout. It is installed, without dependencies,
into a fresh virtual environment that borrows them from the one running the tests, then
started from a folder outside the checkout.
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[2]
SOURCES = ("setup.cfg", "pyproject.toml", "README.md", "feedback_app", "analysis")
# Run inside the fresh environment: what a deployment would see on its first requests.
START_THE_APP = textwrap.dedent(
    """
    import json, os
    import feedback_app
    from feedback_app import create_app
    from feedback_app.extensions import db

    seen = {"package": feedback_app.__file__}
    try:
        create_app({"ENV_NAME": "production", "SECRET_KEY": "s" * 40})
    except RuntimeError as refusal:
        seen["production"] = str(refusal)
    app = create_app({"ENV_NAME": "testing"})
    with app.app_context():
        db.create_all()
    client = app.test_client()
    seen["healthz"] = client.get("/healthz").status_code
    seen["home"] = client.get("/en/").status_code
    seen["style"] = client.get("/static/css/app.css").status_code
    french = app.test_client()  # without the language cookie /en/ left
    seen["french"] = french.get("/nowhere", headers={"Accept-Language": "fr"}).text
    print(json.dumps(seen))
    """
)


def run(*command, **kwargs):
    done = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The python of a fresh venv where only the built wheel of Ensemble is installed."""
    work = tmp_path_factory.mktemp("packaging")
    for name in SOURCES:
        source, copy = CHECKOUT / name, work / "src" / name
        if source.is_dir():
            shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, copy)
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check")
    run(*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", work / "dist",
        work / "src")  # fmt: skip
    [wheel] = (work / "dist").glob("ensemble-*.whl")
    run(sys.executable, "-m", "venv", "--without-pip", work / "venv")
    python = work / "venv" / "bin" / "python"
    run(*pip, "--python", python, "install", "--no-deps", "--no-index", wheel)
    # Only now, so pip never saw (nor touched) the test environment's packages.
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    dependencies = sysconfig.get_paths()["purelib"]
    (Path(purelib.strip()) / "test-dependencies.pth").write_text(dependencies + "\n")
    return python, work


def start(installed, **environment):
    """What the app served when started from outside the checkout with `environment`."""
    python, work = installed
    outside = work / "elsewhere"
    outside.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ENSEMBLE_HOME")}
    output = run(python, "-c", START_THE_APP, cwd=outside, env={**env, **environment})
    return json.loads(output.splitlines()[-1])


@pytest.fixture(scope="module")
def started(installed):
    return start(installed)


def test_the_installed_wheel_starts_and_serves_its_pages(installed, started):
    assert started["package"].startswith(str(installed[1] / "venv"))
    assert (started["healthz"], started["home"]) == (200, 200)


def test_static_files_and_translations_come_from_ensemble_home(installed):
    seen = start(installed, ENSEMBLE_HOME=str(CHECKOUT))
    assert seen["style"] == 200
    assert "Page introuvable" in seen["french"]
    assert "production" not in seen


def test_production_refuses_to_start_without_its_static_files(started):
    assert "set ENSEMBLE_HOME" in started["production"]
    assert started["style"] == 404

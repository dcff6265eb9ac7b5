"""Install the Debian packages Ensemble needs beyond Python (`make run` and `make test` call it).

- run: the Pango libraries WeasyPrint uses for the PDF report.
- test: those, plus Debian's chromium and fonts for the browser tests (Playwright never
  downloads a browser of its own here).

Only missing packages are installed, with apt-get, and only as root; otherwise it says what is
missing and what will not work, and lets the command go on.
"""

import argparse
import os
import shutil
import subprocess
import sys

PDF_PACKAGES = ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"]
BROWSER_PACKAGES = ["chromium", "fonts-dejavu-core", "fonts-noto-core"]
PURPOSES = {"run": PDF_PACKAGES, "test": PDF_PACKAGES + BROWSER_PACKAGES}
CONSEQUENCES = {
    "run": "the PDF report will be unavailable (every other export works)",
    "test": "browser tests will be skipped (they fail with CI=true) and PDF tests limited",
}


def is_installed(package):
    if not shutil.which("dpkg-query"):
        return False
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
    )
    return result.returncode == 0 and result.stdout.endswith("installed")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("purpose", choices=PURPOSES)
    purpose = parser.parse_args(argv).purpose
    missing = [package for package in PURPOSES[purpose] if not is_installed(package)]
    if not missing:
        return 0
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(f"Missing Debian packages {' '.join(missing)} and apt-get cannot run as root here:")
        print(f"  {CONSEQUENCES[purpose]}.")
        return 0
    print(f"Installing Debian packages: {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing]
    subprocess.run(install, check=True, env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Make sure Debian's Chromium is there for the browser tests (`make browser`).

Installs it with apt-get when missing and running as root; otherwise explains what is missing.
Playwright never downloads a browser of its own here.
"""

import os
import shutil
import subprocess
import sys

CHROMIUM = "/usr/bin/chromium"
PACKAGES = ["chromium", "fonts-dejavu-core", "fonts-noto-core"]


def main():
    if os.path.exists(CHROMIUM):
        return 0
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(f"{CHROMIUM} is missing and apt-get cannot run here: browser tests will be skipped.")
        return 0
    print("Installing Debian's chromium for the browser tests...")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *PACKAGES],
        check=True,
        env=env,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A small text progress bar for long command-line runs."""

import sys


class Progress:
    """Counts finished steps and draws a bar on a stream (stderr by default).

    On a terminal the bar redraws in place; elsewhere each step gets its own line.
    """

    def __init__(self, total, *, stream=None, width=24):
        self.total, self.done, self.width = total, 0, width
        self.stream = stream if stream is not None else sys.stderr

    def advance(self, label):
        """Mark one more step done, naming the step that starts next."""
        self.done = min(self.done + 1, self.total)
        filled = self.width * self.done // max(self.total, 1)
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} {label}"
        if self.stream.isatty():
            end = "\n" if self.done == self.total else ""
            self.stream.write(f"\r{line:<{self.width + 40}}{end}")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

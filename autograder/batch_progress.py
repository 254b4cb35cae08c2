"""Progress output of `nngrade batch` (a job = student/assignment) and `nngrade grade` (a job =
one assignment found at PATH): a one-line bar on a terminal, a line per job otherwise."""
import sys
import time


def _clock(seconds):
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60:02d}:{seconds % 60:02d}"


def score_text(result):
    """'87.5/100', or '-/100' for a grading error (it has no score)."""
    score = "-" if result.score is None else f"{result.score:g}"
    return f"{score}/{result.max_score:g}"


class Progress:
    """A one-line bar on a terminal; one line per finished job otherwise (logs, CI)."""

    WIDTH = 28

    def __init__(self, total, stream=None, enabled=True):
        self.total, self.done, self.errors = total, 0, 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()

    def update(self, outcome):
        """One finished batch job (a `batch_pool.JobOutcome`)."""
        res = outcome.result
        self.step(f"{outcome.job.student}/{outcome.job.assignment} {score_text(res)}",
                  outcome.error or res.error is not None)

    def step(self, what, error=None):
        """One finished job, described by WHAT (and the ERROR that decided it, if any)."""
        self.done += 1
        self.errors += bool(error)
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.started
        if isinstance(error, str) and error:
            what += f" [{error[:60]}]"
        if self.tty:
            filled = int(self.WIDTH * self.done / max(self.total, 1))
            eta = elapsed / self.done * (self.total - self.done)
            line = (f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done}/{self.total} "
                    f"{_clock(elapsed)}<{_clock(eta)}  {what}")
            self.stream.write(line[:160] + "\x1b[K")
        else:
            width = len(str(self.total))
            self.stream.write(f"[{self.done:>{width}}/{self.total}] {_clock(elapsed)} {what}\n")
        self.stream.flush()

    def close(self):
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()

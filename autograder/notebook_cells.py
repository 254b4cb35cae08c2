"""What the notebooks' cells show a student: scores, and experiments of unwritten functions.

* `format_points(5.3333)` → "5.33": points as people write them (test cells, feedback).
* `Points`: a test cell's result. Its text/plain is the bare number (what nbgrader's own
  Execute and `nbgrader validate` read as partial credit); its HTML is empty, so Jupyter shows
  no "Out[]: 0.0" below the ✔/✘ lines that already state the score.
* `quiet_stderr()`: stderr, Python's and the C library's (fd 2), to nowhere for a block: the
  Keras notebooks import `tensorflow` inside it (a name no graded function reads, so the grader
  never runs that statement), so its start-up lines (absl, oneDNN, "no CUDA")
  do not reach the notebook; the test cells grade inside it.
* `experiment()`: the context of an experiment cell (plots, prints, training). When the cell
  calls a function the student has not written yet — the stub's ``raise NotImplementedError()``
  — the cell prints "구현 후 실행하세요" with the function's name instead of a traceback, and the
  figures it had opened are closed (no empty axes). The same holds when the cell needs a name
  that an earlier experiment cell did not get to define. Any other error propagates: a bug in
  written code must show. A strict ``jupyter nbconvert --execute`` of a stub therefore runs to
  the end.
"""
import contextlib
import io
import os
import sys
from types import TracebackType

UNWRITTEN = "구현 후 실행하세요: `{name}`이(가) 아직 작성되지 않았습니다."
MISSING = "구현 후 실행하세요: 이 셀은 앞의 실험 셀이 만드는 `{name}`을(를) 씁니다."


@contextlib.contextmanager
def quiet_stderr():
    """Send both Python's and the C library's stderr (fd 2) to nowhere."""
    saved = os.dup(2)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
        try:
            with contextlib.redirect_stderr(io.StringIO()):
                yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def format_points(value):
    """Points as people write them: 4, 5.33, 0.5 (two decimals at most, no trailing zeros)."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Points(float):
    """A score that Jupyter does not echo: empty HTML; text/plain stays the number (nbgrader)."""

    def _repr_html_(self):
        return ""


def _last_frame(tb: TracebackType):
    while tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame


def _open_figures():
    pyplot = sys.modules.get("matplotlib.pyplot")
    return set(pyplot.get_fignums()) if pyplot else set()


class experiment:
    """``with experiment():`` around an experiment cell's code (see the module docstring)."""

    def __enter__(self):
        self._figures = _open_figures()
        return self

    def __exit__(self, kind, error, tb):
        if kind is None:
            return False
        frame = _last_frame(tb)
        if issubclass(kind, NotImplementedError):
            name = frame.f_code.co_name
            owner = frame.f_locals.get("self")
            if owner is not None:
                name = f"{type(owner).__name__}.{name}"
            text = UNWRITTEN.format(name=name)
        elif issubclass(kind, NameError) and frame.f_code.co_name == "<module>" and \
                getattr(error, "name", None):
            text = MISSING.format(name=error.name)  # raised by the cell itself, not in a def
        else:
            return False
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot:
            for number in _open_figures() - self._figures:
                pyplot.close(number)
        from autograder.particles import resolve
        print(resolve(text))
        return True

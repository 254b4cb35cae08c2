"""How a grading run is done: one frozen object, built once by each frontend.

Every frontend (`nngrade grade/check`, the batch worker, the Gradescope run, the nbgrader
preprocessor, the pytest plugin, the in-kernel test cells) builds one `GradeOptions` and hands
it to `grade.grade_file` / `grade.grade_path`; nothing else travels as loose keyword arguments.
`$NNLAB_MNIST` is read for the grader here, once (`mnist_from_environment`); nndata's own reads are the
students' contract and stay there.
"""
import os
from dataclasses import dataclass
from typing import FrozenSet, Optional

MODES = ("quick", "full")
RUNNERS = ("auto", "sandbox", "portable")  # as autograder.sandbox.RUNNERS (tested)


@dataclass(frozen=True)
class GradeOptions:
    """Options of one grading run (see each field)."""

    mode: str = "quick"
    """"quick": MNIST trains 1 epoch (local checks, CI); "full": as the assignment states."""
    seed: Optional[int] = None
    """Seed of the hidden checks' inputs; None draws a fresh one for each submission."""
    include_hidden: bool = True
    """False: public checks only (what students run); True needs real isolation to grade."""
    mnist_path: Optional[str] = None
    """MNIST .npz (Keras layout) for 06_mnist; None: `$NNLAB_MNIST`, else Keras' cache."""
    only: Optional[FrozenSet[str]] = None
    """Names of the checks to run (tests that need a few); None runs them all."""
    runner: str = "auto"
    """"auto" (`sandbox.open_sandbox` decides), or force "sandbox" / "portable" (public only)."""

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"GradeOptions.mode must be one of {', '.join(MODES)}, "
                             f"got {self.mode!r}")
        if self.seed is not None and (isinstance(self.seed, bool)
                                      or not isinstance(self.seed, int) or self.seed < 0):
            raise ValueError(f"GradeOptions.seed must be a non-negative int or None, "
                             f"got {self.seed!r}")
        if self.runner not in RUNNERS:
            raise ValueError(f"GradeOptions.runner must be one of {', '.join(RUNNERS)}, "
                             f"got {self.runner!r}")
        if self.only is not None:
            object.__setattr__(self, "only", frozenset(self.only))


def mnist_from_environment(explicit=None):
    """The grader's one read of `$NNLAB_MNIST`: an explicit path wins, then the variable."""
    return explicit or os.environ.get("NNLAB_MNIST") or None

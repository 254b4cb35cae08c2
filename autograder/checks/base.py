"""What a check is: a probe to run on the student's code, inputs for it, and a comparison."""
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Union

import numpy as np


@dataclass(frozen=True)
class Context:
    """What a check may know when it draws inputs."""
    rng: np.random.Generator       # seeded per grading run (hidden checks)
    mode: str = "quick"            # "quick" (local, 1 epoch) or "full" (as the assignment states)
    mnist_path: Optional[str] = None
    graded: frozenset = frozenset()  # the checks of this grading: two that ask the same
    #                                question may then send the same args (probe_share.py)
    memo: dict = field(default_factory=dict, compare=False, repr=False)  # `once`'s values

    def once(self, key, make):
        """make(self), computed once per grading (inputs two checks share, drawn once)."""
        if key not in self.memo:
            self.memo[key] = make(self)
        return self.memo[key]


@dataclass(frozen=True)
class Check:
    """One graded item.

    name     unique within its assignment, e.g. "step_values"
    points   points when fully correct; partial credit is `compare`'s fraction of it
    probe    "module.function" in `autograder.probes`, run where the student's code lives
    args     probe keyword arguments: a dict (public, fixed) or a function of Context (hidden)
    compare  (student value, expected value) -> Outcome, pure, run in the grader
    needs    names the student must define; missing ones fail fast with a clear message
    expected "reference": run the probe on `solutions` (hidden) or read stored JSON (public);
             None: compare gets None (the comparison holds its own thresholds);
             a function of the probe's args: compare gets its result, computed in the grader
             (e.g. the data and initial weights a Keras fit is judged on)
    what     how messages name the thing checked, e.g. "step(s)"
    function the contract function this check grades (one check, one function), e.g. "sigmoid"
    uses     contract functions `function` is documented to call (perceptron → step, sigmoid);
             when this check fails and one of them failed its own checks, the check runs again
             with the reference's in its place (autograder/isolate.py): a failing helper costs
             only its own checks
    own      contract functions the check uses as the student wrote them, on purpose
             (self-consistency: prelu_gradients against the student's prelu); never replaced,
             a failure of theirs is named in a note
    requires names of checks of the same function whose values must be fully right for this
             check to pay (property checks: no mutation, defaults, shapes, self-consistency)
    """
    name: str
    points: float
    probe: str
    compare: Callable[[Any, Any], Any]
    args: Union[dict, Callable[[Context], dict]] = field(default_factory=dict)
    needs: tuple = ()
    hidden: bool = False
    expected: Union[None, str, Callable[[dict], Any]] = "reference"
    what: str = ""
    timeout: float = 20.0
    function: str = ""
    uses: tuple = ()
    own: tuple = ()
    requires: tuple = ()

    def make_args(self, ctx):
        return self.args(ctx) if callable(self.args) else dict(self.args)

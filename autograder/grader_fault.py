"""The grader's own failures: the third outcome beside "passed" and "failed".

When the grader cannot measure a submission — data missing or unreadable, TensorFlow or NumPy not
importing in the sandbox, isolation refused, a host disk/memory failure, a worker killed from
outside, a wall-clock backstop hit while the host was overloaded — the honest answer is "not graded",
never a score. Any stage raises `GraderFault(key, **fields)`; `key` is a message-catalog key in the
`grading_error.` namespace, `fields` its format fields (plain str/int/float).
"""


class GraderFault(Exception):
    """The grader (not the student) failed; the affected result carries no score."""

    def __init__(self, key, **fields):
        super().__init__(key)
        self.key = key
        self.fields = dict(fields)

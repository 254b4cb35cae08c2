"""The child's frames of a student's exception, as shown in feedback (`describe_exception`)."""
from autograder.sandbox.worker import describe_exception


def test_a_frame_without_its_source_line_has_no_empty_colon():
    """Code compiled as '<cell N>' has no line in linecache: the frame ends at the function
    name, not with ': ' (feedback read "(<cell 15>, line 17, in build_nonlinear_model: )")."""
    ns = {}
    exec(compile("def f():\n    raise NotImplementedError()\n", "<cell 15>", "exec"), ns)
    try:
        ns["f"]()
    except NotImplementedError as exc:
        described = describe_exception(exc)
    assert described["type"] == "NotImplementedError"
    assert described["frames"] == ["<cell 15>, line 2, in f"]

"""nbgrader markers and the code stub that replaces a solution region.

CODE_STUB must equal ``c.ClearSolutions.code_stub["python"]`` in nbgrader_config.py (a test checks
it), so that tests/fixtures/stubs/<id>.py holds exactly what the released notebook holds.
"""
import re

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"


def clear_solutions(text, stub=CODE_STUB):
    """Replace every BEGIN/END SOLUTION region by the stub, as nbgrader's ClearSolutions does
    (the stub takes the indentation of the BEGIN line)."""
    out, inside = [], False
    for line in text.split("\n"):
        if BEGIN_SOLUTION in line:
            if inside:
                raise ValueError("nested BEGIN SOLUTION")
            inside = True
            indent = re.match(r"\s*", line).group(0)
            out.extend(indent + s for s in stub.split("\n"))
        elif END_SOLUTION in line:
            if not inside:
                raise ValueError("END SOLUTION without BEGIN SOLUTION")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError("BEGIN SOLUTION without END SOLUTION")
    return "\n".join(out)

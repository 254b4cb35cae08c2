"""Gradescope image set-up decisions: the Python the pinned wheels need, the grader's private
paths, and the isolation check that fails `setup.sh` (so the instructor sees it at upload).

    python -m autograder.integrations.gradescope setup-check --source DIR --results DIR

(run by `setup.sh` after installing; also `protect_private` before every run.)
"""
import sys
from importlib import metadata
from pathlib import Path

OLDEST_MINOR, NEWEST_MINOR = 8, 30


def _lowest_minor(spec_text):
    """Lowest Python 3.x (x in 8..30) a Requires-Python specifier admits, or None if any."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    try:
        spec = SpecifierSet(spec_text or "")
    except InvalidSpecifier:
        return None
    for minor in range(OLDEST_MINOR, NEWEST_MINOR + 1):
        if spec.contains(f"3.{minor}.99", prereleases=True):
            return minor
    return None


def pins_minimum_python(pins):
    """(3, minor): the oldest Python every pinned distribution ("name==version", installed here)
    declares support for in its Requires-Python, nnlab's own included → (3, minor)."""
    from autograder.wheels import minimum_python
    minor = minimum_python()[1]
    for pin in pins:
        name = pin.split("==")[0]
        try:
            spec = metadata.distribution(name).metadata["Requires-Python"]
        except metadata.PackageNotFoundError:
            continue
        lowest = _lowest_minor(spec)
        if lowest is not None:
            minor = max(minor, lowest)
    return 3, minor


def private_paths(source, results):
    """What a sandbox's uid must neither read nor write at level "container": the zip's folder
    (wheel with the reference), the results folder, the installed `autograder` (hidden checks,
    expected values) and `solutions` packages."""
    from autograder.sandbox.isolation import hidden_paths
    return [str(Path(source).resolve()), str(Path(results).resolve())] + hidden_paths()


def protect_private(source, results):
    """At level "container": `container.protect` the private paths (root only; idempotent)."""
    from autograder.sandbox import container, isolation
    if isolation.status().level != "container":
        return []
    return container.protect(private_paths(source, results))


def setup_check(source, results, unsafe=False):
    """→ (exit status, one line). Fails (1) when no level that grades hidden checks is here,
    unless the zip was built with --unsafe-no-isolation."""
    from autograder.sandbox import isolation
    Path(results).mkdir(parents=True, exist_ok=True)
    found = isolation.status()
    changed = protect_private(source, results)
    line = f"nngrade isolation: {found.level} - {found.why}"
    if changed:
        line += f" (made private: {', '.join(changed)})"
    if found.real:
        return 0, line
    if unsafe:
        return 0, line + " [zip built with --unsafe-no-isolation: hidden checks graded anyway]"
    return 1, ("setup.sh: FAILED: this image cannot isolate student code (isolation level "
               f"{found.level}: {found.why}); every submission would be a grading error. "
               "See docs/SECURITY.md, 'Isolation levels'.")


def main(args):
    import json
    config = Path(args.source) / "nngrade_gradescope.json"
    unsafe = False
    if config.is_file():
        unsafe = bool(json.loads(config.read_text()).get("unsafe_no_isolation"))
    status, line = setup_check(args.source, args.results, unsafe)
    print(line, file=sys.stdout if status == 0 else sys.stderr)
    return status

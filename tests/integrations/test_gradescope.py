"""Gradescope autograder.zip: contents, and run_autograder really executed (bash) against a
temporary tree laid out like Gradescope's /autograder (source/, submission/, results/)."""
import json
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import zipfile

import pytest

from autograder.checks import checks_for
from autograder.integrations import gradescope
from tests.integrations.helpers import put, run

AID = "01_perceptron"


@pytest.fixture(scope="module")
def built_zip(tmp_path_factory):
    out = tmp_path_factory.mktemp("zip") / "autograder.zip"
    return gradescope.build_zip(out, assignment=AID, lang="en")


@pytest.fixture(scope="module")
def gs_root(built_zip, tmp_path_factory):
    """An /autograder look-alike: source/ = the unzipped zip; venv/ = what setup.sh builds.

    setup.sh pip-installs the pinned requirements from PyPI; here the venv's site-packages is a
    hard-linked copy of this environment's (same packages, no download, ~2 s) minus our editable
    install, and the zip's wheel is then pip-installed into it, so `autograder`, `solutions` and
    `nndata` come from the wheel only.
    """
    root = tmp_path_factory.mktemp("autograder")
    source = root / "source"
    with zipfile.ZipFile(built_zip) as zf:
        zf.extractall(source)
        for info in zf.infolist():  # extractall drops the mode bits
            os.chmod(source / info.filename, (info.external_attr >> 16) & 0o777)
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next((venv / "lib").glob("python3*/site-packages"))
    shutil.rmtree(site)
    subprocess.run(["cp", "-al", sysconfig.get_paths()["purelib"], str(site)], check=True)
    for path in list(site.glob("__editable__*nnlab*")) + list(site.glob("nnlab-*.dist-info")):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    wheel = next(source.glob("nnlab-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    where = run([str(venv / "bin" / "python"), "-c",
                 "import autograder, solutions, nndata; "
                 "print(autograder.__file__, solutions.__file__, nndata.__file__)"], cwd=root)
    assert where.stdout.split() and all(f.startswith(str(site)) for f in where.stdout.split()), \
        where
    return root


def grade_in(gs_root, submission_setup, **env):
    """Fresh submission/ and results/; run run_autograder with bash → results.json dict."""
    for name in ("submission", "results"):
        shutil.rmtree(gs_root / name, ignore_errors=True)
    (gs_root / "submission").mkdir()
    submission_setup(gs_root / "submission")
    proc = run(["bash", str(gs_root / "source" / "run_autograder")], cwd=gs_root,
               env={"NNGRADE_GS_ROOT": str(gs_root), **env}, timeout=900)
    assert proc.returncode == 0, proc.stderr
    results = gs_root / "results" / "results.json"
    assert results.is_file(), proc.stdout + proc.stderr
    return json.loads(results.read_text())


def test_zip_contents(built_zip):
    with zipfile.ZipFile(built_zip) as zf:
        names = set(zf.namelist())
        assert {"setup.sh", "run_autograder", "requirements.txt", "requirements-direct.txt",
                gradescope.CONFIG_NAME} <= names
        for script in ("setup.sh", "run_autograder"):
            assert (zf.getinfo(script).external_attr >> 16) & stat.S_IXUSR
        pins = zf.read("requirements.txt").decode().split()
        assert pins and all("==" in p for p in pins)
        assert {p.split("==")[0] for p in pins} >= {"numpy", "tensorflow", "pandas", "matplotlib"}
        config = json.loads(zf.read(gradescope.CONFIG_NAME))
        assert config["assignment"] == AID
        wheel_name = next(n for n in names if n.endswith(".whl"))
        setup = zf.read("setup.sh").decode()
        assert wheel_name in setup and "requirements.txt" in setup
        with zipfile.ZipFile(zf.open(wheel_name)) as wheel:
            inside = set(wheel.namelist())
    # the instructor build: hidden checks and the reference travel with it
    assert "autograder/checks/hidden/__init__.py" in inside
    assert "solutions/perceptron.py" in inside
    assert "autograder/expected/01_perceptron.json" in inside
    assert "nndata/__init__.py" in inside
    for script in ("setup.sh", "run_autograder"):
        with zipfile.ZipFile(built_zip) as zf:
            text = zf.read(script).decode()
        assert subprocess.run(["bash", "-n"], input=text, text=True).returncode == 0


def test_reference_notebook_scores_full_marks(gs_root):
    data = grade_in(gs_root, lambda sub: put(sub / "nested", AID, "notebook"))
    checks = {c.name: c for c in checks_for(AID)}
    graded = [t for t in data["tests"] if t["max_score"]]
    assert {t["name"].split(": ", 1)[1] for t in graded} == set(checks)
    assert data["score"] == sum(c.points for c in checks.values())
    for test in graded:
        check = checks[test["name"].split(": ", 1)[1]]
        assert test["visibility"] == ("after_published" if check.hidden else "visible")
        assert test["score"] == test["max_score"]
    assert data["stdout_visibility"] == "hidden"
    assert "execution_time" in data


def test_broken_submission_is_graded_not_crashed(gs_root):
    data = grade_in(gs_root, lambda sub: put(sub, AID, "exit_at_load"))
    assert data["score"] == 0
    assert any("loading" in t["name"] for t in data["tests"])
    assert all(t["score"] == 0 for t in data["tests"])


def test_renamed_notebook_is_found(gs_root):
    def setup(sub):
        put(sub, AID, "notebook").rename(sub / f"{AID} (1).ipynb")
    data = grade_in(gs_root, setup)
    assert data["score"] > 0 and data["score"] == sum(t["max_score"] for t in data["tests"])


def test_empty_submission_gets_a_message(gs_root):
    data = grade_in(gs_root, lambda sub: None)
    assert data["score"] == 0 and f"{AID}.ipynb" in data["output"]


def test_grader_crash_still_writes_results(gs_root):
    config, saved = with_config(gs_root, assignment="99_nope")
    try:
        data = grade_in(gs_root, lambda sub: put(sub, AID, "reference"))
    finally:
        config.write_text(saved)
    # students see only that it is a grading error; the detail is the instructors'
    assert "score" not in data and "grading error" in data["output"], data  # no score, never 0
    assert "99_nope" not in json.dumps(data["tests"]) + data["output"]
    assert "99_nope" in data["extra_data"]["grading_error"]


def test_no_python_still_writes_results(gs_root):
    data = grade_in(gs_root, lambda sub: put(sub, AID, "reference"),
                    NNGRADE_GS_PYTHON=str(gs_root / "no-such-python"))
    assert "score" not in data and "grading error" in data["output"]
    assert "could not run" in data["extra_data"]["grading_error"]


def test_time_budget_stops_grading_and_reports(gs_root):
    data = grade_in(gs_root, lambda sub: put(sub, AID, "loop_forever"), NNGRADE_GS_BUDGET="3")
    if "score" not in data and os.getloadavg()[0] > 4:
        # a loaded host (the newcomer's walk: load 14): the grader could not measure, so no
        # score at all — never a 0 — with the reason where only the instructor looks
        assert data["extra_data"]["grading_error"], data
        return
    assert data["score"] == 0 and "time limit (3 s)" in data["output"]


def with_config(gs_root, **changes):
    config = gs_root / "source" / gradescope.CONFIG_NAME
    saved = config.read_text()
    config.write_text(json.dumps({**json.loads(saved), **changes}))
    return config, saved


def test_a_zip_grades_only_the_assignment_it_was_built_for(gs_root):
    """Re-uploading earlier work earns nothing: an empty 01 beside full 02/03/04 scores 0."""
    def setup(sub):
        (sub / f"{AID}.ipynb").write_text(json.dumps({"cells": [], "nbformat": 4,
                                                      "nbformat_minor": 5, "metadata": {}}))
        for aid in ("02_backprop", "03_activations", "04_optimizers"):
            put(sub, aid, "notebook")
    data = grade_in(gs_root, setup)
    assert data["score"] == 0
    assert {t["name"].split(": ")[0] for t in data["tests"]} == {AID}
    assert sum(t["max_score"] for t in data["tests"]) == sum(c.points for c in checks_for(AID))


def test_an_all_assignments_zip_reports_against_its_own_total(gs_root):
    config, saved = with_config(gs_root, assignment=None, all=True)
    try:
        data = grade_in(gs_root, lambda sub: put(sub / "work", AID, "notebook"))
    finally:
        config.write_text(saved)
    from autograder.assignments import ASSIGNMENT_IDS
    total = sum(c.points for aid in ASSIGNMENT_IDS for c in checks_for(aid))
    assert total == 700
    assert data["score"] == sum(c.points for c in checks_for(AID))
    assert sum(t["max_score"] for t in data["tests"]) == total
    assert {t["name"].split(": ")[0] for t in data["tests"]} == set(ASSIGNMENT_IDS)
    assert "grades all 7 assignments: the total is out of 700" in data["output"]


def test_a_zip_naming_no_assignment_refuses_to_guess(gs_root):
    config, saved = with_config(gs_root, assignment=None, all=False)
    try:
        data = grade_in(gs_root, lambda sub: put(sub, AID, "notebook"))
    finally:
        config.write_text(saved)
    assert data["score"] == 0 and "names no assignment" in data["output"]


def test_a_link_in_the_submission_is_refused(gs_root):
    import importlib.util
    solution = importlib.util.find_spec("solutions.perceptron").origin
    data = grade_in(gs_root, lambda sub: (sub / f"{AID}.py").symlink_to(solution))
    assert data["score"] == 0
    assert any("is a symbolic link" in t["output"] for t in data["tests"])


def test_the_cli_wants_an_assignment_or_all(tmp_path):
    from tests.integrations.helpers import NNGRADE
    proc = run(NNGRADE + ["gradescope-zip", "--out", str(tmp_path / "a.zip")])
    assert proc.returncode == 2 and "--assignment" in proc.stderr and "--all" in proc.stderr
    assert not (tmp_path / "a.zip").exists()
    with pytest.raises(ValueError):
        gradescope.build_zip(tmp_path / "b.zip")


def shim(folder, name, body):
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


def test_setup_logs_the_isolation_level(built_zip):
    """setup.sh ends by printing the isolation this container gives the grader (Gradescope's build
    log), and the zip records whether the instructor allowed grading without it."""
    with zipfile.ZipFile(built_zip) as zf:
        assert zf.read("setup.sh").decode().rstrip().endswith(gradescope.ISOLATION_SH.strip())
        assert json.loads(zf.read(gradescope.CONFIG_NAME))["unsafe_no_isolation"] is False


@pytest.mark.slow  # trains the Keras reference model
def test_keras_assignment_reference_full_marks(gs_root):
    aid = "05_keras_regression"
    config, saved = with_config(gs_root, assignment=aid)
    try:
        data = grade_in(gs_root, lambda sub: put(sub, aid, "notebook"))
    finally:
        config.write_text(saved)
    checks = checks_for(aid)
    assert data["score"] == sum(c.points for c in checks), data
    hidden = {f"{aid}: {c.name}" for c in checks if c.hidden}
    assert hidden and all(t["visibility"] == "after_published"
                          for t in data["tests"] if t["name"] in hidden)


def wheel_metadata(data):
    import io
    with zipfile.ZipFile(io.BytesIO(data)) as wz:
        name = next(n for n in wz.namelist() if n.endswith(".dist-info/METADATA"))
        return wz.read(name).decode()


def test_both_wheels_and_setup_state_the_projects_own_python_and_dependencies(built_zip,
                                                                              tmp_path):
    """One wheel writer (autograder.wheels), fed from nnlab's installed metadata: the instructor
    wheel requires the base and the `keras` extra (it grades 05-07); the student wheel the base
    and the `student` extra (pytest), and offers `keras` and `notebook` as its own extras."""
    from importlib import metadata

    from packaging.requirements import Requirement

    from autograder.distribute import build_wheel
    from autograder.wheels import minimum_python
    meta = metadata.distribution("nnlab").metadata
    requires = [Requirement(r) for r in metadata.distribution("nnlab").requires]
    runtime = {f"Requires-Dist: {r}" for r in requires if r.marker is None}

    def extra(name):
        return {f"{r.name}{r.specifier}" for r in requires if r.marker is not None
                and r.marker.evaluate({"extra": name}) and r.name != "nnlab"}
    python = {f"Requires-Python: {meta['Requires-Python']}"}
    assert runtime == {"Requires-Dist: numpy>=1.26"}  # the light install: NumPy only
    assert extra("student") == {"pytest>=8"}
    assert {r.split("<")[0].split(">")[0] for r in extra("keras")} == {
        "tensorflow", "pandas", "matplotlib"}
    with zipfile.ZipFile(built_zip) as zf:
        instructor = wheel_metadata(zf.read(next(n for n in zf.namelist()
                                                 if n.endswith(".whl"))))
        setup = zf.read("setup.sh").decode()
    student = wheel_metadata(build_wheel(tmp_path).read_bytes())
    optional = {f'Requires-Dist: {r}; extra == "{e}"' for e in ("keras", "notebook")
                for r in extra(e)} | {"Provides-Extra: keras", "Provides-Extra: notebook"}
    for text, wanted in ((instructor, python | runtime | {f"Requires-Dist: {r}"
                                                          for r in extra("keras")}),
                         (student, python | runtime | {"Requires-Dist: pytest>=8"} | optional)):
        lines = {line for line in text.splitlines() if line.startswith(("Requires-",
                                                                        "Provides-Extra"))}
        assert lines == wanted, text
    # setup.sh's minimum is the oldest Python every pinned wheel supports, never below nnlab's
    from autograder.integrations.gradescope_setup import pins_minimum_python
    from autograder.integrations.gradescope_zip import pinned_requirements
    major, minor = pins_minimum_python(pinned_requirements())
    assert (major, minor) >= minimum_python()
    assert f"sys.version_info < ({major}, {minor})" in setup
    assert f"no Python >= {major}.{minor} available" in setup

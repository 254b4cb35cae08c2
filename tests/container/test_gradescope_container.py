"""The Gradescope zip, end to end in a real Docker container with Docker's default security
options: setup.sh, then run_autograder on the reference, a stub, a partial submission and the
attacks of `tests/container/attacks/` (isolation level "container": namespaces are refused
there). Runs `tests/container/gradescope_local.sh` (the instructor's "test your Gradescope zip
locally"); needs root and Debian's docker.io + debootstrap, starts dockerd when none answers.
Skipped, with the reason, only where docker cannot run (`.ci/run` says so too).
"""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from autograder.checks import checks_for
from autograder.integrations import gradescope
from tests.fixtures.build import fixture_path, reference_source

pytestmark = pytest.mark.slow
HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "gradescope_local.sh"
AID = "01_perceptron"
PARTIAL = "broken_gate_weights"
ATTACKS = sorted(p.stem for p in (HERE / "attacks").glob("*.py"))
STUB = HERE.parents[0] / "fixtures" / "stubs" / f"{AID}.py"


def docker_missing():
    """Why docker cannot run here (None when it can)."""
    if os.environ.get("NNLAB_CONTAINER_TEST", "").startswith("skip"):
        return os.environ["NNLAB_CONTAINER_TEST"]
    if os.geteuid() != 0:
        return "needs root (dockerd, debootstrap)"
    missing = [t for t in ("docker", "dockerd", "debootstrap") if shutil.which(t) is None]
    if missing:
        return f"not installed: {', '.join(missing)} (apt-get install docker.io debootstrap)"
    return None


def metadata(n):
    return {"id": 1000 + n, "assignment": {"id": 77, "title": AID},
            "users": [{"name": f"student {n}", "email": f"s{n}@example.org"}]}


@pytest.fixture(scope="module")
def container_run(tmp_path_factory):
    why = docker_missing()
    if why:
        pytest.skip(f"docker cannot run here: {why}")
    root = tmp_path_factory.mktemp("container")
    zip_path = gradescope.build_zip(root / "autograder.zip", assignment=AID, lang="en")
    subs = root / "submissions"
    reference = reference_source(AID)
    plan = {"reference": reference, "stub": STUB.read_text(),
            "partial": reference + "\n\n" + fixture_path(AID, PARTIAL).read_text()}
    for name in ATTACKS:
        plan[name] = reference + "\n\n" + (HERE / "attacks" / f"{name}.py").read_text()
    for n, (name, source) in enumerate(sorted(plan.items())):
        (subs / name).mkdir(parents=True)
        (subs / name / f"{AID}.py").write_text(source)
        (subs / name / "submission_metadata.json").write_text(json.dumps(metadata(n)))
    out = root / "out"
    done = subprocess.run(["bash", str(SCRIPT), str(zip_path), str(subs), str(out)],
                          capture_output=True, text=True, timeout=2400,
                          env=dict(os.environ, NNLAB_CONTAINER_REFUSAL="1",
                                   NNLAB_CONTAINER_NO_LANDLOCK="1"))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (out / "table.md").write_text(table(out))
    keep = Path(os.environ.get("NNLAB_CONTAINER_CACHE", "/var/cache/nnlab-container"))
    shutil.rmtree(keep / "last-run", ignore_errors=True)
    shutil.copytree(out, keep / "last-run")  # for the record: the table, logs, results
    return out


def landlock(after):
    if after["isolation_level"] != "container":
        return ""
    return ", no Landlock" if "no Landlock" in after["isolation_why"] else ", Landlock"


def table(out):
    """Markdown: every submission and variant → score, checks lost, level, the run's seconds,
    results.json unchanged after exit, processes of other uids left."""
    rows = ["| run | score | checks lost | level | s | results unchanged 3 s later | "
            "other uids left |", "|---|---|---|---|---|---|---|"]
    for folder in sorted(out.glob("**/after.json")):
        name = folder.parent.relative_to(out).as_posix()
        results = json.loads((folder.parent / "results.json").read_text())
        after = json.loads(folder.read_text())
        lost = [t["name"].split(": ", 1)[-1] for t in results["tests"]
                if t["max_score"] and t.get("score") != t["max_score"]]
        score = f"{results['score']:g}" if "score" in results else "- (grading error)"
        rows.append(f"| {name} | {score} | {', '.join(lost) or '-'} | "
                    f"{after['isolation_level']}{landlock(after)} | "
                    f"{after['seconds']} | {after['results_unchanged_3s_after_exit']} | "
                    f"{after['processes_of_other_uids'] or 'none'} |")
    setup = (out / "setup_seconds").read_text().strip()
    return "\n".join(rows) + f"\n\nsetup.sh: {setup} s\n"


# "": Docker's defaults (this kernel has Landlock); "no-landlock/": the same with Landlock's
# system calls refused, as on a kernel without it (the grader's files hidden by modes alone)
VARIANTS = ["", "no-landlock/"]


def load(out, name, variant=""):
    folder = out / f"{variant}{name}"
    results = json.loads((folder / "results.json").read_text())
    after = json.loads((folder / "after.json").read_text())
    if after["isolation_level"] == "container":  # the variant is what it claims
        assert ("no Landlock" in after["isolation_why"]) is (variant == "no-landlock/"), after
    return results, after


def scores(results):
    return {t["name"].split(": ", 1)[1]: t["score"] for t in results["tests"] if t["max_score"]}


def test_setup_sh_succeeds_and_is_timed(container_run):
    assert (container_run / "setup_status").read_text().strip() == "0"
    log = (container_run / "setup.log").read_text()
    assert "nngrade isolation: container" in log, log[-2000:]
    assert float((container_run / "setup_seconds").read_text()) > 0


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name, expected", [("reference", 100), ("stub", 0)])
def test_reference_and_stub(container_run, name, expected, variant):
    results, after = load(container_run, name, variant)
    assert results["score"] == pytest.approx(expected), results
    assert after["isolation_level"] == "container"
    assert results["extra_data"]["isolation"] == "container"
    assert results["extra_data"]["seed_source"].startswith("submission_metadata")
    assert after["processes_of_other_uids"] == ""


def test_partial_scores_what_the_host_grades(container_run):
    from autograder.grade import grade_file
    from autograder.loader.locate import locate
    from autograder.options import GradeOptions
    results, _ = load(container_run, "partial")
    seed = results["extra_data"]["seeds"][AID]
    folder = container_run.parent / "submissions" / "partial"
    host = grade_file(locate(folder, AID, known=True),
                      GradeOptions(seed=seed, include_hidden=True))
    assert 0 < host.score < 100
    assert results["score"] == pytest.approx(host.score), (results, host.score)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("attack", [a for a in ATTACKS if a != "escapee_rewrites_results"])
def test_attack_fails_and_costs_only_its_function(container_run, attack, variant):
    """The attacked `poly_features` answers right only if the attack worked."""
    results, after = load(container_run, attack, variant)
    got = scores(results)
    attacked = {c.name for c in checks_for(AID) if "poly_features" in c.needs}
    points = {c.name: c.points for c in checks_for(AID)}
    assert attacked and all(got[name] == 0 for name in attacked), got
    assert all(got[name] == points[name] for name in got if name not in attacked), got
    assert after["isolation_level"] == "container"
    assert after["processes_of_other_uids"] == ""


@pytest.mark.parametrize("variant", VARIANTS)
def test_escapee_never_rewrites_results(container_run, variant):
    results, after = load(container_run, "escapee_rewrites_results", variant)
    assert results["score"] == pytest.approx(100), results
    assert after["results_unchanged_3s_after_exit"] is True
    assert after["processes_of_other_uids"] == "", after


def test_without_a_uid_switch_setup_fails_and_students_see_a_grading_error(container_run):
    """The same image with CAP_SETUID/CAP_SETGID dropped: no level grades hidden checks, so
    setup.sh's check fails with one line, and a run is a grading error whose reason only the
    instructor sees (the autograder output, hidden from students)."""
    refused = container_run / "refused"
    assert (refused / "setup_check_status").read_text().strip() == "1"
    line = (refused / "setup_check.txt").read_text().strip()
    assert len(line.splitlines()) == 1 and line.startswith("setup.sh: FAILED:"), line
    results = json.loads((refused / "results.json").read_text())
    after = json.loads((refused / "after.json").read_text())
    assert after["isolation_level"] == "none"
    shown = results["output"] + json.dumps(results["tests"])
    assert "score" not in results and "grading error" in results["output"]  # never a 0
    assert "isolation" not in shown and "unsafe" not in shown, shown
    assert results["stdout_visibility"] == "hidden"
    assert "isolation refused" in (refused / "run_autograder.log").read_text()


def test_seeds_differ_between_submissions(container_run):
    seeds = {load(container_run, n)[0]["extra_data"]["seeds"][AID] for n in ("reference", "stub")}
    assert len(seeds) == 2

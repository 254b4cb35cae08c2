"""Gradescope set-up decisions: the hidden checks' seed from submission_metadata.json, setup.sh's
minimum Python from the pinned wheels (resolved for real against the package index: slow),
MNIST only where it is used, setup-check failing the build where nothing isolates, and
`container.protect`."""
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder.integrations import gradescope
from autograder.integrations.gradescope_run import submission_seed
from autograder.integrations.gradescope_setup import _lowest_minor, pins_minimum_python
from autograder.integrations.gradescope_zip import pinned_requirements


def meta(tmp_path, name, submission, assignment=77):
    path = tmp_path / name
    path.write_text(json.dumps({"id": submission, "assignment": {"id": assignment},
                                "users": [{"name": "x"}]}))
    return path


def test_seed_is_stable_per_submission_and_differs_between_submissions(tmp_path):
    a = submission_seed(meta(tmp_path, "a.json", 1001), "salt")
    again = submission_seed(meta(tmp_path, "a2.json", 1001), "salt")
    other = submission_seed(meta(tmp_path, "b.json", 1002), "salt")
    other_assignment = submission_seed(meta(tmp_path, "c.json", 1001, assignment=78), "salt")
    other_zip = submission_seed(meta(tmp_path, "d.json", 1001), "another salt")
    assert a == again and a[1].startswith("submission_metadata")
    assert len({a[0], other[0], other_assignment[0], other_zip[0]}) == 4
    assert 0 <= a[0] < 2**32


@pytest.mark.parametrize("content", [None, b"not json", b"[]", b'{"id": null}', b'{"id": []}',
                                     b"{" * 100000])
def test_unreadable_metadata_gives_a_random_seed_and_says_so(tmp_path, content):
    path = tmp_path / "m.json"
    if content is not None:
        path.write_bytes(content)
    seed, source = submission_seed(path, "salt")
    assert source.startswith("random") and 0 <= seed < 2**32


def test_lowest_minor_reads_requires_python():
    assert _lowest_minor(">=3.11") == 11
    assert _lowest_minor(">=2.7, !=3.0.*, !=3.1.*") == 8
    assert _lowest_minor(None) == 8
    assert pins_minimum_python(["numpy==0", "no-such-dist==1"]) >= (3, 10)


def test_mnist_only_in_the_zips_that_use_it(tmp_path):
    fake = tmp_path / "mnist.npz"
    fake.write_bytes(b"x" * 1000)
    for kind, wanted in (({"assignment": "01_perceptron"}, False),
                         ({"assignment": "06_mnist"}, True), ({"every": True}, True)):
        out = gradescope.build_zip(tmp_path / "z.zip", mnist=str(fake), **kind)
        with zipfile.ZipFile(out) as zf:
            config = json.loads(zf.read(gradescope.CONFIG_NAME))
            assert ("mnist.npz" in zf.namelist()) is wanted, kind
            assert (config["mnist"] == "mnist.npz") is wanted


def test_setup_check_fails_the_build_with_one_line_where_nothing_isolates(tmp_path):
    env = dict(os.environ, NNGRADE_FORCE_ISOLATION="none")
    done = subprocess.run([sys.executable, "-m", "autograder.integrations.gradescope",
                           "setup-check", "--source", str(tmp_path), "--results",
                           str(tmp_path / "results")], capture_output=True, text=True, env=env)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("setup.sh: FAILED:"), done.stderr
    (tmp_path / "nngrade_gradescope.json").write_text('{"unsafe_no_isolation": true}')
    done = subprocess.run(done.args, capture_output=True, text=True, env=env)
    assert done.returncode == 0 and "unsafe" in done.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="root only")
def test_protect_makes_files_root_only_without_following_links(tmp_path):
    from autograder.sandbox.container import protect
    from autograder.sandbox.isolation import UID_BASE
    folder, target, planted = tmp_path / "private", tmp_path / "target", tmp_path / "planted"
    folder.mkdir(mode=0o755)
    planted.mkdir(mode=0o700)
    target.write_text("x")
    os.chmod(target, 0o644)
    os.chown(folder, 1234, 1234)
    os.chown(planted, UID_BASE + 5, UID_BASE + 5)  # as if a sandbox had made it
    (tmp_path / "link").symlink_to(target)
    assert protect([str(folder), str(tmp_path / "link"), str(tmp_path / "missing"),
                    str(planted)]) == [str(folder), str(planted)]
    st = folder.stat()
    assert (st.st_uid, stat.S_IMODE(st.st_mode)) == (1234, 0o700)  # owner kept
    assert planted.stat().st_uid == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # the link was not followed


@pytest.mark.skipif(os.geteuid() != 0, reason="root only")
def test_protect_keeps_a_kept_path_inside_reachable(tmp_path):
    """A venv inside the project root: the root becomes 0711 (searchable, not listable), its
    other entries lose their group/other bits, the venv is left alone."""
    from autograder.sandbox.container import protect
    root = tmp_path / "repo"
    for name in ("venv/bin", "source", "solutions"):
        (root / name).mkdir(parents=True)
        os.chmod(root / name, 0o755)
    (root / "secret.txt").write_text("x")
    os.chmod(root, 0o755)
    protect([str(root)], keep=[str(root / "venv" / "bin")])
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in [root, *root.iterdir()]}
    assert modes == {"repo": 0o711, "venv": 0o711, "source": 0o700, "solutions": 0o700,
                     "secret.txt": 0o600}
    assert stat.S_IMODE((root / "venv" / "bin").stat().st_mode) == 0o755


@pytest.mark.slow
@pytest.mark.parametrize("offset, resolves", [(-1, False), (0, True)])
def test_pins_resolve_exactly_from_setup_shs_minimum(tmp_path, offset, resolves):
    """pip resolves the zip's requirements.txt (binary wheels only) for setup.sh's minimum
    Python, and not for the Python before it. Downloads are kept in the container cache folder
    so reruns on one machine are quick."""
    major, minor = pins_minimum_python(pinned_requirements())
    version = f"{major}.{minor + offset}"
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("\n".join(pinned_requirements()) + "\n")
    cache = Path(os.environ.get("NNLAB_CONTAINER_CACHE", "/var/cache/nnlab-container"))
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:
        cache = tmp_path
    cache = cache / f"pins-{version}"
    done = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                           "--only-binary=:all:", "--python-version", version, "--dest",
                           str(cache), "-r", str(requirements)],
                          capture_output=True, text=True, timeout=1200)
    assert (done.returncode == 0) is resolves, done.stderr[-2000:]

"""`isolation.status()`: the one decision every frontend and the runner choice ask (docs/SECURITY.md
"Isolation levels"). Its non-root answers are tested as a real user in test_unprivileged.py."""
import json
import os
import subprocess
import sys

import pytest

from autograder.messages import CATALOG
from autograder.sandbox import isolation
from autograder.sandbox.isolation import IsolationRequired, IsolationStatus

ROOT = os.geteuid() == 0


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(isolation, "_STATUS", {})
    monkeypatch.delenv(isolation.FORCE_ENV, raising=False)
    monkeypatch.delenv(isolation.UNSAFE_ENV, raising=False)
    return monkeypatch


@pytest.mark.skipif(not ROOT, reason="the root answer")
def test_root_gets_root_namespaces_and_the_answer_is_cached(fresh):
    first = isolation.status()
    assert first == IsolationStatus("root-namespaces", first.why, "root", "")
    assert first.real and first.namespaces == "root"
    assert isolation.status() is first


@pytest.mark.parametrize("value", ["none", "root-namespaces", "garbage"])
def test_the_test_knob_only_lowers(fresh, value):
    fresh.setenv(isolation.FORCE_ENV, value)
    found = isolation.status()
    assert found.level == "none" and not found.real and found.namespaces is None
    assert found.reason == "forced"


def test_refusal_unless_unsafe(fresh):
    fresh.setenv(isolation.FORCE_ENV, "none")
    with pytest.raises(IsolationRequired) as refused:
        isolation.require_real_isolation()
    assert refused.value.status.level == "none"
    fresh.setenv(isolation.UNSAFE_ENV, "1")
    assert isolation.require_real_isolation().level == "none"


def test_every_reason_explains_itself_in_both_languages():
    for reason in ("root", "user", "container", "forced", "platform", "refused", "probe"):
        texts = CATALOG[f"sandbox.why.{reason}"]
        found = IsolationStatus("none", "x", reason, "DETAIL")
        assert found.explain("ko") != found.explain("en")
        assert "{" not in found.explain("ko") + found.explain("en")
        assert set(texts) == {"ko", "en"}


def test_importable_without_posix_only_modules():
    """The portable runner choice imports `status` on Windows: no fcntl/resource/fork needed."""
    code = ("import sys, os\n"
            "for name in ('fcntl', 'resource', 'termios', 'pty'):\n"
            "    sys.modules[name] = None\n"
            "del os.fork\n"
            "from autograder.sandbox.isolation import status\n"
            "import autograder.sandbox as package\n"
            "assert 'autograder.sandbox.runner' not in sys.modules\n"
            "import json; print(json.dumps(status().level))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) in isolation.LEVELS

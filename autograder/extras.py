"""Which optional install an assignment needs, and the one command that adds it.

The base install (`pip install nnlab_student-….whl`, or `nnlab` without extras) is NumPy only and
grades 01-04. 05-07 build and train Keras models in the sandbox: they need the `keras` extra
(TensorFlow, pandas, matplotlib; pyproject.toml). `nngrade check 05_…` without it stops with the
command that installs it instead of failing inside the sandbox.
"""
import importlib.util
from importlib import metadata

from autograder.assignments import KERAS_ASSIGNMENTS

KERAS_MODULES = ("tensorflow", "pandas", "matplotlib")  # what the `keras` extra installs
DISTRIBUTIONS = ("nnlab_student", "nnlab")  # which of them installed this autograder

MESSAGES = {
    "extras.keras_missing": {
        "ko": ("{aid} 과제는 TensorFlow(Keras)가 필요하지만 설치되어 있지 않습니다 "
               "(없는 모듈: {missing}). 다음 명령으로 설치한 뒤 다시 실행하세요:\n  {command}"),
        "en": ("{aid} needs TensorFlow (Keras), which is not installed (missing: {missing}). "
               "Install it with:\n  {command}\nthen run this command again."),
    },
}


def missing_modules(aid, find_spec=importlib.util.find_spec):
    """Top-level modules ASSIGNMENT needs that are not installed ([] when none is missing)."""
    if aid not in KERAS_ASSIGNMENTS:
        return []
    return [name for name in KERAS_MODULES if find_spec(name) is None]


def _installed_distribution():
    for name in DISTRIBUTIONS:
        try:
            return metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def install_command(extra="keras"):
    """The pip command that installs EXTRA's requirements, taken from the installed metadata
    (the same ranges as pyproject.toml); works for the student wheel and a checkout alike."""
    dist = _installed_distribution()
    if dist is None or importlib.util.find_spec("packaging") is None:  # markers unreadable
        return f'pip install "nnlab[{extra}]"'
    from packaging.requirements import Requirement
    reqs = []
    for text in dist.requires or []:
        req = Requirement(text)
        if req.marker is not None and req.marker.evaluate({"extra": extra}) \
                and not req.marker.evaluate({"extra": ""}) and req.name.lower() != "nnlab":
            req.marker = None
            reqs.append(f'"{req}"' if any(c in str(req) for c in "<>") else str(req))
    if not reqs:  # an install without that extra's metadata: the extra by name
        return f'pip install "nnlab[{extra}]"'
    return "pip install " + " ".join(dict.fromkeys(reqs))


def explain_missing(aid, missing, lang):
    template = MESSAGES["extras.keras_missing"][lang]
    return template.format(aid=aid, missing=", ".join(missing), command=install_command())

"""`pytest --nngrade`'s refusal: no module of the pytest process may come from the submission.

The grading subprocess imports nothing of the submission (``python -I``, an empty folder), but the
pytest process that turns the grader's JSON into test results runs whatever the interpreter finds
on ``sys.path``. Routes that put the submission's folder there, each tested in
tests/core/test_pytest_guard.py:

* an ini file (``pytest.ini``, ``pyproject.toml``'s ``[tool.pytest.ini_options]``, ``setup.cfg``'s
  ``[tool:pytest]``, ``tox.ini``) with ``pythonpath = .``: pytest inserts it before plugins load,
  then imports ``pdb`` (and with it ``cmd``, ``code``, ``codeop``) when it configures its debugger
  — a ``pdb.py`` in the folder then runs inside pytest and can rewrite any result;
* ``python -m pytest`` (and ``python -c``) run from the folder: the current folder is
  ``sys.path[0]``;
* ``PYTHONPATH`` naming the folder.

So before pytest configures its plugins (``pytest_load_initial_conftests``, before ``pdb`` is
imported) and again before any result is reported, the plugin checks that no ``sys.path`` entry,
no ``pythonpath`` of the ini and no loaded module resolves inside the submission's folder; if one
does it refuses (``pytest.UsageError``: exit code 4, the message below). This is a check inside a
process a student may configure, so it names the honest mistakes and the known routes; the
invocation that is safe in CI is in docs/WORKFLOWS.md (``python -I -m pytest -c trusted.ini ...``
from a folder outside the submissions).
"""
import os
import sys
from pathlib import Path

MESSAGES = {
    "pytest_guard.refused": {
        "ko": ("nngrade: 제출 폴더 {folder} 안의 코드가 pytest 프로세스에 들어올 수 있어 결과를 "
               "보고하지 않습니다: {why}. 제출 폴더 밖에서 `python -I -m pytest --nngrade ...` "
               "처럼 실행하고, 제출 폴더의 pytest 설정(pythonpath)을 지우세요 "
               "(docs/WORKFLOWS.md, \"Running pytest --nngrade\")."),
        "en": ("nngrade: refusing to report: code from the submission's folder {folder} can run "
               "inside this pytest process: {why}. Run pytest from outside the submission's "
               "folder as `python -I -m pytest --nngrade ...` and remove the folder's pytest "
               "`pythonpath` setting (docs/WORKFLOWS.md, \"Running pytest --nngrade\")."),
    },
    "pytest_guard.path_entry": {
        "ko": "sys.path 항목 {entry!r}이(가) 제출 폴더를 가리킵니다",
        "en": "sys.path entry {entry!r} lies in it",
    },
    "pytest_guard.ini_pythonpath": {
        "ko": "{ini}의 pythonpath {entry!r}이(가) 제출 폴더를 가리킵니다",
        "en": "{ini} sets pythonpath {entry!r} there",
    },
    "pytest_guard.module": {
        "ko": "모듈 {module!r}을(를) {file}에서 불러왔습니다",
        "en": "module {module!r} was loaded from {file}",
    },
}


def submission_folder(option):
    """The folder whose files the student controls: PATH itself, or the folder holding it."""
    path = Path(option).resolve()
    return path if path.is_dir() else path.parent


def _inside(candidate, folder):
    try:
        resolved = Path(candidate).resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    return resolved == folder or folder in resolved.parents


def _module_file(module):
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None) if spec is not None else None
    found = origin or getattr(module, "__file__", None)
    return found if isinstance(found, str) and found not in ("built-in", "frozen") else None


def reasons(folder, path_entries=None, modules=None, ini_pythonpath=(), inipath=None, lang="en"):
    """Why code of FOLDER can run in this process ([] when it cannot).

    path_entries: sys.path ('' is the current folder); modules: sys.modules; ini_pythonpath:
    the ini's `pythonpath` paths (already resolved by pytest against the ini's folder).
    """
    text = {key: entry[lang] for key, entry in MESSAGES.items()}
    out = []
    for entry in ini_pythonpath:
        if _inside(entry, folder):
            out.append(text["pytest_guard.ini_pythonpath"].format(ini=inipath, entry=str(entry)))
    for entry in sys.path if path_entries is None else path_entries:
        if isinstance(entry, str) and _inside(entry or os.getcwd(), folder):
            out.append(text["pytest_guard.path_entry"].format(entry=entry))
    for name, module in list((sys.modules if modules is None else modules).items()):
        found = _module_file(module)
        if found and _inside(found, folder):
            out.append(text["pytest_guard.module"].format(module=name, file=found))
    return list(dict.fromkeys(out))


def refusal(folder, found, lang="en"):
    """The message of the refusal (the first three reasons)."""
    why = "; ".join(found[:3]) + (" …" if len(found) > 3 else "")
    return MESSAGES["pytest_guard.refused"][lang].format(folder=folder, why=why)


def check(config, option):
    """Raise pytest.UsageError when code of OPTION's folder can run in this pytest process."""
    import pytest
    lang = getattr(config.known_args_namespace, "nngrade_lang", None) or "ko"
    folder = submission_folder(option)
    found = reasons(folder, ini_pythonpath=config.getini("pythonpath"),  # pytest >= 7
                    inipath=config.inipath, lang=lang)
    if found:
        raise pytest.UsageError(refusal(folder, found, lang))

"""pytest frontend: ``pytest --nngrade PATH [--nngrade-assignment ID]``.

Registered as a pytest11 plugin. With ``--nngrade`` it grades the submission once (the same
pipeline as ``nngrade grade``: sandbox, same checks) and turns every check into a test item, so
any CI that reads pytest/JUnit results sees one pass/fail per check. Without the option it does
nothing.
"""

import pytest


def pytest_addoption(parser):
    group = parser.getgroup("nngrade")
    group.addoption("--nngrade", metavar="PATH", help="grade this submission file or folder")
    group.addoption("--nngrade-assignment", metavar="ID", help="assignment id for a single file")
    group.addoption("--nngrade-public-only", action="store_true",
                    help="run only the public checks (what `nngrade check` runs)")
    group.addoption("--nngrade-full", action="store_true", help="full training (as assigned)")
    group.addoption("--nngrade-seed", type=int, default=None)
    group.addoption("--nngrade-lang", choices=("ko", "en"), default="ko")


def pytest_collection_modifyitems(session, config, items):
    path = config.getoption("--nngrade")
    if not path:
        return
    from autograder.grade import grade_path
    from autograder.options import GradeOptions, mnist_from_environment
    results = grade_path(path, config.getoption("--nngrade-assignment"), options=GradeOptions(
        mode="full" if config.getoption("--nngrade-full") else "quick",
        seed=config.getoption("--nngrade-seed"),
        include_hidden=not config.getoption("--nngrade-public-only"),
        mnist_path=mnist_from_environment()))
    lang = config.getoption("--nngrade-lang")
    items[:] = [CheckItem.from_parent(session, name=f"{r.assignment}::{c.name}", result=c, lang=lang)
                for r in results for c in r.checks]


class CheckFailed(AssertionError):
    pass


class CheckItem(pytest.Item):
    def __init__(self, *, result, lang, **kwargs):
        super().__init__(**kwargs)
        self.result, self.lang = result, lang
        self.user_properties.append(("score", result.score))
        self.user_properties.append(("max_score", result.max_score))

    def runtest(self):
        if not self.result.passed:
            from autograder.messages import render
            raise CheckFailed(f"{self.result.score:g}/{self.result.max_score:g}: "
                              + render(self.result.key, self.result.fields, self.lang))

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, CheckFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, self.name

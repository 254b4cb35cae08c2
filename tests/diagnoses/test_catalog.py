"""The misconception catalog (autograder/diagnoses): named when the values match, never guessed.

Fixtures are graded in this process (tests/diagnoses/inprocess.py: the same run_check/settle as
the sandbox pipeline) with hidden checks, so the proofs over every fixture stay fast. The broken
fixtures' misconceptions (tests/diagnoses/named.py) are proven on their real-pipeline grades by
the assignments' CheckProof classes (tests/checks/harness.py), which grade them anyway.
"""
import re

import pytest

from autograder import diagnosis
from autograder.assignments import ASSIGNMENT_IDS
from autograder.reporters.catalogs import render  # loads every catalog (grading runs in a child)
from tests.checks.corpus import CORPUS
from tests.diagnoses.inprocess import grade_fixture, grade_source
from tests.diagnoses.named import ALSO, NAMED
from tests.diagnoses.slow_proofs import with_slow_marks
from tests.diagnoses.test_optimizers_mistakes import MISTAKES as OPTIMIZER_MISTAKES
from tests.fixtures.build import fixtures

NUMPY = ("01_perceptron", "02_backprop", "03_activations", "04_optimizers")
def _correct_sources():
    for aid in NUMPY:
        yield aid, "reference", None
        for alt in fixtures(aid, "alt"):
            yield aid, alt, alt
        for path in sorted((CORPUS / aid).glob("*.py")):
            yield aid, f"corpus/{path.stem}", path


@pytest.mark.slow  # grades the whole correct corpus (~1 min); CI runs it
@pytest.mark.parametrize("aid,label,source", list(_correct_sources()),
                         ids=lambda x: str(x) if not hasattr(x, "stem") else x.stem)
def test_no_correct_function_is_ever_diagnosed(aid, label, source):
    """Reference, alternatives and the corpus: a diagnosis only ever sits on a failing check,
    and never on a function whose checks all pass (corpus entries fail other functions)."""
    from tests.diagnoses.inprocess import source_of
    if source is None:
        results = grade_fixture(aid, None)
    elif hasattr(source, "read_text"):
        results = grade_source(aid, source.read_text(encoding="utf-8"))
    else:
        results = grade_fixture(aid, source)
    for r in results:
        assert not r.diagnoses or not r.passed, (label, r.name)
    if label == "reference" or not hasattr(source, "read_text"):
        assert not [r.name for r in results if r.diagnoses], label


HANGUL = re.compile(r"[\uac00-\ud7a3]")
# A Latin word inside Korean text must be an identifier: code (next to `.`, `(`, `_`, `=`), a
# name of the contract or its parameters, a method or dtype name
LATIN_WORD = re.compile(r"(?<![\w.`(/=])[A-Za-z]{4,}(?![\w(`.=])")
ALLOWED = {"float", "uniform", "step", "sigmoid", "minimize", "range", "steps", "ReLU", "Leaky",
           "PReLU", "Xavier", "LeCun", "Adam", "AdaGrad", "RMSProp", "seed", "activation",
           "Nesterov", "dtype", "size", "RandomState", "upstream", "tanh", "sqrt", "self",
           "alpha", "beta", "float32", "float64", "uint8", "None", "True", "False", "NAND",
           "Glorot", "adam", "softmax", "relu", "Dense", "MNIST", "epochs", "Keras", "PyTorch",
           "Momentum", "return", "rmsprop", "raise", "math", "cache", "dalpha"}


def test_every_diagnosis_message_is_fully_in_its_language():
    for entry in diagnosis.all_entries().values():
        en = render(f"diagnosis.{entry.id}", {}, "en")
        ko = render(f"diagnosis.{entry.id}", {}, "ko")
        assert not HANGUL.search(en), entry.id
        assert HANGUL.search(ko), entry.id
        words = {w for w in LATIN_WORD.findall(ko) if w not in ALLOWED}
        assert not words, (entry.id, words)


def test_every_contract_function_of_01_to_04_has_misconceptions():
    from autograder.checks import checks_for
    for aid in NUMPY:
        functions = {c.function for c in checks_for(aid, True)}
        have = {e.function for e in diagnosis.catalog(aid) if not e.id.endswith(
            tuple(f"float32_arithmetic_{f.lower()}" for f in functions))
            and not e.id.startswith("numpy_removed_alias")}  # (every function has both)
        assert not functions - have, (aid, functions - have)


# identifiers that appear in rendered messages (types, parameters, dict keys)
IDENTIFIERS = ALLOWED | {"params", "losses", "tuple", "dict", "list", "relu", "NoneType",
                         "ndarray", "numpy", "number", "bool", "str", "int"}


def _all_fixture_results():
    from tests.checks.harness import STUBS
    for aid in NUMPY:
        yield aid, "stub", grade_source(aid, (STUBS / f"{aid}.py").read_text(encoding="utf-8"))
        for name in fixtures(aid, "broken") + fixtures(aid, "mistake") + fixtures(aid, "alt"):
            yield aid, name, grade_fixture(aid, name)


@pytest.mark.slow  # grades every fixture of 01-04 (~2 min); CI runs it
def test_every_rendered_message_of_every_fixture_is_fully_in_its_language():
    """ko has no English words (identifiers, numbers, dtype names aside), en no Hangul; no
    '-0', no dtype codes like '|u1', no exception without its sentence."""
    problems = []
    for aid, name, results in _all_fixture_results():
        for r in results:
            en, ko = render(r.key, r.fields, "en"), render(r.key, r.fields, "ko")
            # the exception text Python wrote is quoted as it is (after the Korean sentence)
            quoted = render(r.key, {**r.fields, "message": "1"} if r.fields.get("message")
                            else r.fields, "ko")
            words = {w for w in LATIN_WORD.findall(quoted) if w not in IDENTIFIERS
                     and not w.endswith(("Error", "Exception", "Warning"))}  # type names
            if HANGUL.search(en) or words:
                problems.append((aid, name, r.name, words, ko[:160]))
            for text in (en, ko):
                if re.search(r"(?<![\w.\d])-0(?![\d.\w])|'\|u1'|\|u1\b|발생: $|raised \w+: $",
                             text):
                    problems.append((aid, name, r.name, text[:160]))
    assert not problems, problems[:10]


# one fixture per catalog entry: tests/fixtures/submissions/<aid>/mistake_<id>.py makes exactly
# that mistake (float32: one fixture per assignment, right formulas computed in float32); the
# entries with a broken_ fixture are proven by the CheckProof classes (tests/diagnoses/named.py);
# 04's mistake fixtures (checks failed, score and entry) by
# tests/diagnoses/test_optimizers_mistakes.py
MISTAKES = [(aid, name) for aid in NUMPY if aid != "04_optimizers"
            for name in fixtures(aid, "mistake")]
TWO_MATCHES = {}  # fixture → checks where a second entry computes the same values (both named)


@pytest.mark.parametrize("aid,fixture", with_slow_marks(
    MISTAKES, lambda p: p[1][len("mistake_"):].split("__")[0]))
def test_mistake_fixture_is_named_by_its_entry(aid, fixture, pytestconfig):
    want = fixture[len("mistake_"):].split("__")[0]  # mistake_<id>__<variant>: another form
    # fast suite: the checks of the functions the fixture writes (02's train_xor checks, which
    # replay 5000 epochs twice after an isolate rerun, were ~0.8 s of each 02 fixture's 1 s);
    # --run-slow (CI): every check, so no other function's check names anything either
    results = grade_fixture(aid, fixture, own_only=not pytestconfig.getoption("--run-slow"))
    named = [r for r in results if r.diagnoses]
    assert named, fixture
    for r in named:
        assert r.score < r.max_score
        if want in ("float32_arithmetic", "numpy_removed_alias"):  # one entry per function
            assert all(want in i for i in r.diagnoses), (r.name, r.diagnoses)
        elif r.name in TWO_MATCHES.get((aid, fixture), ()):
            assert want in r.diagnoses, (r.name, r.diagnoses)
        else:
            assert r.diagnoses == [want], (r.name, r.diagnoses)


def test_every_entry_has_a_fixture():
    proven = {want for table in NAMED.values() for want in table.values()}
    proven |= {want for table in ALSO.values() for want in table.values()}
    proven |= {name[len("mistake_"):].split("__")[0] for _, name in MISTAKES}
    proven |= {want for _, want in OPTIMIZER_MISTAKES.values()}
    for aid in NUMPY:
        for entry in diagnosis.catalog(aid):
            family = next((f for f in ("float32_arithmetic", "numpy_removed_alias")
                           if f in entry.id), None)  # one fixture per assignment proves them
            assert entry.id in proven or family in proven or family == "float32_arithmetic", \
                entry.id


def test_predict_curve_domain_entries_read_only_the_domain():
    """07's numpy part: the domain predict_curve returns (no model runs in the parent)."""
    import numpy as np
    from autograder.diagnoses import tanh_practice as t07
    y = np.zeros((100, 1))
    arange = {"result": (np.arange(0, 1, 0.01).reshape(-1, 1), y)}
    flat = {"result": (np.linspace(0, 1, 100), y)}
    right = {"result": (np.linspace(0, 1, 100).reshape(-1, 1), y)}
    assert t07.arange_domain(None, {}, arange, None)
    assert not t07.arange_domain(None, {}, right, None)
    assert t07.flat_domain(None, {}, flat, None) and not t07.flat_domain(None, {}, right, None)
    for hostile in (None, {}, {"result": None}, {"result": ("x", y)}, [1, 2], {"result": (y,)}):
        assert not t07.arange_domain(None, {}, hostile, None)
        assert not t07.flat_domain(None, {}, hostile, None)


def test_class_report_counts_misconceptions_in_both_languages(tmp_path):
    from autograder.integrations import class_report, misconceptions
    assert misconceptions.korean_font() is not None  # NanumGothic from koreanize-matplotlib
    csv = tmp_path / "grades.csv"
    rows = ["student,assignment,score,max_score,failed_checks,seed,seconds,error,diagnoses"]
    for i in range(8):
        found = "adam_no_bias_correction" if i < 3 else ""
        rows.append(f"s{i},04_optimizers,{80 if found else 100},100,adam_path,1,0.1,,{found}")
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    for lang, text in (("en", "Adam: no bias correction: 3 of 8 students, 38 %"),
                       ("ko", "Adam: 편향 보정 없음: 3명 / 8명, 38%")):
        page, _ = class_report.build(csv, tmp_path / lang, lang)
        html = page.read_text(encoding="utf-8")
        assert text in html and (tmp_path / lang / "misconceptions.png").stat().st_size > 1000

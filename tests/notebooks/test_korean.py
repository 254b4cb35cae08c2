"""Korean as people write it: particles attach to the word before them, in every generated
notebook ("XOR을", "`step`은", "$s$가" — never "XOR 을"), and two-form particle templates
("{name}을(를)") are resolved when feedback is rendered."""
import re

import nbformat
import pytest

from autograder.assignments import ASSIGNMENT_IDS
from autograder.messages import render
from autograder.particles import josa, resolve
from authoring import build

PARTICLES = ("은|는|이|가|을|를|의|에|에서|에게|으로|로|와|과|도|만|까지|부터|보다|처럼|이나|나|이면|면|"
             "이고|이며|인|일|입니다|이다|이라는|라는|라고|이라고|이므로|이지만|에는|에서는|으로는|로는|"
             "와는|과는|으로만|로만|이란|란|이어야|여야|인데|마다|만큼|에도|으로도|로도|에만|에서의|"
             "로의|으로의|와의|과의|이라면|라면")
# a space between a non-Hangul word (code, math, Latin, digits) and a particle after it
SPACED = re.compile(rf"(?<=[A-Za-z0-9`$)\]}}'\"*_])[ \t]+({PARTICLES})(?=[\s.,;:)!?]|$)", re.M)
FENCE = re.compile(r"```.*?```", re.S)


def markdown_text(aid):
    nb = nbformat.read(str(build.notebook_path(aid)), as_version=4)
    return "\n".join(FENCE.sub("", c.source) for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_no_space_before_particles(aid):
    text = markdown_text(aid)
    hits = [text[max(0, m.start() - 20):m.end() + 3] for m in SPACED.finditer(text)]
    assert not hits, f"{aid}: space before a particle in {hits[:5]}"


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_no_two_form_particles_in_notebooks(aid):
    assert not re.search(r"[을이은와과]\((를|가|는|과|와)\)", markdown_text(aid))


@pytest.mark.parametrize("word, pair, expected", [
    ("ValueError", "을(를)", "ValueError를"), ("XOR", "을(를)", "XOR을"),
    ("`relu`", "은(는)", "`relu`는"), ("step(s)", "이(가)", "step(s)가"),
    ("0.3", "과(와)", "0.3과"), ("SGD", "와(과)", "SGD와"), ("Adam", "이(가)", "Adam이"),
    ("파일", "으로(로)", "파일로"), ("행렬", "을(를)", "행렬을"), ("배열", "이(가)", "배열이"),
    ("값", "으로(로)", "값으로"), ("숫자", "으로(로)", "숫자로"), ("float64", "을(를)", "float64를"),
])
def test_josa_follows_the_last_sound(word, pair, expected):
    assert josa(word, pair) == expected


def test_rendered_feedback_has_no_two_form_particles():
    text = render("value.expected_error_other",
                  {"what": "perceptron(X, w, b)", "expected": "ValueError", "actual": "TypeError"})
    assert "ValueError를" in text and "TypeError가" in text and "(를)" not in text
    assert resolve("eps={given}을(를)".format(given=0.5)) == "eps=0.5를"
    assert resolve("모양 (3, 2)이(가)") == "모양 (3, 2)가"

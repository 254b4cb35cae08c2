import numpy as np

from autograder.compare import all_of, same, same_array
from autograder.messages import render
from autograder.sandbox.codec import Unsupported

E = np.array([[1.0, 2.0], [3.0, 4.0]])


def test_identical_and_tolerated_values_pass():
    assert same(E.copy(), E).ok
    assert same(E * (1 + 1e-12), E).ok


def test_order_of_questions_names_first_difference():
    assert same([[1.0, 2.0], [3.0, 4.0]], E).key == "value.type"
    assert same(E.ravel(), E).key == "value.shape"
    assert same(E.astype(np.float32), E).key == "value.dtype"
    assert same(np.array([[1.0, np.nan], [3.0, 4.0]]), E).key == "value.not_finite"
    out = same(np.array([[1.0, 2.0], [3.5, 4.0]]), E, "f(x)")
    assert out.key == "value.mismatch"
    text = render(out.key, out.fields, "en")
    assert "index [1, 0]" in text and "expected 3" in text and "got 3.5" in text


def test_integer_results_accepted_where_expected_is_integral():
    assert same(np.array([1, -1, 0]), np.array([1.0, -1.0, 0.0])).ok
    assert not same(np.array([1, 0]), np.array([0.5, 0.0])).ok


def test_elementwise_message_shows_input():
    out = same_array(np.array([1.0, 1.0]), np.array([1.0, 0.0]), "relu'(x)",
                     inputs=np.array([2.0, 0.0]))
    assert "x = 0" in render(out.key, out.fields, "en")


def test_structures():
    assert same((E, 1.0, True, 3), (E, 1.0, True, 3)).ok
    assert same((E, 1.0), (E, 1.0, 2.0)).key == "value.length"
    assert same({"U": E}, {"U": E, "W": E}).key == "value.keys"
    assert same(True, False).key == "value.mismatch"
    assert same(1, True).key == "value.type"       # bool must be a bool
    assert same(True, 1).key == "value.type"       # int must not be a bool
    assert same(Unsupported("x.Evil"), E).key == "value.unsupported"


def test_partial_credit():
    out = all_of([same(E, E), same(E.ravel(), E), same(E, E), same(E, E)], 4)
    assert out.fraction == 0.75 and out.key == "value.shape"


def test_aggregate_fails_on_empty_short_or_long_lists():
    assert all_of([], 0).fraction == 0.0          # nothing asked: nothing earned
    assert all_of([], 3).key == "probe.malformed"
    assert all_of([same(E, E)], 2).fraction == 0.0  # a short reply never passes by truncation
    assert all_of([same(E, E)] * 3, 2).fraction == 0.0


def test_messages_exist_in_both_languages():
    from autograder.messages import CATALOG
    for key, texts in CATALOG.items():
        assert set(texts) == {"ko", "en"}, key

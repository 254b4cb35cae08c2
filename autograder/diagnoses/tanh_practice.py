"""Known misconceptions of 07_tanh_practice's numpy part: the domain predict_curve returns.

The Keras checks compute their expected values in the parent with numpy, never TensorFlow; these
entries only read the domain array in the student's raw `predict_curve` record (defensively:
anything else matches nothing), so no model runs here.
"""
import numpy as np

from autograder.diagnosis import Entry

S, E = "실습문제", "the practice problem"
GRID = np.linspace(0.0, 1.0, 100)


def _domain(value):
    """The returned domain as a float vector of 100 values, or None."""
    try:
        domain = value["result"][0]
    except (TypeError, KeyError, IndexError):
        return None
    if type(domain) is not np.ndarray or domain.size != 100 or domain.dtype.kind not in "biuf":
        return None
    return domain.astype(np.float64).reshape(100)


def arange_domain(check, args, value, expected):
    domain = _domain(value)
    return domain is not None and np.allclose(domain, np.arange(100) / 100.0, rtol=1e-9,
                                              atol=1e-12)


def flat_domain(check, args, value, expected):
    try:
        domain = value["result"][0]
    except (TypeError, KeyError, IndexError):
        return False
    return (type(domain) is np.ndarray and domain.shape == (100,)
            and np.allclose(domain, GRID, rtol=1e-9, atol=1e-12))


ENTRIES = [
    Entry("domain_arange", "predict_curve",
          "np.arange(0, 1, 0.01)로 만든 점은 0부터 0.99까지라서 1이 빠지고 간격도 1/99가 "
          f"아닙니다. 양 끝을 포함하는 np.linspace(0, 1, 100)을 쓰세요. ({S})",
          "np.arange(0, 1, 0.01) runs from 0 to 0.99: it leaves out 1 and its spacing is not "
          f"1/99; use np.linspace(0, 1, 100), which includes both ends ({E})",
          match=arange_domain, title_ko="예측 구간: arange", title_en="domain: arange"),
    Entry("domain_not_column", "predict_curve",
          "점은 맞지만 모양이 (100,)입니다. 모델 입력은 열 하나짜리 2차원 배열이어야 하므로 "
          f".reshape(-1, 1)로 (100, 1)을 만드세요. ({S})",
          "the points are right but shaped (100,); the model's input is one column, so "
          f"reshape it to (100, 1) with .reshape(-1, 1) ({E})",
          match=flat_domain, title_ko="예측 구간: 열 모양 아님", title_en="domain: not a column"),
]

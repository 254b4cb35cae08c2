"""Known misconceptions of 07_tanh_practice: the domain predict_curve returns, the layer stack,
and the training settings of build_tanh_model and fit_tanh_model.

The Keras checks compute their expected values in the parent with numpy, never TensorFlow; these
entries read the domain array in the student's raw `predict_curve` record, the layer stack, and
the trained weights of the grader's replay trials replayed here with one setting changed
(keras_common; defensively: anything else matches nothing), so no model runs here.
"""
import numpy as np

from autograder.checks.public import tanh_practice as checks07
from autograder.diagnoses import keras_common as k
from autograder.diagnoses.keras_regression import compile_entries, layer_entries
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


FIT_CHECKS = ("fit_tanh", "fit_tanh_any_data")


def _fit_procedure(args, expected):
    return checks07.PROCEDURE


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
    Entry("tanh_sigmoid_activations", "build_tanh_model",
          "모든 층에 시그모이드를 썼습니다 (05번 과제의 네트워크). 실습문제의 데이터에는 음수 "
          "목표값이 있어 (0, 1) 범위의 시그모이드 출력으로는 맞출 수 없습니다. 모든 층을 "
          f"activation=\"tanh\"로 바꾸세요. ({S})",
          "every layer is sigmoid (assignment 05's network); the practice data has negative "
          "targets, which a sigmoid output in (0, 1) cannot reach; use activation=\"tanh\" "
          f"in every layer ({E})",
          match=k.stack_is(k.with_acts(checks07.LAYERS, ("sigmoid",) * 3)),
          checks=("model_layers",), title_ko="tanh 대신 시그모이드",
          title_en="sigmoid instead of tanh"),
    Entry("tanh_sigmoid_output", "build_tanh_model",
          "출력층만 시그모이드입니다. 시그모이드 출력은 (0, 1) 범위라 음수 목표값을 낼 수 "
          f"없습니다. 출력층도 activation=\"tanh\"입니다. ({S})",
          "only the output layer is sigmoid; its output lies in (0, 1) and cannot produce the "
          f"negative targets; the output layer is activation=\"tanh\" too ({E})",
          match=k.stack_is(k.with_acts(checks07.LAYERS, (None, None, "sigmoid"))),
          checks=("model_layers",), title_ko="출력층 시그모이드", title_en="sigmoid output"),
    *layer_entries("build_tanh_model", checks07.LAYERS, (S, E), prefix="tanh_"),
    *compile_entries("build_tanh_model", checks07.COMPILE_PROCEDURE, ("model_compile",), (S, E),
                     prefix="tanh_"),
    Entry("fit_default_epochs", "fit_tanh_model",
          "가중치가 1 에폭 학습한 결과와 같습니다: model.fit(X, y)에 epochs를 주지 않으면 "
          f"1 에폭만 학습합니다. model.fit(X, y, epochs=100)으로 학습하세요. ({S})",
          "the weights are those of one epoch: model.fit(X, y) without epochs trains one "
          f"epoch; train with model.fit(X, y, epochs=100) ({E})",
          match=k.replays_as(_fit_procedure, {"epochs": 1}), checks=FIT_CHECKS,
          title_ko="epochs 빠짐 (1 에폭)", title_en="epochs missing (1 epoch)"),
    Entry("fit_wrong_epochs", "fit_tanh_model",
          "가중치가 100이 아닌 다른 에폭 수로 학습한 결과와 같습니다. 독스트링대로 정확히 "
          f"100 에폭을 학습하세요: epochs=100. ({S})",
          "the weights are those of another number of epochs than 100; train exactly 100 "
          f"epochs, as the docstring says: epochs=100 ({E})",
          match=k.replays_as(_fit_procedure, *k.other_epochs(100)), checks=FIT_CHECKS,
          unless=("fit_default_epochs",), title_ko="에폭 수 다름",
          title_en="another number of epochs"),
    Entry("fit_batch_size_changed", "fit_tanh_model",
          "가중치가 batch_size를 32가 아닌 값으로 바꿔 학습한 결과와 같습니다 (에폭당 갱신 "
          f"횟수가 다름). batch_size를 주지 말고 기본값 32로 학습하세요. ({S})",
          "the weights are those of a batch_size other than 32 (another number of updates per "
          f"epoch); leave batch_size out and train with the default 32 ({E})",
          match=k.replays_as(_fit_procedure, *k.OTHER_BATCHES), checks=FIT_CHECKS,
          title_ko="batch_size 바꿈", title_en="batch_size changed"),
    Entry("fit_recompiled", "fit_tanh_model",
          "fit_tanh_model 안에서 모델을 다른 설정으로 다시 컴파일했습니다: 가중치가 다른 "
          "옵티마이저·학습률·손실(Adam, SGD 0.01, mae 등)로 학습한 결과와 같습니다. 인자로 받은 "
          f"모델은 이미 SGD(0.1)와 mse로 컴파일되어 있으니 model.fit만 호출하세요. ({S})",
          "fit_tanh_model compiled the model again with other settings: the weights are those "
          "of another optimizer, rate or loss (Adam, SGD 0.01, mae, ...); the model passed in "
          f"is already compiled with SGD(0.1) and mse, so only call model.fit ({E})",
          match=k.replays_as(_fit_procedure, {"optimizer": "Adam", "learning_rate": 0.001},
                             {"learning_rate": 0.01}, {"loss": "mae"},
                             *({"learning_rate": r} for r in (0.001, 0.05, 0.5, 1.0, 5.0))),
          checks=FIT_CHECKS, title_ko="fit 안에서 다시 컴파일",
          title_en="recompiled inside the fit"),
]

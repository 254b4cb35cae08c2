"""Known misconceptions of 06_mnist (lecture 4.4-4.6), matched on the raw views the parent
already receives: load_mnist's sampled rows and shapes, the layer stack, and the weights of the
grader's replay trials replayed here with one setting changed (keras_common)."""
import numpy as np

from autograder.checks.public import mnist as checks06
from autograder.diagnoses import keras_common as k
from autograder.diagnosis import Entry

S, E = "강의 4.4–4.6", "lecture 4.4–4.6"
LOAD_CHECKS = ("load_mnist",)


def _facts(value, key):
    facts = value.get(key) if type(value) is dict else None
    return facts if type(facts) is dict else None


def _rows(facts):
    rows = facts.get("rows") if facts else None
    return rows if type(rows) is np.ndarray and rows.dtype.kind in "biuf" else None


def unnormalised(check, args, value, expected):
    """Both image arrays hold the file's pixels unchanged (0..255), any dtype."""
    if expected is None:
        return False
    (xtr, _), (xte, _) = expected
    want = {"x_train": xtr, "x_test": xte}
    for key, raw in want.items():
        rows = _rows(_facts(value, key))
        ref = raw[np.asarray(checks06.LOAD_ROWS)].astype(np.float64)
        if rows is None or rows.shape != ref.shape or \
                not np.allclose(rows.astype(np.float64), ref, rtol=0, atol=1e-6):
            return False
    return True


def one_hot(check, args, value, expected):
    """A label array of shape (n, 10) (keras.utils.to_categorical applied in the loader)."""
    for key, n in (("y_train", 60000), ("y_test", 10000)):
        facts = _facts(value, key)
        if facts is None or facts.get("shape") != [n, 10]:
            return False
    return True


def flattened(check, args, value, expected):
    """Image arrays of shape (n, 784) (reshaped in the loader)."""
    for key, n in (("x_train", 60000), ("x_test", 10000)):
        facts = _facts(value, key)
        if facts is None or facts.get("shape") != [n, 784]:
            return False
    return True


def _output_not_softmax(stack):
    want = [tuple(layer) for layer in checks06.LAYERS]
    return len(stack) == len(want) and stack[:-1] == want[:-1] and \
        stack[-1][:2] == want[-1][:2] and stack[-1][2] != "softmax"


def _hidden_units(stack):
    want = [tuple(layer) for layer in checks06.LAYERS]
    return len(stack) == len(want) and stack[0] == want[0] and stack[2] == want[2] and \
        stack[1][0] == "Dense" and stack[1][2] == "relu" and stack[1][1] != 256


def _no_flatten(stack):
    return [tuple(layer) for layer in checks06.LAYERS][1:] == stack


COMPILE = k.fixed(checks06.COMPILE_PROCEDURE)


def _train_procedure(args, expected):
    return checks06.train_procedure(expected["epochs"])


TRAIN_CHECKS = ("train_mnist_uses_args",)

ENTRIES = [
    Entry("mnist_unnormalised", "load_mnist",
          "픽셀을 255로 나누지 않아 값이 0~255 그대로입니다. 입력이 크면 첫 층의 합이 커져 "
          "학습이 불안정해집니다. x_train / 255.0, x_test / 255.0으로 0~1 범위로 정규화하세요. "
          f"({S})",
          "the pixels are not divided by 255 and stay in 0..255; large inputs make the first "
          "layer's sums large and training unstable; normalise to [0, 1] with x_train / 255.0 "
          f"and x_test / 255.0 ({E})",
          match=unnormalised, checks=LOAD_CHECKS, title_ko="픽셀 정규화 안 함",
          title_en="pixels not divided by 255"),
    Entry("mnist_one_hot_labels", "load_mnist",
          "레이블을 원-핫 벡터 (n, 10)으로 바꿨습니다. 이 과제의 손실 "
          "sparse_categorical_crossentropy는 0~9 정수 레이블을 받으므로 레이블은 그대로 "
          f"두세요. ({S})",
          "the labels were one-hot encoded to (n, 10); this assignment's loss, "
          "sparse_categorical_crossentropy, takes the integer labels 0..9, so leave the labels "
          f"as they are ({E})",
          match=one_hot, checks=LOAD_CHECKS, title_ko="원-핫 레이블",
          title_en="one-hot labels"),
    Entry("mnist_flattened_images", "load_mnist",
          "이미지를 (n, 784)로 펼쳤습니다. load_mnist는 (n, 28, 28)을 돌려주고, 펼치는 일은 "
          f"모델의 keras.layers.Flatten()이 합니다. ({S})",
          "the images were flattened to (n, 784); load_mnist returns (n, 28, 28) and the "
          f"model's keras.layers.Flatten() does the flattening ({E})",
          match=flattened, checks=LOAD_CHECKS, title_ko="이미지를 미리 펼침",
          title_en="images flattened in the loader"),
    Entry("mnist_output_not_softmax", "build_mnist_model",
          "출력층의 활성화 함수가 softmax가 아닙니다. 10개 숫자 중 하나를 고르는 분류는 "
          "확률 분포를 내는 softmax 출력과 sparse_categorical_crossentropy를 함께 씁니다: "
          f"keras.layers.Dense(10, activation=\"softmax\"). ({S})",
          "the output layer's activation is not softmax; choosing one of 10 digits takes a "
          "softmax output (a probability distribution) with sparse_categorical_crossentropy: "
          f"keras.layers.Dense(10, activation=\"softmax\") ({E})",
          match=k.stack_where(_output_not_softmax), checks=("model_layers",),
          title_ko="출력층 softmax 아님", title_en="output not softmax"),
    Entry("mnist_hidden_units", "build_mnist_model",
          "은닉층의 뉴런 수가 256이 아닙니다 (예: 텐서플로 입문 예제의 128). 강의의 "
          f"네트워크는 keras.layers.Dense(256, activation=\"relu\")입니다. ({S})",
          "the hidden layer does not have 256 units (e.g. the TensorFlow tutorial's 128); the "
          f"lecture's network uses keras.layers.Dense(256, activation=\"relu\") ({E})",
          match=k.stack_where(_hidden_units), checks=("model_layers",),
          title_ko="은닉층 뉴런 수", title_en="hidden units"),
    Entry("mnist_no_flatten", "build_mnist_model",
          "keras.layers.Flatten()이 없어 Dense 층이 28×28 이미지의 행마다 따로 적용됩니다. "
          f"입력 다음에 keras.layers.Flatten()으로 784개 값으로 펼치세요. ({S})",
          "there is no keras.layers.Flatten(), so the Dense layers apply to each row of the "
          f"28×28 image separately; flatten to 784 values with keras.layers.Flatten() ({E})",
          match=k.stack_where(_no_flatten), checks=("model_layers",),
          title_ko="Flatten 없음", title_en="no Flatten"),
    Entry("mnist_sgd_instead_of_adam", "build_mnist_model",
          "가중치가 SGD(학습률 0.01, optimizer=\"sgd\")로 학습한 결과와 같습니다. 강의의 "
          f"MNIST 모델은 optimizer=\"adam\"으로 컴파일합니다. ({S})",
          "the weights are those of SGD at rate 0.01 (optimizer=\"sgd\"); the lecture's MNIST "
          f"model compiles with optimizer=\"adam\" ({E})",
          match=k.replays_as(COMPILE, {"optimizer": "SGD", "learning_rate": 0.01}),
          checks=("model_compile",), title_ko="Adam 대신 SGD", title_en="SGD instead of Adam"),
    Entry("mnist_epochs_not_passed", "train_mnist",
          "epochs 인자를 model.fit에 넘기지 않았습니다: 가중치가 1 에폭(model.fit의 기본값) "
          "또는 5 에폭(함수의 기본값)의 결과와 같습니다. "
          f"model.fit(x_train, y_train, epochs=epochs)로 받은 값을 넘기세요. ({S})",
          "the epochs argument is not passed on to model.fit: the weights are those of 1 epoch "
          "(model.fit's default) or 5 (the function's default); pass it: "
          f"model.fit(x_train, y_train, epochs=epochs) ({E})",
          match=k.replays_as(_train_procedure, {"epochs": 1}, {"epochs": 5}),
          checks=TRAIN_CHECKS, title_ko="epochs 인자 무시", title_en="epochs argument ignored"),
    Entry("mnist_batch_size_changed", "train_mnist",
          "가중치가 batch_size를 32가 아닌 값으로 바꿔 학습한 결과와 같습니다 (에폭당 갱신 "
          f"횟수가 다름). batch_size를 주지 말고 기본값 32로 학습하세요. ({S})",
          "the weights are those of a batch_size other than 32 (another number of updates per "
          f"epoch); leave batch_size out and train with the default 32 ({E})",
          match=k.replays_as(_train_procedure, *k.OTHER_BATCHES), checks=TRAIN_CHECKS,
          title_ko="batch_size 바꿈", title_en="batch_size changed"),
]

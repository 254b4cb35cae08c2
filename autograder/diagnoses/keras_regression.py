"""Known misconceptions of 05_keras_regression (lecture 3.8), matched on the raw views the parent
already receives (autograder/diagnoses/keras_common.py): the layer stack, and the weights of
the grader's replay trials replayed here with one setting changed."""
from autograder.checks.public.keras_regression import COMPILE_PROCEDURE, LAYERS
from autograder.diagnoses import keras_common as k
from autograder.diagnosis import Entry

S, E = "강의 3.8", "lecture 3.8"
FUNCTION = "build_nonlinear_model"
LAYER_CHECKS = ("model_layers",)
REPLAY_CHECKS = ("model_compile", "fit_nonlinear_any_data")
RATES = (0.001, 0.005, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)


def layer_entries(function, layers, section, prefix=""):
    """Layer-stack mistakes of a regression network (05 and 07 share them)."""
    ko_s, en_s = section
    output = layers[-1][2]
    return [
        Entry(f"{prefix}keras_hidden_relu", function,
              "은닉층에 ReLU를 썼습니다. 이 과제의 네트워크는 모든 층이 "
              f"{output}입니다: keras.layers.Dense(units, activation=\"{output}\"). ({ko_s})",
              f"the hidden layers use ReLU; every layer of this assignment's network is "
              f"{output}: keras.layers.Dense(units, activation=\"{output}\") ({en_s})",
              match=k.stack_is(k.with_acts(layers, ("relu", "relu", None)),
                               k.with_acts(layers, ("relu", "relu", "relu"))),
              checks=LAYER_CHECKS, title_ko="은닉층 ReLU", title_en="hidden layers ReLU"),
        Entry(f"{prefix}keras_linear_output", function,
              "출력층에 활성화 함수가 없습니다 (선형 출력, 회귀에서 흔한 습관). 이 과제의 "
              f"출력층은 {output}입니다: keras.layers.Dense(1, activation=\"{output}\"). "
              f"({ko_s})",
              "the output layer has no activation (a linear output, the usual regression "
              f"habit); this assignment's output layer is {output}: "
              f"keras.layers.Dense(1, activation=\"{output}\") ({en_s})",
              match=k.stack_is(k.with_acts(layers, (None, None, "linear"))),
              checks=LAYER_CHECKS, title_ko="선형 출력층", title_en="linear output layer"),
    ]


def compile_entries(function, proc, checks, section, prefix=""):
    """Training-setting mistakes of a compile (SGD at a documented rate on mse)."""
    ko_s, en_s = section
    rate = f"{proc.learning_rate:g}"
    base = k.fixed(proc)
    return [
        Entry(f"{prefix}keras_sgd_default_rate", function,
              "학습률 0.01로 학습됩니다: optimizer=\"sgd\"나 keras.optimizers.SGD()는 기본 "
              f"학습률 0.01을 씁니다. 학습률을 적어 주세요: "
              f"keras.optimizers.SGD(learning_rate={rate}). ({ko_s})",
              "the model trains at rate 0.01: optimizer=\"sgd\" or keras.optimizers.SGD() "
              "uses the default rate 0.01; give the rate: "
              f"keras.optimizers.SGD(learning_rate={rate}) ({en_s})",
              match=k.replays_as(base, {"learning_rate": 0.01}), checks=checks,
              title_ko="SGD 기본 학습률 0.01", title_en="SGD default rate 0.01"),
        Entry(f"{prefix}keras_other_learning_rate", function,
              f"가중치가 학습률 {rate}이(가) 아닌 다른 학습률의 SGD 결과와 같습니다. "
              f"keras.optimizers.SGD(learning_rate={rate})로 컴파일하세요. ({ko_s})",
              f"the weights are SGD's at another rate than {rate}; compile with "
              f"keras.optimizers.SGD(learning_rate={rate}) ({en_s})",
              match=k.replays_as(base, *({"learning_rate": r} for r in RATES
                                         if r != proc.learning_rate)),
              checks=checks, title_ko="다른 학습률", title_en="another learning rate"),
        Entry(f"{prefix}keras_adam_instead_of_sgd", function,
              "가중치가 Adam(학습률 0.001)의 결과와 같습니다 (optimizer=\"adam\"). 이 과제는 "
              f"확률적 경사 하강법입니다: keras.optimizers.SGD(learning_rate={rate}). "
              f"({ko_s})",
              "the weights are Adam's at rate 0.001 (optimizer=\"adam\"); this assignment uses "
              f"stochastic gradient descent: keras.optimizers.SGD(learning_rate={rate}) "
              f"({en_s})",
              match=k.replays_as(base, {"optimizer": "Adam", "learning_rate": 0.001}),
              checks=checks, title_ko="SGD 대신 Adam", title_en="Adam instead of SGD"),
        Entry(f"{prefix}keras_mae_loss", function,
              "가중치가 평균 절대 오차(loss=\"mae\")로 학습한 결과와 같습니다. 이 과제의 손실은 "
              f"평균 제곱 오차입니다: loss=\"mse\". ({ko_s})",
              "the weights are those of the mean absolute error (loss=\"mae\"); this "
              f"assignment's loss is the mean squared error: loss=\"mse\" ({en_s})",
              match=k.replays_as(base, {"loss": "mae"}), checks=checks,
              title_ko="mse 대신 mae", title_en="mae instead of mse"),
    ]


ENTRIES = [
    *layer_entries(FUNCTION, LAYERS, (S, E)),
    *compile_entries(FUNCTION, COMPILE_PROCEDURE, REPLAY_CHECKS, (S, E)),
]

"""A NumPy shape error raised inside the student's function → a sentence that explains it.

`ValueError: operands could not be broadcast together with shapes (3,2) (2,4)` or `matmul: Input
operand 1 has a mismatch in its core dimension 0 …` reach the student as NumPy wrote them; this
names what happened (a shape mismatch inside their function, not in the grader's call), which
kind of operation NumPy refused (elementwise with broadcasting, or a matrix product), and the
shapes of the arrays the grader passed, so the student can follow them through their code.
Used by `checks.observed.raised_outcome`, the one place a raised call becomes a failure.
"""
import re

import numpy as np

from autograder import messages

BROADCAST = re.compile(r"could not be broadcast|broadcast input array from shape")
MATMUL = re.compile(r"matmul: Input operand|not aligned|mismatch in its core dimension")
MAX_INPUTS = 6


def operation(types, message):
    """'broadcast' / 'matmul' for a NumPy shape ValueError, else None."""
    if not types or types[0] != "ValueError":
        return None
    if BROADCAST.search(message):
        return "broadcast"
    if MATMUL.search(message):
        return "matmul"
    return None


def _shape(value):
    return "(" + ", ".join(str(d) for d in value.shape) + ("," if value.ndim == 1 else "") + ")"


def _names(what, count):
    """Parameter labels from a check's `what` ("f(X, T, params)") when they match the count."""
    inside = re.search(r"\(([^()]*)\)", what or "")
    names = [n.strip() for n in inside.group(1).split(",")] if inside else []
    if len(names) == count and all(re.fullmatch(r"[A-Za-z_]\w*", n) for n in names):
        return names
    return [f"#{i + 1}" for i in range(count)]


def inputs(args, kwargs, what):
    """'X (3, 2), T (3, 2), params['U'] (2, 4), …': the arrays the grader passed, by name."""
    items = list(zip(_names(what, len(args)), args)) + list((kwargs or {}).items())
    out = []
    for name, value in items:
        if isinstance(value, np.ndarray):
            out.append(f"{name} {_shape(value)}")
        elif isinstance(value, dict):
            out.extend(f"{name}['{k}'] {_shape(v)}" for k, v in value.items()
                       if isinstance(v, np.ndarray))
    return ", ".join(out[:MAX_INPUTS] + (["…"] if len(out) > MAX_INPUTS else []))


def outcome_fields(types, message, args, kwargs, what):
    """(key, extra fields) for a shape error, or None when MESSAGE is not one."""
    op = operation(types, message)
    if op is None:
        return None
    passed = inputs(args, kwargs, what)
    return ("call.shape_mismatch_" + op + ("_inputs" if passed else ""), {"inputs": passed})


_KO_OP = {"broadcast": "원소별 연산(+, −, *, /)의 두 배열 모양이 브로드캐스팅되지 않습니다",
          "matmul": "행렬 곱(@, np.dot)의 안쪽 차원이 맞지 않습니다"}
_EN_OP = {"broadcast": "an elementwise operation (+, -, *, /) got arrays whose shapes do not "
                       "broadcast",
          "matmul": "a matrix product (@, np.dot) got operands whose inner dimensions differ"}
_KO_FIX = ("이 오류는 채점기가 아니라 함수 안의 연산에서 났습니다. 배열마다 함수 설명에 적힌 모양(예: "
           "목표값 (m, 1), (m,) 아님)을 따르는지, 행렬 곱이 필요한 곳에 *를 쓰지 않았는지 "
           "확인하세요")
_EN_FIX = ("the error comes from an operation inside your function, not from the grader's call; "
           "check that every array has the shape the docstring gives (e.g. targets (m, 1), not "
           "(m,)) and that a matrix product is not written as *")
MESSAGES = {}
for _op in ("broadcast", "matmul"):
    MESSAGES[f"call.shape_mismatch_{_op}"] = {
        "ko": f"{{what}} 실행 중 모양이 맞지 않습니다: {_KO_OP[_op]}. {_KO_FIX}. ({{message}})",
        "en": f"{{what}}: shape mismatch inside your function: {_EN_OP[_op]}; {_EN_FIX} "
              f"({{message}})"}
    MESSAGES[f"call.shape_mismatch_{_op}_inputs"] = {
        "ko": f"{{what}} 실행 중 모양이 맞지 않습니다: {_KO_OP[_op]}. 채점기가 넘긴 배열: "
              f"{{inputs}}. {_KO_FIX}. ({{message}})",
        "en": f"{{what}}: shape mismatch inside your function: {_EN_OP[_op]}. The grader "
              f"passed {{inputs}}; {_EN_FIX} ({{message}})"}
messages.register(MESSAGES)

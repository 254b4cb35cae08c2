"""Scalar Python written for NumPy arrays, in the elementwise functions of 01-03: a Python `if`
(or `max`, `and`, a conditional expression) on an array, and `math.exp` / `math.tanh` on one.

Each mistake is what that code does on the check's inputs: the same exception, raised by the
same NumPy operation (the truth value of an array; an array converted to a Python scalar), so
the entry matches only a student whose call raised exactly that; on a one-element input the
student's code may work, and the replacement then computes the reference's value.
`scalar_entries(ref_module, functions, prefix)` builds one entry per function;
`removed_alias_entries` one per function for NumPy's removed aliases (np.int, np.float).
"""
import math

import numpy as np

from autograder.diagnosis import Entry

LECTURE = {"perceptron": ("강의 3.2–3.5", "lecture 3.2–3.5"),
           "backprop": ("강의 3.6–3.7", "lecture 3.6–3.7"),
           "activations": ("강의 4.1", "lecture 4.1"),
           "optimizers": ("강의 4.2", "lecture 4.2")}


def _if_on_array(reference):
    def impl(x, *args, **kwargs):
        bool(np.asarray(x, dtype=np.float64) > 0)  # what `if x > 0:` / max(0, x) does
        return reference(x, *args, **kwargs)
    return impl


def _math_on_array(reference):
    def impl(x, *args, **kwargs):
        math.exp(-np.asarray(x, dtype=np.float64))  # what math.exp(-x) does on an array
        return reference(x, *args, **kwargs)
    return impl


def scalar_entries(ref, functions, section, math_functions=()):
    """Entries `<function>_python_if` for `functions` and `<function>_math_module` for
    `math_functions` of the reference module `ref` (section: a key of LECTURE)."""
    ko_s, en_s = LECTURE[section]
    out = []
    for name in functions:
        out.append(Entry(
            f"{name}_python_if", name,
            "배열에 파이썬의 if(또는 max(0, x), and/or, 조건식)를 썼습니다. 배열의 비교 결과는 "
            "원소마다 True/False가 있어 하나의 참/거짓이 아니므로 ValueError가 납니다. "
            "원소별로 고르는 넘파이 함수를 쓰세요: "
            f"np.where(조건, 참일 때, 거짓일 때), np.maximum, np.sign. ({ko_s})",
            "you used a Python if (or max(0, x), and/or, a conditional expression) on an "
            "array; comparing an array gives one True/False per element, not one truth value, "
            "so NumPy raises ValueError('The truth value of an array ... is ambiguous'); choose "
            "per element with NumPy: np.where(condition, if_true, if_false), np.maximum, "
            f"np.sign ({en_s})",
            impl=({name: _if_on_array(getattr(ref, name))},),
            title_ko=f"{name}: 배열에 파이썬 if", title_en=f"{name}: Python if on an array"))
    for name in math_functions:
        out.append(Entry(
            f"{name}_math_module", name,
            "math 모듈의 함수(math.exp, math.tanh 등)를 배열에 썼습니다. math는 숫자 하나만 "
            "받으므로 배열에서 TypeError가 납니다. 원소별로 계산하는 넘파이 함수를 쓰세요: "
            f"np.exp, np.tanh. ({ko_s})",
            "you used a function of the math module (math.exp, math.tanh, ...) on an array; "
            "math takes a single number, so an array raises TypeError; use NumPy's elementwise "
            f"functions: np.exp, np.tanh ({en_s})",
            impl=({name: _math_on_array(getattr(ref, name))},),
            title_ko=f"{name}: 배열에 math 함수", title_en=f"{name}: math module on an array"))
    return out


# ---- NumPy's removed aliases ---------------------------------------------------------------------
REMOVED_ALIASES = ("int", "float", "bool", "object", "long", "str", "complex", "unicode")


def removed_alias_raised(check, args, value, expected):
    """The student's call raised NumPy's AttributeError for an alias removed in NumPy 1.24
    (np.int, np.float, ...), which older code (e.g. Deep Learning from Scratch's
    `np.array(x > 0, dtype=np.int)`) still writes."""
    from autograder.diagnosis import _raised
    for types, message in _raised(value):
        if types[:1] == ("AttributeError",) and any(
                message.startswith(f"module 'numpy' has no attribute '{a}'")
                for a in REMOVED_ALIASES):
            return True
    return False


def removed_alias_entries(functions, section):
    """Entries `numpy_removed_alias_<function>` (one per contract function of the section)."""
    ko_s, en_s = LECTURE[section]
    return [Entry(
        f"numpy_removed_alias_{name.lower()}", name,
        "np.int, np.float 같은 옛 별칭은 넘파이 1.24에서 없어져 AttributeError가 납니다 (예: "
        "밑바닥부터 시작하는 딥러닝의 np.array(x > 0, dtype=np.int)). 파이썬의 int, float 또는 "
        f"np.int64, np.float64를 쓰세요. ({ko_s})",
        "np.int, np.float and the like were removed in NumPy 1.24 and raise AttributeError "
        "(e.g. Deep Learning from Scratch's np.array(x > 0, dtype=np.int)); write Python's "
        f"int, float or np.int64, np.float64 ({en_s})",
        match=removed_alias_raised, title_ko=f"{name}: 없어진 np.int/np.float",
        title_en=f"{name}: removed np.int/np.float") for name in functions]

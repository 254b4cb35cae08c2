"""How a message's fields are written for people, applied by `messages.render` to every message.

* Numbers as people write them: "-0" → "0" (a negative zero is zero).
* dtype names, not numpy's type codes: "|u1" → uint8, "<f4" → float32.
* No raw exception from student code without the sentence that explains it: a
  NotImplementedError is "not implemented yet", an exception with an empty message gets no
  dangling ": ".
* Korean messages fully in Korean: the English words inside the labels of checks (`what`,
  "path[step, coordinate]", "on a random MLP", …) are written in Korean; identifiers, numbers and
  code stay as they are.
"""
import re

import numpy as np

KEYS = {
    "call.not_implemented": {
        "ko": "{what}: 아직 구현되지 않았습니다 (NotImplementedError). 함수 본문의 "
              "`raise NotImplementedError`를 지우고 독스트링의 식을 구현하세요.{where}",
        "en": "{what} is not implemented yet (NotImplementedError); replace the body's "
              "`raise NotImplementedError` with the docstring's formula{where}"},
    "call.state_read_only": {
        "ko": "{what}: 상태 속성을 설정할 수 없습니다 ({message}). 상태(m, s, t)는 값을 넣을 수 "
              "있는 일반 속성이어야 합니다: 이어서 학습하는 검사(*_warm_start)가 첫 step 전에 "
              "값을 넣습니다. setter 없는 @property 대신 self.m = ...처럼 쓰세요. 이 실수로는 "
              "*_warm_start 검사만 점수를 잃습니다.",
        "en": "{what}: a state attribute cannot be set ({message}); the state (m, s, t) must be "
              "plain assignable attributes: the warm-start checks set it before the first step; "
              "use self.m = ... instead of a @property without a setter. Only the warm-start "
              "checks lose points for this"},
    "call.error_bare": {
        "ko": "{what} 실행 중 {type}이(가) 발생했습니다 (예외 메시지 없음){where}.",
        "en": "{what} raised {type} (with no message){where}"},
}

NEG_ZERO = re.compile(r"(?<![\w.\d])-0(\.0+)?(?![\d.eE\w])")
DTYPE_CODE = re.compile(r"^[|<>=]?[biufcmMOSUV]\d*$")

# English fragments of check labels → Korean (order matters: longer first)
KO = [
    (re.compile(r"\(its cache feeds (\w+)\)"), r"(cache를 \1에 넘김)"),
    (re.compile(r"\((\w+) starts from it\)"), r"(\1의 시작점)"),
    (re.compile(r" vs numerical gradient"), " (수치 미분과 비교)"),
    (re.compile(r" on a random MLP"), " (무작위 MLP)"),
    (re.compile(r" on random integer (\w+)"), r" (무작위 정수 \1)"),
    (re.compile(r" on random (separable|non-separable) data "),
     lambda m: " (무작위 " + ("선형 분리 가능한" if m.group(1) == "separable"
                             else "선형 분리 불가능한") + " 데이터) "),
    (re.compile(r" on random (\w+)"), r" (무작위 \1)"),
    (re.compile(r"path\[step, coordinate\]"), "경로[step, 좌표]"),
    (re.compile(r"(\w+) after each step \[step - 1, coordinate\]"),
     r"각 step 뒤의 \1 [step - 1, 좌표]"),
    (re.compile(r"(\w+) after each step"), r"각 step 뒤의 \1"),
    (re.compile(r"step (\d+) returned"), r"\1번째 step의 반환값"),
    (re.compile(r"\((params|losses|Y|cache|w|b|converged|epochs)\)"), r"(\1)"),
    (re.compile(r"(\w+) path\b"), r"\1 경로"),
]
# numpy's floating-point warnings, as the student sees them in Korean
KO_WARNINGS = [
    (re.compile(r"overflow encountered in (\w+)"), r"\1에서 오버플로 발생"),
    (re.compile(r"underflow encountered in (\w+)"), r"\1에서 언더플로 발생"),
    (re.compile(r"invalid value encountered in (\w+)"), r"\1에서 잘못된 값(nan) 발생"),
    (re.compile(r"divide by zero encountered in (\w+)"), r"\1에서 0으로 나눔"),
]


def _dtype_name(value):
    text = str(value)
    if DTYPE_CODE.match(text):
        try:
            return np.dtype(text).name
        except TypeError:
            return text
    return text


def _numbers(text):
    return NEG_ZERO.sub("0", text)


def _korean(text, table=KO):
    for pattern, repl in table:
        text = pattern.sub(repl, text)
    return text


def refine(key, fields, lang):
    """(key, fields) as they should be written in `lang`."""
    fields = dict(fields)
    if key == "call.error":
        message = str(fields.get("message", ""))
        if fields.get("type") == "AttributeError" and ("has no setter" in message
                                                        or "can't set attribute" in message):
            key = "call.state_read_only"
        elif fields.get("type") == "NotImplementedError":
            key = "call.not_implemented"
        elif not str(fields.get("message", "")).strip():
            key = "call.error_bare"
    if key == "value.dtype":
        for k in ("actual", "expected"):
            if k in fields:
                fields[k] = _dtype_name(fields[k])
    for k, v in fields.items():
        if isinstance(v, str):
            v = _numbers(v)
            if lang == "ko":
                v = _korean(v, KO_WARNINGS)
                v = _korean(v) if k in ("what", "check", "index") else v
            fields[k] = v
        elif isinstance(v, (float, np.floating)) and v == 0:
            fields[k] = 0.0
    return key, fields

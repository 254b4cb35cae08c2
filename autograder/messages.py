"""One message catalog, Korean and English. Outcomes carry a key and fields; reporters render.

Checks modules may add their own keys with `register({...})`. A result's fields may carry
`notes`: a list of [key, fields] pairs rendered after the main sentence (e.g. "this check uses
sigmoid, whose own check failed").
"""

CATALOG = {
    "passed": {"ko": "통과", "en": "passed"},
    # --- loading the submission -----------------------------------------------------------------
    "load.missing_file": {
        "ko": "제출 파일을 찾을 수 없습니다: {expected}",
        "en": "submission file not found: {expected}"},
    "load.not_utf8": {
        "ko": "파일이 UTF-8 텍스트가 아닙니다. 노트북을 다시 저장하세요.",
        "en": "the file is not UTF-8 text; save the notebook again"},
    "load.bad_json": {
        "ko": "노트북 JSON이 깨져 있습니다 ({error}). Jupyter에서 다시 저장하세요.",
        "en": "the notebook is not valid JSON ({error}); save it again from Jupyter"},
    "load.no_cells": {
        "ko": "노트북에 셀 목록(cells)이 없습니다.",
        "en": "the notebook has no list of cells"},
    "load.too_big": {
        "ko": "파일이 너무 큽니다 (최대 {limit_mb} MB). 셀 출력(output)을 지우고 저장하세요.",
        "en": "the file is too large (max {limit_mb} MB); clear cell outputs and save"},
    "load.unreadable": {
        "ko": "파일을 읽을 수 없습니다: {error}", "en": "cannot read the file: {error}"},
    "load.syntax_error": {
        "ko": "셀 {cell}의 {line}번째 줄에 문법 오류(SyntaxError)가 있어 이 셀은 건너뜁니다: {error}",
        "en": "cell {cell} has a syntax error at line {line}, so it was skipped: {error}"},
    "load.cell_error": {
        "ko": "셀 {cell} 실행 중 {type} 발생: {message}",
        "en": "cell {cell} raised {type}: {message}"},
    "load.cell_killed": {
        "ko": "셀 {cell}이(가) 프로세스를 끝내거나 시간 제한을 넘겨({status}) 건너뛰었습니다.",
        "en": "cell {cell} ended the process or ran too long ({status}), so it was skipped"},
    "load.no_mnist": {
        "ko": "MNIST 데이터를 찾지 못했습니다 ({error}). NNLAB_MNIST 환경 변수나 --mnist로 mnist.npz "
              "경로를 지정하세요.",
        "en": "MNIST not found ({error}); set NNLAB_MNIST or pass --mnist with a mnist.npz path"},
    "load.failed": {
        "ko": "코드를 불러오는 중 프로세스가 끝났습니다 ({status}).",
        "en": "the process ended while loading the code ({status})"},
    # --- calling the student's code -------------------------------------------------------------
    "call.missing": {
        "ko": "`{name}`이(가) 정의되어 있지 않습니다. 함수 이름과 셀 실행 여부를 확인하세요.",
        "en": "`{name}` is not defined; check the name and that its cell runs"},
    "call.error": {
        "ko": "{what} 실행 중 {type} 발생: {message}{where}",
        "en": "{what} raised {type}: {message}{where}"},
    "call.timeout": {
        "ko": "{what}이(가) {seconds}초 안에 끝나지 않았습니다 (무한 루프?).",
        "en": "{what} did not finish within {seconds} s (infinite loop?)"},
    "call.crashed": {
        "ko": "{what} 실행 중 프로세스가 종료되었습니다 (sys.exit/os._exit, 메모리 초과 등).",
        "en": "the process ended while running {what} (sys.exit/os._exit, out of memory, …)"},
    "call.not_vectorized": {
        "ko": "{what}: 배열 전체에 대해 동작해야 합니다(벡터화). `if x > 0:`처럼 배열을 조건으로 "
              "쓰지 말고 np.where, np.maximum 같은 원소별 연산을 쓰세요. ({message})",
        "en": "{what}: must work on whole arrays (vectorized); instead of `if x > 0:` on an array "
              "use elementwise operations such as np.where or np.maximum ({message})"},
    "call.bad_output": {
        "ko": "{what}의 결과를 읽을 수 없습니다: {message}",
        "en": "could not read the result of {what}: {message}"},
    "probe.malformed": {
        "ko": "{what}: 채점용 결과의 구조가 올바르지 않아 0점 처리했습니다 ({why}).",
        "en": "{what}: the grading result had an unexpected structure, so it scored 0 ({why})"},
    "check.needs_values": {
        "ko": "이 항목의 점수는 {check} 검사가 통과할 때만 인정됩니다 (값이 맞아야 성질 검사 "
              "점수도 받습니다). 먼저 {check}을(를) 고치세요.",
        "en": "this check pays only when {check} passes (property points count only with correct "
              "values); fix {check} first"},
    "note.dependency": {
        "ko": "참고: 이 함수가 사용하는 {functions}의 검사도 실패했습니다. 그 함수를 먼저 고치세요.",
        "en": "note: {functions}, which this function uses, failed its own checks too; fix that "
              "first"},
    "note.only": {"ko": "", "en": ""},  # a passing check's hints: only its notes are rendered
    "grader.error": {
        "ko": "채점기 내부 오류로 이 항목을 채점하지 못했습니다 ({type}). 담당 조교에게 알려 주세요.",
        "en": "internal grader error while grading this check ({type}); please report it"},
    # --- comparing values -----------------------------------------------------------------------
    "value.unsupported": {
        "ko": "{what}: 반환값 {type}은(는) 숫자/NumPy 배열이 아니어서 채점할 수 없습니다.",
        "en": "{what}: returned {type}, which is not a number or NumPy array"},
    "value.type": {
        "ko": "{what}: {expected} 타입을 반환해야 하는데 {actual}을(를) 반환했습니다.",
        "en": "{what}: expected {expected}, got {actual}"},
    "value.shape": {
        "ko": "{what}: 모양(shape)이 {actual}입니다. 기대값은 {expected}입니다.",
        "en": "{what}: shape {actual}, expected {expected}"},
    "value.dtype": {
        "ko": "{what}: dtype이 {actual}입니다. {expected}(으)로 계산하세요.",
        "en": "{what}: dtype {actual}; compute in {expected}"},
    "value.not_finite": {
        "ko": "{what}: 인덱스 {index}의 값이 {actual}입니다 (유한한 값이어야 함, 기대값 {expected}).",
        "en": "{what}: value at index {index} is {actual}, expected finite {expected}"},
    "value.mismatch": {
        "ko": "{what}: {total}개 중 {count}개 원소가 다릅니다. 첫 위치 {index}: 기대값 {expected}, "
              "실제값 {actual} (허용오차 rtol={rtol}, atol={atol})",
        "en": "{what}: {count} of {total} elements differ; first at index {index}: expected "
              "{expected}, got {actual} (rtol={rtol}, atol={atol})"},
    "value.length": {
        "ko": "{what}: 길이 {expected}의 tuple을 반환해야 하는데 길이가 {actual}입니다.",
        "en": "{what}: expected a tuple of length {expected}, got length {actual}"},
    "value.keys": {
        "ko": "{what}: dict 키가 {actual}입니다. 기대값은 {expected}입니다.",
        "en": "{what}: dict keys {actual}, expected {expected}"},
    "value.input_mutated": {
        "ko": "{what}: 입력 인자 `{arg}`을(를) 직접 수정했습니다. 새 배열을 만들어 반환하세요.",
        "en": "{what}: modified its input `{arg}` in place; return a new array instead"},
    "value.expected_error": {
        "ko": "{what}: {expected}을(를) 발생시켜야 하는데 {actual}.",
        "en": "{what}: should raise {expected}, but {actual}"},
}


def register(messages):
    """Add a checks module's own keys; a key may be defined once."""
    for key, texts in messages.items():
        if key in CATALOG and CATALOG[key] != texts:
            raise ValueError(f"message key {key!r} defined twice")
        if set(texts) != {"ko", "en"}:
            raise ValueError(f"message {key!r} needs exactly 'ko' and 'en'")
        CATALOG[key] = texts


class _Blank(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def render(key, fields=None, lang="ko"):
    fields = fields or {}
    entry = CATALOG.get(key)
    if entry is None:
        return f"{key} {fields}"
    text = entry.get(lang, entry["en"]).format_map(_Blank(fields))
    for note_key, note_fields in fields.get("notes", ()):
        text += " " + render(note_key, note_fields, lang)
    return text

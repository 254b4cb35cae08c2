"""One message catalog, Korean and English. Outcomes carry a key and fields; reporters render.

Checks modules may add their own keys with `register({...})`.
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
        "ko": "셀 {cell}의 {line}번째 줄 문장 실행 중 {type} 발생: {message}",
        "en": "the statement at cell {cell}, line {line} raised {type}: {message}"},
    "load.error_in_cell": {
        "ko": "셀 {cell} 실행 중 {type} 발생: {message}",
        "en": "cell {cell} raised {type}: {message}"},
    "load.cell_killed": {
        "ko": "셀 {cell}의 {line}번째 줄 문장이 프로세스를 끝내거나 시간 제한을 넘겨({status}) "
              "건너뛰었습니다.",
        "en": "the statement at cell {cell}, line {line} ended the process or ran too long "
              "({status}), so it was skipped"},
    "load.no_mnist": {
        "ko": "MNIST 데이터를 찾지 못했습니다 ({error}). NNLAB_MNIST 환경 변수나 --mnist로 mnist.npz "
              "경로를 지정하세요.",
        "en": "MNIST not found ({error}); set NNLAB_MNIST or pass --mnist with a mnist.npz path"},
    "load.failed": {
        "ko": "코드를 불러오는 중 프로세스가 끝났습니다 ({status}).",
        "en": "the process ended while loading the code ({status})"},
    "load.code_too_big": {
        "ko": "코드 셀의 코드가 모두 {size_kb} KB로 너무 깁니다 (최대 {limit_kb} KB). 실험용 코드나 "
              "붙여 넣은 데이터를 지우고 저장하세요.",
        "en": "the code cells hold {size_kb} KB of code, more than the {limit_kb} KB allowed; "
              "remove pasted data or experiments and save"},
    "load.too_complex": {
        "ko": "제출 파일을 읽는 데 채점기의 메모리 한도({limit_mb} MB)보다 많은 메모리가 필요해 채점하지 "
              "못했습니다. 셀 출력을 지우고, 아주 긴 식이나 깊게 중첩된 코드가 없는지 확인하세요.",
        "en": "reading the submission needs more memory than the grader allows ({limit_mb} MB); "
              "clear cell outputs and look for very long expressions or deeply nested code"},
    "load.too_slow": {
        "ko": "제출 파일을 읽는 데 {seconds}초가 넘게 걸려 채점하지 못했습니다. 셀 출력을 지우고, 아주 긴 "
              "식이나 깊게 중첩된 코드가 없는지 확인하세요.",
        "en": "reading the submission took more than {seconds} s; clear cell outputs and look for "
              "very long expressions or deeply nested code"},
    "load.parse_failed": {
        "ko": "채점기가 제출 파일을 읽는 중 내부 오류가 났습니다 ({detail}). 담당 조교에게 알려 주세요.",
        "en": "internal grader error while reading the submission ({detail}); please report it"},
    "load.cell_too_complex": {
        "ko": "셀 {cell}의 코드가 너무 길거나 깊게 중첩되어 채점기가 읽지 못해 건너뜁니다 ({error}). "
              "긴 식을 여러 줄로 나누세요.",
        "en": "cell {cell} is too long or too deeply nested for the grader to read ({error}), so "
              "it was skipped; split long expressions"},
    "load.missing_failed": {
        "ko": "`{name}`은(는) 셀 {cell}의 {line}번째 줄에서 정의되지만, 채점기가 그 문장을 실행할 때 "
              "{type} 발생: {message}",
        "en": "`{name}` is defined at cell {cell}, line {line}, but that statement raised "
              "{type} when the grader ran it: {message}"},
    "load.missing_killed": {
        "ko": "`{name}`은(는) 셀 {cell}의 {line}번째 줄에서 정의되지만, 그 문장이 프로세스를 끝내거나 "
              "시간 제한을 넘겨({status}) 건너뛰었습니다.",
        "en": "`{name}` is defined at cell {cell}, line {line}, but that statement ended the "
              "process or ran too long ({status}), so it was skipped"},
    "load.missing_not_run": {
        "ko": "`{name}`은(는) 셀 {cell}의 {line}번째 줄에 있지만 코드를 실행한 뒤 존재하지 않습니다 "
              "(실행되지 않은 if/try/반복문 안에 있거나 뒤에서 del 되었습니다).",
        "en": "`{name}` appears at cell {cell}, line {line}, but does not exist after the code "
              "ran (inside an if/try/loop that did not define it, or deleted later)"},
    "load.missing_not_loaded": {
        "ko": "`{name}`을(를) 불러오지 못했습니다: 코드를 불러오는 중 프로세스가 끝났습니다 ({status}).",
        "en": "`{name}` could not be loaded: the process ended while loading the code ({status})"},
    "load.missing_nested": {
        "ko": "`{name}`은(는) `{outer}` 안(셀 {cell}, {line}번째 줄)에만 정의되어 있습니다. 셀의 가장 "
              "바깥(최상위)에 정의하세요.",
        "en": "`{name}` is defined only inside `{outer}` (cell {cell}, line {line}); define it at "
              "the top level of a cell"},
    "load.missing_in_test_cell": {
        "ko": "`{name}`은(는) 테스트 셀(셀 {cell})에만 정의되어 있습니다. 채점기는 테스트 셀을 실행하지 "
              "않으니 답안 셀에 정의하세요.",
        "en": "`{name}` is defined only in a test cell (cell {cell}), which the grader does not "
              "run; define it in a solution cell"},
    "load.missing_in_magic_cell": {
        "ko": "`{name}`은(는) 셀 매직(%%…)으로 시작하는 셀 {cell}에만 정의되어 있습니다. 채점기는 그 "
              "셀을 실행하지 않으니 매직 줄을 지우세요.",
        "en": "`{name}` is defined only in cell {cell}, which starts with a cell magic (%%…) the "
              "grader does not run; remove the magic line"},
    "load.missing_syntax": {
        "ko": "`{name}`은(는) 문법 오류가 있어 건너뛴 셀 {cell}에 정의되어 있습니다. 그 오류를 고치세요.",
        "en": "`{name}` is defined in cell {cell}, which was skipped because of a syntax error; "
              "fix that error"},
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
    "call.bad_output": {
        "ko": "{what}의 결과를 읽을 수 없습니다: {message}",
        "en": "could not read the result of {what}: {message}"},
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
    entry = CATALOG.get(key)
    if entry is None:
        return f"{key} {fields or ''}"
    return entry.get(lang, entry["en"]).format_map(_Blank(fields or {}))

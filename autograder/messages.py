"""One message catalog, Korean and English. Outcomes carry a key and fields; reporters render.

Checks modules may add their own keys with `register({...})`; they are registered when the
module is imported. Whoever renders results it did not grade itself (the batch parent, a
reporter) calls `autograder.reporters.catalogs.load_all()` first, which imports every module
that holds keys (kept there, not here: this module imports only the codec's text cleaner).
A result's fields may carry `notes`: a list of [key, fields] pairs rendered after the main
sentence (e.g. "this check uses sigmoid, whose own check failed").
"""

from autograder import message_style
from autograder.particles import resolve as resolve_particles
from autograder.sandbox.codec import clean_text

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
    # --- locating files in a submission (autograder/loader/locate.py) ----------------------------
    "locate.symlink": {
        "ko": "{name}은(는) 심볼릭 링크입니다. 채점기는 링크를 따라가지 않으니 링크가 아닌 파일(폴더) "
              "자체를 제출하세요.",
        "en": "{name} is a symbolic link; the grader does not follow links, so submit the file "
              "(or folder) itself"},
    "locate.not_regular": {
        "ko": "{name}은(는) 일반 파일이 아닙니다 (FIFO, 장치 파일 등). 노트북 파일 자체를 제출하세요.",
        "en": "{name} is not a regular file (a FIFO, a device, ...); submit the notebook file "
              "itself"},
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
    # --- nbgrader autograde (autograder/integrations/nbgrader_autograde.py) --------------------

    "nbgrader.no_checks": {
        "ko": "이 테스트 셀은 nngrade 채점 항목을 지정하지 않아 0점입니다 (강의 담당자에게 알려 주세요).",
        "en": "this test cell names no nngrade check, so it scores 0 (please tell the course "
              "staff)"},
    "nbgrader.unknown_check": {
        "ko": "채점 항목 {name}이(가) {assignment}에 없습니다 (강의 담당자에게 알려 주세요).",
        "en": "check {name} does not exist in {assignment} (please tell the course staff)"},
    "nbgrader.unreadable": {
        "ko": "{student}/{assignment}: 제출한 노트북을 읽을 수 없어 nbgrader가 채점하지 못했습니다 "
              "({reason}). 이 학생은 0점이며, `nngrade batch`의 같은 행에도 같은 이유가 적힙니다.",
        "en": "{student}/{assignment}: nbgrader cannot grade the submitted notebook ({reason}); "
              "it scores 0 and `nngrade batch` gives the same reason in that student's row"},
    # --- the sandbox (autograder/sandbox) -------------------------------------------------------

    "sandbox.degraded": {
        "ko": "채점 격리 약화: {what} 적용 불가 ({why}). 채점은 계속합니다.",
        "en": "sandbox: {what} could not be applied ({why}); grading continues with weaker "
              "isolation"},
    "sandbox.unavailable": {
        "ko": "이 컴퓨터에서는 격리 채점 샌드박스(Linux 전용)를 쓸 수 없어 비공개 테스트를 채점하지 "
              "않았습니다. 공개 테스트만 실행하려면 `nngrade check`를 쓰세요.",
        "en": "the isolated grading sandbox (Linux only) is not available on this computer, so "
              "hidden checks were not graded; use `nngrade check` for the public checks"},
    "sandbox.refused": {
        "ko": "채점 샌드박스를 시작하지 않았습니다: {why}",
        "en": "the grading sandbox did not start: {why}"},
    "sandbox.isolation_required": {
        "ko": "채점 거부: 비공개 테스트와 정답이 있는 채점은 학생 코드를 격리할 수 있을 때만 "
              "실행합니다. 이 컴퓨터에서는 격리할 수 없습니다 ({why}). root로 실행하거나(예: sudo) "
              "사용자 네임스페이스를 허용한 Linux에서 실행하십시오. 위험을 알고도 진행하려면 "
              "--unsafe-no-isolation 옵션을 주십시오(학생 코드가 정답을 읽고 결과 파일을 바꿀 수 "
              "있습니다).",
        "en": "grading refused: grading with hidden checks and the reference runs only where "
              "student code can be isolated, and it cannot be here ({why}). Run as root (e.g. "
              "sudo) or on Linux with user namespaces allowed. To go ahead anyway, pass "
              "--unsafe-no-isolation (student code could then read the reference and rewrite "
              "the result files)."},
    "sandbox.why.root": {
        "ko": "root 권한: 네임스페이스와 샌드박스마다 다른 uid",
        "en": "root: namespaces and a private uid per sandbox"},
    "sandbox.why.user": {
        "ko": "uid {detail}: 권한 없는 사용자 네임스페이스 안의 마운트·네트워크·PID 네임스페이스",
        "en": "uid {detail}: mount, network and PID namespaces inside an unprivileged user "
              "namespace"},
    "sandbox.why.container": {
        "ko": "root이지만 네임스페이스가 거부됨(컨테이너): 샌드박스마다 다른 uid, no_new_privs, "
              "seccomp, 파일 권한 ({detail})",
        "en": "root, namespaces refused (a container): a private uid per sandbox, no_new_privs, "
              "seccomp, file permissions ({detail})"},
    "sandbox.why.forced": {
        "ko": "테스트용 설정 NNGRADE_FORCE_ISOLATION이 격리를 끔 (없으면: {detail})",
        "en": "the test-only setting NNGRADE_FORCE_ISOLATION turned isolation off (without it: "
              "{detail})"},
    "sandbox.why.platform": {
        "ko": "네임스페이스는 Linux에서만 쓸 수 있음 (이 시스템: {detail})",
        "en": "namespaces need Linux (this system: {detail})"},
    "sandbox.why.refused": {
        "ko": "커널이 네임스페이스를 허용하지 않음 ({detail})",
        "en": "the kernel refused the namespaces ({detail})"},
    "sandbox.why.probe": {
        "ko": "네임스페이스 검사를 실행할 수 없음 ({detail})",
        "en": "cannot run the namespace probe ({detail})"},
    "call.budget": {
        "ko": "{what}: 제출물 전체의 채점 시간 한도({seconds}초, 샌드박스에서는 CPU 시간)를 모두 "
              "사용해 실행하지 않았습니다.",
        "en": "{what}: not run, the submission used up its total time budget ({seconds} s; CPU "
              "time in the sandbox)"},
    # --- calling the student's code -------------------------------------------------------------
    "call.missing": {
        "ko": "`{name}`이(가) 정의되어 있지 않습니다. 함수 이름과 셀 실행 여부를 확인하세요.",
        "en": "`{name}` is not defined; check the name and that its cell runs"},
    "call.error": {
        "ko": "{what} 실행 중 {type} 발생: {message}{where}",
        "en": "{what} raised {type}: {message}{where}"},
    "call.timeout": {
        "ko": "{what}이(가) 시간 한도({seconds}초, 샌드박스에서는 CPU 시간) 안에 끝나지 않았습니다 "
              "(무한 루프?).",
        "en": "{what} did not finish within its time limit ({seconds} s; CPU time in the "
              "sandbox) (infinite loop?)"},
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
    "note.constant_factor": {
        "ko": "모든 값이 기대값의 정확히 {factor}배입니다. 상수 배율(예: 1/m 평균, 2배, 부호)을 "
              "확인하세요.",
        "en": "the values are exactly {factor}× the expected ones everywhere; check for a "
              "constant factor (e.g. the 1/m average, a factor 2, the sign)"},
    "note.only": {"ko": "", "en": ""},  # a passing check's hints: only its notes are rendered
    "grader.error": {
        "ko": "채점기 내부 오류로 이 항목을 채점하지 못했습니다 ({type}). 담당 조교에게 알려 주세요.",
        "en": "internal grader error while grading this check ({type}); please report it"},
    # --- batch grading and integrations (autograder/batch.py, autograder/integrations/) --------
    "batch.error": {
        "ko": "채점기 내부 오류로 채점하지 못했습니다 ({detail}, 0점). 담당 조교에게 알려 주세요.",
        "en": "internal grader error ({detail}; score 0); please tell the course staff"},
    "gradescope.no_file": {
        "ko": "제출물에서 채점할 노트북(.ipynb)을 찾지 못했습니다. {expected} 파일을 제출하세요.",
        "en": "no notebook (.ipynb) to grade was found in the submission; submit {expected}."},
    "gradescope.crash": {
        "ko": "채점기 오류로 채점하지 못했습니다 ({error}). 담당 조교에게 알려 주세요.",
        "en": "the grader failed ({error}); please tell the course staff."},
    "gradescope.stopped": {
        "ko": "채점 시간 제한({budget}초)을 넘겨 채점을 중단했습니다. 무한 루프나 너무 긴 학습이 "
              "있는지 확인하세요.",
        "en": "grading was stopped after the time limit ({budget} s); look for an infinite loop "
              "or overly long training."},
    "gradescope.hidden": {
        "ko": "비공개 테스트 결과와 총점은 성적 공개 후에 보입니다.",
        "en": "hidden checks and the total appear when grades are published."},
    "gradescope.all_assignments": {
        "ko": "이 채점기는 과제 {count}개 전체를 채점합니다. 총점은 {total}점 만점이며, 제출하지 않은 "
              "과제는 0점입니다.",
        "en": "this autograder grades all {count} assignments: the total is out of {total}, and "
              "an assignment not in the submission scores 0."},
    "gradescope.no_assignment": {
        "ko": "이 autograder.zip에는 채점할 과제가 지정되어 있지 않습니다. 담당 조교에게 알려 주세요 "
              "(nngrade gradescope-zip --assignment ID로 다시 만들어야 합니다).",
        "en": "this autograder.zip names no assignment to grade; please tell the course staff "
              "(rebuild it with nngrade gradescope-zip --assignment ID)."},
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
    "value.expected_error_none": {
        "ko": "{what}: {expected}을(를) 발생시켜야 하는데 예외가 발생하지 않았습니다.",
        "en": "{what}: should raise {expected}, but no exception was raised"},
    "value.expected_error_other": {
        "ko": "{what}: {expected}을(를) 발생시켜야 하는데 {actual}이(가) 발생했습니다.",
        "en": "{what}: should raise {expected}, but {actual} was raised"},
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


register(message_style.KEYS)


class _Field:
    """A field value that formats with the template's spec when it can, else as plain text (a
    student-derived value of an unexpected type must not turn rendering into a traceback)."""

    def __init__(self, value):
        self.value = value

    def __format__(self, spec):
        try:
            return format(self.value, spec)
        except (TypeError, ValueError):
            return str(self.value)

    def __str__(self):
        return str(self.value)

    def __repr__(self):
        return repr(self.value)


class _Missing(str):
    """A field the result does not carry: shown as its placeholder, whatever the spec."""

    def __format__(self, spec):
        return "{" + self + "}"

    def __repr__(self):
        return "{" + self + "}"


class _Blank(dict):
    def __getitem__(self, key):
        return _Field(dict.__getitem__(self, key)) if key in self else _Field(_Missing(key))


def render(key, fields=None, lang="ko"):
    key, fields = message_style.refine(key, fields or {}, lang)  # -0, dtype names, Korean labels
    entry = CATALOG.get(key)
    if entry is None:
        return f"{key} {fields}"
    template = entry.get(lang, entry["en"])
    # fields may carry text from the student's process (exception messages, class names): one
    # line, no control or bidi characters, whatever reporter prints it
    safe = {k: clean_text(v, 500) if isinstance(v, str) else v for k, v in fields.items()}
    try:
        text = template.format_map(_Blank(safe))
    except (ValueError, TypeError, IndexError, KeyError, AttributeError):
        text = template  # a template this renderer cannot fill: still a sentence, never a crash
    for note_key, note_fields in fields.get("notes", ()):
        text += " " + render(note_key, note_fields, lang)
    named = [render(k, f, lang) for k, f in fields.get("diagnoses", ())]  # misconceptions first
    text = " — ".join(named + [text]) if named else text
    return resolve_particles(text) if lang == "ko" else text

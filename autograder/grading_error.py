"""Grading errors: a `GraderFault` turned into a result that carries a reason and no score.

The rule (docs/WORKFLOWS.md, "Grading errors"): the student's own faults — their code raised,
returned wrong values, used up its own CPU budget — stay scores. The grader's — MNIST missing or
unreadable, TensorFlow/NumPy not importing in a clean sandbox, isolation refused, the host out of
memory or disk, a batch worker killed from outside, the reference failing on inputs the grader
drew — become a *grading error*: the affected result has `error = (key, fields)`, its score is
`None`, and every reporter writes "grading error: <reason>" where the number would be.

* `classify(exc)`: which exceptions are the grader's (a GraderFault, MemoryError, an OSError of
  the host's disk) → GraderFault, or None (not ours to reinterpret);
* `mark(result, checks, fault)`: every check of RESULT (or the CHECKS it would have had) carries
  the fault; `label` / `reason`: the sentence reporters print;
* exit code `EXIT_CODE` (4) for `nngrade grade`, `check` and `batch` when any result is one.
"""
import errno

from autograder import messages
from autograder.grader_fault import GraderFault

EXIT_CODE = 4  # nngrade grade/check/batch: at least one result is a grading error (no score)
HOST_DISK_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS}
BATCH_RETRIES = 1  # `nngrade batch` grades a faulted job once more before reporting it

MESSAGES = {
    "grading_error.label": {"ko": "채점 오류: {reason}", "en": "grading error: {reason}"},
    "grading_error.mnist_missing": {
        "ko": "채점기에 MNIST 파일이 없습니다 ({error}). NNLAB_MNIST를 Keras 형식 mnist.npz 경로로 "
              "설정하거나 --mnist로 지정하세요.",
        "en": "the grader has no MNIST file ({error}); set NNLAB_MNIST to a Keras-layout "
              "mnist.npz (or pass --mnist)"},
    "grading_error.mnist_unreadable": {
        "ko": "채점기의 MNIST 파일 {path}을(를) 읽을 수 없습니다 ({error}). NNLAB_MNIST를 Keras 형식 "
              "mnist.npz 경로로 설정하세요.",
        "en": "the grader cannot read its MNIST file {path} ({error}); set NNLAB_MNIST to a "
              "Keras-layout mnist.npz"},
    "grading_error.import_failed": {
        "ko": "빈 샌드박스에서도 {module}을(를) 불러오지 못합니다 ({error}). 채점기의 Python 환경을 "
              "고치세요 (pip install -e .).",
        "en": "{module} does not import even in a clean sandbox ({error}); repair the grader's "
              "Python environment (pip install -e .)"},
    "grading_error.sandbox_start": {
        "ko": "빈 샌드박스도 시작되지 않습니다 ({error}). 채점기 환경을 점검하세요.",
        "en": "even a clean sandbox does not start ({error}); check the grader's environment"},
    "grading_error.isolation": {
        "ko": "샌드박스 격리가 거부되어 비공개 테스트를 채점할 수 없습니다 ({why}).",
        "en": "sandbox isolation was refused, so hidden checks cannot run ({why})"},
    "grading_error.host_memory": {
        "ko": "채점기 호스트의 메모리가 부족합니다 ({detail}). 부하를 줄이고 다시 채점하세요.",
        "en": "the grading host ran out of memory ({detail}); reduce the load and grade again"},
    "grading_error.host_disk": {
        "ko": "채점기 호스트의 디스크 오류입니다 ({detail}). 공간을 확보하고 다시 채점하세요.",
        "en": "the grading host's disk failed ({detail}); free space and grade again"},
    "grading_error.worker_died": {
        "ko": "채점 프로세스가 외부에서 종료되었습니다 ({detail}). 다시 채점하세요.",
        "en": "the grading worker was killed from outside ({detail}); grade again"},
    "grading_error.grader_crashed": {
        "ko": "채점기 내부 오류입니다 ({detail}). 담당자에게 알리고 다시 채점하세요.",
        "en": "the grader itself failed ({detail}); report it and grade again"},
    "grading_error.batch_timeout": {
        "ko": "배치의 작업 시간 제한({seconds}초, 실제 시간)에 걸려 채점을 멈췄습니다. 학생 코드의 시간은 "
              "샌드박스의 CPU 예산이 판정하므로 이것은 점수가 아닙니다 (채점 당시 부하 {load}). "
              "--timeout을 늘리거나 --recheck-timeouts로 다시 채점하세요.",
        "en": "the batch's wall-clock limit for one job ({seconds} s) stopped grading; the "
              "student's time is judged by the sandbox's CPU budgets, so this is not a score "
              "(host load {load}); grade again with a larger --timeout or --recheck-timeouts"},
    "grading_error.reference": {
        "ko": "참조 구현이 채점기가 고른 입력에서 실패했습니다 ({check}: {detail}).",
        "en": "the reference failed on the inputs the grader drew ({check}: {detail})"},
    "grading_error.for_students": {
        "ko": "채점 오류 — 채점기가 이 제출물을 채점하지 못했습니다 (점수 아님). 담당 교수/조교에게 "
              "자동으로 알려졌으며, 다시 채점될 예정입니다.",
        "en": "grading error — the grader could not grade this submission (this is not your "
              "score). Your instructor has been notified and it will be graded again."},
    "grading_error.preflight": {
        "ko": "시작하지 않습니다: 모든 학생의 {assignments}이(가) 채점 오류가 됩니다. {reason}",
        "en": "not starting: every student's {assignments} would be a grading error. {reason}"},
    "grading_error.summary": {
        "ko": "채점 오류 {count}건 (점수 없음): 원인을 고친 뒤 다시 채점하세요.",
        "en": "{count} grading error(s) (no score): fix the cause and grade again"},
}
messages.register(MESSAGES)


def classify(exc):
    """EXC → the GraderFault it stands for, or None when it is not the grader's own failure."""
    if isinstance(exc, GraderFault):
        return exc
    if isinstance(exc, MemoryError):
        return GraderFault("grading_error.host_memory", detail=f"MemoryError: {exc}"[:200])
    if isinstance(exc, OSError) and exc.errno in HOST_DISK_ERRNOS:
        return GraderFault("grading_error.host_disk", detail=f"{type(exc).__name__}: {exc}"[:200])
    return None


def error_of(fault):
    """GraderFault → the (key, fields) a result carries."""
    return fault.key, {k: v for k, v in fault.fields.items()}


def mark(result, checks, fault):
    """RESULT becomes a grading error: every check (those run, else CHECKS) carries the fault."""
    from autograder.results import CheckResult
    error = error_of(fault)
    result.error = error
    if not result.checks:
        result.checks = [CheckResult(name=c.name, max_score=c.points, score=0.0, hidden=c.hidden,
                                     key=error[0], fields=dict(error[1]), error=error)
                         for c in checks]
    else:
        for check in result.checks:
            check.error = check.error or error
            check.key, check.fields, check.score = error[0], dict(error[1]), 0.0
    return result


def reason(error, lang="en"):
    """(key, fields) → the reason sentence (every key is a grading_error.* key, defined here)."""
    key, fields = error
    return messages.render(key, fields, lang)


def label(error, lang="en"):
    """(key, fields) → "grading error: <reason>"."""
    return messages.render("grading_error.label", {"reason": reason(error, lang)}, lang)


def any_error(results):
    return [r for r in results if getattr(r, "error", None)]


def for_students(lang="ko"):
    """What a student sees instead of points (the details go where only the instructor looks)."""
    return messages.render("grading_error.for_students", {}, lang)


def instructor_lines(results, lang="en"):
    """One line per result without a score: '<assignment>: grading error: <reason>'."""
    return [f"{r.assignment}: {label(r.error, lang)}" for r in any_error(results)]

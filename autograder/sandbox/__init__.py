"""Run student code in a limited, isolated child process; only plain values come back.

See docs/SECURITY.md for what is enforced where.
"""
from autograder.messages import register

_RUNNER_NAMES = ("LoadReport", "ProbeReply", "Sandbox")


def __getattr__(name):
    """`Sandbox` & co. load the POSIX-only runner on first use, so that `isolation.status()`
    (portable) can be imported where the runner cannot (Windows)."""
    if name in _RUNNER_NAMES:
        from autograder.sandbox import runner
        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


register({
    "sandbox.degraded": {
        "ko": "채점 격리 약화: {what} 적용 불가 ({why}). 채점은 계속합니다.",
        "en": "sandbox: {what} could not be applied ({why}); grading continues with weaker "
              "isolation"},
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
        "ko": "{what}: 제출물 전체의 채점 시간 한도({seconds}초)를 모두 사용해 실행하지 않았습니다.",
        "en": "{what}: not run, the submission used up its total time budget ({seconds} s)"},
})

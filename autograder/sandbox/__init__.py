"""Run student code in a limited, isolated child process; only plain values come back.

See docs/SECURITY.md for what is enforced where.
"""
from autograder.messages import register
from autograder.sandbox.runner import LoadReport, ProbeReply, Sandbox  # noqa: F401

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
    "call.budget": {
        "ko": "{what}: 제출물 전체의 채점 시간 한도({seconds}초)를 모두 사용해 실행하지 않았습니다.",
        "en": "{what}: not run, the submission used up its total time budget ({seconds} s)"},
})

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
    "call.budget": {
        "ko": "{what}: 제출물 전체의 채점 시간 한도({seconds}초)를 모두 사용해 실행하지 않았습니다.",
        "en": "{what}: not run, the submission used up its total time budget ({seconds} s)"},
})

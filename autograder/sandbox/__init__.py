"""Run student code in a limited child process; only plain values come back."""
from autograder.sandbox.runner import LoadReport, ProbeReply, Sandbox  # noqa: F401

"""Reporters turn AssignmentResults into text, Gradescope JSON, JUnit XML or CSV."""

"""`python -m autograder.expected [--write] [ID ...]`: check or regenerate the JSON files."""
from autograder.expected import main

main()

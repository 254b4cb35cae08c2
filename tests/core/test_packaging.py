"""Every package folder is listed in pyproject.toml (the list is explicit: nndata lives in data/)."""
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = {"autograder": "autograder", "solutions": "solutions", "authoring": "authoring",
           "nndata": "data"}


def test_every_package_folder_is_listed():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    found = set()
    for name, folder in FOLDERS.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder)
            found.add(".".join((name,) + rel.parts))
    assert found == listed

"""Find and open the file to grade for each assignment: one rule for every frontend.

`nngrade grade`/`check`, `pytest --nngrade`, `nngrade batch` and the Gradescope run all use it.

**The root.** The folder the instructor named — `nngrade grade DIR`, batch's `submitted/`,
Gradescope's `/autograder/submission` — is resolved (it may itself be a symbolic link). A file
named directly (`nngrade grade x/01_perceptron.ipynb`) has its folder as the root and is itself a
member. Everything below the root belongs to the student and is never followed: no symbolic link,
no folder link, no `..`, nothing that resolves outside the root is read.

**Candidates** for assignment `A`: `*.ipynb`/`*.py` entries at most `MAX_DEPTH` folders below the
root (the walk skips names starting with `.` or `__` — `.ipynb_checkpoints`, `.git`, `__MACOSX`,
`__pycache__` — never enters a folder link, and stops after `MAX_ENTRIES` entries), tried in
this order, the shallowest first within a step, then by name:

1. named exactly `A.ipynb`, then `A.py`;
2. named `A*.ipynb`, then `A*.py` (renamed copies: `A (1).ipynb`, `A_kim.ipynb`);
3. only when the folder is known to hold `A` (`--assignment A`, batch's `<student>/A/` folder, a
   Gradescope zip built for `A`): the only notebook, else the only module, among the files whose
   names do not start with another assignment's id.

**Refusal.** If any candidate of the step that decides is a symbolic link or not a regular file
(FIFO, device, socket), or a folder link named like `A` stands where a candidate folder would be,
`A` is refused: every check 0 with `locate.symlink` / `locate.not_regular` naming the entry
("01_perceptron.py is a symbolic link; submit the file itself"). Other assignments and other
students are graded as usual. Batch also refuses links for the `<student>` and `<student>/A`
folders and for `timestamp.txt`.

**Reading** does not trust the discovery: `open_member` walks from the root's directory fd one
component at a time with `O_NOFOLLOW` (a link planted after discovery fails to open), opens the
file with `O_NONBLOCK` (a FIFO never blocks), checks `fstat` is a regular file and reads at most a
cap (the assignment file: `loader.notebook.MAX_FILE_BYTES` + 1, so the size check still refuses
bigger files; `timestamp.txt`: `SMALL_FILE_BYTES`). The grader reads the opened descriptor, so
what happens to the path afterwards does not matter.

**Hard links** are accepted (a hard link *is* the file: `st_nlink > 1` says nothing about where
its content came from). No upload path carries them (zip, git, Gradescope's unpacking and
`nbgrader collect` all write new files), and with `fs.protected_hardlinks = 1` (the default on
Debian/Ubuntu) a user can hard-link only files they own or may write, i.e. could copy anyway —
`tests/integrations/test_locate.py` proves that a student cannot hard-link the reference. Refusing
`st_nlink > 1` would instead zero honest submissions kept by snapshot tools (`cp -al`,
`rsync --link-dest`).
"""
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from autograder.assignments import ASSIGNMENT_IDS

MAX_DEPTH = 3              # folders below the root searched for candidates
MAX_ENTRIES = 10_000       # directory entries examined per submission (a hostile upload is big)
SMALL_FILE_BYTES = 256     # cap for small metadata files (timestamp.txt)
SUFFIXES = (".ipynb", ".py")
_READ_CHUNK = 2**20


@dataclass(frozen=True)
class Refusal:
    """Why an assignment is not graded: a message key and the entry it is about."""
    key: str     # locate.symlink | locate.not_regular
    name: str    # the entry, relative to the submission root

    @property
    def fields(self):
        return {"name": self.name}


class Refused(Exception):
    def __init__(self, refusal):
        super().__init__(f"{refusal.key}: {refusal.name}")
        self.refusal = refusal


@dataclass(frozen=True)
class SubmissionFile:
    assignment: str
    path: Optional[Path]            # None: nothing found for this assignment
    root: Optional[Path] = None     # the resolved submission root; None: the file's folder
    refusal: Optional[Refusal] = None

    def member(self):
        """(root, names below it) of `path`."""
        path = Path(self.path)
        if self.root is None:
            return path.parent.resolve(), (path.name,)
        return Path(self.root), Path(path).relative_to(self.root).parts


# -- discovery -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Entry:
    parts: tuple     # names below the root
    kind: str        # "file" | "link" | "other" (FIFO, device, ...) | "dirlink"

    @property
    def name(self):
        return self.parts[-1]


def _kind(entry):
    if entry.is_symlink():
        return "link"
    if entry.is_file(follow_symlinks=False):
        return "file"
    return "other"


def scan(root, prefix=()):
    """Every candidate-looking entry below ROOT (never following a link) → list of _Entry."""
    found, examined = [], 0
    level = [()]
    for depth in range(MAX_DEPTH + 1):
        below = []
        for rel in level:
            try:
                with os.scandir(Path(root, *prefix, *rel)) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                examined += 1
                if examined > MAX_ENTRIES:
                    return found
                if entry.name.startswith((".", "__")):
                    continue
                parts = (*prefix, *rel, entry.name)
                if entry.is_symlink() and not entry.name.endswith(SUFFIXES):
                    found.append(_Entry(parts, "dirlink"))  # a link to a folder, maybe
                elif entry.is_dir(follow_symlinks=False):
                    below.append((*rel, entry.name))
                elif entry.name.endswith(SUFFIXES):
                    found.append(_Entry(parts, _kind(entry)))
        level = below
    return found


def _depth_then_name(entry):
    return (len(entry.parts), entry.parts)


def _others(aid):
    return tuple(a for a in ASSIGNMENT_IDS if a != aid)


def choose(entries, aid, known=False):
    """The rule's steps → (chosen _Entry or None, the step's candidates)."""
    files = [e for e in entries if e.kind != "dirlink"]
    steps = [
        [e for e in files if e.name == f"{aid}{suffix}"] for suffix in SUFFIXES
    ] + [
        [e for e in files if e.name.startswith(aid) and e.name.endswith(suffix)]
        for suffix in SUFFIXES
    ]
    if known:
        plain = [e for e in files if not e.name.startswith(_others(aid))]
        steps += [[e for e in plain if e.name.endswith(suffix)] for suffix in SUFFIXES]
    for number, step in enumerate(steps):
        if not step:
            continue
        if number >= 4 and len(step) != 1:
            continue  # "the only notebook": several are no answer
        return min(step, key=_depth_then_name), step
    return None, []


def refusal_of(entries):
    """A Refusal for the first link / non-regular entry among ENTRIES, else None."""
    for entry in sorted(entries, key=_depth_then_name):
        if entry.kind in ("link", "dirlink"):
            return Refusal("locate.symlink", "/".join(entry.parts))
        if entry.kind == "other":
            return Refusal("locate.not_regular", "/".join(entry.parts))
    return None


def locate(root, aid, known=False, prefix=(), entries=None):
    """One assignment in a resolved submission root → SubmissionFile (path None: nothing)."""
    root = Path(root)
    entries = scan(root, prefix) if entries is None else entries
    chosen, step = choose(entries, aid, known)
    folder_links = [e for e in entries if e.kind == "dirlink" and e.name.startswith(aid)]
    refusal = refusal_of(step) or refusal_of(folder_links)
    if chosen is None and refusal is None:
        return SubmissionFile(aid, None, root)
    target = chosen or folder_links[0]
    return SubmissionFile(aid, root.joinpath(*target.parts), root, refusal)


def infer_assignment(path):
    stem = Path(path).stem
    return stem if stem in ASSIGNMENT_IDS else None


def find_submissions(path, assignment=None):
    """Resolve PATH (+ optional assignment id) to SubmissionFiles (the rule above).

    A file needs `assignment` unless its name is `<id>.ipynb`/`<id>.py`. A folder is searched
    for every assignment (steps 1-2), or for `assignment` only (steps 1-3). Raises ValueError
    when nothing at all can be graded.
    """
    path = Path(path)
    if not os.path.lexists(path):
        raise ValueError(f"no such file or directory: {path}")
    if assignment is not None and assignment not in ASSIGNMENT_IDS:
        raise ValueError(f"unknown assignment {assignment!r}; known: {', '.join(ASSIGNMENT_IDS)}")
    if not path.is_dir():
        aid = assignment or infer_assignment(path)
        if aid is None:
            raise ValueError(f"cannot tell which assignment {path.name} is; pass --assignment ID")
        root = path.parent.resolve()
        refusal = refusal_of([entry_at(root, (path.name,))])
        return [SubmissionFile(aid, root / path.name, root, refusal)]
    root = path.resolve()
    if assignment is not None:
        return [locate(root, assignment, known=True)]
    entries = scan(root)
    found = [locate(root, aid, entries=entries) for aid in ASSIGNMENT_IDS]
    found = [f for f in found if f.path is not None]
    if not found:
        raise ValueError(f"no assignment notebook or module found under {path}")
    return found


def entry_at(root, parts):
    """The _Entry for ROOT/PARTS, its last component not followed (gone: "file"; reading says)."""
    parts = tuple(parts)
    try:
        mode = os.lstat(Path(root, *parts)).st_mode
    except OSError:
        return _Entry(parts, "file")
    if stat.S_ISLNK(mode):
        return _Entry(parts, "link")
    return _Entry(parts, "file" if stat.S_ISREG(mode) else "other")


# -- reading -------------------------------------------------------------------------------------
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def _refuse(parts, upto, mode=None):
    name = "/".join(parts[:upto + 1])
    key = "locate.symlink" if mode is None or stat.S_ISLNK(mode) else "locate.not_regular"
    raise Refused(Refusal(key, name))


def open_member(root, parts):
    """fd of ROOT/PARTS, opened without following any link below ROOT; regular files only.

    Raises Refused (a link, or not a regular file) or OSError (missing, unreadable).
    """
    parts = tuple(parts)
    if not parts or any(p in ("", ".", "..") or "/" in p for p in parts):
        raise ValueError(f"bad member name {parts!r}")
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)  # the root may be a link
    try:
        for index, name in enumerate(parts):
            last = index == len(parts) - 1
            mode = os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode
            if stat.S_ISLNK(mode):
                _refuse(parts, index, mode)
            if last and not stat.S_ISREG(mode):
                _refuse(parts, index, mode)  # never open a FIFO or a device
            try:
                child = os.open(name, _FILE_FLAGS if last else _DIR_FLAGS, dir_fd=fd)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    _refuse(parts, index)  # swapped for a link between stat and open
                raise
            os.close(fd)
            fd = child
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            _refuse(parts, len(parts) - 1, os.fstat(fd).st_mode)
        return fd
    except BaseException:
        os.close(fd)
        raise


def read_member(root, parts, cap):
    """At most CAP bytes of ROOT/PARTS (see open_member)."""
    fd = open_member(root, parts)
    with os.fdopen(fd, "rb") as fh:
        return fh.read(cap)


def copy_member(root, parts, target, cap):
    """Copy at most CAP bytes of ROOT/PARTS to TARGET (a path in a private folder)."""
    fd = open_member(root, parts)
    left = cap
    with os.fdopen(fd, "rb") as src, open(target, "xb") as dst:
        while left > 0:
            chunk = src.read(min(_READ_CHUNK, left))
            if not chunk:
                break
            dst.write(chunk)
            left -= len(chunk)
    return target


def private_copy(submission, folder):
    """Copy a located submission file into FOLDER (private) → (path of the copy, None), or
    (None, (message key, fields)) when it cannot be read as a member of its root."""
    from autograder.loader.notebook import MAX_FILE_BYTES
    root, parts = submission.member()
    target = Path(folder) / parts[-1]
    try:
        return copy_member(root, parts, target, MAX_FILE_BYTES + 1), None
    except Refused as exc:
        return None, (exc.refusal.key, exc.refusal.fields)
    except OSError as exc:
        return None, ("load.unreadable", {"error": f"{parts[-1]}: {exc.strerror or exc}"[:200]})


def read_small_text(root, parts, cap=SMALL_FILE_BYTES):
    """A small text file (e.g. timestamp.txt) → (text or "", Refusal or None). Missing: ""."""
    try:
        data = read_member(root, parts, cap)
    except Refused as exc:
        return "", exc.refusal
    except OSError:
        return "", None
    return data.decode("utf-8", "replace"), None

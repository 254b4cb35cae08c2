"""Grade files are data: the one rule for every CSV cell nngrade writes, and the one timestamp
parser (docs/WORKFLOWS.md, "Grade files are data").

* `safe_cell`: a text cell beginning with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading
  single quote (the OWASP rule against CSV/formula injection), so a spreadsheet shows it as text
  instead of evaluating it. Applied to text cells: student ids (folder names, chosen by
  students), names and e-mails, messages, check names. Numbers nngrade writes are never
  negative (scores, seeds, seconds), so a leading ``-`` is never a legitimate number here.
* `parse_timestamp`: nbgrader's ``timestamp.txt`` is written on the student's machine; it is
  read as a timestamp (ISO 8601, or nbgrader's ``%Y-%m-%d %H:%M:%S.%f %Z``) and written back
  normalized (UTC, ``YYYY-MM-DD HH:MM:SS[.ffffff]``, as ``nbgrader export`` writes its own), or
  not at all.
* `score_cell`: a score, or an empty cell for a grading error (never 0).
"""
import datetime as dt

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
UTC_NAMES = {"UTC", "GMT", "Z"}


def safe_cell(value):
    """VALUE as a CSV text cell that no spreadsheet evaluates."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def safe_row(row, fields=None):
    """Every cell of ROW (a dict) through `safe_cell` (only FIELDS when given)."""
    return {k: (safe_cell(v) if fields is None or k in fields else v) for k, v in row.items()}


def score_cell(score):
    """Points as the CSV writes them; "" for None (a grading error: no score, never 0)."""
    return "" if score is None else f"{score:g}"


def _zone(name):
    if name.upper() in UTC_NAMES:
        return dt.timezone.utc
    try:
        from zoneinfo import ZoneInfo
        return ZoneInfo(name)
    except Exception:  # unknown zone name (or none installed): not a timestamp we can read
        return None


def parse_timestamp(text):
    """TEXT (one line) → normalized UTC timestamp text, or None when it is not a timestamp."""
    text = str(text or "").strip()
    if not text or len(text) > 64:
        return None
    zone = None
    head, _, tail = text.rpartition(" ")
    if head and tail and tail[0].isalpha():  # nbgrader's "%Y-%m-%d %H:%M:%S.%f %Z"
        zone = _zone(tail)
        if zone is None:
            return None
        text = head
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if zone is not None:
        if when.tzinfo is not None:
            return None  # two zones: not something nbgrader writes
        when = when.replace(tzinfo=zone)
    if when.tzinfo is not None:
        when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return when.isoformat(" ")

"""`nngrade merge-csv a.csv b.csv ... --out grades.csv`: join the CSVs of sharded batch jobs.

All inputs must have the same header (nngrade's ``csv`` or nbgrader's export columns). Rows are
keyed by (student, assignment) (``student_id`` for nbgrader-csv) and written sorted by that key,
so merging the shards of ``nngrade batch --shard K/N`` gives the file one unsharded run writes.
The same key twice with different values is an error unless ``--prefer-last`` (regrades).
Every cell is written through `reporters.cells.safe_cell` (a file edited by hand cannot bring
a spreadsheet formula back in; cells nngrade wrote are unchanged by it).
"""
import csv
import io
import sys
from pathlib import Path

from autograder.reporters.cells import safe_row

KEYS = (("student", "assignment"), ("student_id", "assignment"))


class MergeError(ValueError):
    pass


def read(path):
    text = Path(path).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise MergeError(f"{path}: empty file (no header)")
    return list(reader.fieldnames), [safe_row(row) for row in reader]


def merge(paths, prefer_last=False):
    """→ CSV text of the merged, sorted rows."""
    if not paths:
        raise MergeError("no input files")
    header, merged = None, {}
    for path in paths:
        fields, rows = read(path)
        if header is None:
            header = fields
            key_fields = next((k for k in KEYS if set(k) <= set(header)), None)
            if key_fields is None:
                raise MergeError(f"{path}: no student/assignment columns in {header}")
        elif fields != header:
            raise MergeError(f"{path}: columns {fields} differ from {header}")
        for row in rows:
            key = tuple(row[k] for k in key_fields)
            if key in merged and merged[key] != row and not prefer_last:
                raise MergeError(f"{path}: {'/'.join(key)} appears twice with different values "
                                 "(use --prefer-last to keep the later file's row)")
            merged[key] = row
    buf = io.StringIO()
    writer = csv.DictWriter(buf, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(merged[k] for k in sorted(merged))
    return buf.getvalue()


def cmd_merge(args):
    try:
        text = merge(args.csv, args.prefer_last)
    except (MergeError, OSError, KeyError) as exc:
        print(f"nngrade merge-csv: {exc}", file=sys.stderr)
        return 2
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def add_parser(subparsers):
    p = subparsers.add_parser("merge-csv", help="instructors: merge per-shard batch CSVs",
                              description=__doc__)
    p.add_argument("csv", nargs="+", help="CSV files written by nngrade batch")
    p.add_argument("--out", help="merged CSV (default: stdout)")
    p.add_argument("--prefer-last", action="store_true",
                   help="a (student, assignment) in several files: keep the last one")
    p.set_defaults(func=cmd_merge)
    return p

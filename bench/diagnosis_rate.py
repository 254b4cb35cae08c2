"""Diagnosis rate of the misconception catalog on buggy submissions written apart from it.

    python -m bench.diagnosis_rate

tests/diagnoses/unseen/<aid>/<name>.py: 23 buggy submissions (one wrong function each, named
in the file's first line) written from the lecture text and from public code found by search
(mobula's PReLU, a Keras-free Adam with (v_hat + eps) ** .5, XOR scripts without biases, x(1 - x)
derivatives, ...), before being graded. Graded in this process (tests/diagnoses/inprocess.py)
with the hidden checks; prints, per submission, the failing checks of its function and the
misconceptions named, and the share named / on another function.
"""
import re
from pathlib import Path

from tests.diagnoses.inprocess import grade_source
from tests.fixtures.build import reference_source

UNSEEN = Path(__file__).resolve().parents[1] / "tests" / "diagnoses" / "unseen"
# 36 buggy + 8 correct whole submissions written by a separate author who never read the
# catalog (tests/diagnoses/blind/MANIFEST.tsv: file, functions with the bug, the misconception);
# `python -m bench.diagnosis_rate --blind`. Which of them name their misconception in words is a
# reader's judgement, recorded in bench/README.md; this counts the catalog's matches.
# `--blind DIR` measures another corpus of the same layout: tests/diagnoses/blind2 (51 buggy + 12
# correct, a second author; its reader's judgement is DIR/RESULTS.md).
BLIND = UNSEEN.parent / "blind"


def main():
    rows = []
    for path in sorted(UNSEEN.glob("*/*.py")):
        aid, text = path.parent.name, path.read_text(encoding="utf-8")
        function = re.search(r"\(function: (\w+)\)", text).group(1)
        results = grade_source(aid, reference_source(aid) + "\n\n" + text)
        from autograder.checks import checks_for
        fn_of = {c.name: c.function for c in checks_for(aid, True)}
        failing = [r for r in results if not r.passed and fn_of[r.name] == function]
        named = sorted({i for r in failing for i in r.diagnoses})
        elsewhere = sorted({(r.name, i) for r in results for i in r.diagnoses
                            if fn_of[r.name] != function})
        rows.append((aid, path.stem, function, len(failing), named, elsewhere,
                     round(sum(r.score for r in results), 2)))
        print(f"{aid} {path.stem:34s} {function:22s} failing={len(failing):2d} "
              f"score={rows[-1][6]:6.2f} named={named} other={elsewhere}")
    n = len(rows)
    named = sum(1 for r in rows if r[4])
    other = sum(1 for r in rows if r[5])
    print(f"\n{named}/{n} submissions get a named misconception ({100 * named / n:.0f} %); "
          f"{other} name one on another function")


def blind(corpus=BLIND):
    """`corpus`: a directory holding MANIFEST.tsv and the files it names (default: BLIND)."""
    import csv
    from autograder.checks import checks_for
    buggy = named = wrong_function = false = 0
    corpus = Path(corpus)
    with open(corpus / "MANIFEST.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for row in rows:
        aid = row["assignment"]
        functions = {f.split(".")[0] for f in row["functions"].split(",")}  # Adam.step → Adam
        results = grade_source(aid, (corpus / row["file"]).read_text(encoding="utf-8"))
        fn_of = {c.name: c.function for c in checks_for(aid, True)}
        ids = sorted({i for r in results for i in r.diagnoses})
        score = round(sum(r.score for r in results), 2)
        if row["correct"] == "yes":
            false += bool(ids)
        else:
            buggy += 1
            named += any(fn_of[r.name] in functions for r in results if r.diagnoses)
            wrong_function += any(fn_of[r.name] not in functions for r in results
                                  if r.diagnoses)
        print(f"{row['file']:48s} score={score:6.2f} diagnoses={ids}")
    print(f"\n{named}/{buggy} buggy submissions get a catalog diagnosis on their function "
          f"({100 * named / buggy:.0f} %); {wrong_function} also on another function; "
          f"{false} of {len(rows) - buggy} correct ones get any diagnosis")


if __name__ == "__main__":
    import sys
    args = sys.argv[1:]
    if "--blind" in args:  # --blind [DIR]: another corpus of the same layout (tests/diagnoses/blind2)
        rest = args[args.index("--blind") + 1:]
        blind(rest[0] if rest else BLIND)
    else:
        main()

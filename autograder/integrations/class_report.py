"""`nngrade report grades.csv --out DIR`: a grade report for instructors.

Writes ``DIR/scores.png`` (a score histogram per assignment), ``DIR/failed_checks.png`` (the
checks most often not fully passed, per assignment), ``DIR/misconceptions.png`` (the known
misconceptions found, per assignment: `integrations/misconceptions.py`) and ``DIR/index.html``
(the images, a summary table, the top failed checks and the misconceptions as text, and a
student × assignment table), in Korean or English (``--lang``). Reads nngrade's batch CSV; nbgrader's export
CSV works too (no per-check column there, so only the histograms). A row with an empty score is
a grading error: counted in "grading errors", left out of the statistics (never a 0).
"""
import csv
import html
import io
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

from autograder.integrations import misconceptions

TOP_CHECKS = 10
# the page and the score / failed-check charts; misconceptions.py has its own section's words
TEXT = {
    "ko": {"title": "성적 보고서", "source": "자료", "assignment": "과제", "n": "제출 수",
           "mean": "평균", "median": "중앙값", "min": "최저", "max": "최고", "out_of": "만점",
           "errors": "채점 오류", "dist": "점수 분포", "failed": "가장 많이 틀린 테스트",
           "of": "{n}명 중 {count}명", "no_fails": "틀린 테스트 기록이 없습니다 (nbgrader CSV에는 "
           "테스트별 열이 없습니다).", "score": "점수", "students": "학생 수",
           "hist_title": "{aid} (n={n}, 평균 {mean:.1f})", "fail_title": "{aid}: 가장 많이 틀린 테스트",
           "fail_axis": "통과하지 못한 제출 비율 (%)", "none_failed": "틀린 테스트 없음"},
    "en": {"title": "Grade report", "source": "Source", "assignment": "assignment", "n": "n",
           "mean": "mean", "median": "median", "min": "min", "max": "max", "out_of": "out of",
           "errors": "grading errors", "dist": "Score distribution",
           "failed": "Most-failed checks", "of": "{count} of {n}",
           "no_fails": "No failed checks recorded (an nbgrader CSV has no per-check column).",
           "score": "score", "students": "students", "hist_title": "{aid} (n={n}, mean {mean:.1f})",
           "fail_title": "{aid}: most-failed checks", "fail_axis": "% of submissions failing",
           "none_failed": "no failed checks"},
}


def load(path):
    """→ {assignment: [(student, score or None, max_score, failed checks, error, diagnoses)]}."""
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    out = defaultdict(list)
    for row in rows:
        student = row.get("student", row.get("student_id", ""))
        try:
            most = float(row.get("max_score") or 0)
            score = None if (row.get("score") or "") == "" else float(row["score"])
        except ValueError:
            score, most = None, 0.0
        failed = (row.get("failed_checks") or "").split()
        out[row.get("assignment", "?")].append((student, score, most, failed,
                                                row.get("error", ""),
                                                (row.get("diagnoses") or "").split()))
    return dict(sorted(out.items()))


def summarize(data):
    """Per assignment: n, mean, median, min, max, errors, most-failed checks."""
    summary = {}
    for aid, rows in data.items():
        scores = [r[1] for r in rows if r[1] is not None]  # grading errors have no score
        failed = Counter(name for r in rows for name in r[3])
        summary[aid] = {
            "n": len(rows), "max_score": max((r[2] for r in rows), default=0),
            "mean": statistics.fmean(scores) if scores else 0.0,
            "median": statistics.median(scores) if scores else 0.0,
            "min": min(scores, default=0.0), "max": max(scores, default=0.0),
            "errors": sum(1 for r in rows if r[4] or r[1] is None),
            "failed": failed.most_common(TOP_CHECKS),
        }
    return summary


COLUMNS = ("assignment", "n", "mean", "median", "min", "max", "out_of", "errors")


def _grid(n):
    cols = min(3, max(1, n))
    return (n + cols - 1) // cols, cols


def plot_scores(data, summary, path, lang="ko"):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    misconceptions.use_korean_font()
    t = TEXT[lang]
    rows, cols = _grid(len(data))
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.2 * rows), squeeze=False)
    for ax, (aid, items) in zip(axes.flat, data.items()):
        top = summary[aid]["max_score"] or 100
        ax.hist([r[1] for r in items if r[1] is not None], bins=10, range=(0, top), color="#4c72b0",
                edgecolor="white")
        ax.set_title(t["hist_title"].format(aid=aid, n=len(items), mean=summary[aid]["mean"]),
                     fontsize=9)
        ax.set_xlabel(t["score"])
        ax.set_ylabel(t["students"])
    for ax in list(axes.flat)[len(data):]:
        ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_failed(data, summary, path, lang="ko"):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    misconceptions.use_korean_font()
    t = TEXT[lang]
    with_fails = [aid for aid in data if summary[aid]["failed"]]
    rows, cols = _grid(max(1, len(with_fails)))
    fig, axes = plt.subplots(rows, cols, figsize=(5.0 * cols, 3.4 * rows), squeeze=False)
    for ax, aid in zip(axes.flat, with_fails):
        names, counts = zip(*reversed(summary[aid]["failed"]))
        n = summary[aid]["n"]
        ax.barh(names, [100.0 * c / n for c in counts], color="#dd8452")
        ax.set_xlim(0, 100)
        ax.set_title(t["fail_title"].format(aid=aid), fontsize=9)
        ax.set_xlabel(t["fail_axis"])
        ax.tick_params(axis="y", labelsize=7)
    if not with_fails:
        axes.flat[0].text(0.5, 0.5, t["none_failed"], ha="center", va="center")
    for ax in list(axes.flat)[max(1, len(with_fails)):]:
        ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def render_html(summary, source, extra="", lang="ko"):
    e, t = html.escape, TEXT[lang]
    rows = "".join(
        f"<tr><td>{e(aid)}</td><td>{s['n']}</td><td>{s['mean']:.1f}</td><td>{s['median']:.1f}</td>"
        f"<td>{s['min']:g}</td><td>{s['max']:g}</td><td>{s['max_score']:g}</td>"
        f"<td>{s['errors']}</td></tr>" for aid, s in summary.items())
    fails = "".join(
        f"<h3>{e(aid)}</h3><ol>" + "".join(
            f"<li><code>{e(name)}</code>: {e(t['of'].format(count=count, n=s['n']))} "
            f"({100.0 * count / s['n']:.0f}%)</li>"
            for name, count in s["failed"]) + "</ol>"
        for aid, s in summary.items() if s["failed"])
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>nngrade report</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:70em}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:right}}
td:first-child{{text-align:left}}img{{max-width:100%}}</style></head><body>
<h1>{e(t["title"])}</h1><p>{e(t["source"])}: <code>{e(str(source))}</code></p>
<table><tr>{"".join(f"<th>{e(t[k])}</th>" for k in COLUMNS)}</tr>{rows}</table>
<h2>{e(t["dist"])}</h2><img src="scores.png" alt="{e(t["dist"])}">
<h2>{e(t["failed"])}</h2><img src="failed_checks.png" alt="{e(t["failed"])}">
{fails or f"<p>{e(t['no_fails'])}</p>"}
{extra}
</body></html>
"""


def build(csv_path, out_dir, lang="ko"):
    data = load(csv_path)
    if not data:
        raise ValueError(f"{csv_path}: no rows")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = summarize(data)
    plot_scores(data, summary, out / "scores.png", lang)
    plot_failed(data, summary, out / "failed_checks.png", lang)
    counts = misconceptions.count(data)
    misconceptions.plot(counts, out / "misconceptions.png", lang)
    (out / "index.html").write_text(render_html(summary, csv_path, misconceptions.section(
        data, counts, lang), lang), encoding="utf-8")
    return out / "index.html", summary


def cmd_report(args):
    try:
        page, _ = build(args.csv, args.out, getattr(args, "lang", "ko"))
    except (OSError, ValueError) as exc:
        print(f"nngrade report: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {page}")
    return 0


def add_parser(subparsers):
    p = subparsers.add_parser("report", help="instructors: histograms and most-failed checks",
                              description=__doc__)
    p.add_argument("csv", help="grades.csv from nngrade batch / merge-csv")
    p.add_argument("--out", default="report", help="output folder (default: report/)")
    p.add_argument("--lang", choices=("ko", "en"), default="ko",
                   help="language of the page and charts (default: ko)")
    p.set_defaults(func=cmd_report)
    return p

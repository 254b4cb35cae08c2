"""Human-readable report for the terminal (Korean or English)."""
from autograder.grading_error import label
from autograder.reporters.catalogs import render

HEADINGS = {
    "ko": {"total": "총점", "problems": "불러오기 경고", "hidden": "비공개"},
    "en": {"total": "total", "problems": "loading warnings", "hidden": "hidden"},
}


def report(results, lang="ko"):
    words = HEADINGS[lang]
    lines = []
    for res in results:
        score = f"{res.score:g} / {res.max_score:g}" if res.error is None \
            else f"- / {res.max_score:g}  ({label(res.error, lang)})"  # no score, never 0
        lines.append(f"== {res.assignment}: {score}" + (f"  ({res.file})" if res.file else ""))
        for key, fields in res.problems:
            lines.append(f"   ! {render(key, fields, lang)}")
        for check in res.checks:
            if check.error is not None:
                tag = f" [{words['hidden']}]" if check.hidden else ""
                why = "" if check.error == res.error else f"  — {label(check.error, lang)}"
                lines.append(f"  ! {check.name}{tag}  -/{check.max_score:g}{why}")
                continue
            mark = "✔" if check.passed else ("◐" if check.score > 0 else "✘")
            tag = f" [{words['hidden']}]" if check.hidden else ""
            line = f"  {mark} {check.name}{tag}  {check.score:g}/{check.max_score:g}"
            if not check.passed:
                line += f"  — {render(check.key, check.fields, lang)}"
            elif check.fields.get("notes"):  # a hint on a passing check (no deduction)
                line += f"  — {render('note.only', check.fields, lang).strip()}"
            lines.append(line)
    if len(results) > 1:
        most = sum(r.max_score for r in results)
        if any(r.error is not None for r in results):
            lines.append(f"== {words['total']}: - / {most:g}")  # a part has no score
        else:
            lines.append(f"== {words['total']}: {sum(r.score for r in results):g} / {most:g}")
    return "\n".join(lines) + "\n"

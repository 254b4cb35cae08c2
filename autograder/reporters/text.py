"""Human-readable report for the terminal (Korean or English)."""
from autograder.reporters.catalogs import render

HEADINGS = {
    "ko": {"total": "총점", "problems": "불러오기 경고", "hidden": "비공개"},
    "en": {"total": "total", "problems": "loading warnings", "hidden": "hidden"},
}


def report(results, lang="ko"):
    words = HEADINGS[lang]
    lines = []
    for res in results:
        lines.append(f"== {res.assignment}: {res.score:g} / {res.max_score:g}"
                     + (f"  ({res.file})" if res.file else ""))
        for key, fields in res.problems:
            lines.append(f"   ! {render(key, fields, lang)}")
        for check in res.checks:
            mark = "✔" if check.passed else ("◐" if check.score > 0 else "✘")
            tag = f" [{words['hidden']}]" if check.hidden else ""
            line = f"  {mark} {check.name}{tag}  {check.score:g}/{check.max_score:g}"
            if not check.passed:
                line += f"  — {render(check.key, check.fields, lang)}"
            elif check.fields.get("notes"):  # a hint on a passing check (no deduction)
                line += f"  — {render('note.only', check.fields, lang).strip()}"
            lines.append(line)
    if len(results) > 1:
        total = sum(r.score for r in results)
        most = sum(r.max_score for r in results)
        lines.append(f"== {words['total']}: {total:g} / {most:g}")
    return "\n".join(lines) + "\n"

"""The class's misconceptions in `nngrade report`: counts per assignment, a chart, and a
per-student table (student × assignment: score and the misconceptions found), Korean or English.

Reads the `diagnoses` column of nngrade's batch CSV (ids of autograder/diagnoses entries; an
older CSV without it yields no section). Korean labels are drawn with NanumGothic, the TTF
shipped by the `koreanize-matplotlib` dependency (added to matplotlib from its file: the module
itself is never imported, as it changes global settings on import).
"""
import html
import importlib.util
from collections import Counter
from pathlib import Path

from autograder import diagnosis

TEXT = {
    "ko": {"title": "자주 보이는 오개념", "count": "{title}: {n}명 / {total}명, {pct:.0f}%",
           "axis": "학생 비율 (%)", "student": "학생", "none": "발견된 오개념이 없습니다.",
           "table": "학생별 점수와 오개념", "chart": "과제별 오개념", "of": "{aid}: 오개념"},
    "en": {"title": "Misconceptions found", "count": "{title}: {n} of {total} students, "
           "{pct:.0f} %", "axis": "% of students", "student": "student",
           "none": "No known misconception was found.", "table": "Scores and misconceptions "
           "per student", "chart": "Misconceptions per assignment", "of": "{aid}: misconceptions"},
}


def korean_font():
    """Path of the NanumGothic TTF shipped with koreanize-matplotlib, or None."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "fonts" / "NanumGothic.ttf"
    return path if path.is_file() else None


def use_korean_font():
    """Make matplotlib draw Hangul: register NanumGothic and put it first → its family name."""
    import matplotlib
    from matplotlib import font_manager
    path = korean_font()
    if path is None:
        return None
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = [name, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return name


def count(rows_by_assignment):
    """{aid: (n students, [(id, count), ...] most common first)} from load()'s rows, whose 6th
    item is the list of diagnosis ids of that row."""
    out = {}
    for aid, rows in rows_by_assignment.items():
        found = Counter(i for r in rows for i in set(r[5]))
        if found:
            out[aid] = (len(rows), found.most_common())
    return out


def lines(counts, lang):
    t = TEXT[lang]
    return {aid: [t["count"].format(title=diagnosis.title(i, lang), n=c, total=n,
                                    pct=100.0 * c / n) for i, c in found]
            for aid, (n, found) in counts.items()}


def plot(counts, path, lang):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    use_korean_font()
    t = TEXT[lang]
    aids = list(counts) or ["-"]
    fig, axes = plt.subplots(len(aids), 1, figsize=(7.5, 0.6 + 0.42 * sum(
        max(1, len(counts.get(a, (0, []))[1])) for a in aids) + 0.9 * len(aids)), squeeze=False)
    for ax, aid in zip(axes.flat, aids):
        if aid not in counts:
            ax.text(0.5, 0.5, t["none"], ha="center", va="center")
            ax.axis("off")
            continue
        n, found = counts[aid]
        labels = [diagnosis.title(i, lang) for i, _ in reversed(found)]
        ax.barh(labels, [100.0 * c / n for _, c in reversed(found)], color="#c44e52")
        ax.set_xlim(0, 100)
        ax.set_title(t["of"].format(aid=aid), fontsize=10)
        ax.set_xlabel(t["axis"])
        ax.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def section(data, counts, lang):
    """HTML: the counts as text, the chart, and the student × assignment table."""
    e, t = html.escape, TEXT[lang]
    if not counts:
        return f"<h2>{e(t['title'])}</h2><p>{e(t['none'])}</p>"
    text = "".join(f"<h3>{e(aid)}</h3><ul>" + "".join(f"<li>{e(x)}</li>" for x in items)
                   + "</ul>" for aid, items in lines(counts, lang).items())
    aids = list(data)
    students = sorted({r[0] for rows in data.values() for r in rows})
    cell = {(r[0], aid): r for aid, rows in data.items() for r in rows}
    head = "".join(f"<th>{e(a)}</th>" for a in aids)
    body = ""
    for s in students:
        tds = ""
        for aid in aids:
            r = cell.get((s, aid))
            if r is None:
                tds += "<td></td>"
                continue
            names = ", ".join(diagnosis.title(i, lang) for i in r[5])
            score = "—" if r[1] is None else f"{r[1]:g}"  # a grading error has no score
            tds += f"<td>{score}" + (f"<br><small>{e(names)}</small>" if names else "") + "</td>"
        body += f"<tr><td>{e(s)}</td>{tds}</tr>"
    return (f"<h2>{e(t['title'])}</h2>{text}<img src=\"misconceptions.png\" "
            f"alt=\"{e(t['chart'])}\"><h2>{e(t['table'])}</h2><table><tr><th>"
            f"{e(t['student'])}</th>{head}</tr>{body}</table>")

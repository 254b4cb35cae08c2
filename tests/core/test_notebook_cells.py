"""What notebook cells show: scores as people write them, no Out[] echo, and experiment cells
that say "구현 후 실행하세요" for an unwritten function instead of a traceback."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from autograder.notebook_cells import Points, experiment, format_points  # noqa: E402


@pytest.mark.parametrize("value, text", [(5.3333, "5.33"), (8, "8"), (0.0, "0"), (0.5, "0.5"),
                                         (16 / 3, "5.33"), (2.999, "3"), (-0.0, "0")])
def test_format_points(value, text):
    assert format_points(value) == text


def test_points_is_a_number_for_nbgrader_and_invisible_for_jupyter():
    p = Points(5.3333)
    assert float(repr(p)) == pytest.approx(5.3333)  # text/plain: nbgrader's partial credit
    assert p._repr_html_() == ""


def stub(x):
    raise NotImplementedError()


class Stub:
    def step(self, w):
        raise NotImplementedError()


def test_unwritten_function_prints_the_hint_and_closes_its_figures(capsys):
    before = set(plt.get_fignums())
    with experiment():
        plt.subplots()
        stub(1)
    assert "구현 후 실행하세요: `stub`이 아직 작성되지 않았습니다." in capsys.readouterr().out
    assert set(plt.get_fignums()) == before


def test_unwritten_method_is_named_with_its_class(capsys):
    with experiment():
        Stub().step(0)
    assert "`Stub.step`" in capsys.readouterr().out


def test_name_missing_at_the_cell_level_says_which(capsys):
    code = compile("with experiment():\n    model.fit()\n", "<cell>", "exec")
    exec(code, {"experiment": experiment})
    assert "`model`을 씁니다" in capsys.readouterr().out


def test_other_errors_show():
    def buggy(x):
        return undefined_name + x  # noqa: F821  (a NameError inside written code)

    with pytest.raises(NameError):
        with experiment():
            buggy(1)
    with pytest.raises(ZeroDivisionError):
        with experiment():
            1 / 0

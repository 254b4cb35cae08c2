"""Seeded generator of the bundled CSV data sets.

Run ``python data/generate.py`` to rewrite both CSVs next to this file; the
output is byte-for-byte reproducible (np.random.default_rng / PCG64 streams,
values written with '%.6f'). Importable: nonlinear_frame(), dataset2_frame()
return DataFrames, nonlinear_csv(), dataset2_csv() the exact file text.

nonlinear.csv (05_keras_regression, like the lecture 3.8 LAB data), seed 2025:
    1000 rows, x ~ U(0, 1) (unsorted),
    y = 0.5 + 0.3 * sin(2 pi x) + N(0, 0.05^2)       -> y inside (0, 1)
    (one full wave, fitted by the 1-6-4-1 sigmoid network, SGD lr 5.0).

dataset2.csv (07_tanh_practice, the lecture's practice problem), seed 2026:
    500 rows, x ~ U(0, 1) (unsorted),
    y = 0.9 * sin(pi x) - 0.45 + N(0, 0.05^2)        -> y inside (-1, 1)
    (one smooth bump, fitted by the 1-6-4-1 tanh network, SGD lr 0.1, 100 epochs).
"""
import io
import pathlib

import numpy as np
import pandas as pd

HERE = pathlib.Path(__file__).resolve().parent


def _frame(x, y):
    # Round once so the DataFrame holds exactly what the CSV holds.
    return pd.DataFrame({"x": np.round(x, 6), "y": np.round(y, 6)})


def nonlinear_frame(seed=2025, n=1000):
    """DataFrame (x, y) of nonlinear.csv: y = 0.5 + 0.3 sin(2 pi x) + N(0, 0.05^2)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 1.0, n)
    y = 0.5 + 0.3 * np.sin(2.0 * np.pi * x) + rng.normal(0.0, 0.05, n)
    if not (np.all(y > 0.0) and np.all(y < 1.0)):
        raise AssertionError("nonlinear.csv: y left (0, 1)")
    return _frame(x, y)


def dataset2_frame(seed=2026, n=500):
    """DataFrame (x, y) of dataset2.csv: y = 0.9 sin(pi x) - 0.45 + N(0, 0.05^2)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 1.0, n)
    y = 0.9 * np.sin(np.pi * x) - 0.45 + rng.normal(0.0, 0.05, n)
    if not (np.all(y > -1.0) and np.all(y < 1.0)):
        raise AssertionError("dataset2.csv: y left (-1, 1)")
    return _frame(x, y)


def to_csv_text(df):
    """CSV text with header "x,y", '%.6f' values and '\\n' line endings."""
    buf = io.StringIO()
    df.to_csv(buf, index=False, float_format="%.6f", lineterminator="\n")
    return buf.getvalue()


def nonlinear_csv():
    """Exact text of nonlinear.csv."""
    return to_csv_text(nonlinear_frame())


def dataset2_csv():
    """Exact text of dataset2.csv."""
    return to_csv_text(dataset2_frame())


GENERATORS = {"nonlinear.csv": nonlinear_csv, "dataset2.csv": dataset2_csv}


def main(out_dir=HERE):
    """Write every CSV into out_dir (default: this folder); returns the paths."""
    out_dir = pathlib.Path(out_dir)
    paths = []
    for name, make in GENERATORS.items():
        p = out_dir / name
        p.write_bytes(make().encode("ascii"))
        paths.append(p)
    return paths


if __name__ == "__main__":
    for p in main():
        print(f"wrote {p}")

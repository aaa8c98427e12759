"""Exact Shapley regression over 15 drivers and 100,000 respondents: tpkit against dominance-analysis.

Run: python benchmarks/shapley_vs_peer.py [drivers] [respondents]
Both start from the same raw data; tpkit's time includes the correlation matrix. The peer gets
the correlation matrix too (its fastest mode, data_format=1). Prints both times, the ratio and the
largest difference between the two sets of weights (must stay below 1e-6).
"""

from __future__ import annotations

import contextlib
import io
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tpkit.shapley import shapley  # noqa: E402


def sample(drivers: int, respondents: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    mixing = rng.normal(size=(drivers, drivers)) * 0.4 + np.eye(drivers)
    x = rng.normal(size=(respondents, drivers)) @ mixing
    y = x @ rng.uniform(0, 1, drivers) + rng.normal(scale=3, size=respondents)
    return np.column_stack([x, y])


def ours(data: np.ndarray) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    corr = np.corrcoef(data, rowvar=False)
    weights = shapley(corr[:-1, :-1], corr[:-1, -1])
    return weights, time.perf_counter() - start


def peer(data: np.ndarray) -> tuple[np.ndarray, float]:
    from dominance_analysis import Dominance
    names = [f"x{i}" for i in range(data.shape[1] - 1)] + ["y"]
    start = time.perf_counter()
    corr = pd.DataFrame(np.corrcoef(data, rowvar=False), index=names, columns=names)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        result = Dominance(data=corr, target="y", data_format=1).incremental_rsquare()
    return np.array([result[n] for n in names[:-1]]), time.perf_counter() - start


if __name__ == "__main__":
    drivers = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    respondents = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    data = sample(drivers, respondents)
    ours(data)  # warm-up
    mine, t_mine = min((ours(data) for _ in range(3)), key=lambda r: r[1])
    theirs, t_peer = peer(data)
    print(f"exact Shapley, {drivers} drivers, {respondents:,} respondents")
    print(f"tpkit: {t_mine:.3f} s   dominance-analysis: {t_peer:.1f} s   ratio: {t_peer / t_mine:,.0f}x faster")
    print(f"largest difference in weights: {np.max(np.abs(mine - theirs)):.2e}")

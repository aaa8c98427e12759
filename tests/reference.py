"""Second implementations that tpkit's fast paths are checked against (tests and benchmarks import them)."""

from __future__ import annotations

import numpy as np

from tpkit.drivers import correlation, driver_weights


def loop_bootstrap(values: np.ndarray, *, method: str, groups=None, n_boot: int, missing: str = "mean",
                   seed: int = 0) -> np.ndarray:
    """Driver weights in each bootstrap resample, one resample of rows at a time (as key_drivers computed
    them before the batched bootstrap): draw rows, compute their correlation matrix, weigh the drivers."""
    rng = np.random.default_rng(seed)
    boots = np.empty((n_boot, values.shape[1] - 1))
    for b in range(n_boot):
        sample = values[rng.integers(0, len(values), len(values))]
        c, _ = correlation(sample, missing=missing)
        boots[b] = driver_weights(c, method=method, groups=groups, permutations=200, seed=seed + b)[0]
    return boots


def shapley_from_r2(r2, p: int) -> list[float]:
    """Shapley values of p drivers from ``r2(subset)`` (a tuple of driver indices → R²), by the formula
    over all subsets: ``Σ_S |S|!(p−|S|−1)!/p! · (R²(S ∪ {j}) − R²(S))``."""
    import itertools
    import math

    cache = {s: r2(s) if s else 0.0 for k in range(p + 1) for s in itertools.combinations(range(p), k)}
    values = []
    for j in range(p):
        others = [i for i in range(p) if i != j]
        values.append(sum(math.factorial(k) * math.factorial(p - k - 1) / math.factorial(p)
                          * (cache[tuple(sorted(s + (j,)))] - cache[s])
                          for k in range(p) for s in itertools.combinations(others, k)))
    return values

"""Small statistical building blocks shared by the analysis modules.

Example
-------
>>> holm([0.01, 0.04, 0.03]).round(2).tolist()
[0.03, 0.06, 0.06]
"""

from __future__ import annotations

import numpy as np

#: Groups with fewer answers are flagged ``small`` and never ranked (every ``min_n`` defaults to this).
MIN_N = 30

# The quantiles come from scipy.special, not scipy.stats: the same functions (0.4 s less to import), imported
# where they are called (0.13 s more, which a kernel that computes no interval does not pay).
#: ``Φ⁻¹(1/2 + confidence/2)`` of the usual confidences as scipy.special.ndtri gives them, to the bit
#: (tests/test_stats.py): a dashboard that draws intervals at these needs no scipy at all.
_Z = {0.8: 1.2815515655446004, 0.9: 1.6448536269514722, 0.95: 1.959963984540054, 0.98: 2.3263478740408408,
      0.99: 2.5758293035489004, 0.995: 2.807033768343811, 0.999: 3.2905267314919255}


def z_critical(*, confidence: float = 0.95) -> float:
    """The two-sided critical value of the standard normal distribution.

    Parameters
    ----------
    confidence : the coverage of the interval the value is for.

    Returns
    -------
    ``z`` with ``P(|Z| ≤ z) = confidence``.

    Notes
    -----
    ``z = Φ⁻¹(1/2 + confidence/2)`` by :func:`scipy.special.ndtri`, the function ``scipy.stats.norm.ppf``
    calls (tests/test_stats.py checks they agree to the last bit); the usual confidences from a table of
    its values.

    >>> round(z_critical(confidence=0.95), 4)
    1.96
    """
    if confidence in _Z:
        return _Z[confidence]
    from scipy.special import ndtri

    return float(ndtri(0.5 + confidence / 2))


def t_critical(df: float | np.ndarray, *, confidence: float = 0.95) -> float | np.ndarray:
    """The two-sided critical value of Student's t distribution with ``df`` degrees of freedom.

    Parameters
    ----------
    df : degrees of freedom (a number or an array).
    confidence : the coverage of the interval the value is for.

    Returns
    -------
    ``t`` with ``P(|T| ≤ t) = confidence`` (an array for an array of ``df``).

    Notes
    -----
    ``t = F⁻¹_df(1/2 + confidence/2)`` by :func:`scipy.special.stdtrit`, the function ``scipy.stats.t.ppf``
    calls (tests/test_stats.py checks they agree to the last bit).

    >>> round(float(t_critical(3, confidence=0.95)), 3)
    3.182
    """
    from scipy.special import stdtrit

    return stdtrit(df, 0.5 + confidence / 2)


def normal_two_sided_p(z: float | np.ndarray) -> float | np.ndarray:
    """The two-sided p-value of a standard normal test statistic ``z``: ``2·(1 − Φ(|z|))``.

    Parameters
    ----------
    z : the test statistic (a number or an array).

    Returns
    -------
    The p-value(s).

    Notes
    -----
    ``2·Φ(−|z|)`` by :func:`scipy.special.ndtr`, which ``scipy.stats.norm.sf`` calls.

    >>> round(float(normal_two_sided_p(1.96)), 4)
    0.05
    """
    from scipy.special import ndtr

    return 2 * ndtr(-np.abs(z))


def holm(p_values) -> np.ndarray:
    """Holm–Bonferroni adjusted p-values (step-down, monotone, capped at 1); NaN stays NaN.

    Returns
    -------
    An array of adjusted p-values in the order given.

    Notes
    -----
    With the m p-values sorted, ``p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1) · p₍ⱼ₎)``.

    >>> holm([0.5, np.nan]).tolist()
    [0.5, nan]
    """
    p = np.asarray(p_values, dtype=float)
    out = np.full_like(p, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    m = len(q)
    if m == 0:
        return out
    order = np.argsort(q)
    adjusted = np.minimum(1.0, np.maximum.accumulate((m - np.arange(m)) * q[order]))
    result = np.empty(m)
    result[order] = adjusted
    out[ok] = result
    return out


def wilson_interval(successes, n, *, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion; NaN where n is 0.

    Returns
    -------
    ``(low, high)`` arrays of shares.

    Notes
    -----
    ``(p̂ + z²/2n ± z·sqrt(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n)``, kept within [0, 1] (rounding
    can pass 1 by an ulp); its coverage is checked by
    simulation in tests/test_evaluation.py.

    >>> [round(float(x), 4) for x in wilson_interval(8, 10)]
    [0.4902, 0.9433]
    """
    k = np.asarray(successes, dtype=float)
    n = np.asarray(n, dtype=float)
    z = z_critical(confidence=confidence)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)   # (rounding can pass 1)


def mean_interval(values, *, weights=None, confidence: float = 0.95) -> tuple[float, float, float, int]:
    """Mean, t-interval low and high, and n of the non-missing values; weighted when ``weights`` are given.

    Returns
    -------
    ``(mean, low, high, n)``; NaN bounds below two values.

    Notes
    -----
    ``mean ± t(1 − α/2, n − 1) · se``. Unweighted ``se = s/√n``. With survey weights the mean is
    ``Σwx/Σw`` and ``se = sqrt(n/(n − 1) · Σw²(x − x̄)²) / Σw`` (the linearisation estimator of a design
    with weights only, as R's ``survey::svymean`` and statsmodels' WLS with HC1 errors give it); weights
    all 1 give the unweighted interval.

    >>> [round(x, 3) for x in mean_interval([1, 2, 3, 4])[:3]]
    [2.5, 0.446, 4.554]
    >>> [round(x, 3) for x in mean_interval([1, 2, 3, 4], weights=[1, 1, 1, 3])[:3]]
    [3.0, 0.708, 5.292]
    """
    mean, se, n = mean_and_se(values, weights=weights)
    if n < 2:
        return mean, np.nan, np.nan, n
    half = float(t_critical(n - 1, confidence=confidence) * se)
    return mean, mean - half, mean + half, n


def mean_and_se(values, *, weights=None) -> tuple[float, float, int]:
    """The (weighted) mean of the non-missing values, its standard error and n (see :func:`mean_interval`).

    >>> [round(x, 4) for x in mean_and_se([1, 2, 3, 4])]
    [2.5, 0.6455, 4]
    """
    x = np.asarray(values, dtype=float)
    w = np.ones(len(x)) if weights is None else np.asarray(weights, dtype=float)
    keep = ~np.isnan(x) & ~np.isnan(w)
    x, w = x[keep], w[keep]
    n = len(x)
    if n == 0 or w.sum() <= 0:
        return np.nan, np.nan, n
    mean = float((w * x).sum() / w.sum())
    if n == 1:
        return mean, np.nan, 1
    if weights is None:
        return mean, float(x.std(ddof=1) / np.sqrt(n)), n
    return mean, float(np.sqrt(n / (n - 1) * (w**2 * (x - mean) ** 2).sum()) / w.sum()), n


def effective_n(weights) -> float:
    """Kish's effective sample size ``(Σw)² / Σw²`` of survey weights (n for equal weights).

    It stands in for n in the intervals of shares (Wilson, NPS) of weighted answers: the design effect
    of unequal weights is ``n / effective_n``.

    >>> effective_n([1, 1, 1, 1]), round(effective_n([1, 1, 1, 3]), 3)
    (4.0, 3.0)
    """
    w = np.asarray(weights, dtype=float)
    w = w[~np.isnan(w)]
    return float(w.sum() ** 2 / (w**2).sum()) if (w**2).sum() > 0 else 0.0


def nps_interval(promoters, detractors, n, *, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Adjusted Wald interval of the NPS (in points, clipped to [−100, 100]).

    Parameters
    ----------
    promoters, detractors, n : counts per group (arrays or numbers).
    confidence : the interval's coverage.

    Returns
    -------
    ``(low, high)`` arrays in NPS points.

    Notes
    -----
    One pseudo-answer is added to each of the three classes (promoter, passive, detractor):
    ``ñ = n + 3``, ``p₊ = (promoters + 1)/ñ``, ``p₋ = (detractors + 1)/ñ`` and
    ``NPS ± z·sqrt((p₊ + p₋ − (p₊ − p₋)²)/ñ)``. The adjustment keeps coverage near nominal for small
    groups and shares near 0 or 1, where the plain Wald interval collapses (the coverage is checked
    by simulation in tests/test_evaluation.py).

    >>> [round(float(x), 1) for x in nps_interval(3, 1, 5)]   # 3 promoters, 1 passive, 1 detractor
    [-32.5, 82.5]
    """
    pro, det, n = (np.asarray(v, dtype=float) for v in (promoters, detractors, n))
    z = z_critical(confidence=confidence)
    n_adj = n + 3.0
    p_plus = (pro + 1.0) / n_adj
    p_minus = (det + 1.0) / n_adj
    centre = p_plus - p_minus
    half = z * np.sqrt((p_plus + p_minus - centre**2) / n_adj)
    return np.clip(100 * (centre - half), -100, 100), np.clip(100 * (centre + half), -100, 100)

"""Key driver analysis: which touchpoints' performance drives recommendation (or satisfaction).

Everything is computed from a correlation matrix, never by refitting regressions
on raw rows: the R² of any subset S of drivers is ``r_S' R_SS⁻¹ r_S``.

* **Shapley value regression** (general dominance): each driver's average gain in
  R² over all orders of entry. Exact over all 2^p subsets (batched by subset
  size) up to ``EXACT_LIMIT`` drivers; the numbers equal the ``dominance-analysis``
  package's "Total Dominance".
* **Sampled Shapley** for more drivers: random orders of entry; one Cholesky
  factor of the permuted matrix gives the R² of every prefix at once, so each
  order costs one factorisation. Reported with its Monte Carlo standard error.
* **Johnson's relative weights**: R² split through the orthogonal counterpart of
  the drivers; any number of drivers, a close approximation of Shapley values.

Missing ratings: a respondent rates only the touchpoints they met. By default
(``missing="mean"``) a touchpoint not met counts at its mean among those who met
it: it then moves the outcome only through the respondents who met it, and its
weight is its importance for the whole customer base — its effect on those who
meet it times how many do (a driver with effect w and reach q gets about w²·q·var
of R²). This keeps the matrix positive definite even when segment-specific
touchpoints are never rated together, where pairwise deletion breaks down.
``missing="pairwise"`` uses, for each correlation, the respondents who rated both
(for surveys where everyone rates everything); a pairwise matrix that is not
positive definite is repaired by clipping its eigenvalues at 1e-6 and rescaling to
a unit diagonal (``repaired`` says when). Touchpoints rated by fewer than
``min_n`` respondents are left out and reported as too small.

Example
-------
>>> import numpy as np
>>> R = np.array([[1.0, 0.3], [0.3, 1.0]]); r = np.array([0.5, 0.4])
>>> shapley_from_corr(R, r).round(4).tolist()   # ½·0.25 + ½·(0.3187 − 0.16), and the rest of R² = 0.3187
[0.2043, 0.1143]
"""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import pandas as pd
from scipy.linalg import cho_factor, solve_triangular

from .codes import rating_codes
from .errors import ModelError, check_choice, check_segment
from .io import Project
from .schema import ALL_SEGMENTS
from .stats import MIN_N

#: Exact Shapley values up to this many drivers (2^p subsets); more use the sampled estimate.
EXACT_LIMIT = 20
OUTCOMES = ("recommend", "satisfaction")
METHODS = ("auto", "shapley", "sampled_shapley", "relative_weights")
MISSING = ("mean", "pairwise")


def pairwise_correlation(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pearson correlations from pairwise-complete rows, and the number of rows behind each.

    ``data`` is respondents × variables with NaN for missing. A pair with fewer
    than 3 common rows or no variance gets NaN.

    >>> x = np.array([[1, 2], [2, np.nan], [3, 7], [4, 8.0]])
    >>> corr, n = pairwise_correlation(x)
    >>> round(float(corr[0, 1]), 6), int(n[0, 1])
    (0.984324, 3)
    """
    x = np.asarray(data, dtype=float)
    mask = (~np.isnan(x)).astype(float)
    xz = np.where(mask > 0, x, 0.0)
    n = mask.T @ mask
    sx = xz.T @ mask            # sx[i, j]: sum of x_i over rows where i and j are present
    sxx = (xz * xz).T @ mask
    sxy = xz.T @ xz
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = sxy - sx * sx.T / n
        var_i = sxx - sx**2 / n
        corr = cov / np.sqrt(var_i * var_i.T)
    corr[(n < 3) | ~np.isfinite(corr)] = np.nan
    np.fill_diagonal(corr, 1.0)
    return np.clip(corr, -1.0, 1.0), n.astype(int)


def repair_correlation(corr: np.ndarray, floor: float = 1e-6) -> tuple[np.ndarray, bool]:
    """The nearest-by-eigenvalue-clipping positive definite correlation matrix, and whether it changed.

    >>> bad = np.array([[1, .9, .9], [.9, 1, -.9], [.9, -.9, 1]])
    >>> fixed, changed = repair_correlation(bad)
    >>> changed, bool(np.all(np.linalg.eigvalsh(fixed) > 0)), np.allclose(np.diag(fixed), 1)
    (True, True, True)
    """
    values, vectors = np.linalg.eigh(corr)
    if values.min() > floor:
        return corr, False
    fixed = vectors @ np.diag(np.maximum(values, floor)) @ vectors.T
    d = np.sqrt(np.diag(fixed))
    fixed = fixed / d[:, None] / d[None, :]
    np.fill_diagonal(fixed, 1.0)
    return fixed, True


def subset_r2(R: np.ndarray, r: np.ndarray) -> np.ndarray:
    """R² of every subset of drivers, indexed by bit mask (bit i set = driver i in the model).

    >>> subset_r2(np.eye(2), np.array([0.3, 0.4])).round(4).tolist()
    [0.0, 0.09, 0.16, 0.25]
    """
    p = len(r)
    out = np.zeros(2**p)
    bits = 1 << np.arange(p)
    for k in range(1, p + 1):
        idx = np.array(list(combinations(range(p), k)))
        sub = R[idx[:, :, None], idx[:, None, :]]
        rs = r[idx]
        beta = np.linalg.solve(sub, rs[..., None])[..., 0]
        out[bits[idx].sum(axis=1)] = np.einsum("mk,mk->m", rs, beta)
    return out


def shapley_from_corr(R: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Exact Shapley values (general dominance weights) of R²; they add up to the full model's R²."""
    p = len(r)
    if p > EXACT_LIMIT:
        raise ModelError("too_many_drivers", drivers=p, limit=EXACT_LIMIT)
    r2 = subset_r2(R, r)
    masks = np.arange(2**p)
    size = _popcount(masks)
    weight = np.array([math.factorial(s) * math.factorial(p - s - 1) / math.factorial(p) if s < p else 0.0
                       for s in range(p + 1)])
    values = np.empty(p)
    for j in range(p):
        without = masks[(masks >> j) & 1 == 0]
        values[j] = np.sum(weight[size[without]] * (r2[without | (1 << j)] - r2[without]))
    return values


def _popcount(masks: np.ndarray) -> np.ndarray:
    count = np.zeros_like(masks)
    m = masks.copy()
    while m.any():
        count += m & 1
        m >>= 1
    return count


def sampled_shapley(R: np.ndarray, r: np.ndarray, *, permutations: int = 2000,
                    seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Shapley values estimated from random orders of entry, and their standard errors.

    For an order π, the Cholesky factor L of R[π, π] and z = L⁻¹ r[π] give each
    driver's gain in R² on entering as z².

    >>> R = np.array([[1.0, 0.3], [0.3, 1.0]]); r = np.array([0.5, 0.4])
    >>> est, se = sampled_shapley(R, r, permutations=4000)
    >>> bool(np.all(np.abs(est - shapley_from_corr(R, r)) < 4 * se + 1e-12))
    True
    """
    rng = np.random.default_rng(seed)
    p = len(r)
    gains = np.empty((permutations, p))
    for k in range(permutations):
        order = rng.permutation(p)
        L, _ = cho_factor(R[np.ix_(order, order)], lower=True)
        z = solve_triangular(L, r[order], lower=True)
        gains[k, order] = z**2
    return gains.mean(axis=0), gains.std(axis=0, ddof=1) / np.sqrt(permutations)


def relative_weights_from_corr(R: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Johnson's (2000) relative weights; they add up to the full model's R².

    >>> relative_weights_from_corr(np.eye(2), np.array([0.3, 0.4])).round(4).tolist()
    [0.09, 0.16]
    """
    values, vectors = np.linalg.eigh(R)
    lam = vectors @ np.diag(np.sqrt(np.maximum(values, 0))) @ vectors.T
    beta = np.linalg.solve(lam, r)
    return (lam**2) @ (beta**2)


def driver_data(project: Project, *, outcome: str = "recommend", segment: str | None = None) -> pd.DataFrame:
    """Respondents × touchpoints performance (NaN where not met), with the outcome as last column.

    Returns
    -------
    One row per respondent with an outcome (index ``respondent_id``), one column per touchpoint
    someone in the segment rated (in inventory order), then the column ``outcome``.

    >>> from tpkit.datasets import load_sample
    >>> driver_data(load_sample("hotel"), segment="business").columns[-1]
    'recommend'
    """
    check_choice("outcome", outcome, OUTCOMES)
    segment = check_segment(project, segment)
    codes = rating_codes(project)
    resp = project.respondents
    in_segment = np.ones(len(resp), dtype=bool) if segment is None else (resp["segment_id"] == segment).to_numpy()
    keep = (codes.respondent >= 0) & (codes.touchpoint >= 0)
    keep[keep] &= in_segment[codes.respondent[keep]]
    rated = np.zeros(len(project.touchpoints), dtype=bool)
    rated[codes.touchpoint[keep]] = True
    order = project.touchpoints["touchpoint_id"].to_numpy()[rated].tolist()
    column = np.cumsum(rated) - 1
    matrix = np.full((len(resp), len(order) + 1), np.nan)
    matrix[codes.respondent[keep], column[codes.touchpoint[keep]]] = codes.performance[keep]
    matrix[:, -1] = resp[outcome].to_numpy(dtype="float64", na_value=np.nan)
    matrix = matrix[in_segment]
    wide = pd.DataFrame(matrix, index=pd.Index(resp["respondent_id"].to_numpy()[in_segment], name="respondent_id"),
                        columns=pd.Index(order + [outcome], name="touchpoint_id"))
    return wide[wide[outcome].notna()]


def correlation(values: np.ndarray, *, missing: str = "mean") -> tuple[np.ndarray, bool]:
    """Correlation matrix of drivers (with NaN for not met) and outcome (last column), and whether it was repaired.

    >>> x = np.array([[1, 2, 1], [np.nan, 3, 2], [3, np.nan, 2], [5, 4, 4.0]])
    >>> correlation(x, missing="mean")[0].round(3)[0].tolist()   # filled: [1, 3, 3, 5] and [2, 3, 3, 4]
    [1.0, 1.0, 0.973]
    """
    if missing == "mean":
        means = np.nanmean(values, axis=0)
        centred = np.where(np.isnan(values), 0.0, values - means)
        return correlation_from_scatter(centred.T @ centred)
    elif missing == "pairwise":
        corr = np.nan_to_num(pairwise_correlation(values)[0], nan=0.0)
    else:
        check_choice("missing", missing, MISSING)
    return repair_correlation(corr)


def correlation_from_scatter(scatter: np.ndarray) -> tuple[np.ndarray, bool]:
    """Correlation matrix (and whether it was repaired) from the scatter matrix of mean-filled values,
    ``S_ij = Σ (x_i − m_i)(x_j − m_j)`` over respondents, a not-met touchpoint counting as its mean.

    Any engine can sum that matrix (:mod:`tpkit.engine`); constant columns get correlation 0.

    >>> correlation_from_scatter(np.array([[2.0, 2.0], [2.0, 8.0]]))[0].round(6).tolist()
    [[1.0, 0.5], [0.5, 1.0]]
    """
    scatter = np.atleast_2d(np.asarray(scatter, dtype=float))
    sd = np.sqrt(np.diag(scatter))
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = scatter / np.outer(sd, sd)
    corr = np.nan_to_num(corr, nan=0.0, posinf=0.0, neginf=0.0)
    np.fill_diagonal(corr, 1.0)
    return repair_correlation(np.clip(corr, -1.0, 1.0))


def driver_weights(corr: np.ndarray, *, method: str = "auto", permutations: int = 2000, seed: int = 0
                   ) -> tuple[np.ndarray, np.ndarray | None, str]:
    """Weights of the drivers (all but the last variable) for the last variable, by ``method``.

    Returns
    -------
    ``(weights, standard errors or None, method used)``.

    >>> w, se, used = driver_weights(np.array([[1, 0.3, 0.5], [0.3, 1, 0.4], [0.5, 0.4, 1.0]]))
    >>> w.round(4).tolist(), used
    ([0.2043, 0.1143], 'shapley')
    """
    check_choice("method", method, METHODS)
    R, r = corr[:-1, :-1], corr[:-1, -1]
    p = len(r)
    if method == "auto":
        method = "shapley" if p <= 15 else "relative_weights"
    if method == "shapley":
        return shapley_from_corr(R, r), None, method
    if method == "sampled_shapley":
        est, se = sampled_shapley(R, r, permutations=permutations, seed=seed)
        return est, se, method
    return relative_weights_from_corr(R, r), None, method


def key_drivers(project: Project, *, outcome: str = "recommend", segment: str | None = None,
                method: str = "auto", n_boot: int = 200, confidence: float = 0.95, min_n: int = MIN_N,
                missing: str = "mean", seed: int = 0) -> pd.DataFrame:
    """Derived importance of each touchpoint for ``outcome``, with bootstrap intervals.

    Parameters
    ----------
    outcome : ``recommend`` or ``satisfaction``.
    segment : one segment's id, or None for all respondents (an unknown id raises ``ModelError``).
    method : ``auto`` (exact Shapley up to 15 touchpoints, relative weights above), ``shapley``,
        ``sampled_shapley`` or ``relative_weights``.
    n_boot, confidence, seed : percentile bootstrap over respondents (0 resamples: no interval).
    min_n : touchpoints rated by fewer respondents get ``small=True`` and no weight.
    missing : ``mean`` (a touchpoint not met counts at its mean) or ``pairwise``.

    Returns
    -------
    One row per touchpoint: ``segment_id`` (``all`` for None), ``outcome``, ``touchpoint_id``, ``n``
    (respondents who rated it), ``weight`` (its part of R²), ``weight_low``, ``weight_high``,
    ``weight_se`` (sampled Shapley only), ``share`` (weight / R²), ``method`` (used), ``r2`` (full
    model), ``repaired`` (the pairwise matrix needed repair), ``small``, ``rank``.

    Notes
    -----
    Shapley value of driver j: ``Σ_S |S|!(p−|S|−1)!/p! · (R²(S ∪ {j}) − R²(S))`` over the subsets S of
    the other drivers, with ``R²(S) = r_S' R_SS⁻¹ r_S`` from the correlation matrix. The module
    docstring explains the missing-value rule and the methods.

    >>> from tpkit.datasets import load_sample
    >>> kd = key_drivers(load_sample("hotel"), segment="conference", n_boot=0)
    >>> kd.columns.tolist()[:5]
    ['segment_id', 'outcome', 'touchpoint_id', 'n', 'weight']
    """
    data = driver_data(project, outcome=outcome, segment=segment)
    counts = data.notna().sum()
    drivers = [c for c in data.columns[:-1] if counts[c] >= min_n]
    small = [c for c in data.columns[:-1] if counts[c] < min_n]
    values = data[drivers + [outcome]].to_numpy()
    fit = None
    if drivers:
        corr, repaired = correlation(values, missing=missing)
        weights, se, used = driver_weights(corr, method=method, seed=seed)
        low = high = None
        if n_boot:
            rng = np.random.default_rng(seed)
            boots = np.empty((n_boot, len(drivers)))
            for b in range(n_boot):
                sample = values[rng.integers(0, len(values), len(values))]
                c, _ = correlation(sample, missing=missing)
                boots[b] = driver_weights(c, method=used, permutations=200, seed=seed + b)[0]
            alpha = (1 - confidence) / 2
            low, high = np.quantile(boots, [alpha, 1 - alpha], axis=0)
        fit = (weights, se, used, repaired, low, high)
    return driver_table(drivers, small, counts, fit, method=method, outcome=outcome, segment=segment)


def driver_table(drivers: list[str], small: list[str], counts, fit: tuple | None, *, method: str, outcome: str,
                 segment: str | None) -> pd.DataFrame:
    """The table of :func:`key_drivers` from the weights of ``drivers`` (``fit`` = weights, standard errors,
    method used, repaired, bootstrap low and high) and the touchpoints too small to weigh."""
    rows = []
    if fit is not None:
        weights, se, used, repaired, low, high = fit
        r2 = float(weights.sum())
        low = np.full(len(drivers), np.nan) if low is None else low
        high = np.full(len(drivers), np.nan) if high is None else high
        for i, t in enumerate(drivers):
            rows.append({"touchpoint_id": t, "n": int(counts[t]), "weight": weights[i], "weight_low": low[i],
                         "weight_high": high[i], "weight_se": np.nan if se is None else se[i],
                         "share": weights[i] / r2 if r2 > 0 else np.nan, "method": used, "r2": r2,
                         "repaired": repaired, "small": False})
    for t in small:
        rows.append({"touchpoint_id": t, "n": int(counts[t]), "weight": np.nan, "weight_low": np.nan,
                     "weight_high": np.nan, "weight_se": np.nan, "share": np.nan, "method": method,
                     "r2": np.nan, "repaired": False, "small": True})
    out = pd.DataFrame(rows, columns=["touchpoint_id", "n", "weight", "weight_low", "weight_high", "weight_se",
                                      "share", "method", "r2", "repaired", "small"])
    out["rank"] = out["weight"].rank(ascending=False, method="min").astype("Int64")
    out.insert(0, "segment_id", segment if segment is not None else ALL_SEGMENTS)
    out.insert(1, "outcome", outcome)
    return out.sort_values(["small", "weight"], ascending=[True, False], kind="stable").reset_index(drop=True)

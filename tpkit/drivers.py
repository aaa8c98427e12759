"""Key driver analysis: which touchpoints' performance drives recommendation (or satisfaction).

Everything is computed from a correlation matrix, never by refitting regressions
on raw rows: the R² of any subset S of drivers is ``r_S' R_SS⁻¹ r_S``. The ways of dividing R²
among the drivers live in :mod:`tpkit.shapley`:

* **Shapley value regression** (general dominance): each driver's average gain in
  R² over all orders of entry. Exact over all 2^p subsets; the numbers equal the
  ``dominance-analysis`` package's "Total Dominance". ``auto`` up to 15 drivers.
* **Owen values**: the phases of the journey share R² first, then the touchpoints within each
  phase; exact, with far fewer subsets than Shapley (``Σ_k 2^(G−1)·2^(m_k)`` for G phases of m_k
  touchpoints). ``auto`` past 15 drivers while that count stays within ``AUTO_OWEN_SUBSETS``.
* **Johnson's relative weights**: R² split through the orthogonal counterpart of
  the drivers; any number of drivers, a close approximation of Shapley values. ``auto`` beyond.
* **Sampled Shapley**: random orders of entry, reported with a Monte Carlo standard error.

Bootstrap intervals resample respondents. All resamples are computed together: the counts with which
each respondent is drawn give every resample's scatter matrix without building its rows, and the
weights of all resamples come from batched matrix operations — the same numbers as drawing the rows
one resample at a time (``tests/test_shapley.py`` checks it).

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
a unit diagonal (``repaired`` says when). ``missing="complete"`` keeps only the respondents who
rated every touchpoint in the model (complete cases: a textbook regression, but often few
respondents). ``n_model`` in the output says how many respondents entered the model. Touchpoints
rated by fewer than ``min_n`` respondents are left out and reported as too small; a model with
fewer than ``min_n`` complete cases weighs nothing (every touchpoint flagged ``small``).

Example
-------
>>> import numpy as np
>>> corr = np.array([[1, 0.3, 0.5], [0.3, 1, 0.4], [0.5, 0.4, 1.0]])   # two drivers, then the outcome
>>> weights, _, method = driver_weights(corr)
>>> weights.round(4).tolist(), method    # ½·0.25 + ½·(0.3187 − 0.16), and the rest of R² = 0.3187
([0.2043, 0.1143], 'shapley')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .codes import answer_weights, rating_codes
from .errors import check_choice, check_segment
from .groups import by_groups
from .io import Project
from .schema import ALL_SEGMENTS
from .shapley import owen, owen_cost, relative_weights, sampled_shapley, shapley
from .stats import MIN_N

OUTCOMES = ("recommend", "satisfaction")
METHODS = ("auto", "shapley", "owen", "sampled_shapley", "relative_weights")
MISSING = ("mean", "pairwise", "complete")
#: ``auto``: exact Shapley values up to this many drivers.
AUTO_SHAPLEY = 15
#: ``auto`` past that: Owen values (phases first) while they need at most this many subsets
#: (:func:`tpkit.shapley.owen_cost`, as many as exact Shapley for 16 drivers); relative weights beyond.
AUTO_OWEN_SUBSETS = 2 ** 16


def pairwise_correlation(data: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Pearson correlations from pairwise-complete rows (weighted by survey ``weights``, if given), and the
    number of rows behind each.

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
    w = np.ones((len(x), 1)) if weights is None else np.asarray(weights, dtype=float)[:, None]
    n = mask.T @ mask
    sw = (w * mask).T @ mask    # the weight of the rows where i and j are present (their count unweighted)
    sx = (w * xz).T @ mask      # sx[i, j]: weighted sum of x_i over rows where i and j are present
    sxx = (w * xz * xz).T @ mask
    sxy = (w * xz).T @ xz
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = sxy - sx * sx.T / sw
        var_i = sxx - sx**2 / sw
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
    fixed, changed = repair_correlations(corr[None], floor=floor)
    return fixed[0], bool(changed[0])


def repair_correlations(corr: np.ndarray, *, floor: float = 1e-6) -> tuple[np.ndarray, np.ndarray]:
    """:func:`repair_correlation` for a stack of matrices (``B × q × q``): the matrices, and which changed.

    >>> fixed, changed = repair_correlations(np.stack([np.eye(2), [[1, 1.5], [1.5, 1]]]))
    >>> changed.tolist(), fixed[1].round(3).tolist()
    ([False, True], [[1.0, 1.0], [1.0, 1.0]])
    """
    corr = np.asarray(corr, dtype=float)
    try:                            # all eigenvalues above the floor: a quick Cholesky factor says so
        np.linalg.cholesky(corr - floor * np.eye(corr.shape[-1]))
        return corr, np.zeros(len(corr), dtype=bool)
    except np.linalg.LinAlgError:
        pass
    values, vectors = np.linalg.eigh(corr)
    changed = values.min(axis=-1) <= floor
    if not changed.any():
        return corr, changed
    fixed = corr.copy()
    vec = vectors[changed]
    mended = (vec * np.maximum(values[changed], floor)[:, None, :]) @ np.swapaxes(vec, -1, -2)
    d = np.sqrt(np.diagonal(mended, axis1=-2, axis2=-1))
    mended = mended / d[:, :, None] / d[:, None, :]
    mended[:, np.arange(corr.shape[-1]), np.arange(corr.shape[-1])] = 1.0
    fixed[changed] = mended
    return fixed, changed


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


def correlation(values: np.ndarray, *, missing: str = "mean", weights: np.ndarray | None = None
                ) -> tuple[np.ndarray, bool]:
    """Correlation matrix of drivers (with NaN for not met) and outcome (last column), and whether it was
    repaired; weighted by the respondents' survey ``weights`` if given (means and cross-products).

    >>> x = np.array([[1, 2, 1], [np.nan, 3, 2], [3, np.nan, 2], [5, 4, 4.0]])
    >>> correlation(x, missing="mean")[0].round(3)[0].tolist()   # filled: [1, 3, 3, 5] and [2, 3, 3, 4]
    [1.0, 1.0, 0.973]
    """
    if missing == "mean":
        return correlation_from_scatter(mean_filled_scatter(values, weights))
    elif missing == "pairwise":
        corr = np.nan_to_num(pairwise_correlation(values, weights)[0], nan=0.0)
    else:
        check_choice("missing", missing, MISSING)
    return repair_correlation(corr)


def mean_filled_scatter(values: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """``S_ij = Σ w (x_i − m_i)(x_j − m_j)`` over respondents, a value not given (NaN) standing at its
    column's (weighted) mean ``m`` — the scatter :func:`correlation_from_scatter` reads.

    >>> mean_filled_scatter(np.array([[1.0, 2.0], [np.nan, 4.0], [3.0, 6.0]])).tolist()
    [[2.0, 4.0], [4.0, 8.0]]
    """
    w = np.ones(len(values)) if weights is None else np.asarray(weights, dtype=float)
    present = ~np.isnan(values)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(present, values, 0.0).T @ w / (present.T @ w)
    centred = np.where(present, values - means, 0.0)
    return (centred * w[:, None]).T @ centred


def correlation_from_scatter(scatter: np.ndarray) -> tuple[np.ndarray, bool]:
    """Correlation matrix (and whether it was repaired) from the scatter matrix of mean-filled values,
    ``S_ij = Σ (x_i − m_i)(x_j − m_j)`` over respondents, a not-met touchpoint counting as its mean.

    Any engine can sum that matrix (:mod:`tpkit.engine`); constant columns get correlation 0.

    >>> correlation_from_scatter(np.array([[2.0, 2.0], [2.0, 8.0]]))[0].round(6).tolist()
    [[1.0, 0.5], [0.5, 1.0]]
    """
    scatter = np.atleast_2d(np.asarray(scatter, dtype=float))
    corr, repaired = correlations_from_scatter(scatter[None])
    return corr[0], bool(repaired[0])


def correlations_from_scatter(scatter: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`correlation_from_scatter` for a stack of scatter matrices (``B × q × q``)."""
    sd = np.sqrt(np.diagonal(scatter, axis1=-2, axis2=-1))
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = scatter / sd[:, :, None] / sd[:, None, :]
    corr = np.nan_to_num(corr, nan=0.0, posinf=0.0, neginf=0.0)
    corr[:, np.arange(corr.shape[-1]), np.arange(corr.shape[-1])] = 1.0
    return repair_correlations(np.clip(corr, -1.0, 1.0))


def resample_counts(n: int, *, n_boot: int, seed: int = 0) -> np.ndarray:
    """How often each of ``n`` respondents is drawn in each of ``n_boot`` bootstrap resamples (``n_boot × n``).

    Resample b draws ``n`` respondents with replacement, as ``rng.integers(0, n, n)`` does for the b-th
    time from ``numpy.random.default_rng(seed)``.

    >>> resample_counts(4, n_boot=2, seed=1).tolist()
    [[0, 1, 1, 2], [2, 0, 0, 2]]
    """
    rng = np.random.default_rng(seed)
    return np.stack([np.bincount(rng.integers(0, n, n), minlength=n) for _ in range(n_boot)]) if n_boot else \
        np.zeros((0, n), dtype=int)


def bootstrap_scatter(values: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The mean-filled scatter matrix (see :func:`correlation_from_scatter`) of every resample.

    ``values`` is respondents × variables (NaN = not met), ``counts`` resamples × respondents
    (:func:`resample_counts`). A resample's scatter is ``X'X`` with ``X = √w · (y − P·d)``, over the
    respondents drawn at least once: y the values centred on the whole sample's means (0 where not met),
    P the indicator "met", w the counts and d the shift of the resample's means. The resampled rows
    themselves are never built; all means come from two matrix products.

    >>> x = np.array([[1, 2], [np.nan, 3], [3, np.nan], [5, 4.0]])
    >>> w = np.array([[2, 1, 0, 1]])
    >>> rows = x[[0, 0, 1, 3]]; c = np.where(np.isnan(rows), 0, rows - np.nanmean(rows, axis=0))
    >>> bool(np.allclose(bootstrap_scatter(x, w)[0], c.T @ c))
    True
    """
    present = ~np.isnan(values)
    centre = np.nansum(values, axis=0) / np.maximum(present.sum(axis=0), 1)
    y = np.where(present, values - centre, 0.0)
    met = present.astype(float)
    weight = np.asarray(counts, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        shift = np.nan_to_num((weight @ y) / (weight @ met))
    scatter = np.empty((len(weight), values.shape[1], values.shape[1]))
    for b, (w, d) in enumerate(zip(weight, shift)):
        drawn = np.flatnonzero(w)
        x = (y[drawn] - met[drawn] * d) * np.sqrt(w[drawn])[:, None]
        scatter[b] = x.T @ x
    return scatter


def bootstrap_weights(values: np.ndarray, *, method: str, groups: Sequence | None = None, n_boot: int,
                      missing: str = "mean", seed: int = 0, weights: np.ndarray | None = None) -> np.ndarray:
    """Driver weights (``method`` as used, not ``auto``) in each of ``n_boot`` bootstrap resamples (``n_boot × p``).

    The resamples are those of :func:`resample_counts`; with ``missing="mean"`` all their correlation
    matrices come from :func:`bootstrap_scatter` and the weights of all resamples are computed together.
    ``sampled_shapley`` draws 200 orders in resample b with seed ``seed + b``. Survey ``weights`` go with
    their respondents into every resample (a respondent drawn twice weighs twice its weight).

    >>> x = np.random.default_rng(0).normal(size=(50, 3)); x[:, 2] += x[:, 0]
    >>> bootstrap_weights(x, method="shapley", n_boot=3).shape
    (3, 2)
    """
    counts = resample_counts(len(values), n_boot=n_boot, seed=seed)
    if missing == "mean":
        drawn = counts if weights is None else counts * np.asarray(weights, dtype=float)[None, :]
        corr, _ = correlations_from_scatter(bootstrap_scatter(values, drawn))
    else:
        rows = [np.repeat(np.arange(len(values)), c) for c in counts]
        corr = np.stack([correlation(values[r], missing=missing, weights=None if weights is None else weights[r])[0]
                         for r in rows])
    if method == "sampled_shapley":
        return np.stack([driver_weights(c, method=method, permutations=200, seed=seed + b)[0]
                         for b, c in enumerate(corr)])
    return driver_weights(corr, method=method, groups=groups)[0]


def driver_weights(corr: np.ndarray, *, method: str = "auto", groups: Sequence | None = None,
                   permutations: int = 2000, seed: int = 0) -> tuple[np.ndarray, np.ndarray | None, str]:
    """Weights of the drivers (all but the last variable) for the last variable, by ``method``.

    ``corr`` may be a stack of matrices (``B × q × q``, not for ``sampled_shapley``): weights ``B × p``.
    ``groups`` labels each driver's group (its phase) for Owen values.

    Returns
    -------
    ``(weights, standard errors or None, method used)``. ``auto`` uses exact Shapley values up to
    ``AUTO_SHAPLEY`` drivers, Owen values over ``groups`` while they need at most ``AUTO_OWEN_SUBSETS``
    subsets, and relative weights beyond.

    >>> w, se, used = driver_weights(np.array([[1, 0.3, 0.5], [0.3, 1, 0.4], [0.5, 0.4, 1.0]]))
    >>> w.round(4).tolist(), used
    ([0.2043, 0.1143], 'shapley')
    """
    check_choice("method", method, METHODS)
    R, r = corr[..., :-1, :-1], corr[..., :-1, -1]
    p = r.shape[-1]
    if method == "auto":
        method = auto_method(p, groups=groups)
    if method == "owen" and groups is None:
        groups = ["all"] * p
    if method == "shapley":
        return shapley(R, r), None, method
    if method == "owen":
        return owen(R, r, groups=groups), None, method
    if method == "sampled_shapley":
        est, se = sampled_shapley(R, r, permutations=permutations, seed=seed)
        return est, se, method
    return relative_weights(R, r), None, method


def auto_method(p: int, *, groups: Sequence | None = None) -> str:
    """The method ``auto`` uses for ``p`` drivers in ``groups``.

    >>> auto_method(12), auto_method(40, groups=[i // 10 for i in range(40)]), auto_method(40)
    ('shapley', 'owen', 'relative_weights')
    """
    if p <= AUTO_SHAPLEY:
        return "shapley"
    if groups is not None and len(set(groups)) > 1 and owen_cost(groups) <= AUTO_OWEN_SUBSETS:
        return "owen"
    return "relative_weights"


def key_drivers(project: Project, *, outcome: str = "recommend", segment: str | None = None,
                method: str = "auto", n_boot: int = 200, confidence: float = 0.95, min_n: int = MIN_N,
                missing: str = "mean", seed: int = 0, by: str | None = None) -> pd.DataFrame:
    """Derived importance of each touchpoint for ``outcome``, with bootstrap intervals.

    Parameters
    ----------
    outcome : ``recommend`` or ``satisfaction``.
    segment : one segment's id, or None for all respondents (an unknown id raises ``ModelError``).
    method : ``auto`` (exact Shapley up to 15 touchpoints; past that Owen values with the phases as
        groups while they are quick to compute exactly, see :func:`auto_method`; relative weights
        beyond), ``shapley``, ``owen``, ``sampled_shapley`` or ``relative_weights``.
    n_boot, confidence, seed : percentile bootstrap over respondents (0 resamples: no interval).
    min_n : touchpoints rated by fewer respondents get ``small=True`` and no weight (as do all when
        every respondent gave the same outcome answer: there is nothing to explain).
    missing : ``mean`` (a touchpoint not met counts at its mean), ``pairwise`` or ``complete`` (only
        respondents who rated every touchpoint in the model).
    by : a respondent column (a travel type, a region …: :func:`tpkit.groups.group_projects`): the
        drivers of each of its groups, the group in a column named ``by`` after ``segment_id``.

    Returns
    -------
    One row per touchpoint: ``segment_id`` (``all`` for None), ``outcome``, ``touchpoint_id``, ``n``
    (respondents who rated it), ``weight`` (its part of R²), ``weight_low``, ``weight_high``,
    ``weight_se`` (sampled Shapley only), ``share`` (weight / R²), ``method`` (used), ``r2`` (full
    model), ``repaired`` (the pairwise matrix needed repair), ``small``, ``rank``, ``n_model``
    (respondents who entered the model) and ``missing`` (the rule for ratings not given).

    Notes
    -----
    Shapley value of driver j: ``Σ_S |S|!(p−|S|−1)!/p! · (R²(S ∪ {j}) − R²(S))`` over the subsets S of
    the other drivers, with ``R²(S) = r_S' R_SS⁻¹ r_S`` from the correlation matrix. The module
    docstring explains the missing-value rule and the methods. With survey weights (a ``weight``
    column of the respondents) the correlations are weighted, so each ``R²(S)`` is that of a weighted
    least-squares fit, and the bootstrap resamples respondents with their weights.

    >>> from tpkit.datasets import load_sample
    >>> kd = key_drivers(load_sample("hotel"), segment="conference", n_boot=0)
    >>> kd.columns.tolist()[:5]
    ['segment_id', 'outcome', 'touchpoint_id', 'n', 'weight']
    """
    check_choice("method", method, METHODS)
    check_choice("missing", missing, MISSING)
    if by is not None:
        return by_groups(project, by, lambda part: key_drivers(
            part, outcome=outcome, method=method, n_boot=n_boot, confidence=confidence, min_n=min_n,
            missing=missing, seed=seed), segment=segment)
    data = driver_data(project, outcome=outcome, segment=segment)
    counts = data.notna().sum()
    drivers = [c for c in data.columns[:-1] if counts[c] >= min_n]
    small = [c for c in data.columns[:-1] if counts[c] < min_n]
    values = data[drivers + [outcome]].to_numpy()
    weights = respondent_weights(project, data.index)
    if weights is not None and not np.nansum(weights) > 0:   # every weight 0: no answer counts
        small, drivers = drivers + small, []
    if len(np.unique(values[~np.isnan(values[:, -1]), -1])) < 2:   # one answer for all: nothing to explain,
        small, drivers = drivers + small, []                         # not a measured zero
    rule = missing
    if missing == "complete":   # complete cases: no gaps left, so the mean rule reads them as they are
        complete = ~np.isnan(values).any(axis=1)
        values, weights = values[complete], None if weights is None else weights[complete]
        rule = "mean"
        if len(values) < min_n:
            small, drivers = drivers + small, []
    n_model = len(values) if drivers else 0
    groups = driver_phases(project, drivers)
    fit = None
    if drivers:
        corr, repaired = correlation(values, missing=rule, weights=weights)
        shares, se, used = driver_weights(corr, method=method, groups=groups, seed=seed)
        low = high = None
        if n_boot:
            boots = bootstrap_weights(values, method=used, groups=groups, n_boot=n_boot, missing=rule, seed=seed,
                                      weights=weights)
            alpha = (1 - confidence) / 2
            low, high = np.quantile(boots, [alpha, 1 - alpha], axis=0)
        fit = (shares, se, used, repaired, low, high)
    return driver_table(drivers, small, counts, fit, method=method, outcome=outcome, segment=segment,
                        n_model=n_model, missing=missing)


def respondent_weights(project: Project, respondent_ids: Sequence[str]) -> np.ndarray | None:
    """The survey weights of the given respondents (None when the project has no weights).

    >>> from tpkit.datasets import load_sample
    >>> respondent_weights(load_sample("hotel"), ["R00001"]) is None
    True
    """
    weights = answer_weights(project.respondents)
    if weights is None:
        return None
    return pd.Series(weights, index=project.respondents["respondent_id"]).reindex(respondent_ids).to_numpy()


def driver_phases(project: Project, touchpoints: Sequence[str]) -> list[str]:
    """The phase of each touchpoint (the groups of Owen values), from the project's inventory.

    >>> from tpkit.datasets import load_sample
    >>> driver_phases(load_sample("hotel"), ["website", "tour_forums"])
    ['pre_purchase', 'loyalty']
    """
    return phase_groups(project.touchpoints.set_index("touchpoint_id")["phase"], touchpoints)


def phase_groups(phases: Mapping[str, str] | pd.Series, touchpoints: Sequence[str]) -> list[str]:
    """The phase of each touchpoint from ``phases`` (touchpoint → phase); one without a phase is a group
    of its own.

    >>> phase_groups({"a": "usage", "b": None}, ["a", "b", "c"])
    ['usage', '-b', '-c']
    """
    return [str(phases[t]) if t in phases and pd.notna(phases[t]) else f"-{t}" for t in touchpoints]


def driver_table(drivers: list[str], small: list[str], counts, fit: tuple | None, *, method: str, outcome: str,
                 segment: str | None, n_model: int | None = None, missing: str = "mean") -> pd.DataFrame:
    """The table of :func:`key_drivers` from the weights of ``drivers`` (``fit`` = weights, standard errors,
    method used, repaired, bootstrap low and high) and the touchpoints too small to weigh; ``n_model``
    respondents entered the model under the ``missing`` rule."""
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
    out["n_model"] = pd.array([n_model] * len(out), dtype="Int64")
    out["missing"] = missing
    out.insert(0, "segment_id", segment if segment is not None else ALL_SEGMENTS)
    out.insert(1, "outcome", outcome)
    return out.sort_values(["small", "weight"], ascending=[True, False], kind="stable").reset_index(drop=True)

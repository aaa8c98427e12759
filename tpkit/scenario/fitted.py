"""The fitted outcome model of the what-if planner: an ordinal (or, for a yes/no outcome, logistic) regression
per segment with partial pooling, scenarios by counterfactual prediction, and parameter uncertainty.

The model
---------
For respondent ``i`` of segment ``s`` the outcome's classes (the answers given, e.g. 0–10 or 1–5, or
yes/no) follow a cumulative logit ``P(y ≤ k) = F(κ_k − η_i)`` with

``η_i = u_s + λ·loyalty_i + Σ_t met_it · (a_st + b_st · (p_it − c_t)) + g_s · shortfall_i``

``met_it`` whether ``i`` rated touchpoint ``t``, ``p_it`` the rating, ``c_t`` the touchpoint's mean rating
(so ``a`` is the effect of meeting it at its usual performance and ``b`` of one point more), and
``shortfall_i`` the weakest link: the worst rating's distance below the scale's midpoint, as a share of
the lower half (0 when nothing went below the midpoint, 1 when something got the worst rating). The
customer judges the whole: a failing touchpoint weighs beyond its additive part when ``g < 0``.

Fitting in two steps (partial pooling as an empirical-Bayes penalised fit, with
:func:`scipy.optimize.minimize`): (1) one model for all respondents with segment intercepts, the
cut points ``κ`` and loyalty ``λ``, its coefficients under a weak normal prior (sd
:data:`PRIOR_SD`); (2) per segment, with ``κ`` and ``λ`` fixed, its own ``u, a, b, g`` under a normal prior
centred on the pooled values with sd ``pooling_sd`` (a model assumption): a small segment stays near
the whole base, a large one follows its own data. The uncertainty of each segment's coefficients is
the inverse of the penalised Hessian at the fit (Laplace's approximation); :data:`DRAWS` draws from it
carry it to every projected figure.

A scenario changes predictors (a touchpoint's ratings shift, a closed touchpoint's users are served by a
substitute or lose the service, an added touchpoint is met by part of the segment) and its effect is
the average over the segment's respondents of their predicted class shares under the scenario minus
under the baseline (g-computation), added to the observed shares. It projects associations in the
survey, not proven causal effects.

Example
-------
>>> from tpkit.datasets import load_sample
>>> m = fitted_model(load_sample("hotel"))
>>> m.kind, m.eta_draws.shape[1] == DRAWS
('ordinal', True)
"""

from __future__ import annotations

import dataclasses
import pickle
import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..cache import CODE_VERSION, cache_dir, cached_bytes, digest
from ..codes import answer_weights, rating_codes
from ..errors import ModelError
from ..io import Project
from ..outcome import thresholds
from .appliers import apply_changes, substitute_group
from .calibration import Baseline, baseline
from .changes import RemoveTouchpoint, Scenario
from .outcomes import class_shares

#: Prior sd of every pooled coefficient (logits per point): weak, it only keeps a separated fit finite.
PRIOR_SD = 2.5
#: Prior sd of a segment's intercept around the pooled one: weak.
INTERCEPT_SD = 5.0
#: Draws from the coefficients' distribution that carry its uncertainty to every figure.
DRAWS = 100
#: A touchpoint enters the model when at least this many respondents met it.
MIN_MET = 5
#: The seed of the draws (a project's intervals are the same on every run).
SEED = 20261126


@dataclass(frozen=True, eq=False)
class FittedModel:
    """A fitted outcome model (see the module). Arrays over respondents have ``R`` rows, touchpoints ``T``
    columns (in the project's order), segments ``S`` (the baseline's order); ``draws`` are ``D`` draws."""

    kind: str                 # "ordinal" or "logistic" (two classes)
    scores: np.ndarray        # (K,) the answer each class stands for
    cuts: np.ndarray          # (K-1,) cut points κ
    positive_cut: int         # P(positive) = 1 − F(κ[positive_cut] − η); -1: every class is positive, K-1: none
    negative_cut: int         # P(negative) = F(κ[negative_cut] − η); -1: no class is negative, K-1: every one
    segment: np.ndarray       # (R,) segment index
    weight: np.ndarray        # (R,) survey weight (mean 1)
    y: np.ndarray             # (R,) class index
    met: np.ndarray           # (R, T) bool
    perf: np.ndarray          # (R, T) the rating (the centre where met without a rating, 0 where not met)
    centre: np.ndarray        # (T,) c_t
    used: np.ndarray          # (T,) bool: the touchpoint is in the model
    shortfall: np.ndarray     # (R,)
    intercept: np.ndarray     # (S,) u_s
    met_coef: np.ndarray      # (S, T) a_st
    perf_coef: np.ndarray     # (S, T) b_st
    link_coef: np.ndarray     # (S,) g_s
    draws: dict               # name → (D, …) draws of intercept, met_coef, perf_coef, link_coef
    eta: np.ndarray           # (R,) linear predictor at the fit
    eta_draws: np.ndarray     # (R, D)
    low: float
    high: float
    neutral: float
    pooling_sd: float
    loglik: float             # penalised fit's log-likelihood and the intercept-only one, per segment
    null_loglik: np.ndarray
    segment_loglik: np.ndarray
    link_interval: tuple[float, float]   # pooled g with its 95 % interval (the weakest link's weight)
    loyalty_words: tuple = ()            # the loyalty answers with an effect λ (None: no answer), and λ
    loyalty_coef: np.ndarray | None = None
    grid: np.ndarray | None = None       # η grid and the expected answer on it (the draws' mean by interpolation)
    grid_mean: np.ndarray | None = None
    worst: tuple | None = None           # per respondent the two worst shortfalls and their touchpoints
    base: tuple | None = None            # class_probabilities at ``eta`` and at ``eta_draws``
    base_draws: tuple | None = None
    base_sums: tuple | None = None       # their survey-weighted sums per segment
    base_draw_sums: tuple | None = None


_MODELS: "weakref.WeakKeyDictionary[Project, dict[float, FittedModel]]" = weakref.WeakKeyDictionary()


def logistic(x: np.ndarray | float) -> np.ndarray:
    """The logistic function ``1 / (1 + e^(−x))``, as ``(1 + tanh(x/2)) / 2`` (no overflow; numpy alone, so a
    dashboard kernel that only projects needs no scipy.special).

    >>> float(logistic(0.0)), round(float(logistic(2.0)), 6)
    (0.5, 0.880797)
    """
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x)))


def _ordinal_terms(cuts: np.ndarray, y: np.ndarray, eta: np.ndarray):
    """Per respondent ``P`` (the answer's probability), ``f(a)``, ``f(b)``, ``F(a)``, ``F(b)`` for
    ``a = κ_y − η`` and ``b = κ_{y−1} − η`` (``κ_{-1} = −∞``, ``κ_{K−1} = +∞``)."""
    from scipy.special import expit   # exact in the far tails, for the likelihood (the fit imports scipy anyway)

    upper = np.append(cuts, np.inf)[y] - eta
    lower = np.insert(cuts, 0, -np.inf)[y] - eta
    Fa, Fb = expit(upper), expit(lower)
    # F(a) − F(b) without cancellation where both are near 1
    P = np.where(upper + lower > 0, expit(-lower) - expit(-upper), Fa - Fb)
    P = np.maximum(P, 1e-300)
    fa, fb = Fa * (1 - Fa), Fb * (1 - Fb)
    return P, fa, fb, Fa, Fb


def _cuts_from(raw: np.ndarray) -> np.ndarray:
    return raw[0] + np.concatenate([[0.0], np.cumsum(np.exp(raw[1:]))])


def _pooled_objective(theta, X, y, w, K, prior):
    raw, beta = theta[:K - 1], theta[K - 1:]
    cuts = _cuts_from(raw)
    eta = X @ beta
    P, fa, fb, _, _ = _ordinal_terms(cuts, y, eta)
    nll = -float(w @ np.log(P)) + 0.5 * float((prior * beta ** 2).sum())
    d_eta = -(fa - fb) / P                 # ∂ℓ/∂η
    grad_beta = -(X.T @ (w * d_eta)) + prior * beta
    g_cut = np.zeros(K)                    # −∂ℓ/∂κ_k, k = 0 … K−1 (the last is +∞ and unused)
    np.add.at(g_cut, y, -w * fa / P)
    np.add.at(g_cut, np.maximum(y - 1, 0), np.where(y > 0, w * fb / P, 0.0))
    g_cut = g_cut[:K - 1]
    tail = np.cumsum(g_cut[::-1])[::-1]    # Σ_{j ≥ k}
    grad_raw = np.concatenate([[tail[0]], np.exp(raw[1:]) * tail[1:]])
    return nll, np.concatenate([grad_raw, grad_beta])


def _segment_objective(beta, X, y, w, cuts, offset, centre, prior):
    eta = offset + X @ beta
    P, fa, fb, _, _ = _ordinal_terms(cuts, y, eta)
    diff = beta - centre
    nll = -float(w @ np.log(P)) + 0.5 * float((prior * diff ** 2).sum())
    grad = -(X.T @ (w * (-(fa - fb) / P))) + prior * diff
    return nll, grad


def _hessian(beta, X, y, w, cuts, offset, prior) -> np.ndarray:
    """The penalised negative log-likelihood's Hessian in the coefficients (``κ`` fixed): ``X' W X + prior``."""
    eta = offset + X @ beta
    P, fa, fb, Fa, Fb = _ordinal_terms(cuts, y, eta)
    dfa, dfb = fa * (1 - 2 * Fa), fb * (1 - 2 * Fb)
    curvature = -((dfa - dfb) / P - ((fa - fb) / P) ** 2)     # −∂²ℓ/∂η²
    return (X * (w * curvature)[:, None]).T @ X + np.diag(prior)


def _sign_bounds(signs: np.ndarray) -> list[tuple[float | None, float | None]]:
    """L-BFGS-B bounds from signs: +1 not below 0, −1 not above 0, 0 free."""
    return [(0.0, None) if g > 0 else (None, 0.0) if g < 0 else (None, None) for g in signs]


def _within(values: np.ndarray, signs: np.ndarray) -> np.ndarray:
    """``values`` moved onto their sign limits where they pass them (``signs`` as :func:`_sign_bounds`)."""
    return np.where(signs > 0, np.maximum(values, 0.0), np.where(signs < 0, np.minimum(values, 0.0), values))


def _normal_draws(H: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``DRAWS`` draws (as columns) from ``N(0, H⁻¹)``."""
    try:
        chol = np.linalg.cholesky(H)
    except np.linalg.LinAlgError:
        chol = np.linalg.cholesky(H + np.eye(len(H)) * 1e-6 * np.trace(H) / len(H))
    return np.linalg.solve(chol.T, rng.standard_normal((len(H), DRAWS)))


def _respondent_data(project: Project, b: Baseline, centre: np.ndarray | None = None):
    """Per respondent with an answer and a known segment: segment index, weight (mean 1), answer, met and
    rating matrices, the touchpoints' centres (given, or the weighted mean rating) and their rows."""
    resp = project.respondents
    seg_index = {s: i for i, s in enumerate(b.segments)}
    segment = resp["segment_id"].map(seg_index).to_numpy(dtype=float, na_value=-1).astype(int)
    answer = resp["recommend"].to_numpy(dtype=float, na_value=np.nan)
    keep = (segment >= 0) & ~np.isnan(answer)
    R, T = int(keep.sum()), len(b.touchpoints)
    position = np.full(len(resp), -1)
    position[keep] = np.arange(R)
    weights = answer_weights(resp)
    weight = np.ones(R) if weights is None else np.asarray(weights, dtype=float)[keep]
    weight = weight / weight.mean() if R and weight.mean() > 0 else np.zeros(R)   # all 0: nobody counts
    codes = rating_codes(project)
    row = np.where(codes.respondent >= 0, position[np.maximum(codes.respondent, 0)], -1)
    ok = (row >= 0) & (codes.touchpoint >= 0)
    met = np.zeros((R, T), dtype=bool)
    met[row[ok], codes.touchpoint[ok]] = True
    perf = np.full((R, T), np.nan)
    perf[row[ok], codes.touchpoint[ok]] = codes.performance[ok]
    rated = ~np.isnan(perf)
    w_rated = np.where(rated, weight[:, None], 0.0)
    total = w_rated.sum(axis=0)
    if centre is None:
        centre = np.divide(np.nansum(perf * w_rated, axis=0), total, out=np.full(T, b.scale.neutral), where=total > 0)
    perf = np.where(met, np.where(rated, perf, centre[None, :]), 0.0)
    return segment[keep], weight, answer[keep], met, perf, centre, resp.loc[keep]


def _below(perf: np.ndarray, low: float, neutral: float, met: np.ndarray | bool = True) -> np.ndarray:
    """Each rating's distance below the midpoint over the lower half (0 at or above it, and where not met;
    NaN, a rating not given, counts 0)."""
    return np.where(met, np.nan_to_num(np.clip(neutral - perf, 0.0, None)), 0.0) / max(neutral - low, 1e-12)


def shortfall(met: np.ndarray, perf: np.ndarray, low: float, neutral: float) -> np.ndarray:
    """The weakest link per respondent: the worst rating's distance below the midpoint over the lower half.

    >>> shortfall(np.array([[True, True], [True, False]]), np.array([[2.0, 4.0], [5.0, 1.0]]), 1, 3).tolist()
    [0.5, 0.0]
    """
    below = _below(perf, low, neutral, met)
    return below.max(axis=1) if below.shape[1] else np.zeros(below.shape[0])


def _two_worst(met: np.ndarray, perf: np.ndarray, low: float, neutral: float) -> tuple[np.ndarray, ...]:
    """Per respondent the worst and second-worst shortfall (:func:`shortfall`) and their touchpoints."""
    below = _below(perf, low, neutral, met)
    if below.shape[1] < 2:
        zero = np.zeros(below.shape[0])
        return (below.max(axis=1) if below.shape[1] else zero, np.zeros(below.shape[0], dtype=int), zero,
                np.full(below.shape[0], -1))
    order = np.argpartition(-below, 1, axis=1)[:, :2]
    rows = np.arange(below.shape[0])
    first = np.where(below[rows, order[:, 0]] >= below[rows, order[:, 1]], order[:, 0], order[:, 1])
    second = np.where(first == order[:, 0], order[:, 1], order[:, 0])
    return below[rows, first], first, below[rows, second], second


def shortfall_after(model: FittedModel, rows: np.ndarray, changed: dict[int, np.ndarray]) -> np.ndarray:
    """The weakest link of respondents ``rows`` after the ratings of some touchpoints changed (``changed``:
    touchpoint → new ratings of ``rows``, NaN where the respondent did not meet it): the worst of the
    changed ones and of the others, the latter from the two worst kept at the fit (all of a respondent's
    ratings are looked at again only when both of those changed).

    >>> from tpkit.datasets import load_sample
    >>> m = fitted_model(load_sample("hotel"))
    >>> rows = np.flatnonzero(m.met[:, 0])[:3]
    >>> shortfall_after(m, rows, {0: np.full(3, 1.0)}).tolist()    # the worst rating at the first touchpoint
    [1.0, 1.0, 1.0]
    """
    worst_new = np.zeros(len(rows))
    for new in changed.values():
        worst_new = np.maximum(worst_new, _below(new, model.low, model.neutral))
    top1, arg1, top2, arg2 = (a[rows] for a in model.worst)
    cols = np.array(list(changed))
    first_changed, second_changed = np.isin(arg1, cols), np.isin(arg2, cols)
    kept = np.where(~first_changed, top1, np.where(~second_changed, top2, 0.0))
    again = np.flatnonzero(first_changed & second_changed)
    if len(again):   # both worst changed: the others again
        perf = model.perf[rows[again]].copy()
        met = model.met[rows[again]].copy()
        met[:, cols] = False
        kept[again] = shortfall(met, perf, model.low, model.neutral)
    return np.maximum(worst_new, kept)


def _loyalty_columns(resp: pd.DataFrame, levels: tuple[str, ...],
                     used: tuple[str | None, ...] | None = None) -> tuple[np.ndarray, tuple[str | None, ...]]:
    """Indicator columns of the loyalty answers (the first word is the reference; None: no answer) and their
    words; ``used`` gives the words of a fitted model (for new respondents), else those that vary."""
    if "loyalty" not in resp:
        return np.zeros((len(resp), 0)), ()
    values = resp["loyalty"].astype(object)
    words = used if used is not None else tuple(levels[1:]) + ((None,) if values.isna().any() else ())
    cols = {w: (values.isna() if w is None else values == w).to_numpy(dtype=float) for w in words}
    if used is None:
        cols = {w: c for w, c in cols.items() if 0 < c.sum() < len(c)}
    return (np.column_stack(list(cols.values())) if cols else np.zeros((len(resp), 0))), tuple(cols)


def fitted_model(project: Project, *, pooling_sd: float = 0.5) -> FittedModel:
    """Fit the outcome model of ``project`` (once per project and ``pooling_sd``; see the module).

    Parameters
    ----------
    project : a project with segments, respondents and their ratings.
    pooling_sd : prior sd (logits) of a segment's coefficients around the whole base's.

    Returns
    -------
    A :class:`FittedModel`; a :class:`~tpkit.errors.ModelError` when the outcome has fewer than two
    different answers or too few respondents to fit.

    Notes
    -----
    ``F`` is the logistic function; with two classes the model is a logistic regression of the positive
    answer. The coefficients' uncertainty is Laplace's approximation per segment (the cut points and the
    loyalty effects, shared by all segments, are taken as known).

    >>> from tpkit.datasets import load_sample
    >>> m = fitted_model(load_sample("hotel"))
    >>> bool(m.perf_coef[0][m.used].mean() > 0)        # better ratings, more recommendation
    True
    """
    cache = _MODELS.setdefault(project, {})
    if pooling_sd not in cache:
        cache[pooling_sd] = _stored_fit(project, pooling_sd)
    return cache[pooling_sd]


def _stored_fit(project: Project, pooling_sd: float) -> FittedModel:
    """The fit from tpkit's cache folder when the same data were fitted before (a dashboard kernel then
    needs no optimiser), else :func:`_fit` (an error is not stored)."""
    if cache_dir() is None:
        return _fit(project, pooling_sd)
    frames = (project.touchpoints, project.segments, project.respondents, project.ratings)
    key = digest([CODE_VERSION, "fitted", repr(pooling_sd), repr(project.outcome), repr(project.rating_scale),
                  repr(project.loyalty_levels),
                  *(pd.util.hash_pandas_object(f, index=True).to_numpy().tobytes() + "|".join(f.columns).encode()
                    for f in frames)])
    fitted: list[FittedModel] = []

    def build() -> bytes:
        fitted.append(_fit(project, pooling_sd))
        return pickle.dumps(fitted[0], protocol=pickle.HIGHEST_PROTOCOL)

    data = cached_bytes("models", key, build)
    if fitted:
        return fitted[0]
    try:
        return pickle.loads(data)
    except Exception:   # an unreadable entry: fit afresh
        return _fit(project, pooling_sd)


def _fit(project: Project, pooling_sd: float) -> FittedModel:
    """Fit the model (see :func:`fitted_model`)."""
    from scipy.optimize import minimize    # only when fitting: a dashboard with a stored fit never loads it

    b = baseline(project)
    segment, weight, answer, met, perf, centre, resp = _respondent_data(project, b)
    scores, y = np.unique(answer, return_inverse=True)
    K, R, S, T = len(scores), len(answer), len(b.segments), len(b.touchpoints)
    counted = int((weight > 0).sum())
    if K < 2 or counted < 10:
        raise ModelError("model_not_fittable", answers=K, n=counted)
    scale = b.scale
    used = met.sum(axis=0) >= MIN_MET
    varies = used & ((~met).sum(axis=0) >= MIN_MET)     # met by nearly everyone: "met" is the intercept
    centred = np.where(met, perf - centre[None, :], 0.0)[:, used]
    metf = met[:, varies].astype(float)
    weakest = shortfall(met, perf, scale.low, scale.neutral)
    has_link = bool(np.ptp(weakest) > 0) if R else False
    link = weakest[:, None] if has_link else np.zeros((R, 0))
    loyalty, loyalty_words = _loyalty_columns(resp, project.loyalty_levels)
    present = np.unique(segment)
    seg_dummies = np.column_stack([(segment == s).astype(float) for s in present[1:]]) if len(present) > 1 \
        else np.zeros((R, 0))
    X = np.hstack([seg_dummies, loyalty, metf, centred, link])
    n_fixed = seg_dummies.shape[1] + loyalty.shape[1]
    prior = np.concatenate([np.full(n_fixed, 1 / INTERCEPT_SD ** 2), np.full(X.shape[1] - n_fixed, 1 / PRIOR_SD ** 2)])
    cum = np.cumsum(np.bincount(y, weights=weight, minlength=K))[:-1] / weight.sum()
    start_cuts = np.log(np.clip(cum, 1e-4, 1 - 1e-4) / (1 - np.clip(cum, 1e-4, 1 - 1e-4)))
    raw0 = np.concatenate([[start_cuts[0]], np.log(np.maximum(np.diff(start_cuts), 1e-3))])
    # better performance never lowers the outcome, a failure anywhere never raises it (the method's premise; the
    # sign is not left to the noise of a small segment): performance slopes ≥ 0, the weakest link ≤ 0
    signs = np.concatenate([np.zeros(n_fixed + metf.shape[1]), np.ones(centred.shape[1]),
                            -np.ones(link.shape[1])])
    bounds = [(None, None)] * (K - 1) + _sign_bounds(signs)
    fit = minimize(_pooled_objective, np.concatenate([raw0, np.zeros(X.shape[1])]), jac=True, method="L-BFGS-B",
                   args=(X, y, weight, K, prior), bounds=bounds, options={"maxiter": 2000})
    cuts = _cuts_from(fit.x[:K - 1])
    beta = fit.x[K - 1:]
    seg_effect = np.zeros(S)
    seg_effect[present[1:]] = beta[:seg_dummies.shape[1]]
    lam = beta[seg_dummies.shape[1]:n_fixed]
    pooled = beta[n_fixed:]
    Tv, Tu = int(varies.sum()), int(used.sum())
    pooled_met, pooled_perf = pooled[:Tv], pooled[Tv:Tv + Tu]
    pooled_link = float(pooled[Tv + Tu]) if has_link else 0.0
    offset_all = loyalty @ lam
    rng = np.random.default_rng(SEED)
    # (p, D): deviations of the pooled coefficients from their fit, as their uncertainty has them
    pooled_draws = _normal_draws(_hessian(beta, X, y, weight, cuts, np.zeros(R), prior), rng)[n_fixed:]

    intercept = seg_effect.copy()
    met_coef = np.zeros((S, T))
    perf_coef = np.zeros((S, T))
    met_coef[:, varies] = pooled_met
    perf_coef[:, used] = pooled_perf
    link_coef = np.full(S, pooled_link)
    draw = {"intercept": np.repeat(intercept[None, :], DRAWS, axis=0),
            "met_coef": np.repeat(met_coef[None], DRAWS, axis=0), "perf_coef": np.repeat(perf_coef[None], DRAWS, axis=0),
            "link_coef": np.repeat(link_coef[None, :], DRAWS, axis=0)}
    eta = np.zeros(R)
    eta_draws = np.zeros((R, DRAWS))
    segment_loglik, null_loglik = np.zeros(S), np.zeros(S)
    used_idx = np.flatnonzero(used)
    link_draws_pooled = []
    for s in range(S):
        rows = np.flatnonzero(segment == s)
        if not len(rows):
            continue
        cols = used_idx[met[rows][:, used_idx].any(axis=0)]
        met_s = met[np.ix_(rows, cols)]
        met_cols = cols[varies[cols] & (~met_s).any(axis=0)]       # "met" varies in the segment
        Xs = np.hstack([np.ones((len(rows), 1)), met[np.ix_(rows, met_cols)].astype(float),
                        np.where(met_s, perf[np.ix_(rows, cols)] - centre[cols], 0.0),
                        weakest[rows, None] if has_link else np.zeros((len(rows), 0))])
        centre_s = np.concatenate([[seg_effect[s]], met_coef[s, met_cols], perf_coef[s, cols],
                                   [pooled_link] if has_link else []])
        prior_s = np.concatenate([[1 / INTERCEPT_SD ** 2], np.full(Xs.shape[1] - 1, 1 / pooling_sd ** 2)])
        ys, ws, off = y[rows], weight[rows], offset_all[rows]
        signs_s = np.concatenate([np.zeros(1 + len(met_cols)), np.ones(len(cols)), -np.ones(1 if has_link else 0)])
        res = minimize(_segment_objective, _within(centre_s, signs_s), jac=True, method="L-BFGS-B",
                       args=(Xs, ys, ws, cuts, off, centre_s, prior_s), bounds=_sign_bounds(signs_s),
                       options={"maxiter": 2000})
        theta = res.x
        H = _hessian(theta, Xs, ys, ws, cuts, off, prior_s)
        # the segment's own uncertainty around θ, plus the pooled centre's carried by the shrinkage
        # (∂θ/∂centre = H⁻¹ · prior)
        shift = np.vstack([np.zeros((1, DRAWS)), pooled_draws[np.searchsorted(np.flatnonzero(varies), met_cols)],
                           pooled_draws[Tv + np.searchsorted(used_idx, cols)],
                           pooled_draws[-1:] if has_link else np.zeros((0, DRAWS))])
        thetas = _within(theta[:, None] + _normal_draws(H, rng) + np.linalg.solve(H, prior_s[:, None] * shift),
                         signs_s[:, None])   # draws past a sign limit sit on it
        k, v = len(cols), len(met_cols)
        intercept[s] = theta[0]
        met_by_all = np.setdiff1d(cols, met_cols)   # met by all of the segment: in its intercept
        met_coef[s, met_by_all] = 0.0
        draw["met_coef"][:, s, met_by_all] = 0.0
        met_coef[s, met_cols], perf_coef[s, cols] = theta[1:1 + v], theta[1 + v:1 + v + k]
        draw["intercept"][:, s] = thetas[0]
        draw["met_coef"][:, s, met_cols] = thetas[1:1 + v].T
        draw["perf_coef"][:, s, cols] = thetas[1 + v:1 + v + k].T
        if has_link:
            link_coef[s] = theta[-1]
            draw["link_coef"][:, s] = thetas[-1]
            link_draws_pooled.append((ws.sum(), thetas[-1]))
        eta[rows] = off + Xs @ theta
        eta_draws[rows] = off[:, None] + Xs @ thetas
        P = _ordinal_terms(cuts, ys, eta[rows])[0]
        segment_loglik[s] = float(ws @ np.log(P))
        shares = np.bincount(ys, weights=ws, minlength=K) / ws.sum()
        null_loglik[s] = float(ws @ np.log(np.maximum(shares[ys], 1e-300)))
    positive, negative = thresholds(project.outcome)
    n_not_positive = int((scores <= positive).sum())
    n_negative = int((scores < negative).sum())
    if link_draws_pooled:
        total = sum(wt for wt, _ in link_draws_pooled)
        mixed = sum(wt * d for wt, d in link_draws_pooled) / total
        link_interval = (float(np.quantile(mixed, 0.025)), float(np.quantile(mixed, 0.975)))
    else:
        link_interval = (0.0, 0.0)
    draw = {name: values.astype(np.float32) for name, values in draw.items()}
    model = FittedModel(
        kind="logistic" if K == 2 else "ordinal", scores=scores, cuts=cuts,
        positive_cut=n_not_positive - 1,
        negative_cut=n_negative - 1,
        segment=segment, weight=weight, y=y, met=met, perf=perf, centre=centre, used=used, shortfall=weakest,
        intercept=intercept, met_coef=met_coef, perf_coef=perf_coef, link_coef=link_coef, draws=draw,
        eta=eta, eta_draws=eta_draws.astype(np.float32),   # single precision: the draws only give intervals
        low=float(scale.low), high=float(scale.high), neutral=float(scale.neutral),
        pooling_sd=pooling_sd, loglik=float(segment_loglik.sum()), null_loglik=null_loglik,
        segment_loglik=segment_loglik, link_interval=link_interval, loyalty_words=loyalty_words, loyalty_coef=lam,
    )
    grid = np.linspace(cuts[0] - 20, cuts[-1] + 20, 8193)
    on_grid = class_probabilities(model, grid)
    model = dataclasses.replace(model, grid=grid, grid_mean=on_grid[2],
                                worst=_two_worst(met, perf, scale.low, scale.neutral))
    base, base_draws = class_probabilities(model, model.eta), class_probabilities(model, model.eta_draws)
    return dataclasses.replace(
        model, base=base, base_draws=base_draws,
        base_sums=tuple(segment_sums(segment, weight, b_, S) for b_ in base),
        base_draw_sums=tuple(segment_sums(segment, weight, b_, S) for b_ in base_draws))


def class_probabilities(model: FittedModel, eta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each respondent's probability of a positive and of a negative answer, and the expected answer.

    ``eta`` may be ``(R,)`` or ``(R, D)``; the results have its shape.

    >>> from tpkit.datasets import load_sample
    >>> m = fitted_model(load_sample("hotel"))
    >>> pos, neg, mean = class_probabilities(m, m.eta)
    >>> bool(((pos >= 0) & (pos + neg <= 1 + 1e-12)).all())
    True
    """
    K = len(model.scores)
    # a cut below the first class: every answer is in the class; past the last one: none is
    pos = (np.ones_like(eta) if model.positive_cut < 0 else np.zeros_like(eta) if model.positive_cut >= K - 1
           else 1 - logistic(model.cuts[model.positive_cut] - eta))
    neg = (np.zeros_like(eta) if model.negative_cut < 0 else np.ones_like(eta) if model.negative_cut >= K - 1
           else logistic(model.cuts[model.negative_cut] - eta))
    if np.ndim(eta) == 2 and model.grid is not None and K > 3:   # draws: the mean off its curve (error < 1e-5)
        g0, step = model.grid[0], model.grid[1] - model.grid[0]
        where = np.clip((eta - g0) / step, 0, len(model.grid) - 1.000001)   # a uniform grid: no search
        k = where.astype(np.int64)
        return pos, neg, model.grid_mean[k] + (model.grid_mean[k + 1] - model.grid_mean[k]) * (where - k)
    mean = np.full_like(eta, model.scores[-1], dtype=float)
    steps = np.diff(model.scores)
    for k in range(K - 1):
        mean = mean - steps[k] * logistic(model.cuts[k] - eta)
    return pos, neg, mean


def segment_sums(segment: np.ndarray, weight: np.ndarray, values: np.ndarray, n_segments: int) -> np.ndarray:
    """The survey-weighted sum of ``values`` (``(R,)`` or ``(R, D)``) per segment: ``(S,)`` or ``(D, S)``.

    >>> segment_sums(np.array([0, 1, 1]), np.array([1.0, 2.0, 1.0]), np.array([5.0, 1.0, 3.0]), 2).tolist()
    [5.0, 5.0]
    """
    member = np.zeros((n_segments, len(segment)), dtype=values.dtype if values.dtype == np.float32 else float)
    member[segment, np.arange(len(segment))] = weight
    out = member @ values
    return out.T if values.ndim == 2 else out


@dataclass(frozen=True)
class Projection:
    """Projected positive share, negative share and mean answer per segment: ``point`` as ``(S,)`` arrays,
    ``draws`` as ``(D, S)`` arrays (observed baseline plus the model's change)."""

    point: tuple[np.ndarray, np.ndarray, np.ndarray]
    draws: tuple[np.ndarray, np.ndarray, np.ndarray]


def _added_contribution(model: FittedModel, b: Baseline, state, j: int, coef: dict[str, np.ndarray]) -> np.ndarray:
    """Per segment (or ``(D, S)`` for drawn ``coef``) the expected change of ``η`` from added touchpoint ``j``:
    ``reach · (a + b · (p − c))`` of its similar touchpoint, or the mean over the segment's touchpoints of
    its phase in the model."""
    T0 = len(b.touchpoints)
    similar = state.borrowed.get(state.tp.at[j, "touchpoint_id"])
    perf = state.performance[:, j]
    if similar is not None and similar in set(b.touchpoints["touchpoint_id"]):
        t = int(np.flatnonzero(b.touchpoints["touchpoint_id"].to_numpy() == similar)[0])
        effect = coef["met_coef"][..., t] + coef["perf_coef"][..., t] * (perf - model.centre[t])
    else:
        phase = (b.touchpoints["phase"].to_numpy() == state.tp.at[j, "phase"]) & model.used
        cols = b.member & phase[None, :]
        each = coef["met_coef"][..., :T0] + coef["perf_coef"][..., :T0] * (perf[:, None] - model.centre[None, :])
        count = cols.sum(axis=1)
        effect = np.divide((each * cols).sum(axis=-1), count, out=np.zeros(np.broadcast(each[..., 0], count).shape),
                           where=count > 0)
    return state.reach[:, j] * effect


def project_shares(model: FittedModel, b: Baseline, state, observed: tuple[np.ndarray, np.ndarray, np.ndarray],
                   *, bands: bool = True) -> Projection:
    """The scenario's class shares per segment by g-computation: each respondent's predicted shares under the
    scenario's predictors minus under the baseline's, averaged per segment, added to the ``observed`` shares.

    Parameters
    ----------
    model : the fitted model.
    b : the baseline.
    state : the scenario's :class:`~tpkit.scenario.appliers.State`.
    observed : the observed positive share, negative share and mean answer per segment.
    bands : also the draws (False: the point alone, as one draw — for a caller that needs no interval).

    Notes
    -----
    A touchpoint whose performance changes shifts the ratings of those who met it by the points asked for,
    each rating clipped to the scale (a mean of 4.5 plus one point lifts a 4 to 5);
    a closed one gives each user the rating the applier set: the mix of its substitutes' performance (its
    ``works_like`` group, which an added touchpoint ``similar_to`` it joins) for the share that moves
    (``move_share``) and the scale's worst rating for the
    rest (a lost service is a bad experience) — the expected rating, not the average of the two
    outcomes, which understates the loss where only part of the users move; an added one adds
    ``reach · (a + b · (p − c))`` of its similar touchpoint to ``η`` (the expected predictor: an
    approximation of the average over who would meet it), for all but the users of a closed touchpoint it
    stands in for (they are served by it through their rating there). The weakest-link term follows the new ratings.

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import Scenario, apply_changes, baseline, class_shares
    >>> hotel = load_sample("hotel"); b = baseline(hotel)
    >>> obs = class_shares(b.counts, np.zeros(len(b.segments)), b.outcome)
    >>> p = project_shares(fitted_model(hotel), b, apply_changes(hotel, Scenario("x")), obs)
    >>> bool(np.allclose(p.point[0], obs[0]))
    True
    """
    S, T0 = len(b.segments), len(b.touchpoints)
    R, D = len(model.y), model.eta_draws.shape[1] if bands else 1
    seg = model.segment
    d_eta, d_draws = np.zeros(R), np.zeros((R, D), dtype=np.float32)
    changed = state.removed_mask[:T0] | (np.abs(state.performance[:, :T0] - b.performance) > 1e-12).any(axis=0) \
        | (np.abs(state.reach[:, :T0] - b.reach) > 1e-12).any(axis=0)
    new_perf: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for t in np.flatnonzero(changed):   # (a touchpoint outside the model moves no η itself, but the weakest link)
        rows = np.flatnonzero(model.met[:, t])
        s, old = seg[rows], model.perf[rows, t]
        if state.removed_mask[t]:   # every user: the substitutes' performance, or the worst for a lost service
            new = state.performance[s, t]
        else:
            # the points asked for, per respondent within the scale, and any other change of the level (a mix
            # shift) beside them
            asked = state.shift[:, t] if state.shift is not None else np.zeros(S)
            other = (state.performance[:, t] - b.performance[:, t]) \
                - (np.clip(b.performance[:, t] + asked, state.low, state.high) - b.performance[:, t])
            new = np.clip(old + (asked + other)[s], state.low, state.high)
        step = new - old
        d_eta[rows] += model.perf_coef[s, t] * step
        if bands:
            d_draws[rows] += model.draws["perf_coef"][:, s, t].T * step[:, None]
        new_perf[t] = (rows, new)
    if new_perf and np.any(model.link_coef != 0):
        rows = np.unique(np.concatenate([r for r, _ in new_perf.values()]))
        where = np.full(R, -1)
        where[rows] = np.arange(len(rows))
        columns = {}
        for t, (r, new) in new_perf.items():
            column = np.full(len(rows), np.nan)
            column[where[r]] = new
            columns[t] = column
        step = shortfall_after(model, rows, columns) - model.shortfall[rows]
        d_eta[rows] += model.link_coef[seg[rows]] * step
        if bands:
            d_draws[rows] += model.draws["link_coef"][:, seg[rows]].T * step[:, None]
    point_coef = {"met_coef": model.met_coef, "perf_coef": model.perf_coef}
    for j in range(T0, len(state.tp)):
        if state.removed_mask[j]:   # added and closed again: nobody met it
            continue
        # the users of a closed touchpoint it stands in for are served by it already (their rating there)
        group = substitute_group(state.tp, j)
        closed = [t for t in np.flatnonzero(state.removed_mask[:T0]) if group and substitute_group(state.tp, t) == group]
        others = ~model.met[:, closed].any(axis=1) if closed else np.ones(R, dtype=bool)
        d_eta += _added_contribution(model, b, state, j, point_coef)[seg] * others
        if bands:
            d_draws += _added_contribution(model, b, state, j, model.draws)[:, seg].T * others[:, None]
    affected = np.flatnonzero((d_eta != 0) | (d_draws != 0).any(axis=1)) if bands else np.flatnonzero(d_eta != 0)

    total = np.maximum(np.bincount(seg, weights=model.weight, minlength=S), 1e-300)

    def change(eta: np.ndarray, step: np.ndarray, base: tuple, base_sums: tuple) -> list[np.ndarray]:
        """Per segment the weighted mean change of each respondent's shares: over the affected respondents,
        or, when most are, over everyone against the baseline's sums (no copies of the unaffected)."""
        if len(affected) > len(seg) // 2:
            after = class_probabilities(model, eta + step)
            return [(segment_sums(seg, model.weight, a, S) - b_) / total for a, b_ in zip(after, base_sums)]
        after = class_probabilities(model, eta[affected] + step[affected])
        return [segment_sums(seg[affected], model.weight[affected], a - b_[affected], S) / total
                for a, b_ in zip(after, base)]

    limits = ((0.0, 1.0), (0.0, 1.0), (float(model.scores[0]), float(model.scores[-1])))   # shares, the mean

    def within(figures) -> tuple:
        return tuple(np.clip(f, low, high) for f, (low, high) in zip(figures, limits))

    point = within(o + d for o, d in zip(observed, change(model.eta, d_eta, model.base, model.base_sums)))
    if not bands:
        return Projection(point=point, draws=tuple(p[None, :] for p in point))
    draws = within(o[None, :] + d for o, d in
                   zip(observed, change(model.eta_draws, d_draws, model.base_draws, model.base_draw_sums)))
    return Projection(point=point, draws=draws)


def model_fit(project: Project, *, pooling_sd: float = 0.5) -> pd.DataFrame:
    """How well the fitted outcome model describes the survey, per segment and for all segments.

    Parameters
    ----------
    project : the project (its model fitted once, :func:`fitted_model`).
    pooling_sd : as in :func:`fitted_model`.

    Returns
    -------
    One row per segment and ``all``: ``segment_id``, ``n``, ``pseudo_r2`` (McFadden's, against the
    segment's own answer shares), ``observed_positive``, ``predicted_positive``, ``observed_negative``,
    ``predicted_negative`` (in-sample shares), ``weakest_link`` (the segment's ``g``), and for ``all``
    the pooled ``weakest_link`` with ``weakest_link_low``/``weakest_link_high`` (95 %).

    >>> from tpkit.datasets import load_sample
    >>> fit = model_fit(load_sample("hotel")).set_index("segment_id")
    >>> bool(0.1 < fit.at["all", "pseudo_r2"] < 0.6)
    True
    """
    model = fitted_model(project, pooling_sd=pooling_sd)
    segments = baseline(project).segments
    S = len(segments)
    positive, negative, _ = model.base
    score = model.scores[model.y]
    cut_positive, cut_negative = thresholds(project.outcome)
    total = np.bincount(model.segment, weights=model.weight, minlength=S)

    def shares(values: np.ndarray) -> np.ndarray:
        per_segment = segment_sums(model.segment, model.weight, values, S)
        return np.append(np.divide(per_segment, total, out=np.full(S, np.nan), where=total > 0),
                         (model.weight @ values) / model.weight.sum())

    with np.errstate(invalid="ignore", divide="ignore"):   # a segment with one answer only: nothing to explain
        null = np.where(model.null_loglik < 0, model.null_loglik, np.nan)
        r2 = np.append(1 - model.segment_loglik / null, 1 - model.loglik / model.null_loglik.sum())
    return pd.DataFrame({
        "segment_id": [*segments, "all"], "n": np.append(np.bincount(model.segment, minlength=S), len(model.y)),
        "pseudo_r2": r2,
        "observed_positive": shares((score > cut_positive).astype(float)), "predicted_positive": shares(positive),
        "observed_negative": shares((score < cut_negative).astype(float)), "predicted_negative": shares(negative),
        "weakest_link": np.append(model.link_coef, np.nan),
        "weakest_link_low": [np.nan] * S + [model.link_interval[0]],
        "weakest_link_high": [np.nan] * S + [model.link_interval[1]],
    })


def predicted_eta(model: FittedModel, project: Project) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The model's linear predictor for the respondents of ``project`` (the same touchpoints and segments;
    e.g. held-out respondents): ``(eta, segment, weight)``, and their answers' class is not needed.

    >>> from tpkit.datasets import load_sample
    >>> hotel = load_sample("hotel"); m = fitted_model(hotel)
    >>> bool(np.allclose(predicted_eta(m, hotel)[0], m.eta))
    True
    """
    b = baseline(project)
    segment, weight, _, met, perf, _, resp = _respondent_data(project, b, centre=model.centre)
    loyalty, _ = _loyalty_columns(resp, project.loyalty_levels, used=model.loyalty_words)
    centred = np.where(met, perf - model.centre[None, :], 0.0)
    weakest = shortfall(met, perf, model.low, model.neutral)
    eta = model.intercept[segment] + loyalty @ model.loyalty_coef + (met * model.met_coef[segment]).sum(axis=1) \
        + (centred * model.perf_coef[segment]).sum(axis=1) + model.link_coef[segment] * weakest
    return eta, segment, weight


def cross_validated_calibration(project: Project, *, folds: int = 5, pooling_sd: float = 0.5,
                                seed: int = SEED) -> pd.DataFrame:
    """Predicted against observed class shares per segment, each respondent predicted by a model fitted
    without them (``folds``-fold cross-validation).

    Parameters
    ----------
    project : the project.
    folds : the number of parts the respondents are split into at random.
    pooling_sd : as in :func:`fitted_model`.
    seed : of the random split.

    Returns
    -------
    One row per segment and class (``positive``, ``negative``): ``segment_id``, ``class``, ``n``, ``observed``
    with ``observed_low``/``observed_high`` (Wilson, 95 %, at Kish's effective n), ``predicted`` (the mean
    held-out probability) and ``within`` (the prediction lies in the observed interval).

    >>> from tpkit.datasets import load_sample
    >>> cv = cross_validated_calibration(load_sample("hotel"), folds=2)
    >>> sorted(cv["class"].unique())
    ['negative', 'positive']
    """
    from ..stats import effective_n, wilson_interval

    if isinstance(folds, bool) or not isinstance(folds, int) or folds < 2:
        raise ModelError("folds_at_least_two", folds=folds)
    resp = project.respondents
    part = np.random.default_rng(seed).integers(0, folds, len(resp))
    segments = baseline(project).segments
    S = len(segments)
    sums = {"positive": np.zeros(S), "negative": np.zeros(S)}
    observed = {"positive": np.zeros(S), "negative": np.zeros(S)}
    total = np.zeros(S)
    weights_by_segment: list[list[np.ndarray]] = [[] for _ in range(S)]
    positive_cut, negative_cut = thresholds(project.outcome)
    for k in range(folds):
        test_ids = set(resp["respondent_id"][part == k])
        if not test_ids:
            continue
        held = resp["respondent_id"].isin(test_ids)
        train = dataclasses.replace(project, respondents=resp[~held],
                                    ratings=project.ratings[~project.ratings["respondent_id"].isin(test_ids)])
        test = dataclasses.replace(project, respondents=resp[held],
                                   ratings=project.ratings[project.ratings["respondent_id"].isin(test_ids)])
        model = _fit(train, pooling_sd)
        eta, segment, weight = predicted_eta(model, test)
        pos, neg, _ = class_probabilities(model, eta)
        answer = test.respondents["recommend"].to_numpy(dtype=float, na_value=np.nan)
        answer = answer[~np.isnan(answer) & test.respondents["segment_id"].isin(segments).to_numpy()]
        sums["positive"] += segment_sums(segment, weight, pos, S)
        sums["negative"] += segment_sums(segment, weight, neg, S)
        observed["positive"] += segment_sums(segment, weight, (answer > positive_cut).astype(float), S)
        observed["negative"] += segment_sums(segment, weight, (answer < negative_cut).astype(float), S)
        total += np.bincount(segment, weights=weight, minlength=S)
        for s in range(S):
            weights_by_segment[s].append(weight[segment == s])
    n_eff = np.array([effective_n(np.concatenate(w)) if w else 0.0 for w in weights_by_segment])
    rows = []
    for name in ("positive", "negative"):
        share = np.divide(observed[name], total, out=np.full(S, np.nan), where=total > 0)
        predicted = np.divide(sums[name], total, out=np.full(S, np.nan), where=total > 0)
        low, high = wilson_interval(share * n_eff, n_eff)
        rows.append(pd.DataFrame({"segment_id": segments, "class": name, "n": n_eff.round().astype(int),
                                  "observed": share, "observed_low": low, "observed_high": high,
                                  "predicted": predicted, "within": (predicted >= low) & (predicted <= high)}))
    return pd.concat(rows, ignore_index=True)


#: A failure that costs its own users at least this much of the headline figure is severe: 10 NPS points, 10
#: percentage points of a share positive, a tenth of a scale's span of its mean.
SEVERE = {"nps": 10.0, "binary": 0.10, "scale": 0.10}


def contact_severity(project: Project, *, pooling_sd: float = 0.5) -> pd.DataFrame:
    """What each touchpoint's failure costs the customers who meet it — per contact, beside the whole base —
    so that a touchpoint few meet but that hurts a lot (small things, big damage) is seen.

    Parameters
    ----------
    project : the project (its fitted model, :func:`fitted_model`).
    pooling_sd : as in :func:`fitted_model`.

    Returns
    -------
    One row per segment (and ``all``) and touchpoint in the model: ``segment_id``, ``touchpoint_id``, ``users``
    (respondents who met it), ``reach``, ``per_contact`` (the change of the headline figure among its users if it
    failed: every user's rating the scale's worst; NPS points, a share or the mean answer) with
    ``per_contact_low``/``per_contact_high`` (95 %, the model's draws), ``whole_base`` (``per_contact · reach``:
    the change for the segment), ``severe`` (the loss is clear and at least :data:`SEVERE`).

    >>> from tpkit.datasets import load_sample
    >>> sev = contact_severity(load_sample("hotel")).query("segment_id == 'business'").set_index("touchpoint_id")
    >>> bool(sev.at["complaints", "per_contact"] < sev.at["complaints", "whole_base"] < 0)
    True
    """
    cache = _SEVERITY.setdefault(project, {})   # target levels, closability and the document all ask
    if pooling_sd not in cache:
        cache[pooling_sd] = _contact_severity(project, pooling_sd)
    return cache[pooling_sd].copy()


_SEVERITY: "weakref.WeakKeyDictionary[Project, dict[float, pd.DataFrame]]" = weakref.WeakKeyDictionary()


def _contact_severity(project: Project, pooling_sd: float) -> pd.DataFrame:
    """:func:`contact_severity`, computed."""
    model = fitted_model(project, pooling_sd=pooling_sd)
    b = baseline(project)
    kind, S = project.outcome.kind, len(b.segments)
    observed = class_shares(b.counts, np.zeros(S), b.outcome)
    total = np.bincount(model.segment, weights=model.weight, minlength=S)
    names = list(b.segments) + ["all"]
    rows = []
    for t in np.flatnonzero(model.used):
        # the failure is the closure with nobody moving: every user's rating the worst (project_shares)
        touchpoint = b.touchpoints["touchpoint_id"].iat[t]
        failed = apply_changes(project, Scenario("failure", (RemoveTouchpoint(touchpoint, move_share=0.0),)))
        projection = project_shares(model, b, failed, observed)
        whole = _headline(kind, projection.point) - _headline(kind, observed)            # per segment
        whole_draws = _headline(kind, projection.draws) - _headline(kind, observed)[None, :]
        users = np.bincount(model.segment, weights=model.weight * model.met[:, t], minlength=S)
        counts = np.bincount(model.segment[model.met[:, t]], minlength=S)
        # all segments: the users' change, each segment's (its whole-base change times its weight) over all users
        per_contact = np.append(np.divide(whole, users / np.maximum(total, 1e-300), out=np.zeros(S), where=users > 0),
                                (whole * total).sum() / max(users.sum(), 1e-300))
        per_draw = np.column_stack([np.divide(whole_draws, users / np.maximum(total, 1e-300),
                                              out=np.zeros_like(whole_draws), where=users > 0),
                                    (whole_draws * total).sum(axis=1) / max(users.sum(), 1e-300)])
        reach = np.append(np.divide(users, total, out=np.zeros(S), where=total > 0), users.sum() / total.sum())
        low, high = np.quantile(per_draw, [0.025, 0.975], axis=0)
        for i in np.flatnonzero(np.append(counts, counts.sum()) > 0):
            rows.append({"segment_id": names[i], "touchpoint_id": touchpoint,
                         "users": int(np.append(counts, counts.sum())[i]), "reach": float(reach[i]),
                         "per_contact": float(per_contact[i]), "per_contact_low": float(min(low[i], per_contact[i])),
                         "per_contact_high": float(max(high[i], per_contact[i])),
                         "whole_base": float(per_contact[i] * reach[i])})
    out = pd.DataFrame(rows, columns=["segment_id", "touchpoint_id", "users", "reach", "per_contact",
                                      "per_contact_low", "per_contact_high", "whole_base"])
    threshold = SEVERE[kind] * (1 if kind != "scale" else (project.outcome.high - project.outcome.low))
    out["severe"] = out["per_contact_high"] <= -threshold
    return out


def _headline(kind: str, shares: tuple) -> np.ndarray:
    """The headline figure from positive share, negative share and mean answer: NPS points, the share
    positive or the mean."""
    if kind == "nps":
        return 100 * (shares[0] - shares[1])
    return shares[0] if kind == "binary" else shares[2]

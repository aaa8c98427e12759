"""What a model state means for customers: class shares, customers over the horizon, KPIs per segment
and in total, journey gaps and target-group clashes.

Example
-------
>>> pro, det, mean = class_shares(np.array([[0] * 9 + [1, 1.0]]), np.array([0.0]))
>>> float(pro[0]), float(det[0]), float(mean[0])
(1.0, 0.0, 9.5)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..network import referrals_per_year
from ..outcome import NPS_OUTCOME, OutcomeSpec, thresholds
from ..schema import PHASES
from .appliers import State
from .assumptions import SCORES
from .calibration import Baseline

#: The status of a phase for a segment, by the codes of :func:`gap_status`.
GAP_STATUS = ("ok", "indirect_only", "missing")
#: Metrics averaged over segments (weighted by customers) in the total; the others are summed.
MEAN_METRICS = ("experience_index", "recommend", "promoter_share", "detractor_share", "nps")


def class_shares(counts: np.ndarray, shift: np.ndarray, outcome: OutcomeSpec = NPS_OUTCOME
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positive (promoter) share, negative (detractor) share and mean answer after shifting every answer
    by ``shift``.

    Parameters
    ----------
    counts : segments × 11 respondents per answer 0–10 (every outcome's answers lie there).
    shift : per segment change of the expected answer.
    outcome : the project's outcome question (its classes: :func:`tpkit.outcome.thresholds`).

    Returns
    -------
    ``(positive_share, negative_share, mean)``, one value per segment.

    Notes
    -----
    Each whole answer ``k`` stands for the interval ``k ± 0.5``; shifted by ``δ`` it covers
    ``[k − 0.5 + δ, k + 0.5 + δ]``, and the part above the positive threshold (NPS 8.5, a 1–5 scale 3.5)
    counts as positive, the part below the negative one (6.5, 2.5) as negative. No shift gives the
    observed shares exactly; the mean is ``Σ counts · clip(k + δ, low, high) / n``. A yes/no answer (1/0)
    is a probability: the share positive moves by ``δ`` itself, ``clip(p + δ, 0, 1)`` (a linear
    probability model, which the coefficients calibrated on the 1/0 answers are).

    >>> pro, det, mean = class_shares(np.array([[0] * 8 + [1, 1, 0.0]]), np.array([0.5]))
    >>> float(pro[0]), float(det[0]), float(mean[0])
    (0.75, 0.0, 9.0)
    >>> pro, det, mean = class_shares(np.array([[4, 6] + [0.0] * 9]), np.array([-0.1]), OutcomeSpec("binary", 0, 1))
    >>> round(float(pro[0]), 3), round(float(det[0]), 3)
    (0.5, 0.5)
    """
    n = counts.sum(axis=1)
    if outcome.kind == "binary":
        with np.errstate(invalid="ignore", divide="ignore"):
            pro = np.clip(counts[:, 1] / n + shift, 0.0, 1.0)
        return pro, 1.0 - pro, pro
    positive, negative = thresholds(outcome)
    low_end, high_end = (0, 10) if outcome.kind == "nps" else (outcome.low, outcome.high)
    shift = shift[:, None]
    low = SCORES[None, :] - 0.5 + shift
    above_promoter = np.clip(low + 1.0 - positive, 0.0, 1.0)
    below_detractor = np.clip(negative - low, 0.0, 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        pro = (counts * above_promoter).sum(axis=1) / n
        det = (counts * below_detractor).sum(axis=1) / n
        mean = (counts * np.clip(SCORES[None, :] + shift, low_end, high_end)).sum(axis=1) / n
    return pro, det, mean


def customers_over_horizon(b: Baseline, params: dict[str, float], customers: np.ndarray, pro: np.ndarray,
                           det: np.ndarray, acquisition: np.ndarray,
                           paid_base: np.ndarray | None, conversion: np.ndarray | None = None) -> tuple[dict, np.ndarray]:
    """Month-by-month cohort recursion per segment.

    Parameters
    ----------
    b : the baseline (its segments' networks).
    params : the model parameters (:func:`~tpkit.scenario.assumptions.parameter_values`).
    customers : customers per segment at the start.
    pro, det : promoter and detractor shares per segment.
    acquisition : paid intake relative to the baseline's (the reach of pre-purchase touchpoints).
    paid_base : the baseline's monthly paid intake; None computes it as the intake that keeps the
        baseline steady.
    conversion : per segment, the factor on its network's promoter conversion (:func:`network_conversion`;
        None: 1).

    Returns
    -------
    ``(flows, paid_base)``: flows per segment ``customers`` (at the end), ``kept``, ``won`` (net of
    those put off), ``lost``, ``referrals``, ``lost_word_of_mouth``, ``fans``, and ``months``.

    Notes
    -----
    Per month: ``keep = Σ_class share · retention_class^(1/12)``; referrals ``n · pro · R/(1−R)/12 · room``
    and prospects put off ``n · det · R₋/(1−R₋)/12 · room`` with ``room = 1 − n / (customers · market_multiple)``;
    ``n ← n − n(1 − keep) + paid + referrals − put off``.

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import baseline, parameter_values, Scenario
    >>> b = baseline(load_sample("hotel"))
    >>> ones = np.ones(len(b.segments))
    >>> flows, _ = customers_over_horizon(b, parameter_values(Scenario("x")), b.customers, 0.5 * ones, 0.2 * ones,
    ...                                   ones, None)
    >>> bool(np.allclose(flows["customers"], b.customers))   # the baseline is a steady state
    True
    """
    months = int(params["horizon_months"])
    monthly = {k: params[f"retention_{k}"] ** (1 / 12) for k in ("promoter", "passive", "detractor")}
    keep_rate = pro * monthly["promoter"] + (1 - pro - det) * monthly["passive"] + det * monthly["detractor"]
    factor = np.ones(len(b.network)) if conversion is None else conversion
    per_promoter = np.array([referrals_per_year(params[f"{n}.promoter_contacts"], params[f"{n}.promoter_conversion"] * f)
                             for n, f in zip(b.network, factor)]) / 12
    per_detractor = np.array([referrals_per_year(params[f"{n}.detractor_contacts"],
                                                 params[f"{n}.detractor_conversion"]) for n in b.network]) / 12
    market = customers * params["market_multiple"]
    start = customers

    def flows(n):
        room = np.clip(1 - np.divide(n, market, out=np.ones_like(n), where=market > 0), 0, 1)
        return n * (1 - keep_rate), n * pro * per_promoter * room, n * det * per_detractor * room

    if paid_base is None:
        churn, ref, neg = flows(start)
        paid_base = np.maximum(churn + neg - ref, 0.0)
    paid = paid_base * acquisition
    n = start.copy()
    lost = won = referred = word = np.zeros_like(n)
    for _ in range(max(months, 0)):
        churn, ref, neg = flows(n)
        neg = np.minimum(neg, paid + ref)
        won = won + paid + ref
        referred = referred + ref
        lost = lost + churn
        word = word + neg
        n = np.maximum(n - churn + paid + ref - neg, 0.0)
    return {"customers": n, "kept": start - lost, "won": won - word, "lost": lost, "referrals": referred,
            "lost_word_of_mouth": word, "fans": n * pro, "months": months}, paid_base


def network_conversion(b: Baseline, state: State, params: dict[str, float]) -> np.ndarray:
    """Per segment, the factor on its network's promoter conversion after the scenario's changes.

    Notes
    -----
    ``max(1 + network_lift · Δ, 0)``, ``Δ`` the reach-weighted mean change of performance at the segment's
    loyalty-phase and brand touchpoints (a closed one counts with what its users get instead): what a
    promoter passes on is carried by the touchpoints that keep the relation and the brand alive, so
    measures there make the same recommendation convert better — a "Lovestorm" follows from a strategy.

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import ApplyMeasure, Scenario, apply_changes, baseline, parameter_values
    >>> hotel = load_sample("hotel"); b = baseline(hotel); params = parameter_values(Scenario("x"))
    >>> network_conversion(b, apply_changes(hotel, Scenario("x")), params).tolist()
    [1.0, 1.0, 1.0, 1.0, 1.0]
    >>> club = network_conversion(b, apply_changes(hotel, Scenario("x", (ApplyMeasure("M12"),))), params)
    >>> bool(club[b.segments.index("regulars")] > 1.0)
    True
    """
    T0 = b.reach.shape[1]
    tp = state.tp.iloc[:T0]
    carrying = ((tp["phase"] == "loyalty") | (tp["kind"] == "brand")).to_numpy()
    weight = b.reach[:, carrying]
    change = state.performance[:, :T0][:, carrying] - b.performance[:, carrying]
    total = weight.sum(axis=1)
    mean = np.divide((weight * change).sum(axis=1), total, out=np.zeros(len(total)), where=total > 0)
    return np.maximum(1.0 + params["network_lift"] * mean, 0.0)


def segment_values(b: Baseline, params: dict[str, float], name: str) -> np.ndarray:
    """Per segment value of ``name`` (``customers``, ``revenue_per_customer`` or ``margin``): the
    user's where set (``<name>:<segment_id>``), else the baseline's.

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import baseline
    >>> b = baseline(load_sample("hotel"))
    >>> float(segment_values(b, {"customers:business": 1.0}, "customers")[b.segments.index("business")])
    1.0
    """
    base = {"customers": b.customers, "revenue_per_customer": b.revenue, "margin": b.margin}[name]
    return np.array([params.get(f"{name}:{s}", base[i]) for i, s in enumerate(b.segments)])


def outcomes(b: Baseline, state: State, params: dict[str, float], paid_base: np.ndarray | None,
             shares: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
             ) -> tuple[dict[str, np.ndarray], np.ndarray, float]:
    """Every metric of :data:`~tpkit.scenario.assumptions.METRICS` per segment for a model state.

    Parameters
    ----------
    b : the baseline.
    state : the state after the scenario's changes.
    params : the model parameters.
    paid_base : the baseline's paid intake (None when computing the baseline itself).
    shares : the positive share, negative share and mean answer per segment from the fitted model
        (:func:`tpkit.scenario.fitted.project_shares`; ``(S,)`` arrays or ``(D, S)`` draws, which every
        figure then follows); None shifts the observed answers by the calibrated coefficients.

    Returns
    -------
    ``(values, paid_base, unallocated)``: metric → per segment array, the paid intake, and the cost of
    touchpoints nobody meets (it enters the total only).

    Notes
    -----
    The expected score moves by ``Σ_t b · (r · (p − m) − r₀ · (p₀ − m))`` (m the rating scale's midpoint);
    the experience index is ``100 · Σ_t |b| · r · (p − low) / (span · Σ_t |b₀| · r₀)`` (low and span of the
    rating scale); a touchpoint's cost is split over the segments
    in proportion to the customers who meet it; contribution is
    ``(customers at start + at end)/2 · revenue · margin · months/12``.
    """
    S = len(b.segments)
    T0 = b.reach.shape[1]
    contribution = state.coefficient * state.reach * (state.performance - b.scale.neutral)
    base_contribution = b.coefficient * b.reach * (b.performance - b.scale.neutral)
    visible = state.shown
    shift = contribution.sum(axis=1) - base_contribution.sum(axis=1)
    pro, det, mean = class_shares(b.counts, shift, b.outcome) if shares is None else shares
    weight = np.abs(b.coefficient) * b.reach
    denom = b.scale.span * weight.sum(axis=1)
    ei_weight = np.abs(state.coefficient) * np.maximum(state.reach, 0)
    experience = 100 * np.divide((ei_weight * (state.performance - b.scale.low)).sum(axis=1), denom,
                                 out=np.zeros(S), where=denom > 0)
    customers = segment_values(b, params, "customers")
    revenue = segment_values(b, params, "revenue_per_customer")
    margin = segment_values(b, params, "margin")
    pre = (state.tp["phase"].to_numpy() == "pre_purchase")
    base_pre = b.reach[:, pre[:T0]].sum(axis=1)
    acquisition = np.divide(visible[:, pre].sum(axis=1), base_pre, out=np.ones(S), where=base_pre > 0)
    flows, paid_base = customers_over_horizon(b, params, customers, pro, det, acquisition, paid_base,
                                              network_conversion(b, state, params))
    users = visible * customers[:, None]
    total_users = users.sum(axis=0)
    alloc = np.divide(users, total_users, out=np.zeros_like(users), where=total_users > 0)
    tp_cost = (alloc * state.cost[None, :]).sum(axis=1)
    unallocated = state.cost[total_users == 0].sum()
    avg_customers = (customers + flows["customers"]) / 2
    values = {
        "experience_index": experience, "recommend": mean, "promoter_share": pro, "detractor_share": det,
        "nps": 100 * (pro - det), "touchpoint_cost": tp_cost,
        "measure_cost": state.measure_cost * np.divide(customers, customers.sum(), out=np.zeros(S),
                                                       where=customers.sum() > 0),
        "contribution": avg_customers * revenue * margin * flows["months"] / 12,
        **{k: flows[k] for k in ("customers", "kept", "won", "lost", "referrals", "lost_word_of_mouth", "fans")},
    }
    return values, paid_base, unallocated


def totals(values: dict[str, np.ndarray], weights: np.ndarray, unallocated: float, measure_cost: float) -> dict:
    """The total over segments of every metric.

    Parameters
    ----------
    values : metric → per segment array (from :func:`outcomes`; ``(D, S)`` draws give ``(D,)`` totals).
    weights : customers per segment.
    unallocated : cost of touchpoints nobody meets.
    measure_cost : the one-off cost of the scenario's measures.

    Returns
    -------
    metric → total.

    Notes
    -----
    :data:`MEAN_METRICS` are averaged with weights ``customers / Σ customers`` (equal weights when there
    are no customers); the others are summed; a segment without the figure (no answers: NaN) is left out;
    touchpoint cost adds ``unallocated``.

    >>> totals({"nps": np.array([10.0, 30.0]), "touchpoint_cost": np.array([1.0, 2.0]),
    ...         "measure_cost": np.zeros(2)}, np.array([1.0, 3.0]), 5.0, 7.0)
    {'nps': 25.0, 'touchpoint_cost': 8.0, 'measure_cost': 7.0}
    """
    out = {}
    for k, v in values.items():   # (D, S) draws give D totals; a segment without a figure (no answers) is left out
        v = np.asarray(v, dtype=float)
        known = ~np.isnan(v)
        if k in MEAN_METRICS:
            w = np.where(known, weights, 0.0) if weights.sum() > 0 else known.astype(float)
            total = np.divide((np.where(known, v, 0.0) * w).sum(axis=-1), w.sum(axis=-1),
                              out=np.full(np.shape(w.sum(axis=-1)), np.nan), where=w.sum(axis=-1) > 0)
        else:
            total = np.where(known, v, 0.0).sum(axis=-1)
        out[k] = float(total) if np.ndim(total) == 0 else total
    out["touchpoint_cost"] += unallocated
    out["measure_cost"] = measure_cost
    return out


def gap_status(tp: pd.DataFrame, member: np.ndarray) -> np.ndarray:
    """Segments × phases: 0 a direct touchpoint, 1 indirect ones only, 2 none (see :data:`GAP_STATUS`).

    >>> tp = pd.DataFrame({"phase": ["purchase", "usage"], "contact": ["direct", "indirect"]})
    >>> gap_status(tp, np.array([[True, True]])).tolist()
    [[2, 0, 1, 2]]
    """
    phase = tp["phase"].to_numpy()
    direct = tp["contact"].to_numpy() == "direct"
    status = np.zeros((member.shape[0], len(PHASES)), dtype=int)
    for k, p in enumerate(PHASES):
        in_phase = member & (phase == p)[None, :]
        has_direct = (in_phase & direct[None, :]).any(axis=1)
        status[:, k] = np.where(has_direct, 0, np.where(in_phase.any(axis=1), 1, 2))
    return status


def clashes(b: Baseline, state: State, base: dict, scen: dict,
            params: dict[str, float]) -> tuple[np.ndarray, pd.DataFrame]:
    """Segments pushed away by a growing segment they dislike meeting (``segment_fit`` < 0), and won back
    when such a segment shrinks.

    Parameters
    ----------
    b : the baseline (its fit matrix and segments).
    state : the scenario's state (who meets which touchpoints).
    base, scen : metric → per segment values of the baseline and the scenario.
    params : the model parameters (``fit_elasticity``).

    Returns
    -------
    ``(loss, table)``: customers lost per segment (negative: won back), and one row per clash: ``growing``
    (the segment that grows or shrinks), ``segment_id`` (the segment that dislikes it), ``fit``, ``shared``
    (share of its contacts at touchpoints the other segment meets), ``growth`` (negative when it shrinks),
    ``customers_lost`` (negative: won back), ``wanted``.

    Notes
    -----
    ``lost = customers_v · (−fit/2) · fit_elasticity · shared · growth_a / (customers_a + customers_v)``, at most
    the segment's customers; the same formula with a negative growth gives the customers a shrinking
    segment no longer drives away (the graceful exit of a disliked segment credits the desired ones), at
    most those the disliked segment would have cost at the baseline.
    """
    growth = scen["customers"] - base["customers"]
    S = len(b.segments)
    loss = np.zeros(S)
    rows = []
    meets = state.shown > 0
    for a in np.flatnonzero(growth != 0):
        for v in range(S):
            f = b.fit[v, a]
            if v == a or f >= 0:
                continue
            total_v = state.shown[v].sum()
            shared = float((state.shown[v] * meets[a]).sum() / total_v) if total_v > 0 else 0.0
            if shared <= 0:
                continue
            pool = base["customers"][a] + base["customers"][v]
            a_share = growth[a] / pool if pool > 0 else 0.0
            lost = scen["customers"][v] * (-f / 2) * params["fit_elasticity"] * shared * a_share
            lost = min(lost, scen["customers"][v]) if lost > 0 else max(lost, -base["customers"][v])
            loss[v] += lost
            rows.append({"growing": b.segments[a], "segment_id": b.segments[v], "fit": f, "shared": shared,
                         "growth": float(growth[a]), "customers_lost": float(lost),
                         "wanted": bool(b.wanted[v])})
    frame = pd.DataFrame(rows, columns=["growing", "segment_id", "fit", "shared", "growth", "customers_lost",
                                        "wanted"])
    return loss, frame

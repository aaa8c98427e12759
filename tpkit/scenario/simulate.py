"""A scenario against the baseline: :func:`simulate` gives its tidy tables, :func:`compare` stacks several.

Example
-------
>>> from tpkit.datasets import load_sample
>>> from tpkit.scenario import RemoveTouchpoint, Scenario
>>> simulate(load_sample("hotel"), Scenario("x", (RemoveTouchpoint("bar"),))).value("touchpoint_cost", column="delta")
-160000.0
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import ModelError, check_choice, check_segment
from ..io import Project
from ..schema import PHASES
from ..stats import MIN_N, nps_interval, t_critical, wilson_interval
from .appliers import apply_changes
from .assumptions import METRICS, TOTAL, parameter_values
from .calibration import baseline
from .changes import Scenario
from .fitted import FittedModel, fitted_model, project_shares
from .outcomes import (GAP_STATUS, class_shares, clashes, gap_status, network_conversion, outcomes, segment_values,
                       totals)

#: Half the last digit each figure is shown with (NPS and the experience index one decimal, shares in percent
#: with one, the mean answer two); counts and money whole: a change is ``clear`` only beyond it.
SHOWN_PRECISION = {"nps": 0.05, "experience_index": 0.05, "promoter_share": 0.0005, "detractor_share": 0.0005,
                   "recommend": 0.005}

#: The columns of a KPI table.
KPI_COLUMNS = ("segment_id", "metric", "baseline", "scenario", "delta", "scenario_low", "scenario_high",
               "delta_low", "delta_high", "clear", "n", "small")


@dataclass(frozen=True)
class Simulation:
    """What :func:`simulate` returns: tidy frames.

    ``kpis``: one row per segment × metric: ``segment_id`` (:data:`TOTAL`, ``"all"``, for all segments
    together), ``metric``, ``baseline``, ``scenario``, ``delta``, ``scenario_low``, ``scenario_high``
    (the projected figure's interval), ``delta_low``, ``delta_high`` (the model's 95 % interval of the
    change), ``clear`` (that interval excludes zero at the precision shown), ``n``, ``small`` (see
    :func:`simulate`). ``gaps``: the journey gaps the scenario opens. ``clashes``: segments
    pushed away by a growing segment they dislike. ``touchpoints``: per touchpoint cost and reach, before
    and after. ``notes``: assumptions the scenario rests on, as i18n keys with parameters. ``network``: the
    network's part of the effect (see :func:`network_effect`; empty when the scenario does not move any
    segment's word of mouth).
    """

    scenario: Scenario
    kpis: pd.DataFrame
    gaps: pd.DataFrame
    clashes: pd.DataFrame
    touchpoints: pd.DataFrame
    notes: tuple[tuple[str, dict], ...]
    network: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=NETWORK_COLUMNS))

    def value(self, metric: str, *, segment: str | None = None, column: str = "scenario") -> float:
        """One number of the KPI table.

        Parameters
        ----------
        metric : one of :data:`~tpkit.scenario.assumptions.METRICS`.
        segment : a segment's id, or None for all segments together.
        column : ``baseline``, ``scenario``, ``delta``, ``scenario_low``, ``scenario_high``, ``delta_low`` or
            ``delta_high``.

        Returns
        -------
        The number; a :class:`~tpkit.errors.ModelError` (with a did-you-mean) for an unknown metric,
        segment or column.

        >>> from tpkit.datasets import load_sample
        >>> round(simulate(load_sample("hotel"), Scenario("x")).value("nps", segment="business", column="delta"), 6)
        0.0
        """
        check_choice("metric", metric, METRICS)
        check_choice("column", column, KPI_COLUMNS[2:9])
        label = TOTAL if segment is None else segment
        rows = self.kpis[self.kpis["metric"] == metric]
        check_choice("segment", label, rows["segment_id"].tolist())
        return float(rows.loc[rows["segment_id"] == label, column].iloc[0])


_BASE_RESULTS: "weakref.WeakKeyDictionary[Project, dict]" = weakref.WeakKeyDictionary()


def _baseline_outcomes(project: Project,
                       params: dict[str, float]) -> tuple[dict[str, np.ndarray], np.ndarray, float, np.ndarray]:
    """The baseline's outcomes, paid intake, unallocated cost and gap status (cached per project and parameters)."""
    key = tuple(sorted(params.items()))
    cache = _BASE_RESULTS.setdefault(project, {})
    if key not in cache:
        b = baseline(project)
        state = apply_changes(project, Scenario("baseline"))
        values, paid_base, unallocated = outcomes(b, state, params, None)
        if len(cache) > 32:
            cache.clear()
        cache[key] = (values, paid_base, unallocated, gap_status(b.touchpoints, b.member))
    return cache[key]


def simulate(project: Project, scenario: Scenario, *, min_n: int = MIN_N, bands: bool = True) -> Simulation:
    """Project the scenario against the baseline, per segment and in total.

    Parameters
    ----------
    project : the project (calibrated once, see :func:`~tpkit.scenario.calibration.baseline`).
    scenario : the changes and the parameters the user set.
    min_n : segments with fewer respondents are flagged ``small``.
    bands : the model's intervals of every change (False: the point figures alone, faster; the change's
        interval is then the change itself and ``clear`` says only whether anything changed).

    Returns
    -------
    A :class:`Simulation`. ``kpis`` columns: ``segment_id`` (:data:`TOTAL` for all segments),
    ``metric``, ``baseline``, ``scenario``, ``delta``, ``scenario_low``, ``scenario_high``, ``n``,
    ``small``. ``gaps``: ``segment_id``, ``phase``, ``before``, ``after`` (``ok``, ``indirect_only``,
    ``missing``), ``customers``, ``wanted``. ``clashes``: see :func:`~tpkit.scenario.outcomes.clashes`.
    ``touchpoints``: ``touchpoint_id``, ``phase``, ``channel``, ``status`` (``kept``, ``removed``,
    ``added``), ``cost_before``, ``cost_after``, ``reach_before``, ``reach_after`` (customer-weighted).

    Notes
    -----
    The change's interval (``delta_low``, ``delta_high``) is the 2.5 and 97.5 % quantiles of the change
    over the fitted model's draws (:mod:`tpkit.scenario.fitted`; the baseline is the same survey, so its
    sampling error cancels in the change); a change whose interval reaches zero — at the precision the figure
    is shown with (:data:`SHOWN_PRECISION`) — is not ``clear``. The
    projected figure's interval (``scenario_low``, ``scenario_high``) adds the survey's sampling
    uncertainty: :func:`tpkit.stats.nps_interval` at 95 % on the projected class shares times the
    segment's respondents (Kish's effective number with survey weights), the shares' intervals Wilson's
    and the mean answer's a t-interval with the survey's spread of answers, each side's half-width
    combined with the change's in quadrature; figures without a sampling interval (customers, money) get
    the change's interval around the projection. The model's formulas are in :mod:`tpkit.scenario`. For a
    yes/no or scale outcome the promoter and detractor shares are its positive and negative answers
    (:func:`tpkit.outcome.outcome_classes`), ``recommend`` its mean answer and ``nps`` their difference.

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import AddTouchpoint
    >>> s = simulate(load_sample("hotel"), Scenario("app", (AddTouchpoint("app", "App", "purchase", "online",
    ...     annual_cost=40000, performance=4.5, reach=0.4, similar_to="checkin_desk"),)))
    >>> s.value("nps", segment="business", column="delta") > 0
    True
    """
    b = baseline(project)
    for name, _ in scenario.parameters:
        if ":" in name:
            check_segment(project, name.partition(":")[2])
    params = parameter_values(scenario)
    base_values, paid_base, base_unallocated, base_gaps = _baseline_outcomes(project, params)
    state = apply_changes(project, scenario)
    model = _fitted(project, params, state)
    if model is not None:
        observed = class_shares(b.counts, np.zeros(len(b.segments)), b.outcome)
        projection = project_shares(model, b, state, observed, bands=bands)
        in_model = dict(zip(b.touchpoints["touchpoint_id"], model.used))
        for added, similar in state.borrowed.items():   # borrowed from a touchpoint the survey says nothing of
            if similar is not None and not in_model.get(similar, True):
                state.notes.append(("note.similar_no_data", {"touchpoint": added, "similar": similar}))
        values, _, unallocated = outcomes(b, state, params, paid_base, shares=projection.point)
        drawn = outcomes(b, state, params, paid_base, shares=projection.draws)[0] if bands else values
    else:
        values, _, unallocated = outcomes(b, state, params, paid_base)
        drawn = values
    loss, clash_table = clashes(b, state, base_values, values, params)
    without_network = None
    if np.any(network_conversion(b, state, params) != 1.0):   # the same, with the network's conversion unchanged
        without_network = outcomes(b, state, dict(params, network_lift=0.0), paid_base,
                                   shares=projection.point if model is not None else None)[0]
        without_network = _with_clash_loss(without_network, loss) if loss.any() else without_network
    if loss.any():
        drawn = _with_clash_loss(drawn, _drawn_clash_loss(b, clash_table, base_values, values, drawn))
        values = _with_clash_loss(values, loss)
    weights = segment_values(b, params, "customers")
    base_total = totals(base_values, weights, base_unallocated, 0.0)
    scen_total = totals(values, weights, unallocated, state.measure_cost)
    drawn_total = totals(drawn, weights, unallocated, state.measure_cost)

    segment_ids = list(b.segments) + [TOTAL]
    n_all = np.append(b.n, b.n.sum())
    base = np.concatenate([np.append(base_values[m], base_total[m]) for m in METRICS])
    scen = np.concatenate([np.append(values[m], scen_total[m]) for m in METRICS])
    n_draws = max(np.atleast_2d(drawn[m]).shape[0] for m in METRICS)
    draws = np.hstack([np.column_stack([np.broadcast_to(np.atleast_2d(drawn[m]), (n_draws, len(b.segments))),
                                        np.broadcast_to(np.reshape(drawn_total[m], (-1, 1)), (n_draws, 1))])
                       for m in METRICS]) - base[None, :]
    delta = scen - base
    low, high = np.quantile(draws, [0.025, 0.975], axis=0) if n_draws > 1 else (delta, delta)
    kpis = pd.DataFrame({"segment_id": np.tile(np.array(segment_ids, dtype=object), len(METRICS)),
                         "metric": np.repeat(np.array(METRICS, dtype=object), len(segment_ids)),
                         "baseline": base, "scenario": scen, "n": np.tile(n_all, len(METRICS)),
                         "delta_low": np.minimum(low, delta), "delta_high": np.maximum(high, delta)})
    kpis["delta"] = kpis["scenario"] - kpis["baseline"]
    # clear: the interval excludes zero at the precision the figure is shown with (a lower end of +0.001 NPS
    # points is no effect anyone can see)
    tolerance = kpis["metric"].map(SHOWN_PRECISION).fillna(0.5).to_numpy()
    kpis["clear"] = (kpis["delta_low"] >= tolerance) | (kpis["delta_high"] <= -tolerance)
    kpis["scenario_low"] = np.nan
    kpis["scenario_high"] = np.nan
    pro = np.append(values["promoter_share"], scen_total["promoter_share"])
    det = np.append(values["detractor_share"], scen_total["detractor_share"])
    eff = np.append(b.n_eff if b.n_eff is not None else b.n, b.n_eff_total if b.n_eff is not None else b.n.sum())
    low, high = nps_interval(pro * eff, det * eff, eff, confidence=0.95)
    is_nps = kpis["metric"].to_numpy() == "nps"
    kpis.loc[is_nps, "scenario_low"] = low
    kpis.loc[is_nps, "scenario_high"] = high
    for metric, share in (("promoter_share", pro), ("detractor_share", det)):   # the share positive of a yes/no …
        rows = kpis["metric"].to_numpy() == metric
        kpis.loc[rows, "scenario_low"], kpis.loc[rows, "scenario_high"] = wilson_interval(share * eff, eff)
    rows = kpis["metric"].to_numpy() == "recommend"     # the mean answer: its spread in the survey, at n_eff
    half = t_critical(np.maximum(n_all - 1, 1), confidence=0.95) * np.sqrt(answer_variance(b) / np.maximum(eff, 1e-12))
    mean = kpis.loc[rows, "scenario"].to_numpy()
    kpis.loc[rows, "scenario_low"], kpis.loc[rows, "scenario_high"] = mean - half, mean + half
    # the projected figure's interval: the survey's sampling interval and the model's band of the change,
    # their half-widths combined in quadrature; figures without a sampling interval get the model's band
    scen, delta = kpis["scenario"].to_numpy(), kpis["delta"].to_numpy()
    sampled = kpis["scenario_low"].notna().to_numpy()
    below = np.hypot(np.where(sampled, scen - kpis["scenario_low"], 0.0), delta - kpis["delta_low"])
    above = np.hypot(np.where(sampled, kpis["scenario_high"] - scen, 0.0), kpis["delta_high"] - delta)
    # an interval never reaches past what the figure can be
    low_end, high_end = (0, 10) if b.outcome.kind == "nps" else (b.outcome.low, b.outcome.high)
    limits = {"promoter_share": (0.0, 1.0), "detractor_share": (0.0, 1.0), "nps": (-100.0, 100.0),
              "recommend": (low_end, high_end)}
    metric = kpis["metric"].to_numpy()
    lowest = np.array([limits.get(m, (-np.inf, np.inf))[0] for m in metric], dtype=float)
    highest = np.array([limits.get(m, (-np.inf, np.inf))[1] for m in metric], dtype=float)
    kpis["scenario_low"] = np.clip(scen - below.to_numpy(), lowest, highest)
    kpis["scenario_high"] = np.clip(scen + above.to_numpy(), lowest, highest)
    kpis["small"] = kpis["n"] < min_n
    kpis["n"] = kpis["n"].astype(int)
    kpis = kpis[list(KPI_COLUMNS)]

    status = gap_status(state.tp, state.member)
    opened = np.argwhere(status > base_gaps)
    gaps = pd.DataFrame({
        "segment_id": [b.segments[i] for i, _ in opened], "phase": [PHASES[k] for _, k in opened],
        "before": [GAP_STATUS[base_gaps[i, k]] for i, k in opened],
        "after": [GAP_STATUS[status[i, k]] for i, k in opened],
        "customers": [float(b.customers[i]) for i, _ in opened],
        "wanted": [bool(b.wanted[i]) for i, _ in opened],
    })
    T0 = len(b.touchpoints)
    base_cost = np.append(b.touchpoints["annual_cost"].to_numpy(dtype=float, na_value=0.0),
                          np.zeros(len(state.tp) - T0))
    base_reach = np.column_stack([b.reach, np.zeros((len(b.segments), len(state.tp) - T0))])
    weights_reach = weights / weights.sum() if weights.sum() > 0 else weights
    touchpoints = pd.DataFrame({
        "touchpoint_id": state.tp["touchpoint_id"].to_numpy(), "phase": state.tp["phase"].to_numpy(),
        "channel": state.tp["channel"].to_numpy(),
        "status": np.where(state.tp["touchpoint_id"].isin(state.removed), "removed",
                           np.where(np.arange(len(state.tp)) >= T0, "added", "kept")),
        "cost_before": base_cost, "cost_after": state.cost,
        "reach_before": weights_reach @ base_reach, "reach_after": weights_reach @ state.shown,
    })
    notes = tuple(state.notes) + tuple(
        ("note.clash", {"growing": r.growing, "segment": r.segment_id, "lost": r.customers_lost})
        if r.customers_lost > 0 else
        ("note.clash_relief", {"shrinking": r.growing, "segment": r.segment_id, "won": -r.customers_lost})
        for r in clash_table.itertuples())
    network = pd.DataFrame(columns=NETWORK_COLUMNS)
    if without_network is not None:
        rows = []
        for m in NETWORK_METRICS:
            # (a segment without answers has no figure: the total is over those that have one, as the kpis')
            with_ = np.append(values[m], np.nansum(values[m])) - np.append(base_values[m], np.nansum(base_values[m]))
            without = np.append(without_network[m], np.nansum(without_network[m])) - np.append(
                base_values[m], np.nansum(base_values[m]))
            rows.append(pd.DataFrame({"segment_id": segment_ids, "metric": m, "with_network": with_,
                                      "without_network": without, "network_effect": with_ - without}))
        network = pd.concat(rows, ignore_index=True)
    return Simulation(scenario, kpis, gaps, clash_table, touchpoints, notes, network)


def _fitted(project: Project, params: dict[str, float], state) -> FittedModel | None:
    """The fitted outcome model, or None for the calibrated one (``fitted_model`` 0, or a project it
    cannot be fitted to: then the state notes why)."""
    if params["fitted_model"] < 0.5:
        state.notes.append(("note.calibrated_model", {}))
        return None
    try:
        return fitted_model(project, pooling_sd=params["pooling_sd"])
    except ModelError as err:
        state.notes.append(("note.model_not_fitted", {"reason": str(err)}))
        return None


def _drawn_clash_loss(b, table: pd.DataFrame, base: dict, point: dict, drawn: dict) -> np.ndarray:
    """The customers each segment loses to clashes in every draw (negative: wins back): each clash's loss is
    proportional to the other segment's growth, with its sign, and to the customers of the one pushed away
    (:func:`~tpkit.scenario.outcomes.clashes`), so it scales with both; capped as there."""
    customers = np.atleast_2d(drawn["customers"])
    growth = customers - base["customers"][None, :]
    loss = np.zeros_like(customers)
    index = {s: i for i, s in enumerate(b.segments)}
    for row in table.itertuples():
        a, v = index[row.growing], index[row.segment_id]
        point_growth = point["customers"][a] - base["customers"][a]
        # signed: a draw in which the segment shrinks where the point has it grow returns customers instead
        scale = growth[:, a] / point_growth * customers[:, v] / max(point["customers"][v], 1e-12)
        loss[:, v] += row.customers_lost * scale
    return np.clip(loss, -base["customers"][None, :], customers)


def _with_clash_loss(values: dict[str, np.ndarray], loss: np.ndarray) -> dict[str, np.ndarray]:
    """The outcomes after the customers lost to target-group clashes."""
    values = dict(values)
    values["customers"] = values["customers"] - loss
    values["lost"] = values["lost"] + np.clip(loss, 0, None)      # pushed away
    values["won"] = values["won"] + np.clip(-loss, 0, None)       # no longer pushed away: won back
    values["fans"] = values["customers"] * values["promoter_share"]
    return values


def compare(project: Project, scenarios: list[Scenario], *, min_n: int = MIN_N) -> pd.DataFrame:
    """The KPI tables of several scenarios stacked.

    Parameters
    ----------
    project : the project.
    scenarios : the scenarios, in the order of the table.
    min_n : as in :func:`simulate`.

    Returns
    -------
    ``name`` (the scenario's) followed by the columns of :attr:`Simulation.kpis`.

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import RemoveTouchpoint
    >>> hotel = load_sample("hotel")
    >>> table = compare(hotel, [Scenario("a"), Scenario("b", (RemoveTouchpoint("bar"),))])
    >>> sorted(table["name"].unique())
    ['a', 'b']
    """
    if not scenarios:
        return pd.DataFrame(columns=["name", *KPI_COLUMNS])
    frames = [simulate(project, s, min_n=min_n).kpis.assign(name=s.name) for s in scenarios]
    out = pd.concat(frames, ignore_index=True)
    return out[["name", *KPI_COLUMNS]]


#: The figures whose network part :func:`network_effect` gives, and its columns.
NETWORK_METRICS = ("referrals", "won", "customers")
NETWORK_COLUMNS = ("segment_id", "metric", "with_network", "without_network", "network_effect")


def network_effect(project: Project, scenario: Scenario, *, min_n: int = MIN_N) -> pd.DataFrame:
    """The network's part of a scenario's effect: what its changes at loyalty and brand touchpoints do to the
    word of mouth (:func:`tpkit.scenario.outcomes.network_conversion`), on their own.

    Returns
    -------
    One row per segment and :data:`TOTAL` for ``referrals``, ``won`` and ``customers``: ``segment_id``,
    ``metric``, ``with_network`` and ``without_network`` (the change against the baseline with and without
    the network's conversion change, ``network_lift`` = 0), ``network_effect`` (their difference).

    Notes
    -----
    The network's conversion change is an assumption (``network_lift``); the difference carries the model's
    uncertainty of the promoters only, so it is given as a point figure.

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import ApplyMeasure
    >>> effect = network_effect(load_sample("hotel"), Scenario("club", (ApplyMeasure("M12"),)))
    >>> row = effect.query("segment_id == 'regulars' and metric == 'referrals'").iloc[0]
    >>> bool(row["network_effect"] > 0)
    True
    """
    result = simulate(project, scenario, min_n=min_n, bands=False)
    if len(result.network):
        return result.network.copy()
    kpis = result.kpis[result.kpis["metric"].isin(NETWORK_METRICS)]
    return pd.DataFrame({"segment_id": kpis["segment_id"].to_numpy(), "metric": kpis["metric"].to_numpy(),
                         "with_network": kpis["delta"].to_numpy(), "without_network": kpis["delta"].to_numpy(),
                         "network_effect": 0.0})


def answer_variance(b) -> np.ndarray:
    """The variance of the outcome's answers per segment and, last, over all segments (from the
    baseline's counts per answer 0–10; weighted counts where the survey has weights).

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import baseline
    >>> bool((answer_variance(baseline(load_sample("hotel"))) > 0).all())
    True
    """
    counts = np.vstack([b.counts, b.counts.sum(axis=0)])
    n = counts.sum(axis=1)
    scores = np.arange(counts.shape[1], dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = counts @ scores / n
        return (counts * (scores[None, :] - mean[:, None]) ** 2).sum(axis=1) / np.maximum(n - 1, 1)

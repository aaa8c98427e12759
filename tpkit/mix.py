"""Question 5 of the method: the best online–offline touchpoint mix for our customers.

Each segment's channel preference per phase comes from the survey — how many of its customers met an online
and how many an offline direct touchpoint of the phase (:func:`channel_preferences`). :func:`best_mix`
then searches, per phase and segment, the share of contacts to move online (or offline) that does most for
the desired segments, never moving a segment further than its preference allows, and puts the best shifts
together into one scenario with its effect, its interval and its cost.

Example
-------
>>> from tpkit.datasets import load_sample
>>> prefs = channel_preferences(load_sample("hotel"))
>>> list(prefs.columns[:4])
['segment_id', 'phase', 'n', 'online_reach']
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .codes import answer_weights, rating_codes
from .errors import check_choice
from .io import Project
from .optimize import LEVEL_OBJECTIVES, OBJECTIVES, objective_value
from .scenario import TOTAL, Scenario, ShiftMix, Simulation, headline_metric, parameter_values, simulate
from .schema import PHASES
from .stats import MIN_N, wilson_interval
from .strategy import focus_segments

#: The shares of a phase's contacts the search tries (each up to the segment's preference).
MIX_SHARES = (0.1, 0.25, 0.5, 0.75, 1.0)
#: The smallest effect a shift must have to be chosen: half a customer (or euro), or 0.05 of a level.
SMALLEST_COUNT, SMALLEST_LEVEL = 0.5, 0.05
#: An objective beside :data:`tpkit.optimize.OBJECTIVES`: the desired segments' contribution less the
#: touchpoints' cost over the horizon (``customers`` where the project gives no revenue).
NET = "net"


def channel_preferences(project: Project, *, min_n: int = MIN_N, confidence: float = 0.95) -> pd.DataFrame:
    """Per segment and phase, how many customers met an online and an offline direct touchpoint there.

    Returns
    -------
    One row per segment and phase with direct touchpoints of both channels for the segment:
    ``segment_id``, ``phase``, ``n`` (the segment's respondents), ``online_reach``, ``online_reach_low``,
    ``online_reach_high``, ``offline_reach`` and its interval (Wilson at Kish's effective n), ``preference``
    (``online_reach / (online_reach + offline_reach)``: 1 all online, 0 all offline), ``small``.

    >>> from tpkit.datasets import load_sample
    >>> row = channel_preferences(load_sample("hotel")).query("segment_id == 'business' and phase == 'usage'").iloc[0]
    >>> bool(0 < row["preference"] < 1)
    True
    """
    codes = rating_codes(project)
    resp, tp = project.respondents, project.touchpoints
    weights = answer_weights(resp)
    w = np.ones(len(resp)) if weights is None else np.nan_to_num(weights)
    direct = (tp["contact"] == "direct").to_numpy()
    met: dict[tuple[str, str], np.ndarray] = {}    # per phase and channel: who met a direct touchpoint of it
    for phase in PHASES:
        for channel in ("online", "offline"):
            columns = np.flatnonzero(direct & (tp["phase"] == phase).to_numpy() & (tp["channel"] == channel).to_numpy())
            if len(columns):
                who = np.zeros(len(resp), dtype=bool)
                who[codes.respondent[np.isin(codes.touchpoint, columns) & (codes.respondent >= 0)]] = True
                met[phase, channel] = who
    rows = []
    for s in project.segments["segment_id"]:
        people = (resp["segment_id"] == s).to_numpy(bool)
        total, squares = w[people].sum(), (w[people] ** 2).sum()
        n_eff = total**2 / squares if squares > 0 else 0.0
        for phase in PHASES:
            if (phase, "online") not in met or (phase, "offline") not in met:
                continue
            on, off = (w[people & met[phase, channel]].sum() / total if total > 0 else np.nan
                       for channel in ("online", "offline"))
            on_low, on_high = wilson_interval(on * n_eff, n_eff, confidence=confidence)
            off_low, off_high = wilson_interval(off * n_eff, n_eff, confidence=confidence)
            rows.append({"segment_id": s, "phase": phase, "n": int(people.sum()), "online_reach": on,
                         "online_reach_low": float(on_low), "online_reach_high": float(on_high), "offline_reach": off,
                         "offline_reach_low": float(off_low), "offline_reach_high": float(off_high),
                         "preference": on / (on + off) if on + off > 0 else np.nan, "small": int(people.sum()) < min_n})
    return pd.DataFrame(rows, columns=["segment_id", "phase", "n", "online_reach", "online_reach_low",
                                       "online_reach_high", "offline_reach", "offline_reach_low", "offline_reach_high",
                                       "preference", "small"])


@dataclass(frozen=True)
class MixPlan:
    """The result of :func:`best_mix`: ``options`` (every shift tried), ``chosen`` (the best per phase and
    segment that helps), ``scenario`` (the chosen shifts together), ``result`` (its simulation with
    intervals) and ``summary`` (its effect on the objective, the customers and the cost)."""

    options: pd.DataFrame
    chosen: pd.DataFrame
    scenario: Scenario
    result: Simulation
    summary: pd.DataFrame


def best_mix(project: Project, *, segments: list[str] | None = None, objective: str = "customers",
             shares: tuple[float, ...] = MIX_SHARES, cost_limit: float | None = 0.0, min_n: int = MIN_N) -> MixPlan:
    """The best online–offline mix: per phase and segment, the shift of contacts that does most for ``segments``.

    Parameters
    ----------
    segments : the segments whose change counts; None: the desired segments.
    objective : one of :data:`tpkit.optimize.OBJECTIVES` (the mix best for the customers: ``customers`` of
        ``segments`` over the horizon), or ``net`` (their contribution less the change of the touchpoints'
        cost over the horizon; ``customers`` when the project gives no revenue).
    shares : the shares of contacts to try; towards online each is at most the segment's ``preference`` in
        the phase (:func:`channel_preferences`), towards offline at most ``1 − preference``.
    cost_limit : the most the touchpoints' yearly cost may rise (0: the mix pays for itself; None: no limit).
    min_n : segments with fewer respondents are not shifted (their preference is too uncertain).

    Returns
    -------
    A :class:`MixPlan`. ``options``: ``phase``, ``segment_id``, ``preference``, ``towards``, ``share``,
    ``effect`` (on the objective), ``customers``, ``cost`` (the change of the touchpoints' yearly cost), each
    tried alone. ``chosen``: per phase and segment the option with the largest effect (at least
    :data:`SMALLEST_COUNT`, or :data:`SMALLEST_LEVEL` of a level), taken in the order of their effects while
    the cost — alone summed, then of all of them together — stays within ``cost_limit``. ``summary``:
    one row per figure (``customers`` and ``contribution`` of ``segments``, the headline figure of all
    customers, ``touchpoint_cost`` a year, and ``net``: contribution less the cost over the horizon) with
    ``delta``, ``delta_low``, ``delta_high`` of the chosen shifts together.

    Notes
    -----
    The options are simulated one at a time without intervals; the chosen ones are then simulated together
    with the model's intervals, so that their interplay (a clash between segments, the same touchpoint
    served twice) is in the summary. A segment is moved only as far as it already goes: the channel
    preference is an assumption about what its customers accept, not a measured willingness.

    >>> from tpkit.datasets import load_sample
    >>> plan = best_mix(load_sample("hotel"))
    >>> bool((plan.chosen["effect"] > 0).all()) and bool((plan.chosen["share"] <= plan.chosen["limit"] + 1e-9).all())
    True
    """
    segments = focus_segments(project, segments)
    check_choice("objective", objective, (NET, *OBJECTIVES))
    prefs = channel_preferences(project, min_n=min_n)
    measure = _measure(project, segments, objective)
    rows = []
    for pref in prefs[~prefs["small"]].itertuples(index=False):
        for towards in ("online", "offline"):
            limit = pref.preference if towards == "online" else 1 - pref.preference
            for share in sorted(s for s in shares if s <= limit + 1e-9):
                result = simulate(project, Scenario("mix", (ShiftMix(share, pref.phase, towards, pref.segment_id),)),
                                  bands=False)
                if any(key == "note.mix_no_target" for key, _ in result.notes):
                    break
                rows.append({"phase": pref.phase, "segment_id": pref.segment_id, "preference": pref.preference,
                             "towards": towards, "share": share, "limit": limit, "effect": measure(result),
                             "customers": objective_value(result, segments=segments, objective="customers"),
                             "cost": result.value("touchpoint_cost", column="delta")})
    options = pd.DataFrame(rows, columns=["phase", "segment_id", "preference", "towards", "share", "limit", "effect",
                                          "customers", "cost"])
    helps = options[(options["effect"] >= (SMALLEST_LEVEL if objective in LEVEL_OBJECTIVES else SMALLEST_COUNT)) & ((options["cost"] <= cost_limit) if cost_limit is not None else True)]
    chosen = helps.loc[helps.groupby(["phase", "segment_id"], sort=False)["effect"].idxmax()] if len(helps) else helps
    chosen = chosen.sort_values("effect", ascending=False, kind="stable").reset_index(drop=True)
    if cost_limit is not None:
        chosen = chosen[chosen["cost"].cumsum() <= cost_limit + 1e-6].reset_index(drop=True)
    while True:      # together the shifts may cost more than each alone: drop the weakest until within the limit
        scenario = Scenario("mix", tuple(ShiftMix(r.share, r.phase, r.towards, r.segment_id)
                                         for r in chosen.itertuples(index=False)))
        result = simulate(project, scenario)
        if cost_limit is None or chosen.empty or result.value("touchpoint_cost", column="delta") <= cost_limit + 1e-6:
            break
        chosen = chosen.iloc[:-1]
    return MixPlan(options, chosen.reset_index(drop=True), scenario, result,
                   _summary(project, result, segments, objective))


def _measure(project: Project, segments: list[str], objective: str):
    """The function that scores a simulation for ``objective`` (``net`` falls back to customers without revenue)."""
    money = ["revenue_per_customer", "margin"]
    revenue_known = set(money) <= set(project.segments.columns) and \
        project.segments.set_index("segment_id").reindex(segments)[money].notna().all().all()
    if objective == NET and not revenue_known:
        objective = "customers"
    if objective != NET:
        return lambda result: objective_value(result, segments=segments, objective=objective)
    years = _years()
    return lambda result: objective_value(result, segments=segments, objective="contribution") \
        - years * result.value("touchpoint_cost", column="delta")


def _years() -> float:
    """The model's horizon in years (its default: a scenario of the search sets none)."""
    return parameter_values(Scenario("x"))["horizon_months"] / 12


def _summary(project: Project, result: Simulation, segments: list[str], objective: str) -> pd.DataFrame:
    """The chosen mix's changes with the model's intervals: summed over ``segments`` (a level: the total's)."""
    k = result.kpis
    headline = headline_metric(project.outcome)     # the NPS, or a yes/no's share positive, or a scale's mean
    rows = []
    for metric in ("customers", "contribution", headline):
        part = k[(k["metric"] == metric) & k["segment_id"].isin(segments)]
        if metric == headline:
            part = k[(k["metric"] == metric) & (k["segment_id"] == TOTAL)]
        rows.append({"metric": metric, "delta": part["delta"].sum(), "delta_low": part["delta_low"].sum(),
                     "delta_high": part["delta_high"].sum()})
    cost = k[(k["metric"] == "touchpoint_cost") & (k["segment_id"] == TOTAL)]
    rows.append({"metric": "touchpoint_cost", **{c: float(cost[c].iloc[0]) for c in ("delta", "delta_low", "delta_high")}})
    spent = _years() * rows[-1]["delta"]
    rows.append({"metric": NET, **{c: rows[1][c] - spent for c in ("delta", "delta_low", "delta_high")}})
    return pd.DataFrame(rows).assign(objective=objective)

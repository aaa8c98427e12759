"""Choose measures and touchpoint closures under a budget (scipy.optimize.milp).

Each option — carry out a measure, or close a direct touchpoint — is simulated on its own; its
effect is the change of the objective on the desired segments (customers at the horizon by
default). The mixed-integer programme picks the set with the largest summed effect such that

* measures cost at most the budget, plus the running cost saved by closures over the horizon
  (``use_savings``);
* every segment keeps a direct touchpoint in every phase where it has one today;
* touchpoints on the must-keep list stay, and no measure is spent on a touchpoint that closes;
* only touchpoints no desired segment rates critical or a strength are offered for closing.

The chosen set is then simulated together, so the table shows the summed and the simulated
effect side by side; ``next_euro`` re-solves with more budget to show what it would buy.

Example
-------
>>> from tpkit.datasets import load_sample
>>> plan = optimize_budget(load_sample("hotel"), budget=100_000, allow_closures=False)
>>> plan.summary["spent"] <= 100_000
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from .errors import ModelError, check_choice, closest
from .evaluation import ipa
from .io import Project
from .scenario import (HEADLINE_METRICS, ApplyMeasure, ChangePerformance, RemoveTouchpoint, Scenario, Simulation,
                       baseline, check_range, parameter_values, simulate)
from .schema import PHASES
from .strategy import focus_segments, severe_pairs

OBJECTIVES = ("customers", "fans", "contribution", "nps", "promoter_share", "recommend")
#: Objectives that are levels (averaged over the segments by their customers), not counts (summed).
LEVEL_OBJECTIVES = ("nps", "promoter_share", "recommend")




def objective_value(result: Simulation, *, segments: list[str], objective: str = "customers") -> float:
    """The change of ``objective`` on ``segments``.

    Parameters
    ----------
    result : a simulation.
    segments : the segment ids whose change counts.
    objective : one of :data:`OBJECTIVES`.

    Returns
    -------
    The change (scenario − baseline).

    Notes
    -----
    Counts and money are summed over ``segments``; levels (NPS, the share positive, the mean answer) are
    weighted by the baseline customers: ``Σ_s Δnps_s · customers_s / Σ_s customers_s``.

    >>> from tpkit.datasets import load_sample
    >>> objective_value(simulate(load_sample("hotel"), Scenario("x")), segments=["business"])
    0.0
    """
    check_choice("objective", objective, OBJECTIVES)
    k = result.kpis
    rows = k[(k["metric"] == objective) & k["segment_id"].isin(segments)]
    if objective not in LEVEL_OBJECTIVES:
        return float(rows["delta"].sum())
    return _weighted(k, rows, segments, "delta", empty=0.0)


def _weighted(kpis: pd.DataFrame, rows: pd.DataFrame, segments: list[str], column: str, *, empty: float) -> float:
    """``rows[column]`` averaged over the segments with the baseline customers as weights, segments without
    the figure (no answers) left out; ``empty`` when no segment has both."""
    weights = kpis[(kpis["metric"] == "customers") & kpis["segment_id"].isin(segments)].set_index("segment_id")["baseline"]
    values = rows[column].to_numpy(dtype=float)
    w = np.where(np.isnan(values), 0.0, rows["segment_id"].map(weights).to_numpy(dtype=float))
    return float((np.nan_to_num(values) * w).sum() / w.sum()) if w.sum() > 0 else empty


def closable(project: Project, *, segments: list[str]) -> list[str]:
    """Direct touchpoints that no segment in ``segments`` rates critical or a strength (derived view) and whose
    failure is not severe for its own users there (:func:`severe_touchpoints`: a touchpoint few meet can still
    hurt a lot): overkill and low-priority touchpoints free resources; critical moments of truth are fixed, not
    closed. A touchpoint
    whose cost the data does not give is not offered (closing it would save an unknown sum), nor one marked
    ``must_keep`` in ``touchpoints.csv`` (hygiene: customers expect it, whatever the survey says).

    Parameters
    ----------
    project : the project.
    segments : segment ids (an unknown id raises, with a did-you-mean).

    Returns
    -------
    The touchpoint ids, in inventory order.

    >>> from tpkit.datasets import load_sample
    >>> "checkin_desk" in closable(load_sample("hotel"), segments=["business"])
    False
    """
    tp = project.touchpoints
    keep: set[str] = set()
    segments = focus_segments(project, segments)
    for segment in segments:
        classes = ipa(project, segment=segment)
        keep |= set(classes.loc[classes["class_derived"].isin(["critical", "strength"]), "touchpoint_id"])
    keep |= severe_touchpoints(project, segments)   # few meet them, but they hurt those who do
    priced = tp["annual_cost"].notna()   # closing a touchpoint whose cost is not given saves an unknown sum
    keep |= set(must_keep_ids(project))
    return [t for t in tp.loc[(tp["contact"] == "direct") & priced, "touchpoint_id"] if t not in keep]


def severe_touchpoints(project: Project, segments: list[str]) -> set[str]:
    """Touchpoints whose failure is severe for its own users in one of ``segments``
    (:func:`tpkit.strategy.severe_pairs`).

    >>> from tpkit.datasets import load_sample
    >>> "complaints" in severe_touchpoints(load_sample("hotel"), ["business"])
    True
    """
    return {t for s, t in severe_pairs(project) if s in segments}


def must_keep_ids(project: Project) -> list[str]:
    """The touchpoints ``touchpoints.csv`` marks ``must_keep`` (hygiene factors the optimiser never closes).

    >>> from tpkit.datasets import load_sample
    >>> must_keep_ids(load_sample("hotel"))
    []
    """
    tp = project.touchpoints
    if "must_keep" not in tp.columns:
        return []
    return tp.loc[tp["must_keep"].fillna(False).astype(bool), "touchpoint_id"].astype(str).tolist()


def options(project: Project, *, segments: list[str], objective: str = "customers", allow_closures: bool = True,
            base: Scenario | None = None) -> pd.DataFrame:
    """Every option with its cost and its effect when taken alone (on top of ``base``).

    Parameters
    ----------
    project : the project.
    segments : the segment ids whose change counts.
    objective : one of :data:`OBJECTIVES`.
    allow_closures : also offer closing the :func:`closable` touchpoints.
    base : the scenario the options are added to (None: the baseline).

    Returns
    -------
    One row per option: ``option`` (``measure:<id>`` or ``close:<id>``), ``kind`` (``measure`` or
    ``close``), ``id``, ``touchpoint_id``, ``owner``, ``cost`` (a measure's cost, or minus the running
    cost a closure saves over the model's horizon), ``effect`` (on the objective, see
    :func:`objective_value`).

    Notes
    -----
    A closure's cost is ``−annual_cost · horizon_months / 12``.

    >>> from tpkit.datasets import load_sample
    >>> options(load_sample("hotel"), segments=["business"], allow_closures=False)["kind"].unique().tolist()
    ['measure']
    """
    check_choice("objective", objective, OBJECTIVES)
    segments = focus_segments(project, segments)
    base = base or Scenario("base")
    months = parameter_values(base)["horizon_months"]
    start = objective_value(simulate(project, base, bands=False), segments=segments, objective=objective)
    rows = []
    for m in project.measures.itertuples():
        effect = objective_value(simulate(project, base.with_change(ApplyMeasure(m.measure_id)), bands=False),
                                 segments=segments, objective=objective)
        rows.append({"option": f"measure:{m.measure_id}", "kind": "measure", "id": m.measure_id,
                     "touchpoint_id": m.touchpoint_id, "owner": m.owner, "cost": float(m.cost),
                     "effect": effect - start})
    if allow_closures:
        tp = project.touchpoints
        for t in tp[tp["touchpoint_id"].isin(closable(project, segments=segments))].itertuples():
            closed = base.with_change(RemoveTouchpoint(t.touchpoint_id))
            effect = objective_value(simulate(project, closed, bands=False), segments=segments, objective=objective)
            rows.append({"option": f"close:{t.touchpoint_id}", "kind": "close", "id": t.touchpoint_id,
                         "touchpoint_id": t.touchpoint_id, "owner": t.owner,
                         "cost": -float(t.annual_cost) * months / 12, "effect": effect - start})
    return pd.DataFrame(rows, columns=["option", "kind", "id", "touchpoint_id", "owner", "cost", "effect"])


@dataclass(frozen=True)
class Optimization:
    """The optimiser's answer: ``chosen`` options, the ``scenario`` they make and its ``simulation``,
    a ``summary`` dict, all ``candidates`` with their effects and ``next_euro`` (budget → effect)."""

    chosen: pd.DataFrame
    scenario: Scenario
    simulation: Simulation
    summary: dict
    candidates: pd.DataFrame
    next_euro: pd.DataFrame


def _solve(cands: pd.DataFrame, budget: float | None, phase_rows: list[np.ndarray], must_keep: set[str],
           use_savings: bool, *, target: float | None = None, max_closures: int | None = None,
           level_rows: list[tuple[np.ndarray, float]] = ()) -> np.ndarray:
    """The options to take: the largest summed effect within ``budget``, or (``target``) the least cost
    whose summed effect reaches ``target``; ``level_rows`` (row of uplifts, points needed) keep
    minimum service levels. None when no choice meets the constraints."""
    n = len(cands)
    if n == 0:
        return np.zeros(0, dtype=bool) if target is None or target <= 0 else None
    cost = cands["cost"].to_numpy()
    if not use_savings:
        cost = np.maximum(cost, 0.0)
    effect = cands["effect"].to_numpy()
    rows, lower, upper = [], [], []
    if budget is not None:
        rows.append(cost), lower.append(-np.inf), upper.append(budget)
    if target is not None:
        rows.append(effect), lower.append(target), upper.append(np.inf)
    if max_closures is not None:
        rows.append((cands["kind"] == "close").to_numpy(dtype=float)), lower.append(-np.inf), upper.append(max_closures)
    for row, needed in level_rows:
        rows.append(row), lower.append(needed), upper.append(np.inf)
    for r in phase_rows:
        rows.append(r)
        lower.append(-np.inf)
        upper.append(r.sum() - 1)
    closes = {t: i for i, (k, t) in enumerate(zip(cands["kind"], cands["id"])) if k == "close"}
    for i, (k, t) in enumerate(zip(cands["kind"], cands["touchpoint_id"])):
        if k == "measure" and t in closes:
            row = np.zeros(n)
            row[[i, closes[t]]] = 1
            rows.append(row)
            lower.append(-np.inf)
            upper.append(1)
    ub = np.array([0.0 if (k == "close" and t in must_keep) else 1.0 for k, t in zip(cands["kind"], cands["id"])])
    from scipy.optimize import Bounds, LinearConstraint, milp  # here: 0.1 s to import, only the solver needs it

    result = milp(cost if target is not None else -effect, integrality=np.ones(n),
                  bounds=Bounds(np.zeros(n), ub),
                  constraints=LinearConstraint(np.vstack(rows), np.array(lower), np.array(upper)) if rows else ())
    if result.x is None:
        if target is not None or level_rows:
            return None
        raise ModelError("no_plan", budget=budget)
    return result.x > 0.5


def _phase_rows(project: Project, cands: pd.DataFrame) -> list[np.ndarray]:
    """One constraint row per segment × phase that has direct touchpoints today: at most all but one may close."""
    b = baseline(project)
    tp = b.touchpoints
    index = {t: i for i, t in enumerate(tp["touchpoint_id"])}
    direct = (tp["contact"] == "direct").to_numpy()
    rows = []
    for s in range(len(b.segments)):
        for phase in PHASES:
            cols = np.flatnonzero(b.member[s] & direct & (tp["phase"] == phase).to_numpy())
            if not len(cols):
                continue
            row = np.array([1.0 if k == "close" and index[t] in cols else 0.0
                            for k, t in zip(cands["kind"], cands["id"])])
            if row.any():
                rows.append(row)
    return rows


def objective_level(result: Simulation, *, segments: list[str], objective: str = "customers",
                    column: str = "baseline") -> float:
    """The level of ``objective`` on ``segments`` (``column``: ``baseline`` or ``scenario``): counts and money
    summed, levels weighted by the baseline customers as in :func:`objective_value`.

    >>> from tpkit.datasets import load_sample
    >>> round(objective_level(simulate(load_sample("hotel"), Scenario("x")), segments=["business"], objective="nps"), 1)
    21.3
    """
    check_choice("objective", objective, OBJECTIVES)
    k = result.kpis
    rows = k[(k["metric"] == objective) & k["segment_id"].isin(segments)]
    if objective not in LEVEL_OBJECTIVES:
        return float(rows[column].sum())
    return _weighted(k, rows, segments, column, empty=float(rows[column].mean()))


@dataclass(frozen=True)
class _Problem:
    """What both directions of the optimiser solve over: the segments that count, the options with their
    costs and effects, the phase and minimum-level constraints and the touchpoints that must stay."""

    segments: list[str]
    cands: pd.DataFrame
    phase_rows: list[np.ndarray]
    keep: set[str]
    level_rows: list[tuple[np.ndarray, float]]


def _problem(project: Project, *, objective: str, segments: list[str] | None, must_keep: list[str] | tuple[str, ...],
             max_closures: int | None, min_levels: Mapping[str, float] | None, allow_closures: bool) -> _Problem:
    """The options and constraints of :func:`optimize_budget` and :func:`optimize_target`, each input checked."""
    check_choice("objective", objective, OBJECTIVES)
    segments = focus_segments(project, segments)
    if max_closures is not None:
        check_range("max_closures", float(max_closures), low=0)
    keep = _checked_keep(project, must_keep) | set(min_levels or {})
    cands = options(project, segments=segments, objective=objective, allow_closures=allow_closures)
    return _Problem(segments, cands, _phase_rows(project, cands), keep, _level_rows(project, cands, min_levels))


def _checked_keep(project: Project, must_keep: list[str] | tuple[str, ...]) -> set[str]:
    """The touchpoints that must not close: ``must_keep`` (each checked) and those touchpoints.csv marks."""
    known = set(project.touchpoints["touchpoint_id"])
    unknown = sorted(set(must_keep) - known)
    if unknown:
        raise ModelError("unknown_must_keep", touchpoints=", ".join(unknown),
                         suggestion=closest(unknown[0], known) if len(unknown) == 1 else None)
    return set(must_keep) | set(must_keep_ids(project))


def _level_rows(project: Project, cands: pd.DataFrame,
                min_levels: Mapping[str, float] | None) -> list[tuple[np.ndarray, float]]:
    """Per touchpoint with a minimum service level below which it stands today: the uplifts of its measures
    and the points they must add together (a touchpoint with a level never closes: see the callers)."""
    from .evaluation import performance

    if not min_levels:
        return []
    scale = project.rating_scale
    current = performance(project).set_index("touchpoint_id")["performance"]
    uplift = cands["id"].map(project.measures.set_index("measure_id")["uplift"]).fillna(0.0).to_numpy(dtype=float)
    rows = []
    for t, level in min_levels.items():
        if t not in current.index:
            raise ModelError("touchpoint_not_in_model", touchpoint=t, suggestion=closest(t, current.index))
        check_range(f"min_level {t}", float(level), low=scale.low, high=scale.high)
        needed = float(level) - float(current.get(t, np.nan))
        if np.isnan(needed) or needed <= 0:
            continue
        row = np.where((cands["kind"] == "measure").to_numpy() & (cands["touchpoint_id"] == t).to_numpy(), uplift, 0.0)
        if row.sum() < needed - 1e-9:
            raise ModelError("level_out_of_reach", touchpoint=t, level=float(level), current=float(current[t]),
                             uplift=float(row.sum()))
        rows.append((row, needed))
    return rows


def optimize_target(project: Project, *, target: float, objective: str | None = None,
                    segments: list[str] | None = None, must_keep: list[str] | tuple[str, ...] = (),
                    max_closures: int | None = None, min_levels: Mapping[str, float] | None = None,
                    allow_closures: bool = True) -> Optimization:
    """The measures and closures that reach ``target`` at the least cost: the other direction of
    :func:`optimize_budget`.

    Parameters
    ----------
    project : the project.
    target : the level to reach on ``segments`` (e.g. an NPS of 35 for the desired segments, or 0.6 for a
        share positive), in the units of ``objective``; above today's.
    objective : one of :data:`OBJECTIVES`; default the project's headline figure (NPS, share positive or
        mean answer).
    segments : the segment ids whose level counts; None: the desired segments.
    must_keep : touchpoints that must not close, beside those ``touchpoints.csv`` marks.
    max_closures : at most this many touchpoints close (None: no limit).
    min_levels : touchpoint id → the performance it must keep or reach (its measures must lift it there;
        it never closes).
    allow_closures : also consider closing touchpoints (their saving lowers the cost).

    Returns
    -------
    An :class:`Optimization`; ``summary``: ``target``, ``objective``, ``segments``, ``baseline_level``,
    ``level_summed`` (baseline plus the options' summed effects), ``level_simulated`` (the chosen set
    simulated together; the options' effects do not add up exactly, so the target the programme works to
    is raised until the simulation reaches it, four rounds at most, and the last plan stands, short of
    the target, where no plan reaches more), ``reached``, ``cost`` (measures minus the savings of closures over the horizon), ``spent``,
    ``saved``, ``effect_summed``, ``effect_simulated``. A :class:`~tpkit.errors.ModelError` says when no
    choice reaches the target, with the best level that can be reached, and when the segments stand at
    the target already (cutting cost while keeping a level is :func:`optimize_budget`'s work).

    Notes
    -----
    Minimise ``Σ_i cost_i · x_i`` over ``x_i ∈ {0, 1}`` subject to ``Σ_i effect_i · x_i ≥ target − baseline``,
    the constraints of :func:`optimize_budget`, ``Σ_closures x_i ≤ max_closures`` and, per minimum level,
    ``Σ_measures uplift_i · x_i ≥ level − performance`` (``scipy.optimize.milp``).

    >>> from tpkit.datasets import load_sample
    >>> plan = optimize_target(load_sample("hotel"), target=33.0, allow_closures=False)
    >>> plan.summary["level_summed"] >= 33.0
    True
    """
    objective = objective or HEADLINE_METRICS[project.outcome.kind]
    if isinstance(target, bool) or not isinstance(target, (int, float)) or not math.isfinite(target):
        raise ModelError("not_a_number", name="target", value=target)
    p = _problem(project, objective=objective, segments=segments, must_keep=must_keep, max_closures=max_closures,
                 min_levels=min_levels, allow_closures=allow_closures)
    segments, cands, phase_rows, keep, level_rows = p.segments, p.cands, p.phase_rows, p.keep, p.level_rows
    start = objective_level(simulate(project, Scenario("base")), segments=segments, objective=objective)
    if target <= start:   # reached already: cutting cost down to the target is the budget optimiser's work
        raise ModelError("target_reached", target=target, baseline=round(start, 2))
    needed, chosen = target - start, None
    for _ in range(4):   # the options together do not add up exactly: ask for more until the simulation reaches it
        pick = _solve(cands, None, phase_rows, keep, True, target=needed, max_closures=max_closures,
                      level_rows=level_rows)
        if pick is None and chosen is not None:   # no more to ask for: the last plan, short of the target
            break
        if pick is None:
            best = _solve(cands, None, phase_rows, keep, True, max_closures=max_closures, level_rows=level_rows)
            reachable = start + float(cands.loc[best, "effect"].sum()) if best is not None else start
            raise ModelError("target_out_of_reach", target=target, best=round(reachable, 2), baseline=round(start, 2))
        chosen = cands[pick].sort_values("effect", ascending=False).reset_index(drop=True)
        scenario = Scenario(f"target {target:g}", tuple(ApplyMeasure(i) if k == "measure" else RemoveTouchpoint(i)
                                                        for k, i in zip(chosen["kind"], chosen["id"])))
        simulation = simulate(project, scenario)
        level = objective_level(simulation, segments=segments, objective=objective, column="scenario")
        if level >= target - 1e-9:
            break
        needed += target - level
    spent = float(chosen.loc[chosen["kind"] == "measure", "cost"].sum())
    saved = float(-chosen.loc[chosen["kind"] == "close", "cost"].sum())
    summary = {"target": float(target), "objective": objective, "segments": list(segments), "baseline_level": start,
               "level_summed": start + float(chosen["effect"].sum()),
               "level_simulated": level, "reached": bool(level >= target - 1e-9), "cost": spent - saved, "spent": spent, "saved": saved, "effect_summed": float(chosen["effect"].sum()),
               "effect_simulated": objective_value(simulation, segments=segments, objective=objective)}
    return Optimization(chosen, scenario, simulation, summary, cands,
                        pd.DataFrame(columns=["budget", "effect_summed", "extra_effect", "per_1000"]))


def optimize_budget(project: Project, *, budget: float, objective: str = "customers",
                    segments: list[str] | None = None, must_keep: list[str] | tuple[str, ...] = (),
                    allow_closures: bool = True, use_savings: bool = True,
                    steps: tuple[float, ...] = (0.1, 0.25, 0.5, 1.0), max_closures: int | None = None,
                    min_levels: Mapping[str, float] | None = None) -> Optimization:
    """The measures and closures with the largest effect on the desired segments under ``budget``.

    Parameters
    ----------
    project : the project.
    budget : money for measures (≥ 0).
    objective : one of :data:`OBJECTIVES`.
    segments : the segment ids whose change counts; None: the desired segments of
        :func:`tpkit.strategy.desired_segments`.
    must_keep : touchpoint ids that must not close, beside those ``touchpoints.csv`` marks ``must_keep``.
    allow_closures : also consider closing touchpoints.
    use_savings : the running cost a closure saves over the horizon adds to the budget.
    steps : the extra budget shares for ``next_euro``.
    max_closures : at most this many touchpoints close (None: no limit).
    min_levels : touchpoint id → the performance it must keep or reach (see :func:`optimize_target`).

    Returns
    -------
    An :class:`Optimization`: ``chosen`` (rows of :func:`options`, by effect), ``scenario``,
    ``simulation``, ``summary`` (``budget``, ``spent``, ``saved``, ``objective``, ``segments``,
    ``effect_summed``, ``effect_simulated``, ``why_none``: :func:`why_none`), ``candidates`` and
    ``next_euro`` (``budget``,
    ``effect_summed``, ``extra_effect``, ``per_1000``).

    Notes
    -----
    Maximise ``Σ_i effect_i · x_i`` over ``x_i ∈ {0, 1}`` subject to ``Σ_i cost_i · x_i ≤ budget``
    (closure costs negative with ``use_savings``), at most all but one direct touchpoint closed per
    segment and phase where it has one, no measure on a touchpoint that closes, must-keep touchpoints
    open (``scipy.optimize.milp``).
    """
    check_range("budget", budget, low=0)
    p = _problem(project, objective=objective, segments=segments, must_keep=must_keep, max_closures=max_closures,
                 min_levels=min_levels, allow_closures=allow_closures)
    segments, cands, phase_rows, keep = p.segments, p.cands, p.phase_rows, p.keep
    limits = {"max_closures": max_closures, "level_rows": p.level_rows}
    pick = _solve(cands, budget, phase_rows, keep, use_savings, **limits)
    if pick is None:
        raise ModelError("no_plan", budget=budget)
    chosen = cands[pick].sort_values("effect", ascending=False).reset_index(drop=True)
    changes = tuple(ApplyMeasure(i) if k == "measure" else RemoveTouchpoint(i)
                    for k, i in zip(chosen["kind"], chosen["id"]))
    scenario = Scenario(f"optimum {budget:,.0f}", changes)
    simulation = simulate(project, scenario)
    spent = float(chosen.loc[chosen["kind"] == "measure", "cost"].sum())
    saved = float(-chosen.loc[chosen["kind"] == "close", "cost"].sum())
    summary = {"budget": float(budget), "spent": spent, "saved": saved, "objective": objective,
               "segments": list(segments), "effect_summed": float(chosen["effect"].sum()),
               "effect_simulated": objective_value(simulation, segments=segments, objective=objective),
               "why_none": why_none(project, cands, chosen, allow_closures=allow_closures)}
    curve = []
    for step in steps:
        more = budget * (1 + step) if budget > 0 else step * max(float(cands["cost"].clip(lower=0).max()), 1.0)
        extra = cands[_solve(cands, more, phase_rows, keep, use_savings, **limits)]
        gain = float(extra["effect"].sum()) - summary["effect_summed"]
        gain = 0.0 if abs(gain) < 1e-9 else gain
        curve.append({"budget": more, "effect_summed": float(extra["effect"].sum()),
                      "extra_effect": gain, "per_1000": 1000 * gain / (more - budget) if more > budget else np.nan})
    return Optimization(chosen, scenario, simulation, summary, cands, pd.DataFrame(curve))


def why_none(project: Project, candidates: pd.DataFrame, chosen: pd.DataFrame, *, allow_closures: bool) -> list[str]:
    """Why the optimiser chose nothing (empty when it chose something): ``no_measures`` (the project
    lists none), ``no_costs`` (closures allowed, but no touchpoint has a known cost to save),
    ``no_gain`` (options exist, none helps within the budget).

    >>> from tpkit.datasets import load_sample
    >>> why_none(load_sample("hotel"), pd.DataFrame(), pd.DataFrame(), allow_closures=False)
    ['no_gain']
    """
    if len(chosen):
        return []
    reasons = []
    if project.measures.empty:
        reasons.append("no_measures")
    if allow_closures and project.touchpoints["annual_cost"].isna().all():
        reasons.append("no_costs")
    return reasons or ["no_gain"]


def measure_priorities(project: Project, *, segments: list[str] | None = None, objective: str = "customers",
                       base: Scenario | None = None, votes_weight: float = 0.0) -> pd.DataFrame:
    """Every measure with its projected effect, its votes and its priority.

    Parameters
    ----------
    project : the project.
    segments : the segment ids whose change counts; None: the desired segments.
    objective : one of :data:`OBJECTIVES`.
    base : the scenario each measure is added to alone (None: the baseline).
    votes_weight : how much the votes of customers and employees count in the priority, 0 (the modelled
        effect per money alone) to 1 (the votes alone).

    Returns
    -------
    One row per measure, by priority: ``priority``, ``measure_id``, ``name`` (and ``name_en`` where given),
    ``touchpoint_id``, ``proposed_by``, ``owner``, ``cost``, ``due_date``, ``uplift``, ``effect``,
    ``effect_per_1000``, ``effect_rank`` (1 = largest effect per money; measures that cost nothing and help
    come first), the votes of :func:`tpkit.strategy.vote_ranking`: ``points_mean``, ``points_low``,
    ``points_high``, ``rank``, ``rank_low``, ``rank_high``, ``voters``; and ``disagree``: the modelled rank
    lies outside the votes' rank interval (NA without a ranking of the votes).

    Notes
    -----
    ``effect_per_1000 = 1000 · effect / cost`` (``+∞`` for a free measure that helps). The priority ranks
    ``(1 − votes_weight) · effect_rank + votes_weight · rank``: a measure every voter passed over ranks last
    among the votes, one that was not on the ballot (a customers' idea after the vote; too few voters to rank)
    keeps its effect rank.

    >>> from tpkit.datasets import load_sample
    >>> table = measure_priorities(load_sample("hotel"))
    >>> int(table["priority"].min()), "proposed_by" in table, bool((table["priority"] == table["effect_rank"]).all())
    (1, True, True)
    """
    check_range("votes_weight", votes_weight, low=0, high=1)
    from .strategy import vote_ranking

    effects = options(project, segments=focus_segments(project, segments), objective=objective, allow_closures=False,
                      base=base)[["id", "effect"]]
    votes = vote_ranking(project, n_boot=200)
    out = votes.merge(effects.rename(columns={"id": "measure_id"}), on="measure_id", how="left")
    cost = out["cost"].astype(float)
    out["effect_per_1000"] = np.where(cost > 0, 1000 * out["effect"] / cost.where(cost > 0),
                                      np.where(out["effect"] > 0, np.inf, out["effect"]))
    out["effect_rank"] = out["effect_per_1000"].rank(ascending=False, method="min").astype(int)
    # a measure every voter passed over ranks last; one that was not on the ballot (a customers' idea that came
    # after the vote, or no ranking of the votes at all) keeps its effect rank
    customer_idea = measures_kind(project).reindex(out["measure_id"]).eq("customer").fillna(False).to_numpy(bool)
    late_idea = customer_idea & (out["supporters"] == 0).to_numpy()
    passed_over = out["rank"].isna() & out["rank"].notna().any() & ~late_idea
    votes_rank = out["rank"].astype("Float64").mask(passed_over, float(len(out)))
    votes_rank = votes_rank.fillna(out["effect_rank"].astype(float)).to_numpy(dtype=float)
    blended = (1 - votes_weight) * out["effect_rank"].to_numpy(dtype=float) + votes_weight * votes_rank
    out["priority"] = pd.Series(blended).rank(method="min").astype(int).to_numpy()
    ranked = out["rank"].notna()
    outside = (out["effect_rank"] < out["rank_low"].astype("Float64")) | (out["effect_rank"] > out["rank_high"].astype("Float64"))
    out["disagree"] = outside.astype("boolean").where(ranked)
    columns = ["priority", "measure_id", "name"] + (["name_en"] if "name_en" in out else []) + [
        "touchpoint_id", "proposed_by", "owner", "cost", "due_date", "uplift", "effect", "effect_per_1000",
        "effect_rank", "points_mean", "points_low", "points_high", "rank", "rank_low", "rank_high", "voters",
        "disagree"]
    return out[columns].sort_values(["priority", "rank"], kind="stable").reset_index(drop=True)


def measures_kind(project: Project) -> pd.Series:
    """Whose idea each measure is (``proposed_by_type``: customer or employee; NA where not given), by measure id."""
    m = project.measures
    kind = m["proposed_by_type"] if "proposed_by_type" in m.columns else pd.Series(pd.NA, index=m.index, dtype=object)
    return pd.Series(kind.to_numpy(), index=m["measure_id"].to_numpy(), dtype=object)


def leverage(project: Project, *, segments: list[str] | None = None, delta: float = 1.0) -> pd.DataFrame:
    """What one more performance point at each touchpoint does for the desired segments — where to win
    more, lose fewer, make fans and referrals (questions 6 to 9 of the method).

    Parameters
    ----------
    project : the project.
    segments : the segment ids whose change counts; None: the desired segments.
    delta : the performance points added at each touchpoint in turn.

    Returns
    -------
    One row per touchpoint, by the change in customers (largest first): ``touchpoint_id``, ``phase``,
    ``channel``, ``owner``, and the summed change over ``segments`` of ``customers``, ``won``, ``lost``,
    ``fans``, ``referrals`` over the horizon.

    >>> from tpkit.datasets import load_sample
    >>> top = leverage(load_sample("hotel")).iloc[0]
    >>> bool(top["customers"] > 0)
    True
    """
    segments = focus_segments(project, segments)
    rows = []
    for tp in project.touchpoints.itertuples():
        result = simulate(project, Scenario("leverage", (ChangePerformance(tp.touchpoint_id, delta),)), bands=False)
        k = result.kpis[result.kpis["segment_id"].isin(segments)]
        sums = k.groupby("metric")["delta"].sum()
        rows.append({"touchpoint_id": tp.touchpoint_id, "phase": tp.phase, "channel": tp.channel, "owner": tp.owner,
                     **{m: float(sums[m]) for m in ("customers", "won", "lost", "fans", "referrals")}})
    out = pd.DataFrame(rows)
    return out.sort_values("customers", ascending=False, kind="stable").reset_index(drop=True)

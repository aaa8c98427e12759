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

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import ModelError, check_choice, check_segment, closest
from .evaluation import ipa
from .io import Project
from .scenario import (ApplyMeasure, ChangePerformance, RemoveTouchpoint, Scenario, Simulation, baseline,
                       check_range, parameter_values, simulate)
from .schema import PHASES
from .strategy import desired_segments

OBJECTIVES = ("customers", "fans", "contribution", "nps")


def _segments(project: Project, segments: list[str] | None) -> list[str]:
    """``segments`` checked one by one, or the desired segments of :func:`tpkit.strategy.desired_segments`
    (all segments when none is desired: a project without the segments' strategic facts, such as an
    imported survey)."""
    if segments is None:
        status = desired_segments(project)
        desired = status.loc[status["status"] == "desired", "segment_id"].tolist()
        return desired or project.segments["segment_id"].tolist()
    return [check_segment(project, s) for s in segments]


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
    Counts and money are summed over ``segments``; NPS is weighted by the baseline customers:
    ``Σ_s Δnps_s · customers_s / Σ_s customers_s``.

    >>> from tpkit.datasets import load_sample
    >>> objective_value(simulate(load_sample("hotel"), Scenario("x")), segments=["business"])
    0.0
    """
    check_choice("objective", objective, OBJECTIVES)
    k = result.kpis
    rows = k[(k["metric"] == objective) & k["segment_id"].isin(segments)]
    if objective != "nps":
        return float(rows["delta"].sum())
    weights = k[(k["metric"] == "customers") & k["segment_id"].isin(segments)].set_index("segment_id")["baseline"]
    w = rows["segment_id"].map(weights).to_numpy()
    return float((rows["delta"].to_numpy() * w).sum() / w.sum()) if w.sum() > 0 else 0.0


def closable(project: Project, *, segments: list[str]) -> list[str]:
    """Direct touchpoints that no segment in ``segments`` rates critical or a strength (derived view):
    overkill and low-priority touchpoints free resources; moments of truth are fixed, not closed. A touchpoint
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
    for segment in _segments(project, segments):
        classes = ipa(project, segment=segment)
        keep |= set(classes.loc[classes["class_derived"].isin(["critical", "strength"]), "touchpoint_id"])
    priced = tp["annual_cost"].notna()   # closing a touchpoint whose cost is not given saves an unknown sum
    keep |= set(must_keep_ids(project))
    return [t for t in tp.loc[(tp["contact"] == "direct") & priced, "touchpoint_id"] if t not in keep]


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
    segments = _segments(project, segments)
    base = base or Scenario("base")
    months = parameter_values(base)["horizon_months"]
    start = objective_value(simulate(project, base), segments=segments, objective=objective)
    rows = []
    for m in project.measures.itertuples():
        effect = objective_value(simulate(project, base.with_change(ApplyMeasure(m.measure_id))), segments=segments,
                                 objective=objective)
        rows.append({"option": f"measure:{m.measure_id}", "kind": "measure", "id": m.measure_id,
                     "touchpoint_id": m.touchpoint_id, "owner": m.owner, "cost": float(m.cost),
                     "effect": effect - start})
    if allow_closures:
        tp = project.touchpoints
        for t in tp[tp["touchpoint_id"].isin(closable(project, segments=segments))].itertuples():
            effect = objective_value(simulate(project, base.with_change(RemoveTouchpoint(t.touchpoint_id))),
                                     segments=segments, objective=objective)
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


def _solve(cands: pd.DataFrame, budget: float, phase_rows: list[np.ndarray], must_keep: set[str],
           use_savings: bool) -> np.ndarray:
    n = len(cands)
    if n == 0:
        return np.zeros(0, dtype=bool)
    cost = cands["cost"].to_numpy()
    if not use_savings:
        cost = np.maximum(cost, 0.0)
    rows, lower, upper = [cost], [-np.inf], [budget]
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

    result = milp(-cands["effect"].to_numpy(), integrality=np.ones(n),
                  bounds=Bounds(np.zeros(n), ub),
                  constraints=LinearConstraint(np.vstack(rows), np.array(lower), np.array(upper)))
    if result.x is None:
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


def optimize_budget(project: Project, *, budget: float, objective: str = "customers",
                    segments: list[str] | None = None, must_keep: list[str] | tuple[str, ...] = (),
                    allow_closures: bool = True, use_savings: bool = True,
                    steps: tuple[float, ...] = (0.1, 0.25, 0.5, 1.0)) -> Optimization:
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
    check_choice("objective", objective, OBJECTIVES)
    segments = _segments(project, segments)
    known = set(project.touchpoints["touchpoint_id"])
    unknown = sorted(set(must_keep) - known)
    if unknown:
        raise ModelError("unknown_must_keep", touchpoints=", ".join(unknown),
                         suggestion=closest(unknown[0], known) if len(unknown) == 1 else None)
    cands = options(project, segments=segments, objective=objective, allow_closures=allow_closures)
    phase_rows = _phase_rows(project, cands)
    keep = set(must_keep) | set(must_keep_ids(project))
    pick = _solve(cands, budget, phase_rows, keep, use_savings)
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
        extra = cands[_solve(cands, more, phase_rows, keep, use_savings)]
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
                       base: Scenario | None = None) -> pd.DataFrame:
    """Every measure with its projected effect, its votes and its priority.

    Parameters
    ----------
    project : the project.
    segments : the segment ids whose change counts; None: the desired segments.
    objective : one of :data:`OBJECTIVES`.
    base : the scenario each measure is added to alone (None: the baseline).

    Returns
    -------
    One row per measure, by priority: ``priority`` (1 = largest effect per money; measures that cost
    nothing and help come first), ``measure_id``, ``name`` (and ``name_en`` where given),
    ``touchpoint_id``, ``proposed_by``, ``owner``, ``cost``, ``due_date``, ``uplift``, ``effect``,
    ``effect_per_1000``, and the votes of :func:`tpkit.strategy.vote_ranking`: ``points_mean``,
    ``points_low``, ``points_high``, ``rank``, ``voters``.

    Notes
    -----
    ``effect_per_1000 = 1000 · effect / cost`` (``+∞`` for a free measure that helps).

    >>> from tpkit.datasets import load_sample
    >>> table = measure_priorities(load_sample("hotel"))
    >>> int(table["priority"].min()), "proposed_by" in table
    (1, True)
    """
    from .strategy import vote_ranking

    effects = options(project, segments=_segments(project, segments), objective=objective, allow_closures=False,
                      base=base)[["id", "effect"]]
    votes = vote_ranking(project, n_boot=200)
    out = votes.merge(effects.rename(columns={"id": "measure_id"}), on="measure_id", how="left")
    cost = out["cost"].astype(float)
    out["effect_per_1000"] = np.where(cost > 0, 1000 * out["effect"] / cost.where(cost > 0),
                                      np.where(out["effect"] > 0, np.inf, out["effect"]))
    out["priority"] = out["effect_per_1000"].rank(ascending=False, method="min").astype(int)
    columns = ["priority", "measure_id", "name"] + (["name_en"] if "name_en" in out else []) + [
        "touchpoint_id", "proposed_by", "owner", "cost", "due_date", "uplift", "effect", "effect_per_1000",
        "points_mean", "points_low", "points_high", "rank", "voters"]
    return out[columns].sort_values(["priority", "rank"], kind="stable").reset_index(drop=True)


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
    segments = _segments(project, segments)
    rows = []
    for tp in project.touchpoints.itertuples():
        result = simulate(project, Scenario("leverage", (ChangePerformance(tp.touchpoint_id, delta),)))
        k = result.kpis[result.kpis["segment_id"].isin(segments)]
        sums = k.groupby("metric")["delta"].sum()
        rows.append({"touchpoint_id": tp.touchpoint_id, "phase": tp.phase, "channel": tp.channel, "owner": tp.owner,
                     **{m: float(sums[m]) for m in ("customers", "won", "lost", "fans", "referrals")}})
    out = pd.DataFrame(rows)
    return out.sort_values("customers", ascending=False, kind="stable").reset_index(drop=True)

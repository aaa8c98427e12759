"""The model state a scenario works on and one applier per kind of change.

An applier is a function ``(state, change, project, params) -> None`` registered for its change class
with :func:`applier`; :func:`apply_changes` runs them in the changes' ``order``. The state holds
segments × touchpoints arrays that start as the baseline's copies: ``reach`` and ``performance`` are
what the outcome model sees, ``shown`` the reach reported per touchpoint.

Example
-------
>>> from tpkit.datasets import load_sample
>>> from tpkit.scenario import RemoveTouchpoint, Scenario
>>> state = apply_changes(load_sample("hotel"), Scenario("x", (RemoveTouchpoint("bar"),)))
>>> state.removed
['bar']
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, TypeVar

import numpy as np
import pandas as pd

from ..errors import ModelError, check_choice, check_segment, closest
from ..io import Project
from ..schema import ALL_SEGMENTS, CHANNELS, CONTACTS, KINDS, PHASES, UNKNOWN
from .assumptions import check_range, parameter_values
from .calibration import baseline
from .changes import (AddTouchpoint, ApplyMeasure, Change, ChangeBudget, ChangePerformance, RemoveTouchpoint,
                      Scenario, ShiftMix)

#: Kinds of touchpoint whose contacts can move between online and offline (a room cannot).
MOVABLE_KINDS = ("human", "service", "communication")


@dataclass
class State:
    """The model after some changes: ``tp`` (the touchpoints, added ones appended), segments ×
    touchpoints ``member``, ``reach``, ``performance``, ``coefficient``, ``shown``; per touchpoint
    ``cost`` and ``removed_mask``; the one-off ``measure_cost``, the ``removed`` ids and ``notes``."""

    segments: tuple[str, ...]
    tp: pd.DataFrame
    member: np.ndarray
    reach: np.ndarray
    performance: np.ndarray
    coefficient: np.ndarray
    cost: np.ndarray
    removed_mask: np.ndarray
    shown: np.ndarray
    measure_cost: float = 0.0
    low: float = 1.0     # the rating scale's worst and best points (project.rating_scale)
    high: float = 5.0
    removed: list[str] = field(default_factory=list)
    notes: list[tuple[str, dict]] = field(default_factory=list)
    borrowed: dict[str, str | None] = field(default_factory=dict)   # added touchpoint → similar_to (None: its phase)
    closing: frozenset[str] = frozenset()   # every touchpoint the scenario closes (none of them is a substitute)
    shift: np.ndarray | None = None   # segments × the project's touchpoints: performance points asked for, unclipped


Applier = Callable[[State, Change, Project, dict[str, float]], None]
#: The applier of every change class, filled by :func:`applier`.
APPLIERS: dict[type, Applier] = {}
F = TypeVar("F", bound=Applier)


def applier(change_type: type) -> Callable[[F], F]:
    """Decorator: register ``function(state, change, project, params)`` as the applier of ``change_type``.

    >>> APPLIERS[RemoveTouchpoint].__name__
    '_remove'
    """
    def register(function: F) -> F:
        APPLIERS[change_type] = function
        return function
    return register


def column(state: State, touchpoint_id: str) -> int:
    """The state's column of ``touchpoint_id``; a :class:`~tpkit.errors.ModelError` with a did-you-mean
    when it is neither in the inventory nor added by the scenario.

    >>> from tpkit.datasets import load_sample
    >>> column(apply_changes(load_sample("hotel"), Scenario("x")), "wiif")
    Traceback (most recent call last):
    ...
    tpkit.errors.ModelError: Touchpoint 'wiif' is not in the inventory nor added by the scenario; choose one of touchpoints.csv or add it first. Did you mean 'wifi'?
    """
    ids = state.tp["touchpoint_id"].to_numpy()
    hits = np.flatnonzero(ids == touchpoint_id)
    if not len(hits):
        raise ModelError("touchpoint_not_in_model", touchpoint=touchpoint_id, suggestion=closest(touchpoint_id, ids))
    return int(hits[0])


@applier(AddTouchpoint)
def _add(state: State, c: AddTouchpoint, project: Project, params: dict[str, float]) -> None:
    if c.touchpoint_id in set(state.tp["touchpoint_id"]):
        raise ModelError("touchpoint_exists", touchpoint=c.touchpoint_id)
    for name, value, allowed in (("phase", c.phase, PHASES), ("channel", c.channel, CHANNELS),
                                 ("contact", c.contact, CONTACTS), ("touchpoint_kind", c.touchpoint_kind, KINDS)):
        check_choice(name, value, allowed)
    performance = c.expected_performance(project)
    check_range("performance", performance, low=project.rating_scale.low, high=project.rating_scale.high)
    check_range("reach", c.reach, low=0, high=1)
    check_range("annual_cost", c.annual_cost, low=0)
    for s in c.segments:
        if s != ALL_SEGMENTS:
            check_segment(project, s)
    segments = state.segments
    serves = np.array([s in c.segments or ALL_SEGMENTS in c.segments for s in segments])
    phase_of = state.tp["phase"].to_numpy()
    group = None
    if c.similar_to is not None:   # it works like the similar touchpoint: they substitute for each other
        similar = column(state, c.similar_to)
        state.tp = state.tp.copy()
        if "works_like" not in state.tp.columns:
            state.tp["works_like"] = pd.Series([None] * len(state.tp), dtype=object)
        group = substitute_group(state.tp, similar) or f"like:{c.similar_to}"
        state.tp.loc[similar, "works_like"] = group
    if c.similar_to is not None:
        borrowed = state.coefficient[:, column(state, c.similar_to)]
    else:
        in_phase = (phase_of == c.phase)[None, :] & state.member
        total = np.where(in_phase, state.coefficient, 0.0).sum(axis=1)
        borrowed = np.divide(total, in_phase.sum(axis=1), out=np.zeros(len(segments)), where=in_phase.any(axis=1))
    row = {"touchpoint_id": c.touchpoint_id, "name": c.name, "phase": c.phase, "channel": c.channel,
           "contact": c.contact, "kind": c.touchpoint_kind, "owner": c.owner,
           "annual_cost": float(c.annual_cost), "annual_contacts": 0, "works_like": group}
    state.tp = pd.concat([state.tp, pd.DataFrame([row])], ignore_index=True)
    state.member = np.column_stack([state.member, serves])
    state.reach = np.column_stack([state.reach, np.where(serves, c.reach, 0.0)])
    state.performance = np.column_stack([state.performance, np.full(len(segments), performance)])
    state.coefficient = np.column_stack([state.coefficient, np.where(serves, borrowed, 0.0)])
    state.cost = np.append(state.cost, float(c.annual_cost))
    state.removed_mask = np.append(state.removed_mask, False)
    state.shown = np.column_stack([state.shown, np.where(serves, c.reach, 0.0)])
    state.borrowed[c.touchpoint_id] = c.similar_to
    state.notes.append(("note.borrowed_coefficient", {"touchpoint": c.touchpoint_id,
                                                      "similar": c.similar_to or c.phase}))


def _move_reach(state: State, moved: np.ndarray, targets: np.ndarray) -> None:
    """Show ``moved`` reach (per segment) at the ``targets`` (segments × touchpoints) in proportion to
    their reach, each capped at 1 (what the touchpoint table reports; the model uses performance)."""
    weights = np.where(targets, np.maximum(state.shown, 1e-9), 0.0)
    total = weights.sum(axis=1, keepdims=True)
    share = np.divide(weights, total, out=np.zeros_like(weights), where=total > 0)
    state.shown = np.minimum(state.shown + share * moved[:, None], 1.0)


def substitute_group(tp: pd.DataFrame, j: int) -> str | None:
    """The ``works_like`` group of the touchpoint in row ``j`` (None: it has no named substitutes).

    >>> substitute_group(pd.DataFrame({"works_like": ["booking", None]}), 0), substitute_group(pd.DataFrame({"x": [1]}), 0)
    ('booking', None)
    """
    if "works_like" not in tp.columns:
        return None
    value = tp["works_like"].iat[j]
    return None if pd.isna(value) or not str(value).strip() else str(value).strip()


def _substitutes(state: State, j: int) -> np.ndarray:
    """Per segment, the touchpoints that can serve the users of touchpoint ``j``: those of its ``works_like``
    group that the segment meets and that stay open (none the scenario closes, whatever the order of its
    changes)."""
    group = substitute_group(state.tp, j)
    if group is None:
        return np.zeros_like(state.member)
    same = np.array([substitute_group(state.tp, k) == group for k in range(len(state.tp))])
    same[j] = False
    same &= ~state.tp["touchpoint_id"].isin(state.closing).to_numpy()   # closed in this scenario, before or after
    return state.member & same[None, :] & ~state.removed_mask[None, :]


def _direct_in_phase(state: State, phase: str, channel: str | None = None) -> np.ndarray:
    """The direct touchpoints of ``phase`` (and ``channel``) per segment; none for an unknown phase (a
    touchpoint whose phase the data does not give has no known substitutes)."""
    tp = state.tp
    ok = (tp["phase"].to_numpy() == phase) & (tp["contact"].to_numpy() == "direct") & (phase != UNKNOWN)
    if channel is not None:
        ok &= tp["channel"].to_numpy() == channel
    return state.member & ok[None, :]


@applier(RemoveTouchpoint)
def _remove(state: State, c: RemoveTouchpoint, project: Project, params: dict[str, float]) -> None:
    """Close touchpoint j. Where the segment meets a substitute (a touchpoint of the same ``works_like``
    group), ``move_share`` of its users are served by the substitutes at their reach-weighted performance;
    the other users lose the service, which counts as the scale's worst experience."""
    j = column(state, c.touchpoint_id)
    share = params["move_share"] if c.move_share is None else float(c.move_share)
    check_range("move_share", share, low=0, high=1)
    targets = _substitutes(state, j)
    has_alt = targets.any(axis=1)
    weight = np.where(targets, np.maximum(state.reach, 1e-9), 0.0)
    alt_perf = np.divide((weight * state.performance).sum(axis=1), weight.sum(axis=1),
                         out=np.full(len(state.segments), state.low), where=has_alt)
    users = state.reach[:, j].copy()
    moved = np.where(has_alt, share, 0.0)   # the others lose the service: the worst experience
    state.performance[:, j] = moved * alt_perf + (1 - moved) * state.low
    lost = ~has_alt & (users > 0)
    if lost.any() and not (has_alt & (users > 0)).any():
        state.notes.append(("note.no_substitute", {"touchpoint": c.touchpoint_id}))
    elif lost.any():   # some segments keep a substitute, these do not
        state.notes.append(("note.no_substitute_for", {"touchpoint": c.touchpoint_id,
                                                       "segments": ", ".join(np.array(state.segments)[lost])}))
    state.member[:, j] = False
    state.removed_mask[j] = True
    state.shown[:, j] = 0.0
    _move_reach(state, np.where(has_alt, users * share, 0.0), targets)
    keep = state.tp.at[j, "must_keep"] if "must_keep" in state.tp.columns else None
    if keep is not None and not pd.isna(keep) and bool(keep):   # hygiene, closed all the same
        state.notes.append(("note.must_keep", {"touchpoint": c.touchpoint_id}))
    if pd.isna(state.tp.at[j, "annual_cost"]):   # the saving is unknown, not zero
        state.notes.append(("note.cost_unknown", {"touchpoint": c.touchpoint_id}))
    state.cost[j] = 0.0
    state.removed.append(c.touchpoint_id)


def _shift_performance(state: State, j: int, delta: float | np.ndarray,
                       rows: np.ndarray | slice | int = slice(None)) -> None:
    state.performance[rows, j] = np.clip(state.performance[rows, j] + delta, state.low, state.high)
    if state.shift is not None and j < state.shift.shape[1]:
        state.shift[rows, j] += delta   # as asked, before the scale's limits (each respondent is clipped alone)


@applier(ChangePerformance)
def _performance(state: State, c: ChangePerformance, project: Project, params: dict[str, float]) -> None:
    rows = slice(None) if c.segment_id is None else state.segments.index(check_segment(project, c.segment_id))
    span = state.high - state.low
    check_range("delta", c.delta, low=-span, high=span)   # (NaN is never in range)
    _shift_performance(state, column(state, c.touchpoint_id), c.delta, rows)


@applier(ChangeBudget)
def _budget(state: State, c: ChangeBudget, project: Project, params: dict[str, float]) -> None:
    check_range("factor", c.factor, low=0)
    j = column(state, c.touchpoint_id)
    state.cost[j] *= c.factor
    _shift_performance(state, j, params["budget_elasticity"] * math.log(max(c.factor, 1e-3)))


@applier(ApplyMeasure)
def _measure(state: State, c: ApplyMeasure, project: Project, params: dict[str, float]) -> None:
    ids = project.measures["measure_id"]
    m = project.measures[ids == c.measure_id]
    if m.empty:
        raise ModelError("unknown_measure", measure=c.measure_id, choices=", ".join(map(str, ids)) or "–",
                         suggestion=closest(c.measure_id, ids))
    j = column(state, str(m["touchpoint_id"].iloc[0]))
    _shift_performance(state, j, float(m["uplift"].iloc[0]))
    state.measure_cost += float(m["cost"].iloc[0])


@applier(ShiftMix)
def _mix(state: State, c: ShiftMix, project: Project, params: dict[str, float]) -> None:
    """Serve ``share`` of the contacts of direct human, service and communication touchpoints of one
    channel by the phase's direct touchpoints of the other channel: those contacts get the other
    channel's reach-weighted performance; their variable cost moves at the receiving side's cost per
    contact. For one segment only its contacts move: its share of a touchpoint's contacts is its customers
    times its reach there in the baseline, over all segments' (customers as the model counts them)."""
    check_range("share", c.share, low=0, high=1)
    check_choice("towards", c.towards, ("online", "offline"))
    if c.phase is not None:
        check_choice("phase", c.phase, PHASES)
    source_channel = "offline" if c.towards == "online" else "online"
    contacts = state.tp["annual_contacts"].to_numpy(dtype=float, na_value=0.0)
    movable = state.tp["kind"].isin(MOVABLE_KINDS).to_numpy() & ~state.removed_mask
    vcs = params["variable_cost_share"]
    per_contact = np.divide(state.cost, contacts, out=np.zeros_like(state.cost), where=contacts > 0)
    moving = np.ones(len(state.segments), dtype=bool)
    part = np.ones(len(contacts))     # the moving segments' part of each touchpoint's contacts
    if c.segment_id is not None:
        moving = np.array(state.segments) == check_segment(project, c.segment_id)
        # the segment's part of each touchpoint's contacts, as the baseline has it (customers as the model counts
        # them, the user's where set; the survey's reach), so that shifts of several segments add up whatever
        # their order
        b = baseline(project)
        customers = np.array([params.get(f"customers:{s}", n) for s, n in zip(b.segments, b.customers)], dtype=float)
        reach = np.column_stack([b.reach, state.shown[:, b.reach.shape[1]:]])
        users = customers[:, None] * reach
        part = np.divide(users[moving].sum(axis=0), users.sum(axis=0), out=np.zeros(len(contacts)),
                         where=users.sum(axis=0) > 0)
    for phase in (PHASES if c.phase is None else (c.phase,)):
        src = _direct_in_phase(state, phase, source_channel) & movable[None, :] & moving[:, None]
        dst = _direct_in_phase(state, phase, c.towards) & ~state.removed_mask[None, :] & moving[:, None]
        src_cols = np.flatnonzero(src.any(axis=0))
        dst_cols = np.flatnonzero(dst.any(axis=0))
        if not len(src_cols) or not len(dst_cols):
            state.notes.append(("note.mix_no_target", {"phase": phase}))
            continue
        has_dst = dst.any(axis=1)
        weight = np.where(dst, np.maximum(state.reach, 1e-9), 0.0)
        dst_perf = np.divide((weight * state.performance).sum(axis=1), weight.sum(axis=1),
                             out=np.zeros(len(has_dst)), where=has_dst)
        moved_contacts = c.share * (contacts[src_cols] * part[src_cols]).sum()
        state.cost[src_cols] -= c.share * vcs * state.cost[src_cols] * part[src_cols]
        dst_weight = np.maximum(contacts[dst_cols], 1.0)
        state.cost[dst_cols] += vcs * per_contact[dst_cols] * moved_contacts * dst_weight / dst_weight.sum()
        for j in src_cols:
            rows = has_dst & src[:, j]
            state.performance[rows, j] = (1 - c.share) * state.performance[rows, j] + c.share * dst_perf[rows]
            moved = np.where(rows, state.shown[:, j] * c.share, 0.0)
            state.shown[:, j] -= moved
            _move_reach(state, moved, dst)


def apply_changes(project: Project, scenario: Scenario) -> State:
    """The model state after the scenario's changes.

    Parameters
    ----------
    project : the project (its :func:`~tpkit.scenario.calibration.baseline` is the starting state).
    scenario : the changes, applied in their kinds' ``order`` (adds first, removals last; changes of
        one kind in the order given) with the scenario's parameters.

    Returns
    -------
    A :class:`State`; a :class:`~tpkit.errors.ModelError` names a change the model cannot apply.

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import ChangeBudget
    >>> state = apply_changes(load_sample("hotel"), Scenario("x", (ChangeBudget("bar", 0.5),)))
    >>> float(state.cost[list(state.tp["touchpoint_id"]).index("bar")])
    80000.0
    """
    b = baseline(project)
    params = parameter_values(scenario)
    state = State(segments=b.segments, tp=b.touchpoints, member=b.member.copy(), reach=b.reach.copy(),
                  performance=b.performance.copy(), coefficient=b.coefficient.copy(),
                  cost=b.touchpoints["annual_cost"].to_numpy(dtype=float, na_value=0.0).copy(),
                  removed_mask=np.zeros(len(b.touchpoints), dtype=bool), shown=b.reach.copy(),
                  low=float(b.scale.low), high=float(b.scale.high),
                  closing=frozenset(c.touchpoint_id for c in scenario.changes if isinstance(c, RemoveTouchpoint)),
                  shift=np.zeros_like(b.performance))
    for change in sorted(scenario.changes, key=lambda c: c.order):
        APPLIERS[type(change)](state, change, project, params)
    return state

"""The what-if model: a scenario is the baseline plus a list of changes.

The baseline is calibrated once per project from the evaluation: per segment ``s`` and
touchpoint ``t`` the reach ``r`` (share of the segment's respondents who rated ``t``), the mean
performance ``p`` and the coefficient ``b`` of performance on the likelihood to recommend,
scaled so that the driver shares equal the key driver analysis
(``b = sqrt(weight) · sd(recommend) / sd(performance)``). A scenario only redoes arithmetic:

* the expected recommendation of segment ``s`` moves by ``Σ_t b · Δ(r · (p − 3))``: meeting a
  touchpoint that performs at the scale's midpoint moves nobody. When a touchpoint closes, part of
  its users (``move_share``) are served by the phase's other direct touchpoints at their
  performance and the rest drop the contact; where no direct touchpoint is left in the phase, the
  phase is a gap and every user gets the scale's worst experience (1). The observed distribution
  of scores shifts by the expected change, giving new promoter and detractor shares and NPS;
* customers are followed month by month over the horizon: retention by recommendation class,
  referrals and lost prospects through the segment's network (:mod:`tpkit.network`), paid
  acquisition in proportion to the reach of pre-purchase touchpoints;
* a segment that grows pushes away segments that dislike meeting it (``segment_fit``) at the
  touchpoints they share.

Every parameter is listed by :func:`parameters` with its value and its source (``data``,
``assumption`` or ``user``).

Example
-------
>>> from tpkit.datasets import load_sample
>>> hotel = load_sample("hotel")
>>> result = simulate(hotel, Scenario("no turndown", (RemoveTouchpoint("turndown"),)))
>>> cost = result.kpis.query("segment_id == 'total' and metric == 'touchpoint_cost'")
>>> int(cost["delta"].iloc[0])
-85000
"""

from __future__ import annotations

import math
import weakref
from dataclasses import asdict, dataclass, field, fields, replace
from typing import ClassVar

import numpy as np
import pandas as pd

from .codes import group_moments, rating_codes
from .drivers import driver_data, key_drivers
from .evaluation import MIN_N, _nps_interval
from .inventory import touchpoint_segments
from .io import Project
from .network import DEFAULT_RATES, referrals_per_year
from .schema import CHANNELS, CONTACTS, KINDS, NETWORKS, PHASES

TOTAL = "total"
WORST = 1.0  # the performance scale's worst value
NEUTRAL = 3.0  # the scale's midpoint: meeting a touchpoint that performs at 3 moves nobody
SCORES = np.arange(11, dtype=float)

#: Model assumptions: name → (default, unit). Network rates are added from :mod:`tpkit.network`.
ASSUMPTIONS: dict[str, tuple[float, str]] = {
    "horizon_months": (12, "months"),
    "move_share": (0.8, "share"),
    "retention_promoter": (0.90, "per_year"),
    "retention_passive": (0.75, "per_year"),
    "retention_detractor": (0.50, "per_year"),
    "budget_elasticity": (0.5, "points"),
    "market_multiple": (10.0, "factor"),
    "fit_elasticity": (1.0, "factor"),
    "variable_cost_share": (0.6, "share"),
    "default_customers_per_respondent": (10.0, "factor"),
    **{f"{net}.{rate}": (value, "per_year" if "contacts" in rate else "share")
       for net, rates in DEFAULT_RATES.items() for rate, value in rates.items()},
}

METRICS: tuple[str, ...] = (
    "experience_index", "recommend", "promoter_share", "detractor_share", "nps", "customers",
    "kept", "won", "lost", "referrals", "lost_word_of_mouth", "fans", "touchpoint_cost",
    "measure_cost", "contribution",
)


# --- changes ----------------------------------------------------------------

@dataclass(frozen=True)
class AddTouchpoint:
    """A new touchpoint. ``reach`` is the share of each segment in ``segments`` that will meet it;
    its coefficient is borrowed from ``similar_to`` (or the phase mean), an assumption."""

    kind: ClassVar[str] = "add"
    touchpoint_id: str
    name: str
    phase: str
    channel: str
    contact: str = "direct"
    touchpoint_kind: str = "service"
    owner: str = ""
    annual_cost: float = 0.0
    performance: float = 4.0
    reach: float = 0.5
    segments: tuple[str, ...] = ("all",)
    similar_to: str | None = None


@dataclass(frozen=True)
class RemoveTouchpoint:
    """Close a touchpoint; ``move_share`` of its users go to the phase's other direct touchpoints
    (None: the model's ``move_share``)."""

    kind: ClassVar[str] = "remove"
    touchpoint_id: str
    move_share: float | None = None


@dataclass(frozen=True)
class ChangePerformance:
    """Raise (or lower) a touchpoint's mean performance by ``delta`` points, for one segment or all."""

    kind: ClassVar[str] = "performance"
    touchpoint_id: str
    delta: float
    segment_id: str | None = None


@dataclass(frozen=True)
class ChangeBudget:
    """Multiply a touchpoint's annual cost by ``factor``; performance moves by
    ``budget_elasticity · ln(factor)`` points."""

    kind: ClassVar[str] = "budget"
    touchpoint_id: str
    factor: float


@dataclass(frozen=True)
class ShiftMix:
    """Move ``share`` of the contacts of offline direct touchpoints to online ones (or back, with
    ``towards="offline"``), in one phase or all."""

    kind: ClassVar[str] = "mix"
    share: float
    phase: str | None = None
    towards: str = "online"


@dataclass(frozen=True)
class ApplyMeasure:
    """Carry out a measure of ``measures.csv``: its uplift is added to its touchpoint, its cost spent."""

    kind: ClassVar[str] = "measure"
    measure_id: str


Change = AddTouchpoint | RemoveTouchpoint | ChangePerformance | ChangeBudget | ShiftMix | ApplyMeasure
CHANGE_TYPES: dict[str, type] = {c.kind: c for c in (AddTouchpoint, RemoveTouchpoint, ChangePerformance,
                                                      ChangeBudget, ShiftMix, ApplyMeasure)}


def change_to_dict(change: Change) -> dict:
    """A change as a plain dict with its ``kind`` (for JSON).

    >>> change_to_dict(RemoveTouchpoint("wifi"))
    {'kind': 'remove', 'touchpoint_id': 'wifi', 'move_share': None}
    """
    out = {"kind": change.kind, **asdict(change)}
    if "segments" in out:
        out["segments"] = list(out["segments"])
    return out


def change_from_dict(data: dict) -> Change:
    """The change a dict of :func:`change_to_dict` describes; ValueError names what is wrong.

    >>> change_from_dict({"kind": "budget", "touchpoint_id": "bar", "factor": 0.5})
    ChangeBudget(touchpoint_id='bar', factor=0.5)
    """
    if not isinstance(data, dict) or data.get("kind") not in CHANGE_TYPES:
        raise ValueError(f"unknown change kind {data.get('kind') if isinstance(data, dict) else data!r}; "
                         f"kinds are {sorted(CHANGE_TYPES)}")
    cls = CHANGE_TYPES[data["kind"]]
    names = {f.name for f in fields(cls)}
    unknown = set(data) - names - {"kind"}
    if unknown:
        raise ValueError(f"change {data['kind']!r} has unknown fields {sorted(unknown)}; fields are {sorted(names)}")
    values = {k: v for k, v in data.items() if k != "kind"}
    if "segments" in values:
        values["segments"] = tuple(values["segments"])
    try:
        return cls(**values)
    except TypeError as error:
        raise ValueError(f"change {data['kind']!r}: {error}") from None


@dataclass(frozen=True)
class Scenario:
    """A named list of changes and the parameters the user set (name → value).

    >>> Scenario("baseline").changes
    ()
    """

    name: str
    changes: tuple[Change, ...] = ()
    parameters: tuple[tuple[str, float], ...] = ()
    description: str = ""

    def with_change(self, change: Change) -> "Scenario":
        """This scenario with one more change."""
        return replace(self, changes=self.changes + (change,))

    def with_parameter(self, name: str, value: float) -> "Scenario":
        """This scenario with parameter ``name`` set by the user."""
        if name not in ASSUMPTIONS and not _is_segment_parameter(name):
            raise ValueError(f"unknown parameter {name!r}; see tpkit.scenario.parameters()")
        kept = tuple((k, v) for k, v in self.parameters if k != name)
        return replace(self, parameters=kept + ((name, float(value)),))

    def to_dict(self) -> dict:
        return {"name": self.name, "description": self.description,
                "changes": [change_to_dict(c) for c in self.changes],
                "parameters": dict(self.parameters)}

    @classmethod
    def from_dict(cls, data: dict) -> "Scenario":
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            raise ValueError("a scenario needs a text 'name'")
        params = data.get("parameters") or {}
        if not isinstance(params, dict):
            raise ValueError("'parameters' must map names to numbers")
        scenario = cls(data["name"], tuple(change_from_dict(c) for c in data.get("changes") or []),
                       description=str(data.get("description") or ""))
        for name, value in params.items():
            scenario = scenario.with_parameter(name, value)
        return scenario


SEGMENT_PARAMETERS = ("customers", "revenue_per_customer", "margin")


def _is_segment_parameter(name: str) -> bool:
    head, _, tail = name.partition(":")
    return head in SEGMENT_PARAMETERS and bool(tail)


# --- baseline -----------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Baseline:
    """What the model knows about a project before any change (arrays are segments × touchpoints)."""

    segments: tuple[str, ...]
    touchpoints: pd.DataFrame
    member: np.ndarray
    reach: np.ndarray
    performance: np.ndarray
    coefficient: np.ndarray
    n: np.ndarray
    counts: np.ndarray
    customers: np.ndarray
    revenue: np.ndarray
    margin: np.ndarray
    network: tuple[str, ...]
    wanted: np.ndarray
    fit: np.ndarray
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)


_BASELINES: "weakref.WeakKeyDictionary[Project, Baseline]" = weakref.WeakKeyDictionary()


def _segment_column(segments: pd.DataFrame, column: str, default: float) -> tuple[np.ndarray, tuple[str, ...]]:
    if column not in segments:
        return np.full(len(segments), default, dtype=float), ("assumption",) * len(segments)
    values = segments[column]
    source = tuple("data" if pd.notna(v) else "assumption" for v in values)
    return np.array([float(v) if pd.notna(v) else default for v in values], dtype=float), source


def baseline(project: Project) -> Baseline:
    """Calibrate the model from ``project`` (cached for the life of the project object).

    >>> from tpkit.datasets import load_sample
    >>> b = baseline(load_sample("hotel"))
    >>> b.reach.shape == (len(b.segments), len(b.touchpoints))
    True
    """
    cached = _BASELINES.get(project)
    if cached is not None:
        return cached
    if project.respondents.empty or project.ratings.empty or project.segments.empty:
        raise ValueError("the what-if model needs segments, respondents and ratings; "
                         "add segments.csv, respondents.csv and ratings.csv to the project")
    tp = project.touchpoints.reset_index(drop=True)
    seg = project.segments.reset_index(drop=True)
    segments = tuple(seg["segment_id"].astype(str))
    S, T = len(segments), len(tp)
    tp_index = {t: i for i, t in enumerate(tp["touchpoint_id"])}
    seg_index = {s: i for i, s in enumerate(segments)}

    member = np.zeros((S, T), dtype=bool)
    pairs = touchpoint_segments(project)
    for t, s in zip(pairs["touchpoint_id"], pairs["segment_id"]):
        if s in seg_index:
            member[seg_index[s], tp_index[t]] = True

    codes = rating_codes(project)
    resp_segment = project.respondents["segment_id"].map(seg_index).to_numpy(dtype=float, na_value=-1).astype(int)
    rec = project.respondents["recommend"].to_numpy(dtype=float, na_value=np.nan)
    ok = (resp_segment >= 0) & ~np.isnan(rec)
    counts = np.zeros((S, 11))
    np.add.at(counts, (resp_segment[ok], rec[ok].astype(int)), 1.0)
    n = counts.sum(axis=1)

    seg_of_rating = np.array([seg_index.get(s, -1) for s in codes.segment_ids])[codes.segment] \
        if len(codes.segment_ids) else np.full(len(codes.segment), -1)
    seg_of_rating = np.where(codes.segment >= 0, seg_of_rating, -1)
    cell = np.where((seg_of_rating >= 0) & (codes.touchpoint >= 0), seg_of_rating * T + codes.touchpoint, -1)
    rated, mean_perf, _ = group_moments(cell, codes.performance, S * T)
    reach = np.divide(rated.reshape(S, T), n[:, None], out=np.zeros((S, T)), where=n[:, None] > 0)
    reach = np.minimum(reach, 1.0)
    performance = np.nan_to_num(mean_perf.reshape(S, T), nan=WORST)

    coefficient = np.zeros((S, T))
    for i, s in enumerate(segments):
        if n[i] < 3:
            continue
        data = driver_data(project, "recommend", s)
        values = data.to_numpy()
        filled = np.where(np.isnan(values), np.nanmean(values, axis=0), values)
        sd = filled.std(axis=0, ddof=1)
        corr = np.array([np.corrcoef(filled[:, j], filled[:, -1])[0, 1] if sd[j] > 0 else 0.0
                         for j in range(values.shape[1] - 1)])
        weights = key_drivers(project, "recommend", s, n_boot=0).set_index("touchpoint_id")["weight"]
        for j, t in enumerate(data.columns[:-1]):
            w = float(weights.get(t, 0.0))
            if sd[j] > 0 and corr[j] > 0 and np.isfinite(w):
                coefficient[i, tp_index[t]] = max(w, 0.0) / corr[j] * sd[-1] / sd[j]

    default_customers = ASSUMPTIONS["default_customers_per_respondent"][0]
    customers, c_src = _segment_column(seg, "customers", 0.0)
    customers = np.where(np.array(c_src) == "data", customers, n * default_customers)
    revenue, r_src = _segment_column(seg, "revenue_per_customer", 0.0)
    margin, m_src = _segment_column(seg, "margin", 0.0)
    network = tuple(str(v) if pd.notna(v) else "weak" for v in seg.get("network", pd.Series([None] * S)))
    wanted = np.array([bool(v) if pd.notna(v) else True for v in seg.get("wanted", pd.Series([None] * S))])
    fit = np.zeros((S, S))
    for a, b, f in zip(project.segment_fit["segment_id"], project.segment_fit["other_segment_id"],
                       project.segment_fit["fit"]):
        if a in seg_index and b in seg_index and pd.notna(f):
            fit[seg_index[a], seg_index[b]] = float(f)
    result = Baseline(
        segments=segments, touchpoints=tp, member=member, reach=reach, performance=performance,
        coefficient=coefficient, n=n, counts=counts, customers=customers, revenue=revenue, margin=margin,
        network=network, wanted=wanted, fit=fit,
        sources={"customers": c_src, "revenue_per_customer": r_src, "margin": m_src,
                 "network": tuple("data" if "network" in seg and pd.notna(v) else "assumption"
                                  for v in seg.get("network", pd.Series([None] * S)))},
    )
    _BASELINES[project] = result
    return result


def calibration(project: Project) -> pd.DataFrame:
    """Reach, performance and coefficient per segment × touchpoint the model starts from (source ``data``).

    >>> from tpkit.datasets import load_sample
    >>> cal = calibration(load_sample("hotel"))
    >>> bool((cal["reach"].between(0, 1)).all())
    True
    """
    b = baseline(project)
    S, T = b.reach.shape
    return pd.DataFrame({
        "segment_id": np.repeat(b.segments, T),
        "touchpoint_id": np.tile(b.touchpoints["touchpoint_id"].to_numpy(), S),
        "member": b.member.ravel(), "reach": b.reach.ravel(), "performance": b.performance.ravel(),
        "coefficient": b.coefficient.ravel(), "source": "data",
    })


def parameters(project: Project, scenario: Scenario | None = None) -> pd.DataFrame:
    """Every model parameter with its value, unit and source (``data``, ``assumption`` or ``user``).

    >>> from tpkit.datasets import load_sample
    >>> p = parameters(load_sample("hotel"), Scenario("x", parameters=(("move_share", 0.5),)))
    >>> row = p.set_index("parameter").loc["move_share"]
    >>> float(row["value"]), row["source"]
    (0.5, 'user')
    """
    b = baseline(project)
    user = dict(scenario.parameters) if scenario else {}
    rows = [{"parameter": k, "segment_id": "", "value": float(user.get(k, v)), "unit": unit,
             "source": "user" if k in user else "assumption"} for k, (v, unit) in ASSUMPTIONS.items()]
    values = {"customers": b.customers, "revenue_per_customer": b.revenue, "margin": b.margin}
    units = {"customers": "customers", "revenue_per_customer": "money", "margin": "share"}
    for name, array in values.items():
        for i, s in enumerate(b.segments):
            key = f"{name}:{s}"
            rows.append({"parameter": key, "segment_id": s, "value": float(user.get(key, array[i])),
                         "unit": units[name], "source": "user" if key in user else b.sources[name][i]})
    for i, s in enumerate(b.segments):
        rows.append({"parameter": f"network:{s}", "segment_id": s, "value": float(NETWORKS.index(b.network[i])),
                     "unit": "network", "source": b.sources["network"][i]})
    return pd.DataFrame(rows, columns=["parameter", "segment_id", "value", "unit", "source"])


# --- applying changes -----------------------------------------------------------

@dataclass
class _State:
    tp: pd.DataFrame
    member: np.ndarray
    reach: np.ndarray
    performance: np.ndarray
    coefficient: np.ndarray
    cost: np.ndarray
    removed_mask: np.ndarray
    shown: np.ndarray
    measure_cost: float = 0.0
    removed: list[str] = field(default_factory=list)
    notes: list[tuple[str, dict]] = field(default_factory=list)


def parameter_values(scenario: Scenario) -> dict[str, float]:
    """The model's assumptions with the scenario's own settings applied (name → value).

    >>> parameter_values(Scenario("x").with_parameter("horizon_months", 24))["horizon_months"]
    24.0
    """
    values = {k: v for k, (v, _) in ASSUMPTIONS.items()}
    values.update(dict(scenario.parameters))
    return values


def _column(state: _State, touchpoint_id: str) -> int:
    hits = np.flatnonzero(state.tp["touchpoint_id"].to_numpy() == touchpoint_id)
    if not len(hits):
        raise ValueError(f"touchpoint {touchpoint_id!r} is not in the inventory (or was removed); "
                         f"choose one of touchpoints.csv")
    return int(hits[0])


def _add(state: _State, c: AddTouchpoint, segments: tuple[str, ...]) -> None:
    if c.touchpoint_id in set(state.tp["touchpoint_id"]):
        raise ValueError(f"touchpoint id {c.touchpoint_id!r} exists already; choose a new id")
    for value, allowed, what in ((c.phase, PHASES, "phase"), (c.channel, CHANNELS, "channel"),
                                 (c.contact, CONTACTS, "contact"), (c.touchpoint_kind, KINDS, "kind")):
        if value not in allowed:
            raise ValueError(f"{what} {value!r} is not one of {list(allowed)}")
    if not 1 <= c.performance <= 5 or not 0 <= c.reach <= 1 or c.annual_cost < 0:
        raise ValueError("a new touchpoint needs performance 1–5, reach 0–1 and a cost ≥ 0")
    serves = np.array([s in c.segments or "all" in c.segments for s in segments])
    phase_of = state.tp["phase"].to_numpy()
    if c.similar_to is not None:
        borrowed = state.coefficient[:, _column(state, c.similar_to)]
    else:
        in_phase = (phase_of == c.phase)[None, :] & state.member
        total = np.where(in_phase, state.coefficient, 0.0).sum(axis=1)
        borrowed = np.divide(total, in_phase.sum(axis=1), out=np.zeros(len(segments)), where=in_phase.any(axis=1))
    row = {"touchpoint_id": c.touchpoint_id, "name": c.name, "phase": c.phase, "channel": c.channel,
           "contact": c.contact, "kind": c.touchpoint_kind, "owner": c.owner,
           "annual_cost": float(c.annual_cost), "annual_contacts": 0}
    state.tp = pd.concat([state.tp, pd.DataFrame([row])], ignore_index=True)
    state.member = np.column_stack([state.member, serves])
    state.reach = np.column_stack([state.reach, np.where(serves, c.reach, 0.0)])
    state.performance = np.column_stack([state.performance, np.full(len(segments), float(c.performance))])
    state.coefficient = np.column_stack([state.coefficient, np.where(serves, borrowed, 0.0)])
    state.cost = np.append(state.cost, float(c.annual_cost))
    state.removed_mask = np.append(state.removed_mask, False)
    state.shown = np.column_stack([state.shown, np.where(serves, c.reach, 0.0)])
    state.notes.append(("note.borrowed_coefficient", {"touchpoint": c.touchpoint_id,
                                                      "similar": c.similar_to or c.phase}))


def _move_reach(state: _State, moved: np.ndarray, targets: np.ndarray) -> None:
    """Show ``moved`` reach (per segment) at the ``targets`` (segments × touchpoints) in proportion to
    their reach, each capped at 1 (what the touchpoint table reports; the model uses performance)."""
    weights = np.where(targets, np.maximum(state.shown, 1e-9), 0.0)
    total = weights.sum(axis=1, keepdims=True)
    share = np.divide(weights, total, out=np.zeros_like(weights), where=total > 0)
    state.shown = np.minimum(state.shown + share * moved[:, None], 1.0)


def _direct_in_phase(state: _State, phase: str, channel: str | None = None) -> np.ndarray:
    tp = state.tp
    ok = (tp["phase"].to_numpy() == phase) & (tp["contact"].to_numpy() == "direct")
    if channel is not None:
        ok &= tp["channel"].to_numpy() == channel
    return state.member & ok[None, :]


def _remove(state: _State, c: RemoveTouchpoint, params: dict[str, float], segments: tuple[str, ...]) -> None:
    """Close touchpoint j. Where the segment has other direct touchpoints in the phase, ``move_share`` of
    its users are served by them (at their reach-weighted performance) and the rest drop the contact
    (neutral); where it has none, the phase is a gap and every user gets the scale's worst experience."""
    j = _column(state, c.touchpoint_id)
    share = params["move_share"] if c.move_share is None else float(c.move_share)
    if not 0 <= share <= 1:
        raise ValueError(f"move_share must be between 0 and 1, not {share}")
    targets = _direct_in_phase(state, state.tp.at[j, "phase"])
    targets[:, j] = False
    targets &= ~state.removed_mask[None, :]
    has_alt = targets.any(axis=1)
    weight = np.where(targets, np.maximum(state.reach, 1e-9), 0.0)
    alt_perf = np.divide((weight * state.performance).sum(axis=1), weight.sum(axis=1),
                         out=np.full(len(segments), WORST), where=has_alt)
    users = state.reach[:, j].copy()
    state.reach[:, j] = np.where(has_alt, users * share, users)
    state.performance[:, j] = np.where(has_alt, alt_perf, WORST)
    state.member[:, j] = False
    state.removed_mask[j] = True
    state.shown[:, j] = 0.0
    _move_reach(state, np.where(has_alt, users * share, 0.0), targets)
    state.cost[j] = 0.0
    state.removed.append(c.touchpoint_id)


def _performance(state: _State, j: int, delta: float | np.ndarray, rows: np.ndarray | slice = slice(None)) -> None:
    state.performance[rows, j] = np.clip(state.performance[rows, j] + delta, 1.0, 5.0)


#: Kinds of touchpoint whose contacts can move between online and offline (a room cannot).
MOVABLE_KINDS = ("human", "service", "communication")


def _mix(state: _State, c: ShiftMix, params: dict[str, float]) -> None:
    """Serve ``share`` of the contacts of direct human, service and communication touchpoints of one
    channel by the phase's direct touchpoints of the other channel: those contacts get the other
    channel's reach-weighted performance; their variable cost moves at the receiving side's cost per
    contact."""
    if not 0 <= c.share <= 1 or c.towards not in ("online", "offline"):
        raise ValueError("a mix shift needs a share between 0 and 1 and towards 'online' or 'offline'")
    source_channel = "offline" if c.towards == "online" else "online"
    contacts = state.tp["annual_contacts"].to_numpy(dtype=float, na_value=0.0)
    movable = state.tp["kind"].isin(MOVABLE_KINDS).to_numpy() & ~state.removed_mask
    vcs = params["variable_cost_share"]
    per_contact = np.divide(state.cost, contacts, out=np.zeros_like(state.cost), where=contacts > 0)
    for phase in (PHASES if c.phase is None else (c.phase,)):
        src = _direct_in_phase(state, phase, source_channel) & movable[None, :]
        dst = _direct_in_phase(state, phase, c.towards) & ~state.removed_mask[None, :]
        src_cols = np.flatnonzero(src.any(axis=0))
        dst_cols = np.flatnonzero(dst.any(axis=0))
        if not len(src_cols) or not len(dst_cols):
            state.notes.append(("note.mix_no_target", {"phase": phase}))
            continue
        has_dst = dst.any(axis=1)
        weight = np.where(dst, np.maximum(state.reach, 1e-9), 0.0)
        dst_perf = np.divide((weight * state.performance).sum(axis=1), weight.sum(axis=1),
                             out=np.zeros(len(has_dst)), where=has_dst)
        moved_contacts = c.share * contacts[src_cols].sum()
        state.cost[src_cols] -= c.share * vcs * state.cost[src_cols]
        dst_weight = np.maximum(contacts[dst_cols], 1.0)
        state.cost[dst_cols] += vcs * per_contact[dst_cols] * moved_contacts * dst_weight / dst_weight.sum()
        for j in src_cols:
            rows = has_dst & src[:, j]
            state.performance[rows, j] = (1 - c.share) * state.performance[rows, j] + c.share * dst_perf[rows]
            moved = np.where(rows, state.shown[:, j] * c.share, 0.0)
            state.shown[:, j] -= moved
            _move_reach(state, moved, dst)


def apply_changes(project: Project, scenario: Scenario) -> _State:
    """The model state after the scenario's changes (adds first, removals last)."""
    b = baseline(project)
    params = parameter_values(scenario)
    state = _State(tp=b.touchpoints, member=b.member.copy(), reach=b.reach.copy(),
                   performance=b.performance.copy(), coefficient=b.coefficient.copy(),
                   cost=b.touchpoints["annual_cost"].to_numpy(dtype=float, na_value=0.0).copy(),
                   removed_mask=np.zeros(len(b.touchpoints), dtype=bool), shown=b.reach.copy())
    order = {"add": 0, "measure": 1, "performance": 2, "budget": 3, "mix": 4, "remove": 5}
    for change in sorted(scenario.changes, key=lambda c: order[c.kind]):
        if isinstance(change, AddTouchpoint):
            _add(state, change, b.segments)
        elif isinstance(change, RemoveTouchpoint):
            _remove(state, change, params, b.segments)
        elif isinstance(change, ChangePerformance):
            rows = slice(None) if change.segment_id is None else _segment_row(b, change.segment_id)
            _performance(state, _column(state, change.touchpoint_id), change.delta, rows)
        elif isinstance(change, ChangeBudget):
            if change.factor < 0:
                raise ValueError(f"budget factor must be ≥ 0, not {change.factor}")
            j = _column(state, change.touchpoint_id)
            state.cost[j] *= change.factor
            delta = params["budget_elasticity"] * math.log(max(change.factor, 1e-3))
            _performance(state, j, delta)
        elif isinstance(change, ShiftMix):
            _mix(state, change, params)
        elif isinstance(change, ApplyMeasure):
            m = project.measures[project.measures["measure_id"] == change.measure_id]
            if m.empty:
                raise ValueError(f"measure {change.measure_id!r} is not in measures.csv")
            j = _column(state, str(m["touchpoint_id"].iloc[0]))
            _performance(state, j, float(m["uplift"].iloc[0]))
            state.measure_cost += float(m["cost"].iloc[0])
    return state


def _segment_row(b: Baseline, segment_id: str) -> int:
    if segment_id not in b.segments:
        raise ValueError(f"segment {segment_id!r} is not in segments.csv")
    return b.segments.index(segment_id)


# --- outcomes -------------------------------------------------------------------

def class_shares(counts: np.ndarray, shift: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Promoter share, detractor share and mean score after shifting every score by ``shift``.

    Each integer score stands for the interval score ± 0.5, so a shift moves a fraction of a
    score's respondents across a class border; no shift gives the observed shares exactly.

    >>> pro, det, mean = class_shares(np.array([[0] * 8 + [1, 1, 0.0]]), np.array([0.5]))
    >>> float(pro[0]), float(det[0]), float(mean[0])
    (0.75, 0.0, 9.0)
    """
    shift = shift[:, None]
    n = counts.sum(axis=1)
    low = SCORES[None, :] - 0.5 + shift
    above_promoter = np.clip(low + 1.0 - 8.5, 0.0, 1.0)
    below_detractor = np.clip(6.5 - low, 0.0, 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        pro = (counts * above_promoter).sum(axis=1) / n
        det = (counts * below_detractor).sum(axis=1) / n
        mean = (counts * np.clip(SCORES[None, :] + shift, 0, 10)).sum(axis=1) / n
    return pro, det, mean


def _customers_over_horizon(b: Baseline, params: dict[str, float], customers: np.ndarray, pro: np.ndarray,
                            det: np.ndarray, acquisition: np.ndarray, paid_base: np.ndarray | None):
    """Month-by-month cohort recursion per segment; returns the totals and the baseline paid intake."""
    months = int(params["horizon_months"])
    monthly = {k: params[f"retention_{k}"] ** (1 / 12) for k in ("promoter", "passive", "detractor")}
    keep_rate = pro * monthly["promoter"] + (1 - pro - det) * monthly["passive"] + det * monthly["detractor"]
    per_promoter = np.array([referrals_per_year(params[f"{n}.promoter_contacts"], params[f"{n}.promoter_conversion"])
                             for n in b.network]) / 12
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


@dataclass(frozen=True)
class Simulation:
    """What :func:`simulate` returns: tidy frames.

    ``kpis``: segment_id (``total`` for all), metric, baseline, scenario, delta, scenario_low, scenario_high,
    n, small. ``gaps``: the journey gaps the scenario opens. ``clashes``: segments pushed away by a
    growing segment they dislike. ``touchpoints``: per touchpoint cost and reach, before and after.
    ``notes``: assumptions the scenario rests on, as i18n keys with parameters.
    """

    scenario: Scenario
    kpis: pd.DataFrame
    gaps: pd.DataFrame
    clashes: pd.DataFrame
    touchpoints: pd.DataFrame
    notes: tuple[tuple[str, dict], ...]

    def value(self, metric: str, segment_id: str = TOTAL, column: str = "scenario") -> float:
        """One number of the KPI table.

        >>> from tpkit.datasets import load_sample
        >>> round(simulate(load_sample("hotel"), Scenario("x")).value("nps", "business", "delta"), 6)
        0.0
        """
        row = self.kpis[(self.kpis["segment_id"] == segment_id) & (self.kpis["metric"] == metric)]
        return float(row[column].iloc[0])


def _segment_values(b: Baseline, params: dict[str, float], name: str) -> np.ndarray:
    """Per segment value of ``name`` (one of :data:`SEGMENT_PARAMETERS`): the user's where set, else the baseline's."""
    base = {"customers": b.customers, "revenue_per_customer": b.revenue, "margin": b.margin}[name]
    return np.array([params.get(f"{name}:{s}", base[i]) for i, s in enumerate(b.segments)])


def _outcomes(b: Baseline, state: _State, params: dict[str, float], paid_base: np.ndarray | None):
    S = len(b.segments)
    T0 = b.reach.shape[1]
    contribution = state.coefficient * state.reach * (state.performance - NEUTRAL)
    base_contribution = b.coefficient * b.reach * (b.performance - NEUTRAL)
    visible = state.shown
    shift = contribution.sum(axis=1) - base_contribution.sum(axis=1)
    pro, det, mean = class_shares(b.counts, shift)
    weight = np.abs(b.coefficient) * b.reach
    denom = 4.0 * weight.sum(axis=1)
    ei_weight = np.abs(state.coefficient) * np.maximum(state.reach, 0)
    experience = 100 * np.divide((ei_weight * (state.performance - WORST)).sum(axis=1), denom,
                                 out=np.zeros(S), where=denom > 0)
    customers = _segment_values(b, params, "customers")
    revenue = _segment_values(b, params, "revenue_per_customer")
    margin = _segment_values(b, params, "margin")
    pre = (state.tp["phase"].to_numpy() == "pre_purchase")
    base_pre = b.reach[:, pre[:T0]].sum(axis=1)
    acquisition = np.divide(visible[:, pre].sum(axis=1), base_pre, out=np.ones(S), where=base_pre > 0)
    flows, paid_base = _customers_over_horizon(b, params, customers, pro, det, acquisition, paid_base)
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


def _totals(values: dict[str, np.ndarray], weights: np.ndarray, unallocated: float, measure_cost: float) -> dict:
    out = {}
    w = weights / weights.sum() if weights.sum() > 0 else np.full(len(weights), 1 / len(weights))
    for k, v in values.items():
        if k in ("experience_index", "recommend", "promoter_share", "detractor_share", "nps"):
            out[k] = float((v * w).sum())
        else:
            out[k] = float(v.sum())
    out["touchpoint_cost"] += unallocated
    out["measure_cost"] = measure_cost
    return out


def _gap_status(tp: pd.DataFrame, member: np.ndarray) -> np.ndarray:
    """segments × phases: 0 ok, 1 indirect only, 2 missing."""
    phase = tp["phase"].to_numpy()
    direct = tp["contact"].to_numpy() == "direct"
    status = np.zeros((member.shape[0], len(PHASES)), dtype=int)
    for k, p in enumerate(PHASES):
        in_phase = member & (phase == p)[None, :]
        has_direct = (in_phase & direct[None, :]).any(axis=1)
        status[:, k] = np.where(has_direct, 0, np.where(in_phase.any(axis=1), 1, 2))
    return status


GAP_STATUS = ("ok", "indirect_only", "missing")


def _clashes(b: Baseline, state: _State, base: dict, scen: dict, params: dict[str, float]) -> tuple[np.ndarray, pd.DataFrame]:
    growth = scen["customers"] - base["customers"]
    S = len(b.segments)
    loss = np.zeros(S)
    rows = []
    meets = state.shown > 0
    for a in np.flatnonzero(growth > 0):
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
            lost = min(lost, scen["customers"][v])
            loss[v] += lost
            rows.append({"growing": b.segments[a], "segment_id": b.segments[v], "fit": f, "shared": shared,
                         "growth": float(growth[a]), "customers_lost": float(lost),
                         "wanted": bool(b.wanted[v])})
    frame = pd.DataFrame(rows, columns=["growing", "segment_id", "fit", "shared", "growth", "customers_lost",
                                        "wanted"])
    return loss, frame


_BASE_RESULTS: "weakref.WeakKeyDictionary[Project, dict]" = weakref.WeakKeyDictionary()


def _baseline_outcomes(project: Project, params: dict[str, float]):
    key = tuple(sorted(params.items()))
    cache = _BASE_RESULTS.setdefault(project, {})
    if key not in cache:
        b = baseline(project)
        state = apply_changes(project, Scenario("baseline"))
        values, paid_base, unallocated = _outcomes(b, state, params, None)
        if len(cache) > 32:
            cache.clear()
        cache[key] = (values, paid_base, unallocated, _gap_status(b.touchpoints, b.member))
    return cache[key]


def simulate(project: Project, scenario: Scenario, min_n: int = MIN_N) -> Simulation:
    """Project the scenario against the baseline, per segment and in total.

    >>> from tpkit.datasets import load_sample
    >>> s = simulate(load_sample("hotel"), Scenario("app", (AddTouchpoint("app", "App", "purchase", "online",
    ...     annual_cost=40000, performance=4.5, reach=0.4, similar_to="checkin_desk"),)))
    >>> s.value("nps", "business", "delta") > 0
    True
    """
    b = baseline(project)
    params = parameter_values(scenario)
    base_values, paid_base, base_unallocated, base_gaps = _baseline_outcomes(project, params)
    state = apply_changes(project, scenario)
    values, _, unallocated = _outcomes(b, state, params, paid_base)
    loss, clashes = _clashes(b, state, base_values, values, params)
    if loss.any():
        values = dict(values)
        values["customers"] = values["customers"] - loss
        values["lost"] = values["lost"] + loss
        values["fans"] = values["customers"] * values["promoter_share"]
    weights = _segment_values(b, params, "customers")
    base_total = _totals(base_values, weights, base_unallocated, 0.0)
    scen_total = _totals(values, weights, unallocated, state.measure_cost)

    segment_ids = list(b.segments) + [TOTAL]
    n_all = np.append(b.n, b.n.sum())
    rows = []
    for metric in METRICS:
        base = np.append(base_values[metric], base_total[metric])
        scen = np.append(values[metric], scen_total[metric])
        rows.append(pd.DataFrame({"segment_id": segment_ids, "metric": metric, "baseline": base,
                                  "scenario": scen, "n": n_all}))
    kpis = pd.concat(rows, ignore_index=True)
    kpis["delta"] = kpis["scenario"] - kpis["baseline"]
    kpis["scenario_low"] = np.nan
    kpis["scenario_high"] = np.nan
    pro = np.append(values["promoter_share"], scen_total["promoter_share"])
    det = np.append(values["detractor_share"], scen_total["detractor_share"])
    low, high = _nps_interval(pro * n_all, det * n_all, n_all, 0.95)
    is_nps = kpis["metric"].to_numpy() == "nps"
    kpis.loc[is_nps, "scenario_low"] = low
    kpis.loc[is_nps, "scenario_high"] = high
    kpis["small"] = kpis["n"] < min_n
    kpis["n"] = kpis["n"].astype(int)
    kpis = kpis[["segment_id", "metric", "baseline", "scenario", "delta", "scenario_low", "scenario_high",
                 "n", "small"]]

    status = _gap_status(state.tp, state.member)
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
    notes = tuple(state.notes) + tuple(("note.clash", {"growing": r.growing, "segment": r.segment_id,
                                                         "lost": r.customers_lost})
                                       for r in clashes.itertuples())
    return Simulation(scenario, kpis, gaps, clashes, touchpoints, notes)


def compare(project: Project, scenarios: list[Scenario]) -> pd.DataFrame:
    """The KPI tables of several scenarios stacked, with the scenario's ``name`` as first column.

    >>> from tpkit.datasets import load_sample
    >>> hotel = load_sample("hotel")
    >>> table = compare(hotel, [Scenario("a"), Scenario("b", (RemoveTouchpoint("bar"),))])
    >>> sorted(table["name"].unique())
    ['a', 'b']
    """
    frames = [simulate(project, s).kpis for s in scenarios]
    if not frames:
        return pd.DataFrame(columns=["name", *simulate(project, Scenario("baseline")).kpis.columns])
    out = pd.concat([f.assign(name=s.name) for f, s in zip(frames, scenarios)], ignore_index=True)
    return out[["name"] + [c for c in out.columns if c != "name"]]

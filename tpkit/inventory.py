"""Part 1 of the method: the inventory (Bestandsaufnahme) of touchpoints.

Plain functions on the touchpoints table (or a project) returning tidy frames:
the coverage of the journey by phase and channel, journey gaps (overall and per
segment), ownership by department, cost per contact and a summary.

Example
-------
>>> import pandas as pd
>>> tp = pd.DataFrame({"touchpoint_id": ["a", "b"], "phase": ["usage", "usage"],
...     "channel": ["online", "offline"], "contact": ["direct", "indirect"],
...     "owner": ["IT", "PR"], "annual_cost": [100.0, 50.0], "annual_contacts": [10, 0]})
>>> usage = by_phase(tp).set_index("phase").loc["usage"]
>>> int(usage.touchpoints), float(usage.annual_cost)
(2, 150.0)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .io import Project, split_segments
from .schema import ALL_SEGMENTS, CHANNELS, PHASES, UNKNOWN


def _ordered(frame: pd.DataFrame, column: str, order: tuple[str, ...]) -> pd.Series:
    return pd.Categorical(frame[column], categories=list(order), ordered=True)


def with_unknown(values: tuple[str, ...], present) -> tuple[str, ...]:
    """``values`` and, when ``present`` holds it, ``unknown`` last (the journey's phases, the channels …).

    >>> with_unknown(("online", "offline"), ["online", "unknown"])
    ('online', 'offline', 'unknown')
    """
    return values + (UNKNOWN,) if UNKNOWN in set(present) else values


def _owners(touchpoints: pd.DataFrame) -> pd.Series:
    """Each touchpoint's owner; ``unknown`` where none is given."""
    return touchpoints["owner"].astype(object).where(touchpoints["owner"].notna(), UNKNOWN)


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator, NaN where the denominator is 0 (undefined, not infinite)."""
    num = numerator.astype("float64")
    den = denominator.astype("float64")
    return num.div(den.where(den != 0))


def touchpoint_segments(project: Project) -> pd.DataFrame:
    """Which segment meets which touchpoint.

    Returns
    -------
    One row per pair: ``touchpoint_id``, ``segment_id``. ``all`` in ``touchpoints.segments`` expands
    to every segment of the project; without a segments table the segment is ``all``.

    >>> from tpkit.datasets import load_sample
    >>> pairs = touchpoint_segments(load_sample("hotel"))
    >>> set(pairs.columns) == {"touchpoint_id", "segment_id"}
    True
    """
    every = project.segments["segment_id"].tolist() or [ALL_SEGMENTS]
    rows = []
    for tp_id, cell in zip(project.touchpoints["touchpoint_id"], project.touchpoints["segments"]):
        ids = every if str(cell).strip().lower() == ALL_SEGMENTS else split_segments(str(cell))
        rows += [(tp_id, s) for s in ids]
    return pd.DataFrame(rows, columns=["touchpoint_id", "segment_id"])


def coverage_matrix(touchpoints: pd.DataFrame) -> pd.DataFrame:
    """Touchpoints, direct ones, cost and contacts for every phase × channel (zeros included).

    Returns
    -------
    12 rows (4 phases × 3 channels; an ``unknown`` phase or channel adds its own row or column when a
    touchpoint has it): ``phase``, ``channel``, ``touchpoints``, ``direct``, ``annual_cost``,
    ``annual_contacts`` (NaN for a cell whose touchpoints all lack the figure; a cell without touchpoints
    has 0).

    >>> import pandas as pd
    >>> tp = pd.DataFrame({"phase": ["usage"], "channel": ["online"], "contact": ["direct"],
    ...                    "annual_cost": [10.0], "annual_contacts": [5]})
    >>> m = coverage_matrix(tp)
    >>> len(m), int(m.touchpoints.sum()), float(m.annual_cost.sum())
    (12, 1, 10.0)
    """
    grid = pd.MultiIndex.from_product([with_unknown(PHASES, touchpoints["phase"]),
                                       with_unknown(CHANNELS, touchpoints["channel"])], names=["phase", "channel"])
    return _totals(touchpoints, grid).drop(columns=["paired_cost", "paired_contacts"])


def _total(values: pd.Series) -> float:
    """The sum of the values given; NaN when none is (unknown, not 0)."""
    return values.sum(min_count=1)


def _totals(touchpoints: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    """Touchpoints, direct ones, costs and contacts (and both again where both are given, see
    :func:`_known_sums`) per group of ``index`` (its names are the columns grouped by), in its order: a
    group without touchpoints has 0, one whose touchpoints give no cost NaN."""
    tp = _known_sums(touchpoints.assign(direct=(touchpoints["contact"] == "direct").astype(int)))
    sums = {c: (c, _total) for c in ("annual_cost", "annual_contacts", "paired_cost", "paired_contacts")}
    grouped = tp.groupby(list(index.names), observed=True).agg(
        touchpoints=("phase", "size"), direct=("direct", "sum"), **sums)
    out = grouped.reindex(index).reset_index()
    empty = out["touchpoints"].isna()   # no touchpoint: nothing spent; touchpoints without any cost given: unknown
    out[["touchpoints", "direct"]] = out[["touchpoints", "direct"]].fillna(0).astype(int)
    out[list(sums)] = out[list(sums)].astype("float64").mask(empty, 0.0)
    return out


def _known_sums(tp: pd.DataFrame) -> pd.DataFrame:
    """Costs and contacts as floats (NaN where not given), and both again where both are given (a cost per
    contact divides only what belongs together)."""
    cost = tp["annual_cost"].astype("float64")
    contacts = tp["annual_contacts"].astype("float64")
    both = cost.notna() & contacts.notna()
    return tp.assign(annual_cost=cost, annual_contacts=contacts, paired_cost=cost.where(both),
                     paired_contacts=contacts.where(both))


def _gap_rows(tp: pd.DataFrame, segment: str) -> list[dict]:
    rows = []
    unsure = bool((tp["phase"] == UNKNOWN).any() | (tp["contact"] == UNKNOWN).any())
    for phase in PHASES:
        in_phase = tp[tp["phase"] == phase]
        n_direct = int((in_phase["contact"] == "direct").sum())
        n_indirect = int((in_phase["contact"] == "indirect").sum())
        status = "ok" if n_direct else UNKNOWN if unsure else ("indirect_only" if n_indirect else "missing")
        rows.append({"segment_id": segment, "phase": phase, "n_direct": n_direct,
                     "n_indirect": n_indirect, "status": status})
    return rows


def journey_gaps(project: Project, *, only_gaps: bool = False) -> pd.DataFrame:
    """Direct and indirect touchpoints per phase, overall (segment ``all``) and per segment.

    Parameters
    ----------
    only_gaps : keep only the rows that are gaps (``indirect_only`` or ``missing``).

    Returns
    -------
    One row per segment (``all`` first) and phase: ``segment_id``, ``phase``, ``n_direct``,
    ``n_indirect``, ``status`` — ``ok`` (a direct touchpoint exists), ``indirect_only`` (only
    reviews, partners, word of mouth …) or ``missing``; both of the latter are journey gaps. Where some
    touchpoints' phase or contact is unknown, a phase without a known direct touchpoint is ``unknown``
    (no gap can be claimed).

    >>> from tpkit.datasets import load_sample
    >>> gaps = journey_gaps(load_sample("hotel"), only_gaps=True)
    >>> set(gaps.status) <= {"indirect_only", "missing"}
    True
    """
    rows = _gap_rows(project.touchpoints, ALL_SEGMENTS)
    if not project.segments.empty:
        pairs = touchpoint_segments(project)
        for segment in project.segments["segment_id"]:
            met = pairs.loc[pairs["segment_id"] == segment, "touchpoint_id"]
            rows += _gap_rows(project.touchpoints[project.touchpoints["touchpoint_id"].isin(met)], segment)
    out = pd.DataFrame(rows, columns=["segment_id", "phase", "n_direct", "n_indirect", "status"])
    if only_gaps:
        out = out[out["status"].isin(["indirect_only", "missing"])].reset_index(drop=True)
    return out


def by_owner(touchpoints: pd.DataFrame) -> pd.DataFrame:
    """Per owning department: touchpoints, phases covered, cost, contacts, their shares and cost per contact.

    Returns
    -------
    One row per ``owner``: ``touchpoints``, ``phases`` (comma-separated, journey order),
    ``annual_cost``, ``annual_contacts``, ``share_of_cost``, ``share_of_contacts``,
    ``cost_per_contact`` (NaN for a department with no contacts; only touchpoints that give both
    figures count); costs and contacts are NaN where none of the department's touchpoints gives them;
    dearest first.

    >>> from tpkit.datasets import load_sample
    >>> by_owner(load_sample("hotel").touchpoints)["share_of_cost"].sum().round(6)
    np.float64(1.0)
    """
    phases = with_unknown(PHASES, touchpoints["phase"])
    tp = _known_sums(touchpoints).assign(phase_rank=_ordered(touchpoints, "phase", phases).codes,
                                         owner=_owners(touchpoints))
    grouped = tp.groupby("owner", sort=False).agg(
        touchpoints=("owner", "size"),
        annual_cost=("annual_cost", _total),
        annual_contacts=("annual_contacts", _total),
        paired_cost=("paired_cost", _total),
        paired_contacts=("paired_contacts", _total),
        phase_ranks=("phase_rank", lambda r: sorted(set(r))),
    )
    grouped["phases"] = [", ".join(phases[i] for i in ranks) for ranks in grouped.pop("phase_ranks")]
    out = grouped.reset_index()
    out["share_of_cost"] = _ratio(out["annual_cost"], pd.Series(out["annual_cost"].sum(), index=out.index))
    out["share_of_contacts"] = _ratio(out["annual_contacts"],
                                      pd.Series(out["annual_contacts"].sum(), index=out.index))
    out["cost_per_contact"] = _ratio(out["paired_cost"], out["paired_contacts"])
    out = out.sort_values(["annual_cost", "owner"], ascending=[False, True], kind="stable")
    return out[["owner", "touchpoints", "phases", "annual_cost", "annual_contacts",
                "share_of_cost", "share_of_contacts", "cost_per_contact"]].reset_index(drop=True)


def by_phase(touchpoints: pd.DataFrame) -> pd.DataFrame:
    """Per journey phase (all four, in order; ``unknown`` last when a touchpoint has it): touchpoints, direct
    ones, cost, contacts, cost per contact.

    Returns
    -------
    4 (or 5) rows: ``phase``, ``touchpoints``, ``direct``, ``annual_cost``, ``annual_contacts``,
    ``cost_per_contact``, ``share_of_cost``.

    >>> from tpkit.datasets import load_sample
    >>> by_phase(load_sample("hotel").touchpoints)["phase"].tolist()
    ['pre_purchase', 'purchase', 'usage', 'loyalty']
    """
    out = _totals(touchpoints, pd.Index(with_unknown(PHASES, touchpoints["phase"]), name="phase"))
    out["cost_per_contact"] = _ratio(out.pop("paired_cost"), out.pop("paired_contacts"))
    out["share_of_cost"] = _ratio(out["annual_cost"], pd.Series(out["annual_cost"].sum(), index=out.index))
    return out


def cost_per_contact(touchpoints: pd.DataFrame) -> pd.DataFrame:
    """Each touchpoint's cost per contact, dearest first; NaN where it has no contacts or its cost or contacts
    are not given.

    Returns
    -------
    One row per touchpoint: ``touchpoint_id``, ``name``, ``phase``, ``owner``, ``annual_cost``,
    ``annual_contacts``, ``cost_per_contact``.

    >>> import pandas as pd
    >>> tp = pd.DataFrame({"touchpoint_id": ["a", "b"], "name": ["A", "B"], "phase": ["usage"] * 2,
    ...     "owner": ["IT", "IT"], "annual_cost": [100.0, 30.0], "annual_contacts": [4, 0]})
    >>> cost_per_contact(tp)["cost_per_contact"].tolist()
    [25.0, nan]
    """
    cols = ["touchpoint_id", "name", "phase", "owner", "annual_cost", "annual_contacts"]
    out = touchpoints[cols].copy()
    out["annual_cost"] = out["annual_cost"].astype("float64")
    out["annual_contacts"] = out["annual_contacts"].astype("float64")   # NaN where the data gives none
    out["cost_per_contact"] = _ratio(out["annual_cost"], out["annual_contacts"])
    return out.sort_values("cost_per_contact", ascending=False, na_position="last", kind="stable").reset_index(
        drop=True)


def inventory_summary(project: Project) -> pd.DataFrame:
    """Key figures of the inventory as ``metric`` / ``value`` rows (labels via ``i18n``, key ``summary.*``).

    Returns
    -------
    Rows ``touchpoints``, ``direct_share``, ``online_share``, ``annual_cost``, ``annual_contacts``,
    ``cost_per_contact``, ``owners``, ``segments``, ``phase_gaps``, ``segment_gaps``, ``unknown_journey``
    (touchpoints whose phase, channel, contact or kind is unknown) and ``unknown_cost`` (touchpoints
    without a cost; the cost figures leave them out).

    >>> from tpkit.datasets import load_sample
    >>> s = inventory_summary(load_sample("hotel")).set_index("metric")["value"]
    >>> int(s["touchpoints"]) == len(load_sample("hotel").touchpoints)
    True
    """
    tp = _known_sums(project.touchpoints)
    n = len(tp)
    cost = float(tp["annual_cost"].sum(min_count=1))          # of the touchpoints whose cost is given
    contacts = float(tp["annual_contacts"].sum(min_count=1))
    paired = float(tp["paired_contacts"].sum())
    gaps = journey_gaps(project, only_gaps=True)
    contact, channel = tp["contact"][tp["contact"] != UNKNOWN], tp["channel"][tp["channel"] != UNKNOWN]
    values = {
        "touchpoints": n,
        "direct_share": float((contact == "direct").mean()) if len(contact) else np.nan,   # of those known
        "online_share": float((channel == "online").mean()) if len(channel) else np.nan,
        "annual_cost": cost,
        "annual_contacts": contacts,
        "cost_per_contact": float(tp["paired_cost"].sum()) / paired if paired else np.nan,
        "owners": int(tp["owner"].nunique()),
        "segments": int(len(project.segments)),
        "phase_gaps": int((gaps["segment_id"] == ALL_SEGMENTS).sum()),
        "segment_gaps": int((gaps["segment_id"] != ALL_SEGMENTS).sum()),
        "unknown_journey": int(tp[["phase", "channel", "contact", "kind"]].eq(UNKNOWN).any(axis=1).sum()),
        "unknown_cost": int(tp["annual_cost"].isna().sum()),
    }
    return pd.DataFrame({"metric": list(values), "value": list(values.values())})

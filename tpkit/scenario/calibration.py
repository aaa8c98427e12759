"""The baseline: what the what-if model knows about a project before any change, calibrated once.

Per segment ``s`` and touchpoint ``t``: the reach ``r`` (share of the segment's respondents who rated
``t``), the mean performance ``p`` and the coefficient ``b`` of performance on the likelihood to
recommend, scaled so that the driver shares equal the key driver analysis; per segment the customers,
revenue, margin, network and fit. :func:`parameters` lists every number the model uses with its source.

Example
-------
>>> from tpkit.datasets import load_sample
>>> b = baseline(load_sample("hotel"))
>>> b.segments[:2]
('business', 'conference')
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..codes import group_moments, rating_codes
from ..drivers import driver_data, key_drivers, mean_filled_scatter, respondent_weights
from ..errors import ModelError
from ..inventory import touchpoint_segments
from ..io import Project
from ..network import network_checklist
from ..outcome import FIVE_POINTS, NPS_OUTCOME, OutcomeSpec, RatingScale
from ..stats import effective_n
from ..schema import NETWORKS
from .assumptions import ASSUMPTIONS

if TYPE_CHECKING:
    from .changes import Scenario


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
    scale: RatingScale = FIVE_POINTS
    outcome: OutcomeSpec = NPS_OUTCOME
    n_eff: np.ndarray | None = None      # per segment, and ``n_eff_total``: Kish's effective sample size
    n_eff_total: float = 0.0             # (``n`` without survey weights), for the intervals


_BASELINES: "weakref.WeakKeyDictionary[Project, Baseline]" = weakref.WeakKeyDictionary()


def _segment_column(segments: pd.DataFrame, column: str, default: float) -> tuple[np.ndarray, tuple[str, ...]]:
    if column not in segments:
        return np.full(len(segments), default, dtype=float), ("assumption",) * len(segments)
    values = segments[column]
    source = tuple("data" if pd.notna(v) else "assumption" for v in values)
    return np.array([float(v) if pd.notna(v) else default for v in values], dtype=float), source


def _coefficients(project: Project, segments: tuple[str, ...], n: np.ndarray, tp_index: dict[str, int]) -> np.ndarray:
    """``b = weight / corr · sd(recommend) / sd(performance)`` per segment × touchpoint (0 where not positive)."""
    coefficient = np.zeros((len(segments), len(tp_index)))
    for i, s in enumerate(segments):
        if n[i] < 3:
            continue
        data = driver_data(project, outcome="recommend", segment=s)
        values = data.to_numpy()
        scatter = mean_filled_scatter(values, respondent_weights(project, data.index))   # not met: at its mean
        sd = np.sqrt(np.diagonal(scatter))
        with np.errstate(invalid="ignore", divide="ignore"):
            corr = np.where(sd[:-1] > 0, scatter[:-1, -1] / (sd[:-1] * sd[-1]), 0.0)
        weights = key_drivers(project, outcome="recommend", segment=s, n_boot=0).set_index("touchpoint_id")["weight"]
        for j, t in enumerate(data.columns[:-1]):
            w = float(weights.get(t, 0.0))
            if sd[j] > 0 and corr[j] > 0 and np.isfinite(w):
                coefficient[i, tp_index[t]] = max(w, 0.0) / corr[j] * sd[-1] / sd[j]
    return coefficient


def baseline(project: Project) -> Baseline:
    """Calibrate the model from ``project`` (cached for the life of the project object).

    Parameters
    ----------
    project : a project with segments, respondents and ratings (otherwise a
        :class:`~tpkit.errors.ModelError` says which files to add).

    Returns
    -------
    A :class:`Baseline`: ``segments``, ``touchpoints``; segments × touchpoints arrays ``member``,
    ``reach``, ``performance``, ``coefficient``; per segment ``n``, ``counts`` (respondents per score
    0–10), ``customers``, ``revenue``, ``margin``, ``network``, ``wanted``; ``fit`` (segments × segments)
    and the ``sources`` of the per segment values.

    Notes
    -----
    ``reach = rated / n`` (capped at 1); ``performance`` is the mean rating (the scale's worst,
    ``project.rating_scale.low``, where nobody rated); ``b = w / ρ · sd(recommend) / sd(p)`` with ``w`` the touchpoint's key driver weight
    (its part of R², :func:`tpkit.drivers.key_drivers`) and ``ρ = corr(p, recommend)`` (a touchpoint not
    met counts at its mean), 0 where ``w`` or ``ρ`` is not positive; with one driver ``w = ρ²`` and ``b``
    is the regression slope. Customers default to ``n · default_customers_per_respondent``. With survey
    weights the scores per segment are its weighted shares (times n), reach is the weighted share who
    met the touchpoint, and performance, ``w``, ``ρ`` and the standard deviations are weighted.

    >>> from tpkit.datasets import load_sample
    >>> b = baseline(load_sample("hotel"))
    >>> b.reach.shape == (len(b.segments), len(b.touchpoints))
    True
    """
    cached = _BASELINES.get(project)
    if cached is not None:
        return cached
    if project.respondents.empty or project.ratings.empty or project.segments.empty:
        raise ModelError("model_needs_data")
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
    weights = respondent_weights(project, project.respondents["respondent_id"])
    n_eff, n_eff_total = n.copy(), float(n.sum())
    if weights is not None:   # weighted answers: each segment's scores in its weighted shares, n respondents in all
        weighted = np.zeros((S, 11))
        np.add.at(weighted, (resp_segment[ok], rec[ok].astype(int)), weights[ok])
        total = weighted.sum(axis=1, keepdims=True)
        counts = np.divide(weighted * n[:, None], total, out=np.zeros((S, 11)), where=total > 0)
        n_eff = np.array([effective_n(weights[ok & (resp_segment == i)]) for i in range(S)])
        n_eff_total = effective_n(weights[ok])

    seg_of_rating = np.array([seg_index.get(s, -1) for s in codes.segment_ids])[codes.segment] \
        if len(codes.segment_ids) else np.full(len(codes.segment), -1)
    seg_of_rating = np.where(codes.segment >= 0, seg_of_rating, -1)
    cell = np.where((seg_of_rating >= 0) & (codes.touchpoint >= 0), seg_of_rating * T + codes.touchpoint, -1)
    rated, mean_perf, _ = group_moments(cell, codes.performance, S * T, codes.weight)
    if codes.weight is not None:   # the weighted share of the segment that met the touchpoint
        met = np.bincount(cell[cell >= 0], weights=np.nan_to_num(codes.weight[cell >= 0]), minlength=S * T)
        total = np.bincount(resp_segment[ok], weights=weights[ok], minlength=S)
        reach = np.divide(met.reshape(S, T), total[:, None], out=np.zeros((S, T)), where=total[:, None] > 0)
    else:
        reach = np.divide(rated.reshape(S, T), n[:, None], out=np.zeros((S, T)), where=n[:, None] > 0)
    reach = np.minimum(reach, 1.0)
    performance = np.nan_to_num(mean_perf.reshape(S, T), nan=float(project.rating_scale.low))
    coefficient = _coefficients(project, segments, n, tp_index)

    default_customers = ASSUMPTIONS["default_customers_per_respondent"][0]
    customers, c_src = _segment_column(seg, "customers", 0.0)
    customers = np.where(np.array(c_src) == "data", customers, n * default_customers)
    revenue, r_src = _segment_column(seg, "revenue_per_customer", 0.0)
    margin, m_src = _segment_column(seg, "margin", 0.0)
    checklist = network_checklist(seg)    # the method's checklist where scored, else the typed network
    network = tuple(str(v) if pd.notna(v) else "weak" for v in checklist["network"])
    wanted = np.array([bool(v) if pd.notna(v) else True for v in seg.get("wanted", pd.Series([None] * S))])
    fit = np.zeros((S, S))
    for a, b, f in zip(project.segment_fit["segment_id"], project.segment_fit["other_segment_id"],
                       project.segment_fit["fit"]):
        if a in seg_index and b in seg_index and pd.notna(f):
            fit[seg_index[a], seg_index[b]] = float(f)
    result = Baseline(
        segments=segments, touchpoints=tp, member=member, reach=reach, performance=performance,
        coefficient=coefficient, n=n, counts=counts, customers=customers, revenue=revenue, margin=margin,
        network=network, wanted=wanted, fit=fit, scale=project.rating_scale, outcome=project.outcome,
        n_eff=n_eff, n_eff_total=n_eff_total,
        sources={"customers": c_src, "revenue_per_customer": r_src, "margin": m_src,
                 "network": tuple("data" if pd.notna(v) else "assumption" for v in checklist["network"])},
    )
    _BASELINES[project] = result
    return result


def calibration(project: Project) -> pd.DataFrame:
    """Reach, performance and coefficient per segment × touchpoint the model starts from.

    Parameters
    ----------
    project : the project (calibrated once by :func:`baseline`).

    Returns
    -------
    One row per segment × touchpoint: ``segment_id``, ``touchpoint_id``, ``member`` (the inventory
    says the segment meets it), ``reach``, ``performance``, ``coefficient``, ``source`` (``data``).

    Notes
    -----
    See :func:`baseline` for the formulas.

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


def parameters(project: Project, *, scenario: Scenario | None = None) -> pd.DataFrame:
    """Every model parameter with its value, unit and source.

    Parameters
    ----------
    project : the project.
    scenario : a scenario whose own settings are shown (source ``user``); None for the defaults.

    Returns
    -------
    One row per parameter: ``parameter`` (per segment ones as ``<name>:<segment_id>``), ``segment_id``
    (empty for the global assumptions), ``value``, ``unit``, ``source`` (``data``, ``assumption`` or
    ``user``). A segment's network is given as its index in :data:`tpkit.schema.NETWORKS`.

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import Scenario
    >>> p = parameters(load_sample("hotel"), scenario=Scenario("x", parameters=(("move_share", 0.5),)))
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

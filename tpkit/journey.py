"""The journey as a curve: the experience along pre-purchase → purchase → usage → loyalty, as it is, as the
target levels want it and as a scenario would make it.

- :func:`journey_curve` (part 2, as it is): per phase, the mean rating of those who met its touchpoints and
  their headline figure (NPS, share positive or mean), each with its interval, and the phase's critical
  moments of truth;
- :func:`journey_targets` (part 3): the performance the target levels ask for, per phase;
- :func:`journey_after` (part 3, to be): the performance per phase after a scenario's changes.

Example
-------
>>> from tpkit.datasets import load_sample
>>> curve = journey_curve(load_sample("hotel"), segment="business")
>>> curve["phase"].tolist()
['pre_purchase', 'purchase', 'usage', 'loyalty']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .codes import answer_weights, rating_codes
from .errors import check_segment
from .evaluation import ipa
from .io import Project
from .recommendation import headline
from .schema import PHASES
from .stats import MIN_N, mean_interval

if TYPE_CHECKING:        # the what-if model is imported where it is used: the overview's kernel stays lean
    from .scenario import Scenario


def journey_curve(project: Project, *, segment: str | None = None, min_n: int = MIN_N,
                  confidence: float = 0.95) -> pd.DataFrame:
    """The experience along the journey, phase by phase, as the survey measured it.

    Parameters
    ----------
    segment : one segment's id, or None for all respondents.
    min_n : phases met by fewer respondents are flagged ``small``.
    confidence : coverage of the intervals.

    Returns
    -------
    One row per phase (in the journey's order; a phase nobody met has n 0): ``phase``, ``n`` (respondents who
    met a touchpoint of the phase), ``performance``, ``performance_low``, ``performance_high`` (the mean of
    each respondent's mean rating in the phase, t-interval), ``figure`` (``nps``, ``share_positive`` or
    ``mean``), ``value``, ``value_low``, ``value_high`` (the headline figure of those respondents:
    :func:`tpkit.recommendation.headline`), ``critical`` (the phase's touchpoints classed critical for the
    segment, ``|``-separated: its critical moments of truth), ``small``.

    Notes
    -----
    Each respondent counts once per phase (the mean of their ratings there), so a phase with many touchpoints
    does not narrow its interval by counting the same people again; survey weights weigh both figures.

    >>> from tpkit.datasets import load_sample
    >>> row = journey_curve(load_sample("hotel")).set_index("phase").loc["usage"]
    >>> bool(row["performance_low"] < row["performance"] < row["performance_high"])
    True
    """
    segment = check_segment(project, segment)
    codes = rating_codes(project)
    resp = project.respondents
    weights = answer_weights(resp)
    phase_of = project.touchpoints["phase"].to_numpy()
    mine = np.ones(len(resp), dtype=bool) if segment is None else (resp["segment_id"] == segment).to_numpy(bool)
    classes = ipa(project, segment=segment, min_n=min_n)
    critical = classes[classes["class_derived"] == "critical"]["touchpoint_id"].tolist()
    rows = []
    # each respondent's mean rating per phase, once for all phases
    rated = (codes.respondent >= 0) & (codes.touchpoint >= 0) & ~np.isnan(codes.performance)
    means = pd.DataFrame({"phase": phase_of[codes.touchpoint[rated]], "r": codes.respondent[rated],
                          "p": codes.performance[rated]}).groupby(["phase", "r"])["p"].mean()
    for phase in PHASES:
        per_person = means.xs(phase, level="phase") if phase in means.index.get_level_values("phase") \
            else pd.Series(dtype=float)
        people = per_person.index.to_numpy(dtype=int)
        people = people[mine[people]]
        w = None if weights is None else weights[people]
        mean, low, high, n = mean_interval(per_person.loc[people].to_numpy(), weights=w, confidence=confidence) \
            if len(people) else (np.nan, np.nan, np.nan, 0)
        met = resp.iloc[people]
        figure = headline(met, outcome=project.outcome, min_n=min_n, confidence=confidence) if len(met) else None
        ids = project.touchpoints.loc[project.touchpoints["phase"] == phase, "touchpoint_id"]
        rows.append({"phase": phase, "n": int(n), "performance": mean, "performance_low": low, "performance_high": high,
                     "figure": project.outcome.figure,
                     "value": np.nan if figure is None else float(figure["value"].iloc[0]),
                     "value_low": np.nan if figure is None else float(figure["value_low"].iloc[0]),
                     "value_high": np.nan if figure is None else float(figure["value_high"].iloc[0]),
                     "critical": "|".join(t for t in ids if t in critical), "small": int(n) < min_n})
    return pd.DataFrame(rows)


def _phase_means(project: Project, levels: np.ndarray, reach: np.ndarray, segments: list[int]) -> np.ndarray:
    """Per phase, the reach- and customer-weighted mean of ``levels`` (segments × touchpoints) over ``segments``."""
    from .scenario import baseline

    b = baseline(project)
    phase_of = project.touchpoints["phase"].to_numpy()
    customers = b.customers[segments][:, None]
    out = []
    for phase in PHASES:
        cols = phase_of == phase
        weight = (reach[segments][:, cols] * customers)
        total = weight.sum()
        out.append(float((weight * levels[segments][:, cols]).sum() / total) if total > 0 else np.nan)
    return np.array(out)


def journey_targets(project: Project, *, segment: str | None = None,
                    overrides: pd.DataFrame | None = None) -> pd.DataFrame:
    """The performance the target levels ask for, per phase (:func:`tpkit.strategy.target_levels`).

    Returns
    -------
    One row per phase: ``phase``, ``current`` and ``target``: the mean over the phase's touchpoints, weighted by
    how many customers of the segment (all segments: of each, by its customers) meet each.

    >>> from tpkit.datasets import load_sample
    >>> t = journey_targets(load_sample("hotel"), segment="business").set_index("phase")
    >>> bool((t["target"] >= t["current"] - 0.5).all())
    True
    """
    from .scenario import baseline
    from .strategy import target_levels

    segment = check_segment(project, segment)
    b = baseline(project)
    levels = target_levels(project, overrides=overrides)
    index = {s: i for i, s in enumerate(b.segments)}
    tps = {t: j for j, t in enumerate(project.touchpoints["touchpoint_id"])}
    target = np.array(b.performance, dtype=float)
    current = np.array(b.performance, dtype=float)
    for row in levels.itertuples():
        if row.segment_id in index and row.touchpoint_id in tps:
            target[index[row.segment_id], tps[row.touchpoint_id]] = row.target
            current[index[row.segment_id], tps[row.touchpoint_id]] = row.current
    rows = [index[segment]] if segment is not None else list(range(len(b.segments)))
    return pd.DataFrame({"phase": list(PHASES), "current": _phase_means(project, current, b.reach, rows),
                         "target": _phase_means(project, target, b.reach, rows)})


def journey_after(project: Project, scenario: Scenario, *, segment: str | None = None) -> pd.DataFrame:
    """The performance per phase before and after a scenario's changes (the what-if model's levels).

    Returns
    -------
    One row per phase: ``phase``, ``before`` and ``after`` (weighted as in :func:`journey_targets`; a closed
    touchpoint counts with what its users get instead; an added one does not enter: the phases it joins
    show it in ``after`` only through its own reach).

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import ApplyMeasure, Scenario
    >>> moved = journey_after(load_sample("hotel"), Scenario("x", (ApplyMeasure("M01"),))).set_index("phase")
    >>> bool(moved.loc["usage", "after"] > moved.loc["usage", "before"])
    True
    """
    from .scenario import apply_changes, baseline

    segment = check_segment(project, segment)
    b = baseline(project)
    state = apply_changes(project, scenario)
    T0 = len(project.touchpoints)
    rows = [b.segments.index(segment)] if segment is not None else list(range(len(b.segments)))
    return pd.DataFrame({"phase": list(PHASES), "before": _phase_means(project, b.performance, b.reach, rows),
                         "after": _phase_means(project, state.performance[:, :T0], b.reach, rows)})

"""The touchpoints and segments the guided notebooks take as their examples, in any project.

The notebooks tell the story of the hotel sample (the Wi-Fi that makes detractors, the coach tours on
their way out, the front-desk check-in a scenario closes). Opened on an analyst's own project, the same
cells take that project's own counterparts instead, chosen by a stated rule — so every notebook runs on
any project without editing an id.

Example
-------
>>> from tpkit.datasets import load_sample
>>> ex = example_ids(load_sample("hotel"), touchpoint="wifi", segment="business", exit_segment="bus_tours",
...                  close="checkin_desk")
>>> ex.touchpoint, ex.segment, ex.exit_segment, ex.close
('wifi', 'business', 'bus_tours', 'checkin_desk')
"""

from __future__ import annotations

from dataclasses import dataclass

from .evaluation import ipa, performance
from .io import Project
from .strategy import desired_segments


@dataclass(frozen=True)
class Examples:
    """The ids the notebooks' examples use: a ``touchpoint`` to look at closely, a ``segment`` to follow,
    an ``exit_segment`` (None: the project has none), a touchpoint to ``close`` in a scenario and a
    ``measure`` to apply (None: the project lists none)."""

    touchpoint: str
    segment: str
    exit_segment: str | None
    close: str
    measure: str | None = None


def example_ids(project: Project, *, touchpoint: str | None = None, segment: str | None = None,
                exit_segment: str | None = None, close: str | None = None, measure: str | None = None) -> Examples:
    """The given ids where ``project`` has them; otherwise the project's own counterparts.

    Notes
    -----
    ``touchpoint``: the critical touchpoint (derived view) with the largest derived importance, else the
    touchpoint with the largest. ``segment``: the desired segment with the most respondents, else the
    segment with the most. ``exit_segment``: the first segment whose status is exit, else None.
    ``close``: the direct touchpoint most of ``segment`` meets, else the most rated touchpoint.
    ``measure``: the first measure of ``measures.csv``, else None.

    >>> from tpkit.datasets import sample_export
    >>> from tpkit import guess_mapping, read_export, read_survey
    >>> export = read_export(sample_export("hotel_qualtrics.csv"))
    >>> survey = read_survey(export, guess_mapping(export))
    >>> ex = example_ids(survey, touchpoint="wifi", exit_segment="bus_tours")
    >>> ex.exit_segment is None, ex.touchpoint in set(survey.touchpoints["touchpoint_id"]), ex.measure
    (True, True, None)
    """
    tps = set(project.touchpoints["touchpoint_id"])
    segments = desired_segments(project)
    known_segments = set(segments["segment_id"])
    if touchpoint not in tps:
        classes = ipa(project).dropna(subset=["derived_importance"]).sort_values("derived_importance", ascending=False)
        critical = classes[classes["class_derived"] == "critical"]
        ranked = critical if len(critical) else classes
        touchpoint = ranked["touchpoint_id"].iloc[0] if len(ranked) else _most_rated(project)
    if segment not in known_segments:
        by_size = segments.sort_values("n", ascending=False, na_position="last")
        desired = by_size[by_size["status"] == "desired"]
        segment = (desired if len(desired) else by_size)["segment_id"].iloc[0]
    if exit_segment not in known_segments:
        exits = segments[segments["status"] == "exit"]["segment_id"]
        exit_segment = exits.iloc[0] if len(exits) else None
    if close not in tps:
        direct = set(project.touchpoints.loc[project.touchpoints["contact"] == "direct", "touchpoint_id"])
        met = performance(project, segment=segment).sort_values("n", ascending=False)
        candidates = met[met["touchpoint_id"].isin(direct) & (met["n"] > 0)]
        close = candidates["touchpoint_id"].iloc[0] if len(candidates) else _most_rated(project)
    measures = project.measures["measure_id"].astype(str).tolist()
    if measure not in measures:
        measure = measures[0] if measures else None
    return Examples(str(touchpoint), str(segment), exit_segment, str(close), measure)


def _most_rated(project: Project) -> str:
    counts = project.ratings["touchpoint_id"].value_counts()
    return str(counts.index[0]) if len(counts) else str(project.touchpoints["touchpoint_id"].iloc[0])

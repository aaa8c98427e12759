"""Any respondent column as a grouping: each group of a column ``by`` as a project of its own respondents.

The evaluation functions that take ``by=`` (``key_drivers``, ``ipa``, ``incidents`` …) compute their
table once per group on that group's project and stack the tables, the group in a column named ``by``.
A group's project keeps every table; only the respondents and their ratings are the group's.

One rule names the groups everywhere (:func:`group_labels`): an answer's text, a whole number without
``.0``, and a missing or blank answer in no group.

Example
-------
>>> from tpkit.datasets import load_sample
>>> [(g, len(p.respondents)) for g, p in group_projects(load_sample("hotel"), "loyalty")][:1]
[('lapsed', 124)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd

from .errors import ModelError, check_choice, check_segment
from .io import Project, with_tables
from .schema import NOT_GROUPS, WAVE


def grouping_columns(project: Project, *, most: int = 20) -> list[str]:
    """The respondent columns that can group an evaluation (``by``): ``segment_id`` first, then every other
    column of ``respondents.csv`` with 2 to ``most`` different values (loyalty, a travel type, a region …).

    >>> from tpkit.datasets import load_sample
    >>> grouping_columns(load_sample("hotel"))
    ['segment_id', 'loyalty']
    """
    resp = project.respondents
    others = [c for c in resp.columns if c not in NOT_GROUPS + ("segment_id",)
              and 2 <= resp[c].nunique() <= most]
    return ["segment_id"] + others


def check_by(project: Project, by: str) -> str:
    """``by`` when it is a respondent column that can group (not an answer, id or weight: :data:`tpkit.schema.NOT_GROUPS`);
    else a :class:`tpkit.errors.ModelError` listing the columns that can.

    >>> from tpkit.datasets import load_sample
    >>> check_by(load_sample("hotel"), "loyalty")
    'loyalty'
    """
    check_choice("by", by, [c for c in project.respondents.columns if c not in NOT_GROUPS])
    return by


def group_labels(answers: pd.Series) -> pd.Series:
    """Each answer's group: its text (a whole number without ``.0``), NA for a missing or blank answer.

    >>> group_labels(pd.Series(["Nord", None, " ", 30.0, 2.5])).tolist()
    ['Nord', <NA>, <NA>, '30', '2.5']
    """
    def text(value: object) -> object:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return pd.NA
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        shown = str(value)
        return shown if shown.strip() else pd.NA

    return pd.Series([text(v) for v in answers.tolist()], index=answers.index, dtype=object)


def group_project(project: Project, by: str, group: str) -> Project:
    """The project of the respondents whose answer in column ``by`` is ``group`` (see :func:`group_labels`),
    with their ratings only.

    >>> from tpkit.datasets import load_sample
    >>> part = group_project(load_sample("hotel"), "loyalty", "lapsed")
    >>> len(part.respondents), set(part.ratings["respondent_id"]) <= set(part.respondents["respondent_id"])
    (124, True)
    """
    check_by(project, by)
    resp = project.respondents
    return _of_respondents(project, resp[(group_labels(resp[by]) == group).fillna(False).to_numpy(bool)], by, group)


def _of_respondents(project: Project, respondents: pd.DataFrame, by: str, group: str) -> Project:
    """``project`` with these respondents (group ``group`` of column ``by``) and their ratings only; for one
    wave, the employee ratings of that wave too, and those without a wave where the employee did not rate that
    touchpoint in the wave (a rating without a wave counts for every wave, but never beside the employee's own
    rating of the wave)."""
    ratings = project.ratings[project.ratings["respondent_id"].isin(respondents["respondent_id"])]
    tables = {"respondents": respondents, "ratings": ratings}
    employees, wave = project.employee_ratings, group
    if by == WAVE and WAVE in employees.columns:
        labels = group_labels(employees[WAVE])
        own = (labels == wave).fillna(False).to_numpy(bool)
        rated = pd.MultiIndex.from_frame(employees.loc[own, ["employee_id", "touchpoint_id"]])
        pairs = pd.MultiIndex.from_frame(employees[["employee_id", "touchpoint_id"]])
        tables["employee_ratings"] = employees[own | (labels.isna().to_numpy(bool) & ~pairs.isin(rated))]
    return with_tables(project, **tables)


def group_projects(project: Project, by: str, *, segment: str | None = None) -> Iterator[tuple[str, Project]]:
    """Each group (in sorted order) of respondent column ``by`` — within ``segment``, if given — with the
    project of its respondents; respondents without an answer in ``by`` are in no group.

    Parameters
    ----------
    by : ``segment_id`` or any other column of ``respondents.csv`` (an unknown one raises ``ModelError``).
    segment : one segment's id, or None for all respondents.
    """
    check_by(project, by)
    segment = check_segment(project, segment)
    resp = project.respondents
    if segment is not None:
        resp = resp[resp["segment_id"] == segment]
    labels = group_labels(resp[by]).dropna()
    for group in sorted(set(labels)):
        yield group, _of_respondents(project, resp.loc[labels[labels == group].index], by, group)


def by_groups(project: Project, by: str, compute: Callable[[Project], pd.DataFrame], *,
              segment: str | None = None, after: str = "segment_id") -> pd.DataFrame:
    """``compute`` on each group's project (:func:`group_projects`), stacked, the group in column ``by``
    (placed after column ``after``).

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.evaluation import performance
    >>> table = by_groups(load_sample("hotel"), "loyalty", lambda p: performance(p), after="touchpoint_id")
    >>> table.columns[:2].tolist(), sorted(table["loyalty"].unique())
    (['touchpoint_id', 'loyalty'], ['lapsed', 'loyal', 'new', 'repeat'])
    """
    frames = []
    for group, part in group_projects(project, by, segment=segment):
        frame = compute(part)
        if by != "segment_id" and by in frame.columns:   # the group's column would overwrite one of the table
            raise ModelError("by_clash", by=by, columns=", ".join(frame.columns))
        if segment is not None and "segment_id" in frame.columns:
            frame["segment_id"] = segment             # the part was computed on the segment's respondents
        if by in frame.columns:     # by="segment_id": the group's own segment stands there
            frame[by] = group
        else:
            frame.insert(list(frame.columns).index(after) + 1 if after in frame.columns else 0, by, group)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

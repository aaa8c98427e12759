"""Integer codes of a project's ratings, computed once per project and reused by every analysis.

Looking up ten million respondent and touchpoint ids as strings costs seconds; as integer
codes the same group sums are ``np.bincount`` calls.

Example
-------
>>> from tpkit.datasets import load_sample
>>> codes = rating_codes(load_sample("hotel"))
>>> len(codes.touchpoint) == len(load_sample("hotel").ratings)
True
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .io import Project

_CACHE: "weakref.WeakKeyDictionary[Project, RatingCodes]" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class RatingCodes:
    """Per rating row: its respondent's row, its touchpoint's row and its respondent's segment (codes
    into ``project.respondents``, ``project.touchpoints`` and ``segment_ids``; -1 where unknown),
    the respondent's recommendation, and the performance, importance and incident of the rating; ``weight``
    is the respondent's survey weight (None when the project has none)."""

    respondent: np.ndarray
    touchpoint: np.ndarray
    segment: np.ndarray
    segment_ids: tuple[str, ...]
    recommend: np.ndarray
    performance: np.ndarray
    importance: np.ndarray
    negative: np.ndarray
    positive: np.ndarray
    weight: np.ndarray | None = None

    def segment_mask(self, segment: str | None) -> np.ndarray:
        """Rows of respondents in ``segment`` (all rows for None)."""
        if segment is None:
            return np.ones(len(self.touchpoint), dtype=bool)
        if segment not in self.segment_ids:
            return np.zeros(len(self.touchpoint), dtype=bool)
        return self.segment == self.segment_ids.index(segment)


def performance_by(groups: np.ndarray, performance: np.ndarray) -> dict[int, np.ndarray]:
    """The performance values of each group code (negative codes left out), in their original order.

    >>> {k: v.tolist() for k, v in performance_by(np.array([1, 0, 1, -1]), np.array([2., 3., 4., 5.])).items()}
    {0: [3.0], 1: [2.0, 4.0]}
    """
    ok = groups >= 0
    order = np.argsort(groups[ok], kind="stable")
    keys, values = groups[ok][order], performance[ok][order]
    cuts = np.flatnonzero(np.diff(keys)) + 1
    return {int(k[0]): v for k, v in zip(np.split(keys, cuts), np.split(values, cuts)) if len(k)}


def answer_weights(respondents: pd.DataFrame) -> np.ndarray | None:
    """The survey weight of each row (column ``weight``), or None when the answers carry no weights.

    >>> answer_weights(pd.DataFrame({"weight": [1.2, 0.8]})).tolist(), answer_weights(pd.DataFrame({"x": [1]}))
    ([1.2, 0.8], None)
    """
    if "weight" not in respondents.columns:
        return None
    weights = respondents["weight"].to_numpy(dtype="float64", na_value=np.nan)
    return None if np.isnan(weights).all() else weights


def rating_codes(project: Project) -> RatingCodes:
    """The ratings of ``project`` as integer codes (cached for the life of the project object)."""
    cached = _CACHE.get(project)
    if cached is not None:
        return cached
    ratings, resp = project.ratings, project.respondents
    respondent = pd.Index(resp["respondent_id"]).get_indexer(ratings["respondent_id"])
    touchpoint = pd.Index(project.touchpoints["touchpoint_id"]).get_indexer(ratings["touchpoint_id"])
    segment_values, segment_ids = pd.factorize(resp["segment_id"])
    segment = np.where(respondent >= 0, segment_values[respondent], -1)
    recommend = resp["recommend"].to_numpy(dtype="float64", na_value=np.nan)
    weights = answer_weights(resp)
    incident = ratings["incident"] if "incident" in ratings else pd.Series(pd.NA, index=ratings.index)
    codes = RatingCodes(
        respondent=respondent, touchpoint=touchpoint, segment=segment,
        segment_ids=tuple(str(s) for s in segment_ids),
        recommend=np.where(respondent >= 0, recommend[respondent], np.nan),
        performance=ratings["performance"].to_numpy(dtype="float64", na_value=np.nan),
        importance=ratings["importance"].to_numpy(dtype="float64", na_value=np.nan),
        negative=incident.eq("negative").fillna(False).to_numpy(bool),
        positive=incident.eq("positive").fillna(False).to_numpy(bool),
        weight=None if weights is None else np.where(respondent >= 0, weights[np.maximum(respondent, 0)], np.nan),
    )
    _CACHE[project] = codes
    return codes


def group_moments(groups: np.ndarray, values: np.ndarray, size: int, weights: np.ndarray | None = None
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Count, mean and sample variance of ``values`` (NaN skipped) per group code 0 … size-1.

    With survey ``weights`` the mean is weighted and the variance is ``n · se²``, ``se`` the standard
    error of the weighted mean (:func:`tpkit.stats.mean_and_se`), so that ``var / n`` stays the squared
    standard error for every interval built on these moments.

    >>> n, mean, var = group_moments(np.array([0, 0, 1]), np.array([1.0, 3.0, 5.0]), 3)
    >>> n.tolist(), mean.tolist()[:2], var.tolist()[0]
    ([2, 1, 0], [2.0, 5.0], 2.0)
    >>> n, mean, var = group_moments(np.array([0, 0]), np.array([1.0, 3.0]), 1, weights=np.array([1.0, 3.0]))
    >>> mean.tolist(), var.tolist()     # (1 + 9)/4;  2 · 2/1 · (1·1.5² + 9·0.5²)/4²
    ([2.5], [1.125])
    """
    ok = ~np.isnan(values) & (groups >= 0)
    if weights is not None:
        ok &= ~np.isnan(weights)
    g, v = groups[ok], values[ok]
    n = np.bincount(g, minlength=size)[:size]
    if weights is not None:
        w = weights[ok]
        total_w = np.bincount(g, weights=w, minlength=size)[:size]
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.bincount(g, weights=w * v, minlength=size)[:size] / total_w
            spread = np.bincount(g, weights=w**2 * (v - mean[g]) ** 2, minlength=size)[:size]
            var = np.where(n > 1, n * (n / (n - 1)) * spread / total_w**2, np.nan)
        return n, np.where(total_w > 0, mean, np.nan), var
    total = np.bincount(g, weights=v, minlength=size)[:size]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / n
        centred = np.bincount(g, weights=(v - mean[g]) ** 2, minlength=size)[:size]
        var = np.where(n > 1, centred / (n - 1), np.nan)
    return n, np.where(n > 0, mean, np.nan), var

"""Part 2 of the method: the evaluation (Bewertung) of touchpoints, outside-in and inside-out.

Every function returns a tidy frame with the sample size beside each figure and
an interval beside each estimate; groups under ``min_n`` are flagged
(``small=True``) and get no rank.

The NPS itself, its interval and its tests live in :mod:`tpkit.recommendation` and are
re-exported here. Every function
taking ``segment=`` checks it (:func:`tpkit.errors.check_segment`): an unknown id
is an error, never a silent selection of nobody.

Example
-------
>>> from tpkit.datasets import load_sample
>>> classes = ipa(load_sample("hotel"), segment="business")
>>> classes.loc[classes["class_derived"] == "critical", "touchpoint_id"].tolist()[:1]
['checkout']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .codes import group_moments, performance_by, rating_codes
from .drivers import key_drivers
from .errors import ModelError, check_segment
from .groups import by_groups, check_by, group_labels, grouping_columns
from .io import Project
from .outcome import outcome_classes
from .recommendation import (headline, headline_pairwise, headline_test, met_flag, nps, nps_class, nps_from_counts,
                             nps_pairwise, nps_test, outcome_shape, respondents)
from .schema import ALL_SEGMENTS
from .stats import MIN_N, holm, t_critical, wilson_interval

__all__ = ["CLASSES", "classify", "critical_touchpoints", "incidents", "inside_outside", "ipa", "met_flag", "nps",
           "nps_class", "nps_from_counts", "nps_pairwise", "nps_test", "performance", "performance_from_moments",
           "respondents", "segment_differences", "segment_performance", "grouping_columns", "group_codes",
           "incidents_recorded", "outcome_shape", "headline", "headline_pairwise", "headline_test"]

CLASSES = ("critical", "strength", "overkill", "low_priority")


def _t_half(n: np.ndarray, var: np.ndarray, confidence: float) -> np.ndarray:
    """Half-width of the t-interval of a mean (NaN below two values)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        half = t_critical(n - 1, confidence=confidence) * np.sqrt(var / n)
    return np.where(n > 1, half, np.nan)


def performance(project: Project, *, segment: str | None = None, by: str | None = None, min_n: int = MIN_N,
                confidence: float = 0.95) -> pd.DataFrame:
    """Mean performance and stated importance per touchpoint, with t-intervals and n.

    Parameters
    ----------
    segment : one segment's id, or None for all respondents (an unknown id raises ``ModelError``).
    by : a respondent column (see :func:`grouping_columns`): one row per touchpoint and group of it that
        rated the touchpoint, the group in a column named ``by``.
    min_n : touchpoints with fewer ratings are flagged ``small``.
    confidence : coverage of the intervals.

    Returns
    -------
    One row per touchpoint: ``touchpoint_id``, ``n``, ``performance``, ``performance_low``,
    ``performance_high``, ``stated_importance``, ``stated_importance_low``, ``stated_importance_high``,
    ``n_importance``, ``small``.

    Notes
    -----
    ``mean ± t(1 − α/2, n − 1) · s / √n`` (Student's t); with survey weights the weighted mean and its
    linearised standard error (:func:`tpkit.stats.mean_and_se`).

    >>> from tpkit.datasets import load_sample
    >>> row = performance(load_sample("hotel"), segment="business").set_index("touchpoint_id").loc["spa"]
    >>> bool(row["performance_low"] < row["performance"] < row["performance_high"])
    True
    """
    segment = check_segment(project, segment)
    codes = rating_codes(project)
    ids = project.touchpoints["touchpoint_id"].to_numpy()
    if by is None:
        groups = np.where(codes.segment_mask(segment), codes.touchpoint, -1)
        n, mean, var = group_moments(groups, codes.performance, len(ids), codes.weight)
        n_imp, mean_imp, var_imp = group_moments(groups, codes.importance, len(ids), codes.weight)
        return performance_from_moments(ids, (n, mean, var), (n_imp, mean_imp, var_imp), min_n=min_n,
                                        confidence=confidence)
    group, names = group_codes(project, by)
    size = len(names)
    keys = np.where(codes.segment_mask(segment) & (group >= 0), codes.touchpoint * size + group, -1)
    perf = group_moments(keys, codes.performance, len(ids) * size, codes.weight)
    imp = group_moments(keys, codes.importance, len(ids) * size, codes.weight)
    table = performance_from_moments(np.repeat(ids, size), perf, imp, min_n=min_n, confidence=confidence)
    table.insert(1, by, np.tile(np.array(names, dtype=object), len(ids)))
    return table[table["n"] > 0].reset_index(drop=True)


def performance_from_moments(ids, performance: tuple, importance: tuple, *, min_n: int = MIN_N,
                             confidence: float = 0.95) -> pd.DataFrame:
    """The table of :func:`performance` from count, mean and sample variance per touchpoint
    (of performance and of stated importance); every engine's moments end here.

    >>> row = performance_from_moments(["web"], ([4], [3.5], [1.0]), ([4], [4.0], [0.0]), min_n=1).iloc[0]
    >>> float(row["performance"]), round(float(row["performance_high"]), 3)
    (3.5, 5.091)
    """
    n, mean, var = (np.asarray(v, dtype=float) for v in performance)
    n_imp, mean_imp, var_imp = (np.asarray(v, dtype=float) for v in importance)
    n, n_imp = n.astype(int), n_imp.astype(int)
    half, half_imp = _t_half(n, var, confidence), _t_half(n_imp, var_imp, confidence)
    return pd.DataFrame({
        "touchpoint_id": ids, "n": n, "performance": mean, "performance_low": mean - half,
        "performance_high": mean + half, "stated_importance": mean_imp, "stated_importance_low": mean_imp - half_imp,
        "stated_importance_high": mean_imp + half_imp, "n_importance": n_imp, "small": n < min_n})


def classify(importance: pd.Series, perf: pd.Series, *, importance_threshold: float,
             performance_threshold: float) -> pd.Series:
    """critical / strength / overkill / low_priority from importance and performance against thresholds.

    >>> classify(pd.Series([5, 5, 1, 1]), pd.Series([2, 4, 4, 2]), importance_threshold=3,
    ...          performance_threshold=3).tolist()
    ['critical', 'strength', 'overkill', 'low_priority']
    """
    important = importance >= importance_threshold
    good = perf >= performance_threshold
    out = np.select([important & ~good, important & good, ~important & good], list(CLASSES[:3]), "low_priority")
    return pd.Series(out, index=importance.index).where(importance.notna() & perf.notna())


def ipa(project: Project, *, segment: str | None = None, min_n: int = MIN_N, n_boot: int = 0,
        seed: int = 0, drivers: pd.DataFrame | None = None, by: str | None = None) -> pd.DataFrame:
    """Importance–performance classes from stated and from derived importance, side by side.

    Parameters
    ----------
    segment : one segment's id, or None for all respondents.
    min_n : touchpoints with fewer ratings get no class (``small``).
    n_boot, seed : bootstrap resamples of the driver weights (0: none).
    drivers : a :func:`tpkit.drivers.key_drivers` table computed already (saves computing it again).
    by : a respondent column (:func:`tpkit.groups.group_projects`): the classes within each of its
        groups, the group in a column named ``by``.

    Returns
    -------
    One row per touchpoint: ``segment_id`` (``all`` for None), the columns of :func:`performance`,
    ``derived_importance`` (share of R²), ``weight``, ``weight_low``, ``weight_high``, ``method``,
    ``performance_threshold``, ``stated_threshold``, ``derived_threshold``, ``class_stated``,
    ``class_derived``, ``agree``. Sorted by class (critical first), then derived importance.

    Notes
    -----
    Thresholds: performance — the mean of the touchpoints' mean performance; stated importance — the
    mean of their mean stated importance; derived importance — an equal share of R²
    (1 / number of touchpoints analysed). Classes (:func:`classify`): important and below the
    performance threshold → critical; important and at or above → strength; unimportant and at or
    above → overkill; else low priority. ``agree`` is False where the two views differ.

    >>> from tpkit.datasets import load_sample
    >>> table = ipa(load_sample("hotel"))
    >>> set(table["class_derived"].dropna()) <= set(CLASSES)
    True
    """
    if by is not None:
        if drivers is not None:   # one drivers table cannot serve every group
            raise ModelError("by_with_drivers")
        return by_groups(project, by, lambda part: ipa(part, min_n=min_n, n_boot=n_boot, seed=seed), segment=segment)
    segment = check_segment(project, segment)
    perf = performance(project, segment=segment, min_n=min_n)
    kd = drivers if drivers is not None else key_drivers(project, segment=segment, n_boot=n_boot, min_n=min_n,
                                                           seed=seed)
    out = perf.merge(kd[["touchpoint_id", "share", "weight", "weight_low", "weight_high", "method"]],
                     on="touchpoint_id", how="left").rename(columns={"share": "derived_importance"})
    ok = ~out["small"]
    perf_t = float(out.loc[ok, "performance"].mean())
    stated_t = float(out.loc[ok, "stated_importance"].mean())
    derived_t = 1.0 / max(int(out.loc[ok, "derived_importance"].notna().sum()), 1)
    out["performance_threshold"] = perf_t
    out["stated_threshold"] = stated_t
    out["derived_threshold"] = derived_t
    out["class_stated"] = classify(out["stated_importance"], out["performance"], importance_threshold=stated_t,
                                   performance_threshold=perf_t).where(ok)
    out["class_derived"] = classify(out["derived_importance"], out["performance"], importance_threshold=derived_t,
                                    performance_threshold=perf_t).where(ok)
    both = ok & out["class_stated"].notna() & out["class_derived"].notna()   # no stated importance: no verdict
    out["agree"] = (out["class_stated"] == out["class_derived"]).astype("boolean").where(both, pd.NA)
    out.insert(0, "segment_id", segment if segment is not None else ALL_SEGMENTS)
    order = {c: i for i, c in enumerate(CLASSES)}
    return out.sort_values(by=["small", "class_derived", "derived_importance"],
                           key=lambda s: s.map(order) if s.name == "class_derived" else s,
                           ascending=[True, True, False], kind="stable").reset_index(drop=True)


def incidents(project: Project, *, segment: str | None = None, min_n: int = MIN_N,
              confidence: float = 0.95, by: str | None = None) -> pd.DataFrame:
    """What makes detractors and where fans are made, per touchpoint.

    "Detractors" and "promoters" are the outcome's negative and positive answers
    (:func:`tpkit.outcome.outcome_classes`): NPS detractors and promoters, a yes/no's no and yes, a
    scale's bottom-2 and top-2 box.

    Parameters
    ----------
    segment : one segment's id, or None for all respondents.
    min_n : touchpoints met by fewer detractors (promoters) are flagged ``small_detractors``
        (``small_promoters``).
    confidence : coverage of the Wilson intervals.
    by : a respondent column (:func:`tpkit.groups.group_projects`): the table of each of its groups,
        the group in a column named ``by`` after ``touchpoint_id``.

    Returns
    -------
    One row per touchpoint: ``touchpoint_id``, ``n_detractors``, ``negative``,
    ``negative_among_detractors``, ``negative_low``, ``negative_high``, ``n_promoters``, ``positive``,
    ``positive_among_promoters``, ``positive_low``, ``positive_high``, ``small_detractors``,
    ``small_promoters``; the touchpoints that make most detractors first.

    A project that records no incidents (:func:`incidents_recorded`) gets no shares (NaN, counts 0) rather
    than a measured zero.

    Notes
    -----
    ``negative_among_detractors = k₋ / n_detractors``: of the detractors who met the touchpoint, the
    share reporting a negative incident there; ``positive_among_promoters`` likewise for promoters and
    positive incidents (fan and referral potential). Intervals: :func:`tpkit.stats.wilson_interval`.
    With survey weights the shares are weighted and the intervals take Kish's effective sample size
    (the counts stay counts of answers).

    >>> from tpkit.datasets import load_sample
    >>> inc = incidents(load_sample("hotel"), segment="business")
    >>> bool(inc["negative_among_detractors"].dropna().between(0, 1).all())
    True
    """
    if by is not None:
        return by_groups(project, by, lambda part: incidents(part, min_n=min_n, confidence=confidence),
                         segment=segment, after="touchpoint_id")
    segment = check_segment(project, segment)
    codes = rating_codes(project)
    ids = project.touchpoints["touchpoint_id"]
    groups = np.where(codes.segment_mask(segment), codes.touchpoint, -1)
    ok = groups >= 0 if incidents_recorded(project) else np.zeros(len(groups), dtype=bool)   # none: no figure
    promoter, detractor = outcome_classes(codes.recommend, project.outcome)

    weight = np.ones(len(groups)) if codes.weight is None else np.nan_to_num(codes.weight)

    def count(mask: np.ndarray, power: int = 0) -> np.ndarray:
        """Per touchpoint: the rows of ``mask`` (power 0), the sum of their weights (1) or squared weights (2)."""
        return np.bincount(groups[ok & mask], weights=weight[ok & mask] ** power, minlength=len(ids))[: len(ids)]

    def share(part: np.ndarray, whole: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The (weighted) share of ``part`` among ``whole`` with its Wilson interval at the effective size."""
        total, squares = count(whole, 1), count(whole, 2)
        with np.errstate(invalid="ignore", divide="ignore"):
            value = np.where(total > 0, count(part, 1) / total, np.nan)
            n_eff = np.where(squares > 0, total**2 / squares, 0.0)
        return value, *wilson_interval(value * n_eff, n_eff, confidence=confidence)

    n_det, n_pro = count(detractor), count(promoter)
    k_neg, k_pos = count(detractor & codes.negative), count(promoter & codes.positive)
    negative, neg_low, neg_high = share(detractor & codes.negative, detractor)
    positive, pos_low, pos_high = share(promoter & codes.positive, promoter)
    out = pd.DataFrame({
        "touchpoint_id": ids.to_numpy(), "n_detractors": n_det.astype(int), "negative": k_neg.astype(int),
        "negative_among_detractors": negative, "negative_low": neg_low, "negative_high": neg_high,
        "n_promoters": n_pro.astype(int), "positive": k_pos.astype(int),
        "positive_among_promoters": positive, "positive_low": pos_low, "positive_high": pos_high,
        "small_detractors": n_det < min_n, "small_promoters": n_pro < min_n})
    return out.sort_values(["small_detractors", "negative_among_detractors"],
                           ascending=[True, False], kind="stable").reset_index(drop=True)


def incidents_recorded(project: Project) -> bool:
    """Whether the project's ratings record incidents at all (an ``incident`` column with an entry).

    >>> from tpkit.datasets import load_sample
    >>> incidents_recorded(load_sample("hotel"))
    True
    """
    ratings = project.ratings
    return "incident" in ratings.columns and bool(ratings["incident"].notna().any())


def inside_outside(project: Project, *, segment: str | None = None, min_n: int = MIN_N,
                   alpha: float = 0.05, min_gap: float | None = None) -> pd.DataFrame:
    """Employees' ratings (inside-out) against customers' (outside-in) per touchpoint.

    Parameters
    ----------
    segment : one segment's customers, or None for all (employees are always all).
    min_n : touchpoints with fewer customer ratings are flagged ``small`` and are no blind spot.
    alpha : significance level after Holm's adjustment.
    min_gap : the smallest gap (scale points) that counts as a blind spot; None: 0.75 on a 1–5 scale, as
        much of the project's own rating scale on another (3/16 of its span).

    Returns
    -------
    One row per touchpoint: ``touchpoint_id``, ``customer_mean``, ``n_customers``, ``employee_mean``,
    ``n_employees``, ``p_value``, ``gap``, ``p_adjusted``, ``performance_threshold``, ``small``,
    ``min_gap``, ``blind_spot`` (NA where no employee rated the touchpoint); blind spots first, then by gap.

    Notes
    -----
    ``gap = employee mean − customer mean`` (the customers' mean weighted when they carry survey
    weights); Mann–Whitney U test (two-sided, on the answers as given), Holm-adjusted over the
    touchpoints. A **blind spot**: employees rate it higher than customers by at least ``min_gap``,
    significantly, and customers rate it below the performance threshold (the mean of the touchpoint
    means) — a material gap, not just a detectable one.

    >>> from tpkit.datasets import load_sample
    >>> io = inside_outside(load_sample("hotel"))
    >>> bool(io["blind_spot"].iloc[0])
    True
    """
    from scipy.stats import mannwhitneyu  # here: scipy.stats takes 0.4 s to import, and few callers need it

    segment = check_segment(project, segment)
    codes = rating_codes(project)
    groups = np.where(codes.segment_mask(segment), codes.touchpoint, -1)
    customer_values = performance_by(groups, codes.performance)
    _, customer_means, _ = group_moments(groups, codes.performance, len(project.touchpoints), codes.weight)
    staff = project.employee_ratings
    staff_perf = staff["performance"].to_numpy(dtype="float64", na_value=np.nan)
    staff_values = {k: staff_perf[idx] for k, idx in staff.groupby("touchpoint_id", sort=False).indices.items()}
    none = np.array([], dtype=float)
    rows = []
    for i, t in enumerate(project.touchpoints["touchpoint_id"]):
        cust, emp = customer_values.get(i, none), staff_values.get(t, none)
        p = float(mannwhitneyu(emp, cust, alternative="two-sided").pvalue) if len(cust) and len(emp) else np.nan
        rows.append({"touchpoint_id": t, "customer_mean": customer_means[i],
                     "n_customers": len(cust), "employee_mean": emp.mean() if len(emp) else np.nan,
                     "n_employees": len(emp), "p_value": p})
    out = pd.DataFrame(rows)
    out["gap"] = out["employee_mean"] - out["customer_mean"]
    out["p_adjusted"] = holm(out["p_value"])
    threshold = float(out.loc[out["n_customers"] >= min_n, "customer_mean"].mean())
    out["performance_threshold"] = threshold
    out["small"] = out["n_customers"] < min_n
    if min_gap is None:
        min_gap = 0.75 * project.rating_scale.span / 4
    out["min_gap"] = min_gap
    out["blind_spot"] = ((~out["small"]) & (out["gap"] >= min_gap) & (out["p_adjusted"] < alpha) & (
        out["customer_mean"] < threshold)).astype("boolean").where(out["n_employees"] > 0, pd.NA)   # no staff: no verdict
    return out.sort_values(["blind_spot", "gap"], ascending=[False, False], kind="stable").reset_index(drop=True)


def group_codes(project: Project, by: str = "segment_id") -> tuple[np.ndarray, tuple[str, ...]]:
    """The group of each rating by respondent column ``by`` (``segment_id``, or any other column of
    ``respondents.csv`` such as a travel type or region): a code per rating (-1: no group) and the groups.

    >>> from tpkit.datasets import load_sample
    >>> codes, groups = group_codes(load_sample("hotel"), "loyalty")
    >>> sorted(groups)
    ['lapsed', 'loyal', 'new', 'repeat']
    """
    codes = rating_codes(project)
    if by == "segment_id":
        return codes.segment, codes.segment_ids
    check_by(project, by)
    values, groups = pd.factorize(group_labels(project.respondents[by]), use_na_sentinel=True)
    per_rating = np.where(codes.respondent >= 0, values[np.maximum(codes.respondent, 0)], -1)
    return per_rating, tuple(str(g) for g in groups)


def segment_performance(project: Project, *, by: str = "segment_id", min_n: int = MIN_N) -> pd.DataFrame:
    """Mean performance per touchpoint × segment (long; pairs with ratings only), with n and the small flag.

    Parameters
    ----------
    by : the respondent column that forms the groups: ``segment_id`` or any other column of
        ``respondents.csv`` (a travel type, a region, an age band …).

    Returns
    -------
    One row per touchpoint and group with ratings: ``touchpoint_id``, the ``by`` column (``segment_id``),
    ``performance``, ``n``, ``small`` (n < ``min_n``).

    >>> from tpkit.datasets import load_sample
    >>> segment_performance(load_sample("hotel")).columns.tolist()
    ['touchpoint_id', 'segment_id', 'performance', 'n', 'small']
    """
    group, names = group_codes(project, by)
    codes = rating_codes(project)
    n_seg = len(names)
    ids = project.touchpoints["touchpoint_id"].to_numpy()
    groups = np.where((codes.touchpoint >= 0) & (group >= 0), codes.touchpoint * n_seg + group, -1)
    n, mean, _ = group_moments(groups, codes.performance, len(ids) * n_seg, codes.weight)
    present = np.flatnonzero(n > 0)
    out = pd.DataFrame({"touchpoint_id": ids[present // n_seg],
                        by: np.array(names, dtype=object)[present % n_seg],
                        "performance": mean[present], "n": n[present]})
    out["small"] = out["n"] < min_n
    return out


def segment_differences(project: Project, *, by: str = "segment_id", min_n: int = MIN_N,
                        alpha: float = 0.05) -> pd.DataFrame:
    """Does a touchpoint perform differently across segments (or the groups of another respondent column)?

    Parameters
    ----------
    by : the respondent column that forms the groups (see :func:`segment_performance`).

    Returns
    -------
    One row per touchpoint: ``touchpoint_id``, ``segments`` (groups tested), ``statistic`` (H),
    ``p_value``, ``best_segment``, ``worst_segment``, ``spread`` (best − worst mean), ``p_adjusted``,
    ``significant`` (``p_adjusted < alpha``); significant ones first, by spread.

    Notes
    -----
    Kruskal–Wallis H test (:func:`scipy.stats.kruskal`) per touchpoint over the groups with at least
    ``min_n`` ratings, Holm-adjusted over the touchpoints. The test reads the ratings as given; best,
    worst and spread are the groups' means of :func:`segment_performance` (weighted with survey weights).

    >>> from tpkit.datasets import load_sample
    >>> diff = segment_differences(load_sample("hotel"))
    >>> bool((diff["p_adjusted"].dropna() >= diff["p_value"].dropna()).all())
    True
    """
    from scipy.stats import kruskal  # here: scipy.stats takes 0.4 s to import, and few callers need it

    group, names = group_codes(project, by)
    codes = rating_codes(project)
    n_seg = len(names)
    pairs = np.where((codes.touchpoint >= 0) & (group >= 0), codes.touchpoint * n_seg + group, -1)
    values = performance_by(pairs, codes.performance)
    _, weighted_means, _ = group_moments(pairs, codes.performance, len(project.touchpoints) * n_seg, codes.weight)
    rows = []
    for i, t in enumerate(project.touchpoints["touchpoint_id"]):
        groups = {names[k % n_seg]: g for k, g in values.items() if k // n_seg == i and len(g) >= min_n}
        if len(groups) < 2:
            rows.append({"touchpoint_id": t, "segments": len(groups), "statistic": np.nan, "p_value": np.nan,
                         "best_segment": None, "worst_segment": None, "spread": np.nan})
            continue
        samples = list(groups.values())
        h, p = kruskal(*samples) if len({v for g in samples for v in g}) > 1 else (0.0, 1.0)
        means = {s: weighted_means[i * n_seg + names.index(s)] for s in groups}   # as segment_performance
        best, worst = max(means, key=means.get), min(means, key=means.get)
        rows.append({"touchpoint_id": t, "segments": len(groups), "statistic": float(h), "p_value": float(p),
                     "best_segment": best, "worst_segment": worst, "spread": means[best] - means[worst]})
    out = pd.DataFrame(rows)
    out["p_adjusted"] = holm(out["p_value"])
    out["significant"] = out["p_adjusted"] < alpha
    return out.sort_values(["significant", "spread"], ascending=[False, False], kind="stable").reset_index(drop=True)


def critical_touchpoints(project: Project, *, by_segment: bool = True, min_n: int = MIN_N,
                         n_boot: int = 0, seed: int = 0) -> pd.DataFrame:
    """The critical moments of truth (every touchpoint is a moment of truth): touchpoints classed critical in the derived or the stated view,
    overall (segment ``all``) and, with ``by_segment``, within each segment.

    Returns
    -------
    One row per critical touchpoint and segment: ``segment_id``, ``touchpoint_id``, ``n``,
    ``performance``, ``performance_low``, ``performance_high``, ``derived_importance``, ``weight``,
    ``weight_low``, ``weight_high`` (intervals when ``n_boot`` > 0), ``class_derived``,
    ``class_stated`` and ``both`` (critical in both views).

    Notes
    -----
    The classes of :func:`ipa`, overall and per segment.

    >>> from tpkit.datasets import load_sample
    >>> crit = critical_touchpoints(load_sample("hotel"), by_segment=False)
    >>> set(crit["segment_id"])
    {'all'}
    """
    segments = [None] + (project.segments["segment_id"].tolist() if by_segment else [])
    frames = []
    for segment in segments:
        table = ipa(project, segment=segment, min_n=min_n, n_boot=n_boot, seed=seed)
        hit = table[(table["class_derived"] == "critical") | (table["class_stated"] == "critical")]
        frames.append(hit)
    cols = ["segment_id", "touchpoint_id", "n", "performance", "performance_low", "performance_high",
            "derived_importance", "weight", "weight_low", "weight_high", "class_derived", "class_stated"]
    out = pd.concat(frames, ignore_index=True)[cols]
    out["both"] = (out["class_derived"] == "critical") & (out["class_stated"] == "critical")
    return out.reset_index(drop=True)


def weakest_link(project: Project, *, segment: str | None = None, min_n: int = MIN_N) -> pd.DataFrame:
    """The headline figure of respondents whose journey failed somewhere against those whose did not: the
    method's weakest link (the customer judges the whole; one place that jams undoes the rest).

    Parameters
    ----------
    project : the project (its respondents, ratings and outcome question).
    segment : one segment's id, or None for all respondents.
    min_n : groups with fewer answers are flagged ``small`` and not ranked.

    Returns
    -------
    One row per split and group: ``split`` (``incident``: any negative incident, where incidents are
    recorded; ``rating``: any rating in the scale's bottom two points), ``failed`` (True for the
    respondents with such a failure), ``n``, ``figure``, ``value``, ``value_low``, ``value_high``,
    ``small``, and per split the test of the difference: ``p_value`` (:func:`tpkit.recommendation.headline_test`).

    Notes
    -----
    The fitted what-if model weighs the weakest link beyond the touchpoints' additive effects
    (:func:`tpkit.scenario.model_fit`, ``weakest_link``): this table shows the raw split.

    >>> from tpkit.datasets import load_sample
    >>> split = weakest_link(load_sample("hotel")).set_index(["split", "failed"])
    >>> bool(split.loc[("incident", True), "value"] < split.loc[("incident", False), "value"])
    True
    """
    if segment is not None:
        check_segment(project, segment)
    codes = rating_codes(project)
    resp = project.respondents
    rows = codes.respondent >= 0
    scale = project.rating_scale
    failures = {"rating": codes.performance <= scale.low + 1}
    if incidents_recorded(project):
        failures = {"incident": codes.negative, **failures}
    frames = []
    for split, failed in failures.items():
        hit = np.zeros(len(resp), dtype=bool)
        hit[codes.respondent[rows & failed]] = True
        frame = resp.assign(failed=hit)
        if segment is not None:
            frame = frame[frame["segment_id"] == segment]
        table = headline(frame, outcome=project.outcome, by="failed", min_n=min_n)
        test = headline_test(frame, outcome=project.outcome, by="failed", min_n=min_n)
        table = table.rename(columns={"group": "failed"}).assign(split=split, p_value=float(test["p_value"].iloc[0]))
        frames.append(table)
    columns = ["split", "failed", "n", "figure", "value", "value_low", "value_high", "small", "p_value"]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)
    out["failed"] = out["failed"].astype(str) == "True"   # (the groups come back as their labels)
    return out.sort_values(["split", "failed"], ascending=[True, False], kind="stable")[columns].reset_index(drop=True)

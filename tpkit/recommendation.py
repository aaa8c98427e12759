"""The headline figure of part 2 — the Net Promoter Score, the share positive of a yes/no question or the
mean of a rating scale (:mod:`tpkit.outcome`) — with its interval and its tests.

``NPS = 100 · (promoters − detractors) / n`` with promoters 9–10 and detractors 0–6, overall, per
segment, per loyalty status or per any grouping column; the interval is
:func:`tpkit.stats.nps_interval` (adjusted Wald); groups are compared with a chi-square test and
Holm-adjusted pairwise z-tests. Groups under ``min_n`` are flagged ``small`` and not ranked.

Example
-------
>>> import pandas as pd
>>> r = pd.DataFrame({"recommend": [10, 9, 8, 3, 10], "segment_id": ["a"] * 5})
>>> row = nps(r, min_n=1).iloc[0]
>>> int(row["n"]), float(row["nps"])
(5, 40.0)
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations

import numpy as np
import pandas as pd

from .codes import answer_weights
from .errors import check_segment, check_touchpoint
from .groups import group_labels
from .io import Project
from .schema import ALL_SEGMENTS
from .outcome import NPS_OUTCOME, OutcomeSpec
from .stats import (MIN_N, effective_n, holm, mean_and_se, normal_two_sided_p, nps_interval, t_critical,
                    wilson_interval, z_critical)


def respondents(project: Project, *, segment: str | None = None) -> pd.DataFrame:
    """The respondents of one segment (None: all), to compute a figure over them.

    Parameters
    ----------
    segment : one segment's id, or None for all respondents (an unknown id raises ``ModelError``).

    Returns
    -------
    The rows of ``project.respondents`` in the segment.

    >>> from tpkit.datasets import load_sample
    >>> hotel = load_sample("hotel")
    >>> len(respondents(hotel, segment="business")) < len(respondents(hotel))
    True
    """
    segment = check_segment(project, segment)
    answers = project.respondents
    return answers if segment is None else answers[answers["segment_id"] == segment]


def nps_class(recommend: pd.Series) -> pd.Series:
    """promoter (9–10), passive (7–8) or detractor (0–6) for each score.

    >>> nps_class(pd.Series([10, 7, 6])).tolist()
    ['promoter', 'passive', 'detractor']
    """
    score = recommend.astype("float64")
    return pd.Series(np.select([score >= 9, score >= 7], ["promoter", "passive"], "detractor"), index=score.index)


#: What :func:`outcome_shape` can say about the recommendation answers.
OUTCOME_SHAPES = ("ok", "empty", "constant", "two_values", "no_passives")


def outcome_shape(respondents: pd.DataFrame) -> dict[str, object]:
    """How the recommendation answers spread, for the figures that need a spread: ``n``, ``values`` (the
    distinct scores), ``passives`` (share at 7–8) and ``status``, one of :data:`OUTCOME_SHAPES`:
    ``constant`` (one value), ``two_values`` (such as a yes/no coded 0 and 10: shifting a score never
    crosses a class boundary), ``no_passives`` (nobody at 7 or 8), ``empty``, else ``ok``.

    >>> outcome_shape(pd.DataFrame({"recommend": [0, 10, 10, 0]}))["status"]
    'two_values'
    >>> outcome_shape(pd.DataFrame({"recommend": [3, 7, 9, 10]}))["status"]
    'ok'
    """
    scores = respondents["recommend"].dropna().astype("float64")
    values = sorted(set(scores.tolist()))
    passives = float(scores.between(7, 8).mean()) if len(scores) else float("nan")
    status = ("empty" if not values else "constant" if len(values) == 1 else "two_values" if len(values) == 2
              else "no_passives" if passives == 0 else "ok")
    return {"n": int(len(scores)), "values": [int(v) if float(v).is_integer() else v for v in values],
            "passives": passives, "status": status}


def nps(respondents: pd.DataFrame, *, by: str | None = None, min_n: int = MIN_N,
        confidence: float = 0.95) -> pd.DataFrame:
    """NPS overall (``by=None``) or per group of column ``by``, with shares, interval and rank.

    Parameters
    ----------
    respondents : a frame with ``recommend`` (0–10); rows without it are left out.
    by : a column to group by (``segment_id``, ``loyalty`` …), or None for everyone (group ``all``).
    min_n : groups with fewer answers are flagged ``small`` and not ranked.
    confidence : coverage of the interval.

    Returns
    -------
    One row per group: ``group``, ``n``, ``promoters``, ``passives``, ``detractors`` (shares),
    ``nps``, ``nps_low``, ``nps_high``, ``small``, ``rank`` (1 = highest NPS; none for small groups),
    ``n_eff`` (the effective sample size: ``n`` without weights).

    Notes
    -----
    ``NPS = 100 · (promoters − detractors) / n`` with promoters 9–10 and detractors 0–6; the interval
    is :func:`tpkit.stats.nps_interval` (adjusted Wald). With a ``weight`` column the shares are
    weighted (``Σw`` of the class over ``Σw``) and the interval takes Kish's effective sample size
    (:func:`tpkit.stats.effective_n`) for n.

    >>> r = pd.DataFrame({"recommend": [10, 9, 8, 3, 10], "loyalty": ["new"] * 5})
    >>> nps(r, by="loyalty", min_n=1)[["group", "n", "nps"]].values.tolist()
    [['new', 5, 40.0]]
    """
    frame, groups = _answered(respondents, by)
    cls = nps_class(frame["recommend"])
    counts = pd.crosstab(groups, cls).reindex(columns=["promoter", "passive", "detractor"], fill_value=0)
    classes = [counts[c].to_numpy() for c in counts.columns]
    weights = answer_weights(frame)
    if weights is None:
        return nps_from_counts(counts.index.astype(str), *classes, min_n=min_n, confidence=confidence)
    sums = pd.crosstab(groups, cls, values=weights, aggfunc="sum").reindex(
        index=counts.index, columns=counts.columns).fillna(0.0)
    n_eff = pd.Series(weights, index=frame.index).groupby(groups).apply(effective_n).reindex(counts.index).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):   # a group whose weights are all 0 has no shares
        shares = sums.to_numpy() / sums.to_numpy().sum(axis=1, keepdims=True)
    return nps_from_counts(counts.index.astype(str), *(shares * n_eff[:, None]).T, answers=sum(classes),
                           min_n=min_n, confidence=confidence)


def _answered(respondents: pd.DataFrame, by: str | None) -> tuple[pd.DataFrame, pd.Series]:
    """The respondents with an outcome answer (and a group in ``by``: :func:`tpkit.groups.group_labels`),
    and each one's group (``all`` without ``by``)."""
    frame = respondents[respondents["recommend"].notna()]
    if not by:
        return frame, pd.Series(ALL_SEGMENTS, index=frame.index, dtype=object)
    groups = group_labels(frame[by])
    keep = groups.notna().to_numpy(bool)
    return frame[keep], groups[keep]


def nps_from_counts(groups, promoters, passives, detractors, *, answers=None, min_n: int = MIN_N,
                    confidence: float = 0.95) -> pd.DataFrame:
    """The NPS table of :func:`nps` from the count of promoters, passives and detractors per group.

    Every engine's counts (pandas, DuckDB, Spark: :mod:`tpkit.engine`) end here; the columns are
    those of :func:`nps`. Weighted answers give effective counts (shares × effective sample size) and
    the number of ``answers`` per group (default: the counts' sum).

    >>> float(nps_from_counts(["a"], [3], [1], [1], min_n=1)["nps"][0])
    40.0
    """
    pro, pas, det = (np.asarray(c, dtype=float) for c in (promoters, passives, detractors))
    n = pro + pas + det
    low, high = nps_interval(pro, det, n, confidence=confidence)
    answered = np.rint(n) if answers is None else np.asarray(answers, dtype=float)
    out = pd.DataFrame({
        "group": pd.Index(groups).astype(str), "n": answered.astype(int), "promoters": pro / n, "passives": pas / n,
        "detractors": det / n, "nps": 100 * (pro - det) / n, "nps_low": low, "nps_high": high,
    })
    out["small"] = out["n"] < min_n
    out["rank"] = out["nps"].where(~out["small"]).rank(ascending=False, method="min").astype("Int64")
    out["n_eff"] = n
    return out.sort_values(["small", "nps"], ascending=[True, False], kind="stable").reset_index(drop=True)


def nps_test(respondents: pd.DataFrame, *, by: str, min_n: int = MIN_N) -> pd.DataFrame:
    """Do the groups differ? A chi-square test of promoter/passive/detractor counts across the groups.

    Parameters
    ----------
    respondents : a frame with ``recommend`` and the column ``by``.
    by : the grouping column.
    min_n : groups with fewer answers are left out of the test.

    Returns
    -------
    One row: ``by``, ``statistic`` (χ²), ``dof``, ``p_value``, ``groups`` (groups tested).

    Notes
    -----
    :func:`scipy.stats.chi2_contingency` on the groups × (promoter, passive, detractor) counts; weighted
    answers give effective counts (weighted shares × Kish's effective sample size), a first-order design
    correction of the test.

    >>> r = pd.DataFrame({"recommend": [10] * 40 + [2] * 40, "g": ["a"] * 40 + ["b"] * 40})
    >>> bool(nps_test(r, by="g")["p_value"].iloc[0] < 0.001)
    True
    """
    table = nps(respondents, by=by, min_n=min_n)
    tested = table[~table["small"] & (table["n_eff"] > 0)]    # a group whose weights are all 0 has no answer
    if len(tested) < 2:
        return pd.DataFrame([{"by": by, "statistic": np.nan, "dof": 0, "p_value": np.nan, "groups": len(tested)}])
    shares = tested[["promoters", "passives", "detractors"]].to_numpy()
    chi2, p, dof = chi_square_of_shares(shares, tested["n"].to_numpy(), tested["n_eff"].to_numpy())
    return pd.DataFrame([{"by": by, "statistic": float(chi2), "dof": int(dof), "p_value": float(p),
                          "groups": len(tested)}])


def chi_square_of_shares(shares: np.ndarray, n: np.ndarray, n_eff: np.ndarray) -> tuple[float, float, int]:
    """Chi-square test (no continuity correction) of groups × classes from each group's class ``shares``:
    on the counts (shares × ``n``) of unweighted groups, on effective counts (shares × Kish's ``n_eff``,
    a first-order design correction) of weighted ones. Classes nobody is in are left out.

    >>> chi_square_of_shares(np.array([[0.75, 0.25], [0.25, 0.75]]), np.array([40, 40]), np.array([40.0, 40.0]))[2]
    1
    """
    from scipy.stats import chi2_contingency  # here: scipy.stats takes 0.4 s to import, and few callers need it

    weighted = np.asarray(n_eff, dtype=float) != np.asarray(n, dtype=float)
    size = np.where(weighted, n_eff, n).astype(float)
    counts = shares * size[:, None]
    counts[~weighted] = np.rint(counts[~weighted])
    counts = counts[:, counts.sum(axis=0) > 0]
    statistic, p, dof, _ = chi2_contingency(counts, correction=False)
    return float(statistic), float(p), int(dof)


def nps_pairwise(respondents: pd.DataFrame, *, by: str, min_n: int = MIN_N,
                 confidence: float = 0.95) -> pd.DataFrame:
    """Every pair of (not small) groups: NPS difference, its interval, a z-test and Holm-adjusted p-values.

    Parameters
    ----------
    respondents : a frame with ``recommend`` and the column ``by``.
    by : the grouping column.
    min_n : groups with fewer answers are left out.
    confidence : coverage of the difference's interval; a pair is ``significant`` when its
        Holm-adjusted p-value is below ``1 − confidence``.

    Returns
    -------
    One row per pair: ``group_a``, ``group_b``, ``diff`` (NPS a − b), ``diff_low``, ``diff_high``,
    ``p_value``, ``p_adjusted`` (Holm), ``significant``.

    Notes
    -----
    ``Var(NPS_a − NPS_b) = 100² · Σ_g (p₊ + p₋ − (p₊ − p₋)²) / n_g`` (independent multinomial samples,
    plain Wald), so ``diff_low``/``diff_high`` match the z-test.

    >>> r = pd.DataFrame({"recommend": [10] * 40 + [2] * 40, "g": ["a"] * 40 + ["b"] * 40})
    >>> nps_pairwise(r, by="g")[["group_a", "group_b", "diff"]].values.tolist()
    [['a', 'b', 200.0]]
    """
    table = nps(respondents, by=by, min_n=min_n).set_index("group")
    ok = table[~table["small"] & (table["n_eff"] > 0)]
    z_crit = z_critical(confidence=confidence)
    rows = []
    for a, b in combinations(ok.index, 2):
        var = 0.0
        for g in (a, b):
            pp, pm, n = ok.loc[g, "promoters"], ok.loc[g, "detractors"], ok.loc[g, "n_eff"]
            var += (pp + pm - (pp - pm) ** 2) / n
        diff = ok.loc[a, "nps"] - ok.loc[b, "nps"]
        se = 100 * np.sqrt(var)
        p = _two_sided_p(diff, se, normal_two_sided_p)
        rows.append({"group_a": a, "group_b": b, "diff": diff, "diff_low": diff - z_crit * se,
                     "diff_high": diff + z_crit * se, "p_value": p})
    return pairs_table(rows, confidence=confidence)


def pairs_table(rows: list[dict], *, confidence: float) -> pd.DataFrame:
    """Pairwise comparisons (``group_a``, ``group_b``, ``diff``, ``diff_low``, ``diff_high``, ``p_value``) with
    Holm-adjusted p-values and ``significant`` (adjusted p below ``1 − confidence``).

    >>> pairs_table([{"group_a": "a", "group_b": "b", "diff": 1.0, "diff_low": 0.2, "diff_high": 1.8, "p_value": 0.01}],
    ...             confidence=0.95)["significant"].tolist()
    [True]
    """
    out = pd.DataFrame(rows, columns=["group_a", "group_b", "diff", "diff_low", "diff_high", "p_value"])
    out["p_adjusted"] = holm(out["p_value"])
    out["significant"] = out["p_adjusted"] < 1 - confidence
    return out


def met_flag(project: Project, *, touchpoint: str) -> pd.DataFrame:
    """The respondents with a column ``met`` ("met"/"not_met") for one touchpoint, to group NPS by it.

    Returns
    -------
    ``project.respondents`` with the column ``met``.

    >>> from tpkit.datasets import load_sample
    >>> flagged = met_flag(load_sample("hotel"), touchpoint="spa")
    >>> sorted(flagged["met"].unique())
    ['met', 'not_met']
    """
    touchpoint_id = check_touchpoint(project, touchpoint)
    met = set(project.ratings.loc[project.ratings["touchpoint_id"] == touchpoint_id, "respondent_id"])
    return project.respondents.assign(met=np.where(project.respondents["respondent_id"].isin(met), "met", "not_met"))


def headline(respondents: pd.DataFrame | Project, *, outcome: OutcomeSpec | None = None, by: str | None = None,
             min_n: int = MIN_N, confidence: float = 0.95) -> pd.DataFrame:
    """The headline figure of the project's outcome, overall (``by=None``) or per group of column ``by``.

    Parameters
    ----------
    respondents : a project (its respondents and its outcome question), or a frame with the outcome's
        answers in ``recommend`` (rows without one are left out).
    outcome : the outcome question; default the project's (a frame's: a 0–10 recommendation).
    by : a column to group by, or None for everyone (group ``all``).
    min_n : groups with fewer answers are flagged ``small`` and not ranked.
    confidence : coverage of the intervals.

    Returns
    -------
    One row per group: ``group``, ``n``, ``figure`` (``nps``, ``share_positive`` or ``mean``),
    ``value``, ``value_low``, ``value_high``, ``small``, ``rank`` (1 = best; none for small groups);
    for ``nps`` also the columns of :func:`nps`; for a scale ``top2`` (share at the two highest
    answers), ``top2_low``, ``top2_high``.

    Notes
    -----
    NPS: :func:`nps` (adjusted Wald interval, in points). Share positive (answers stored as 1/0) and
    top-2-box share: Wilson score interval (:func:`tpkit.stats.wilson_interval`; weighted: at Kish's
    effective n). Mean: t-interval ``mean ± t(1 − α/2, n − 1)·se`` (:func:`tpkit.stats.mean_and_se`), kept
    within the scale.

    >>> r = pd.DataFrame({"recommend": [1, 1, 0, 1], "g": ["a"] * 4})
    >>> row = headline(r, outcome=OutcomeSpec("binary", 0, 1), min_n=1).iloc[0]
    >>> row["figure"], float(row["value"]), round(float(row["value_low"]), 3)
    ('share_positive', 0.75, 0.301)
    """
    respondents, outcome = _answers_and_outcome(respondents, outcome)
    if outcome.kind == "nps":
        table = nps(respondents, by=by, min_n=min_n, confidence=confidence)
        return table.assign(figure="nps", value=table["nps"], value_low=table["nps_low"], value_high=table["nps_high"])
    table = group_summaries(respondents, by=by, outcome=outcome)
    if outcome.kind == "binary":
        low, high = wilson_interval(table["value"] * table["n_eff"], table["n_eff"], confidence=confidence)
    else:
        half = t_critical(np.maximum(table["n"] - 1, 1), confidence=confidence) * table["se"]
        low = np.where(table["n"] > 1, np.maximum(table["value"] - half, outcome.low), np.nan)   # within the scale
        high = np.where(table["n"] > 1, np.minimum(table["value"] + half, outcome.high), np.nan)
    out = table.drop(columns="se").assign(value_low=low, value_high=high)
    columns = ["group", "n", "value", "value_low", "value_high"]
    if outcome.kind == "scale":
        top_low, top_high = wilson_interval(out["top2"] * out["n_eff"], out["n_eff"], confidence=confidence)
        out = out.assign(top2_low=top_low, top2_high=top_high)
        columns += ["top2", "top2_low", "top2_high"]
    out = out[columns + ["n_eff"]]
    out.insert(2, "figure", outcome.figure)
    out["small"] = out["n"] < min_n
    out["rank"] = out["value"].where(~out["small"]).rank(ascending=False, method="min").astype("Int64")
    return out.sort_values(["small", "value"], ascending=[True, False], kind="stable").reset_index(drop=True)


#: The variance of rounding a value to a whole answer (uniform within ± 0.5): the least a mean's spread can be.
ROUNDING_VARIANCE = 1 / 12


def _answers_and_outcome(data: pd.DataFrame | Project, outcome: OutcomeSpec | None
                         ) -> tuple[pd.DataFrame, OutcomeSpec]:
    """The respondents and the outcome question of a project (or a frame, whose outcome is given or NPS)."""
    if isinstance(data, Project):
        return data.respondents, outcome or data.outcome
    return data, outcome or NPS_OUTCOME


def group_summaries(respondents: pd.DataFrame, *, by: str | None, outcome: OutcomeSpec) -> pd.DataFrame:
    """Per group of ``by`` (None: everyone): ``n`` answers, ``n_eff`` (Kish's effective size; ``n``
    without weights), ``value`` (share positive or mean, weighted when the answers carry weights),
    ``se`` (its standard error) and, for a scale, ``top2`` (the weighted share in the top-2 box).

    Notes
    -----
    Share: ``p = Σwy/Σw``, ``se = sqrt(p(1 − p)/n_eff)``. Mean: :func:`tpkit.stats.mean_and_se`, at least
    ``sqrt(1/12 / n_eff)``: a whole answer k stands for a value within k ± 0.5, so a group whose answers
    are all alike still has that much uncertainty (and the tests between groups stay defined).

    >>> r = pd.DataFrame({"recommend": [1, 0, 1, 1], "weight": [1, 1, 1, 3.0]})
    >>> row = group_summaries(r, by=None, outcome=OutcomeSpec("binary", 0, 1)).iloc[0]
    >>> float(row["value"]), float(row["n_eff"])          # (1 + 1 + 3)/6;  6²/12
    (0.8333333333333334, 3.0)
    """
    frame, labels = _answered(respondents, by)
    weights = answer_weights(frame)
    values = frame["recommend"].to_numpy(dtype="float64")
    w = np.ones(len(frame)) if weights is None else weights
    groups = labels.to_numpy(dtype=object)
    rows = []
    for group in sorted(set(groups.tolist())):
        mask = groups == group
        x, wg = values[mask], w[mask]
        n_eff = effective_n(wg) if weights is not None else float(len(x))
        if outcome.kind == "binary":
            value = float((wg * x).sum() / wg.sum()) if wg.sum() > 0 else np.nan
            row = {"value": value, "se": float(np.sqrt(value * (1 - value) / n_eff)) if n_eff > 0 else np.nan}
        else:
            value, se, _ = mean_and_se(x, weights=None if weights is None else wg)
            se = max(se, np.sqrt(ROUNDING_VARIANCE / n_eff)) if n_eff > 0 and np.isfinite(se) else se
            top = np.isin(x, outcome.top_box)
            row = {"value": value, "se": se, "top2": float((wg * top).sum() / wg.sum()) if wg.sum() > 0 else np.nan}
        rows.append({"group": group, "n": int(mask.sum()), "n_eff": n_eff, **row})
    columns = ["group", "n", "n_eff", "value", "se"] + (["top2"] if outcome.kind == "scale" else [])
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({c: "float64" for c in columns if c not in ("group", "n")}).astype({"n": "int64"})


def headline_test(respondents: pd.DataFrame | Project, *, by: str, outcome: OutcomeSpec | None = None,
                  min_n: int = MIN_N) -> pd.DataFrame:
    """Do the groups differ in the headline figure? One test across the (not small) groups.

    Returns
    -------
    One row: ``by``, ``test``, ``statistic``, ``dof``, ``p_value``, ``groups`` (groups tested).

    Notes
    -----
    NPS: :func:`nps_test` (chi-square on promoter/passive/detractor counts). Share positive: chi-square
    on positive/negative counts (:func:`scipy.stats.chi2_contingency` without continuity correction, so
    that two groups agree with the pairwise z-test; weighted answers: effective counts). Mean: Welch's one-way ANOVA (unequal variances, :func:`welch_anova`), ``dof`` its numerator
    degrees of freedom.

    >>> r = pd.DataFrame({"recommend": [1] * 30 + [0] * 10 + [0] * 30 + [1] * 10, "g": ["a"] * 40 + ["b"] * 40})
    >>> t = headline_test(r, by="g", outcome=OutcomeSpec("binary", 0, 1)).iloc[0]
    >>> t["test"], bool(t["p_value"] < 0.001)
    ('chi_square', True)
    """
    respondents, outcome = _answers_and_outcome(respondents, outcome)
    if outcome.kind == "nps":
        return nps_test(respondents, by=by, min_n=min_n).assign(test="chi_square")[
            ["by", "test", "statistic", "dof", "p_value", "groups"]]
    table = _tested(respondents, by, outcome, min_n)
    test = "chi_square" if outcome.kind == "binary" else "welch_anova"
    if len(table) < 2:
        return pd.DataFrame([{"by": by, "test": test, "statistic": np.nan, "dof": 0, "p_value": np.nan,
                              "groups": len(table)}])
    if outcome.kind == "binary":
        shares = np.column_stack([table["value"], 1 - table["value"]])
        statistic, p, dof = chi_square_of_shares(shares, table["n"].to_numpy(), table["n_eff"].to_numpy())
    else:
        statistic, dof, p = welch_anova(table["value"].to_numpy(), table["se"].to_numpy() ** 2, table["n"].to_numpy())
    return pd.DataFrame([{"by": by, "test": test, "statistic": float(statistic), "dof": dof, "p_value": float(p),
                          "groups": len(table)}])


def welch_anova(means, variances, n) -> tuple[float, int, float]:
    """Welch's one-way ANOVA for groups with unequal variances: ``(F, numerator dof, p)``, from each group's
    mean, the variance of that mean (``s²/n``, or the squared standard error of a weighted mean) and n.

    Notes
    -----
    Weights ``w = 1/variance`` (``n/s²``), weighted mean ``m = Σwx̄/Σw``; ``F = [Σw(x̄ − m)²/(k − 1)] /
    [1 + 2(k − 2)/(k² − 1)·Λ]`` with ``Λ = Σ(1 − w/Σw)²/(n − 1)`` and denominator dof ``(k² − 1)/(3Λ)``
    (Welch 1951). Groups without spread make the test undefined (NaN).

    >>> f, dof, p = welch_anova([2.5, 4.5], [1.6667 / 4, 1.6667 / 4], [4, 4])
    >>> round(f, 3), dof, round(p, 3)        # two groups: F is Welch's t squared
    (4.8, 1, 0.071)
    """
    from scipy.stats import f as f_dist

    means, var, n = (np.asarray(v, dtype=float) for v in (means, variances, n))
    k = len(means)
    if not np.all(var > 0):
        return float("nan"), k - 1, float("nan")
    w = 1 / var
    centre = (w * means).sum() / w.sum()
    lam = ((1 - w / w.sum()) ** 2 / (n - 1)).sum()
    f = ((w * (means - centre) ** 2).sum() / (k - 1)) / (1 + 2 * (k - 2) / (k**2 - 1) * lam)
    df2 = (k**2 - 1) / (3 * lam)
    return float(f), k - 1, float(f_dist.sf(f, k - 1, df2))


def headline_pairwise(respondents: pd.DataFrame | Project, *, by: str, outcome: OutcomeSpec | None = None,
                      min_n: int = MIN_N, confidence: float = 0.95) -> pd.DataFrame:
    """Every pair of (not small) groups: difference of the headline figure, its interval, a test and
    Holm-adjusted p-values (the columns of :func:`nps_pairwise`).

    Notes
    -----
    NPS: :func:`nps_pairwise`. Share positive: Wald z-test of two proportions, ``diff ± z·se`` with
    ``se = sqrt(Σ p(1 − p)/n)``. Mean: Welch's t-test, ``diff ± t(ν)·se`` with Welch–Satterthwaite ``ν``.

    >>> r = pd.DataFrame({"recommend": [5, 4, 5, 4, 1, 2, 1, 2], "g": ["a"] * 4 + ["b"] * 4})
    >>> headline_pairwise(r, by="g", outcome=OutcomeSpec("scale", 1, 5), min_n=1)[["group_a", "group_b", "diff"]].values.tolist()
    [['a', 'b', 3.0]]
    """
    respondents, outcome = _answers_and_outcome(respondents, outcome)
    if outcome.kind == "nps":
        return nps_pairwise(respondents, by=by, min_n=min_n, confidence=confidence)
    table = _tested(respondents, by, outcome, min_n).set_index("group")
    rows = []
    for a, b in combinations(table.index, 2):
        x, y = table.loc[a], table.loc[b]
        diff = float(x["value"] - y["value"])
        se = float(np.sqrt(x["se"] ** 2 + y["se"] ** 2))
        if outcome.kind == "binary":
            crit = z_critical(confidence=confidence)
            p = _two_sided_p(diff, se, normal_two_sided_p)
        else:
            dof = se**4 / (x["se"] ** 4 / (x["n"] - 1) + y["se"] ** 4 / (y["n"] - 1)) if se > 0 else np.inf
            crit = float(t_critical(dof, confidence=confidence))
            from scipy.stats import t as t_dist

            p = _two_sided_p(diff, se, lambda z: 2 * t_dist.sf(abs(z), dof))
        rows.append({"group_a": a, "group_b": b, "diff": diff, "diff_low": diff - crit * se,
                     "diff_high": diff + crit * se, "p_value": p})
    return pairs_table(rows, confidence=confidence)


def _two_sided_p(diff: float, se: float, p_of_z: Callable[[float], float]) -> float:
    """The two-sided p-value of ``diff`` with standard error ``se``: NaN when ``se`` is unknown (one answer,
    no weight), 1 or 0 when there is no spread (no difference or a sure one)."""
    if not np.isfinite(se) or not np.isfinite(diff):
        return float("nan")
    return float(p_of_z(diff / se)) if se > 0 else (1.0 if diff == 0 else 0.0)


def _tested(respondents: pd.DataFrame, by: str, outcome: OutcomeSpec, min_n: int) -> pd.DataFrame:
    """The :func:`group_summaries` of the groups with at least ``min_n`` answers (and weight), best first."""
    table = group_summaries(respondents, by=by, outcome=outcome)
    return table[(table["n"] >= min_n) & (table["n_eff"] > 0) & table["value"].notna()].sort_values("value", ascending=False, kind="stable").reset_index(drop=True)

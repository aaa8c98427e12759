"""The headline figure of part 2: the Net Promoter Score, with its interval and its tests.

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

from itertools import combinations

import numpy as np
import pandas as pd

from .errors import check_segment, check_touchpoint
from .io import Project
from .schema import ALL_SEGMENTS
from .stats import MIN_N, holm, normal_two_sided_p, nps_interval, z_critical


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
    ``nps``, ``nps_low``, ``nps_high``, ``small``, ``rank`` (1 = highest NPS; none for small groups).

    Notes
    -----
    ``NPS = 100 · (promoters − detractors) / n`` with promoters 9–10 and detractors 0–6; the interval
    is :func:`tpkit.stats.nps_interval` (adjusted Wald).

    >>> r = pd.DataFrame({"recommend": [10, 9, 8, 3, 10], "loyalty": ["new"] * 5})
    >>> nps(r, by="loyalty", min_n=1)[["group", "n", "nps"]].values.tolist()
    [['new', 5, 40.0]]
    """
    frame = respondents[respondents["recommend"].notna()]
    cls = nps_class(frame["recommend"])
    groups = frame[by].astype(str) if by else pd.Series(ALL_SEGMENTS, index=frame.index)
    counts = pd.crosstab(groups, cls).reindex(columns=["promoter", "passive", "detractor"], fill_value=0)
    return nps_from_counts(counts.index.astype(str), *(counts[c].to_numpy() for c in counts.columns),
                           min_n=min_n, confidence=confidence)


def nps_from_counts(groups, promoters, passives, detractors, *, min_n: int = MIN_N,
                    confidence: float = 0.95) -> pd.DataFrame:
    """The NPS table of :func:`nps` from the count of promoters, passives and detractors per group.

    Every engine's counts (pandas, DuckDB, Spark: :mod:`tpkit.engine`) end here; the columns are
    those of :func:`nps`.

    >>> float(nps_from_counts(["a"], [3], [1], [1], min_n=1)["nps"][0])
    40.0
    """
    pro, pas, det = (np.asarray(c, dtype=float) for c in (promoters, passives, detractors))
    n = pro + pas + det
    low, high = nps_interval(pro, det, n, confidence=confidence)
    out = pd.DataFrame({
        "group": pd.Index(groups).astype(str), "n": n.astype(int), "promoters": pro / n, "passives": pas / n,
        "detractors": det / n, "nps": 100 * (pro - det) / n, "nps_low": low, "nps_high": high,
    })
    out["small"] = out["n"] < min_n
    out["rank"] = out["nps"].where(~out["small"]).rank(ascending=False, method="min").astype("Int64")
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
    :func:`scipy.stats.chi2_contingency` on the groups × (promoter, passive, detractor) counts.

    >>> r = pd.DataFrame({"recommend": [10] * 40 + [2] * 40, "g": ["a"] * 40 + ["b"] * 40})
    >>> bool(nps_test(r, by="g")["p_value"].iloc[0] < 0.001)
    True
    """
    table = nps(respondents, by=by, min_n=min_n)
    tested = table[~table["small"]]
    if len(tested) < 2:
        return pd.DataFrame([{"by": by, "statistic": np.nan, "dof": 0, "p_value": np.nan, "groups": len(tested)}])
    counts = np.column_stack([np.rint(tested[c] * tested["n"]) for c in ("promoters", "passives", "detractors")])
    counts = counts[:, counts.sum(axis=0) > 0]
    from scipy.stats import chi2_contingency  # here: scipy.stats takes 0.4 s to import, and few callers need it

    chi2, p, dof, _ = chi2_contingency(counts)
    return pd.DataFrame([{"by": by, "statistic": float(chi2), "dof": int(dof), "p_value": float(p),
                          "groups": len(tested)}])


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
    ok = table[~table["small"]]
    z_crit = z_critical(confidence=confidence)
    rows = []
    for a, b in combinations(ok.index, 2):
        var = 0.0
        for g in (a, b):
            pp, pm, n = ok.loc[g, "promoters"], ok.loc[g, "detractors"], ok.loc[g, "n"]
            var += (pp + pm - (pp - pm) ** 2) / n
        diff = ok.loc[a, "nps"] - ok.loc[b, "nps"]
        se = 100 * np.sqrt(var)
        p = float(normal_two_sided_p(diff / se)) if se > 0 else (1.0 if diff == 0 else 0.0)
        rows.append({"group_a": a, "group_b": b, "diff": diff, "diff_low": diff - z_crit * se,
                     "diff_high": diff + z_crit * se, "p_value": p})
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

"""Tracking over time: a touchpoint programme measures again after its measures are done.

Respondents carry a ``wave`` (a label or a date such as ``2027-09``). :func:`changes` gives each figure's
change from one wave to the next with its interval and a test (Holm-corrected across touchpoints);
:func:`measure_check` asks of every measure with a due date whether its touchpoint improved between the waves
before and after, set against the uplift it promised; :func:`target_lights` gives honest traffic lights (red
only when the interval lies below the target); :func:`prediction_check` sets the projection made from an
earlier wave beside what the later wave measured.

Example
-------
>>> from tpkit.datasets import load_sample
>>> waves(load_sample("hotel_waves"))
['2026-05', '2027-09']
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .errors import ModelError
from .evaluation import performance
from .groups import group_labels, group_project
from .io import Project
from .recommendation import headline, headline_pairwise
from .schema import WAVE
from .stats import MIN_N, holm


def waves(project: Project) -> list[str]:
    """The project's waves in time order: by date where every label reads as one (``2027-09``; ``Q3 2027`` does
    not), else in the labels' natural order (wave 9 before wave 10); an empty list without a ``wave`` column.
    Labels are named as groups name them (:func:`tpkit.groups.group_labels`: ``2.0`` is ``2``).

    >>> from tpkit.datasets import load_sample
    >>> waves(load_sample("hotel"))
    []
    """
    if WAVE not in project.respondents.columns:
        return []
    labels = sorted(set(group_labels(project.respondents[WAVE]).dropna()), key=_natural)
    dates = pd.to_datetime(pd.Series(labels, dtype=object), errors="coerce", format="mixed")
    if len(labels) and dates.notna().all() and not all(label.isdigit() for label in labels):
        return [label for _, label in sorted(zip(dates, labels))]
    return labels


def _natural(label: str) -> tuple:
    """A sort key that puts wave 9 before wave 10 (numbers in a label compare as numbers).

    >>> sorted(["wave 10", "wave 9", "2"], key=_natural)
    ['2', 'wave 9', 'wave 10']
    """
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", label) if part)


def _wave_dates(project: Project) -> dict[str, pd.Timestamp] | None:
    """Each wave's date (the first day of a month given as ``2027-09``), or None when a label is no date."""
    labels = waves(project)
    dates = pd.to_datetime(pd.Series(labels), errors="coerce", format="mixed")
    return dict(zip(labels, dates)) if len(labels) and dates.notna().all() else None


def _check_waves(project: Project) -> list[str]:
    found = waves(project)
    if len(found) < 2:
        raise ModelError("too_few_waves", found=len(found))
    return found


def changes(project: Project, *, segment: str | None = None, min_n: int = MIN_N,
            confidence: float = 0.95) -> pd.DataFrame:
    """Each figure's change from one wave to the next, with its interval and a test.

    Parameters
    ----------
    segment : one segment's id, or None for all respondents.
    min_n : a touchpoint with fewer ratings in either wave is flagged ``small`` (and not tested).
    confidence : coverage of the intervals.

    Returns
    -------
    One row per pair of consecutive waves and figure: ``from_wave``, ``to_wave``, ``figure`` (the headline
    figure's name — ``nps``, ``share_positive`` or ``mean`` —, ``performance``, or ``employee_performance`` when
    employee ratings carry waves: the employees' own view of each touchpoint, for all respondents only; their
    ratings without a wave are in no comparison), ``touchpoint_id`` (NA for the headline), ``n_before``, ``n_after``, ``before``, ``after``, ``change``, ``change_low``, ``change_high``,
    ``p_value``, ``p_adjusted`` (Holm across the touchpoints of the pair; the headline's own p-value),
    ``significant`` (at 1 − ``confidence``), ``small``.

    Notes
    -----
    The headline's change is :func:`tpkit.recommendation.headline_pairwise` between the two waves (NPS: the
    difference of two independent NPS with its Wald interval; share positive: two proportions; mean: Welch).
    A touchpoint's change is Welch's t-test of the two waves' ratings (the respondents of two waves are
    different people), unweighted: with survey weights the touchpoints' changes are those of the answers as
    given, while the headline figure is weighted.

    >>> from tpkit.datasets import load_sample
    >>> table = changes(load_sample("hotel_waves"))
    >>> row = table.query("touchpoint_id == 'wifi'").iloc[0]
    >>> bool(row["change_low"] > 0 and row["significant"])
    True
    """
    found = _check_waves(project)
    alpha = 1 - confidence
    resp = project.respondents if segment is None else project.respondents[project.respondents["segment_id"] == segment]
    rows = []
    for before, after in zip(found, found[1:]):
        labelled = resp.assign(**{WAVE: group_labels(resp[WAVE])})
        pair = labelled[labelled[WAVE].isin([before, after])]
        figure = headline(pair, outcome=project.outcome, by=WAVE, min_n=1).set_index("group") if len(pair) else None
        both = figure is not None and before in figure.index and after in figure.index
        tests = headline_pairwise(pair, by=WAVE, outcome=project.outcome, min_n=1, confidence=confidence) \
            if both else pd.DataFrame()
        row = {"from_wave": before, "to_wave": after, "figure": project.outcome.figure, "touchpoint_id": pd.NA,
               "n_before": int(figure.loc[before, "n"]) if both else 0, "n_after": int(figure.loc[after, "n"]) if both else 0,
               "before": float(figure.loc[before, "value"]) if both else np.nan,
               "after": float(figure.loc[after, "value"]) if both else np.nan, "change": np.nan, "change_low": np.nan,
               "change_high": np.nan, "p_value": np.nan, "p_adjusted": np.nan}
        if len(tests):     # (a segment asked in one of the waves only has no change to give)
            test = tests.iloc[0]
            sign = 1.0 if test["group_a"] == after else -1.0
            low, high = sorted((sign * float(test["diff_low"]), sign * float(test["diff_high"])))
            row.update(change=sign * float(test["diff"]), change_low=low, change_high=high,
                       p_value=float(test["p_value"]), p_adjusted=float(test["p_value"]))
        row["small"] = bool(row["n_before"] < min_n or row["n_after"] < min_n)
        rows.append(row)
        ratings = project.ratings.merge(pair[["respondent_id", WAVE]], on="respondent_id")
        rows += _touchpoint_changes(ratings, project, before, after, "performance", min_n, alpha)
        employees = project.employee_ratings
        if segment is None and WAVE in employees.columns and employees[WAVE].notna().any():
            labelled = employees.assign(**{WAVE: group_labels(employees[WAVE])})
            rows += _touchpoint_changes(labelled[labelled[WAVE].isin([before, after])], project, before, after,
                                        "employee_performance", min_n, alpha)
    out = pd.DataFrame(rows)
    out["significant"] = (out["p_adjusted"] < alpha).fillna(False) & ~out["small"]
    columns = ["from_wave", "to_wave", "figure", "touchpoint_id", "n_before", "n_after", "before", "after", "change",
               "change_low", "change_high", "p_value", "p_adjusted", "significant", "small"]
    return out[columns]


def _touchpoint_changes(ratings: pd.DataFrame, project: Project, before: str, after: str, figure: str,
                        min_n: int, alpha: float) -> list[dict]:
    """Each touchpoint's change of mean performance between two waves of ``ratings`` (a ``wave`` column): Welch's
    test, Holm across the touchpoints; fewer than ``min_n`` ratings in a wave is ``small`` and not tested."""
    rated = {key: part.dropna() for key, part in ratings.groupby(["touchpoint_id", WAVE])["performance"]}
    none = pd.Series(dtype=float)
    rows = []
    for tp in project.touchpoints["touchpoint_id"]:
        x, y = rated.get((tp, before), none), rated.get((tp, after), none)
        small = len(x) < max(min_n, 2) or len(y) < max(min_n, 2)
        change, low, high, p = _welch(x.to_numpy(float), y.to_numpy(float), alpha) if not small else (
            float(y.mean() - x.mean()) if len(x) and len(y) else np.nan, np.nan, np.nan, np.nan)
        rows.append({"from_wave": before, "to_wave": after, "figure": figure, "touchpoint_id": tp,
                     "n_before": len(x), "n_after": len(y), "before": float(x.mean()) if len(x) else np.nan,
                     "after": float(y.mean()) if len(y) else np.nan, "change": change,
                     "change_low": low, "change_high": high, "p_value": p, "small": small})
    tested = pd.DataFrame(rows)
    ok = tested["p_value"].notna().to_numpy()
    adjusted = np.full(len(tested), np.nan)
    adjusted[ok] = holm(tested.loc[ok, "p_value"].to_numpy())
    tested["p_adjusted"] = adjusted
    return tested.to_dict("records")


def _welch(x: np.ndarray, y: np.ndarray, alpha: float) -> tuple[float, float, float, float]:
    """``mean(y) − mean(x)`` with its Welch interval and two-sided p-value.

    >>> [round(v, 3) for v in _welch(np.array([1.0, 2, 3]), np.array([3.0, 4, 5]), 0.05)]
    [2.0, -0.267, 4.267, 0.07]
    """
    from scipy import stats as sps     # (imported when a test is asked for: a dashboard kernel stays lean)

    vx, vy = x.var(ddof=1) / len(x), y.var(ddof=1) / len(y)
    diff = float(y.mean() - x.mean())
    se = float(np.sqrt(vx + vy))
    if se == 0:
        return diff, diff, diff, 1.0 if diff == 0 else 0.0
    dof = (vx + vy) ** 2 / (vx**2 / (len(x) - 1) + vy**2 / (len(y) - 1))
    half = float(sps.t.ppf(1 - alpha / 2, dof)) * se
    p = float(sps.ttest_ind(y, x, equal_var=False).pvalue)
    return diff, diff - half, diff + half, p


def measure_check(project: Project, *, min_n: int = MIN_N, confidence: float = 0.95) -> pd.DataFrame:
    """Did the measures work? For each measure with a due date between two waves: its touchpoint's performance in
    the last wave before the due date and the first wave after it, the change with its interval, against the
    uplift the measure promised.

    Returns
    -------
    One row per measure with a due date inside the waves: ``measure_id``, ``touchpoint_id``, ``due_date``,
    ``from_wave``, ``to_wave``, ``uplift`` (promised), ``before``, ``after``, ``change``, ``change_low``,
    ``change_high``, ``promised`` (the uplifts of every measure at the touchpoint due between the same waves:
    they share one measured change), ``verdict``: ``kept`` (the interval lies beyond zero in the promised
    direction and reaches the promise), ``partly`` (beyond zero, short of the promise), ``no_effect`` (the
    interval reaches zero), ``too_few`` (a wave has fewer than ``min_n`` ratings of the touchpoint).

    Notes
    -----
    Waves must be dates to be set against due dates; another label raises a :class:`~tpkit.errors.ModelError`.
    The change is a change between two surveys, not a proof that the measure caused it.

    >>> from tpkit.datasets import load_sample
    >>> check = measure_check(load_sample("hotel_waves")).set_index("measure_id")
    >>> check.loc["M01", "verdict"], check.loc["M07", "verdict"], float(check.loc["M02", "promised"])
    ('partly', 'no_effect', 1.6)
    """
    _check_waves(project)
    dates = _wave_dates(project)
    if dates is None:
        raise ModelError("waves_not_dates", waves=", ".join(waves(project)))
    table = changes(project, min_n=min_n, confidence=confidence)
    table = table[table["figure"] == "performance"].set_index(["from_wave", "to_wave", "touchpoint_id"])
    order = list(dates)
    rows = []
    for m in project.measures.dropna(subset=["due_date"]).itertuples():
        due = pd.Timestamp(m.due_date)
        before = [w for w in order if dates[w] <= due]
        after = [w for w in order if dates[w] > due]
        if not before or not after:
            continue
        # consecutive waves around the due date (the last before it, the first after it)
        key = (before[-1], after[0], m.touchpoint_id)
        if key not in table.index:
            continue
        row = table.loc[key]
        rows.append({"measure_id": m.measure_id, "touchpoint_id": m.touchpoint_id, "due_date": due,
                     "from_wave": before[-1], "to_wave": after[0], "uplift": float(m.uplift),
                     "before": row["before"], "after": row["after"], "change": row["change"],
                     "change_low": row["change_low"], "change_high": row["change_high"], "small": bool(row["small"])})
    out = pd.DataFrame(rows, columns=["measure_id", "touchpoint_id", "due_date", "from_wave", "to_wave", "uplift",
                                      "before", "after", "change", "change_low", "change_high", "small"])
    # measures at the same touchpoint between the same waves share one change: it is held against their promises
    out["promised"] = out.groupby(["touchpoint_id", "from_wave", "to_wave"])["uplift"].transform("sum")
    out["verdict"] = [_verdict(r) for r in out.itertuples()]
    return out.drop(columns="small")


def _verdict(row) -> str:
    """``kept``, ``partly``, ``no_effect`` or ``too_few`` for a change against the promise (a cut counts down)."""
    if row.small:
        return "too_few"
    sign = -1.0 if row.promised < 0 else 1.0
    low, high = sorted((sign * row.change_low, sign * row.change_high))
    if low <= 0:
        return "no_effect"
    return "kept" if high >= abs(row.promised) else "partly"


def target_lights(project: Project, *, min_n: int = MIN_N) -> pd.DataFrame:
    """Honest traffic lights: the target levels set from the first wave (:func:`tpkit.strategy.target_levels`)
    against the last wave's performance and its interval, per segment and touchpoint.

    Returns
    -------
    One row per target level: ``segment_id``, ``touchpoint_id``, ``target``, ``performance``,
    ``performance_low``, ``performance_high``, ``n`` (in the last wave), ``light``: ``red`` (the interval lies
    below the target), ``amber`` (the interval covers it), ``green`` (it lies above), ``grey`` (too few
    ratings in the last wave to say).

    >>> from tpkit.datasets import load_sample
    >>> lights = target_lights(load_sample("hotel_waves")).set_index(["segment_id", "touchpoint_id"])
    >>> lights.loc[("business", "wifi"), "light"] in ("red", "amber", "green")
    True
    """
    from .strategy import target_levels

    found = _check_waves(project)
    first, last = group_project(project, WAVE, found[0]), group_project(project, WAVE, found[-1])
    levels = target_levels(first, min_n=min_n)[["segment_id", "touchpoint_id", "target"]]
    rows = []
    for segment, part in levels.groupby("segment_id", sort=False):
        now = performance(last, segment=segment, min_n=min_n).set_index("touchpoint_id")
        for row in part.itertuples():
            if row.touchpoint_id not in now.index:
                continue
            p = now.loc[row.touchpoint_id]
            low, high = float(p["performance_low"]), float(p["performance_high"])
            if bool(p["small"]) or not np.isfinite(low):
                light = "grey"
            else:
                light = "red" if high < row.target else "green" if low > row.target else "amber"
            rows.append({"segment_id": segment, "touchpoint_id": row.touchpoint_id, "target": float(row.target),
                         "performance": float(p["performance"]), "performance_low": low, "performance_high": high,
                         "n": int(p["n"]), "light": light})
    return pd.DataFrame(rows, columns=["segment_id", "touchpoint_id", "target", "performance", "performance_low",
                                       "performance_high", "n", "light"])


def measured_scenario(project: Project, *, min_n: int = MIN_N, confidence: float = 0.95):
    """What happened between the first and the last wave, as a scenario: each touchpoint whose performance
    changed significantly (:func:`changes`, Holm) moves by the change measured. Set beside the last wave with
    :func:`prediction_check`, it tests the what-if model itself rather than the promises of the measures.

    >>> from tpkit.datasets import load_sample
    >>> sorted(c.touchpoint_id for c in measured_scenario(load_sample("hotel_waves")).changes)
    ['checkout', 'wifi']
    """
    from .scenario import ChangePerformance, Scenario

    found = _check_waves(project)
    # the first against the last wave
    total = changes(_two_waves(project, found[0], found[-1]) if len(found) > 2 else project, min_n=min_n,
                    confidence=confidence)
    moved = total[(total["figure"] == "performance") & total["significant"]]
    return Scenario(f"{found[0]} → {found[-1]}", tuple(ChangePerformance(r.touchpoint_id, float(r.change))
                                                        for r in moved.itertuples()))


def segment_weights(project: Project) -> pd.Series:
    """Each segment's customers, as the what-if model weighs the segments (its baseline's)."""
    from .scenario import baseline

    b = baseline(project)
    return pd.Series(b.customers, index=list(b.segments), dtype=float)


def _two_waves(project: Project, first: str, last: str) -> Project:
    """The project with the respondents (and their ratings) of two waves only."""
    from .io import with_tables

    keep = project.respondents[project.respondents[WAVE].astype(str).isin([first, last])]
    return with_tables(project, respondents=keep,
                       ratings=project.ratings[project.ratings["respondent_id"].isin(keep["respondent_id"])])


def prediction_check(project: Project, scenario, *, min_n: int = MIN_N) -> pd.DataFrame:
    """Did the model predict it? The scenario (what was carried out between the first and the last wave)
    projected from the first wave, beside what the last wave measured, per segment and for all.

    Returns
    -------
    One row per segment and ``all``: ``segment_id``, ``figure`` (``nps``, ``share_positive`` or ``mean``),
    ``before`` (first wave), ``predicted``, ``predicted_low``, ``predicted_high`` (the what-if model's
    projection and its interval), ``measured``, ``measured_low``, ``measured_high`` (the last wave),
    ``within`` (the measured figure lies inside the projection's interval), ``small``.

    Notes
    -----
    ``all`` is, as in the model, the segments' figures weighted by their customers; its measured interval
    combines the segments' half-widths (``sqrt(Σ w² h²)``, the segments being independent samples). A scenario
    of the measures' promised uplifts tests the promises; :func:`measured_scenario` tests the model.

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import ApplyMeasure, Scenario
    >>> done = Scenario("carried out", (ApplyMeasure("M01"), ApplyMeasure("M02"), ApplyMeasure("M07")))
    >>> check = prediction_check(load_sample("hotel_waves"), done).set_index("segment_id")
    >>> bool(check.loc["all", "measured"] > check.loc["all", "before"])
    True
    >>> bool(prediction_check(load_sample("hotel_waves"), measured_scenario(load_sample("hotel_waves")))["within"].all())
    True
    """
    from .scenario import TOTAL, headline_metric, simulate

    found = _check_waves(project)
    first, last = group_project(project, WAVE, found[0]), group_project(project, WAVE, found[-1])
    metric = headline_metric(project.outcome)
    kpis = simulate(first, scenario, min_n=min_n).kpis
    kpis = kpis[kpis["metric"] == metric].set_index("segment_id")
    measured = headline(last.respondents, outcome=project.outcome, by="segment_id", min_n=min_n).set_index("group")
    # all segments as the model weighs them: by their customers (not by the survey's respondents)
    weights = segment_weights(first).reindex(measured.index).fillna(0.0)
    weights = weights / weights.sum()
    half = np.sqrt((weights**2 * ((measured["value_high"] - measured["value_low"]) / 2) ** 2).sum())
    value = float((weights * measured["value"]).sum())
    measured.loc[TOTAL, ["value", "value_low", "value_high", "small"]] = [value, value - half, value + half, False]
    rows = []
    for segment in [*first.segments["segment_id"], TOTAL]:
        if segment not in kpis.index or segment not in measured.index:
            continue
        k, m = kpis.loc[segment], measured.loc[segment]
        value = float(m["value"])
        rows.append({"segment_id": segment, "figure": project.outcome.figure, "before": float(k["baseline"]),
                     "predicted": float(k["scenario"]), "predicted_low": float(k["scenario_low"]),
                     "predicted_high": float(k["scenario_high"]), "measured": value,
                     "measured_low": float(m["value_low"]), "measured_high": float(m["value_high"]),
                     "within": bool(k["scenario_low"] <= value <= k["scenario_high"]),
                     "small": bool(m["small"]) or bool(k["small"])})
    return pd.DataFrame(rows)

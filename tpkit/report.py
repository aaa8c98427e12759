"""The strategy document: one xlsx workbook and one self-contained HTML page.

Both hold the same tables — goals, desired and exit segments with exit plans, target-group
conflicts, target service levels, the chosen scenario against the baseline (with its changes and
the journey gaps it opens), the prioritised measures with their owners, the employees' and
customers' vote on them, and the model's parameters with their sources — in German or English.
The HTML page embeds its charts as SVG and loads nothing from the network.

Each table is built once, as a :class:`tpkit.display.Table` (a frame and how its columns are
written): the workbook takes its numbers, the page and the what-if planner's tabs render it with
:func:`tpkit.display.section_html`, so the document and the dashboard cannot drift apart.

Example
-------
>>> from tpkit.datasets import load_sample
>>> from tpkit.scenario import Scenario, ApplyMeasure
>>> page = strategy_html(load_sample("hotel"), Scenario("WLAN", (ApplyMeasure("M01"),)), lang="en")
>>> "<script" in page, "Graceful exit plans" in page
(False, True)
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import pandas as pd

from . import charts
from .display import MEANS, Formats, Table, labelled, metric_text, names, section_html, with_names
from .i18n import Lang, format_date, format_money, format_number, format_share, has, label, metric_word, name_map, t
from .levers import LEVER_FIGURE, LEVERS, lever_table
from .io import Project, is_missing, text_cell
from .optimize import measure_priorities
from .outcome import NPS_OUTCOME, OutcomeSpec
from .errors import ModelError
from .scenario import (TOTAL, Change, Scenario, Simulation, compare, headline_metric, model_fit, parameter_values,
                       parameters, simulate)
from .scenario.assumptions import COUNTED_METRICS, MONEY_METRICS, SHARE_METRICS
from .strategy import (comments, desired_segments, exit_plan, fit_conflicts, measure_ownership, target_levels, voices,
                       vote_ranking)

SECTIONS = ("goals", "segments", "exit_plans", "fit", "targets", "levers", "scenario", "changes", "gaps_opened",
            "measures", "ownership", "votes", "voices", "parameters", "model_fit")
#: The strategy page's order: the decisions first (the scenario for all segments together), the details after
#: them (the scenario per segment first), the method and its assumptions in an appendix.
DECISIONS = ("goals", "scenario", "changes", "measures")
DETAILS = ("scenario", "segments", "exit_plans", "fit", "targets", "levers", "gaps_opened", "ownership", "votes",
           "voices")
APPENDIX = ("parameters", "model_fit")
#: Sections whose numbers the workbook holds rounded to 2 decimals.
ROUNDED = ("segments", "fit", "targets", "measures")     # (the scenario's cells have formats of their own)
#: The key figures of the document and of the planner's comparison (for a yes/no or scale outcome its
#: headline figure stands in place of the NPS: :func:`key_metrics`).
KEY_METRICS = ("nps", "experience_index", "customers", "won", "lost", "referrals", "fans", "touchpoint_cost",
               "measure_cost", "contribution")


def key_metrics(outcome: OutcomeSpec = NPS_OUTCOME) -> tuple[str, ...]:
    """:data:`KEY_METRICS` with the outcome's headline figure first.

    >>> from tpkit.outcome import OutcomeSpec
    >>> key_metrics(OutcomeSpec("binary", 0, 1))[:2]
    ('promoter_share', 'experience_index')
    """
    return (headline_metric(outcome),) + KEY_METRICS[1:]


def describe_change(change: Change, project: Project, *, lang: Lang = "de") -> str:
    """One line saying what a change does, in ``lang`` (each kind of change describes itself).

    Parameters
    ----------
    change : any change of :mod:`tpkit.scenario` (its ``describe`` method and its word in i18n).
    project : the project whose touchpoint and measure names are shown.
    lang : the language.

    Returns
    -------
    The line of text.

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import RemoveTouchpoint
    >>> describe_change(RemoveTouchpoint("checkin_desk"), load_sample("hotel"), lang="en")
    'Removed: Front-desk check-in'
    """
    return change.describe(project, lang=lang)


def _goals(project: Project, scenario: Scenario, result: Simulation, segments: pd.DataFrame, lang: Lang) -> list[str]:
    desired = segments.loc[segments["status"] == "desired", "segment_id"].tolist()
    k = result.kpis[result.kpis["segment_id"].isin(desired)]
    customers = k[k["metric"] == "customers"].set_index("segment_id")
    metric = headline_metric(project.outcome)
    nps = k[k["metric"] == metric].set_index("segment_id")
    w = customers["baseline"]
    before = float((nps["baseline"] * w).sum() / w.sum()) if w.sum() else float("nan")
    after = float((nps["scenario"] * w).sum() / w.sum()) if w.sum() else float("nan")
    months = int(parameter_values(scenario)["horizon_months"])
    total = result.kpis[result.kpis["segment_id"] == TOTAL].set_index("metric")
    exits = segments.loc[segments["status"] == "exit"]
    exit_names = ", ".join(name_map(exits, id_column="segment_id", lang=lang).values()) or t("goal.none", lang=lang)
    cur = project.currency
    return [
        t("goal.nps", lang=lang, before=format_number(before, lang=lang), after=format_number(after, lang=lang),
          scenario=scenario.name) if metric == "nps" else
        t("goal.headline", lang=lang, figure=metric_word(metric, project.outcome, lang), scenario=scenario.name,
          before=metric_text(before, metric, lang=lang), after=metric_text(after, metric, lang=lang)),
        t("goal.customers", lang=lang, months=months, before=format_number(customers["baseline"].sum(), lang=lang),
          after=format_number(customers["scenario"].sum(), lang=lang)),
        t("goal.cost", lang=lang, before=format_money(total.loc["touchpoint_cost", "baseline"], currency=cur, lang=lang),
          after=format_money(total.loc["touchpoint_cost", "scenario"], currency=cur, lang=lang),
          measures=format_money(total.loc["measure_cost", "scenario"], currency=cur, lang=lang)),
        t("goal.exit", lang=lang, segments=exit_names),
    ]


# --- the sections the what-if planner shows as well --------------------------------------------

def segment_table(project: Project, *, lang: Lang = "de") -> Table:
    """Section ``segments``: every segment with its verdict (desired, review, exit) and the reasons in words.

    Parameters
    ----------
    project : the project.
    lang : language of the names and reasons.

    Returns
    -------
    The columns of :func:`tpkit.strategy.desired_segments` without ``name``/``name_en``: ``segment_id``
    (as its name), ``status``, ``reasons`` (in words), ``wanted``, ``strategic_fit``, ``customers``,
    ``revenue_per_customer``, ``margin``, ``profit``, ``network``, ``n``, the headline figure with its
    interval (``nps``, ``nps_low``, ``nps_high`` or the outcome's own), ``small``.

    >>> from tpkit.datasets import load_sample
    >>> segment_table(load_sample("hotel"), lang="en").frame["segment_id"].tolist()[:2]
    ['Conference organisers', 'Business travellers']
    """
    segments = desired_segments(project)
    frame = segments.drop(columns=[c for c in ("name", "name_en") if c in segments])
    frame = frame.assign(reasons=[reasons_text(r, lang=lang) for r in frame["reasons"]])
    figure = [project.outcome.figure, f"{project.outcome.figure}_low", f"{project.outcome.figure}_high"]
    shares, decimals = ("margin", *figure) if figure[0] == "share_positive" else ("margin",), \
        {c: 1 if figure[0] == "nps" else 2 for c in figure} if figure[0] != "share_positive" else {}
    return Table(with_names(frame, project, lang=lang),
                 Formats(money=("revenue_per_customer", "profit"), shares=shares, decimals=decimals,
                         words={"status": "status"}))


def exit_plan_table(project: Project, *, lang: Lang = "de") -> Table:
    """Section ``exit_plans``: the graceful exit plan of every exit segment, one after the other.

    Returns
    -------
    The columns of :func:`tpkit.strategy.exit_plan` without ``name``, touchpoints and segments by name:
    ``segment_id``, ``step``, ``touchpoint_id``, ``phase``, ``owner``, ``action``, ``shared_with``,
    ``annual_cost``, ``saving``, ``cumulative_saving``.

    >>> from tpkit.datasets import load_sample
    >>> exit_plan_table(load_sample("hotel"), lang="de").frame["segment_id"].iloc[0]
    'Busreisegruppen'
    >>> "Geschäftsreisende" in " ".join(exit_plan_table(load_sample("hotel"), lang="de").frame["shared_with"].dropna())
    True
    """
    segments = desired_segments(project)
    plans = [exit_plan(project, segment=s) for s in segments.loc[segments["status"] == "exit", "segment_id"]]
    plan = pd.concat(plans, ignore_index=True) if plans else exit_plan(
        project, segment=segments["segment_id"].iloc[0]).iloc[:0]
    return Table(with_names(plan.drop(columns=["name"]), project, lang=lang,
                            columns=("segment_id", "touchpoint_id", "shared_with")),
                 Formats(money=("annual_cost", "saving", "cumulative_saving"), words={"action": "action"}))


def target_table(project: Project, *, lang: Lang = "de", overrides: pd.DataFrame | None = None) -> Table:
    """Section ``targets``: the target service levels that are not reached yet (``gap > 0``); ``overrides``
    are the user's own targets (see :func:`tpkit.strategy.target_levels`).

    Returns
    -------
    The columns of :func:`tpkit.strategy.target_levels`, segments and touchpoints by name: ``segment_id``,
    ``touchpoint_id``, ``n``, ``small``, ``class``, ``current``, ``target``, ``source``, ``gap``,
    ``measures``, ``measure_uplift``, ``closed_by_measures``.

    >>> from tpkit.datasets import load_sample
    >>> bool((target_table(load_sample("hotel")).frame["gap"] > 0).all())
    True
    """
    levels = target_levels(project, overrides=overrides)
    levels = levels[levels["gap"] > 0]
    return Table(with_names(levels, project, lang=lang, columns=("segment_id", "touchpoint_id", "measures")),
                 Formats(decimals={"current": 2, "target": 2, "gap": 2, "measure_uplift": 1},
                         words={"source": "source", "class": "class"}))


def vote_table(project: Project, *, lang: Lang = "de") -> Table:
    """Section ``votes``: the measures ranked by the votes of customers and employees.

    Returns
    -------
    From :func:`tpkit.strategy.vote_ranking`: ``rank``, ``rank_low``, ``rank_high``, ``measure_id`` (as its
    name), ``proposed_by``, ``owner``, ``voters``, ``supporters``, ``points_mean``, ``points_low``,
    ``points_high``.

    >>> from tpkit.datasets import load_sample
    >>> vote_table(load_sample("hotel"), lang="en").frame["measure_id"].iloc[0]
    'Wi-Fi upgrade with access points on every floor'
    """
    votes = with_names(vote_ranking(project), project, lang=lang, columns=("measure_id",))
    return Table(votes[["rank", "rank_low", "rank_high", "measure_id", "proposed_by", "owner", "voters", "supporters",
                        "points_mean", "points_low", "points_high"]],
                 Formats(decimals={"points_mean": 2, "points_low": 2, "points_high": 2}))


def voices_table(project: Project, *, lang: Lang = "de") -> Table:
    """Section ``voices``: the customers' and the employees' votes side by side (:func:`tpkit.strategy.voices`),
    the measures by name.

    >>> from tpkit.datasets import load_sample
    >>> frame = voices_table(load_sample("hotel"), lang="en").frame
    >>> frame["measure_id"].iloc[0], bool(frame["differ"].any())
    ('Wi-Fi upgrade with access points on every floor', True)
    """
    table = with_names(voices(project, n_boot=200), project, lang=lang, columns=("measure_id",))
    columns = ["measure_id", "proposed_by_type"] + [f"{who}_{f}" for who in ("customer", "employee") for f in
                                                    ("voters", "points_mean", "points_low", "points_high", "rank",
                                                     "rank_low", "rank_high")] + ["differ"]
    points = [f"{who}_{f}" for who in ("customer", "employee") for f in ("points_mean", "points_low", "points_high")]
    return Table(table[columns], Formats(decimals={c: 2 for c in points}))


def comments_table(project: Project, *, touchpoint: str | None = None, measure: str | None = None,
                   lang: Lang = "de") -> Table:
    """What customers and employees wrote about a touchpoint or a measure (:func:`tpkit.strategy.comments`),
    touchpoints, measures and segments by name.

    >>> from tpkit.datasets import load_sample
    >>> comments_table(load_sample("hotel"), measure="M15", lang="en").frame["comment"].iloc[0][:20]
    'Jedes Mal wieder Zim'
    """
    said = comments(project, touchpoint=touchpoint, measure=measure)
    return Table(with_names(said, project, lang=lang, columns=("touchpoint_id", "measure_id", "segment_id")),
                 Formats(words={"voter_type": "voter_type"}))


def ownership_table(project: Project, *, lang: Lang = "de") -> Table:
    """Section ``ownership``: who carries out each measure, whether the team proposed it itself, and its
    commitment (:func:`tpkit.strategy.measure_ownership`), measures and touchpoints by name.

    >>> from tpkit.datasets import load_sample
    >>> int(ownership_table(load_sample("hotel"), lang="en").frame["handed_over"].sum())
    5
    """
    own = with_names(measure_ownership(project), project, lang=lang, columns=("measure_id", "touchpoint_id"))
    return Table(own, Formats(money=("cost",)))


def parameter_table(project: Project, scenario: Scenario | None = None, *, lang: Lang = "de") -> Table:
    """Section ``parameters``: every parameter of the what-if model with its value and source.

    Parameters
    ----------
    project : the project.
    scenario : its parameters set by the user replace the defaults (None: the defaults).
    lang : language of the parameter names.

    Returns
    -------
    From :func:`tpkit.scenario.parameters`: ``parameter`` (in words where it has them), ``segment_id``
    (as its name), ``value``, ``unit``, ``source``.

    >>> from tpkit.datasets import load_sample
    >>> parameter_table(load_sample("hotel"), lang="en").frame["parameter"].iloc[1]
    "Share of users moving to the substitutes (the same 'works like' group)"
    """
    params = parameters(project, scenario=scenario)
    params = params.assign(parameter=[parameter_label(p, lang=lang) for p in params["parameter"]],
                           unit=[project.currency if u == "money" else u for u in params["unit"]])
    return Table(with_names(params, project, lang=lang), Formats(decimals={"value": 3}, trimmed=("value",), words={"source": "source"}))


def model_fit_table(project: Project, *, lang: Lang = "de") -> Table:
    """Section ``model_fit``: how well the what-if planner's fitted outcome model describes the survey.

    Parameters
    ----------
    project : the project (its model fitted once).
    lang : language of the segment names and headings.

    Returns
    -------
    :func:`tpkit.scenario.model_fit` with the segments named; an empty table when the outcome cannot be
    fitted (the planner then says why).

    >>> from tpkit.datasets import load_sample
    >>> model_fit_table(load_sample("hotel"), lang="en").frame.columns[:3].tolist()
    ['segment_id', 'n', 'pseudo_r2']
    """
    try:
        fit = model_fit(project)
    except ModelError:
        fit = pd.DataFrame(columns=["segment_id", "n", "pseudo_r2"])
    shares = ("observed_positive", "predicted_positive", "observed_negative", "predicted_negative")
    return Table(with_names(fit, project, lang=lang),
                 Formats(shares=shares, numbers=("n",),
                         decimals={"pseudo_r2": 2, "weakest_link": 2, "weakest_link_low": 2, "weakest_link_high": 2}))


#: The columns a lever's table shows, after its rank and touchpoint (see :mod:`tpkit.levers`).
LEVER_COLUMNS = {
    "win": ("new_not_good", "new_not_good_low", "new_not_good_high", "new_reach", "performance", "per_1000_contacts",
            "n", "base"),
    "keep": ("detractors_hurt", "detractors_hurt_low", "detractors_hurt_high", "among_met", "n", "n_met", "evidence"),
    "fans": ("promoters_delighted", "promoters_delighted_low", "promoters_delighted_high", "among_met", "n", "n_met",
             "evidence"),
    "referrals": ("referrals", "referrals_low", "referrals_high", "promoters_reached", "promoters_met",
                  "promoters_other", "n"),
}
_LEVER_SHARES = ("new_not_good", "new_not_good_low", "new_not_good_high", "new_reach", "detractors_hurt",
                 "detractors_hurt_low", "detractors_hurt_high", "among_met", "promoters_delighted",
                 "promoters_delighted_low", "promoters_delighted_high", "promoters_reached", "promoters_met",
                 "promoters_other")


def lever_section(project: Project, lever: str, *, segment: str | None = None, lang: Lang = "de",
                  top: int | None = None) -> Table:
    """One of questions 6 to 9 as the planner and the document show it: :func:`tpkit.levers.lever_table`'s
    rank, touchpoint (named), the lever's evidence (:data:`LEVER_COLUMNS`), ``small``, the measures (named)
    and their effect in the model with its interval; ``top`` rows at most.

    >>> from tpkit.datasets import load_sample
    >>> row = lever_section(load_sample("hotel"), "keep", lang="en").frame.iloc[0]
    >>> row["touchpoint_id"], row["measures"].split(" · ")[0]
    ('Wi-Fi in the room', 'Wi-Fi upgrade with access points on every floor')
    """
    table = lever_table(project, lever, segment=segment)
    if top is not None:
        table = table.head(top)
    measure_names = names(project, "measures", lang=lang)
    table = table.assign(measures=[" · ".join(measure_names.get(m, m) for m in ids.split(", ")) if ids else ""
                                   for ids in table["measures"]])
    columns = ["rank", "touchpoint_id", *LEVER_COLUMNS[lever], "small", "measures", "measure_effect",
               "measure_effect_low", "measure_effect_high"]
    return Table(with_names(table[columns], project, lang=lang, columns=("touchpoint_id",)),
                 Formats(shares=_LEVER_SHARES, numbers=("n", "n_met"),
                         decimals={"performance": 2, "per_1000_contacts": 1, "referrals": 0, "referrals_low": 0,
                                   "referrals_high": 0, "measure_effect": 0, "measure_effect_low": 0,
                                   "measure_effect_high": 0}))


def levers_table(project: Project, *, lang: Lang = "de", top: int = 5) -> Table:
    """Section ``levers``: questions 6 to 9, each with its ``top`` touchpoints, its own evidence written with
    its interval, and the measures that act there with their effect in the model.

    >>> from tpkit.datasets import load_sample
    >>> frame = levers_table(load_sample("hotel"), lang="en").frame
    >>> frame["lever"].iloc[0], frame["evidence_text"].iloc[0].startswith("Detractors")
    ('Question 6 – Where do we win more desired customers?', False)
    """
    rows = []
    for lever in LEVERS:
        section = lever_section(project, lever, lang=lang, top=top)
        figure = LEVER_FIGURE[lever]
        share = figure in _LEVER_SHARES
        for row in section.frame.itertuples(index=False):
            row = row._asdict()
            rows.append({"lever": t(f"lever.{lever}", lang=lang), "rank": row["rank"],
                         "touchpoint_id": row["touchpoint_id"],
                         "evidence_text": f"{t(figure, lang=lang)}: " + _with_interval(
                             row[figure], row[f"{figure}_low"], row[f"{figure}_high"], share=share, lang=lang),
                         "measures": row["measures"],
                         "measure_effect_text": "" if not row["measures"] else _with_interval(
                             row["measure_effect"], row["measure_effect_low"], row["measure_effect_high"],
                             share=False, lang=lang)})
    frame = pd.DataFrame(rows, columns=["lever", "rank", "touchpoint_id", "evidence_text", "measures",
                                        "measure_effect_text"])
    return Table(frame, Formats(figures=("evidence_text", "measure_effect_text")))


def _with_interval(value: float, low: float, high: float, *, share: bool, lang: Lang) -> str:
    """``value (low–high)``, a share as percentages, other figures as whole numbers.

    >>> _with_interval(0.2961, 0.255, 0.342, share=True, lang="de"), _with_interval(214.6, 110.2, 330.6, share=False, lang="en")
    ('29,6 % (25,5–34,2 %)', '215 (110–331)')
    >>> _with_interval(0.305, 0.273, 0.341, share=True, lang="en")
    '30.5% (27.3–34.1%)'

    """
    if is_missing(value):
        return "–"
    if share:
        return f"{format_share(value, lang, 1)} ({format_share(low, lang, 1).rstrip('% ')}–{format_share(high, lang, 1)})"
    return f"{format_number(value, lang, 0)} ({format_number(low, lang, 0)}–{format_number(high, lang, 0)})"


#: The sections that depend on the project alone, by key: what the planner's strategy tabs show.
SECTION_TABLES = {"segments": segment_table, "exit_plans": exit_plan_table, "targets": target_table,
                  "votes": vote_table, "voices": voices_table, "ownership": ownership_table, "parameters": parameter_table,
                  "model_fit": model_fit_table, "levers": levers_table}


# --- the whole document -----------------------------------------------------------------------

def strategy_sections(project: Project, scenario: Scenario, *, lang: Lang = "de",
                      goals: list[str] | None = None, targets: pd.DataFrame | None = None) -> dict[str, Table]:
    """The document's sections (keys: :data:`SECTIONS`), each a frame and how its columns are written.

    Parameters
    ----------
    project : the project.
    scenario : the chosen scenario; it is simulated against the baseline.
    lang : language of every name and word.
    goals : the goals in words (default: derived from the scenario's figures).
    targets : the user's own target levels (``segment_id``, ``touchpoint_id``, ``target``; the others are
        the defaults of :func:`tpkit.strategy.target_levels`).

    Returns
    -------
    Section key → :class:`tpkit.display.Table`; see :func:`segment_table`, :func:`exit_plan_table`,
    :func:`target_table`, :func:`vote_table` and :func:`parameter_table` for theirs. ``goals``: one
    column of sentences. ``fit``: ``segment_id``, ``growing``, ``fit``, ``shared``, ``customers_lost``
    (fit conflicts, then the scenario's clashes). ``scenario``: the simulation's key figures
    (:data:`KEY_METRICS`) per segment and for all. ``changes``: one line per change. ``gaps_opened``:
    the simulation's ``gaps``. ``measures``: :func:`tpkit.optimize.measure_priorities`.
    """
    result = simulate(project, scenario)
    sections = {"goals": Table(pd.DataFrame({t("goal", lang=lang): goals or _goals(
        project, scenario, result, desired_segments(project), lang)}))}
    sections["segments"] = segment_table(project, lang=lang)
    sections["exit_plans"] = exit_plan_table(project, lang=lang)
    conflicts = fit_conflicts(project)
    columns = ["segment_id", "growing", "fit", "shared", "customers_lost"]
    fit = pd.concat([conflicts.assign(growing=conflicts["other_segment_id"], customers_lost=float("nan"))[columns],
                     result.clashes[columns]], ignore_index=True)
    sections["fit"] = Table(with_names(fit, project, lang=lang, columns=("segment_id", "growing")),
                            Formats(numbers=("customers_lost",)))
    sections["targets"] = target_table(project, lang=lang, overrides=targets)
    sections["levers"] = levers_table(project, lang=lang)
    kpis = result.kpis[result.kpis["metric"].isin(key_metrics(project.outcome))]
    figures = ("baseline", "scenario", "delta", "scenario_low", "scenario_high", "delta_low", "delta_high")
    sections["scenario"] = Table(with_names(kpis.assign(metric=[metric_word(m, project.outcome, lang)
                                                                for m in kpis["metric"]]), project, lang=lang),
                                 Formats(row_metrics=dict(kpis["metric"].items()), metric_columns=figures,
                                         change_columns=("delta", "delta_low", "delta_high")))
    lines = [describe_change(c, project, lang=lang) for c in scenario.changes]
    sections["changes"] = Table(pd.DataFrame({t("report.changes", lang=lang): lines}))
    sections["gaps_opened"] = Table(with_names(result.gaps, project, lang=lang),
                                    Formats(words={"before": "gap_status", "after": "gap_status"}))
    measures = measure_priorities(project, base=None)
    measures = with_names(measures, project, lang=lang, columns={"touchpoint_id": "touchpoints",
                                                                 "measure_id": "measures"})
    sections["measures"] = Table(measures.drop(columns=[c for c in ("name", "name_en") if c in measures]),
                                 Formats(money=("cost",)))
    sections["ownership"] = ownership_table(project, lang=lang)
    sections["votes"] = vote_table(project, lang=lang)
    sections["voices"] = voices_table(project, lang=lang)
    sections["parameters"] = parameter_table(project, scenario, lang=lang)
    sections["model_fit"] = model_fit_table(project, lang=lang)
    return sections


def strategy_tables(project: Project, scenario: Scenario, *, lang: Lang = "de",
                    goals: list[str] | None = None, targets: pd.DataFrame | None = None,
                    sections: dict[str, Table] | None = None) -> dict[str, pd.DataFrame]:
    """The document's tables as the workbook holds them: column names and vocabulary values in ``lang``,
    numbers as numbers (keys: :data:`SECTIONS`; the columns of :func:`strategy_sections`, or of ``sections``
    when they are computed already).

    >>> from tpkit.datasets import load_sample
    >>> list(strategy_tables(load_sample("hotel"), Scenario("x"), lang="en")["targets"].columns)[:3]
    ['Segment', 'Touchpoint', 'n']
    """
    sections = sections or strategy_sections(project, scenario, lang=lang, goals=goals, targets=targets)
    return {key: labelled(Table(_round(s.frame), s.formats) if key in ROUNDED else s, lang=lang)
            for key, s in sections.items()}


def _round(frame: pd.DataFrame, decimals: int = 2) -> pd.DataFrame:
    """Numbers rounded for display; other columns untouched."""
    return frame.round({c: decimals for c in frame.columns if pd.api.types.is_float_dtype(frame[c])})


def reasons_text(reasons: str, *, lang: Lang = "de") -> str:
    """The reasons of :func:`tpkit.strategy.desired_segments` (comma-separated keys) in words.

    >>> reasons_text("not_wanted,poor_fit", lang="en")
    'not wanted, does not fit the strategy'
    """
    return ", ".join(t(f"reason.{r}", lang=lang) for r in reasons.split(",") if r)


def parameter_label(name: str, *, lang: Lang = "de") -> str:
    """A model parameter's name in words: a segment's own parameter (``customers:business``) by what it is (its
    segment stands beside it), a network's rate (``strong.promoter_contacts``) with its network; a name without
    words stays as it is.

    >>> parameter_label("move_share", lang="en"), parameter_label("customers:business", lang="en")
    ("Share of users moving to the substitutes (the same 'works like' group)", 'Customers')
    >>> parameter_label("weak.promoter_conversion", lang="de")
    'Schwaches Netzwerk: Anteil der Kontakte eines Promotors, die Kunde werden'
    """
    kind = name.split(":", 1)[0]
    network, _, rate = name.partition(".")
    if has(f"param.{kind}"):
        return t(f"param.{kind}", lang=lang)
    if rate and has(f"param.rate.{rate}"):
        return t(f"param.rate.{rate}", lang=lang, network=label("network", network, lang))
    return name


def strategy_workbook(project: Project, scenario: Scenario, *, lang: Lang = "de", goals: list[str] | None = None,
                      targets: pd.DataFrame | None = None, sections: dict[str, Table] | None = None) -> bytes:
    """The strategy document as an xlsx workbook: a sheet per part of the method, then one per section, and a
    sheet of charts; text never becomes a formula.

    Parameters
    ----------
    project, scenario : the project and the chosen scenario.
    lang : language of the sheet names, headings and words.
    goals : the goals in words (default: derived from the scenario's figures).
    targets : the user's own target levels (as :func:`strategy_sections`).
    sections : :func:`strategy_sections` of the same arguments, when computed already (the planner's three
        downloads share them).

    Returns
    -------
    The workbook's bytes. Sheets: part 1 (the inventory: every touchpoint), part 2 (the evaluation: every
    touchpoint's importance, performance and class), a sheet per :data:`SECTIONS` with the tables of
    :func:`strategy_tables`, and the charts (a native bar chart of the headline figure per segment, baseline
    against scenario; the importance–performance picture and the touchpoint map as pictures). Every sheet
    has its header row frozen, columns as wide as their contents and number formats by column (money with
    the currency, shares in percent); Excel writes them with the reader's own separators.

    >>> from tpkit.datasets import load_sample
    >>> strategy_workbook(load_sample("hotel"), Scenario("x"), lang="de")[:2]
    b'PK'
    """
    from openpyxl import Workbook

    sections = sections or strategy_sections(project, scenario, lang=lang, goals=goals, targets=targets)
    tables = strategy_tables(project, scenario, lang=lang, sections=sections)
    wb = Workbook()
    wb.remove(wb.active)
    for key, table in _part_tables(project, lang).items():
        _sheet(wb, t(f"workbook.{key}", lang=lang), labelled(table, lang=lang), list(table.frame.columns),
               table.formats, project.currency, lang)
    for key in SECTIONS:
        sheet = f"workbook.{key}" if has(f"workbook.{key}") else f"report.{key}"    # (a short name where needed)
        _sheet(wb, t(sheet, lang=lang), tables[key], list(sections[key].frame.columns),
               sections[key].formats, project.currency, lang)
    _charts_sheet(wb, project, scenario, lang)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _part_tables(project: Project, lang: Lang) -> dict[str, Table]:
    """Parts 1 and 2 of the method for the workbook: the inventory and the importance–performance classes."""
    from .evaluation import ipa

    inventory = project.touchpoints[[c for c in ("touchpoint_id", "name", "phase", "channel", "contact", "kind", "owner",
                                                 "annual_cost", "annual_contacts", "segments")
                                     if c in project.touchpoints.columns]]
    inventory = with_names(inventory, project, lang=lang, columns=("segments",)).assign(
        name=[names(project, "touchpoints", lang=lang).get(i, i) for i in inventory["touchpoint_id"]])
    classes = ipa(project)[["touchpoint_id", "n", "performance", "performance_low", "performance_high",
                            "derived_importance", "class_derived", "class_stated", "small"]]
    classes = with_names(classes, project, lang=lang, columns=("touchpoint_id",))
    return {"part1": Table(inventory, Formats(money=("annual_cost",), numbers=("annual_contacts",))),
            "part2": Table(classes, Formats(decimals={"performance": 2, "performance_low": 2, "performance_high": 2,
                                                      "derived_importance": 3},
                                            words={"class_derived": "class", "class_stated": "class"}))}


def _number_format(column: str, formats: Formats, currency: str) -> str | None:
    """Excel's number format of a column (None: as it comes)."""
    decimals = formats.decimals.get(column)
    if column in formats.trimmed:
        return None
    if column in formats.money:
        return f'#,##0{"." + "0" * decimals if decimals else ""} "{currency}"'
    if column in formats.shares:
        return f'0.{"0" * (1 if decimals is None else decimals)}%' if (decimals is None or decimals) else "0%"
    if column in formats.numbers or decimals is not None:
        return "#,##0" + ("." + "0" * decimals if decimals else "")
    return None


def _metric_format(metric: str, currency: str) -> str:
    """Excel's number format of a what-if metric: money with the currency, shares in percent, counts whole.

    >>> _metric_format("contribution", "EUR"), _metric_format("promoter_share", "EUR"), _metric_format("nps", "EUR")
    ('#,##0 "EUR"', '0.0%', '#,##0.0')
    """
    if metric in MONEY_METRICS:
        return f'#,##0 "{currency}"'
    if metric in SHARE_METRICS:
        return "0.0%"
    return "#,##0" if metric in COUNTED_METRICS else "#,##0.00" if metric in MEANS else "#,##0.0"


def _sheet(wb, name: str, frame: pd.DataFrame, keys: list[str], formats: Formats, currency: str, lang: Lang) -> None:
    """One sheet: the header row (frozen), the rows, number formats by column (``keys``: each column's name
    before translation, as ``formats`` names it), dates as Excel dates written as ``lang`` writes them, and
    widths by content."""
    from openpyxl.cell import Cell
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(re.sub(r"[\\/*?:\[\]]", " ", name)[:31].strip())
    ws.append([text_cell(ws, str(c), Cell) for c in frame.columns])
    for record in frame.itertuples(index=False, name=None):
        ws.append([_cell(ws, v, Cell) for v in record])
    ws.freeze_panes = "A2"
    for j, key in enumerate(keys, start=1):
        if str(key) in formats.metric_columns and formats.row_metrics:   # each row's own metric
            for (cell,), row in zip(ws.iter_rows(min_row=2, min_col=j, max_col=j), frame.index):
                metric = formats.row_metrics[row]
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    cell.number_format = _metric_format(metric, currency)
            ws.column_dimensions[get_column_letter(j)].width = max(14, len(str(frame.columns[j - 1])) + 2)
            continue
        if any(isinstance(v, (pd.Timestamp, dt.date)) for v in frame.iloc[:, j - 1]):
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD.MM.YYYY" if lang == "de" else "D MMM YYYY"
        code = _number_format(str(key), formats, currency)
        shown = [len(str(v)) for v in frame.iloc[:500, j - 1] if not is_missing(v)]
        ws.column_dimensions[get_column_letter(j)].width = min(max(10, len(str(frame.columns[j - 1])) + 2,
                                                                   max(shown, default=0) + 2), 60)
        if code:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    cell.number_format = code


def _charts_sheet(wb, project: Project, scenario: Scenario, lang: Lang) -> None:
    """The charts: the headline figure per segment as a native bar chart (its numbers beside it), the
    importance–performance picture and the touchpoint map as pictures."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.drawing.image import Image

    from .evaluation import ipa

    ws = wb.create_sheet(re.sub(r"[\\/*?:\[\]]", " ", t("report.charts", lang=lang))[:31])
    metric = headline_metric(project.outcome)
    result = simulate(project, scenario)
    kpis = result.kpis[result.kpis["metric"] == metric]
    segment_names = names(project, "segments", lang=lang)
    ws.append([t("segment", lang=lang), t("baseline", lang=lang), t("scenario", lang=lang)])
    for row in kpis.itertuples():
        ws.append([segment_names.get(row.segment_id, row.segment_id), float(row.baseline), float(row.scenario)])
    chart = BarChart()
    chart.type = "bar"
    chart.title = metric_word(metric, project.outcome, lang)
    chart.y_axis.title = metric_word(metric, project.outcome, lang)
    chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=1, max_row=len(kpis) + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(kpis) + 1))
    chart.width, chart.height = 18, 9
    ws.add_chart(chart, "E2")
    ws.column_dimensions["A"].width = 28
    row = 22
    for picture in (charts.ipa_chart(ipa(project), project.touchpoints, lang=lang, scale=project.rating_scale),
                    charts.touchpoint_map(project.touchpoints, lang=lang)):
        image = Image(io.BytesIO(charts.png_bytes(picture)))     # drawn at twice the size: sharp when zoomed
        image.width, image.height = image.width / 2, image.height / 2    # (and the deck's own picture)
        ws.add_image(image, f"A{row}")
        row += int(image.height / 20) + 3


def _cell(ws, value, cell_type):
    if is_missing(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value) if abs(value) != float("inf") else str(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime() if value != value.normalize() else value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "item"):
        return value.item()
    return text_cell(ws, str(value), cell_type)


def _svg(chart) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict())


CSS = """body{font-family:system-ui,sans-serif;margin:2em;color:#1f2328;max-width:1200px}
table{border-collapse:collapse;font-size:13px;margin:0.5em 0 1.5em 0}
th,td{border-bottom:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
td.num{text-align:right;white-space:nowrap}
h1{font-size:24px}h2{font-size:20px;margin-top:1.8em;border-bottom:2px solid #4e79a7}h3{font-size:16px;margin-top:1.4em}"""


def strategy_html(project: Project, scenario: Scenario, *, lang: Lang = "de", goals: list[str] | None = None,
                  compare_with: list[Scenario] | None = None, targets: pd.DataFrame | None = None,
                  sections: dict[str, Table] | None = None) -> str:
    """The strategy document as one self-contained HTML page (inline CSS and SVG charts, no scripts).

    Parameters
    ----------
    project, scenario : the project and the chosen scenario.
    lang : language of the page.
    goals : the goals in words (default: derived from the scenario's figures).
    compare_with : further scenarios shown beside the chosen one in the charts.
    targets : the user's own target levels (as :func:`strategy_sections`).
    sections : :func:`strategy_sections` of the same arguments, when computed already.

    Returns
    -------
    The page: title, then the decisions (:data:`DECISIONS`: goals, the scenario's key figures for all segments
    with its charts, the changes, the measures), the details (:data:`DETAILS`, the scenario per segment first)
    and an appendix with the method's parameters and the model's fit (:data:`APPENDIX`); every table rendered as
    the dashboards render it.
    """
    from . import __version__

    sections = sections or strategy_sections(project, scenario, lang=lang, goals=goals, targets=targets)
    table = compare(project, [scenario, *(compare_with or [])])
    segment_names = names(project, "segments", lang=lang)
    svgs = [_svg(charts.scenario_chart(table, metric=m, lang=lang, labels=segment_names, outcome=project.outcome))
            for m in (headline_metric(project.outcome), "customers")]

    def section(key: str, table: Table | None = None) -> str:
        return (f"<h3>{html.escape(t(f'report.{key}', lang=lang))}</h3>"
                + section_html(table or sections[key], lang=lang, currency=project.currency))

    kpis = sections["scenario"]
    total = segment_names.get(TOTAL, TOTAL)
    together = Table(kpis.frame[kpis.frame["segment_id"] == total].drop(columns=["segment_id", "n", "small", "clear"],
                                                                          errors="ignore"), kpis.formats)
    by_segment = Table(kpis.frame[kpis.frame["segment_id"] != total], kpis.formats)
    parts = [f"<h1>{html.escape(t('report.title', lang=lang, project=project.name))}</h1>",
             f"<p>{html.escape(t('report.generated', lang=lang, date=format_date(dt.date.today(), lang), version=__version__))}</p>",
             f"<h2>{html.escape(t('report.part_decisions', lang=lang))}</h2>",
             f"<h3>{html.escape(t('report.goals', lang=lang))}</h3><ul>"
             + "".join(f"<li>{html.escape(g)}</li>" for g in sections["goals"].frame.iloc[:, 0]) + "</ul>",
             section("scenario", together), "".join(f"<figure>{svg}</figure>" for svg in svgs),
             section("changes"), section("measures"),
             f"<h2>{html.escape(t('report.part_details', lang=lang))}</h2>",
             section("scenario", by_segment), *(section(key) for key in DETAILS[1:]),
             f"<h2>{html.escape(t('report.part_appendix', lang=lang))}</h2>",
             *(section(key) for key in APPENDIX)]
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<title>{html.escape(t('report.title', lang=lang, project=project.name))}</title><style>{CSS}</style></head>"
            f"<body>{''.join(parts)}</body></html>")

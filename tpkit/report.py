"""The strategy document: one xlsx workbook and one self-contained HTML page.

Both hold the same tables — goals, desired and exit segments with exit plans, target-group
conflicts, target service levels, the chosen scenario against the baseline (with its changes and
the journey gaps it opens), the prioritised measures with their owners, and the model's
parameters with their sources — in German or English. The HTML page embeds its charts as SVG and
loads nothing from the network.

Example
-------
>>> from tpkit.datasets import load_sample
>>> from tpkit.scenario import Scenario, ApplyMeasure
>>> page = strategy_html(load_sample("hotel"), Scenario("WLAN", (ApplyMeasure("M01"),)), "en")
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
from .i18n import Lang, format_money, format_number, has, label, name_map, relabel, t
from .io import Project, _is_missing, _text_cell
from .optimize import measure_priorities
from .scenario import (AddTouchpoint, ApplyMeasure, ChangeBudget, ChangePerformance, Change, RemoveTouchpoint,
                       Scenario, ShiftMix, compare, parameter_values, parameters, simulate)
from .strategy import desired_segments, exit_plan, fit_conflicts, target_levels

SECTIONS = ("goals", "segments", "exit_plans", "fit", "targets", "scenario", "changes", "gaps_opened", "measures",
            "parameters")
KEY_METRICS = ("nps", "experience_index", "customers", "won", "lost", "referrals", "fans", "touchpoint_cost",
               "measure_cost", "contribution")


def describe_change(change: Change, project: Project, lang: Lang = "de") -> str:
    """One line saying what a change does, in ``lang``.

    >>> from tpkit.datasets import load_sample
    >>> describe_change(RemoveTouchpoint("checkin_desk"), load_sample("hotel"), "en")
    'Removed: Front-desk check-in'
    """
    tps = name_map(project.touchpoints, "touchpoint_id", lang)
    if isinstance(change, AddTouchpoint):
        return t("change.add", lang, name=change.name, phase=label("phase", change.phase, lang),
                 channel=label("channel", change.channel, lang), reach=format_number(100 * change.reach, lang) + " %",
                 performance=format_number(change.performance, lang, 1))
    if isinstance(change, RemoveTouchpoint):
        return t("change.remove", lang, name=tps.get(change.touchpoint_id, change.touchpoint_id))
    if isinstance(change, ChangePerformance):
        return t("change.performance", lang, name=tps.get(change.touchpoint_id, change.touchpoint_id),
                 delta=f"{'+' if change.delta >= 0 else ''}{format_number(change.delta, lang, 1)}")
    if isinstance(change, ChangeBudget):
        return t("change.budget", lang, name=tps.get(change.touchpoint_id, change.touchpoint_id),
                 factor=format_number(change.factor, lang, 2))
    if isinstance(change, ShiftMix):
        return t("change.mix", lang, share=format_number(100 * change.share, lang) + " %",
                 phase=label("phase", change.phase, lang) if change.phase else t("ui.all_phases", lang),
                 towards=label("channel", change.towards, lang))
    if isinstance(change, ApplyMeasure):
        names = name_map(project.measures, "measure_id", lang)
        return t("change.measure", lang, name=names.get(change.measure_id, change.measure_id))
    raise TypeError(f"unknown change {change!r}")


def _goals(project: Project, scenario: Scenario, result, segments: pd.DataFrame, lang: Lang) -> list[str]:
    desired = segments.loc[segments["status"] == "desired", "segment_id"].tolist()
    k = result.kpis[result.kpis["segment_id"].isin(desired)]
    customers = k[k["metric"] == "customers"].set_index("segment_id")
    nps = k[k["metric"] == "nps"].set_index("segment_id")
    w = customers["baseline"]
    before = float((nps["baseline"] * w).sum() / w.sum()) if w.sum() else float("nan")
    after = float((nps["scenario"] * w).sum() / w.sum()) if w.sum() else float("nan")
    months = int(parameter_values(scenario)["horizon_months"])
    total = result.kpis[result.kpis["segment_id"] == "total"].set_index("metric")
    exits = segments.loc[segments["status"] == "exit"]
    exit_names = ", ".join(name_map(exits, "segment_id", lang).values()) or t("goal.none", lang)
    cur = project.currency
    return [
        t("goal.nps", lang, before=format_number(before, lang), after=format_number(after, lang), scenario=scenario.name),
        t("goal.customers", lang, months=months, before=format_number(customers["baseline"].sum(), lang),
          after=format_number(customers["scenario"].sum(), lang)),
        t("goal.cost", lang, before=format_money(total.loc["touchpoint_cost", "baseline"], cur, lang),
          after=format_money(total.loc["touchpoint_cost", "scenario"], cur, lang),
          measures=format_money(total.loc["measure_cost", "scenario"], cur, lang)),
        t("goal.exit", lang, segments=exit_names),
    ]


def strategy_tables(project: Project, scenario: Scenario, lang: Lang = "de",
                    goals: list[str] | None = None) -> dict[str, pd.DataFrame]:
    """The document's tables, labelled in ``lang`` (keys: :data:`SECTIONS`)."""
    result = simulate(project, scenario)
    segments = desired_segments(project)
    seg_names = name_map(project.segments, "segment_id", lang)
    tp_names = name_map(project.touchpoints, "touchpoint_id", lang)
    named = lambda frame, col="segment_id", names=seg_names: frame.assign(**{col: [names.get(x, x) for x in frame[col]]})
    tables: dict[str, pd.DataFrame] = {}
    tables["goals"] = pd.DataFrame({t("goal", lang): goals or _goals(project, scenario, result, segments, lang)})
    seg = segments.drop(columns=[c for c in ("name", "name_en") if c in segments])
    seg = seg.assign(reasons=[reasons_text(r, lang) for r in seg["reasons"]])
    tables["segments"] = relabel(_round(named(seg)), lang, {"status": "status"})
    plans = [exit_plan(project, s) for s in segments.loc[segments["status"] == "exit", "segment_id"]]
    plan = pd.concat(plans, ignore_index=True) if plans else exit_plan(project, segments["segment_id"].iloc[0]).iloc[:0]
    plan = named(named(plan.drop(columns=["name"]), "touchpoint_id", tp_names))
    tables["exit_plans"] = relabel(plan, lang, {"action": "action"})
    clashes = result.clashes
    conflicts = fit_conflicts(project)
    fit = pd.concat([conflicts.assign(growing=conflicts["other_segment_id"], customers_lost=float("nan"))[
        ["segment_id", "growing", "fit", "shared", "customers_lost"]],
        clashes[["segment_id", "growing", "fit", "shared", "customers_lost"]]], ignore_index=True)
    tables["fit"] = relabel(_round(named(named(fit), "growing")), lang)
    levels = target_levels(project)
    levels = levels[levels["gap"] > 0]
    tables["targets"] = relabel(_round(named(named(levels, "touchpoint_id", tp_names))), lang,
                                {"source": "source"})
    k = result.kpis[result.kpis["metric"].isin(KEY_METRICS)].copy()
    k["metric"] = [t(f"metric.{m}", lang) for m in k["metric"]]
    k = k.assign(segment_id=[seg_names.get(s, t("ui.all_segments", lang) if s == "total" else s)
                             for s in k["segment_id"]])
    tables["scenario"] = relabel(_round(k), lang)
    tables["changes"] = pd.DataFrame({t("report.changes", lang): [describe_change(c, project, lang)
                                                                  for c in scenario.changes]})
    gaps = result.gaps.assign(phase=[label("phase", p, lang) for p in result.gaps["phase"]])
    tables["gaps_opened"] = relabel(named(gaps), lang, {"before": "gap_status", "after": "gap_status"})
    measures = measure_priorities(project, base=None)
    measures = named(measures, "touchpoint_id", tp_names)
    measure_names = name_map(project.measures, "measure_id", lang)
    measures = measures.assign(name=[measure_names.get(m, m) for m in measures["measure_id"]]).drop(
        columns=[c for c in ("name_en",) if c in measures])
    tables["measures"] = relabel(_round(measures), lang)
    params = parameters(project, scenario)
    params = params.assign(parameter=[parameter_label(p, lang) for p in params["parameter"]])
    tables["parameters"] = relabel(params, lang, {"source": "source"})
    return tables


def _round(frame: pd.DataFrame, decimals: int = 2) -> pd.DataFrame:
    """Numbers rounded for display; other columns untouched."""
    return frame.round({c: decimals for c in frame.columns if pd.api.types.is_float_dtype(frame[c])})


def reasons_text(reasons: str, lang: Lang = "de") -> str:
    """The reasons of :func:`tpkit.strategy.desired_segments` (comma-separated keys) in words.

    >>> reasons_text("not_wanted,poor_fit", "en")
    'not wanted, does not fit the strategy'
    """
    return ", ".join(t(f"reason.{r}", lang) for r in reasons.split(",") if r)


def parameter_label(name: str, lang: Lang = "de") -> str:
    """A model parameter's name in words where it has one (per-segment parameters keep their name).

    >>> parameter_label("move_share", "en"), parameter_label("customers:business", "en")
    ("Share of users moving to the phase's other touchpoints", 'customers:business')
    """
    return t(f"param.{name}", lang) if has(f"param.{name}") else name


def strategy_workbook(project: Project, scenario: Scenario, lang: Lang = "de", goals: list[str] | None = None) -> bytes:
    """The strategy document as an xlsx workbook, one sheet per section; text never becomes a formula.

    >>> from tpkit.datasets import load_sample
    >>> strategy_workbook(load_sample("hotel"), Scenario("x"), "de")[:2]
    b'PK'
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    tables = strategy_tables(project, scenario, lang, goals)
    wb = Workbook(write_only=True)
    for key in SECTIONS:
        frame = tables[key]
        ws = wb.create_sheet(re.sub(r"[\\/*?:\[\]]", " ", t(f"report.{key}", lang))[:31].strip())
        ws.append([_text_cell(ws, str(c), WriteOnlyCell) for c in frame.columns])
        for record in frame.itertuples(index=False, name=None):
            ws.append([_cell(ws, v, WriteOnlyCell) for v in record])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _cell(ws, value, cell_type):
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value) if abs(value) != float("inf") else str(value)
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (pd.Timestamp, dt.date)):
        return value.strftime("%Y-%m-%d")
    return _text_cell(ws, str(value), cell_type)


def _svg(chart) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict())


def _html_table(frame: pd.DataFrame, lang: Lang) -> str:
    if frame.empty:
        return f"<p>{html.escape(t('report.none', lang))}</p>"

    def show(v) -> str:
        if _is_missing(v):
            return ""
        if isinstance(v, bool):
            return "✓" if v else ""
        if isinstance(v, float):
            return format_number(v, lang, 0 if abs(v) >= 100 else 2)
        if isinstance(v, pd.Timestamp):
            return v.strftime("%Y-%m-%d")
        return str(v)

    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(show(v))}</td>" for v in r) + "</tr>"
                   for r in frame.itertuples(index=False, name=None))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


CSS = """body{font-family:system-ui,sans-serif;margin:2em;color:#1f2328;max-width:1200px}
table{border-collapse:collapse;font-size:13px;margin:0.5em 0 1.5em 0}
th,td{border-bottom:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
h1{font-size:24px}h2{font-size:18px;margin-top:1.6em;border-bottom:2px solid #4e79a7}"""


def strategy_html(project: Project, scenario: Scenario, lang: Lang = "de", goals: list[str] | None = None,
                  compare_with: list[Scenario] | None = None) -> str:
    """The strategy document as one self-contained HTML page (inline CSS and SVG charts, no scripts)."""
    from . import __version__

    tables = strategy_tables(project, scenario, lang, goals)
    seg_names = name_map(project.segments, "segment_id", lang)
    table = compare(project, [scenario, *(compare_with or [])])
    svgs = [_svg(charts.scenario_chart(table, m, lang, seg_names)) for m in ("nps", "customers")]
    parts = [f"<h1>{html.escape(t('report.title', lang, project=project.name))}</h1>",
             f"<p>{html.escape(t('report.generated', lang, date=dt.date.today().isoformat(), version=__version__))}</p>",
             f"<h2>{html.escape(t('report.goals', lang))}</h2><ul>"
             + "".join(f"<li>{html.escape(g)}</li>" for g in tables["goals"].iloc[:, 0]) + "</ul>"]
    for key in SECTIONS[1:]:
        parts.append(f"<h2>{html.escape(t(f'report.{key}', lang))}</h2>{_html_table(tables[key], lang)}")
        if key == "scenario":
            parts.append("".join(f"<figure>{svg}</figure>" for svg in svgs))
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<title>{html.escape(t('report.title', lang, project=project.name))}</title><style>{CSS}</style></head>"
            f"<body>{''.join(parts)}</body></html>")

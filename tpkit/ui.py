"""ipywidgets panels for the Voilà dashboards. Thin: read widgets, call tpkit, show charts.

``overview_app()`` is the inventory dashboard: choose a sample project or upload
your own (a .zip of the CSV tables or an .xlsx workbook), see the key figures,
the touchpoint map, coverage, departments and journey gaps, in German or English.
A bad upload shows every problem in the page; the project shown so far stays.

Example
-------
>>> app = overview_app("en")
>>> app.current_project().name
'Hotel Seeblick'
"""

from __future__ import annotations

import html
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator
import altair as alt
import ipywidgets as w
import pandas as pd

from . import charts, evaluation, report, strategy
from .datasets import SAMPLES, load_sample
from .drivers import key_drivers
from .i18n import Lang, display_names, format_money, format_number, format_share, label, name_map, relabel, t, has
from .inventory import by_owner, coverage_matrix, inventory_summary, journey_gaps
from .io import Project, load_upload
from .problems import ProjectError
from .optimize import optimize_budget
from .scenario import (AddTouchpoint, ApplyMeasure, ChangeBudget, ChangePerformance, RemoveTouchpoint, Scenario,
                       ShiftMix, compare, parameters, simulate)
from .schema import ALL_SEGMENTS, CHANNELS, LOYALTY, PHASES
from .store import ScenarioExists, load_scenarios, save_scenario, scenario_folder, slugify

alt.JupyterChart.enable_offline()

STYLE = """
<style>
.tp-kpis {display:flex; flex-wrap:wrap; gap:10px; margin:6px 0 12px 0}
.tp-kpi {border:1px solid #d0d7de; border-radius:8px; padding:8px 14px; min-width:150px; background:#f6f8fa}
.tp-kpi-value {font-size:22px; font-weight:600}
.tp-kpi-label {font-size:12px; color:#57606a}
.tp-kpi-delta {font-size:13px; color:#0550ae}
.tp-table {border-collapse:collapse; font-size:13px}
.tp-table th, .tp-table td {border-bottom:1px solid #d0d7de; padding:4px 10px; text-align:left}
.tp-table td.num {text-align:right; white-space:nowrap}
.tp-errors {border:2px solid #cf222e; border-radius:8px; padding:8px 12px; background:#fff5f5}
.tp-errors h4 {color:#cf222e; margin:0 0 6px 0}
</style>
"""
LANG_OPTIONS = [("Deutsch", "de"), ("English", "en")]


def table_html(frame: pd.DataFrame, lang: Lang, money: tuple[str, ...] = (), shares: tuple[str, ...] = (),
               numbers: tuple[str, ...] = (), currency: str = "EUR", css_class: str = "tp-table",
               value_field: dict[str, str] | None = None, decimals: dict[str, int] | None = None) -> str:
    """A frame as an HTML table with labels and number formats of ``lang``.

    ``decimals`` maps a column to the number of decimals it is shown with.
    """
    shown = frame.copy()
    decimals = decimals or {}
    for col in shown.columns:
        if col in decimals:
            shown[col] = [format_number(v, lang, decimals[col]) for v in shown[col]]
        elif col in money:
            shown[col] = [format_money(v, currency, lang, 2 if col == "cost_per_contact" else 0) for v in shown[col]]
        elif col in shares:
            shown[col] = [format_share(v, lang, 1) for v in shown[col]]
        elif col in numbers:
            shown[col] = [format_number(v, lang) for v in shown[col]]
    shown = relabel(shown, lang, value_field)
    right = {t(c, lang) for c in (*money, *shares, *numbers, *decimals) if has(c)}
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
    body = []
    for record in shown.itertuples(index=False, name=None):
        cells = "".join(
            f"<td class='{'num' if c in right else ''}'>{html.escape('' if pd.isna(v) else str(v))}</td>"
            for c, v in zip(shown.columns, record))
        body.append(f"<tr>{cells}</tr>")
    return f"<table class='{css_class}'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def kpi_cards(project: Project, lang: Lang) -> str:
    """The inventory's key figures as HTML cards (each carries ``data-kpi`` with its metric)."""
    values = inventory_summary(project).set_index("metric")["value"]
    shown = {
        "touchpoints": format_number(values["touchpoints"], lang),
        "annual_cost": format_money(values["annual_cost"], project.currency, lang),
        "annual_contacts": format_number(values["annual_contacts"], lang),
        "cost_per_contact": format_money(values["cost_per_contact"], project.currency, lang, 2),
        "direct_share": format_share(values["direct_share"], lang),
        "online_share": format_share(values["online_share"], lang),
        "owners": format_number(values["owners"], lang),
        "journey_gaps": format_number(values["segment_gaps"] + values["phase_gaps"], lang),
    }
    cards = "".join(
        f"<div class='tp-kpi' data-kpi='{k}'><div class='tp-kpi-value'>{html.escape(v)}</div>"
        f"<div class='tp-kpi-label'>{html.escape(t('summary.' + k, lang))}</div></div>"
        for k, v in shown.items())
    return f"<div class='tp-kpis'>{cards}</div>"


def errors_html(error: ProjectError, lang: Lang) -> str:
    """Every problem of a failed load as a table with file, row, column, problem and fix."""
    frame = error.frame(lang)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if pd.isna(v) else str(v))}</td>" for v in r) + "</tr>"
        for r in frame.itertuples(index=False, name=None))
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    return (f"<div class='tp-errors' data-testid='upload-errors'><h4>{html.escape(t('ui.errors_title', lang, n=len(frame)))}"
            f"</h4><table class='tp-table'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
            f"<p>{html.escape(t('ui.errors_hint', lang))}</p></div>")


def gaps_html(project: Project, lang: Lang) -> str:
    """The journey gaps as a table, or a line saying there are none."""
    gaps = journey_gaps(project, only_gaps=True)
    if gaps.empty:
        return f"<p>{html.escape(t('ui.no_gaps', lang))}</p>"
    names = dict(zip(project.segments["segment_id"], display_names(project.segments, lang)))
    names[ALL_SEGMENTS] = t("ui.all_segments", lang)
    gaps = gaps.assign(segment_id=[names.get(s, s) for s in gaps["segment_id"]])
    return table_html(gaps, lang, value_field={"status": "gap_status"})


@contextmanager
def muted(owner) -> Iterator[None]:
    """Widget changes made inside do not reach ``owner``'s observers (they check ``owner._quiet``)."""
    before = owner._quiet
    owner._quiet = True
    try:
        yield
    finally:
        owner._quiet = before


def relabel_dropdown(dropdown: w.Dropdown, options: list[tuple[str, str]], description: str) -> None:
    """Give a dropdown new option labels (another language) and keep its value."""
    value = dropdown.value if dropdown.value in [v for _, v in options] else options[0][1]
    dropdown.options = options
    dropdown.value = value
    dropdown.description = description


@dataclass
class ProjectPicker:
    """Title, project choice (samples and uploads), language switch and upload errors, shared by the dashboards.

    Every change of project or language calls the functions in ``listeners``.
    """

    lang: Lang
    title_key: str
    projects: dict[str, Project] = field(default_factory=dict)
    upload_names: dict[str, str] = field(default_factory=dict)
    error: ProjectError | None = None
    error_text: str = ""
    listeners: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.title = w.HTML()
        self.project_dd = w.Dropdown(layout=w.Layout(width="340px"))
        self.lang_tb = w.ToggleButtons(options=LANG_OPTIONS, value=self.lang, style={"button_width": "90px"})
        self.lang_tb.layout.margin = "0 0 0 16px"
        self.upload = w.FileUpload(accept=".zip,.xlsx", multiple=False)
        self.upload.layout.margin = "0 0 0 8px"
        self.upload_label = w.HTML()
        self.status = w.HTML()
        self._quiet = False
        self.relabel()  # before the observers: nothing to mute yet
        self.project_dd.observe(lambda _: self._changed(clear_error=True), names="value")
        self.lang_tb.observe(self._switch_language, names="value")
        self.upload.observe(self._on_upload, names="value")
        controls = w.HBox([self.project_dd, self.lang_tb], layout=w.Layout(align_items="center"))
        upload_row = w.HBox([self.upload_label, self.upload], layout=w.Layout(align_items="center"))
        self.widget = w.VBox([w.HTML(STYLE), self.title, controls, upload_row, self.status])

    def current_project(self) -> Project:
        key = self.project_dd.value
        if key not in self.projects:
            self.projects[key] = load_sample(key)
        return self.projects[key]

    def relabel(self) -> None:
        lang = self.lang
        options = [(t(f"sample.{k}", lang), k) for k in SAMPLES]
        options += [(t("ui.uploaded", lang, name=name), key) for key, name in self.upload_names.items()]
        relabel_dropdown(self.project_dd, options, t("ui.project", lang))
        self.upload.description = t("ui.upload_button", lang)
        self.upload_label.value = f"<span>{html.escape(t('ui.upload', lang))}</span>"

    def render(self) -> None:
        lang = self.lang
        project = self.current_project()
        self.title.value = (f"<h2 style='margin:4px 0'>{html.escape(t(self.title_key, lang))}</h2>"
                            f"<div data-testid='project-name'>{html.escape(t('ui.project_name', lang, name=project.name))}</div>")
        if self.error is not None:
            self.status.value = errors_html(self.error, lang)
        elif self.error_text:
            self.status.value = f"<div class='tp-errors' data-testid='upload-errors'>{html.escape(self.error_text)}</div>"
        else:
            self.status.value = ""

    def _changed(self, clear_error: bool = False) -> None:
        if self._quiet:
            return
        if clear_error:
            self.error, self.error_text = None, ""
        for listener in self.listeners:
            listener()

    def _switch_language(self, change: dict) -> None:
        self.lang = change["new"]
        with muted(self):
            self.relabel()
        self._changed()

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        name = item["name"]
        try:
            project = load_upload(name, bytes(item["content"]))
        except ProjectError as err:
            self.error, self.error_text = err, ""
        except Exception as err:  # a bug must show in the page, not break the dashboard
            self.error, self.error_text = None, t("ui.unexpected", self.lang, name=name,
                                                  detail=f"{type(err).__name__}: {err}")
        else:
            key = f"upload:{name}"
            self.projects[key] = project
            self.upload_names[key] = name
            self.error, self.error_text = None, ""
            with muted(self):
                self.relabel()
                self.project_dd.value = key
        with muted(self):
            self.upload.value = ()
        self._changed()


@dataclass
class OverviewApp:
    """The overview (inventory) dashboard; ``widget`` is what the notebook displays."""

    lang: Lang

    def __post_init__(self) -> None:
        self.picker = ProjectPicker(self.lang, "ui.title")
        self.picker.listeners.append(self.render)
        self.kpis = w.HTML()
        self.colour_dd = w.Dropdown(layout=w.Layout(width="220px"))
        self.coverage_dd = w.Dropdown(layout=w.Layout(width="220px"))
        project = self.picker.current_project()
        self.map_chart = alt.JupyterChart(charts.touchpoint_map(project.touchpoints, self.lang))
        self.coverage_chart = alt.JupyterChart(charts.coverage_heatmap(coverage_matrix(project.touchpoints), self.lang))
        self.owner_chart = alt.JupyterChart(charts.owner_bars(by_owner(project.touchpoints), self.lang))
        self.owner_table = w.HTML()
        self.gaps = w.HTML()
        self.table = w.HTML()
        self.tabs = w.Tab(children=[
            w.VBox([self.colour_dd, self.map_chart]),
            w.VBox([self.coverage_dd, self.coverage_chart]),
            w.VBox([self.owner_chart, self.owner_table]),
            self.gaps,
            self.table,
        ])
        self._relabel()
        self.colour_dd.observe(lambda _: self.render(), names="value")
        self.coverage_dd.observe(lambda _: self.render(), names="value")
        self.widget = w.VBox([self.picker.widget, self.kpis, self.tabs])
        self.render()

    def current_project(self) -> Project:
        return self.picker.current_project()

    def _relabel(self) -> None:
        lang = self.picker.lang
        relabel_dropdown(self.colour_dd, [(t(k, lang), k) for k in ("channel", "kind", "contact")],
                         t("ui.colour_by", lang))
        relabel_dropdown(self.coverage_dd, [(t(k, lang), k) for k in ("touchpoints", "annual_cost", "annual_contacts")],
                         t("ui.coverage_value", lang))
        self.tabs.titles = tuple(t(k, lang) for k in ("ui.map", "ui.coverage", "ui.owners", "ui.gaps", "ui.table"))

    def render(self) -> None:
        if self.lang != self.picker.lang:
            self.lang = self.picker.lang
            self._relabel()
        lang = self.lang
        self.picker.render()
        project = self.current_project()
        tp = project.touchpoints
        self.kpis.value = kpi_cards(project, lang)
        self.map_chart.chart = charts.touchpoint_map(tp, lang, self.colour_dd.value)
        self.coverage_chart.chart = charts.coverage_heatmap(coverage_matrix(tp), lang, self.coverage_dd.value)
        owners = by_owner(tp)
        self.owner_chart.chart = charts.owner_bars(owners, lang)
        self.owner_table.value = table_html(owners, lang, money=("annual_cost", "cost_per_contact"),
                                            shares=("share_of_cost", "share_of_contacts"),
                                            numbers=("annual_contacts",), currency=project.currency)
        self.gaps.value = gaps_html(project, lang)
        listing = tp.assign(name=display_names(tp, lang))[["touchpoint_id", "name", "phase", "channel", "contact",
                                                           "kind", "owner", "annual_cost", "annual_contacts",
                                                           "segments"]]
        self.table.value = table_html(listing, lang, money=("annual_cost",), numbers=("annual_contacts",),
                                      currency=project.currency)


def overview_app(lang: Lang = "de") -> OverviewApp:
    """Build the overview dashboard; display ``overview_app().widget``."""
    return OverviewApp(lang=lang)


def _card(key: str, value: str, label_text: str) -> str:
    return (f"<div class='tp-kpi' data-kpi='{key}'><div class='tp-kpi-value'>{html.escape(value)}</div>"
            f"<div class='tp-kpi-label'>{html.escape(label_text)}</div></div>")


@dataclass
class EvaluationApp:
    """The evaluation dashboard: NPS, drivers, critical touchpoints, inside/outside view, per segment."""

    lang: Lang
    n_boot: int = 100
    cache: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.picker = ProjectPicker(self.lang, "ui.eval_title")
        self.picker.listeners.append(self._project_changed)
        self.segment_dd = w.Dropdown(layout=w.Layout(width="340px"))
        self.view_tb = w.ToggleButtons(style={"button_width": "190px"})
        self.kpis = w.HTML()
        self.critical = w.HTML()
        project = self.picker.current_project()
        empty = charts.nps_chart(evaluation.nps(project.respondents), self.lang)
        self.ipa_chart = alt.JupyterChart(empty)
        self.nps_chart = alt.JupyterChart(empty)
        self.loyalty_chart = alt.JupyterChart(empty)
        self.driver_chart = alt.JupyterChart(empty)
        self.gap_chart = alt.JupyterChart(empty)
        self.heatmap = alt.JupyterChart(empty)
        self.incidents = w.HTML()
        self.tabs = w.Tab(children=[self.ipa_chart, w.VBox([self.nps_chart, self.loyalty_chart]), self.driver_chart,
                                    self.gap_chart, self.incidents, self.heatmap])
        self.body = w.VBox([w.HBox([self.segment_dd, self.view_tb], layout=w.Layout(align_items="center")),
                            self.kpis, self.critical, self.tabs])
        self.notice = w.HTML()
        self._relabel()
        self.segment_dd.observe(lambda _: self.render(), names="value")
        self.view_tb.observe(lambda _: self.render(), names="value")
        self.widget = w.VBox([self.picker.widget, self.notice, self.body])
        self.render()

    def _relabel(self) -> None:
        lang = self.picker.lang
        project = self.picker.current_project()
        segments = [(t("ui.all_segments", lang), "all")] + [
            (name, sid) for sid, name in name_map(project.segments, "segment_id", lang).items()]
        relabel_dropdown(self.segment_dd, segments, t("ui.segment", lang))
        views = [(t("view.derived", lang), "derived"), (t("view.stated", lang), "stated")]
        value = self.view_tb.value or "derived"
        self.view_tb.options = views
        self.view_tb.value = value
        self.tabs.titles = tuple(t(k, lang) for k in ("ui.tab_ipa", "ui.tab_nps", "ui.tab_drivers", "ui.tab_gap",
                                                      "ui.tab_incidents", "ui.tab_heatmap"))

    def _project_changed(self) -> None:
        self._relabel()
        self.render()

    def _analysis(self, project: Project, segment: str | None) -> dict:
        """Drivers and classes of one project and segment, computed once."""
        key = (id(project), segment)
        if key not in self.cache:
            drivers = key_drivers(project, segment=segment, n_boot=self.n_boot)
            self.cache[key] = {"drivers": drivers, "ipa": evaluation.ipa(project, segment=segment, drivers=drivers),
                               "gaps": evaluation.inside_outside(project, segment=segment)}
        return self.cache[key]

    def render(self) -> None:
        self.lang = lang = self.picker.lang
        self.picker.render()
        project = self.picker.current_project()
        if project.respondents.empty or project.ratings.empty:
            self.notice.value = f"<p data-testid='no-survey'>{html.escape(t('ui.no_survey', lang))}</p>"
            self.body.layout.display = "none"
            return
        self.notice.value = ""
        self.body.layout.display = ""
        segment = None if self.segment_dd.value in (None, "all") else self.segment_dd.value
        view = self.view_tb.value or "derived"
        result = self._analysis(project, segment)
        table, drivers, gaps = result["ipa"], result["drivers"], result["gaps"]
        respondents = project.respondents if segment is None else project.respondents[
            project.respondents["segment_id"] == segment]
        overall = evaluation.nps(respondents).iloc[0]
        critical = table[table[f"class_{view}"] == "critical"]
        blind = gaps[gaps["blind_spot"]]
        nps_text = (f"{format_number(overall['nps'], lang)} [{format_number(overall['nps_low'], lang)}; "
                    f"{format_number(overall['nps_high'], lang)}]")
        cards = [_card("nps", nps_text, t("kpi.nps", lang)),
                 _card("respondents", format_number(overall["n"], lang), t("kpi.respondents", lang)),
                 _card("critical", format_number(len(critical), lang), t("kpi.critical", lang)),
                 _card("blind_spots", format_number(len(blind), lang), t("kpi.blind_spots", lang)),
                 _card("r2", format_number(drivers["r2"].dropna().iloc[0] if drivers["r2"].notna().any() else None,
                                           lang, 2), t("kpi.r2", lang))]
        self.kpis.value = f"<div class='tp-kpis'>{''.join(cards)}</div>"
        names = name_map(project.touchpoints, "touchpoint_id", lang)
        if critical.empty:
            self.critical.value = f"<p data-testid='critical-list'>{html.escape(t('ui.no_critical', lang))}</p>"
        else:
            shown = critical.assign(touchpoint=[names.get(x, x) for x in critical["touchpoint_id"]])[
                ["touchpoint", "n", "performance", "performance_low", "performance_high", "stated_importance",
                 "derived_importance", "class_stated", "class_derived"]]
            two = {c: 2 for c in ("performance", "performance_low", "performance_high", "stated_importance")}
            self.critical.value = (f"<h4>{html.escape(t('ui.critical_title', lang))}</h4>"
                                   f"<div data-testid='critical-list'>"
                                   + table_html(shown, lang, value_field={"class_stated": "class",
                                                                          "class_derived": "class"},
                                                shares=("derived_importance",), decimals=two) + "</div>")
        segment_names = name_map(project.segments, "segment_id", lang)
        self.ipa_chart.chart = charts.ipa_chart(table, project.touchpoints, lang, view)
        self.nps_chart.chart = charts.nps_chart(evaluation.nps(project.respondents, "segment_id"), lang, segment_names)
        loyalty = {v: label("loyalty", v, lang) for v in LOYALTY}
        self.loyalty_chart.chart = charts.nps_chart(evaluation.nps(respondents, "loyalty"), lang, loyalty)
        self.driver_chart.chart = charts.driver_chart(drivers, project.touchpoints, lang)
        self.gap_chart.chart = charts.gap_chart(gaps, project.touchpoints, lang)
        self.heatmap.chart = charts.performance_heatmap(evaluation.segment_performance(project), project.touchpoints,
                                                        lang, segment_names)
        inc = evaluation.incidents(project, segment)
        inc = inc.assign(touchpoint=[names.get(x, x) for x in inc["touchpoint_id"]])[
            ["touchpoint", "n_detractors", "negative_among_detractors", "n_promoters", "positive_among_promoters"]]
        self.incidents.value = table_html(inc, lang, shares=("negative_among_detractors", "positive_among_promoters"))


def evaluation_app(lang: Lang = "de") -> EvaluationApp:
    """Build the evaluation dashboard; display ``evaluation_app().widget``.

    >>> app = evaluation_app("en")
    >>> app.segment_dd.value, 'data-kpi=\\'nps\\'' in app.kpis.value
    ('all', True)
    """
    return EvaluationApp(lang=lang)


# --- part 3: the what-if planner -----------------------------------------------------------

def _signed(value: float, lang: Lang, decimals: int = 0, money: str | None = None) -> str:
    text = format_money(abs(value), money, lang, decimals) if money else format_number(abs(value), lang, decimals)
    if round(value, decimals) == 0:
        return "±" + text
    return ("+" if value > 0 else "−") + text


def whatif_cards(result, currency: str, lang: Lang) -> str:
    """The scenario's key figures (total) with their change against the baseline, as HTML cards."""
    k = result.kpis[result.kpis["segment_id"] == "total"].set_index("metric")

    def card(key: str, metric: str, decimals: int = 0, money: bool = False) -> str:
        value, delta = k.loc[metric, "scenario"], k.loc[metric, "delta"]
        shown = format_money(value, currency, lang) if money else format_number(value, lang, decimals)
        change = _signed(delta, lang, decimals, currency if money else None)
        return (f"<div class='tp-kpi' data-kpi='{key}'><div class='tp-kpi-value'>{html.escape(shown)}</div>"
                f"<div class='tp-kpi-delta' data-delta='{key}'>{html.escape(change)}</div>"
                f"<div class='tp-kpi-label'>{html.escape(t('kpi.' + key, lang))}</div></div>")

    gaps = (f"<div class='tp-kpi' data-kpi='gaps'><div class='tp-kpi-value'>{len(result.gaps)}</div>"
            f"<div class='tp-kpi-label'>{html.escape(t('kpi.gaps', lang))}</div></div>")
    return ("<div class='tp-kpis'>" + card("cost", "touchpoint_cost", money=True) + card("nps_total", "nps", 1)
            + card("customers", "customers") + card("fans", "fans") + card("experience", "experience_index", 1)
            + gaps + "</div>")


def segment_effects_html(result, project: Project, lang: Lang) -> str:
    """Per segment: NPS before and after with its interval, customers and fans, as a table whose
    rows carry ``data-segment`` and cells ``data-col``."""
    k = result.kpis
    names = name_map(project.segments, "segment_id", lang)
    names["total"] = t("ui.all_segments", lang)
    heads = [t("segment", lang), "n", t("baseline", lang) + " NPS", t("scenario", lang) + " NPS",
             t("delta", lang), t("metric.customers", lang), t("delta", lang), t("metric.fans", lang)]
    rows = []
    for segment, part in k.groupby("segment_id", sort=False):
        m = part.set_index("metric")
        nps = m.loc["nps"]
        small = " ⚠" if bool(nps["small"]) else ""
        cells = [("name", names.get(segment, segment) + small), ("n", format_number(nps["n"], lang)),
                 ("nps_before", format_number(nps["baseline"], lang, 1)),
                 ("nps_after", f"{format_number(nps['scenario'], lang, 1)} [{format_number(nps['scenario_low'], lang, 1)}; "
                               f"{format_number(nps['scenario_high'], lang, 1)}]"),
                 ("delta", _signed(nps["delta"], lang, 1)),
                 ("customers", format_number(m.loc["customers", "scenario"], lang)),
                 ("customers_delta", _signed(m.loc["customers", "delta"], lang)),
                 ("fans", format_number(m.loc["fans", "scenario"], lang))]
        tds = "".join(f"<td data-col='{c}' class='{'num' if c != 'name' else ''}'>{html.escape(v)}</td>" for c, v in cells)
        rows.append(f"<tr data-segment='{html.escape(segment)}'>{tds}</tr>")
    head = "".join(f"<th>{html.escape(h)}</th>" for h in heads)
    return (f"<h4>{html.escape(t('ui.segments_title', lang))}</h4><table class='tp-table' data-testid='segment-effects'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def opened_gaps_html(result, project: Project, lang: Lang) -> str:
    """The journey gaps a scenario opens, one line each, or a line saying there are none."""
    if result.gaps.empty:
        return f"<p data-testid='gaps-opened'>{html.escape(t('ui.no_gaps_opened', lang))}</p>"
    names = name_map(project.segments, "segment_id", lang)
    items = "".join(
        f"<li>{html.escape(t('ui.gap_line', lang, segment=names.get(g.segment_id, g.segment_id), phase=label('phase', g.phase, lang), after=label('gap_status', g.after, lang)))}</li>"
        for g in result.gaps.itertuples())
    return (f"<div class='tp-errors' data-testid='gaps-opened'><h4>{html.escape(t('ui.gaps_opened', lang))}</h4>"
            f"<ul>{items}</ul></div>")


def clashes_html(result, project: Project, lang: Lang) -> str:
    """Target-group clashes of a scenario, named with their numbers (empty when there are none)."""
    if result.clashes.empty:
        return ""
    names = name_map(project.segments, "segment_id", lang)
    items = "".join(f"<li>{html.escape(t('note.clash', lang, growing=names.get(c.growing, c.growing), segment=names.get(c.segment_id, c.segment_id), lost=format_number(c.customers_lost, lang)))}"
                    f" ({html.escape(t('fit', lang))} {c.fit:+.0f})</li>" for c in result.clashes.itertuples())
    return f"<div data-testid='clashes'><h4>{html.escape(t('ui.clashes', lang))}</h4><ul>{items}</ul></div>"


def download_link(data: bytes, filename: str, mime: str, text: str, css_class: str) -> str:
    """An HTML link that downloads ``data`` (embedded as base64)."""
    import base64

    payload = base64.b64encode(data).decode("ascii")
    return (f"<a class='{css_class}' download='{html.escape(filename)}' href='data:{mime};base64,{payload}' "
            f"style='margin-right:16px'>{html.escape(text)}</a>")


@dataclass
class WhatIfApp:
    """The what-if planner: add and remove touchpoints, move performance, budget and mix, apply measures,
    see the effect per segment at once, save and compare scenarios, optimise a budget, download the
    strategy document."""

    lang: Lang
    changes: list = field(default_factory=list)
    adjust: dict = field(default_factory=dict)
    saved: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.picker = ProjectPicker(self.lang, "ui.whatif_title")
        self.picker.listeners.append(self._project_changed)
        self._quiet = False
        self.tp_dd = w.Dropdown(layout=w.Layout(width="330px"))
        self.tp_dd.add_class("tp-touchpoint")
        self.remove_btn = w.Button(button_style="danger", layout=w.Layout(width="120px"))
        self.remove_btn.add_class("tp-remove-btn")
        wide = {"description_width": "150px"}
        self.perf_slider = w.FloatSlider(value=0, min=-2, max=2, step=0.1, continuous_update=False, style=wide)
        self.perf_slider.add_class("tp-perf-slider")
        self.budget_slider = w.FloatSlider(value=1, min=0, max=3, step=0.05, continuous_update=False, style=wide)
        self.budget_slider.add_class("tp-budget-slider")
        self.mix_slider = w.FloatSlider(value=0, min=0, max=1, step=0.05, continuous_update=False, style=wide)
        self.measures_sel = w.SelectMultiple(rows=6, layout=w.Layout(width="460px"), style=wide)
        self.measures_sel.add_class("tp-measures")
        self.add_name = w.Text(layout=w.Layout(width="220px"))
        self.add_name.add_class("tp-add-name")
        self.add_phase, self.add_channel, self.add_similar = (w.Dropdown(layout=w.Layout(width="220px")) for _ in range(3))
        self.add_phase.add_class("tp-add-phase")
        self.add_channel.add_class("tp-add-channel")
        self.add_similar.add_class("tp-add-similar")
        self.add_cost = w.FloatText(value=50000, layout=w.Layout(width="220px"))
        self.add_perf = w.FloatSlider(value=4.0, min=1, max=5, step=0.1, layout=w.Layout(width="220px"))
        self.add_reach = w.FloatSlider(value=0.5, min=0, max=1, step=0.05, layout=w.Layout(width="220px"))
        self.add_btn = w.Button(button_style="success")
        self.add_btn.add_class("tp-add-btn")
        self.undo_btn, self.reset_btn = w.Button(), w.Button()
        self.changes_html, self.kpis, self.effects, self.gaps, self.clashes, self.message = (w.HTML() for _ in range(6))
        self.changes_html.add_class("tp-changes")
        project = self.picker.current_project()
        self.nps_chart = alt.JupyterChart(charts.nps_chart(evaluation.nps(project.respondents), self.lang))
        self.customer_chart = alt.JupyterChart(charts.nps_chart(evaluation.nps(project.respondents), self.lang))
        # scenarios: save, load, compare
        self.save_name = w.Text(layout=w.Layout(width="260px"))
        self.save_name.add_class("tp-save-name")
        self.overwrite = w.Checkbox(value=False)
        self.save_btn = w.Button(button_style="primary")
        self.save_btn.add_class("tp-save-btn")
        self.saved_sel = w.SelectMultiple(rows=5, layout=w.Layout(width="420px"))
        self.saved_sel.add_class("tp-saved")
        self.load_btn = w.Button()
        self.load_btn.add_class("tp-load-btn")
        self.saved_html, self.compare_html = w.HTML(), w.HTML()
        self.saved_html.add_class("tp-saved-list")
        # budget optimiser
        self.budget_ft = w.FloatText(value=100000, layout=w.Layout(width="260px"))
        self.opt_btn, self.apply_opt_btn = w.Button(button_style="primary"), w.Button()
        self.opt_btn.add_class("tp-opt-btn")
        self.opt_html = w.HTML()
        self.optimum = None
        # document
        self.doc_btn = w.Button(button_style="info")
        self.doc_btn.add_class("tp-doc-btn")
        self.doc_links = w.HTML()
        self.doc_links.add_class("tp-doc-links")
        # static part-3 tables
        self.strategy_html, self.targets_html, self.votes_html, self.params_html = (w.HTML() for _ in range(4))
        self.cache: dict = {}

        edit = w.VBox([
            w.HBox([self.tp_dd, self.remove_btn]), self.perf_slider, self.budget_slider, self.mix_slider,
            self.measures_sel,
            w.HTML(), w.HBox([self.add_name, self.add_phase]), w.HBox([self.add_channel, self.add_similar]),
            w.HBox([self.add_cost, self.add_perf]), w.HBox([self.add_reach, self.add_btn]),
            w.HBox([self.undo_btn, self.reset_btn]), self.changes_html,
            w.HBox([self.save_name, self.save_btn]), self.overwrite, w.HBox([self.doc_btn]), self.doc_links,
        ])
        self.add_title = edit.children[5]
        effect = w.VBox([self.effects, self.gaps, self.clashes, self.nps_chart, self.customer_chart])
        saved = w.VBox([self.saved_html, w.HBox([self.saved_sel, self.load_btn]), self.compare_html])
        budget = w.VBox([w.HBox([self.budget_ft, self.opt_btn, self.apply_opt_btn]), self.opt_html])
        self.tabs = w.Tab(children=[effect, saved, budget, self.strategy_html, self.targets_html, self.votes_html,
                                    self.params_html])
        self.body = w.VBox([self.kpis, self.message, w.HBox([edit, self.tabs])])
        self._relabel()
        for widget in (self.perf_slider, self.budget_slider):
            widget.observe(self._adjusted, names="value")
        self.tp_dd.observe(self._touchpoint_chosen, names="value")
        self.mix_slider.observe(lambda _: self.render(), names="value")
        self.measures_sel.observe(lambda _: self.render(), names="value")
        self.saved_sel.observe(lambda _: self.render(), names="value")
        self.remove_btn.on_click(lambda _: self._commit(RemoveTouchpoint(self.tp_dd.value)))
        self.add_btn.on_click(self._add)
        self.undo_btn.on_click(self._undo)
        self.reset_btn.on_click(self._reset)
        self.save_btn.on_click(self._save)
        self.load_btn.on_click(self._load)
        self.opt_btn.on_click(self._optimise)
        self.apply_opt_btn.on_click(self._apply_optimum)
        self.doc_btn.on_click(self._document)
        self.tabs.observe(lambda _: self._refresh_saved(), names="selected_index")
        self.widget = w.VBox([self.picker.widget, self.body])
        self._refresh_saved()
        self.render()

    # --- labels --------------------------------------------------------------------------
    def _relabel(self) -> None:
        lang = self.picker.lang
        project = self.picker.current_project()
        with muted(self):
            tps = list(name_map(project.touchpoints, "touchpoint_id", lang).items())
            relabel_dropdown(self.tp_dd, [(n, i) for i, n in tps], t("ui.touchpoint", lang))
            relabel_dropdown(self.add_similar, [(n, i) for i, n in tps], t("ui.similar_to", lang))
            relabel_dropdown(self.add_phase, [(label("phase", p, lang), p) for p in PHASES], t("phase", lang))
            relabel_dropdown(self.add_channel, [(label("channel", c, lang), c) for c in CHANNELS], t("channel", lang))
            measures = name_map(project.measures, "measure_id", lang)
            chosen = self.measures_sel.value
            self.measures_sel.options = [(f"{n} ({format_money(c, project.currency, lang)})", i) for (i, n), c
                                         in zip(measures.items(), project.measures["cost"])]
            self.measures_sel.value = tuple(v for v in chosen if v in measures)
            self.measures_sel.description = t("ui.measures", lang)
            for widget, key in ((self.remove_btn, "ui.remove"), (self.add_btn, "ui.add"), (self.undo_btn, "ui.undo"),
                                (self.reset_btn, "ui.reset"), (self.save_btn, "ui.save"), (self.load_btn, "ui.load"),
                                (self.opt_btn, "ui.optimise"), (self.apply_opt_btn, "ui.apply_optimum"),
                                (self.doc_btn, "ui.document")):
                widget.description = t(key, lang)
            self.perf_slider.description = t("ui.performance_delta", lang)
            self.budget_slider.description = t("ui.budget_factor", lang)
            self.mix_slider.description = t("ui.mix_online", lang)
            self.add_name.description = t("ui.new_name", lang)
            self.add_cost.description = t("ui.annual_cost", lang)
            self.add_perf.description = t("ui.performance", lang)
            self.add_reach.description = t("ui.reach", lang)
            self.save_name.description = t("ui.save_name", lang)
            self.overwrite.description = t("ui.overwrite", lang)
            self.saved_sel.description = t("ui.compare", lang)
            self.budget_ft.description = t("ui.budget", lang)
            self.add_title.value = f"<h4>{html.escape(t('ui.add_title', lang))}</h4>"
            self.tabs.titles = tuple(t(k, lang) for k in ("ui.tab_effect", "ui.tab_saved", "ui.tab_budget",
                                                          "ui.tab_strategy", "ui.tab_targets", "ui.tab_votes",
                                                          "ui.tab_parameters"))

    # --- the scenario ----------------------------------------------------------------------
    def scenario(self) -> Scenario:
        """The scenario the widgets describe."""
        changes = list(self.changes)
        for tp, values in self.adjust.items():
            if values.get("delta"):
                changes.append(ChangePerformance(tp, values["delta"]))
            if values.get("factor", 1.0) != 1.0:
                changes.append(ChangeBudget(tp, values["factor"]))
        if self.mix_slider.value:
            changes.append(ShiftMix(self.mix_slider.value))
        changes += [ApplyMeasure(m) for m in self.measures_sel.value]
        name = self.save_name.value.strip() or t("scenario", self.picker.lang)
        return Scenario(name, tuple(changes))

    def _set_scenario(self, scenario: Scenario) -> None:
        with muted(self):
            self.changes = [c for c in scenario.changes if isinstance(c, (AddTouchpoint, RemoveTouchpoint))]
            self.adjust = {}
            for c in scenario.changes:
                if isinstance(c, ChangePerformance) and c.segment_id is None:
                    self.adjust.setdefault(c.touchpoint_id, {})["delta"] = c.delta
                elif isinstance(c, ChangeBudget):
                    self.adjust.setdefault(c.touchpoint_id, {})["factor"] = c.factor
                elif isinstance(c, ChangePerformance):
                    self.changes.append(c)
            mix = [c for c in scenario.changes if isinstance(c, ShiftMix)]
            self.changes += mix[1:]
            self.mix_slider.value = mix[0].share if mix else 0.0
            known = {v for _, v in self.measures_sel.options}
            self.measures_sel.value = tuple(c.measure_id for c in scenario.changes
                                            if isinstance(c, ApplyMeasure) and c.measure_id in known)
            self.save_name.value = scenario.name
            self._show_adjustment()

    def _show_adjustment(self) -> None:
        values = self.adjust.get(self.tp_dd.value, {})
        self.perf_slider.value = values.get("delta", 0.0)
        self.budget_slider.value = values.get("factor", 1.0)

    def _touchpoint_chosen(self, _change) -> None:
        if self._quiet:
            return
        with muted(self):
            self._show_adjustment()

    def _adjusted(self, _change) -> None:
        if self._quiet or self.tp_dd.value is None:
            return
        self.adjust[self.tp_dd.value] = {"delta": self.perf_slider.value, "factor": self.budget_slider.value}
        self.render()

    def _commit(self, change) -> None:
        self.changes.append(change)
        self.render()

    def _add(self, _button) -> None:
        lang = self.picker.lang
        name = self.add_name.value.strip()
        if not name:
            self.message.value = f"<p class='tp-errors'>{html.escape(t('ui.error', lang, detail=t('ui.new_name', lang)))}</p>"
            return
        existing = {getattr(c, "touchpoint_id", None) for c in self.changes} | set(
            self.picker.current_project().touchpoints["touchpoint_id"])
        base = "new_" + slugify(name).replace("-", "_")
        new_id, k = base, 2
        while new_id in existing:
            new_id, k = f"{base}_{k}", k + 1
        self._commit(AddTouchpoint(new_id, name, self.add_phase.value, self.add_channel.value,
                                   annual_cost=max(float(self.add_cost.value), 0.0), performance=self.add_perf.value,
                                   reach=self.add_reach.value, similar_to=self.add_similar.value))

    def _undo(self, _button) -> None:
        if self.changes:
            self.changes.pop()
        self.render()

    def _reset(self, _button) -> None:
        self._set_scenario(Scenario(self.save_name.value or ""))
        self.changes, self.adjust = [], {}
        self.render()

    # --- saving, loading, optimising, documents ---------------------------------------------------
    def _save(self, _button) -> None:
        lang = self.picker.lang
        scenario = self.scenario()
        try:
            path = save_scenario(scenario_folder(self.picker.current_project()), scenario, self.overwrite.value)
        except ScenarioExists:
            self.message.value = (f"<div class='tp-errors' data-testid='message'>"
                                  f"{html.escape(t('ui.scenario_exists', lang, name=scenario.name))}</div>")
        except (ValueError, OSError) as err:
            self.message.value = f"<div class='tp-errors' data-testid='message'>{html.escape(t('ui.error', lang, detail=str(err)))}</div>"
        else:
            self.message.value = (f"<p data-testid='message'>{html.escape(t('ui.saved', lang, name=scenario.name, path=path))}</p>")
        self._refresh_saved()
        self.render(keep_message=True)

    def _load(self, _button) -> None:
        chosen = self.saved_sel.value
        scenarios = {s.name: s for s in self.saved}
        if chosen and chosen[0] in scenarios:
            self._set_scenario(scenarios[chosen[0]])
            self.render()

    def _optimise(self, _button) -> None:
        lang = self.picker.lang
        project = self.picker.current_project()
        try:
            self.optimum = optimize_budget(project, max(float(self.budget_ft.value), 0.0))
        except ValueError as err:
            self.opt_html.value = f"<div class='tp-errors'>{html.escape(t('ui.error', lang, detail=str(err)))}</div>"
            return
        self._show_optimum()

    def _show_optimum(self) -> None:
        if self.optimum is None:
            self.opt_html.value = ""
            return
        lang, project = self.picker.lang, self.picker.current_project()
        o, cur = self.optimum, project.currency
        s = o.summary
        head = t("ui.optimum", lang, budget=format_money(s["budget"], cur, lang), effect=format_number(s["effect_summed"], lang),
                 simulated=format_number(s["effect_simulated"], lang), spent=format_money(s["spent"], cur, lang),
                 saved=format_money(s["saved"], cur, lang))
        names = {**name_map(project.measures, "measure_id", lang), **name_map(project.touchpoints, "touchpoint_id", lang)}
        chosen = o.chosen.assign(option=[names.get(i, i) for i in o.chosen["id"]],
                                 kind=[t(f"option_kind.{k}", lang) for k in o.chosen["kind"]])[
            ["option", "kind", "owner", "cost", "effect"]]
        curve = o.next_euro[["budget", "extra_effect", "per_1000"]]
        self.opt_html.value = (f"<p data-testid='optimum'>{html.escape(head)}</p>"
                               + table_html(chosen, lang, money=("cost",), currency=cur, decimals={"effect": 1})
                               + f"<h4>{html.escape(t('ui.next_euro', lang))}</h4>"
                               + table_html(curve.rename(columns={"extra_effect": "effect", "per_1000": "effect_per_1000"}),
                                            lang, money=("budget",), currency=cur,
                                            decimals={"effect": 1, "effect_per_1000": 2}))

    def _apply_optimum(self, _button) -> None:
        if self.optimum is not None:
            self._set_scenario(self.optimum.scenario)
            self.render()

    def _document(self, _button) -> None:
        lang = self.picker.lang
        project = self.picker.current_project()
        scenario = self.scenario()
        stem = f"{slugify(project.name)}-{slugify(scenario.name)}"
        others = [s for s in self.saved if s.name in self.saved_sel.value]
        try:
            xlsx = report.strategy_workbook(project, scenario, lang)
            page = report.strategy_html(project, scenario, lang, compare_with=others)
        except ValueError as err:
            self.doc_links.value = f"<div class='tp-errors'>{html.escape(t('ui.error', lang, detail=str(err)))}</div>"
            return
        self.doc_links.value = (
            download_link(xlsx, f"{stem}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          t("ui.download_xlsx", lang), "tp-download-xlsx")
            + download_link(page.encode("utf-8"), f"{stem}.html", "text/html", t("ui.download_html", lang),
                            "tp-download-html"))

    # --- showing ------------------------------------------------------------------------------
    def _project_changed(self) -> None:
        self.changes, self.adjust, self.optimum = [], {}, None
        self._relabel()
        self._set_scenario(Scenario(""))
        self.doc_links.value = ""
        self._refresh_saved()
        self.render()

    def _static_tables(self, project: Project, lang: Lang) -> None:
        key = (id(project), lang)
        if key not in self.cache:
            seg_names = name_map(project.segments, "segment_id", lang)
            tp_names = name_map(project.touchpoints, "touchpoint_id", lang)
            verdicts = strategy.desired_segments(project)
            segs = verdicts.assign(segment_id=[seg_names.get(s, s) for s in verdicts["segment_id"]],
                                   reasons=[report.reasons_text(r, lang) for r in verdicts["reasons"]])[
                ["segment_id", "status", "reasons", "customers", "profit", "network", "n", "nps", "nps_low", "nps_high"]]
            exits = [strategy.exit_plan(project, s) for s in verdicts.loc[verdicts["status"] == "exit", "segment_id"]]
            plans = "".join(table_html(p.assign(touchpoint_id=[tp_names.get(x, x) for x in p["touchpoint_id"]],
                                                segment_id=[seg_names.get(x, x) for x in p["segment_id"]])[
                ["segment_id", "step", "touchpoint_id", "phase", "action", "annual_cost", "saving", "cumulative_saving"]],
                lang, money=("annual_cost", "saving", "cumulative_saving"), currency=project.currency) for p in exits)
            levels = strategy.target_levels(project)
            levels = levels[levels["gap"] > 0]
            levels = levels.assign(segment_id=[seg_names.get(x, x) for x in levels["segment_id"]],
                                   touchpoint_id=[tp_names.get(x, x) for x in levels["touchpoint_id"]])[
                ["segment_id", "touchpoint_id", "n", "current", "target", "gap", "measures", "measure_uplift",
                 "closed_by_measures"]]
            votes = strategy.vote_ranking(project)
            m_names = name_map(project.measures, "measure_id", lang)
            votes = votes.assign(measure_id=[m_names.get(x, x) for x in votes["measure_id"]])[
                ["rank", "rank_low", "rank_high", "measure_id", "proposed_by", "owner", "voters", "supporters",
                 "points_mean", "points_low", "points_high"]]
            params = parameters(project)
            params = params.assign(parameter=[report.parameter_label(p, lang) for p in params["parameter"]])
            self.cache[key] = (
                table_html(segs, lang, money=("profit",), currency=project.currency, value_field={"status": "status"},
                           decimals={"nps": 1, "nps_low": 1, "nps_high": 1}, numbers=("customers",))
                + f"<h4>{html.escape(t('report.exit_plans', lang))}</h4>" + plans,
                table_html(levels, lang, decimals={"current": 2, "target": 2, "gap": 2, "measure_uplift": 1}),
                table_html(votes, lang, decimals={"points_mean": 2, "points_low": 2, "points_high": 2}),
                table_html(params, lang, value_field={"source": "source"}, decimals={"value": 3}),
            )
        self.strategy_html.value, self.targets_html.value, self.votes_html.value, self.params_html.value = self.cache[key]

    def _refresh_saved(self) -> None:
        """Read the saved scenarios from the project folder (another session may have saved some) and list them."""
        lang = self.picker.lang
        self.saved, errors = load_scenarios(scenario_folder(self.picker.current_project()))
        saved = self.saved
        with muted(self):
            chosen = self.saved_sel.value
            self.saved_sel.options = [s.name for s in saved]
            self.saved_sel.value = tuple(c for c in chosen if c in self.saved_sel.options)
        self.saved_html.value = (f"<h4>{html.escape(t('ui.saved_scenarios', lang))}</h4><ul data-testid='saved-scenarios'>"
                                 + "".join(f"<li>{html.escape(s.name)}</li>" for s in saved) + "</ul>"
                                 if saved else f"<p data-testid='saved-scenarios'>{html.escape(t('ui.no_saved', lang))}</p>")
        if errors:
            self.saved_html.value += "<div class='tp-errors'>" + "".join(f"<p>{html.escape(e)}</p>" for e in errors) + "</div>"

    def render(self, keep_message: bool = False) -> None:
        if self._quiet:
            return
        self.lang = lang = self.picker.lang
        self.picker.render()
        project = self.picker.current_project()
        if not keep_message:
            self.message.value = ""
        if project.respondents.empty or project.ratings.empty or project.segments.empty:
            self.kpis.value = f"<p data-testid='no-survey'>{html.escape(t('ui.no_survey', lang))}</p>"
            self.body.children[2].layout.display = "none"
            return
        self.body.children[2].layout.display = ""
        scenario = self.scenario()
        try:
            result = simulate(project, scenario)
        except ValueError as err:
            self.message.value = f"<div class='tp-errors' data-testid='message'>{html.escape(t('ui.error', lang, detail=str(err)))}</div>"
            if self.changes:
                self.changes.pop()
                return self.render(keep_message=True)
            return
        self.kpis.value = whatif_cards(result, project.currency, lang)
        self.effects.value = segment_effects_html(result, project, lang)
        self.gaps.value = opened_gaps_html(result, project, lang)
        self.clashes.value = clashes_html(result, project, lang)
        lines = [report.describe_change(c, project, lang) for c in scenario.changes]
        self.changes_html.value = (f"<h4>{html.escape(t('ui.changes', lang))}</h4>"
                                   + ("<ol>" + "".join(f"<li>{html.escape(x)}</li>" for x in lines) + "</ol>" if lines
                                      else f"<p>{html.escape(t('ui.no_changes', lang))}</p>"))
        others = [s for s in self.saved if s.name in self.saved_sel.value]
        current = result.kpis.assign(name=scenario.name)
        table = pd.concat([current, compare(project, others)], ignore_index=True) if others else current
        seg_names = name_map(project.segments, "segment_id", lang)
        self.nps_chart.chart = charts.scenario_chart(table, "nps", lang, seg_names)
        self.customer_chart.chart = charts.scenario_chart(table, "customers", lang, seg_names)
        if others:
            totals = table[(table["segment_id"] == "total") & table["metric"].isin(report.KEY_METRICS)]
            wide = totals.pivot(index="metric", columns="name", values="scenario").reindex(list(report.KEY_METRICS))
            wide.insert(0, t("baseline", lang), totals.drop_duplicates("metric").set_index("metric")["baseline"])
            wide.index = [t(f"metric.{m}", lang) for m in wide.index]
            self.compare_html.value = table_html(wide.reset_index().rename(columns={"index": t("metric", lang) if has("metric") else "metric"}),
                                                 lang, decimals={c: 1 for c in wide.columns})
        else:
            self.compare_html.value = ""
        self._static_tables(project, lang)
        self._show_optimum()


def whatif_app(lang: Lang = "de") -> WhatIfApp:
    """Build the what-if planner; display ``whatif_app().widget``.

    >>> app = whatif_app("en")
    >>> app.remove_btn.click()   # removes the first touchpoint in the list
    >>> app.scenario().changes[0].touchpoint_id == app.tp_dd.value
    True
    """
    return WhatIfApp(lang=lang)

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
import altair as alt
import ipywidgets as w
import pandas as pd

from . import charts, evaluation
from .datasets import SAMPLES, load_sample
from .drivers import key_drivers
from .i18n import Lang, display_names, format_money, format_number, format_share, label, name_map, relabel, t, has
from .inventory import by_owner, coverage_matrix, inventory_summary, journey_gaps
from .io import Project, load_upload
from .problems import ProjectError
from .schema import ALL_SEGMENTS, LOYALTY

alt.JupyterChart.enable_offline()

STYLE = """
<style>
.tp-kpis {display:flex; flex-wrap:wrap; gap:10px; margin:6px 0 12px 0}
.tp-kpi {border:1px solid #d0d7de; border-radius:8px; padding:8px 14px; min-width:150px; background:#f6f8fa}
.tp-kpi-value {font-size:22px; font-weight:600}
.tp-kpi-label {font-size:12px; color:#57606a}
.tp-table {border-collapse:collapse; font-size:13px}
.tp-table th, .tp-table td {border-bottom:1px solid #d0d7de; padding:4px 10px; text-align:left}
.tp-table td.num {text-align:right}
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

    @contextmanager
    def _muted(self):
        """Widget changes made inside do not notify the listeners."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _changed(self, clear_error: bool = False) -> None:
        if self._quiet:
            return
        if clear_error:
            self.error, self.error_text = None, ""
        for listener in self.listeners:
            listener()

    def _switch_language(self, change: dict) -> None:
        self.lang = change["new"]
        with self._muted():
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
            with self._muted():
                self.relabel()
                self.project_dd.value = key
        with self._muted():
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

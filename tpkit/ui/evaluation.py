"""The evaluation dashboard: NPS, drivers, critical touchpoints and the inside/outside view, for all
respondents or one segment, by derived or stated importance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import altair as alt
import ipywidgets as w
import pandas as pd

from .. import charts
from ..display import (Formats, error_box, heading, headline_card, html_table, kpi_card, kpi_cards, names, note,
                       respondents_card, with_names)
from ..drivers import key_drivers
from ..evaluation import (grouping_columns, headline, incidents, incidents_recorded, inside_outside, ipa, respondents,
                          segment_performance)
from ..groups import group_labels, group_project
from ..i18n import Lang, format_number, has, label, t
from ..errors import ModelError
from ..io import Project
from ..recommendation import outcome_shape
from ..tracking import changes, measure_check, target_lights, waves
from ..schema import ALL_SEGMENTS, LOYALTY
from .common import Dashboard, HtmlPanel, Panel, muted, placeholder_chart, relabel_dropdown, styled


@dataclass(frozen=True)
class Analysis:
    """What the figures of one project and segment rest on: key drivers, importance–performance
    classes and the inside/outside view."""

    drivers: pd.DataFrame
    ipa: pd.DataFrame
    gaps: pd.DataFrame

    def critical(self, view: str) -> pd.DataFrame:
        """The critical touchpoints by ``view`` (derived or stated importance)."""
        return self.ipa[self.ipa[f"class_{view}"] == "critical"]


class ChoicePanel(Panel):
    """The segment — or a group of any other respondent column (a travel type, a region …) — and the
    importance view; ``on_change()`` follows every choice."""

    def __init__(self, *, on_change: Callable[[], None]) -> None:
        self.segment_dd = styled(w.Dropdown(layout=w.Layout(width="340px")), "tp-segment")
        self.view_tb = w.ToggleButtons(style={"button_width": "190px"})
        self.widget = w.HBox([self.segment_dd, self.view_tb], layout=w.Layout(align_items="center"))
        self.listen(self.segment_dd, on_change)
        self.listen(self.view_tb, on_change)

    def relabel(self, lang: Lang) -> None:
        with muted(self):
            value = self.view_tb.value or "derived"
            self.view_tb.options = [(t(f"view.{v}", lang=lang), v) for v in ("derived", "stated")]
            self.view_tb.value = value

    def show(self, whole: Project, *, lang: Lang) -> None:
        """The project's segments to choose from, then the groups of its other respondent columns (as
        ``(column, group)``), named in ``lang``."""
        with muted(self):
            named = names(whole, "segments", lang=lang)
            options = [(named[ALL_SEGMENTS], ALL_SEGMENTS)] + [(named[s], s) for s in whole.segments["segment_id"]]
            for column in grouping_columns(whole)[1:]:
                word = t(column, lang=lang) if has(column) else column
                values = sorted(set(group_labels(whole.respondents[column]).dropna()))
                options += [(f"{word}: {label(column, v, lang=lang) if column == 'loyalty' else v}", (column, v))
                            for v in values]
            relabel_dropdown(self.segment_dd, options, t("ui.segment_or_group", lang=lang))

    def segment(self) -> str | None:
        """The chosen segment, None for all (and for a group of another column)."""
        value = self.segment_dd.value
        return None if value in (None, ALL_SEGMENTS) or isinstance(value, tuple) else value

    def group(self) -> tuple[str, str] | None:
        """The chosen group of another respondent column as ``(column, group)``, or None."""
        return self.segment_dd.value if isinstance(self.segment_dd.value, tuple) else None

    def view(self) -> str:
        return self.view_tb.value or "derived"


class CardsPanel(HtmlPanel):
    """The headline figure (NPS, share positive or mean) with its interval, respondents, critical touchpoints, blind spots and the variance explained."""

    def show(self, project: Project, *, lang: Lang, segment: str | None, view: str, analysis: Analysis) -> None:
        table = headline(respondents(project, segment=segment), outcome=project.outcome)
        overall = table.iloc[0] if len(table) else pd.Series({"n": 0, "n_eff": 0.0, "value": float("nan"),
                                                               "value_low": float("nan"), "value_high": float("nan")})
        drivers = analysis.drivers
        r2 = drivers["r2"].dropna().iloc[0] if drivers["r2"].notna().any() else None
        self.html.value = kpi_cards([
            headline_card(overall, project.outcome, lang=lang),
            respondents_card(overall, lang=lang),
            kpi_card("critical", format_number(len(analysis.critical(view)), lang=lang), t("kpi.critical", lang=lang)),
            kpi_card("blind_spots", format_number(int(analysis.gaps["blind_spot"].sum()), lang=lang)
                     if analysis.gaps["blind_spot"].notna().any() else "–", t("kpi.blind_spots", lang=lang)),
            kpi_card("r2", format_number(r2, lang=lang, decimals=2), t("kpi.r2", lang=lang))])


class CriticalPanel(HtmlPanel):
    """The critical touchpoints (the critical moments of truth) of the chosen view, to fix first."""

    def show(self, project: Project, *, lang: Lang, view: str, analysis: Analysis) -> None:
        critical = analysis.critical(view)
        if critical.empty:
            self.html.value = note(t("ui.no_critical", lang=lang), testid="critical-list")
            return
        shown = with_names(critical, project, lang=lang, columns=("touchpoint_id",)).rename(
            columns={"touchpoint_id": "touchpoint"})[
            ["touchpoint", "n", "performance", "performance_low", "performance_high", "stated_importance",
             "derived_importance", "class_stated", "class_derived"]]
        two = {c: 2 for c in ("performance", "performance_low", "performance_high", "stated_importance")}
        self.html.value = (heading(t("ui.critical_title", lang=lang)) + "<div data-testid='critical-list'>"
                           + html_table(shown, lang=lang, formats=Formats(
                               shares=("derived_importance",), decimals=two,
                               words={"class_stated": "class", "class_derived": "class"})) + "</div>")


class ChartPanel(Panel):
    """A tab of one chart."""

    def __init__(self) -> None:
        self.chart = alt.JupyterChart(placeholder_chart())
        self.widget = self.chart


class IpaPanel(ChartPanel):
    title_key = "ui.tab_ipa"

    def show(self, project: Project, *, lang: Lang, view: str, analysis: Analysis) -> None:
        self.chart.chart = charts.ipa_chart(analysis.ipa, project.touchpoints, lang=lang, view=view,
                                              scale=project.rating_scale)


class NpsPanel(Panel):
    """The headline figure per segment, and within the chosen segment per group of a respondent column (loyalty first, or
    any other: :func:`tpkit.evaluation.grouping_columns`)."""

    title_key = "ui.tab_nps"

    def __init__(self) -> None:
        self.segments_chart = alt.JupyterChart(placeholder_chart())
        self.loyalty_chart = alt.JupyterChart(placeholder_chart())
        self.by_dd = styled(w.Dropdown(options=[("loyalty", "loyalty")], value="loyalty"), "tp-nps-by")
        self.listen(self.by_dd, self.redraw)
        self.widget = w.VBox([self.segments_chart, self.by_dd, self.loyalty_chart])

    def relabel(self, lang: Lang) -> None:
        self.by_dd.description = t("ui.group_by", lang=lang)

    def show(self, project: Project, *, lang: Lang, segment: str | None) -> None:
        self.segments_chart.chart = charts.headline_chart(
            headline(project.respondents, outcome=project.outcome, by="segment_id"), outcome=project.outcome,
            lang=lang, labels=names(project, "segments", lang=lang))
        columns = [c for c in grouping_columns(project) if c != "segment_id"]
        self.by_dd.layout.display = "" if columns else "none"
        if not columns:
            self.loyalty_chart.chart = placeholder_chart()
            return
        with muted(self):
            relabel_dropdown(self.by_dd, [(t(c, lang=lang) if has(c) else c, c) for c in columns],
                             t("ui.group_by", lang=lang))
        by = self.by_dd.value
        labels = {v: label("loyalty", v, lang=lang) for v in LOYALTY} if by == "loyalty" else {}
        self.loyalty_chart.chart = charts.headline_chart(
            headline(respondents(project, segment=segment), outcome=project.outcome, by=by), outcome=project.outcome,
            lang=lang, labels=labels)


class DriverPanel(ChartPanel):
    title_key = "ui.tab_drivers"

    def show(self, project: Project, *, lang: Lang, analysis: Analysis) -> None:
        self.chart.chart = charts.driver_chart(analysis.drivers, project.touchpoints, lang=lang, outcome=project.outcome)


class GapPanel(ChartPanel):
    title_key = "ui.tab_gap"

    def show(self, project: Project, *, lang: Lang, analysis: Analysis) -> None:
        self.chart.chart = charts.gap_chart(analysis.gaps, project.touchpoints, lang=lang, scale=project.rating_scale)


#: The incident columns for an outcome that is not a recommendation (a yes/no, a scale's boxes).
NEUTRAL_INCIDENT_WORDS = {"n_detractors": "n_negative", "negative_among_detractors": "negative_among_negative",
                          "n_promoters": "n_positive", "positive_among_promoters": "positive_among_positive"}


class IncidentPanel(HtmlPanel):
    """What detractors and promoters name as negative and positive incidents, per touchpoint."""

    title_key = "ui.tab_incidents"

    def show(self, project: Project, *, lang: Lang, segment: str | None) -> None:
        if not incidents_recorded(project):
            self.html.value = note(t("ui.no_incidents", lang=lang), testid="no-incidents")
            return
        found = with_names(incidents(project, segment=segment), project, lang=lang, columns=("touchpoint_id",))
        shown = found.rename(columns={"touchpoint_id": "touchpoint"})[
            ["touchpoint", "n_detractors", "negative_among_detractors", "n_promoters", "positive_among_promoters"]]
        if project.outcome.kind != "nps":   # the outcome's negative and positive answers, not NPS classes
            shown = shown.rename(columns=NEUTRAL_INCIDENT_WORDS)
        shares = [c for c in shown.columns if "_among_" in c]
        self.html.value = html_table(shown, lang=lang, formats=Formats(shares=tuple(shares)))


class HeatmapPanel(Panel):
    """Performance per touchpoint × segment, or × the groups of another respondent column (travel type,
    loyalty …: :func:`tpkit.evaluation.grouping_columns`)."""

    title_key = "ui.tab_heatmap"

    def __init__(self) -> None:
        self.chart = alt.JupyterChart(placeholder_chart())
        self.by_dd = styled(w.Dropdown(options=[("Segment", "segment_id")], value="segment_id"), "tp-heatmap-by")
        self.listen(self.by_dd, self.redraw)
        self.widget = w.VBox([self.by_dd, self.chart])

    def relabel(self, lang: Lang) -> None:
        self.by_dd.description = t("ui.group_by", lang=lang)

    def show(self, project: Project, *, lang: Lang) -> None:
        with muted(self):
            relabel_dropdown(self.by_dd, [(t(c, lang=lang) if has(c) else c, c) for c in grouping_columns(project)],
                             t("ui.group_by", lang=lang))
        by = self.by_dd.value
        if by == "segment_id":
            labels = names(project, "segments", lang=lang)
        elif by == "loyalty":
            labels = {v: label("loyalty", v, lang=lang) for v in LOYALTY}
        else:
            labels = {}
        self.chart.chart = charts.performance_heatmap(segment_performance(project, by=by), project.touchpoints, scale=project.rating_scale,
                                                      lang=lang, segment_labels=labels, by=by)


class TrendPanel(HtmlPanel):
    """Tracking over time (:mod:`tpkit.tracking`) for a project surveyed in waves: what changed between the
    waves, whether the measures worked against their promise, and honest traffic lights against the target
    levels; a project without waves says how to add them."""

    title_key = "ui.tab_trend"

    def show(self, project: Project, *, lang: Lang) -> None:
        if len(waves(project)) < 2:
            self.html.value = note(t("ui.no_waves", lang=lang), testid="no-waves")
            return
        changed = changes(project)
        changed = changed[changed["touchpoint_id"].isna() | changed["significant"]]
        # each row as its figure is read (NPS points with one decimal, a share in percent, a mean with two),
        # changes with their sign
        figures = ("before", "after", "change", "change_low", "change_high")
        parts = [heading(t("ui.trend_changes", lang=lang)),
                 html_table(with_names(changed, project, lang=lang, columns=("touchpoint_id",)), lang=lang,
                            formats=Formats(row_metrics=changed["figure"].to_dict(),
                                            metric_columns=figures, change_columns=figures[2:],
                                            decimals={"p_adjusted": 4}),
                            sort_values={c: changed[c].tolist() for c in figures}, testid="trend-changes")]
        try:
            checked = measure_check(project)
            parts += [heading(t("ui.trend_measures", lang=lang)),
                      html_table(with_names(checked, project, lang=lang, columns=("measure_id", "touchpoint_id")),
                                 lang=lang, formats=Formats(decimals={c: 2 for c in ("uplift", "before", "after",
                                                                                     "change", "change_low",
                                                                                     "change_high")},
                                                            words={"verdict": "verdict"}), testid="trend-measures")]
        except ModelError as error:      # waves that are no dates: no check against due dates
            parts.append(error_box(error, lang=lang))
        lights = target_lights(project)
        parts += [heading(t("ui.trend_lights", lang=lang)),
                  html_table(with_names(lights, project, lang=lang, columns=("segment_id", "touchpoint_id")),
                             lang=lang, formats=Formats(decimals={c: 2 for c in ("target", "performance",
                                                                                 "performance_low",
                                                                                 "performance_high")},
                                                        words={"light": "light"}), testid="trend-lights")]
        self.html.value = "".join(parts)


class EvaluationApp(Dashboard):
    """The evaluation dashboard; ``widget`` is what the notebook displays. ``n_boot`` bootstrap
    resamples give the drivers' intervals."""

    title_key = "ui.eval_title"

    def __init__(self, lang: Lang = "de", n_boot: int = 100) -> None:
        super().__init__(lang)
        self.n_boot = n_boot
        self.cache: dict[tuple[Project, str | None], Analysis] = {}
        self.groups_shown: dict[tuple[Project, str, str], Project] = {}
        self.choice = ChoicePanel(on_change=self.refresh)
        self.cards = CardsPanel()
        head = self.panels([self.choice, self.cards, CriticalPanel()])
        self.tabs = self.panels([IpaPanel(), NpsPanel(), DriverPanel(), GapPanel(), IncidentPanel(), HeatmapPanel(),
                                 TrendPanel()], tabs=True)
        self.notice = w.HTML()
        self.body = w.VBox([head.widget, self.tabs.widget])
        self.widget = w.VBox([self.picker.widget, self.notice, self.body])
        self.segment_dd, self.view_tb, self.kpis = self.choice.segment_dd, self.choice.view_tb, self.cards.html
        self.refresh()

    def analysis(self, project: Project, segment: str | None) -> Analysis:
        """Drivers, classes and the inside/outside view of one project and segment, computed once."""
        key = (project, segment)
        if key not in self.cache:
            drivers = key_drivers(project, segment=segment, n_boot=self.n_boot)
            self.cache[key] = Analysis(drivers, ipa(project, segment=segment, drivers=drivers),
                                       inside_outside(project, segment=segment))
        return self.cache[key]

    def refresh(self) -> None:
        with self.working():     # a segment's drivers take a moment the first time
            self._refresh()

    def _refresh(self) -> None:
        project = self.sync()
        if project.respondents.empty or project.ratings.empty:
            self.notice.value = note(t("ui.no_survey", lang=self.lang), testid="no-survey")
            self.body.layout.display = "none"
            return
        shape = outcome_shape(project.respondents)
        self.notice.value = note(t("ui.eval_outcome_constant", lang=self.lang, values=", ".join(map(str, shape["values"]))),
                                 testid="outcome-shape") if shape["status"] == "constant" else ""
        self.body.layout.display = ""
        self.state["whole"] = project
        self.choice.update(self.state)  # the project's segments and groups, before one is read
        segment, group = self.choice.segment(), self.choice.group()
        if group is not None:           # every panel shows the group's respondents only
            key = (project, *group)
            if key not in self.groups_shown:
                self.groups_shown[key] = group_project(project, *group)
            project = self.groups_shown[key]
        self.state.update(project=project, segment=segment, view=self.choice.view(),
                          analysis=self.analysis(project, segment))
        self.draw()


def evaluation_app(lang: Lang = "de") -> EvaluationApp:
    """Build the evaluation dashboard; display ``evaluation_app().widget``.

    >>> app = evaluation_app("en")
    >>> app.segment_dd.value, 'data-kpi=\\'nps\\'' in app.kpis.value
    ('all', True)
    """
    return EvaluationApp(lang)

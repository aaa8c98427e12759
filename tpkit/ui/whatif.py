"""The what-if planner: add and remove touchpoints, move performance, budget and mix, apply measures,
see the effect per segment at once, save and compare scenarios, optimise a budget, download the
strategy document.

A change in the left column simulates the scenario once (:func:`tpkit.scenario.simulate`); the key
figures and the open tab draw from that result, the hidden tabs when they are opened. The tabs of
the target strategy show the strategy document's own tables (:mod:`tpkit.report`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace

import altair as alt
import ipywidgets as w
import pandas as pd

from .. import charts, report
from ..deck import strategy_pptx
from ..display import (bullets, clashes_html, comparison_html, download_link, error_box, error_text, heading, message_box,
                       mix_html, names, network_html, note, opened_gaps_html, optimum_html, section_html, segment_effects_html,
                       whatif_cards)
from ..i18n import Lang, format_number, t
from ..errors import ModelError
from ..io import Project
from ..journey import journey_after, journey_curve, journey_targets
from ..levers import LEVERS
from ..mix import MixPlan, best_mix
from ..strategy import desired_segments, exit_scenario
from ..recommendation import outcome_shape
from ..optimize import Optimization, optimize_budget, optimize_target
from ..scenario import Scenario, Simulation, check_range, compare, headline_metric, parameters, simulate
from ..store import ScenarioExists, load_scenarios, save_scenario, scenario_folder, slugify
from .common import (Dashboard, HtmlPanel, Memo, Panel, SegmentChartPanel, describe, muted, placeholder_chart,
                     relabel_dropdown, styled)
from .whatif_edit import AddPanel, ChangeListPanel, EditPanel, SavePanel


def comparison(scenario: Scenario, result: Simulation, compared: pd.DataFrame | None, *, lang: Lang = "de"
               ) -> pd.DataFrame:
    """The scenario's key figures (named), stacked on those of the saved scenarios it is compared with (the
    planner leaves out a saved scenario the current one equals; one loaded and then changed keeps its name, so the
    current one is named as unsaved beside it)."""
    name = scenario.name
    if compared is not None and name in set(compared["name"]):
        name = t("ui.unsaved_name", lang=lang, name=name)
    current = result.kpis.assign(name=name)
    return current if compared is None or compared.empty else pd.concat([current, compared], ignore_index=True)


class CardsPanel(HtmlPanel):
    """The scenario's key figures for all segments with their change against the baseline."""

    def show(self, project: Project, *, lang: Lang, result: Simulation) -> None:
        self.html.value = whatif_cards(result.kpis, result.gaps, lang=lang, currency=project.currency,
                                       outcome=project.outcome)


class EffectPanel(Panel):
    """Per segment: NPS and customers before and after, the gaps and clashes the scenario opens, as
    table and charts (beside the saved scenarios chosen for comparison)."""

    title_key = "ui.tab_effect"

    def __init__(self) -> None:
        self.effects, self.gaps, self.clashes, self.network = w.HTML(), w.HTML(), w.HTML(), w.HTML()
        self.nps_chart = alt.JupyterChart(placeholder_chart())
        self.customer_chart = alt.JupyterChart(placeholder_chart())
        self.widget = w.VBox([self.effects, self.network, self.gaps, self.clashes, self.nps_chart, self.customer_chart])

    def show(self, project: Project, *, lang: Lang, scenario: Scenario, result: Simulation,
             compared: pd.DataFrame | None) -> None:
        self.effects.value = segment_effects_html(result.kpis, project, lang=lang)
        self.gaps.value = opened_gaps_html(result.gaps, project, lang=lang)
        self.clashes.value = clashes_html(result.clashes, project, lang=lang)
        self.network.value = network_html(result.network, project, lang=lang)
        table = comparison(scenario, result, compared, lang=lang)
        labels = names(project, "segments", lang=lang)
        self.nps_chart.chart = charts.scenario_chart(table, metric=headline_metric(project.outcome), lang=lang,
                                                     labels=labels, outcome=project.outcome)
        self.customer_chart.chart = charts.scenario_chart(table, metric="customers", lang=lang, labels=labels)


class SavedPanel(Panel):
    """The scenarios saved in the project, to load one or compare some with the current one."""

    title_key = "ui.tab_saved"

    def __init__(self, *, on_select: Callable[[], None], on_load: Callable[[Scenario], None]) -> None:
        self.listing = styled(w.HTML(), "tp-saved-list")
        self.saved_sel = styled(w.SelectMultiple(rows=5, layout=w.Layout(width="420px")), "tp-saved")
        self.load_dd = styled(w.Dropdown(layout=w.Layout(width="420px")), "tp-load-choice")   # one to load
        self.load_btn = styled(w.Button(), "tp-load-btn")
        self.table = w.HTML()
        self.saved: tuple[Scenario, ...] = ()
        self.widget = w.VBox([self.listing, w.HBox([self.load_dd, self.load_btn]), self.saved_sel, self.table])
        self.on_load = on_load
        self.listen(self.saved_sel, on_select)
        self.load_btn.on_click(lambda _: self._load())

    def relabel(self, lang: Lang) -> None:
        describe(lang, {self.saved_sel: "ui.compare", self.load_dd: "ui.load_which", self.load_btn: "ui.load"})

    def chosen(self, saved: tuple[Scenario, ...]) -> tuple[Scenario, ...]:
        """The saved scenarios chosen in the list."""
        return tuple(s for s in saved if s.name in self.saved_sel.value)

    def _load(self) -> None:
        by_name = {s.name: s for s in self.saved}
        if self.load_dd.value in by_name:
            self.on_load(by_name[self.load_dd.value])

    def show(self, project: Project, *, lang: Lang, saved: tuple[Scenario, ...], saved_errors: tuple[Exception, ...],
             scenario: Scenario, result: Simulation, compared: pd.DataFrame | None) -> None:
        self.saved = saved
        with muted(self):
            chosen = self.saved_sel.value
            self.saved_sel.options = [s.name for s in saved]
            self.saved_sel.value = tuple(c for c in chosen if c in self.saved_sel.options)
            relabel_dropdown(self.load_dd, [(s.name, s.name) for s in saved], t("ui.load_which", lang=lang))
            self.load_btn.disabled = not saved
        listing = (heading(t("ui.saved_scenarios", lang=lang)) + bullets([s.name for s in saved], testid="saved-scenarios")
                   if saved else note(t("ui.no_saved", lang=lang), testid="saved-scenarios"))
        self.listing.value = listing + (message_box(*(error_text(e, lang=lang) for e in saved_errors))
                                        if saved_errors else "")
        self.table.value = ("" if compared is None else
                            comparison_html(comparison(scenario, result, compared, lang=lang), lang=lang,
                                            metrics=report.key_metrics(project.outcome), outcome=project.outcome,
                                            currency=project.currency))


class BudgetPanel(Panel):
    """The optimiser: the measures and closures with the largest effect under a budget (and what more budget
    buys), or the least cost to reach a target level of the headline figure on the desired segments; with
    touchpoints that must stay, minimum service levels and a maximum number of closures.
    ``on_apply(scenario)`` takes the optimum over as the scenario."""

    title_key = "ui.tab_budget"
    #: The choices of the maximum number of closures (-1: no limit; a dropdown's None would show nothing).
    CLOSURE_LIMITS = (-1, 0, 1, 2, 3, 5, 10)

    def __init__(self, *, on_apply: Callable[[Scenario], None],
                 busy: Callable[[], AbstractContextManager] = nullcontext) -> None:
        self.busy = busy
        self.mode = styled(w.ToggleButtons(options=[("budget", "budget"), ("target", "target")], value="budget",
                                           style={"button_width": "auto"}), "tp-opt-mode")
        self.budget = styled(w.FloatText(value=100000, layout=w.Layout(width="260px")), "tp-budget")
        self.target = styled(w.FloatText(value=0.0, layout=w.Layout(width="260px")), "tp-target")
        self.max_closures = styled(w.Dropdown(layout=w.Layout(width="420px")), "tp-max-closures")
        self.keep = styled(w.SelectMultiple(rows=4, layout=w.Layout(width="420px")), "tp-must-keep")
        self.level_tp = styled(w.Dropdown(layout=w.Layout(width="460px")), "tp-level-touchpoint")
        self.level = styled(w.FloatText(value=3.0, layout=w.Layout(width="180px")), "tp-level-value")
        self.level_btn, self.levels_clear = w.Button(), w.Button()
        self.levels: dict[str, float] = {}
        self.levels_html = w.HTML()
        self.opt_btn = styled(w.Button(button_style="primary"), "tp-opt-btn")
        self.apply_btn = w.Button()
        self.result = w.HTML()
        self.optimum: Optimization | None = None
        self.optimum_of: Project | None = None
        self.widget = w.VBox([self.mode, w.HBox([self.budget, self.target]), w.HBox([self.max_closures]), self.keep,
                              self.level_tp, w.HBox([self.level, self.level_btn, self.levels_clear]), self.levels_html,
                              w.HBox([self.opt_btn, self.apply_btn]), self.result])
        self.mode.observe(lambda _: self._show_mode(), "value")
        self.level_btn.on_click(lambda _: self._set_level())
        self.levels_clear.on_click(lambda _: self._clear_levels())
        self.opt_btn.on_click(lambda _: self._run(self._optimise))
        self.apply_btn.on_click(lambda _: on_apply(self.optimum.scenario) if self.optimum is not None else None)
        self._show_mode()

    def relabel(self, lang: Lang) -> None:
        describe(lang, {self.budget: "ui.budget", self.target: "ui.target_level", self.max_closures: "ui.max_closures",
                        self.keep: "ui.must_keep", self.level_tp: "ui.min_level_touchpoint", self.level: "ui.min_level",
                        self.opt_btn: "ui.optimise", self.apply_btn: "ui.apply_optimum",
                        self.level_btn: "ui.set_min_level", self.levels_clear: "ui.clear_min_levels"})
        with muted(self):
            self.mode.options = [(t("ui.mode_budget", lang=lang), "budget"), (t("ui.mode_target", lang=lang), "target")]
            limit = self.max_closures.value if self.max_closures.value is not None else -1
            self.max_closures.options = [(t("ui.no_limit", lang=lang) if n < 0 else str(n), n)
                                         for n in self.CLOSURE_LIMITS]
            self.max_closures.value = limit

    def show(self, project: Project, *, lang: Lang) -> None:
        if self.optimum_of is not project:
            self.optimum = None
            self.levels = {k: v for k, v in self.levels.items() if k in set(project.touchpoints["touchpoint_id"])}
        with muted(self):
            touchpoints = [(n, i) for i, n in names(project, "touchpoints", lang=lang).items()]
            chosen = self.keep.value
            self.keep.options = touchpoints
            self.keep.value = tuple(v for v in chosen if v in dict(touchpoints).values())
            relabel_dropdown(self.level_tp, touchpoints, t("ui.min_level_touchpoint", lang=lang))
        scale = project.rating_scale
        self.levels_html.value = bullets([t("ui.min_level_line", lang=lang, touchpoint=dict((i, n) for n, i in touchpoints)
                                            .get(k, k), level=format_number(v, lang=lang, decimals=1))
                                          for k, v in self.levels.items()], testid="min-levels") if self.levels else ""
        self.level.description = t("ui.min_level", lang=lang) + f" ({scale.low}–{scale.high})"
        self.result.value = "" if self.optimum is None else optimum_html(self.optimum, project, lang=lang)

    def _show_mode(self) -> None:
        budget = self.mode.value == "budget"
        self.budget.layout.display = "" if budget else "none"
        self.target.layout.display = "none" if budget else ""

    def _set_level(self) -> None:
        if self.level_tp.value is not None:
            self.levels[self.level_tp.value] = float(self.level.value)
            self.redraw()

    def _clear_levels(self) -> None:
        self.levels = {}
        self.redraw()

    def _optimise(self) -> None:
        project, lang = self._last["project"], self._last["lang"]
        limits = dict(must_keep=list(self.keep.value),
                      max_closures=None if self.max_closures.value < 0 else self.max_closures.value,
                      min_levels=dict(self.levels) or None)
        try:
            if self.mode.value == "budget":
                self.optimum = optimize_budget(project, budget=float(self.budget.value), **limits)
            else:
                self.optimum = optimize_target(project, target=float(self.target.value), **limits)
            self.optimum_of = project
        except ValueError as err:
            self.optimum = None
            self.result.value = error_box(err, lang=lang, testid="optimum-error")
            return
        self.redraw()


class ParametersPanel(Panel):
    """Every model parameter with its value and source, editable: a value set here is the user's (source
    ``user``) and part of the scenario; and how well the fitted model describes the survey.
    ``on_set(name, value)`` sets one (None: back to the default)."""

    title_key = "ui.tab_parameters"

    def __init__(self, *, on_set: Callable[[str, float | None], None]) -> None:
        self.on_set = on_set
        self.name = styled(w.Dropdown(layout=w.Layout(width="100%", max_width="760px")), "tp-param-name")
        self.value = styled(w.FloatText(layout=w.Layout(width="200px")), "tp-param-value")
        self.set_btn, self.default_btn = styled(w.Button(button_style="primary"), "tp-param-set"), w.Button()
        self.table = w.HTML()
        self.widget = w.VBox([self.name, w.HBox([self.value, self.set_btn, self.default_btn]), self.table])
        self.set_btn.on_click(lambda _: self.on_set(self.name.value, float(self.value.value)))
        self.default_btn.on_click(lambda _: self.on_set(self.name.value, None))
        self.name.observe(lambda _: self._show_value(), "value")
        self.values: dict[str, float] = {}

    def relabel(self, lang: Lang) -> None:
        describe(lang, {self.value: "ui.param_value", self.set_btn: "ui.param_set", self.default_btn: "ui.param_default"})

    def show(self, project: Project, *, lang: Lang, scenario: Scenario) -> None:
        table = report.parameter_table(project, scenario, lang=lang)
        raw = parameters(project, scenario=scenario)
        self.values = dict(zip(raw["parameter"], raw["value"]))
        with muted(self):
            relabel_dropdown(self.name, [(f"{label} · {segment}" if isinstance(segment, str) and segment else label, p)
                                         for label, segment, p in zip(table.frame["parameter"],
                                                                      table.frame["segment_id"], raw["parameter"])],
                             t("ui.param_name", lang=lang))
        self._show_value()
        self.table.value = (section_html(table, lang=lang, currency=project.currency)
                            + heading(t("report.model_fit", lang=lang))
                            + section_html(report.model_fit_table(project, lang=lang), lang=lang,
                                           currency=project.currency))

    def _show_value(self) -> None:
        with muted(self):
            if self.name.value in self.values:
                self.value.value = self.values[self.name.value]


class TargetsPanel(Panel):
    """The target service levels not reached yet, editable: a target set here for a segment and a touchpoint
    is the user's (source ``user``) and goes into the strategy document. ``on_set(segment, touchpoint,
    value)`` sets one (None: all back to the defaults)."""

    title_key = "ui.tab_targets"

    def __init__(self, *, on_set: Callable[[str | None, str | None, float | None], None]) -> None:
        self.segment = styled(w.Dropdown(layout=w.Layout(width="300px")), "tp-target-segment")
        self.touchpoint = styled(w.Dropdown(layout=w.Layout(width="460px")), "tp-target-touchpoint")
        self.value = styled(w.FloatText(value=4.0, layout=w.Layout(width="200px")), "tp-target-value")
        self.set_btn = styled(w.Button(button_style="primary"), "tp-target-set")
        self.clear_btn = w.Button()
        self.table = w.HTML()
        self.widget = w.VBox([w.HBox([self.segment, self.touchpoint], layout=w.Layout(flex_flow="row wrap")),
                              w.HBox([self.value, self.set_btn, self.clear_btn]), self.table])
        self.set_btn.on_click(lambda _: on_set(self.segment.value, self.touchpoint.value, float(self.value.value)))
        self.clear_btn.on_click(lambda _: on_set(None, None, None))

    def relabel(self, lang: Lang) -> None:
        describe(lang, {self.value: "ui.target_value", self.set_btn: "ui.target_set", self.clear_btn: "ui.targets_clear"})

    def show(self, project: Project, *, lang: Lang, targets: tuple) -> None:
        with muted(self):
            relabel_dropdown(self.segment, [(n, i) for i, n in names(project, "segments", lang=lang).items()],
                             t("segment", lang=lang))
            relabel_dropdown(self.touchpoint, [(n, i) for i, n in names(project, "touchpoints", lang=lang).items()],
                             t("ui.touchpoint", lang=lang))
        self.table.value = section_html(report.target_table(project, lang=lang, overrides=target_frame(targets)),
                                        lang=lang, currency=project.currency)


def target_frame(targets: tuple) -> pd.DataFrame | None:
    """The user's targets ``((segment_id, touchpoint_id, target), …)`` as :func:`tpkit.strategy.target_levels`
    takes them (None when there are none).

    >>> target_frame((("business", "wifi", 4.0),)).to_dict("records")
    [{'segment_id': 'business', 'touchpoint_id': 'wifi', 'target': 4.0}]
    """
    if not targets:
        return None
    return pd.DataFrame(list(targets), columns=["segment_id", "touchpoint_id", "target"])


class MixPanel(Panel):
    """Question 5, the best online–offline mix (:func:`tpkit.mix.best_mix`): searched on request (it simulates
    some dozens of shifts), shown with its effect and cost, and taken over as the scenario with
    ``on_apply(scenario)``."""

    title_key = "ui.tab_mix"

    def __init__(self, *, on_apply: Callable[[Scenario], None],
                 busy: Callable[[], AbstractContextManager] = nullcontext) -> None:
        self.busy = busy
        self.find_btn = styled(w.Button(button_style="primary"), "tp-mix-find")
        self.apply_btn = styled(w.Button(disabled=True), "tp-mix-apply")
        self.html = w.HTML()
        self.widget = w.VBox([w.HBox([self.find_btn, self.apply_btn]), self.html])
        self.plan: MixPlan | None = None
        self.find_btn.on_click(lambda _: self._run(self._find))
        self.apply_btn.on_click(lambda _: on_apply(replace(self.plan.scenario, name=t("ui.tab_mix", lang=self.lang)))
                                if self.plan is not None else None)

    def relabel(self, lang: Lang) -> None:
        describe(lang, {self.find_btn: "ui.mix_find", self.apply_btn: "ui.mix_apply"})

    def show(self, project: Project, *, lang: Lang) -> None:
        self.project, self.lang, self.plan = project, lang, None
        self.apply_btn.disabled = True
        self.html.value = note(t("mix_how", lang=lang))

    def _find(self) -> None:
        try:
            self.plan = best_mix(self.project)
        except ModelError as error:
            self.html.value = error_box(error, lang=self.lang)
            return
        self.html.value = mix_html(self.plan, self.project, lang=self.lang)
        self.apply_btn.disabled = self.plan.chosen.empty


class JourneyPanel(SegmentChartPanel):
    """The journey as a curve, as it is, as the target levels want it and as the scenario would make it
    (:mod:`tpkit.journey`), for all customers or one segment."""

    title_key = "ui.tab_journey"

    def show(self, project: Project, *, lang: Lang, scenario: Scenario, targets: tuple) -> None:
        segment = self.chosen(project, lang)
        self.chart.chart = charts.journey_chart(
            journey_curve(project, segment=segment), project.touchpoints, lang=lang, outcome=project.outcome,
            scale=project.rating_scale, title_text=self.segment.label,
            targets=journey_targets(project, segment=segment, overrides=target_frame(targets)),
            after=journey_after(project, scenario, segment=segment))


class LeversPanel(Panel):
    """Questions 6 to 9 — where to win more desired customers, lose fewer, develop fans, generate referrals —
    each from its own evidence, with the measures that act there (:func:`tpkit.report.lever_section`), for
    the desired segments together or one segment."""

    title_key = "ui.tab_levers"

    def __init__(self) -> None:
        self.lever = styled(w.Dropdown(layout=w.Layout(width="460px")), "tp-lever")
        self.segment = styled(w.Dropdown(layout=w.Layout(width="300px")), "tp-lever-segment")
        self.html = w.HTML()
        self.widget = w.VBox([w.HBox([self.lever, self.segment]), self.html])
        self.listen(self.lever, self.redraw)
        self.listen(self.segment, self.redraw)

    def show(self, project: Project, *, lang: Lang) -> None:
        with muted(self):
            relabel_dropdown(self.lever, [(t(f"lever.{k}", lang=lang), k) for k in LEVERS], t("lever", lang=lang))
            relabel_dropdown(self.segment, [(t("ui.desired_segments", lang=lang), "")]
                             + [(n, i) for i, n in names(project, "segments", lang=lang).items()],
                             t("segment", lang=lang))
        lever = self.lever.value or LEVERS[0]
        table = report.lever_section(project, lever, segment=self.segment.value or None, lang=lang)
        self.html.value = note(t(f"lever_how.{lever}", lang=lang)) + section_html(table, lang=lang,
                                                                                 currency=project.currency)


def sections_html(project: Project, lang: Lang, *sections: str) -> str:
    """Sections of the strategy document (:data:`tpkit.report.SECTION_TABLES`) as the document shows them: the
    first without, the others with their heading."""
    return "".join((heading(t(f"report.{key}", lang=lang)) if i else "")
                   + section_html(report.SECTION_TABLES[key](project, lang=lang), lang=lang, currency=project.currency)
                   for i, key in enumerate(sections))


class StrategyPanel(Panel):
    """The desired segments and the graceful exit plans (the strategy document's sections); an exit plan can be
    simulated as a scenario (:func:`tpkit.strategy.exit_scenario`) with ``on_apply(scenario)``."""

    title_key = "ui.tab_strategy"

    def __init__(self, *, on_apply: Callable[[Scenario], None]) -> None:
        self.segment = styled(w.Dropdown(layout=w.Layout(width="300px")), "tp-exit-segment")
        self.apply_btn = styled(w.Button(), "tp-exit-apply")
        self.html = w.HTML()
        self.controls = w.HBox([self.segment, self.apply_btn])
        self.widget = w.VBox([self.html, self.controls])
        self.apply_btn.on_click(lambda _: on_apply(replace(exit_scenario(self.project, self.segment.value),
                                                           name=t("ui.exit_scenario", lang=self.lang,
                                                                  segment=self.segment.label)))
                                if self.segment.value else None)

    def relabel(self, lang: Lang) -> None:
        describe(lang, {self.apply_btn: "ui.exit_apply"})

    def show(self, project: Project, *, lang: Lang) -> None:
        self.project, self.lang = project, lang
        status = desired_segments(project)
        leaving = status.loc[status["status"] == "exit", "segment_id"].tolist()
        segment_names = names(project, "segments", lang=lang)
        with muted(self):
            relabel_dropdown(self.segment, [(segment_names.get(s, s), s) for s in leaving], t("ui.exit_of", lang=lang))
        self.controls.layout.display = "" if leaving else "none"
        self.html.value = sections_html(project, lang, "segments", "exit_plans")


class VoicesPanel(Panel):
    """The customers' voice beside the employees': their votes side by side (:func:`tpkit.report.voices_table`),
    who carries each measure, and what they wrote about a chosen measure or touchpoint."""

    title_key = "ui.tab_votes"

    def __init__(self) -> None:
        self.about = styled(w.Dropdown(layout=w.Layout(width="100%", max_width="760px")), "tp-comments-on")
        self.tables, self.said = w.HTML(), w.HTML()
        self.widget = w.VBox([self.tables, self.about, self.said])
        self.listen(self.about, self.redraw)
        self._drawn: tuple | None = None

    def show(self, project: Project, *, lang: Lang) -> None:
        with muted(self):
            relabel_dropdown(self.about, [(n, f"measure:{i}") for i, n in names(project, "measures", lang=lang).items()]
                             + [(n, f"touchpoint:{i}") for i, n in names(project, "touchpoints", lang=lang).items()],
                             t("ui.comments_on", lang=lang))
        if self._drawn != (project, lang):    # the tables once per project and language, not per choice
            self.tables.value = sections_html(project, lang, "voices", "votes", "ownership")
            self._drawn = (project, lang)
        kind, _, chosen = (self.about.value or "").partition(":")
        said = report.comments_table(project, lang=lang, **({kind: chosen} if chosen else {}))
        self.said.value = heading(t("report.comments", lang=lang)) + (
            section_html(said, lang=lang, currency=project.currency) if len(said.frame)
            else note(t("ui.comments_none", lang=lang)))


class WhatIfApp(Dashboard):
    """The what-if planner; ``widget`` is what the notebook displays."""

    title_key = "ui.whatif_title"

    def __init__(self, lang: Lang = "de") -> None:
        super().__init__(lang)
        self.simulate_once = Memo(simulate)  # once per project, changes and parameters (the name does not count)
        self.targets: dict[tuple[str, str], float] = {}   # the user's target levels (segment, touchpoint) → level
        self.state["targets"] = ()
        self.compare_once = Memo(lambda project, others: compare(project, list(others)) if others else None)
        self.message = w.HTML()
        self.outcome_note = w.HTML()
        self.edit = EditPanel(on_change=self.refresh)
        self.save = SavePanel(on_save=self.save_scenario, on_document=self.document)
        self.saved = SavedPanel(on_select=self.refresh, on_load=self.load)
        self.cards = CardsPanel()
        self.panels([self.cards])
        left = self.panels([
            self.edit,
            AddPanel(on_add=lambda **fields: self.edit.add_touchpoint(self.state["project"], **fields), say=self.say),
            ChangeListPanel(on_undo=self.edit.undo, on_reset=self.reset),
            self.save])
        self.tabs = self.panels([
            EffectPanel(),
            self.saved,
            BudgetPanel(on_apply=self.load, busy=self.working),
            StrategyPanel(on_apply=self.load),
            TargetsPanel(on_set=self.set_target),
            JourneyPanel(),
            MixPanel(on_apply=self.load, busy=self.working),
            LeversPanel(),
            VoicesPanel(),
            ParametersPanel(on_set=self.set_parameter),
        ], tabs=True, on_open=self.refresh_saved)
        # the controls beside the tabs from about 1100 px, above them on narrower screens; neither shrinks
        left.widget.layout = w.Layout(flex="0 0 470px", width="470px", margin="0 16px 12px 0")
        self.tabs.widget.layout = w.Layout(flex="1 1 560px", min_width="0")
        self.work = w.HBox([left.widget, self.tabs.widget],
                           layout=w.Layout(flex_flow="row wrap", align_items="flex-start", width="100%"))
        self.body = w.VBox([self.outcome_note, self.cards.widget, self.message, self.work])
        self.widget = w.VBox([self.picker.widget, self.body])
        # what notebooks and tests reach for
        self.kpis, self.tp_dd, self.remove_btn = self.cards.html, self.edit.tp_dd, self.edit.remove_btn
        self.refresh()

    # --- the scenario and its simulation -----------------------------------------------------
    def scenario(self) -> Scenario:
        """The scenario the widgets describe."""
        return self.edit.scenario(self.save.scenario_name(self.lang))

    def refresh(self, *, keep_message: bool = False) -> None:
        """Simulate the scenario the widgets describe (once) and draw what changed."""
        project, lang = self.sync(), self.lang
        if not keep_message:
            self.message.value = ""
        if project.respondents.empty or project.ratings.empty or project.segments.empty:
            self.cards.html.value = note(t("ui.no_survey", lang=lang), testid="no-survey")
            self.cards.forget()
            self.work.layout.display = self.tabs.widget.layout.display = "none"   # no tab draws while hidden
            self.outcome_note.value = ""
            return
        self.work.layout.display = self.tabs.widget.layout.display = ""
        shape = outcome_shape(project.respondents)   # a spread the model's score shift can act on?
        if project.outcome.kind != "nps":               # (a yes/no moves as a probability; a scale has its boxes)
            shape = {"status": "ok"} if shape["status"] not in ("empty", "constant") else shape
        self.outcome_note.value = "" if shape["status"] == "ok" else note(
            t(f"ui.outcome_{shape['status']}", lang=lang, values=", ".join(map(str, shape["values"]))),
            testid="outcome-shape")
        scenario = self.scenario()
        try:
            result = self.simulate_once(project, replace(scenario, name=""))
        except ValueError as err:
            self.message.value = error_box(err, lang=lang, testid="message")
            if self.edit.drop_last():
                self.refresh(keep_message=True)
            return
        others = tuple(s for s in self.saved.chosen(self.state["saved"])     # (the one loaded and unchanged is this one)
                       if (s.changes, s.parameters) != (scenario.changes, scenario.parameters))
        self.state.update(scenario=scenario, result=result, compared=self.compare_once(project, others),
                          targets=tuple((s, tp, v) for (s, tp), v in sorted(self.targets.items())))
        self.draw()

    def project_changed(self, project: Project) -> None:
        self.edit.load(Scenario(""))
        self.save.name.value = ""
        self.refresh_saved(project)

    def refresh_saved(self, project: Project | None = None) -> None:
        """Read the saved scenarios from the project folder (another session may have saved some)."""
        saved, errors = load_scenarios(scenario_folder(project or self.state["project"]))
        self.state.update(saved=tuple(saved), saved_errors=tuple(errors))

    # --- what the buttons do ---------------------------------------------------------------------
    def say(self, message: str) -> None:
        self.message.value = message

    def load(self, scenario: Scenario) -> None:
        """Take ``scenario`` over into the widgets."""
        self.edit.load(scenario)
        self.save.name.value = scenario.name
        self.refresh()

    def reset(self) -> None:
        self.load(Scenario(self.save.name.value))

    def set_target(self, segment: str | None, touchpoint: str | None, value: float | None) -> None:
        """Set the target level of ``touchpoint`` for ``segment`` (checked against the rating scale); None for
        all: every target back to its default."""
        if segment is None:
            self.targets = {}
        else:
            scale = self.state["project"].rating_scale
            try:
                check_range(t("ui.target_value", lang=self.lang), value, low=scale.low, high=scale.high)
            except ModelError as err:
                self.message.value = error_box(err, lang=self.lang, testid="message")
                return
            self.targets[(segment, touchpoint)] = float(value)
        self.refresh()

    def set_parameter(self, name: str, value: float | None) -> None:
        """Set model parameter ``name`` for the scenario (None: back to its default), checked first."""
        if value is None:
            self.edit.params.pop(name, None)
        else:
            try:
                self.edit.params[name] = Scenario("").with_parameter(name, value).parameters[0][1]
            except ValueError as err:
                self.message.value = error_box(err, lang=self.lang, testid="message")
                return
        self.refresh()

    def save_scenario(self) -> None:
        lang, scenario = self.lang, self.scenario()
        try:
            save_scenario(scenario_folder(self.state["project"]), scenario, overwrite=self.save.overwrite.value)
        except ScenarioExists as err:
            self.say(message_box(error_text(err, lang=lang), testid="message"))
        except (ValueError, OSError) as err:
            self.say(error_box(err, lang=lang, testid="message"))
        else:
            self.say(note(t("ui.saved", lang=lang, name=scenario.name), testid="message"))
        self.refresh_saved()
        self.refresh(keep_message=True)

    def document(self) -> None:
        with self.working():     # the workbook, the page and the deck take a few seconds
            self._document()

    def _document(self) -> None:
        lang, project, scenario = self.lang, self.state["project"], self.scenario()
        others = list(self.saved.chosen(self.state["saved"]))
        try:
            stem = f"{slugify(project.name)}-{slugify(scenario.name)}"
            targets = target_frame(self.state.get("targets", ()))
            sections = report.strategy_sections(project, scenario, lang=lang, targets=targets)   # (once for all three)
            xlsx = report.strategy_workbook(project, scenario, lang=lang, targets=targets, sections=sections)
            page = report.strategy_html(project, scenario, lang=lang, compare_with=others, targets=targets,
                                        sections=sections)
            slides = strategy_pptx(project, scenario, lang=lang, compare_with=others, targets=targets,
                                   sections=sections)     # (the deck's journey chart uses the targets too)
        except ValueError as err:
            self.save.links.value = error_box(err, lang=lang)
            return
        self.save.links.value = (
            download_link(xlsx, f"{stem}.xlsx", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          text=t("ui.download_xlsx", lang=lang), css_class="tp-download-xlsx")
            + download_link(page.encode("utf-8"), f"{stem}.html", mime="text/html",
                            text=t("ui.download_html", lang=lang), css_class="tp-download-html")
            + download_link(slides, f"{stem}.pptx",
                            mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                            text=t("ui.download_pptx", lang=lang), css_class="tp-download-pptx"))


def whatif_app(lang: Lang = "de") -> WhatIfApp:
    """Build the what-if planner; display ``whatif_app().widget``.

    >>> app = whatif_app("en")
    >>> app.remove_btn.click()   # removes the first touchpoint in the list
    >>> app.scenario().changes[0].touchpoint_id == app.tp_dd.value
    True
    """
    return WhatIfApp(lang)

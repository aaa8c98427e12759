"""The what-if planner's left column: the panels that edit the scenario, list its changes and save it.

:class:`EditPanel` keeps the scenario being edited (its committed changes and the performance and
budget set per touchpoint) and builds it with :meth:`EditPanel.scenario`; the other panels only
show it or call back into the planner.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ..display import bullets, heading, message_box, names, note
from ..i18n import Lang, format_money, label, t
from ..io import Project
from ..report import describe_change
from ..scenario import (AddTouchpoint, ApplyMeasure, Change, ChangeBudget, ChangePerformance, RemoveTouchpoint,
                        Scenario, ShiftMix)
from ..schema import CHANNELS, PHASES
from ..mapping import unique_id
from ..store import slugify
from .common import CheckList, Panel, Readout, describe, muted, relabel_dropdown, styled

WIDE = {"description_width": "150px"}


def _layout(width: str) -> w.Layout:
    return w.Layout(width=width)


class EditPanel(Panel):
    """Close a touchpoint, move its performance and budget, shift contacts online, apply measures.

    ``on_change()`` is called after every change the user makes.
    """

    def __init__(self, *, on_change: Callable[[], None]) -> None:
        self.on_change = on_change
        self.changes: list[Change] = []
        self.adjust: dict[str, dict[str, float]] = {}
        self.params: dict[str, float] = {}     # model parameters the user set (tpkit.scenario.parameters)
        self.tp_dd = styled(w.Dropdown(layout=_layout("460px")), "tp-touchpoint")   # (long names: a row of its own)
        self.remove_btn = styled(w.Button(button_style="danger", layout=w.Layout(width="auto", min_width="110px")),
                                 "tp-remove-btn")
        self.perf_slider = styled(w.FloatSlider(value=0, min=-2, max=2, step=0.1, continuous_update=False, style=WIDE),
                                  "tp-perf-slider")
        self.budget_slider = styled(w.FloatSlider(value=1, min=0, max=3, step=0.05, continuous_update=False,
                                                  style=WIDE), "tp-budget-slider")
        self.mix_slider = w.FloatSlider(value=0, min=0, max=1, step=0.05, continuous_update=False, style=WIDE)
        self.measures_sel = styled(CheckList(layout=_layout("460px")), "tp-measures")
        self.readouts = [Readout(self.perf_slider, decimals=1), Readout(self.budget_slider, decimals=2),
                         Readout(self.mix_slider, share=True)]
        self.widget = w.VBox([self.tp_dd, self.remove_btn, *(r.widget for r in self.readouts),
                              self.measures_sel])
        self.listen(self.tp_dd, self._touchpoint_chosen)
        self.listen(self.perf_slider, self._adjusted)
        self.listen(self.budget_slider, self._adjusted)
        self.listen(self.mix_slider, on_change)
        self.listen(self.measures_sel, on_change)
        self.remove_btn.on_click(lambda _: self.commit(RemoveTouchpoint(self.tp_dd.value)))

    def relabel(self, lang: Lang) -> None:
        for readout in self.readouts:
            readout.relabel(lang)
        describe(lang, {self.remove_btn: "ui.remove", self.perf_slider: "ui.performance_delta",
                        self.budget_slider: "ui.budget_factor", self.mix_slider: "ui.mix_online",
                        self.measures_sel: "ui.measures"})

    def show(self, project: Project, *, lang: Lang) -> None:
        """The project's touchpoints and measures to choose from, named in ``lang``; a performance change
        reaches half the rating scale either way (±2 on 1–5)."""
        with muted(self):
            reach = project.rating_scale.span / 2
            if self.perf_slider.max != reach:
                self.perf_slider.max = max(self.perf_slider.max, reach)
                self.perf_slider.min, self.perf_slider.max = -reach, reach
            tps = names(project, "touchpoints", lang=lang)
            relabel_dropdown(self.tp_dd, [(n, i) for i, n in tps.items()], t("ui.touchpoint", lang=lang))
            measures = names(project, "measures", lang=lang)
            chosen = self.measures_sel.value
            self.measures_sel.options = [     # the price first, then the whole name
                (f"{format_money(c, currency=project.currency, lang=lang)} · {n}", i)
                for (i, n), c in zip(measures.items(), project.measures["cost"])]
            self.measures_sel.value = tuple(v for v in chosen if v in measures)
            self._show_adjustment()

    # --- the scenario -----------------------------------------------------------------------
    def scenario(self, name: str) -> Scenario:
        """The scenario the widgets describe, named ``name``."""
        changes = list(self.changes)
        for tp, values in self.adjust.items():
            if values.get("delta"):
                changes.append(ChangePerformance(tp, values["delta"]))
            if values.get("factor", 1.0) != 1.0:
                changes.append(ChangeBudget(tp, values["factor"]))
        if self.mix_slider.value:
            changes.append(ShiftMix(self.mix_slider.value))
        changes += [ApplyMeasure(m) for m in self.measures_sel.value]
        return Scenario(name, tuple(changes), tuple(self.params.items()))

    def load(self, scenario: Scenario) -> None:
        """Show ``scenario`` in the widgets (without calling ``on_change``)."""
        with muted(self):
            self.changes = [c for c in scenario.changes if isinstance(c, (AddTouchpoint, RemoveTouchpoint))]
            self.adjust = {}
            self.params = dict(scenario.parameters)
            for c in scenario.changes:
                if isinstance(c, ChangePerformance) and c.segment_id is None:
                    self.adjust.setdefault(c.touchpoint_id, {})["delta"] = c.delta
                elif isinstance(c, ChangeBudget):
                    self.adjust.setdefault(c.touchpoint_id, {})["factor"] = c.factor
                elif isinstance(c, ChangePerformance):
                    self.changes.append(c)
            # the slider shows one shift of every phase and segment online; any other shift stays as it is
            mix = [c for c in scenario.changes if isinstance(c, ShiftMix)]
            slider = next((c for c in mix if c == ShiftMix(c.share)), None)
            self.changes += [c for c in mix if c is not slider]
            self.mix_slider.value = slider.share if slider else 0.0
            known = {v for _, v in self.measures_sel.options}
            self.measures_sel.value = tuple(c.measure_id for c in scenario.changes
                                            if isinstance(c, ApplyMeasure) and c.measure_id in known)
            self._show_adjustment()

    def commit(self, change: Change) -> None:
        self.changes.append(change)
        self.on_change()

    def add_touchpoint(self, project: Project, *, name: str, **fields: object) -> None:
        """Add a new touchpoint called ``name`` (its id made from the name, unique in the scenario)."""
        existing = {getattr(c, "touchpoint_id", None) for c in self.changes} | set(project.touchpoints["touchpoint_id"])
        self.commit(AddTouchpoint(unique_id("new_" + slugify(name).replace("-", "_"), existing), name, **fields))

    def undo(self) -> None:
        self.drop_last()
        self.on_change()

    def drop_last(self) -> bool:
        """Take back the last committed change; False when there is none."""
        if not self.changes:
            return False
        self.changes.pop()
        return True

    def _show_adjustment(self) -> None:
        values = self.adjust.get(self.tp_dd.value, {})
        self.perf_slider.value = values.get("delta", 0.0)
        self.budget_slider.value = values.get("factor", 1.0)

    def _touchpoint_chosen(self) -> None:
        with muted(self):
            self._show_adjustment()

    def _adjusted(self) -> None:
        if self.tp_dd.value is None:
            return
        self.adjust[self.tp_dd.value] = {"delta": self.perf_slider.value, "factor": self.budget_slider.value}
        self.on_change()


class AddPanel(Panel):
    """A form for a new touchpoint; ``on_add(name=…, phase=…, …)`` receives it, ``say(html)`` a missing name."""

    def __init__(self, *, on_add: Callable[..., None], say: Callable[[str], None]) -> None:
        self.on_add, self.say = on_add, say
        self.title = w.HTML()
        self.name = styled(w.Text(layout=_layout("200px")), "tp-add-name")
        self.phase = styled(w.Dropdown(layout=_layout("260px")), "tp-add-phase")
        self.channel = styled(w.Dropdown(layout=_layout("220px")), "tp-add-channel")
        # a touchpoint's name is long ("Check-in an der Rezeption"): the choice has a line of its own
        self.similar = styled(w.Dropdown(layout=_layout("440px")), "tp-add-similar")
        self.cost = w.FloatText(value=50000, layout=_layout("220px"))
        self.perf = w.FloatSlider(value=4.0, min=1, max=5, step=0.1, layout=_layout("200px"))
        self.reach = w.FloatSlider(value=0.5, min=0, max=1, step=0.05, layout=_layout("200px"))
        self.readouts = [Readout(self.perf, decimals=1), Readout(self.reach, share=True)]
        self.add_btn = styled(w.Button(button_style="success", layout=w.Layout(width="auto")), "tp-add-btn")
        self.widget = w.VBox([self.title, w.HBox([self.name, self.phase]), w.HBox([self.channel, self.cost]),
                              self.similar, self.readouts[0].widget,
                              w.HBox([self.readouts[1].widget, self.add_btn])])
        self.add_btn.on_click(lambda _: self._add())

    def relabel(self, lang: Lang) -> None:
        for readout in self.readouts:
            readout.relabel(lang)
        self.title.value = heading(t("ui.add_title", lang=lang))
        describe(lang, {self.name: "ui.new_name", self.cost: "ui.annual_cost", self.perf: "ui.performance",
                        self.reach: "ui.reach", self.add_btn: "ui.add"})

    def show(self, project: Project, *, lang: Lang) -> None:
        """Phases, channels and the touchpoints a new one may work like, in ``lang``; the performance runs
        over the project's rating scale."""
        with muted(self):
            scale = project.rating_scale
            if (self.perf.min, self.perf.max) != (scale.low, scale.high):
                self.perf.min, self.perf.max = min(self.perf.min, scale.low), max(self.perf.max, scale.high)
                self.perf.value = scale.low + 0.75 * scale.span          # a good touchpoint, as 4 is on 1–5
                self.perf.min, self.perf.max = scale.low, scale.high
            relabel_dropdown(self.similar, [(n, i) for i, n in names(project, "touchpoints", lang=lang).items()],
                             t("ui.similar_to", lang=lang))
            relabel_dropdown(self.phase, [(label("phase", p, lang=lang), p) for p in PHASES], t("phase", lang=lang))
            relabel_dropdown(self.channel, [(label("channel", c, lang=lang), c) for c in CHANNELS],
                             t("channel", lang=lang))

    def _add(self) -> None:
        name = self.name.value.strip()
        if not name:
            lang = self._last["lang"]
            self.say(message_box(t("ui.error", lang=lang, detail=t("ui.new_name", lang=lang)), testid="message"))
            return
        self.on_add(name=name, phase=self.phase.value, channel=self.channel.value, annual_cost=float(self.cost.value),
                    performance=self.perf.value, reach=self.reach.value, similar_to=self.similar.value)


class ChangeListPanel(Panel):
    """The scenario's changes, one line each, with undo and reset."""

    def __init__(self, *, on_undo: Callable[[], None], on_reset: Callable[[], None]) -> None:
        self.undo_btn, self.reset_btn = w.Button(), w.Button()
        self.listing = styled(w.HTML(), "tp-changes")
        self.widget = w.VBox([w.HBox([self.undo_btn, self.reset_btn]), self.listing])
        self.undo_btn.on_click(lambda _: on_undo())
        self.reset_btn.on_click(lambda _: on_reset())

    def relabel(self, lang: Lang) -> None:
        describe(lang, {self.undo_btn: "ui.undo", self.reset_btn: "ui.reset"})

    def show(self, project: Project, *, lang: Lang, scenario: Scenario) -> None:
        lines = [describe_change(c, project, lang=lang) for c in scenario.changes]
        self.listing.value = heading(t("ui.changes", lang=lang)) + (
            bullets(lines, ordered=True) if lines else note(t("ui.no_changes", lang=lang)))


class SavePanel(Panel):
    """The scenario's name, saving it, and the strategy document to download."""

    def __init__(self, *, on_save: Callable[[], None], on_document: Callable[[], None]) -> None:
        self.name = styled(w.Text(layout=_layout("260px")), "tp-save-name")
        self.overwrite = w.Checkbox(value=False)
        self.save_btn = styled(w.Button(button_style="primary", layout=w.Layout(width="auto")), "tp-save-btn")
        self.doc_btn = styled(w.Button(button_style="info", layout=w.Layout(width="auto")), "tp-doc-btn")
        self.links = styled(w.HTML(), "tp-doc-links")
        self.widget = w.VBox([w.HBox([self.name, self.save_btn]), self.overwrite, w.HBox([self.doc_btn]), self.links])
        self.save_btn.on_click(lambda _: on_save())
        self.doc_btn.on_click(lambda _: on_document())

    def relabel(self, lang: Lang) -> None:
        describe(lang, {self.name: "ui.save_name", self.overwrite: "ui.overwrite", self.save_btn: "ui.save",
                        self.doc_btn: "ui.document"})

    def show(self, project: Project) -> None:
        """A new project has no document yet."""
        self.links.value = ""

    def scenario_name(self, lang: Lang) -> str:
        """The name typed, or the word for "scenario"."""
        return self.name.value.strip() or t("scenario", lang=lang)

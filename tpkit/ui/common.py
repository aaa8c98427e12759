"""What the three dashboards share: the project picker with the language switch, muting, CSS, relabelling
of dropdowns, and the panel machinery.

A dashboard is a list of panels. A panel (:class:`Panel`) owns its widgets, knows the key of its
title, relabels its own controls and draws itself with ``show(...)`` from named inputs. The
dashboard keeps one ``state`` dict (project, language, segment, scenario, …) and groups its panels
(:class:`Panels`): side by side, or as tabs. A panel draws again only when one of the inputs its
``show`` names changed since it last drew, and a hidden tab draws only once it is opened.
"""

from __future__ import annotations

import html
import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import cache

import ipywidgets as w
import pandas as pd
import traitlets

from ..datasets import SAMPLES, WAVE_SAMPLES, load_sample
from ..display import message_box, names, problems_html
from ..i18n import Lang, format_number, format_share, t
from ..exports import read_export
from ..io import Project, load_upload
from ..groups import group_project
from ..schema import ALL_SEGMENTS
from ..tracking import WAVE, waves
from ..problems import ProjectError
from ..scenario import Scenario
from .survey import SurveyImport
from ..vega import alt, enable_offline  # Altair without a grammar it never uses (see tpkit.vega)

enable_offline()

STYLE = """
<style>
.tp-kpis {display:flex; flex-wrap:wrap; gap:10px; margin:6px 0 12px 0}
.tp-kpi {border:1px solid #d0d7de; border-radius:8px; padding:8px 14px; min-width:150px; background:#f6f8fa}
.tp-kpi-value {font-size:22px; font-weight:600}
.tp-kpi-label {font-size:12px; color:#57606a}
.tp-kpi-delta {font-size:13px; color:#0550ae}
.tp-kpi-delta[data-clear='no'] {color:#57606a}
.tp-kpi-band {font-size:11px; color:#57606a}
.tp-table {border-collapse:collapse; font-size:13px; line-height:1.4}
.tp-table th, .tp-table td {border-bottom:1px solid #d0d7de; padding:4px 6px; text-align:left}
.tp-table td.num {text-align:right; white-space:nowrap}
/* a wide table: headings and long texts wrap; the first column (what a row is) stays in sight when the tab
   scrolls sideways */
.tp-table th {max-width:8.5em; vertical-align:bottom; overflow-wrap:break-word}
.tp-table td:not(.num) {max-width:16em}
.tp-table th:first-child, .tp-table td:first-child {position:sticky; left:0; z-index:1; background:#fff;
  box-shadow:inset -1px 0 #d0d7de}
.tp-errors {border:2px solid #cf222e; border-radius:8px; padding:8px 12px; background:#fff5f5}
.tp-errors h4 {color:#cf222e; margin:0 0 6px 0}
.tp-errors p {margin:2px 0}
.widget-tab-contents, .jupyter-widget-tab-contents {overflow-x:auto}
/* buttons, labels and tab titles as wide as their words: never "Ziel s…" */
.jupyter-button.widget-button {width:auto; min-width:var(--jp-widgets-inline-width-short); flex-shrink:0}
.widget-inline-hbox > .widget-label {width:auto; min-width:var(--jp-widgets-inline-label-width); max-width:none;
  flex-shrink:0; white-space:nowrap}
.jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-content, .jupyter-widgets.widget-tab > .p-TabBar .p-TabBar-content
  {flex-wrap:wrap}
.jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tab, .jupyter-widgets.widget-tab > .p-TabBar .p-TabBar-tab
  {flex:0 0 auto !important; max-width:none !important; min-width:0}
/* "working …" while a change is computed: always in sight */
.tp-busy {position:fixed; top:10px; right:14px; z-index:1000; background:#fff8c5; border:1px solid #d4a72c;
  border-radius:6px; padding:5px 12px; font-size:13px; box-shadow:0 1px 4px rgba(0,0,0,.15)}
@media print {.tp-busy {display:none}}
/* a list of options to tick: every label whole, wrapped, the list scrolls */
.tp-checklist {max-height:200px; overflow-y:auto; border:1px solid #d0d7de; border-radius:4px; padding:2px 6px}
.tp-checklist .widget-checkbox {height:auto; min-height:var(--jp-widgets-inline-height)}
.tp-checklist .widget-checkbox .widget-label-basic, .tp-checklist .widget-checkbox .widget-label-basic span
  {white-space:normal !important; overflow:visible; text-overflow:clip; height:auto; line-height:1.35}
.tp-checklist .widget-checkbox .widget-label-basic {align-items:flex-start}
.tp-checklist .widget-checkbox input {margin-top:3px; flex-shrink:0}
/* printed or saved as PDF: the whole page, not the first screen of Voilà's scrolling container; on A4 across,
   a little smaller, so that a chart or a table as wide as the screen fits the paper */
@page {size:A4 landscape; margin:10mm}
@media print {
  body {zoom:0.72}
  html, body, #main, .jp-LabShell, #jp-main-content-panel, #rendered_cells, .voila-notebook, .jp-Notebook, .jp-Cell, .jp-OutputArea,
  .jp-OutputArea-child, .jp-OutputArea-output, .widget-tab-contents, .jupyter-widget-tab-contents
      {overflow:visible !important; height:auto !important; max-height:none !important; contain:none !important;
       position:static !important}
  #main, #jp-main-content-panel, #rendered_cells {width:auto !important}
  .tp-table {font-size:10px} .tp-table th, .tp-table td {padding:2px 5px}
  .tp-table th:first-child, .tp-table td:first-child {position:static}
}
</style>
"""
LANG_OPTIONS = [("Deutsch", "de"), ("English", "en")]


@contextmanager
def muted(owner: object) -> Iterator[None]:
    """Widget changes made inside do not reach ``owner``'s observers (they check ``owner._quiet``)."""
    before = owner._quiet
    owner._quiet = True
    try:
        yield
    finally:
        owner._quiet = before


def relabel_dropdown(dropdown: w.Dropdown, options: list[tuple[str, str]], description: str) -> None:
    """Give a dropdown new option labels (another language) and keep its value (none when there are no options)."""
    value = dropdown.value if dropdown.value in [v for _, v in options] else (options[0][1] if options else None)
    dropdown.options = options
    dropdown.value = value
    dropdown.description = description


class CheckList(w.VBox):
    """Options to tick, each on a line of its own with its whole label (a long one wraps; a select box cuts it),
    under its ``description``: ``options`` are (label, value) pairs, ``value`` the ticked values in the options'
    order, as with ``SelectMultiple``; new options keep the ticks of the values they still have.

    >>> box = CheckList(options=[("EUR 500 · A call-back service", "m1"), ("EUR 80 · New search", "m2")])
    >>> box.boxes[1].value = True
    >>> box.value
    ('m2',)
    >>> box.options = [("EUR 80 · Neue Suche", "m2")]
    >>> box.value, box.boxes[0].description
    (('m2',), 'EUR 80 · Neue Suche')
    """

    options = traitlets.List()
    value = traitlets.Tuple()
    description = traitlets.Unicode()

    def __init__(self, options: Sequence[tuple[str, str]] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self.title = w.HTML()
        self.items = styled(w.VBox(), "tp-checklist")
        self.children = [self.title, self.items]
        self.boxes: list[w.Checkbox] = []
        self._setting = False
        self.observe(self._rebuild, names="options")
        self.observe(self._tick, names="value")
        self.observe(lambda change: setattr(self.title, "value", f"<b>{html.escape(change.new)}</b>"),
                     names="description")
        self.options = list(options)

    def _rebuild(self, _=None) -> None:
        self.boxes = []
        for label, value in self.options:
            box = w.Checkbox(value=value in self.value, description=label, indent=False,
                             layout=w.Layout(width="100%", height="auto"))
            box.observe(self._ticked, names="value")
            self.boxes.append(box)
        self.items.children = self.boxes
        self.value = tuple(v for _, v in self.options if v in self.value)

    def _ticked(self, _) -> None:
        if not self._setting:
            self.value = tuple(v for (_, v), box in zip(self.options, self.boxes) if box.value)

    def _tick(self, _) -> None:
        self._setting = True
        try:
            for (_, v), box in zip(self.options, self.boxes):
                box.value = v in self.value
        finally:
            self._setting = False


class Readout:
    """A slider whose value is written as readers of the language write it (ipywidgets' own read-out always
    writes 0.50): the slider's read-out is off and a label beside it shows ``0,5`` or ``25 %``; ``widget``
    is the pair, ``relabel(lang)`` switches the language.

    >>> r = Readout(w.FloatSlider(value=0.25), share=True)
    >>> r.label.value, r.relabel("en"), r.label.value
    ('25 %', None, '25%')
    """

    def __init__(self, slider: w.FloatSlider, *, decimals: int = 1, share: bool = False, lang: Lang = "de") -> None:
        slider.readout = False
        self.slider, self.decimals, self.share, self.lang = slider, decimals, share, lang
        self.label = styled(w.HTML(layout=w.Layout(width="64px")), "tp-readout")
        self.widget = w.HBox([slider, self.label], layout=w.Layout(align_items="center"))
        slider.observe(lambda _: self.show(), names="value")
        self.show()

    def relabel(self, lang: Lang) -> None:
        self.lang = lang
        self.show()

    def show(self) -> None:
        value = self.slider.value
        self.label.value = format_share(value, self.lang) if self.share else format_number(value, self.lang,
                                                                                            self.decimals)


def styled(widget: w.Widget, css_class: str) -> w.Widget:
    """``widget`` with a CSS class (browser tests and styles find it by that)."""
    widget.add_class(css_class)
    return widget


def placeholder_chart() -> alt.Chart:
    """An empty chart for a chart widget that has not drawn yet."""
    return alt.Chart(pd.DataFrame({"x": []})).mark_point()


# --- panels -------------------------------------------------------------------------------------

_VALUES = (str, int, float, tuple, frozenset, Scenario)


def same(a: object, b: object) -> bool:
    """Whether a panel's input is unchanged: the same object, or an equal value (text, number, tuple,
    scenario). Projects, frames and simulation results count as changed when they are new objects.

    >>> same("de", "de"), same((1, "a"), (1, "a")), same(pd.DataFrame(), pd.DataFrame())
    (True, True, False)
    """
    return a is b or (type(a) is type(b) and isinstance(a, _VALUES) and a == b)


@cache
def _inputs(panel_type: type) -> tuple[str, ...]:
    return tuple(name for name in inspect.signature(panel_type.show).parameters if name != "self")


class Panel:
    """A tab or card group of a dashboard.

    A panel sets ``widget`` (what the dashboard shows) and ``title_key`` (its tab title in i18n),
    and defines ``show(...)``: it draws the panel from its arguments, which it names after entries of
    the dashboard's state (``project``, ``lang``, ``segment``, ``scenario``, ``result`` …).
    ``relabel(lang)`` sets the words of the panel's own controls.
    """

    title_key: str = ""
    widget: w.Widget
    busy: Callable[[], AbstractContextManager] = nullcontext    # the dashboard's "working …" sign, if given
    _quiet: bool = False
    _last: dict | None = None

    def relabel(self, lang: Lang) -> None:
        """Words of the panel's own controls (none unless a panel has some)."""

    def update(self, state: Mapping[str, object]) -> None:
        """Draw with the inputs ``show`` names, unless none of them changed since the last drawing."""
        inputs = {name: state[name] for name in _inputs(type(self))}
        if self._last is not None and all(same(v, self._last[k]) for k, v in inputs.items()):
            return
        self.show(**inputs)
        self._last = inputs

    def redraw(self) -> None:
        """Draw again with the last inputs (one of the panel's own controls changed)."""
        if self._last is not None:
            self.show(**self._last)

    def forget(self) -> None:
        """Draw at the next update, changed or not."""
        self._last = None

    def _run(self, task: Callable[[], None]) -> None:
        """``task()`` while the dashboard shows "working …" (the panel's ``busy``)."""
        with self.busy():
            task()

    def listen(self, widget: w.Widget, callback: Callable[[], None], names: str = "value") -> None:
        """Call ``callback()`` when the user changes ``widget``, not when the panel sets it while muted."""
        widget.observe(lambda _: None if self._quiet else callback(), names=names)


class SegmentChartPanel(Panel):
    """A chart for all customers or one segment, chosen in a dropdown above it (``chosen(project, lang)``
    names the segments in ``lang`` and gives the chosen id, None for all)."""

    def __init__(self) -> None:
        self.segment = styled(w.Dropdown(layout=w.Layout(width="300px")), "tp-chart-segment")
        self.chart = alt.JupyterChart(placeholder_chart())
        self.widget = w.VBox([self.segment, self.chart])
        self.listen(self.segment, self.redraw)

    def chosen(self, project: Project, lang: Lang) -> str | None:
        with muted(self):
            relabel_dropdown(self.segment, [(n, i) for i, n in names(project, "segments", lang=lang).items()],
                             t("segment", lang=lang))
        return None if self.segment.value == ALL_SEGMENTS else self.segment.value


class HtmlPanel(Panel):
    """A panel of one piece of HTML (``html``)."""

    def __init__(self) -> None:
        self.html = w.HTML()
        self.widget = self.html


def describe(lang: Lang, widgets: Mapping[w.Widget, str]) -> None:
    """Set each widget's ``description`` to the word of its key in ``lang``."""
    for widget, key in widgets.items():
        widget.description = t(key, lang=lang)


@dataclass
class Panels:
    """Panels shown together from one shared ``state``: one under the other, or as tabs (``tabs=True``),
    titled from their ``title_key``. :meth:`draw` draws the panels a person can see whose inputs
    changed; a tab draws when it is opened (after ``on_open``, if given); hidden panels draw nothing."""

    panels: Sequence[Panel]
    state: dict
    tabs: bool = False
    on_open: Callable[[], None] | None = None
    busy: Callable[[], AbstractContextManager] = nullcontext    # shows that an opened tab is being drawn
    widget: w.Widget = field(init=False)

    def __post_init__(self) -> None:
        children = [p.widget for p in self.panels]
        if self.tabs:
            self.widget = w.Tab(children=children)
            self.widget.observe(lambda _: self._opened(), names="selected_index")
        else:
            self.widget = w.VBox(children)

    def relabel(self, lang: Lang) -> None:
        for panel in self.panels:
            panel.relabel(lang)
        if self.tabs:
            self.widget.titles = tuple(t(p.title_key, lang=lang) for p in self.panels)

    def visible(self) -> list[Panel]:
        if not self.tabs:
            return list(self.panels)
        index = self.widget.selected_index
        return [] if index is None else [self.panels[index]]

    def draw(self) -> None:
        if self.widget.layout.display == "none":   # hidden (nothing to show for this project): drawn when shown
            return
        for panel in self.visible():
            panel.update(self.state)

    def _opened(self) -> None:
        with self.busy():
            if self.on_open is not None:
                self.on_open()
            self.draw()


class Memo:
    """``func`` remembering its last answer: called again only when an argument changed (see :func:`same`).

    >>> calls = []
    >>> double = Memo(lambda x: calls.append(x) or 2 * x)
    >>> double(2), double(2), double(3), calls
    (4, 4, 6, [2, 3])
    """

    def __init__(self, func: Callable[..., object]) -> None:
        self.func = func
        self.args: tuple | None = None
        self.value: object = None

    def __call__(self, *args: object) -> object:
        if self.args is None or len(args) != len(self.args) or not all(map(same, args, self.args)):
            self.value = self.func(*args)
            self.args = args
        return self.value


# --- the project picker ------------------------------------------------------------------------

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
        self.project_dd = w.Dropdown(layout=w.Layout(width="470px"))
        # a project surveyed in waves: all of them together, or one (every analysis then sees that wave alone)
        self.wave_dd = styled(w.Dropdown(layout=w.Layout(width="260px", display="none")), "tp-wave")
        self.waves: dict[tuple[str, str], Project] = {}
        self.lang_tb = w.ToggleButtons(options=LANG_OPTIONS, value=self.lang, style={"button_width": "90px"})
        self.lang_tb.layout.margin = "0 0 0 16px"
        self.upload = styled(w.FileUpload(accept=".zip,.xlsx,.csv,.sav", multiple=False), "tp-upload-btn")
        self.upload.layout.margin = "0 0 0 8px"
        self.upload_label = w.HTML()
        self.status = w.HTML()
        self.survey = SurveyImport(on_import=self._add)
        self._quiet = False
        self.relabel()  # before the observers: nothing to mute yet
        self.project_dd.observe(lambda _: self._project_chosen(), names="value")
        self.wave_dd.observe(lambda _: self._changed(), names="value")
        self.lang_tb.observe(self._switch_language, names="value")
        self.upload.observe(self._on_upload, names="value")
        controls = w.HBox([self.project_dd, self.wave_dd, self.lang_tb], layout=w.Layout(align_items="center"))
        upload_row = w.HBox([self.upload_label, self.upload], layout=w.Layout(align_items="center"))
        self.busy = styled(w.HTML(), "tp-busy-line")   # "working …" while a change is computed
        self.widget = w.VBox([w.HTML(STYLE), self.busy, self.title, controls, upload_row, self.status,
                              self.survey.widget])

    def full_project(self) -> Project:
        """The chosen project with all its waves."""
        key = self.project_dd.value
        if key not in self.projects:
            self.projects[key] = load_sample(key)
        return self.projects[key]

    def current_project(self) -> Project:
        """The chosen project, or its chosen wave (the same object each time: analyses keep what they derive)."""
        project, wave = self.full_project(), self.wave_dd.value
        if not wave:
            return project
        key = (self.project_dd.value, wave)
        if key not in self.waves:
            self.waves[key] = group_project(project, WAVE, wave)
        return self.waves[key]

    def _project_chosen(self) -> None:
        with muted(self):
            self._wave_options()
        self._changed(clear_error=True)

    def _wave_options(self) -> None:
        """The waves of the chosen project to choose from (hidden for a project of one wave)."""
        found = waves(self.full_project())
        options = [(t("ui.all_waves", lang=self.lang), "")] + [(t("ui.wave", lang=self.lang, wave=x), x) for x in found]
        relabel_dropdown(self.wave_dd, options, t("ui.wave_choice", lang=self.lang))
        self.wave_dd.layout.display = "" if len(found) > 1 else "none"

    def relabel(self) -> None:
        lang = self.lang
        options = [(t(f"sample.{k}", lang=lang), k) for k in SAMPLES + WAVE_SAMPLES]
        options += [(t("ui.uploaded", lang=lang, name=name), key) for key, name in self.upload_names.items()]
        relabel_dropdown(self.project_dd, options, t("ui.project", lang=lang))
        if self.project_dd.value is not None:
            self._wave_options()
        self.upload.description = t("ui.upload_button", lang=lang)
        # the upload button writes its description with a count of files, "(0)" once an upload is read: its own
        # text is hidden and the word shown in its place
        word = t("ui.upload_button", lang=lang).replace("\\", "").replace('"', "")
        self.upload_label.value = (
            "<style>.tp-upload-btn {font-size:0 !important} .tp-upload-btn i {font-size:var(--jp-widgets-font-size)}"
            f' .tp-upload-btn::after {{content:"{word}"; font-size:var(--jp-widgets-font-size); margin-left:4px}}</style>'
            f"<span>{html.escape(t('ui.upload', lang=lang))}</span>")

    def render(self) -> None:
        lang = self.lang
        project = self.current_project()
        name = t("ui.project_name", lang=lang, name=project.name)
        self.title.value = (f"<h2 style='margin:4px 0'>{html.escape(t(self.title_key, lang=lang))}</h2>"
                            f"<div data-testid='project-name'>{html.escape(name)}</div>")
        if self.error is not None:
            self.status.value = problems_html(self.error, lang=lang)
        elif self.error_text:
            self.status.value = message_box(self.error_text, testid="upload-errors")
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
            self.survey.relabel(self.lang)
        self._changed()

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        name = item["name"]
        data = bytes(item["content"])
        self.survey.widget.layout.display = "none"
        try:
            if name.lower().endswith((".csv", ".sav")):   # one file: a survey export, not a project
                self._open_survey(name, data)
            else:
                try:
                    self._add(load_upload(name, data), name)
                except ProjectError as err:   # a workbook without a sheet per table: a survey export
                    if not (name.lower().endswith(".xlsx") and all(p.code == "file_missing" for p in err.problems)):
                        raise
                    self._open_survey(name, data)
        except ProjectError as err:
            self.error, self.error_text = err, ""
        except Exception as err:  # a bug must show in the page, not break the dashboard
            self.error, self.error_text = None, t("ui.unexpected", lang=self.lang, name=name,
                                                  detail=f"{type(err).__name__}: {err}")
        with muted(self):
            self.upload.value = ()
        self._changed()

    def _open_survey(self, name: str, data: bytes) -> None:
        """Show the proposed mapping of an uploaded survey export (:class:`tpkit.ui.survey.SurveyImport`)."""
        self.survey.open(name, read_export(name, data=data), lang=self.lang)
        self.error, self.error_text = None, ""

    def _add(self, project: Project, name: str) -> None:
        """Offer an uploaded (or imported) project and choose it."""
        key = f"upload:{name}"
        self.projects[key] = project
        self.waves = {k: v for k, v in self.waves.items() if k[0] != key}   # an upload of the same name replaces one
        self.upload_names[key] = name
        self.error, self.error_text = None, ""
        with muted(self):
            self.relabel()
            self.project_dd.value = key
        if self.survey.export is not None and self.survey.name == name:   # imported: draw it now
            self._changed()


class Dashboard:
    """What every dashboard is: a :class:`ProjectPicker` over groups of panels that share one ``state``.

    A dashboard sets ``title_key``, builds its groups with :meth:`panels` and calls :meth:`refresh`,
    which it also overrides when it derives more state (a segment's analysis, a simulation) before
    drawing. ``project_changed(project)`` is called before a new project reaches the state.
    """

    title_key: str = ""

    def __init__(self, lang: Lang) -> None:
        self.picker = ProjectPicker(lang, self.title_key)
        self.picker.listeners.append(self.refresh)
        self.state: dict = {}
        self.groups: list[Panels] = []

    @property
    def lang(self) -> Lang:
        return self.picker.lang

    def current_project(self) -> Project:
        return self.picker.current_project()

    def project_changed(self, project: Project) -> None:
        """Forget what belonged to the project shown before (nothing, unless a dashboard keeps something)."""

    def sync(self) -> Project:
        """Bring project and language from the picker into the state (relabelling every panel when the
        language changed) and show the title; the project."""
        project, lang = self.current_project(), self.lang
        if self.state.get("project") is not project:
            self.project_changed(project)
        if self.state.get("lang") != lang:
            for group in self.groups:
                group.relabel(lang)
        self.state.update(project=project, lang=lang)
        self.picker.render()
        return project

    def draw(self) -> None:
        for group in self.groups:
            group.draw()

    @contextmanager
    def working(self) -> Iterator[None]:
        """A "working …" sign at the top of the page while the block computes (a change of segment or a tab
        opened for the first time can take seconds); gone when it ends, also after an error."""
        self.picker.busy.value = f"<div class='tp-busy' data-testid='busy'>{html.escape(t('ui.working', lang=self.lang))}</div>"
        try:
            yield
        finally:
            self.picker.busy.value = ""

    def panels(self, panels: Sequence[Panel], *, tabs: bool = False,
               on_open: Callable[[], None] | None = None) -> Panels:
        """A group of panels drawn from this dashboard's state (a tab opened draws while "working …" shows)."""
        group = Panels(panels, self.state, tabs=tabs, on_open=on_open, busy=self.working)
        self.groups.append(group)
        return group

    def refresh(self) -> None:
        """Show what changed after a new project or language."""
        with self.working():
            self.sync()
            self.draw()

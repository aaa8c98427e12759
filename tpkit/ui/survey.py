"""The upload of a survey export in every dashboard: the proposed mapping as widgets, then the project.

When an upload is a survey export rather than a project (a ``.csv`` or ``.sav`` file, or a workbook
without a sheet per table), :class:`SurveyImport` shows every column with the role
:func:`tpkit.guess_mapping` proposes (respondent id, outcome, touchpoint rating, segment, loyalty, weight,
comment, ignored), the touchpoint names, the outcome's kind, the rating scale and the answers that mean
"not applicable"; *Import* builds the mapping (:func:`tpkit.guess.mapping_from_roles`) and the project
(:func:`tpkit.read_survey`), or shows what stands in the way.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from ..display import error_box, problems_html
from ..errors import ModelError
from ..exports import Export
from ..guess import backwards, guess_mapping, mapping_from_roles, roles_of
from ..i18n import Lang, t
from ..io import Project
from ..mapping import ROLES, touchpoint_name
from ..problems import ProjectError
from ..survey import read_survey

#: The rating scales offered (low, high).
SCALES = ((1, 5), (1, 7), (1, 10), (0, 10))
OUTCOME_KINDS = ("nps", "scale", "binary")


class SurveyImport:
    """The proposed mapping of an uploaded survey export as widgets; ``on_import(project, name)`` receives
    the project once it is read. Hidden until :meth:`open`."""

    def __init__(self, *, on_import: Callable[[Project, str], None]) -> None:
        self.on_import = on_import
        self.export: Export | None = None
        self.name = ""
        self.lang: Lang = "de"
        self.rows: dict[str, tuple[w.Dropdown, w.Text, w.Checkbox]] = {}
        self.kind = w.Dropdown()
        self.kind.observe(lambda _: self._show_directions(), names="value")
        self.scale = w.Dropdown()
        self.scales: list[tuple[int, int]] = list(SCALES)     # the scales offered (and one the questions name)
        self.na = w.Text(layout=w.Layout(width="420px"))
        self.button = w.Button(button_style="primary")
        self.button.add_class("tp-survey-import")
        self.button.on_click(lambda _: self.read())
        self.status = w.HTML()
        self.heading = w.HTML()
        self.table = w.VBox()
        self.widget = w.VBox([])   # its controls join when an export opens: no hidden select in the page before
        self.widget.add_class("tp-survey")
        self.widget.layout.display = "none"

    def open(self, name: str, export: Export, *, lang: Lang) -> None:
        """Show ``export``'s proposed mapping."""
        self.export, self.name, self.lang = export, name, lang
        self.base = guess_mapping(export)
        roles = roles_of(self.base)
        names = {r.column: r.name for r in self.base.ratings}
        turned_round = {r.column: r.reversed for r in self.base.ratings}
        if self.base.outcome is not None:
            turned_round[self.base.outcome.column] = self.base.outcome.reversed
        self.rows = {}
        lines = []
        for column in export.columns:
            role = w.Dropdown(options=[(t(f"role.{r}", lang=lang), r) for r in ROLES],
                              value=roles.get(column, "ignored"), layout=w.Layout(width="190px"))
            named = w.Text(value=names.get(column) or touchpoint_name(export.questions.get(column) or column),
                           layout=w.Layout(width="220px"))
            turned = w.Checkbox(value=turned_round.get(column, backwards(export, column)), indent=False,
                                layout=w.Layout(width="auto"))
            turned.add_class("tp-reversed")
            named.layout.visibility = "visible" if role.value == "rating" else "hidden"
            role.observe(lambda change, box=named: setattr(
                box.layout, "visibility", "visible" if change["new"] == "rating" else "hidden"), names="value")
            role.observe(lambda _: self._show_directions(), names="value")
            question = export.questions.get(column) or column
            examples = ", ".join(list(dict.fromkeys(export.cells(column)))[:3])
            caption = w.HTML(f"<b>{html.escape(column)}</b><br><span style='color:#57606a;font-size:12px'>"
                             f"{html.escape(question[:90])} · {html.escape(examples[:60])}</span>",
                             layout=w.Layout(width="420px"))
            self.rows[column] = (role, named, turned)
            lines.append(w.HBox([caption, role, named, turned]))
        self.table.children = lines
        self._show_directions()
        proposed = tuple(int(v) for v in self.base.scale)
        self.scales = list(SCALES) + ([proposed] if proposed not in SCALES else [])     # (0–4: as asked)
        self.relabel(lang)
        self.kind.value = self.base.outcome.kind if self.base.outcome is not None else "nps"
        self.scale.value = proposed
        self.na.value = ", ".join(self.base.not_applicable)
        self.status.value = ""
        self.widget.children = [self.heading, self.table, w.HBox([self.kind, self.scale]), self.na, self.button,
                                self.status]
        self.widget.layout.display = ""

    def _show_directions(self) -> None:
        """A rating's tick box "scale reversed" shows, and the outcome's unless it is a yes/no question."""
        for role, _, turned in self.rows.values():
            shown = role.value == "rating" or (role.value == "outcome" and self.kind.value != "binary")
            turned.layout.visibility = "visible" if shown else "hidden"

    def relabel(self, lang: Lang) -> None:
        """The words of the widgets in ``lang``."""
        self.lang = lang
        self.heading.value = (f"<h4 style='margin:8px 0 4px 0'>{html.escape(t('ui.survey_title', lang=lang))}</h4>"
                              f"<p style='margin:0 0 6px 0'>{html.escape(t('ui.survey_intro', lang=lang, name=self.name))}"
                              "</p>")
        kind = self.kind.value
        self.kind.options = [(t(f"outcome_kind.{k}", lang=lang), k) for k in OUTCOME_KINDS]
        self.kind.value = kind if kind in OUTCOME_KINDS else "nps"
        self.kind.description = t("ui.survey_kind", lang=lang)
        scale = self.scale.value
        self.scale.options = [(f"{low}–{high}", (low, high)) for low, high in self.scales]
        self.scale.value = scale if scale in self.scales else (1, 5)
        self.scale.description = t("ui.survey_scale", lang=lang)
        self.na.description = t("ui.survey_na", lang=lang)
        self.button.description = t("ui.survey_import", lang=lang)
        for role, _, turned in self.rows.values():
            value = role.value
            role.options = [(t(f"role.{r}", lang=lang), r) for r in ROLES]
            role.value = value
            turned.description = t("ui.survey_reversed", lang=lang)

    def read(self) -> None:
        """Build the mapping from the widgets and the project from the export; say what stands in the way."""
        roles = {column: role.value for column, (role, _, _) in self.rows.items()}
        names = {column: named.value for column, (_, named, _) in self.rows.items()}
        turned_round = {column: turned.value for column, (_, _, turned) in self.rows.items()}
        na = [v.strip() for v in self.na.value.split(",") if v.strip()]
        try:
            mapping = mapping_from_roles(self.export, roles, base=self.base, outcome_kind=self.kind.value,
                                         names=names, scale=self.scale.value, not_applicable=na, reversed_=turned_round)
            project = read_survey(self.export, mapping, name=Path(self.name).stem)
        except ProjectError as err:
            self.status.value = problems_html(err, lang=self.lang)
            return
        except ModelError as err:
            self.status.value = error_box(err, lang=self.lang, testid="survey-error")
            return
        self.widget.layout.display = "none"
        self.on_import(project, self.name)

"""The overview (inventory) dashboard: key figures, the touchpoint map, coverage, departments, journey
gaps and the touchpoint list of a project, in German or English."""

from __future__ import annotations

import altair as alt
import ipywidgets as w

from .. import charts
from ..display import Formats, html_table, kpi_card, kpi_cards, note, with_names
from ..i18n import Lang, display_names, format_money, format_number, format_share, t
from ..inventory import by_owner, coverage_matrix, inventory_summary, journey_gaps
from ..io import Project
from ..journey import journey_curve
from .common import Dashboard, HtmlPanel, Panel, SegmentChartPanel, muted, placeholder_chart, relabel_dropdown

#: The key figures of the inventory, in the order of the cards.
CARDS = ("touchpoints", "annual_cost", "annual_contacts", "cost_per_contact", "direct_share", "online_share", "owners",
         "journey_gaps")


class CardsPanel(HtmlPanel):
    """The inventory's key figures as cards (each carries ``data-kpi`` with its metric)."""

    def show(self, project: Project, *, lang: Lang) -> None:
        values = inventory_summary(project).set_index("metric")["value"]
        money = {"currency": project.currency, "lang": lang}
        shown = {
            "touchpoints": format_number(values["touchpoints"], lang=lang),
            "annual_cost": format_money(values["annual_cost"], **money),
            "annual_contacts": format_number(values["annual_contacts"], lang=lang),
            "cost_per_contact": format_money(values["cost_per_contact"], decimals=2, **money),
            "direct_share": format_share(values["direct_share"], lang=lang),
            "online_share": format_share(values["online_share"], lang=lang),
            "owners": format_number(values["owners"], lang=lang),
            "journey_gaps": format_number(values["segment_gaps"] + values["phase_gaps"], lang=lang),
        }
        self.html.value = kpi_cards(kpi_card(k, shown[k], t(f"summary.{k}", lang=lang)) for k in CARDS)


class ChoiceChartPanel(Panel):
    """A chart with a dropdown that chooses what it shows (``choices``: values, also their i18n keys)."""

    choices: tuple[str, ...] = ()
    choice_key: str = ""

    def __init__(self) -> None:
        self.choice_dd = w.Dropdown(layout=w.Layout(width="220px"))
        self.chart = alt.JupyterChart(placeholder_chart())
        self.widget = w.VBox([self.choice_dd, self.chart])
        self.listen(self.choice_dd, self.redraw)

    def relabel(self, lang: Lang) -> None:
        with muted(self):
            relabel_dropdown(self.choice_dd, [(t(k, lang=lang), k) for k in self.choices], t(self.choice_key, lang=lang))


class MapPanel(ChoiceChartPanel):
    """The journey as a map, coloured by channel, kind or contact."""

    title_key = "ui.map"
    choices, choice_key = ("channel", "kind", "contact"), "ui.colour_by"

    def show(self, project: Project, *, lang: Lang) -> None:
        self.chart.chart = charts.touchpoint_map(project.touchpoints, lang=lang, colour_by=self.choice_dd.value)


class CoveragePanel(ChoiceChartPanel):
    """Phase × channel: touchpoints, cost or contacts."""

    title_key = "ui.coverage"
    choices, choice_key = ("touchpoints", "annual_cost", "annual_contacts"), "ui.coverage_value"

    def show(self, project: Project, *, lang: Lang) -> None:
        self.chart.chart = charts.coverage_heatmap(coverage_matrix(project.touchpoints), lang=lang,
                                                   value=self.choice_dd.value)


class OwnersPanel(Panel):
    """Cost and contacts by department, as chart and table."""

    title_key = "ui.owners"

    def __init__(self) -> None:
        self.chart = alt.JupyterChart(placeholder_chart())
        self.table = w.HTML()
        self.widget = w.VBox([self.chart, self.table])

    def show(self, project: Project, *, lang: Lang) -> None:
        owners = by_owner(project.touchpoints)
        self.chart.chart = charts.owner_bars(owners, lang=lang)
        self.table.value = html_table(owners, lang=lang, currency=project.currency, formats=Formats(
            money=("annual_cost", "cost_per_contact"), shares=("share_of_cost", "share_of_contacts"),
            numbers=("annual_contacts",), decimals={"cost_per_contact": 2}))


class GapsPanel(HtmlPanel):
    """The journey gaps per segment and phase, or a line saying there are none."""

    title_key = "ui.gaps"

    def show(self, project: Project, *, lang: Lang) -> None:
        gaps = with_names(journey_gaps(project, only_gaps=True), project, lang=lang)
        self.html.value = note(t("ui.gaps_why", lang=lang)) + html_table(
            gaps, lang=lang, formats=Formats(words={"status": "gap_status"}), empty=t("ui.no_gaps", lang=lang))


class JourneyPanel(SegmentChartPanel):
    """The journey as a curve (:func:`tpkit.journey.journey_curve`): the experience and the outcome along the
    phases, for all customers or one segment, the critical moments of truth named."""

    title_key = "ui.tab_journey"

    def show(self, project: Project, *, lang: Lang) -> None:
        segment = self.chosen(project, lang)
        self.chart.chart = charts.journey_chart(journey_curve(project, segment=segment), project.touchpoints, lang=lang,
                                                outcome=project.outcome, scale=project.rating_scale,
                                                title_text=self.segment.label)


class ListPanel(HtmlPanel):
    """Every touchpoint with its fields."""

    title_key = "ui.table"

    def show(self, project: Project, *, lang: Lang) -> None:
        tp = project.touchpoints
        listing = with_names(tp, project, lang=lang, columns=("segments",)).assign(name=display_names(tp, lang=lang))[[
            "touchpoint_id", "name", "phase", "channel", "contact", "kind", "owner", "annual_cost", "annual_contacts",
            "segments"]]
        self.html.value = html_table(listing, lang=lang, currency=project.currency, headers={"touchpoint_id": t("ui.id", lang=lang)},
                                     formats=Formats(money=("annual_cost",), numbers=("annual_contacts",)))


class OverviewApp(Dashboard):
    """The overview (inventory) dashboard; ``widget`` is what the notebook displays."""

    title_key = "ui.title"

    def __init__(self, lang: Lang = "de") -> None:
        super().__init__(lang)
        self.cards = CardsPanel()
        top = self.panels([self.cards])
        self.tabs = self.panels([MapPanel(), CoveragePanel(), OwnersPanel(), GapsPanel(), JourneyPanel(), ListPanel()],
                                tabs=True)
        self.kpis = self.cards.html
        self.widget = w.VBox([self.picker.widget, top.widget, self.tabs.widget])
        self.refresh()


def overview_app(lang: Lang = "de") -> OverviewApp:
    """Build the overview dashboard; display ``overview_app().widget``.

    >>> app = overview_app("en")
    >>> app.current_project().name, "data-kpi='touchpoints'" in app.kpis.value
    ('Hotel Seeblick', True)
    """
    return OverviewApp(lang)

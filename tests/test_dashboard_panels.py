"""The panel machinery of the dashboards, without a browser: a panel draws only when an input of its
``show`` changed, a hidden tab only once it is opened, and a slider move in the what-if planner
simulates once and redraws only the visible panels that depend on the simulation."""

from __future__ import annotations

import re

import ipywidgets as w
import pytest

from tpkit.ui import Panel, Panels, whatif_app


class Counting(Panel):
    """A panel that counts its drawings and shows what it was given."""

    title_key = "ui.map"

    def __init__(self) -> None:
        self.widget = w.HTML()
        self.drawn: list[tuple] = []

    def show(self, project: str, *, lang: str) -> None:
        self.drawn.append((project, lang))
        self.widget.value = f"{project} {lang}"


def test_a_hidden_tab_draws_when_opened_and_only_when_its_inputs_changed():
    state = {"project": "hotel", "lang": "de", "segment": None}
    first, second = Counting(), Counting()
    tabs = Panels([first, second], state, tabs=True)
    tabs.draw()
    assert first.drawn == [("hotel", "de")] and second.drawn == []
    state["segment"] = "business"  # not an input of these panels
    tabs.draw()
    assert len(first.drawn) == 1
    tabs.widget.selected_index = 1  # opening the tab draws it
    assert second.drawn == [("hotel", "de")]
    state["lang"] = "en"
    tabs.draw()  # only the open tab draws; the other one when it is opened again
    assert second.drawn[-1] == ("hotel", "en") and first.drawn == [("hotel", "de")]
    tabs.widget.selected_index = 0
    assert first.drawn[-1] == ("hotel", "en") and len(first.drawn) == 2


def test_tab_titles_come_from_the_panels():
    tabs = Panels([Counting(), Counting()], {}, tabs=True)
    tabs.relabel("en")
    assert tabs.widget.titles == ("Map", "Map")


@pytest.fixture(scope="module")
def app():
    return whatif_app("de")


def test_a_slider_move_simulates_once_and_redraws_only_what_shows_it(app, monkeypatch):
    calls = []
    simulate = app.simulate_once.func
    monkeypatch.setattr(app.simulate_once, "func", lambda *args: calls.append(args) or simulate(*args))
    drawn = {type(p).__name__: 0 for g in app.groups for p in g.panels}
    for group in app.groups:
        for panel in group.panels:
            original = panel.show

            def counted(*args, _name=type(panel).__name__, _show=original, **kwargs):
                drawn[_name] += 1
                return _show(*args, **kwargs)
            monkeypatch.setattr(panel, "show", counted)
    app.edit.perf_slider.value = 0.5
    assert len(calls) == 1
    assert drawn["CardsPanel"] == 1 and drawn["EffectPanel"] == 1 and drawn["ChangeListPanel"] == 1
    assert drawn["EditPanel"] == 0 and drawn["AddPanel"] == 0  # the project and language are the same
    assert drawn["SavedPanel"] == drawn["BudgetPanel"] == drawn["StrategyPanel"] == drawn["MixPanel"] == 0  # hidden tabs wait
    app.save.name.value = "Nur ein Name"
    app.refresh()
    assert len(calls) == 1  # a new name alone simulates nothing


def test_the_budget_tab_finds_the_least_cost_for_a_target_with_its_limits(app):
    """The optimiser's other direction in the planner: a target for the desired segments' NPS, a touchpoint
    that must stay, a minimum level and at most one closure; the result says the target and the net cost,
    in German, and the chosen plan keeps the limits."""
    budget = next(p for p in app.tabs.panels if type(p).__name__ == "BudgetPanel")
    app.tabs.widget.selected_index = app.tabs.panels.index(budget)
    budget.mode.value = "target"
    assert budget.budget.layout.display == "none" and budget.target.layout.display == ""
    budget.target.value = 34.0
    budget.max_closures.value = 1
    budget.keep.value = ("parking",)
    budget.level_tp.value = "wifi"
    budget.level.value = 3.5
    budget.level_btn.click()
    assert "mindestens 3,5" in budget.levels_html.value
    budget.opt_btn.click()
    assert "Ziel 34,0" in budget.result.value and "Kosten netto" in budget.result.value
    chosen = budget.optimum.chosen
    closed = chosen.loc[chosen["kind"] == "close", "id"].tolist()
    assert len(closed) <= 1 and "parking" not in closed and "M01" in chosen["id"].tolist()
    budget.target.value = 99.0
    budget.opt_btn.click()
    assert "nicht zu erreichen" in budget.result.value


def test_a_model_parameter_set_in_the_planner_is_the_users_and_changes_the_projection(app):
    """The parameters tab edits the model: a longer horizon is the user's (source ``user``), enters the
    scenario and its saved file, changes the customers projected; "back to the default" takes it back."""
    panel = next(p for p in app.tabs.panels if type(p).__name__ == "ParametersPanel")
    app.tabs.widget.selected_index = app.tabs.panels.index(panel)
    app.edit.perf_slider.value = 1.0       # a change whose customers depend on the horizon
    before = app.state["result"].value("customers", column="delta")
    panel.name.value = "horizon_months"
    panel.value.value = 36
    panel.set_btn.click()
    assert dict(app.scenario().parameters)["horizon_months"] == 36.0
    assert app.state["result"].value("customers", column="delta") != before
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Zeitraum in Monaten(?:(?!</tr>).)*</tr>", panel.table.value, re.S)
    assert row and ">36<" in row.group(0).replace(",000", "") and ">Nutzer<" in row.group(0)   # source: the user
    panel.value.value = -5
    panel.set_btn.click()
    assert "horizon_months" in app.message.value and dict(app.scenario().parameters)["horizon_months"] == 36.0
    panel.default_btn.click()
    assert "horizon_months" not in dict(app.scenario().parameters)
    app.edit.perf_slider.value = 0.0


def test_a_target_level_set_in_the_planner_is_the_users_and_reaches_the_document(app):
    """The targets tab edits the target levels: a target for business travellers' wifi is the user's
    (source ``user``) with its gap, it goes into the strategy workbook, a target off the scale is refused,
    and "all back" restores the defaults."""
    from tpkit import report
    from tpkit.ui.whatif import target_frame

    panel = next(p for p in app.tabs.panels if type(p).__name__ == "TargetsPanel")
    app.tabs.widget.selected_index = app.tabs.panels.index(panel)
    panel.segment.value, panel.touchpoint.value, panel.value.value = "business", "wifi", 4.6
    panel.set_btn.click()
    assert app.targets == {("business", "wifi"): 4.6}
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*WLAN(?:(?!</tr>).)*Nutzer(?:(?!</tr>).)*</tr>", panel.table.value, re.S)
    assert row and "4,60" in row.group(0)
    tables = report.strategy_tables(app.state["project"], app.scenario(), lang="en",
                                    targets=target_frame(app.state["targets"]))
    targets = tables["targets"]
    assert ((targets.iloc[:, 1] == "Wi-Fi in the room") & (targets["Target"] == 4.6)).any()
    panel.value.value = 9.0
    panel.set_btn.click()
    assert "9" in app.message.value and app.targets == {("business", "wifi"): 4.6}
    panel.clear_btn.click()
    assert app.targets == {} and app.state["targets"] == ()


def test_the_levers_tab_answers_each_of_questions_6_to_9_from_its_own_evidence(app):
    """The planner's levers tab shows the four questions' own tables (those of the strategy document), for
    the desired segments or one segment, and each names what it rests on."""
    from tpkit.levers import lose_fewer

    panel = next(p for p in app.tabs.panels if type(p).__name__ == "LeversPanel")
    app.tabs.widget.selected_index = app.tabs.panels.index(panel)
    assert [label for label, _ in panel.lever.options][0].startswith("Frage 6")
    assert "Neukunden ohne gute Erfahrung dort" in panel.html.value and "Bewertungen auf Reiseportalen" in panel.html.value
    panel.lever.value = "keep"
    first = re.search(r"<tbody>\s*<tr[^>]*>((?:(?!</tr>).)*)</tr>", panel.html.value, re.S).group(1)
    assert "WLAN im Zimmer" in first and "WLAN-Ausbau" in first
    panel.segment.value = "business"
    top = lose_fewer(app.state["project"], segment="business")["touchpoint_id"].iloc[0]
    shown = re.search(r"<tbody>\s*<tr[^>]*>((?:(?!</tr>).)*)</tr>", panel.html.value, re.S).group(1)
    assert {"wifi": "WLAN im Zimmer", "checkout": "Check-out"}.get(top, top) in shown
    panel.lever.value = "referrals"
    assert "Empfehlungen im Jahr" in panel.html.value and "Kritiker" not in panel.html.value


def test_the_mix_tab_finds_the_best_mix_and_hands_it_to_the_planner(app):
    """Question 5 in the planner: the search runs on request, shows the chosen shifts with their cost and
    what they do together, and the button takes them over as the scenario."""
    from tpkit.mix import best_mix
    from tpkit.scenario import ShiftMix

    panel = next(p for p in app.tabs.panels if type(p).__name__ == "MixPanel")
    app.tabs.widget.selected_index = app.tabs.panels.index(panel)
    assert panel.apply_btn.disabled and "Touchpoint-Kosten" in panel.html.value
    panel.find_btn.click()
    plan = best_mix(app.state["project"])
    assert "data-testid='mix-chosen'" in panel.html.value and "data-testid='mix-summary'" in panel.html.value
    assert "Busreisegruppen" in panel.html.value
    panel.apply_btn.click()
    shifts = [c for c in app.scenario().changes if isinstance(c, ShiftMix)]
    assert shifts == list(plan.scenario.changes)


def test_the_votes_tab_gives_customers_and_employees_their_own_voice_and_their_comments(app):
    """Two rankings side by side with their intervals, the customers' ideas among the measures, and what
    customers and employees wrote about a chosen measure or touchpoint."""
    panel = next(p for p in app.tabs.panels if type(p).__name__ == "VoicesPanel")
    app.tabs.widget.selected_index = app.tabs.panels.index(panel)
    assert "Kunden: Rang" in panel.tables.value and "Mitarbeitende: Rang" in panel.tables.value
    assert "Stimmen gehen auseinander" in panel.tables.value and "Idee von Kunden" in panel.tables.value
    panel.about.value = "measure:M14"
    assert "Wer um sechs zum Zug muss" in panel.said.value
    panel.about.value = "touchpoint:wifi"
    assert "WLAN im Zimmer" in panel.said.value and "Bewertung" in panel.said.value


def test_the_effect_tab_shows_the_network_part_of_a_loyalty_measure(app):
    """A measure at the loyalty club moves the regulars' word of mouth: the effect tab shows the network's
    part beside the rest; a measure elsewhere shows none."""
    from tpkit.scenario import ApplyMeasure, Scenario, network_effect

    effect = next(p for p in app.tabs.panels if type(p).__name__ == "EffectPanel")
    app.tabs.widget.selected_index = app.tabs.panels.index(effect)
    app.load(Scenario("Club", (ApplyMeasure("M12"),)))
    assert "Davon durch das Netzwerk" in effect.network.value and "Stammgäste" in effect.network.value
    expected = network_effect(app.state["project"], Scenario("Club", (ApplyMeasure("M12"),)))
    assert (expected["network_effect"] != 0).any()
    app.load(Scenario("WLAN", (ApplyMeasure("M01"),)))
    assert effect.network.value == ""


def test_the_strategy_tab_simulates_the_graceful_exit_as_a_scenario(app):
    """The coach tours' exit plan becomes the planner's scenario: their own touchpoints close, the business
    travellers they drove away come back."""
    from tpkit.scenario import RemoveTouchpoint
    from tpkit.strategy import exit_scenario

    panel = next(p for p in app.tabs.panels if type(p).__name__ == "StrategyPanel")
    app.tabs.widget.selected_index = app.tabs.panels.index(panel)
    assert panel.segment.value == "bus_tours" and "Pläne für den sanften Ausstieg" in panel.html.value
    panel.apply_btn.click()
    closed = [c for c in app.scenario().changes if isinstance(c, RemoveTouchpoint)]
    assert closed == list(exit_scenario(app.state["project"], "bus_tours").changes)
    assert app.save.name.value == "Sanfter Ausstieg: Busreisegruppen"
    assert app.state["result"].value("customers", segment="business", column="delta") > 0


def test_a_language_switch_keeps_the_unsaved_scenario(app):
    """Closed touchpoints, slider moves, the mix and ticked measures survive a switch to English and back;
    only the words change."""
    app.edit.tp_dd.value = "bar"
    app.edit.remove_btn.click()
    app.edit.tp_dd.value = "wifi"
    app.edit.perf_slider.value = 0.5
    app.edit.mix_slider.value = 0.2
    app.edit.measures_sel.value = ("M02",)
    before = app.scenario()
    app.picker.lang_tb.value = "en"
    assert app.scenario().changes == before.changes and app.lang == "en"
    assert app.edit.remove_btn.description == "Remove"
    assert [label for label, value in app.edit.measures_sel.options if value == "M02"][0].startswith("EUR 12,000 · ")
    app.picker.lang_tb.value = "de"
    assert app.scenario().changes == before.changes


def test_the_evaluation_trend_tab_tracks_the_waves():
    """A project surveyed in two waves: the trend tab shows what changed (the planted Wi-Fi and invoice
    improvements), whether the measures kept their promise and the traffic lights; one wave says how to add
    more."""
    from tpkit.ui import evaluation_app

    app = evaluation_app("de")
    panel = next(p for p in app.tabs.panels if type(p).__name__ == "TrendPanel")
    app.tabs.widget.selected_index = app.tabs.panels.index(panel)
    assert "data-testid='no-waves'" in panel.html.value and "wave" in panel.html.value
    app.picker.project_dd.value = "hotel_waves"
    assert "data-testid='trend-changes'" in panel.html.value and "WLAN im Zimmer" in panel.html.value
    assert "Besser, aber weniger als versprochen" in panel.html.value      # the Wi-Fi upgrade: +1.0 of +1.5
    assert "Keine messbare Veränderung" in panel.html.value and "Rot – unter dem Ziel" in panel.html.value
    # the wave selector: one wave is what every analysis then sees
    assert app.picker.wave_dd.layout.display == "" and [v for _, v in app.picker.wave_dd.options] == [
        "", "2026-05", "2027-09"]
    app.picker.wave_dd.value = "2027-09"
    assert len(app.state["project"].respondents) == 2400
    assert set(app.state["project"].respondents["wave"]) == {"2027-09"}
    assert "data-testid='no-waves'" in panel.html.value
    app.picker.wave_dd.value = ""
    assert "data-testid='trend-changes'" in panel.html.value
    app.picker.project_dd.value = "hotel"
    assert app.picker.wave_dd.layout.display == "none" and app.picker.wave_dd.value == ""


def test_a_slow_change_says_working_while_it_computes_and_no_longer_after():
    """A segment change in the evaluation dashboard (its drivers take a moment the first time) and a tab opened
    show "working …" while they compute; afterwards the sign is gone."""
    from tpkit.ui import evaluation_app

    app = evaluation_app("de")
    seen: list[str] = []
    app.picker.busy.observe(lambda change: seen.append(change.new), names="value")
    app.segment_dd.value = "business"
    assert any("Wird berechnet" in v for v in seen) and app.picker.busy.value == ""
    seen.clear()
    app.tabs.widget.selected_index = 2
    assert any("Wird berechnet" in v for v in seen) and seen[-1] == ""
    # an error while computing takes the sign away too
    with pytest.raises(RuntimeError), app.working():
        raise RuntimeError("boom")
    assert app.picker.busy.value == ""

"""The what-if model: hand-computed pieces, the issue's story and property tests."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tpkit import evaluation, ground_truth, load_sample
from tpkit.network import referrals_per_year
from tpkit.errors import ModelError
from tpkit.schema import ALL_SEGMENTS
from tpkit.scenario import (CHANGE_KINDS, METRICS, TOTAL, AddTouchpoint, ApplyMeasure, ChangeBudget, ChangePerformance,
                            RemoveTouchpoint, Scenario, ShiftMix, applier, baseline, calibration, change_kind,
                            class_shares, compare, parameters, simulate)
from tpkit.scenario.appliers import APPLIERS, column

HOTEL = load_sample("hotel")
TOUCHPOINTS = HOTEL.touchpoints["touchpoint_id"].tolist()
MEASURES = HOTEL.measures["measure_id"].tolist()
SEGMENTS = HOTEL.segments["segment_id"].tolist()
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_class_shares_by_hand():
    # 10 respondents: two at each of 0, 6, 7, 8, 9 — shares 0.2 promoters, 0.4 detractors.
    counts = np.zeros((1, 11))
    counts[0, [0, 6, 7, 8, 9]] = 2
    pro, det, mean = class_shares(counts, np.array([0.0]))
    assert (pro[0], det[0], mean[0]) == (0.2, 0.4, 6.0)
    # +0.25: a quarter of the 8s cross to promoter, a quarter of the 6s leave detractor.
    pro, det, mean = class_shares(counts, np.array([0.25]))
    assert pro[0] == pytest.approx(0.25) and det[0] == pytest.approx(0.35) and mean[0] == pytest.approx(6.25)
    # shifting far down clips at 0: everybody a detractor, mean 0.
    pro, det, mean = class_shares(counts, np.array([-20.0]))
    assert (pro[0], det[0], mean[0]) == (0.0, 1.0, 0.0)


def test_referrals_are_the_geometric_chain():
    assert float(referrals_per_year(5, 0.1)) == pytest.approx(0.5 / 0.5)
    assert float(referrals_per_year(4, 0.2)) == pytest.approx(0.8 / 0.2)
    assert float(referrals_per_year(100, 0.5)) == pytest.approx(0.95 / 0.05)   # capped below 1


def test_empty_scenario_is_the_baseline_and_matches_the_evaluation():
    result = simulate(HOTEL, Scenario("nothing"))
    assert (result.kpis["delta"] == 0).all()
    assert (result.kpis["baseline"] == result.kpis["scenario"]).all()
    assert set(result.kpis["metric"]) == set(METRICS)
    observed = evaluation.nps(HOTEL.respondents, by="segment_id").set_index("group")
    for segment in SEGMENTS:
        assert result.value("nps", segment=segment, column="baseline") == pytest.approx(observed.loc[segment, "nps"])
        # the baseline is a steady state over the horizon
        assert result.value("customers", segment=segment, column="baseline") == pytest.approx(
            HOTEL.segments.set_index("segment_id").loc[segment, "customers"])
    assert result.gaps.empty and result.clashes.empty


def test_calibration_recovers_the_planted_coefficients():
    truth = ground_truth("hotel")["weights"]["business"]
    cal = calibration(HOTEL).query("segment_id == 'business' and reach > 0")
    true = np.array([truth[t] for t in cal["touchpoint_id"]])
    assert np.corrcoef(true, cal["coefficient"])[0, 1] > 0.75
    assert np.abs(true - cal["coefficient"].to_numpy()).mean() < 0.15


def test_removing_front_desk_check_in():
    result = simulate(HOTEL, Scenario("no desk", (RemoveTouchpoint("checkin_desk"),)))
    assert result.value("touchpoint_cost", column="delta") == -310000
    gap = result.gaps.query("segment_id == 'business'")
    assert gap[["phase", "before", "after"]].values.tolist() == [["purchase", "ok", "indirect_only"]]
    assert result.value("nps", segment="business", column="delta") < -10
    # no touchpoint works like the desk (works_like): every guest who checked in there loses the service,
    # leisure guests as well, and the planner says so
    assert result.value("nps", segment="leisure", column="delta_high") < 0
    assert ("note.no_substitute", {"touchpoint": "checkin_desk"}) in result.notes
    assert result.touchpoints.set_index("touchpoint_id").loc["checkin_desk", "status"] == "removed"


def test_a_closed_booking_channel_moves_its_users_to_the_others_of_its_group():
    """The phone reservation works like the booking engine and the portals (works_like "booking"): most of its
    users book there instead, at those channels' performance, so closing it costs far less than losing the
    service (here the substitutes even perform better than the phone)."""
    phone = simulate(HOTEL, Scenario("no phone", (RemoveTouchpoint("phone_reservation"),)))
    lost = simulate(HOTEL, Scenario("no phone, nobody moves", (RemoveTouchpoint("phone_reservation", move_share=0.0),)))
    assert not any(key == "note.no_substitute" for key, _ in phone.notes)
    moved, alone = (r.value("nps", segment="leisure", column="delta") for r in (phone, lost))
    assert alone < -1 and moved > alone + 1
    reach = phone.touchpoints.set_index("touchpoint_id")
    assert reach.at["booking_engine", "reach_after"] > reach.at["booking_engine", "reach_before"]


def test_app_check_in_closes_the_gap_and_borrows_its_coefficient():
    app = AddTouchpoint("app_checkin", "App-Check-in", "purchase", "online", annual_cost=60000,
                        performance=4.2, reach=0.6, similar_to="checkin_desk")
    both = simulate(HOTEL, Scenario("app", (RemoveTouchpoint("checkin_desk"), app)))
    alone = simulate(HOTEL, Scenario("no desk", (RemoveTouchpoint("checkin_desk"),)))
    assert both.gaps.empty
    assert both.value("touchpoint_cost", column="delta") == -310000 + 60000
    assert both.value("nps", segment="business") > alone.value("nps", segment="business")
    b = baseline(HOTEL)
    assert any(key == "note.borrowed_coefficient" for key, _ in both.notes)
    assert b.coefficient.shape[1] == len(TOUCHPOINTS)   # the baseline is not changed by a scenario


def test_growing_coach_tours_pushes_business_travellers_away():
    # better breakfast and rooms for the coach tours (their strongest drivers in the sample's truth) grow them
    grow = Scenario("coaches", (ChangePerformance("breakfast", 1.0, "bus_tours"), ChangePerformance("room", 1.0, "bus_tours")))
    result = simulate(HOTEL, grow)
    clash = result.clashes.query("growing == 'bus_tours' and segment_id == 'business'")
    assert len(clash) == 1 and clash["fit"].iloc[0] == -2 and clash["customers_lost"].iloc[0] > 0
    business = result.kpis.query("metric == 'customers' and segment_id == 'business'").iloc[0]
    assert business["delta_low"] < business["delta"] < business["delta_high"] < 0   # the loss has its uncertainty


def test_tour_catalogue_and_concierge_have_no_clear_effect():
    # the sample's coach tours barely weigh the catalogue and the concierge: the fitted model says so
    result = simulate(HOTEL, Scenario("x", (ChangePerformance("tour_catalogue", 2.0),
                                            ChangePerformance("concierge", 1.5, "bus_tours"))))
    row = result.kpis.query("metric == 'nps' and segment_id == 'bus_tours'").iloc[0]
    assert row["delta_low"] < 0.05 < row["delta_high"] and not row["clear"]   # (better performance never lowers it)


def test_measure_and_budget_changes():
    measure = simulate(HOTEL, Scenario("wifi", (ApplyMeasure("M01"),)))
    assert measure.value("measure_cost") == 85000
    assert measure.value("nps", segment="business", column="delta") > 0
    halved = simulate(HOTEL, Scenario("bar", (ChangeBudget("bar", 0.5),)))
    assert halved.value("touchpoint_cost", column="delta") == -80000
    assert halved.value("experience_index", segment="business", column="delta") < 0


def test_parameters_name_their_source():
    table = parameters(HOTEL, scenario=Scenario("x").with_parameter("customers:business", 6000))
    row = table.set_index("parameter").loc["customers:business"]
    assert (row["value"], row["source"]) == (6000.0, "user")
    assert table.set_index("parameter").loc["customers:leisure", "source"] == "data"
    assert table.set_index("parameter").loc["move_share", "source"] == "assumption"
    with pytest.raises(ModelError, match="no parameter 'nonsense'"):
        Scenario("x").with_parameter("nonsense", 1)


def test_the_total_row_is_all_segments():
    kpis = simulate(HOTEL, Scenario("x")).kpis
    assert TOTAL == ALL_SEGMENTS == "all"
    assert (kpis.groupby("metric")["segment_id"].last() == TOTAL).all()
    assert "total" not in set(kpis["segment_id"])


def test_bad_changes_say_what_is_wrong():
    with pytest.raises(ModelError, match="not in the inventory"):
        simulate(HOTEL, Scenario("x", (RemoveTouchpoint("nope"),)))
    with pytest.raises(ModelError, match="exists already"):
        simulate(HOTEL, Scenario("x", (AddTouchpoint("wifi", "W", "usage", "online"),)))
    with pytest.raises(ModelError, match="measures.csv"):
        simulate(HOTEL, Scenario("x", (ApplyMeasure("M99"),)))


@pytest.mark.parametrize("change, key, en, de", [
    (RemoveTouchpoint("wfi"), "touchpoint_not_in_model",
     "Touchpoint 'wfi' is not in the inventory nor added by the scenario; choose one of touchpoints.csv or add it "
     "first. Did you mean 'wifi'?",
     "Der Touchpoint 'wfi' steht weder im Inventar, noch fügt das Szenario ihn hinzu; wähle einen aus "
     "touchpoints.csv oder füge ihn zuerst hinzu. Meintest du 'wifi'?"),
    (AddTouchpoint("app", "App", "purchase", "online", reach=1.5), "out_of_range",
     "reach must lie between 0 and 1, not 1.5; enter a value in that range.",
     "reach muss zwischen 0 und 1 liegen, nicht bei 1,5; gib einen Wert in diesem Bereich ein."),
    (ChangeBudget("bar", -1.0), "below_minimum",
     "factor must be at least 0, not -1; enter a value of 0 or more.",
     "factor muss mindestens 0 sein, nicht -1; gib einen Wert ab 0 ein."),
    (AddTouchpoint("app", "App", "purchse", "online"), "not_a_choice",
     "Phase must be one of: pre_purchase, purchase, usage, loyalty — not 'purchse'. Did you mean 'purchase'?",
     "Phase muss eines sein von: pre_purchase, purchase, usage, loyalty — nicht 'purchse'. Meintest du 'purchase'?"),
])
def test_model_errors_read_in_english_and_german(change, key, en, de):
    with pytest.raises(ModelError) as caught:
        simulate(HOTEL, Scenario("x", (change,)))
    assert caught.value.key == key
    assert str(caught.value) == en
    assert caught.value.message("de") == de


@pytest.mark.parametrize("change", [ChangePerformance("wifi", 1.0, "buisness"),
                                    AddTouchpoint("app", "App", "purchase", "online", segments=("buisness",))])
def test_an_unknown_segment_is_an_error_with_a_did_you_mean(change):
    with pytest.raises(ModelError, match="Did you mean 'business'") as caught:
        simulate(HOTEL, Scenario("x", (change,)))
    assert caught.value.key == "unknown_segment" and "Meintest du 'business'?" in caught.value.message("de")
    with pytest.raises(ModelError, match="Did you mean 'business'"):
        simulate(HOTEL, Scenario("x").with_parameter("customers:buisness", 10))


@pytest.mark.parametrize("asked, wrong", [({"metric": "npss"}, "metric"), ({"segment": "buisness"}, "segment"),
                                          ({"column": "scenaro"}, "column")])
def test_a_simulation_value_checks_what_it_is_asked(asked, wrong):
    result = simulate(HOTEL, Scenario("x"))
    assert result.value("nps") == result.kpis.query("segment_id == @TOTAL and metric == 'nps'")["scenario"].iloc[0]
    metric = asked.pop("metric", "nps")
    with pytest.raises(ModelError, match=f"(?i)^{wrong} must be one of: .*Did you mean"):
        result.value(metric, **asked)


@pytest.mark.parametrize("name, value, key", [
    ("move_share", 1.5, "out_of_range"), ("horizon_months", -1, "below_minimum"), ("margin:business", 2, "out_of_range"),
    ("move_share", "viel", "not_a_number"), ("move_shar", 0.5, "unknown_parameter")])
def test_parameters_outside_their_range_are_refused(name, value, key):
    with pytest.raises(ModelError) as caught:
        Scenario("x").with_parameter(name, value)
    assert caught.value.key == key and name in str(caught.value) and name in caught.value.message("de")


def test_a_new_kind_of_change_is_one_dataclass_and_one_applier():
    @change_kind("close_all_of_phase", order=6, word="change.remove")
    class ClosePhase:
        phase: str

        def describe(self, project, *, lang="de"):
            return self.phase

    @applier(ClosePhase)
    def close_phase(state, change, project, params):
        for t in state.tp.loc[state.tp["phase"] == change.phase, "touchpoint_id"]:
            state.cost[column(state, t)] = 0.0

    try:
        scenario = Scenario.from_dict({"name": "x", "changes": [{"kind": "close_all_of_phase", "phase": "loyalty"}]})
        loyalty = HOTEL.touchpoints.loc[HOTEL.touchpoints["phase"] == "loyalty", "annual_cost"].sum()
        assert simulate(HOTEL, scenario).value("touchpoint_cost", column="delta") == pytest.approx(-loyalty)
        assert scenario.to_dict()["changes"] == [{"kind": "close_all_of_phase", "phase": "loyalty"}]
    finally:
        del CHANGE_KINDS["close_all_of_phase"], APPLIERS[ClosePhase]


def test_compare_stacks_scenarios():
    table = compare(HOTEL, [Scenario("a"), Scenario("b", (RemoveTouchpoint("bar"),))])
    assert len(table) == 2 * len(simulate(HOTEL, Scenario("a")).kpis)


changes = st.one_of(
    st.builds(RemoveTouchpoint, st.sampled_from(TOUCHPOINTS), st.none() | st.floats(0, 1)),
    st.builds(ChangePerformance, st.sampled_from(TOUCHPOINTS), st.floats(-2, 2), st.none() | st.sampled_from(SEGMENTS)),
    st.builds(ChangeBudget, st.sampled_from(TOUCHPOINTS), st.floats(0.1, 3)),
    st.builds(ShiftMix, st.floats(0, 1), st.none() | st.sampled_from(["purchase", "usage"])),
    st.builds(ApplyMeasure, st.sampled_from(MEASURES)),
)
scenarios = st.lists(changes, max_size=4, unique_by=lambda c: getattr(c, "touchpoint_id", id(c))).map(
    lambda cs: Scenario("random", tuple(cs)))


@SETTINGS
@given(scenarios, st.sampled_from(TOUCHPOINTS))
def test_removing_a_touchpoint_never_raises_cost(scenario, touchpoint):
    if any(getattr(c, "touchpoint_id", None) == touchpoint for c in scenario.changes):
        return
    before = simulate(HOTEL, scenario).value("touchpoint_cost")
    after = simulate(HOTEL, scenario.with_change(RemoveTouchpoint(touchpoint))).value("touchpoint_cost")
    assert after <= before + 1e-6


@SETTINGS
@given(scenarios, st.sampled_from(TOUCHPOINTS), st.floats(0, 2))
def test_better_performance_never_lowers_the_experience_index(scenario, touchpoint, delta):
    before = simulate(HOTEL, scenario).kpis.query("metric == 'experience_index'")["scenario"].to_numpy()
    better = scenario.with_change(ChangePerformance(touchpoint, delta))
    after = simulate(HOTEL, better).kpis.query("metric == 'experience_index'")["scenario"].to_numpy()
    assert (after >= before - 1e-9).all()


@SETTINGS
@given(scenarios)
def test_scenarios_survive_json(scenario):
    assert Scenario.from_dict(scenario.to_dict()) == scenario


def test_the_coach_tours_exit_wins_back_business_travellers():
    """Carrying out the coach tours' exit plan (closing the touchpoints only they meet) shrinks them, and the
    business travellers they drove away come back: symmetric to growth, by the same formula."""
    from tpkit.strategy import exit_plan

    plan = exit_plan(HOTEL, segment="bus_tours")
    steps = plan.loc[plan["action"] == "stop", "touchpoint_id"]
    result = simulate(HOTEL, Scenario("exit", tuple(RemoveTouchpoint(t) for t in steps)))
    row = result.clashes.query("growing == 'bus_tours' and segment_id == 'business'").iloc[0]
    customers = result.kpis.query("metric == 'customers'").set_index("segment_id")
    assert row["growth"] < 0 and row["customers_lost"] < 0
    assert customers.at["business", "delta"] == pytest.approx(-row["customers_lost"])
    assert customers.at["business", "delta_low"] > 0          # won back in every draw of the model
    share = row["shared"] * (-row["fit"] / 2) * row["growth"] / (
        baseline(HOTEL).customers[list(baseline(HOTEL).segments).index("bus_tours")]
        + baseline(HOTEL).customers[list(baseline(HOTEL).segments).index("business")])
    assert -row["customers_lost"] == pytest.approx(-share * customers.at["business", "baseline"], rel=1e-6)
    assert ("note.clash_relief", {"shrinking": "bus_tours", "segment": "business",
                                  "won": -row["customers_lost"]}) in result.notes


def test_closing_a_whole_substitute_group_does_not_depend_on_the_order():
    """Closing the restaurant, the bar and room service (works_like "food") in any order: none of them serves
    the users of another, as all close in the same scenario."""
    orders = (("restaurant", "bar", "room_service"), ("room_service", "bar", "restaurant"))
    deltas = [simulate(HOTEL, Scenario("x", tuple(RemoveTouchpoint(t, move_share=1.0) for t in order)))
              .value("nps", column="delta") for order in orders]
    assert deltas[0] == pytest.approx(deltas[1], abs=1e-9) and deltas[0] < 0


def test_an_outcome_whose_answers_are_all_positive_or_all_negative_projects_shares_within_0_and_1():
    from tpkit import with_tables

    for answers in ((9, 10), (3, 5)):
        resp = HOTEL.respondents.copy()
        resp["recommend"] = pd.array(np.where(np.arange(len(resp)) % 2, *answers), dtype="Int64")
        result = simulate(with_tables(HOTEL, respondents=resp), Scenario("x", (ChangePerformance("wifi", 1.0),)))
        shares = result.kpis[result.kpis["metric"].isin(["promoter_share", "detractor_share"])]
        assert shares[["scenario", "scenario_low", "scenario_high"]].stack().between(-1e-9, 1 + 1e-9).all()

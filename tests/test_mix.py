"""Question 5, the best online–offline mix: the segments' channel preferences by hand, a shift for one
segment that moves only its own contacts and cost, and a search that keeps its limits and whose chosen
shifts are the best of the options it tried."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

import survey_exports as se
from tpkit import guess_mapping, load_sample, read_export, read_survey, with_tables
from tpkit.mix import NET, best_mix, channel_preferences
from tpkit.optimize import objective_value
from tpkit.scenario import Scenario, ShiftMix, apply_changes, parameter_values, simulate
from tpkit.stats import wilson_interval
from tpkit.strategy import focus_segments


@pytest.fixture(scope="module")
def hotel():
    return load_sample("hotel")


@pytest.fixture(scope="module")
def plan(hotel):
    return best_mix(hotel)


def test_channel_preferences_by_hand(hotel):
    tp = hotel.touchpoints.set_index("touchpoint_id")
    asked = hotel.respondents[hotel.respondents["segment_id"] == "business"]
    rows = hotel.ratings[hotel.ratings["respondent_id"].isin(asked["respondent_id"])].join(tp, on="touchpoint_id")
    usage = rows[(rows["phase"] == "usage") & (rows["contact"] == "direct")]
    online = usage.loc[usage["channel"] == "online", "respondent_id"].nunique() / len(asked)
    offline = usage.loc[usage["channel"] == "offline", "respondent_id"].nunique() / len(asked)
    row = channel_preferences(hotel).query("segment_id == 'business' and phase == 'usage'").iloc[0]
    assert row["n"] == len(asked)
    assert_allclose([row["online_reach"], row["offline_reach"], row["preference"]],
                    [online, offline, online / (online + offline)], rtol=1e-12)
    low, high = wilson_interval(online * len(asked), len(asked))
    assert_allclose([row["online_reach_low"], row["online_reach_high"]], [low, high])
    # the coach tours meet no direct loyalty touchpoint of either channel: no preference to speak of
    assert channel_preferences(hotel).query("segment_id == 'bus_tours' and phase == 'loyalty'").empty or \
        np.isnan(channel_preferences(hotel).query("segment_id == 'bus_tours' and phase == 'loyalty'")["preference"]).all()


def test_a_shift_for_one_segment_moves_only_its_own_contacts_and_their_cost(hotel):
    base = apply_changes(hotel, Scenario("x"))
    shift = ShiftMix(0.5, "usage", "online", "leisure")
    after = apply_changes(hotel, Scenario("x", (shift,)))
    others = [i for i, s in enumerate(base.segments) if s != "leisure"]
    assert_allclose(after.performance[others], base.performance[others])
    assert not np.allclose(after.performance[base.segments.index("leisure")], base.performance[base.segments.index("leisure")])
    # every offline source touchpoint saves share × variable cost share × its cost × the segment's part of it
    customers = hotel.segments.set_index("segment_id").loc[list(base.segments), "customers"].to_numpy(float)[:, None]
    weighted = customers * base.shown
    part = weighted[base.segments.index("leisure")] / weighted.sum(axis=0)
    vcs = parameter_values(Scenario("x"))["variable_cost_share"]
    tp = hotel.touchpoints
    source = np.flatnonzero(((tp["phase"] == "usage") & (tp["channel"] == "offline") & (tp["contact"] == "direct")
                             & tp["kind"].isin(["human", "service", "communication"])).to_numpy()
                            & base.member[base.segments.index("leisure")])
    assert_allclose(base.cost[source] - after.cost[source], 0.5 * vcs * base.cost[source] * part[source], rtol=1e-9)
    assert shift.describe(hotel, lang="en") == "50 % of contacts Usage moved to Online (only Leisure couples)"
    # together the segments' shifts save at the sources what the shift of all of them saves
    everyone = apply_changes(hotel, Scenario("x", (ShiftMix(0.5, "usage"),)))
    saved = sum(base.cost[source] - apply_changes(hotel, Scenario("x", (ShiftMix(0.5, "usage", "online", s),))).cost[source]
                for s in base.segments)
    assert_allclose(saved, base.cost[source] - everyone.cost[source], rtol=1e-9)


def test_the_search_keeps_its_limits_and_chooses_the_best_option_it_tried(hotel, plan):
    assert len(plan.chosen) > 0
    assert (plan.chosen["share"] <= plan.chosen["limit"] + 1e-9).all()
    assert plan.chosen["cost"].sum() <= 1e-6                    # the mix pays for itself
    for row in plan.chosen.itertuples():
        tried = plan.options[(plan.options["phase"] == row.phase) & (plan.options["segment_id"] == row.segment_id)
                             & (plan.options["cost"] <= 0)]
        assert row.effect == pytest.approx(tried["effect"].max())
    # the options' effects are the planner's own simulations
    row = plan.options.iloc[0]
    alone = simulate(hotel, Scenario("m", (ShiftMix(row["share"], row["phase"], row["towards"], row["segment_id"]),)),
                     bands=False)
    assert row["effect"] == pytest.approx(objective_value(alone, segments=focus_segments(hotel), objective="customers"))
    # the summary is the chosen shifts simulated together, with their intervals
    together = plan.summary.set_index("metric")
    assert together.loc["customers", "delta"] == pytest.approx(
        objective_value(plan.result, segments=focus_segments(hotel), objective="customers"))
    assert (together["delta_low"] <= together["delta"] + 1e-9).all() and (together["delta"] <= together["delta_high"] + 1e-9).all()
    years = parameter_values(Scenario("x"))["horizon_months"] / 12
    assert together.loc[NET, "delta"] == pytest.approx(together.loc["contribution", "delta"]
                                                       - years * together.loc["touchpoint_cost", "delta"])


def test_without_a_cost_limit_the_search_may_spend_and_net_weighs_money(hotel):
    spending = best_mix(hotel, cost_limit=None)
    assert spending.summary.set_index("metric").loc["customers", "delta"] >= \
        best_mix(hotel).summary.set_index("metric").loc["customers", "delta"] - 1e-9
    net = best_mix(hotel, objective=NET, cost_limit=None)
    assert (net.chosen["effect"] > 0).all()


def test_an_imported_survey_without_costs_or_revenue_gets_an_honest_answer():
    export = read_export("p.csv", data=se.passenger_survey())
    project = read_survey(export, guess_mapping(export))
    plan = best_mix(project, objective=NET)              # no revenue: net falls back to customers
    assert plan.chosen.empty or (plan.chosen["effect"] > 0).all()
    assert channel_preferences(project)["small"].all()  # six answers: no segment is shifted
    assert plan.options.empty


def test_no_online_touchpoint_in_a_phase_means_no_shift_there(hotel):
    offline_only = with_tables(hotel, touchpoints=hotel.touchpoints.assign(
        channel=hotel.touchpoints["channel"].where(hotel.touchpoints["phase"] != "purchase", "offline")))
    prefs = channel_preferences(offline_only)
    assert "purchase" not in set(prefs["phase"])
    assert "purchase" not in set(best_mix(offline_only).options["phase"])


def test_shifts_of_several_segments_add_up_whatever_their_order(hotel):
    """Each segment's part of a touchpoint's contacts comes from the baseline, so the segments' shifts in one
    scenario cost the same in any order, and as much as each alone summed at the source touchpoints."""
    segments = ["business", "conference", "leisure", "regulars"]
    shifts = [ShiftMix(0.5, "usage", "offline", s) for s in segments]
    forward = simulate(hotel, Scenario("a", tuple(shifts)), bands=False).value("touchpoint_cost", column="delta")
    backward = simulate(hotel, Scenario("b", tuple(reversed(shifts))), bands=False).value("touchpoint_cost",
                                                                                        column="delta")
    assert forward == pytest.approx(backward)
    plan = best_mix(hotel)
    assert plan.summary.set_index("metric").loc["touchpoint_cost", "delta"] <= 1e-6    # together within the limit

"""Networks that can be built (finding 8 of the method check): a segment's network from the method's scored
checklist, measures at loyalty and brand touchpoints that move its conversion, and the network's part of a
scenario's effect on its own — each checked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tpkit import load_sample, with_tables
from tpkit.network import STRONG_SCORE, default_rates, network_checklist, referrals_per_year
from tpkit.scenario import (TOTAL, ApplyMeasure, RemoveTouchpoint, Scenario, apply_changes, baseline, network_effect,
                            parameter_values, simulate)
from tpkit.scenario.outcomes import network_conversion
from tpkit.schema import NETWORK_TRAITS


@pytest.fixture(scope="module")
def hotel():
    return load_sample("hotel")


def test_the_checklist_scores_the_four_traits_and_decides_the_network(hotel):
    table = network_checklist(hotel.segments).set_index("segment_id")
    seg = hotel.segments.set_index("segment_id")
    assert (table["score"] == seg[list(NETWORK_TRAITS)].sum(axis=1)).all()
    assert ((table["checklist"] == "strong") == (table["score"] >= STRONG_SCORE)).all()
    assert (table["source"] == "checklist").all() and table["agrees"].all()    # the sample's typed values agree
    assert table.loc["business", "score"] == 5 and table.loc["bus_tours", "network"] == "weak"


def test_the_checklist_overrides_a_typed_network_and_the_model_follows(hotel):
    segments = hotel.segments.copy()
    segments.loc[segments["segment_id"] == "leisure", list(NETWORK_TRAITS)] = [2, 2, 1, 1]      # 6 of 8
    segments.loc[segments["segment_id"] == "business", "network_invitation"] = pd.NA           # not scored
    project = with_tables(hotel, segments=segments)
    table = network_checklist(project.segments).set_index("segment_id")
    assert table.loc["leisure", "network"] == "strong" and not table.loc["leisure", "agrees"]
    assert table.loc["business", "source"] == "typed" and table.loc["business", "network"] == "strong"
    b = baseline(project)
    assert b.network[b.segments.index("leisure")] == "strong"
    assert b.sources["network"][b.segments.index("leisure")] == "data"


def test_a_loyalty_measure_moves_the_networks_conversion_by_hand(hotel):
    b = baseline(hotel)
    params = parameter_values(Scenario("x"))
    state = apply_changes(hotel, Scenario("club", (ApplyMeasure("M12"),)))      # loyalty club, +0.6 points
    factor = network_conversion(b, state, params)
    tp = hotel.touchpoints
    carrying = ((tp["phase"] == "loyalty") | (tp["kind"] == "brand")).to_numpy()
    club = tp["touchpoint_id"].tolist().index("loyalty_club")
    i = b.segments.index("regulars")
    step = state.performance[i, club] - b.performance[i, club]
    assert step == pytest.approx(min(0.6, hotel.rating_scale.high - b.performance[i, club]))
    expected = 1 + params["network_lift"] * b.reach[i, club] * step / b.reach[i, carrying].sum()
    assert factor[i] == pytest.approx(expected)
    assert factor[b.segments.index("bus_tours")] == 1.0                         # they do not meet the club
    closed = network_conversion(b, apply_changes(hotel, Scenario("x", (RemoveTouchpoint("loyalty_club"),))), params)
    assert closed[i] < 1.0


def test_the_network_effect_on_its_own(hotel):
    both = Scenario("club", (ApplyMeasure("M12"), ApplyMeasure("M09")))
    effect = network_effect(hotel, both).set_index(["segment_id", "metric"])
    assert effect.loc[("regulars", "referrals"), "network_effect"] > 0
    segments = [s for s in hotel.segments["segment_id"]]
    assert effect.loc[(TOTAL, "referrals"), "network_effect"] == pytest.approx(
        sum(effect.loc[(s, "referrals"), "network_effect"] for s in segments))
    flat = network_effect(hotel, both.with_parameter("network_lift", 0.0))
    assert (flat["network_effect"] == 0).all()
    # with the lift the projection is the simulation's own; without it, the simulation with network_lift 0
    plain = simulate(hotel, both.with_parameter("network_lift", 0.0), bands=False)
    assert effect.loc[("regulars", "referrals"), "without_network"] == pytest.approx(
        plain.value("referrals", segment="regulars", column="delta"))
    assert simulate(hotel, both).network.equals(network_effect(hotel, both))
    assert simulate(hotel, Scenario("wifi", (ApplyMeasure("M01"),))).network.empty   # no loyalty or brand touchpoint


def test_weak_networks_reach_more_contacts_at_a_lower_conversion():
    rates = default_rates()
    assert rates.loc["weak", "promoter_contacts"] > rates.loc["strong", "promoter_contacts"]
    assert rates.loc["weak", "promoter_conversion"] < rates.loc["strong", "promoter_conversion"]
    strong = referrals_per_year(rates.loc["strong", "promoter_contacts"], rates.loc["strong", "promoter_conversion"])
    weak = referrals_per_year(rates.loc["weak", "promoter_contacts"], rates.loc["weak", "promoter_conversion"])
    assert strong > weak
    # a higher conversion in a strong network steepens the chain: the "Lovestorm" as R nears 1
    assert np.all(np.diff(referrals_per_year(4.0, np.array([0.05, 0.1, 0.2, 0.23]))) > 0)

"""Survey weights in every estimate: equal weights change nothing, unequal weights give the weighted figures."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tpkit import evaluation, key_drivers, with_tables
from tpkit.datasets import load_sample
from tpkit.scenario import Scenario, simulate


@pytest.fixture(scope="module")
def hotel():
    return load_sample("hotel")


def weighted(project, weights):
    return with_tables(project, respondents=project.respondents.assign(weight=weights))


def test_weights_of_one_give_the_unweighted_performance_drivers_and_what_if(hotel):
    ones = weighted(hotel, 1.0)
    pd.testing.assert_frame_equal(evaluation.performance(hotel), evaluation.performance(ones), rtol=1e-10)
    pd.testing.assert_frame_equal(key_drivers(hotel, n_boot=20), key_drivers(ones, n_boot=20), rtol=1e-9)
    plain, same = simulate(hotel, Scenario("x")).kpis, simulate(ones, Scenario("x")).kpis
    pd.testing.assert_frame_equal(plain, same, rtol=1e-9)


def test_the_what_if_baseline_is_the_weighted_nps_of_each_segment(hotel):
    rng = np.random.default_rng(9)
    project = weighted(hotel, rng.uniform(0.2, 3.0, len(hotel.respondents)))
    kpis = simulate(project, Scenario("x")).kpis
    base = kpis[kpis["metric"] == "nps"].set_index("segment_id")["baseline"]
    scores = evaluation.headline(project.respondents, by="segment_id", min_n=1).set_index("group")["value"]
    for segment in hotel.segments["segment_id"]:
        assert abs(base[segment] - scores[segment]) < 1e-9
    unweighted = evaluation.headline(hotel.respondents, by="segment_id", min_n=1).set_index("group")["value"]
    assert not np.allclose(scores.sort_index(), unweighted.sort_index())


def test_a_heavier_group_moves_the_weighted_performance_toward_its_ratings(hotel):
    # business travellers weigh 5, everyone else 1: the spa's overall mean moves toward the business mean
    weights = np.where(hotel.respondents["segment_id"] == "business", 5.0, 1.0)
    project = weighted(hotel, weights)
    spa = lambda p, s=None: evaluation.performance(p, segment=s).set_index("touchpoint_id").loc["spa", "performance"]
    business, everyone, heavy = spa(hotel, "business"), spa(hotel), spa(project)
    assert abs(heavy - business) < abs(everyone - business)
    ratings = hotel.ratings[hotel.ratings["touchpoint_id"] == "spa"].merge(
        project.respondents[["respondent_id", "weight"]], on="respondent_id")
    assert abs(heavy - np.average(ratings["performance"], weights=ratings["weight"])) < 1e-12


def test_incident_shares_are_weighted_and_equal_weights_change_nothing(hotel):
    pd.testing.assert_frame_equal(evaluation.incidents(hotel), evaluation.incidents(weighted(hotel, 2.0)), rtol=1e-10)
    rng = np.random.default_rng(1)
    project = weighted(hotel, rng.uniform(0.5, 2.0, len(hotel.respondents)))
    ours = evaluation.incidents(project).set_index("touchpoint_id").loc["wifi"]
    # by hand: the weight of the detractors with a negative Wi-Fi incident over the weight of those who met it
    rows = hotel.ratings[hotel.ratings["touchpoint_id"] == "wifi"].merge(project.respondents, on="respondent_id")
    detractors = rows[rows["recommend"] <= 6]
    share = detractors.loc[detractors["incident"] == "negative", "weight"].sum() / detractors["weight"].sum()
    assert abs(ours["negative_among_detractors"] - share) < 1e-12 and ours["n_detractors"] == len(detractors)


def test_a_segment_whose_weights_are_all_zero_weighs_no_driver(hotel):
    weights = np.where(hotel.respondents["segment_id"] == "business", 0.0, 1.0)
    drivers = key_drivers(weighted(hotel, weights), segment="business", n_boot=0)
    assert drivers["weight"].isna().all() and drivers["small"].all()


def test_inside_outside_weighs_the_customers(hotel):
    rng = np.random.default_rng(3)
    project = weighted(hotel, rng.uniform(0.2, 3.0, len(hotel.respondents)))
    gaps = evaluation.inside_outside(project).set_index("touchpoint_id")
    perf = evaluation.performance(project).set_index("touchpoint_id")
    assert (gaps["customer_mean"] - perf["performance"]).abs().max() < 1e-12

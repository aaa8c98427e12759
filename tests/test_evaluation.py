"""Evaluation figures by hand, against statsmodels/scipy, by simulation, and against the planted truth."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

from tpkit import ModelError, load_project
from tpkit.datasets import SAMPLES, ground_truth, load_sample
from tpkit.evaluation import (classify, incidents, inside_outside, ipa, met_flag, nps, nps_pairwise, nps_test,
                              performance, segment_differences, segment_performance)
from tpkit.stats import holm, mean_interval, nps_interval, wilson_interval


def test_nps_by_hand():
    r = pd.DataFrame({"recommend": [10, 9, 9, 8, 7, 6, 0, 10, 5, 9], "g": list("aaaaabbbbb")})
    table = nps(r, by="g", min_n=1).set_index("group")
    assert table.loc["a", ["n", "promoters", "passives", "detractors", "nps"]].tolist() == [5, 0.6, 0.4, 0.0, 60.0]
    assert table.loc["b", "nps"] == pytest.approx(100 * (2 - 3) / 5)
    # adjusted Wald: p+ = (3+1)/8, p- = (0+1)/8, nps = 37.5, se = sqrt((0.5 + 0.125 - 0.375²)/8)
    se = math.sqrt((0.5 + 0.125 - 0.375**2) / 8)
    assert table.loc["a", "nps_low"] == pytest.approx(100 * (0.375 - 1.959963985 * se), abs=1e-6)
    assert table.loc["a", "nps_high"] == pytest.approx(100 * (0.375 + 1.959963985 * se), abs=1e-6)
    assert table["rank"].tolist() == [1, 2]


def test_small_groups_are_flagged_not_ranked():
    r = pd.DataFrame({"recommend": [10] * 40 + [0] * 5, "g": ["big"] * 40 + ["tiny"] * 5})
    table = nps(r, by="g").set_index("group")
    assert bool(table.loc["tiny", "small"]) and pd.isna(table.loc["tiny", "rank"])
    assert table.loc["big", "rank"] == 1
    assert nps_pairwise(r, by="g").empty and nps_test(r, by="g")["groups"].iloc[0] == 1


@pytest.mark.parametrize("n", [20, 60, 300])
@pytest.mark.parametrize("shares", [(0.5, 0.3, 0.2), (0.9, 0.08, 0.02), (0.2, 0.3, 0.5)])
def test_nps_interval_covers_the_truth_about_95_percent(n, shares):
    rng = np.random.default_rng(n)
    true = 100 * (shares[0] - shares[2])
    draws = rng.multinomial(n, shares, size=5000).astype(float)
    low, high = nps_interval(draws[:, 0], draws[:, 2], np.full(5000, float(n)), confidence=0.95)
    coverage = np.mean((low <= true) & (true <= high))
    assert 0.92 <= coverage <= 0.99
    # the interval the public function reports is this one
    r = pd.DataFrame({"recommend": np.repeat([10, 8, 0], draws[0].astype(int))})
    row = nps(r, min_n=1).iloc[0]
    assert (row["nps_low"], row["nps_high"]) == pytest.approx((low[0], high[0]))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1, allow_nan=False), min_size=1, max_size=30))
def test_holm_equals_statsmodels(p):
    assert holm(p) == pytest.approx(multipletests(p, method="holm")[1])


@given(st.integers(min_value=1, max_value=500), st.data())
def test_wilson_equals_statsmodels(n, data):
    k = data.draw(st.integers(min_value=0, max_value=n))
    low, high = wilson_interval(k, n)
    ref = proportion_confint(k, n, method="wilson")
    assert float(low) == pytest.approx(ref[0], abs=1e-9) and float(high) == pytest.approx(ref[1], abs=1e-9)


def test_nps_pairwise_and_chi_square_against_scipy():
    from scipy import stats
    p = load_sample("hotel")
    pw = nps_pairwise(p.respondents, by="segment_id")
    assert len(pw) == 10 and (pw["p_adjusted"] >= pw["p_value"] - 1e-15).all()
    assert pw["p_adjusted"].tolist() == pytest.approx(multipletests(pw["p_value"], method="holm")[1].tolist())
    row = pw[(pw.group_a == "regulars") & (pw.group_b == "bus_tours")].iloc[0]
    table = nps(p.respondents, by="segment_id").set_index("group")
    assert row["diff"] == pytest.approx(table.loc["regulars", "nps"] - table.loc["bus_tours", "nps"])
    counts = pd.crosstab(p.respondents["segment_id"], pd.cut(p.respondents["recommend"], [-1, 6, 8, 10]))
    assert nps_test(p.respondents, by="segment_id")["p_value"].iloc[0] == pytest.approx(
        stats.chi2_contingency(counts.to_numpy())[1])


def test_met_flag_groups(tiny_dir):
    project = load_project(tiny_dir)
    flagged = met_flag(project, touchpoint="hotline")
    assert flagged.set_index("respondent_id")["met"].to_dict() == {"r1": "not_met", "r2": "met", "r3": "not_met",
                                                                   "r4": "met"}


def test_performance_incidents_and_gap_by_hand(tiny_dir):
    project = load_project(tiny_dir)
    perf = performance(project, min_n=1).set_index("touchpoint_id")
    assert perf.loc["hotline", ["n", "performance", "stated_importance"]].tolist() == [2, 3.5, 4.5]
    assert perf.loc["hotline", "performance_low"] == pytest.approx(mean_interval([2, 5])[1])
    inc = incidents(project, min_n=1).set_index("touchpoint_id")
    # promoters r1 (10) and r4 (9); detractor r3 (3); r2 (7) is passive
    assert inc.loc["hotline", ["n_promoters", "positive", "positive_among_promoters"]].tolist() == [1, 1, 1.0]
    assert inc.loc["web", ["n_promoters", "positive"]].tolist() == [1, 1]
    assert inc.loc["portal", ["n_detractors", "negative", "negative_among_detractors"]].tolist() == [1, 0, 0.0]
    gap = inside_outside(project, min_n=1).set_index("touchpoint_id")
    assert gap.loc["shop", ["customer_mean", "employee_mean", "gap"]].tolist() == [4.0, 5.0, 1.0]
    assert gap.loc["hotline", "gap"] == pytest.approx(4 - 3.5)


def test_classify_thresholds_and_missing():
    out = classify(pd.Series([4.0, np.nan]), pd.Series([2.0, 4.0]), importance_threshold=3,
                   performance_threshold=3)
    assert out.iloc[0] == "critical" and pd.isna(out.iloc[1])


def test_hotel_critical_touchpoints_are_found():
    truth = ground_truth("hotel")
    table = ipa(load_sample("hotel"))
    derived = set(table.loc[table["class_derived"] == "critical", "touchpoint_id"])
    stated = set(table.loc[table["class_stated"] == "critical", "touchpoint_id"])
    assert set(truth["critical"]) <= derived | stated
    assert {"checkin_desk", "checkout", "wifi"} <= derived
    assert set(truth["strengths"]) <= set(table.loc[table["class_derived"] == "strength", "touchpoint_id"])
    # the planted stated-importance bias (everyone says parking matters; it drives nothing) shows as disagreement
    parking = table.set_index("touchpoint_id").loc["parking"]
    assert parking["class_stated"] == "critical" and parking["class_derived"] != "critical" and not parking["agree"]
    assert table["performance_threshold"].nunique() == 1 and table["derived_threshold"].iloc[0] == pytest.approx(1 / 40)


@pytest.mark.parametrize("segment", ["business", "leisure", "regulars"])
def test_segment_critical_touchpoints_match_the_plant(segment):
    truth = set(ground_truth("hotel")["critical_by_segment"][segment])
    table = ipa(load_sample("hotel"), segment=segment)
    assert truth <= set(table.loc[table["class_derived"] == "critical", "touchpoint_id"])


@pytest.mark.parametrize("sample", SAMPLES)
def test_blind_spots_are_the_planted_ones(sample):
    truth = ground_truth(sample)
    gaps = inside_outside(load_sample(sample))
    assert set(gaps.loc[gaps["blind_spot"], "touchpoint_id"]) == set(truth["blind_spots"])
    assert gaps["blind_spot"].iloc[: len(truth["blind_spots"])].all()  # listed first
    hidden = gaps.set_index("touchpoint_id").loc[truth["hidden_strengths"]]
    assert (hidden["gap"] < 0).all()


def test_detractor_incidents_point_at_the_critical_touchpoints():
    inc = incidents(load_sample("hotel"))
    top = set(inc["touchpoint_id"].head(5))
    assert {"wifi", "checkout"} <= top


def test_segment_comparisons():
    p = load_sample("hotel")
    perf = segment_performance(p)
    assert perf["n"].sum() == len(p.ratings)
    diff = segment_differences(p)
    assert (diff["p_adjusted"].dropna() >= diff["p_value"].dropna() - 1e-15).all()
    assert set(diff.columns) >= {"best_segment", "worst_segment", "spread", "significant"}


def test_any_respondent_column_groups_the_performance(tmp_path):
    """A travel type kept in respondents.csv (an extra column) groups performance like the segments do;
    checked against a pandas groupby of the merged ratings."""
    from tpkit import load_project, save_project, with_tables

    hotel = load_sample("hotel")
    travel = np.where(np.arange(len(hotel.respondents)) % 3 == 0, "Privatreise", "Geschäftsreise")
    project = load_project(save_project(with_tables(hotel, respondents=hotel.respondents.assign(reiseart=travel)),
                                        tmp_path / "p"))
    table = segment_performance(project, by="reiseart", min_n=1)
    merged = project.ratings.merge(project.respondents[["respondent_id", "reiseart"]], on="respondent_id")
    expected = merged.groupby(["touchpoint_id", "reiseart"])["performance"].agg(["mean", "size"])
    got = table.set_index(["touchpoint_id", "reiseart"])
    assert set(got.index) == set(expected.index)
    assert np.allclose(got.loc[expected.index, "performance"].to_numpy(dtype=float), expected["mean"].to_numpy(dtype=float))
    assert (got.loc[expected.index, "n"].to_numpy() == expected["size"].to_numpy()).all()
    diff = segment_differences(project, by="reiseart")
    assert set(diff["best_segment"].dropna()) <= {"Privatreise", "Geschäftsreise"}
    with pytest.raises(ModelError, match="reiseart"):
        segment_performance(project, by="reisart")


def test_missing_data_is_said_not_measured_as_zero():
    """No stated importance, no incidents, no employee ratings: no verdict, no zero."""
    from tpkit import with_tables
    from tpkit.evaluation import incidents_recorded

    hotel = load_sample("hotel")
    bare = with_tables(hotel, ratings=hotel.ratings.drop(columns=["incident"]).assign(
        importance=pd.array([pd.NA] * len(hotel.ratings), dtype="Int64")), employee_ratings=hotel.employee_ratings.iloc[0:0])
    assert not incidents_recorded(bare)
    found = incidents(bare)
    assert found["negative_among_detractors"].isna().all() and found["positive_among_promoters"].isna().all()
    classes = ipa(bare, n_boot=0)
    assert classes["class_stated"].isna().all() and classes["agree"].isna().all()
    gaps = inside_outside(bare)
    assert gaps["blind_spot"].isna().all() and gaps["employee_mean"].isna().all()


def test_a_recommendation_outcome_without_spread_is_named_and_the_planner_says_so():
    """A yes/no coded 0/10 (the passenger survey of issue 13) never crosses a class boundary when shifted:
    outcome_shape says so, and the what-if planner shows it above its figures."""
    from tpkit import with_tables
    from tpkit.evaluation import outcome_shape
    from tpkit.ui.whatif import WhatIfApp

    hotel = load_sample("hotel")
    coded = hotel.respondents.assign(recommend=np.where(hotel.respondents["recommend"] >= 8, 10, 0))
    shape = outcome_shape(coded)
    assert shape["status"] == "two_values" and shape["values"] == [0, 10]
    assert outcome_shape(hotel.respondents)["status"] == "ok"
    app = WhatIfApp("en")
    assert app.outcome_note.value == ""
    key = "upload:coded.zip"   # as an upload would add it
    app.picker.projects[key], app.picker.upload_names[key] = with_tables(hotel, respondents=coded), "coded.zip"
    app.picker.relabel()
    app.picker.project_dd.value = key
    assert "only two values (0, 10)" in app.outcome_note.value


def test_performance_by_any_respondent_column_equals_a_pandas_groupby():
    hotel = load_sample("hotel")
    table = performance(hotel, by="loyalty", segment="business", min_n=1).set_index(["touchpoint_id", "loyalty"])
    merged = hotel.ratings.merge(hotel.respondents, on="respondent_id")
    merged = merged[merged["segment_id"] == "business"]
    expected = merged.groupby(["touchpoint_id", "loyalty"])["performance"].agg(["mean", "std", "size"])
    assert set(table.index) == set(expected.index)
    got = table.loc[expected.index]
    assert np.allclose(got["performance"].to_numpy(float), expected["mean"].to_numpy(float))
    assert (got["n"].to_numpy() == expected["size"].to_numpy()).all()
    from scipy import stats
    half = stats.t.ppf(0.975, expected["size"] - 1) * expected["std"] / np.sqrt(expected["size"])
    ok = expected["size"] > 1
    assert np.allclose((got["performance_high"] - got["performance"]).to_numpy(float)[ok], half.to_numpy(float)[ok])


def test_weakest_link_split_matches_the_hand_computed_nps():
    """Respondents with any negative incident against those without (the hotel: NPS 1.5 of 1,164 against
    49.8 of 1,236), and any rating in the bottom two points; each figure is the plain NPS of its group."""
    from tpkit.evaluation import weakest_link

    hotel = load_sample("hotel")
    split = weakest_link(hotel).set_index(["split", "failed"])
    negative = set(hotel.ratings.loc[hotel.ratings["incident"] == "negative", "respondent_id"])
    low = set(hotel.ratings.loc[hotel.ratings["performance"] <= 2, "respondent_id"])
    for name, ids in (("incident", negative), ("rating", low)):
        for failed in (True, False):
            answers = hotel.respondents.loc[hotel.respondents["respondent_id"].isin(ids) == failed, "recommend"]
            expected = 100 * ((answers >= 9).mean() - (answers <= 6).mean())
            row = split.loc[(name, failed)]
            assert row["n"] == len(answers) and row["value"] == pytest.approx(expected)
            assert row["value_low"] < row["value"] < row["value_high"]
    assert split.loc[("incident", True), "n"] == 1164 and round(split.loc[("incident", True), "value"], 1) == 1.5
    assert split.loc[("incident", False), "p_value"] < 1e-10

"""Questions 6 to 9, each from its own evidence: checked by hand with pandas, against evaluation.incidents,
against the samples' planted truth, and on a survey without incidents, loyalty or customer numbers."""

from __future__ import annotations

import json

import pytest
from numpy.testing import assert_allclose
from scipy import stats

import survey_exports as se
from tpkit import guess_mapping, load_sample, read_export, read_survey, with_tables
from tpkit.datasets import sample_path
from tpkit.evaluation import incidents
from tpkit.levers import (LEVER_FIGURE, LEVERS, develop_fans, generate_referrals, lever_table, lose_fewer,
                          measure_effects, win_more)
from tpkit.network import default_rates, referrals_per_year
from tpkit.scenario import TOTAL, ApplyMeasure, Scenario, simulate
from tpkit.stats import wilson_interval
from tpkit.strategy import focus_segments


@pytest.fixture(scope="module")
def hotel():
    return load_sample("hotel")


def _merged(project):
    return project.ratings.merge(project.respondents, on="respondent_id")


def test_keep_counts_the_desired_detractors_negative_incidents_by_hand(hotel):
    desired = focus_segments(hotel)
    rows = _merged(hotel)
    detractors = hotel.respondents[hotel.respondents["segment_id"].isin(desired) & (hotel.respondents["recommend"] <= 6)]
    hurt = rows[rows["respondent_id"].isin(detractors["respondent_id"]) & (rows["incident"] == "negative")]
    by_hand = hurt.groupby("touchpoint_id").size() / len(detractors)
    keep = lose_fewer(hotel).set_index("touchpoint_id")
    assert (keep["n"] == len(detractors)).all()
    assert_allclose(keep["detractors_hurt"], by_hand.reindex(keep.index).fillna(0.0), rtol=1e-12)
    low, high = wilson_interval(by_hand["wifi"] * len(detractors), len(detractors))
    assert_allclose([keep.loc["wifi", "detractors_hurt_low"], keep.loc["wifi", "detractors_hurt_high"]], [low, high])
    assert keep["rank"].iloc[0] == 1 and keep["detractors_hurt"].is_monotonic_decreasing


def test_per_contact_share_is_the_one_evaluation_incidents_gives(hotel):
    keep = lose_fewer(hotel, segment="business").set_index("touchpoint_id")
    reference = incidents(hotel, segment="business").set_index("touchpoint_id").loc[keep.index]
    met = keep["n_met"] > 0
    assert_allclose(keep.loc[met, "among_met"], reference.loc[met, "negative_among_detractors"], rtol=1e-12)
    assert_allclose(keep.loc[met, "among_met_low"], reference.loc[met, "negative_low"], rtol=1e-9)
    fans = develop_fans(hotel, segment="business").set_index("touchpoint_id")
    assert_allclose(fans["among_met"].dropna(), reference["positive_among_promoters"].loc[fans["among_met"].dropna().index],
                    rtol=1e-12)


def test_the_samples_planted_truth_keep_finds_the_critical_fans_the_strengths(hotel):
    truth = json.loads((sample_path("hotel") / "ground_truth.json").read_text(encoding="utf-8"))
    keep, fans = lose_fewer(hotel), develop_fans(hotel)
    assert set(keep["touchpoint_id"].head(3)) <= set(truth["critical"])
    assert set(fans["touchpoint_id"].head(3)) == set(truth["strengths"])


def test_four_questions_get_four_different_answers(hotel):
    tables = {lever: lever_table(hotel, lever) for lever in LEVERS}
    assert set(tables["win"]["phase"]) == {"pre_purchase"} and set(tables["referrals"]["phase"]) == {"loyalty"}
    keep, fans = tables["keep"].set_index("touchpoint_id"), tables["fans"].set_index("touchpoint_id")
    common = keep.index.intersection(fans.index)
    rho = stats.spearmanr(keep.loc[common, "detractors_hurt"], fans.loc[common, "promoters_delighted"]).statistic
    assert rho < 0.9                     # the one-lever answer correlated at 0.98–0.999
    assert set(keep.index[:3]).isdisjoint(fans.index[:3])
    for lever, table in tables.items():
        assert LEVER_FIGURE[lever] in table


def test_win_looks_at_new_customers_and_their_experience_by_hand(hotel):
    desired = focus_segments(hotel)
    resp = hotel.respondents
    new = resp[resp["segment_id"].isin(desired) & (resp["loyalty"] == "new")]
    rows = hotel.ratings[hotel.ratings["respondent_id"].isin(new["respondent_id"])]
    not_good = rows[rows["performance"] < 4].groupby("touchpoint_id").size() / len(new)
    win = win_more(hotel).set_index("touchpoint_id")
    assert (win["n"] == len(new)).all() and (win["base"] == "new").all()
    assert_allclose(win["new_not_good"], not_good.reindex(win.index).fillna(0.0), rtol=1e-12)
    assert_allclose(win.loc["website", "performance"], rows.loc[rows["touchpoint_id"] == "website", "performance"].mean())
    # new desired customers a year reached per 1,000 contacts, segment by segment
    reached = 0.0
    for s in desired:
        asked = resp[resp["segment_id"] == s]
        new_s = asked[asked["loyalty"] == "new"]
        met = hotel.ratings[hotel.ratings["respondent_id"].isin(new_s["respondent_id"])
                            & (hotel.ratings["touchpoint_id"] == "website")]
        customers = float(hotel.segments.set_index("segment_id").loc[s, "customers"])
        reached += customers * len(met) / len(asked)     # customers · new share · reach among the new
    contacts = float(hotel.touchpoints.set_index("touchpoint_id").loc["website", "annual_contacts"])
    assert win.loc["website", "per_1000_contacts"] == pytest.approx(1000 * reached / contacts)


def test_referrals_follow_the_promoters_reached_and_their_network_by_hand(hotel):
    ref = generate_referrals(hotel).set_index("touchpoint_id")
    rates = default_rates()
    resp = hotel.respondents
    expected = 0.0
    for s in focus_segments(hotel):
        seg = hotel.segments.set_index("segment_id").loc[s]
        promoters = resp[(resp["segment_id"] == s) & (resp["recommend"] >= 9)]
        met = hotel.ratings[hotel.ratings["respondent_id"].isin(promoters["respondent_id"])
                            & (hotel.ratings["touchpoint_id"] == "loyalty_club")]
        per = referrals_per_year(rates.loc[seg["network"], "promoter_contacts"], rates.loc[seg["network"], "promoter_conversion"])
        expected += float(seg["customers"]) * len(promoters) / (resp["segment_id"] == s).sum() * len(met) / len(promoters) * per
    assert ref.loc["loyalty_club", "referrals"] == pytest.approx(expected)
    assert (ref["referrals_low"] <= ref["referrals"]).all() and (ref["referrals"] <= ref["referrals_high"]).all()
    assert ref["referrals"].is_monotonic_decreasing and "tour_forums" not in ref.index   # only the coach tours meet it


def test_the_measures_effects_are_the_what_if_models(hotel):
    effects = measure_effects(hotel).set_index(["lever", "touchpoint_id"])
    result = simulate(hotel, Scenario("m", (ApplyMeasure("M01"), ApplyMeasure("M15"))))
    kpis = result.kpis[result.kpis["segment_id"].isin(focus_segments(hotel)) & (result.kpis["segment_id"] != TOTAL)]
    sums = kpis.groupby("metric")["delta"].sum()
    assert effects.loc[("win", "wifi"), "measure_effect"] == pytest.approx(sums["won"])
    assert effects.loc[("keep", "wifi"), "measure_effect"] == pytest.approx(-sums["lost"])
    assert effects.loc[("keep", "wifi"), "measures"] == "M01, M15"
    assert effects.loc[("keep", "checkout"), "measures"] == "M02, M03"
    keep = lose_fewer(hotel).set_index("touchpoint_id")
    assert keep.loc["wifi", "measures"] == "M01, M15" and keep.loc["reviews", "measures"] == ""
    assert (effects["measure_effect_low"] <= effects["measure_effect_high"]).all()


def test_without_incidents_the_ratings_are_the_evidence_and_it_says_so(hotel):
    plain = with_tables(hotel, ratings=hotel.ratings.drop(columns=["incident"]))
    keep = lose_fewer(plain, segment="business").set_index("touchpoint_id")
    assert (keep["evidence"] == "rating").all()
    rows = _merged(plain)
    detractors = rows[(rows["segment_id"] == "business") & (rows["recommend"] <= 6)]
    n = hotel.respondents.query("segment_id == 'business' and recommend <= 6").shape[0]
    low = detractors[detractors["performance"] <= 2].groupby("touchpoint_id").size() / n
    assert_allclose(keep["detractors_hurt"], low.reindex(keep.index).fillna(0.0), rtol=1e-12)


def test_survey_weights_of_one_change_nothing(hotel):
    weighted = with_tables(hotel, respondents=hotel.respondents.assign(weight=1.0))
    for lever in LEVERS:
        a, b = lever_table(hotel, lever), lever_table(weighted, lever)
        figure = LEVER_FIGURE[lever]
        assert_allclose(a[figure], b[figure], rtol=1e-12)


def test_an_imported_yes_no_survey_without_loyalty_or_customers_answers_honestly():
    export = read_export("p.csv", data=se.passenger_survey())
    project = read_survey(export, guess_mapping(export))
    win = win_more(project)
    assert (win["base"] == "all").all() and win["per_1000_contacts"].isna().all()
    ref = generate_referrals(project)
    assert ref["referrals"].isna().all()
    for lever in LEVERS:
        table = lever_table(project, lever)
        assert table["small"].all() and table["rank"].isna().all()   # six answers: flagged, not ranked

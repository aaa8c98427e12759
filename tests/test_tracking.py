"""Tracking over time against the two-wave hotel's planted truth: the changes between the waves (Welch and
the headline test, Holm), whether each measure worked against its promise, honest traffic lights, and
whether the what-if model predicted the second wave."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from tpkit import ModelError, load_project, load_sample, save_project, with_tables
from tpkit.datasets import sample_path
from tpkit.evaluation import performance
from tpkit.recommendation import headline_pairwise
from tpkit.scenario import ApplyMeasure, Scenario
from tpkit.strategy import target_levels
from tpkit.tracking import changes, measure_check, measured_scenario, prediction_check, target_lights, waves


@pytest.fixture(scope="module")
def tracked():
    return load_sample("hotel_waves")


@pytest.fixture(scope="module")
def truth():
    return json.loads((sample_path("hotel_waves") / "ground_truth.json").read_text(encoding="utf-8"))


def test_waves_are_ordered_by_date_and_a_project_without_waves_says_so(tracked):
    assert waves(tracked) == ["2026-05", "2027-09"]
    relabelled = with_tables(tracked, respondents=tracked.respondents.assign(
        wave=tracked.respondents["wave"].map({"2026-05": "2026-11", "2027-09": "2026-02"})))
    assert waves(relabelled) == ["2026-02", "2026-11"]
    with pytest.raises(ModelError, match="two survey waves") as error:
        changes(load_sample("hotel"))
    assert "wave" in error.value.message("de")


def test_the_changes_find_the_planted_effects_and_nothing_else(tracked, truth):
    table = changes(tracked)
    touchpoints = table[table["figure"] == "performance"].set_index("touchpoint_id")
    for tp, effect in truth["effects"].items():
        assert touchpoints.loc[tp, "change_low"] <= effect <= touchpoints.loc[tp, "change_high"], tp
    assert set(touchpoints.index[touchpoints["significant"]]) == {t for t, e in truth["effects"].items() if e > 0}
    # Welch by hand, against scipy
    ratings = tracked.ratings.merge(tracked.respondents[["respondent_id", "wave"]])
    x = ratings.query("touchpoint_id == 'wifi' and wave == '2026-05'")["performance"].to_numpy(float)
    y = ratings.query("touchpoint_id == 'wifi' and wave == '2027-09'")["performance"].to_numpy(float)
    assert touchpoints.loc["wifi", "p_value"] == pytest.approx(stats.ttest_ind(y, x, equal_var=False).pvalue)
    assert touchpoints.loc["wifi", "change"] == pytest.approx(y.mean() - x.mean())
    # the headline's change is the two waves' NPS test
    pair = headline_pairwise(tracked.respondents, by="wave", outcome=tracked.outcome).iloc[0]
    head = table[table["figure"] == "nps"].iloc[0]
    sign = 1 if pair["group_a"] == "2027-09" else -1
    assert head["change"] == pytest.approx(sign * pair["diff"]) and head["change_low"] > 0


def test_did_the_measures_work_against_their_promise(tracked):
    check = measure_check(tracked).set_index("measure_id")
    assert check.loc["M01", "verdict"] == "partly"      # Wi-Fi: +1.0 measured, +1.5 promised
    # the invoice by e-mail and the corporate invoices share the check-out's one change (+0.84 … +0.95): held
    # against their promises together (1.0 + 0.6), not each credited with all of it
    assert check.loc["M02", "promised"] == check.loc["M03", "promised"] == pytest.approx(1.6)
    assert check.loc["M02", "verdict"] == check.loc["M03", "verdict"] == "partly"
    assert check.loc["M07", "verdict"] == "no_effect"   # the pre-check-in changed nothing
    assert (check["from_wave"] == "2026-05").all() and (check["to_wave"] == "2027-09").all()
    labels = with_tables(tracked, respondents=tracked.respondents.assign(
        wave=tracked.respondents["wave"].map({"2026-05": "vorher", "2027-09": "nachher"})))
    with pytest.raises(ModelError, match="dates"):
        measure_check(labels)
    # a promised cut that came true is kept, not "no effect"
    cut = with_tables(tracked, measures=tracked.measures.assign(
        uplift=tracked.measures["uplift"].where(tracked.measures["measure_id"] != "M07", -0.0001)))
    assert measure_check(cut).set_index("measure_id").loc["M07", "verdict"] == "no_effect"


def test_numbered_waves_are_in_their_natural_order_and_a_segment_in_one_wave_has_no_change(tracked):
    numbered = with_tables(tracked, respondents=tracked.respondents.assign(
        wave=tracked.respondents["wave"].map({"2026-05": 9.0, "2027-09": 10.0})))
    assert waves(numbered) == ["9", "10"]
    assert changes(numbered)["from_wave"].iloc[0] == "9"
    lonely = tracked.respondents[~((tracked.respondents["segment_id"] == "conference")
                                   & (tracked.respondents["wave"] == "2027-09"))]
    table = changes(with_tables(tracked, respondents=lonely), segment="conference")
    assert np.isnan(table.iloc[0]["change"]) and table.iloc[0]["n_after"] == 0


def test_traffic_lights_are_red_only_when_the_interval_lies_below_the_target(tracked):
    lights = target_lights(tracked)
    first = with_tables(tracked, respondents=tracked.respondents[tracked.respondents["wave"] == "2026-05"])
    targets = target_levels(first).set_index(["segment_id", "touchpoint_id"])["target"]
    last = with_tables(tracked, respondents=tracked.respondents[tracked.respondents["wave"] == "2027-09"])
    now = performance(last, segment="business").set_index("touchpoint_id")
    row = lights.set_index(["segment_id", "touchpoint_id"]).loc[("business", "wifi")]
    assert row["target"] == pytest.approx(targets.loc[("business", "wifi")])
    assert row["performance_high"] == pytest.approx(now.loc["wifi", "performance_high"])
    expected = np.where(lights["performance_high"] < lights["target"], "red",
                        np.where(lights["performance_low"] > lights["target"], "green", "amber"))
    shown = lights["light"] != "grey"
    assert (lights.loc[shown, "light"] == expected[shown.to_numpy()]).all()
    assert {"red", "amber", "green"} <= set(lights["light"])


def test_the_model_predicts_the_second_wave_from_what_was_measured_not_from_the_promises(tracked):
    happened = measured_scenario(tracked)
    assert {c.touchpoint_id for c in happened.changes} == {"wifi", "checkout"}
    check = prediction_check(tracked, happened).set_index("segment_id")
    assert check["within"].all()
    promised = prediction_check(tracked, Scenario("promised", (ApplyMeasure("M01"), ApplyMeasure("M02"),
                                                               ApplyMeasure("M07"))))
    assert (promised["predicted"] > promised["measured"]).all()   # the promises were more than was delivered


def test_the_wave_column_round_trips(tracked, tmp_path):
    again = load_project(save_project(tracked, tmp_path / "waves"))
    assert again.respondents["wave"].value_counts().to_dict() == {"2026-05": 2400, "2027-09": 2400}


def test_employees_rated_in_waves_give_their_own_change(tracked, truth):
    """The same employees rated again in the second wave: their view of Wi-Fi rose (a planted effect), their
    view of the check-in desk (no effect) did not; numbers by hand with scipy."""
    table = changes(tracked)
    staff = table[table["figure"] == "employee_performance"].set_index("touchpoint_id")
    assert len(staff) == len(tracked.touchpoints)
    employees = tracked.employee_ratings
    x = employees.query("touchpoint_id == 'wifi' and wave == '2026-05'")["performance"].to_numpy(float)
    y = employees.query("touchpoint_id == 'wifi' and wave == '2027-09'")["performance"].to_numpy(float)
    assert staff.loc["wifi", "change"] == pytest.approx(y.mean() - x.mean())
    assert staff.loc["wifi", "p_value"] == pytest.approx(stats.ttest_ind(y, x, equal_var=False).pvalue)
    assert staff.loc["wifi", "n_before"] == len(x) == 32
    assert staff.loc["wifi", "significant"] and staff.loc["wifi", "change_low"] <= truth["effects"]["wifi"]
    assert not staff.loc["checkin_desk", "significant"]
    # one segment's changes have no employee rows (employees belong to no segment)
    assert "employee_performance" not in set(changes(tracked, segment="business")["figure"])
    # without waves on the employees' ratings there are no employee rows either
    unwaved = with_tables(tracked, employee_ratings=employees.assign(wave=pd.NA))
    assert "employee_performance" not in set(changes(unwaved)["figure"])


def test_one_wave_of_the_project_has_its_own_employee_ratings(tracked):
    from tpkit.groups import group_project

    second = group_project(tracked, "wave", "2027-09")
    assert set(second.employee_ratings["wave"]) == {"2027-09"}
    assert len(second.employee_ratings) == (tracked.employee_ratings["wave"] == "2027-09").sum()
    # a rating without a wave counts for every wave
    some = tracked.employee_ratings.copy()
    some.loc[some.index[:5], "wave"] = pd.NA
    part = group_project(with_tables(tracked, employee_ratings=some), "wave", "2026-05")
    assert part.employee_ratings["wave"].isna().sum() == 5
    assert len(part.employee_ratings) == (some["wave"] == "2026-05").sum() + 5
    # ... but never beside the employee's own rating of that touchpoint in the wave (no one counts twice)
    later = group_project(with_tables(tracked, employee_ratings=some), "wave", "2027-09")
    assert later.employee_ratings["wave"].isna().sum() == 0
    assert not later.employee_ratings.duplicated(["employee_id", "touchpoint_id"]).any()

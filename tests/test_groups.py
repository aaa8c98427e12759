"""Any respondent column as "by" in key drivers, IPA and incidents: each group's table is the table of
that group's respondents alone."""

from __future__ import annotations

import pandas as pd
import pytest

from tpkit import ModelError, evaluation, key_drivers, with_tables
from tpkit.datasets import load_sample


@pytest.fixture(scope="module")
def hotel():
    return load_sample("hotel")


def only(project, column, value):
    resp = project.respondents[project.respondents[column] == value]
    return with_tables(project, respondents=resp,
                       ratings=project.ratings[project.ratings["respondent_id"].isin(resp["respondent_id"])])


def test_a_groups_figures_count_only_its_own_ratings(hotel):
    """The group's performance is the mean of its respondents' ratings, by hand from the raw tables."""
    table = evaluation.ipa(hotel, by="loyalty").set_index(["loyalty", "touchpoint_id"])
    rated = hotel.ratings.merge(hotel.respondents[["respondent_id", "loyalty"]], on="respondent_id")
    by_hand = rated.groupby(["loyalty", "touchpoint_id"])["performance"].agg(["mean", "size"])
    joined = table.join(by_hand, how="inner")
    assert len(joined) == len(by_hand)
    assert (joined["n"] == joined["size"]).all()
    assert (joined["performance"] - joined["mean"]).abs().max() < 1e-12


def test_key_drivers_by_a_column_are_the_drivers_of_each_group_alone(hotel):
    table = key_drivers(hotel, by="loyalty", n_boot=0)
    assert sorted(table["loyalty"].unique()) == ["lapsed", "loyal", "new", "repeat"]
    assert table.columns[:3].tolist() == ["segment_id", "loyalty", "outcome"]
    loyal = table[table["loyalty"] == "loyal"].drop(columns="loyalty").reset_index(drop=True)
    pd.testing.assert_frame_equal(loyal, key_drivers(only(hotel, "loyalty", "loyal"), n_boot=0))


def test_ipa_and_incidents_by_a_column_within_a_segment(hotel):
    table = evaluation.ipa(hotel, segment="business", by="loyalty")
    assert (table["segment_id"] == "business").all()
    part = only(only(hotel, "segment_id", "business"), "loyalty", "new")
    ours = table[table["loyalty"] == "new"].set_index("touchpoint_id")["class_derived"]
    theirs = evaluation.ipa(part).set_index("touchpoint_id")["class_derived"]
    pd.testing.assert_series_equal(ours.sort_index(), theirs.sort_index())
    inc = evaluation.incidents(hotel, by="segment_id")
    assert inc.columns[:2].tolist() == ["touchpoint_id", "segment_id"]
    pd.testing.assert_frame_equal(
        inc[inc["segment_id"] == "leisure"].drop(columns="segment_id").reset_index(drop=True),
        evaluation.incidents(hotel, segment="leisure"))


def test_by_names_an_unknown_column_clearly(hotel):
    with pytest.raises(ModelError, match="recommend"):
        key_drivers(hotel, by="recommend", n_boot=0)    # an answer, not a grouping


def test_the_evaluation_dashboard_shows_one_group_of_any_column(hotel):
    from tpkit.ui.evaluation import evaluation_app

    app = evaluation_app("en")
    options = dict((v, k) for k, v in app.segment_dd.options)
    assert options[("loyalty", "lapsed")] == "Loyalty: Lapsed" and options["business"] == "Business travellers"
    app.segment_dd.value = ("loyalty", "lapsed")
    lapsed = hotel.respondents[hotel.respondents["loyalty"] == "lapsed"]
    assert f">{len(lapsed)}<" in app.kpis.value                                # the respondents card
    app.tabs.widget.selected_index = 2                                          # the drivers draw for the group
    assert app.state["project"].respondents["loyalty"].eq("lapsed").all()
    app.segment_dd.value = "business"
    assert len(app.state["project"].respondents) == len(hotel.respondents)



def test_blank_and_missing_answers_are_in_no_group_and_numbers_read_as_shown(hotel):
    resp = hotel.respondents.assign(region=["Nord", None, " ", "Süd"] * (len(hotel.respondents) // 4)
                                    + ["Nord"] * (len(hotel.respondents) % 4),
                                    age=[30.0, 45.0] * (len(hotel.respondents) // 2) + [30.0] * (len(hotel.respondents) % 2))
    project = with_tables(hotel, respondents=resp)
    assert sorted(evaluation.headline(project.respondents, by="region")["group"]) == ["Nord", "Süd"]
    assert sorted(evaluation.performance(project, by="region")["region"].unique()) == ["Nord", "Süd"]
    assert sorted(key_drivers(project, by="region", n_boot=0)["region"].unique()) == ["Nord", "Süd"]
    assert sorted(evaluation.headline(project.respondents, by="age")["group"]) == ["30", "45"]


def test_a_grouping_column_named_like_an_output_column_is_refused(hotel):
    project = with_tables(hotel, respondents=hotel.respondents.assign(outcome=["a", "b"] * (len(hotel.respondents) // 2)
                                                                      + ["a"] * (len(hotel.respondents) % 2)))
    with pytest.raises(ModelError, match="rename it"):
        key_drivers(project, by="outcome", n_boot=0)


def test_a_group_without_outcome_answers_shows_dashes_not_an_error(hotel):
    from tpkit.ui.evaluation import evaluation_app

    resp = hotel.respondents.assign(region=["Nord"] * (len(hotel.respondents) - 5) + ["Insel"] * 5)
    resp.loc[resp["region"] == "Insel", "recommend"] = pd.NA
    project = with_tables(hotel, respondents=resp)
    app = evaluation_app("en")
    app.picker.projects["upload:r.zip"], app.picker.upload_names["upload:r.zip"] = project, "r.zip"
    app.picker.relabel()
    app.picker.project_dd.value = "upload:r.zip"
    app.segment_dd.value = ("region", "Insel")
    assert "data-kpi='nps'" in app.kpis.value and "–" in app.kpis.value

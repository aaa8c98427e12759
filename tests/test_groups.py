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
    resp = project.respondents
    return with_tables(project, respondents=resp[resp[column] == value])


def test_key_drivers_by_a_column_are_the_drivers_of_each_group_alone(hotel):
    table = key_drivers(hotel, by="loyalty", n_boot=0)
    assert sorted(table["loyalty"].unique()) == ["lapsed", "loyal", "new", "repeat"]
    assert table.columns[:3].tolist() == ["segment_id", "loyalty", "outcome"]
    loyal = table[table["loyalty"] == "loyal"].drop(columns="loyalty").reset_index(drop=True)
    pd.testing.assert_frame_equal(loyal, key_drivers(only(hotel, "loyalty", "loyal"), n_boot=0))


def test_ipa_and_incidents_by_a_column_within_a_segment(hotel):
    table = evaluation.ipa(hotel, segment="business", by="loyalty")
    assert (table["segment_id"] == "business").all()
    part = with_tables(hotel, respondents=hotel.respondents[(hotel.respondents["segment_id"] == "business")
                                                           & (hotel.respondents["loyalty"] == "new")])
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

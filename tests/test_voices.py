"""The customers' voice (finding 6 of the method check): customers and employees ranked apart with their
intervals, their comments and ideas shown per touchpoint and measure, their ideas as measures, and
priorities that weigh the votes and flag where votes and model disagree."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tpkit import ProjectError, load_project, load_sample, save_project, with_tables
from tpkit.optimize import measure_priorities
from tpkit.strategy import comments, vote_ranking, voices


@pytest.fixture(scope="module")
def hotel():
    return load_sample("hotel")


def test_two_voices_each_ranked_on_its_own_votes_by_hand(hotel):
    table = voices(hotel, n_boot=100).set_index("measure_id")
    for who in ("customer", "employee"):
        votes = hotel.votes[hotel.votes["voter_type"] == who]
        points = votes[votes["measure_id"] == "M01"]["points"].sum()
        assert table.loc["M01", f"{who}_points_mean"] == pytest.approx(points / votes["voter_id"].nunique())
        alone = vote_ranking(hotel, voter_type=who, n_boot=100).set_index("measure_id")
        assert (table[f"{who}_rank"] == alone["rank"].reindex(table.index)).fillna(True).all()
    apart = (table["customer_rank_high"] < table["employee_rank_low"]) | (table["employee_rank_high"] < table["customer_rank_low"])
    ranked = table["customer_rank"].notna() & table["employee_rank"].notna()
    assert (table.loc[ranked, "differ"] == apart[ranked]).all() and table.loc[~ranked, "differ"].isna().all()
    assert table.loc["M01", "customer_rank"] == 1 and bool(table.loc["M01", "differ"])   # first for guests only
    assert table.loc["M14", "proposed_by_type"] == "customer" and pd.isna(table.loc["M14", "customer_rank"])


def test_comments_of_ratings_votes_and_ideas_by_hand(hotel):
    said = comments(hotel, touchpoint="wifi")
    rated = hotel.ratings[(hotel.ratings["touchpoint_id"] == "wifi") & hotel.ratings["comment"].notna()]
    at_wifi = hotel.measures.loc[hotel.measures["touchpoint_id"] == "wifi", "measure_id"]
    voted = hotel.votes[hotel.votes["measure_id"].isin(at_wifi) & hotel.votes["comment"].notna()]
    counts = said["said_in"].value_counts()
    assert counts["rating"] == len(rated) and counts.get("vote", 0) == len(voted) and counts["idea"] == 1
    assert set(said.loc[said["said_in"] == "rating", "comment"]) == set(rated["comment"])
    one = comments(hotel, measure="M01")
    assert (one["measure_id"] == "M01").all() and len(one) == hotel.votes.query("measure_id == 'M01'")["comment"].notna().sum()
    with pytest.raises(Exception, match="wlan"):
        comments(hotel, touchpoint="wlan")


def test_priorities_weigh_the_votes_and_flag_disagreement(hotel):
    alone = measure_priorities(hotel).set_index("measure_id")
    assert (alone["priority"] == alone["effect_rank"]).all()
    outside = (alone["effect_rank"] < alone["rank_low"].astype(float)) | (alone["effect_rank"] > alone["rank_high"].astype(float))
    ranked = alone["rank"].notna()
    assert (alone.loc[ranked, "disagree"] == outside[ranked]).all() and alone.loc[~ranked, "disagree"].isna().all()
    by_votes = measure_priorities(hotel, votes_weight=1.0).set_index("measure_id")
    voted = by_votes[by_votes["rank"].notna()]
    assert (voted.sort_values("priority").index == voted.sort_values(["rank", "effect_rank"]).index).all()
    half = measure_priorities(hotel, votes_weight=0.5).set_index("measure_id")
    blend = 0.5 * half["effect_rank"] + 0.5 * half["rank"].astype(float).fillna(half["effect_rank"])
    assert (half["priority"] == blend.rank(method="min").astype(int)).all()
    with pytest.raises(Exception, match="votes_weight"):
        measure_priorities(hotel, votes_weight=2)


def test_ideas_round_trip_and_a_wrong_proposer_type_is_refused(hotel, tmp_path):
    folder = save_project(hotel, tmp_path / "p")
    again = load_project(folder)
    assert again.measures.set_index("measure_id").loc["M14", "idea"].startswith("Wer um sechs")
    text = (folder / "measures.csv").read_text(encoding="utf-8").replace(",customer,", ",guests,", 1)
    (folder / "measures.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ProjectError) as error:
        load_project(folder)
    assert any(p.column == "proposed_by_type" and p.file == "measures.csv" for p in error.value.problems)


def test_a_project_without_the_new_columns_still_answers(hotel):
    plain = with_tables(hotel, measures=hotel.measures.drop(columns=["proposed_by_type", "idea"]))
    table = voices(plain, n_boot=50)
    assert table["proposed_by_type"].isna().all()
    assert (comments(plain)["said_in"] != "idea").all()
    assert np.isfinite(measure_priorities(plain)["effect_rank"]).all()


def test_a_measure_every_voter_passed_over_ranks_last_a_late_idea_keeps_its_effect_rank(hotel):
    passed = with_tables(hotel, votes=hotel.votes[hotel.votes["measure_id"] != "M07"])
    table = measure_priorities(passed, votes_weight=1.0).set_index("measure_id")
    assert table.loc["M07", "priority"] >= table["priority"].max() - 2     # behind every measure voted for
    assert table.loc["M15", "priority"] <= table.loc["M07", "priority"]     # a guests' idea after the vote

"""Inventory figures against numbers computed by hand from the tiny project (tests/conftest.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tpkit import load_project
from tpkit.inventory import (by_owner, by_phase, cost_per_contact, coverage_matrix, inventory_summary,
                             journey_gaps, touchpoint_segments)


def test_coverage_matrix_by_hand(tiny_dir):
    cov = coverage_matrix(load_project(tiny_dir).touchpoints).set_index(["phase", "channel"])
    assert len(cov) == 12
    assert cov.loc[("pre_purchase", "online")].tolist() == [2, 1, 1000.0, 700]
    assert cov.loc[("purchase", "offline")].tolist() == [1, 1, 3000.0, 100]
    assert cov.loc[("purchase", "online")].tolist() == [1, 0, 500.0, 0]
    assert cov.loc[("usage", "hybrid")].tolist() == [1, 1, 2000.0, 400]
    assert cov.loc[("loyalty", "online")].tolist() == [1, 0, 100.0, 50]
    assert cov.loc[("loyalty", "offline")].tolist() == [0, 0, 0.0, 0]
    assert cov["touchpoints"].sum() == 6 and cov["annual_cost"].sum() == 6600.0


def test_touchpoint_segments_expands_all(tiny_dir):
    pairs = touchpoint_segments(load_project(tiny_dir))
    assert sorted(map(tuple, pairs.values.tolist())) == sorted([
        ("web", "a"), ("web", "b"), ("reviews", "a"), ("reviews", "b"), ("shop", "a"), ("portal", "b"),
        ("hotline", "a"), ("hotline", "b"), ("forum", "b")])


def test_journey_gaps_overall_and_per_segment(tiny_dir):
    gaps = journey_gaps(load_project(tiny_dir)).set_index(["segment_id", "phase"])
    # overall: loyalty has only the (indirect) forum
    assert gaps.loc[("all", "loyalty")].tolist() == [0, 1, "indirect_only"]
    assert gaps.loc[("all", "purchase")].tolist() == [1, 1, "ok"]
    # segment a never meets anything in loyalty; segment b buys only through the (indirect) portal
    assert gaps.loc[("a", "loyalty")].tolist() == [0, 0, "missing"]
    assert gaps.loc[("b", "purchase")].tolist() == [0, 1, "indirect_only"]
    assert gaps.loc[("b", "usage")].tolist() == [1, 0, "ok"]
    only = journey_gaps(load_project(tiny_dir), only_gaps=True)
    assert set(map(tuple, only[["segment_id", "phase"]].values.tolist())) == {
        ("all", "loyalty"), ("a", "loyalty"), ("b", "purchase"), ("b", "loyalty")}


def test_by_owner_by_hand(tiny_dir):
    owners = by_owner(load_project(tiny_dir).touchpoints).set_index("owner")
    assert owners.index.tolist() == ["Vertrieb", "Kundendienst", "Marketing"]  # by cost, largest first
    assert owners.loc["Vertrieb", ["touchpoints", "annual_cost", "annual_contacts"]].tolist() == [2, 3500.0, 100]
    assert owners.loc["Marketing", "phases"] == "pre_purchase, loyalty"
    assert math.isclose(owners.loc["Vertrieb", "share_of_cost"], 3500 / 6600)
    assert math.isclose(owners.loc["Marketing", "share_of_contacts"], 750 / 1250)
    assert math.isclose(owners.loc["Kundendienst", "cost_per_contact"], 5.0)
    assert math.isclose(owners["share_of_cost"].sum(), 1.0)


def test_by_phase_and_cost_per_contact(tiny_dir):
    tp = load_project(tiny_dir).touchpoints
    phases = by_phase(tp).set_index("phase")
    assert phases.index.tolist() == ["pre_purchase", "purchase", "usage", "loyalty"]
    assert phases.loc["purchase", ["touchpoints", "direct", "annual_cost", "annual_contacts"]].tolist() == [
        2, 1, 3500.0, 100]
    assert math.isclose(phases.loc["purchase", "cost_per_contact"], 35.0)
    cpc = cost_per_contact(tp)
    assert cpc["touchpoint_id"].tolist() == ["shop", "hotline", "web", "forum", "reviews", "portal"]
    assert cpc["cost_per_contact"].tolist()[:5] == [30.0, 5.0, 2.0, 2.0, 0.0]
    assert pd.isna(cpc.loc[5, "cost_per_contact"])  # no contacts: undefined, not infinite


def test_inventory_summary_by_hand(tiny_dir):
    s = inventory_summary(load_project(tiny_dir)).set_index("metric")["value"]
    assert s["touchpoints"] == 6
    assert math.isclose(s["direct_share"], 3 / 6) and math.isclose(s["online_share"], 4 / 6)
    assert s["annual_cost"] == 6600.0 and s["annual_contacts"] == 1250
    assert math.isclose(s["cost_per_contact"], 6600 / 1250)
    assert s["owners"] == 3 and s["segments"] == 2 and s["phase_gaps"] == 1 and s["segment_gaps"] == 3


def test_inventory_of_the_samples_is_consistent():
    from tpkit.datasets import SAMPLES, load_sample
    for name in SAMPLES:
        p = load_sample(name)
        cov = coverage_matrix(p.touchpoints)
        assert cov["touchpoints"].sum() == len(p.touchpoints)
        assert math.isclose(cov["annual_cost"].sum(), float(p.touchpoints["annual_cost"].sum()))
        assert by_owner(p.touchpoints)["touchpoints"].sum() == len(p.touchpoints)


def test_unknown_costs_contacts_and_journey_facts_are_no_zeros():
    """A cost the data does not give is not 0: a department or phase without any cost shows none, a cost
    per contact divides only touchpoints that give both, shares count the known values."""
    import pandas as pd

    from tpkit import with_tables
    from tpkit.datasets import load_sample
    from tpkit.inventory import by_owner, by_phase, inventory_summary

    hotel = load_sample("hotel")
    tp = hotel.touchpoints.copy()
    tp["annual_cost"] = tp["annual_cost"].astype("Float64")
    marketing = tp["owner"] == "Marketing"
    first = tp.index[marketing][0]
    tp.loc[first, "annual_cost"] = pd.NA                      # its contacts stay given
    tp.loc[tp.index[~marketing][:2], "contact"] = "unknown"
    owners = by_owner(tp).set_index("owner")
    rest = hotel.touchpoints[marketing].drop(index=first)
    expected = rest["annual_cost"].astype(float).sum() / rest["annual_contacts"].astype(float).sum()
    assert owners.loc["Marketing", "cost_per_contact"] == pytest.approx(expected)
    tp.loc[marketing, "annual_cost"] = pd.NA
    assert pd.isna(by_owner(tp).set_index("owner").loc["Marketing", "annual_cost"])
    assert by_phase(tp)["annual_cost"].notna().all()          # every phase has some cost given
    summary = inventory_summary(with_tables(hotel, touchpoints=tp)).set_index("metric")["value"]
    known = tp["contact"][tp["contact"] != "unknown"]
    assert summary["direct_share"] == pytest.approx((known == "direct").mean())
    assert summary["unknown_cost"] == marketing.sum() and summary["unknown_journey"] == 2

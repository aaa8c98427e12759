"""The bundled samples: reproducible from the generator, complete, and true to their ground truth."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tpkit.datasets import SAMPLES, data_dir, ground_truth, load_sample
from tpkit.files import LOCK
from tpkit.inventory import journey_gaps
from tpkit.schema import CHANNELS, KINDS, PHASES

ROOT = Path(__file__).resolve().parent.parent


def generator():
    spec = importlib.util.spec_from_file_location("generate_samples", ROOT / "data" / "generate_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", SAMPLES)
def test_committed_sample_is_what_the_generator_writes(name, tmp_path):
    generator().write(name, tmp_path / name)
    committed = sorted(p.name for p in (data_dir() / name).iterdir() if p.name != LOCK)   # (a load's lock file)
    assert sorted(p.name for p in (tmp_path / name).iterdir() if p.name != LOCK) == committed
    for file in committed:
        assert (tmp_path / name / file).read_bytes() == (data_dir() / name / file).read_bytes(), file


@pytest.mark.parametrize("name, n_tp", [("hotel", (38, 42)), ("it_distributor", (33, 37))])
def test_sample_covers_the_method(name, n_tp):
    p = load_sample(name)
    tp = p.touchpoints
    assert n_tp[0] <= len(tp) <= n_tp[1]
    assert set(tp["phase"]) == set(PHASES) and set(tp["channel"]) == set(CHANNELS)
    assert set(tp["contact"]) == {"direct", "indirect"}
    assert tp["owner"].nunique() >= 8
    assert len(p.respondents) >= 2000 and not p.ratings.empty and not p.employee_ratings.empty
    assert len(p.measures) >= 10 and not p.segment_fit.empty
    assert set(p.respondents["segment_id"]) == set(p.segments["segment_id"])
    text = " ".join(tp["name"]) + " ".join(p.segments["name"])
    assert any(ch in text for ch in "äöüÄÖÜß")
    assert tp["name_en"].notna().all() and p.segments["name_en"].notna().all()


def test_samples_use_every_kind_between_them():
    kinds = set().union(*(set(load_sample(n).touchpoints["kind"]) for n in SAMPLES))
    assert kinds == set(KINDS)


def test_hotel_has_the_segments_and_clash_the_method_names():
    p = load_sample("hotel")
    assert {"business", "conference", "leisure", "regulars", "bus_tours"} == set(p.segments["segment_id"])
    fit = p.segment_fit.set_index(["segment_id", "other_segment_id"])["fit"]
    assert fit[("business", "bus_tours")] == -2
    assert not p.segments.set_index("segment_id").loc["bus_tours", "wanted"]


def test_hotel_front_desk_check_in_is_business_travellers_only_direct_purchase_touchpoint():
    p = load_sample("hotel")
    gaps = journey_gaps(p).set_index(["segment_id", "phase"])
    assert gaps.loc[("business", "purchase"), "n_direct"] == 1
    tp = p.touchpoints.set_index("touchpoint_id")
    assert tp.loc["checkin_desk", ["phase", "contact", "segments"]].tolist() == ["purchase", "direct", "all"]


@pytest.mark.parametrize("name", SAMPLES)
def test_ground_truth_is_consistent_with_the_data(name):
    truth = ground_truth(name)
    p = load_sample(name)
    ids = set(p.touchpoints["touchpoint_id"])
    assert set(truth["overall_weights"]) == ids and set(truth["classes"]) == ids
    assert truth["critical"] and set(truth["critical"]) <= ids
    # planted critical touchpoints really perform worse than planted strengths in the survey
    mean = p.ratings.groupby("touchpoint_id")["performance"].mean()
    assert mean[truth["critical"]].max() < mean[truth["strengths"]].min()
    # employees are blind at the planted blind spots: they rate them far above the customers
    staff = p.employee_ratings.groupby("touchpoint_id")["performance"].mean()
    for t in truth["blind_spots"]:
        assert staff[t] - mean[t] > 1.0
    # respondents only rate touchpoints their segment meets
    seg = p.respondents.set_index("respondent_id")["segment_id"]
    rated = p.ratings.assign(segment_id=p.ratings["respondent_id"].map(seg))
    weights = truth["weights"]
    assert all(weights[s][t] > 0 for s, t in zip(rated["segment_id"], rated["touchpoint_id"]))
    json.dumps(truth)


def test_the_two_wave_hotel_is_what_the_generator_writes(tmp_path):
    gen = generator()
    gen.write("hotel_waves", tmp_path / "hotel_waves", gen.generate_waves())
    committed = sorted(p.name for p in (data_dir() / "hotel_waves").iterdir() if p.name != LOCK)
    assert sorted(p.name for p in (tmp_path / "hotel_waves").iterdir() if p.name != LOCK) == committed
    for file in committed:
        assert (tmp_path / "hotel_waves" / file).read_bytes() == (data_dir() / "hotel_waves" / file).read_bytes(), file
    # its first wave is the hotel sample itself
    first = load_sample("hotel_waves").respondents.query("wave == '2026-05'").drop(columns="wave")
    assert first.reset_index(drop=True).equals(load_sample("hotel").respondents.drop(columns="wave"))

"""The fitted what-if model against truths it did not see: the sample generator's counterfactuals.

The generator knows each respondent's expected latent score; it re-draws the same respondents with a
touchpoint closed (its users lose the service: the worst rating) or one point better, and the true change
of a segment's NPS is the change of its respondents' expected promoter and detractor shares under the
generator's normal noise. The model's projected change must cover it in at least 90 % of the cases and
lie close to it; the calibrated model of version 1 is printed beside it for the comparison.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from tpkit.outcome import OutcomeSpec
from tpkit.scenario import (MOVABLE_KINDS, AddTouchpoint, ChangePerformance, RemoveTouchpoint, Scenario, ShiftMix,
                            simulate)
from tpkit.scenario.fitted import cross_validated_calibration, fitted_model, predicted_eta

from test_samples import generator

ROOT = Path(__file__).resolve().parent.parent
GEN = generator()


def _scenarios(key: str) -> dict[str, tuple[Scenario, object]]:
    """Two mix shifts, five closures and five improvements of touchpoints across the range of true weights,
    each with its change for the generator."""
    ids = [t[0] for t in GEN.SAMPLES[key]["touchpoints"]]
    weights = json.loads((ROOT / "data" / key / "ground_truth.json").read_text(encoding="utf-8"))["overall_weights"]
    order = sorted(weights, key=lambda t: -weights[t])

    def closed(j):
        def change(segment, met, perf):
            perf[j] = 1.0
            return met, perf
        return change

    def better(j):
        def change(segment, met, perf):
            perf[j] = min(perf[j] + 1.0, 5.0)
            return met, perf
        return change

    def shifted(phase, share=0.5):
        """Half of the contacts of the phase's offline direct human, service and communication touchpoints
        served online: each such rating becomes half its own, half the respondent's own (latent) rating of the
        phase's online direct touchpoints their segment meets, weighted by their reach."""
        tp = pd.DataFrame(GEN.SAMPLES[key]["touchpoints"], columns=GEN.TP_COLUMNS)
        in_phase = (tp["phase"] == phase) & (tp["contact"] == "direct")
        source = np.flatnonzero(in_phase & (tp["channel"] == "offline") & tp["kind"].isin(MOVABLE_KINDS))
        target = np.flatnonzero(in_phase & (tp["channel"] == "online"))
        truth = json.loads((ROOT / "data" / key / "ground_truth.json").read_text(encoding="utf-8"))["weights"]

        def change(segment, met, perf):
            meets = [j for j in target if truth[segment][ids[j]] > 0]
            if meets:
                reach = tp["reach"].to_numpy()[meets]
                online = float((perf[meets] * reach).sum() / reach.sum())
                perf[source] = (1 - share) * perf[source] + share * online
            return met, perf
        return change

    out = {}
    for phase in ("purchase", "usage"):
        out[f"online {phase}"] = (Scenario(f"online {phase}", (ShiftMix(0.5, phase),)), shifted(phase))
    for t in order[:3] + order[10:12]:
        out[f"close {t}"] = (Scenario(f"close {t}", (RemoveTouchpoint(t, move_share=0.0),)), closed(ids.index(t)))
    for t in order[:2] + order[5:6] + order[15:17]:
        out[f"improve {t}"] = (Scenario(f"improve {t}", (ChangePerformance(t, 1.0),)), better(ids.index(t)))
    return out


def _true_nps(latent: np.ndarray, segment: np.ndarray, segments: tuple[str, ...], sd: float) -> np.ndarray:
    """Each segment's expected NPS: answers are the rounded latent score plus N(0, sd) noise, clipped to 0–10."""
    promoter, detractor = norm.sf((8.5 - latent) / sd), norm.cdf((6.5 - latent) / sd)
    return np.array([100 * (promoter[segment == s].mean() - detractor[segment == s].mean()) for s in segments])


_TABLES: dict[str, pd.DataFrame] = {}


def _validation_table(key: str) -> pd.DataFrame:
    """Per scenario and affected segment: the true change of NPS, the fitted model's projection with its
    interval, and the calibrated model's projection (computed once per sample)."""
    if key in _TABLES:
        return _TABLES[key]
    scenarios = _scenarios(key)
    project, truth = GEN.generate(key, {name: change for name, (_, change) in scenarios.items()})
    segments = tuple(project.segments["segment_id"])
    segment = project.respondents["segment_id"].to_numpy()
    before = _true_nps(truth["latent"], segment, segments, truth["noise_sd"])
    rows = []
    for name, (scenario, _) in scenarios.items():
        true = _true_nps(truth["counterfactual_latent"][name], segment, segments, truth["noise_sd"]) - before
        fitted = simulate(project, scenario).kpis.query("metric == 'nps'").set_index("segment_id")
        calibrated = simulate(project, scenario.with_parameter("fitted_model", 0)).kpis \
            .query("metric == 'nps'").set_index("segment_id")
        for s, change in zip(segments, true):
            rows.append({"scenario": name, "segment_id": s, "true": change, "projected": fitted.at[s, "delta"],
                         "low": fitted.at[s, "delta_low"], "high": fitted.at[s, "delta_high"],
                         "calibrated": calibrated.at[s, "delta"]})
    table = pd.DataFrame(rows)
    _TABLES[key] = table[table["true"].abs() > 1e-9]     # segments that do not meet the touchpoint do not count
    return _TABLES[key]


@pytest.fixture(params=["hotel", "it_distributor"])
def validation(request):
    return request.param, _validation_table(request.param)


def test_intervals_cover_the_true_change(validation):
    key, table = validation
    covered = ((table["low"] <= table["true"]) & (table["true"] <= table["high"])).mean()
    print(key, f"coverage {covered:.0%} of {len(table)}")
    # 95 % intervals; the samples' segments are small (257–811 respondents) and the generator's link is a
    # normal one, the model's a logistic: at least 80 % per sample, 90 % over both (next test)
    assert covered >= 0.80


def test_projection_is_close_and_far_better_than_the_calibrated_model(validation):
    key, table = validation
    error = (table["projected"] - table["true"]).abs()
    old_error = (table["calibrated"] - table["true"]).abs()
    print(key, f"mean absolute error {error.mean():.1f} NPS points (calibrated model {old_error.mean():.1f})")
    assert error.mean() < 4.5 and error.quantile(0.9) < 9
    assert error.mean() < 0.75 * old_error.mean()
    # closing a touchpoint that matters loses recommendation (the calibrated model let some closures gain)
    closed = table[table["scenario"].str.startswith("close")]
    assert (closed["projected"] < 0).all()


def test_coverage_over_both_samples():
    both = pd.concat([_validation_table(key) for key in ("hotel", "it_distributor")])
    assert ((both["low"] <= both["true"]) & (both["true"] <= both["high"])).mean() >= 0.90


def test_binary_outcome_strongest_driver_removed():
    project, truth = GEN.generate("hotel")
    answers = (project.respondents["recommend"] >= 9).astype("Int64")     # "would recommend": yes (1) / no (0)
    binary = dataclasses.replace(project, respondents=project.respondents.assign(recommend=answers),
                                 outcome=OutcomeSpec("binary", 0, 1))
    assert fitted_model(binary).kind == "logistic"
    strongest = max(truth["overall_weights"], key=truth["overall_weights"].get)
    result = simulate(binary, Scenario("x", (RemoveTouchpoint(strongest, move_share=0.0),)))
    total = result.kpis.query("metric == 'promoter_share' and segment_id == 'all'").iloc[0]
    assert total["delta_high"] < 0 and total["clear"] and total["delta"] < -0.05


def test_tiny_change_has_no_clear_effect_and_baseline_is_observed():
    project, _ = GEN.generate("hotel")
    result = simulate(project, Scenario("x", (ChangePerformance("fitness", 0.05),)))
    nps = result.kpis.query("metric == 'nps'")
    assert not nps["clear"].any()
    none = simulate(project, Scenario("nothing")).kpis
    assert (none["delta"].abs() < 1e-9).all() and not none["clear"].any()


@pytest.mark.parametrize("sample", ["hotel", "it_distributor"])
def test_cross_validated_class_shares_match_the_observed(sample):
    """5-fold cross-validation: each respondent predicted by a model fitted without them; per segment the
    mean predicted share of positive and of negative answers lies in the observed share's interval."""
    project, _ = GEN.generate(sample)
    cv = cross_validated_calibration(project, folds=5)
    assert len(cv) == 2 * len(project.segments) and cv["within"].all(), cv


def test_a_held_out_prediction_uses_the_models_own_centres():
    project, _ = GEN.generate("hotel")
    model = fitted_model(project)
    eta, segment, weight = predicted_eta(model, project)
    assert np.allclose(eta, model.eta) and np.allclose(weight, model.weight)


def test_the_weakest_link_after_a_change_equals_its_full_recomputation():
    """The planner updates each respondent's weakest link from the two worst ratings kept at the fit; for
    random changes of up to five touchpoints it equals recomputing it from all ratings."""
    from tpkit.scenario.fitted import shortfall, shortfall_after

    model = fitted_model(GEN.generate("hotel")[0])
    rng = np.random.default_rng(7)
    for _ in range(40):
        cols = rng.choice(model.met.shape[1], rng.integers(1, 6), replace=False)
        rows = np.unique(np.concatenate([np.flatnonzero(model.met[:, t]) for t in cols]))
        perf, changed = model.perf[rows].copy(), {}
        for t in cols:
            new = np.where(model.met[rows, t], np.clip(perf[:, t] + rng.normal(0, 1.5, len(rows)), 1, 5), np.nan)
            changed[int(t)] = new
            perf[:, t] = np.where(model.met[rows, t], new, perf[:, t])
        assert np.allclose(shortfall_after(model, rows, changed), shortfall(model.met[rows], perf, model.low,
                                                                            model.neutral))


@pytest.mark.parametrize("sample", ["hotel", "it_distributor"])
def test_losing_a_service_never_raises_a_segments_figure(sample):
    """Closing any touchpoint alone with nobody moving to a substitute: the users lose the service (the worst
    experience), and no segment's NPS rises, at the point or anywhere in its interval (performance slopes are
    kept ≥ 0 and the weakest link ≤ 0 in the fit)."""
    project, _ = GEN.generate(sample)
    for t in project.touchpoints["touchpoint_id"]:
        nps = simulate(project, Scenario("x", (RemoveTouchpoint(t, move_share=0.0),))).kpis.query("metric == 'nps'")
        assert (nps["delta"] <= 1e-9).all() and (nps["delta_high"] <= 1e-9).all(), t


def test_a_segment_without_answers_and_a_touchpoint_added_and_closed_again():
    """A segment nobody answered for is left out of the totals (no NaN), and a touchpoint added and closed in the
    same scenario changes nothing."""
    from tpkit import with_tables

    project, _ = GEN.generate("hotel")
    segments = pd.concat([project.segments, project.segments.iloc[[0]].assign(segment_id="ghost", name="Geist")],
                         ignore_index=True)
    ghost = with_tables(project, segments=segments)
    kpis = simulate(ghost, Scenario("x", (ChangePerformance("wifi", 1.0),))).kpis
    assert kpis.loc[kpis["segment_id"] == "all", ["baseline", "scenario", "delta"]].notna().all().all()
    app = AddTouchpoint("app", "App", "purchase", "online", reach=0.4, performance=4.5)
    nothing = simulate(project, Scenario("x", (app, RemoveTouchpoint("app")))).kpis.query("metric == 'nps'")
    assert (nothing["delta"].abs() < 1e-9).all() and not nothing["clear"].any()

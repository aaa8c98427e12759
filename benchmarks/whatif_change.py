"""One scenario change → new KPIs, for 300 touchpoints × 12 segments × 20,000 respondents (targets: the point
figures ≤ 20 ms, with the fitted model's intervals ≤ 100 ms, fitting once ≤ 5 s).

Run: python benchmarks/whatif_change.py [respondents]   (default 20000)
Builds a synthetic project (300 touchpoints, 12 segments, respondents rating 40 touchpoints each),
calibrates and fits the model once (timed separately) and then times ``simulate`` for a series of single
changes — remove, add, performance, budget, mix, measure — each on top of the previous ones, as an analyst
clicking through the dashboard would: with the intervals (what the planner shows) and the point figures
alone (``bands=False``, what the optimiser uses). Prints the median and the 95th percentile per change.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tpkit.cache import CACHE_VARIABLE  # noqa: E402
from tpkit.io import Project  # noqa: E402
from tpkit.scenario import (AddTouchpoint, ApplyMeasure, ChangeBudget, ChangePerformance, RemoveTouchpoint,  # noqa: E402
                            Scenario, ShiftMix, baseline, fitted_model, simulate)
from tpkit.schema import CHANNELS, KINDS, PHASES  # noqa: E402

TOUCHPOINTS, SEGMENTS, MET = 300, 12, 40
RESPONDENTS = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000


def synthetic(seed: int = 1) -> Project:
    rng = np.random.default_rng(seed)
    tp_ids = [f"tp{i:03d}" for i in range(TOUCHPOINTS)]
    seg_ids = [f"s{i:02d}" for i in range(SEGMENTS)]
    touchpoints = pd.DataFrame({
        "touchpoint_id": tp_ids, "name": [f"Touchpoint {i}" for i in range(TOUCHPOINTS)], "name_en": None,
        "phase": rng.choice(PHASES, TOUCHPOINTS), "channel": rng.choice(CHANNELS, TOUCHPOINTS),
        "contact": rng.choice(["direct", "indirect"], TOUCHPOINTS, p=[0.8, 0.2]), "kind": rng.choice(KINDS, TOUCHPOINTS),
        "owner": rng.choice(["A", "B", "C", "D"], TOUCHPOINTS),
        "annual_cost": pd.array(rng.integers(0, 500_000, TOUCHPOINTS).astype(float), dtype="Float64"),
        "annual_contacts": pd.array(rng.integers(100, 100_000, TOUCHPOINTS), dtype="Int64"), "segments": "all",
    })
    segments = pd.DataFrame({
        "segment_id": seg_ids, "name": seg_ids, "name_en": None,
        "customers": pd.array(rng.integers(100, 10_000, SEGMENTS), dtype="Int64"),
        "revenue_per_customer": pd.array(rng.uniform(100, 5000, SEGMENTS), dtype="Float64"),
        "margin": pd.array(rng.uniform(0.05, 0.4, SEGMENTS), dtype="Float64"),
        "wanted": pd.array(rng.random(SEGMENTS) > 0.2, dtype="boolean"),
        "strategic_fit": pd.array(rng.integers(-2, 3, SEGMENTS), dtype="Int64"),
        "network": rng.choice(["strong", "weak"], SEGMENTS),
    })
    fit = pd.DataFrame([(a, b, int(rng.integers(-2, 3))) for a in seg_ids for b in seg_ids if a != b and rng.random() < 0.3],
                       columns=["segment_id", "other_segment_id", "fit"])
    fit["fit"] = fit["fit"].astype("Int64")
    resp_ids = [f"r{i:06d}" for i in range(RESPONDENTS)]
    resp_seg = rng.integers(0, SEGMENTS, RESPONDENTS)
    weights = rng.gamma(0.5, 0.1, (SEGMENTS, TOUCHPOINTS))
    rows_r, rows_t, perf = [], [], []
    recommend = np.empty(RESPONDENTS)
    for i in range(RESPONDENTS):
        met = rng.choice(TOUCHPOINTS, MET, replace=False)
        p = np.clip(np.rint(rng.normal(3.6, 0.9, MET)), 1, 5)
        recommend[i] = np.clip(np.rint(6 + (weights[resp_seg[i], met] * (p - 3)).sum() + rng.normal(0, 1.5)), 0, 10)
        rows_r += [resp_ids[i]] * MET
        rows_t += [tp_ids[j] for j in met]
        perf.append(p)
    respondents = pd.DataFrame({"respondent_id": resp_ids, "segment_id": [seg_ids[s] for s in resp_seg],
                                "loyalty": "repeat", "recommend": pd.array(recommend.astype(int), dtype="Int64"),
                                "satisfaction": pd.array([pd.NA] * RESPONDENTS, dtype="Int64")})
    ratings = pd.DataFrame({"respondent_id": rows_r, "touchpoint_id": rows_t,
                            "performance": pd.array(np.concatenate(perf).astype(int), dtype="Int64"),
                            "importance": pd.array([pd.NA] * len(rows_r), dtype="Int64"),
                            "incident": None, "comment": None})
    measures = pd.DataFrame({"measure_id": ["m1"], "touchpoint_id": [tp_ids[5]], "name": ["Maßnahme"], "name_en": None,
                             "proposed_by": ["A"], "owner": ["A"], "cost": pd.array([10_000.0], dtype="Float64"),
                             "uplift": pd.array([1.0], dtype="Float64"), "due_date": pd.NaT})
    employee = pd.DataFrame(columns=["employee_id", "department", "touchpoint_id", "performance"])
    return Project("benchmark", touchpoints, segments, fit, respondents, ratings, employee, measures)


def main() -> None:
    os.environ[CACHE_VARIABLE] = "off"   # time the fit itself, not tpkit's stored one
    project = synthetic()
    start = time.perf_counter()
    baseline(project)
    calibration = time.perf_counter() - start
    start = time.perf_counter()
    fitted_model(project)
    fitting = time.perf_counter() - start
    simulate(project, Scenario("baseline"))
    tp = project.touchpoints
    direct = tp.loc[tp["contact"] == "direct", "touchpoint_id"].tolist()
    steps = [RemoveTouchpoint(direct[0]), AddTouchpoint("new_app", "App", "purchase", "online", annual_cost=50_000,
                                                         similar_to=direct[1]),
             ChangePerformance(direct[2], 0.5), ChangeBudget(direct[3], 1.5), ShiftMix(0.2, "usage"),
             ApplyMeasure("m1"), RemoveTouchpoint(direct[4]), ChangePerformance(direct[5], -1.0)]
    print(f"project: {TOUCHPOINTS} touchpoints × {SEGMENTS} segments × {RESPONDENTS:,} respondents, "
          f"{len(project.ratings):,} ratings")
    print(f"once per project: calibration {calibration:.2f} s, fitting the outcome model {fitting:.2f} s "
          f"(target ≤ 5 s)")
    for bands, label, target in ((True, "with the model's intervals", 100), (False, "point figures alone", 20)):
        times = []
        for _ in range(10):
            scenario = Scenario("clicks")
            for change in steps:
                scenario = scenario.with_change(change)
                t0 = time.perf_counter()
                result = simulate(project, scenario, bands=bands)
                times.append(time.perf_counter() - t0)
        times_ms = 1000 * np.array(times)
        print(f"one scenario change → new KPIs, {label}: median {np.median(times_ms):.1f} ms, "
              f"95th percentile {np.percentile(times_ms, 95):.1f} ms over {len(times)} changes (target ≤ {target} ms)")
    print(f"last scenario: {len(result.kpis)} KPI rows, {len(result.gaps)} gaps opened")


if __name__ == "__main__":
    main()

"""What a user's default ``key_drivers`` call costs, with its 200 bootstrap resamples.

Run: python benchmarks/key_drivers.py
Times (median of 7 runs, after one warm-up) the default call on
  1. the hotel sample (40 touchpoints, 2,400 respondents: relative weights, as 16 usage touchpoints are
     too many for exact Owen values in the default call), and its conference segment (Owen values);
  2. a wide passenger-style survey: 8,500 respondents rating 14 aspects 1–5 (5 % "not applicable"),
     exact Shapley values;
  3. Owen values alone (no bootstrap) for 60 touchpoints in 4 phases of 15.
Beside each default call it times the same bootstrap one resample at a time (the resampled rows, their
correlation matrix, their weights: how key_drivers computed it before, tests/reference.py) and prints
the ratio; both give the same numbers (tests/test_shapley.py).
Numeric threads: as tpkit sets them (one BLAS thread per process unless the environment says otherwise).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from reference import loop_bootstrap  # noqa: E402
from tpkit.datasets import load_sample  # noqa: E402
from tpkit.drivers import driver_data, driver_phases, key_drivers  # noqa: E402
from tpkit.io import Project  # noqa: E402
from tpkit.schema import PHASES  # noqa: E402
from tpkit.shapley import owen  # noqa: E402

ASPECTS = ["Online-Buchung", "Check-in online", "Gepäckaufgabe", "Gate-Ort", "Boarding", "Sitzkomfort",
           "Beinfreiheit", "Bordunterhaltung", "WLAN an Bord", "Essen und Getränke", "Sauberkeit",
           "Service an Bord", "Gepäckausgabe", "Pünktlichkeit"]


def passenger_survey(respondents: int = 8500, seed: int = 2) -> Project:
    """A survey like the public airline passenger surveys: everyone rates every aspect (0 = not applicable)."""
    rng = np.random.default_rng(seed)
    k = len(ASPECTS)
    ids = [f"a{i:02d}" for i in range(k)]
    latent = rng.normal(size=(respondents, 3))
    loading = rng.uniform(0.2, 0.9, (3, k))
    score = latent @ loading + rng.normal(size=(respondents, k))
    rating = np.clip(np.rint(3 + score / score.std(axis=0) * 1.1), 1, 5)
    rating[rng.random(rating.shape) < 0.05] = np.nan
    effect = rng.uniform(0, 0.6, k)
    recommend = np.clip(np.rint(6 + np.nan_to_num(rating - 3) @ effect + rng.normal(0, 1.5, respondents)), 0, 10)
    touchpoints = pd.DataFrame({"touchpoint_id": ids, "name": ASPECTS, "phase": np.array(PHASES)[np.arange(k) * 4 // k]})
    resp_ids = [f"r{i:05d}" for i in range(respondents)]
    respondents_frame = pd.DataFrame({"respondent_id": resp_ids, "segment_id": "all_passengers", "loyalty": "repeat",
                                      "recommend": pd.array(recommend.astype(int), dtype="Int64"),
                                      "satisfaction": pd.array([pd.NA] * respondents, dtype="Int64")})
    met = ~np.isnan(rating)
    rows, cols = np.nonzero(met)
    ratings = pd.DataFrame({"respondent_id": np.array(resp_ids)[rows], "touchpoint_id": np.array(ids)[cols],
                            "performance": pd.array(rating[rows, cols].astype(int), dtype="Int64"),
                            "importance": pd.array([pd.NA] * len(rows), dtype="Int64")})
    segments = pd.DataFrame({"segment_id": ["all_passengers"], "name": ["Fluggäste"]})
    empty = pd.DataFrame()
    return Project("Passagierumfrage", touchpoints, segments, empty, respondents_frame, ratings, empty, empty)


def median_time(call, runs: int = 7) -> float:
    call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def default_call(project: Project, label: str, segment: str | None = None) -> None:
    table = key_drivers(project, segment=segment)
    seconds = median_time(lambda: key_drivers(project, segment=segment))
    data = driver_data(project, segment=segment)
    drivers = table.loc[~table["small"], "touchpoint_id"].tolist()
    order = [c for c in data.columns[:-1] if c in drivers]
    values = data[order + ["recommend"]].to_numpy()
    start = time.perf_counter()
    loop_bootstrap(values, method=table["method"].iloc[0], groups=driver_phases(project, order), n_boot=200)
    loop = time.perf_counter() - start
    print(f"{label:<58} {seconds:6.3f} s  ({table['method'].iloc[0]}, {len(order)} drivers, {len(values):,} "
          f"respondents; one resample at a time {loop:.2f} s, {loop / seconds:.0f}× slower)")


if __name__ == "__main__":
    hotel = load_sample("hotel")
    print("key_drivers(project) with its default 200 bootstrap resamples (median of 7 runs):")
    default_call(hotel, "hotel, all respondents")
    default_call(hotel, "hotel, conference segment", segment="conference")
    default_call(passenger_survey(), "passenger survey, 8,500 respondents × 14 aspects")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2000, 60)) @ (rng.normal(size=(60, 60)) * 0.2 + np.eye(60))
    corr = np.corrcoef(np.column_stack([x, x @ rng.uniform(0, 1, 60) + rng.normal(0, 5, 2000)]), rowvar=False)
    groups = [PHASES[i // 15] for i in range(60)]
    seconds = median_time(lambda: owen(corr[:-1, :-1], corr[:-1, -1], groups=groups), runs=3)
    print(f"{'Owen values alone, 60 touchpoints in 4 phases of 15':<58} {seconds:6.3f} s")

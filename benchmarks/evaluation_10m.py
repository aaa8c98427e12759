"""A full evaluation of 10 million rating rows: NPS, importance–performance, incidents, per touchpoint × segment.

Run: python benchmarks/evaluation_10m.py [rating rows]   (default 10,000,000)
The hotel sample's survey is repeated under new respondent ids until it has that many rating rows
(building it is not timed). Prints the time of each step, the total and the peak memory.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tpkit.datasets import load_sample  # noqa: E402
from tpkit.evaluation import incidents, ipa, nps, performance, segment_performance  # noqa: E402
from tpkit.io import with_tables  # noqa: E402


def scaled(rows: int):
    """The hotel with its respondents and ratings repeated to about ``rows`` rating rows."""
    hotel = load_sample("hotel")
    copies = int(np.ceil(rows / len(hotel.ratings)))
    resp = pd.concat([hotel.respondents] * copies, ignore_index=True)
    suffix = np.repeat(np.arange(copies), len(hotel.respondents)).astype(str)
    resp["respondent_id"] = (resp["respondent_id"].astype(str) + "-" + suffix).astype(object)
    ratings = pd.concat([hotel.ratings] * copies, ignore_index=True)
    suffix = np.repeat(np.arange(copies), len(hotel.ratings)).astype(str)
    ratings["respondent_id"] = (ratings["respondent_id"].astype(str) + "-" + suffix).astype(object)
    return with_tables(hotel, respondents=resp, ratings=ratings.head(rows))


def evaluate(project) -> dict[str, float]:
    times = {}
    steps = {
        "NPS overall, by segment and loyalty": lambda: (nps(project.respondents),
                                                        nps(project.respondents, by="segment_id"),
                                                        nps(project.respondents, by="loyalty")),
        "performance per touchpoint and per touchpoint × segment": lambda: (performance(project),
                                                                            segment_performance(project)),
        "importance–performance classes (drivers, both views)": lambda: ipa(project),
        "incidents per touchpoint, overall and per segment": lambda: [
            incidents(project, segment=s) for s in [None, *project.segments["segment_id"]]],
    }
    for name, step in steps.items():
        start = time.perf_counter()
        step()
        times[name] = time.perf_counter() - start
    return times


if __name__ == "__main__":
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    project = scaled(rows)
    print(f"{len(project.ratings):,} rating rows, {len(project.respondents):,} respondents")
    times = evaluate(project)
    for name, seconds in times.items():
        print(f"  {seconds:6.2f} s  {name}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(f"total {sum(times.values()):.2f} s (target ≤ 10 s), peak memory {peak:.1f} GiB (limit 24 GiB)")

"""How fast a project folder loads and validates: the hotel sample, and the hotel with N× its ratings.

Run: python benchmarks/load_project.py [factor]   (default factor 10 → about 340,000 rating rows)
Prints seconds and rating rows per second for each load with the cache off (every file parsed and
checked) and the ratio to ``pandas.read_csv`` of the same files (no checks), all timed in turns in
the same run (best of ten each: this machine's speed varies from second to second): tpkit as a user's
call runs it (a file of 2 MiB or more is read by one thread per core, see tpkit.threads) and with
``TPKIT_THREADS=1`` (one thread, as pandas reads); then a load from tpkit's cache.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from tpkit import load_project  # noqa: E402
from tpkit.cache import CACHE_VARIABLE  # noqa: E402
from tpkit.datasets import sample_path  # noqa: E402
from tpkit.threads import TPKIT_THREADS, reading_threads  # noqa: E402


def timed(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    project = load_project(path)
    return time.perf_counter() - start, len(project.ratings)


def read_csv_floor(path: Path) -> float:
    """Seconds ``pandas.read_csv`` takes for the folder's CSV files."""
    start = time.perf_counter()
    for file in sorted(path.glob("*.csv")):
        pd.read_csv(file)
    return time.perf_counter() - start


def report(label: str, path: Path, rounds: int = 10) -> None:
    """Loads with the cache off (as a user's call runs, and with one thread) and the floor in turns,
    ``rounds`` times each; the best of each."""
    os.environ[CACHE_VARIABLE] = "off"
    given = os.environ.pop(TPKIT_THREADS, None)
    loads, one_thread, floors = [], [], []
    for _ in range(rounds):
        loads.append(timed(path))
        os.environ[TPKIT_THREADS] = "1"
        one_thread.append(timed(path))
        del os.environ[TPKIT_THREADS]
        floors.append(read_csv_floor(path))
    if given is not None:
        os.environ[TPKIT_THREADS] = given
    floor = min(floors)
    for how, times in (("", loads), (" with one thread", one_thread)):
        seconds, rows = min(times)
        print(f"{label}{how}: {seconds:.3f} s for {rows:,} rating rows ({rows / seconds:,.0f} rows/s); "
              f"pandas.read_csv of the same files {floor:.3f} s: tpkit takes {seconds / floor:.1f}× as long")
    with tempfile.TemporaryDirectory() as cache:
        os.environ[CACHE_VARIABLE] = cache
        timed(path)
        cached, _ = timed(path)
    print(f"{label} from the cache: {cached:.3f} s")


def scaled_copy(factor: int, folder: Path) -> Path:
    """The hotel sample with its respondents and ratings repeated ``factor`` times under new ids."""
    src = sample_path("hotel")
    shutil.copytree(src, folder)
    for table in ("respondents.csv", "ratings.csv"):
        lines = (src / table).read_text(encoding="utf-8").splitlines()
        out = [lines[0]]
        for k in range(factor):
            out += [f"K{k}" + line for line in lines[1:]]  # respondent ids are the first column
        (folder / table).write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


if __name__ == "__main__":
    factor = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    print(f"reading threads: {reading_threads()}")
    report("hotel sample", sample_path("hotel"))
    with tempfile.TemporaryDirectory() as tmp:
        report(f"hotel × {factor}", scaled_copy(factor, Path(tmp) / "big"))

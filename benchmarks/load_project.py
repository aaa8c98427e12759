"""How fast a project folder loads and validates: the hotel sample, and the hotel with N× its ratings.

Run: python benchmarks/load_project.py [factor]   (default factor 10 → about 340,000 rating rows)
Prints seconds and rating rows per second for each.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tpkit import load_project  # noqa: E402
from tpkit.datasets import sample_path  # noqa: E402


def timed(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    project = load_project(path)
    return time.perf_counter() - start, len(project.ratings)


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
    seconds, rows = timed(sample_path("hotel"))
    print(f"hotel sample: {seconds:.2f} s for {rows:,} rating rows ({rows / seconds:,.0f} rows/s)")
    with tempfile.TemporaryDirectory() as tmp:
        seconds, rows = timed(scaled_copy(factor, Path(tmp) / "big"))
    print(f"hotel × {factor}: {seconds:.2f} s for {rows:,} rating rows ({rows / seconds:,.0f} rows/s)")

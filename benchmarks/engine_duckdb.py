"""The evaluation on DuckDB from Parquet: 10 million and 100 million rating rows.

Run: python benchmarks/engine_duckdb.py [rows ...] [--memory-limit 4GB]
For each size, DuckDB writes a rating log to Parquet (40 touchpoints, 15 ratings per respondent,
so 100 million rows are 6.7 million respondents in 4 segments; not timed), then ``tpkit.engine``
computes, and the script times and prints:

- NPS per segment (counts → shares, interval, rank),
- performance and stated importance per touchpoint with t-intervals, overall and for one segment,
- the key drivers of recommendation overall (pivot of the log, two passes of sums, Shapley/relative weights).

DuckDB runs with a memory limit (default 4 GB) below the size of the 100-million-row log in memory
(about 6 GB as pandas frames), so the figures show the larger-than-memory path.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import duckdb  # noqa: E402

from tpkit import engine  # noqa: E402

TOUCHPOINTS, PER_RESPONDENT, SEGMENTS = 40, 15, 4


def write_log(folder: Path, rows: int, connection) -> None:
    """A rating log of ``rows`` rows and its respondents as Parquet (performance tied to recommendation)."""
    respondents = rows // PER_RESPONDENT
    connection.execute(f"""
        COPY (SELECT 'r' || j AS respondent_id, 's' || (j % {SEGMENTS}) AS segment_id,
                     (hash(j) % 11)::INTEGER AS recommend, 1 + (hash(j + 7) % 5)::INTEGER AS satisfaction
              FROM range({respondents}) t(j)) TO '{folder}/respondents.parquet' (FORMAT parquet)""")
    connection.execute(f"""
        COPY (SELECT 'r' || (i // {PER_RESPONDENT}) AS respondent_id,
                     't' || ((i * 7 + i // {PER_RESPONDENT}) % {TOUCHPOINTS}) AS touchpoint_id,
                     least(5, greatest(1, 1 + ((hash(i // {PER_RESPONDENT}) % 11) * 4) // 10
                                         + (hash(i) % 3)::INTEGER - 1))::INTEGER AS performance,
                     1 + (hash(i + 1) % 5)::INTEGER AS importance
              FROM range({rows}) t(i)) TO '{folder}/ratings.parquet' (FORMAT parquet)""")


def timed(label: str, call) -> object:
    started = time.perf_counter()
    result = call()
    print(f"  {label:<44} {time.perf_counter() - started:7.1f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="*", type=int, default=[10_000_000, 100_000_000])
    parser.add_argument("--memory-limit", default="4GB")
    args = parser.parse_args()
    ids = [f"t{k}" for k in range(TOUCHPOINTS)]
    for rows in args.rows:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            connection = duckdb.connect(config={"memory_limit": args.memory_limit,
                                                "temp_directory": str(folder / "spill")})
            started = time.perf_counter()
            write_log(folder, rows, connection)
            size = sum(p.stat().st_size for p in folder.glob("*.parquet")) / 1024**2
            print(f"{rows:,} rating rows ({size:,.0f} MiB Parquet, written in {time.perf_counter() - started:.0f} s;"
                  f" DuckDB memory limit {args.memory_limit}):")
            ratings, respondents = engine.scan_parquet(folder, engine="duckdb", session=connection)
            total = time.perf_counter()
            timed("NPS per segment", lambda: engine.nps(respondents, by="segment_id"))
            table = timed("performance per touchpoint (all)", lambda: engine.performance(ratings, ids, respondents))
            timed("performance per touchpoint (one segment)",
                  lambda: engine.performance(ratings, ids, respondents, segment="s1"))
            drivers = timed("key drivers of recommendation (all)",
                            lambda: engine.key_drivers(ratings, respondents, ids))
            print(f"  {'whole evaluation':<44} {time.perf_counter() - total:7.1f} s"
                  f"   (ratings counted: {int(table['n'].sum()):,}; R² {float(drivers['r2'].iloc[0]):.3f})")
            connection.close()


if __name__ == "__main__":
    main()

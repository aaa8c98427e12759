"""Two what-if calibrations at the same moment in two processes, against one alone (target ≤ 2 s each).

Run: python benchmarks/parallel_calibration.py [processes] [--threads N | --default-threads]
Each process imports tpkit (which limits its numeric thread pools, see :mod:`tpkit.threads`), builds the
synthetic project of benchmarks/whatif_change.py (300 touchpoints × 12 segments, 240,000 ratings), waits
for the others at a barrier and then times the calibration (``baseline`` and the first ``simulate``).
Prints each process's time, one process alone for comparison, and their ratio.

``--threads N`` sets ``TPKIT_THREADS=N`` in the workers; ``--default-threads`` sets ``TPKIT_THREADS=0``,
which leaves the libraries' own default (one thread per core) as tpkit did before it limited them.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def calibrate(barrier, results) -> None:
    from whatif_change import synthetic

    from tpkit.scenario import Scenario, baseline, simulate
    from tpkit.threads import current_threads

    project = synthetic()
    barrier.wait()
    start = time.perf_counter()
    baseline(project)
    simulate(project, Scenario("baseline"))
    results.put((os.getpid(), time.perf_counter() - start, current_threads()))


def run(processes: int) -> list[tuple[int, float, int]]:
    """Seconds each of ``processes`` simultaneous calibrations took (and its thread limit)."""
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(processes), ctx.Queue()
    workers = [ctx.Process(target=calibrate, args=(barrier, results)) for _ in range(processes)]
    for worker in workers:
        worker.start()
    out = [results.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join()
    return out


def main(argv: list[str]) -> None:
    processes = 2
    if "--default-threads" in argv:
        os.environ["TPKIT_THREADS"] = "0"
    elif "--threads" in argv:
        os.environ["TPKIT_THREADS"] = argv[argv.index("--threads") + 1]
    numbers = [a for i, a in enumerate(argv) if a.isdigit() and (i == 0 or argv[i - 1] != "--threads")]
    if numbers:
        processes = int(numbers[0])
    alone = statistics.median(seconds for _, seconds, _ in (run(1)[0] for _ in range(3)))
    together = run(processes)
    limit = together[0][2]
    print(f"numeric threads per process: {limit or 'library default'} ({os.cpu_count()} cores)")
    print(f"one calibration alone: {alone:.2f} s (median of 3)")
    for i, (_, seconds, _) in enumerate(sorted(together, key=lambda r: r[1])):
        print(f"process {i + 1} of {processes} at once: {seconds:.2f} s ({seconds / alone:.1f}× alone; "
              "target ≤ 2 s)")


if __name__ == "__main__":
    main(sys.argv[1:])

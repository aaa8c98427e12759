"""Time until the what-if planner is interactive in headless Chromium, against a bare Voilà
notebook with one slider, measured in the same run (target ratio ≤ 1.5).

Run: python benchmarks/dashboard_tti.py [rounds]   (default 3; needs /usr/bin/chromium)
One Voilà server serves both notebooks from a temporary folder; each round opens the bare notebook and
the planner in a fresh page, alternating, and times navigation until the slider (bare) or the
key-figure cards (planner) are shown. Measured twice: with a kernel started per page, and with
Voilà's preheated kernels as ``make run`` serves them (the notebook has run before the page opens).
Prints the medians and their ratio for both.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium, run_options, voila_server  # noqa: E402

BARE = 'import ipywidgets as w\nw.FloatSlider(description="x")'


def measure(folder: Path, rounds: int, options: tuple[str, ...], settle: float) -> dict[str, list[float]]:
    """Open each notebook ``rounds`` times, alternating; ``settle`` seconds between pages (a preheated
    kernel pool refills in that time)."""
    times: dict[str, list[float]] = {"bare": [], "what_if": []}
    ready = {"bare": ".widget-slider", "what_if": "[data-kpi=cost]"}
    with voila_server(folder, options=options) as base, chromium() as browser:
        time.sleep(settle)
        for _ in range(rounds):
            for name in ("bare", "what_if"):
                page = browser.new_page()
                start = time.perf_counter()
                page.goto(f"{base}/voila/render/{name}.ipynb", timeout=180_000)
                page.wait_for_selector(ready[name], timeout=180_000)
                times[name].append(time.perf_counter() - start)
                page.close()
                time.sleep(settle)
    return times


def main(rounds: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="tpkit-tti-"))
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(BARE))
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nbformat.write(nb, folder / "bare.ipynb")
    shutil.copy(ROOT / "dashboards" / "what_if.ipynb", folder / "what_if.ipynb")
    try:
        cold = ("--preheat_kernel=False", "--VoilaExecutor.iopub_timeout=60")  # the wait as `make run` sets it
        runs = {"cold kernels": measure(folder, rounds, cold, 0.0),
                "preheated kernels (make run)": measure(folder, rounds, run_options(), 15.0)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for label, times in runs.items():
        bare, planner = statistics.median(times["bare"]), statistics.median(times["what_if"])
        print(f"{label}: bare Voilà notebook with one slider {bare:.2f} s, what-if planner {planner:.2f} s "
              f"(medians of {rounds}) → ratio {planner / bare:.2f}× (target ≤ 1.5×)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)

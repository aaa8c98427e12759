"""How long a fresh dashboard kernel takes to import tpkit and build each dashboard (target: importing
``tpkit.ui`` and building the planner ≤ 1 s in all).

Run: python benchmarks/import_time.py [runs] [--process]   (default 5 runs)
Every run starts a fresh IPython kernel (as Voilà does for a page; ``--process``: a plain Python process
instead) and times, inside it, ``import tpkit``, then ``import tpkit.ui``, then building one dashboard
(``overview_app`` / ``evaluation_app`` / ``whatif_app``, a fresh kernel for each). Prints the medians.
The first run of each fills the caches tpkit keeps on disk (the parsed sample projects, Altair's
offline JavaScript bundle) as the first kernel on a machine does; later runs find them, as every
further kernel does. ``--cold`` removes those caches before every run (a temporary cache folder).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("overview_app", "evaluation_app", "whatif_app")

CODE = """
import time, json
t0 = time.perf_counter()
import tpkit
t1 = time.perf_counter()
import tpkit.ui
t2 = time.perf_counter()
app = tpkit.ui.{app}("de")
t3 = time.perf_counter()
print(json.dumps({{"tpkit": t1 - t0, "tpkit.ui": t2 - t1, "build": t3 - t2}}))
"""


def in_process(code: str, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def in_kernel(code: str, env: dict[str, str]) -> dict[str, float]:
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3", cwd=str(ROOT), env=env, stderr=subprocess.DEVNULL)
    try:
        lines: list[str] = []
        reply = client.execute_interactive(code, timeout=300,
                                           output_hook=lambda msg: lines.append(msg["content"].get("text", "")))
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}")
        return json.loads("".join(lines).strip().splitlines()[-1])
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def main(argv: list[str]) -> None:
    runs = int(next((a for a in argv if a.isdigit()), 5))
    run = in_process if "--process" in argv else in_kernel
    env = dict(os.environ)
    cache = None
    if "--cold" in argv:
        cache = Path(tempfile.mkdtemp(prefix="tpkit-cache-"))
        env["TPKIT_CACHE"] = str(cache)
    where = "plain Python processes" if run is in_process else "fresh IPython kernels"
    print(f"{where}, median of {runs} runs{' with empty caches' if cache else ''}:")
    try:
        times: dict[str, list[dict[str, float]]] = {app: [] for app in APPS}
        for _ in range(runs):
            for app in APPS:
                if cache is not None:
                    shutil.rmtree(cache, ignore_errors=True)
                times[app].append(run(CODE.format(app=app), env))
    finally:
        if cache is not None:
            shutil.rmtree(cache, ignore_errors=True)
    everything = [r for rows in times.values() for r in rows]
    print(f"  import tpkit     {statistics.median(r['tpkit'] for r in everything):.2f} s")
    print(f"  import tpkit.ui  {statistics.median(r['tpkit.ui'] for r in everything):.2f} s (after tpkit)")
    for app, rows in times.items():
        print(f"  build {app:<15}{statistics.median(r['build'] for r in rows):.2f} s")
    planner = statistics.median(r["tpkit"] + r["tpkit.ui"] + r["build"] for r in times["whatif_app"])
    print(f"import tpkit.ui and build the planner: {planner:.2f} s in all (target ≤ 1 s)")


if __name__ == "__main__":
    main(sys.argv[1:])

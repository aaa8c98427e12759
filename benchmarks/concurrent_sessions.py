"""Memory and response time with N stakeholders at once in the what-if planner (default 10; target: all
pages ready ≤ 30 s for 10).

Run: python benchmarks/concurrent_sessions.py [N] [--audience A] [--refill S] [--when start|warm|both]
Serves the dashboards as `make run AUDIENCE=A` does (A preheated planner kernels; default A = N), opens N
Chromium pages on a copy of the hotel and lets every session remove touchpoints and save scenarios at the
same moment (see tests/sessions.py). The pages open as the server starts (``start``: its kernels are still
starting) and/or on a server whose preheated kernels are ready (``warm``: started before the meeting);
default both. Prints how long until every page was ready, how long a change took to show, and the memory
of each session's kernel: USS (memory only that kernel holds, what another session adds) and RSS
(resident, with shared libraries). All of it runs on this machine: the N Chromium pages take the same
cores as the kernels (10 bare Voilà pages with one slider each take about 19 s on 2 cores).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sessions import run_sessions  # noqa: E402

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sessions", nargs="?", type=int, default=10)
    parser.add_argument("--audience", type=int, default=None, help="preheated planner kernels (default: N)")
    parser.add_argument("--refill", type=int, default=None, help="REFILL seconds (default as make run)")
    parser.add_argument("--when", choices=("start", "warm", "both"), default="both")
    args = parser.parse_args()
    for warm in {"start": (False,), "warm": (True,), "both": (False, True)}[args.when]:
        with tempfile.TemporaryDirectory() as tmp:
            run = run_sessions(args.sessions, Path(tmp), audience=args.audience, refill=args.refill, warm=warm)
            print(run.report(), flush=True)

"""Memory and response time with N stakeholders at once in the what-if planner (default 10).

Run: python benchmarks/concurrent_sessions.py [N]
Serves the dashboards as `make run` does, opens N Chromium pages on a copy of the hotel and lets every
session remove touchpoints and save scenarios at the same moment (see tests/sessions.py). Prints how
long until every page was ready, how long a change took to show, and the memory of each session's kernel:
USS (memory only that kernel holds, what another session adds) and RSS (resident, with shared libraries).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sessions import run_sessions  # noqa: E402

if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as tmp:
        print(run_sessions(n, Path(tmp)).report())

"""`make run` serves the dashboards from preheated kernels sized by its options (AUDIENCE, POOL, REFILL,
THREADS), in an environment without the test-only packages; the browser tests and benchmarks serve them
the same way (tests/browser.py ``run_options``). The reference is what `make -n run` would execute."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from browser import run_options

ROOT = Path(__file__).resolve().parent.parent
needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def make_run(*options: str) -> list[str]:
    """The words of the command that `make run OPTIONS…` would start Voilà with."""
    out = subprocess.run(["make", "-n", "run", *options], cwd=ROOT, capture_output=True, text=True, check=True)
    line = out.stdout.replace("\\\n", " ").splitlines()
    return shlex.split(next(text for text in line if "/voila " in text))


@needs_make
@pytest.mark.parametrize("options, sizes", [
    ((), {}), (("AUDIENCE=25",), {"audience": 25}),
    (("AUDIENCE=25", "POOL=2", "REFILL=5"), {"audience": 25, "pool": 2, "refill": 5})])
def test_make_run_serves_as_the_browser_tests_do(options, sizes):
    words = make_run(*options)
    voila = [w for w in words if w.startswith(("--preheat", "--VoilaKernelManager", "--VoilaExecutor"))]
    assert voila == list(run_options(**sizes))


@needs_make
def test_make_run_uses_its_own_environment_and_one_thread_per_kernel():
    words = make_run("THREADS=2")
    settings = [w for w in words if "=" in w and not w.startswith("-")]
    command = words[len(settings)]
    assert "TPKIT_THREADS=2" in settings
    assert any(w.startswith("JUPYTER_PATH=") and w.endswith("share/jupyter") for w in settings)   # tpkit's template
    assert "--template=tpkit" in words
    assert Path(command).parts[0] == ".venv-run"  # not the test environment (.venv) with PySpark & co.
    recipe = subprocess.run(["make", "-n", "-B", ".venv-run/.installed"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout
    assert "-e ." in recipe and "[test]" not in recipe

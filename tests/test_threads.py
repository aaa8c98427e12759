"""``import tpkit`` leaves the numeric libraries at one thread per process unless the environment says
otherwise; ``set_threads`` changes it; a wrong number is a ModelError in both languages.

Each case runs in a fresh Python process (a library reads its thread count when it loads) and reads the
pools back with ``threadpoolctl.threadpool_info()``, the reference."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tpkit.errors import ModelError
from tpkit.threads import THREAD_VARIABLES, TPKIT_THREADS, default_threads, set_threads

READ_POOLS = ("\nimport json, threadpoolctl\n"
              "print(json.dumps([p['num_threads'] for p in threadpoolctl.threadpool_info()]))")
needs_two_cores = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores to tell 2 threads from 1")


def pools(code: str, **env: str) -> list[int]:
    """The thread counts of every BLAS/OpenMP pool after running ``code`` in a fresh process whose
    environment has none of the thread variables but ``env``."""
    clean = {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES and k != TPKIT_THREADS}
    script = code + READ_POOLS
    out = subprocess.run([sys.executable, "-c", script], env={**clean, **env}, capture_output=True, text=True,
                         check=True)
    counts = json.loads(out.stdout.strip().splitlines()[-1])
    assert counts, "no BLAS pool loaded: numpy and scipy should bring one each"
    return counts


def test_import_tpkit_limits_blas_to_one_thread():
    assert set(pools("import tpkit, scipy.linalg")) == {1}


def test_the_limit_also_holds_when_numpy_was_loaded_before_tpkit():
    assert set(pools("import numpy, scipy.linalg, tpkit")) == {1}


@needs_two_cores
def test_a_thread_variable_set_by_the_user_is_left_alone():
    assert set(pools("import tpkit", OPENBLAS_NUM_THREADS="2")) == {2}
    assert set(pools("import tpkit", OMP_NUM_THREADS="2")) == {2}


@needs_two_cores
def test_tpkit_threads_sets_the_number_and_zero_leaves_the_libraries_default():
    assert set(pools("import tpkit", TPKIT_THREADS="2")) == {2}
    # 0: the libraries' own default, one thread per core (as without tpkit)
    default = pools("import numpy, scipy.linalg")
    assert max(default) > 1
    assert pools("import tpkit, scipy.linalg", TPKIT_THREADS="0") == default


@needs_two_cores
def test_set_threads_changes_loaded_pools_and_later_ones():
    assert set(pools("import tpkit, numpy\ntpkit.set_threads(2)\nimport scipy.linalg")) == {2}
    assert set(pools("import tpkit, numpy, scipy.linalg\ntpkit.set_threads(2)\ntpkit.set_threads(1)")) == {1}


def test_default_threads_reads_the_environment(monkeypatch):
    for name in (*THREAD_VARIABLES, TPKIT_THREADS):
        monkeypatch.delenv(name, raising=False)
    assert default_threads() == 1
    monkeypatch.setenv("MKL_NUM_THREADS", "4")
    assert default_threads() is None
    monkeypatch.setenv(TPKIT_THREADS, "3")
    assert default_threads() == 3
    monkeypatch.setenv(TPKIT_THREADS, "0")
    assert default_threads() is None


@pytest.mark.parametrize("value", ["many", "-1", "1.5"])
def test_a_wrong_tpkit_threads_is_a_model_error(monkeypatch, value):
    monkeypatch.setenv(TPKIT_THREADS, value)
    with pytest.raises(ModelError) as err:
        default_threads()
    assert err.value.message("de") == (f"Die Zahl der Threads (TPKIT_THREADS) muss eine ganze Zahl ab 0 sein, "
                                       f"nicht '{value}'.")


@pytest.mark.parametrize("value", [0, -2, 1.0, True, "2"])
def test_set_threads_takes_a_whole_number_of_at_least_one(value):
    with pytest.raises(ModelError) as err:
        set_threads(value)
    assert str(err.value) == f"The number of threads (set_threads) must be a whole number of at least 1, not '{value}'."


def test_reading_threads_follow_tpkit_threads_else_the_cores(monkeypatch):
    from tpkit.threads import MAX_READING_THREADS, reading_threads

    cores = len(os.sched_getaffinity(0))
    monkeypatch.delenv(TPKIT_THREADS, raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "1")          # the numeric libraries' limit does not bind reading
    assert reading_threads() == min(cores, MAX_READING_THREADS)
    monkeypatch.setenv(TPKIT_THREADS, "3")
    assert reading_threads() == 3
    monkeypatch.setenv(TPKIT_THREADS, "0")
    assert reading_threads() == cores
    monkeypatch.setenv(TPKIT_THREADS, "many")
    with pytest.raises(ModelError):
        reading_threads()


def test_reading_threads_work_in_a_forked_process():
    # a pool started before a fork has no threads in the child: the child starts its own
    script = ("import os, tpkit.threads as t\n"
              "assert t.in_threads(abs, [-1, -2, -3], threads=2) == [1, 2, 3]\n"
              "pid = os.fork()\n"
              "if pid == 0:\n"
              "    os._exit(0 if t.in_threads(abs, [-4, -5], threads=2) == [4, 5] else 1)\n"
              "print(os.waitpid(pid, 0)[1])\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "0"

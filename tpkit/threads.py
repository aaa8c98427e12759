"""How many threads the numeric libraries (BLAS, OpenMP) of a tpkit process use.

``import tpkit`` limits them to **one thread per process**, unless the environment already says how
many: ``TPKIT_THREADS`` (a number; ``0`` leaves the libraries' own default, one thread per core), or
any of ``OMP_NUM_THREADS``, ``OPENBLAS_NUM_THREADS``, ``MKL_NUM_THREADS``, ``VECLIB_MAXIMUM_THREADS``,
``BLIS_NUM_THREADS`` (then tpkit changes nothing). ``set_threads(n)`` changes it at any time,
``current_threads()`` tells it.

Reading a large CSV file is not held to that limit: :mod:`tpkit.columnar` cuts it into pieces that pyarrow
reads at once with :func:`in_threads`, on every core (at most :data:`MAX_READING_THREADS`), or on
``TPKIT_THREADS`` threads when that is set. Those threads run pyarrow's C code, which never waits on another
thread as BLAS's threads do: on busy cores they take turns like one thread's work, and alone on two cores the
hotel × 10 project loads in 0.12–0.17 s instead of 0.16–0.18 s (``benchmarks/load_project.py`` prints both).

Why one: a dashboard kernel, a notebook and a script often compute at the same moment on the same
few cores. With one BLAS thread per core in every process they oversubscribe the cores and each runs
many times slower (two what-if calibrations at once on two cores: 13–35 s each instead of 0.6 s); with one
thread per process both finish as fast as one alone, and a single calculation on tpkit's matrices
(a few hundred columns at most) is not slower (benchmarks/parallel_calibration.py).

The limit is set in two ways, so that it holds for every library: the variables above are set for
libraries loaded later (and for child processes), and threadpoolctl limits the pools of libraries
already loaded.

Example
-------
>>> import tpkit
>>> set_threads(2)
>>> current_threads()
2
>>> set_threads(1)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import NoReturn, TypeVar

#: The variables numeric libraries read their thread count from (set by the user: tpkit leaves them).
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS",
                    "BLIS_NUM_THREADS")
#: tpkit's own variable: a number of threads, or 0 for the libraries' default.
TPKIT_THREADS = "TPKIT_THREADS"
#: Modules that bring a BLAS or OpenMP pool: when one is loaded before tpkit, threadpoolctl limits the pools
#: (else the variables suffice, and threadpoolctl, 15 ms to import, is not needed).
_NUMERIC_MODULES = ("numpy", "scipy", "sklearn")
#: The most threads a file is read with when ``TPKIT_THREADS`` does not say (more gain little: reading is then
#: bound by memory, not by the cores).
MAX_READING_THREADS = 4

_In = TypeVar("_In")
_Out = TypeVar("_Out")


def default_threads() -> int | None:
    """The thread limit ``import tpkit`` sets: ``TPKIT_THREADS`` if given, none (``None``) when a library's
    own variable is set or ``TPKIT_THREADS=0``, else 1.

    Returns
    -------
    The number of threads, or ``None`` to leave the libraries as they are.

    >>> default_threads() in (None, 1) or TPKIT_THREADS in os.environ
    True
    """
    given = os.environ.get(TPKIT_THREADS, "").strip()
    if given:
        n = _count(given)
        return n or None
    if any(os.environ.get(name) for name in THREAD_VARIABLES):
        return None
    return 1


def _count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        _refuse(text, where=TPKIT_THREADS, low=0)
    return n


def _refuse(value: object, *, where: str, low: int) -> NoReturn:
    from .errors import ModelError  # not at the top: this module runs before numpy is loaded

    raise ModelError("threads", value=str(value), where=where, low=low)


def set_threads(n: int) -> None:
    """Let the numeric libraries of this process use ``n`` threads (BLAS, OpenMP), from now on.

    Parameters
    ----------
    n : threads per library pool, at least 1 (``os.cpu_count()`` is what they use without tpkit).

    Notes
    -----
    Sets the variables in :data:`THREAD_VARIABLES` (read by libraries loaded later and by child
    processes) and limits the pools already loaded with ``threadpoolctl.threadpool_limits(n)``.

    >>> set_threads(0)
    Traceback (most recent call last):
    ...
    tpkit.errors.ModelError: The number of threads (set_threads) must be a whole number of at least 1, not '0'.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        _refuse(n, where="set_threads", low=1)
    _limit(n, loaded_only=False)


def _limit(n: int, *, loaded_only: bool) -> None:
    for name in THREAD_VARIABLES:
        os.environ[name] = str(n)
    if loaded_only and not any(m in sys.modules for m in _NUMERIC_MODULES):
        return  # nothing loaded yet: the libraries read the variables when they load
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=n)


def limit_threads() -> int | None:
    """Apply :func:`default_threads` (``import tpkit`` calls it first, before numpy loads its BLAS).

    Returns
    -------
    The limit set, or ``None`` when the environment leaves the libraries as they are.
    """
    n = default_threads()
    if n is not None:
        _limit(n, loaded_only=True)
    return n


def current_threads() -> int:
    """The most threads any numeric library loaded in this process may use now.

    Returns
    -------
    The largest ``num_threads`` of ``threadpoolctl.threadpool_info()`` (1 when none is loaded).
    """
    from threadpoolctl import threadpool_info

    return max((pool["num_threads"] for pool in threadpool_info()), default=1)


def reading_threads() -> int:
    """How many threads a large file is read with: ``TPKIT_THREADS`` if given (``0``: every core), else every
    core this process may use, at most :data:`MAX_READING_THREADS` (see the module).

    >>> 1 <= reading_threads() <= max(MAX_READING_THREADS, int(os.environ.get(TPKIT_THREADS) or 1))
    True
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    given = os.environ.get(TPKIT_THREADS, "").strip()
    if given:
        return _count(given) or cores
    return max(1, min(cores, MAX_READING_THREADS))


def in_threads(function: Callable[[_In], _Out], items: Sequence[_In], threads: int | None = None) -> list[_Out]:
    """``[function(x) for x in items]``, run on up to ``threads`` threads at once (default
    :func:`reading_threads`); it gains where ``function`` lets go of Python's lock, as pyarrow's reading and
    encoding do.

    >>> in_threads(abs, [-1, 2, -3], threads=2)
    [1, 2, 3]
    """
    n = min(reading_threads() if threads is None else threads, len(items))
    if n <= 1:
        return [function(x) for x in items]
    # threads of their own for each call (0.1 ms to start): none stays behind to be copied by a fork
    with ThreadPoolExecutor(n, thread_name_prefix="tpkit-read") as pool:
        return list(pool.map(function, items))


def started(function: Callable[..., _Out], *args: object) -> Callable[[], _Out]:
    """``function(*args)`` started on a thread of its own; what it returns waits for the result (or raises
    the exception). The thread ends with the call.

    >>> wait = started(sum, [1, 2])
    >>> wait()
    3
    """
    pool = ThreadPoolExecutor(1, thread_name_prefix="tpkit-read")
    future = pool.submit(function, *args)
    pool.shutdown(wait=False)
    return future.result

"""Every input of the bad-input corpus (tests/bad_inputs.py) is refused with a clear error that lists
its problems with file, row, column and fix, in bounded time and memory, and loads nothing."""

from __future__ import annotations

import re
import time
import tracemalloc

import pytest

from bad_inputs import CASES, make
from tpkit.io import load_project
from tpkit.problems import ProjectError

#: Bounds per input: seconds and peak Python memory (the 2 GiB file and the 1.2 GiB bomb included).
MAX_SECONDS = 10
MAX_PEAK_BYTES = 64 * 1024**2


def test_the_corpus_has_at_least_forty_inputs():
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_refused_with_every_problem_named(case, tmp_path):
    path = make(case, tmp_path / "in")
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ProjectError) as caught:
            load_project(path)
    finally:
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert seconds < MAX_SECONDS, f"{case.name}: {seconds:.1f} s"
    assert peak < MAX_PEAK_BYTES, f"{case.name}: peak {peak / 1024**2:.0f} MiB"

    problems = caught.value.problems
    found = {(p.file, p.row, p.column, p.code) for p in problems}
    for file, row, column, code in case.expected:
        assert any(file.lower() in f.lower() and r == row and c == column and (code is None or k == code)
                   for f, r, c, k in found), f"{case.name}: expected {(file, row, column, code)} in {found}"
    for p in problems:   # every problem says where and what to do, in both languages, with no gap left
        assert p.file
        for lang in ("de", "en"):
            message, fix = p.message(lang), p.fix(lang)
            assert message and fix and not re.search(r"\{[a-z_]+\}", message + fix), (case.name, lang, message, fix)
    report = caught.value.report("de")
    assert "Traceback" not in report and len(report.splitlines()) == len(problems) + 1
    # loading never writes into the input
    after = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file() and p in before}
    assert after == before

"""Ten stakeholders at once in real Chromium: each session's what-if changes show only its own result,
every scenario saved into the shared project is there and complete, one name saved by all at once is
saved once, and every page answers in bounded time. Prints the memory per session."""

from __future__ import annotations

import json

import pytest
from sessions import run_sessions

from tpkit.scenario import RemoveTouchpoint
from tpkit.store import load_scenarios

pytestmark = pytest.mark.browser
SESSIONS = 10


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return run_sessions(SESSIONS, tmp_path_factory.mktemp("sessions"))


def test_no_cross_talk_between_sessions(run):
    assert run.shown == run.expected  # each page shows the cost of its own two removals
    assert len(set(run.expected.values())) == SESSIONS


def test_no_scenario_is_lost_or_corrupted(run):
    folder = run.data / "hotel" / "scenarios"
    scenarios, errors = load_scenarios(folder)
    assert errors == []
    by_name = {s.name: s for s in scenarios}
    assert set(by_name) == {f"Sitzung {i}" for i in range(SESSIONS)} | {f"Sitzung {i} b" for i in range(SESSIONS)} \
        | {"Gemeinsam"}
    for i in range(SESSIONS):
        assert by_name[f"Sitzung {i}"].changes == (RemoveTouchpoint(run.touchpoints[i]),)
        assert by_name[f"Sitzung {i} b"].changes == (RemoveTouchpoint(run.touchpoints[i]),
                                                      RemoveTouchpoint(run.touchpoints[SESSIONS + i]))
    for path in folder.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # every file whole
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_one_name_saved_by_all_at_once_is_saved_once(run):
    saved = [m for m in run.race if m.startswith("Gespeichert")]
    refused = [m for m in run.race if "schon gespeichert" in m]
    assert len(saved) == 1 and len(refused) == SESSIONS - 1


def test_every_page_stays_responsive(run):
    print("\n" + run.report())
    assert max(run.change_seconds) < 60
    assert max(run.kernel_rss) < 1.5 * 1024**3

"""Nothing lost, nothing unsafe: transactional saves with the previous version, a process killed
mid-save, formula injection in exports and file names that try to leave the project folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import assert_same_project
from hypothesis import given, settings
from hypothesis import strategies as st

from tpkit.datasets import load_sample
from tpkit.files import FORMULA_START, JOURNAL, PREVIOUS, inside, neutralise, recover, restore, save_files
from tpkit.io import load_project, save_project, with_tables
from tpkit.store import ScenarioExists, load_scenarios, save_scenario
from tpkit.scenario import RemoveTouchpoint, Scenario

ROOT = Path(__file__).resolve().parents[1]


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


# --- transactions and the previous version -----------------------------------

def test_save_keeps_the_previous_version_loadable(tiny_dir, tmp_path):
    first = load_project(tiny_dir)
    second = with_tables(first, measures=first.measures.head(1), votes=first.votes)
    folder = save_project(first, tmp_path / "p")
    save_project(second, folder)
    assert_same_project(load_project(folder), second)
    assert_same_project(load_project(folder / PREVIOUS), first)
    # nothing but the tables, the lock and the previous version are left
    assert {p.name for p in folder.iterdir() if p.name.startswith(".")} == {PREVIOUS, ".tpkit-lock"}


def test_tables_now_empty_are_removed_and_kept_as_previous(tmp_path):
    hotel = load_sample("hotel")
    folder = save_project(hotel, tmp_path / "p")
    without_votes = with_tables(hotel, votes=hotel.votes.iloc[0:0])
    save_project(without_votes, folder)
    assert "votes.csv" not in visible(folder)
    assert load_project(folder).votes.empty
    assert len(load_project(folder / PREVIOUS).votes) == len(hotel.votes)


def test_relative_folders_save_and_load(tiny_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    project = load_project(tiny_dir)
    save_project(project, "relativ")
    save_project(project, "relativ")
    assert_same_project(load_project("relativ"), project)
    assert (tmp_path / "relativ" / PREVIOUS).is_dir()


def test_exclusive_create_refuses_without_writing(tmp_path):
    save_files(tmp_path, {"a.json": b"1"}, exclusive_create=True)
    with pytest.raises(FileExistsError):
        save_files(tmp_path, {"b.json": b"2", "a.json": b"3"}, exclusive_create=True)
    assert visible(tmp_path) == ["a.json"] and (tmp_path / "a.json").read_bytes() == b"1"


def test_overwritten_scenario_is_kept_as_previous(tmp_path):
    first = Scenario("Variante A", (RemoveTouchpoint("checkin_desk"),))
    save_scenario(tmp_path, first)
    with pytest.raises(ScenarioExists):
        save_scenario(tmp_path, Scenario("Variante A"))
    save_scenario(tmp_path, Scenario("Variante A"), overwrite=True)
    assert load_scenarios(tmp_path)[0][0].changes == ()
    assert load_scenarios(tmp_path / PREVIOUS)[0][0] == first


def test_committed_save_is_finished_by_the_next_reader(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"old")
    (tmp_path / ".a.csv.0123456789abcdef.tmp").write_bytes(b"new")
    (tmp_path / JOURNAL).write_text('{"replace": {".a.csv.0123456789abcdef.tmp": "a.csv"}, "delete": []}')
    assert recover(tmp_path)
    assert (tmp_path / "a.csv").read_bytes() == b"new" and visible(tmp_path) == ["a.csv"]
    assert not (tmp_path / JOURNAL).exists()


def test_uncommitted_save_is_swept(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"old")
    (tmp_path / ".a.csv.0123456789abcdef.tmp").write_bytes(b"half")
    assert recover(tmp_path)
    assert (tmp_path / "a.csv").read_bytes() == b"old" and visible(tmp_path) == ["a.csv"]
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


# --- a process killed in the middle of saving ----------------------------------

CHILD = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    import tpkit.files as files
    from tpkit.io import load_project, save_project, with_tables

    folder, mode, original = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    old = load_project(original)
    new = with_tables(old, ratings=old.ratings.iloc[::2].reset_index(drop=True),
                      measures=old.measures.assign(cost=old.measures["cost"] * 2))

    def stop_here():
        print("stop", flush=True)
        time.sleep(60)

    if mode == "temp":        # killed while the new files are written (before the commit)
        write, count = files._write_temp, [0]
        def slow_write(path, data, token):
            count[0] += 1
            if count[0] == 3:
                stop_here()
            return write(path, data, token)
        files._write_temp = slow_write
    elif mode == "rename":    # killed after the commit, with one table renamed and the others not
        replace, count = os.replace, [0]
        def slow_replace(a, b):
            replace(a, b)
            if str(b).endswith(".csv"):
                count[0] += 1
                if count[0] == 2:
                    stop_here()
        files.os.replace = slow_replace
    print("start", flush=True)
    while True:               # "loop": save old and new by turns until killed
        save_project(new, folder)
        if mode != "loop":
            break
        save_project(old, folder)
""")


def _saved_pair(tmp_path):
    hotel = load_sample("hotel")
    folder = save_project(hotel, tmp_path / "hotel")
    save_project(hotel, tmp_path / "original")
    old = load_project(folder)
    new = with_tables(old, ratings=old.ratings.iloc[::2].reset_index(drop=True),
                      measures=old.measures.assign(cost=old.measures["cost"] * 2))
    return folder, old, new


def _kill_child(folder: Path, mode: str, delay: float | None = None) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), mode,
                              str(folder.parent / "original")], stdout=subprocess.PIPE, text=True,
                             env=env)
    assert child.stdout.readline().strip() == "start"
    if delay is None:
        assert child.stdout.readline().strip() == "stop"
    else:
        time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)


def _old_or_new(project, old, new) -> str:
    for label, candidate in (("old", old), ("new", new)):
        try:
            assert_same_project(project, candidate)
            return label
        except AssertionError:
            continue
    raise AssertionError("the project loaded after the kill is neither the old nor the new version")


@pytest.mark.parametrize("mode, expected", [("temp", "old"), ("rename", "new")])
def test_killed_mid_save_the_project_still_loads_complete(tmp_path, mode, expected):
    folder, old, new = _saved_pair(tmp_path)
    _kill_child(folder, mode)
    assert _old_or_new(load_project(folder), old, new) == expected
    leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name == JOURNAL]
    assert leftovers == []  # the load finished or swept the interrupted save
    save_project(old, folder)  # and the folder takes the next save as usual
    assert_same_project(load_project(folder), old)


def test_killed_at_random_moments_the_project_is_always_one_version(tmp_path):
    folder, old, new = _saved_pair(tmp_path)
    seen = set()
    for delay in (0.05, 0.2, 0.35, 0.5, 0.8, 1.1):
        _kill_child(folder, "loop", delay)
        seen.add(_old_or_new(load_project(folder), old, new))
        if (folder / PREVIOUS).exists():
            _old_or_new(load_project(folder / PREVIOUS), old, new)
    assert seen  # each load above was complete; which version depends on timing


# --- formula injection ---------------------------------------------------------

@given(st.text(max_size=20))
def test_neutralise_is_reversible_and_never_starts_a_formula(text):
    safe = neutralise(text)
    assert restore(safe) == text
    assert not safe.startswith(FORMULA_START)


DANGEROUS = ["=HYPERLINK(\"http://evil\",\"klick\")", "+49 30 1234", "-2 Punkte", "@SUM(A1)", "'=schon zitiert",
             "=cmd|' /C calc'!A0"]


def test_csv_and_excel_exports_neutralise_formulas_and_read_back_unchanged(tiny_dir, tmp_path):
    project = load_project(tiny_dir)
    ratings = project.ratings.copy()
    ratings["comment"] = pd.Series((DANGEROUS * 2)[:len(ratings)], dtype=object)
    measures = project.measures.copy()
    measures["name"] = pd.Series(DANGEROUS[:len(measures)], dtype=object)
    project = with_tables(project, ratings=ratings, measures=measures)

    folder = save_project(project, tmp_path / "csv")
    for line in (folder / "ratings.csv").read_text(encoding="utf-8").splitlines()[1:]:
        comment = line.split(",", 5)[5].strip('"')
        assert not comment.startswith(FORMULA_START), line
    assert_same_project(load_project(folder), project)

    book = save_project(project, tmp_path / "p.xlsx")
    ws = openpyxl.load_workbook(book)["ratings"]
    comments = [c for c in ws["F"][1:] if c.value]
    assert comments and all(c.data_type == "s" for c in comments)
    assert all(c.quotePrefix for c in comments if c.value.startswith(FORMULA_START))
    assert_same_project(load_project(book), project)


def test_strategy_workbook_text_is_never_a_formula(tmp_path):
    from tpkit.report import strategy_workbook
    hotel = load_sample("hotel")
    measures = hotel.measures.copy()
    measures.loc[0, "name"] = "=1+1"
    data = strategy_workbook(with_tables(hotel, measures=measures), Scenario("Basis"), lang="de")
    path = tmp_path / "s.xlsx"
    path.write_bytes(data)
    book = openpyxl.load_workbook(path)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(c.value == "=1+1" for c in cells)
    assert all(c.data_type == "s" for c in cells)


# --- names that try to leave the folder -----------------------------------------

@pytest.mark.parametrize("name", ["../x.json", "../../etc/passwd", "/etc/passwd", "a/../../b", "..", ""])
def test_names_leaving_the_folder_are_refused(tmp_path, name):
    with pytest.raises(ValueError):
        inside(tmp_path, name)
    with pytest.raises(ValueError):
        save_files(tmp_path, {name: b"x"})
    assert list(tmp_path.parent.glob("x.json")) == []


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("ab./\\:~ ")), max_size=12))
def test_inside_never_returns_a_path_outside(name):
    base = Path("/data/project")
    try:
        target = inside(base, name)
    except ValueError:
        return
    assert target == base or base in target.parents


@given(st.text(min_size=1, max_size=40))
def test_scenario_file_names_stay_in_the_scenario_folder(name):
    from tpkit.store import slugify
    try:
        slug = slugify(name)
    except ValueError:
        return
    assert inside("/data/project/scenarios", f"{slug}.json").parent == Path("/data/project/scenarios")

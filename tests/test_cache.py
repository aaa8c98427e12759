"""The cache of parsed projects (tpkit.cache): a second load of the same files comes from the cache and
equals a fresh parse, frame by frame and dtype by dtype; it is never stale — any change of a file, even one
that keeps its size and time, is seen; broken projects are not cached; an unusable cache folder is passed
over. The reference is a load with the cache turned off."""

from __future__ import annotations

import os
import shutil
from dataclasses import fields
from pathlib import Path

import pandas as pd
import pytest

from tpkit import cache
from tpkit.datasets import sample_path
from tpkit.io import load_project
from tpkit.problems import ProjectError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_VARIABLE, str(folder))
    return folder


@pytest.fixture
def hotel(tmp_path) -> Path:
    folder = tmp_path / "hotel"
    shutil.copytree(sample_path("hotel"), folder, ignore=shutil.ignore_patterns("scenarios", ".*"))
    return folder


def fresh(path: Path, monkeypatch):
    """The reference: the project parsed with the cache turned off."""
    with monkeypatch.context() as m:
        m.setenv(cache.CACHE_VARIABLE, "off")
        return load_project(path)


def assert_same_project(a, b) -> None:
    for f in fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, pd.DataFrame):
            pd.testing.assert_frame_equal(x, y, check_exact=True)
            assert list(x.dtypes) == list(y.dtypes)
        else:
            assert x == y, f.name


def entries(folder: Path) -> list[Path]:
    return sorted((folder / "projects").glob("*.entry"))


def test_second_load_comes_from_the_cache_and_equals_a_fresh_parse(cache_dir, hotel, monkeypatch):
    first = load_project(hotel)
    assert len(entries(cache_dir)) == 1
    mtime = entries(cache_dir)[0].stat().st_mtime_ns
    second = load_project(hotel)
    assert entries(cache_dir)[0].stat().st_mtime_ns == mtime  # read, not written again
    assert_same_project(second, first)
    assert_same_project(second, fresh(hotel, monkeypatch))
    assert second.touchpoints is not first.touchpoints  # every load gets its own frames


def test_an_edited_file_is_seen_even_with_the_same_size_and_time(cache_dir, hotel, monkeypatch):
    load_project(hotel)
    path = hotel / "touchpoints.csv"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    old = load_project(hotel).touchpoints["annual_cost"].dropna().iloc[0]
    digits = f"{old:.0f}"
    changed = digits[:-1] + ("1" if digits[-1] != "1" else "2")
    assert text.count(digits) >= 1
    path.write_text(text.replace(digits, changed, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    edited = load_project(hotel)
    assert float(changed) in set(edited.touchpoints["annual_cost"].dropna())
    assert_same_project(edited, fresh(hotel, monkeypatch))


def test_a_new_file_a_removed_file_and_a_renamed_folder_are_seen(cache_dir, hotel, monkeypatch):
    load_project(hotel)
    (hotel / "votes.csv").unlink()
    assert load_project(hotel).votes.empty
    shutil.copy(sample_path("hotel") / "votes.csv", hotel / "votes.csv")
    assert not load_project(hotel).votes.empty
    (hotel / "project.json").unlink()  # the name then comes from the folder's name
    renamed = hotel.rename(hotel.with_name("seeblick"))
    project = load_project(renamed)
    assert project.name == "seeblick"
    assert_same_project(project, fresh(renamed, monkeypatch))


def test_a_copy_of_a_folder_finds_the_entry_and_keeps_its_own_source(cache_dir, hotel, tmp_path):
    load_project(hotel)
    copy = shutil.copytree(hotel, tmp_path / "elsewhere" / "hotel")
    project = load_project(copy)
    assert len(entries(cache_dir)) == 1
    assert project.source == str(copy)


def test_a_broken_project_is_not_cached(cache_dir, hotel):
    (hotel / "touchpoints.csv").write_text("touchpoint_id;name\nx;y\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ProjectError):
            load_project(hotel)
    assert entries(cache_dir) == []


def test_an_unreadable_entry_is_parsed_again(cache_dir, hotel, monkeypatch):
    load_project(hotel)
    entries(cache_dir)[0].write_bytes(b"not a pickle")
    assert_same_project(load_project(hotel), fresh(hotel, monkeypatch))


@pytest.mark.parametrize("setting", ["off", "file"])
def test_no_cache_when_turned_off_or_unusable(tmp_path, hotel, monkeypatch, setting):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(cache.CACHE_VARIABLE, "off" if setting == "off" else str(blocker / "cache"))
    assert_same_project(load_project(hotel), fresh(hotel, monkeypatch))
    assert cache.cached_bytes("demo", "k", lambda: b"x") == b"x"


def test_old_entries_are_removed_beyond_keep(cache_dir, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 3)
    for i in range(5):
        cache.cached_bytes("demo", f"k{i}", lambda: b"x")
    assert len(list((cache_dir / "demo").glob("*.entry"))) == 3


def test_any_change_to_the_code_is_a_new_code_version(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "io.py").write_text("A = 1\n")
    (package / "sub" / "m.py").write_text("B = 1\n")
    versions = {cache.code_version(package)}
    (package / "sub" / "m.py").write_text("B = 2\n")  # same size, later time
    os.utime(package / "sub" / "m.py", ns=(0, 10**18))
    versions.add(cache.code_version(package))
    (package / "new.py").write_text("")
    versions.add(cache.code_version(package))
    assert len(versions) == 3
    assert cache.PACKAGE == ROOT / "tpkit"

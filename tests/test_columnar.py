"""The column-by-column reading of clean CSV files against the row-by-row reading.

Whenever :func:`tpkit.io.quick_frame` gives a frame, the row-by-row reading (:func:`tpkit.cells.read_csv_bytes`
then :func:`tpkit.io.parse_table`) must give the same frame and no problem; when the file has any
problem, the column way must step aside. Checked on every file of the bad-input corpus, on random
tables written as Excel and other tools write CSV, and on random damaged lines.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bad_inputs import CASES, make
from conftest import TINY
from tpkit.cells import read_csv_bytes
from tpkit.columnar import pieces, read_columns
from tpkit.io import checked, load_project, parse_table, quick_frame
from tpkit.schema import TABLES


def both_ways(table_name: str, data: bytes) -> tuple[pd.DataFrame | None, pd.DataFrame | None, list]:
    """The column way's frame (or None), and the row-by-row frame and problems (None, problems if unreadable)."""
    table = TABLES[table_name]
    cols = read_columns(table.filename, data, table.columns)
    quick = quick_frame(table, cols) if cols is not None else None
    raw = read_csv_bytes(table.filename, data, table.columns)
    if isinstance(raw, list):
        return quick, None, raw
    frame, problems = parse_table(table, raw)
    return quick, frame, problems


def assert_agree(table_name: str, data: bytes) -> bool:
    """The column way gives the row-by-row frame exactly, or steps aside; whether it gave one."""
    quick, frame, problems = both_ways(table_name, data)
    if quick is None:
        return False
    table = TABLES[table_name]
    assert checked(table, quick, table.filename, rules_met=True) == problems, (data[:300], problems[:3])
    pd.testing.assert_frame_equal(quick, frame, check_exact=True)
    return True


def test_clean_sample_files_are_read_column_by_column():
    from tpkit.datasets import sample_path

    for name in ("hotel", "it_distributor"):
        for table in TABLES.values():
            path = sample_path(name) / table.filename
            if path.exists():
                assert assert_agree(table.name, path.read_bytes()), path


@pytest.mark.parametrize("case", [c for c in CASES if c.container == "folder" and c.build is None], ids=lambda c: c.name)
def test_corpus_files_agree(case, tmp_path):
    folder = make(case, tmp_path)
    for table in TABLES.values():
        path = Path(folder) / table.filename
        if path.exists():
            assert_agree(table.name, path.read_bytes())


@pytest.mark.parametrize("data", [
    b'segment_id,name,customers\nb,"B"x,12\n',          # text after a closing quote: Python refuses it
    b'segment_id,name,customers\nb,B,12\n\nc,C,7\n',      # a blank line keeps its row number
    b'segment_id,name,customers\nb,B,12\n,,\nc,C,7\n',    # a row of separators only
    b'segment_id,name,customers\rb,B,12\rc,C,7\r',        # old Mac line ends
    b'segment_id,name,customers\nb,"B\nzwei",12\n',       # a line break in a cell
    b'segment_id,name,customers\nb,B,12\nc,C\n',          # a row cut off
    b'sep=;\nsegment_id;name;customers\nb;B;12\n',        # Excel's separator line
    b'Segmente 2026\nsegment_id,name,customers\nb,B,12\n',  # a title above the header
    b'segment_id,name,customers\nb,Kan\xc3\x83\xc2\xa4le,12\n',  # text converted twice
    b'segment_id,name,customers\nb,K\xe4nale,12\n',       # Windows-1252
    b'segment_id,name,customers\nb,B,12\nb,C,7\n',        # a repeated id
    b'segment_id,name,customers\nb,B,-3\n',               # below the minimum
])
def test_files_that_need_a_thought_are_read_row_by_row(data):
    assert both_ways("segments", data)[0] is None


@pytest.mark.parametrize("data", [
    b"measure_id,touchpoint_id,name,proposed_by,owner,cost,uplift,due_date\nm,t,N,P,O,1,1,2300-01-01\n",
    b"measure_id,touchpoint_id,name,proposed_by,owner,cost,uplift,due_date\nm,t,N,P,O,1,1,0001-01-01\n",
])
def test_dates_beyond_what_pandas_holds_are_refused_with_their_row(data):
    quick, _, problems = both_ways("measures", data)
    assert quick is None
    [problem] = [p for p in problems if p.column == "due_date"]
    assert (problem.row, problem.code) == (2, "date_out_of_range")
    assert "2262" in problem.fix("en")


def test_blank_lines_at_the_end_keep_the_column_way():
    assert assert_agree("segments", b"segment_id,name,customers\r\nb,B,12\r\n\r\n\r\n")


def test_a_clean_project_loads_the_same_both_ways(tmp_path, monkeypatch):
    monkeypatch.setenv("TPKIT_CACHE", "off")     # (each load reads its files: none from the cache)
    from conftest import assert_same_project, write_project

    folder = write_project(tmp_path / "tiny", TINY)
    quick = load_project(folder)
    monkeypatch.setattr("tpkit.io.read_columns", lambda *a: None)
    assert_same_project(quick, load_project(folder))


# --- random tables, written as spreadsheet programs write them ------------------------------------

cell_text = st.sampled_from([
    "", " ", "B", " B ", "Bäder", "Ba\u0308der", "a,b", "a;b", 'Sagt "ja"', "=SUM(A1)", "'=SUM(A1)", "'plain",
    "x\u00a0", "Straße", "€ 5", "k.A.", "-", "'", '"', "é", "\u200bweb",
])
number_text = st.sampled_from([
    "", "0", "12", " 12 ", "-3", "+4", "3.5", "3,5", "48.000", "48,000", "1.234,5", "1,234.5", "1e3", "007",
    "2,50", "−2", "inf", "NaN", "12 000", "1'000", "0.1", "99999999999999999", "5 ", "3.14159",
])


@st.composite
def segments_file(draw) -> bytes:
    n = draw(st.integers(1, 6))
    rows = [[draw(st.sampled_from(["a", "b", "c", " a", "d", "é", "e\u0301", "x"])), draw(cell_text),
             draw(number_text), draw(number_text), draw(number_text)] for _ in range(n)]
    header = ["segment_id", "name", "customers", "revenue_per_customer", "margin"]
    if draw(st.booleans()):
        header[1] = "Name"
    sep = draw(st.sampled_from([",", ";", "\t"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]))
    out = io.StringIO()
    csv.writer(out, delimiter=sep, quoting=quoting, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(
        [header] + rows)
    text = out.getvalue()
    bom = draw(st.booleans())
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


@given(segments_file())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(b"segment_id;name;customers;revenue_per_customer;margin\na;B;12;3,5;0,2\n")
def test_random_tables_agree(data):
    assert_agree("segments", data)


@given(st.lists(st.text(alphabet='ab,;"\' \t\r\nä\u00a0', max_size=12), min_size=1, max_size=5))
@settings(max_examples=300, deadline=None)
def test_damaged_lines_agree(lines):
    data = ("segment_id,name,customers\n" + "\n".join(f"s{i},{line},5" for i, line in enumerate(lines))).encode()
    assert_agree("segments", data)


# --- a large file is cut into pieces read by several threads at once -------------------------------

def read_in_pieces(data: bytes, table_name: str = "segments", threads: int = 3):
    """read_columns of ``data`` cut into up to ``threads`` pieces (every file counts as large)."""
    table = TABLES[table_name]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("tpkit.columnar.PIECE_BYTES", 1)
        mp.setenv("TPKIT_THREADS", str(threads))
        return read_columns(table.filename, data, table.columns)


def same_columns(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return (a.header, a.separator, a.uniques) == (b.header, b.separator, b.uniques) and \
        all((x == y).all() for x, y in zip(a.codes, b.codes))


@given(st.binary(max_size=60).map(lambda b: b.replace(b"\r", b"")), st.integers(1, 5))
@settings(max_examples=300, deadline=None)
@example(b'a,b\n"1\n2",2\n3,4\n', 2)
@example(b'"\n"\n\n', 3)
@example(b"a\n\xef\xbb\xbfb\nc\n", 3)
def test_pieces_are_the_file_cut_at_line_ends_outside_quotes(body, n):
    cut = pieces(body, n)
    assert b"".join(bytes(piece) for _, piece in cut) == body
    assert 1 <= len(cut) <= max(n, 1)
    for start, piece in cut:
        assert body[start:start + len(piece)] == bytes(piece)
        if start:
            assert body[start - 1:start] == b"\n" and body.count(b'"', 0, start) % 2 == 0
            assert not bytes(piece).startswith(b"\xef\xbb\xbf")      # (pyarrow would drop it)


@given(segments_file(), st.integers(2, 4))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(b"segment_id,name\ns1,A\n\xef\xbb\xbfs2,B\n", 3)     # a line starting with a BOM: kept, as in one piece
def test_random_tables_read_in_pieces_as_in_one(data, threads):
    table = TABLES["segments"]
    assert same_columns(read_in_pieces(data, threads=threads), read_columns(table.filename, data, table.columns))


@given(st.lists(st.text(alphabet='ab,;"\' \t\r\nä\u00a0', max_size=12), min_size=1, max_size=8), st.integers(2, 4))
@settings(max_examples=200, deadline=None)
def test_damaged_lines_read_in_pieces_as_in_one(lines, threads):
    data = ("segment_id,name,customers\n" + "\n".join(f"s{i},{line},5" for i, line in enumerate(lines))).encode()
    table = TABLES["segments"]
    assert same_columns(read_in_pieces(data, threads=threads), read_columns(table.filename, data, table.columns))


def test_a_project_loads_the_same_in_pieces_and_a_cut_off_row_keeps_its_number(tmp_path, monkeypatch):
    monkeypatch.setenv("TPKIT_CACHE", "off")     # (each load reads its files: none from the cache)
    import shutil

    from conftest import assert_same_project
    from tpkit.datasets import sample_path
    from tpkit import ProjectError

    folder = tmp_path / "hotel"
    shutil.copytree(sample_path("hotel"), folder)
    whole = load_project(folder)
    monkeypatch.setattr("tpkit.columnar.PIECE_BYTES", 1)
    monkeypatch.setenv("TPKIT_THREADS", "4")
    assert_same_project(whole, load_project(folder))
    lines = (folder / "ratings.csv").read_bytes().split(b"\n")
    row = len(lines) * 3 // 4                       # in the last of four pieces
    lines[row] = lines[row].rsplit(b",", 2)[0]      # the line cut off two cells early
    (folder / "ratings.csv").write_bytes(b"\n".join(lines))
    with pytest.raises(ProjectError) as err:
        load_project(folder)
    assert [(p.file, p.row) for p in err.value.problems][:1] == [("ratings.csv", row + 1)]


def test_the_largest_file_read_ahead_gives_the_same_project_and_problems(tmp_path, monkeypatch):
    monkeypatch.setenv("TPKIT_CACHE", "off")     # (each load reads its files: none from the cache)
    import shutil

    from conftest import assert_same_project
    from tpkit import ProjectError
    from tpkit.datasets import sample_path

    folder = tmp_path / "hotel"
    shutil.copytree(sample_path("hotel"), folder)
    monkeypatch.setattr("tpkit.io.AHEAD_BYTES", 1)

    def load(threads: str):
        monkeypatch.setenv("TPKIT_THREADS", threads)
        try:
            return load_project(folder)
        except ProjectError as err:
            return [(p.file, p.row, p.column, p.code) for p in err.problems]

    assert_same_project(load("1"), load("2"))
    for name, old, new in (("ratings.csv", b",5,", "fünf".join([",", ","]).encode()), ("segments.csv", b"\n", b"\n,\n"),
                           ("respondents.csv", b",8,", b",acht,")):
        path = folder / name
        path.write_bytes(path.read_bytes().replace(old, new, 1))
    one, two = load("1"), load("2")
    assert isinstance(one, list) and {p[0] for p in one} >= {"ratings.csv", "respondents.csv"}
    assert one == two     # the same problems in the same order


@given(st.integers(1, 3).flatmap(lambda k: st.lists(st.tuples(*[st.integers(-1, 6)] * k), min_size=1, max_size=40)))
@settings(max_examples=300, deadline=None)
def test_the_key_check_on_codes_agrees_with_pandas(rows):
    from tpkit.io import repeated_key   # (a key of one to three columns; -1 is an empty cell, in no key)

    codes = [np.array(column, dtype=np.int32) for column in zip(*rows)]
    frame = pd.DataFrame(rows)
    assert repeated_key(codes) == bool(frame[(frame >= 0).all(axis=1)].duplicated().any())


def test_an_error_while_reading_ahead_comes_in_the_tables_order(tmp_path, monkeypatch):
    monkeypatch.setenv("TPKIT_CACHE", "off")     # (each load reads its files: none from the cache)
    import shutil

    from tpkit.columnar import read_columns as real
    from tpkit.datasets import sample_path

    folder = tmp_path / "hotel"
    shutil.copytree(sample_path("hotel"), folder)

    def failing(file, data, expected):
        if file in ("ratings.csv", "votes.csv"):
            raise (ValueError if file == "ratings.csv" else KeyError)(file)
        return real(file, data, expected)

    monkeypatch.setattr("tpkit.io.read_columns", failing)
    monkeypatch.setattr("tpkit.io.AHEAD_BYTES", 1)
    for threads in ("1", "2"):
        monkeypatch.setenv("TPKIT_THREADS", threads)
        with pytest.raises(ValueError, match="ratings.csv"):   # ratings comes before votes, read ahead or not
            load_project(folder)

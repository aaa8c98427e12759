"""Read and write a project folder (CSV tables or one Excel workbook).

``load_project(path)`` reads a folder of CSV files, an .xlsx workbook with a
sheet per table, or a .zip of CSV files, and returns one validated
:class:`Project`. Every problem in the input is collected and raised together
as a :class:`~tpkit.problems.ProjectError` naming file, row, column and fix;
nothing is dropped or coerced silently. ``save_project`` writes a project back
without loss (ids, umlauts, numbers, empty cells).

Example
-------
>>> from tpkit.datasets import sample_path
>>> project = load_project(sample_path("hotel"))
>>> from tpkit.schema import PHASES
>>> project.touchpoints.loc[0, "phase"] in PHASES
True
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import math
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray

from .cache import cached_project
from .columnar import Columns, read_columns
from .cells import (MAX_FILE_BYTES, MAX_UNZIPPED_BYTES, NOT_APPLICABLE, SEPARATOR_NAMES, RawTable, ambiguous_problem,
                    choose_separator, column_letters,
                    format_float, header_below, id_form, normalise_header, plain_ascii, read_csv_bytes, read_workbook,
                    split_by_other_separator, text_decimal, texts_decimal, too_large, without_invisible)
from .files import FORMULA_START, PREVIOUS, neutralise, reading, restore, save_files
from .i18n import LANGUAGES, WORDS, label
from .numbers import Ambiguous, read_number
from .problems import MAX_PER_KIND, Problem, ProjectError, cell_problems
from .errors import check_choice
from .outcome import (FIVE_POINTS, NPS_OUTCOME, OutcomeSpec, RatingScale, loyalty_from_meta, outcome_from_meta,
                      outcome_meta, scale_from_meta, scale_meta)
from .schema import (ALL_SEGMENTS, LOYALTY, SCALED, SEGMENT_SEPARATORS, TABLES, WAVE, Field, Table, pandas_dtype,
                     pandera_schema, tables_with_loyalty)
from .threads import reading_threads, started

META_FILE = "project.json"
#: The file names a project folder or zip is read from (lower case).
PROJECT_FILES = frozenset({t.filename for t in TABLES.values()} | {META_FILE})


@dataclass(frozen=True, eq=False)
class Project:
    """A validated project: one DataFrame per table, plus its name, currency, outcome question
    (:class:`tpkit.outcome.OutcomeSpec`: what ``respondents.recommend`` holds) and the scale of its
    touchpoint ratings (:class:`tpkit.outcome.RatingScale`, 1–5 unless ``project.json`` says otherwise) and
    the loyalty words its respondents answer with, in their order (tpkit's four unless it names its own).

    Tables that were not given are empty frames with the right columns. Projects compare
    and hash by identity, so analyses can cache what they derive from one.
    """

    name: str
    touchpoints: pd.DataFrame
    segments: pd.DataFrame
    segment_fit: pd.DataFrame
    respondents: pd.DataFrame
    ratings: pd.DataFrame
    employee_ratings: pd.DataFrame
    measures: pd.DataFrame
    votes: pd.DataFrame = field(default_factory=lambda: _empty_frame(TABLES["votes"]))
    currency: str = "EUR"
    source: str | None = None
    given: frozenset[str] = field(default_factory=frozenset)
    outcome: OutcomeSpec = NPS_OUTCOME
    rating_scale: RatingScale = FIVE_POINTS
    loyalty_levels: tuple[str, ...] = LOYALTY

    def table(self, name: str) -> pd.DataFrame:
        """The frame of table ``name`` (``"ratings"`` …)."""
        check_choice("table", name, tuple(TABLES))
        return getattr(self, name)


# --- parsing cells ----------------------------------------------------------

_TRUE = {"true", "yes", "ja", "y", "j", "1", "wahr", "x"}
_FALSE = {"false", "no", "nein", "n", "0", "falsch"}
_SCALE_LABEL = re.compile(r"^[-+]?\d+([.,]\d+)?\s*([-–—:=/(]|\.\s)\s*[^\d\W]")


#: Cells that say a number was not given (then the fix is to leave the cell empty).
NOT_ANSWERED = frozenset(NOT_APPLICABLE) | {"#n/a", "null", "none", "nan", "?", "–", "k. a.", "n. a."}


def number_problem(text: str) -> str:
    """The problem code of a cell that is not a number: a scale label, a date, or anything else.

    >>> number_problem("8 - Likely"), number_problem("5 (sehr gut)"), number_problem("05. Jan"), number_problem("x")
    ('scale_label', 'scale_label', 'looks_like_date', 'not_number')
    """
    if looks_like_date(text):
        return "looks_like_date"
    return "scale_label" if _SCALE_LABEL.match(text.strip()) else "not_number"


def parse_date(text: str) -> dt.datetime | None:
    """ISO (2026-03-31) or German (31.03.2026) dates; None when neither.

    >>> parse_date("31.03.2026")
    datetime.datetime(2026, 3, 31, 0, 0)
    """
    s = text.strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            value = dt.datetime.strptime(s, fmt)
        except ValueError:
            continue
        return value
    return None


_MONTHS = ("jan|feb|mär|maer|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|januar|january|februar|february|"
           "märz|march|april|juni|june|juli|july|august|september|oktober|october|november|dezember|december|sept")
_MONTH_DATE = re.compile(rf"^\d{{1,2}}[.\-/ ]+({_MONTHS})\.?([.\-/ ]+\d{{2,4}})?$|^({_MONTHS})[.\-/ ]\d{{1,4}}$",
                         flags=re.IGNORECASE)


def looks_like_date(text: str) -> bool:
    """Whether a cell that should be a number is a date, as Excel makes of '5.1' or '1-5'.

    >>> looks_like_date("05.01.2026"), looks_like_date("05. Jan"), looks_like_date("Jan-05"), looks_like_date("5")
    (True, True, True, False)
    """
    return parse_date(text) is not None or bool(_MONTH_DATE.match(text.strip()))


def choice_aliases(f: Field) -> dict[str, str]:
    """Accepted spellings of a vocabulary field's values: the value, and its German and English label.

    >>> choice_aliases(TABLES["touchpoints"].field("phase"))["kauf"]
    'purchase'
    """
    aliases: dict[str, str] = {}
    for value in f.choices:
        aliases[value.lower()] = value
        for lang in LANGUAGES:
            if f"{f.name}.{value}" in WORDS:
                aliases[label(f.name, value, lang).lower()] = value
    return aliases


def split_segments(text: str) -> list[str]:
    """Segment ids of a ``touchpoints.segments`` cell (``all`` stays ``all``).

    >>> split_segments("business | leisure")
    ['business', 'leisure']
    """
    parts = [p.strip() for p in re.split(f"[{re.escape(SEGMENT_SEPARATORS)}]", text)]
    return [p for p in parts if p]


def similar(value: str, options: list[str] | set[str]) -> str | None:
    """The closest option to a misspelt value, if one is close.

    >>> similar("purchse", ["purchase", "usage"])
    'purchase'
    """
    found = difflib.get_close_matches(str(value).lower(), [str(o) for o in options], n=1, cutoff=0.6)
    return found[0] if found else None


#: The kinds of field whose cells are read as text (:func:`_text_values`; choices too, unlike _TEXT_KINDS of writing).
_READ_AS_TEXT = ("text", "id", "idlist", "choice")
#: Numbers that need no thought: whole numbers (exact in float64), and decimals with a point.
_PLAIN_WHOLE = re.compile(r"[+-]?[0-9]{1,15}")
_PLAIN_DECIMAL = re.compile(r"[+-]?[0-9]{1,15}|[+-]?[0-9]{0,15}\.[0-9]{1,15}")


def _parse_cells(raw: RawTable, f: Field, col: int, texts: list[str] | None = None,
                 rows: Sequence[int] | None = None) -> tuple[pd.Series, list[Problem], set[int]]:
    """Typed values of one column, the problems of its cells, and the rows that failed to parse.

    The cells are column ``col`` of ``raw``, or the given ``texts`` at ``rows`` (``raw`` then gives the
    file, separator and decimal mark only). Numbers that need no thought — whole numbers, and decimals
    with the file's decimal point — are read for the whole column at once; every other cell goes through
    :func:`_cell_value` on its own.
    """
    if texts is None:
        texts = [cells[col] if col < len(cells) else "" for cells in raw.rows]
        rows = raw.row_numbers
    problems: list[Problem] = []
    failed: set[int] = set()
    if f.kind in ("int", "float"):
        array = _number_values(raw, f, col, texts, rows, problems, failed)
        return pd.Series(array, index=rows), problems, failed
    if f.kind in _READ_AS_TEXT:
        column = _text_column(raw, f, texts, rows, choice_aliases(f) if f.kind == "choice" else {})
        for (row, c) in [*(raw.formula_cells or {}), *(raw.error_cells or {})]:
            if c == col and row in column.index:
                problems.append(_excel_problem(raw, f, row, col))
                failed.add(row)
                column[row] = pd.NA
        return column, problems, failed
    values: list[object] = []
    for i, value, problem in _cell_values(raw, f, col, texts, rows, range(len(texts))):
        if problem is not None:
            problems.append(problem)
            failed.add(rows[i])
        values.append(value)
    if f.kind == "date":
        series = pd.to_datetime(pd.Series(values, index=rows, dtype=object)).astype(pandas_dtype(f))
    elif f.kind == "bool":
        series = pd.Series(pd.array([pd.NA if v is None else v for v in values], dtype="boolean"), index=rows)
    else:
        series = pd.Series([pd.NA if v is None else v for v in values], index=rows, dtype=object)
    return series, problems, failed


def _number_values(raw: RawTable, f: Field, col: int, texts: list[str], rows: Sequence[int],
                   problems: list[Problem], failed: set[int]) -> ExtensionArray:
    """A number column's values (``Int64`` or ``Float64``), for :func:`_parse_cells`; each cell's problem goes
    to ``problems`` and its row to ``failed``.

    >>> _number_values(RawTable("t.csv", [], [], [], decimal="."), TABLES["segments"].field("customers"),
    ...                0, ["12", "", "x"], [2, 3, 4], problems := [], failed := set()).tolist(), failed
    ([12, <NA>, <NA>], {4})
    """
    plain = (_PLAIN_DECIMAL if f.kind == "float" and raw.decimal == "." else _PLAIN_WHOLE).fullmatch
    at, plain_texts, others = [], [], []
    for i, text in enumerate(texts):
        stripped = text.strip()
        if plain(stripped):
            at.append(i)
            plain_texts.append(stripped)
        else:
            others.append(i)
    numbers = np.full(len(texts), np.nan)
    numbers[at] = np.array(plain_texts, dtype="float64")   # Python's exact reading
    for i, value, problem in _cell_values(raw, f, col, texts, rows, others):
        if problem is not None:
            problems.append(problem)
            failed.add(rows[i])
        elif value is not None:
            numbers[i] = value
    empty = np.isnan(numbers)
    filled = np.where(empty, 0, numbers)
    return pd.arrays.IntegerArray(filled.astype("int64"), empty) if f.kind == "int" else \
        pd.arrays.FloatingArray(filled, empty)


def _text_column(raw: RawTable, f: Field, texts: list[str], rows: Sequence[int], aliases: dict[str, str]) -> pd.Series:
    """A text, id or vocabulary column at once (:func:`_text_values`) as a Series on ``rows``."""
    return pd.Series(_text_values(f, texts, aliases, raw.from_csv)[0], index=rows, dtype=object)


def _text_values(f: Field, texts: list[str], aliases: dict[str, str], from_csv: bool) -> tuple[np.ndarray, np.ndarray]:
    """The values of a text, id or vocabulary column's cells, and which are blank: ids and vocabulary trimmed
    and without invisible characters, tpkit's guard quote dropped (:func:`tpkit.files.restore`), ids in one
    Unicode form (macOS writes ä as a + ¨), labels to values; blank cells are NA.

    >>> values, blank = _text_values(TABLES["segments"].field("segment_id"), [" a", "", "Ba\u0308der"], {}, True)
    >>> values.tolist(), blank.tolist()
    (['a', <NA>, 'Bäder'], [False, True, False])
    """
    if plain_ascii(texts):            # nothing to trim, restore or normalise: each text is its own value
        column = np.array(list(texts) + [None], dtype=object)[:-1]  # (the None keeps numpy from splitting strings)
        blank = column == ""
        if f.kind == "choice":
            column = np.array([aliases.get(v.lower(), v) for v in texts] + [None], dtype=object)[:-1]
    else:
        stripped = [text.strip() if f.kind == "text" else without_invisible(text).strip() for text in texts]
        values = list(texts) if f.kind == "text" else stripped
        if from_csv and any(v.startswith("'") for v in values):   # the guard quote before a formula start
            values = [restore(v) for v in values]                  # (tpkit.files.neutralise) goes
        if f.kind in ("id", "idlist"):
            values = [id_form(v) for v in values]
        elif f.kind == "choice":
            values = [aliases.get(v.lower(), v) for v in values]
        column = np.array(values + [None], dtype=object)[:-1]
        blank = np.array([s == "" for s in stripped], dtype=bool)
    column[blank] = pd.NA
    return column, blank



def _cell_values(raw: RawTable, f: Field, col: int, texts: list[str], rows: Sequence[int], positions
                 ) -> Iterator[tuple[int, object, Problem | None]]:
    """:func:`_cell_value` of the cells at ``positions``, each distinct text worked out once (a column of
    100,000 cells saying "gut" asks once whether "gut" is a date)."""
    seen: dict[tuple[str, bool], tuple[object, Problem | None]] = {}
    for i in positions:
        row = rows[i]
        if _excel_problem(raw, f, row, col) is not None:
            value, problem = _cell_value(raw, f, col, texts[i], row)
        else:
            key = (texts[i], (row, col) in raw.typed)
            if key not in seen:
                seen[key] = _cell_value(raw, f, col, texts[i], row)
            value, problem = seen[key]
            if problem is not None:
                problem = replace(problem, row=row)
        yield i, value, problem


def _excel_problem(raw: RawTable, f: Field, row: int, col: int) -> Problem | None:
    """The problem of a sheet's cell that holds no value: a formula never calculated, or an error (``#REF!``)."""
    if raw.formula_cells and (row, col) in raw.formula_cells:
        return Problem(raw.file, row, f.name, "formula", {"value": raw.formula_cells[(row, col)]})
    if raw.error_cells and (row, col) in raw.error_cells:
        return Problem(raw.file, row, f.name, "excel_error", {"value": raw.error_cells[(row, col)]})
    return None


def _cell_value(raw: RawTable, f: Field, col: int, text: str, row: int) -> tuple[object, Problem | None]:
    """One number, yes/no or date cell's typed value (None when empty or wrong) and its problem, if any."""
    sheet_problem = _excel_problem(raw, f, row, col)
    if sheet_problem is not None:
        return None, sheet_problem
    stripped = text.strip()
    if stripped == "":
        return None, None
    if f.kind == "bool":
        low = stripped.lower()
        if low in _TRUE or low in _FALSE:
            return low in _TRUE, None
        return None, Problem(raw.file, row, f.name, "not_bool", {"value": stripped})
    if f.kind == "date":
        value = parse_date(stripped)
        if value is not None and not pd.Timestamp.min <= value <= pd.Timestamp.max:   # beyond pandas' dates
            return None, Problem(raw.file, row, f.name, "date_out_of_range", {"value": stripped},
                                 "date_out_of_range", {"low": f"{pd.Timestamp.min:%Y-%m-%d}",
                                                       "high": f"{pd.Timestamp.max:%Y-%m-%d}"})
        return value, None if value is not None else Problem(raw.file, row, f.name, "not_date", {"value": stripped})
    number = read_number(stripped, decimal="." if (row, col) in raw.typed else raw.decimal)
    if isinstance(number, Ambiguous):
        return None, ambiguous_problem(raw.file, row, f.name, number)
    if number is None:
        not_answered = f.nullable and stripped.lower() in NOT_ANSWERED     # "NA", "-", "k.A.", "#N/A"
        return None, Problem(raw.file, row, f.name, number_problem(stripped), {"value": stripped},
                             "not_number_empty" if not_answered else None)
    if not math.isfinite(number) or (abs(number) >= 2**53 and (f.kind == "int" or _digits_only(stripped))):
        return None, Problem(raw.file, row, f.name, "not_finite", {"value": stripped})   # beyond exact whole numbers
    if f.kind == "int" and not float(number).is_integer():
        return None, Problem(raw.file, row, f.name, "not_integer", {"value": stripped})
    return (int(number) if f.kind == "int" else number), None


def _digits_only(text: str) -> bool:
    """Whether a number is written out digit by digit (``9007199254740993``: a float would round it silently;
    ``1e20`` says it is rounded already).

    >>> _digits_only("9007199254740993"), _digits_only("1e20"), _digits_only("12.000.000.000.000.000")
    (True, False, True)
    """
    return "e" not in text.lower()


def _pandera_problems(table: Table, frame: pd.DataFrame, failed: dict[str, set[int]], file: str,
                      ranged: frozenset[str] = frozenset()) -> list[Problem]:
    """Value-rule problems found by pandera, translated to rows and fixes: each kind in a column at once, its
    first cells each named (:func:`tpkit.problems.cell_problems`). The range of the ``ranged`` columns is left
    to the check against the project's own scale (:func:`build_project`: ratings, and a recommend column
    holding another outcome than 0–10), which names the scale in use."""
    suspect = [c for c in frame.columns if c in table.columns and not _column_rules_hold(
        table.field(c), frame[c].drop(index=list(failed.get(c, ())), errors="ignore"))]
    if not suspect:
        return []
    import pandera.pandas as pa  # here: a project read from the cache (tpkit.cache) needs no pandera

    try:
        pandera_schema(table, suspect).validate(frame[suspect], lazy=True)
        return []
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    cases = cases[cases["column"].isin(frame.columns) & cases["index"].notna()]
    problems: list[Problem] = []
    for (column, check), group in cases.groupby(["column", cases["check"].astype(str)], sort=False):
        if check.startswith(("greater_than", "less_than")) and column in ranged:
            continue
        rows = group["index"].astype("int64").to_numpy()
        values = group["failure_case"].to_numpy(dtype=object)
        kept = ~np.isin(rows, list(failed.get(column, ())))
        order = np.argsort(rows[kept], kind="stable")
        rows, values = rows[kept][order], values[kept][order]
        f = table.field(column)
        shown = [format_float(v) if isinstance(v, float) else v for v in values[:MAX_PER_KIND + 2]]

        def make(code: str, params, fix: str | None = None, fix_params=None):
            return lambda i: Problem(file, int(rows[i]), column, code, params(i), fix, fix_params or {})
        if check == "not_nullable":
            make_one = make("cell_empty", lambda i: {}, "cell_empty_segments" if f.kind == "idlist" else None)
        elif check == "field_uniqueness":
            present = frame[column].dropna()      # each value's first row (the earliest wins: read backwards)
            first = dict(zip(present.to_numpy(dtype=object)[::-1].tolist(), present.index[::-1].tolist()))
            repeats = [i for i in range(len(rows)) if rows[i] != first[values[i]]]  # each repeat points back
            rows, values = rows[repeats], values[repeats]
            shown = [format_float(v) if isinstance(v, float) else v for v in values[:MAX_PER_KIND + 2]]
            make_one = make("duplicate_id", lambda i: {"value": shown[i], "other": first[values[i]]})
        elif check.startswith("isin"):
            near = {v: similar(str(v), f.choices) for v in dict.fromkeys(shown)}     # once per distinct value

            def make_one(i: int) -> Problem:
                fix = "not_in_choices_similar" if near[shown[i]] else "not_in_choices_loyalty" \
                    if column == "loyalty" else None
                return Problem(file, int(rows[i]), column, "not_in_choices", {"value": shown[i]}, fix,
                               {"choices": ", ".join(f.choices), "similar": near[shown[i]]})
        elif check.startswith("greater_than"):
            make_one = make("below_min", lambda i: {"value": shown[i], "min": _num(f.min)},
                            "range" if f.max is not None else "min_only", {"max": _num(f.max)})
        elif check.startswith("less_than"):
            make_one = make("above_max", lambda i: {"value": shown[i], "max": _num(f.max)}, "range",
                            {"min": _num(f.min) if f.min is not None else "-∞"})
        else:
            continue
        problems += cell_problems(len(rows), make_one)
    return problems


def _num(x: float | None) -> str:
    return format_float(x) if x is not None else ""


def _key_problems(table: Table, frame: pd.DataFrame, file: str, *, repeats: bool = True) -> list[Problem]:
    """Rows that repeat a composite key (if ``repeats``), and fit rows pairing a segment with itself."""
    problems = []
    if repeats and table.key and all(k in frame.columns for k in table.key_needed):
        present = [k for k in table.key if k in frame.columns]
        keys = frame[present]
        keys = keys[keys[list(table.key_needed)].notna().all(axis=1)]
        keys = keys.astype(object).fillna("")     # an optional key column's empty cell is a value of its own
        dup = keys.duplicated(keep="first").to_numpy()
        if dup.any():
            first_row = pd.Series(keys.index, index=keys.index).groupby(
                [keys[k] for k in present], sort=False).transform("min")
            repeated = keys[dup]
            values = [" × ".join(str(c) for c in cells if c != "")
                      for cells in zip(*(repeated[k].tolist() for k in present))]
            for row, other, value in zip(repeated.index.tolist(), first_row[dup].tolist(), values):
                problems.append(Problem(file, int(row), ", ".join(present), "duplicate_key",
                                        {"value": value, "other": int(other)}))
    if table.name == "segment_fit" and {"segment_id", "other_segment_id"} <= set(frame.columns):
        same = frame["segment_id"].notna() & (frame["segment_id"] == frame["other_segment_id"]).fillna(False)
        problems += [Problem(file, int(r), "other_segment_id", "self_pair") for r in frame.index[same]]
    return problems


def parse_table(table: Table, raw: RawTable, ranged: frozenset[str] = frozenset()
                ) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A raw table as a typed, checked frame indexed by sheet row, and its problems (the range of the
    ``ranged`` columns is checked by the caller, against the project's scale)."""
    file = raw.file
    if not raw.header:
        return None, [Problem(file, None, None, "empty_file", {"columns": ", ".join(table.columns)})]
    problems: list[Problem] = []
    names = [normalise_header(h) for h in raw.header]
    positions: dict[str, int] = {}
    for i, (name, original) in enumerate(zip(names, raw.header)):
        if name == "":
            if any(i < len(r) and r[i].strip() for r in raw.rows):
                problems.append(Problem(file, 1, f"#{i + 1}", "column_unnamed"))
            continue
        if name in positions:
            problems.append(Problem(file, 1, original.strip(), "column_duplicate"))
            continue
        positions[name] = i
    unmatched = [n for n in positions if n not in table.columns]
    for f in table.fields:
        if f.required and f.name not in positions:
            near = similar(f.name, unmatched)
            problems.append(Problem(file, 1, f.name, "column_missing", {"column": f.name},
                                    "column_missing_similar" if near else None, {"similar": near}))
    width = len(raw.header)
    named_width = max((i + 1 for i, h in enumerate(raw.header) if h.strip()), default=0)
    kept = []
    unnamed: dict[int, int] = {}    # a sheet's column right of the header that holds a value: its first row
    repeat_check = len(positions) >= 2       # the column names again (looked for only where the first one stands)
    first = min(positions.values(), default=0)
    first_names = {raw.header[first].strip().lower(), names[first], names[first].replace("_", " ")} if positions else set()
    for i, (cells, row) in enumerate(zip(raw.rows, raw.row_numbers)):
        other = split_by_other_separator(cells, raw.separator, width) if raw.from_csv else None
        if other is not None:  # its cells are not where the header says; report the row, not each cell
            problems.append(Problem(file, row, None, "mixed_separator", {
                "found": SEPARATOR_NAMES[other], "expected": SEPARATOR_NAMES[raw.separator]}))
            continue
        if repeat_check and first < len(cells) and without_invisible(cells[first]).strip().lower() in first_names and sum(
                normalise_header(c) == names[j] for j, c in enumerate(cells[:width]) if names[j]) >= max(2, len(positions) - 1):
            problems.append(Problem(file, row, None, "header_again"))    # a second export joined on below
            continue
        kept.append(i)
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            if raw.from_csv:
                problems.append(Problem(file, row, None, "ragged_row", {"found": len(cells), "expected": width},
                                        None, {"sep": raw.separator}))
            else:                # a sheet has no separators: name the column that has no heading
                for j in range(width, len(cells)):
                    if cells[j].strip():
                        unnamed.setdefault(j, row)
        elif raw.from_csv and len(cells) < named_width:   # cut off mid-row (an interrupted download)
            problems.append(Problem(file, row, None, "short_row", {"found": len(cells), "expected": named_width},
                                    None, {"sep": raw.separator}))
    problems += [Problem(file, row, column_letters(j), "column_unnamed") for j, row in sorted(unnamed.items())]
    if len(kept) < len(raw.rows):
        raw = replace(raw, rows=[raw.rows[i] for i in kept], row_numbers=[raw.row_numbers[i] for i in kept])
    merged_failed = _merged_problems(raw, positions, problems)
    numeric = [positions[f.name] for f in table.fields if f.kind in ("int", "float") and f.name in positions]
    raw.decimal = text_decimal(raw, numeric)
    columns: dict[str, pd.Series] = {}
    failed: dict[str, set[int]] = {}
    for f in table.fields:
        if f.name in positions:
            series, found_in_cells, failed[f.name] = _parse_cells(raw, f, positions[f.name])
            merged_rows = merged_failed.get(positions[f.name], set())
            failed[f.name] |= merged_rows
            columns[f.name] = series
            problems += [p for p in found_in_cells if p.row not in merged_rows]
    for name, i in positions.items():
        if name not in columns:
            original = raw.header[i].strip()
            unquote = restore if raw.from_csv else str
            columns[original] = pd.Series([unquote(r[i]) if i < len(r) else "" for r in raw.rows],
                                          index=raw.row_numbers, dtype=object)
    frame = pd.DataFrame(columns, index=pd.Index(raw.row_numbers, dtype="int64"))
    return frame, checked(table, frame, file, problems, failed, ranged=ranged)


def checked(table: Table, frame: pd.DataFrame, file: str, problems: list[Problem] | None = None,
            failed: dict[str, set[int]] | None = None, *, rules_met: bool = False,
            ranged: frozenset[str] = frozenset()) -> list[Problem]:
    """All problems of a table read into ``frame``: the cells' ``problems`` found while reading, then the
    value rules (pandera; not again for cells in ``failed``) and the keys, in row order. ``rules_met``:
    :func:`quick_frame` has checked the value rules and keys already."""
    problems = list(problems or [])
    if table.must_have_rows and frame.empty and not problems:
        problems.append(Problem(file, None, None, "no_rows"))
    if not rules_met:
        problems += _pandera_problems(table, frame, failed or {}, file, ranged)
    problems += _key_problems(table, frame, file, repeats=not rules_met)
    order = {name: i for i, name in enumerate(frame.columns)}
    problems.sort(key=lambda p: (p.row or 0, order.get(p.column, -1)))
    return problems


def quick_frame(table: Table, cols: Columns, distinct: dict[str, pd.Series | ExtensionArray] | None = None
                ) -> pd.DataFrame | None:
    """The frame :func:`parse_table` gives for a clean file read by :func:`tpkit.columnar.read_columns`, when
    it has no problem: each distinct text is read once by the same cell functions, and the value rules
    and the key are checked on the distinct values. None when a cell, a rule or the key fails or a
    required column is missing (:func:`parse_table` then names the problem at its row). ``distinct``, if
    given, receives the distinct values of its id, key and number columns (for the reference and scale checks).

    >>> cols = read_columns("t.csv", b"segment_id,name,customers\\nb,B,12\\nc,C,7\\nd,D,12\\n", ["segment_id"])
    >>> quick_frame(TABLES["segments"], cols)
      segment_id name  customers
    2          b    B         12
    3          c    C          7
    4          d    D         12
    >>> cols = read_columns("t.csv", b"segment_id,name,customers\\nb,B,12\\nb,C,7\\n", ["segment_id"])
    >>> quick_frame(TABLES["segments"], cols) is None     # b twice: read row by row to name the rows
    True
    """
    positions = {normalise_header(h): i for i, h in enumerate(cols.header)}
    if any(f.required and f.name not in positions for f in table.fields):
        return None
    numeric = [positions[f.name] for f in table.fields if f.kind in ("int", "float") and f.name in positions]
    decimal = texts_decimal({text for i in numeric for text in cols.uniques[i]}, cols.separator)
    file_only = RawTable(cols.file, cols.header, [], [], separator=cols.separator, decimal=decimal, from_csv=True)
    columns: dict[str, object] = {}
    same: dict[str, np.ndarray] = {}   # per key column, the same number for texts of the same value
    for name, i in positions.items():
        values = cols.uniques[i]
        if name not in table.columns:   # a column tpkit does not know is kept as text
            columns[cols.header[i].strip()] = _take(pd.Series([restore(v) for v in values], dtype=object), cols.codes[i])
            continue
        f = table.field(name)
        if f.kind in _READ_AS_TEXT:     # (as _parse_cells reads them, without a Series for each column)
            array, blank = _text_values(f, values, choice_aliases(f) if f.kind == "choice" else {}, True)
            if _blank_refused(f, blank) or not _text_rules_hold(f, array[~blank].tolist(), len(values) == cols.n_rows):
                return None
            columns[name] = array[cols.codes[i]]
            parsed = pd.Series(array, dtype=object) if f.kind == "id" or name in table.key else None
        elif f.kind in ("int", "float"):
            problems: list[Problem] = []
            numbers = _number_values(file_only, f, i, values, range(len(values)), problems, set())
            if problems or not _rules_hold(f, numbers, len(values) == cols.n_rows):
                return None
            present, empty = numbers.to_numpy(numbers.dtype.numpy_dtype, na_value=0), np.asarray(numbers.isna())
            columns[name] = type(numbers)(present[cols.codes[i]], empty[cols.codes[i]])   # (4× the speed of .take)
            parsed = pd.Series(numbers) if name in table.key else numbers   # (the scale check reads the distinct)
        else:
            parsed, problems, _ = _parse_cells(file_only, f, i, values, range(len(values)))
            if problems or not _rules_hold(f, parsed, len(values) == cols.n_rows):
                return None
            columns[name] = _take(parsed, cols.codes[i])
        if distinct is not None and parsed is not None:
            distinct[name] = parsed
        if name in table.key:   # (an optional key column's empty cell is a value of its own)
            same[name] = cols.codes[i] if parsed.is_unique else \
                pd.factorize(parsed, use_na_sentinel=f.required)[0][cols.codes[i]]   # (texts of one value)
    if table.key and set(table.key_needed) <= set(same) and repeated_key(list(same.values())):
        return None
    order = [f.name for f in table.fields if f.name in columns] + [c for c in columns if c not in table.columns]
    index = pd.Index(np.arange(2, cols.n_rows + 2), dtype="int64")
    return pd.DataFrame({c: pd.Series(columns[c], index=index, dtype=getattr(columns[c], "dtype", None), copy=False)
                         for c in order}, index=index, copy=False)


def _rules_hold(f: Field, values: pd.Series | ExtensionArray, all_distinct: bool) -> bool:
    """Whether a column's distinct ``values`` (each in some row) meet the rules :func:`tpkit.schema.pandera_schema`
    checks; ``all_distinct``: no two rows have the same text. When not, pandera names each failing row.

    >>> _rules_hold(TABLES["ratings"].field("performance"), pd.Series([1, 5]), False)
    True
    >>> _rules_hold(TABLES["ratings"].field("performance"), pd.Series([1, 11]), False)
    False
    """
    array = values.array if isinstance(values, pd.Series) else values
    missing = np.asarray(array.isna(), dtype=bool)     # (on the arrays: these are mostly a few values)
    if _blank_refused(f, missing):
        return False
    if f.kind in ("int", "float"):
        present = values.to_numpy(dtype="float64", na_value=np.nan)[~missing]
        if len(present) and ((f.min is not None and present.min() < f.min) or
                             (f.max is not None and present.max() > f.max)):
            return False
        return not f.unique or (all_distinct and len(np.unique(present)) == len(present))
    return _text_rules_hold(f, values.to_numpy(dtype=object)[~missing].tolist(), all_distinct)


def _blank_refused(f: Field, missing: np.ndarray) -> bool:
    """Whether a column has an empty value (``missing``: per distinct value) where its field allows none.

    >>> _blank_refused(TABLES["segments"].field("segment_id"), np.array([False, True]))
    True
    """
    return bool(missing.any()) and (not f.nullable or f.unique)


def _text_rules_hold(f: Field, present: list, all_distinct: bool) -> bool:
    """Whether a text column's ``present`` distinct values (the blank ones checked already) meet its rules.

    >>> _text_rules_hold(TABLES["ratings"].field("incident"), ["positive", "maybe"], False)
    False
    """
    if f.choices and not set(present) <= set(f.choices):
        return False
    return not f.unique or (all_distinct and len(set(present)) == len(present))


def _column_rules_hold(f: Field, column: pd.Series) -> bool:
    """Whether every cell of ``column`` meets the rules of its field (then pandera need not look at it).

    >>> _column_rules_hold(TABLES["segments"].field("segment_id"), pd.Series(["a", "b", "a"]))
    False
    """
    if column.dtype != pandas_dtype(f):
        return False
    distinct = column.drop_duplicates()
    return _rules_hold(f, distinct, len(distinct) == len(column))


def repeated_key(codes: list[np.ndarray]) -> bool:
    """Whether two rows have the same key, each key column given as one number per value (-1: empty).

    >>> repeated_key([np.array([0, 0, 1]), np.array([0, 1, 0])]), repeated_key([np.array([0, 0]), np.array([1, 1])])
    (False, True)
    """
    combined = np.zeros(len(codes[0]), dtype=np.int64)
    empty: np.ndarray | None = None      # (rows with an empty key cell, if any)
    size = 1
    for c in codes:
        width = int(c.max(initial=0)) + 2
        if size * width >= 2**62:     # too many combinations for one number: compare the rows
            frame = pd.DataFrame({i: c for i, c in enumerate(codes)})
            return bool(frame[(frame >= 0).all(axis=1)].duplicated().any())
        if size > 1:
            combined *= width         # (in place: no new arrays of the table's length)
        size *= width
        combined += c
        combined += 1
        if c.min(initial=0) < 0:
            empty = c < 0 if empty is None else empty | (c < 0)
    kept = combined if empty is None else combined[~empty]
    if size <= 16 * len(kept) + 1024:    # few combinations: mark each one seen (a count of each took 3× as long)
        seen = np.zeros(size, dtype=bool)
        seen[kept] = True
        return int(np.count_nonzero(seen)) < len(kept)
    return len(pd.unique(kept)) < len(kept)


def _take(values: pd.Series, codes: np.ndarray) -> object:
    """``values`` at the positions ``codes``, in their dtype (text stays object, with pd.NA)."""
    if values.dtype == object:
        return values.to_numpy(dtype=object)[codes]
    return values.array.take(codes)


def _merged_problems(raw: RawTable, positions: dict[str, int], problems: list[Problem]) -> dict[int, set[int]]:
    """Report each merged range of a sheet once; the rows it covers, per column, get no cell problems."""
    names = {i: name for name, i in positions.items()}
    covered: dict[int, set[int]] = {}
    for r1, c1, r2, c2 in raw.merged:
        if r2 <= 1:
            continue  # merged header cells are a heading, not data
        ref = f"{column_letters(c1)}{r1}:{column_letters(c2)}{r2}"
        problems.append(Problem(raw.file, r1, names.get(c1, column_letters(c1)), "merged_cells", {"range": ref}))
        for c in range(c1, c2 + 1):
            covered.setdefault(c, set()).update(range(r1, r2 + 1))
    return covered


def _reference_problems(frames: dict[str, pd.DataFrame], files: dict[str, str],
                        distinct: dict[str, dict[str, pd.Series]] | None = None) -> list[Problem]:
    """Ids that name a row of another table which does not exist. ``distinct`` may give the distinct values
    of a table's columns (table → column → values): a column whose values are all known is not gone
    through row by row."""
    problems: list[Problem] = []
    known_ids: dict[tuple[str, str], set[str]] = {}     # the ids of a table's column, found once
    for table in TABLES.values():
        frame = frames.get(table.name)
        if frame is None or frame.empty:
            continue
        for f in table.fields:
            if f.references is None or f.name not in frame.columns:
                continue
            target_table, target_col = f.references
            target = frames.get(target_table)
            target_file = files.get(target_table, TABLES[target_table].filename)
            given = (distinct or {}).get(table.name, {}).get(f.name) if f.kind == "id" else None
            cells = (given if given is not None else frame[f.name]).dropna()
            if f.kind == "idlist":
                cells = cells[cells.str.lower() != ALL_SEGMENTS]
                if cells.empty:
                    continue
            if target is None:
                if target_file not in {p.file for p in problems if p.code == "file_missing"}:
                    problems.append(Problem(target_file, None, None, "file_missing", {"file": target_file}))
                continue
            if target_col not in target.columns:
                continue  # its missing column is reported already
            if (target_table, target_col) not in known_ids:
                known_ids[target_table, target_col] = set(
                    (distinct or {}).get(target_table, {}).get(target_col, target[target_col]).dropna().tolist())
            known = known_ids[target_table, target_col]
            if given is not None:
                if known.issuperset(cells.tolist()):
                    continue
                cells = frame[f.name].dropna()    # an unknown id: find its rows
            if f.kind == "id":
                cells = cells[~cells.isin(known)]       # one pass in pandas; only the unknown ids go on
            suggested: dict[str, tuple[str | None, str | None]] = {}
            listed = 0
            for row, value in zip(cells.index.tolist(), cells.tolist()):
                ids = split_segments(value) if f.kind == "idlist" else [value]
                for v in ids:
                    if v in known:
                        continue
                    listed += 1   # past the listed ones only the count matters (problems.capped): no search
                    if v not in suggested and listed <= MAX_PER_KIND:
                        suggested[v] = suggestion(v, known)
                    fix, near = suggested.get(v, (None, None))
                    problems.append(Problem(files[table.name], int(row), f.name, "unknown_reference",
                                            {"value": v, "target": target_file}, fix, {"similar": near}))
    return problems


def suggestion(value: str, known: set[str]) -> tuple[str | None, str | None]:
    """The fix for an unknown id, and the known id it suggests: the same digits with the leading zeros
    Excel drops, else the closest spelling (None: no suggestion).

    >>> suggestion("7", {"007", "010"}), suggestion("webb", {"web", "shop"}), suggestion("xyz", {"web"})
    (('unknown_reference_zeros', '007'), ('unknown_reference_similar', 'web'), (None, None))
    """
    if value.isdigit():
        padded = [k for k in known if isinstance(k, str) and k.isdigit() and k.lstrip("0") == value.lstrip("0")]
        if padded:
            return "unknown_reference_zeros", padded[0]
    near = similar(value, known)
    return ("unknown_reference_similar", near) if near else (None, None)


# --- loading ----------------------------------------------------------------

def _empty_frame(table: Table) -> pd.DataFrame:
    return pd.DataFrame({f.name: pd.Series(dtype=pandas_dtype(f)) for f in table.fields})


def _finish(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """A checked frame in tpkit's form: spec columns first (optional ones filled), a fresh index."""
    frame = frame.reset_index(drop=True)
    for f in table.fields:
        if f.name not in frame.columns:
            fill = ALL_SEGMENTS if f.kind == "idlist" else pd.NA
            frame[f.name] = pd.Series(fill, index=frame.index, dtype=pandas_dtype(f))
    extras = [c for c in frame.columns if c not in table.columns]
    order = table.columns + extras
    return frame if list(frame.columns) == order else frame[order]


#: Other files that may hold a table under another name (checked for one: ``ratings.txt`` is Excel's "Unicode
#: text" export of the ratings, which tpkit reads only as ``ratings.csv``).
OTHER_TABLES = (".csv", ".txt", ".tsv")


def header_of(data: bytes) -> list[str]:
    """The normalised column names in the first line of a CSV file (read from its first 64 KiB).

    >>> header_of(b"Respondent ID;Touchpoint_ID;performance\\n1;2;3")
    ['respondent_id', 'touchpoint_id', 'performance']
    """
    head = data[:65536]
    unicode_text = head.startswith((b"\xff\xfe", b"\xfe\xff"))     # Excel's "Unicode text" (.txt) export
    text = head[:len(head) // 2 * 2].decode("utf-16", "replace") if unicode_text else head.decode("utf-8", "replace")
    text = text.lstrip("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    expected = [c for t in TABLES.values() for c in t.columns]
    sep = choose_separator(first, expected)
    return [normalise_header(c) for c in next(csv.reader([first], delimiter=sep), [])]


def _misnamed_problems(others: dict[str, list[str]], given: set[str], workbook: bool) -> list[Problem]:
    """Files or sheets with another name whose columns are those of a table that was not given."""
    problems = []
    for label_, header in others.items():
        for table in TABLES.values():
            required = {f.name for f in table.fields if f.required}
            if table.name not in given and required <= set(header):
                problems.append(Problem(label_, None, None, "misnamed_table",
                                        {"table": table.name if workbook else table.filename}))
                break
    return problems


def build_project(raws: dict[str, RawTable], name: str, currency: str = "EUR", source: str | None = None,
                  missing_files: dict[str, str] | None = None, others: dict[str, list[str]] | None = None,
                  workbook: bool = False, read: dict[str, tuple[str, pd.DataFrame, dict]] | None = None,
                  outcome: OutcomeSpec = NPS_OUTCOME, rating_scale: RatingScale = FIVE_POINTS,
                  loyalty: tuple[str, ...] = LOYALTY) -> Project:
    """Parse and check raw tables (keyed by table name) into a :class:`Project`; raise all problems.

    ``read`` holds tables already read into frames (file name, frame and the distinct values of its
    columns, from :func:`quick_frame`); they are checked here like the others. ``others`` are the
    headers of files or sheets that are not tables by name; one that has a missing table's columns is
    reported (it would otherwise be left out without a word).
    """
    read = read or {}
    problems: list[Problem] = _misnamed_problems(others or {}, set(raws) | set(read), workbook)
    frames: dict[str, pd.DataFrame] = {}
    files = {n: r.file for n, r in raws.items()} | {n: entry[0] for n, entry in read.items()}
    files |= {n: (missing_files or {}).get(n, TABLES[n].filename) for n in TABLES if n not in files}   # (not given)
    own_ranges = {t: frozenset(c for tt, c in SCALED if tt == t) for t, _ in SCALED}   # checked against the scale
    if outcome.kind != "nps":
        own_ranges["respondents"] = frozenset({"recommend"})                          # and the outcome's own range
    tables_used = tables_with_loyalty(loyalty)
    for table in tables_used.values():
        raw = raws.get(table.name)
        if table.name in read:
            frame = read[table.name][1]
            table_problems = checked(table, frame, files[table.name], rules_met=True)
        elif raw is None:
            if table.required:
                file = (missing_files or {}).get(table.name, table.filename)
                problems.append(Problem(file, None, None, "file_missing", {"file": table.filename}))
            continue
        else:
            frame, table_problems = parse_table(table, raw, own_ranges.get(table.name, frozenset()))
        problems += table_problems
        if frame is not None:
            frames[table.name] = frame
    problems += _reference_problems(frames, files, {n: entry[2] for n, entry in read.items()})
    if "respondents" in frames:
        problems += _outcome_problems(frames["respondents"], files["respondents"], outcome)
        if "employee_ratings" in frames:
            problems += _wave_problems(frames["employee_ratings"], files["employee_ratings"], frames["respondents"])
    for table, column in sorted(SCALED, key=lambda pair: (list(TABLES).index(pair[0]), pair[1] != "performance")):
        if table in frames and column in frames[table].columns:
            problems += _outside(frames[table][column], files[table], column, rating_scale.low, rating_scale.high,
                                 read.get(table, ("", None, {}))[2].get(column))
    if problems:
        raise ProjectError(problems)
    tables = {n: _finish(TABLES[n], frames[n]) if n in frames else _empty_frame(TABLES[n]) for n in TABLES}
    return Project(name=name, currency=currency, source=source, given=frozenset(frames), outcome=outcome,
                   rating_scale=rating_scale, loyalty_levels=tuple(loyalty), **tables)


def _outcome_problems(respondents: pd.DataFrame, file: str, outcome: OutcomeSpec) -> list[Problem]:
    """Outcome answers outside the range of the project's outcome question (a 6 on a 1–5 scale, a 2 for
    a yes/no), each with its row; a 0–10 recommendation is checked by the table's own rules."""
    if outcome.kind == "nps" or "recommend" not in respondents.columns:
        return []
    return _outside(respondents["recommend"], file, "recommend", outcome.low, outcome.high)


def _wave_problems(employees: pd.DataFrame, file: str, respondents: pd.DataFrame) -> list[Problem]:
    """Employee ratings whose wave names none of the respondents' waves (they would count in no wave), each
    with its row; waves are compared as groups name them (``2.0`` is ``2``)."""
    from .groups import group_labels     # (groups reads projects: imported here)

    if WAVE not in employees.columns:
        return []
    labels = group_labels(employees[WAVE]).dropna()
    known = set(group_labels(respondents[WAVE]).dropna()) if WAVE in respondents.columns else set()
    unknown = labels[~labels.isin(known)]
    listed = ", ".join(sorted(known)) or "–"
    return [Problem(file, int(row), WAVE, "unknown_wave", {"value": value, "waves": listed}, "unknown_wave")
            for row, value in unknown.items()]


def _outside(values: pd.Series, file: str, column: str, low: int, high: int,
             distinct: pd.Series | ExtensionArray | None = None) -> list[Problem]:
    """The cells of ``values`` (indexed by row) outside ``low``–``high``, each a problem with its row; ``distinct``
    (its distinct values, when known) answers the usual case, none outside, without a look at every row.

    >>> _outside(pd.Series([1, 7], index=[2, 3], dtype="Int64"), "r.csv", "performance", 1, 5)[0].row
    3
    """
    sample = values if distinct is None else distinct
    if sample.isna().all() or (sample.min() >= low and sample.max() <= high):   # (the usual case, at once)
        return []
    scores = values.dropna()
    problems = []
    for code, outside in (("below_min", scores[scores < low]), ("above_max", scores[scores > high])):
        rows, found = outside.index.to_numpy(), outside.to_numpy()
        problems += cell_problems(len(rows), lambda i: Problem(file, int(rows[i]), column, code,
                                                               {"value": int(found[i]), "min": low, "max": high},
                                                               "range", {"min": low, "max": high}))
    return problems


def _read_meta(file: str, data: bytes | None, default_name: str
               ) -> tuple[str, str, OutcomeSpec, RatingScale, tuple[str, ...]]:
    """The name, currency, outcome question, rating scale and loyalty words written in ``project.json``
    (defaults without it)."""
    if data is None:
        return default_name, "EUR", NPS_OUTCOME, FIVE_POINTS, LOYALTY
    try:
        meta = json.loads(data.decode("utf-8-sig"), parse_constant=_no_constant)
    except ValueError as err:
        raise ProjectError([Problem(file, None, None, "bad_meta", {"detail": str(err)[:120]})]) from err
    if not isinstance(meta, dict):
        raise ProjectError([Problem(file, None, None, "bad_meta", {"detail": f"{type(meta).__name__}, not an object"})])
    problems = []
    for key in ("name", "currency"):
        value = meta.get(key)
        if key in meta and not (isinstance(value, str) and value.strip()):
            problems.append(Problem(file, None, key, "bad_meta", {"detail": f'"{key}": {json.dumps(value)[:60]}'}))
    currency = meta.get("currency", "EUR")
    if not problems and not re.fullmatch(r"[A-Za-z]{3}|[€$£¥]", currency.strip()):
        problems.append(Problem(file, None, "currency", "bad_meta",
                                {"detail": f'"currency": {json.dumps(currency)[:60]}'}))
    outcome, scale, loyalty = _answer_settings(
        meta, lambda key, detail: problems.append(Problem(file, None, key, "bad_meta", {"detail": detail})))
    if problems:
        raise ProjectError(problems)
    return meta.get("name", default_name).strip(), currency.strip(), outcome, scale, loyalty


#: How a project's answers are read (``project.json`` or a workbook's sheet ``project``): key → reader of its value.
_ANSWER_SETTINGS = {"outcome": outcome_from_meta, "rating_scale": scale_from_meta,
                    "loyalty": lambda value: loyalty_from_meta(value, LOYALTY)}


def _answer_settings(values: dict, refuse: Callable[[str, str], None]) -> tuple[OutcomeSpec, RatingScale, tuple[str, ...]]:
    """The outcome question, rating scale and loyalty words among ``values`` (each the default where it is
    missing); ``refuse(key, detail)`` hears of each one that is wrong (its default stands in)."""
    read = {}
    for key, reader in _ANSWER_SETTINGS.items():
        try:
            read[key] = reader(values.get(key))
        except ValueError as err:
            refuse(key, str(err))
            read[key] = reader(None)
    return read["outcome"], read["rating_scale"], read["loyalty"]


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


#: A project's largest CSV file is read on a thread of its own, while the others are read, when it is this long.
AHEAD_BYTES = 256 * 1024


def _csv_raws(files: dict[str, bytes], label_prefix: str = "", tables: dict[str, Table] = TABLES
              ) -> tuple[dict[str, RawTable], dict[str, tuple[str, pd.DataFrame, dict]], list[Problem]]:
    """The tables of CSV file contents keyed by lower-case file name: those read column by column (clean
    files, :func:`quick_frame`) as frames, the others as raw tables, and the problems that stop reading."""
    given = [table for table in tables.values() if table.filename in files]
    largest = max(given, key=lambda table: len(files[table.filename]), default=None)
    ahead = None        # the largest file is split on another thread while the others are read and checked
    if len(given) > 1 and len(files[largest.filename]) >= AHEAD_BYTES and reading_threads() > 1:
        ahead = started(read_columns, label_prefix + largest.filename, files[largest.filename], largest.columns)
    results: dict[str, RawTable | tuple[str, pd.DataFrame, dict] | list[Problem] | Exception] = {}
    for table in sorted(given, key=lambda table: ahead is not None and table is largest):
        file, data = label_prefix + table.filename, files[table.filename]
        try:    # (an error is raised below in the tables' order, as when they are read one after the other)
            cols = ahead() if ahead is not None and table is largest else read_columns(file, data, table.columns)
            distinct: dict[str, pd.Series | ExtensionArray] = {}
            frame = quick_frame(table, cols, distinct) if cols is not None else None
            results[table.name] = (file, frame, distinct) if frame is not None else \
                read_csv_bytes(file, data, table.columns)
        except Exception as err:    # (raised again below)
            results[table.name] = err
    raws: dict[str, RawTable] = {}
    read: dict[str, tuple[str, pd.DataFrame, dict[str, pd.Series]]] = {}
    problems: list[Problem] = []
    for table in given:     # (in the tables' order, as read one after the other)
        result = results[table.name]
        if isinstance(result, Exception):
            raise result
        if isinstance(result, list):
            problems += result
        elif isinstance(result, tuple):
            read[table.name] = result
        else:
            raws[table.name] = result
    return raws, read, problems


def load_csv_files(files: dict[str, bytes], name: str, source: str, prefix: str = "") -> Project:
    """A project from CSV file contents keyed by file name (other ``*.csv`` files are checked for a misnaming)."""
    others = {prefix + n: header_of(d) for n, d in files.items() if n not in PROJECT_FILES and n.endswith(OTHER_TABLES)}
    project_name, currency, outcome, scale, loyalty = _read_meta(prefix + META_FILE, files.get(META_FILE), name)
    raws, read, problems = _csv_raws(files, prefix, tables_with_loyalty(loyalty))   # (its own loyalty words)
    unreadable = {p.file for p in problems} | {p.file.removeprefix(prefix) for p in problems}   # (a zip's files)
    try:
        project = build_project(raws, project_name, currency, source, others=others, read=read, outcome=outcome,
                                rating_scale=scale, loyalty=loyalty)
    except ProjectError as err:
        later = [p for p in err.problems if not (p.code == "file_missing" and p.file in unreadable)]
        raise ProjectError(problems + later) from None
    if problems:
        raise ProjectError(problems)
    return project


def _folder_files(folder: Path) -> dict[str, bytes]:
    """The table files of a folder by lower-case name; of other CSV files only the first 64 KiB (for the header)."""
    files: dict[str, bytes] = {}
    problems = []
    seen: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        key = unicodedata.normalize("NFC", path.name).lower()
        if key in PROJECT_FILES:
            if key in seen:
                problems.append(Problem(path.name, None, None, "duplicate_input", {"first": seen[key], "second": path.name}))
                continue
            seen[key] = path.name
            if not path.is_file():   # a link to nothing, or a folder named like a table
                problems.append(Problem(path.name, None, None, "not_a_file"))
                continue
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                problems.append(too_large(path.name, size))
                continue
            files[key] = path.read_bytes()
        elif path.is_file() and path.suffix.lower() in OTHER_TABLES:
            with open(path, "rb") as handle:
                files[key] = handle.read(65536)
    if problems:
        raise ProjectError(problems)
    return files


def load_workbook_project(file: str, data: bytes | str, name: str, source: str) -> Project:
    """A project from an .xlsx workbook with a sheet per table (sheet names = table names)."""
    sheets, problems = read_workbook(file, data)
    if problems:
        raise ProjectError(problems)
    raws = {n: r for n, r in sheets.items() if n in TABLES}
    titled = [p for n, r in raws.items() if (p := header_below(r, TABLES[n].columns)) is not None]
    if titled:   # a title above the column names: say where they are, not every column as missing
        raise ProjectError(titled)
    others = {r.file: [normalise_header(h) for h in r.header] for n, r in sheets.items()
              if n not in TABLES and n != "project"}
    meta = sheets.get("project")
    project_name, currency, outcome, scale, loyalty = name, "EUR", NPS_OUTCOME, FIVE_POINTS, LOYALTY
    if meta is not None and meta.header:
        pairs = {r[0].strip().lower(): r[1].strip() for r in meta.rows if len(r) >= 2}
        project_name, currency = pairs.get("name", name), pairs.get("currency", "EUR")
        problems = []

        def refuse(key: str, detail: str) -> None:
            problems.append(Problem(f"{file} [project]", None, key, "bad_project_sheet", {"detail": detail[:160]}))

        values = {}
        for key in _ANSWER_SETTINGS:
            if pairs.get(key):
                try:
                    values[key] = json.loads(pairs[key])
                except ValueError:
                    refuse(key, f"{key}: {pairs[key][:40]!r} is no JSON")
        outcome, scale, loyalty = _answer_settings(values, refuse)
        if problems:
            raise ProjectError(problems)
    missing = {n: f"{file} [{n}]" for n in TABLES}
    return build_project(raws, project_name, currency, source, missing_files=missing, others=others, workbook=True,
                         outcome=outcome, rating_scale=scale, loyalty=loyalty)


def load_project(path: str | os.PathLike) -> Project:
    """Read and validate a project: a folder of CSVs, an .xlsx workbook or a .zip of CSVs.

    Parameters
    ----------
    path : the folder, workbook or zip.

    Returns
    -------
    The validated :class:`Project`; a :class:`~tpkit.problems.ProjectError` lists every problem
    found (file, row, column, what is wrong and how to fix it), and nothing is loaded half.

    >>> from tpkit.datasets import sample_path
    >>> len(load_project(sample_path("hotel")).touchpoints) >= 35
    True
    """
    path = Path(path)
    if path.is_dir():
        with reading(path):
            files = _folder_files(path)
        return cached_project(files, path.name, str(path), lambda: load_csv_files(files, path.name, str(path)))
    if path.is_file():
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProjectError([too_large(path.name, size)])
        return load_upload(path.name, path.read_bytes(), source=str(path))
    raise ProjectError([Problem(str(path), None, None, "project_missing")])


def load_upload(filename: str, data: bytes, *, source: str | None = None) -> Project:
    """A project from uploaded bytes: an .xlsx workbook or a .zip of the CSV tables.

    Parameters
    ----------
    filename : the uploaded file's name; its ending chooses the format.
    data : the file's bytes.
    source : where the project came from (shown in messages; default ``filename``).

    Returns
    -------
    The validated :class:`Project`, or a :class:`~tpkit.problems.ProjectError`.

    >>> load_upload("notes.txt", b"hello")
    Traceback (most recent call last):
    ...
    tpkit.problems.ProjectError: 1 problem in the project data:
    - notes.txt: 'notes.txt' is neither ZIP nor .xlsx. Upload a ZIP of the CSV tables or an Excel workbook.
    """
    lower = filename.lower()
    stem = Path(filename).stem
    if lower.endswith((".xlsx", ".xlsm")):
        return load_workbook_project(filename, data, stem, source or filename)
    if lower.endswith(".zip"):
        return load_csv_files(unzip_tables(filename, data), stem, source or filename, prefix=f"{filename}: ")
    raise ProjectError([Problem(filename, None, None, "upload_type", {"name": filename})])


def unzip_tables(filename: str, data: bytes) -> dict[str, bytes]:
    """The project's CSV files inside a zip, keyed by lower-case file name; unsafe archives are refused.

    The tables may sit at the top or in one folder; tables in two folders (this year's and last year's) or
    the same table twice are refused, naming them. Members with absolute paths or ``..`` and archives that
    unpack to more than ``MAX_UNZIPPED_BYTES`` are refused.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise ProjectError([Problem(filename, None, None, "bad_zip", {"detail": str(err)[:120]})]) from None
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES:
        from .cells import human_size
        raise ProjectError([Problem(filename, None, None, "zip_too_large",
                                    {"size": human_size(total), "limit": human_size(MAX_UNZIPPED_BYTES)}, "zip")])
    files: dict[str, bytes] = {}
    seen: dict[str, tuple[str, str]] = {}  # each table's first member and its folder
    duplicates: list[Problem] = []
    folders: dict[str, list[str]] = {}     # the tables found in each folder of the archive
    for m in members:
        parts = Path(m.filename.replace("\\", "/")).parts
        if m.filename.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
            raise ProjectError([Problem(filename, None, None, "zip_unsafe", {"detail": m.filename}, "zip")])
        base = unicodedata.normalize("NFC", parts[-1]).lower() if parts else ""
        if m.is_dir() or any(p.lower() == "__macosx" or p.lower() == PREVIOUS or p.lower().startswith(PREVIOUS + ".")
                             for p in parts):
            continue                  # Mac resource forks, and tpkit's own backup of the files saved before
        if base in PROJECT_FILES:
            folder = "/".join(parts[:-1]) + "/"
            folders.setdefault(folder, []).append(parts[-1])
            if base in seen:       # (the same table in two folders is told by tables_in_folders below)
                if seen[base][1] == folder:
                    duplicates.append(Problem(filename, None, None, "duplicate_input",
                                              {"first": seen[base][0], "second": m.filename}))
                continue
            seen[base] = (m.filename, folder)
        if base not in PROJECT_FILES:
            if base.endswith(OTHER_TABLES):
                with archive.open(m) as handle:
                    files[base] = handle.read(65536)
            continue
        if m.file_size > MAX_FILE_BYTES:
            raise ProjectError([too_large(m.filename, m.file_size)])
        try:
            content = archive.read(m)
        except (zipfile.BadZipFile, RuntimeError, OSError, NotImplementedError) as err:
            raise ProjectError([Problem(filename, None, None, "bad_zip", {"detail": str(err)[:120]})]) from None
        if len(content) > MAX_FILE_BYTES:
            raise ProjectError([too_large(m.filename, len(content))])
        files[base] = content
    if len(folders) > 1:       # this year's and last year's tables: never one project from both
        listed = " | ".join(", ".join(folder.lstrip("/") + name for name in sorted(names)[:3])
                            + (f" +{len(names) - 3}" if len(names) > 3 else "") for folder, names in sorted(folders.items()))
        duplicates.append(Problem(filename, None, None, "tables_in_folders", {"folders": listed}))
    if duplicates:
        raise ProjectError(duplicates)
    return files


# --- saving -----------------------------------------------------------------

def is_missing(value: object) -> bool:
    """Whether a cell value is missing (None, NaN, NA; an empty text is not missing).

    >>> is_missing(float("nan")), is_missing(""), is_missing(pd.NA)
    (True, False, True)
    """
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _cell_text(value: object) -> str:
    if is_missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (float, np.floating)):
        return format_float(float(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _columns_to_write(table: Table, frame: pd.DataFrame) -> list[str]:
    out = []
    for c in frame.columns:
        f = table.field(c) if c in table.columns else None
        if f is not None and not f.required and frame[c].isna().all() and not frame.empty:
            continue
        out.append(c)
    return out


def table_rows(table: Table, frame: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """Header and text rows of a frame as tpkit writes them (optional all-empty columns left out)."""
    columns = _columns_to_write(table, frame)
    rows = [[_cell_text(v) for v in record] for record in frame[columns].itertuples(index=False, name=None)]
    return columns, rows


def csv_bytes(table: Table, frame: pd.DataFrame) -> bytes:
    """A table as tpkit writes it: UTF-8 CSV, text cells that a spreadsheet would run as a formula
    guarded by a leading ``'`` (read back without it).

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"voter_id": ["v1"], "voter_type": ["customer"], "measure_id": ["m1"],
    ...                       "points": [5], "comment": ["=HYPERLINK(1)"]})
    >>> csv_bytes(TABLES["votes"], frame).decode().splitlines()[1]
    "v1,customer,m1,5,'=HYPERLINK(1)"
    """
    columns, rows = table_rows(table, frame)
    texts = [i for i, c in enumerate(columns) if c not in table.columns or table.field(c).kind in _TEXT_KINDS]
    for row in rows:
        for i in texts:
            row[i] = neutralise(row[i])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


_TEXT_KINDS = ("text", "id", "idlist")


def save_project(project: Project, path: str | os.PathLike) -> Path:
    """Write a project as a folder of UTF-8 CSVs, or as one workbook when ``path`` ends in .xlsx.

    Tables with rows (and touchpoints always) are written; a folder is saved as one
    transaction (:func:`tpkit.files.save_files`): a reader sees the old project or the new one,
    never a mix, and the old one stays in ``.previous/``. Table files of tables that are now
    empty are removed. ``load_project(save_project(p, x))`` gives the same frames back.

    Parameters
    ----------
    project : the project to write.
    path : a folder, or a file ending in .xlsx.

    Returns
    -------
    The path written.
    """
    path = Path(path)
    written = [n for n, t in TABLES.items() if t.required or not project.table(n).empty]
    if path.suffix.lower() == ".xlsx":
        save_files(path.parent, {path.name: _workbook_bytes(project, written)})
        return path
    files = {TABLES[n].filename: csv_bytes(TABLES[n], project.table(n)) for n in written}
    meta = {"name": project.name, "currency": project.currency}
    if outcome_meta(project.outcome) is not None:
        meta["outcome"] = outcome_meta(project.outcome)
    if scale_meta(project.rating_scale) is not None:
        meta["rating_scale"] = scale_meta(project.rating_scale)
    if tuple(project.loyalty_levels) != LOYALTY:
        meta["loyalty"] = list(project.loyalty_levels)
    files[META_FILE] = (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    stale = tuple(t.filename for n, t in TABLES.items() if n not in written)
    save_files(path, files, delete=stale)
    return path


def _workbook_bytes(project: Project, names: list[str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    meta = wb.create_sheet("project")
    meta.append(["key", "value"])
    meta.append(["name", text_cell(meta, project.name, WriteOnlyCell)])
    meta.append(["currency", text_cell(meta, project.currency, WriteOnlyCell)])
    for key, value in (("outcome", outcome_meta(project.outcome)), ("rating_scale", scale_meta(project.rating_scale)),
                       ("loyalty", None if tuple(project.loyalty_levels) == LOYALTY else list(project.loyalty_levels))):
        if value is not None:
            meta.append([key, text_cell(meta, json.dumps(value, ensure_ascii=False), WriteOnlyCell)])
    for name in names:
        table = TABLES[name]
        frame = project.table(name)
        ws = wb.create_sheet(name)
        columns = _columns_to_write(table, frame)
        ws.append(columns)
        kinds = {c: (table.field(c).kind if c in table.columns else "text") for c in columns}
        for record in frame[columns].itertuples(index=False, name=None):
            row = []
            for c, v in zip(columns, record):
                if is_missing(v):
                    row.append(None)
                elif kinds[c] in ("int", "float", "bool"):
                    row.append(v.item() if hasattr(v, "item") else v)
                elif kinds[c] == "date":
                    row.append(_cell_text(v))
                else:
                    row.append(text_cell(ws, str(v), WriteOnlyCell))
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def text_cell(ws, value: str, cell_type):
    """A cell that stays text even when it starts with '=' (openpyxl would make it a formula).

    A text cell is never run; a formula start also gets Excel's own quote prefix, so that
    editing the cell in Excel keeps it text. The value itself is unchanged.
    """
    cell = cell_type(ws, value=value)
    cell.data_type = "s"
    if value.startswith(FORMULA_START):
        cell.quotePrefix = True
    return cell


def with_tables(project: Project, **tables: pd.DataFrame) -> Project:
    """A copy of ``project`` with some tables replaced (not re-validated).

    Parameters
    ----------
    project : the project to copy.
    **tables : frames by table name (``measures=…``).

    Returns
    -------
    The new :class:`Project`.

    >>> from tpkit.datasets import load_sample
    >>> p = load_sample("hotel")
    >>> len(with_tables(p, measures=p.measures.head(2)).measures)
    2
    """
    return replace(project, **tables, given=project.given | frozenset(tables))


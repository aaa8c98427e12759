"""Survey exports as the platforms write them: one row per respondent, one column per question.

:func:`read_export` reads a CSV or Excel export (plain, or with the header rows of Qualtrics and
SurveyMonkey; LimeSurvey and Google Forms write one header row) and SPSS ``.sav`` files with their
value labels, into an :class:`Export`: the cells as text, each column's question text and, where the
file has them, the labels of its answer codes. Nothing is interpreted yet: which column is a
touchpoint rating, the outcome or a segment is for :func:`tpkit.mapping.guess_mapping` to propose.

Example
-------
>>> export = read_export("survey.csv", data="id,Wie zufrieden? - Check-in\\nr1,4\\n".encode())
>>> export.platform, export.columns, export.questions["Wie zufrieden? - Check-in"], export.cells("Wie zufrieden? - Check-in")
('csv', ['id', 'Wie zufrieden? - Check-in'], 'Wie zufrieden? - Check-in', ['4'])
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .cells import (MAX_CELL_CHARS, MAX_FILE_BYTES, SEPARATOR_NAMES, excel_cell_text, format_float,
                    read_workbook, too_large)
from .encodings import decode_text
from .problems import Problem, ProjectError

#: Platforms :func:`read_export` recognises by their header rows.
PLATFORMS = ("csv", "excel", "spss", "qualtrics", "surveymonkey", "limesurvey", "google_forms")
#: Columns the platforms add about the response rather than the respondent's answers.
_LIMESURVEY_META = {"id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr",
                    "refurl", "token"}
_GOOGLE_FIRST = {"timestamp", "zeitstempel", "horodateur", "marca temporal"}
_SURVEYMONKEY_FIRST = {"respondent id", "respondent_id", "collector id"}


@dataclass
class Export:
    """A survey export as read: ``data`` holds one row per respondent with the cells as text (None where
    empty) under unique column keys; ``questions`` each column's question text (for a grid question, the
    question and its row: ``"Wie zufrieden waren Sie mit … - Check-in"``); ``labels`` the answer codes'
    labels where the file has them (SPSS value labels); ``rows`` each respondent's row as the spreadsheet
    numbers it (SPSS: the case number); ``decimal`` the decimal mark the file's separator implies (``;`` →
    ``,``), None when it implies none."""

    file: str
    platform: str
    data: pd.DataFrame
    questions: dict[str, str]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)
    decimal: str | None = None

    @property
    def columns(self) -> list[str]:
        return list(self.data.columns)

    def cells(self, column: str) -> list[str]:
        """The non-empty cells of ``column``, in row order."""
        return [c for c in self.data[column].tolist() if c is not None]

    def row_number(self, position: int) -> int:
        """The spreadsheet row of the respondent at ``position`` (0-based) — for messages."""
        return self.rows[position] if self.rows else position + 2


def read_export(path: str | os.PathLike, *, data: bytes | None = None) -> Export:
    """Read a survey export: ``.csv``, ``.txt`` or ``.tsv``, ``.xlsx``, or SPSS ``.sav`` (``data``: its bytes,
    when it comes from an upload rather than a path).

    Raises
    ------
    ProjectError naming the file (and row) when it cannot be read as a survey export.
    """
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    if data is None:
        if not path.is_file():
            raise ProjectError([Problem(str(path), None, None, "project_missing")])
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ProjectError([too_large(name, path.stat().st_size)])
        data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise ProjectError([too_large(name, len(data))])
    if suffix == ".sav" or data[:4] == b"$FL2" or data[:4] == b"$FL3":
        return _spss_export(name, data)
    if suffix in (".xlsx", ".xlsm") or data[:2] == b"PK":
        tables, problems = read_workbook(name, data)
        if problems:
            raise ProjectError(problems)
        sheet = next((t for t in tables.values() if t.header), None)   # the first sheet with answers
        if sheet is None:
            raise ProjectError([Problem(name, None, None, "export_empty")])
        rows = [(sheet.header_row, sheet.header)] + list(zip(sheet.row_numbers, sheet.rows))
        return _from_rows(sheet.file, rows, "excel", None)
    text, problems = decode_text(name, data)
    if text is None:
        raise ProjectError(problems)
    rows, sep = _csv_rows(name, text)
    return _from_rows(name, rows, "csv", sep)


def _csv_rows(file: str, text: str) -> tuple[list[tuple[int, list[str]]], str]:
    """The non-blank records of a CSV export with their row numbers, and the separator (the one that gives
    its first lines one width; Excel's ``sep=`` line is followed)."""
    text = text.lstrip("\ufeff")
    if text[:4].lower() == "sep=" and len(text) > 4:    # (Excel hides this line: it numbers no row)
        sep, text = text[4], text.split("\n", 1)[1] if "\n" in text else ""
    else:
        sep = _separator(text)
    csv.field_size_limit(MAX_CELL_CHARS)
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    record = 0
    try:
        for cells in reader:
            record += 1
            if any(c.strip() for c in cells):
                rows.append((record, cells))
    except csv.Error as err:
        code = "cell_too_long" if "field larger" in str(err) else "unclosed_quote" if "end of data" in str(err) \
            else "bad_quote"
        params = {"limit": MAX_CELL_CHARS} if code == "cell_too_long" else {}
        raise ProjectError([Problem(file, record + 1, None, code, params)]) from None
    if not rows:
        raise ProjectError([Problem(file, None, None, "export_empty")])
    return rows, sep


def _separator(text: str) -> str:
    """The separator under which the first lines split into the most columns of one width.

    >>> _separator("a;b;c\\n1;2,5;3\\n"), _separator("a,b\\n1,2\\n"), _separator("a\\tb c\\n1\\t2\\n")
    (';', ',', '\\t')
    """
    head = text[:20000]

    def score(sep: str) -> tuple[int, int]:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(head, newline=""), delimiter=sep) if any(r)][:20]
        except csv.Error:
            return (0, 0)
        if not widths:
            return (0, 0)
        if len(widths) > 1:
            widths = widths[:-1]   # the last line of the sample may be cut
        same = all(w == widths[0] for w in widths)
        return (widths[0] if same and widths[0] > 1 else 0, widths[0])

    return max((",", ";", "\t"), key=score)


def _header_position(rows: list[tuple[int, list[str]]]) -> int:
    """Where the column names are: the first row that fills at least half the width of the rows below
    (a title or a note above them is passed over).

    >>> _header_position([(1, ["Umfrage 2026", "", ""]), (3, ["id", "Q1", "Q2"]), (4, ["r1", "4", "5"])])
    1
    """
    width = max(sum(bool(c.strip()) for c in cells) for _, cells in rows[:20])
    for i, (_, cells) in enumerate(rows[:10]):
        if sum(bool(c.strip()) for c in cells) >= max(2, width / 2):
            return i
    return 0


def _from_rows(file: str, rows: list[tuple[int, list[str]]], platform: str, separator: str | None) -> Export:
    """An export from its rows of text (with their row numbers): the header rows recognised, column keys
    made unique; a CSV row of another width than the header is refused with its row."""
    rows = rows[_header_position(rows):]
    width = len(rows[0][1])
    while width > 1 and not rows[0][1][width - 1].strip() and all(
            len(cells) < width or not cells[width - 1].strip() for _, cells in rows):
        width -= 1   # empty trailing columns (a separator at the end of every line)
    if platform == "csv":   # a row cut off or with a separator too many: its answers would shift columns
        problems = [Problem(file, number, None, "short_row" if len(cells) < width else "ragged_row",
                            {"found": len(cells), "expected": width}, None, {"sep": SEPARATOR_NAMES[separator]})
                    for number, cells in rows
                    if len(cells) < width or any(c.strip() for c in cells[width:])]
        if problems:
            raise ProjectError(problems)
    rows = [(n, (cells + [""] * width)[:width]) for n, cells in rows]
    first = [c.strip() for c in rows[0][1]]
    keys, questions, header_rows = first, list(first), 1
    if len(rows) > 2 and _is_qualtrics([cells for _, cells in rows[:3]]):
        platform, header_rows = "qualtrics", 3
        questions = [q.strip() or k for k, q in zip(first, rows[1][1])]
    elif first[0].lower() in _SURVEYMONKEY_FIRST and len(rows) > 1 and _is_surveymonkey_subrow(rows[1][1]):
        platform, header_rows = "surveymonkey", 2
        keys, questions = _surveymonkey_columns(first, [c.strip() for c in rows[1][1]])
    elif platform == "csv" and first[0].lower() in _GOOGLE_FIRST:
        platform = "google_forms"
    elif platform == "csv" and len(_LIMESURVEY_META & {k.lower() for k in first}) >= 3:
        platform = "limesurvey"
    keys = _unique_keys(keys)
    body = rows[header_rows:]
    if not body:
        raise ProjectError([Problem(file, None, None, "export_empty")])
    frame = pd.DataFrame({k: [_cell(cells[i]) for _, cells in body] for i, k in enumerate(keys)}, dtype=object)
    decimal = {";": ",", ",": "."}.get(separator or "")
    return Export(file, platform, frame, dict(zip(keys, questions)), {}, [n for n, _ in body], decimal)


def _cell(text: str) -> str | None:
    text = text.strip()
    return text or None


def _is_qualtrics(rows: list[list[str]]) -> bool:
    """Qualtrics' third header row holds ``{"ImportId":"QID…"}`` in its question columns."""
    third = [c.strip() for c in rows[2]]
    return sum(c.startswith("{") and "importid" in c.lower() for c in third) >= max(1, len(third) // 2)


def _is_surveymonkey_subrow(row: list[str]) -> bool:
    """SurveyMonkey's second header row names each column's answer (``Response``, ``Open-Ended Response``, a
    grid row or an answer option) and is blank under the respondent id, where every answer row has one."""
    cells = [c.strip() for c in row]
    return not cells[0] and any(cells[1:])


def _surveymonkey_columns(questions: list[str], answers: list[str]) -> tuple[list[str], list[str]]:
    """Column keys and question texts from SurveyMonkey's two header rows: a grid question's text stands
    above its first column only, each row of the grid below it.

    >>> _surveymonkey_columns(["Respondent ID", "Wie zufrieden?", "", "NPS"], ["", "Check-in", "Zimmer", "Response"])
    (['Respondent ID', 'Wie zufrieden? - Check-in', 'Wie zufrieden? - Zimmer', 'NPS'], ['Respondent ID', 'Wie zufrieden? - Check-in', 'Wie zufrieden? - Zimmer', 'NPS'])
    """
    keys, current = [], ""
    for question, answer in zip(questions, answers):
        current = question or current
        generic = answer in ("", "Response", "Open-Ended Response", "Antwort", "Offene Antwort")
        keys.append(current if generic else f"{current} - {answer}")
    return keys, list(keys)


def _unique_keys(keys: list[str]) -> list[str]:
    """Column keys made unique and non-empty (``Q1``, ``Q1 (2)``; an unnamed column is ``column 4``).

    >>> _unique_keys(["Q1", "", "Q1"]), _unique_keys(["Q1", "Q1", "Q1 (2)"])
    (['Q1', 'column 2', 'Q1 (2)'], ['Q1', 'Q1 (3)', 'Q1 (2)'])
    """
    named = [key or f"column {i + 1}" for i, key in enumerate(keys)]
    taken: set[str] = set()
    out = []
    for key in named:
        unique, k = key, 2
        while unique in taken or (unique != key and unique in named):
            unique, k = f"{key} ({k})", k + 1
        taken.add(unique)
        out.append(unique)
    return out


def _spss_export(file: str, data: bytes) -> Export:
    """An SPSS ``.sav`` file with its variable labels (the questions) and value labels (the answers); the
    codes SPSS declares user-missing ("weiß nicht" as 99) are empty cells, and a respondent's row is
    their case number."""
    import tempfile

    import pyreadstat

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.sav"
        path.write_bytes(data)
        try:
            frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False)   # user-missing codes: empty
        except Exception as err:   # pyreadstat raises its own ReadstatError and others for broken files
            raise ProjectError([Problem(file, None, None, "export_unreadable",
                                        {"detail": f"{type(err).__name__}: {str(err)[:80]}"})]) from None
    if frame.empty:
        raise ProjectError([Problem(file, None, None, "export_empty")])
    columns = {c: [_spss_cell(v) for v in frame[c].tolist()] for c in frame.columns}
    questions = {c: (meta.column_names_to_labels.get(c) or c) for c in frame.columns}
    labels = {c: {_spss_cell(code): str(label) for code, label in mapping.items()}
              for c, mapping in (meta.variable_value_labels or {}).items()}
    return Export(file, "spss", pd.DataFrame(columns, dtype=object), questions, labels,
                  list(range(1, len(frame) + 1)), None)


def _spss_cell(value: object) -> str | None:
    """An SPSS value as text: numbers as tpkit writes them (``4``, ``2.5``), strings trimmed, empty as None."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float):
        return format_float(value)
    text = excel_cell_text(value).strip() if not isinstance(value, str) else value.strip()
    return text or None


def describe_export(export: Export) -> pd.DataFrame:
    """One row per column of an export: its key, question text, answered count and a few example answers
    — what an analyst looks at before mapping it.

    >>> describe_export(read_export("s.csv", data=b"id,Q1\\nr1,4\\nr2,\\n"))[["column", "answered", "examples"]].to_dict("records")
    [{'column': 'id', 'answered': 2, 'examples': 'r1, r2'}, {'column': 'Q1', 'answered': 1, 'examples': '4'}]
    """
    rows = []
    for column in export.columns:
        cells = export.cells(column)
        examples = list(dict.fromkeys(cells))[:5]
        rows.append({"column": column, "question": export.questions.get(column, column), "answered": len(cells),
                     "distinct": len(set(cells)), "examples": ", ".join(examples),
                     "labels": json.dumps(export.labels[column], ensure_ascii=False) if column in export.labels else ""})
    return pd.DataFrame(rows)

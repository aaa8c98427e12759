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

from .cells import MAX_CELL_CHARS, MAX_FILE_BYTES, excel_cell_text, format_float, read_workbook, too_large
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
    labels where the file has them (SPSS value labels); ``header_rows`` how many rows above the data the
    file had (the first respondent is on row ``header_rows + 1``, as the spreadsheet numbers it)."""

    file: str
    platform: str
    data: pd.DataFrame
    questions: dict[str, str]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    header_rows: int = 1

    @property
    def columns(self) -> list[str]:
        return list(self.data.columns)

    def cells(self, column: str) -> list[str]:
        """The non-empty cells of ``column``, in row order."""
        return [c for c in self.data[column].tolist() if c is not None]

    def row_number(self, position: int) -> int:
        """The spreadsheet row of the respondent at ``position`` (0-based) — for messages."""
        return self.header_rows + 1 + position


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
        if not tables:
            raise ProjectError([Problem(name, None, None, "export_empty")])
        first = next(iter(tables.values()))   # the first sheet holds the responses
        rows = [first.header] + first.rows
        return _from_rows(name, rows, "excel")
    text, problems = decode_text(name, data)
    if text is None:
        raise ProjectError(problems)
    return _from_rows(name, _csv_rows(name, text), "csv")


def _csv_rows(file: str, text: str) -> list[list[str]]:
    """The records of a CSV export, split by the separator that gives its first lines one width."""
    text = text.lstrip("\ufeff")
    if text.lower().startswith("sep="):
        sep, text = text[4], text.split("\n", 1)[1] if "\n" in text else ""
    else:
        sep = _separator(text)
    csv.field_size_limit(MAX_CELL_CHARS)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True))
    except csv.Error as err:
        raise ProjectError([Problem(file, None, None, "bad_quote" if "expected" in str(err) else "unclosed_quote")]) \
            from None
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise ProjectError([Problem(file, None, None, "export_empty")])
    return rows


def _separator(text: str) -> str:
    """The separator under which the first lines split into the most columns of one width.

    >>> _separator("a;b;c\\n1;2,5;3\\n"), _separator("a,b\\n1,2\\n"), _separator("a\\tb c\\n1\\t2\\n")
    (';', ',', '\\t')
    """
    head = text[:20000]

    def score(sep: str) -> tuple[int, int]:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(head, newline=""), delimiter=sep)][:20]
        except csv.Error:
            return (0, 0)
        if len(widths) > 1:
            widths = widths[:-1]   # the last line of the sample may be cut
        same = all(w == widths[0] for w in widths)
        return (widths[0] if same and widths[0] > 1 else 0, widths[0])

    return max((",", ";", "\t"), key=score)


def _from_rows(file: str, rows: list[list[str]], platform: str) -> Export:
    """An export from its rows of text: the header rows recognised, column keys made unique."""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    first = [c.strip() for c in rows[0]]
    keys, questions, header_rows = first, list(first), 1
    if len(rows) > 2 and _is_qualtrics(rows):
        platform, header_rows = "qualtrics", 3
        questions = [q.strip() or k for k, q in zip(first, rows[1])]
    elif first[0].lower() in _SURVEYMONKEY_FIRST and len(rows) > 1 and _is_surveymonkey_subrow(rows[1]):
        platform, header_rows = "surveymonkey", 2
        keys, questions = _surveymonkey_columns(first, [c.strip() for c in rows[1]])
    elif platform == "csv" and first[0].lower() in _GOOGLE_FIRST:
        platform = "google_forms"
    elif platform == "csv" and len(_LIMESURVEY_META & {k.lower() for k in first}) >= 3:
        platform = "limesurvey"
    keys = _unique_keys(keys)
    body = rows[header_rows:]
    if not body:
        raise ProjectError([Problem(file, None, None, "export_empty")])
    frame = pd.DataFrame({k: [_cell(r[i]) for r in body] for i, k in enumerate(keys)}, dtype=object)
    return Export(file, platform, frame, dict(zip(keys, questions)), {}, header_rows)


def _cell(text: str) -> str | None:
    text = text.strip()
    return text or None


def _is_qualtrics(rows: list[list[str]]) -> bool:
    """Qualtrics' third header row holds ``{"ImportId":"QID…"}`` in its question columns."""
    third = [c.strip() for c in rows[2]]
    return sum(c.startswith("{") and "importid" in c.lower() for c in third) >= max(1, len(third) // 2)


def _is_surveymonkey_subrow(row: list[str]) -> bool:
    """SurveyMonkey's second header row names each column's answer (``Response``, ``Open-Ended Response``, a
    grid row) and is blank under the respondent columns."""
    cells = [c.strip() for c in row]
    return any(c in ("Response", "Open-Ended Response", "Antwort", "Offene Antwort") for c in cells) and not \
        any(c.replace(".", "").isdigit() for c in cells)


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

    >>> _unique_keys(["Q1", "", "Q1"])
    ['Q1', 'column 2', 'Q1 (2)']
    """
    seen: dict[str, int] = {}
    out = []
    for i, key in enumerate(keys):
        key = key or f"column {i + 1}"
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key} ({seen[key]})")
    return out


def _spss_export(file: str, data: bytes) -> Export:
    """An SPSS ``.sav`` file with its variable labels (the questions) and value labels (the answers)."""
    import tempfile

    import pyreadstat

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.sav"
        path.write_bytes(data)
        try:
            frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False, user_missing=True)
        except Exception as err:   # pyreadstat raises its own ReadstatError and others for broken files
            raise ProjectError([Problem(file, None, None, "export_unreadable",
                                        {"detail": f"{type(err).__name__}: {str(err)[:80]}"})]) from None
    if frame.empty:
        raise ProjectError([Problem(file, None, None, "export_empty")])
    columns = {c: [_spss_cell(v) for v in frame[c].tolist()] for c in frame.columns}
    questions = {c: (meta.column_names_to_labels.get(c) or c) for c in frame.columns}
    labels = {c: {_spss_cell(code): str(label) for code, label in mapping.items()}
              for c, mapping in (meta.variable_value_labels or {}).items()}
    missing = meta.missing_ranges or {}
    for c, ranges in missing.items():   # user-missing codes (SPSS "missing values"): labelled as such
        for r in ranges:
            if r.get("lo") == r.get("hi"):
                labels.setdefault(c, {}).setdefault(_spss_cell(r["lo"]), "missing")
    return Export(file, "spss", pd.DataFrame(columns, dtype=object), questions, labels, 1)


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

"""Reading raw tables as analysts have them: text cells with their sheet row numbers.

CSV comes as comma, semicolon or tab separated, in UTF-8 (with or without BOM)
or an 8-bit encoding, line by line (:mod:`tpkit.encodings`); Excel as one workbook with a sheet per table. Both become a
:class:`RawTable`: the header, the rows as strings and each row's number as the
analyst sees it (header = row 1), so that every later problem can name its row.

Example
-------
>>> raw = read_csv_bytes("t.csv", "a;b\\n1,5;x\\n".encode(), ["a", "b"])
>>> raw.header, raw.rows, raw.row_numbers, raw.separator
(['a', 'b'], [['1,5', 'x']], [2], ';')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field

from .encodings import decode_text, has_mojibake, mojibake
from .numbers import decimal_mark
from .problems import Problem
from .schema import TABLES

#: Largest single input file read (bytes).
MAX_FILE_BYTES = 512 * 1024**2
#: Largest total a .zip upload or an .xlsx workbook may unpack to (bytes).
MAX_UNZIPPED_BYTES = 1024**3
#: Longest cell read from a CSV file (characters); longer ones are mostly a missing quote.
MAX_CELL_CHARS = 131072
SEPARATOR_NAMES = {",": ",", ";": ";", "\t": "Tab"}
SEPARATORS = (",", ";", "\t")


@dataclass
class RawTable:
    """A table as text cells; ``row_numbers[i]`` is the sheet row of ``rows[i]``."""

    file: str
    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    separator: str = ","
    #: The decimal mark of the text cells' numbers (``","`` or ``"."``; None: unknown, see :mod:`tpkit.numbers`).
    decimal: str | None = None
    formula_cells: dict[tuple[int, int], str] | None = None
    #: Excel only: merged ranges as (first row, first column, last row, last column), 1-based rows, 0-based columns.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    #: Read from CSV text: guard quotes against formula injection (``'=…``) are dropped on reading,
    #: and rows are checked for another separator than the header's.
    from_csv: bool = False
    #: Excel only: the (row, column) of cells Excel holds as numbers (their text is tpkit's, with a point).
    typed: set[tuple[int, int]] = field(default_factory=set)
    #: The sheet row of ``header`` (Excel: the first row with a value).
    header_row: int = 1


def human_size(n: int) -> str:
    """Bytes as a short human figure.

    >>> human_size(3 * 1024**2)
    '3.0 MiB'
    """
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.1f} {unit}" if unit != "B" else f"{n} B"
        n /= 1024
    return f"{n} B"


def too_large(file: str, size: int) -> Problem:
    return Problem(file, None, None, "too_large", {"size": human_size(size)}, None,
                   {"limit": human_size(MAX_FILE_BYTES)})


def without_invisible(text: str) -> str:
    """``text`` without the characters that show nothing (Unicode's format characters: zero-width spaces and
    joiners, a byte-order mark left inside a file, direction marks, the soft hyphen). An id or a column name
    with one looks exactly like the one without, so tpkit reads both as the same.

    >>> without_invisible("R00001\u200b"), without_invisible("\ufeffR00001"), without_invisible("Käse")
    ('R00001', 'R00001', 'Käse')
    """
    if text.isascii():
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def id_form(text: str) -> str:
    """An id as tpkit keeps it: without invisible characters, trimmed, in one Unicode form (NFC: macOS writes
    ä as a and ¨).

    >>> id_form(" R00001\u200b "), id_form("Ka\u0308se") == "Käse"
    ('R00001', True)
    """
    text = text.strip()
    return text if text.isascii() else unicodedata.normalize("NFC", without_invisible(text).strip())


def normalise_header(name: str) -> str:
    """A column name as tpkit spells it: trimmed, without invisible characters, lower case, ``_`` for blanks.

    >>> normalise_header(" Annual Cost "), normalise_header("\u200bimportance")
    ('annual_cost', 'importance')
    """
    return re.sub(r"[\s\-]+", "_", without_invisible(name).strip()).lower()


def choose_separator(first_line: str, expected: list[str]) -> str:
    """The separator under which the header names the most expected columns.

    >>> choose_separator("touchpoint_id;name;phase", ["touchpoint_id", "name"])
    ';'
    """
    def score(sep: str) -> tuple[int, int]:
        cells = next(csv.reader([first_line], delimiter=sep), [])
        return (sum(normalise_header(c) in expected for c in cells), len(cells))

    return max(SEPARATORS, key=score)


def read_csv_bytes(file: str, data: bytes, expected: list[str]) -> RawTable | list[Problem]:
    """Parse CSV bytes into a :class:`RawTable`, or the problems that prevent it.

    Rows are numbered as a spreadsheet shows the file: one row per record (a quoted cell with line
    breaks stays one row), blank lines included, and Excel's ``sep=;`` hint line not shown. A title
    above the column names is refused with the row where the names are.

    >>> raw = read_csv_bytes("t.csv", b'sep=;\\na;b\\n"x\\ny";1\\n\\nz;2\\n', ["a", "b"])
    >>> raw.separator, raw.rows, raw.row_numbers
    (';', [['x\\ny', '1'], ['z', '2']], [2, 4])
    """
    if len(data) > MAX_FILE_BYTES:
        return [too_large(file, len(data))]
    text, problems = decode_text(file, data)
    if text is None:
        return problems
    if not text.strip():
        return [Problem(file, None, None, "empty_file", {"columns": ", ".join(expected)})]
    hint = re.match(r"\ufeff?sep=(.)\r?\n", text, flags=re.IGNORECASE)
    if hint:
        text = text[hint.end():]
    first_line = text.lstrip("\r\n").splitlines()[0]
    sep = hint.group(1) if hint else choose_separator(first_line, expected)
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    record = 0
    try:
        for cells in reader:
            record += 1
            if not "".join(cells).strip():
                continue
            if header is None:
                header = cells
                continue
            rows.append(cells)
            numbers.append(record)
    except csv.Error as err:
        return [_csv_problem(file, record + 1, str(err))]
    if header is None:  # only separators and blanks
        return [Problem(file, None, None, "empty_file", {"columns": ", ".join(expected)})]
    raw = RawTable(file, header, rows, numbers, separator=sep, from_csv=True)
    below = header_below(raw, expected)
    if below:
        return [below]
    return (mojibake_problems(raw) if has_mojibake(text) else []) or raw


def header_below(raw: RawTable, expected: list[str], *, look: int = 10) -> Problem | None:
    """A problem when the first row names none of the ``expected`` columns but a row below it does
    (a title or a note above the table), naming that row.

    >>> header_below(RawTable("t.csv", ["Inventar 2026"], [["", ""], ["a", "b"]], [2, 3]), ["a", "b"]).params
    {'row': 3, 'columns': 'a, b'}
    """
    def named(cells: list[str]) -> int:
        return sum(normalise_header(c) in expected for c in cells)

    if named(raw.header) > 0:
        return None
    for cells, row in list(zip(raw.rows, raw.row_numbers))[:look]:
        if named(cells) >= min(2, len(expected)):
            found = ", ".join(c.strip() for c in cells if normalise_header(c) in expected)
            return Problem(raw.file, 1, None, "header_below", {"row": row, "columns": found})
    return None


def mojibake_problems(raw: RawTable) -> list[Problem]:
    """Cells (and column names) whose text was converted twice, ``KanÃ¤le`` for ``Kanäle``, each named.

    >>> mojibake_problems(RawTable("t.csv", ["name"], [["KanÃ¤le"]], [2]))[0].params
    {'value': 'KanÃ¤le', 'fixed': 'Kanäle'}
    """
    problems: list[Problem] = []
    for row, cells in [(1, raw.header)] + list(zip(raw.row_numbers, raw.rows)):
        for col, cell in enumerate(cells):
            fixed = mojibake(cell) if any(lead in cell for lead in "ÂÃÅâ") else None
            if fixed is not None:
                column = raw.header[col] if row > 1 and col < len(raw.header) else None
                problems.append(Problem(raw.file, row, column, "mojibake", {"value": cell, "fixed": fixed}))
    return problems


def _csv_problem(file: str, row: int, detail: str) -> Problem:
    """The problem behind an error of Python's CSV reader, at the row where the bad cell starts."""
    if "end of data" in detail:
        return Problem(file, row, None, "unclosed_quote")
    if "field larger" in detail:
        return Problem(file, row, None, "cell_too_long", {"limit": MAX_CELL_CHARS})
    return Problem(file, row, None, "bad_quote")


def split_by_other_separator(cells: list[str], separator: str, width: int) -> str | None:
    """The separator a short row really uses, if splitting it by another gives about the header's width.

    >>> split_by_other_separator(["r1,web,5,4"], ";", 4)
    ','
    >>> split_by_other_separator(["r1", "web"], ";", 4) is None
    True
    >>> split_by_other_separator(["a", 'b,\\r"c"'], ";", 4) is None   # a line break inside a cell
    True
    """
    if len(cells) > 2 or len(cells) >= width or width < 3:
        return None
    joined = separator.join(cells)
    for other in SEPARATORS:
        if other == separator:
            continue
        try:
            split = next(csv.reader([joined], delimiter=other), [])
        except csv.Error:  # a line break in a cell: not a row written with another separator
            continue
        if len(split) >= width - 1:
            return other
    return None


def text_decimal(raw: RawTable, numeric_columns: list[int]) -> str | None:
    """The decimal mark of the numbers typed as text in ``numeric_columns`` (see :func:`tpkit.numbers.decimal_mark`);
    Excel's own numbers do not count, and only a CSV file's separator can stand in for evidence.

    >>> text_decimal(RawTable("f", ["x"], [["2,5"]], [2], ";"), [0])
    ','
    >>> text_decimal(RawTable("f", ["x"], [["48.000"]], [2], ";", from_csv=True), [0])   # no evidence: the separator
    ','
    >>> text_decimal(RawTable("f", ["x"], [["0.5"], ["48.000"]], [2, 3], typed={(2, 0)}), [0]) is None
    True
    """
    texts: set[str] = set()
    for i in numeric_columns:
        if raw.typed:
            texts.update(r[i] for r, row in zip(raw.rows, raw.row_numbers) if i < len(r) and (row, i) not in raw.typed)
        else:
            texts.update(r[i] for r in raw.rows if i < len(r))
    return texts_decimal(texts, raw.separator if raw.from_csv else None)


def texts_decimal(texts: set[str], separator: str | None) -> str | None:
    """The decimal mark of a table's distinct number texts, its CSV separator (None: a workbook) as fallback.

    >>> texts_decimal({"3", "2,5"}, ","), texts_decimal({"48.000"}, ","), texts_decimal({"7"}, None)
    (',', '.', None)
    """
    return decimal_mark(sorted(c for c in texts if "," in c or "." in c), separator=separator)


def excel_cell_text(value: object) -> str:
    """An Excel cell value as the text the CSV path would have seen.

    >>> excel_cell_text(1200.0), excel_cell_text(dt.datetime(2026, 3, 31)), excel_cell_text(None)
    ('1200', '2026-03-31', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def format_float(value: float) -> str:
    """Shortest text that reads back as the same float, without a trailing ``.0``.

    >>> format_float(1200.0), format_float(0.1), format_float(1e20)
    ('1200', '0.1', '1e+20')
    """
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def read_workbook(file: str, data: bytes | str) -> tuple[dict[str, RawTable], list[Problem]]:
    """Every sheet of an .xlsx workbook as a :class:`RawTable`, keyed by lower-case sheet name.

    Formulas are read by their stored value; a formula without one is a problem.
    """
    import zipfile

    import openpyxl

    source = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(m.file_size for m in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        return {}, [Problem(file, None, None, "bad_excel", {"detail": type(err).__name__})]
    if unpacked > MAX_UNZIPPED_BYTES:
        return {}, [Problem(file, None, None, "xlsx_too_large", {"size": human_size(unpacked),
                                                                 "limit": human_size(MAX_UNZIPPED_BYTES)})]
    try:
        formulas = openpyxl.load_workbook(source, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, EOFError) as err:
        return {}, [Problem(file, None, None, "bad_excel", {"detail": type(err).__name__})]
    values = None
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for ws in formulas.worksheets:
        header: list[str] | None = None
        header_row = 1
        rows: list[list[str]] = []
        numbers: list[int] = []
        formula_cells: dict[tuple[int, int], str] = {}
        typed: set[tuple[int, int]] = set()
        for r_idx, row in enumerate(ws.iter_rows(), start=1):
            cells = []
            for c_idx, cell in enumerate(row):
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f":
                    if values is None:
                        if isinstance(source, io.BytesIO):
                            source.seek(0)
                        values = openpyxl.load_workbook(source, read_only=True, data_only=True)
                    value = values[ws.title].cell(row=r_idx, column=c_idx + 1).value
                    if value is None:
                        formula_cells[(r_idx, c_idx)] = str(cell.value)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    typed.add((r_idx, c_idx))
                cells.append(excel_cell_text(value))
            if header is None:
                if any(c.strip() for c in cells):
                    header, header_row = cells, r_idx
                continue
            if any(c.strip() for c in cells):
                rows.append(cells)
                numbers.append(r_idx)
        while header and not header[-1].strip():
            header.pop()
        key = ws.title.strip().lower()
        if key in tables:
            problems.append(Problem(file, None, None, "duplicate_input",
                                    {"first": tables[key].file, "second": f"{file} [{ws.title}]"}))
            continue
        tables[key] = RawTable(
            f"{file} [{ws.title}]", header or [], rows, numbers, formula_cells=formula_cells,
            merged=merged_ranges(source, ws._worksheet_path), typed=typed, header_row=header_row,
        )
        if key in TABLES:
            problems += mojibake_problems(tables[key])
    formulas.close()
    if values is not None:
        values.close()
    return tables, problems


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ch - 64
    return index - 1


def merged_ranges(source, sheet_path: str) -> list[tuple[int, int, int, int]]:
    """The merged ranges of one worksheet, read from its XML in chunks (openpyxl's read-only mode skips them).

    Ranges are (first row, first column, last row, last column); rows as in Excel, columns from 0.
    """
    import zipfile

    if isinstance(source, io.BytesIO):
        source.seek(0)
    found, tail = [], b""
    with zipfile.ZipFile(source) as archive, archive.open(sheet_path.lstrip("/")) as xml:
        while chunk := xml.read(1 << 20):
            text = tail + chunk
            found += _MERGE.findall(text)
            tail = text[-200:]
    ranges = {(int(r1), _column_index(c1), int(r2), _column_index(c2)) for c1, r1, c2, r2 in found}
    return sorted(ranges)


_NOT_PLAIN = re.compile(r"['\t\n\x0b\x0c\r\x1c-\x1f]")


def plain_ascii(texts: list[str]) -> bool:
    """Whether every text is ASCII without a quote, a control character or a space at either end (each
    is then its own trimmed, restored and NFC form), found in one pass over the joined texts.

    >>> plain_ascii(["a1", "b 2", ""]), plain_ascii(["a1 "]), plain_ascii(["Café"]), plain_ascii(["'=1"])
    (True, False, False, False)
    """
    joined = "\x00".join(texts)
    return (joined.isascii() and _NOT_PLAIN.search(joined) is None and " \x00" not in joined
            and "\x00 " not in joined and not joined.startswith(" ") and not joined.endswith(" "))

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
import bisect
import functools
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .encodings import decode_text, has_mojibake, mojibake
from .numbers import Ambiguous, decimal_mark
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
    #: Excel only: cells showing an error such as ``#N/A`` or ``#REF!``, by (row, column): never a value.
    error_cells: dict[tuple[int, int], str] | None = None
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


#: Answers that mean "not applicable" / "no answer" in any column (compared by :func:`answer_key`).
NOT_APPLICABLE = ("n/a", "na", "n.a.", "n.v.", "n/v", "k.a.", "keine angabe", "weiß nicht", "weiss nicht",
                  "don't know", "dont know", "do not know", "not applicable", "trifft nicht zu", "nicht zutreffend",
                  "nicht genutzt", "not used", "prefer not to say", "kann ich nicht beurteilen", "-", "missing")


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
    if not has_mojibake("\n".join("\x00".join(cells) for cells in [raw.header, *raw.rows])):
        return problems          # (one look at the whole table; most have no sign of it)
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


def ambiguous_problem(file: str, row: int | None, column: str | None, number: Ambiguous) -> Problem:
    """The problem of a cell that reads as two numbers (``48.000``: 48 or 48,000), in a project or a survey.

    >>> ambiguous_problem("t.csv", 2, "cost", Ambiguous("48.000", 48.0, 48000.0)).params
    {'value': '48.000', 'point': '48', 'comma': '48000'}
    """
    return Problem(file, row, column, "ambiguous_number",
                   {"value": number.text, "point": format_float(number.point), "comma": format_float(number.comma)})


def format_float(value: float) -> str:
    """Shortest text that reads back as the same float, without a trailing ``.0``.

    >>> format_float(1200.0), format_float(0.1), format_float(1e20), format_float(-0.0)
    ('1200', '0.1', '1e+20', '0')
    """
    text = repr(float(value))
    return ("0" if text == "-0.0" else text[:-2]) if text.endswith(".0") else text


def read_workbook(file: str, data: bytes | str) -> tuple[dict[str, RawTable], list[Problem]]:
    """Every sheet of an .xlsx workbook as a :class:`RawTable`, keyed by lower-case sheet name.

    Formulas are read by their stored value; a formula without one is a problem. calamine reads the cells (a
    fast reader, about ten times openpyxl's speed), and the formulas without a stored value and the error
    cells, which it does not show, are read from the sheet's XML; openpyxl reads a workbook calamine cannot or
    whose XML is written otherwise. Both give the same cells (``tests/test_workbook_readers.py``); neither
    trusts the size a sheet states for itself (another program may write a wrong one).
    """
    import zipfile

    source = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(m.file_size for m in archive.infolist())
            special = special_by_title(archive) if unpacked <= MAX_UNZIPPED_BYTES else None
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError) as err:
        return {}, [Problem(file, None, None, "bad_excel", {"detail": type(err).__name__})]
    if unpacked > MAX_UNZIPPED_BYTES:
        return {}, [Problem(file, None, None, "xlsx_too_large", {"size": human_size(unpacked),
                                                                 "limit": human_size(MAX_UNZIPPED_BYTES)})]
    sheets = calamine_sheets(source, special) if special is not None else None
    if sheets is None:
        sheets = openpyxl_sheets(file, source)
        if isinstance(sheets, Problem):
            return {}, [sheets]
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for title, cell_rows, formula_cells, error_cells, merged in sheets:
        header: list[str] | None = None
        header_row = 1
        rows: list[list[str]] = []
        numbers: list[int] = []
        typed: set[tuple[int, int]] = set()
        for r_idx, row in enumerate(cell_rows, start=1):
            cells = []
            for c_idx, value in enumerate(row):
                kind = type(value)
                if kind is str:
                    cells.append(value)
                    continue
                if kind is float:                   # a number the sheet holds as a number (format_float, inline)
                    typed.add((r_idx, c_idx))
                    text = repr(value)
                    cells.append(("0" if text == "-0.0" else text[:-2]) if text.endswith(".0") else text)
                    continue
                if kind is int:
                    typed.add((r_idx, c_idx))
                cells.append(excel_cell_text(value))
            filled = bool("".join(cells).strip())     # (a row of blank cells only is no row)
            if header is None:
                if filled:
                    header, header_row = cells, r_idx
                continue
            if filled:
                rows.append(cells)
                numbers.append(r_idx)
        while header and not header[-1].strip():
            header.pop()
        key = title.strip().lower()
        if key in tables:
            problems.append(Problem(file, None, None, "duplicate_input",
                                    {"first": tables[key].file, "second": f"{file} [{title}]"}))
            continue
        tables[key] = RawTable(f"{file} [{title}]", header or [], rows, numbers, formula_cells=formula_cells,
                               error_cells=error_cells, merged=merged, typed=typed, header_row=header_row)
        if key in TABLES:
            problems += mojibake_problems(tables[key])
    return tables, problems


#: A worksheet's formulas and error cells are read from its XML (calamine shows a formula's stored value only,
#: and an error cell as empty; :func:`_special_cells`), with these patterns.
_CELL_REF = re.compile(rb'\sr="([A-Za-z]{1,3})(\d+)"')
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
_SHARED_INDEX = re.compile(rb'\ssi="(\d+)"')
_ERROR_TYPE = re.compile(rb'\st="e"')
_TEXT_TYPE = re.compile(rb'\st="str"')
#: How a worksheet declares SpreadsheetML's namespace (Transitional or Strict), with the prefix its elements carry
#: (``x:`` from .NET's OpenXML SDK; most programs write none).
_MAIN_NAMESPACE = re.compile(rb'xmlns(?::([\w.-]+))?="(?:http://schemas\.openxmlformats\.org/spreadsheetml/2006/main|'
                             rb'http://purl\.oclc\.org/ooxml/spreadsheetml/main)"')
#: Whitespace between XML attributes.
_XML_SPACE = (b" ", b"\t", b"\r", b"\n")
#: What follows an element's name in its opening tag (``<c>``, ``<c/>``, ``<c r="A1">``; not ``<col``).
_AFTER_NAME = (b">", b"/", *_XML_SPACE)


@functools.lru_cache(maxsize=8)
def _cell_patterns(prefix: bytes) -> tuple[re.Pattern[bytes], ...]:
    """A worksheet's formula text, stored value, shared formula (its first cell), row-or-cell tags and formula
    element, for its element prefix."""
    p = re.escape(prefix)
    return (re.compile(rb"<" + p + rb"f(?:\s[^>]*)?>(.*?)</" + p + rb"f>", re.DOTALL),
            re.compile(rb"<" + p + rb"v(?:\s[^>]*)?>(.*?)</" + p + rb"v>", re.DOTALL),
            re.compile(rb"<" + p + rb'f\b([^>]*?\sref="[^"]*"[^>]*?)(?<!/)>(.*?)</' + p + rb"f>", re.DOTALL),
            re.compile(rb"<" + p + rb"(row|c)(?=[\s>/])([^>]*)>"),
            re.compile(rb"<" + p + rb"f[\s>/]"))


#: The errors Excel shows in a cell.
EXCEL_ERRORS = frozenset({"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})

#: A sheet's formulas without a stored value ((row, column) → formula) and error cells ((row, column) → text).
SpecialCells = tuple[dict[tuple[int, int], str], dict[tuple[int, int], str]]


def special_by_title(archive) -> dict[str, SpecialCells] | None:
    """Per sheet title, the cells calamine does not show (:func:`_special_cells`) of an opened .xlsx archive;
    None when a sheet's XML is written in a way :func:`_special_cells` does not follow (then openpyxl reads the
    workbook): SpreadsheetML's namespace bound to two prefixes, attributes in single quotes or with spaces around
    their ``=``, comments or CDATA sections, a sheet the workbook names but the archive lacks."""
    paths = _sheet_paths(archive)
    names = {m.filename for m in archive.infolist()}
    if set(paths.values()) - names:
        return None
    found = {}
    for name in sorted(set(paths.values()) | {n for n in names if n.startswith("xl/worksheets/")
                                               and n.lower().endswith(".xml")}):
        xml = archive.read(name)
        prefix = _sheet_prefix(xml)
        if prefix is None or any(form in xml for form in (b"='", b' ="', b'= "', b"<!--", b"<![CDATA[")):
            return None
        places = _formulas_and_errors(xml, prefix)
        if places:
            found[name] = _special_cells(xml, prefix, places)
    if None in found.values() or set(found) - set(paths.values()):
        return None
    return {title: found[path] for title, path in paths.items() if path in found}


def _sheet_prefix(xml: bytes) -> bytes | None:
    """The prefix of a worksheet's elements (``b""`` or ``b"x:"``); None when SpreadsheetML's namespace is not
    declared once, at the top (elements might then carry two prefixes).

    >>> main = b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    >>> _sheet_prefix(b"<worksheet xmlns=" + main + b">"), _sheet_prefix(b"<x:worksheet xmlns:x=" + main + b">")
    (b'', b'x:')
    >>> _sheet_prefix(b"<x:worksheet xmlns=" + main + b" xmlns:x=" + main + b">") is None
    True
    """
    declared = _MAIN_NAMESPACE.findall(xml[:16384])
    if len(declared) != 1 or xml.count(b"spreadsheetml/2006/main") + xml.count(b"ooxml/spreadsheetml/main") != 1:
        return None
    return declared[0] + b":" if declared[0] else b""


def _special_cells(xml: bytes, prefix: bytes = b"", places: list[int] | None = None) -> SpecialCells | None:
    """The formulas without a stored value and the error cells of a worksheet's XML whose elements carry
    ``prefix`` (``places``: where :func:`_formulas_and_errors` found them), rows as in Excel and columns from 0
    (as openpyxl's reading gives them); None where the XML is written in a way this does not follow (then
    openpyxl reads the workbook). Cells may leave out their reference (each then follows the one before, as in
    files .NET's OpenXML SDK writes).

    >>> _special_cells(b'<c r="B2"><f>A2*2</f><v></v></c><c r="C3" t="e"><v>#N/A</v></c><c r="D4"><f>1</f><v>1</v></c>')
    ({(2, 1): '=A2*2'}, {(3, 2): '#N/A'})
    >>> _special_cells(b'<c r="A2" t="e"/><c r="B2"><f>1+1</f><v>5</v></c><c r="C2" t="str"><f>""</f><v></v></c>')
    ({}, {})
    >>> _special_cells(b'<c r="C2"><f t="shared" ref="C2:C3" si="0">A2*2</f><v></v></c><c r="C3"><f t="shared" si="0"/></c>')
    ({(2, 2): '=A2*2', (3, 2): '=A3*2'}, {})
    >>> _special_cells(b'<x:row r="1"><x:c><x:v>1</x:v></x:c></x:row><x:row><x:c/><x:c><x:f>A1*2</x:f></x:c>'
    ...                b'<x:c t="e"><x:v>#REF!</x:v></x:c><x:c t="e"><x:f>1/0</x:f></x:c></x:row>', b"x:")
    ({(2, 1): '=A1*2', (2, 3): '=1/0'}, {(2, 2): '#REF!'})
    """
    import html

    formula_text, stored_value, shared_formula, row_or_cell, formula_tag = _cell_patterns(prefix)
    cell_open, cell_close, row_open = b"<" + prefix + b"c", b"</" + prefix + b"c>", b"<" + prefix + b"row"
    inline_text = b"<" + prefix + b"is>"
    numbered_row = re.compile(re.escape(row_open) + rb'(?=[\s>/])[^>]*?\sr="(\d+)"')
    formulas: dict[tuple[int, int], str] = {}
    errors: dict[tuple[int, int], str] = {}
    numbered: list[tuple[int, int]] | None = None     # (rows that say their number: where they start, the number)
    last_row = (-1, 0)                                  # (the last row counted: where it starts, its number)

    def cell_start(at: int) -> int:
        return _start_before(xml, cell_open, at + 1)

    def place(start: int, tag: bytes) -> tuple[int, int] | None:
        """The cell's (row, column): its reference, else its row's number (or the last numbered row's plus the
        rows since) and the cells before it in its row, as Excel counts cells without a reference."""
        nonlocal numbered, last_row
        ref = _CELL_REF.search(tag)
        if ref is not None:
            return int(ref.group(2)), _column_index(ref.group(1).upper())
        row_start = _start_before(xml, row_open, start)
        if row_start < 0:
            return None
        own = _ROW_NUMBER.search(xml, row_start, xml.find(b">", row_start))
        if own is not None:
            row = int(own.group(1))
        else:       # (cells come in the file's order: count the rows from the last numbered row or cell placed)
            if numbered is None:
                numbered = [(m.start(), int(m.group(1))) for m in numbered_row.finditer(xml)]
            before = bisect.bisect_right(numbered, (row_start, -1)) - 1
            since, number = max(numbered[before] if before >= 0 else (-1, 0),
                                last_row if last_row[0] <= row_start else (-1, 0))
            row = number + xml.count(row_open, since + 1, row_start + len(row_open))   # (only rows start so there)
            last_row = (row_start, row)
        column = -1
        for found in row_or_cell.finditer(xml, row_start, start + len(tag)):
            if found.group(1) == b"c":
                cell_ref = _CELL_REF.search(found.group(2))
                column = _column_index(cell_ref.group(1).upper()) if cell_ref else column + 1
            elif found.start() != row_start:
                return None
        return row, column

    shared: dict[bytes, tuple[str, str]] = {}    # a shared formula's index → its text and its own cell
    for m in shared_formula.finditer(xml):
        index, start = _SHARED_INDEX.search(m.group(1)), cell_start(m.start())
        at = place(start, xml[start:xml.find(b">", start) + 1]) if start >= 0 else None
        if index is not None and at is not None:     # (an index defined twice: its first definition, as openpyxl)
            shared.setdefault(index.group(1), (html.unescape(m.group(2).decode("utf-8")), _cell_name(at)))
    movers: dict[bytes, object] = {}
    for found in (places if places is not None else _formulas_and_errors(xml, prefix)):
        start = cell_start(found)
        tag_end = xml.find(b">", start)
        if start < 0 or tag_end < 0 or xml.find(cell_close, start, found) >= 0:   # not inside a cell we see
            return None
        end = tag_end + 1 if xml[tag_end - 1:tag_end] == b"/" else xml.find(cell_close, found)
        if end < 0:
            return None
        cell, tag = xml[start:end], xml[start:tag_end + 1]
        stored = stored_value.search(cell)
        value = html.unescape(stored.group(1).decode("utf-8")) if stored else ""
        is_error = _ERROR_TYPE.search(tag) is not None
        if (value and not is_error) or (stored and _TEXT_TYPE.search(tag)) or inline_text in cell \
                or not (value or formula_tag.search(cell)):
            continue     # a stored value (an empty text result, an inline text too), or an empty cell typed as an error
        at = place(start, tag)
        if at is None:
            return None
        if value:
            errors[at] = value
            continue
        formula = formula_text.search(cell)
        text = html.unescape(formula.group(1).decode("utf-8")) if formula else ""
        index = _SHARED_INDEX.search(cell)
        if not text and index is not None and index.group(1) in shared:   # a shared formula's other cells
            text = _moved_formula(*shared[index.group(1)], at, movers.setdefault(index.group(1), {}))
        if not text:
            return None
        formulas[at] = "=" + text
    return formulas, errors


def column_letters(column: int) -> str:
    """Excel's column letters of a 0-based column.

    >>> column_letters(0), column_letters(26), column_letters(27)
    ('A', 'AA', 'AB')
    """
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell_name(at: tuple[int, int]) -> str:
    """A cell's name from its (row, column from 0).

    >>> _cell_name((5, 27))
    'AB5'
    """
    return f"{column_letters(at[1])}{at[0]}"


def _moved_formula(text: str, origin: str, at: tuple[int, int], translators: dict) -> str:
    """A shared formula's ``text``, written in its own cell ``origin``, as it reads in the cell ``at`` (row,
    column from 0): relative references move with the cell, as Excel moves them. ``translators`` keeps the
    formula's parsed form for its other cells (parsing it again for each cell took 2.5 s per 100,000 cells).

    >>> _moved_formula("A2*2+$B$1", "C2", (5, 2), {})
    'A5*2+$B$1'
    """
    from openpyxl.formula.tokenizer import TokenizerError
    from openpyxl.formula.translate import Translator, TranslatorError

    try:
        if "translator" not in translators:
            translators["translator"] = Translator("=" + text, origin=origin)
        return translators["translator"].translate_formula(_cell_name(at))[1:]
    except (TranslatorError, TokenizerError, ValueError):   # (a formula it cannot move: named by its own text)
        return text


def _start_before(xml: bytes, opening: bytes, end: int) -> int:
    """Where the last element opened by ``opening`` (``b"<c"``, ``b"<x:row"``) starts before ``end``; -1: none.

    >>> _start_before(b'<row r="1"><c r="A1"/><col/>', b"<c", 28)
    11
    """
    start = xml.rfind(opening, 0, end)
    while start >= 0 and xml[start + len(opening):start + len(opening) + 1] not in _AFTER_NAME:
        start = xml.rfind(opening, 0, start)
    return start


def _formulas_and_errors(xml: bytes, prefix: bytes) -> list[int]:
    """Where a worksheet's XML has a formula (``<f``) not followed by its stored value or an error type
    (``t="e"``), in order (found with ``bytes.find``: a regular expression takes 0.3 s on a 20 MB sheet).

    >>> _formulas_and_errors(b'<c r="A1"><f>1</f></c><formula1/><c r="A2"\\nt="e"/><c r="A3" st="e"/>', b"")
    [10, 43]
    >>> _formulas_and_errors(b'<c r="A1"><f>1</f><v>1</v></c><c r="A2"><f t="shared" si="0"/><v></v></c>', b"")
    [40]
    """
    found = []
    formula, formula_end, stored = b"<" + prefix + b"f", b"</" + prefix + b"f>", b"<" + prefix + b"v>"
    at = xml.find(formula)
    while at >= 0:
        if xml[at + len(formula):at + len(formula) + 1] in _AFTER_NAME:
            tag_end = xml.find(b">", at)
            after = tag_end + 1 if xml[tag_end - 1:tag_end] == b"/" else xml.find(formula_end, tag_end) + len(formula_end)
            if not (xml.startswith(stored, after) and xml[after + len(stored):after + len(stored) + 1] not in (b"<", b"")):
                found.append(at)       # (a formula with its stored value right after it is read by calamine)
        at = xml.find(formula, at + 1)
    at = xml.find(b't="e"')
    while at >= 0:
        if xml[at - 1:at] in _XML_SPACE:
            found.append(at)
        at = xml.find(b't="e"', at + 1)
    return sorted(found)


def _sheet_paths(archive) -> dict[str, str]:
    """Each sheet's title and the archive member holding its XML (from the workbook's list of sheets)."""
    import html

    book = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {m.group(2).decode(): m.group(1).decode() for m in re.finditer(
        rb'<(?:\w+:)?Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)}
    targets |= {m.group(1).decode(): m.group(2).decode() for m in re.finditer(
        rb'<(?:\w+:)?Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)}
    paths = {}
    for m in re.finditer(rb'<(?:\w+:)?sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"', book):
        target = targets.get(m.group(2).decode(), "")
        paths[html.unescape(m.group(1).decode("utf-8"))] = target.lstrip("/") if target.startswith("/") else \
            "xl/" + target
    return paths


#: A sheet as read: its title, rows of cell values from A1, formulas without a stored value and error cells (by
#: (row, column): their cells hold no value), merged ranges.
Sheet = tuple[str, Iterable[Sequence[object]], dict[tuple[int, int], str], dict[tuple[int, int], str],
              list[tuple[int, int, int, int]]]


def calamine_sheets(source: io.BytesIO | str, special: dict[str, SpecialCells]) -> list[Sheet] | None:
    """The sheets (:data:`Sheet`) read by calamine, with ``special`` cells (by sheet title) read from the XML;
    None when calamine cannot read the workbook (openpyxl then names the problem)."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:       # (an installation without it reads every workbook with openpyxl)
        return None
    if isinstance(source, io.BytesIO):
        source.seek(0)
    try:
        workbook = CalamineWorkbook.from_filelike(source) if isinstance(source, io.BytesIO) else \
            CalamineWorkbook.from_path(source)
        sheets = []
        for title in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(title)
            merged = [(r1 + 1, c1, r2 + 1, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]
            rows = sheet.to_python(skip_empty_area=False)      # (an empty cell is "")
            formulas, errors = special.get(title, ({}, {}))
            for r, c in [*formulas, *errors]:      # (cells that hold no value)
                while len(rows) < r:
                    rows.append([])
                rows[r - 1].extend([None] * (c + 1 - len(rows[r - 1])))
                rows[r - 1][c] = None
            sheets.append((title, rows, dict(formulas), dict(errors), sorted(merged)))
        return sheets
    except Exception:   # noqa: BLE001 — calamine's own errors: the workbook is read by openpyxl instead
        return None


def openpyxl_sheets(file: str, source: io.BytesIO | str) -> list[Sheet] | Problem:
    """The sheets read by openpyxl: a formula's stored value (read alongside, row by row), the formulas
    without one, the merged ranges."""
    import zipfile

    import openpyxl

    def opened(data_only: bool):
        if isinstance(source, io.BytesIO):
            source.seek(0)
        return openpyxl.load_workbook(source, read_only=True, data_only=data_only)

    try:
        formulas = opened(False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, EOFError) as err:
        return Problem(file, None, None, "bad_excel", {"detail": type(err).__name__})
    try:
        return _openpyxl_cells(formulas, opened, source)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as err:   # openpyxl's own failures
        return Problem(file, None, None, "bad_excel", {"detail": type(err).__name__})
    finally:
        formulas.close()


def _openpyxl_cells(formulas, opened: Callable[[bool], object], source: io.BytesIO | str) -> list[Sheet]:
    """The sheets of a workbook openpyxl opened (``formulas``; ``opened(True)`` opens it again for the stored
    values of its formulas)."""
    values = None
    sheets: list[Sheet] = []
    for ws in formulas.worksheets:
        ws.reset_dimensions()      # (a sheet's own stated size may be wrong: read every row it has)
        stored = None
        formula_cells: dict[tuple[int, int], str] = {}
        error_cells: dict[tuple[int, int], str] = {}
        rows: list[list[object]] = []
        for r_idx, row in enumerate(ws.iter_rows(), start=1):
            cells = []
            for c_idx, cell in enumerate(row):
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f":
                    if values is None:
                        values = opened(True)
                    if stored is None:          # the stored values of this sheet, row by row alongside
                        sheet = values[ws.title]
                        sheet.reset_dimensions()
                        stored = {i: r for i, r in enumerate(sheet.iter_rows(values_only=True), start=1)}
                    stored_row = stored.get(r_idx) or ()
                    value = stored_row[c_idx] if c_idx < len(stored_row) else None
                    if value is None:       # (an array formula's text is its .text)
                        formula_cells[(r_idx, c_idx)] = str(getattr(cell.value, "text", cell.value))
                if getattr(cell, "data_type", None) == "e" or (isinstance(value, str) and value in EXCEL_ERRORS
                                                               and getattr(cell, "data_type", None) == "f"):
                    shown = value if value is not None else cell.value
                    if shown is not None:       # (an error type without a value is an empty cell)
                        error_cells[(r_idx, c_idx)] = str(shown)
                    value = None
                cells.append(value)
            rows.append(cells)
        sheets.append((ws.title, rows, formula_cells, error_cells, merged_ranges(source, ws._worksheet_path)))
    if values is not None:
        values.close()
    return sheets


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

"""Reading a clean CSV file column by column, at the speed of pyarrow's CSV reader.

Most files analysts load are clean: UTF-8, one record per line, the header in the first line. Such a
file is split by pyarrow in one go and each column comes back as its distinct texts and, per row, the
number of its text. :mod:`tpkit.io` then reads each distinct text once with the same cell functions
as the row-by-row reading, so the frame is the same as that reading gives — only faster.

Whatever would need a thought makes :func:`read_columns` return None, and the row-by-row reading
(:func:`tpkit.cells.read_csv_bytes`) reads the file and names any problem at its row: another
encoding, an Excel ``sep=`` line, a title above the header, a blank or cut-off row, a line break or a
stray quote in a cell, a control character, text converted twice.

Example
-------
>>> cols = read_columns("t.csv", "a;b\\n1,5;x\\n2;x\\n".encode(), ["a", "b"])
>>> cols.header, cols.separator, cols.uniques, [c.tolist() for c in cols.codes]
(['a', 'b'], ';', [['1,5', '2'], ['x']], [[0, 1], [0, 0]])
>>> read_columns("t.csv", b"a;b\\n\\n1;x\\n", ["a", "b"]) is None    # a blank line: read row by row
True
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass

import numpy as np

from .cells import MAX_CELL_CHARS, MAX_FILE_BYTES, choose_separator, normalise_header, plain_ascii
from .encodings import has_mojibake
from .threads import THREAD_VARIABLES

#: Characters after which a file's lines are not its records: line breaks (Python's included) and controls.
_CAREFUL = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


@dataclass
class Columns:
    """A CSV file as columns: ``uniques[j]`` are column j's distinct texts, ``codes[j][i]`` row i's one.

    Row i is the file's line i + 2 (the header is line 1); every row has every column.
    """

    file: str
    header: list[str]
    separator: str
    uniques: list[list[str]]
    codes: list[np.ndarray]

    @property
    def n_rows(self) -> int:
        return len(self.codes[0]) if self.codes else 0



def read_columns(file: str, data: bytes, expected: list[str]) -> Columns | None:
    """The columns of a clean CSV file, or None when it needs the row-by-row reading (see the module)."""
    if len(data) > MAX_FILE_BYTES or data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        return None
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if body.endswith((b"\n\n", b"\r\n\r\n")):   # blank lines at the end number no row: drop them
        body = body.rstrip(b"\r\n") + (b"\r\n" if body.endswith(b"\r\n") else b"\n")
    if b"\r" in body and body.count(b"\r") != body.count(b"\r\n"):   # lone carriage returns
        return None
    end = body.find(b"\n")
    try:
        first_line = body[: end if end >= 0 else len(body)].decode("utf-8").rstrip("\r")
    except UnicodeDecodeError:
        return None
    if not first_line.strip() or '"' in first_line or first_line.lower().startswith("sep=") \
            or _CAREFUL.search(first_line) or has_mojibake(first_line):
        return None
    separator = choose_separator(first_line, expected)
    header = next(csv.reader([first_line], delimiter=separator))
    names = [normalise_header(h) for h in header]
    if len(header) < 2 or "" in names or len(set(names)) < len(names) or not set(names) & set(expected):
        return None
    import pyarrow as pa     # (loaded when first needed: a dashboard kernel starts without it)

    table = _arrow_table(body, separator, header)
    if table is None or table.column_names != header or table.num_rows == 0:
        return None
    uniques, codes = [], []
    for column in table.columns:
        if column.num_chunks != 1:      # (the file is read as one block: one chunk per column)
            return None
        encoded = column.chunk(0).dictionary_encode()
        try:   # each distinct text is checked to be UTF-8 once (pyarrow's check would look at every cell)
            uniques.append(encoded.dictionary.cast(pa.string()).to_pylist())
        except pa.ArrowInvalid:
            return None
        codes.append(encoded.indices.to_numpy())
    joined = "\t".join("\t".join(values) for values in uniques)
    longest = max(len(max(values, key=len)) for values in uniques)
    if longest > MAX_CELL_CHARS or _CAREFUL.search(joined) or (not joined.isascii() and has_mojibake(joined)):
        return None
    cols = Columns(file, header, separator, uniques, codes)
    if _has_blank_row(cols) or (b'"' in body and not _quotes_well_formed(body, separator)):
        return None
    return cols


def _arrow_table(body: bytes, separator: str, header: list[str]):
    """The file split by pyarrow into columns of bytes (None: pyarrow cannot, e.g. a row of another width);
    :func:`read_columns` checks the distinct texts to be UTF-8."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    try:
        return pcsv.read_csv(
            pa.BufferReader(body),
            # one block for the whole file: one chunk per column, which dictionary-encodes at half the cost
            read_options=pcsv.ReadOptions(use_threads=os.environ.get(THREAD_VARIABLES[0]) != "1",   # tpkit.threads
                                          block_size=max(len(body) + 1, 1 << 20)),
            parse_options=pcsv.ParseOptions(delimiter=separator, quote_char='"', double_quote=True,
                                            escape_char=False, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(column_types={name: pa.binary() for name in header},
                                                strings_can_be_null=False, quoted_strings_can_be_null=False,
                                                null_values=[], check_utf8=False),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None


def _has_blank_row(cols: Columns) -> bool:
    """Whether a row has only blank cells (the row-by-row reading skips it but keeps its row number)."""
    blank_rows = np.ones(cols.n_rows, dtype=bool)
    for values, codes in zip(cols.uniques, cols.codes):
        if plain_ascii(values):     # (no space at either end: only the empty text is blank)
            if "" not in values:
                return False
            blank = np.array(values + [None], dtype=object)[:-1] == ""
        else:
            blank = np.array([not v.strip() for v in values], dtype=bool)
        if not blank.any():
            return False
        blank_rows &= blank[codes]
    return bool(blank_rows.any())


def _quotes_well_formed(body: bytes, separator: str) -> bool:
    """Whether every quote in ``body`` (whose cells hold no line break) is where Python's strict CSV rules
    and pyarrow's agree: a quoted cell opens right after a separator or a line start, closes right
    before one or a line end, and doubles the quotes inside it. pyarrow is lenient where Python is
    strict (``"ab"c`` is ``abc`` to it, a broken quote to Python), and a quote inside an unquoted cell
    is left to the row-by-row reading.

    The k-th quote of the file opens a cell when k is odd (a doubled quote closes and reopens), since
    no cell spans two lines.

    >>> _quotes_well_formed(b'a,b\\n1,"x, ""y"" z"\\n"",2', ","), _quotes_well_formed(b'a,b\\n1,"ab"c', ",")
    (True, False)
    >>> _quotes_well_formed(b'a,b\\n1,"a,"b"', ","), _quotes_well_formed(b'a,b\\n1,x"y', ","), _quotes_well_formed(b'a\\n"x', ",")
    (False, False, False)
    """
    raw = np.frombuffer(body, dtype=np.uint8)
    quotes = np.flatnonzero(raw == 34)
    if len(quotes) % 2:
        return False
    sep, ends = ord(separator), (10, 13)
    opening, closing = quotes[0::2], quotes[1::2]
    before = np.where(opening > 0, raw[np.maximum(opening - 1, 0)], 10)
    after = np.where(closing + 1 < len(raw), raw[np.minimum(closing + 1, len(raw) - 1)], 10)
    reopened = np.zeros(len(opening), dtype=bool)      # the second quote of a doubled one
    reopened[1:] = opening[1:] == closing[:-1] + 1
    opens = (before == sep) | (before == 10) | reopened
    closes = (after == sep) | np.isin(after, ends)
    closes[:-1] |= reopened[1:]
    return bool(opens.all() and closes.all())

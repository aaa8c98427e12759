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
import re
from dataclasses import dataclass

import numpy as np

from .cells import MAX_CELL_CHARS, MAX_FILE_BYTES, choose_separator, normalise_header, plain_ascii
from .encodings import has_mojibake
from .threads import in_threads, reading_threads

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

    threads = reading_threads() if len(body) >= 2 * PIECE_BYTES else 1   # (a small file: threads cost more)
    columns = _arrow_columns(body, separator, header, threads)
    if columns is None or columns[0].length() == 0:
        return None
    uniques, codes = [], []
    for encoded in in_threads(_encoded, columns, threads):
        if encoded is None:
            return None
        uniques.append(encoded[0].to_pylist())
        codes.append(encoded[1])
    joined = "\t".join("\t".join(values) for values in uniques)
    longest = max(len(max(values, key=len)) for values in uniques)
    if longest > MAX_CELL_CHARS or _CAREFUL.search(joined) or (not joined.isascii() and has_mojibake(joined)):
        return None
    cols = Columns(file, header, separator, uniques, codes)
    return None if _has_blank_row(cols) else cols


#: A file at least twice this long is cut into pieces that several threads split at once (tpkit.threads).
PIECE_BYTES = 1 << 20


def _arrow_columns(body: bytes, separator: str, header: list[str], threads: int = 1) -> list | None:
    """The file's columns split by pyarrow, each one array of bytes (None: pyarrow cannot, e.g. a row of
    another width, or its quotes are not where Python's CSV reading has them, :func:`_quotes_well_formed`);
    :func:`_encoded` checks the distinct texts to be UTF-8. With several ``threads`` the file is cut at line
    ends into pieces split at once (:func:`pieces`).
    """
    import pyarrow as pa
    import pyarrow.csv as pcsv

    parse = pcsv.ParseOptions(delimiter=separator, quote_char='"', double_quote=True, escape_char=False,
                              newlines_in_values=True, ignore_empty_lines=False)
    convert = pcsv.ConvertOptions(column_types={name: pa.binary() for name in header}, strings_can_be_null=False,
                                  quoted_strings_can_be_null=False, null_values=[], check_utf8=False)

    quoted = b'"' in body

    def split(piece: tuple[int, memoryview]):
        first, data = piece
        if quoted and not _quotes_well_formed(data, separator):   # (each piece starts a line, outside quotes)
            return None
        # one block per piece: few chunks per column, which dictionary-encode at half the cost of many
        options = pcsv.ReadOptions(use_threads=False, block_size=max(len(data) + 1, 1 << 20),
                                   column_names=None if first == 0 else header)
        try:
            return pcsv.read_csv(pa.BufferReader(pa.py_buffer(data)), read_options=options,
                                 parse_options=parse, convert_options=convert)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return None

    tables = in_threads(split, pieces(body, threads), threads)
    if any(t is None for t in tables) or tables[0].column_names != header:
        return None
    return [pa.chunked_array([chunk for t in tables for chunk in t.column(j).chunks]) for j in range(len(header))]


def _encoded(column) -> tuple[object, np.ndarray] | None:
    """A column's distinct texts (an arrow array of UTF-8 text) and each row's number among them; None if a
    text is not UTF-8 (each distinct text is checked once: pyarrow's check would look at every cell), or if
    pyarrow's chunks were encoded against dictionaries that are not one (it gives every chunk the whole one).

    >>> import pyarrow as pa
    >>> texts, numbers = _encoded(pa.chunked_array([[b"x", b"y"], [b"y", b"z"]]))
    >>> texts.to_pylist(), numbers.tolist()
    (['x', 'y', 'z'], [0, 1, 1, 2])
    >>> _encoded(pa.chunked_array([[b"K\\xe4nale"]])) is None
    True
    """
    import pyarrow as pa

    encoded = column.dictionary_encode()
    dictionary = encoded.chunk(encoded.num_chunks - 1).dictionary
    for chunk in encoded.chunks[:-1]:
        if not dictionary.slice(0, len(chunk.dictionary)).equals(chunk.dictionary):
            return None
    try:
        texts = dictionary.cast(pa.string())
    except pa.ArrowInvalid:
        return None
    if encoded.num_chunks == 1:
        return texts, encoded.chunk(0).indices.to_numpy()
    return texts, np.concatenate([chunk.indices.to_numpy() for chunk in encoded.chunks])


def pieces(body: bytes, n: int) -> list[tuple[int, memoryview]]:
    """``body`` cut at line ends into at most ``n`` pieces of about equal length, each with its start. No cut
    is made inside a quoted cell (after an odd number of quotes: no more cuts then, as such a file is read row
    by row) nor before a line that starts with a byte order mark (pyarrow would drop it).

    >>> [(start, bytes(piece)) for start, piece in pieces(b"a,b\\n1,2\\n3,4\\n5,6\\n", 2)]
    [(0, b'a,b\\n1,2\\n3,4\\n'), (12, b'5,6\\n')]
    >>> [bytes(piece) for _, piece in pieces(b'a,b\\n"1\\n2",2\\n3,4\\n', 2)]     # not inside the quoted cell
    [b'a,b\\n"1\\n2",2\\n', b'3,4\\n']
    >>> [bytes(piece) for _, piece in pieces(b'a,b\\n1,2\\n\\xef\\xbb\\xbf3,4\\n5,6\\n', 2)]     # not before a BOM
    [b'a,b\\n1,2\\n\\xef\\xbb\\xbf3,4\\n', b'5,6\\n']
    """
    view = memoryview(body)
    starts = [0]
    for k in range(1, n):
        end = body.find(b"\n", max(starts[-1], len(body) * k // n))
        while end >= 0 and body.startswith(b"\xef\xbb\xbf", end + 1):   # (pyarrow drops a BOM a piece starts with)
            end = body.find(b"\n", end + 1)
        if end < 0 or end + 1 >= len(body) or body.count(b'"', starts[-1], end) % 2:
            break     # (an odd number of quotes: a line break inside a quoted cell, read row by row anyway)
        starts.append(end + 1)
    bounds = starts + [len(body)]
    return [(a, view[a:b]) for a, b in zip(bounds, bounds[1:])]


def _has_blank_row(cols: Columns) -> bool:
    """Whether a row has only blank cells (the row-by-row reading skips it but keeps its row number)."""
    blank_rows = np.ones(cols.n_rows, dtype=bool)
    # (the columns with the fewest distinct texts first: one without a blank text answers it, most cheaply so)
    for values, codes in sorted(zip(cols.uniques, cols.codes), key=lambda column: len(column[0])):
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


def _quotes_well_formed(body: bytes | memoryview, separator: str) -> bool:
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
    raw = np.frombuffer(body, dtype=np.uint8)     # (bytes or a piece of them)
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

"""Workbooks written the way other programs write them (tests and benchmarks use these).

.NET's OpenXML SDK (and tools built on it) writes every element of a sheet with a namespace prefix (``<x:c>``)
and may leave out each cell's reference (a cell then follows the one before it).
"""

from __future__ import annotations

import io
import re
import zipfile


def openxml_sdk_form(data: bytes, *, prefix: bool = True, references: bool = True, row_numbers: bool = True) -> bytes:
    """An .xlsx workbook's bytes with its sheets rewritten: elements prefixed ``x:`` and/or without the reference
    of each cell that follows the one before it (or is a row's first cell in column A), so the cells keep their
    places; without ``row_numbers`` each row that follows the one before loses its number too.

    >>> import openpyxl
    >>> wb = openpyxl.Workbook(); wb.active.append(["a", 1])
    >>> buffer = io.BytesIO(); wb.save(buffer)
    >>> sheet = zipfile.ZipFile(io.BytesIO(openxml_sdk_form(buffer.getvalue(), references=False))).read(
    ...     "xl/worksheets/sheet1.xml")
    >>> b'<x:row r="1"' in sheet, b' r="A1"' in sheet
    (True, False)
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            xml = source.read(member)
            if member.filename.startswith("xl/worksheets/sheet"):
                if not (references and row_numbers):
                    xml = _without_following(xml, cells=not references, rows=not row_numbers)
                if prefix:
                    xml = re.sub(rb"<(/?)(?![?!])(\w+)(?=[\s/>])", rb"<\1x:\2", xml)
                    xml = xml.replace(b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                                      b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
            target.writestr(member, xml)
    return out.getvalue()


def _without_following(xml: bytes, *, cells: bool, rows: bool) -> bytes:
    """The sheet's XML without the reference of every cell that sits right after the cell before it (``cells``)
    and the number of every row that follows the row before it (``rows``).

    >>> _without_following(b'<row r="1"><c r="A1"/><c r="B1"/><c r="D1"/><c r="E1"/></row><row r="2"><c r="B2"/></row>'
    ...                    b'<row r="5"/>', cells=True, rows=True)
    b'<row><c/><c/><c r="D1"/><c/></row><row><c r="B2"/></row><row r="5"/>'
    """
    next_column, row_before = 0, 0

    def rewrite(tag: re.Match) -> bytes:
        nonlocal next_column, row_before
        found = re.search(rb'\sr="([A-Z]*)(\d+)"', tag.group(0))
        if tag.group(1) == b"row":
            next_column = 0
            if found is None:
                row_before += 1
                return tag.group(0)
            follows, row_before = int(found.group(2)) == row_before + 1, int(found.group(2))
            return tag.group(0).replace(found.group(0), b"") if rows and follows else tag.group(0)
        if found is None:
            next_column += 1
            return tag.group(0)
        column = 0
        for letter in found.group(1):
            column = column * 26 + letter - 64
        follows, next_column = column - 1 == next_column, column
        return tag.group(0).replace(found.group(0), b"") if cells and follows else tag.group(0)

    return re.sub(rb"<(row|c)(?=[\s>/])[^>]*>", rewrite, xml)

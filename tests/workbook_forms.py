"""Workbooks written the way other programs write them (tests and benchmarks use these).

.NET's OpenXML SDK (and tools built on it) writes every element of a sheet with a namespace prefix (``<x:c>``)
and may leave out each cell's reference (a cell then follows the one before it).
"""

from __future__ import annotations

import io
import re
import zipfile


def openxml_sdk_form(data: bytes, *, prefix: bool = True, references: bool = True) -> bytes:
    """An .xlsx workbook's bytes with its sheets rewritten: elements prefixed ``x:`` and/or without the reference
    of each cell that follows the one before it (or is a row's first cell in column A), so the cells keep their
    places.

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
                if not references:
                    xml = _without_references(xml)
                if prefix:
                    xml = re.sub(rb"<(/?)(?![?!])(\w+)(?=[\s/>])", rb"<\1x:\2", xml)
                    xml = xml.replace(b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                                      b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
            target.writestr(member, xml)
    return out.getvalue()


def _without_references(xml: bytes) -> bytes:
    """The sheet's XML without the reference of every cell that sits right after the cell before it.

    >>> _without_references(b'<row r="1"><c r="A1"/><c r="B1"/><c r="D1"/><c r="E1"/></row><row r="2"><c r="B2"/></row>')
    b'<row r="1"><c/><c/><c r="D1"/><c/></row><row r="2"><c r="B2"/></row>'
    """
    next_column = 0

    def rewrite(tag: re.Match) -> bytes:
        nonlocal next_column
        if tag.group(1) == b"row":
            next_column = 0
            return tag.group(0)
        ref = re.search(rb'\sr="([A-Z]+)\d+"', tag.group(0))
        if ref is None:
            next_column += 1
            return tag.group(0)
        column = 0
        for letter in ref.group(1):
            column = column * 26 + letter - 64
        follows, next_column = column - 1 == next_column, column
        return tag.group(0).replace(ref.group(0), b"") if follows else tag.group(0)

    return re.sub(rb"<(row|c)(?=[\s>/])[^>]*>", rewrite, xml)

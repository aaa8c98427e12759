"""Numbers as analysts type them, read cell by cell: exactly, or refused with the reason.

A cell is read twice, once with the point as decimal mark (``1,234.5``) and once with the comma
(``1.234,5``). Grouping marks must group by three (``1,234,567``; also spaces, ``48 000``), so most
cells are valid under one reading only, or mean the same under both (``1234``): those are read at once.
A cell such as ``48,000`` or ``48.000`` means 48 under one reading and 48,000 under the other; it takes
the decimal mark the file shows in its unambiguous cells (``3,5`` or ``2.75``), or, when the file shows
none, the one its separator implies (a semicolon file comes from a spreadsheet that writes decimal
commas). When the file shows both marks, an ambiguous cell is refused: guessing would put a wrong
number into a budget without a word.

Example
-------
>>> read_number("1.234,5", decimal=None), read_number("−2", decimal=None), read_number("+1.5", decimal=None)
(1234.5, -2.0, 1.5)
>>> read_number("48.000", decimal=","), read_number("48.000", decimal=".")
(48000.0, 48.0)
>>> read_number("48.000", decimal=None)
Ambiguous(text='48.000', point=48.0, comma=48000.0)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Characters that only group digits or pad a cell (no-break and narrow no-break space, apostrophe as
#: Swiss spreadsheets write it, thin space).
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")
#: Minus and plus signs as word processors and the README's own tables print them.
_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\uff0b": "+"})
_PLAIN = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", flags=re.ASCII)   # ASCII digits only


@dataclass(frozen=True)
class Ambiguous:
    """A cell that means ``point`` with a decimal point and ``comma`` with a decimal comma."""

    text: str
    point: float
    comma: float


def _under(text: str, decimal: str) -> float | None:
    """The cell's value with ``decimal`` as decimal mark (the other mark may only group by three)."""
    group = "," if decimal == "." else "."
    sign = ""
    if text[:1] in "+-":
        sign, text = text[0], text[1:]
    mantissa, exponent = text, ""
    match = re.fullmatch(r"(.*?)([eE][-+]?\d+)", text, flags=re.ASCII)
    if match:
        mantissa, exponent = match.groups()
    whole, _, fraction = mantissa.partition(decimal)
    if decimal in fraction or group in fraction:
        return None
    if group in whole:
        if not re.fullmatch(r"[1-9]\d{0,2}(" + re.escape(group) + r"\d{3})+", whole, flags=re.ASCII):
            return None
        whole = whole.replace(group, "")
    plain = f"{sign}{whole}{'.' if decimal in mantissa else ''}{fraction}{exponent}"
    if not _PLAIN.fullmatch(plain):
        return None
    value = float(plain)
    if value == 0 and re.search(r"[1-9]", whole + fraction):   # 1e-400: too small for a float, not zero
        return None
    return value


def readings(text: str) -> tuple[float | None, float | None]:
    """The cell's value with a decimal point and with a decimal comma (None where it is not a number).

    >>> readings("3,5"), readings("1,234,567"), readings("48,000"), readings("12 €")
    ((None, 3.5), (1234567.0, None), (48000.0, 48.0), (None, None))
    """
    s = text.strip().translate(_SIGNS)
    if re.search(r"\d[ \u00a0\u202f\u2009']\d", s, flags=re.ASCII) and not re.fullmatch(
            r"[-+]?\d{1,3}([ \u00a0\u202f\u2009']\d{3})+([.,]\d+)?", s, flags=re.ASCII):
        return None, None                               # spaces inside a number group by three, or it is none
    s = s.translate(_SPACES)
    if not s or not re.fullmatch(r"[-+]?[\d.,]*\d[\d.,]*([eE][-+]?\d+)?|[-+]?[.,]\d+([eE][-+]?\d+)?", s,
                                 flags=re.ASCII):
        return None, None
    return _under(s, "."), _under(s, ",")


def read_number(text: str, *, decimal: str | None) -> float | Ambiguous | None:
    """The number in ``text``: a float, :class:`Ambiguous` when only the decimal mark could decide and
    ``decimal`` (``"."``, ``","`` or None for unknown) does not, or None when it is not a number.

    >>> read_number("1 234", decimal=None), read_number("0,5", decimal="."), read_number("n/a", decimal=",")
    (1234.0, 0.5, None)
    >>> read_number("1e-400", decimal="."), read_number("0e5", decimal=".")    # not silently 0
    (None, 0.0)
    """
    point, comma = readings(text)
    if point is None or comma is None or point == comma:
        return point if comma is None else comma
    if decimal == ".":
        return point
    if decimal == ",":
        return comma
    return Ambiguous(text.strip(), point, comma)


def decimal_mark(cells: Iterable[str], *, separator: str | None = None) -> str | None:
    """The decimal mark a file's number cells show: ``","`` or ``"."`` from the cells that can be read only
    one way; from the separator when none can (``;`` → comma, ``,`` → point); None when they show both.

    >>> decimal_mark(["3,5", "48.000"]), decimal_mark(["1,234,567", "48,000"]), decimal_mark(["48.000"], separator=";")
    (',', '.', ',')
    >>> decimal_mark(["3,5", "2.75"]) is None
    True
    """
    seen: set[str] = set()
    for text in cells:
        if "," not in text and "." not in text:
            continue
        point, comma = readings(text)
        if point is not None and comma is None:
            seen.add(".")
        elif comma is not None and point is None:
            seen.add(",")
        if len(seen) == 2:
            return None
    if seen:
        return seen.pop()
    return {";": ",", ",": "."}.get(separator or "")

"""Numbers typed or exported in German and English settings are read exactly, or refused — never different."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tpkit.numbers import Ambiguous, decimal_mark, read_number, readings


def written(value: Decimal, *, decimals: int, mark: str, grouping: str | None) -> str:
    """``value`` as a spreadsheet set to ``mark`` as decimal mark writes it, grouped by ``grouping`` or not."""
    text = f"{value:,.{decimals}f}" if grouping else f"{value:.{decimals}f}"
    if grouping:
        text = text.replace(",", "\0")
    text = text.replace(".", mark)
    return text.replace("\0", grouping) if grouping else text


numbers = st.builds(lambda units, decimals: (Decimal(units).scaleb(-decimals), decimals),
                    st.integers(-10**12, 10**12), st.integers(0, 4))
locales = st.sampled_from([(".", ","), (".", None), (",", "."), (",", None), (",", " "), (".", "\u202f"),
                           (".", " "), (",", "'")])


@settings(max_examples=400, deadline=None)
@given(number=numbers, locale=locales)
def test_with_the_file_decimal_mark_every_number_reads_back_exactly(number, locale):
    value, decimals = number
    mark, grouping = locale
    text = written(value, decimals=decimals, mark=mark, grouping=grouping)
    assert read_number(text, decimal=mark) == float(value)


@settings(max_examples=400, deadline=None)
@given(number=numbers, locale=locales)
def test_without_a_known_decimal_mark_a_number_is_exact_or_refused_never_different(number, locale):
    value, decimals = number
    mark, grouping = locale
    text = written(value, decimals=decimals, mark=mark, grouping=grouping)
    read = read_number(text, decimal=None)
    if isinstance(read, Ambiguous):
        assert float(value) in (read.point, read.comma) and read.point != read.comma
    else:
        assert read == float(value)


@settings(max_examples=200, deadline=None)
@given(column=st.lists(st.tuples(numbers, st.booleans()), min_size=1, max_size=30),
       mark=st.sampled_from([".", ","]))
def test_a_file_never_shows_the_wrong_decimal_mark(column, mark):
    cells = [written(v, decimals=d, mark=mark, grouping=("," if mark == "." else ".") if g else None)
             for (v, d), g in column]
    assert decimal_mark(cells) in (mark, None)
    found = decimal_mark(cells) or mark
    assert [read_number(c, decimal=found) for c in cells] == [float(v) for (v, _), _ in column]


@pytest.mark.parametrize("text,point,comma", [
    ("48,000", 48000.0, 48.0), ("48.000", 48.0, 48000.0), ("3,5", None, 3.5), ("2.75", 2.75, None),
    ("1,234,567", 1234567.0, None), ("1.234.567,89", None, 1234567.89), ("−2", -2.0, -2.0), ("+1.5", 1.5, None),
    ("1,19E-07", None, 1.19e-07), ("48 000", 48000.0, 48000.0), ("0,500", None, 0.5), ("12 €", None, None),
    ("8 - Likely", None, None), ("31.03.2026", None, None), ("1,23,456", None, None), ("1 2", None, None),
    ("-", None, None), (".5", 0.5, None), ("1'234", 1234.0, 1234.0),
])
def test_readings_of_cells_analysts_type(text, point, comma):
    assert readings(text) == (point, comma)


def test_the_separator_decides_only_when_no_cell_can():
    assert decimal_mark(["48.000", "12"], separator=";") == ","
    assert decimal_mark(["48.000", "12"], separator=",") == "."
    assert decimal_mark(["48.000", "2.5"], separator=";") == "."     # the cells outrank the separator
    assert decimal_mark(["48.000"], separator="\t") is None

"""Money and counts written the way Excel writes them in German and English settings — as CSV, or typed
into a workbook as numbers or as text, with and without thousands separators — read back equal or
refused as ambiguous, never different."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import openpyxl
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import TINY
from tpkit import ProjectError, load_upload

SETTINGS = {"de": (";", ",", "."), "en": (",", ".", ",")}   # separator, decimal mark, thousands separator


def written(value: Decimal, *, decimals: int, lang: str, grouped: bool) -> str:
    _, mark, group = SETTINGS[lang]
    text = f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"
    return text.replace(",", "\0").replace(".", mark).replace("\0", group if grouped else "")


cells = st.tuples(st.integers(0, 10**9), st.integers(0, 10**9), st.integers(0, 2), st.booleans(), st.booleans(),
                  st.booleans())


def table(rows, lang: str) -> tuple[list[str], list[list[object]], list[tuple[float, int]]]:
    lines = TINY["touchpoints.csv"].splitlines()
    header = next(csv.reader([lines[0]]))
    body = [next(csv.reader([line])) for line in lines[1:]]
    out, expected = [], []
    for base, (cost_units, contacts, decimals, grouped_cost, grouped_contacts, typed) in zip(body, rows):
        cost = Decimal(cost_units).scaleb(-decimals)
        record: list[object] = list(base)
        record[8] = float(cost) if typed else written(cost, decimals=decimals, lang=lang, grouped=grouped_cost)
        record[9] = contacts if typed else written(Decimal(contacts), decimals=0, lang=lang, grouped=grouped_contacts)
        out.append(record)
        expected.append((float(cost), contacts))
    return header, out, expected


def as_csv(header, rows, lang: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SETTINGS[lang][0], lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[str(c) for c in r] for r in rows])
    files = {**TINY, "touchpoints.csv": buffer.getvalue()}
    archive = io.BytesIO()
    import zipfile
    with zipfile.ZipFile(archive, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return archive.getvalue()


def as_xlsx(header, rows) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, content in TINY.items():
        ws = wb.create_sheet(name.removesuffix(".csv"))
        if name == "touchpoints.csv":
            ws.append(header)
            for r in rows:
                ws.append(r)
            continue
        for record in csv.reader(io.StringIO(content)):
            ws.append([int(v) if v.isdigit() else v for v in record])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(cells, min_size=6, max_size=6), lang=st.sampled_from(["de", "en"]),
       container=st.sampled_from(["csv", "xlsx"]))
def test_numbers_read_back_equal_or_refused_as_ambiguous(rows, lang, container):
    if container == "csv":   # a CSV file holds only text
        rows = [r[:5] + (False,) for r in rows]
    header, records, expected = table(rows, lang)
    data = as_csv(header, records, lang) if container == "csv" else as_xlsx(header, records)
    try:
        touchpoints = load_upload(f"p.{'zip' if container == 'csv' else 'xlsx'}", data).touchpoints
    except ProjectError as err:
        assert {p.code for p in err.problems} == {"ambiguous_number"}, err.report("en")
        event("refused as ambiguous")
        return
    event("read")
    assert list(zip(touchpoints["annual_cost"].astype(float), touchpoints["annual_contacts"].astype(int))) == expected

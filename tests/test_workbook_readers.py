"""The two workbook readers give the same cells: calamine (fast; workbooks without formulas and error cells)
and openpyxl (every other workbook), on random sheets written the way Excel stores them."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tpkit.cells import read_workbook
from workbook_forms import openxml_sdk_form

CELL = st.one_of(
    st.none(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["48.000", "1,5", "007", "−2", "+1.5", "TRUE", "#N/A ", "Kanäle", "01.02.2027"]),
    st.integers(-10**12, 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    st.dates(dt.date(1901, 1, 1), dt.date(2099, 12, 31)),
    st.datetimes(dt.datetime(1901, 1, 1), dt.datetime(2099, 12, 31)).map(lambda d: d.replace(microsecond=0)),
    st.sampled_from(["=1+1", "=A1&\"x\"", "=SUM(A1:A3)"]),          # formulas openpyxl stores without a value
    st.sampled_from(["#N/A", "#DIV/0!", "#VALUE!"]).map(lambda e: ("error", e)),   # error cells
)


def _workbook(sheets: dict[str, list[list[object]]], merged: str | None = None) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, tuple):            # an error cell
                    ws.cell(row=r, column=c, value=value[1]).data_type = "e"
                elif value is not None:
                    ws.cell(row=r, column=c, value=value)
        if merged:
            ws.merge_cells(merged)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _both(data: bytes):
    import zipfile

    from tpkit import cells

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        special = cells.special_by_title(archive)
    fast = cells.calamine_sheets(io.BytesIO(data), special) if special is not None else None
    slow = cells.openpyxl_sheets("w.xlsx", io.BytesIO(data))
    return fast, slow


def _texts(sheets):
    """Each sheet's non-empty rows by their number, each without its empty cells at the end (as
    :func:`read_workbook` uses them), and whether each cell holds a number."""
    from tpkit.cells import excel_cell_text

    def shown(row):
        cells = [(excel_cell_text(v), type(v) in (int, float)) for v in row]
        while cells and cells[-1][0] == "":
            cells.pop()
        return cells

    return [(title, [(r, shown(row)) for r, row in enumerate(rows, start=1) if shown(row)], formulas, errors, merged)
            for title, rows, formulas, errors, merged in sheets]


#: How a sheet's XML is written: as openpyxl and Excel do, or as .NET's OpenXML SDK may (prefixed, no references).
FORMS = st.sampled_from([{}, {"prefix": True}, {"prefix": False, "references": False},
                         {"prefix": True, "references": False}, {"prefix": True, "references": False, "row_numbers": False}])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(CELL, min_size=1, max_size=5), min_size=1, max_size=8), st.integers(0, 3), FORMS)
@example(rows=[[-0.0, 0.0, -0.5]], blank_rows=0, form={})   # (openpyxl reads the stored "-0" as 0, as Excel shows it)
@example(rows=[["a", None, "=1+1"], [("error", "#REF!"), "=A1&\"x\""]], blank_rows=1,
         form={"prefix": True, "references": False})
@example(rows=[["a", 1.5], [None, "=1+1", ("error", "#N/A")]], blank_rows=2,
         form={"prefix": True, "references": False, "row_numbers": False})
def test_calamine_and_openpyxl_read_the_same_cells(rows, blank_rows, form):
    data = _workbook({"ratings": [[None]] * blank_rows + rows})
    if form:
        data = openxml_sdk_form(data, **form)
    fast, slow = _both(data)
    assert fast is not None, "calamine reads every form (openpyxl only when it cannot)"
    assert _texts(fast) == _texts(slow)


def test_merged_ranges_and_sheet_names_agree():
    data = _workbook({"segments": [["segment_id", "name"], ["a", "A"], ["b", "B"]], "Ratings ": [["x"]]},
                     merged="A2:B3")
    fast, slow = _both(data)
    assert [(t, m) for t, _, _, _, m in fast] == [(t, m) for t, _, _, _, m in slow] == \
        [("segments", [(2, 0, 3, 1)]), ("Ratings ", [(2, 0, 3, 1)])]


@pytest.mark.parametrize("form", ["openpyxl", "attributes on lines of their own", "OpenXML SDK"])
def test_a_formula_without_a_value_and_an_error_cell_are_read_from_the_sheet(form):
    """calamine shows a formula's stored value only and an error cell as empty: both come from the XML, however
    the XML is laid out."""
    import zipfile

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "segments"
    ws.append(["segment_id", "name", "customers"])
    ws.append(["a", "A", "=1+1"])
    ws.append(["b", "B", "#N/A"])
    ws["C3"].data_type = "e"
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    if form == "OpenXML SDK":
        data = openxml_sdk_form(data, references=False)
    elif form != "openpyxl":
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
            for member in zin.infolist():
                zout.writestr(member, zin.read(member).replace(b' t="', b'\n  t="').replace(b' r="', b'\n  r="'))
        data = out.getvalue()
    from tpkit import cells

    with zipfile.ZipFile(io.BytesIO(data)) as archive:      # (read by calamine, not by openpyxl: 10 times faster)
        assert cells.special_by_title(archive) == {"segments": ({(2, 2): "=1+1"}, {(3, 2): "#N/A"})}
    tables, problems = read_workbook("w.xlsx", data)
    raw = tables["segments"]
    assert raw.formula_cells == {(2, 2): "=1+1"}            # no stored value: named as a problem later
    assert raw.error_cells == {(3, 2): "#N/A"} and raw.rows[1][2] == ""     # an error is no value: named too


def test_a_wrong_size_stated_by_the_sheet_loses_no_row(tmp_path):
    """Another program may write a sheet's <dimension> too small; every row is read all the same."""
    import zipfile

    data = _workbook({"ratings": [["respondent_id", "touchpoint_id", "performance"]] +
                      [[f"r{i}", "web", 1 + i % 5] for i in range(50)]})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for member in zin.infolist():
            content = zin.read(member)
            if member.filename.startswith("xl/worksheets/"):
                content = content.replace(b"<sheetViews>", b'<dimension ref="A1:B5"/><sheetViews>', 1)
            zout.writestr(member, content)
    tables, _ = read_workbook("w.xlsx", out.getvalue())
    assert len(tables["ratings"].rows) == 50 and tables["ratings"].rows[-1] == ["r49", "web", "5"]
    from tpkit import cells

    slow = cells.openpyxl_sheets("w.xlsx", io.BytesIO(out.getvalue()))
    assert len(slow[0][1]) == 51


def test_a_formula_with_its_stored_value_and_one_without():
    """A sheet saved by Excel keeps each formula's value: it is read; one never calculated is named."""
    import zipfile

    data = _workbook({"segments": [["segment_id", "name", "customers"], ["a", "A", "=1+1"], ["b", "B", "=2+2"]]})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for member in zin.infolist():
            content = zin.read(member)
            if member.filename.startswith("xl/worksheets/"):    # as Excel saves it: the value beside the formula
                content = content.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>")
            zout.writestr(member, content)
    tables, _ = read_workbook("w.xlsx", out.getvalue())
    raw = tables["segments"]
    assert raw.rows[0][2] == "2" and raw.formula_cells == {(3, 2): "=2+2"}


def test_an_error_cell_is_refused_in_a_text_column_and_an_empty_text_result_is_a_value(tmp_path):
    """#REF! as a touchpoint's name is no name; a formula whose stored result is the empty text is empty."""
    import zipfile

    from tpkit import ProjectError, load_project, save_project
    from tpkit.datasets import load_sample

    path = tmp_path / "h.xlsx"
    save_project(load_sample("hotel"), path)
    wb = openpyxl.load_workbook(path)
    wb["touchpoints"]["B2"] = "#REF!"
    wb["touchpoints"]["B2"].data_type = "e"
    wb["ratings"]["F2"] = '=IF(C2>3,"","negativ")'
    wb.save(path)
    out = tmp_path / "excel.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w") as zout:
        for member in zin.infolist():     # as Excel stores an empty text result: t="str" and an empty value
            content = zin.read(member).replace(b'<c r="F2"><f>', b'<c r="F2" t="str"><f>')
            zout.writestr(member, content)
    with pytest.raises(ProjectError) as caught:
        load_project(out)
    assert [(p.row, p.column, p.code, p.params.get("value")) for p in caught.value.problems] == \
        [(2, "name", "excel_error", "#REF!")]


def test_a_shared_formula_never_calculated_is_named_as_it_reads_in_each_cell():
    """Excel stores a formula filled down once (a shared formula): each cell is named by its own formula, moved
    as Excel moves it, by both readers."""
    import zipfile

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "touchpoints"
    ws.append(["touchpoint_id", "annual_contacts", "annual_cost"])
    for row in range(2, 5):
        ws.append([f"t{row}", row * 100, f"=B{row}*2+$B$2"])
    buffer = io.BytesIO()
    wb.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as zin, zipfile.ZipFile(out, "w") as zout:
        for member in zin.infolist():
            xml = zin.read(member)
            if member.filename.startswith("xl/worksheets/"):
                xml = xml.replace(b"<f>B2*2+$B$2</f>", b'<f t="shared" ref="C2:C4" si="0">B2*2+$B$2</f>')
                xml = xml.replace(b"<f>B3*2+$B$2</f>", b'<f t="shared" si="0"/>').replace(
                    b"<f>B4*2+$B$2</f>", b'<f t="shared" si="0"/>')
            zout.writestr(member, xml)
    fast, slow = _both(out.getvalue())
    expected = {(2, 2): "=B2*2+$B$2", (3, 2): "=B3*2+$B$2", (4, 2): "=B4*2+$B$2"}
    assert fast[0][2] == slow[0][2] == expected


def _sheet_written(body: str, root: str) -> bytes:
    """A one-sheet workbook (openpyxl's, sheet "ratings") whose sheet XML is ``root`` (``{body}`` in it) around
    the rows ``body``: a sheet as some other program writes it."""
    import re
    import zipfile

    wb = openpyxl.Workbook()
    wb.active.title = "ratings"
    buffer, out = io.BytesIO(), io.BytesIO()
    wb.save(buffer)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    with zipfile.ZipFile(buffer) as zin, zipfile.ZipFile(out, "w") as zout:
        for member in zin.infolist():
            xml = zin.read(member)
            if member.filename.startswith("xl/worksheets/"):
                xml = root.format(main=main, body=body).encode()
            zout.writestr(member, re.sub(rb"<dimension [^>]*/>", b"", xml))
    return out.getvalue()


@pytest.mark.parametrize("root, body, formulas, errors", [
    # SpreadsheetML's namespace bound twice: the cells' prefix is not the sheet's (read by openpyxl)
    ('<x:worksheet xmlns:x="{main}" xmlns="{main}"><x:sheetData>{body}</x:sheetData></x:worksheet>',
     '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c><c r="B2"><f>A2*2</f></c></row>',
     {(2, 1): "=A2*2"}, {}),
    # attributes in single quotes (read by openpyxl): the formula stays in E2, the error in F2
    ('<worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>',
     "<row r='1'><c r='A1'><v>1</v></c></row><row r='2'><c r='A2'><v>1</v></c><c r='C2'><v>5</v></c>"
     "<c r='E2'><f>A2*2</f></c><c r='F2' t='e'><v>#N/A</v></c></row>", {(2, 4): "=A2*2"}, {(2, 5): "#N/A"}),
    # .NET's OpenXML SDK: no references, a shared formula never calculated, its other cell written <f></f>
    ('<x:worksheet xmlns:x="{main}"><x:sheetData>{body}</x:sheetData></x:worksheet>',
     '<x:row><x:c><x:v>1</x:v></x:c></x:row><x:row><x:c><x:v>2</x:v></x:c><x:c><x:f t="shared" ref="B2:B3" si="0">'
     'A2*2</x:f></x:c></x:row><x:row><x:c><x:v>3</x:v></x:c><x:c><x:f t="shared" si="0"></x:f></x:c><x:c t="e">'
     "<x:v>#REF!</x:v></x:c></x:row>", {(2, 1): "=A2*2", (3, 1): "=A3*2"}, {(3, 2): "#REF!"}),
    # a formula whose result is stored as an inline text: a value, not a formula never calculated
    ('<worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>',
     '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><f>"x"&amp;"y"</f><is><t>xy</t>'
     '</is></c><c r="B2"><f>1+1</f></c></row>', {(2, 1): "=1+1"}, {}),
    # references in lower case; a comment holding a cell that is not there (read by openpyxl)
    ('<worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>',
     '<row r="1"><c r="a1"><v>1</v></c></row><row r="2"><c r="a2"><v>1</v></c><c r="d2"><f>A2*2</f></c></row>'
     '<row r="3"><c r="a3"><v>1</v></c><c r="c3" t="e"><v>#N/A</v></c></row>', {(2, 3): "=A2*2"}, {(3, 2): "#N/A"}),
    ('<worksheet xmlns="{main}"><sheetData>{body}</sheetData></worksheet>',
     '<row r="1"><c r="A1"><v>1</v></c></row><!-- <row r="2"><c r="B2"><f>A2*2</f></c></row> -->', {}, {}),
])
def test_sheets_written_otherwise_name_their_formulas_and_errors_at_their_cells(root, body, formulas, errors):
    tables, problems = read_workbook("w.xlsx", _sheet_written(body, root))
    assert problems == [] and tables["ratings"].formula_cells == formulas and tables["ratings"].error_cells == errors

"""A corpus of malformed project inputs as analysts really produce them.

Each :class:`Case` starts from the tiny valid project of ``conftest.TINY``, breaks it in one
way (or several, for the "everything at once" cases) and names the problems the loader must
report: file, sheet row, column and problem code. ``make(case, folder)`` writes the input and
returns the path to load; ``python tests/bad_inputs.py OUT`` writes the whole corpus for a look.
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).parent))
from conftest import TINY  # noqa: E402
from workbook_forms import openxml_sdk_form  # noqa: E402

#: (file contains, row or None, column or None, code)
Expected = tuple[str, int | None, str | None, str]


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    expected: tuple[Expected, ...]
    edits: dict[str, str | bytes] = field(default_factory=dict)   # file → new content
    build: Callable[[Path], Path] | None = None                   # writes a non-folder input, returns its path
    container: str = "folder"                                     # folder, zip or xlsx (from the edited files)


def edit(file: str, old: str, new: str) -> dict[str, str]:
    """TINY's ``file`` with ``old`` replaced by ``new`` (which must occur)."""
    text = TINY[file]
    assert old in text, (file, old)
    return {file: text.replace(old, new, 1)}


def _zip_bytes(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _workbook(files: dict[str, str | bytes], tweak: Callable | None = None) -> bytes:
    """An .xlsx with a sheet per CSV table (cells typed as the analyst would type them)."""
    import csv

    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, content in files.items():
        ws = wb.create_sheet(name.removesuffix(".csv"))
        text = content if isinstance(content, str) else content.decode()
        for row in csv.reader(io.StringIO(text)):
            ws.append([_typed(v) for v in row])
    if tweak:
        tweak(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _typed(value: str):
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        return value or None


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _xlsx(name: str, tweak: Callable | None = None, files: dict | None = None) -> Callable[[Path], Path]:
    return lambda folder: _write(folder / f"{name}.xlsx", _workbook(files or TINY, tweak))


def _set(sheet: str, ref: str, value) -> Callable:
    def tweak(wb):
        wb[sheet][ref] = value
    return tweak


def _both_set(first: Callable, second: Callable) -> Callable:
    def tweak(wb):
        first(wb)
        second(wb)
    return tweak


def _stale_copy(sheet: str, title: str) -> Callable:
    def tweak(wb):
        wb.copy_worksheet(wb[sheet]).title = title
    return tweak


def _title_row(sheet: str) -> Callable:
    def tweak(wb):
        wb[sheet].insert_rows(1, 2)
        wb[sheet]["A1"] = "Touchpoint-Inventar 2026"
    return tweak


def _replaced(folder: Path, name: str, make_it: Callable[[Path], None]) -> Path:
    """TINY in ``folder/p`` with the file ``name`` replaced by what ``make_it`` puts at its path."""
    target = folder / "p"
    for file, content in TINY.items():
        if file != name:
            _write(target / file, content.encode("utf-8"))
    make_it(target / name)
    return target


def _two_spellings(folder: Path) -> Path:
    target = _replaced(folder, "ratings.csv", lambda path: _write(path, TINY["ratings.csv"].encode("utf-8")))
    _write(target / "Ratings.csv", TINY["ratings.csv"].replace("r3,portal,3", "r3,portal,1").encode("utf-8"))
    return target


def _merge(wb) -> None:
    ws = wb["touchpoints"]
    ws["D3"] = None
    ws.merge_cells("D2:D3")


def _zip_bomb(folder: Path) -> Path:
    """An .xlsx whose one worksheet unpacks to 1.2 GiB of blanks (about 5 MB on disk)."""
    path = folder / "bombe.xlsx"
    folder.mkdir(parents=True, exist_ok=True)
    chunk = b" " * (1 << 20)
    template = io.BytesIO(_workbook({"touchpoints.csv": TINY["touchpoints.csv"]}))
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                                                               compresslevel=1) as out:
        for item in source.infolist():
            if item.filename.startswith("xl/worksheets/sheet"):
                with out.open(item.filename, "w", force_zip64=True) as handle:
                    handle.write(b'<?xml version="1.0"?><worksheet><sheetData>')
                    for _ in range(1200):
                        handle.write(chunk)
                    handle.write(b"</sheetData></worksheet>")
            else:
                out.writestr(item, source.read(item))
    return path


def _huge(folder: Path) -> Path:
    """A project folder whose ratings.csv is 2 GiB (a sparse file: it takes no disk space)."""
    for name, content in TINY.items():
        _write(folder / "riesig" / name, content.encode())
    with open(folder / "riesig" / "ratings.csv", "r+b") as handle:
        handle.truncate(2 * 1024**3)
    return folder / "riesig"


def _many_bad_rows() -> dict[str, str]:
    rows = "".join(f"r{i},web,{6 + i % 3},9,,\n" for i in range(5, 2005))
    respondents = TINY["respondents.csv"] + "".join(f"r{i},a,loyal,8,4\n" for i in range(5, 2005))
    return {"ratings.csv": TINY["ratings.csv"] + rows, "respondents.csv": respondents}


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00" + bytes(200)

CASES: list[Case] = [
    # --- columns -----------------------------------------------------------
    Case("missing_column", "touchpoints without the phase column",
         (("touchpoints.csv", 1, "phase", "column_missing"),),
         {"touchpoints.csv": "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != 3)
                                       for line in TINY["touchpoints.csv"].splitlines()) + "\n"}),
    Case("misspelt_column", "touchpont_id instead of touchpoint_id",
         (("touchpoints.csv", 1, "touchpoint_id", "column_missing"),),
         edit("touchpoints.csv", "touchpoint_id,", "touchpont_id,")),
    Case("german_column_name", "the recommend column headed 'Weiterempfehlung'",
         (("respondents.csv", 1, "recommend", "column_missing"),),
         edit("respondents.csv", "recommend", "Weiterempfehlung")),
    Case("duplicate_column", "phase twice in the header",
         (("touchpoints.csv", 1, "phase", "column_duplicate"),),
         edit("touchpoints.csv", "channel,", "phase,")),
    Case("unnamed_column_with_data", "a column without a header that holds values",
         (("segments.csv", 1, "#10", "column_unnamed"),),
         {"segments.csv": TINY["segments.csv"].replace("network\n", "network,\n").replace("strong\n", "strong,x\n")}),
    # --- types ----------------------------------------------------------------
    Case("text_in_number", "annual cost written as a word",
         (("touchpoints.csv", 2, "annual_cost", "not_number"),), edit("touchpoints.csv", ",1000,", ",teuer,")),
    Case("currency_sign_in_number", "annual cost with a euro sign",
         (("touchpoints.csv", 4, "annual_cost", "not_number"),), edit("touchpoints.csv", ",3000,", ",3000 €,")),
    Case("percent_in_margin", "margin as '20%'",
         (("segments.csv", 2, "margin", "not_number"),), edit("segments.csv", ",0.2,", ",20%,")),
    Case("decimal_in_integer", "recommend 9.5", (("respondents.csv", 5, "recommend", "not_integer"),),
         edit("respondents.csv", "r4,b,lapsed,9,", "r4,b,lapsed,9.5,")),
    Case("na_text_in_rating", "importance written as #N/A", (("ratings.csv", 3, "importance", "not_number"),),
         edit("ratings.csv", "r1,shop,4,5,", "r1,shop,4,#N/A,")),
    Case("word_in_bool", "wanted = vielleicht", (("segments.csv", 2, "wanted", "not_bool"),),
         edit("segments.csv", ",yes,", ",vielleicht,")),
    Case("impossible_date", "due date 31.02.2027", (("measures.csv", 2, "due_date", "not_date"),),
         edit("measures.csv", "2027-03-31", "31.02.2027")),
    Case("us_date", "due date 03/31/2027", (("measures.csv", 2, "due_date", "not_date"),),
         edit("measures.csv", "2027-03-31", "03/31/2027")),
    Case("date_in_rating_csv", "Excel turned a rating into a date (05.01.2026)",
         (("ratings.csv", 2, "performance", "looks_like_date"),), edit("ratings.csv", "r1,web,5,", "r1,web,05.01.2026,")),
    # --- values off the scale ------------------------------------------------------
    Case("recommend_11", "recommend score of 11", (("respondents.csv", 2, "recommend", "above_max"),),
         edit("respondents.csv", "r1,a,loyal,10,", "r1,a,loyal,11,")),
    Case("recommend_negative", "recommend score of -1", (("respondents.csv", 3, "recommend", "below_min"),),
         edit("respondents.csv", "r2,a,repeat,7,", "r2,a,repeat,-1,")),
    Case("performance_6", "performance 6 on a 1–5 scale", (("ratings.csv", 2, "performance", "above_max"),),
         edit("ratings.csv", "r1,web,5,", "r1,web,6,")),
    Case("performance_0", "performance 0 on a 1–5 scale", (("ratings.csv", 3, "performance", "below_min"),),
         edit("ratings.csv", "r1,shop,4,", "r1,shop,0,")),
    Case("satisfaction_10", "satisfaction on a 10-point scale", (("respondents.csv", 2, "satisfaction", "above_max"),),
         edit("respondents.csv", "r1,a,loyal,10,5", "r1,a,loyal,10,10")),
    Case("fit_out_of_range", "fit of 5 on a −2…2 scale", (("segment_fit.csv", 2, "fit", "above_max"),),
         edit("segment_fit.csv", "a,b,-2", "a,b,5")),
    Case("negative_cost", "negative annual cost", (("touchpoints.csv", 3, "annual_cost", "below_min"),),
         edit("touchpoints.csv", "third_party,Marketing,0,200", "third_party,Marketing,-10,200")),
    Case("unknown_choice", "phase 'Kaufphase'", (("touchpoints.csv", 4, "phase", "not_in_choices"),),
         edit("touchpoints.csv", "shop,Ladengeschäft,Shop,purchase", "shop,Ladengeschäft,Shop,Kaufphase")),
    Case("empty_required_cell", "a touchpoint without a name", (("touchpoints.csv", 3, "name", "cell_empty"),),
         edit("touchpoints.csv", "reviews,Bewertungen,", "reviews,,")),
    # --- ids and references ------------------------------------------------------------
    Case("duplicate_touchpoint_id", "web twice", (("touchpoints.csv", 3, "touchpoint_id", "duplicate_id"),),
         edit("touchpoints.csv", "reviews,Bewertungen", "web,Bewertungen")),
    Case("duplicate_respondent_id", "r1 twice", (("respondents.csv", 3, "respondent_id", "duplicate_id"),),
         edit("respondents.csv", "r2,a,repeat", "r1,a,repeat")),
    Case("duplicate_rating", "r1 rated shop twice", (("ratings.csv", 4, "respondent_id, touchpoint_id", "duplicate_key"),),
         {"ratings.csv": TINY["ratings.csv"].replace("r2,hotline,2,5,", "r1,shop,2,5,")}),
    Case("rating_unknown_touchpoint", "a rating for a touchpoint that is not listed",
         (("ratings.csv", 2, "touchpoint_id", "unknown_reference"),), edit("ratings.csv", "r1,web,", "r1,webseite,")),
    Case("rating_unknown_respondent", "a rating by a respondent who is not listed",
         (("ratings.csv", 6, "respondent_id", "unknown_reference"),), edit("ratings.csv", "r4,hotline", "r9,hotline")),
    Case("respondent_unknown_segment", "a respondent in segment c",
         (("respondents.csv", 4, "segment_id", "unknown_reference"),), edit("respondents.csv", "r3,b,", "r3,c,")),
    Case("touchpoint_unknown_segment", "touchpoint segments 'a|c'",
         (("touchpoints.csv", 6, "segments", "unknown_reference"),), edit("touchpoints.csv", ",a|b\n", ",a|c\n")),
    Case("measure_unknown_touchpoint", "a measure for a touchpoint that is not listed",
         (("measures.csv", 3, "touchpoint_id", "unknown_reference"),), edit("measures.csv", "m2,web,", "m2,app,")),
    Case("fit_self_pair", "a segment's fit with itself", (("segment_fit.csv", 3, "other_segment_id", "self_pair"),),
         edit("segment_fit.csv", "b,a,0", "b,b,0")),
    Case("ratings_without_respondents", "ratings.csv but no respondents.csv",
         (("respondents.csv", None, None, "file_missing"),),
         {"respondents.csv": None}),  # type: ignore[dict-item]
    # --- files ---------------------------------------------------------------------------
    Case("empty_file", "ratings.csv with 0 bytes", (("ratings.csv", None, None, "empty_file"),), {"ratings.csv": ""}),
    Case("blank_lines_only", "ratings.csv with only line breaks and blanks",
         (("ratings.csv", None, None, "empty_file"),), {"ratings.csv": "\n \r\n\t\n"}),
    Case("header_only_touchpoints", "touchpoints.csv with the header and no rows",
         (("touchpoints.csv", None, None, "no_rows"),), {"touchpoints.csv": TINY["touchpoints.csv"].split("\n")[0] + "\n"}),
    Case("binary_renamed_csv", "a PNG picture renamed ratings.csv", (("ratings.csv", None, None, "not_text"),),
         {"ratings.csv": PNG}),
    Case("mixed_delimiters", "header with ';', two rows with ','",
         (("ratings.csv", 2, None, "mixed_separator"), ("ratings.csv", 3, None, "mixed_separator")),
         {"ratings.csv": "respondent_id;touchpoint_id;performance;importance;incident;comment\n"
                         "r1,web,5,4,positive,Sehr übersichtlich\nr1,shop,4,5,,\n"
                         "r2;hotline;2;5;negative;Warteschleife\nr3;portal;3;;;\nr4;hotline;5;4;positive;\n"}),
    Case("misnamed_file", "ratings saved as Bewertungen.csv", (("bewertungen.csv", None, None, "misnamed_table"),),
         {"ratings.csv": None, "Bewertungen.csv": TINY["ratings.csv"]}),  # type: ignore[dict-item]
    Case("ragged_row", "a row with an extra unquoted comma in the name",
         (("touchpoints.csv", 3, None, "ragged_row"),),
         edit("touchpoints.csv", "reviews,Bewertungen,Reviews,", "reviews,Bewertungen, Sterne,Reviews,")),
    Case("unclosed_quote", "a comment whose quote is never closed",
         (("ratings.csv", 4, None, "unclosed_quote"),), edit("ratings.csv", '20 Minuten"', "20 Minuten")),
    Case("stray_quote", "a quote in the middle of a quoted cell", (("ratings.csv", 4, None, "bad_quote"),),
         edit("ratings.csv", '"Warteschleife, 20 Minuten"', '"Warteschleife "lang", 20 Minuten"')),
    Case("broken_project_json", "project.json that is not JSON", (("project.json", None, None, "bad_meta"),),
         {"project.json": "{name: Hotel"}),
    Case("many_bad_rows", "2,000 ratings off the scale: 20 listed per kind, then a summary",
         (("ratings.csv", 7, "performance", "above_max"), ("ratings.csv", None, "performance", "more"),
          ("ratings.csv", 7, "importance", "above_max")), _many_bad_rows()),
    Case("everything_at_once", "problems in three files: all are listed together",
         (("touchpoints.csv", 4, "phase", "not_in_choices"), ("respondents.csv", 2, "recommend", "above_max"),
          ("ratings.csv", 2, "touchpoint_id", "unknown_reference"), ("ratings.csv", 3, "performance", "above_max")),
         {**edit("touchpoints.csv", "Shop,purchase", "Shop,Kauff"),
          **edit("respondents.csv", "r1,a,loyal,10,", "r1,a,loyal,11,"),
          "ratings.csv": TINY["ratings.csv"].replace("r1,web,", "r1,webb,").replace("r1,shop,4,", "r1,shop,7,")}),
    # --- the same kinds of problems in a zip and a workbook ----------------------------------------
    Case("zip_recommend_11", "a zip upload with a recommend score of 11",
         (("respondents.csv", 2, "recommend", "above_max"),),
         edit("respondents.csv", "r1,a,loyal,10,", "r1,a,loyal,11,"), container="zip"),
    Case("xlsx_recommend_11", "a workbook with a recommend score of 11",
         (("[respondents]", 2, "recommend", "above_max"),),
         edit("respondents.csv", "r1,a,loyal,10,", "r1,a,loyal,11,"), container="xlsx"),
    Case("xlsx_misnamed_sheet", "the ratings sheet named 'Bewertungen'", (("[Bewertungen]", None, None, "misnamed_table"),),
         build=_xlsx("blatt", lambda wb: setattr(wb["ratings"], "title", "Bewertungen"))),
    Case("xlsx_date_in_rating", "Excel turned a performance into a date",
         (("[ratings]", 2, "performance", "looks_like_date"),),
         build=_xlsx("datum", _set("ratings", "C2", __import__("datetime").datetime(2026, 1, 5)))),
    Case("xlsx_formula_without_value", "a formula never calculated (no stored value)",
         (("[touchpoints]", 2, "annual_cost", "formula"),), build=_xlsx("formel", _set("touchpoints", "I2", "=500*2"))),
    Case("xlsx_sdk_formula_and_error", "a workbook written as .NET's OpenXML SDK writes it (<x:c>): a formula never "
         "calculated and a cell showing #REF!",
         (("[touchpoints]", 2, "annual_cost", "formula"), ("[ratings]", 2, "performance", "excel_error")),
         build=lambda folder: _write(folder / "sdk.xlsx", openxml_sdk_form(_workbook(TINY, _both_set(
             _set("touchpoints", "I2", "=500*2"), _set("ratings", "C2", "#REF!")))))),
    Case("xlsx_error_value", "a cell showing #DIV/0!", (("[ratings]", 2, "performance", "excel_error"),),
         build=_xlsx("fehler", _set("ratings", "C2", "#DIV/0!"))),
    Case("xlsx_merged_cells", "two phase cells merged into one", (("[touchpoints]", 2, "phase", "merged_cells"),),
         build=_xlsx("verbunden", _merge)),
    Case("xlsx_text_renamed", "a CSV file renamed .xlsx", (("tabelle.xlsx", None, None, "bad_excel"),),
         build=lambda f: _write(f / "tabelle.xlsx", TINY["touchpoints.csv"].encode())),
    Case("xls_renamed", "an old binary .xls renamed .xlsx", (("alt.xlsx", None, None, "bad_excel"),),
         build=lambda f: _write(f / "alt.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))),
    Case("xlsx_truncated", "a workbook cut off in the download", (("halb.xlsx", None, None, "bad_excel"),),
         build=lambda f: _write(f / "halb.xlsx", _workbook(TINY)[:3000])),
    Case("xlsx_zip_bomb", "an .xlsx that unpacks to 1.2 GiB", (("bombe.xlsx", None, None, "xlsx_too_large"),),
         build=_zip_bomb),
    Case("zip_bomb", "a zip of CSVs that unpacks to 1.2 GiB", (("bombe.zip", None, None, "zip_too_large"),),
         build=lambda f: _zip_bomb(f).rename(f / "bombe.zip")),
    Case("zip_path_traversal", "a zip whose member climbs out with ../", (("boese.zip", None, None, "zip_unsafe"),),
         build=lambda f: _write(f / "boese.zip", _zip_bytes({"../../touchpoints.csv": TINY["touchpoints.csv"]}))),
    Case("huge_file", "a 2 GiB ratings.csv", (("ratings.csv", None, None, "too_large"),), build=_huge),
    Case("title_above_header", "a title and a blank row above the column names",
         (("touchpoints.csv", 1, None, "header_below"),),
         {"touchpoints.csv": "Touchpoint-Inventar 2026,,,\n,,,\n" + TINY["touchpoints.csv"]}),
    Case("xlsx_title_above_header", "a workbook sheet with a title and a blank row above the column names",
         (("touchpoints]", 1, None, "header_below"),), build=_xlsx("titel", _title_row("touchpoints"))),
    Case("row_after_line_break_cell", "a comment with a line break; the row after it is off the scale",
         (("ratings.csv", 5, "performance", "above_max"),),
         {"ratings.csv": TINY["ratings.csv"].replace('"Warteschleife, 20 Minuten"', '"Warteschleife,\n20 Minuten"')
          .replace("r3,portal,3,,,", "r3,portal,9,,,")}),
    Case("excel_sep_hint", "Excel's 'sep=;' line above a semicolon table; recommend 11 in the first row",
         (("respondents.csv", 2, "recommend", "above_max"),),
         {"respondents.csv": "sep=;\n" + TINY["respondents.csv"].replace(",", ";").replace("r1;a;loyal;10", "r1;a;loyal;11")}),
    Case("thousands_ambiguous_mixed_marks", "'48.000' in a file that writes both 1.234,5 and 2.75",
         (("touchpoints.csv", 2, "annual_cost", "ambiguous_number"),),
         {"touchpoints.csv": TINY["touchpoints.csv"].replace(",", ";")
          .replace("Marketing;1000;500", "Marketing;48.000;500").replace("Marketing;0;200", "Marketing;1.234,5;200")
          .replace("Vertrieb;3000;100", "Vertrieb;2.75;100")}),
    Case("xlsx_thousands_as_text", "'48.000' typed as text into an Excel cell",
         (("[touchpoints]", 2, "annual_cost", "ambiguous_number"),), build=_xlsx("tausend", _set("touchpoints", "I2", "48.000"))),
    Case("scale_label_as_answer", "a survey export with the label '8 - Likely' instead of 8",
         (("respondents.csv", 2, "recommend", "scale_label"),), edit("respondents.csv", "r1,a,loyal,10", "r1,a,loyal,8 - Likely")),
    Case("cost_1e999", "a cost of 1e999 (infinite as a number)",
         (("measures.csv", 2, "cost", "not_finite"),), edit("measures.csv", "Kundendienst,5000,", "Kundendienst,1e999,")),
    Case("two_spellings_of_one_table", "Ratings.csv beside ratings.csv (an old copy)",
         (("ratings.csv", None, None, "duplicate_input"),), build=_two_spellings),
    Case("zip_two_years", "a zip with the folders 2025/ and 2026/, each with all tables (one problem names both)",
         (("jahre.zip", None, None, "tables_in_folders"),), build=lambda folder: _write(
             folder / "jahre.zip", _zip_bytes({f"{year}/{name}": content for year in (2025, 2026)
                                              for name, content in TINY.items()}))),
    Case("broken_link", "ratings.csv is a link to a file that is gone", (("ratings.csv", None, None, "not_a_file"),),
         build=lambda folder: _replaced(folder, "ratings.csv", lambda path: path.symlink_to(folder / "weg.csv"))),
    Case("folder_named_like_a_table", "a folder named ratings.csv", (("ratings.csv", None, None, "not_a_file"),),
         build=lambda folder: _replaced(folder, "ratings.csv", lambda path: path.mkdir())),
    Case("download_cut_mid_row", "the last ratings row cut off after the performance",
         (("ratings.csv", 6, None, "short_row"),), edit("ratings.csv", "r4,hotline,5,4,positive,\n", "r4,hotline,5")),
    Case("project_json_wrong_types", "project.json with a null currency and an object as name",
         (("project.json", None, "name", "bad_meta"), ("project.json", None, "currency", "bad_meta")),
         {"project.json": '{"name": {"de": "Hotel"}, "currency": null}'}),
    Case("project_json_number_currency", "project.json with the currency 978 (a number)",
         (("project.json", None, "currency", "bad_meta"),), {"project.json": '{"name": "Hotel", "currency": 978}'}),
    Case("ids_lost_leading_zeros", "respondent ids 007 … in respondents.csv, 7 … in ratings.csv (Excel)",
         (("ratings.csv", 2, "respondent_id", "unknown_reference"),),
         {"respondents.csv": TINY["respondents.csv"].replace("r1,", "007,"),
          "ratings.csv": TINY["ratings.csv"].replace("r1,", "7,")}),
    Case("id_with_invisible_character", "a touchpoint id with a no-break space inside it (shown as \\u00a0)",
         (("ratings.csv", 2, "touchpoint_id", "unknown_reference"),), edit("ratings.csv", "r1,web,", "r1,w\u00a0eb,")),
    Case("zip_tables_in_two_folders", "a zip with this year's tables in 2026/ and last year's ratings in 2025/",
         (("jahre.zip", None, None, "tables_in_folders"),), build=lambda folder: _write(
             folder / "jahre.zip", _zip_bytes({**{f"2026/{name}": content for name, content in TINY.items()
                                                 if name != "ratings.csv"}, "2025/ratings.csv": TINY["ratings.csv"]}))),
    Case("huge_whole_number", "annual contacts of 1e20 (beyond whole numbers kept exactly)",
         (("touchpoints.csv", 2, "annual_contacts", "not_finite"),), edit("touchpoints.csv", ",1000,500,all", ",1000,1e20,all")),
    Case("arabic_digits", "a cost written in Arabic-Indic digits", (("measures.csv", 2, "cost", "not_number"),),
         edit("measures.csv", "Kundendienst,5000,", "Kundendienst,٥٠٠٠,")),
    Case("mojibake_name", "a name converted twice: 'LadengeschÃ¤ft'",
         (("touchpoints.csv", 4, "name", "mojibake"),), edit("touchpoints.csv", "Ladengeschäft", "LadengeschÃ¤ft")),
    Case("mojibake_in_cp1252_file", "a Windows-1252 file whose comment shows 'Ã¼bersichtlich, schön'",
         (("ratings.csv", 2, "comment", "mojibake"),),
         {"ratings.csv": TINY["ratings.csv"].replace("übersichtlich", "Ã¼bersichtlich, schön").encode("cp1252")}),
    Case("encoding_unreadable", "a names file in an encoding none of the usual ones reads (KOI8-R)",
         (("touchpoints.csv", 3, None, "encoding_unclear"),),
         {"touchpoints.csv": b"".join(line.replace("Bewertungen", "Отзывы").encode("koi8_r" if i == 2 else "utf-8")
                                      for i, line in enumerate(TINY["touchpoints.csv"].splitlines(keepends=True)))}),
    Case("header_again_in_the_middle", "a second export appended below the first, with its column names",
         (("ratings.csv", 4, None, "header_again"),),
         edit("ratings.csv", "r2,hotline,", "respondent_id,touchpoint_id,performance,importance,incident,comment\nr2,hotline,")),
    Case("not_answered_in_a_number", "recommend written as NA (the fix says to leave the cell empty)",
         (("respondents.csv", 3, "recommend", "not_number"),), edit("respondents.csv", "r2,a,repeat,7,", "r2,a,repeat,NA,")),
    Case("unicode_text_export_beside", "Excel's 'Unicode text' export ratings.txt instead of ratings.csv",
         (("ratings.txt", None, None, "misnamed_table"),), {"ratings.csv": None,
                                                          "ratings.txt": TINY["ratings.csv"].replace(",", "\t").encode("utf-16")}),
    Case("nul_byte_late_in_a_file", "a NUL byte in the last row of a file longer than 64 KiB",
         (("segments.csv", 2004, None, "not_text"),),
         {"segments.csv": TINY["segments.csv"] + "".join(f"s{i},S{i},S{i},1,1,0.1,yes,0,weak\n" for i in range(2000))
          + "z,\x00,Z,1,1,0.1,yes,0,weak\n"}),
    Case("xlsx_value_right_of_the_header", "a workbook with a value in column Z, beyond the named columns",
         (("[segments]", 3, "Z", "column_unnamed"),), build=_xlsx("rechts", _set("segments", "Z3", "x"))),
    Case("xlsx_stale_sheet", "a workbook with the sheets 'ratings' and a stale 'Ratings ' beside it",
         (("stale.xlsx", None, None, "duplicate_input"),), build=_xlsx("stale", _stale_copy("ratings", "Ratings "))),
]


def make(case: Case, folder: Path) -> Path:
    """Write ``case``'s input under ``folder`` and return the path to load."""
    if case.build is not None:
        return case.build(folder)
    files = {name: content for name, content in {**TINY, **case.edits}.items() if content is not None}
    if case.container == "zip":
        return _write(folder / f"{case.name}.zip", _zip_bytes(files))
    if case.container == "xlsx":
        return _write(folder / f"{case.name}.xlsx", _workbook(files))
    target = folder / case.name
    for name, content in files.items():
        _write(target / name, content if isinstance(content, bytes) else content.encode("utf-8"))
    return target


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bad_inputs")
    for case in CASES:
        if case.name not in ("huge_file", "xlsx_zip_bomb", "zip_bomb"):
            print(make(case, out))
    print(f"{len(CASES)} cases ({os.path.abspath(out)})")

"""Reading, validating and writing project folders, with hand-made inputs."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd
import pytest
from conftest import TINY, assert_same_project, write_project

from tpkit import ProjectError, load_project, load_upload, save_project
from tpkit.datasets import load_sample, sample_path
from tpkit.schema import TABLES


def problems_of(path_or_call) -> list:
    with pytest.raises(ProjectError) as info:
        path_or_call() if callable(path_or_call) else load_project(path_or_call)
    return info.value.problems


def where(problems) -> set[tuple]:
    return {(p.file, p.row, p.column, p.code) for p in problems}


def test_tiny_project_loads_with_types(tiny_dir):
    p = load_project(tiny_dir)
    assert p.name == "tiny"
    assert p.touchpoints["name"].tolist()[5] == "Kundenforum"
    assert p.touchpoints.loc[2, "name"] == "Ladengeschäft"
    assert str(p.touchpoints["annual_cost"].dtype) == "Float64"
    assert str(p.touchpoints["annual_contacts"].dtype) == "Int64"
    assert p.segments["wanted"].tolist() == [True, False]
    assert p.respondents["satisfaction"].isna().tolist() == [False, False, False, True]
    assert p.ratings.loc[2, "comment"] == "Warteschleife, 20 Minuten"
    assert pd.isna(p.ratings.loc[3, "importance"])
    assert p.measures.loc[1, "cost"] == 2500.5
    assert p.measures.loc[0, "due_date"] == pd.Timestamp("2027-03-31")
    assert pd.isna(p.measures.loc[1, "due_date"])


def test_only_touchpoints_is_enough(tmp_path):
    folder = write_project(tmp_path / "p", {"touchpoints.csv": TINY["touchpoints.csv"].replace(",a\n", ",all\n")
                                            .replace(",b\n", ",all\n").replace(",a|b\n", ",all\n")})
    p = load_project(folder)
    assert len(p.touchpoints) == 6 and p.ratings.empty and list(p.ratings.columns) == TABLES["ratings"].columns


def test_csv_round_trip_is_lossless(tiny_dir, tmp_path):
    p = load_project(tiny_dir)
    again = load_project(save_project(p, tmp_path / "out"))
    assert_same_project(p, again)


def test_excel_round_trip_is_lossless(tiny_dir, tmp_path):
    p = load_project(tiny_dir)
    again = load_project(save_project(p, tmp_path / "p.xlsx"))
    assert_same_project(p, again.__class__(**{**again.__dict__, "name": p.name, "source": p.source}))


def test_sample_round_trips_through_csv_and_excel(tmp_path):
    hotel = load_sample("hotel")
    assert_same_project(hotel, load_project(save_project(hotel, tmp_path / "hotel")))
    xlsx = load_project(save_project(hotel, tmp_path / "hotel.xlsx"))
    for name in TABLES:
        pd.testing.assert_frame_equal(hotel.table(name), xlsx.table(name))
    assert xlsx.name == "Hotel Seeblick"


def test_text_starting_with_equals_stays_text_in_excel(tiny_dir, tmp_path):
    files = dict(TINY)
    files["touchpoints.csv"] = files["touchpoints.csv"].replace("Website,Website", "=Website,+Web")
    p = load_project(write_project(tmp_path / "p", files))
    again = load_project(save_project(p, tmp_path / "p.xlsx"))
    assert again.touchpoints.loc[0, "name"] == "=Website" and again.touchpoints.loc[0, "name_en"] == "+Web"


def german_excel_csv(text: str) -> bytes:
    """The same table as German Excel writes it: semicolons, decimal commas, Windows-1252."""
    rows = []
    import csv
    for cells in csv.reader(io.StringIO(text)):
        rows.append(";".join(c.replace(".", ",") if c.replace(".", "").isdigit() else
                             (f'"{c}"' if ";" in c else c) for c in cells))
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")


def test_semicolon_decimal_comma_cp1252_reads_the_same(tiny_dir, tmp_path):
    files = {name: german_excel_csv(text) for name, text in TINY.items()}
    assert b"2500,5" in files["measures.csv"] and "Ladengeschäft".encode("cp1252") in files["touchpoints.csv"]
    german = load_project(write_project(tmp_path / "tiny", files))
    assert_same_project(load_project(tiny_dir), german)


def test_utf8_bom_and_german_dates_and_thousands(tmp_path):
    files = dict(TINY)
    files["measures.csv"] = (
        "\ufeffmeasure_id;touchpoint_id;name;proposed_by;owner;cost;uplift;due_date\n"
        "m1;hotline;Rückruf;Kundendienst;Kundendienst;1.234.567,25;1,5;31.03.2027\n")
    p = load_project(write_project(tmp_path / "p", files))
    assert p.measures.loc[0, "cost"] == 1234567.25
    assert p.measures.loc[0, "uplift"] == 1.5
    assert p.measures.loc[0, "due_date"] == pd.Timestamp("2027-03-31")


def test_vocabulary_accepts_labels_and_case(tmp_path):
    files = dict(TINY)
    files["touchpoints.csv"] = files["touchpoints.csv"].replace("pre_purchase,online,direct", "Vor dem Kauf,Online,Direkt", 1)
    p = load_project(write_project(tmp_path / "p", files))
    assert p.touchpoints.loc[0, ["phase", "channel", "contact"]].tolist() == ["pre_purchase", "online", "direct"]


def test_every_problem_is_reported_at_once_with_row_column_and_fix(tmp_path):
    files = dict(TINY)
    files["touchpoints.csv"] = (
        "touchpoint_id,name,phase,channel,contact,kind,owner,annual_cost,annual_contacts,segments\n"
        "web,Website,pre_purchse,online,direct,communication,Marketing,1000,500,all\n"   # row 2: misspelt phase
        "web,Bewertungen,pre_purchase,online,indirect,third_party,Marketing,-5,200,all\n"  # row 3: dup id, negative cost
        "shop,Laden,purchase,offline,direct,human,Vertrieb,3000,1.5,x\n"               # row 4: contacts, unknown seg
        "hotline,Hotline,usage,hybrid,direct,human,Kundendienst,zwei,400,a|b\n"         # row 5: cost not a number
        "forum,Forum,loyalty,online,indirect,third_party,,100,50,b\n"                   # row 6: owner empty
    )
    files["ratings.csv"] = TINY["ratings.csv"] + "r9,nowhere,6,4,,\n"                   # row 7: 3 problems
    problems = problems_of(write_project(tmp_path / "p", files))
    found = where(problems)
    expected = {
        ("touchpoints.csv", 2, "phase", "not_in_choices"),
        ("touchpoints.csv", 3, "touchpoint_id", "duplicate_id"),
        ("touchpoints.csv", 3, "annual_cost", "below_min"),
        ("touchpoints.csv", 4, "annual_contacts", "not_integer"),
        ("touchpoints.csv", 4, "segments", "unknown_reference"),
        ("touchpoints.csv", 5, "annual_cost", "not_number"),
        ("touchpoints.csv", 6, "owner", "cell_empty"),
        ("ratings.csv", 7, "performance", "above_max"),
        ("ratings.csv", 7, "respondent_id", "unknown_reference"),
        ("ratings.csv", 7, "touchpoint_id", "unknown_reference"),
        ("ratings.csv", 5, "touchpoint_id", "unknown_reference"),  # 'portal' is not in this inventory
    }
    assert expected <= found
    # nothing else is wrong, and the first 'web' (row 2) is not a duplicate
    assert len(found - expected) == 0, found - expected
    by_code = {p.code: p for p in problems}
    assert "pre_purchase" in by_code["not_in_choices"].fix("en")
    assert "Meintest du „pre_purchase“" in by_code["not_in_choices"].fix("de")
    assert by_code["duplicate_id"].params["other"] == 2
    assert by_code["below_min"].fix("en") == "Enter a value of at least 0."
    text = str(ProjectError(problems))
    assert "touchpoints.csv, row 3, column 'annual_cost': -5 is below the minimum 0." in text


def test_missing_and_misspelt_columns_are_named(tmp_path):
    files = dict(TINY)
    files["touchpoints.csv"] = TINY["touchpoints.csv"].replace("annual_cost", "anual_cost").replace(",kind,", ",art,")
    problems = problems_of(write_project(tmp_path / "p", files))
    missing = {p.column: p for p in problems if p.code == "column_missing"}
    assert set(missing) == {"annual_cost", "kind"}
    assert missing["annual_cost"].fix("en") == "Rename the column 'anual_cost' to 'annual_cost'."
    assert missing["kind"].fix("en") == "Add the column 'kind'."


def test_missing_required_table_and_missing_referenced_table(tmp_path):
    assert where(problems_of(write_project(tmp_path / "a", {"segments.csv": TINY["segments.csv"]}))) == {
        ("touchpoints.csv", None, None, "file_missing")}
    files = {k: v for k, v in TINY.items() if k != "respondents.csv"}
    assert ("respondents.csv", None, None, "file_missing") in where(problems_of(write_project(tmp_path / "b", files)))


def test_duplicate_rating_and_self_fit(tmp_path):
    files = dict(TINY)
    files["ratings.csv"] = TINY["ratings.csv"] + "r1,web,4,4,,\n"
    files["segment_fit.csv"] = TINY["segment_fit.csv"] + "a,a,1\n"
    found = where(problems_of(write_project(tmp_path / "p", files)))
    assert found == {("ratings.csv", 7, "respondent_id, touchpoint_id", "duplicate_key"),
                     ("segment_fit.csv", 4, "other_segment_id", "self_pair")}


def test_empty_binary_and_header_only_files(tmp_path):
    files = dict(TINY)
    files["respondents.csv"] = ""
    files["employee_ratings.csv"] = b"\x89PNG\r\n\x1a\n\x00\x00\x00"
    found = where(problems_of(write_project(tmp_path / "p", files)))
    assert ("respondents.csv", None, None, "empty_file") in found
    assert ("employee_ratings.csv", None, None, "not_text") in found
    header_only = {"touchpoints.csv": TINY["touchpoints.csv"].splitlines()[0] + "\n"}
    assert where(problems_of(write_project(tmp_path / "q", header_only))) == {
        ("touchpoints.csv", None, None, "no_rows")}


def test_ragged_row_is_reported(tmp_path):
    files = dict(TINY)
    files["segment_fit.csv"] = "segment_id,other_segment_id,fit\na,b,-2,oops\n"
    assert ("segment_fit.csv", 2, None, "ragged_row") in where(problems_of(write_project(tmp_path / "p", files)))


def test_many_bad_rows_are_summarised(tmp_path):
    files = dict(TINY)
    files["respondents.csv"] = "respondent_id,segment_id,loyalty,recommend,satisfaction\n" + "".join(
        f"x{i},a,loyal,11,3\n" for i in range(100))
    files["ratings.csv"] = "respondent_id,touchpoint_id,performance,importance\n"
    problems = problems_of(write_project(tmp_path / "p", files))
    assert len(problems) == 21 and problems[-1].code == "more" and problems[-1].params["n"] == 80


def zipped(files: dict[str, str | bytes], folder: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, content in files.items():
            zf.writestr(folder + name, content)
    return buffer.getvalue()


def test_zip_upload_flat_or_in_a_folder(tiny_dir):
    expected = load_project(tiny_dir)
    for folder in ("", "mein projekt/"):
        p = load_upload("tiny.zip", zipped(TINY, folder))
        for name in TABLES:
            pd.testing.assert_frame_equal(expected.table(name), p.table(name))


def test_unsafe_or_broken_uploads_are_refused():
    assert where(problems_of(lambda: load_upload("x.zip", zipped({"../touchpoints.csv": "a"})))) == {
        ("x.zip", None, None, "zip_unsafe")}
    assert where(problems_of(lambda: load_upload("x.zip", b"not a zip"))) == {("x.zip", None, None, "bad_zip")}
    assert where(problems_of(lambda: load_upload("x.xlsx", b"not a workbook"))) == {("x.xlsx", None, None, "bad_excel")}
    assert where(problems_of(lambda: load_upload("x.pdf", b"%PDF"))) == {("x.pdf", None, None, "upload_type")}


def test_zip_upload_problems_name_the_file_inside(tmp_path):
    files = dict(TINY)
    files["touchpoints.csv"] = TINY["touchpoints.csv"].replace("usage,hybrid", "nutzen,hybrid")
    assert ("p.zip: touchpoints.csv", 6, "phase", "not_in_choices") in where(
        problems_of(lambda: load_upload("p.zip", zipped(files))))


def test_excel_formula_without_value_and_wrong_cells(tmp_path, tiny_dir):
    path = save_project(load_project(tiny_dir), tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["touchpoints"]["I3"] = "=SUM(I2:I2)"       # annual_cost of row 3: a formula never calculated
    wb["respondents"]["D2"] = 11                  # recommend off the scale
    del wb["segments"]
    wb.save(path)
    found = where(problems_of(path))
    assert ("p.xlsx [touchpoints]", 3, "annual_cost", "formula") in found
    assert ("p.xlsx [respondents]", 2, "recommend", "above_max") in found
    assert ("p.xlsx [segments]", None, None, "file_missing") in found or (
        "segments.csv", None, None, "file_missing") in found


def test_problem_report_is_available_in_german(tmp_path):
    files = dict(TINY)
    files["respondents.csv"] = TINY["respondents.csv"].replace("r1,a,loyal,10", "r1,a,loyal,zehn")
    error = pytest.raises(ProjectError, load_project, write_project(tmp_path / "p", files)).value
    frame = error.frame("de")
    assert list(frame.columns) == ["Datei", "Zeile", "Spalte", "Problem", "Lösung"]
    assert frame.iloc[0].tolist() == ["respondents.csv", 2, "recommend", "„zehn“ ist keine Zahl.",
                                      "Trage eine Zahl ein, z. B. 1200 oder 1200,50 (ohne Währungszeichen)."]


def test_sample_path_and_unknown_sample():
    assert (sample_path("hotel") / "touchpoints.csv").is_file()
    with pytest.raises(ValueError, match="no sample project 'bakery'; the samples are: hotel, it_distributor"):
        sample_path("bakery")
    with pytest.raises(ValueError, match="Did you mean 'hotel'"):
        sample_path("hotle")


def test_missing_project_path(tmp_path):
    assert where(problems_of(tmp_path / "nope")) == {(str(tmp_path / "nope"), None, None, "project_missing")}


def test_a_workbooks_project_sheet_with_a_bad_outcome_is_named_as_such(tmp_path):
    from dataclasses import replace

    from tpkit import OutcomeSpec

    path = save_project(replace(load_sample("hotel"), outcome=OutcomeSpec("scale", 0, 10, "Zufriedenheit")),
                        tmp_path / "p.xlsx")
    assert load_project(path).outcome.label == "Zufriedenheit"
    wb = openpyxl.load_workbook(path)
    sheet = wb["project"]
    row = next(r for r in sheet.iter_rows() if r[0].value == "outcome")
    row[1].value = "scale 1 to 7"
    wb.save(path)
    with pytest.raises(ProjectError) as err:
        load_project(path)
    problem = err.value.problems[0]
    assert (problem.code, problem.column) == ("bad_project_sheet", "outcome")
    assert "sheet 'project'" in problem.message("en") and "no JSON" in problem.message("en")


def test_employee_ratings_may_carry_a_wave(tmp_path):
    """An employee may rate a touchpoint once per wave; the same wave twice (or twice without a wave) repeats the
    key; a wave the respondents do not have is named with its row."""
    files = dict(TINY)
    files["respondents.csv"] = ("respondent_id,segment_id,loyalty,recommend,satisfaction,wave\n"
                                "r1,a,loyal,10,5,w1\nr2,a,repeat,7,4,w1\nr3,b,new,3,2,w2\nr4,b,lapsed,9,,w2\n")
    header = "employee_id,department,touchpoint_id,performance,wave\n"
    files["employee_ratings.csv"] = header + "e1,Vertrieb,shop,5,w1\ne1,Vertrieb,shop,4,w2\ne1,Vertrieb,shop,3,\n"
    project = load_project(write_project(tmp_path / "ok", files))
    assert project.employee_ratings["wave"].tolist() == ["w1", "w2", pd.NA]
    files["employee_ratings.csv"] = header + "e1,Vertrieb,shop,5,w1\ne1,Vertrieb,shop,4,w1\ne1,Vertrieb,shop,3,\n" \
        "e1,Vertrieb,shop,2,\ne1,Vertrieb,hotline,2,w3\n"
    found = where(problems_of(write_project(tmp_path / "bad", files)))
    assert found == {("employee_ratings.csv", 3, "employee_id, touchpoint_id, wave", "duplicate_key"),
                     ("employee_ratings.csv", 5, "employee_id, touchpoint_id, wave", "duplicate_key"),
                     ("employee_ratings.csv", 6, "wave", "unknown_wave")}
    message = next(p for p in problems_of(write_project(tmp_path / "bad2", files)) if p.code == "unknown_wave")
    assert "w3" in message.message("en") and "w1, w2" in message.message("en")
    # without a wave column the pair is the key, as before
    files["employee_ratings.csv"] = TINY["employee_ratings.csv"] + "e1,Vertrieb,shop,2\n"
    found = where(problems_of(write_project(tmp_path / "old", files)))
    assert ("employee_ratings.csv", 4, "employee_id, touchpoint_id", "duplicate_key") in found

"""Files that look odd but hold the right data are read exactly (the refused ones are in bad_inputs.py)."""

from __future__ import annotations

from conftest import TINY, write_project

from tpkit import load_project


def names(folder) -> list[str]:
    return load_project(folder).touchpoints["name"].tolist()


def test_one_appended_windows_row_leaves_the_utf8_rows_as_they_are(tmp_path):
    extra = "tel,Telefonzentrale Süd,Phone,usage,offline,direct,human,Kundendienst,10,10,all\n"
    files = {**TINY, "touchpoints.csv": TINY["touchpoints.csv"].encode("utf-8") + extra.encode("cp1252")}
    assert names(write_project(tmp_path / "p", files)) == [
        "Website", "Bewertungen", "Ladengeschäft", "Vergleichsportal", "Störungs-Hotline", "Kundenforum",
        "Telefonzentrale Süd"]


def test_mac_roman_and_windows_files_give_the_same_names(tmp_path):
    expected = names(write_project(tmp_path / "utf8", TINY))
    for encoding in ("mac_roman", "cp1252", "iso8859_15"):
        files = {**TINY, "touchpoints.csv": TINY["touchpoints.csv"].encode(encoding)}
        assert names(write_project(tmp_path / encoding, files)) == expected, encoding


def test_the_euro_sign_survives_windows_and_iso_8859_15(tmp_path):
    for encoding in ("cp1252", "iso8859_15"):
        ratings = TINY["ratings.csv"].replace("Sehr übersichtlich", "Preise in € für alle klar")
        files = {**TINY, "ratings.csv": ratings.encode(encoding)}
        comments = load_project(write_project(tmp_path / encoding, files)).ratings["comment"].tolist()
        assert comments[0] == "Preise in € für alle klar", encoding


def test_a_french_windows_word_is_not_refused_as_unclear(tmp_path):
    files = {**TINY, "touchpoints.csv": TINY["touchpoints.csv"].replace("Kundenforum", "Café-Forum").encode("cp1252")}
    assert "Café-Forum" in names(write_project(tmp_path / "p", files))


def test_thousands_separators_are_read_per_cell(tmp_path):
    # a comma file: "48,000" (quoted) is forty-eight thousand, even with 0.2 and 2500.5 elsewhere
    english = TINY["touchpoints.csv"].replace("Marketing,1000,500", 'Marketing,"48,000","1,500"')
    project = load_project(write_project(tmp_path / "en", {**TINY, "touchpoints.csv": english}))
    assert project.touchpoints["annual_cost"].iloc[0] == 48000 and project.touchpoints["annual_contacts"].iloc[0] == 1500
    # a semicolon file from German Excel: "48.000" is forty-eight thousand, with or without a decimal comma in it
    german = TINY["touchpoints.csv"].replace(",", ";").replace("Marketing;1000;500", "Marketing;48.000;1.500")
    project = load_project(write_project(tmp_path / "de", {**TINY, "touchpoints.csv": german}))
    assert project.touchpoints["annual_cost"].iloc[0] == 48000 and project.touchpoints["annual_contacts"].iloc[0] == 1500


def test_signs_as_word_processors_print_them(tmp_path):
    fit = TINY["segment_fit.csv"].replace("a,b,-2", "a,b,−2")
    measures = TINY["measures.csv"].replace("5000,1.5,", "5000,+1.5,")
    project = load_project(write_project(tmp_path / "p", {**TINY, "segment_fit.csv": fit, "measures.csv": measures}))
    assert project.segment_fit["fit"].iloc[0] == -2 and project.measures["uplift"].iloc[0] == 1.5


def test_tpkits_own_backup_inside_a_zip_is_not_read(tmp_path):
    import io
    import zipfile

    from tpkit import load_upload
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in TINY.items():
            archive.writestr(f"projekt/{name}", content)
            archive.writestr(f"projekt/.previous/{name}", content.replace("r3,portal,3", "r3,portal,1"))
    ratings = load_upload("projekt.zip", buffer.getvalue()).ratings
    assert ratings.loc[ratings["respondent_id"] == "r3", "performance"].tolist() == [3]


def test_ids_in_decomposed_unicode_match_their_composed_twins(tmp_path):
    import unicodedata
    touchpoints = TINY["touchpoints.csv"].replace("portal,", "präsenz,").replace(",b\n", ",b\n", 1)
    ratings = TINY["ratings.csv"].replace("r3,portal,", "r3," + unicodedata.normalize("NFD", "präsenz") + ",")
    project = load_project(write_project(tmp_path / "p", {**TINY, "touchpoints.csv": touchpoints, "ratings.csv": ratings}))
    assert "präsenz" in set(project.ratings["touchpoint_id"])


def test_messages_show_invisible_characters_and_lost_zeros(tmp_path):
    import pytest

    from tpkit import ProjectError
    ratings = TINY["ratings.csv"].replace("r1,web,", "r1,w\u00a0eb,").replace("r3,", "3,")
    respondents = TINY["respondents.csv"].replace("r3,", "003,")
    with pytest.raises(ProjectError) as caught:
        load_project(write_project(tmp_path / "p", {**TINY, "ratings.csv": ratings, "respondents.csv": respondents}))
    report = caught.value.report("en")
    assert "'w\\u00a0eb' does not exist" in report
    assert "It most likely means '003': Excel drops leading zeros" in report


def test_characters_that_show_nothing_are_no_part_of_an_id_a_column_name_or_a_vocabulary_word(tmp_path):
    """A zero-width space after an id, a byte-order mark before a row of a second export joined on with
    ``cat``, the same in a column name or a phase: the id, column or word is the one that shows."""
    import pytest

    from tpkit import ProjectError
    ratings = (TINY["ratings.csv"].replace("r1,web,", "r1,web\u200b,").replace("importance", "\u200bimportance", 1))
    touchpoints = TINY["touchpoints.csv"].replace(",pre_purchase,", ",pre_purchase\u200b,", 1)
    project = load_project(write_project(tmp_path / "p", {**TINY, "ratings.csv": ratings, "touchpoints.csv": touchpoints}))
    plain = load_project(write_project(tmp_path / "q", TINY))
    assert project.ratings["touchpoint_id"].tolist() == plain.ratings["touchpoint_id"].tolist()
    assert project.ratings["importance"].tolist() == plain.ratings["importance"].tolist()
    assert project.touchpoints["phase"].tolist() == plain.touchpoints["phase"].tolist()
    first = TINY["respondents.csv"].splitlines()[1]
    respondents = TINY["respondents.csv"] + "\ufeff" + first + "\n"
    with pytest.raises(ProjectError) as caught:
        load_project(write_project(tmp_path / "r", {**TINY, "respondents.csv": respondents}))
    assert [(p.file, p.row, p.column, p.code) for p in caught.value.problems] == \
        [("respondents.csv", len(TINY["respondents.csv"].splitlines()) + 1, "respondent_id", "duplicate_id")]


def test_many_unknown_ids_are_answered_quickly(tmp_path):
    import time

    import pytest

    from tpkit import ProjectError
    ids = [f"{i:06d}" for i in range(60_000)]
    respondents = "respondent_id,segment_id,loyalty,recommend,satisfaction\n" + "".join(f"{i},a,loyal,9,5\n" for i in ids)
    ratings = "respondent_id,touchpoint_id,performance,importance,incident,comment\n" + "".join(
        f"{int(i)},web,5,4,,\n" for i in ids)
    folder = write_project(tmp_path / "p", {**TINY, "respondents.csv": respondents, "ratings.csv": ratings})
    started = time.perf_counter()
    with pytest.raises(ProjectError) as caught:
        load_project(folder)
    assert time.perf_counter() - started < 10
    assert any(p.code == "more" for p in caught.value.problems)


def test_mac_roman_sharp_s_and_capital_umlauts_are_not_read_as_signs(tmp_path):
    touchpoints = TINY["touchpoints.csv"].replace("Vertrieb,3000", "Außendienst,3000").replace(
        "Kundenforum", "Öffnungszeiten")
    project = load_project(write_project(tmp_path / "p", {**TINY, "touchpoints.csv": touchpoints.encode("mac_roman")}))
    assert "Außendienst" in set(project.touchpoints["owner"]) and "Öffnungszeiten" in names(tmp_path / "p")


def test_a_utf8_line_with_a_degree_sign_stays_utf8_beside_a_windows_line(tmp_path):
    text = TINY["touchpoints.csv"].replace("Kundenforum", "Forum 20°C")
    data = text.encode("utf-8").replace("Störungs".encode(), "Störungs".encode("cp1252"))
    assert "Forum 20°C" in names(write_project(tmp_path / "p", {**TINY, "touchpoints.csv": data}))


def test_a_lone_euro_sign_in_a_windows_file_is_not_mac_romans_capital_a_umlaut(tmp_path):
    touchpoints = TINY["touchpoints.csv"].replace("Kundenforum", "Forum €")
    assert "Forum €" in names(write_project(tmp_path / "p", {**TINY, "touchpoints.csv": touchpoints.encode("cp1252")}))


def test_a_lone_mac_euro_sign_or_dash_is_refused_as_unclear_not_read_as_a_capital():
    """Mac Roman's € (0xDB) is Windows' Û and its – (0xD0) Windows' Ð: alone in a file, no reading can be
    trusted, so both are named; beside a Mac umlaut the file reads as Mac Roman; a French À stays."""
    from tpkit.encodings import decode_text

    for text in ("Preis;5 €\n", "5 – 10;x\n"):
        decoded, problems = decode_text("t.csv", b"a;b\n" + text.encode("mac_roman"))
        assert decoded is None and problems[0].code == "encoding_unclear" and "Mac Roman" in problems[0].message("en")
    assert decode_text("t.csv", "Kanäle;5 €\n".encode("mac_roman"))[0] == "Kanäle;5 €\n"
    assert decode_text("t.csv", "À la carte;Ô\n".encode("cp1252"))[0] == "À la carte;Ô\n"


def test_a_lone_windows_euro_sign_is_not_refused_because_mac_romans_capital_a_umlaut_ties():
    """0x80 is Windows' € and Mac Roman's Ä; Mac Roman must be clearly more plausible to win, so a tie
    reads Windows (found by the property test of German Excel files)."""
    from tpkit.encodings import decode_text

    assert decode_text("t.csv", "a;b\n0;€;;x;€;0\n".encode("cp1252"))[0] == "a;b\n0;€;;x;€;0\n"
    assert decode_text("t.csv", "a;b\nÄ;Ö;Ü\n".encode("mac_roman"))[0] == "a;b\nÄ;Ö;Ü\n"


def test_windows_euro_signs_are_never_read_as_mac_romans_capital_a_umlauts():
    """A price tier ``€€€`` reads as Windows; text that would be Mac Roman only by 0x80 (``Ä`` or ``€``) is
    refused as unclear, never read as ``AÄÄÄ`` (found by the property test of German Excel files)."""
    from tpkit.encodings import decode_text

    assert decode_text("t.csv", "a;b\n0;€€€;€€€\n".encode("cp1252"))[0] == "a;b\n0;€€€;€€€\n"
    assert decode_text("t.csv", "a;b\nÄÖÜ;Müller\n".encode("mac_roman"))[0] == "a;b\nÄÖÜ;Müller\n"   # a real Mac file
    for text in ("a;b\n0;A€€€\n", "a;b\n0;€aA€€\n"):
        decoded, problems = decode_text("t.csv", text.encode("cp1252"))
        assert decoded == text or (decoded is None and problems[0].code == "encoding_unclear")


def test_a_whole_number_beyond_what_a_float_keeps_is_refused_in_a_money_column_too(tmp_path):
    """9007199254740993 would become …992 without a word; 1e20 says it is rounded and is read."""
    import pytest

    from tpkit import ProjectError
    first = TINY["segments.csv"].splitlines()[1].split(",")
    row = ",".join(first[:4] + ["9007199254740993"] + first[5:])
    segments = TINY["segments.csv"].replace(",".join(first), row)
    with pytest.raises(ProjectError) as caught:
        load_project(write_project(tmp_path / "p", {**TINY, "segments.csv": segments}))
    assert [(p.row, p.column, p.code) for p in caught.value.problems] == [(2, "revenue_per_customer", "not_finite")]


def test_messages_write_out_invisible_characters_and_name_a_missing_sheet_once(tmp_path):
    """'5\\u200b' is not a number (not an identical-looking '5'); a workbook without its segments sheet is
    told so once, by the sheet, not four times as a CSV file."""
    import openpyxl
    import pytest

    from tpkit import ProjectError, save_project

    ratings = TINY["ratings.csv"].replace("r1,web,5,", "r1,web,5\u200b,")
    with pytest.raises(ProjectError) as caught:
        load_project(write_project(tmp_path / "p", {**TINY, "ratings.csv": ratings}))
    assert "'5\\u200b' is not a number" in caught.value.report("en")
    path = tmp_path / "w.xlsx"
    save_project(load_project(write_project(tmp_path / "q", TINY)), path)
    wb = openpyxl.load_workbook(path)
    del wb["segments"]
    wb.save(path)
    with pytest.raises(ProjectError) as caught:
        load_project(path)
    missing = [p for p in caught.value.problems if p.code == "file_missing"]
    assert [p.file for p in missing] == ["w.xlsx [segments]"]


def test_a_repeated_header_with_a_byte_order_mark_and_a_scale_outcome_out_of_range_are_one_problem_each(tmp_path):
    import json

    import pytest

    from tpkit import ProjectError

    ratings = TINY["ratings.csv"] + "\ufeff" + TINY["ratings.csv"].splitlines()[0] + "\n"
    respondents = TINY["respondents.csv"].replace("r1,a,loyal,10,5", "r1,a,loyal,12,5")
    meta = json.dumps({"name": "T", "currency": "EUR", "outcome": {"kind": "scale", "low": 1, "high": 10}})
    with pytest.raises(ProjectError) as caught:
        load_project(write_project(tmp_path / "p", {**TINY, "ratings.csv": ratings, "respondents.csv": respondents,
                                                    "project.json": meta}))
    assert sorted((p.file, p.row, p.column, p.code) for p in caught.value.problems) == [
        ("ratings.csv", 7, None, "header_again"), ("respondents.csv", 2, "recommend", "above_max")]

"""Awkward survey exports: each read exactly, refused with its row, or guessed as an analyst would expect."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from tpkit import Mapping, ProjectError, guess_mapping, mapping_table, read_export, survey_tables
from tpkit.mapping import Outcome, Rating


def csv_export(text: str, name: str = "u.csv"):
    return read_export(name, data=text.encode("utf-8"))


def codes(problems) -> list[tuple]:
    return [(p.row, p.column, p.code) for p in problems]


def test_a_yes_no_outcome_coded_0_1_keeps_its_noes_beside_ratings_with_0_for_not_used():
    export = csv_export("id,Zufriedenheit gesamt,Check-in,Zimmer,Frühstück\nr1,1,4,5,0\nr2,0,2,0,3\nr3,1,5,4,4\n"
                        "r4,0,1,2,0\n")
    mapping = guess_mapping(export)
    assert (mapping.outcome.kind, mapping.outcome.positive, mapping.outcome.negative) == ("binary", ["1"], ["0"])
    assert mapping.not_applicable == ["0"]
    tables = survey_tables(export, mapping)
    assert tables.respondents["outcome"].tolist() == [1.0, 0.0, 1.0, 0.0]
    assert len(tables.ratings) == 12 - 3


def test_a_yes_no_answer_that_is_neither_is_refused_and_a_positive_list_is_required():
    export = csv_export("id,Zufriedenheit,A,B\nr1,ja,4,5\nr2,nein,2,3\nr3,teilweise,5,4\n")
    mapping = guess_mapping(csv_export("id,Zufriedenheit,A,B\nr1,ja,4,5\nr2,nein,2,3\n"))
    with pytest.raises(ProjectError) as err:
        survey_tables(export, mapping)
    assert codes(err.value.problems) == [(4, "Zufriedenheit", "not_on_scale")]
    data = mapping.to_dict()
    data["outcome"]["positive"] = "ja"
    with pytest.raises(ProjectError, match="positive"):
        Mapping.from_dict(data)


def test_a_satisfaction_on_1_to_5_with_two_answers_only_is_a_scale_not_yes_no():
    export = csv_export("id,Overall satisfaction,A,B\nr1,1,4,5\nr2,4,2,3\nr3,4,5,4\n")
    assert guess_mapping(export).outcome.kind == "scale"


def test_spss_labels_decide_yes_no_and_user_missing_codes_are_empty(tmp_path):
    import pyreadstat

    frame = pd.DataFrame({"lfdn": [1.0, 2.0, 3.0, 4.0], "gesamt": [1.0, 2.0, 2.0, 1.0],
                          "q1": [5.0, 6.0, 3.0, 4.0], "q2": [4.0, 7.0, 2.0, 5.0], "alter": [1.0, 2.0, 3.0, 5.0]})
    scale = {1.0: "Sehr unzufrieden", 2.0: "Unzufrieden", 3.0: "Weder noch", 4.0: "Zufrieden", 5.0: "Sehr zufrieden",
             6.0: "kann ich nicht beurteilen", 7.0: "keine Angabe"}
    path = tmp_path / "s.sav"
    pyreadstat.write_sav(frame, str(path), column_labels=["Nr", "Gesamtzufriedenheit", "Zufriedenheit - Check-in",
                                                          "Zufriedenheit - Zimmer", "Altersgruppe"],
                         variable_value_labels={"gesamt": {1.0: "Nein", 2.0: "Ja"}, "q1": scale, "q2": scale,
                                                "alter": {1.0: "18-29", 2.0: "30-44", 3.0: "45-59", 5.0: "75+"}},
                         missing_ranges={"q1": [6.0], "q2": [{"lo": 6.0, "hi": 9.0}]})
    export = read_export(path)
    mapping = guess_mapping(export)
    assert (mapping.outcome.positive, mapping.outcome.negative) == (["2"], ["1"])   # by the labels, not the codes
    assert [r.column for r in mapping.ratings] == ["q1", "q2"] and "alter" in mapping.segments
    tables = survey_tables(export, mapping)
    assert tables.respondents["outcome"].tolist() == [0.0, 1.0, 1.0, 0.0]
    assert sorted(tables.ratings.itertuples(index=False, name=None)) == [
        ("1", "check_in", 5.0), ("1", "zimmer", 4.0), ("3", "check_in", 3.0), ("3", "zimmer", 2.0),
        ("4", "check_in", 4.0), ("4", "zimmer", 5.0)]
    assert tables.respondents["alter"].tolist() == ["18-29", "30-44", "45-59", "75+"]   # labels, not codes
    assert export.row_number(2) == 3   # the case number


def test_a_leading_code_before_not_applicable_is_no_rating():
    export = csv_export("id,A,B\nr1,5 - sehr gut,3\nr2,6 - weiß nicht,4\nr3,1 - sehr schlecht,2\n")
    mapping = guess_mapping(export)
    assert mapping.scale == (1, 5)
    tables = survey_tables(export, mapping)
    assert tables.ratings[tables.ratings["touchpoint_id"] == "a"]["performance"].tolist() == [5.0, 1.0]


def test_rows_of_another_width_are_refused_with_their_row():
    with pytest.raises(ProjectError) as err:
        csv_export("Lfdn;NPS;Anmerkung;Check-in;Zimmer\nr1;9;gut;4;5\n\nr2;3;laut; Bett hart;2;3\nr3;8;4;5\n")
    assert codes(err.value.problems) == [(4, None, "ragged_row"), (5, None, "short_row")]


def test_the_overall_question_is_the_outcome_not_a_grid_row_and_no_touchpoint():
    export = csv_export("Zeitstempel,Wie zufrieden waren Sie? [Check-in],Wie zufrieden waren Sie? [Zimmer],"
                        "Gesamtzufriedenheit\n1.10.2026,4,5,4\n2.10.2026,2,3,2\n3.10.2026,5,4,5\n")
    mapping = guess_mapping(export)
    assert mapping.outcome.column == "Gesamtzufriedenheit" and mapping.outcome.kind == "scale"
    assert [r.name for r in mapping.ratings] == ["Check-in", "Zimmer"]
    both = csv_export("id,Weiterempfehlung,Gesamtzufriedenheit,Check-in,Zimmer,Wie wichtig ist - Check-in\n"
                      "r1,9,4,4,5,5\nr2,3,2,2,3,4\nr3,10,5,5,4,5\n")
    mapping = guess_mapping(both)
    assert mapping.outcome.column == "Weiterempfehlung" and [r.column for r in mapping.ratings] == ["Check-in", "Zimmer"]


def test_weights_are_numbers_above_zero_read_with_the_files_decimal_mark():
    export = csv_export("Nr;NPS;A;B;Gewichtungsfaktor\nr1;9;4;0;1,250\nr2;3;2;5;0,8\nr3;10;5;4;9\n")
    mapping = guess_mapping(export)
    assert mapping.weight == "Gewichtungsfaktor"
    assert survey_tables(export, mapping).respondents["weight"].tolist() == [1.25, 0.8, 9.0]
    bad = csv_export("Nr;NPS;A;B;Gewichtungsfaktor\nr1;9;4;0;-1\nr2;3;2;5;\nr3;10;5;4;1\n")
    with pytest.raises(ProjectError) as err:
        survey_tables(bad, mapping)
    assert codes(err.value.problems) == [(2, "Gewichtungsfaktor", "not_on_scale"), (3, "Gewichtungsfaktor", "cell_empty")]


@pytest.mark.parametrize("text, scale", [
    ("id,A,B\nr1,2,9\nr2,7,10\nr3,9,8\n", (1, 10)),
    ("id,A,B\nr1,0,9\nr2,6,10\nr3,1,8\n", (0, 10)),
    ("id,A,B\nr1,Poor,Excellent\nr2,Very good,Good\nr3,Fair,Good\n", (1, 5)),
])
def test_scales(text, scale):
    export = csv_export(text)
    mapping = guess_mapping(export)
    assert mapping.scale == scale and len(mapping.ratings) == 2
    if "Excellent" in text:
        values = survey_tables(export, mapping).ratings["performance"].tolist()
        assert values == [1.0, 4.0, 2.0, 5.0, 3.0, 3.0]   # poor 1, fair 2, good 3, very good 4, excellent 5


def test_a_recommendation_question_without_eights_or_tens_is_still_found():
    export = csv_export("id,NPS,A,B\nr1,9,4,5\nr2,3,2,3\nr3,3,5,4\nr4,7,4,4\n")
    assert guess_mapping(export).outcome.column == "NPS"


def test_repeated_respondent_ids_are_refused_with_both_rows():
    export = csv_export("ID,NPS,A,B\nr1,9,4,5\nr2,3,2,3\nr2,8,5,4\n")
    mapping = guess_mapping(export)
    assert mapping.respondent_id == "ID"
    with pytest.raises(ProjectError) as err:
        survey_tables(export, mapping)
    assert codes(err.value.problems) == [(4, "ID", "duplicate_id")] and err.value.problems[0].params["other"] == 3


def test_column_names_that_repeat_keep_every_column():
    export = csv_export("id,Q1,Q1,Q1 (2),,column 5\nr1,1,2,3,4,5\n")
    assert [export.cells(c) for c in export.columns] == [["r1"], ["1"], ["2"], ["3"], ["4"], ["5"]]


def test_a_title_above_the_header_and_blank_rows_keep_the_spreadsheets_row_numbers():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Gästebefragung Oktober 2026"])
    ws.append([])
    ws.append(["id", "NPS", "Check-in", "Zimmer"])
    ws.append(["r1", 9, 4, 5])
    ws.append([])
    ws.append(["r2", 3, 2, 12])
    ws.append(["r3", 10, 5, 4])
    data = io.BytesIO()
    wb.save(data)
    export = read_export("u.xlsx", data=data.getvalue())
    assert export.columns == ["id", "NPS", "Check-in", "Zimmer"] and export.rows == [4, 6, 7]
    mapping = Mapping("id", Outcome("NPS", "nps"), [Rating("Check-in", "check_in", "Check-in"),
                                                   Rating("Zimmer", "zimmer", "Zimmer")])
    with pytest.raises(ProjectError) as err:
        survey_tables(export, mapping)
    assert codes(err.value.problems) == [(6, "Zimmer", "not_on_scale")]
    assert mapping_table(export, mapping).set_index("column").loc["Zimmer", "off_scale"] == 1


def test_surveymonkey_with_numbered_answer_options_in_its_second_header_row():
    export = csv_export("Respondent ID,How likely are you to recommend us?,Which did you use?,,\n"
                        ",Response,1,2,3\n101,9,x,,x\n102,4,,x,\n")
    assert export.platform == "surveymonkey" and export.rows == [3, 4]
    assert "Which did you use? - 2" in export.columns


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"sep=", b"sep=;\n", b"\n\n"])
def test_empty_exports_are_refused_as_empty(data):
    with pytest.raises(ProjectError) as err:
        read_export("leer.csv", data=data)
    assert err.value.problems[0].code == "export_empty"


def test_the_first_sheet_with_answers_is_read():
    wb = openpyxl.Workbook()
    wb.active.title = "Info"
    ws = wb.create_sheet("Antworten")
    ws.append(["id", "NPS"])
    ws.append(["r1", 9])
    data = io.BytesIO()
    wb.save(data)
    assert read_export("u.xlsx", data=data.getvalue()).cells("NPS") == ["9"]


def test_saved_mappings_with_yaml_booleans_missing_files_and_wrong_types(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("respondent_id: id\noutcome: {column: Z, kind: binary, positive: [ja, yes], negative: [no]}\n"
                    "ratings: []\n", encoding="utf-8")
    assert Mapping.load(path).outcome.positive == ["ja", "yes"] and Mapping.load(path).outcome.negative == ["no"]
    with pytest.raises(ProjectError) as err:
        Mapping.load(tmp_path / "fehlt.json")
    assert err.value.problems[0].code == "project_missing"
    with pytest.raises(ProjectError, match="not a number"):
        Mapping.from_dict({"outcome": {"column": "x", "kind": "scale", "low": "1", "high": 5}, "ratings": []})


def test_a_weight_column_showing_both_decimal_marks_refuses_its_ambiguous_cells():
    """``1.250`` beside ``0,950``: neither mark is the column's, so 1.250 is not read as 1250 by the separator."""
    data = "id;Weiterempfehlung;Check-in;Zimmer;Gewicht\nr1;9;4;5;1.250\nr2;3;2;1;0.8\nr3;10;5;4;0,950\n".encode()
    export = read_export("w.csv", data=data)
    mapping = guess_mapping(export)
    assert mapping.weight == "Gewicht"
    with pytest.raises(ProjectError) as caught:
        survey_tables(export, mapping)
    assert [(p.row, p.column, p.code) for p in caught.value.problems] == [(2, "Gewicht", "ambiguous_number")]
    problem = caught.value.problems[0]          # (each language writes the two readings as its analysts type them)
    assert problem.message("de").startswith("„1.250“ kann 1,25 (Punkt als Dezimalzeichen) oder 1250 (Komma")
    assert problem.fix("de") == "Schreibe die Zahl ohne Tausenderpunkte oder -kommas, z. B. 1250 oder 1,25."
    assert problem.fix("en") == "Write the number without thousands separators, e.g. 1.25 or 1250."
    plain = read_export("w.csv", data=data.replace(b"0,950", b"0.950"))
    assert survey_tables(plain, guess_mapping(plain)).respondents["weight"].tolist() == [1.25, 0.8, 0.95]


def test_row_numbers_do_not_count_excels_sep_line():
    """Excel hides its ``sep=`` line: the first respondent is row 2 with or without it."""
    for before in (b"", b"sep=,\n"):
        export = read_export("e.csv", data=before + b"id,NPS,A\nr1,9,4\nr2,3,2\n")
        assert [export.row_number(i) for i in range(2)] == [2, 3]


def _read(text: str, name: str = "s.csv"):
    export = read_export(name, data=text.encode())
    mapping = guess_mapping(export)
    return mapping, survey_tables(export, mapping)


def _means(tables) -> dict[str, float]:
    return tables.ratings.groupby("touchpoint_id", sort=False)["performance"].mean().round(4).to_dict()


def test_a_scale_the_question_names_decides_over_the_answers_given():
    """0–4 (its 0 the worst answer, not "not used"), 1–7 with 0 = not used, a 1–7 outcome nobody answered
    above 5: each read as the question says (expected values counted by hand)."""
    mapping, tables = _read("id,NPS,Bewertung (0 = sehr schlecht; 4 = sehr gut) - A,Bewertung (0 = sehr schlecht; "
                            "4 = sehr gut) - B\nr1,9,4 - sehr gut,3\nr2,3,0 - sehr schlecht,0 - sehr schlecht\n"
                            "r3,10,2,4 - sehr gut\nr4,2,0 - sehr schlecht,1\n")
    assert mapping.scale == (0, 4) and _means(tables) == {"a": 1.5, "b": 2.0}
    mapping, tables = _read("id,NPS,Bewertung (1-7; 0 = nicht genutzt) - App,Bewertung (1-7; 0 = nicht genutzt) - "
                            "Hotline\nr1,9,7,0\nr2,3,0,2\nr3,10,6,7\nr4,7,5,0\n")
    assert mapping.scale == (1, 7) and _means(tables) == {"app": 6.0, "hotline": 4.5}
    mapping, _ = _read("id,Overall satisfaction (1-7),Rating - A,Rating - B\nr1,5,7,6\nr2,4,6,5\nr3,2,3,7\n"
                       "r4,5,5,4\nr5,3,7,2\n")
    assert (mapping.outcome.kind, mapping.outcome.low, mapping.outcome.high) == ("scale", 1, 7)


def test_a_yes_no_question_coded_1_and_2_and_yes_spelt_three_ways():
    mapping, tables = _read("id,Zufrieden insgesamt (1 = ja; 2 = nein),Note - Service,Note - Preis\n"
                            "r1,1,4,5\nr2,2,2,3\nr3,1,5,4\nr4,1,3,3\nr5,2,1,2\n")
    assert mapping.outcome.kind == "binary" and tables.respondents["outcome"].mean() == 0.6
    mapping, tables = _read("id,Satisfied overall?,Rating - Staff,Rating - Food,Type\nr1,Yes,4,5,Guest\n"
                            "r2,yes,2,3,Member\nr3,No,5,4,Guest\nr4,YES,3,3,Member\nr5,no,1,2,Guest\n")
    assert mapping.outcome.kind == "binary" and tables.respondents["outcome"].mean() == 0.6


def test_codes_labelled_from_best_to_worst_are_turned_round():
    """``1 - sehr gut`` … ``5 - sehr schlecht``: 1 is read as 5, so that a higher rating is better everywhere."""
    mapping, tables = _read("Nr;NPS;Beratung;Lieferung\n1;10;1 - sehr gut;1 - sehr gut\n2;9;1 - sehr gut;2 - gut\n"
                            "3;2;5 - sehr schlecht;4 - schlecht\n4;8;2 - gut;1 - sehr gut\n")
    assert [r.reversed for r in mapping.ratings] == [True, True]
    assert _means(tables) == {"beratung": 3.75, "lieferung": 4.0}
    assert Mapping.from_dict(mapping.to_dict()).ratings == mapping.ratings     # kept in a saved mapping


def test_an_unnamed_excellent_a_rarely_met_row_and_no_answer_words_in_a_segment():
    mapping, tables = _read("id,NPS,Rate (Poor - Excellent) - Staff,Rate (Poor - Excellent) - Room\n"
                            "r1,9,Very good,Good\nr2,3,Poor,Fair\nr3,10,Good,Very good\nr4,6,Fair,Poor\n")
    assert _means(tables) == {"staff": 2.5, "room": 2.5}          # Poor = 1 … Excellent = 5
    mapping, tables = _read("id,NPS,Bewertung - App,Bewertung - Hotline,Bewertung - Beschwerde\n"
                            "r1,9,7,6,\nr2,3,2,1,2\nr3,10,6,7,\nr4,5,4,3,5\n")
    assert [r.touchpoint_id for r in mapping.ratings] == ["app", "hotline", "beschwerde"] and mapping.scale == (1, 7)
    mapping, tables = _read("id,NPS,TP - A,TP - B,Reiseart\nr1,9,4,5,Privat\nr2,3,2,3,k.A.\nr3,10,5,4,keine Angabe\n"
                            "r4,7,3,3,\nr5,0,1,2,Firma\n")
    assert tables.respondents["Reiseart"].tolist() == ["Privat", None, None, None, "Firma"]
    mapping, tables = _read("id,NPS,TP - A,TP - B,Region\nr1,9,4,5,NA\nr2,3,2,3,k.A.\nr3,10,5,4,EU\nr4,7,3,3,n/a\n"
                            "r5,0,1,2,APAC\n")
    assert tables.respondents["Region"].tolist() == ["NA", None, "EU", None, "APAC"]     # NA: North America


def test_satisfaction_with_each_touchpoint_is_no_outcome():
    mapping, _ = _read("id,Zufriedenheit mit dem Check-in,Zufriedenheit mit dem Zimmer,Zufriedenheit mit dem "
                       "Frühstück,Reiseart\nr1,5,4,3,Privat\nr2,2,3,1,Firma\nr3,4,5,5,Privat\nr4,1,2,4,Firma\n")
    assert mapping.outcome is None


#: SPSS value labels from best to worst.
BEST_FIRST = {1.0: "sehr zufrieden", 2.0: "zufrieden", 3.0: "teils/teils", 4.0: "unzufrieden", 5.0: "sehr unzufrieden"}


def _spss(path, columns: dict[str, tuple[str, list[float]]], labelled: list[str]):
    """An SPSS file at ``path`` of ``columns`` (name → question, codes), ``labelled`` ones with :data:`BEST_FIRST`."""
    import pyreadstat

    frame = pd.DataFrame({name: codes for name, (_, codes) in columns.items()})
    pyreadstat.write_sav(frame, str(path), column_labels=[question for question, _ in columns.values()],
                         variable_value_labels={name: BEST_FIRST for name in labelled})
    return read_export(path)


def test_spss_value_labels_from_best_to_worst_turn_the_codes_round(tmp_path):
    export = _spss(tmp_path / "r.sav", {"lfdn": ("Laufende Nummer", [1.0, 2.0, 3.0, 4.0]),
                                        "q1": ("Weiterempfehlung", [10.0, 9.0, 2.0, 8.0]),
                                        "q2_1": ("Zufriedenheit - Beratung", [1.0, 1.0, 5.0, 2.0]),
                                        "q2_2": ("Zufriedenheit - Lieferung", [1.0, 2.0, 4.0, 1.0])}, ["q2_1", "q2_2"])
    tables = survey_tables(export, guess_mapping(export))
    assert _means(tables) == {"beratung": 3.75, "lieferung": 4.0}


def test_school_grades_yes_no_written_as_codes_and_plain_columns_beside_a_grid():
    """School grades run from best to worst (1 = sehr gut, 6 = ungenügend: read as 7 − grade on 1–6); "1 = ja"
    written in the cells is a yes/no; a 0/1 and a category column beside a rating grid are no ratings."""
    mapping, tables = _read("id,NPS,Schulnote (1-6) - Mathe,Schulnote (1-6) - Deutsch\nr1,9,1,2\nr2,3,4,5\nr3,8,2,3\n"
                            "r4,6,3,2\nr5,7,3,4\n")
    assert mapping.scale == (1, 6) and [r.reversed for r in mapping.ratings] == [True, True]
    assert _means(tables) == {"mathe": 4.4, "deutsch": 3.8}
    mapping, tables = _read("id,NPS,Service,Preis\nr1,9,1 - sehr gut,2 - gut\nr2,3,6 - ungenügend,5 - mangelhaft\n"
                            "r3,8,3 - befriedigend,4 - ausreichend\n")
    assert mapping.scale == (1, 6) and _means(tables) == {"service": round(11 / 3, 4), "preis": round(10 / 3, 4)}
    mapping, tables = _read("id,Zufrieden insgesamt,Bewertung - Service,Bewertung - Preis\nr0,1 = ja,4,5\n"
                            "r1,2 = nein,2,3\nr2,1 = ja,5,4\nr3,2 = nein,3,3\n")
    assert mapping.outcome.kind == "binary" and tables.respondents["outcome"].tolist() == [1.0, 0.0, 1.0, 0.0]
    mapping, _ = _read("id,Weiterempfehlung,Bewertung - Zimmer,Bewertung - Essen,Stammgast,Kategorie\n"
                       "r1,9,4,5,1,3\nr2,3,2,1,0,1\nr3,10,5,4,1,3\nr4,8,3,4,0,2\nr5,6,1,2,1,1\n")
    assert [r.column for r in mapping.ratings] == ["Bewertung - Zimmer", "Bewertung - Essen"]
    assert mapping.not_applicable == []


def test_yes_and_no_named_in_the_question_leave_answers_written_as_words_alone():
    mapping, tables = _read("id,Gesamtzufriedenheit (1 = ja; 2 = nein),A - x,A - y\nr1,ja,4,5\nr2,nein,2,3\n"
                            "r3,Ja,5,4\n")
    assert (mapping.outcome.positive, mapping.outcome.negative) == (["ja"], ["nein"])
    assert tables.respondents["outcome"].tolist() == [1.0, 0.0, 1.0]


def test_an_overall_satisfaction_coded_from_best_to_worst_is_turned_round(tmp_path):
    """``1 = sehr zufrieden`` … ``5 = sehr unzufrieden`` as the outcome: 1 is read as 5, as for ratings, so that a
    touchpoint that goes with satisfied customers drives the outcome up, not down."""
    text = ('Nr;"Gesamtzufriedenheit (1 = sehr zufrieden; 5 = sehr unzufrieden)";Zufriedenheit - Beratung;'
            "Zufriedenheit - Lieferung\n1;1;5;4\n2;2;4;4\n3;5;1;2\n4;4;2;1\n5;1;5;5\n")
    mapping, tables = _read(text)
    assert (mapping.outcome.kind, mapping.outcome.reversed) == ("scale", True)
    assert tables.respondents["outcome"].tolist() == [5.0, 4.0, 1.0, 2.0, 5.0]      # 6 − code
    assert Mapping.from_dict(mapping.to_dict()).outcome == mapping.outcome           # kept in a saved mapping
    saved = mapping.to_dict()
    saved["outcome"]["reversed"] = 1                                                   # as a hand edit writes it
    assert Mapping.from_dict(saved).outcome.reversed is True
    saved["outcome"]["reversed"] = "vielleicht"                                        # neither: named, not "no"
    with pytest.raises(ProjectError, match="reversed.*true or false.*vielleicht"):
        Mapping.from_dict(saved)
    from tpkit.guess import mapping_from_roles, roles_of

    export = csv_export(text)
    column = mapping.outcome.column
    as_coded = mapping_from_roles(export, roles_of(mapping), base=mapping, outcome_kind="scale",
                                  reversed_={column: False})                         # the analyst says otherwise
    assert survey_tables(export, as_coded).respondents["outcome"].tolist() == [1.0, 2.0, 5.0, 4.0, 1.0]
    export = _spss(tmp_path / "z.sav", {"lfdn": ("Laufende Nummer", [1.0, 2.0, 3.0, 4.0]),       # as SPSS labels
                                        "zuf": ("Gesamtzufriedenheit", [1.0, 2.0, 5.0, 4.0]),
                                        "q2_1": ("Bewertung - Beratung", [5.0, 4.0, 1.0, 2.0]),
                                        "q2_2": ("Bewertung - Lieferung", [4.0, 4.0, 2.0, 1.0])}, ["zuf"])
    mapping = guess_mapping(export)
    assert (mapping.outcome.column, mapping.outcome.reversed) == ("zuf", True)
    assert survey_tables(export, mapping).respondents["outcome"].tolist() == [5.0, 4.0, 1.0, 2.0]


@pytest.mark.parametrize("question, answers, expected", [
    ("Aussage (1 = trifft voll zu; 5 = trifft gar nicht zu)", [1, 2, 5, 4, 3], [5, 4, 1, 2, 3]),
    ("Aussage (1 = trifft gar nicht zu; 5 = trifft voll zu)", [1, 2, 5, 4, 3], [1, 2, 5, 4, 3]),
    ("Gesamtnote (1-6)", [1, 2, 6, 4, 3], [6, 5, 1, 3, 4]),
    ("Overall satisfaction (1 = Very satisfied, 5 = Very dissatisfied)", [1, 2, 5, 4, 3], [5, 4, 1, 2, 3]),
])
def test_an_outcome_runs_the_way_its_question_says(question, answers, expected):
    """An agreement scale labelled from "trifft voll zu", a German overall grade, English labels from best to
    worst: the outcome reads as the question says (values counted by hand)."""
    from tpkit.guess import mapping_from_roles, roles_of

    rows = "".join(f"r{i};{a};{1 + (a + i) % 5};{1 + (2 * a + i) % 5}\n" for i, a in enumerate(answers))
    export = csv_export(f'id;"{question}";Bewertung - Beratung;Bewertung - Lieferung\n{rows}')
    base = guess_mapping(export)                                   # (the analyst names it the outcome, a scale)
    mapping = mapping_from_roles(export, {**roles_of(base), question: "outcome"}, base=base, outcome_kind="scale")
    assert survey_tables(export, mapping).respondents["outcome"].tolist() == expected


def test_trifft_zu_beside_trifft_nicht_zu_is_no_rating_scale():
    """The words of an agreement scale do not make a yes/no column ("trifft zu" / "trifft nicht zu") a rating."""
    answers = "".join(f"r{i};{i % 11};{1 + i % 5};{1 + (i * 2) % 5};{'trifft zu' if i % 3 else 'trifft nicht zu'}\n"
                      for i in range(12))
    mapping, _ = _read("id;NPS;Check-in;Zimmer;Stammgast?\n" + answers)
    assert [r.column for r in mapping.ratings] == ["Check-in", "Zimmer"] and mapping.segments == ["Stammgast?"]

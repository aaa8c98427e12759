"""Survey exports of every platform become the same tidy tables, by a mapping tpkit proposes.

Each fixture (tests/survey_exports.py) holds the same six respondents; the tables read from it are
checked against those answers cell by cell.
"""

from __future__ import annotations


import pytest
from hypothesis import given
from hypothesis import strategies as st

import survey_exports as se
from tpkit import Mapping, ProjectError, guess_mapping, read_export, survey_tables
from tpkit.mapping import NOT_APPLICABLE, NA_KEYS, answer_code, slug

NAMES = {"Room": "Zimmer", "Breakfast": "Frühstück"}


def exports(tmp_path):
    spss = se.spss(tmp_path / "survey.sav")
    return {
        "csv": ("umfrage.csv", se.plain_csv_german()),
        "excel": ("umfrage.xlsx", se.workbook()),
        "qualtrics": ("qualtrics.csv", se.qualtrics()),
        "surveymonkey": ("surveymonkey.csv", se.surveymonkey()),
        "limesurvey": ("limesurvey.csv", se.limesurvey()),
        "google_forms": ("forms.csv", se.google_forms()),
        "spss": ("survey.sav", spss.read_bytes()),
    }


@pytest.mark.parametrize("platform", ["csv", "excel", "qualtrics", "surveymonkey", "limesurvey", "google_forms", "spss"])
def test_every_platform_reads_back_the_answers(platform, tmp_path):
    name, data = exports(tmp_path)[platform]
    export = read_export(name, data=data)
    assert export.platform == platform
    mapping = guess_mapping(export)
    assert mapping.outcome is not None and mapping.outcome.kind == "nps"
    assert [NAMES.get(r.name, r.name) for r in mapping.ratings] == list(se.TOUCHPOINTS)
    assert mapping.scale == (1, 5)
    tables = survey_tables(export, mapping)
    assert tables.respondents["outcome"].tolist() == [float(p[1]) for p in se.PEOPLE]
    order = {p[0]: i for i, p in enumerate(se.PEOPLE)}
    ids = tables.respondents["respondent_id"].tolist()
    names = {r.touchpoint_id: NAMES.get(r.name, r.name) for r in mapping.ratings}
    got = {(se.PEOPLE[ids.index(r.respondent_id)][0], names[r.touchpoint_id]): r.performance
           for r in tables.ratings.itertuples()}
    assert got == {k: float(v) for k, v in se.EXPECTED_RATINGS.items()}   # "not used" is never a rating
    assert len(order) == len(ids)
    travel = [c for c in mapping.segments if tables.respondents[c].nunique() == 2]
    assert travel, mapping.segments


def test_platform_layouts(tmp_path):
    found = exports(tmp_path)
    qualtrics = read_export("q.csv", data=found["qualtrics"][1])
    assert qualtrics.platform == "qualtrics" and qualtrics.row_number(0) == 4
    assert qualtrics.questions["Q2_1"] == "How satisfied were you with the following? - Check-in"
    monkey = read_export("s.csv", data=found["surveymonkey"][1])
    assert "How satisfied were you with: - Room" in monkey.columns and monkey.row_number(0) == 3
    spss = read_export("survey.sav", data=found["spss"][1])
    assert spss.labels["q2_1"]["5"] == "Sehr zufrieden" and spss.questions["q1"].startswith("Wie wahrscheinlich")


def test_a_binary_outcome_without_a_recommendation_question():
    export = read_export("passengers.csv", data=se.passenger_survey())
    mapping = guess_mapping(export)
    assert (mapping.outcome.column, mapping.outcome.kind, mapping.outcome.positive) == ("satisfaction", "binary",
                                                                                       ["satisfied"])
    assert mapping.loyalty == "Customer Type" and mapping.not_applicable == ["0"]
    assert [r.touchpoint_id for r in mapping.ratings] == ["inflight_wifi_service", "online_boarding", "seat_comfort",
                                                         "food_and_drink"]
    assert "Age" not in mapping.segments and {"Type of Travel", "Class"} <= set(mapping.segments)
    tables = survey_tables(export, mapping)
    assert tables.respondents["outcome"].tolist() == [1.0, 0.0, 1.0, 0.0, 1.0, 0.0]
    assert len(tables.ratings) == 24 - 2        # two zeros: not applicable, not a rating of 0
    assert tables.ratings["performance"].between(1, 5).all()


def test_the_mapping_is_saved_and_read_the_same(tmp_path):
    export = read_export("forms.csv", data=se.google_forms())
    mapping = guess_mapping(export)
    for name in ("mapping.json", "mapping.yaml"):
        path = mapping.save(tmp_path / name)
        assert Mapping.load(path) == mapping
        assert survey_tables(export, path).ratings.equals(survey_tables(export, mapping).ratings)
    assert "Frühstück" in (tmp_path / "mapping.json").read_text(encoding="utf-8")   # umlauts kept


def test_answers_off_the_scale_are_refused_with_their_row():
    data = se.limesurvey().decode().replace("\r\n2,2026-10-01 10:05:00,3,de,123,3,2,3,", "\r\n2,2026-10-01 10:05:00,3,de,123,3,2,7,")
    export = read_export("lime.csv", data=data.encode())
    mapping = guess_mapping(read_export("lime.csv", data=se.limesurvey()))
    with pytest.raises(ProjectError) as err:
        survey_tables(export, mapping)
    [problem] = err.value.problems
    assert (problem.row, problem.column, problem.code) == (3, "Bitte bewerten Sie [Zimmer]", "not_on_scale")
    assert "7" in problem.message("en") and "1–5" in problem.message("de")


def test_a_mapping_naming_a_missing_column_is_refused():
    export = read_export("forms.csv", data=se.google_forms())
    data = guess_mapping(export).to_dict()
    data["segments"] = ["Reisart"]
    with pytest.raises(ProjectError) as err:
        survey_tables(export, data)
    assert err.value.problems[0].code == "mapping_column" and "Reiseart" in err.value.problems[0].fix_params["columns"]
    with pytest.raises(ProjectError):
        Mapping.from_dict({"outcome": {"column": "x", "kind": "ces"}, "ratings": []})


def test_slugs_are_stable_ascii():
    assert slug("Frühstück") == "fruehstueck" and slug("Frühstück") == slug("Fru\u0308hstu\u0308ck")
    assert slug("WLAN / Wi-Fi") == "wlan_wi_fi"


@given(st.integers(-5, 15), st.sampled_from(["", " - sehr gut", " = gut", ". Extremely likely"]))
def test_answer_codes_read_the_number_before_a_label(code, label):
    assert answer_code(f"{code}{label}", labels={}, not_applicable=set()) == float(code)


@given(st.sampled_from(NOT_APPLICABLE), st.sampled_from(["", " ", "  "]))
def test_not_applicable_answers_are_never_codes(word, pad):
    assert answer_code(pad + word.upper() + pad, labels={}, not_applicable=NA_KEYS) is None

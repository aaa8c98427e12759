"""Survey exports of every platform straight into a project the analyses and dashboards work on."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import survey_exports as se
from test_survey_import import NAMES, exports
from tpkit import (ModelError, ProjectError, guess_mapping, key_drivers, load_project, read_export, read_survey,
                   save_project)
from tpkit import evaluation, inventory
from tpkit.scenario import ChangePerformance, RemoveTouchpoint, Scenario, simulate


@pytest.mark.parametrize("platform", ["csv", "excel", "qualtrics", "surveymonkey", "limesurvey", "google_forms", "spss"])
def test_every_platform_becomes_a_project_with_the_answers(platform, tmp_path):
    name, data = exports(tmp_path)[platform]
    export = read_export(name, data=data)
    project = read_survey(export, guess_mapping(export))
    assert sorted(project.respondents["recommend"].tolist()) == sorted(p[1] for p in se.PEOPLE)
    names = dict(zip(project.touchpoints["touchpoint_id"], project.touchpoints["name"]))
    assert [NAMES.get(n, n) for n in project.touchpoints["name"]] == list(se.TOUCHPOINTS)
    assert len(project.ratings) == len(se.EXPECTED_RATINGS)
    assert (project.touchpoints[["phase", "channel", "contact", "kind"]] == "unknown").all().all()
    assert project.touchpoints["annual_cost"].isna().all()
    ratings = {NAMES.get(names[t], names[t]): sorted(g["performance"].tolist())
               for t, g in project.ratings.groupby("touchpoint_id")}
    expected = {tp: sorted(v for (p, t), v in se.EXPECTED_RATINGS.items() if t == tp) for tp in se.TOUCHPOINTS}
    assert ratings == expected
    again = load_project(save_project(project, tmp_path / "saved"))      # the usual project folder
    pd.testing.assert_frame_equal(again.ratings, project.ratings)


def test_the_sample_export_is_analysed_like_a_project(tmp_path):
    from tpkit.datasets import sample_export

    export = read_export(sample_export("hotel_qualtrics.csv"))
    project = read_survey(export, guess_mapping(export))
    assert set(project.segments["name"]) == {"Business", "Leisure"}
    overall = evaluation.nps(project.respondents).iloc[0]
    recommend = project.respondents["recommend"].astype(float)
    assert overall["nps"] == pytest.approx(100 * ((recommend >= 9).mean() - (recommend <= 6).mean()))
    drivers = key_drivers(project, n_boot=0)
    assert drivers["weight"].notna().sum() == 6 and drivers["method"].iloc[0] == "shapley"
    assert inventory.inventory_summary(project).set_index("metric").loc["unknown_journey", "value"] == 6
    assert evaluation.segment_performance(project, by="segment_id")["segment_id"].nunique() == 2
    result = simulate(project, Scenario("no spa", (RemoveTouchpoint("spa"),)))
    assert ("note.no_substitute", {"touchpoint": "spa"}) in result.notes
    assert ("note.cost_unknown", {"touchpoint": "spa"}) in result.notes


def test_ratings_on_a_seven_point_scale_keep_their_scale(tmp_path):
    from tpkit.strategy import target_levels

    seven = read_export("s.csv", data=b"id,NPS,A,B\nr1,9,7,6\nr2,3,2,3\nr3,10,5,4\nr4,8,6,1\nr5,6,3,2\n")
    project = read_survey(seven, guess_mapping(seven))
    assert (project.rating_scale.low, project.rating_scale.high) == (1, 7)
    assert sorted(project.ratings["performance"].tolist()) == [1, 2, 2, 3, 3, 4, 5, 6, 6, 7]   # as answered
    again = load_project(save_project(project, tmp_path / "s"))
    assert again.rating_scale == project.rating_scale
    # the what-if's worst experience is the scale's 1, a performance change stops at its 7
    result = simulate(project, Scenario("up", (ChangePerformance("a", 5.0),)))
    assert result.kpis is not None
    from tpkit.scenario import apply_changes
    state = apply_changes(project, Scenario("up", (ChangePerformance("a", 5.0),)))
    assert state.performance[:, 0].max() == 7.0
    targets = target_levels(project)
    assert targets["target"].max() <= 7
    with pytest.raises(ModelError, match="between 1 and 7"):
        target_levels(project, overrides=pd.DataFrame({"segment_id": [project.segments["segment_id"].iloc[0]],
                                                        "touchpoint_id": ["a"], "target": [8.0]}))
    mapping = guess_mapping(seven).to_dict()
    with pytest.raises(ModelError, match="0–10"):
        read_survey(seven, {**mapping, "scale": [1, 12]})


def test_half_points_are_refused_with_their_row_never_rounded():
    export = read_export("h.csv", data=b"id,NPS,A,B\nr1,9,4,5\nr2,3,2.5,3\nr3,10,5,4\n")
    mapping = guess_mapping(read_export("h.csv", data=b"id,NPS,A,B\nr1,9,4,5\nr2,3,2,3\nr3,10,5,4\n"))
    with pytest.raises(ProjectError) as err:
        read_survey(export, mapping)
    assert [(p.row, p.column, p.code) for p in err.value.problems] == [(3, "A", "not_integer")]


def test_respondents_without_a_segment_answer_form_their_own_segment():
    export = read_export("g.csv", data="id,NPS,A,B,Reiseart\nr1,9,4,5,Geschäftlich\nr2,3,2,3,\nr3,10,5,4,Privat\n"
                         .encode())
    project = read_survey(export, guess_mapping(export))
    assert dict(zip(project.segments["segment_id"], project.segments["name"])) == {
        "geschaeftlich": "Geschäftlich", "privat": "Privat", "not_given": "(keine Angabe)"}
    assert project.respondents["segment_id"].tolist() == ["geschaeftlich", "not_given", "privat"]
    assert project.respondents["reiseart"].tolist() == ["Geschäftlich", "", "Privat"]   # an extra column: text


@pytest.mark.parametrize("sample", ["hotel_qualtrics.csv", "passagiere.csv"])
def test_the_dashboards_open_an_imported_survey(sample):
    """The overview, evaluation and what-if dashboards draw an imported survey (unknown journey facts,
    no costs, no loyalty; a 0–10 or a yes/no outcome) as they draw the samples."""
    from tpkit.datasets import sample_export
    from tpkit.ui.evaluation import evaluation_app
    from tpkit.ui.overview import overview_app
    from tpkit.ui.whatif import WhatIfApp

    export = read_export(sample_export(sample))
    project = read_survey(export, guess_mapping(export))
    apps = (overview_app("en"), evaluation_app("en"), WhatIfApp("en"))
    for app in apps:
        key = "upload:hotel.zip"   # as an upload would add it
        app.picker.projects[key], app.picker.upload_names[key] = project, "hotel.zip"
        app.picker.relabel()
        app.picker.project_dd.value = key
        for panels in [p for p in vars(app).values() if hasattr(p, "panels") and hasattr(p, "widget")]:
            if getattr(panels, "tabs", False):
                for i in range(len(panels.panels)):
                    panels.widget.selected_index = i        # every tab draws
        assert "error" not in str(getattr(app, "message", None) and app.message.value).lower()
    if project.outcome.kind == "binary":   # no NPS anywhere: the share positive in its place
        assert "NPS" not in apps[1].kpis.value and "share_positive" in apps[1].kpis.value
        assert "data-kpi='promoter_share'" in apps[2].cards.html.value and "NPS" not in apps[2].cards.html.value
        effects = apps[2].tabs.panels[0].effects.value
        assert "Share positive" in apps[2].cards.html.value and "Share positive" in effects and "NPS" not in effects


def test_a_survey_export_uploaded_to_a_dashboard_shows_its_mapping_then_becomes_a_project():
    """The upload of every dashboard takes a survey export: the proposed roles as widgets, changed by the
    analyst, then the project; a yes/no survey shows its share positive, not an NPS."""
    from tpkit.datasets import sample_export
    from tpkit.ui.evaluation import evaluation_app

    app = evaluation_app("en")
    data = sample_export("hotel_qualtrics.csv").read_bytes()
    app.picker._on_upload({"new": [{"name": "hotel_qualtrics.csv", "content": data}]})
    survey = app.picker.survey
    assert survey.widget.layout.display == "" and survey.kind.value == "nps" and survey.scale.value == (1, 5)
    assert {c for c, (role, _, _) in survey.rows.items() if role.value == "rating"} == {f"Q2_{k}" for k in range(1, 7)}
    survey.rows["Q2_5"][0].value = "ignored"                      # the spa is left out
    survey.rows["Q2_1"][1].value = "Website & Buchung"            # and a touchpoint renamed
    survey.read()
    project = app.picker.current_project()
    assert app.picker.project_dd.value == "upload:hotel_qualtrics.csv" and survey.widget.layout.display == "none"
    assert len(project.touchpoints) == 5 and "Website & Buchung" in set(project.touchpoints["name"])
    assert "spa" not in set(project.ratings["touchpoint_id"])
    passengers = (sample_export("passagiere.csv")).read_bytes()
    app.picker._on_upload({"new": [{"name": "passagiere.csv", "content": passengers}]})
    app.picker.survey.read()
    yes_no = app.picker.current_project()
    assert yes_no.outcome.kind == "binary" and app.picker.survey.status.value == ""
    assert "data-kpi='share_positive'" in app.kpis.value and "NPS" not in app.kpis.value
    app.picker._on_upload({"new": [{"name": "kaputt.csv", "content": b"a;b\n1;2;3\n"}]})
    assert [(p.row, p.code) for p in app.picker.error.problems] == [(2, "ragged_row")]
    assert "tp-errors" in app.picker.status.value


def test_what_the_review_found_is_refused_or_kept():
    """Answers kept under a name of their own, one column with one role, a 0–5 question is no 0–10 outcome,
    a mapping without ratings is said as such."""
    from tpkit.guess import mapping_from_roles, roles_of

    export = read_export("x.csv", data=b"id,NPS,A,B,Loyalty,Region,Segment ID\nr1,9,4,5,Stammkunde,Nord,x\n"
                         b"r2,3,2,3,Erstkunde,Sued,y\nr3,10,5,4,Gold,Nord,x\n")
    mapping = guess_mapping(export)
    project = read_survey(export, mapping)
    assert project.respondents["loyalty"].tolist() == ["Stammkunde", "Erstkunde", "Gold"]   # its own words, kept
    assert project.loyalty_levels == ("Stammkunde", "Erstkunde", "Gold")
    assert {"region", "segment_id_2"} <= set(project.respondents.columns)
    twice = mapping.to_dict()
    twice["segments"] = ["NPS"] + twice["segments"]
    with pytest.raises(ProjectError, match="two roles: NPS"):
        read_survey(export, twice)
    with pytest.raises(ModelError, match="role 'outcome'"):
        mapping_from_roles(export, {**roles_of(mapping), "A": "outcome"}, base=mapping)
    low = read_export("l.csv", data=b"id,NPS,A,B\n" + b"".join(f"r{i},{i % 5},3,4\n".encode() for i in range(8)))
    high = read_export("h.csv", data=b"id,NPS,A,B\nr1,9,3,4\nr2,2,4,5\nr3,10,5,3\n")
    with pytest.raises(ModelError, match="between 0 and 4"):
        read_survey(low, guess_mapping(high))
    with pytest.raises(ModelError, match="no touchpoint rating"):
        read_survey(export, {**mapping.to_dict(), "ratings": []})


def test_the_budget_and_the_leverage_of_an_imported_survey_count_every_segment():
    from tpkit.datasets import sample_export
    from tpkit.optimize import leverage

    export = read_export(sample_export("hotel_qualtrics.csv"))
    top = leverage(read_survey(export, guess_mapping(export))).iloc[0]   # no segment is "desired": all count
    assert top["customers"] > 0


def test_a_yes_no_survey_becomes_a_project_whose_headline_is_the_share_positive(tmp_path):
    passengers = read_export("p.csv", data=se.passenger_survey())
    project = read_survey(passengers, guess_mapping(passengers))
    assert (project.outcome.kind, project.outcome.label) == ("binary", "satisfaction")
    # satisfied: passengers 1, 3, 5 of 6 → stored 1; the others 0
    assert project.respondents.sort_values("respondent_id")["recommend"].tolist() == [1, 0, 1, 0, 1, 0]
    row = evaluation.headline(project.respondents, outcome=project.outcome, min_n=1).iloc[0]
    assert (row["figure"], row["n"], row["value"]) == ("share_positive", 6, 0.5)
    again = load_project(save_project(project, tmp_path / "p"))
    assert again.outcome == project.outcome
    assert json.loads((tmp_path / "p" / "project.json").read_text(encoding="utf-8"))["outcome"] == {
        "kind": "binary", "label": "satisfaction"}


def test_a_satisfaction_scale_outcome_keeps_its_points_and_range():
    export = read_export("c.csv", data="id;Zufriedenheit gesamt;WLAN;Frühstück\nr1;7;4;5\nr2;2;2;3\nr3;5;5;4\nr4;6;3;4\n"
                         .encode("utf-8"))
    mapping = guess_mapping(export).to_dict()
    mapping["outcome"] = {"column": "Zufriedenheit gesamt", "kind": "scale", "low": 1, "high": 7}
    project = read_survey(export, mapping)
    assert (project.outcome.kind, project.outcome.low, project.outcome.high) == ("scale", 1, 7)
    row = evaluation.headline(project.respondents, outcome=project.outcome, min_n=1).iloc[0]
    assert row["value"] == 5.0 and row["top2"] == 0.5          # (7 + 2 + 5 + 6)/4; 6 and 7 are the top-2 box
    with pytest.raises(ModelError, match="0–10"):
        read_survey(export, {**mapping, "outcome": {**mapping["outcome"], "low": 1, "high": 11}})


def test_a_weight_column_enters_the_project_and_its_estimates(tmp_path):
    export = read_export("w.csv", data=b"id;NPS;A;B;Gewicht\nr1;9;4;5;1,2\nr2;3;2;3;0,8\nr3;10;5;4;1\n")
    mapping = guess_mapping(export)
    assert mapping.weight == "Gewicht"
    project = read_survey(export, mapping)
    assert project.respondents["weight"].tolist() == [1.2, 0.8, 1.0]
    row = evaluation.headline(project.respondents, outcome=project.outcome, min_n=1).iloc[0]
    # promoters r1 (1.2) and r3 (1.0), detractor r2 (0.8): NPS = 100 · (2.2 − 0.8)/3
    assert abs(row["value"] - 100 * 1.4 / 3) < 1e-9 and row["n"] == 3 and row["n_eff"] < 3
    perf = evaluation.performance(project, min_n=1).set_index("touchpoint_id")
    assert abs(perf.loc["a", "performance"] - (1.2 * 4 + 0.8 * 2 + 1.0 * 5) / 3) < 1e-12
    assert load_project(save_project(project, tmp_path / "w")).respondents["weight"].tolist() == [1.2, 0.8, 1.0]


def test_segment_answers_that_differ_only_in_case_or_spaces_are_one_segment():
    export = read_export("g.csv", data="id,NPS,A,B,Reiseart\nr1,9,4,5,Privat\nr2,3,2,3,privat \nr3,10,5,4,Geschäftlich\n"
                         "r4,8,3,3,  \n".encode("utf-8"))
    project = read_survey(export, guess_mapping(export))
    assert project.segments.set_index("segment_id")["name"].to_dict() == {
        "privat": "Privat", "geschaeftlich": "Geschäftlich", "not_given": "(keine Angabe)"}
    assert project.respondents["segment_id"].tolist() == ["privat", "privat", "geschaeftlich", "not_given"]


def test_the_budget_optimiser_says_why_an_imported_survey_gets_no_plan():
    from tpkit.datasets import sample_export
    from tpkit.optimize import optimize_budget

    export = read_export(sample_export("hotel_qualtrics.csv"))
    optimum = optimize_budget(read_survey(export, guess_mapping(export)), budget=10_000)
    assert optimum.chosen.empty and optimum.summary["why_none"] == ["no_measures", "no_costs"]


def test_other_segmentations_read_in_one_spelling_too():
    export = read_export("r.csv", data="id,NPS,A,B,Reiseart,Region\nr1,9,4,5,Privat,Nord\nr2,3,2,3,Privat,nord \n"
                         "r3,10,5,4,Geschäftlich,Süd\n".encode("utf-8"))
    project = read_survey(export, guess_mapping(export))
    assert project.respondents["region"].tolist() == ["Nord", "Nord", "Süd"]
    assert sorted(evaluation.headline(project.respondents, by="region", min_n=1)["group"]) == ["Nord", "Süd"]


def test_a_yes_no_projects_incidents_name_negative_and_positive_answers():
    from dataclasses import replace

    from tpkit import OutcomeSpec, load_sample, with_tables
    from tpkit.ui.evaluation import IncidentPanel

    hotel = load_sample("hotel")
    yes_no = replace(with_tables(hotel, respondents=hotel.respondents.assign(
        recommend=(hotel.respondents["recommend"] >= 9).astype("Int64"))), outcome=OutcomeSpec("binary", 0, 1))
    panel = IncidentPanel()
    panel.show(yes_no, lang="en", segment=None)
    assert "negative answers" in panel.html.value and "detractor" not in panel.html.value.lower()
    table = evaluation.incidents(yes_no).set_index("touchpoint_id")
    rated = hotel.ratings.merge(yes_no.respondents, on="respondent_id")
    wifi_no = rated[(rated["touchpoint_id"] == "wifi") & (rated["recommend"] == 0)]
    assert table.loc["wifi", "n_detractors"] == len(wifi_no)          # the "no" answers, not NPS detractors



@pytest.mark.parametrize("kind", ["binary", "scale"])
def test_removing_the_strongest_driver_lowers_the_outcome_of_a_yes_no_or_scale_survey(kind):
    """The what-if on a yes/no outcome (share positive, a linear probability) and on a satisfaction scale
    (mean and top-2 box): closing the touchpoint that drives the outcome most lowers it, never by exactly 0."""
    from tpkit.datasets import sample_export
    from tpkit.scenario import headline_metric

    export = read_export(sample_export("passagiere.csv"))
    mapping = guess_mapping(export)
    if kind == "scale":   # the same passengers with a 1–5 satisfaction made from their yes/no and ratings
        project = read_survey(export, mapping)
        answers = project.ratings.groupby("respondent_id")["performance"].mean().round().astype("Int64")
        respondents = project.respondents.assign(recommend=project.respondents["respondent_id"].map(answers))
        from dataclasses import replace
        from tpkit import OutcomeSpec, with_tables
        project = replace(with_tables(project, respondents=respondents), outcome=OutcomeSpec("scale", 1, 5))
    else:
        project = read_survey(export, mapping)
    strongest = key_drivers(project, n_boot=0).iloc[0]["touchpoint_id"]
    result = simulate(project, Scenario("close", (RemoveTouchpoint(strongest),)))
    metric = headline_metric(project.outcome)
    delta = result.value(metric, column="delta")
    assert delta < 0, (metric, delta)
    if kind == "binary":
        share = result.value("promoter_share", column="baseline")
        answered = project.respondents["recommend"].dropna()
        assert abs(share - answered.mean()) < 0.02      # the baseline is the survey's share positive (by segment)


def test_a_constant_outcome_is_said_never_a_measured_zero(tmp_path):
    from tpkit import load_sample, with_tables
    from tpkit.ui.evaluation import evaluation_app

    hotel = load_sample("hotel")
    same = with_tables(hotel, respondents=hotel.respondents.assign(recommend=8))
    drivers = key_drivers(same, n_boot=0)
    assert drivers["weight"].isna().all() and drivers["small"].all() and drivers["r2"].isna().all()
    app = evaluation_app("en")
    app.picker.projects["upload:same.zip"], app.picker.upload_names["upload:same.zip"] = same, "same.zip"
    app.picker.relabel()
    app.picker.project_dd.value = "upload:same.zip"
    assert "Every answer to the outcome question is the same (8)" in app.notice.value


def test_stated_importance_is_an_optional_column(tmp_path):
    import shutil

    from tpkit.datasets import sample_path

    folder = tmp_path / "h"
    shutil.copytree(sample_path("hotel"), folder)
    ratings = (folder / "ratings.csv").read_text(encoding="utf-8").splitlines()
    header = ratings[0].split(",")
    k = header.index("importance")
    (folder / "ratings.csv").write_text("\n".join(",".join(c for i, c in enumerate(line.split(",", len(header) - 1))
                                                           if i != k) for line in ratings) + "\n", encoding="utf-8")
    project = load_project(folder)
    assert project.ratings["importance"].isna().all()
    assert evaluation.ipa(project)["class_stated"].isna().all()      # no stated view rather than a made-up one



def test_a_surveys_own_loyalty_words_are_the_projects_loyalty(tmp_path):
    passengers = read_export("p.csv", data=se.passenger_survey())
    project = read_survey(passengers, guess_mapping(passengers))
    assert project.loyalty_levels == ("Loyal Customer", "disloyal Customer")      # in the order first answered
    assert sorted(evaluation.headline(project, by="loyalty", min_n=1)["group"]) == ["Loyal Customer", "disloyal Customer"]
    again = load_project(save_project(project, tmp_path / "p"))
    assert again.loyalty_levels == project.loyalty_levels
    assert json.loads((tmp_path / "p" / "project.json").read_text(encoding="utf-8"))["loyalty"] == [
        "Loyal Customer", "disloyal Customer"]
    respondents = (tmp_path / "p" / "respondents.csv").read_text(encoding="utf-8").replace("disloyal Customer", "Gold")
    (tmp_path / "p" / "respondents.csv").write_text(respondents, encoding="utf-8")
    with pytest.raises(ProjectError) as err:      # a word the project does not name is refused with its row
        load_project(tmp_path / "p")
    assert {(p.column, p.code) for p in err.value.problems} == {("loyalty", "not_in_choices")}
    assert '"loyalty": [' in err.value.problems[0].fix("en")


def test_the_import_widget_shows_and_takes_the_outcomes_direction():
    """An outcome coded from best to worst is proposed turned round, its tick box beside it; the analyst's
    untick reads the codes as they are."""
    from tpkit.ui.evaluation import evaluation_app

    data = ('Nr;"Gesamtzufriedenheit (1 = sehr zufrieden; 5 = sehr unzufrieden)";Zufriedenheit - Beratung;'
            "Zufriedenheit - Lieferung\n1;1;5;4\n2;2;4;4\n3;5;1;2\n4;4;2;1\n5;1;5;5\n").encode()
    app = evaluation_app("de")
    app.picker._on_upload({"new": [{"name": "zufriedenheit.csv", "content": data}]})
    survey = app.picker.survey
    role, named, turned = next(row for row in survey.rows.values() if row[0].value == "outcome")
    assert survey.kind.value == "scale" and turned.value is True and turned.layout.visibility == "visible"
    assert named.layout.visibility == "hidden"
    survey.read()
    assert app.picker.current_project().respondents["recommend"].tolist() == [5, 4, 1, 2, 5]
    assert app.picker.current_project().outcome.label == "Gesamtzufriedenheit"     # (its codes are turned round)
    app.picker._on_upload({"new": [{"name": "zufriedenheit.csv", "content": data}]})
    role, _, turned = next(row for row in app.picker.survey.rows.values() if row[0].value == "outcome")
    app.picker.survey.kind.value = "binary"                    # a yes/no question has no direction to turn
    assert turned.layout.visibility == "hidden"
    app.picker.survey.kind.value = "scale"
    assert turned.layout.visibility == "visible"
    turned.value = False
    app.picker.survey.read()
    assert app.picker.current_project().respondents["recommend"].tolist() == [1, 2, 5, 4, 1]

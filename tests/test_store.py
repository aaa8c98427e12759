"""Saved scenarios: atomic, never silently overwritten, safe names, readable errors."""

import json

import pytest

from tpkit import load_sample
from tpkit.scenario import AddTouchpoint, RemoveTouchpoint, Scenario
from tpkit.store import ScenarioExists, load_scenario, load_scenarios, save_scenario, scenario_folder, slugify


def test_round_trip_keeps_umlauts_and_every_change(tmp_path):
    scenario = Scenario("Rezeption schließen – mit App", (
        RemoveTouchpoint("checkin_desk"),
        AddTouchpoint("app_checkin", "App-Check-in für Gäste", "purchase", "online", annual_cost=60000.0,
                      reach=0.6, segments=("business", "leisure"), similar_to="checkin_desk"),
    ), parameters=(("move_share", 0.5),), description="Größere Änderung")
    path = save_scenario(tmp_path, scenario)
    assert path.name == "rezeption-schliessen-mit-app.json"
    assert load_scenario(path) == scenario
    assert "für Gäste" in path.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name != ".tpkit-lock"] == [path.name]   # no temporary file left


def test_never_overwrites_silently(tmp_path):
    save_scenario(tmp_path, Scenario("Variante A"))
    with pytest.raises(ScenarioExists, match="saved already"):
        save_scenario(tmp_path, Scenario("variante a", (RemoveTouchpoint("bar"),)))
    assert load_scenarios(tmp_path)[0][0].changes == ()
    save_scenario(tmp_path, Scenario("variante a", (RemoveTouchpoint("bar"),)), overwrite=True)
    assert load_scenarios(tmp_path)[0][0].changes == (RemoveTouchpoint("bar"),)


@pytest.mark.parametrize("name, slug", [("../../etc/passwd", "etc-passwd"), ("CON", "con"),
                                        ("Ärger über Öffnungszeiten", "aerger-ueber-oeffnungszeiten"),
                                        ("a" * 200, "a" * 60)])
def test_names_are_sanitised(name, slug):
    assert slugify(name) == slug


def test_a_name_without_letters_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no letters or digits"):
        save_scenario(tmp_path, Scenario("?!"))


def test_broken_files_are_reported_not_dropped(tmp_path):
    save_scenario(tmp_path, Scenario("gut"))
    (tmp_path / "kaputt.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "falsch.json").write_text(json.dumps({"name": "x", "changes": [{"kind": "explode"}]}),
                                          encoding="utf-8")
    scenarios, errors = load_scenarios(tmp_path)
    assert [s.name for s in scenarios] == ["gut"]
    assert len(errors) == 2
    assert any("kaputt.json" in e and "save the scenario again" in e for e in errors)
    assert any("falsch.json" in e and "unknown change kind" in e for e in errors)


def test_folder_of_a_project(tmp_path, monkeypatch):
    assert scenario_folder(load_sample("hotel")).parent.name == "hotel"
    monkeypatch.setenv("TPKIT_SCENARIOS", str(tmp_path))
    from tpkit.io import load_upload
    from tpkit.datasets import sample_path
    import io, zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for f in sample_path("hotel").glob("*.csv"):
            z.write(f, f.name)
    project = load_upload("Mein Hotel.zip", buffer.getvalue())
    assert scenario_folder(project) == tmp_path / "mein-hotel"

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
        ratings = TINY["ratings.csv"].replace("Sehr übersichtlich", "Preise in € klar")
        files = {**TINY, "ratings.csv": ratings.encode(encoding)}
        comments = load_project(write_project(tmp_path / encoding, files)).ratings["comment"].tolist()
        assert comments[0] == "Preise in € klar", encoding


def test_a_french_windows_word_is_not_refused_as_unclear(tmp_path):
    files = {**TINY, "touchpoints.csv": TINY["touchpoints.csv"].replace("Kundenforum", "Café-Forum").encode("cp1252")}
    assert "Café-Forum" in names(write_project(tmp_path / "p", files))

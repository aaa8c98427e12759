"""Charts carry the words of the chosen language and export to PNG and SVG."""

from __future__ import annotations

import json

import pytest

from tpkit import charts
from tpkit.datasets import load_sample
from tpkit.inventory import by_owner, coverage_matrix


@pytest.fixture(scope="module")
def hotel():
    return load_sample("hotel")


def spec_text(chart) -> str:
    return json.dumps(chart.to_dict(), ensure_ascii=False)


def test_touchpoint_map_in_both_languages(hotel):
    de = spec_text(charts.touchpoint_map(hotel.touchpoints, lang="de"))
    en = spec_text(charts.touchpoint_map(hotel.touchpoints, lang="en", colour_by="kind"))
    assert "Vor dem Kauf" in de and "Frühstücksbuffet" in de and "Verantwortlich" in de
    assert "Pre-purchase" in en and "Breakfast buffet" in en and "Owner" in en and "Frühstücksbuffet" not in en
    data = charts.touchpoint_map(hotel.touchpoints, lang="de").to_dict()["datasets"]
    rows = next(iter(data.values()))
    assert len(rows) == len(hotel.touchpoints)
    with pytest.raises(ValueError):
        charts.touchpoint_map(hotel.touchpoints, lang="de", colour_by="cost")


def test_coverage_and_owner_charts(hotel):
    cov = charts.coverage_heatmap(coverage_matrix(hotel.touchpoints), lang="en", value="annual_cost")
    assert "Coverage: phase × channel" in spec_text(cov)
    owners = charts.owner_bars(by_owner(hotel.touchpoints), lang="de")
    assert "Kosten und Kontakte nach Abteilung" in spec_text(owners)


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<svg"), (".html", b"<!DOCTYPE")])
def test_export(hotel, tmp_path, suffix, magic):
    out = charts.export_chart(charts.touchpoint_map(hotel.touchpoints, lang="de"), tmp_path / f"map{suffix}")
    assert out.read_bytes()[: len(magic)].upper() == magic.upper()
    if suffix == ".html":
        assert "cdn.jsdelivr" not in out.read_text(encoding="utf-8")  # self-contained, works offline


def test_export_refuses_unknown_format(hotel, tmp_path):
    with pytest.raises(ValueError, match="png"):
        charts.export_chart(charts.touchpoint_map(hotel.touchpoints), tmp_path / "map.pdf")


def test_evaluation_charts_in_both_languages(hotel):
    from tpkit import evaluation as ev
    from tpkit.drivers import key_drivers
    table = ev.ipa(hotel)
    de = spec_text(charts.ipa_chart(table, hotel.touchpoints, lang="de"))
    assert "Abgeleitete Wichtigkeit" in de and "Kritisch (ein kritischer Moment der Wahrheit)" in de and "WLAN im Zimmer" in de
    en = spec_text(charts.ipa_chart(table, hotel.touchpoints, lang="en", view="stated"))
    assert "Stated importance" in en and "Wi-Fi in the room" in en
    labels = dict(zip(hotel.segments["segment_id"], hotel.segments["name_en"]))
    assert "Coach tour groups" in spec_text(charts.headline_chart(ev.headline(hotel.respondents, by="segment_id"), lang="en", labels=labels))
    assert "Leistung je Touchpoint und Segment" in spec_text(
        charts.performance_heatmap(ev.segment_performance(hotel), hotel.touchpoints, lang="de"))
    drivers = charts.driver_chart(key_drivers(hotel, n_boot=0), hotel.touchpoints, lang="en")
    assert "Relative weights (Johnson)" in spec_text(drivers)
    gap = spec_text(charts.gap_chart(ev.inside_outside(hotel), hotel.touchpoints, lang="de"))
    assert "Sicht der Mitarbeitenden" in gap and "Blinder Fleck" in gap
    with pytest.raises(ValueError):
        charts.ipa_chart(table, hotel.touchpoints, lang="de", view="both")

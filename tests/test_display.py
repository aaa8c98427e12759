"""The HTML fragments of tpkit.display, on strings: escaping, number formats per language, right-aligned
number columns, the attributes the browser tests find things by, and empty states."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tpkit import load_sample
from tpkit.display import (Formats, Table, bullets, cell_text, error_box, error_text, html_table, kpi_card, kpi_cards,
                           message_box, names, note, opened_gaps_html, section_html, segment_effects_html, signed,
                           whatif_cards, with_names)
from tpkit.errors import ModelError
from tpkit.i18n import format_money
from tpkit.scenario import TOTAL

HOTEL = load_sample("hotel")


def cells(markup: str) -> list[str]:
    """The text of every cell, in order."""
    return re.findall(r"<td[^>]*>(.*?)</td>", markup)


def test_text_is_escaped_everywhere():
    evil = "<script>alert('x')</script>"
    frame = pd.DataFrame({evil: [evil], "name": ["a & b"]})
    markup = html_table(frame, lang="en")
    assert "<script>" not in markup and "&lt;script&gt;" in markup and "a &amp; b" in markup
    for fragment in (note(evil), message_box(evil, title=evil), kpi_card("k", evil, evil, delta=evil), bullets([evil])):
        assert "<script>" not in fragment


@pytest.mark.parametrize("lang, money, share, number", [
    ("de", "1.234.568 EUR", "30,5 %", "1.234,57"),
    ("en", "EUR 1,234,568", "30.5%", "1,234.57"),
])
def test_numbers_are_written_as_readers_of_the_language_write_them(lang, money, share, number):
    frame = pd.DataFrame({"annual_cost": [1234567.8], "share_of_cost": [0.305], "value": [1234.5678]})
    markup = html_table(frame, lang=lang, formats=Formats(money=("annual_cost",), shares=("share_of_cost",),
                                                          decimals={"value": 2}))
    assert cells(markup) == [money, share, number]


def test_columns_without_a_format_get_a_sensible_one():
    assert cell_text(4200, "customers", lang="de") == "4.200"           # whole numbers
    assert cell_text(0.12345, "x", lang="de") == "0,12"                 # 2 decimals below 100
    assert cell_text(1234.5, "x", lang="en") == "1,234"                 # none from 100 on (round half to even)
    assert cell_text(True, "wanted") == "✓" and cell_text(False, "wanted") == ""
    assert cell_text(pd.Timestamp("2027-03-31"), "due_date") == "31.03.2027"
    assert cell_text(pd.Timestamp("2027-03-31"), "due_date", lang="en") == "31 Mar 2027"
    assert cell_text(float("nan"), "x") == "" and cell_text(pd.NA, "x") == ""
    assert cell_text(float("nan"), "x", formats=Formats(numbers=("x",))) == "–"   # a missing figure is a dash


def test_number_columns_are_right_aligned_and_text_columns_not():
    frame = pd.DataFrame({"name": ["Bar"], "n": [12], "figure": ["1 [0; 2]"]})
    markup = html_table(frame, lang="de", formats=Formats(figures=("figure",)))
    tds = re.findall(r"<td[^>]*>", markup)
    assert tds == ["<td>", "<td class='num' data-v='12.0'>", "<td class='num'>"]   # (data-v: what a click sorts by)


def test_column_names_and_vocabulary_values_are_translated():
    frame = pd.DataFrame({"phase": ["purchase"], "status": ["indirect_only"]})
    markup = html_table(frame, lang="de", formats=Formats(words={"status": "gap_status"}))
    assert "<th>Phase</th><th>Status</th>" in markup
    assert cells(markup) == ["Kauf", "Nur indirekt"]


def test_empty_tables_say_so():
    empty = pd.DataFrame({"n": pd.Series([], dtype=int)})
    assert html_table(empty, lang="de") == "<p>Keine.</p>"
    assert html_table(empty, lang="en", empty="No gaps.", testid="gaps") == "<p data-testid='gaps'>No gaps.</p>"


def test_rows_and_cells_carry_the_attributes_tests_find_them_by():
    frame = pd.DataFrame({"name": ["Business"], "delta": ["−2,0"]})
    markup = html_table(frame, lang="de", rows=("segment", ["business"]), testid="segment-effects")
    assert "data-testid='segment-effects'" in markup
    assert "<tr data-segment='business'><td data-col='name'>Business</td><td data-col='delta'>−2,0</td></tr>" in markup


def test_cards_carry_their_metric_and_change():
    card = kpi_card("cost", "1.000 EUR", "Kosten", delta="−310.000 EUR")
    assert "data-kpi='cost'" in card and "data-delta='cost'" in card
    assert re.search(r"tp-kpi-value'>1\.000 EUR<.*tp-kpi-delta[^>]*>−310\.000 EUR<.*tp-kpi-label'>Kosten<", card)
    assert "tp-kpi-delta" not in kpi_card("gaps", "2", "Gaps")
    assert kpi_cards([card]).startswith("<div class='tp-kpis'>")


def test_changes_carry_a_real_minus_and_plus_minus_for_nothing():
    assert signed(-310000, lang="de", currency="EUR") == "−310.000 EUR"
    assert signed(-310000, lang="en", currency="EUR") == "−EUR 310,000"
    assert signed(1.25, lang="de", decimals=1) == "+1,2"
    assert signed(-0.01, lang="en", decimals=1) == "±0.0"


def test_model_errors_are_shown_in_the_dashboard_language():
    err = ModelError("unknown_segment", segment="vip", file="segments.csv", choices="business", suggestion="business")
    assert error_text(err, lang="de").startswith("Das Segment 'vip' steht nicht in segments.csv")
    assert error_text(err, lang="de").endswith("Meintest du 'business'?")
    assert error_text(ValueError("plain"), lang="de") == "plain"
    box = error_box(err, lang="de", testid="message")
    assert box.startswith("<div class='tp-errors' data-testid='message'><p>Das ging nicht: Das Segment")
    assert str(err) not in box


def test_ids_become_display_names_and_unknown_ids_stay():
    frame = pd.DataFrame({"segment_id": ["business", TOTAL, "ghost"], "option": ["M01", "wifi", "x"]})
    named = with_names(frame, HOTEL, lang="en", columns={"segment_id": "segments",
                                                          "option": ("measures", "touchpoints")})
    assert named["segment_id"].tolist() == ["Business travellers", "all segments", "ghost"]
    assert named["option"].tolist() == ["Wi-Fi upgrade with access points on every floor", "Wi-Fi in the room", "x"]
    assert frame["segment_id"].tolist() == ["business", TOTAL, "ghost"]  # the input stays as it was
    assert names(HOTEL, "touchpoints", lang="de")["checkin_desk"] == "Check-in an der Rezeption"


def kpis_frame() -> pd.DataFrame:
    """A what-if key-figure table by hand: one segment and the total, the metrics the cards show."""
    rows = []
    for segment, n, small in (("business", 811, False), (TOTAL, 2400, False)):
        for metric, base, scen in (("touchpoint_cost", 4.72e6, 4.41e6), ("nps", 21.3, 19.1), ("customers", 5200, 5100),
                                   ("fans", 1500, 1400), ("experience_index", 70.0, 70.0)):
            rows.append({"segment_id": segment, "metric": metric, "baseline": base, "scenario": scen,
                         "delta": scen - base, "scenario_low": scen - 3 if metric == "nps" else float("nan"),
                         "scenario_high": scen + 3 if metric == "nps" else float("nan"), "n": n, "small": small})
    return pd.DataFrame(rows)


def test_whatif_cards_show_all_segments_with_their_change():
    gaps = pd.DataFrame({"segment_id": ["business"], "phase": ["purchase"], "before": ["ok"], "after": ["indirect_only"]})
    markup = whatif_cards(kpis_frame(), gaps, lang="de", currency="EUR")
    assert re.search(r"data-kpi='cost'><div class='tp-kpi-value'>4\.410\.000 EUR<", markup)
    assert "data-delta='cost'>−310.000 EUR<" in markup
    assert "data-delta='experience'>±0,0<" in markup
    assert re.search(r"data-kpi='gaps'><div class='tp-kpi-value'>1<", markup)


def test_segment_effects_name_each_segment_and_the_total():
    markup = segment_effects_html(kpis_frame(), HOTEL, lang="de")
    assert "<tr data-segment='business'><td data-col='name'>Geschäftsreisende</td>" in markup
    assert f"<tr data-segment='{TOTAL}' class='tp-total'><td data-col='name'>alle Segmente</td>" in markup   # (kept in place when sorted)
    assert re.search(r"<td data-col='nps_after' class='num' data-v='19\.1\d*'>19,1 \[16,1; 22,1\]</td>", markup)
    # the written figures sort by their numbers (a click on the heading)
    assert re.search(r"<td data-col='delta' class='num' data-v='-2\.(?:2|19+)\d*'>−2,2</td>", markup)


def test_opened_gaps_are_a_message_or_a_line_saying_there_are_none():
    none = opened_gaps_html(pd.DataFrame(columns=["segment_id", "phase", "before", "after"]), HOTEL, lang="de")
    assert none == "<p data-testid='gaps-opened'>Keine neue Journey-Lücke.</p>"
    gaps = pd.DataFrame({"segment_id": ["business"], "phase": ["purchase"], "before": ["ok"], "after": ["indirect_only"]})
    markup = opened_gaps_html(gaps, HOTEL, lang="de")
    assert "class='tp-errors' data-testid='gaps-opened'" in markup
    assert "<li>Geschäftsreisende – Kauf: Nur indirekt</li>" in markup


def test_a_section_is_one_table_with_its_formats():
    table = Table(pd.DataFrame({"segment_id": ["Geschäftsreisende"], "profit": [2111200.0]}), Formats(money=("profit",)))
    assert cells(section_html(table, lang="de", currency="CHF")) == ["Geschäftsreisende", "2.111.200 CHF"]


def test_the_budget_answer_says_the_net_cost_and_the_unit_of_every_effect():
    """Measures 368,000 against a budget of 100,000 read as overspending unless the closures' savings are netted
    in words; every effect column names its unit."""
    from tpkit.optimize import optimize_budget
    from tpkit.display import optimum_html

    hotel = load_sample("hotel")
    optimum = optimize_budget(hotel, budget=100_000)
    s = optimum.summary
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", optimum_html(optimum, hotel, lang="de")))
    net = s["spent"] - s["saved"]
    assert net <= 100_000
    assert f"netto {format_money(net, lang='de')} – Maßnahmen {format_money(s['spent'], lang='de')}, abzüglich " \
           f"{format_money(s['saved'], lang='de')}" in text
    assert "Wirkung (Wunschkunden)" in text and "Wirkung je 1.000 EUR (Wunschkunden)" in text and "Budget" in text
    english = re.sub(r"<[^>]+>", " ", optimum_html(optimum, hotel, lang="en"))
    assert "Effect (desired customers)" in english and " net " in english

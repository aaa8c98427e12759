"""The strategy document: every section, real numbers, safe text, no network."""

import io

import openpyxl
import pytest

from tpkit import load_sample, with_tables
from tpkit.display import section_html
from tpkit.i18n import format_money, format_number
from tpkit.report import (SECTION_TABLES, SECTIONS, describe_change, strategy_html, strategy_tables,
                          strategy_workbook)
from tpkit.scenario import AddTouchpoint, ApplyMeasure, RemoveTouchpoint, Scenario, ShiftMix, simulate

HOTEL = load_sample("hotel")
CHOSEN = Scenario("Ohne Rezeption, mit App", (
    RemoveTouchpoint("checkin_desk"),
    AddTouchpoint("app_checkin", "App-Check-in", "purchase", "online", annual_cost=60000, performance=4.2, reach=0.6,
                  similar_to="checkin_desk"),
    ApplyMeasure("M01")))


def test_workbook_has_every_section_with_the_scenario_numbers():
    wb = openpyxl.load_workbook(io.BytesIO(strategy_workbook(HOTEL, CHOSEN, lang="de")))
    assert len(wb.sheetnames) == len(SECTIONS) + 3     # parts 1 and 2 of the method, the sections, the charts
    assert wb.sheetnames[:2] == ["Teil 1 – Bestandsaufnahme", "Teil 2 – Bewertung"] and wb.sheetnames[-1] == "Diagramme"
    sheet = wb["Szenario gegen Ausgangslage"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    cost = next(r for r in rows if r["Segment"] == "alle Segmente" and r["Kennzahl"] == "Touchpoint-Kosten pro Jahr")
    expected = simulate(HOTEL, CHOSEN)
    assert cost["Veränderung"] == pytest.approx(expected.value("touchpoint_cost", column="delta"))
    assert cost["Veränderung"] == pytest.approx(-310000 + 60000)
    measures = wb["Maßnahmen nach Priorität"]
    header = [c.value for c in measures[1]]
    assert "Vorgeschlagen von" in header and "Verantwortlich" in header
    exits = wb["Pläne für den sanften Ausstieg"]
    assert any(c.value == "Busreisegruppen" for row in exits.iter_rows() for c in row)


def test_workbook_sheets_are_formatted_and_carry_their_charts():
    """Frozen header rows, widths by content, money with its currency and shares in percent; the charts
    sheet holds a native bar chart over the headline figures beside it and two pictures."""
    wb = openpyxl.load_workbook(io.BytesIO(strategy_workbook(HOTEL, CHOSEN, lang="en")))
    for sheet in wb.worksheets[:-1]:
        assert sheet.freeze_panes == "A2", sheet.title
    inventory = wb["Part 1 – Inventory"]
    header = [c.value for c in inventory[1]]
    cost = inventory.cell(row=2, column=header.index("Annual cost") + 1)
    assert cost.value == float(HOTEL.touchpoints["annual_cost"].iloc[0]) and cost.number_format == '#,##0 "EUR"'
    name_width = inventory.column_dimensions["B"].width
    assert name_width >= max(len(n) for n in HOTEL.touchpoints["name_en"]) + 2 or name_width == 60
    segments = wb["Desired customers and exits"]
    header = [c.value for c in segments[1]]
    margin = segments.cell(row=2, column=header.index("Margin") + 1)
    assert margin.number_format.endswith("%")
    scenario = wb["Scenario against the baseline"]       # each row as its metric is read
    header = [c.value for c in scenario[1]]
    formats = {row[header.index("Metric")].value: row[header.index("Scenario")].number_format
               for row in scenario.iter_rows(min_row=2)}
    assert formats["Touchpoint cost per year"] == '#,##0 "EUR"' and formats["Customers at the end"] == "#,##0"
    assert formats["NPS"] == "#,##0.0"
    assert all(len(sheet.title) <= 31 and "  " not in sheet.title for sheet in wb.worksheets)
    charts_sheet = wb["Charts"]
    assert len(charts_sheet._charts) == 1 and len(charts_sheet._images) == 2
    expected = simulate(HOTEL, CHOSEN)
    rows = {r[0].value: (r[1].value, r[2].value) for r in charts_sheet.iter_rows(min_row=2, max_col=3)}
    assert rows["Business travellers"][1] == pytest.approx(expected.value("nps", segment="business"))


def test_text_that_looks_like_a_formula_stays_text():
    measures = HOTEL.measures.copy()
    measures.loc[0, "name"] = "=HYPERLINK(\"http://evil\",\"klick\")"
    project = with_tables(HOTEL, measures=measures)
    wb = openpyxl.load_workbook(io.BytesIO(strategy_workbook(project, Scenario("x"), lang="de")))
    cells = [c for row in wb["Maßnahmen nach Priorität"].iter_rows() for c in row if str(c.value).startswith("=HYPER")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_html_is_self_contained_and_bilingual():
    for lang, words in (("de", ["Ziele", "Wunschkunden und Ausstieg", "Geschäftsreisende"]),
                        ("en", ["Goals", "Desired customers and exits", "Business travellers"])):
        page = strategy_html(HOTEL, CHOSEN, lang=lang, compare_with=[Scenario("Nur Rezeption weg", (RemoveTouchpoint("checkin_desk"),))])
        for word in words:
            assert word in page
        assert "<svg" in page and "<script" not in page and "http://" not in page.replace("http://www.w3.org", "")
    evil = with_tables(HOTEL, measures=HOTEL.measures.assign(name="<script>alert(1)</script>"))
    assert "<script>alert" not in strategy_html(evil, Scenario("x"), lang="en")


def test_the_page_puts_the_decisions_first_and_the_method_last():
    """Goals, the scenario's key figures for all segments with its charts, the changes and the measures come
    first; the details after them; parameters and the model's fit in an appendix. Money has its currency,
    customers are whole."""
    from tpkit.report import APPENDIX, DECISIONS, DETAILS, SECTIONS

    assert set(DECISIONS) | set(DETAILS) | set(APPENDIX) == set(SECTIONS)
    page = strategy_html(HOTEL, CHOSEN, lang="de")
    decisions, details, appendix = (page.index(f"<h2>{h}</h2>") for h in
                                    ("Die Entscheidungen", "Im Einzelnen", "Anhang: Methode und Annahmen"))
    assert decisions < page.index("<svg") < page.index("<h3>Maßnahmen nach Priorität") < details < appendix
    assert details < page.index("<h3>Wunschkunden und Ausstieg") < appendix < page.index("<h3>Annahmen und Parameter")
    first = page[decisions:page.index("<figure>")]
    result = simulate(HOTEL, CHOSEN)
    cost = result.kpis.query("segment_id == 'all' and metric == 'touchpoint_cost'")["scenario"].iloc[0]
    customers = result.kpis.query("segment_id == 'all' and metric == 'customers'")["scenario"].iloc[0]
    assert format_money(cost, lang="de") in first and f">{format_number(customers, 'de')} [" in first   # with its interval
    assert "Geschäftsreisende" not in first       # the segments come in the details


def test_changes_are_described_in_both_languages():
    mix = ShiftMix(0.25, "purchase")
    assert describe_change(mix, HOTEL, lang="de") == "25 % der Kontakte Kauf nach Online verlagert"
    assert describe_change(ApplyMeasure("M01"), HOTEL, lang="en") == "Measure: Wi-Fi upgrade with access points on every floor"
    tables = strategy_tables(HOTEL, CHOSEN, lang="en")
    assert list(tables) == list(SECTIONS)
    assert len(tables["changes"]) == 3


def test_the_planner_tabs_show_the_documents_own_tables():
    # the what-if planner's strategy tabs render SECTION_TABLES with section_html, as the document does
    page = strategy_html(HOTEL, Scenario("x"), lang="de")
    for key, table in SECTION_TABLES.items():
        assert section_html(table(HOTEL, lang="de"), lang="de", currency=HOTEL.currency) in page, key
    assert "Busreisegruppen" in section_html(SECTION_TABLES["exit_plans"](HOTEL, lang="de"), lang="de")
    votes = strategy_tables(HOTEL, Scenario("x"), lang="en")["votes"]  # the vote is a section of the document too
    assert votes.loc[0, "Measure"] == "Wi-Fi upgrade with access points on every floor" and votes.loc[0, "Rank"] == 1

"""The PowerPoint deck: opened with python-pptx, every slide has its title, and every table holds the
numbers of the function behind it, written in the deck's language."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from tpkit import load_sample
from tpkit.deck import ROWS_PER_SLIDE, deck_slides, strategy_pptx
from tpkit.display import cell_text, metric_text, names
from tpkit.i18n import format_number, metric_word
from tpkit.report import strategy_sections
from tpkit.scenario import TOTAL, ApplyMeasure, RemoveTouchpoint, Scenario, simulate

SCENARIO = Scenario("Ohne Bar, mit WLAN", (RemoveTouchpoint("bar"), ApplyMeasure("M01")))


@pytest.fixture(scope="module")
def hotel():
    return load_sample("hotel")


@pytest.fixture(scope="module", params=["de", "en"])
def opened(request, hotel):
    data = strategy_pptx(hotel, SCENARIO, lang=request.param)
    return request.param, Presentation(io.BytesIO(data))


def tables(presentation):
    """Each slide's title and its table as rows of texts (None for a slide without a table)."""
    out = []
    for slide in presentation.slides:
        table = next((s.table for s in slide.shapes if s.has_table), None)
        rows = None if table is None else [[cell.text for cell in row.cells] for row in table.rows]
        out.append((slide.shapes.title.text, rows))
    return out


def test_every_slide_has_its_title_in_the_language(opened, hotel):
    lang, deck = opened
    titles = [title for title, _ in tables(deck)]
    expected = {"de": ["Sollstrategie · Hotel Seeblick", "Ziele", "Kennzahlen: das Szenario gegen die Ausgangslage",
                       "Touchpoint-Landkarte", "Kritische Momente der Wahrheit", "Wichtigkeit und Leistung",
                       "Was die Weiterempfehlung treibt", "Szenario „Ohne Bar, mit WLAN“", "Die Journey als Kurve",
                       "Wunschkunden und Ausstieg",
                       "Pläne für den sanften Ausstieg", "Maßnahmen nach Priorität", "Fragen 6 bis 9",
                       "Anhang: die Methode", "Annahmen und Parameter"],
                "en": ["Target strategy · Hotel Seeblick", "Goals", "Key figures", "Touchpoint map",
                       "Critical moments of truth", "Importance and performance", "What drives the recommendation",
                       "Scenario 'Ohne Bar, mit WLAN'", "The journey as a curve", "Desired customers and exits",
                       "Graceful exit plans",
                       "Measures by priority", "Questions 6 to 9", "Appendix: the method",
                       "Assumptions and parameters"]}[lang]
    for start in expected:
        assert any(title.startswith(start) for title in titles), start
    assert all(title.strip() for title in titles)
    pictures = sum(1 for slide in deck.slides for s in slide.shapes if s.shape_type == 13)
    assert pictures == 5        # the touchpoint map, importance–performance, drivers, the scenario, the journey


def test_the_key_figures_are_the_simulations_own(opened, hotel):
    lang, deck = opened
    result = simulate(hotel, SCENARIO)
    figure = metric_word("nps", hotel.outcome, lang)
    rows = next(rows for title, rows in tables(deck) if rows and title.startswith(("Kennzahlen", "Key figures")))
    nps = next(row for row in rows[1:] if row[0] == figure)
    # each figure as it is read: NPS points with one decimal, changes with their sign
    assert nps[2] == metric_text(result.value("nps", column="scenario"), "nps", lang=lang)
    assert nps[5] == metric_text(result.value("nps", column="delta"), "nps", lang=lang, change=True)
    assert nps[6] == metric_text(result.value("nps", column="delta_low"), "nps", lang=lang, change=True)
    customers = next(row for row in rows[1:] if row[0] == metric_word("customers", hotel.outcome, lang))
    assert customers[2] == metric_text(result.value("customers", column="scenario"), "customers", lang=lang)
    assert "," not in customers[2] if lang == "de" else "." not in customers[2]     # whole customers


def test_every_table_holds_the_numbers_of_its_section(opened, hotel):
    """The measures, segments and parameters slides against :func:`tpkit.report.strategy_sections`, row by row
    across the continuation slides."""
    lang, deck = opened
    sections = strategy_sections(hotel, SCENARIO, lang=lang)
    found = tables(deck)
    for key, column in (("measures", "cost"), ("segments", "customers"), ("parameters", "value")):
        frame, formats = sections[key].frame, sections[key].formats
        heading = {"measures": {"de": "Maßnahmen nach Priorität", "en": "Measures by priority"},
                   "segments": {"de": "Wunschkunden und Ausstieg", "en": "Desired customers and exits"},
                   "parameters": {"de": "Annahmen und Parameter", "en": "Assumptions and parameters"}}[key][lang]
        pages = [rows for title, rows in found if title.startswith(heading) and rows]
        assert len(pages) == -(-len(frame) // ROWS_PER_SLIDE)
        shown = [row for rows in pages for row in rows[1:]]
        header = pages[0][0]
        index = header.index(next(h for h in header if h == _word(column, lang)))
        expected = [cell_text(v, column, lang=lang, formats=formats, currency=hotel.currency) for v in frame[column]]
        assert [row[index] for row in shown] == expected


def test_numbers_are_written_in_the_decks_language(hotel):
    slides = deck_slides(hotel, SCENARIO, lang="de")
    measures = next(s for s in slides if s["title"].startswith("Maßnahmen"))
    assert any("85.000" in cell for row in measures["rows"] for cell in row)
    english = deck_slides(hotel, SCENARIO, lang="en")
    measures = next(s for s in english if s["title"].startswith("Measures"))
    assert any("85,000" in cell for row in measures["rows"] for cell in row)
    assert format_number(85000, "de") == "85.000"


def test_an_imported_survey_gets_a_deck_too(tmp_path):
    from survey_exports import passenger_survey
    from tpkit import guess_mapping, read_export, read_survey

    export = read_export("p.csv", data=passenger_survey())
    project = read_survey(export, guess_mapping(export))
    deck = Presentation(io.BytesIO(strategy_pptx(project, Scenario("x"), lang="en")))
    assert len(deck.slides) >= 10
    assert names(project, "segments", lang="en").get(TOTAL)


def _word(column: str, lang: str) -> str:
    from tpkit.i18n import t
    return t(column, lang=lang)

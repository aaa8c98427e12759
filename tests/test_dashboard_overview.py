"""The overview dashboard in real Chromium: loads, switches project and language, reports a bad upload."""

from __future__ import annotations

import io
import zipfile

import pytest
from playwright.sync_api import expect
from browser import ROOT, dashboard, kpi, upload, wait_for_kpi

from tpkit.datasets import load_sample
from tpkit.i18n import format_money

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page():
    with dashboard("overview", "[data-kpi=touchpoints]") as page:
        yield page


def test_loads_with_the_hotel(page):
    hotel = load_sample("hotel")
    assert kpi(page, "touchpoints") == str(len(hotel.touchpoints))
    assert kpi(page, "annual_cost") == format_money(float(hotel.touchpoints["annual_cost"].sum()), currency="EUR",
                                                    lang="de")
    assert page.locator("text=Touchpoint-Analyse · Überblick").count() == 1
    page.wait_for_selector(".vega-embed", timeout=60_000)  # the touchpoint map rendered
    assert "Traceback" not in page.content()


def test_switching_the_project_changes_the_figures(page):
    it = load_sample("it_distributor")
    page.locator("select").first.select_option(label="IT-Distributor (Beispiel)")
    wait_for_kpi(page, "touchpoints", str(len(it.touchpoints)))
    assert kpi(page, "annual_cost") == format_money(float(it.touchpoints["annual_cost"].sum()), currency="EUR",
                                                    lang="de")
    assert "Nordlicht IT-Distribution" in page.locator("[data-testid=project-name]").inner_text()
    page.locator("select").first.select_option(label="Business-Hotel (Beispiel)")
    wait_for_kpi(page, "touchpoints", str(len(load_sample("hotel").touchpoints)))


def test_switching_the_language_changes_the_labels(page):
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("text=Touchpoint analysis · Overview", timeout=60_000)
    # the title and the cards arrive as separate widget updates: wait for the cards' own text
    expect(page.locator("[data-kpi=annual_cost] .tp-kpi-label")).to_have_text("Annual cost", timeout=30_000)
    assert kpi(page, "annual_cost").startswith("EUR ")
    page.get_by_role("tab", name="Journey gaps").click()
    page.wait_for_selector("text=Indirect only", timeout=30_000)
    page.get_by_role("button", name="Deutsch").click()
    page.wait_for_selector("text=Touchpoint-Analyse · Überblick", timeout=60_000)
    expect(page.locator("[data-kpi=annual_cost] .tp-kpi-label")).to_have_text("Kosten pro Jahr", timeout=30_000)


def test_a_long_table_sorts_by_the_clicked_heading_and_the_gaps_say_why_they_matter(page):
    """The touchpoint list (40 rows) sorts by cost when its heading is clicked, and the other way round on a
    second click; text columns sort as words; the journey gaps open with a sentence on why they matter."""
    page.get_by_role("tab", name="Touchpoints").click()
    table = page.locator(".tp-table").filter(has_text="Hotel-Website").first
    table.wait_for(timeout=30_000)
    heads = table.locator("thead th").all_inner_texts()
    cost = heads.index("Kosten pro Jahr") + 1

    def read() -> list[float]:
        values = table.evaluate(f"t => [...t.querySelectorAll('tbody tr td:nth-child({cost})')]"
                                ".map(td => td.getAttribute('data-v'))")
        return [float(v) for v in values if v is not None]

    table.locator("thead th").nth(cost - 1).click()
    ascending = read()
    assert len(ascending) >= 35 and ascending == sorted(ascending)
    table.locator("thead th").nth(cost - 1).click()
    assert read() == sorted(ascending, reverse=True)
    name = heads.index("Name") + 1
    table.locator("thead th").nth(name - 1).click()
    names = table.locator(f"tbody tr td:nth-child({name})").all_inner_texts()
    assert names[0] < names[-1]
    page.get_by_role("tab", name="Journey-Lücken").click()
    page.wait_for_selector("text=Jede Lücke braucht eine Entscheidung", timeout=30_000)
    # the upload button says its word, without a count of files
    button = page.locator(".tp-upload-btn")
    assert button.evaluate("b => getComputedStyle(b, '::after').content") == '"Hochladen"'
    assert button.evaluate("b => getComputedStyle(b).fontSize") == "0px"
    assert button.get_attribute("aria-label") == "Hochladen"      # what a screen reader says: no "(0)"


def test_the_row_for_all_segments_keeps_its_place_when_a_table_sorts(page):
    """A table whose first row is all segments (as the planner's key figures) sorts the segments below it."""
    import pandas as pd
    from tpkit.display import html_table
    from tpkit.schema import ALL_SEGMENTS

    frame = pd.DataFrame({"segment_id": [ALL_SEGMENTS, "b", "a", "c"], "customers": [60, 20, 30, 10]})
    markup = html_table(frame, rows=("segment", list(frame["segment_id"])))
    page.evaluate("m => { const d = document.createElement('div'); d.id = 'sort-probe'; d.innerHTML = m;"
                  " document.body.prepend(d); }", markup)
    probe = page.locator("#sort-probe .tp-table")
    for _ in range(2):
        probe.locator("thead th").nth(1).click()
        order = probe.locator("tbody tr").evaluate_all("rows => rows.map(r => r.dataset.segment)")
        assert order[0] == ALL_SEGMENTS and sorted(order[1:]) == ["a", "b", "c"]
    assert order[1:] == ["a", "b", "c"]        # the second click: customers from most to fewest
    page.evaluate("() => document.getElementById('sort-probe').remove()")


def test_a_bad_upload_lists_every_problem_and_keeps_the_project(page, tmp_path):
    before = kpi(page, "touchpoints")
    archive = tmp_path / "kaputt.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(ROOT / "data" / "broken_example" / "touchpoints.csv", "touchpoints.csv")
    upload(page, archive)
    errors = page.locator("[data-testid=upload-errors]")
    errors.wait_for(timeout=60_000)
    text = errors.inner_text()
    assert "5 Problem(e)" in text
    assert "kaputt.zip: touchpoints.csv" in text and "annual_contacts" in text and "„ca. 900“ ist keine Zahl." in text
    assert kpi(page, "touchpoints") == before  # the shown project stays
    assert "Traceback" not in page.content()


def test_a_good_upload_becomes_the_shown_project(page, tmp_path):
    hotel = load_sample("hotel")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        rows = (ROOT / "data" / "hotel" / "touchpoints.csv").read_text(encoding="utf-8").splitlines()
        zf.writestr("eigenes/touchpoints.csv", "\n".join(rows[:11]) + "\n")  # the first ten touchpoints
        zf.writestr("eigenes/segments.csv", (ROOT / "data" / "hotel" / "segments.csv").read_bytes())
    path = tmp_path / "eigenes.zip"
    path.write_bytes(buffer.getvalue())
    upload(page, path)
    wait_for_kpi(page, "touchpoints", "10")
    assert page.locator("[data-testid=upload-errors]").count() == 0
    assert "Hochgeladen: eigenes.zip" in page.locator("select").first.inner_text().replace("\xa0", " ")
    assert len(hotel.touchpoints) != 10


def test_a_survey_export_upload_shows_its_columns_and_imports_the_project(page):
    """A Qualtrics export, uploaded as it comes: its columns with their proposed roles, then Import."""
    upload(page, ROOT / "data" / "exports" / "hotel_qualtrics.csv")
    panel = page.locator(".tp-survey")
    panel.wait_for(timeout=60_000)
    assert "Q2_1" in panel.inner_text() and panel.locator("select").count() >= 18 + 2
    page.locator(".tp-survey-import").click()
    wait_for_kpi(page, "touchpoints", "6")
    assert "hotel_qualtrics.csv" in page.locator("select").first.inner_text()
    assert "Traceback" not in page.content()

"""The evaluation dashboard in real Chromium: figures, critical touchpoints, segment, view and language."""

from __future__ import annotations

import pytest
from browser import dashboard, kpi, wait_for_kpi

from tpkit.datasets import load_sample
from tpkit.evaluation import nps
from tpkit.i18n import format_number

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page():
    with dashboard("evaluation", "[data-kpi=nps]") as page:
        yield page


def nps_text(row, lang="de") -> str:
    return (f"{format_number(row['nps'], lang=lang)} [{format_number(row['nps_low'], lang=lang)}; "
            f"{format_number(row['nps_high'], lang=lang)}]")


def critical_text(page) -> str:
    return page.locator("[data-testid=critical-list]").inner_text()


def test_shows_nps_with_interval_and_the_critical_touchpoints(page):
    hotel = load_sample("hotel")
    assert kpi(page, "nps") == nps_text(nps(hotel.respondents).iloc[0])
    assert kpi(page, "respondents") == format_number(len(hotel.respondents), lang="de")
    text = critical_text(page)
    for name in ("WLAN im Zimmer", "Check-out und Rechnung", "Check-in an der Rezeption"):
        assert name in text
    page.wait_for_selector(".vega-embed", timeout=60_000)
    assert "Traceback" not in page.content()


def test_choosing_a_segment_changes_the_figures(page):
    hotel = load_sample("hotel")
    business = hotel.respondents[hotel.respondents["segment_id"] == "business"]
    page.locator(".tp-segment select").select_option(label="Geschäftsreisende")
    wait_for_kpi(page, "respondents", format_number(len(business), lang="de"))
    assert kpi(page, "nps") == nps_text(nps(business).iloc[0])
    page.locator(".tp-segment select").select_option(label="alle Segmente")
    wait_for_kpi(page, "respondents", format_number(len(hotel.respondents), lang="de"))


def test_stated_view_shows_what_guests_say_matters(page):
    page.get_by_role("button", name="Genannte Wichtigkeit").click()
    page.wait_for_function("() => document.querySelector('[data-testid=critical-list]').innerText"
                           ".includes('Tiefgarage und Busparkplatz')", timeout=60_000)
    page.get_by_role("button", name="Abgeleitete Wichtigkeit").click()
    page.wait_for_function("() => !document.querySelector('[data-testid=critical-list]').innerText"
                           ".includes('Tiefgarage und Busparkplatz')", timeout=60_000)


def test_english(page):
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("text=Touchpoint analysis · Evaluation", timeout=60_000)
    page.wait_for_selector("text=Critical touchpoints — the critical ones among the moments of truth — fix first", timeout=60_000)
    assert "Wi-Fi in the room" in critical_text(page)
    assert page.locator("[data-kpi=nps] .tp-kpi-label").inner_text() == "NPS (95% interval)"
    page.get_by_role("tab", name="Inside/outside").click()
    page.wait_for_selector("text=Inside-out and outside-in view by touchpoint", timeout=60_000)

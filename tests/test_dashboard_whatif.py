"""The what-if planner in real Chromium: the stakeholder's story of the issue, end to end.

Remove the front-desk check-in (cost falls, the purchase gap opens for business travellers, their
NPS drops), save that; add an app check-in (the gap closes), save that; reload the page and find
both; download the strategy document.
"""

from __future__ import annotations

import shutil

import pytest
from browser import ROOT, dashboard, kpi, wait_text

from tpkit.errors import ModelError
from tpkit.i18n import format_money, format_number
from tpkit.io import load_project
from tpkit.optimize import optimize_budget
from tpkit.scenario import AddTouchpoint, ChangePerformance, RemoveTouchpoint, Scenario, simulate
from tpkit.store import slugify

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    for sample in ("hotel", "it_distributor"):
        shutil.copytree(ROOT / "data" / sample, folder / sample, ignore=shutil.ignore_patterns("scenarios"))
    return folder


@pytest.fixture(scope="module")
def page(data):
    with dashboard("what_if", "[data-kpi=cost]", env={"TPKIT_DATA": str(data)}) as page:
        yield page


def segment_cell(page, segment: str, column: str) -> str:
    return page.locator(f"[data-segment={segment}] [data-col={column}]").inner_text()


def test_the_stakeholder_story(page, data):
    hotel = load_project(data / "hotel")
    no_desk = Scenario("Ohne Rezeption", (RemoveTouchpoint("checkin_desk"),))
    expected = simulate(hotel, no_desk)
    assert kpi(page, "cost") == format_money(hotel.touchpoints["annual_cost"].sum(), currency="EUR", lang="de")
    assert "Traceback" not in page.content()

    # remove the front-desk check-in
    page.locator(".tp-touchpoint select").select_option(label="Check-in an der Rezeption")
    page.locator(".tp-remove-btn").click()
    cost = format_money(expected.value("touchpoint_cost"), currency="EUR", lang="de")
    page.wait_for_function("c => document.querySelector('[data-kpi=cost] .tp-kpi-value').innerText === c", arg=cost,
                           timeout=60_000)
    assert page.locator("[data-delta=cost]").inner_text() == "−" + format_money(310000, currency="EUR", lang="de")
    wait_text(page, "[data-testid=gaps-opened]", "Geschäftsreisende – Kauf: Nur indirekt")
    delta = segment_cell(page, "business", "delta")
    assert delta.startswith("−")
    shown = "−" + format_number(abs(expected.value("nps", segment="business", column="delta")), lang="de", decimals=1)
    low = format_number(abs(expected.value("nps", segment="business", column="delta_low")), lang="de", decimals=1)
    assert delta.startswith(shown + " [−" + low + "; −")      # the change with the model's interval

    # save it
    page.locator(".tp-save-name input").fill("Ohne Rezeption")
    page.locator(".tp-save-btn").click()
    wait_text(page, "[data-testid=message]", "Gespeichert: Ohne Rezeption")
    assert (data / "hotel" / "scenarios" / "ohne-rezeption.json").exists()

    # add an app check-in that works like the desk: the gap closes
    page.locator(".tp-add-name input").fill("App-Check-in")
    page.locator(".tp-add-phase select").select_option(label="Kauf")
    page.locator(".tp-add-channel select").select_option(label="Online")
    page.locator(".tp-add-similar select").select_option(label="Check-in an der Rezeption")
    page.locator(".tp-add-btn").click()
    wait_text(page, "[data-testid=gaps-opened]", "Keine neue Journey-Lücke")
    wait_text(page, ".tp-changes", "Neu: App-Check-in")
    with_app = simulate(hotel, no_desk.with_change(AddTouchpoint(
        "new_app_check_in", "App-Check-in", "purchase", "online", annual_cost=50000, performance=4.0, reach=0.5,
        similar_to="checkin_desk")))
    assert kpi(page, "cost") == format_money(with_app.value("touchpoint_cost"), currency="EUR", lang="de")
    assert segment_cell(page, "business", "nps_after").startswith(
        format_number(with_app.value("nps", segment="business"), lang="de", decimals=1))

    page.locator(".tp-save-name input").fill("Mit App-Check-in")
    page.locator(".tp-save-btn").click()
    wait_text(page, "[data-testid=message]", "Gespeichert: Mit App-Check-in")

    # the strategy document downloads as a real workbook
    page.locator(".tp-doc-btn").click()
    page.wait_for_selector("a.tp-download-xlsx", timeout=120_000)
    with page.expect_download() as download:
        page.locator("a.tp-download-xlsx").click()
    path = download.value.path()
    assert open(path, "rb").read(2) == b"PK"
    assert download.value.suggested_filename.endswith("mit-app-check-in.xlsx")
    with page.expect_download() as download:      # and as a deck of slides
        page.locator("a.tp-download-pptx").click()
    assert open(download.value.path(), "rb").read(2) == b"PK"
    assert download.value.suggested_filename.endswith("mit-app-check-in.pptx")

    # after a reload both saved scenarios are there
    page.reload()
    page.wait_for_selector("[data-kpi=cost]", timeout=180_000)
    page.locator(".lm-TabBar-tab", has_text="Szenarien").click()
    wait_text(page, "[data-testid=saved-scenarios]", "Ohne Rezeption")
    wait_text(page, "[data-testid=saved-scenarios]", "Mit App-Check-in")
    assert "Traceback" not in page.content()


def test_a_tiny_change_shows_its_band_and_no_clear_effect(page, data):
    """A tenth of a point more for the fitness room: the NPS card shows the change's interval and says that
    it is no clear effect (its interval covers zero), as :func:`tpkit.scenario.simulate` finds."""
    page.reload()
    page.wait_for_selector("[data-kpi=cost]", timeout=180_000)
    expected = simulate(load_project(data / "hotel"), Scenario("x", (ChangePerformance("fitness", 0.1),)))
    assert not expected.kpis.query("segment_id == 'all' and metric == 'nps'")["clear"].iloc[0]
    page.locator(".tp-touchpoint select").select_option(label="Fitnessraum")
    page.locator(".tp-perf-slider .noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_selector("[data-delta=nps_total][data-clear=no]", timeout=60_000)
    card = page.locator("[data-kpi=nps_total]").inner_text()
    assert "keine klare Wirkung" in card and "[" in card
    # the slider's value is written in German beside it (ipywidgets' own read-out would say 0.1)
    readout = page.locator(".tp-perf-slider").locator("xpath=..").locator(".tp-readout").inner_text()
    assert readout.strip() == "0,1"


def test_model_errors_are_shown_in_german(page, data):
    """What the model refuses, the German planner says in German (the words of ``error.*``), not in English."""
    with pytest.raises(ModelError) as budget:
        optimize_budget(load_project(data / "hotel"), budget=-1000.0)  # the page sends a float
    with pytest.raises(ModelError) as name:
        slugify("!!!")
    for err in (budget.value, name.value):
        assert err.message("de") != str(err)

    page.locator(".lm-TabBar-tab", has_text="Budget").click()
    page.locator(".tp-budget input").fill("-1000")
    page.locator(".tp-budget input").press("Enter")
    page.locator(".tp-opt-btn").click()
    wait_text(page, "[data-testid=optimum-error]", budget.value.message("de"))

    page.locator(".tp-save-name input").fill("!!!")
    page.locator(".tp-save-btn").click()
    wait_text(page, "[data-testid=message]", name.value.message("de"))
    shown = page.locator("body").inner_text()
    assert "Das ging nicht" in shown
    assert str(budget.value) not in shown and str(name.value) not in shown


def test_the_planner_works_at_1024_px_and_prints_the_whole_page(page):
    """At 1024 px the controls stand above the tabs and no button or tab title is cut; printed, the page is
    the whole page (more than one A4 page), not Voilà's first screen."""
    page.set_viewport_size({"width": 1024, "height": 900})
    page.wait_for_timeout(500)
    tabs_top = page.locator(".lm-TabBar").first.bounding_box()["y"]
    controls_bottom = page.locator(".tp-doc-btn").bounding_box()
    assert controls_bottom["y"] + controls_bottom["height"] <= tabs_top
    cut = page.evaluate("""[...document.querySelectorAll('.jupyter-button, .lm-TabBar-tab')]
        .filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)""")
    assert cut == []
    # every measure's price and whole name can be read: a long name wraps instead of being cut
    measures = page.evaluate("""(() => { const list = document.querySelector('.tp-checklist').getBoundingClientRect();
        return [...document.querySelectorAll('.tp-measures .widget-checkbox span')].map(e => [e.innerText,
            e.scrollWidth <= e.clientWidth + 1 && e.getBoundingClientRect().right <= list.right]); })()""")
    assert len(measures) >= 10 and all(whole for _, whole in measures)
    assert "85.000 EUR · WLAN-Ausbau mit Access Points auf jeder Etage" in [text for text, _ in measures]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('#rendered_cells')).contain") == "none"
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 2    # not only Voilà's first screen
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1400, "height": 1000})
    # every dropdown shows its whole choice, the budget tab's closure limit included ("ohne Grenze", not blank)
    page.get_by_role("tab", name="Budget").click()
    page.locator(".tp-max-closures select").wait_for(timeout=30_000)
    shown = page.evaluate("""[...document.querySelectorAll('.widget-dropdown select')].filter(s => s.offsetParent)
        .map(s => { const c = document.createElement('canvas').getContext('2d'); c.font = getComputedStyle(s).font;
                    const text = s.selectedIndex >= 0 ? s.options[s.selectedIndex].text : '';
                    return [text, c.measureText(text).width + 24 <= s.clientWidth]; })""")
    assert len(shown) >= 6 and all(text and whole for text, whole in shown), shown
    assert ["ohne\xa0Grenze", True] in shown       # (ipywidgets writes spaces as no-break spaces)
    page.get_by_role("tab", name="Wirkung").click()

"""The journey as a curve: the experience per phase by hand (each respondent once per phase), the headline
figure of those who met the phase, the moments of truth, the target levels and a scenario's levels per phase
by hand, the chart in both languages, and the tabs that show it."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
import vl_convert as vlc
from numpy.testing import assert_allclose
from scipy import stats

from tpkit import charts, load_sample, with_tables
from tpkit.evaluation import ipa
from tpkit.journey import journey_after, journey_curve, journey_targets
from tpkit.recommendation import headline
from tpkit.scenario import ApplyMeasure, Scenario, baseline
from tpkit.strategy import target_levels


@pytest.fixture(scope="module")
def hotel():
    return load_sample("hotel")


def test_the_curve_by_hand(hotel):
    curve = journey_curve(hotel, segment="business").set_index("phase")
    rows = hotel.ratings.merge(hotel.respondents, on="respondent_id").merge(hotel.touchpoints[["touchpoint_id", "phase"]])
    business = rows[rows["segment_id"] == "business"]
    for phase, part in business.groupby("phase"):
        per_person = part.groupby("respondent_id")["performance"].mean()
        half = stats.t.ppf(0.975, len(per_person) - 1) * per_person.std(ddof=1) / np.sqrt(len(per_person))
        assert curve.loc[phase, "n"] == len(per_person)
        assert_allclose([curve.loc[phase, "performance"], curve.loc[phase, "performance_high"]],
                        [per_person.mean(), per_person.mean() + half], rtol=1e-10)
        met = hotel.respondents[hotel.respondents["respondent_id"].isin(per_person.index)]
        expected = headline(met, outcome=hotel.outcome).iloc[0]
        assert curve.loc[phase, "value"] == pytest.approx(expected["value"])
        assert curve.loc[phase, "value_low"] == pytest.approx(expected["value_low"])
    critical = set(ipa(hotel, segment="business").query("class_derived == 'critical'")["touchpoint_id"])
    named = {t for c in curve["critical"] for t in c.split("|") if t}
    assert named == critical and "wifi" in curve.loc["usage", "critical"].split("|")


def test_survey_weights_weigh_each_respondent_once_per_phase(hotel):
    weighted = with_tables(hotel, respondents=hotel.respondents.assign(weight=1.0))
    a, b = journey_curve(hotel), journey_curve(weighted)
    assert_allclose(a["performance"], b["performance"], rtol=1e-12)
    assert_allclose(a["performance_low"], b["performance_low"], rtol=1e-10)


def test_targets_and_scenario_per_phase_by_hand(hotel):
    b = baseline(hotel)
    s = b.segments.index("business")
    levels = target_levels(hotel).query("segment_id == 'business'").set_index("touchpoint_id")
    usage = [j for j, p in enumerate(hotel.touchpoints["phase"]) if p == "usage"]
    ids = hotel.touchpoints["touchpoint_id"].tolist()
    target = np.array([levels.loc[ids[j], "target"] if ids[j] in levels.index else b.performance[s, j] for j in usage])
    reach = b.reach[s, usage]
    expected = (reach * target).sum() / reach.sum()
    assert journey_targets(hotel, segment="business").set_index("phase").loc["usage", "target"] == pytest.approx(expected)
    moved = journey_after(hotel, Scenario("wifi", (ApplyMeasure("M01"),)), segment="business").set_index("phase")
    wifi = ids.index("wifi")
    step = min(1.5, hotel.rating_scale.high - b.performance[s, wifi])
    assert moved.loc["usage", "after"] - moved.loc["usage", "before"] == pytest.approx(
        b.reach[s, wifi] * step / reach.sum())
    assert (moved.drop(index="usage")["after"] == moved.drop(index="usage")["before"]).all()


@pytest.mark.parametrize("lang, words", [("de", ["Die Journey als Kurve", "Vor dem Kauf", "⚠ WLAN im Zimmer"]),
                                         ("en", ["The journey as a curve", "Pre-purchase", "⚠ Wi-Fi in the room"])])
def test_the_chart_names_phases_and_moments_of_truth(hotel, lang, words):
    chart = charts.journey_chart(journey_curve(hotel, segment="business"), hotel.touchpoints, lang=lang,
                                 targets=journey_targets(hotel, segment="business"),
                                 after=journey_after(hotel, Scenario("x", (ApplyMeasure("M01"),)), segment="business"),
                                 outcome=hotel.outcome, scale=hotel.rating_scale)
    texts = re.findall(r">([^<>]+)</text>", vlc.vegalite_to_svg(json.dumps(chart.to_dict())))
    shown = " ".join(texts)
    for word in words:
        assert word in shown


def test_the_overview_and_the_planner_show_the_curve():
    from tpkit.ui import overview_app, whatif_app

    overview = overview_app("de")
    panel = next(p for p in overview.tabs.panels if type(p).__name__ == "JourneyPanel")
    overview.tabs.widget.selected_index = overview.tabs.panels.index(panel)
    panel.segment.value = "business"
    assert "Geschäftsreisende" in json.dumps(panel.chart.chart.to_dict(), ensure_ascii=False)
    planner = whatif_app("de")
    panel = next(p for p in planner.tabs.panels if type(p).__name__ == "JourneyPanel")
    planner.tabs.widget.selected_index = planner.tabs.panels.index(panel)
    planner.load(Scenario("WLAN", (ApplyMeasure("M01"),)))
    spec = json.dumps(panel.chart.chart.to_dict(), ensure_ascii=False)
    assert "Szenario (Soll)" in spec and "Ziel-Servicelevel" in spec
    assert pd.notna(journey_curve(planner.state["project"])["performance"]).all()

"""Numbers in charts follow the language: every chart of the kit, drawn in German for both samples and
rendered to SVG by Vega (vl-convert), shows no English separator — 50.000 and 3,5, never 50,000 or 3.5 —
and in English no German one."""

from __future__ import annotations

import json
import re

import pytest
import vl_convert as vlc

from tpkit import charts, evaluation
from tpkit.datasets import load_sample
from tpkit.display import names
from tpkit.drivers import key_drivers
from tpkit.inventory import by_owner, coverage_matrix
from tpkit.journey import journey_after, journey_curve, journey_targets
from tpkit.scenario import ApplyMeasure, RemoveTouchpoint, Scenario, compare

#: An English decimal (3.5, 0.13) — in German text — and English thousands (50,000).
ENGLISH = (re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])"), re.compile(r"(?<![\d.,])[1-9]\d{0,2},\d{3}(?![\d,])"))
#: A German decimal (3,5) and German thousands (50.000) — in English text.
GERMAN = (re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d.,])"), re.compile(r"(?<![\d.,])[1-9]\d{0,2}\.\d{3}(?![\d.])"))


def every_chart(project, lang):
    """Each chart function of :mod:`tpkit.charts` with the inputs the notebooks and dashboards give it."""
    labels = names(project, "segments", lang=lang)
    classes = evaluation.ipa(project)
    scenarios = [Scenario("a", (RemoveTouchpoint(project.touchpoints["touchpoint_id"].iloc[0]),)),
                 Scenario("b", (ApplyMeasure(project.measures["measure_id"].iloc[0]),))]
    table = compare(project, scenarios)
    return {
        "touchpoint_map": charts.touchpoint_map(project.touchpoints, lang=lang),
        "coverage_cost": charts.coverage_heatmap(coverage_matrix(project.touchpoints), lang=lang, value="annual_cost"),
        "owner_bars": charts.owner_bars(by_owner(project.touchpoints), lang=lang),
        "ipa_derived": charts.ipa_chart(classes, project.touchpoints, lang=lang, scale=project.rating_scale),
        "ipa_stated": charts.ipa_chart(classes, project.touchpoints, lang=lang, view="stated", scale=project.rating_scale),
        "headline": charts.headline_chart(evaluation.headline(project.respondents, outcome=project.outcome, by="segment_id"),
                                          outcome=project.outcome, lang=lang, labels=labels),
        "heatmap": charts.performance_heatmap(evaluation.segment_performance(project), project.touchpoints, lang=lang,
                                              scale=project.rating_scale, segment_labels=labels),
        "drivers": charts.driver_chart(key_drivers(project, n_boot=50), project.touchpoints, lang=lang,
                                       outcome=project.outcome),
        "gaps": charts.gap_chart(evaluation.inside_outside(project), project.touchpoints, lang=lang,
                                 scale=project.rating_scale),
        "scenario_nps": charts.scenario_chart(table, metric="nps", lang=lang, labels=labels, outcome=project.outcome),
        "scenario_customers": charts.scenario_chart(table, metric="customers", lang=lang, labels=labels),
        "journey": charts.journey_chart(journey_curve(project), project.touchpoints, lang=lang,
                                        targets=journey_targets(project), after=journey_after(project, scenarios[1]),
                                        outcome=project.outcome, scale=project.rating_scale),
    }


def svg_texts(chart) -> list[str]:
    """The texts an SVG rendering of ``chart`` shows (axis labels, legends, marks, titles)."""
    svg = vlc.vegalite_to_svg(json.dumps(chart.to_dict()))
    return re.findall(r">([^<>]+)</text>", svg)


@pytest.mark.parametrize("sample", ["hotel", "it_distributor"])
def test_no_chart_shows_english_numbers_in_german(sample):
    project = load_sample(sample)
    for name, chart in every_chart(project, "de").items():
        shown = [t for t in svg_texts(chart) if any(c.isdigit() for c in t)]
        assert shown, name
        for text in shown:
            for pattern in ENGLISH:
                assert not pattern.search(text), (name, text)


def test_no_chart_shows_german_numbers_in_english():
    project = load_sample("hotel")
    for name, chart in every_chart(project, "en").items():
        for text in svg_texts(chart):
            for pattern in GERMAN:
                assert not pattern.search(text), (name, text)


def test_a_german_axis_groups_thousands_with_a_point():
    project = load_sample("hotel")
    texts = svg_texts(charts.coverage_heatmap(coverage_matrix(project.touchpoints), lang="de", value="annual_cost"))
    assert any(re.search(r"\d\.\d{3}", t) for t in texts)

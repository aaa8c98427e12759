"""The strategy as a PowerPoint deck for the people who decide (python-pptx).

:func:`strategy_pptx` lays out the strategy document's sections (:func:`tpkit.report.strategy_sections`)
and the kit's charts on 16:9 slides: title and goals, key figures, the touchpoint map, the critical
touchpoints, the importance–performance picture, the key drivers, the chosen scenario against the baseline
with its intervals, the journey as a curve (as it is, the targets, the scenario), desired and exit segments, the measures with owners and due dates, questions 6 to 9,
and an appendix with the method and every assumption. Charts are pictures (vl-convert PNG), tables real
PowerPoint tables whose cells are written as the dashboards write them (:func:`tpkit.display.written_cells`);
a long table continues on the next slide.

Example
-------
>>> from tpkit.datasets import load_sample
>>> from tpkit.scenario import Scenario
>>> strategy_pptx(load_sample("hotel"), Scenario("x"), lang="en")[:2]
b'PK'
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd

from . import charts
from .display import Table, names, written_cells
from .drivers import key_drivers
from .evaluation import critical_touchpoints, ipa
from .i18n import Lang, format_date, metric_word, t
from .io import Project
from .journey import journey_after, journey_curve, journey_targets
from .report import strategy_sections
from .scenario import TOTAL, Scenario, compare, headline_metric

#: Rows of a table per slide; a longer one continues on the next slide.
ROWS_PER_SLIDE = 12
#: The columns each section shows on a slide (the document's own tables are wider than a slide).
DECK_COLUMNS = {
    "segments": ("segment_id", "status", "customers", "margin", "network", "n"),
    "exit_plans": ("segment_id", "step", "action", "touchpoint_id", "annual_cost"),
    "measures": ("priority", "name", "touchpoint_id", "owner", "cost", "due_date", "effect"),
    "levers": ("lever", "rank", "touchpoint_id", "evidence_text", "measures"),
    "parameters": ("parameter", "segment_id", "value", "unit", "source"),
    "critical": ("touchpoint_id", "n", "performance", "performance_low", "performance_high", "derived_importance"),
    "scenario": ("segment_id", "baseline", "scenario", "scenario_low", "scenario_high", "delta", "delta_low",
                 "delta_high"),
}
_WIDE, _HIGH = 13.333, 7.5     # inches of a 16:9 slide


def strategy_pptx(project: Project, scenario: Scenario, *, lang: Lang = "de", goals: list[str] | None = None,
                  targets: pd.DataFrame | None = None, compare_with: list[Scenario] | None = None,
                  sections: dict[str, Table] | None = None) -> bytes:
    """The strategy as a deck: the slides of :func:`deck_slides`, in German or English.

    Parameters
    ----------
    project, scenario : the project and the chosen scenario.
    lang : language of every word and number.
    goals : the goals in words (default: derived from the scenario's figures).
    targets : the user's own target levels (as :func:`tpkit.report.strategy_sections`).
    compare_with : further scenarios shown beside the chosen one in the scenario chart.
    sections : :func:`tpkit.report.strategy_sections` of the same arguments, when computed already.

    Returns
    -------
    The bytes of the .pptx file.
    """
    from pptx import Presentation
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(_WIDE), Inches(_HIGH)
    for slide in deck_slides(project, scenario, lang=lang, goals=goals, targets=targets, compare_with=compare_with,
                             sections=sections):
        if slide["kind"] == "title":
            page = deck.slides.add_slide(deck.slide_layouts[0])
            page.shapes.title.text = slide["title"]
            page.placeholders[1].text = slide["text"]
            continue
        page = deck.slides.add_slide(deck.slide_layouts[5])      # a title only
        page.shapes.title.text = slide["title"]
        page.shapes.title.text_frame.paragraphs[0].font.size = Pt(28)
        top, height = Inches(1.35), Inches(_HIGH - 1.6)
        if slide["kind"] == "bullets":
            box = page.shapes.add_textbox(Inches(0.6), top, Inches(_WIDE - 1.2), height).text_frame
            box.word_wrap = True
            for i, line in enumerate(slide["lines"]):
                paragraph = box.paragraphs[0] if i == 0 else box.add_paragraph()
                paragraph.text = line
                paragraph.font.size = Pt(16)
                paragraph.space_after = Pt(8)
        elif slide["kind"] == "picture":
            _picture(page, slide["png"], top, height, Inches)
        else:
            _table(page, slide["header"], slide["rows"], top, Inches, Pt)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def deck_slides(project: Project, scenario: Scenario, *, lang: Lang = "de", goals: list[str] | None = None,
                targets: pd.DataFrame | None = None, compare_with: list[Scenario] | None = None,
                sections: dict[str, Table] | None = None) -> list[dict]:
    """What each slide shows, before any layout: a list of dicts with ``kind`` (``title``, ``bullets``,
    ``picture`` or ``table``), ``title`` and ``text``, ``lines``, ``png`` or ``header`` and ``rows`` (the cells
    as text, written in ``lang``). :func:`strategy_pptx` lays them out; tests read them.

    >>> from tpkit.datasets import load_sample
    >>> slides = deck_slides(load_sample("hotel"), Scenario("x"), lang="en")
    >>> [s["title"] for s in slides][:3]
    ['Target strategy · Hotel Seeblick', 'Goals', 'Key figures: the scenario against the baseline']
    """
    from . import __version__

    sections = sections or strategy_sections(project, scenario, lang=lang, goals=goals, targets=targets)
    currency = project.currency
    segment_names = names(project, "segments", lang=lang)
    slides: list[dict] = [{"kind": "title", "title": t("report.title", lang=lang, project=project.name),
                           "text": t("deck.subtitle", lang=lang, scenario=scenario.name or "–",
                                     date=format_date(dt.date.today(), lang), version=__version__)},
                          {"kind": "bullets", "title": t("report.goals", lang=lang),
                           "lines": [str(g) for g in sections["goals"].frame.iloc[:, 0]]}]
    kpi = sections["scenario"]
    metric = headline_metric(project.outcome)
    figure = metric_word(metric, project.outcome, lang)
    key_rows = kpi.frame[kpi.frame["segment_id"] == segment_names.get(TOTAL, TOTAL)]
    slides += _table_slides(t("deck.key_figures", lang=lang),
                            Table(key_rows[["metric", "baseline", "scenario", "scenario_low", "scenario_high",
                                            "delta", "delta_low", "delta_high"]], kpi.formats), lang, currency)
    slides.append({"kind": "picture", "title": t("chart.touchpoint_map", lang=lang),
                   "png": charts.png_bytes(charts.touchpoint_map(project.touchpoints, lang=lang))})
    critical = critical_touchpoints(project, by_segment=False)
    critical = critical.assign(touchpoint_id=[names(project, "touchpoints", lang=lang).get(x, x)
                                              for x in critical["touchpoint_id"]])
    slides += _table_slides(t("deck.critical", lang=lang),
                            Table(critical[list(DECK_COLUMNS["critical"])]), lang, currency)
    slides.append({"kind": "picture", "title": t("deck.ipa", lang=lang),
                   "png": charts.png_bytes(charts.ipa_chart(ipa(project), project.touchpoints, lang=lang,
                                                scale=project.rating_scale))})
    slides.append({"kind": "picture", "title": t("deck.drivers", lang=lang),
                   "png": charts.png_bytes(charts.driver_chart(key_drivers(project), project.touchpoints, lang=lang,
                                                   outcome=project.outcome))})
    table = compare(project, [scenario, *(compare_with or [])])
    slides.append({"kind": "picture", "title": t("deck.scenario", lang=lang, scenario=scenario.name or "–"),
                   "png": charts.png_bytes(charts.scenario_chart(table, metric=metric, lang=lang, labels=segment_names,
                                                     outcome=project.outcome))})
    slides.append({"kind": "picture", "title": t("journey.title", lang=lang),
                   "png": charts.png_bytes(charts.journey_chart(
                       journey_curve(project), project.touchpoints, lang=lang, outcome=project.outcome,
                       scale=project.rating_scale, targets=journey_targets(project, overrides=targets),
                       after=journey_after(project, scenario), title_text=t("ui.all_segments", lang=lang)))})
    slides += _table_slides(t("deck.scenario_table", lang=lang, figure=figure),
                            Table(kpi.frame[kpi.frame["metric"] == figure][list(DECK_COLUMNS["scenario"])], kpi.formats),
                            lang, currency)
    for section in ("segments", "exit_plans", "measures", "levers"):
        frame = sections[section].frame
        columns = [c for c in DECK_COLUMNS[section] if c in frame.columns]
        slides += _table_slides(t(f"report.{section}", lang=lang), Table(frame[columns], sections[section].formats),
                                lang, currency)
    slides.append({"kind": "bullets", "title": t("deck.method_title", lang=lang),
                   "lines": t("deck.method", lang=lang).split("\n")})
    frame = sections["parameters"].frame
    slides += _table_slides(t("report.parameters", lang=lang),
                            Table(frame[[c for c in DECK_COLUMNS["parameters"] if c in frame.columns]],
                                  sections["parameters"].formats), lang, currency)
    return slides


def _table_slides(title: str, table: Table, lang: Lang, currency: str) -> list[dict]:
    """One table slide per :data:`ROWS_PER_SLIDE` rows, the header named in ``lang`` and every cell written as
    the dashboards write it; an empty table says so."""
    header, columns = written_cells(table.frame, lang=lang, currency=currency,
                                    formats=table.formats)
    rows = [list(row) for row in zip(*columns)]
    if not rows:
        return [{"kind": "bullets", "title": title, "lines": [t("report.none", lang=lang)]}]
    pages = [rows[i:i + ROWS_PER_SLIDE] for i in range(0, len(rows), ROWS_PER_SLIDE)]
    return [{"kind": "table", "title": title + (f" ({k + 1}/{len(pages)})" if len(pages) > 1 else ""),
             "header": header, "rows": page} for k, page in enumerate(pages)]


def _picture(page, png: bytes, top, height, inches) -> None:
    """The picture as large as the slide allows below the title, its proportions kept, centred."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        w, h = image.size
    box_w, box_h = inches(_WIDE - 1.0), height
    scale = min(box_w / w, box_h / h)
    width, high = int(w * scale), int(h * scale)
    page.shapes.add_picture(io.BytesIO(png), int((inches(_WIDE) - width) / 2), top, width, high)


def _table(page, header: list[str], rows: list[list[str]], top, inches, pt) -> None:
    """A real PowerPoint table: a header row, the cells as text, small print for wide tables."""
    n_cols = len(header)
    shape = page.shapes.add_table(len(rows) + 1, n_cols, inches(0.4), top, inches(_WIDE - 0.8),
                                  inches(0.35 * (len(rows) + 1)))
    size = pt(12 if n_cols <= 5 else 10 if n_cols <= 8 else 9)
    for j, text in enumerate(header):
        cell = shape.table.cell(0, j)
        cell.text = text
        cell.text_frame.paragraphs[0].font.size = size
        cell.text_frame.paragraphs[0].font.bold = True
    for i, row in enumerate(rows, start=1):
        for j, text in enumerate(row):
            cell = shape.table.cell(i, j)
            cell.text = text
            cell.text_frame.paragraphs[0].font.size = size

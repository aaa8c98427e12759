"""Altair charts. Each takes a tidy frame from an analysis function and returns an ``alt.Chart``.

No analysis happens here: only layout (where a mark goes) and words (from
:mod:`tpkit.i18n`). ``export_chart`` writes PNG or SVG through vl-convert.

Example
-------
>>> from tpkit.datasets import load_sample
>>> from tpkit.inventory import coverage_matrix
>>> chart = coverage_heatmap(coverage_matrix(load_sample("hotel").touchpoints), lang="en")
>>> chart.to_dict()["title"]["text"]
'Coverage: phase × channel'
"""

from __future__ import annotations

import functools
import json
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

from .errors import check_choice
from .i18n import Lang, display_names, format_number, has, label, metric_word, name_map, t
from .schema import ALL_SEGMENTS, CHANNELS, KINDS, PHASES, UNKNOWN
from .outcome import FIVE_POINTS, NPS_OUTCOME, OutcomeSpec, RatingScale
from .scenario.assumptions import COUNTED_METRICS
from .stats import MIN_N
from .vega import alt  # Altair without a grammar it never uses: 1.2 s less to import (see tpkit.vega)

PALETTES = {
    "channel": ["#1f77b4", "#ff7f0e", "#2ca02c"],
    "kind": ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#9c755f"],
    "contact": ["#2f4b7c", "#bcbddc"],
}
_VOCABULARY = {"channel": CHANNELS, "kind": KINDS, "contact": ("direct", "indirect")}
#: How each language writes numbers in a chart (d3-format locales, Vega's ``config.locale``): German axes,
#: legends, labels and tooltips show 50.000 and 3,5 as the tables do.
NUMBER_LOCALES = {
    "de": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0€"], "minus": "\u2212"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""], "minus": "\u2212"},
}
C = TypeVar("C", bound=Callable[..., alt.TopLevelMixin])


def in_language(chart_function: C) -> C:
    """Decorator of every chart: the chart writes its numbers as readers of its ``lang`` do
    (:data:`NUMBER_LOCALES`), wherever it is drawn — a notebook, a dashboard, an exported SVG or PNG.

    >>> from tpkit.datasets import load_sample
    >>> chart = touchpoint_map(load_sample("hotel").touchpoints, lang="de")
    >>> chart.to_dict()["config"]["locale"]["number"]["decimal"]
    ','
    """
    signature = inspect.signature(chart_function)

    @functools.wraps(chart_function)
    def drawn(*args, **kwargs):
        lang = signature.bind(*args, **kwargs).arguments.get("lang", signature.parameters["lang"].default)
        return chart_function(*args, **kwargs).configure(locale=alt.Locale(number=NUMBER_LOCALES[lang]))
    return drawn  # type: ignore[return-value]


def title(key: str, *, lang: Lang = "de", subtitle: str | list[str] | None = None, **params: object) -> alt.TitleParams:
    """A chart title from the words of ``key`` (with ``params``), left-aligned like every tpkit chart.

    >>> title("chart.headline.nps", lang="en").to_dict()["text"] == t("chart.headline.nps", "en")
    True
    """
    extra = {"subtitle": subtitle} if subtitle else {}
    return alt.TitleParams(t(key, lang, **params), anchor="start", fontSize=15, **extra)


def tooltips(frame: pd.DataFrame, fields: list[str], *, lang: Lang = "de",
             titles: dict[str, str] | None = None) -> list[alt.Tooltip]:
    """Tooltips for columns of ``frame``, titled in ``lang``.

    A field is ``"column"`` or ``"column:format"`` (a d3 format such as ``,.0f`` or ``.1%``). Its title is
    the word for the column (a ``_label`` suffix dropped: ``phase_label`` is titled "Phase";
    ``display_name`` is the touchpoint's), or the word for ``titles[column]``; numbers are quantitative,
    everything else nominal.

    >>> frame = pd.DataFrame({"phase_label": ["Kauf"], "annual_cost": [1.0]})
    >>> [x.to_dict() for x in tooltips(frame, ["phase_label", "annual_cost:,.0f"], lang="de")]
    [{'field': 'phase_label', 'title': 'Phase', 'type': 'nominal'}, {'field': 'annual_cost', 'format': ',.0f', 'title': 'Kosten pro Jahr', 'type': 'quantitative'}]
    """
    titles = {"display_name": "touchpoint", **(titles or {})}
    out = []
    for field in fields:
        column, _, fmt = field.partition(":")
        key = titles.get(column, column.removesuffix("_label"))
        kind = "Q" if pd.api.types.is_numeric_dtype(frame[column]) and frame[column].dtype != bool else "N"
        extra = {"format": fmt} if fmt else {}
        out.append(alt.Tooltip(f"{column}:{kind}", title=t(key, lang) if has(key) else key, **extra))
    return out


def _phase_labels(lang: Lang) -> list[str]:
    return [label("phase", p, lang) for p in PHASES + (UNKNOWN,)]


@in_language
def touchpoint_map(touchpoints: pd.DataFrame, *, lang: Lang = "de", colour_by: str = "channel") -> alt.LayerChart:
    """The journey as a map: a column per phase, a mark per touchpoint.

    Parameters
    ----------
    touchpoints : ``project.touchpoints``.
    lang : words and names in German or English.
    colour_by : ``channel``, ``kind`` or ``contact``.

    Returns
    -------
    A layered chart: size by annual contacts, triangles for indirect touchpoints; the tooltip
    shows owner, cost and contacts.
    """
    check_choice("colour_by", colour_by, tuple(_VOCABULARY))
    frame = touchpoints.copy()
    frame["display_name"] = display_names(frame, lang)
    frame["phase_label"] = [label("phase", p, lang) for p in frame["phase"]]
    frame["position"] = frame.groupby("phase").cumcount()
    for col in ("channel", "kind", "contact"):
        frame[f"{col}_label"] = [label(col, v, lang) for v in frame[col]]
    frame["annual_cost"] = frame["annual_cost"].astype("float64")
    frame["annual_contacts"] = frame["annual_contacts"].astype("float64")
    frame = frame[["display_name", "phase_label", "position", "channel_label", "kind_label", "contact_label",
                   "contact", "owner", "annual_cost", "annual_contacts"]]
    values = _VOCABULARY[colour_by] + ((UNKNOWN,) if (touchpoints[colour_by] == UNKNOWN).any() else ())
    colours = [label(colour_by, v, lang) for v in values]
    palette = PALETTES[colour_by][: len(_VOCABULARY[colour_by])] + ["#bab0ac"] * (len(values) - len(_VOCABULARY[colour_by]))
    x = alt.X("phase_label:N", sort=_phase_labels(lang), title=None,
              axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=13, labelFontWeight="bold"))
    y = alt.Y("position:O", axis=None, title=None)
    tooltip = tooltips(frame, ["display_name", "owner", "channel_label", "contact_label", "kind_label",
                               "annual_cost:,.0f", "annual_contacts:,.0f"], lang=lang)
    base = alt.Chart(frame).encode(x=x, y=y, tooltip=tooltip)
    marks = base.mark_point(filled=True, opacity=0.9, xOffset=-90).encode(
        color=alt.Color(f"{colour_by}_label:N", title=t(colour_by, lang),
                        scale=alt.Scale(domain=colours, range=palette)),
        size=alt.Size("annual_contacts:Q", title=t("annual_contacts", lang), scale=alt.Scale(type="sqrt",
                      range=[30, 700])),
        shape=alt.Shape("contact_label:N", title=t("contact", lang),
                        scale=alt.Scale(domain=[label("contact", c, lang) for c in ("direct", "indirect", UNKNOWN)],
                                        range=["circle", "triangle-up", "diamond"])),
    )
    names = base.mark_text(align="left", xOffset=-75, fontSize=11).encode(text="display_name:N")
    rows = int(frame.groupby("phase_label").size().max()) if len(frame) else 1
    return alt.layer(marks, names).properties(
        width=alt.Step(260), height=max(200, rows * 24), title=title("chart.touchpoint_map", lang=lang))


@in_language
def coverage_heatmap(coverage: pd.DataFrame, *, lang: Lang = "de", value: str = "touchpoints") -> alt.LayerChart:
    """Phase × channel heatmap of ``value``.

    Parameters
    ----------
    coverage : :func:`tpkit.inventory.coverage_matrix`.
    lang : words in German or English.
    value : ``touchpoints``, ``direct``, ``annual_cost`` or ``annual_contacts``.

    Returns
    -------
    A layered chart of coloured cells with their numbers.
    """
    check_choice("value", value, ("touchpoints", "direct", "annual_cost", "annual_contacts"))
    frame = coverage.copy()
    frame["phase_label"] = [label("phase", p, lang) for p in frame["phase"]]
    frame["channel_label"] = [label("channel", c, lang) for c in frame["channel"]]
    frame[value] = frame[value].astype("float64")
    fmt = ",.0f"
    base = alt.Chart(frame).encode(
        x=alt.X("phase_label:N", sort=_phase_labels(lang), title=t("phase", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("channel_label:N", sort=[label("channel", c, lang) for c in CHANNELS], title=t("channel", lang)),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(f"{value}:Q", title=t(value, lang), scale=alt.Scale(scheme="blues")),
        tooltip=tooltips(frame, ["phase_label", "channel_label", "touchpoints", "direct", f"annual_cost:{fmt}",
                                 f"annual_contacts:{fmt}"], lang=lang, titles={"direct": "n_direct"}),
    )
    text = base.mark_text(fontSize=13).encode(
        text=alt.Text(f"{value}:Q", format=fmt),
        color=alt.condition(alt.datum[value] > frame[value].max() / 2, alt.value("white"), alt.value("black")),
    )
    return alt.layer(cells, text).properties(width=alt.Step(130), height=alt.Step(44),
                                             title=title("chart.coverage", lang=lang))


@in_language
def owner_bars(owners: pd.DataFrame, *, lang: Lang = "de") -> alt.HConcatChart:
    """Annual cost and annual contacts per owning department, side by side, sorted by cost.

    Parameters
    ----------
    owners : :func:`tpkit.inventory.by_owner`.
    lang : words in German or English.

    Returns
    -------
    Two bar charts side by side.
    """
    frame = owners[["owner", "touchpoints", "annual_cost", "annual_contacts", "cost_per_contact"]].copy()
    for col in ("annual_cost", "annual_contacts", "cost_per_contact"):
        frame[col] = frame[col].astype("float64")
    order = frame.sort_values("annual_cost", ascending=False)["owner"].tolist()
    tooltip = tooltips(frame, ["owner", "touchpoints", "annual_cost:,.0f", "annual_contacts:,.0f",
                               "cost_per_contact:,.2f"], lang=lang)
    y = alt.Y("owner:N", sort=order, title=t("owner", lang))
    cost = alt.Chart(frame).mark_bar(color="#4e79a7").encode(
        x=alt.X("annual_cost:Q", title=t("annual_cost", lang)), y=y, tooltip=tooltip).properties(width=300)
    contacts = alt.Chart(frame).mark_bar(color="#f28e2b").encode(
        x=alt.X("annual_contacts:Q", title=t("annual_contacts", lang)), y=alt.Y("owner:N", sort=order, axis=None),
        tooltip=tooltip).properties(width=300)
    return alt.hconcat(cost, contacts).properties(title=title("chart.by_owner", lang=lang))


@in_language
def journey_chart(curve: pd.DataFrame, touchpoints: pd.DataFrame, *, lang: Lang = "de",
                  targets: pd.DataFrame | None = None, after: pd.DataFrame | None = None,
                  outcome: OutcomeSpec = NPS_OUTCOME, scale: RatingScale = FIVE_POINTS,
                  title_text: str | None = None) -> alt.VConcatChart:
    """The experience curve along the journey: the performance per phase with its interval (as it is), the
    target levels and a scenario (to be) as further lines, the critical moments of truth named above their
    phase; below it the headline figure of those who met each phase, with its interval.

    Parameters
    ----------
    curve : :func:`tpkit.journey.journey_curve`.
    touchpoints : ``project.touchpoints`` (the names of the moments of truth).
    targets : :func:`tpkit.journey.journey_targets` (its ``target``), or None.
    after : :func:`tpkit.journey.journey_after` (its ``after``), or None.
    outcome, scale : the outcome question and the rating scale (axes and words).
    title_text : a subtitle (for instance the segment's name).

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.journey import journey_curve
    >>> hotel = load_sample("hotel")
    >>> spec = journey_chart(journey_curve(hotel), hotel.touchpoints, lang="en").to_dict()
    >>> spec["vconcat"][0]["title"]["text"]
    'The journey as a curve'
    """
    order = [label("phase", p, lang) for p in PHASES]
    names = name_map(touchpoints, "touchpoint_id", lang)
    frame = curve.assign(phase_label=[label("phase", p, lang) for p in curve["phase"]],
                         moments=["⚠ " + ", ".join(names.get(t, t) for t in c.split("|")) if c else ""
                                  for c in curve["critical"]])
    lines = [frame.assign(line=t("journey.as_is", lang), level=frame["performance"])[["phase_label", "line", "level"]]]
    if targets is not None:
        lines.append(pd.DataFrame({"phase_label": [label("phase", p, lang) for p in targets["phase"]],
                                   "line": t("journey.target", lang), "level": targets["target"].to_numpy()}))
    if after is not None:
        lines.append(pd.DataFrame({"phase_label": [label("phase", p, lang) for p in after["phase"]],
                                   "line": t("journey.to_be", lang), "level": after["after"].to_numpy()}))
    long = pd.concat(lines, ignore_index=True)
    x = alt.X("phase_label:N", sort=order, title=None, axis=alt.Axis(labelAngle=0))
    levels = [*frame["performance_low"], *frame["performance_high"], *long["level"]]
    y_domain = _padded(levels, floor=float(scale.low), ceiling=float(scale.high), step=0.5)
    y = alt.Y("level:Q", title=t("performance", lang), scale=alt.Scale(domain=y_domain, zero=False))
    kinds = [t(k, lang) for k in ("journey.as_is", "journey.target", "journey.to_be")]
    colour = alt.Color("line:N", title=None, scale=alt.Scale(domain=kinds, range=["#4e79a7", "#59a14f", "#f28e2b"]),
                       legend=alt.Legend(orient="bottom", direction="horizontal"))
    dash = alt.StrokeDash("line:N", scale=alt.Scale(domain=kinds, range=[[1, 0], [6, 4], [2, 2]]), legend=None)
    curves = alt.Chart(long).mark_line(point=True, strokeWidth=2.5).encode(x=x, y=y, color=colour, strokeDash=dash)
    bars = alt.Chart(frame).mark_rule(color="#4e79a7", strokeWidth=2).encode(
        x=x, y=alt.Y("performance_low:Q", scale=alt.Scale(domain=y_domain)), y2="performance_high:Q",
        tooltip=tooltips(frame, ["phase_label", "n", "performance:.2f", "performance_low:.2f", "performance_high:.2f"],
                         lang=lang))
    marks = alt.Chart(frame).mark_text(dy=-16, color="#d62728", fontSize=11, fontWeight="bold").encode(
        x=x, y=alt.Y("performance_high:Q", scale=alt.Scale(domain=y_domain)), text="moments:N")
    top = alt.layer(curves, bars, marks).properties(
        width=620, height=260, title=title("journey.title", lang=lang, subtitle=title_text))
    figure = t(outcome.figure, lang)
    fmt = ".1%" if outcome.figure == "share_positive" else ".1f"
    base = alt.Chart(frame).encode(x=x)
    value_bars = base.mark_bar(color="#bab0ac", size=28).encode(
        y=alt.Y("value:Q", title=figure), tooltip=tooltips(frame, ["phase_label", "n", f"value:{fmt}",
                                                                    f"value_low:{fmt}", f"value_high:{fmt}"],
                                                           lang=lang, titles={"value": figure}))
    value_rules = base.mark_rule(color="#333").encode(y="value_low:Q", y2="value_high:Q")
    bottom = alt.layer(value_bars, value_rules).properties(
        width=620, height=120, title=alt.TitleParams(t("journey.figure", lang, figure=figure), anchor="start",
                                                     fontSize=12))
    return alt.vconcat(top, bottom)


def draw_offline() -> None:
    """Charts shown in a notebook are drawn with their JavaScript from the kernel, not from a public CDN, so
    they appear without internet (Altair's default renderer loads Vega from cdn.jsdelivr.net).

    Notes
    -----
    Altair's ``jupyter`` renderer in offline mode (a chart widget) with the bundle from tpkit's cache
    (:func:`tpkit.vega.enable_offline`).
    """
    from .vega import enable_offline

    enable_offline()
    alt.renderers.enable("jupyter", offline=True)


def png_bytes(chart: alt.TopLevelMixin, *, scale: float = 2.0) -> bytes:
    """A chart as PNG bytes (vl-convert), for a workbook or a slide; the same chart asked again (the workbook
    and the deck of one download) is drawn once.

    >>> from tpkit.datasets import load_sample
    >>> png_bytes(touchpoint_map(load_sample("hotel").touchpoints), scale=1)[:4]
    b'\\x89PNG'
    """
    return _png(json.dumps(chart.to_dict(), sort_keys=True, default=str), scale)


@functools.lru_cache(maxsize=16)
def _png(spec: str, scale: float) -> bytes:
    import vl_convert as vlc

    return vlc.vegalite_to_png(json.loads(spec), scale=scale)


def export_chart(chart: alt.TopLevelMixin, path: str | Path, *, scale: float = 2.0) -> Path:
    """Write a chart as .png, .svg or .html (self-contained), chosen by the file ending.

    Parameters
    ----------
    chart : any chart of this module.
    path : the file to write; its ending chooses the format.
    scale : the PNG's scale factor.

    Returns
    -------
    The path written.

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.inventory import coverage_matrix
    >>> import tempfile, os
    >>> out = export_chart(coverage_heatmap(coverage_matrix(load_sample("hotel").touchpoints)),
    ...                    os.path.join(tempfile.mkdtemp(), "c.svg"))
    >>> out.read_text()[:4]
    '<svg'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    check_choice("file ending", suffix, (".png", ".svg", ".html"))
    if suffix == ".html":
        chart.save(str(path), inline=True)
    else:
        chart.save(str(path), scale_factor=scale) if suffix == ".png" else chart.save(str(path))
    return path


# --- part 2: evaluation -------------------------------------------------------

#: The classes' colours, told apart by readers with red–green colour blindness too (Okabe–Ito: vermilion, blue,
#: orange, grey); the importance–performance chart gives each class its own shape as well.
CLASS_COLOURS = {"critical": "#d55e00", "strength": "#0072b2", "overkill": "#e69f00", "low_priority": "#7f7f7f"}


def _with_names(frame: pd.DataFrame, touchpoints: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    names = name_map(touchpoints, "touchpoint_id", lang)
    return frame.assign(display_name=[names.get(t, t) for t in frame["touchpoint_id"]])


def _class_scale(lang: Lang) -> alt.Scale:
    return alt.Scale(domain=[label("class", c, lang) for c in CLASS_COLOURS], range=list(CLASS_COLOURS.values()))


#: Where each class sits in the importance–performance picture: (importance high?, performance high?).
QUADRANTS = {"critical": (True, False), "strength": (True, True), "overkill": (False, True), "low_priority": (False, False)}
_IPA_SIZE = (640, 440)


@in_language
def ipa_chart(table: pd.DataFrame, touchpoints: pd.DataFrame, *, lang: Lang = "de", view: str = "derived",
              scale: RatingScale = FIVE_POINTS
              ) -> alt.LayerChart:
    """Importance–performance scatter: the quadrant thresholds with the quadrants named, class colours with their
    legend, and every touchpoint named beside its point.

    Parameters
    ----------
    table : :func:`tpkit.evaluation.ipa`; small touchpoints are left out.
    touchpoints : ``project.touchpoints`` (for the names).
    lang : words and names in German or English.
    view : ``derived`` or ``stated`` importance on the x axis.
    scale : the rating scale (the performance axis shows the part of it the touchpoints use).

    Returns
    -------
    A layered chart: vertical bars show each touchpoint's interval of performance; each point carries its
    touchpoint's name, moved up or down where it would cover another (:func:`label_offsets`); the quadrant
    names stand in the corners.

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.evaluation import ipa
    >>> hotel = load_sample("hotel")
    >>> spec = ipa_chart(ipa(hotel), hotel.touchpoints, lang="en").to_dict()
    >>> spec["layer"][1]["encoding"]["y"]["scale"]["domain"][0] > 1    # not from the scale's bottom
    True
    """
    check_choice("view", view, ("derived", "stated"))
    imp_col = "derived_importance" if view == "derived" else "stated_importance"
    frame = _with_names(table[~table["small"]], touchpoints, lang)
    frame = frame.assign(importance=frame[imp_col].astype("float64"),
                         class_label=[label("class", c, lang) for c in frame[f"class_{view}"]])
    frame = frame[["display_name", "importance", "performance", "performance_low", "performance_high", "n",
                   "class_label"]].dropna(subset=["importance", "performance"])
    x_threshold = float(table[f"{view}_threshold"].iloc[0])
    y_threshold = float(table["performance_threshold"].iloc[0])
    x_domain = _padded([*frame["importance"], x_threshold], floor=0.0 if view == "derived" else None)
    y_domain = _padded([*frame["performance_low"].fillna(frame["performance"]),
                        *frame["performance_high"].fillna(frame["performance"]), y_threshold],
                       floor=float(scale.low), ceiling=float(scale.high), step=0.5)
    dx, dy, free = label_offsets(frame["importance"].to_numpy(), frame["performance"].to_numpy(),
                                 frame["display_name"].tolist(), x_domain, y_domain, _IPA_SIZE)
    focus = frame["class_label"].isin([label("class", c, lang) for c in ("critical", "strength")]).to_numpy()
    # a label goes where it covers nothing; a critical touchpoint or a strength is named wherever it must
    frame = frame.assign(label_x=frame["importance"] + dx * (x_domain[1] - x_domain[0]) / _IPA_SIZE[0],
                         label_y=frame["performance"] - dy * (y_domain[1] - y_domain[0]) / _IPA_SIZE[1],
                         label_text=np.where(free | focus, frame["display_name"], ""),
                         label_align=np.where(dx >= 0, "left", "right"))
    x = alt.X("importance:Q", title=t(imp_col, lang), scale=alt.Scale(domain=x_domain, zero=False, nice=False))
    y = alt.Y("performance:Q", title=t("performance", lang), scale=alt.Scale(domain=y_domain, zero=False, nice=False))
    tooltip = tooltips(frame, ["display_name", "class_label", "importance:.3f", "performance:.2f",
                               "performance_low:.2f", "performance_high:.2f", "n"], lang=lang,
                       titles={"class_label": f"class_{view}", "importance": imp_col})
    base = alt.Chart(frame).encode(x=x, tooltip=tooltip)
    colour = alt.Color("class_label:N", scale=_class_scale(lang), title=t(f"class_{view}", lang),
                       legend=alt.Legend(orient="bottom", columns=2, labelLimit=320))
    bars = base.mark_rule(opacity=0.35).encode(y=alt.Y("performance_low:Q", scale=alt.Scale(domain=y_domain)),
                                               y2="performance_high:Q", color=colour)
    shape = alt.Shape("class_label:N", title=t(f"class_{view}", lang),
                      scale=alt.Scale(domain=[label("class", c, lang) for c in CLASS_COLOURS],
                                      range=["square", "circle", "diamond", "triangle-up"]),
                      legend=alt.Legend(orient="bottom", columns=2, labelLimit=320))
    points = base.mark_point(size=80, opacity=0.9, filled=True).encode(y=y, color=colour, shape=shape)
    names = [alt.Chart(frame[frame["label_align"] == side]).mark_text(
        align=side, baseline="middle", fontSize=10, color="#333").encode(
        x=alt.X("label_x:Q", scale=alt.Scale(domain=x_domain)), y=alt.Y("label_y:Q", scale=alt.Scale(domain=y_domain)),
        text="label_text:N", tooltip=tooltip) for side in ("left", "right")]
    lines = pd.DataFrame({"x": [x_threshold], "y": [y_threshold]})
    vline = alt.Chart(lines).mark_rule(strokeDash=[4, 4], color="#555").encode(x=alt.X("x:Q", scale=alt.Scale(domain=x_domain)))
    hline = alt.Chart(lines).mark_rule(strokeDash=[4, 4], color="#555").encode(y=alt.Y("y:Q", scale=alt.Scale(domain=y_domain)))
    corners = pd.DataFrame([{"x": x_domain[1] if right else x_domain[0], "y": y_domain[1] if top else y_domain[0],
                             "align": "right" if right else "left", "baseline": "top" if top else "bottom",
                             "text": label("class", c, lang).split(" (")[0].upper()}
                            for c, (right, top) in QUADRANTS.items()])
    quadrant_names = [alt.Chart(corners.iloc[[i]]).mark_text(
        align=row.align, baseline=row.baseline, dx=-6 if row.align == "right" else 6, dy=6 if row.baseline == "top" else -6,
        fontSize=11, fontWeight="bold", color=CLASS_COLOURS[c], opacity=0.8).encode(
        x=alt.X("x:Q", scale=alt.Scale(domain=x_domain)), y=alt.Y("y:Q", scale=alt.Scale(domain=y_domain)), text="text:N")
        for i, (c, row) in enumerate(zip(QUADRANTS, corners.itertuples()))]
    return alt.layer(bars, points, *names, vline, hline, *quadrant_names).properties(
        width=_IPA_SIZE[0], height=_IPA_SIZE[1], title=title("chart.ipa", lang=lang, view=t(f"view.{view}", lang)))


def _padded(values, *, floor: float | None = None, ceiling: float | None = None, step: float | None = None
            ) -> list[float]:
    """An axis domain around ``values`` with a margin of 8 % each side, within ``floor``/``ceiling``, widened to
    multiples of ``step`` where given.

    >>> _padded([2.4, 4.1], floor=1, ceiling=5, step=0.5)
    [2.0, 4.5]
    """
    arr = np.asarray([v for v in values if pd.notna(v)], dtype=float)
    low, high = (float(arr.min()), float(arr.max())) if len(arr) else (0.0, 1.0)
    margin = 0.08 * (high - low) if high > low else 0.5
    low, high = low - margin, high + margin
    if step:
        low, high = np.floor(low / step) * step, np.ceil(high / step) * step
    low = low if floor is None else max(low, floor)
    high = high if ceiling is None else min(high, ceiling)
    return [float(low), float(high)]


def label_offsets(x: np.ndarray, y: np.ndarray, labels: list[str], x_domain: list[float], y_domain: list[float],
                  size: tuple[int, int], *, font_size: int = 10) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each point's label goes (pixels from the point to the label's near end: right, and down) so that
    labels cover neither one another nor points: each label, the most important points first, takes the first
    free place of right, above right, below right, left, then further up and down; ``free`` says whether it
    found one (else it stands right of its point).

    >>> dx, dy, free = label_offsets(np.array([1.0, 1.0]), np.array([2.0, 2.0]), ["a", "b"], [0, 2], [0, 4], (200, 200))
    >>> dx.tolist(), dy.tolist(), free.tolist()
    ([7.0, 7.0], [0.0, -12.0], [True, True])
    """
    width, height = size
    span_x = (x_domain[1] - x_domain[0]) or 1.0
    span_y = (y_domain[1] - y_domain[0]) or 1.0
    px = (x - x_domain[0]) / span_x * width
    py = height - (y - y_domain[0]) / span_y * height
    char, line = 0.58 * font_size, font_size + 2
    spots = [(7, 0), (7, -line), (7, line), (None, 0), (7, -2 * line), (7, 2 * line), (None, -line), (None, line)]
    taken: list[tuple[float, float, float, float]] = [(a - 4, b - 4, a + 4, b + 4) for a, b in zip(px, py)]
    dx, dy, free = np.full(len(x), 7.0), np.zeros(len(x)), np.zeros(len(x), dtype=bool)
    for i in np.argsort(-x, kind="stable"):
        w = char * len(labels[i])
        for ox, oy in spots:
            left = px[i] + 7 if ox is not None else px[i] - 7 - w
            box = (left, py[i] + oy - line / 2, left + w, py[i] + oy + line / 2)
            if box[2] > width + 40 or box[0] < -40:
                continue
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                       for j, b in enumerate(taken) if j != i):
                dx[i], dy[i], free[i] = (7.0 if ox is not None else -7.0), oy, True
                taken.append(box)
                break
    return dx, dy, free


@in_language
def headline_chart(table: pd.DataFrame, *, outcome: OutcomeSpec = NPS_OUTCOME, lang: Lang = "de",
                   labels: dict[str, str] | None = None, min_n: int = MIN_N) -> alt.LayerChart:
    """The headline figure per group as bars with their intervals; small groups grey. The axis, title and
    tooltips name the figure (NPS, share positive or mean of the outcome question).

    Parameters
    ----------
    table : :func:`tpkit.evaluation.headline`.
    outcome : the project's outcome question (the axis runs over its range).
    lang : words in German or English.
    labels : display names of the groups (ids stay where none is given).
    min_n : the threshold the subtitle names.

    Returns
    -------
    A layered chart of bars, interval rules and the group sizes.

    >>> from tpkit.recommendation import headline
    >>> r = pd.DataFrame({"recommend": [1, 0, 1], "g": ["a", "a", "b"]})
    >>> spec = headline_chart(headline(r, outcome=OutcomeSpec("binary", 0, 1), by="g"), outcome=OutcomeSpec("binary", 0, 1),
    ...                       lang="en").to_dict()
    >>> spec["layer"][0]["encoding"]["x"]["title"], spec["title"]["text"]
    ('Share positive', 'Share positive with 95% interval')
    """
    labels = labels or {}
    figure = outcome.figure
    frame = table.assign(group_label=[labels.get(g, g) for g in table["group"]],
                         colour=np.where(table["small"], "small", "ok"))
    fmt = {"nps": ".1f", "share_positive": ".0%", "mean": ".2f"}[figure]
    extra = {"nps": ["promoters:.0%", "detractors:.0%"], "share_positive": [], "mean": ["top2:.0%"]}[figure]
    frame = frame[["group_label", "n", "value", "value_low", "value_high", "colour"]
                  + [e.partition(":")[0] for e in extra]]
    domain = [-100, 100] if figure == "nps" else [outcome.low, outcome.high]
    order = frame["group_label"].tolist()
    y = alt.Y("group_label:N", sort=order, title=None)
    tooltip = tooltips(frame, ["group_label", "n", f"value:{fmt}", f"value_low:{fmt}", f"value_high:{fmt}", *extra],
                       lang=lang, titles={"value": figure, "value_low": "low", "value_high": "high"})
    base = alt.Chart(frame).encode(y=y, tooltip=tooltip)
    axis = alt.Axis(format="%") if figure == "share_positive" else alt.Axis()
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", title=t(figure, lang), scale=alt.Scale(domain=domain), axis=axis),
        color=alt.Color("colour:N", scale=alt.Scale(domain=["ok", "small"], range=["#4e79a7", "#c7c7c7"]),
                        legend=None))
    errors = base.mark_rule(strokeWidth=2).encode(x="value_low:Q", x2="value_high:Q")
    n_text = base.mark_text(align="left", dx=4, color="#555").encode(x=alt.value(0), text=alt.Text("n:Q"))
    subtitle = t("chart.small_hint", lang, n=min_n)
    if outcome.label and figure != "nps":
        subtitle = [t("chart.outcome_question", lang, question=outcome.label), subtitle]
    return alt.layer(bars, errors, n_text).properties(
        width=520, height=alt.Step(28), title=title(f"chart.headline.{figure}", lang=lang, subtitle=subtitle))


@in_language
def performance_heatmap(table: pd.DataFrame, touchpoints: pd.DataFrame, *, lang: Lang = "de",
                        segment_labels: dict[str, str] | None = None, by: str = "segment_id",
                        scale: RatingScale = FIVE_POINTS) -> alt.LayerChart:
    """Touchpoint × segment (or × the groups of another respondent column) mean performance; cells with
    too few answers stay empty.

    Parameters
    ----------
    table : :func:`tpkit.evaluation.segment_performance` (with the same ``by``).
    touchpoints : ``project.touchpoints`` (for the names and their order).
    lang : words and names in German or English.
    segment_labels : display names of the segments (or groups).
    by : the grouping column of ``table``.

    Returns
    -------
    A layered chart of coloured cells with their means.
    """
    segment_labels = segment_labels or {}
    frame = _with_names(table, touchpoints, lang)
    frame = frame.assign(segment_label=[segment_labels.get(s, s) for s in frame[by]],
                         shown=frame["performance"].where(~frame["small"]))
    frame = frame[["display_name", "segment_label", "performance", "shown", "n"]]
    order = [n for n in display_names(touchpoints, lang) if n in set(frame["display_name"])]
    axis = t(by, lang) if has(by) else by
    base = alt.Chart(frame).encode(
        x=alt.X("segment_label:N", title=axis, axis=alt.Axis(labelAngle=-30)),
        y=alt.Y("display_name:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
        tooltip=tooltips(frame, ["display_name", "segment_label", "performance:.2f", "n"], lang=lang,
                         titles={"segment_label": by}))
    cells = base.mark_rect().encode(color=alt.Color("shown:Q", title=t("performance", lang),
                                                    scale=alt.Scale(scheme="redyellowblue",   # (no red–green pair)
                                                                    domain=[scale.low, scale.high])))
    text = base.mark_text(fontSize=10).encode(text=alt.Text("shown:Q", format=".1f"))
    return alt.layer(cells, text).properties(width=alt.Step(90), height=alt.Step(16),
                                             title=title("chart.heatmap", lang=lang))


@in_language
def driver_chart(drivers: pd.DataFrame, touchpoints: pd.DataFrame, *, lang: Lang = "de", top: int = 20,
                 outcome: OutcomeSpec = NPS_OUTCOME) -> alt.LayerChart:
    """The strongest drivers as bars with their bootstrap intervals.

    Parameters
    ----------
    drivers : :func:`tpkit.drivers.key_drivers`; small touchpoints are left out.
    touchpoints : ``project.touchpoints`` (for the names).
    lang : words and names in German or English.
    top : how many drivers to show.

    Returns
    -------
    A layered chart of bars and interval rules.
    """
    frame = _with_names(drivers[~drivers["small"]].head(top), touchpoints, lang)
    frame = frame[["display_name", "weight", "weight_low", "weight_high", "share", "n"]]
    method = str(drivers["method"].iloc[0]) if len(drivers) else "relative_weights"
    y = alt.Y("display_name:N", sort=frame["display_name"].tolist(), title=None, axis=alt.Axis(labelLimit=320))
    tooltip = tooltips(frame, ["display_name", "weight:.4f", "weight_low:.4f", "weight_high:.4f", "share:.1%", "n"],
                       lang=lang)
    base = alt.Chart(frame).encode(y=y, tooltip=tooltip)
    bars = base.mark_bar(color="#4e79a7").encode(x=alt.X("weight:Q", title=t("weight", lang)))
    rules = base.mark_rule(strokeWidth=2).encode(x="weight_low:Q", x2="weight_high:Q")
    return alt.layer(bars, rules).properties(
        width=480, height=alt.Step(18), title=title(f"chart.drivers.{outcome.kind}", lang=lang, method=t(f"method.{method}", lang)))


@in_language
def gap_chart(table: pd.DataFrame, touchpoints: pd.DataFrame, *, lang: Lang = "de",
              scale: RatingScale = FIVE_POINTS) -> alt.LayerChart:
    """Dumbbell: employees' and customers' mean rating per touchpoint; blind spots first and in red.

    Parameters
    ----------
    table : :func:`tpkit.evaluation.inside_outside`; small touchpoints are left out.
    touchpoints : ``project.touchpoints`` (for the names).
    lang : words and names in German or English.

    Returns
    -------
    A layered chart of lines and dots.
    """
    frame = _with_names(table[~table["small"]], touchpoints, lang)
    order = frame["display_name"].tolist()
    long = pd.concat([
        frame.assign(view=t("customer_mean", lang), value=frame["customer_mean"]),
        frame.assign(view=t("employee_mean", lang), value=frame["employee_mean"]),
    ])[["display_name", "view", "value", "gap", "blind_spot", "p_adjusted"]]
    long["value"] = long["value"].astype("float64")
    long["line"] = np.where(long["blind_spot"].fillna(False).astype(bool), "blind", "ok")
    long["blind_spot"] = long["blind_spot"].astype(object).where(long["blind_spot"].notna(), None)   # NA: no staff
    y = alt.Y("display_name:N", sort=order, title=None, axis=alt.Axis(labelLimit=320))
    tooltip = tooltips(long, ["display_name", "view", "value:.2f", "gap:+.2f", "p_adjusted:.3g", "blind_spot"], lang=lang,
                       titles={"value": "performance"})
    lines = alt.Chart(long).mark_line(strokeWidth=3).encode(
        x=alt.X("value:Q", title=t("performance", lang), scale=alt.Scale(domain=[scale.low, scale.high])), y=y,
        detail="display_name:N",
        color=alt.Color("line:N", scale=alt.Scale(domain=["ok", "blind"], range=["#c7c7c7", "#d62728"]), legend=None))
    dots = alt.Chart(long).mark_circle(size=80, opacity=1).encode(
        x="value:Q", y=y, tooltip=tooltip,
        color=alt.Color("view:N", title=t("view", lang),
                        scale=alt.Scale(domain=[t("customer_mean", lang), t("employee_mean", lang)],
                                        range=["#1f77b4", "#ff7f0e"])))
    return alt.layer(lines, dots).resolve_scale(color="independent").properties(
        width=480, height=alt.Step(16), title=title("chart.gap", lang=lang))


# --- part 3: what-if ----------------------------------------------------------------

@in_language
def scenario_chart(table: pd.DataFrame, *, metric: str, lang: Lang = "de", labels: dict[str, str] | None = None,
                   outcome: OutcomeSpec = NPS_OUTCOME) -> alt.LayerChart:
    """One metric per segment: the baseline and each scenario side by side; intervals where given.

    Parameters
    ----------
    table : :func:`tpkit.scenario.compare`, or a simulation's ``kpis``.
    metric : one of :data:`tpkit.scenario.METRICS`.
    lang : words in German or English.
    labels : display names of the segments (the row ``all`` is named "all segments").
    outcome : the project's outcome question (names the metric: a yes/no's promoter share is its share
        positive); shares are drawn in percent.

    Returns
    -------
    A layered chart of grouped bars and interval rules.

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import Scenario, RemoveTouchpoint, compare
    >>> table = compare(load_sample("hotel"), [Scenario("a", (RemoveTouchpoint("bar"),))])
    >>> scenario_chart(table, metric="nps", lang="en").to_dict()["layer"][0]["mark"]["type"]
    'bar'
    """
    labels = labels or {}
    rows = table[table["metric"] == metric]
    total = None
    if metric in COUNTED_METRICS and (rows["segment_id"] != ALL_SEGMENTS).any():
        # a sum beside its parts would dwarf them: the segments are drawn, the total is named above them
        total = rows[rows["segment_id"] == ALL_SEGMENTS]
        rows = rows[rows["segment_id"] != ALL_SEGMENTS]
    if "name" not in rows:
        rows = rows.assign(name=t("scenario", lang))
    first = rows[rows["name"] == rows["name"].iloc[0]] if len(rows) else rows
    base = pd.DataFrame({"segment_id": first["segment_id"], "series": t("baseline", lang), "value": first["baseline"],
                         "low": np.nan, "high": np.nan})
    scen = pd.DataFrame({"segment_id": rows["segment_id"], "series": rows["name"], "value": rows["scenario"],
                         "low": rows["scenario_low"], "high": rows["scenario_high"]})
    frame = pd.concat([base, scen], ignore_index=True)
    frame["segment"] = [labels.get(s, t("ui.all_segments", lang) if s == ALL_SEGMENTS else s) for s in frame["segment_id"]]
    order = list(dict.fromkeys(frame["series"]))
    shown = metric_word(metric, outcome, lang)
    if metric in ("promoter_share", "detractor_share"):
        frame[["value", "low", "high"]] = frame[["value", "low", "high"]] * 100
        shown += " (%)"
    enc = dict(y=alt.Y("segment:N", title=None, sort=list(dict.fromkeys(frame["segment"]))),
               yOffset=alt.YOffset("series:N", sort=order),
               color=alt.Color("series:N", sort=order, title=None, legend=alt.Legend(orient="bottom")),
               tooltip=tooltips(frame, ["segment", "series", "value:,.1f"], lang=lang,
                                titles={"series": "scenario", "value": shown}))
    bars = alt.Chart(frame).mark_bar().encode(x=alt.X("value:Q", title=shown), **enc)
    rules = alt.Chart(frame.dropna(subset=["low"])).mark_rule(strokeWidth=2, color="#333").encode(
        x="low:Q", x2="high:Q", y=enc["y"], yOffset=enc["yOffset"])
    subtitle = None
    if total is not None and len(total):
        subtitle = t("chart.scenario_total", lang, baseline=format_number(float(total["baseline"].iloc[0]), lang),
                     scenarios="; ".join(f"{n} {format_number(float(v), lang)}"
                                         for n, v in zip(total.get("name", pd.Series([t("scenario", lang)] * len(total))),
                                                         total["scenario"])))
    return alt.layer(bars, rules).properties(width=520, height=alt.Step(12),
                                             title=title("chart.scenario", lang=lang, metric=shown, subtitle=subtitle))

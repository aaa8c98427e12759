"""Altair charts. Each takes a tidy frame from an analysis function and returns an ``alt.Chart``.

No analysis happens here: only layout (where a mark goes) and words (from
:mod:`tpkit.i18n`). ``export_chart`` writes PNG or SVG through vl-convert.

Example
-------
>>> from tpkit.datasets import load_sample
>>> from tpkit.inventory import coverage_matrix
>>> chart = coverage_heatmap(coverage_matrix(load_sample("hotel").touchpoints), "en")
>>> chart.to_dict()["title"]["text"]
'Coverage: phase × channel'
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd

from .i18n import Lang, display_names, label, t
from .schema import CHANNELS, KINDS, PHASES

PALETTES = {
    "channel": ["#1f77b4", "#ff7f0e", "#2ca02c"],
    "kind": ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#9c755f"],
    "contact": ["#2f4b7c", "#bcbddc"],
}
_VOCABULARY = {"channel": CHANNELS, "kind": KINDS, "contact": ("direct", "indirect")}


def _title(key: str, lang: Lang) -> alt.TitleParams:
    return alt.TitleParams(t(key, lang), anchor="start", fontSize=15)


def _phase_labels(lang: Lang) -> list[str]:
    return [label("phase", p, lang) for p in PHASES]


def touchpoint_map(touchpoints: pd.DataFrame, lang: Lang = "de", colour_by: str = "channel") -> alt.LayerChart:
    """The journey as a map: a column per phase, a mark per touchpoint.

    Colour by ``channel``, ``kind`` or ``contact``; size by annual contacts; hollow
    marks are indirect touchpoints; the tooltip shows owner, cost and contacts.
    """
    if colour_by not in _VOCABULARY:
        raise ValueError(f"colour_by must be one of {sorted(_VOCABULARY)}, not {colour_by!r}")
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
    colours = [label(colour_by, v, lang) for v in _VOCABULARY[colour_by]]
    x = alt.X("phase_label:N", sort=_phase_labels(lang), title=None,
              axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=13, labelFontWeight="bold"))
    y = alt.Y("position:O", axis=None, title=None)
    tooltip = [
        alt.Tooltip("display_name:N", title=t("touchpoint", lang)),
        alt.Tooltip("owner:N", title=t("owner", lang)),
        alt.Tooltip("channel_label:N", title=t("channel", lang)),
        alt.Tooltip("contact_label:N", title=t("contact", lang)),
        alt.Tooltip("kind_label:N", title=t("kind", lang)),
        alt.Tooltip("annual_cost:Q", title=t("annual_cost", lang), format=",.0f"),
        alt.Tooltip("annual_contacts:Q", title=t("annual_contacts", lang), format=",.0f"),
    ]
    base = alt.Chart(frame).encode(x=x, y=y, tooltip=tooltip)
    marks = base.mark_point(filled=True, opacity=0.9, xOffset=-90).encode(
        color=alt.Color(f"{colour_by}_label:N", title=t(colour_by, lang),
                        scale=alt.Scale(domain=colours, range=PALETTES[colour_by][: len(colours)])),
        size=alt.Size("annual_contacts:Q", title=t("annual_contacts", lang), scale=alt.Scale(type="sqrt",
                      range=[30, 700])),
        shape=alt.Shape("contact_label:N", title=t("contact", lang),
                        scale=alt.Scale(domain=[label("contact", c, lang) for c in ("direct", "indirect")],
                                        range=["circle", "triangle-up"])),
    )
    names = base.mark_text(align="left", xOffset=-75, fontSize=11).encode(text="display_name:N")
    rows = int(frame.groupby("phase_label").size().max()) if len(frame) else 1
    return alt.layer(marks, names).properties(
        width=alt.Step(260), height=max(200, rows * 24), title=_title("chart.touchpoint_map", lang))


def coverage_heatmap(coverage: pd.DataFrame, lang: Lang = "de", value: str = "touchpoints") -> alt.LayerChart:
    """Phase × channel heatmap of ``value`` (touchpoints, direct, annual_cost or annual_contacts)."""
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
        tooltip=[alt.Tooltip("phase_label:N", title=t("phase", lang)),
                 alt.Tooltip("channel_label:N", title=t("channel", lang)),
                 alt.Tooltip("touchpoints:Q", title=t("touchpoints", lang)),
                 alt.Tooltip("direct:Q", title=t("n_direct", lang)),
                 alt.Tooltip("annual_cost:Q", title=t("annual_cost", lang), format=fmt),
                 alt.Tooltip("annual_contacts:Q", title=t("annual_contacts", lang), format=fmt)],
    )
    text = base.mark_text(fontSize=13).encode(
        text=alt.Text(f"{value}:Q", format=fmt),
        color=alt.condition(alt.datum[value] > frame[value].max() / 2, alt.value("white"), alt.value("black")),
    )
    return alt.layer(cells, text).properties(width=alt.Step(130), height=alt.Step(44),
                                             title=_title("chart.coverage", lang))


def owner_bars(owners: pd.DataFrame, lang: Lang = "de") -> alt.HConcatChart:
    """Annual cost and annual contacts per owning department, side by side, sorted by cost."""
    frame = owners[["owner", "touchpoints", "annual_cost", "annual_contacts", "cost_per_contact"]].copy()
    for col in ("annual_cost", "annual_contacts", "cost_per_contact"):
        frame[col] = frame[col].astype("float64")
    order = frame.sort_values("annual_cost", ascending=False)["owner"].tolist()
    tooltip = [alt.Tooltip("owner:N", title=t("owner", lang)),
               alt.Tooltip("touchpoints:Q", title=t("touchpoints", lang)),
               alt.Tooltip("annual_cost:Q", title=t("annual_cost", lang), format=",.0f"),
               alt.Tooltip("annual_contacts:Q", title=t("annual_contacts", lang), format=",.0f"),
               alt.Tooltip("cost_per_contact:Q", title=t("cost_per_contact", lang), format=",.2f")]
    y = alt.Y("owner:N", sort=order, title=t("owner", lang))
    cost = alt.Chart(frame).mark_bar(color="#4e79a7").encode(
        x=alt.X("annual_cost:Q", title=t("annual_cost", lang)), y=y, tooltip=tooltip).properties(width=300)
    contacts = alt.Chart(frame).mark_bar(color="#f28e2b").encode(
        x=alt.X("annual_contacts:Q", title=t("annual_contacts", lang)), y=alt.Y("owner:N", sort=order, axis=None),
        tooltip=tooltip).properties(width=300)
    return alt.hconcat(cost, contacts).properties(title=_title("chart.by_owner", lang))


def export_chart(chart: alt.TopLevelMixin, path: str | Path, scale: float = 2.0) -> Path:
    """Write a chart as .png, .svg or .html (self-contained), chosen by the file ending.

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
    if suffix not in (".png", ".svg", ".html"):
        raise ValueError(f"export as .png, .svg or .html, not {suffix or 'no ending'}")
    if suffix == ".html":
        chart.save(str(path), inline=True)
    else:
        chart.save(str(path), scale_factor=scale) if suffix == ".png" else chart.save(str(path))
    return path

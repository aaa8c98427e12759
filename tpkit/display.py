"""HTML fragments the dashboards and the strategy document show: tables, key-figure cards, message
boxes and display names for ids.

Pure functions of frames and words: no widgets, no analysis. Numbers are written as readers of the
chosen language write them, every text is escaped, number columns are right-aligned (``td.num``),
and the attributes the browser tests find things by (``data-kpi``, ``data-delta``, ``data-testid``,
``data-segment``, ``data-col``) are part of the markup.

Example
-------
>>> import pandas as pd
>>> html_table(pd.DataFrame({"phase": ["usage"], "annual_cost": [1234.5]}), lang="en",
...            formats=Formats(money=("annual_cost",)))
"<table class='tp-table'><thead><tr><th>Phase</th><th>Annual cost</th></tr></thead><tbody><tr><td>Usage</td><td class='num' data-v='1234.5'>EUR 1,234</td></tr></tbody></table>"
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .i18n import Lang, format_date, format_money, format_number, format_share, label, metric_word, name_map, relabel, t
from .io import Project, is_missing, split_segments
from .outcome import NPS_OUTCOME, OutcomeSpec
from .scenario.assumptions import COUNTED_METRICS, MONEY_METRICS, SHARE_METRICS, headline_metric
from .problems import ProjectError
from .schema import ALL_SEGMENTS

if TYPE_CHECKING:
    from .mix import MixPlan
    from .optimize import Optimization


# --- tables ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Formats:
    """How a table's columns are written.

    ``money`` columns get the currency, ``shares`` (0–1) become percentages, ``numbers`` are written
    with ``decimals[column]`` decimals (default 0; ``decimals`` alone also makes a column a number,
    and sets the decimals of money and shares). ``words`` maps a column to the vocabulary its values
    come from (``{"status": "gap_status"}``) where the column's own name is not that vocabulary;
    ``figures`` are text columns holding figures written already (right-aligned like numbers);
    ``trimmed`` number columns drop trailing zeros (a column of 12 months and a share of 0.125, with
    ``decimals`` 3: ``12`` and ``0.125``; a workbook shows them as Excel's General format does). A table
    whose rows are different what-if metrics gives each row's metric in ``row_metrics`` (by the row's index
    label, so that the rows can be filtered): its
    ``metric_columns`` are then written as that metric is read (:func:`metric_text`: whole customers, money
    with its currency, shares in percent), ``change_columns`` among them with their sign. Other columns: whole numbers as numbers, other numbers with 2 decimals (none from 100 on),
    true as ✓, dates as the language writes them (:func:`tpkit.i18n.format_date`), text as it is.
    """

    money: tuple[str, ...] = ()
    shares: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    decimals: Mapping[str, int] = field(default_factory=dict)
    words: Mapping[str, str] = field(default_factory=dict)
    figures: tuple[str, ...] = ()
    trimmed: tuple[str, ...] = ()
    row_metrics: Mapping[object, str] = field(default_factory=dict)
    metric_columns: tuple[str, ...] = ()
    change_columns: tuple[str, ...] = ()

    def numeric(self, column: str) -> bool:
        """Whether ``column`` shows figures (and is right-aligned)."""
        return any(column in group for group in (self.money, self.shares, self.numbers, self.decimals, self.figures,
                                                 self.trimmed, self.metric_columns))


@dataclass(frozen=True)
class Table:
    """A frame to show and how to write its columns (see :class:`Formats`); the column names are
    i18n keys (translated when shown), ids are already display names."""

    frame: pd.DataFrame
    formats: Formats = Formats()


def cell_text(value: object, column: str, *, lang: Lang = "de", formats: Formats = Formats(),
              currency: str = "EUR") -> str:
    """One value of ``column`` as text (see :class:`Formats`).

    >>> cell_text(0.305, "share", lang="de", formats=Formats(shares=("share",)))
    '30,5 %'
    >>> cell_text(1234.5678, "x", lang="de"), cell_text(12.3456, "x", lang="en"), cell_text(True, "ok")
    ('1.235', '12.35', '✓')
    >>> [cell_text(v, "v", lang="de", formats=Formats(decimals={"v": 3}, trimmed=("v",))) for v in (12.0, 0.125, 0.5)]
    ['12', '0,125', '0,5']
    """
    decimals = formats.decimals.get(column)
    if column in formats.trimmed and not is_missing(value):
        text = format_number(value, lang=lang, decimals=decimals or 0)
        mark = "," if lang == "de" else "."
        return text.rstrip("0").rstrip(mark) if decimals and mark in text else text
    if column in formats.money:
        return format_money(value, currency=currency, lang=lang, decimals=decimals or 0)
    if column in formats.shares:
        return format_share(value, lang=lang, decimals=1 if decimals is None else decimals)
    if column in formats.numbers or decimals is not None:
        return format_number(value, lang=lang, decimals=decimals or 0)
    if is_missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "✓" if value else ""
    if isinstance(value, (int, np.integer)):
        return format_number(value, lang=lang)
    if isinstance(value, (float, np.floating)):
        return format_number(value, lang=lang, decimals=0 if abs(value) >= 100 else 2)
    if isinstance(value, (pd.Timestamp, dt.date)):
        return format_date(value, lang=lang)
    return str(value)


def _number_column(frame: pd.DataFrame, column: str, formats: Formats) -> bool:
    dtype = frame[column].dtype
    return formats.numeric(column) or (pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype))


def _attr(name: str, value: str | None) -> str:
    return "" if value is None else f" {name}='{html.escape(str(value), quote=True)}'"


def written_cells(frame: pd.DataFrame, *, lang: Lang = "de", currency: str = "EUR", formats: Formats = Formats()
                  ) -> tuple[list[str], list[list[str]]]:
    """The column headings in ``lang`` and each column's cells as text, as every table of the kit writes them
    (dashboards, documents, slides): vocabulary values in words, numbers by ``formats``.

    >>> written_cells(pd.DataFrame({"phase": ["usage"], "margin": [0.25]}), lang="en", formats=Formats(shares=("margin",)))
    (['Phase', 'Margin'], [['Usage'], ['25.0%']])
    """
    worded = relabel(frame, lang=lang, value_field=dict(formats.words))
    texts = [[metric_text(v, formats.row_metrics[r], lang=lang, currency=currency, change=c in formats.change_columns)
              if not is_missing(v) else "–" for r, v in zip(worded.index, worded.iloc[:, i])]
             if c in formats.metric_columns and formats.row_metrics else
             [cell_text(v, c, lang=lang, formats=formats, currency=currency) for v in worded.iloc[:, i]]
             for i, c in enumerate(frame.columns)]
    return list(worded.columns), texts


def _sort_value(value: object) -> str | None:
    """A number cell's value as the dashboards sort by it (``data-v``; a table sorts by a clicked heading), None
    for an empty or non-numeric cell.

    >>> _sort_value(1234.5), _sort_value(None), _sort_value("12 %"), _sort_value(True), _sort_value(float("-inf"))
    ('1234.5', None, None, None, '-Infinity')
    >>> float(_sort_value(pd.Timestamp("2027-03-31"))) - float(_sort_value(pd.Timestamp("2027-03-30")))  # a date: its time
    86400.0
    """
    if isinstance(value, (pd.Timestamp, dt.date)) and not is_missing(value):
        return repr(pd.Timestamp(value).timestamp())
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)) or is_missing(value):
        return None
    if np.isinf(value):      # (JavaScript's parseFloat reads "Infinity", not Python's "inf")
        return "Infinity" if value > 0 else "-Infinity"
    return repr(float(value))


def html_table(frame: pd.DataFrame, *, lang: Lang = "de", currency: str = "EUR", formats: Formats = Formats(),
               headers: Mapping[str, str] | None = None, rows: tuple[str, Sequence[str]] | None = None,
               testid: str | None = None, empty: str | None = None,
               sort_values: Mapping[str, Sequence[float]] | None = None) -> str:
    """A frame as an HTML table in ``lang``: column names and vocabulary values in words, numbers
    written by ``formats``, number columns right-aligned (``td.num``).

    Parameters
    ----------
    frame : the rows to show; column names that are i18n keys are translated.
    lang : language of the words and number formats.
    currency : for the ``formats.money`` columns.
    formats : how each column is written (:class:`Formats`).
    headers : column → heading, where it is not the column's word.
    rows : ``(name, keys)``: every row carries ``data-<name>='<key>'`` and its cells ``data-col='<column>'``,
        so a test can find one figure (``[data-segment=business] [data-col=delta]``).
    testid : ``data-testid`` of the table (and of the empty note).
    empty : the text shown instead of a table without rows (default: "None.").
    sort_values : for columns of figures written already (``formats.figures``), the number of each row that a
        click on the heading sorts by (number columns sort by their own values). The row for all segments
        (``tr.tp-total``) keeps its place when a table is sorted.

    A figure with its interval beside it (``nps``, ``nps_low``, ``nps_high``: :func:`interval_columns`) is
    shown in one cell, ``19,1 [16,1; 22,1]``, sorted by the figure.

    Returns
    -------
    The ``<table class='tp-table'>`` markup, or a ``<p>`` with ``empty``.

    >>> html_table(pd.DataFrame({"n": [1]}).iloc[:0], lang="en")
    '<p>None.</p>'
    """
    if frame.empty:
        return note(empty if empty is not None else t("report.none", lang=lang), testid=testid)
    headers = headers or {}
    words, texts = written_cells(frame, lang=lang, currency=currency, formats=formats)
    columns = list(frame.columns)
    number = [_number_column(frame, c, formats) for c in columns]
    row_name, keys = rows if rows is not None else (None, None)
    given = sort_values or {}
    dates = [pd.api.types.is_datetime64_any_dtype(frame[c].dtype) for c in columns]
    values = [[_sort_value(v) for v in (given[c] if c in given else frame.iloc[:, i])]
              if number[i] or dates[i] or c in given else None for i, c in enumerate(columns)]
    bounds = interval_columns(columns)
    shown = [i for i, c in enumerate(columns) if not any(c in pair for pair in bounds.values())]
    for i, c in enumerate(columns):
        if c in bounds:     # the interval in the figure's cell: "19,1 [16,1; 22,1]"
            low, high = (texts[columns.index(b)] for b in bounds[c])
            texts[i] = [v if {lo, hi} <= {"", "–", v} else f"{v} [{lo}; {hi}]"     # (none, or no spread)
                        for v, lo, hi in zip(texts[i], low, high)]
            words[i] = f"{words[i]} [{t('interval', lang=lang)}]"
    heads = "".join(f"<th>{html.escape(str(headers.get(columns[i], words[i])))}</th>" for i in shown)
    total = {ALL_SEGMENTS, t("ui.all_segments", lang=lang)}
    pinned = [("segment_id" in columns and frame["segment_id"].iloc[r] in total) or (rows is not None and keys[r] in total)
              for r in range(len(frame))]
    body = []
    for r in range(len(frame)):
        cells = "".join(f"<td{_attr('data-col', columns[i] if rows else None)}"
                        f"{_attr('class', 'num' if number[i] else None)}"
                        f"{_attr('data-v', values[i][r] if values[i] else None)}>"
                        f"{html.escape(texts[i][r])}</td>" for i in shown)
        body.append(f"<tr{_attr(f'data-{row_name}', keys[r] if rows else None)}"
                    f"{_attr('class', 'tp-total' if pinned[r] else None)}>{cells}</tr>")
    return (f"<table class='tp-table'{_attr('data-testid', testid)}><thead><tr>{heads}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def interval_columns(columns: Sequence[str]) -> dict[str, tuple[str, str]]:
    """The columns that have an interval beside them, ``c`` (or ``c_mean``) with ``c_low`` and ``c_high`` (a
    table shows the interval in the figure's cell).

    >>> interval_columns(["nps", "nps_low", "nps_high", "n", "rank", "rank_low", "points_mean", "points_low", "points_high"])
    {'nps': ('nps_low', 'nps_high'), 'points_mean': ('points_low', 'points_high')}
    """
    present = set(columns)
    stems = {c: c.removesuffix("_mean") for c in columns}
    return {c: (f"{stem}_low", f"{stem}_high") for c, stem in stems.items() if {f"{stem}_low", f"{stem}_high"} <= present}


def section_html(table: Table, *, lang: Lang = "de", currency: str = "EUR", testid: str | None = None) -> str:
    """A :class:`Table` (a section of the strategy document) as HTML, the same in the document and the
    dashboards.

    >>> section_html(Table(pd.DataFrame({"value": [0.1234]}), Formats(decimals={"value": 3})), lang="de")
    "<table class='tp-table'><thead><tr><th>Wert</th></tr></thead><tbody><tr><td class='num' data-v='0.1234'>0,123</td></tr></tbody></table>"
    """
    return html_table(table.frame, lang=lang, currency=currency, formats=table.formats, testid=testid)


def labelled(table: Table, *, lang: Lang = "de") -> pd.DataFrame:
    """A :class:`Table`'s frame with column names and vocabulary values in words, numbers as they are
    (for a workbook).

    >>> labelled(Table(pd.DataFrame({"phase": ["usage"]})), lang="en").to_dict("list")
    {'Phase': ['Usage']}
    """
    return relabel(table.frame, lang=lang, value_field=dict(table.formats.words))


def problems_html(error: ProjectError, *, lang: Lang = "de") -> str:
    """Every problem of a failed load as a table with file, row, column, problem and fix, in a message box."""
    frame = error.frame(lang)
    return message_box(t("ui.errors_hint", lang=lang), title=t("ui.errors_title", lang=lang, n=len(frame)),
                       body=html_table(frame, lang=lang), testid="upload-errors")


# --- cards, notes and message boxes ---------------------------------------------------------

def kpi_card(key: str, value: str, label_text: str, *, delta: str | None = None, band: str | None = None,
             clear: bool | None = None) -> str:
    """One key-figure card: the value, its change (optional) with the change's interval (``band``) and
    whether it is clear, and its label; ``data-kpi`` names it, ``data-delta`` its change, ``data-clear``
    (``yes``/``no``) the verdict.

    >>> kpi_card("gaps", "2", "Gaps opened")
    "<div class='tp-kpi' data-kpi='gaps'><div class='tp-kpi-value'>2</div><div class='tp-kpi-label'>Gaps opened</div></div>"
    """
    verdict = "" if clear is None else f" data-clear='{'yes' if clear else 'no'}'"
    band_html = f"<div class='tp-kpi-band'>{html.escape(band)}</div>" if band else ""
    change = (f"<div class='tp-kpi-delta' data-delta='{html.escape(key)}'{verdict}>{html.escape(delta)}</div>{band_html}"
              if delta is not None else "")
    return (f"<div class='tp-kpi' data-kpi='{html.escape(key)}'><div class='tp-kpi-value'>{html.escape(value)}</div>"
            f"{change}<div class='tp-kpi-label'>{html.escape(label_text)}</div></div>")


def headline_card(row: pd.Series, outcome: OutcomeSpec, *, lang: Lang = "de") -> str:
    """The card of the headline figure (a row of :func:`tpkit.evaluation.headline`): value and interval,
    written as the figure is read (NPS points, a percentage, a mean with two decimals), and its name;
    ``data-kpi`` is the figure (``nps``, ``share_positive``, ``mean``).

    >>> row = pd.Series({"value": 0.625, "value_low": 0.41, "value_high": 0.8})
    >>> headline_card(row, OutcomeSpec("binary", 0, 1), lang="de")[:95]
    "<div class='tp-kpi' data-kpi='share_positive'><div class='tp-kpi-value'>62 % [41 %; 80 %]</div>"
    """
    figure = outcome.figure
    if figure == "share_positive":
        shown = [format_share(row[c], lang) for c in ("value", "value_low", "value_high")]
    else:
        shown = [format_number(row[c], lang, 0 if figure == "nps" else 2) for c in ("value", "value_low", "value_high")]
    words = t(f"kpi.headline.{figure}", lang, low=outcome.low, high=outcome.high)
    return kpi_card(figure, f"{shown[0]} [{shown[1]}; {shown[2]}]", words)


def respondents_card(row: pd.Series, *, lang: Lang = "de") -> str:
    """The card of the respondents behind a headline figure: their number, and with survey weights the
    effective number the intervals rest on.

    >>> respondents_card(pd.Series({"n": 1200, "n_eff": 830.4}), lang="en")[:86]
    "<div class='tp-kpi' data-kpi='respondents'><div class='tp-kpi-value'>1,200 (830)</div>"
    """
    n, n_eff = row["n"], row.get("n_eff", row["n"])
    if pd.isna(n_eff) or abs(n_eff - n) < 1e-9:
        return kpi_card("respondents", format_number(n, lang), t("kpi.respondents", lang=lang))
    return kpi_card("respondents", f"{format_number(n, lang)} ({format_number(n_eff, lang)})",
                    t("kpi.respondents_weighted", lang=lang))


def kpi_cards(cards: Iterable[str]) -> str:
    """Cards of :func:`kpi_card` in one row."""
    return f"<div class='tp-kpis'>{''.join(cards)}</div>"


def signed(value: float, *, lang: Lang = "de", decimals: int = 0, currency: str | None = None) -> str:
    """A change with its sign (a real minus; ± when it rounds to zero), as money with ``currency``.

    >>> signed(-310000, lang="de", currency="EUR"), signed(0.04, lang="en", decimals=1), signed(2.5, lang="de", decimals=1)
    ('−310.000 EUR', '±0.0', '+2,5')
    """
    text = (format_money(abs(value), currency=currency, lang=lang, decimals=decimals) if currency
            else format_number(abs(value), lang=lang, decimals=decimals))
    if round(value, decimals) == 0:
        return "±" + text
    return ("+" if value > 0 else "−") + text


def note(text: str, *, testid: str | None = None) -> str:
    """A line of text.

    >>> note("a < b", testid="x")
    "<p data-testid='x'>a &lt; b</p>"
    """
    return f"<p{_attr('data-testid', testid)}>{html.escape(text)}</p>"


def heading(text: str) -> str:
    """A small heading over a table or list."""
    return f"<h4>{html.escape(text)}</h4>"


def bullets(items: Iterable[str], *, ordered: bool = False, testid: str | None = None) -> str:
    """Lines as a list (numbered with ``ordered``)."""
    tag = "ol" if ordered else "ul"
    return f"<{tag}{_attr('data-testid', testid)}>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + f"</{tag}>"


def message_box(*lines: str, title: str | None = None, body: str = "", testid: str | None = None) -> str:
    """A red box for what went wrong or needs attention: an optional title, ``body`` (markup made by
    this module, e.g. a table or a list), then each line.

    >>> message_box("Fix it.", title="2 problems", testid="upload-errors")
    "<div class='tp-errors' data-testid='upload-errors'><h4>2 problems</h4><p>Fix it.</p></div>"
    """
    head = heading(title) if title is not None else ""
    return (f"<div class='tp-errors'{_attr('data-testid', testid)}>{head}{body}"
            + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</div>")


def error_text(error: BaseException, *, lang: Lang = "de") -> str:
    """What went wrong, in ``lang`` where the error can say it (:class:`tpkit.errors.ModelError` and
    others with a ``message(lang)`` method), else as the error says it.

    >>> from tpkit.errors import ModelError
    >>> error_text(ModelError("not_a_choice", name="view", value="x", choices="derived, stated"), lang="de")
    "Sicht (view) muss eines sein von: derived, stated — nicht 'x'."
    >>> error_text(OSError("disk full"), lang="de")
    'disk full'
    """
    message = getattr(error, "message", None)
    return message(lang) if callable(message) else str(error)


def error_box(error: BaseException, *, lang: Lang = "de", testid: str | None = None) -> str:
    """A message box saying that something did not work and why, in ``lang``."""
    return message_box(t("ui.error", lang=lang, detail=error_text(error, lang=lang)), testid=testid)


def download_link(data: bytes, filename: str, *, mime: str, text: str, css_class: str) -> str:
    """A link that downloads ``data`` (embedded as base64) as ``filename``."""
    payload = base64.b64encode(data).decode("ascii")
    return (f"<a class='{html.escape(css_class)}' download='{html.escape(filename)}' href='data:{mime};base64,{payload}' "
            f"style='margin-right:16px'>{html.escape(text)}</a>")


# --- names for ids --------------------------------------------------------------------------

#: The project table whose names an id column refers to.
NAMED_BY = {"segment_id": "segments", "other_segment_id": "segments", "growing": "segments",
            "touchpoint_id": "touchpoints", "similar_to": "touchpoints", "measure_id": "measures",
            "segments": "segments", "measures": "measures", "shared_with": "segments"}
#: Columns whose cells list several ids (``leisure|regulars``, ``M02|M03``): each is named, the names joined.
LISTS_OF_IDS = ("segments", "measures", "shared_with")
_ID_COLUMN = {"segments": "segment_id", "touchpoints": "touchpoint_id", "measures": "measure_id"}


def names(project: Project, table: str, *, lang: Lang = "de") -> dict[str, str]:
    """Ids of ``table`` (``"segments"``, ``"touchpoints"`` or ``"measures"``) → display names in ``lang``;
    for segments also the row of all segments together.

    >>> from tpkit.datasets import load_sample
    >>> names(load_sample("hotel"), "segments", lang="en")["business"]
    'Business travellers'
    """
    found = name_map(getattr(project, table), id_column=_ID_COLUMN[table], lang=lang)
    if table == "segments":
        return {ALL_SEGMENTS: t("ui.all_segments", lang=lang), **found}
    return found


def with_names(frame: pd.DataFrame, project: Project, *, lang: Lang = "de",
               columns: Iterable[str] | Mapping[str, str | tuple[str, ...]] = ("segment_id",)) -> pd.DataFrame:
    """``frame`` with the ids in ``columns`` replaced by their display names (ids without one stay).

    ``columns`` lists id columns (the table they refer to from :data:`NAMED_BY`) or maps a column to
    its table or tables (``{"id": ("measures", "touchpoints")}``).

    >>> from tpkit.datasets import load_sample
    >>> gaps = pd.DataFrame({"segment_id": ["business", "all", "nobody"]})
    >>> with_names(gaps, load_sample("hotel"), lang="de")["segment_id"].tolist()
    ['Geschäftsreisende', 'alle Segmente', 'nobody']
    >>> listed = pd.DataFrame({"segments": ["leisure|regulars", "all"]})
    >>> with_names(listed, load_sample("hotel"), lang="en", columns=("segments",))["segments"].tolist()
    ['Leisure couples, Regular guests', 'all segments']
    """
    sources = dict(columns) if isinstance(columns, Mapping) else {c: NAMED_BY[c] for c in columns}
    named = {}
    for column, tables in sources.items():
        lookup: dict[str, str] = {}
        for table in (tables,) if isinstance(tables, str) else tables:
            lookup.update(names(project, table, lang=lang))
        if column in LISTS_OF_IDS:
            named[column] = [", ".join(lookup.get(i, i) for i in split_segments(x)) if isinstance(x, str) else x
                             for x in frame[column]]
        else:
            named[column] = [lookup.get(x, x) for x in frame[column]]
    return frame.assign(**named)


# --- the what-if planner's figures ----------------------------------------------------------

#: The key-figure cards of a scenario: card key, metric of the KPI table, decimals, money or not.
WHATIF_CARDS = (("cost", "touchpoint_cost", 0, True), ("nps_total", "nps", 1, False), ("customers", "customers", 0, False),
                ("fans", "fans", 0, False), ("experience", "experience_index", 1, False))


def whatif_cards(kpis: pd.DataFrame, gaps: pd.DataFrame, *, lang: Lang = "de", currency: str = "EUR",
                 outcome: OutcomeSpec = NPS_OUTCOME) -> str:
    """A scenario's key figures for all segments together, each with its change against the baseline,
    and the number of journey gaps it opens (``kpis`` and ``gaps`` of :func:`tpkit.scenario.simulate`);
    the outcome's headline figure in place of the NPS for a yes/no or scale outcome."""
    total = kpis[kpis["segment_id"] == ALL_SEGMENTS].set_index("metric")
    cards = []
    for key, metric, decimals, money in WHATIF_CARDS:
        if key == "nps_total" and outcome.kind != "nps":
            metric = headline_metric(outcome)
            row = total.loc[metric]
            cards.append(kpi_card(metric, metric_text(row["scenario"], metric, lang=lang),
                                  metric_word(metric, outcome, lang), delta=metric_text(row["delta"], metric, lang=lang,
                                                                                       change=True),
                                  band=change_band(row, metric, lang=lang), clear=_clear(row)))
            continue
        row = total.loc[metric]
        shown = (format_money(row["scenario"], currency=currency, lang=lang) if money
                 else format_number(row["scenario"], lang=lang, decimals=decimals))
        cards.append(kpi_card(key, shown, t(f"kpi.{key}", lang=lang),
                              delta=signed(row["delta"], lang=lang, decimals=decimals, currency=currency if money else None),
                              band=change_band(row, metric, lang=lang, decimals=decimals,
                                               currency=currency if money else None), clear=_clear(row)))
    cards.append(kpi_card("gaps", format_number(len(gaps), lang=lang), t("kpi.gaps", lang=lang)))
    return kpi_cards(cards)


def _uncertain(row: pd.Series) -> bool:
    """Whether a KPI row's change has an interval of its own (the fitted model's), not one fixed number."""
    return "delta_low" in row and pd.notna(row["delta_low"]) and row["delta_high"] - row["delta_low"] > 1e-9


def _clear(row: pd.Series) -> bool | None:
    """A KPI row's verdict: its change is clear (its interval excludes zero), not clear, or None (no change)."""
    if abs(row["delta"]) < 1e-9 and not _uncertain(row):
        return None
    return bool(row["clear"]) if "clear" in row else None


def change_band(row: pd.Series, metric: str, *, lang: Lang = "de", decimals: int | None = None,
                currency: str | None = None) -> str:
    """A projected change's 95 % interval as it is read, and "no clear effect" when it covers zero; empty
    when the change is one fixed number (a cost) or nothing changed.

    >>> row = pd.Series({"delta": 0.4, "delta_low": -0.3, "delta_high": 1.2, "clear": False})
    >>> change_band(row, "nps", lang="en")
    '[−0.3; +1.2] · no clear effect'
    >>> change_band(pd.Series({"delta": 2.0, "delta_low": 1.1, "delta_high": 3.0, "clear": True}), "nps", lang="de")
    '[+1,1; +3,0]'
    """
    if not _uncertain(row):
        return ""

    def text(value: float) -> str:
        if decimals is None and currency is None:
            return metric_text(value, metric, lang=lang, change=True)
        return signed(value, lang=lang, decimals=decimals or 0, currency=currency)

    band = f"[{text(row['delta_low'])}; {text(row['delta_high'])}]"
    return band if row["clear"] else f"{band} · {t('no_clear_effect', lang=lang)}"


#: Figures that are means on a rating or answer scale: written with two decimals.
MEANS = ("recommend", "mean", "performance", "employee_performance")


def metric_text(value: float, metric: str, *, lang: Lang = "de", change: bool = False, currency: str = "EUR") -> str:
    """A what-if figure as it is read: shares as percentages (a change in percentage points), a mean with
    two decimals, points with one, customers and other counts whole, money with its currency.

    >>> metric_text(0.625, "promoter_share", lang="de"), metric_text(-0.031, "promoter_share", lang="en", change=True)
    ('62,5 %', '−3.1 pp')
    >>> metric_text(13580.4, "customers", lang="de"), metric_text(4720000, "touchpoint_cost", lang="en")
    ('13.580', 'EUR 4,720,000')
    """
    if metric in SHARE_METRICS:
        return f"{signed(100 * value, lang=lang, decimals=1)} {t('unit.pp', lang=lang)}" if change else \
            format_share(value, lang, 1)
    if metric in MONEY_METRICS:
        return signed(value, lang=lang, currency=currency) if change else format_money(value, currency=currency, lang=lang)
    decimals = 0 if metric in COUNTED_METRICS else 2 if metric in MEANS else 1
    return signed(value, lang=lang, decimals=decimals) if change else format_number(value, lang, decimals)


def segment_effects_html(kpis: pd.DataFrame, project: Project, *, lang: Lang = "de") -> str:
    """Per segment (and all together): the headline figure (NPS, share positive or mean) before and after
    with its interval, customers and fans; rows carry ``data-segment``, cells ``data-col``; a ⚠ marks
    segments with few answers."""
    segment_names = names(project, "segments", lang=lang)
    metric = headline_metric(project.outcome)
    rows = []
    for segment, part in kpis.groupby("segment_id", sort=False):
        m = part.set_index("metric")
        nps = m.loc[metric]
        rows.append({
            "name": segment_names.get(segment, segment) + (" ⚠" if bool(nps["small"]) else ""), "n": nps["n"],
            "nps_before": metric_text(nps["baseline"], metric, lang=lang),
            "nps_after": "{} [{}; {}]".format(*(metric_text(nps[c], metric, lang=lang)
                                                for c in ("scenario", "scenario_low", "scenario_high"))),
            "delta": " ".join(filter(None, (metric_text(nps["delta"], metric, lang=lang, change=True),
                                            change_band(nps, metric, lang=lang)))),
            "customers": format_number(m.loc["customers", "scenario"], lang=lang),
            "customers_delta": " ".join(filter(None, (signed(m.loc["customers", "delta"], lang=lang),
                                                      change_band(m.loc["customers"], "customers", lang=lang,
                                                                  decimals=0)))),
            "fans": format_number(m.loc["fans", "scenario"], lang=lang)})
    frame = pd.DataFrame(rows, columns=["name", "n", "nps_before", "nps_after", "delta", "customers",
                                        "customers_delta", "fans"])
    words = [t(k, lang=lang) for k in ("segment", "baseline", "scenario", "delta", "metric.customers")] + [
        metric_word("fans", project.outcome, lang)]
    figure = metric_word(metric, project.outcome, lang)
    heads = dict(zip(frame.columns, [words[0], "n", f"{words[1]}: {figure}", f"{words[2]}: {figure}", words[3],
                                     words[4], words[3], words[5]]))
    keys = [str(s) for s in kpis["segment_id"].drop_duplicates()]
    by = kpis.set_index(["segment_id", "metric"])
    raw = {"nps_before": (metric, "baseline"), "nps_after": (metric, "scenario"), "delta": (metric, "delta"),
           "customers": ("customers", "scenario"), "customers_delta": ("customers", "delta"), "fans": ("fans", "scenario")}
    numbers = {c: [float(by.loc[(s, m), v]) for s in kpis["segment_id"].drop_duplicates()] for c, (m, v) in raw.items()}
    return heading(t("ui.segments_title", lang=lang)) + html_table(
        frame, lang=lang, formats=Formats(numbers=("n",), figures=tuple(frame.columns[2:])), headers=heads,
        rows=("segment", keys), testid="segment-effects", sort_values=numbers)


def network_html(network: pd.DataFrame, project: Project, *, lang: Lang = "de") -> str:
    """The network's part of a scenario's effect (:attr:`tpkit.scenario.Simulation.network`): per segment the
    change of referrals, customers won and customers with and without the network's conversion change;
    nothing when the scenario does not move any segment's word of mouth."""
    if network.empty:
        return ""
    table = with_names(network.assign(metric=[metric_word(m, project.outcome, lang) for m in network["metric"]]),
                       project, lang=lang)
    return heading(t("network_effect", lang=lang)) + html_table(
        table[["segment_id", "metric", "with_network", "without_network", "network_effect"]], lang=lang,
        formats=Formats(decimals={"with_network": 1, "without_network": 1, "network_effect": 1}),
        testid="network-effect")


def opened_gaps_html(gaps: pd.DataFrame, project: Project, *, lang: Lang = "de") -> str:
    """The journey gaps a scenario opens (``gaps`` of :func:`tpkit.scenario.simulate`), one line each,
    or a line saying there are none."""
    if gaps.empty:
        return note(t("ui.no_gaps_opened", lang=lang), testid="gaps-opened")
    named = with_names(gaps, project, lang=lang)
    lines = [t("ui.gap_line", lang=lang, segment=g.segment_id, phase=label("phase", g.phase, lang=lang),
               after=label("gap_status", g.after, lang=lang)) for g in named.itertuples()]
    return message_box(title=t("ui.gaps_opened", lang=lang), body=bullets(lines), testid="gaps-opened")


def clashes_html(clashes: pd.DataFrame, project: Project, *, lang: Lang = "de") -> str:
    """Target-group clashes of a scenario (``clashes`` of :func:`tpkit.scenario.simulate`) with their
    numbers; nothing when there are none."""
    if clashes.empty:
        return ""
    named = with_names(clashes, project, lang=lang, columns=("segment_id", "growing"))
    lines = [(t("note.clash", lang=lang, growing=c.growing, segment=c.segment_id,
                lost=format_number(c.customers_lost, lang=lang)) if c.customers_lost > 0 else
              t("note.clash_relief", lang=lang, shrinking=c.growing, segment=c.segment_id,
                won=format_number(-c.customers_lost, lang=lang))) + f" ({t('fit', lang=lang)} {signed(c.fit, lang=lang)})"
             for c in named.itertuples()]
    return f"<div data-testid='clashes'>{heading(t('ui.clashes', lang=lang))}{bullets(lines)}</div>"


def comparison_html(table: pd.DataFrame, *, lang: Lang = "de", metrics: Sequence[str],
                    outcome: OutcomeSpec = NPS_OUTCOME, currency: str = "EUR") -> str:
    """Key figures for all segments of several scenarios side by side, after the baseline (``table``:
    key-figure tables stacked with the scenario's ``name``, as :func:`tpkit.scenario.compare` gives), each
    written as it is read (:func:`metric_text`: whole customers, money with its currency, shares in percent)."""
    totals = table[(table["segment_id"] == ALL_SEGMENTS) & table["metric"].isin(metrics)]
    wide = totals.pivot_table(index="metric", columns="name", values="scenario", aggfunc="first",
                              sort=False).reindex(list(metrics))
    wide.insert(0, t("baseline", lang=lang), totals.drop_duplicates("metric").set_index("metric")["baseline"])
    written = pd.DataFrame({c: [metric_text(v, m, lang=lang, currency=currency) for m, v in wide[c].items()]
                            for c in wide.columns}, index=[metric_word(m, outcome, lang) for m in wide.index])
    return html_table(written.rename_axis("metric").reset_index(), lang=lang,
                      formats=Formats(figures=tuple(written.columns)),
                      sort_values={c: wide[c].tolist() for c in wide.columns})


def mix_html(plan: MixPlan, project: Project, *, lang: Lang = "de") -> str:
    """The best online–offline mix (:func:`tpkit.mix.best_mix`): how it was searched, the chosen shifts per
    phase and segment with their effect and cost alone, and what they do together, with intervals."""
    currency = project.currency
    if plan.chosen.empty:
        return note(t("mix_how", lang=lang)) + note(t("ui.mix_none", lang=lang), testid="mix-none")
    chosen = with_names(plan.chosen, project, lang=lang)

    def written(value: float, metric: str) -> str:   # changes, with their sign (the net is money)
        return metric_text(value, "contribution" if metric == "net" else metric, lang=lang, change=True,
                           currency=currency)
    summary = pd.DataFrame({
        "metric": [metric_word(m, project.outcome, lang) if m != "net" else t("metric.net", lang=lang)
                   for m in plan.summary["metric"]],
        **{c: [written(v, m) for v, m in zip(plan.summary[c], plan.summary["metric"])]
           for c in ("delta", "delta_low", "delta_high")}})
    return (note(t("mix_how", lang=lang))
            + html_table(chosen[["phase", "segment_id", "towards", "share", "limit", "effect", "cost"]], lang=lang,
                         currency=currency, formats=Formats(money=("cost",), shares=("share", "limit"),
                                                            decimals={"effect": 1}), testid="mix-chosen")
            + html_table(summary[["metric", "delta", "delta_low", "delta_high"]], lang=lang, currency=currency,
                         formats=Formats(figures=("delta", "delta_low", "delta_high")), testid="mix-summary",
                         sort_values={c: plan.summary[c].tolist() for c in ("delta", "delta_low", "delta_high")}))


def optimum_html(optimum: Optimization, project: Project, *, lang: Lang = "de") -> str:
    """The budget optimiser's answer (:func:`tpkit.optimize.optimize_budget`): what it achieves and
    spends, the options it chose, and what more budget would buy."""
    s, currency = optimum.summary, project.currency
    money = {"currency": currency, "lang": lang}
    if "target" in s:    # the least cost to reach a target (tpkit.optimize.optimize_target)
        level = {k: metric_text(s[k], s["objective"], lang=lang) for k in ("target", "baseline_level", "level_simulated")}
        head = t("ui.optimum_target", lang=lang, target=level["target"], baseline=level["baseline_level"],
                 level=level["level_simulated"], figure=metric_word(s["objective"], project.outcome, lang),
                 missed="" if s["reached"] else t("ui.target_missed", lang=lang),
                 cost=format_money(s["cost"], **money), spent=format_money(s["spent"], **money),
                 saved=format_money(s["saved"], **money))
    unit = t("ui.desired_customers", lang=lang) if s["objective"] == "customers" else \
        metric_word(s["objective"], project.outcome, lang)
    if "target" not in s:
        head = t("ui.optimum", lang=lang, budget=format_money(s["budget"], **money),
                 net=format_money(s["spent"] - s["saved"], **money), unit=unit,
                 effect=format_number(s["effect_summed"], lang=lang),
                 simulated=format_number(s["effect_simulated"], lang=lang),
                 spent=format_money(s["spent"], **money), saved=format_money(s["saved"], **money))
    effect = t("ui.effect_in", lang=lang, unit=unit)     # (the column names say the unit of the effects)
    whole = 0 if s["objective"] == "customers" else 1       # customers are whole
    per_money = t("ui.effect_per_money", lang=lang, unit=unit, currency=currency)
    chosen = with_names(optimum.chosen.assign(option=optimum.chosen["id"]), project, lang=lang,
                        columns={"option": ("measures", "touchpoints")}).rename(columns={"effect": effect})
    curve = optimum.next_euro.rename(columns={"extra_effect": effect, "per_1000": per_money})
    why = " ".join(t(f"ui.optimum_none.{reason}", lang=lang) for reason in s.get("why_none", []))
    return (note(head, testid="optimum") + (note(why, testid="optimum-none") if why else "")
            + html_table(chosen[["option", "kind", "owner", "cost", effect]], lang=lang, currency=currency,
                         formats=Formats(money=("cost",), decimals={effect: whole}, words={"kind": "option_kind"}))
            + ("" if curve.empty else heading(t("ui.next_euro", lang=lang))
               + html_table(curve[["budget", effect, per_money]], lang=lang, currency=currency,
                            formats=Formats(money=("budget",), decimals={effect: whole, per_money: 2}))))

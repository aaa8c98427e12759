"""Which column of a survey export is what: the mapping from an export to tpkit's tables.

:func:`guess_mapping` looks at an export (:mod:`tpkit.exports`) and proposes a :class:`Mapping`: the
respondent id, the outcome (likelihood to recommend 0–10, a rating scale, or yes/no), the touchpoint
ratings and their scale, segmentations, loyalty, a weight and comments; the answers that mean "not
applicable" (``0`` beside a 1–5 scale, ``99``, "k.A.", "weiß nicht") and the answer labels with their
codes ("sehr zufrieden" → 5, "10 - Extremely likely" → 10). The analyst corrects it and saves it
(:meth:`Mapping.save`, JSON or YAML) next to the project, so the next wave is read the same way.
:func:`survey_tables` then reads the export by the mapping into tidy tables, every cell exactly or
refused with its row.

Example
-------
>>> from tpkit.exports import read_export
>>> export = read_export("s.csv", data="id,Weiterempfehlung,Check-in,Zimmer,Reiseart\\nr1,9,4,0,Geschäft\\nr2,3,2,5,Urlaub\\nr3,10,5,4,Urlaub\\n".encode())
>>> m = guess_mapping(export)
>>> m.respondent_id, m.outcome.column, m.outcome.kind, [r.touchpoint_id for r in m.ratings], m.segments
('id', 'Weiterempfehlung', 'nps', ['check_in', 'zimmer'], ['Reiseart'])
>>> tables = survey_tables(export, m)
>>> tables.ratings.to_dict("records")[:2]
[{'respondent_id': 'r1', 'touchpoint_id': 'check_in', 'performance': 4.0}, {'respondent_id': 'r2', 'touchpoint_id': 'check_in', 'performance': 2.0}]
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from .exports import Export, read_export
from .numbers import Ambiguous, read_number
from .problems import MAX_PER_KIND, Problem, ProjectError

OutcomeKind = Literal["nps", "scale", "binary"]

#: Answers that mean "not applicable" / "no answer" in any column (compared trimmed, in lower case).
NOT_APPLICABLE = ("n/a", "na", "n.a.", "k.a.", "k. a.", "keine angabe", "weiß nicht", "weiss nicht", "don't know",
                  "dont know", "do not know", "not applicable", "trifft nicht zu", "nicht zutreffend",
                  "nicht genutzt", "not used", "prefer not to say", "-")
#: Codes that mean "not applicable" when they lie outside a column's scale (0 beside 1–5, 99, -1 …).
NOT_APPLICABLE_CODES = (0, 9, 98, 99, 999, -1, -9, -99)
#: Verbal answer scales in German and English: label → code.
VERBAL = {
    # satisfaction
    "sehr unzufrieden": 1, "unzufrieden": 2, "weder noch": 3, "weder zufrieden noch unzufrieden": 3, "teils/teils": 3,
    "zufrieden": 4, "sehr zufrieden": 5, "very dissatisfied": 1, "dissatisfied": 2,
    "neither satisfied nor dissatisfied": 3, "neutral": 3, "satisfied": 4, "very satisfied": 5,
    # agreement
    "stimme überhaupt nicht zu": 1, "stimme nicht zu": 2, "stimme eher nicht zu": 2, "stimme eher zu": 4,
    "stimme zu": 4, "stimme voll und ganz zu": 5, "strongly disagree": 1, "disagree": 2,
    "neither agree nor disagree": 3, "agree": 4, "strongly agree": 5,
    # quality
    "sehr schlecht": 1, "schlecht": 2, "mittel": 3, "gut": 4, "sehr gut": 5, "very poor": 1, "poor": 2, "fair": 3,
    "good": 4, "very good": 5, "excellent": 5,
}
#: Yes/no answers: label → positive.
BINARY = {"ja": True, "yes": True, "nein": False, "no": False, "true": True, "false": False, "wahr": True,
          "falsch": False}
_LEADING_CODE = re.compile(r"^\s*([+-]?\d+)\s*(?:[-–—:=.)]|\s)\s*\D")
_ID_NAME = re.compile(r"(^|[\s_])(id|responseid|response id|respondent ?id|respondent_id|resp_?id|lfdn|"
                      r"teilnehmer(-| )?id|interview ?id|case ?id|nr\.?|nummer|lfd\.? ?nr\.?|laufende nummer)$",
                      re.IGNORECASE)
_COMMENT = re.compile(r"comment|kommentar|anmerkung|bemerkung|anything else|sonst noch|remarks|feedback|"
                      r"open[- ]ended|freitext", re.IGNORECASE)
_WEIGHT_NAME = re.compile(r"weight|gewicht|wgt", re.IGNORECASE)
_RECOMMEND = re.compile(r"recommend|empfehl|nps|likely|wahrscheinlich", re.IGNORECASE)
_SATISFACTION = re.compile(r"satisf|zufrieden|overall|gesamt|csat|outcome", re.IGNORECASE)
_LOYALTY = re.compile(r"loyal|treue|kundentyp|customer ?type|stammkund", re.IGNORECASE)
_PLATFORM_META = re.compile(r"^(startdate|enddate|status|ipaddress|progress|duration.*|finished|recordeddate|"
                            r"responseid|recipient.*|externalreference|locationlatitude|locationlongitude|"
                            r"distributionchannel|userlanguage|collector id|start date|end date|ip address|"
                            r"email address|first name|last name|custom data.*|submitdate|lastpage|"
                            r"startlanguage|seed|startdate|datestamp|ipaddr|refurl|token|timestamp|zeitstempel)$",
                            re.IGNORECASE)


@dataclass
class Outcome:
    """The survey's outcome question: ``nps`` (likelihood to recommend, 0–10), ``scale`` (a rating from
    ``low`` to ``high``) or ``binary`` (the answers in ``positive`` count as positive)."""

    column: str
    kind: OutcomeKind
    low: float = 0
    high: float = 10
    positive: list[str] = field(default_factory=list)


@dataclass
class Rating:
    """A touchpoint rating column: the touchpoint's id (a stable slug) and name (as the survey asks it)."""

    column: str
    touchpoint_id: str
    name: str


@dataclass
class Mapping:
    """How an export becomes tpkit's tables (see the module doc). ``scale`` is the ratings' scale
    (low, high); ``segments`` the segmentation columns, the first being the segment the strategy uses;
    ``labels`` answer labels with their codes; ``not_applicable`` answers that mean "not met"."""

    respondent_id: str | None
    outcome: Outcome | None
    ratings: list[Rating]
    scale: tuple[float, float] = (1, 5)
    segments: list[str] = field(default_factory=list)
    loyalty: str | None = None
    weight: str | None = None
    comments: list[str] = field(default_factory=list)
    labels: dict[str, float] = field(default_factory=dict)
    not_applicable: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The mapping as plain data (what :meth:`save` writes)."""
        data = asdict(self)
        data["scale"] = list(self.scale)
        return data

    @classmethod
    def from_dict(cls, data: dict, *, file: str = "mapping") -> Mapping:
        """A mapping from plain data, as :meth:`to_dict` gives it; a wrong entry is a ProjectError naming it."""
        try:
            outcome = Outcome(**data["outcome"]) if data.get("outcome") else None
            if outcome is not None and outcome.kind not in ("nps", "scale", "binary"):
                raise ValueError(f"outcome kind {outcome.kind!r} (nps, scale or binary)")
            ratings = [Rating(**r) for r in data.get("ratings", [])]
            low, high = data.get("scale", (1, 5))
            return cls(respondent_id=data.get("respondent_id"), outcome=outcome, ratings=ratings,
                       scale=(float(low), float(high)), segments=list(data.get("segments", [])),
                       loyalty=data.get("loyalty"), weight=data.get("weight"),
                       comments=list(data.get("comments", [])),
                       labels={str(k): float(v) for k, v in data.get("labels", {}).items()},
                       not_applicable=[str(v) for v in data.get("not_applicable", [])])
        except (KeyError, TypeError, ValueError) as err:
            raise ProjectError([Problem(file, None, None, "mapping_invalid", {"detail": str(err)[:120]})]) from None

    def save(self, path: str | Path) -> Path:
        """Write the mapping as JSON (or YAML for ``.yaml``/``.yml``), to read the next wave the same way."""
        path = Path(path)
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            path.write_text(yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False), encoding="utf-8")
        else:
            path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> Mapping:
        """A mapping saved by :meth:`save`."""
        path = Path(path)
        text = path.read_text(encoding="utf-8")
        try:
            if path.suffix.lower() in (".yaml", ".yml"):
                import yaml

                data = yaml.safe_load(text)
            else:
                data = json.loads(text)
        except ValueError as err:   # json and yaml errors
            raise ProjectError([Problem(path.name, None, None, "mapping_invalid", {"detail": str(err)[:120]})]) from None
        if not isinstance(data, dict):
            raise ProjectError([Problem(path.name, None, None, "mapping_invalid", {"detail": "not an object"})])
        return cls.from_dict(data, file=path.name)


def slug(text: str) -> str:
    """A stable touchpoint id from a name: lower case ASCII, umlauts written out, words joined by ``_``.

    >>> slug("Sauberkeit der Zimmer"), slug("Check-in/Check-out"), slug("Größe & Service"), slug("Café ")
    ('sauberkeit_der_zimmer', 'check_in_check_out', 'groesse_service', 'cafe')
    """
    text = unicodedata.normalize("NFC", text).lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "touchpoint"


def touchpoint_name(question: str) -> str:
    """The touchpoint a grid question's column asks about: the part after the last `` - ``, in
    ``[brackets]`` (Google Forms, LimeSurvey) or the whole question.

    >>> touchpoint_name("Wie zufrieden waren Sie mit … - Check-in"), touchpoint_name("Bewertung [Frühstück]")
    ('Check-in', 'Frühstück')
    """
    bracket = re.search(r"\[([^\]]+)\]\s*$", question)
    if bracket:
        return bracket.group(1).strip()
    for dash in (" - ", " – ", " — "):
        if dash in question:
            return question.rsplit(dash, 1)[1].strip()
    return question.strip()


def answer_code(text: str | None, *, labels: dict[str, float], not_applicable: set[str],
                column_labels: dict[str, str] | None = None) -> float | None | str:
    """The code of one answer: a number, None for "not applicable" or empty, or the text itself when it is
    no answer on the scale (the caller names it).

    >>> kw = dict(labels={"sehr zufrieden": 5}, not_applicable={"k.a."})
    >>> answer_code("10 - Extremely likely", **kw), answer_code("Sehr zufrieden", **kw), answer_code("k.A.", **kw)
    (10.0, 5.0, None)
    >>> answer_code("4,5", **kw), answer_code("vielleicht", **kw)
    (4.5, 'vielleicht')
    """
    if text is None:
        return None
    key = text.strip().lower()
    if key == "" or key in not_applicable:
        return None
    if column_labels and text in column_labels:
        label = column_labels[text].strip().lower()
        if label in not_applicable or label in NOT_APPLICABLE or label == "missing":
            return None
    if key in labels:
        return float(labels[key])
    number = read_number(text, decimal=None)
    if isinstance(number, Ambiguous):
        return text
    if number is not None:
        return float(number)
    lead = _LEADING_CODE.match(text)
    if lead:
        return float(lead.group(1))
    return text


def guess_mapping(source: Export | str | Path) -> Mapping:
    """Propose how an export maps to tpkit's tables (see the module doc); every guess can be changed.

    Parameters
    ----------
    source : an :class:`~tpkit.exports.Export`, or the path of an export file.
    """
    export = source if isinstance(source, Export) else read_export(source)
    labels = {k: float(v) for k, v in VERBAL.items()}
    na_words = set(NOT_APPLICABLE)
    profiles = {c: _profile(export, c, labels, na_words) for c in export.columns}
    used: set[str] = set()

    respondent_id = next((c for c in export.columns if _ID_NAME.search(c) and profiles[c]["unique"]), None)
    used.add(respondent_id)
    weight = next((c for c in export.columns if c not in used and _WEIGHT_NAME.search(c)
                   and profiles[c]["numeric"] and not profiles[c]["integer"]), None)
    used.add(weight)
    outcome = _guess_outcome(export, profiles, used)
    if outcome is not None:
        used.add(outcome.column)
    # the ratings: integer codes on the scale most question columns share
    scales: dict[tuple[float, float], list[str]] = {}
    for c in export.columns:
        p = profiles[c]
        if c in used or _PLATFORM_META.match(c) or not p["integer"] or p["scale"] is None:
            continue
        scales.setdefault(p["scale"], []).append(c)
    scale, columns = max(scales.items(), key=lambda kv: (len(kv[1]), -kv[0][0]), default=((1, 5), []))
    if len(columns) < 2:
        columns = []
    ratings = _ratings(export, columns)
    used |= set(columns)
    loyalty = next((c for c in export.columns if c not in used and _LOYALTY.search(export.questions.get(c, c))
                    and profiles[c]["categorical"]), None)
    used.add(loyalty)
    comments = [c for c in export.columns if c not in used and not _PLATFORM_META.match(c) and (
        profiles[c]["free_text"] or profiles[c]["text"] and _COMMENT.search(f"{c} {export.questions.get(c, '')}"))]
    used |= set(comments)
    segments = [c for c in export.columns if c not in used and profiles[c]["categorical"]
                and not _PLATFORM_META.match(c)]
    coded = columns + ([outcome.column] if outcome is not None and outcome.kind != "binary" else [])
    not_applicable = sorted({a for c in coded for a in profiles[c]["na"]})
    used_labels = {k: v for k, v in labels.items() if any(k in profiles[c]["words"] for c in coded)}
    return Mapping(respondent_id, outcome, ratings, scale, segments, loyalty, weight, comments, used_labels,
                   not_applicable)


def _profile(export: Export, column: str, labels: dict[str, float], na_words: set[str]) -> dict:
    """What a column's answers look like: numeric, integer codes and their scale, categories, free text."""
    cells = export.cells(column)
    column_labels = export.labels.get(column)
    codes, words, na = [], set(), set()
    na_count = 0
    for cell in cells:
        code = answer_code(cell, labels=labels, not_applicable=na_words, column_labels=column_labels)
        if code is None:
            na.add(cell)
            na_count += 1
        elif isinstance(code, str):
            words.add(cell.strip().lower())
        else:
            codes.append(code)
            if cell.strip().lower() in labels:
                words.add(cell.strip().lower())
    distinct = set(cells)
    numeric = bool(cells) and len(codes) >= 0.9 * (len(cells) - na_count) and len(codes) > 0
    integer = numeric and all(float(c).is_integer() for c in codes)
    scale, scale_na = _scale(codes) if integer else (None, set())
    na |= {c for c in cells if (v := answer_code(c, labels=labels, not_applicable=na_words,
                                                 column_labels=column_labels)) is not None
           and not isinstance(v, str) and v in scale_na}
    texts = [c for c in cells if answer_code(c, labels=labels, not_applicable=na_words) == c]
    return {
        "unique": len(distinct) == len(cells) == len(export.data) and len(cells) > 0,
        "numeric": numeric, "integer": integer, "scale": scale, "na": na, "words": words,
        "categorical": not numeric and 2 <= len(distinct) <= max(12, len(cells) // 20) and len(cells) > 0
        or bool(column_labels) and integer and 2 <= len(set(codes)) <= 12 and scale is None,
        "free_text": bool(texts) and len(set(texts)) > 0.5 * len(texts) and
        sum(map(len, texts)) / len(texts) > 12,
        "text": bool(texts) and sum(map(len, texts)) / len(texts) > 12,
    }


def _scale(codes: list[float]) -> tuple[tuple[float, float] | None, set[float]]:
    """The rating scale integer codes lie on (1–5, 1–7, 1–10, 0–10 …) and the codes beside it that mean
    "not applicable" (0 beside 1–5, 99, -1).

    >>> _scale([1, 2, 5, 0, 4]), _scale([0, 3, 10, 7]), _scale([1, 2, 99, 3, 5])
    (((1, 5), {0}), ((0, 10), set()), ((1, 5), {99}))
    """
    values = set(codes)
    for low, high in ((1, 5), (1, 7), (0, 10), (1, 10), (1, 4), (1, 6), (1, 3)):
        outside = {v for v in values if not low <= v <= high}
        if outside <= set(NOT_APPLICABLE_CODES) and len(values - outside) >= 2 and \
                max(values - outside) > (low + high) / 2:
            if low == 0 and 0 in values and max(values - outside) <= 5:
                continue   # 0–5 with a 0: 0 is "not applicable" beside 1–5 (checked above)
            return (low, high), outside
    return None, set()


def _guess_outcome(export: Export, profiles: dict, used: set) -> Outcome | None:
    """The outcome question: a recommendation question 0–10 first, else an overall satisfaction, yes/no or
    a scale."""
    candidates = [c for c in export.columns if c not in used and not _PLATFORM_META.match(c)]
    for c in candidates:
        p, text = profiles[c], f"{c} {export.questions.get(c, '')}"
        if _RECOMMEND.search(text) and p["integer"] and p["scale"] == (0, 10):
            return Outcome(c, "nps", 0, 10)
    for c in candidates:
        p, text = profiles[c], f"{c} {export.questions.get(c, '')}"
        if not _SATISFACTION.search(text):
            continue
        distinct = {x.strip().lower() for x in export.cells(c)} - set(NOT_APPLICABLE)
        if len(distinct) == 2:
            positive = sorted(d for d in distinct if BINARY.get(d) or d in ("1", "satisfied", "zufrieden")
                              or (d.startswith("satisfied")))
            if positive:
                original = sorted({x.strip() for x in export.cells(c) if x.strip().lower() in positive})
                return Outcome(c, "binary", 0, 1, original)
        if p["integer"] and p["scale"] is not None:
            low, high = p["scale"]
            return Outcome(c, "scale", low, high)
    return None


def _ratings(export: Export, columns: list[str]) -> list[Rating]:
    """Rating entries for ``columns``, ids from their touchpoint names made unique."""
    out, seen = [], set()
    for c in columns:
        name = touchpoint_name(export.questions.get(c) or c)
        if name.lower() == (export.questions.get(c) or c).lower() and len(name) > 60:
            name = c
        base = slug(name)
        tid, k = base, 2
        while tid in seen:
            tid, k = f"{base}_{k}", k + 1
        seen.add(tid)
        out.append(Rating(c, tid, name))
    return out


ROLES = ("respondent_id", "outcome", "rating", "segment", "loyalty", "weight", "comment", "ignored")


def mapping_table(export: Export, mapping: Mapping) -> pd.DataFrame:
    """Every column of the export with its role under ``mapping`` — what an analyst checks before reading.

    Returns
    -------
    One row per column: ``column``, ``question``, ``role`` (one of :data:`ROLES`), ``touchpoint_id`` and
    ``name`` (ratings), ``answered`` (non-empty cells), ``not_applicable`` (cells meaning "not met" or "no
    answer"), ``examples`` (the first distinct answers).

    >>> export = read_export("s.csv", data=b"id,NPS,Check-in,Zimmer\\nr1,9,4,0\\nr2,3,2,5\\nr3,10,5,4\\n")
    >>> mapping_table(export, guess_mapping(export))[["column", "role", "touchpoint_id", "not_applicable"]].to_dict("records")[2:]
    [{'column': 'Check-in', 'role': 'rating', 'touchpoint_id': 'check_in', 'not_applicable': 0}, {'column': 'Zimmer', 'role': 'rating', 'touchpoint_id': 'zimmer', 'not_applicable': 1}]
    """
    roles = {mapping.respondent_id: "respondent_id", mapping.weight: "weight", mapping.loyalty: "loyalty"}
    if mapping.outcome is not None:
        roles[mapping.outcome.column] = "outcome"
    roles |= {c: "segment" for c in mapping.segments} | {c: "comment" for c in mapping.comments}
    ratings = {r.column: r for r in mapping.ratings}
    labels = {k.strip().lower(): float(v) for k, v in mapping.labels.items()}
    na = {v.strip().lower() for v in mapping.not_applicable} | set(NOT_APPLICABLE)
    rows = []
    for column in export.columns:
        cells = export.cells(column)
        rating = ratings.get(column)
        role = "rating" if rating else roles.get(column, "ignored")
        if role in ("rating", "outcome"):
            scale = mapping.scale if rating else (mapping.outcome.low, mapping.outcome.high)
            codes = _codes(export, column, labels, na, scale, [])
            not_met = int(codes.isna().sum()) - (len(export.data) - len(cells))
        else:
            not_met = sum(1 for c in cells if c.strip().lower() in na)
        rows.append({"column": column, "question": export.questions.get(column, column), "role": role,
                     "touchpoint_id": rating.touchpoint_id if rating else None, "name": rating.name if rating else None,
                     "answered": len(cells), "not_applicable": not_met,
                     "examples": ", ".join(list(dict.fromkeys(cells))[:4])})
    return pd.DataFrame(rows)


@dataclass
class SurveyTables:
    """An export read by a mapping: ``respondents`` (respondent_id, outcome, the segmentations, loyalty,
    weight), ``ratings`` (respondent_id, touchpoint_id, performance — only the touchpoints each
    respondent met), ``touchpoints`` (touchpoint_id, name, column) and ``comments`` (respondent_id, column,
    comment)."""

    respondents: pd.DataFrame
    ratings: pd.DataFrame
    touchpoints: pd.DataFrame
    comments: pd.DataFrame
    outcome: Outcome | None


def survey_tables(source: Export | str | Path, mapping: Mapping | dict | str | Path) -> SurveyTables:
    """Read an export by ``mapping`` (a :class:`Mapping`, its dict, or the path of a saved one) into tidy tables.

    Every answer is read exactly (a code, a label with its code, or "not applicable") or refused: a
    ProjectError lists each answer that is not on its scale, with its row and column.
    """
    export = source if isinstance(source, Export) else read_export(source)
    if isinstance(mapping, (str, Path)):
        mapping = Mapping.load(mapping)
    elif isinstance(mapping, dict):
        mapping = Mapping.from_dict(mapping)
    _check_columns(export, mapping)
    labels = {k.strip().lower(): float(v) for k, v in mapping.labels.items()}
    na = {v.strip().lower() for v in mapping.not_applicable} | set(NOT_APPLICABLE)
    problems: list[Problem] = []
    n = len(export.data)
    ids = (export.data[mapping.respondent_id].tolist() if mapping.respondent_id
           else [f"r{i + 1}" for i in range(n)])
    respondents = pd.DataFrame({"respondent_id": pd.Series(ids, dtype=object)})
    for i, rid in enumerate(ids):
        if rid is None:
            problems.append(Problem(export.file, export.row_number(i), mapping.respondent_id, "cell_empty"))
    for i in pd.Series(ids, dtype=object).dropna().duplicated().pipe(lambda d: d[d].index):
        problems.append(Problem(export.file, export.row_number(i), mapping.respondent_id, "duplicate_id",
                                {"value": ids[i], "other": export.row_number(ids.index(ids[i]))}))
    if mapping.outcome is not None:
        respondents["outcome"] = _outcome_values(export, mapping.outcome, labels, na, problems)
    for c in mapping.segments + ([mapping.loyalty] if mapping.loyalty else []):
        respondents[c] = pd.Series(export.data[c].tolist(), dtype=object)
    if mapping.weight:
        respondents["weight"] = _codes(export, mapping.weight, {}, na, None, problems)
    low, high = mapping.scale
    long = []
    for r in mapping.ratings:
        values = _codes(export, r.column, labels, na, (low, high), problems)
        met = values.notna()
        long.append(pd.DataFrame({"respondent_id": pd.Series(ids, dtype=object)[met].to_numpy(),
                                  "touchpoint_id": r.touchpoint_id, "performance": values[met].to_numpy()}))
    comments = [pd.DataFrame({"respondent_id": ids, "column": c, "comment": export.data[c].tolist()}).dropna()
                for c in mapping.comments]
    if problems:
        raise ProjectError(problems)
    ratings = (pd.concat(long, ignore_index=True) if long else
               pd.DataFrame({"respondent_id": [], "touchpoint_id": [], "performance": []}))
    ratings = ratings.astype({"respondent_id": object, "touchpoint_id": object, "performance": "float64"})
    touchpoints = pd.DataFrame([{"touchpoint_id": r.touchpoint_id, "name": r.name, "column": r.column}
                                for r in mapping.ratings], columns=["touchpoint_id", "name", "column"])
    comment_frame = (pd.concat(comments, ignore_index=True) if comments else
                     pd.DataFrame(columns=["respondent_id", "column", "comment"]))
    return SurveyTables(respondents, ratings, touchpoints, comment_frame, mapping.outcome)


def _check_columns(export: Export, mapping: Mapping) -> None:
    named = [mapping.respondent_id, mapping.weight, mapping.loyalty, *(mapping.segments), *(mapping.comments),
             *(r.column for r in mapping.ratings), mapping.outcome.column if mapping.outcome else None]
    missing = [c for c in named if c is not None and c not in export.data.columns]
    if missing:
        shown = ", ".join(export.columns[:30])
        raise ProjectError([Problem(export.file, None, c, "mapping_column", {"value": c}, "mapping_column",
                                    {"columns": shown}) for c in missing])
    ids = [r.touchpoint_id for r in mapping.ratings]
    if len(set(ids)) < len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise ProjectError([Problem(export.file, None, None, "mapping_invalid",
                                    {"detail": f"touchpoint ids twice: {', '.join(twice)}"})])


def _codes(export: Export, column: str, labels: dict[str, float], na: set[str],
           scale: tuple[float, float] | None, problems: list[Problem]) -> pd.Series:
    """The codes of a column's answers (NaN: not applicable or empty); answers off ``scale`` are problems.
    A "not applicable" code counts as such only off the column's scale: 0 is no answer beside 1–5, but
    an answer on the 0–10 recommendation scale."""
    column_labels = export.labels.get(column)
    na_codes = {n for n in (read_number(x, decimal=None) for x in na) if isinstance(n, float)}
    words = {x for x in na if read_number(x, decimal=None) is None}
    values = []
    listed = 0
    for i, cell in enumerate(export.data[column].tolist()):
        code = answer_code(cell, labels=labels, not_applicable=words, column_labels=column_labels)
        if isinstance(code, float) and code in na_codes and (scale is None or not scale[0] <= code <= scale[1]):
            code = None   # a "not applicable" code beside the scale (0 beside 1–5, 99); on the scale it is an answer
        if isinstance(code, str) or (code is not None and scale is not None and not scale[0] <= code <= scale[1]):
            listed += 1
            if listed <= MAX_PER_KIND + 1:
                problems.append(Problem(export.file, export.row_number(i), column, "not_on_scale",
                                        {"value": cell, "scale": f"{scale[0]:g}–{scale[1]:g}" if scale else "—"},
                                        "not_on_scale"))
            code = None
        values.append(float("nan") if code is None else code)
    return pd.Series(values, dtype="float64")


def _outcome_values(export: Export, outcome: Outcome, labels: dict[str, float], na: set[str],
                    problems: list[Problem]) -> pd.Series:
    """The outcome per respondent: its code (nps, scale) or 1.0/0.0 for positive/other answers (binary)."""
    if outcome.kind != "binary":
        return _codes(export, outcome.column, labels, na, (outcome.low, outcome.high), problems)
    positive = {p.strip().lower() for p in outcome.positive}
    values = []
    for cell in export.data[outcome.column].tolist():
        key = None if cell is None else cell.strip().lower()
        values.append(float("nan") if key is None or key in na else float(key in positive))
    return pd.Series(values, dtype="float64")

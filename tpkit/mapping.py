"""Which column of a survey export is what, and the export read by it into tidy tables.

A :class:`Mapping` names the respondent id, the outcome (likelihood to recommend 0–10, a rating scale,
or yes/no), the touchpoint ratings and their scale, segmentations, loyalty, a weight and comments; the
answer labels with their codes ("sehr zufrieden" → 5) and the answers that mean "not applicable".
:func:`tpkit.guess.guess_mapping` proposes one; the analyst corrects it and saves it
(:meth:`Mapping.save`, JSON or YAML) next to the project, so the next wave is read the same way.
:func:`survey_tables` reads the export by the mapping, every answer exactly or refused with its row.

Example
-------
>>> from tpkit.exports import read_export
>>> from tpkit.guess import guess_mapping
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

from .cells import NOT_APPLICABLE, ambiguous_problem, id_form
from .exports import Export, read_export
from .files import ascii_words
from .numbers import Ambiguous, decimal_mark, read_number
from .problems import MAX_PER_KIND, Problem, ProjectError

OutcomeKind = Literal["nps", "scale", "binary"]

#: Codes that mean "not applicable" beside a scale (a 0 only beside a scale starting at 1).
NOT_APPLICABLE_CODES = (98, 99, 999, -1, -9, -99)
_LEADING_CODE = re.compile(r"^\s*([+-]?\d+)\s*(?:[-–—:=.)]|\s)\s*(\D.*)$", re.DOTALL)


def answer_key(text: str) -> str:
    """An answer as compared with labels: one Unicode form, lower case, single spaces, straight
    apostrophes, no spaces around ``/`` or after ``.``.

    >>> answer_key(" Don’t  Know "), answer_key("k.\\u00a0A."), answer_key("N / A")
    ("don't know", 'k.a.', 'n/a')
    """
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u2018", "'")
    text = " ".join(text.split()).lower()
    return re.sub(r"\s*/\s*", "/", re.sub(r"\.\s+", ".", text))


#: :data:`NOT_APPLICABLE` as answer keys (:func:`answer_key`).
NA_KEYS = frozenset(answer_key(w) for w in NOT_APPLICABLE)
#: The answers of a segmentation that mean "not given" (not ``NA``: that may be North America).
NO_GROUP = NA_KEYS - {"na"}


@dataclass
class Outcome:
    """The survey's outcome question: ``nps`` (likelihood to recommend, 0–10), ``scale`` (a rating from
    ``low`` to ``high``) or ``binary`` (the answers in ``positive`` count 1, those in ``negative`` 0);
    ``reversed`` (nps, scale) when its codes run from best to worst (``1 = sehr zufrieden``): a code is then
    read as low + high − code, as a reversed :class:`Rating` is."""

    column: str
    kind: OutcomeKind
    low: float = 0
    high: float = 10
    positive: list[str] = field(default_factory=list)
    negative: list[str] = field(default_factory=list)
    reversed: bool = False


@dataclass
class Rating:
    """A touchpoint rating column: the touchpoint's id (a stable slug) and name (as the survey asks it);
    ``reversed`` when its codes run the other way (``1 = sehr gut`` … ``5 = sehr schlecht``): a code is then
    read as low + high − code, so that on every touchpoint a higher rating is better."""

    column: str
    touchpoint_id: str
    name: str
    reversed: bool = False


@dataclass
class Mapping:
    """How an export becomes tpkit's tables (see the module doc). ``scale`` is the ratings' scale
    (low, high); ``segments`` the segmentation columns, the first being the segment the strategy uses;
    ``labels`` answer labels with their codes; ``not_applicable`` answers (and codes beside the scale)
    that mean "not met"."""

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
        """A mapping from plain data, as :meth:`to_dict` gives it; a wrong entry is a ProjectError naming it.

        >>> Mapping.from_dict({"ratings": [], "segments": "Reiseart"})
        Traceback (most recent call last):
        ...
        tpkit.problems.ProjectError: 1 problem in the project data:
        - mapping: The mapping is not valid: "segments" must be a list, not 'Reiseart'. Let tpkit.guess_mapping propose it again and adjust it.
        """
        try:
            if not isinstance(data, dict):
                raise ValueError("not an object")
            outcome = _outcome(data["outcome"]) if data.get("outcome") else None
            ratings = [Rating(**{k: _flag(v) if k == "reversed" else str(v) for k, v in r.items()})
                       for r in _listed(data, "ratings")]
            low, high = (_number(v, "scale") for v in data.get("scale", (1, 5)))
            return cls(respondent_id=_text(data.get("respondent_id")), outcome=outcome, ratings=ratings,
                       scale=(low, high), segments=_texts(data, "segments"), loyalty=_text(data.get("loyalty")),
                       weight=_text(data.get("weight")), comments=_texts(data, "comments"),
                       labels={answer_key(str(k)): _number(v, f"labels {k}") for k, v in
                               (data.get("labels") or {}).items()},
                       not_applicable=_texts(data, "not_applicable"))
        except (KeyError, TypeError, ValueError) as err:
            detail = str(err).strip("'\"") if isinstance(err, KeyError) else str(err)
            raise ProjectError([Problem(file, None, None, "mapping_invalid", {"detail": detail[:160]})]) from None

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
        """A mapping saved by :meth:`save` (JSON, or YAML for ``.yaml``/``.yml``)."""
        path = Path(path)
        if not path.is_file():
            raise ProjectError([Problem(str(path), None, None, "project_missing")])
        try:
            text = path.read_text(encoding="utf-8-sig")
            if path.suffix.lower() in (".yaml", ".yml"):
                import yaml

                data = yaml.safe_load(text)
            else:
                data = json.loads(text)
        except Exception as err:   # json, yaml and decoding errors alike: the file is no mapping
            raise ProjectError([Problem(path.name, None, None, "mapping_invalid",
                                        {"detail": f"{type(err).__name__}: {str(err)[:120]}"})]) from None
        return cls.from_dict(data, file=path.name)


def _listed(data: dict, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ValueError(f'"{key}" must be a list, not {value!r}'[:160])
    return value


def _answer_text(value: object) -> str:
    """A listed answer as text (YAML reads an unquoted ``yes`` as a boolean)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _texts(data: dict, key: str) -> list[str]:
    return [_answer_text(v) for v in _listed(data, key)]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{what}: {value!r} is not a number")
    return float(value)


#: How a saved yes/no setting may be written (JSON's true/false, as text, 1/0, in either language).
_FLAGS = {"true": True, "1": True, "1.0": True, "yes": True, "ja": True, "wahr": True,
          "false": False, "0": False, "0.0": False, "no": False, "nein": False, "falsch": False,
          "": False, "none": False, "null": False}


def _flag(value: object) -> bool:
    """A saved yes/no setting; anything else is a ValueError naming it (a 2 or "maybe" is not silently no).

    >>> _flag(True), _flag("false"), _flag(1), _flag(None)
    (True, False, True, False)
    >>> _flag("vielleicht")
    Traceback (most recent call last):
    ...
    ValueError: "reversed" must be true or false, not 'vielleicht'
    """
    text = str(value).strip().lower()
    if text not in _FLAGS:
        raise ValueError(f'"reversed" must be true or false, not {value!r}'[:160])
    return _FLAGS[text]


def _outcome(data: object) -> Outcome:
    if not isinstance(data, dict):
        raise ValueError(f'"outcome" must be an object, not {data!r}'[:160])
    kind = data.get("kind")
    if kind not in ("nps", "scale", "binary"):
        raise ValueError(f"outcome kind {kind!r} (nps, scale or binary)")
    low, high = _number(data.get("low", 0), "outcome low"), _number(data.get("high", 10), "outcome high")
    outcome = Outcome(str(data["column"]), kind, low, high, _texts(data, "positive"), _texts(data, "negative"),
                      _flag(data.get("reversed", False)))
    if kind == "binary" and not outcome.positive:
        raise ValueError('a yes/no outcome needs its "positive" answers')
    return outcome


def slug(text: str) -> str:
    """A stable touchpoint id from a name: lower case ASCII, umlauts written out, words joined by ``_``.

    >>> slug("Sauberkeit der Zimmer"), slug("Check-in/Check-out"), slug("Größe & Service"), slug("Café ")
    ('sauberkeit_der_zimmer', 'check_in_check_out', 'groesse_service', 'cafe')
    """
    return ascii_words(text, "_") or "touchpoint"


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base_2``, ``base_3`` … when it is taken; the id returned is added to ``taken``.

    >>> taken = {"check_in"}
    >>> unique_id("check_in", taken), unique_id("check_in", taken), unique_id("zimmer", taken)
    ('check_in_2', 'check_in_3', 'zimmer')
    """
    found, k = base, 2
    while found in taken:
        found, k = f"{base}_{k}", k + 1
    taken.add(found)
    return found


def export_of(source: Export | str | Path) -> Export:
    """``source`` as an :class:`~tpkit.exports.Export`: itself, or the export file at that path."""
    return source if isinstance(source, Export) else read_export(source)


def mapping_of(mapping: Mapping | dict | str | Path) -> Mapping:
    """``mapping`` as a :class:`Mapping`: itself, from its dict, or the saved mapping at that path."""
    if isinstance(mapping, (str, Path)):
        return Mapping.load(mapping)
    return Mapping.from_dict(mapping) if isinstance(mapping, dict) else mapping


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


def answer_code(text: str | None, *, labels: dict[str, float], not_applicable: set[str] | frozenset[str],
                column_labels: dict[str, str] | None = None, decimal: str | None = None) -> float | None | str:
    """The code of one answer: a number, None for "not applicable" or empty, or the text itself when it is
    no answer on the scale (the caller names it). ``not_applicable`` holds answer keys (:func:`answer_key`);
    ``decimal`` is the file's decimal mark where its separator implies one.

    >>> kw = dict(labels={"sehr zufrieden": 5}, not_applicable={"k.a."})
    >>> answer_code("10 - Extremely likely", **kw), answer_code("Sehr zufrieden", **kw), answer_code("k.A.", **kw)
    (10.0, 5.0, None)
    >>> answer_code("4,5", **kw), answer_code("vielleicht", **kw), answer_code("6 - weiß nicht", **kw), answer_code("1e1", **kw)
    (4.5, 'vielleicht', None, '1e1')
    """
    if text is None:
        return None
    key = answer_key(text)
    if key == "" or key in not_applicable or key in NA_KEYS:
        return None
    if column_labels and text.strip() in column_labels and answer_key(column_labels[text.strip()]) in NA_KEYS:
        return None
    if key in labels:
        return float(labels[key])
    if "e" not in key:    # no exponents in survey answers: "1e1" is no 10
        number = read_number(text, decimal=decimal)
        if isinstance(number, Ambiguous):
            return text
        if number is not None:
            return float(number)
    lead = _LEADING_CODE.match(text)
    if lead:
        label = answer_key(lead.group(2).strip(" -–—:=.)"))
        return None if label in not_applicable or label in NA_KEYS else float(lead.group(1))
    return text


def coded_label(text: str) -> tuple[float, str] | None:
    """An answer written as its code and label (``1 - sehr gut``): the code and the label's answer key.

    >>> coded_label("1 - sehr gut"), coded_label("sehr gut")
    ((1.0, 'sehr gut'), None)
    """
    lead = _LEADING_CODE.match(text)
    return (float(lead.group(1)), answer_key(lead.group(2).strip(" -–—:=.)"))) if lead else None


def column_decimal(export: Export, column: str) -> str | None:
    """The decimal mark of a column's numbers: the one its cells show, else the one the file's separator
    implies (a semicolon file writes ``1,25``); None when the cells show both (a cell such as ``1.250`` is
    then refused as ambiguous, never read by a guess).

    >>> from tpkit.exports import read_export
    >>> column_decimal(read_export("w.csv", data=b"id;Gewicht\\nr1;1,250\\nr2;0,8\\n"), "Gewicht")
    ','
    >>> column_decimal(read_export("w.csv", data=b"id;Gewicht\\nr1;1.250\\nr2;0,95\\nr3;0.8\\n"), "Gewicht") is None
    True
    """
    cells = sorted(set(export.cells(column)))
    shown = decimal_mark(cells)
    if shown is None and decimal_mark(cells, separator=";") != decimal_mark(cells, separator=","):
        return export.decimal       # no cell shows a mark: the separator decides
    return shown


ROLES = ("respondent_id", "outcome", "rating", "segment", "loyalty", "weight", "comment", "ignored")


def roles_of(mapping: Mapping) -> dict[str, str]:
    """Each column's role under ``mapping`` (one of :data:`ROLES`; unnamed columns: ``ignored``).

    >>> roles_of(Mapping("id", Outcome("NPS", "nps"), [Rating("A", "a", "A")], segments=["Reise"]))
    {'id': 'respondent_id', 'NPS': 'outcome', 'A': 'rating', 'Reise': 'segment'}
    """
    roles = {mapping.respondent_id: "respondent_id"} if mapping.respondent_id else {}
    if mapping.outcome is not None:
        roles[mapping.outcome.column] = "outcome"
    roles |= {r.column: "rating" for r in mapping.ratings} | {c: "segment" for c in mapping.segments}
    if mapping.loyalty:
        roles[mapping.loyalty] = "loyalty"
    if mapping.weight:
        roles[mapping.weight] = "weight"
    return roles | {c: "comment" for c in mapping.comments}


def mapping_table(export: Export, mapping: Mapping) -> pd.DataFrame:
    """Every column of the export with its role under ``mapping`` — what an analyst checks before reading.

    Returns
    -------
    One row per column: ``column``, ``question``, ``role`` (one of :data:`ROLES`), ``touchpoint_id`` and
    ``name`` (ratings), ``answered`` (non-empty cells), ``not_applicable`` (answers meaning "not met" or
    "no answer"), ``off_scale`` (answers :func:`survey_tables` would refuse), ``examples``.

    >>> from tpkit.guess import guess_mapping
    >>> export = read_export("s.csv", data=b"id,NPS,Check-in,Zimmer\\nr1,9,4,0\\nr2,3,2,5\\nr3,10,5,4\\n")
    >>> mapping_table(export, guess_mapping(export))[["column", "role", "touchpoint_id", "not_applicable"]].to_dict("records")[2:]
    [{'column': 'Check-in', 'role': 'rating', 'touchpoint_id': 'check_in', 'not_applicable': 0}, {'column': 'Zimmer', 'role': 'rating', 'touchpoint_id': 'zimmer', 'not_applicable': 1}]
    """
    roles = roles_of(mapping)
    ratings = {r.column: r for r in mapping.ratings}
    reader = _Reader(export, mapping)
    rows = []
    for column in export.columns:
        cells = export.cells(column)
        rating = ratings.get(column)
        role = "rating" if rating else roles.get(column, "ignored")
        off: list[Problem] = []
        if role == "rating":
            values = reader.rating(rating, off)
        elif role == "outcome":
            values = reader.outcome(off)
        else:
            values = pd.Series([None if c is None or answer_key(c) in reader.na_words else 1.0
                                for c in export.data[column].tolist()], dtype="float64")
        rows.append({"column": column, "question": export.questions.get(column, column), "role": role,
                     "touchpoint_id": rating.touchpoint_id if rating else None, "name": rating.name if rating else None,
                     "answered": len(cells), "not_applicable": int(values.isna().sum()) - (len(export.data) - len(cells))
                     - len(off), "off_scale": len(off), "examples": ", ".join(list(dict.fromkeys(cells))[:4])})
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
    ProjectError lists each answer that is not on its scale, each empty or repeated respondent id and
    each missing or non-positive weight, with its row and column. Segment and loyalty answers are shown
    by their labels where the file has them (SPSS).
    """
    export, mapping = export_of(source), mapping_of(mapping)
    _check_columns(export, mapping)
    reader = _Reader(export, mapping)
    problems: list[Problem] = []
    n = len(export.data)
    ids = ([None if v is None else id_form(str(v)) or None for v in export.data[mapping.respondent_id].tolist()]
           if mapping.respondent_id else [f"r{i + 1}" for i in range(n)])      # (as a project's ids: tpkit.cells.id_form)
    first: dict[str, int] = {}
    for i, rid in enumerate(ids):
        if rid is None:
            problems.append(Problem(export.file, export.row_number(i), mapping.respondent_id, "cell_empty"))
        elif rid in first:
            problems.append(Problem(export.file, export.row_number(i), mapping.respondent_id, "duplicate_id",
                                    {"value": rid, "other": export.row_number(first[rid])}))
        else:
            first[rid] = i
    respondents = pd.DataFrame({"respondent_id": pd.Series(ids, dtype=object)})
    if mapping.outcome is not None:
        respondents["outcome"] = reader.outcome(problems)
    for c in mapping.segments + ([mapping.loyalty] if mapping.loyalty else []):
        shown = export.labels.get(c, {})       # (k.A., keine Angabe, n/a: not given, no segment of their own)
        answers = [None if v is None else shown.get(v, v) for v in export.data[c].tolist()]
        respondents[c] = pd.Series([None if a is None or answer_key(str(a)) in NO_GROUP else a for a in answers],
                                   dtype=object)
    if mapping.weight:
        respondents["weight"] = reader.weights(problems)
    long = []
    for r in mapping.ratings:
        values = reader.rating(r, problems)
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
    twice = sorted({c for c in named if c is not None and named.count(c) > 1})
    if twice:   # one column, two roles: a segment made of recommendation scores, a rating that is also the id …
        raise ProjectError([Problem(export.file, None, None, "mapping_invalid",
                                    {"detail": f"columns with two roles: {', '.join(twice)}"})])
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


class _Reader:
    """Reads columns of one export by one mapping, each distinct answer worked out once."""

    def __init__(self, export: Export, mapping: Mapping) -> None:
        self.export, self.mapping = export, mapping
        self.labels = {answer_key(k): float(v) for k, v in mapping.labels.items()}
        listed = [answer_key(v) for v in mapping.not_applicable]
        self.na_codes = {n for n in (read_number(x, decimal=None) for x in listed) if isinstance(n, float)}
        self.na_words = {x for x in listed if read_number(x, decimal=None) is None} | NA_KEYS

    def _problem(self, problems: list[Problem], listed: list[int], i: int, column: str, cell: str,
                 scale: str, fix: str = "not_on_scale") -> None:
        listed[0] += 1
        if listed[0] <= MAX_PER_KIND + 1:   # past that only the count matters (problems.capped)
            problems.append(Problem(self.export.file, self.export.row_number(i), column, "not_on_scale",
                                    {"value": cell, "scale": scale}, fix, {"column": column}))

    def codes(self, column: str, scale: tuple[float, float], problems: list[Problem], *,
              reversed_: bool = False) -> pd.Series:
        """The codes of a column's answers (NaN: not applicable or empty); answers off ``scale`` are problems.
        A "not applicable" code counts as such only off the scale: 0 is no answer beside 1–5, but an
        answer on the 0–10 recommendation scale. ``reversed_``: codes that run from best to worst, each read
        as low + high − code."""
        column_labels = self.export.labels.get(column)
        decimal = column_decimal(self.export, column)
        seen: dict[str, float | None | str] = {}
        values, listed = [], [0]
        low, high = scale
        for i, cell in enumerate(self.export.data[column].tolist()):
            if cell not in seen:
                code = answer_code(cell, labels=self.labels, not_applicable=self.na_words,
                                   column_labels=column_labels, decimal=decimal)
                if isinstance(code, float) and not low <= code <= high and code in self.na_codes:
                    code = None   # a "not applicable" code beside the scale (0 beside 1–5, 99)
                seen[cell] = code
            code = seen[cell]
            if isinstance(code, str) or (code is not None and not low <= code <= high):
                self._problem(problems, listed, i, column, cell, f"{low:g}–{high:g}")
                code = None
            values.append(float("nan") if code is None else code)
        codes = pd.Series(values, dtype="float64")
        return low + high - codes if reversed_ else codes

    def rating(self, rating: Rating, problems: list[Problem]) -> pd.Series:
        """A rating column's codes on the mapping's scale, turned round where the rating is ``reversed``."""
        return self.codes(rating.column, self.mapping.scale, problems, reversed_=rating.reversed)

    def outcome(self, problems: list[Problem]) -> pd.Series:
        """The outcome per respondent: its code (nps, scale; turned round where ``reversed``) or 1.0/0.0 for
        positive/negative answers (binary; any other answer is refused)."""
        outcome = self.mapping.outcome
        if outcome.kind != "binary":
            return self.codes(outcome.column, (outcome.low, outcome.high), problems, reversed_=outcome.reversed)
        positive = {answer_key(p) for p in outcome.positive}
        negative = {answer_key(p) for p in outcome.negative}
        shown = " / ".join(outcome.positive + outcome.negative)
        values, listed = [], [0]
        for i, cell in enumerate(self.export.data[outcome.column].tolist()):
            key = None if cell is None else answer_key(cell)
            if key is None or (key in self.na_words and key not in positive | negative):
                values.append(float("nan"))
            elif key in positive or key in negative:
                values.append(1.0 if key in positive else 0.0)
            else:
                self._problem(problems, listed, i, outcome.column, cell, shown, fix="not_yes_no")
                values.append(float("nan"))
        return pd.Series(values, dtype="float64")

    def weights(self, problems: list[Problem]) -> pd.Series:
        """The respondents' weights: numbers above 0; an empty or other cell is a problem."""
        column = self.mapping.weight
        decimal = column_decimal(self.export, column)
        values, listed = [], [0]
        for i, cell in enumerate(self.export.data[column].tolist()):
            number = None if cell is None else read_number(cell, decimal=decimal)
            if cell is None:
                problems.append(Problem(self.export.file, self.export.row_number(i), column, "cell_empty"))
            elif isinstance(number, Ambiguous):      # 1.250 beside 0,950: the column shows both marks
                problems.append(ambiguous_problem(self.export.file, self.export.row_number(i), column, number))
            elif not isinstance(number, float) or number <= 0:
                self._problem(problems, listed, i, column, cell, "> 0", fix="not_a_weight")
            values.append(number if isinstance(number, float) and number > 0 else float("nan"))
        return pd.Series(values, dtype="float64")

"""A proposal of how a survey export maps to tpkit's tables (:class:`tpkit.mapping.Mapping`).

:func:`guess_mapping` reads the columns' names, question texts, answers and value labels:

- the respondent id by its name (``id``, ``ResponseId``, ``Lfdn``, ``Nr`` …; repeats are refused later);
- the outcome: a recommendation question on 0–10 first (NPS); else an overall satisfaction that is
  yes/no (two answers, one of them positive: ``ja``, ``yes``, ``satisfied``, ``zufrieden``, ``1`` beside
  ``0``, or the SPSS label saying so) or a rating scale; a row of a grid question is never the outcome;
- the touchpoint ratings: the columns whose answers lie on the scale most of them share (1–5, 1–7,
  1–10 or 0–10, read from codes, from leading numbers such as ``5 - sehr gut``, from verbal scales in
  German and English, or from SPSS value labels), but not an overall satisfaction, an importance
  question or a coded category (value labels that are no scale, such as age bands);
- "not applicable": answers such as ``k.A.``, ``weiß nicht``, ``N/A`` and codes beside the scale (a 0
  beside 1–5, 98, 99, -1);
- segmentations (a few distinct answers), loyalty (by its name), a weight (by its name, numbers) and
  comments (long texts, or by the question).

Example
-------
>>> from tpkit.exports import read_export
>>> export = read_export("p.csv", data=b"id,Klasse,WLAN,Sitz,Zufriedenheit\\nr1,Eco,4,0,ja\\nr2,Business,2,5,nein\\nr3,Eco,5,3,ja\\n")
>>> m = guess_mapping(export)
>>> m.outcome.kind, m.outcome.positive, m.outcome.negative, [r.column for r in m.ratings], m.not_applicable
('binary', ['ja'], ['nein'], ['WLAN', 'Sitz'], ['0'])
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from .exports import Export
from .numbers import Ambiguous, read_number
from .mapping import (NOT_APPLICABLE_CODES, Mapping, NA_KEYS, Outcome, Rating, answer_code, answer_key, coded_label,
                      column_decimal, export_of, roles_of, slug, touchpoint_name, unique_id)

#: Verbal answer scales in German and English, label → code; a column is read with the one that covers
#: most of its answers ("good" is 4 of 5 beside "very good", 3 of 5 below "excellent").
VERBAL_SCALES: tuple[dict[str, int], ...] = (
    {"sehr unzufrieden": 1, "unzufrieden": 2, "weder noch": 3, "weder zufrieden noch unzufrieden": 3, "teils/teils": 3,
     "zufrieden": 4, "sehr zufrieden": 5, "very dissatisfied": 1, "dissatisfied": 2,
     "neither satisfied nor dissatisfied": 3, "neutral": 3, "satisfied": 4, "very satisfied": 5,
     "überhaupt nicht zufrieden": 1, "gar nicht zufrieden": 1, "voll und ganz zufrieden": 5, "äußerst zufrieden": 5,
     "not at all satisfied": 1, "completely satisfied": 5, "extremely satisfied": 5},
    {"stimme überhaupt nicht zu": 1, "stimme nicht zu": 2, "stimme eher nicht zu": 2, "teils/teils": 3,
     "stimme eher zu": 4, "stimme zu": 4, "stimme voll und ganz zu": 5, "strongly disagree": 1, "disagree": 2,
     "neither agree nor disagree": 3, "agree": 4, "strongly agree": 5,
     # (not "trifft zu" and "trifft nicht zu": beside each other they are a yes/no, "trifft nicht zu" alone "does
     # not apply", NOT_APPLICABLE)
     "trifft überhaupt nicht zu": 1, "trifft gar nicht zu": 1, "trifft eher nicht zu": 2, "trifft teilweise zu": 3,
     "trifft eher zu": 4, "trifft voll zu": 5, "trifft voll und ganz zu": 5, "trifft völlig zu": 5},
    {"sehr schlecht": 1, "schlecht": 2, "mittel": 3, "befriedigend": 3, "gut": 4, "sehr gut": 5,
     "very poor": 1, "poor": 2, "fair": 3, "average": 3, "good": 4, "very good": 5},
    {"poor": 1, "fair": 2, "good": 3, "very good": 4, "excellent": 5},
    # German school grades, 6 points (1 = sehr gut is the best grade: labelled codes run backwards)
    {"ungenügend": 1, "mangelhaft": 2, "ausreichend": 3, "befriedigend": 4, "gut": 5, "sehr gut": 6},
)
#: A question rated in school grades (1 = sehr gut … 6 = ungenügend): its codes run from best to worst.
_SCHOOL_GRADE = re.compile(r"\b(?:gesamt|schul|durchschnitts|end|zeugnis|einzel)?noten?\b|notenskala|school grade",
                           re.IGNORECASE)
#: Answers of a yes/no outcome that count as positive.
POSITIVE = frozenset({"ja", "yes", "true", "wahr", "satisfied", "zufrieden", "positiv", "positive"})
_ID_NAME = re.compile(r"(^|[\s_])(id|responseid|response id|respondent ?id|respondent_id|resp_?id|lfdn|"
                      r"teilnehmer(-| )?id|interview ?id|case ?id|nr\.?|nummer|lfd\.? ?nr\.?|laufende nummer)$",
                      re.IGNORECASE)
_COMMENT = re.compile(r"comment|kommentar|anmerkung|bemerkung|anything else|sonst noch|remarks|feedback|"
                      r"open[- ]ended|freitext|please specify|bitte angeben", re.IGNORECASE)
_WEIGHT_NAME = re.compile(r"weight|gewicht|wgt", re.IGNORECASE)
_RECOMMEND = re.compile(r"recommend|empfehl|nps|likely to|wahrscheinlich", re.IGNORECASE)
_SATISFACTION = re.compile(r"satisf|zufrieden|csat|outcome|gesamtnote|gesamturteil", re.IGNORECASE)
_OVERALL = re.compile(r"overall|gesamt|insgesamt|allgemein|in general|general|total", re.IGNORECASE)
_IMPORTANCE = re.compile(r"wichtig|important|importance|bedeutung", re.IGNORECASE)
_LOYALTY = re.compile(r"loyal|treue|kundentyp|customer ?type|stammkund", re.IGNORECASE)
_PLATFORM_META = re.compile(r"^(startdate|enddate|status|ipaddress|progress|duration.*|finished|recordeddate|"
                            r"responseid|recipient.*|externalreference|locationlatitude|locationlongitude|"
                            r"distributionchannel|userlanguage|collector id|start date|end date|ip address|"
                            r"email address|first name|last name|custom data.*|submitdate|lastpage|"
                            r"startlanguage|seed|datestamp|ipaddr|refurl|token|timestamp|zeitstempel)$",
                            re.IGNORECASE)


#: Words of a yes/no answer that count as negative (beside :data:`POSITIVE`).
NEGATIVE = frozenset({"nein", "no", "false", "falsch", "unzufrieden", "dissatisfied", "not satisfied", "negativ",
                      "negative"})
_DECLARED_RANGE = re.compile(r"(?<![\w.,/-])([01])\s*(?:-|–|—|bis|to)\s*(\d{1,2})(?![\d.,])", re.IGNORECASE)
_DECLARED_CODE = re.compile(r"(?<![\w.,])(-?\d{1,3})\s*=\s*([^;,()=]+?)\s*(?=[;,)]|$|\s-?\d{1,3}\s*=)")


@dataclass(frozen=True)
class Declared:
    """What a question's text says about its answers: the scale (``1-7``, ``0 = sehr schlecht; 4 = sehr
    gut``), the codes that mean "not applicable" (``0 = nicht genutzt``, ``99 = weiß nicht``), and for a
    yes/no question its codes (``1 = ja; 2 = nein``)."""

    scale: tuple[float, float] | None = None
    not_applicable: frozenset[float] = frozenset()
    yes: tuple[str, ...] = ()
    no: tuple[str, ...] = ()
    #: the codes the question labels (not applicable aside), with their labels as answer keys
    labelled: tuple[tuple[float, str], ...] = ()


def declared(question: str) -> Declared:
    """What ``question`` declares about its answers (see :class:`Declared`); nothing when it says nothing.

    >>> declared("Bewertung (1-7; 0 = nicht genutzt) - App")
    Declared(scale=(1.0, 7.0), not_applicable=frozenset({0.0}), yes=(), no=(), labelled=())
    >>> declared("Bewertung (0 = sehr schlecht; 4 = sehr gut) - A").scale, declared("Zufrieden (1 = ja; 2 = nein)").yes
    ((0.0, 4.0), ('1',))
    >>> declared("Weiterempfehlung (99 = weiß nicht)").not_applicable, declared("Reise 2024-2025").scale, declared("Q1-5").scale
    (frozenset({99.0}), None, None)
    >>> d = declared("Aussage (0 = trifft nicht zu; 4 = trifft voll zu)"); d.scale, d.not_applicable    # a scale's end
    ((0.0, 4.0), frozenset())
    >>> declared("Wie oft (0-4 mal, 5 = öfter)").scale
    (0.0, 5.0)
    """
    pairs = list(dict.fromkeys((float(code), answer_key(label)) for code, label in _DECLARED_CODE.findall(question)))
    openings = {label.split()[0] for _, label in pairs if label not in NA_KEYS and label.split()}
    na = frozenset(code for code, label in pairs if label in NA_KEYS and label.split()[0] not in openings)
    labelled = tuple((c, label) for c, label in pairs if c not in na)
    yes = tuple(_code_text(c) for c, label in labelled if label in POSITIVE)
    no = tuple(_code_text(c) for c, label in labelled if label in NEGATIVE)
    if yes and no and len(yes) + len(no) == len(labelled):
        return Declared(None, na, yes, no, labelled)
    scale = None
    found = _DECLARED_RANGE.search(question)
    if found and 3 <= int(found.group(2)) <= 10:
        scale = (float(found.group(1)), float(found.group(2)))
    codes = [c for c, _ in labelled]
    if scale is not None and codes:          # a labelled code beyond the range ("5 = öfter") is on the scale too
        scale = (min(scale[0], *codes), max(scale[1], *codes))
    elif len(codes) >= 2 and max(codes) - min(codes) >= 2:
        scale = (min(codes), max(codes))
    return Declared(scale, na, labelled=labelled)


def guess_mapping(source: Export | str | Path) -> Mapping:
    """Propose how an export maps to tpkit's tables (see the module doc); every guess can be changed.

    Parameters
    ----------
    source : an :class:`~tpkit.exports.Export`, or the path of an export file.
    """
    export = export_of(source)
    profiles = {c: _profile(export, c) for c in export.columns}
    used: set[str | None] = {None}
    meta = {c for c in export.columns if _PLATFORM_META.match(c)}

    respondent_id = next((c for c in export.columns if _ID_NAME.search(c)), None)
    used.add(respondent_id)
    weight = next((c for c in export.columns if c not in used and _WEIGHT_NAME.search(c) and profiles[c]["numbers"]),
                  None)
    used.add(weight)
    outcome = _guess_outcome(export, profiles, used | meta)
    if outcome is not None:
        used.add(outcome.column)
    rated: dict[tuple[float, float], list[str]] = {}
    for c in export.columns:
        p, question = profiles[c], f"{c} {export.questions.get(c, '')}"
        if c in used or c in meta or p["scale"] is None or p["coded_category"] or _IMPORTANCE.search(question) \
                or (_SATISFACTION.search(question) and _OVERALL.search(question) and not p["grid"]):
            continue
        rated.setdefault(p["scale"], []).append(c)
    if (0, 10) in rated and (1, 10) in rated:   # 0–10 questions where nobody answered 0 look like 1–10
        merged = set(rated[(0, 10)]) | set(rated.pop((1, 10)))
        rated[(0, 10)] = [c for c in export.columns if c in merged]
    scale, columns = max(rated.items(), key=lambda kv: (len(kv[1]), -kv[0][0]), default=((1, 5), []))
    columns = _with_grid_rows(export, profiles, columns, scale, used | meta)
    columns = columns if len(columns) >= 2 else []
    used |= set(columns)
    loyalty = next((c for c in export.columns if c not in used and c not in meta and profiles[c]["categorical"]
                    and _LOYALTY.search(f"{c} {export.questions.get(c, '')}")), None)
    used.add(loyalty)
    comments = [c for c in export.columns if c not in used and c not in meta and (
        profiles[c]["free_text"] or profiles[c]["text"] and _COMMENT.search(f"{c} {export.questions.get(c, '')}"))]
    used |= set(comments)
    segments = [c for c in export.columns if c not in used and c not in meta and profiles[c]["categorical"]]
    coded = columns + ([outcome.column] if outcome is not None and outcome.kind != "binary" else [])
    not_applicable = sorted({a for c in coded for a in profiles[c]["na"]}
                            | {_code_text(v) for c in coded for v in profiles[c]["na_codes"]})
    words = set().union(*(profiles[c]["words"] for c in coded))
    family = _family(words, " ".join(answer_key(_question(export, c)) for c in coded))
    labels = {k: float(v) for k, v in VERBAL_SCALES[family].items()} if family is not None else {}
    return Mapping(respondent_id, outcome, _ratings(export, columns), scale, segments, loyalty, weight, comments,
                   labels, not_applicable)


def runs_backwards(pairs: list[tuple[float, str]]) -> bool:
    """Whether codes and their labels (answer keys) say that a higher code is a worse answer: the labels read on
    tpkit's verbal scales fall as the codes rise (``1 = sehr zufrieden`` … ``5 = sehr unzufrieden``).

    >>> runs_backwards([(1, "sehr gut"), (2, "gut"), (5, "sehr schlecht")]), runs_backwards([(1, "sehr schlecht"), (5, "sehr gut")])
    (True, False)
    >>> runs_backwards([(1, "18-29"), (2, "30-49")])
    False
    """
    keys = {label for _, label in pairs}
    family = _family(keys)
    if family is None:
        return False
    read = sorted((code, VERBAL_SCALES[family][label]) for code, label in pairs if label in VERBAL_SCALES[family])
    words = [v for _, v in read]
    return len(read) >= 2 and all(a > b for a, b in zip(words, words[1:]))


def backwards(export: Export, column: str) -> bool:
    """Whether a rating column's codes run from best to worst: its labels say so (:func:`runs_backwards`), or
    its question asks for school grades without labels saying otherwise.

    >>> from tpkit.exports import read_export
    >>> backwards(read_export("g.csv", data=b"id,Schulnote (1-6) - Mathe\\nr1,2\\n"), "Schulnote (1-6) - Mathe")
    True
    """
    pairs = _labelled_codes(export, column)
    return runs_backwards(pairs) or (not pairs and _SCHOOL_GRADE.search(_question(export, column)) is not None)


def _labelled_codes(export: Export, column: str) -> list[tuple[float, str]]:
    """A column's codes with their labels: its SPSS value labels, answers written as code and label, and the
    codes its question labels (``1 = sehr gut; 5 = sehr schlecht``)."""
    pairs = list(declared(_question(export, column)).labelled)
    for code, label in (export.labels.get(column) or {}).items():
        number = answer_code(code, labels={}, not_applicable=frozenset())
        if isinstance(number, float):
            pairs.append((number, answer_key(label)))
    for cell in set(export.cells(column)):
        found = coded_label(cell)
        if found is not None:
            pairs.append(found)
    return pairs


def _with_grid_rows(export: Export, profiles: dict, columns: list[str], scale: tuple[float, float],
                    taken: set) -> list[str]:
    """The rating columns and the other rows of their grid question (numbers, not categories): a row nobody
    answered above 5 on a 1–7 grid, or one with a typo of 55, is read (a wrong answer then named with its row),
    never left out without a word."""
    stems = {_stem(export, c) for c in columns} - {None}

    def belongs(c: str) -> bool:
        p = profiles[c]
        if c in columns:        # beside a grid a plain column (Stammgast 0/1, Kategorie 1–3) is another question
            return not stems or _stem(export, c) in stems
        if c in taken or not p["numeric"] or p["coded_category"]:
            return False
        return _stem(export, c) in stems
    return [c for c in export.columns if belongs(c)]


def _stem(export: Export, column: str) -> str | None:
    """The question a grid column shares with its siblings (``Bewertung`` of ``Bewertung - App``); None when the
    column is no row of a grid."""
    question = (export.questions.get(column) or column).strip()
    name = touchpoint_name(question)
    return None if name == question else question[: len(question) - len(name)].rstrip(" -–—[")


def _points(words: set[str]) -> int | None:
    """How many points the verbal scale has that ``words`` (answer keys) come from, when at least two of them
    are its words; None otherwise.

    >>> _points({"sehr gut", "ausreichend", "mangelhaft"}), _points({"gut"}), _points({"x"})
    (6, None, None)
    """
    family = _family(words)
    if family is None or len(words & set(VERBAL_SCALES[family])) < 2:
        return None
    return int(max(VERBAL_SCALES[family].values()))


def _family(words: set[str], questions: str = "") -> int | None:
    """The verbal scale that covers most of ``words`` (answer keys); None when none covers any. Where two
    cover as many (nobody answered "Excellent"), the one whose words the ``questions`` name wins
    ("Rate (Poor - Excellent)").

    >>> _family({"poor", "very good", "excellent"}), _family({"gut", "sehr gut"}), _family({"ja"})
    (3, 2, None)
    >>> _family({"poor", "fair", "good", "very good"}), _family({"poor", "fair", "good", "very good"}, "rate (poor - excellent)")
    (2, 3)
    """
    scores = [(len(words & set(scale)), sum(re.search(rf"\b{re.escape(w)}\b", questions) is not None
                                            for w in scale)) for scale in VERBAL_SCALES]
    best = max(range(len(VERBAL_SCALES)), key=lambda i: scores[i])
    return best if scores[best][0] else None


def _code_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _profile(export: Export, column: str) -> dict:
    """What a column's answers look like: its verbal scale, codes and their scale, categories, free text."""
    cells = export.cells(column)
    counts = Counter(cells)
    keys = {answer_key(c) for c in counts}
    family = _family(keys)
    labels = VERBAL_SCALES[family] if family is not None else {}
    column_labels = export.labels.get(column)
    decimal = column_decimal(export, column)
    codes: Counter = Counter()
    texts: Counter = Counter()
    na: set[str] = set()
    for cell, n in counts.items():
        code = answer_code(cell, labels=labels, not_applicable=NA_KEYS, column_labels=column_labels, decimal=decimal)
        if code is None:
            na.add(cell)
        elif isinstance(code, str):
            texts[cell] += n
        else:
            codes[code] += n
    answered = sum(counts.values()) - sum(counts[c] for c in na)
    numeric = bool(codes) and sum(codes.values()) >= 0.9 * answered
    ambiguous = sum(n for cell, n in texts.items() if isinstance(read_number(cell, decimal=None), Ambiguous))
    numbers = numeric or (ambiguous > 0 and sum(codes.values()) + ambiguous >= 0.9 * answered)   # 1.250 beside 0,95
    integer = numeric and all(float(c).is_integer() for c in codes)
    label_codes = _label_codes(column_labels)
    said = declared(_question(export, column))
    scale, na_codes = _scale(set(codes), label_codes) if integer else (None, set())
    worded = [pair for pair in map(coded_label, counts) if pair is not None]   # "1 - sehr gut" … "6 - ungenügend"
    points = _points(keys | {label for _, label in worded})
    if scale is not None and points and 1 <= min(codes) and max(codes) <= points:
        scale = (1, points)        # the verbal scale's own size (6 school grades, not a 1–7 scale)
    if integer and said.scale is not None:      # the question names its scale: it decides, not the answers given
        low, high = said.scale
        scale = said.scale
        na_codes = {v for v in codes if not low <= v <= high} & (set(said.not_applicable) | set(NOT_APPLICABLE_CODES))
    elif scale is not None and said.not_applicable:
        na_codes = set(na_codes) | {v for v in codes if v in said.not_applicable}
    distinct = len(counts)
    text_lengths = [len(t) for t in texts.elements()]
    question = export.questions.get(column) or column
    return {
        "declared": said, "numeric": numeric, "numbers": numbers, "integer": integer, "scale": scale, "na": na, "na_codes": na_codes,
        "words": keys & set().union(*VERBAL_SCALES),
        "grid": touchpoint_name(question) != question.strip(),
        "coded_category": bool(column_labels) and label_codes is None,
        "categorical": (not numeric or bool(column_labels) and label_codes is None) and 2 <= distinct <= max(
            12, len(cells) // 20),
        "free_text": bool(texts) and len(texts) > 0.5 * sum(texts.values()) and sum(text_lengths) / len(text_lengths) > 12,
        "text": bool(texts) and sum(text_lengths) / len(text_lengths) > 12,
    }


def _label_codes(column_labels: dict[str, str] | None) -> set[float] | None:
    """The codes of a column's value labels when they form a rating scale (every label a scale word, a
    number or "not applicable"); None when the column has no labels or they name categories (age bands).

    >>> _label_codes({"1": "Sehr unzufrieden", "5": "Sehr zufrieden", "99": "weiß nicht"}), _label_codes({"1": "18-29"})
    ({1.0, 5.0}, None)
    """
    if not column_labels:
        return None
    words = set().union(*VERBAL_SCALES)
    codes = set()
    for code, label in column_labels.items():
        key = answer_key(label)
        if key in NA_KEYS:
            continue
        number = answer_code(code, labels={}, not_applicable=frozenset())
        if not isinstance(number, float):
            return None
        if key not in words and not re.fullmatch(r"[+-]?\d+(\s*[-–=:.]\s*[^\W\d].*)?", key):
            return None
        codes.add(number)
    return codes or None


def _scale(values: set[float], labelled: set[float] | None = None) -> tuple[tuple[float, float] | None, set[float]]:
    """The rating scale integer codes lie on (1–5, 1–7, 1–10, 0–10; or the range of the value labels) and the
    codes beside it that mean "not applicable" (0 beside 1–5, 98, 99, -1).

    >>> _scale({1, 2, 5, 0, 4}), _scale({0, 3, 10, 7}), _scale({1, 2, 99, 3, 5}), _scale({2, 6, 9})
    (((1, 5), {0}), ((0, 10), set()), ((1, 5), {99}), ((1, 10), set()))
    """
    if labelled:
        low, high = min(labelled), max(labelled)
        outside = {v for v in values if not low <= v <= high}
        return ((low, high), outside) if outside <= set(NOT_APPLICABLE_CODES) | {0} else (None, set())
    if values <= {0, 1}:
        return None, set()      # 0 and 1 only: yes and no, not a rating scale
    na = {v for v in values if v in NOT_APPLICABLE_CODES}
    rest = values - na
    if 0 in rest and max(rest) <= 5:
        na, rest = na | {0}, rest - {0}   # 0 beside 1–5: "not used"
    if not rest or min(rest) < 0 or max(rest) > 10:
        return None, set()
    if min(rest) == 0:
        return (0, 10), na
    top = max(rest)
    return ((1, 5) if top <= 5 else (1, 7) if top <= 7 else (1, 10)), na


def _guess_outcome(export: Export, profiles: dict, used: set) -> Outcome | None:
    """The outcome question: a recommendation question on 0–10 first, else an overall satisfaction (yes/no or
    a scale), never a row of a grid question."""
    candidates = [c for c in export.columns if c not in used]
    for c in candidates:
        p, text = profiles[c], f"{c} {export.questions.get(c, '')}"
        if _RECOMMEND.search(text) and p["integer"] and p["scale"] in ((0, 10), (1, 10)):
            return Outcome(c, "nps", 0, 10)
    for c in candidates:      # "Würden Sie uns weiterempfehlen?" Ja / Nein
        if _RECOMMEND.search(_question(export, c)) and not profiles[c]["grid"] and _binary(export, c) is not None:
            return _binary(export, c)
    satisfaction = [c for c in candidates if not profiles[c]["grid"]
                    and _SATISFACTION.search(f"{c} {export.questions.get(c, '')}")]
    overall = [c for c in satisfaction if _OVERALL.search(_question(export, c))]
    opening = Counter(_opening(export, c) for c in satisfaction)
    satisfaction = [c for c in satisfaction if c in overall or opening[_opening(export, c)] == 1]
    satisfaction.sort(key=lambda c: c not in overall)   # (satisfaction with the check-in, the room, …: touchpoints)
    for c in satisfaction:
        said = profiles[c]["declared"]
        binary = _binary(export, c)
        if binary is None and said.yes and said.no and {answer_key(a) for a in export.cells(c)} <= \
                {answer_key(a) for a in (*said.yes, *said.no)} | NA_KEYS:    # "(1 = ja; 2 = nein)" and its codes
            binary = Outcome(c, "binary", 0, 1, list(said.yes), list(said.no))
        if binary is not None:
            return binary
        p = profiles[c]
        if p["integer"] and p["scale"] is not None:
            return Outcome(c, "scale", *p["scale"], reversed=backwards(export, c))
    return None


def _opening(export: Export, column: str) -> str:
    """The first two words of a column's question: "Zufriedenheit mit" opens a battery of one question per
    touchpoint (none of them the whole)."""
    return " ".join(_question(export, column).lower().split()[:2])


def _question(export: Export, column: str) -> str:
    """A column's name and its question, once where they are the same (a plain CSV's header is the question)."""
    question = (export.questions.get(column) or "").strip()
    return column if not question or question == column.strip() else f"{column} {question}"


def _binary(export: Export, column: str) -> Outcome | None:
    """A yes/no outcome: two answers (not applicable aside), one of them positive by its word, by 1 beside
    0, or by its SPSS label.

    >>> from tpkit.exports import read_export
    >>> _binary(read_export("b.csv", data=b"id,gesamt\\nr1,1\\nr2,0\\nr3,1\\n"), "gesamt").positive
    ['1']
    """
    spelling: dict[str, str] = {}        # each answer's first spelling (Yes, yes and YES are one answer)
    for cell in export.cells(column):
        if answer_key(cell) not in NA_KEYS:
            spelling.setdefault(answer_key(cell), cell.strip())
    answers = sorted(spelling.values())
    if len(answers) != 2:
        return None
    labels = export.labels.get(column, {})
    meaning = {a: answer_key(labels.get(a, a)) for a in answers}
    meaning = {a: (coded_label(m) or (None, m))[1] for a, m in meaning.items()}     # "1 = ja": its word
    if set(meaning.values()) == {"0", "1"}:
        positive = [a for a in answers if meaning[a] == "1"]
    elif any(m.replace(".", "").isdigit() for m in meaning.values()):
        return None   # two codes of a scale (1 and 4), not yes and no
    else:        # by its word or its first word ("Ja, auf jeden Fall"); j / y for yes
        positive = [a for a in answers if meaning[a] in POSITIVE or meaning[a].startswith("satisfied")
                    or re.split(r"[\s,;.!]+", meaning[a])[0] in POSITIVE | {"j", "y"}]
    if len(positive) != 1:
        return None
    return Outcome(column, "binary", 0, 1, positive, [a for a in answers if a not in positive])


def mapping_from_roles(export: Export, roles: dict[str, str], *, base: Mapping, outcome_kind: str = "nps",
                       names: dict[str, str] | None = None, scale: tuple[float, float] | None = None,
                       not_applicable: list[str] | None = None, reversed_: dict[str, bool] | None = None) -> Mapping:
    """The mapping an analyst sets column by column (a dashboard's widgets): ``roles`` gives each column's
    role, ``names`` touchpoint names, ``reversed_`` the rating (and outcome) columns whose codes run from best
    to worst;
    what ``base`` (the proposal) knows — ids, labels, a yes/no outcome's answers, a reversed scale — is kept
    where the column keeps its role.

    >>> from tpkit.exports import read_export
    >>> export = read_export("s.csv", data=b"id,NPS,A,B,Reise\\nr1,9,4,5,x\\nr2,3,2,3,y\\nr3,10,5,4,x\\n")
    >>> base = guess_mapping(export)
    >>> m = mapping_from_roles(export, {**roles_of(base), "B": "ignored"}, base=base, names={"A": "Ankunft"})
    >>> [(r.column, r.touchpoint_id, r.name) for r in m.ratings], m.outcome.kind
    ([('A', 'a', 'Ankunft')], 'nps')
    """
    from .errors import ModelError

    names = names or {}
    by_role: dict[str, list[str]] = {}
    for column in export.columns:
        by_role.setdefault(roles.get(column, "ignored"), []).append(column)
    for role in ("respondent_id", "outcome", "loyalty", "weight"):   # one column each
        if len(by_role.get(role, [])) > 1:
            raise ModelError("survey_role_twice", role=role, columns=", ".join(by_role[role]))
    outcome = None
    if by_role.get("outcome"):
        column = by_role["outcome"][0]
        kept = base.outcome if base.outcome is not None and base.outcome.column == column else None
        if kept is not None and kept.kind == outcome_kind:
            outcome = kept
        elif outcome_kind == "nps":
            outcome = Outcome(column, "nps", 0, 10)
        elif outcome_kind == "binary":
            outcome = _binary(export, column)
            if outcome is None:
                raise ModelError("survey_not_binary", column=column)
        else:
            found = _profile(export, column)["scale"]
            if found is None:
                raise ModelError("survey_no_scale", column=column)
            outcome = Outcome(column, "scale", *found, reversed=backwards(export, column))
        if outcome.kind != "binary" and column in (reversed_ or {}):     # (the analyst's word on its direction)
            outcome = replace(outcome, reversed=bool(reversed_[column]))
    known = {r.column: r for r in base.ratings}
    ratings, seen = [], set()
    for column in by_role.get("rating", []):
        rating = known.get(column) or _ratings(export, [column])[0]
        ratings.append(Rating(column, unique_id(rating.touchpoint_id, seen),
                              (names.get(column) or rating.name).strip() or rating.name,
                              (reversed_ or {}).get(column, rating.reversed)))
    first = lambda role: (by_role.get(role) or [None])[0]   # noqa: E731
    return Mapping(first("respondent_id"), outcome, ratings, tuple(scale or base.scale),
                   by_role.get("segment", []), first("loyalty"), first("weight"), by_role.get("comment", []),
                   dict(base.labels), list(base.not_applicable if not_applicable is None else not_applicable))


def _ratings(export: Export, columns: list[str]) -> list[Rating]:
    """Rating entries for ``columns``, ids from their touchpoint names made unique, ``reversed`` where the
    column's labels say that its codes run from best to worst (:func:`runs_backwards`)."""
    out, seen = [], set()
    for c in columns:
        question = export.questions.get(c) or c
        name = touchpoint_name(question)
        if name == question.strip() and len(name) > 60:
            name = c
        out.append(Rating(c, unique_id(slug(name), seen), name, backwards(export, c)))
    return out

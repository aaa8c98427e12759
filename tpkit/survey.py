"""A survey export straight into a tpkit project: ``read_survey(path, mapping)``.

The export is read by its mapping (:func:`tpkit.mapping.survey_tables`, every answer exactly or refused)
and becomes the project's tables:

- ``touchpoints``: one per rating column, with its id and name; phase, channel, contact and kind
  ``unknown``, owner ``unknown`` and no cost or contacts (the export does not give them: the inventory
  shows them as unknown, and they can be filled in the saved ``touchpoints.csv``);
- ``segments``: the answers of the first segmentation column (``Geschäftsreise`` → id
  ``geschaeftsreise``, the name as answered); respondents without an answer form the segment
  ``not_given``; without a segmentation column everyone is in ``all_respondents``;
- ``respondents``: the outcome's answer as ``recommend`` — 0–10 for a recommendation, the scale point
  for a rating scale, 1/0 for a yes/no; the project's ``outcome`` (:mod:`tpkit.outcome`, kept in
  ``project.json``) says which, and the headline figure follows it; loyalty in tpkit's words, or in the
  survey's own (kept in ``project.json`` under ``"loyalty"``, in the order first answered); every other
  segmentation (and a loyalty column of more than a few words) as an extra column — all can
  group the evaluation (``by=``);
- ``ratings``: one row per touchpoint a respondent met, with its performance.

A weight column becomes the respondents' ``weight``: every estimate uses it (weighted shares and means,
intervals with the effective sample size, weighted correlations and so key drivers, the what-if's
baseline). The ratings keep their scale (1–5, 1–7, 0–10 …: the project's ``rating_scale``); a scale the
project format cannot hold (not whole, past 0–10) is refused with a clear message rather than bent. :func:`tpkit.io.save_project` then writes the usual project folder.

Example
-------
>>> from tpkit.datasets import sample_export
>>> from tpkit.exports import read_export
>>> from tpkit.guess import guess_mapping
>>> export = read_export(sample_export("hotel_qualtrics.csv"))
>>> project = read_survey(export, guess_mapping(export))
>>> len(project.touchpoints), sorted(project.segments["name"]), project.touchpoints["phase"].unique().tolist()
(6, ['Business', 'Leisure'], ['unknown'])
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from .errors import ModelError
from .exports import Export
from .io import META_FILE, Project, choice_aliases, csv_bytes, load_csv_files
from .mapping import Mapping, Outcome, answer_key, export_of, mapping_of, slug, survey_tables, unique_id
from .outcome import OutcomeSpec, RatingScale, outcome_from_meta, outcome_meta, scale_from_meta, scale_meta
from .problems import Problem, ProjectError
from .schema import ALL_SEGMENTS, LOYALTY, TABLES, UNKNOWN, tables_with_loyalty

#: The segment of respondents who gave no answer to the segmentation question.
NOT_GIVEN = "not_given"
#: The one segment when the mapping names no segmentation.
EVERYONE = "all_respondents"


def read_survey(source: Export | str | Path, mapping: Mapping | dict | str | Path, *,
                name: str | None = None) -> Project:
    """A validated project from a survey export and its mapping (see the module doc).

    Parameters
    ----------
    source : an :class:`~tpkit.exports.Export`, or the path of an export file.
    mapping : a :class:`~tpkit.mapping.Mapping`, its dict, or the path of a saved one.
    name : the project's name (default: the export's file name without its suffix).

    Raises
    ------
    ProjectError for answers that cannot be read (with row and column); ModelError for what the
    project format cannot hold (an outcome or rating scale that is not whole or runs past 0–10).
    """
    export, mapping = export_of(source), mapping_of(mapping)
    _check_supported(mapping)
    tables = survey_tables(export, mapping)
    resp = tables.respondents
    _check_whole(export, mapping, tables)
    answered = tables.respondents["outcome"].dropna()
    outcome = outcome_spec(mapping.outcome)
    if outcome.kind == "nps" and len(answered) >= 5 and answered.max() <= 5:   # a rating, not a 0–10 question?
        raise ModelError("survey_outcome_low", column=mapping.outcome.column, top=int(answered.max()))
    segments, segment_of = _segments(resp, mapping.segments[0] if mapping.segments else None)
    respondents = pd.DataFrame({"respondent_id": resp["respondent_id"].astype(str), "segment_id": segment_of,
                                "recommend": resp["outcome"].astype("Float64").astype("Int64"),
                                "satisfaction": pd.array([pd.NA] * len(resp), dtype="Int64")})
    if mapping.weight:
        respondents["weight"] = resp["weight"].astype("float64").to_numpy()
    loyalty, levels = _loyalty(resp[mapping.loyalty]) if mapping.loyalty else (None, LOYALTY)
    if loyalty is not None and loyalty.notna().any():
        respondents["loyalty"] = loyalty
    extras = mapping.segments + ([mapping.loyalty] if loyalty is not None and loyalty.isna().all() else [])
    taken = set(respondents.columns) | set(TABLES["respondents"].columns)
    for column in extras:   # every segmentation (and loyalty in other words) kept, under a name of its own
        respondents[unique_id(slug(column), taken)] = pd.Series(one_spelling(resp[column]), dtype=object).to_numpy()
    touchpoints = pd.DataFrame({
        "touchpoint_id": tables.touchpoints["touchpoint_id"], "name": tables.touchpoints["name"],
        "phase": UNKNOWN, "channel": UNKNOWN, "contact": UNKNOWN, "kind": UNKNOWN, "owner": UNKNOWN,
        "annual_cost": pd.NA, "annual_contacts": pd.NA, "segments": ALL_SEGMENTS})
    ratings = tables.ratings.assign(respondent_id=tables.ratings["respondent_id"].astype(str),
                                    performance=tables.ratings["performance"].astype("Int64"),
                                    importance=pd.array([pd.NA] * len(tables.ratings), dtype="Int64"))
    frames = {"touchpoints": touchpoints, "segments": segments, "respondents": respondents, "ratings": ratings}
    tables = tables_with_loyalty(levels)
    files = {tables[n].filename: csv_bytes(tables[n], frame) for n, frame in frames.items()}
    label = name or Path(export.file.split(" [")[0]).stem
    meta = {"name": label, "outcome": outcome_meta(outcome), "rating_scale": scale_meta(rating_scale(mapping)),
            "loyalty": list(levels) if levels != LOYALTY else None}
    files[META_FILE] = json.dumps(meta, ensure_ascii=False).encode("utf-8")
    return load_csv_files(files, label, export.file)   # every check of a project folder, on the tables written


def rating_scale(mapping: Mapping) -> RatingScale:
    """The project's rating scale from the mapping's (whole points within 0–10, at least three).

    >>> rating_scale(Mapping("id", None, [], scale=(1, 7)))
    RatingScale(low=1, high=7)
    """
    low, high = mapping.scale
    try:   # the project's own check of a scale judges it
        return scale_from_meta({"low": _whole(low), "high": _whole(high)})
    except ValueError:
        raise ModelError("survey_scale_range", low=f"{low:g}", high=f"{high:g}") from None


def outcome_spec(outcome: Outcome) -> OutcomeSpec:
    """The project's outcome question (:class:`tpkit.outcome.OutcomeSpec`) of a mapping's outcome column:
    its kind, its range (a yes/no is stored as 1/0) and the column's name as its label (without the codes it
    names where they are turned round: the label would contradict the figures).

    >>> outcome_spec(Outcome("Zufrieden?", "binary", positive=["ja"])), outcome_spec(Outcome("CSAT", "scale", 1, 7)).high
    (OutcomeSpec(kind='binary', low=0, high=1, label='Zufrieden?'), 7)
    >>> outcome_spec(Outcome("Gesamtzufriedenheit (1 = sehr zufrieden; 5 = sehr unzufrieden)", "scale", 1, 5,
    ...                      reversed=True)).label
    'Gesamtzufriedenheit'
    """
    low, high = outcome.low, outcome.high
    label = outcome.column.strip()
    if outcome.reversed:
        label = re.sub(r"\s*\([^()]*=[^()]*\)", "", label).strip() or label
    meta = {"kind": outcome.kind, "low": _whole(low), "high": _whole(high), "label": label or None}
    try:   # the project's own check of an outcome question judges it
        return outcome_from_meta(meta)
    except ValueError:
        raise ModelError("survey_outcome_range", column=outcome.column, low=f"{low:g}", high=f"{high:g}") from None


def _whole(number: float) -> float | int:
    """A mapping's scale end as a project keeps it: a whole number as ``int``, anything else as it is (and refused)."""
    return int(number) if float(number).is_integer() else number


def _check_supported(mapping: Mapping) -> None:
    if mapping.outcome is None:
        raise ModelError("survey_no_outcome")
    if not mapping.ratings:
        raise ModelError("survey_no_ratings")


def _check_whole(export: Export, mapping: Mapping, tables) -> None:
    """A project holds whole scores: a 7.5 is refused with its row, never rounded."""
    position = {rid: i for i, rid in enumerate(tables.respondents["respondent_id"])}
    problems = [Problem(export.file, export.row_number(i), mapping.outcome.column, "not_integer", {"value": f"{v:g}"})
                for i, v in enumerate(tables.respondents["outcome"]) if pd.notna(v) and not float(v).is_integer()]
    columns = {r.touchpoint_id: r.column for r in mapping.ratings}
    problems += [Problem(export.file, export.row_number(position[r.respondent_id]), columns[r.touchpoint_id],
                         "not_integer", {"value": f"{r.performance:g}"})
                 for r in tables.ratings.itertuples() if not float(r.performance).is_integer()]
    if problems:
        raise ProjectError(problems)


def _segments(resp: pd.DataFrame, column: str | None) -> tuple[pd.DataFrame, pd.Series]:
    """The segments table and each respondent's segment id, from the answers of ``column``: answers that
    differ only in case or spaces are one segment, named as first answered (:func:`one_spelling`); blank
    answers are not given."""
    if column is None:
        return (pd.DataFrame({"segment_id": [EVERYONE], "name": ["Alle Befragten"], "name_en": ["All respondents"]}),
                pd.Series([EVERYONE] * len(resp), dtype=object))
    given = one_spelling(resp[column])
    taken = {NOT_GIVEN, ALL_SEGMENTS}
    ids = {name: unique_id(slug(name), taken) for name in dict.fromkeys(a for a in given if a is not None)}
    segment_of = pd.Series([NOT_GIVEN if a is None else ids[a] for a in given], dtype=object)
    rows = [{"segment_id": sid, "name": name, "name_en": name} for name, sid in ids.items()]
    if (segment_of == NOT_GIVEN).any():
        rows.append({"segment_id": NOT_GIVEN, "name": "(keine Angabe)", "name_en": "(not given)"})
    return pd.DataFrame(rows), segment_of


def one_spelling(answers: pd.Series) -> list[str | None]:
    """Each answer as text in one spelling: answers that differ only in case or spaces (``Privat``,
    ``privat ``) all read as the first one given, trimmed; a missing or blank answer is None.

    >>> one_spelling(pd.Series(["Nord", "nord ", None, " ", "Süd"]))
    ['Nord', 'Nord', None, None, 'Süd']
    """
    given = [None if a is None or pd.isna(a) or not str(a).strip() else str(a).strip() for a in answers]
    first: dict[str, str] = {}
    for a in given:
        if a is not None:
            first.setdefault(answer_key(a), a)
    return [None if a is None else first[answer_key(a)] for a in given]


#: The most loyalty words a survey's own vocabulary may have (more are a grouping column, not loyalty).
MAX_LOYALTY_WORDS = 8


def _loyalty(answers: pd.Series) -> tuple[pd.Series, tuple[str, ...]]:
    """Loyalty and its words: tpkit's (``new``, ``repeat``, ``loyal``, ``lapsed``, also German ones) where
    every answer is one; else the survey's own words (``Loyal Customer``, ``disloyal Customer``: one spelling,
    in the order first answered) when there are two to :data:`MAX_LOYALTY_WORDS`; else all NA (the answers
    stay an extra column)."""
    aliases = choice_aliases(TABLES["respondents"].field("loyalty"))
    words = [None if a is None or pd.isna(a) else aliases.get(str(a).strip().lower(), str(a).strip().lower())
             for a in answers]
    if all(w is None or w in LOYALTY for w in words):
        return pd.Series(words, dtype=object), LOYALTY
    own = one_spelling(answers)
    levels = tuple(dict.fromkeys(w for w in own if w is not None))
    if 2 <= len(levels) <= MAX_LOYALTY_WORDS:
        return pd.Series(own, dtype=object), levels
    return pd.Series([None] * len(answers), dtype=object), LOYALTY

"""Vocabularies and table specifications of a tpkit project folder.

Every table of a project is described once here, as a :class:`Table` of
:class:`Field` objects. The same description drives the cell parser in
:mod:`tpkit.io` (text → typed values), the pandera schema that checks the
values, the reference checks between tables and the documentation tables in
the notebooks.

Example
-------
>>> TABLES["touchpoints"].field("phase").choices
('pre_purchase', 'purchase', 'usage', 'loyalty', 'unknown')
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

import pandas as pd

from .i18n import Lang, label, t

if TYPE_CHECKING:
    import pandera.pandas as pa

PHASES: tuple[str, ...] = ("pre_purchase", "purchase", "usage", "loyalty")
CHANNELS: tuple[str, ...] = ("online", "offline", "hybrid")
CONTACTS: tuple[str, ...] = ("direct", "indirect")
KINDS: tuple[str, ...] = ("human", "product", "service", "communication", "brand", "third_party")
LOYALTY: tuple[str, ...] = ("new", "repeat", "loyal", "lapsed")
INCIDENTS: tuple[str, ...] = ("positive", "negative")
NETWORKS: tuple[str, ...] = ("strong", "weak")
#: The traits of a strong network (the method's checklist), as columns of segments.csv scored 0–2: frequent
#: interaction and cohesion, visible signs of belonging, shared activities and rituals, access by invitation.
NETWORK_TRAITS: tuple[str, ...] = ("network_interaction", "network_belonging", "network_rituals", "network_invitation")
VOTERS: tuple[str, ...] = ("customer", "employee")

#: The value of a touchpoint's phase, channel, contact or kind that the data does not give (a survey export
#: names its touchpoints, not their place in the journey); analyses that need it say which lack it.
UNKNOWN = "unknown"

#: The word in ``touchpoints.segments`` that means "every segment".
ALL_SEGMENTS = "all"
#: Separators accepted between segment ids in ``touchpoints.segments``; ``|`` is written.
SEGMENT_SEPARATORS = "|;,"

FieldKind = Literal["id", "text", "int", "float", "bool", "date", "choice", "idlist"]


@dataclass(frozen=True)
class Field:
    """One column of a table.

    ``required`` means the column must be present; ``nullable`` that its cells
    may be empty. ``references`` names ``(table, column)`` whose values this
    column must take. ``choices`` lists the allowed words of a ``choice`` field.
    """

    name: str
    kind: FieldKind
    required: bool = True
    nullable: bool = False
    choices: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    unique: bool = False
    references: tuple[str, str] | None = None


@dataclass(frozen=True)
class Table:
    """A table of the project folder: its file stem, fields and composite key."""

    name: str
    fields: tuple[Field, ...]
    required: bool = False
    key: tuple[str, ...] = ()
    must_have_rows: bool = False

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def key_needed(self) -> tuple[str, ...]:
        """The key's columns a file must have: an optional one (such as a wave) may be left out, and its
        empty cell is a value of its own (two ratings without a wave of the same pair repeat the key).

        >>> TABLES["employee_ratings"].key_needed
        ('employee_id', 'touchpoint_id')
        """
        return tuple(k for k in self.key if self.field(k).required)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


TOUCHPOINTS = Table(
    "touchpoints",
    (
        Field("touchpoint_id", "id", unique=True),
        Field("name", "text"),
        Field("name_en", "text", required=False, nullable=True),
        Field("phase", "choice", choices=PHASES + (UNKNOWN,)),
        Field("channel", "choice", choices=CHANNELS + (UNKNOWN,)),
        Field("contact", "choice", choices=CONTACTS + (UNKNOWN,)),
        Field("kind", "choice", choices=KINDS + (UNKNOWN,)),
        Field("owner", "text"),
        Field("annual_cost", "float", nullable=True, min=0),
        Field("annual_contacts", "int", nullable=True, min=0),
        Field("segments", "idlist", required=False, references=("segments", "segment_id")),
        Field("must_keep", "bool", required=False, nullable=True),   # hygiene: the optimiser never closes it
        Field("works_like", "text", required=False, nullable=True),  # a group of substitutes for one another
    ),
    required=True,
    must_have_rows=True,
)

SEGMENTS = Table(
    "segments",
    (
        Field("segment_id", "id", unique=True),
        Field("name", "text"),
        Field("name_en", "text", required=False, nullable=True),
        Field("customers", "int", required=False, nullable=True, min=0),
        Field("revenue_per_customer", "float", required=False, nullable=True, min=0),
        Field("margin", "float", required=False, nullable=True, min=-1, max=1),
        Field("wanted", "bool", required=False, nullable=True),
        Field("strategic_fit", "int", required=False, nullable=True, min=-2, max=2),
        Field("network", "choice", required=False, nullable=True, choices=NETWORKS),
        # the method's traits of a strong network, each 0 (no), 1 (partly) or 2 (yes): tpkit.network.network_checklist
        *(Field(trait, "int", required=False, nullable=True, min=0, max=2) for trait in NETWORK_TRAITS),
    ),
)

SEGMENT_FIT = Table(
    "segment_fit",
    (
        Field("segment_id", "id", references=("segments", "segment_id")),
        Field("other_segment_id", "id", references=("segments", "segment_id")),
        Field("fit", "int", min=-2, max=2),
    ),
    key=("segment_id", "other_segment_id"),
)

RESPONDENTS = Table(
    "respondents",
    (
        Field("respondent_id", "id", unique=True),
        Field("segment_id", "id", references=("segments", "segment_id")),
        Field("loyalty", "choice", required=False, nullable=True, choices=LOYALTY),
        Field("recommend", "int", nullable=True, min=0, max=10),
        Field("satisfaction", "int", nullable=True, min=1, max=5),
        Field("weight", "float", required=False, min=0),
        # the survey wave (a label or a date such as 2027-09): tpkit.tracking compares the waves
        Field("wave", "text", required=False, nullable=True),
    ),
)

def tables_with_loyalty(levels: tuple[str, ...]) -> dict[str, Table]:
    """The tables of a project whose loyalty answers are ``levels`` (its own words; tpkit's by default).

    >>> tables_with_loyalty(("loyal", "disloyal"))["respondents"].field("loyalty").choices
    ('loyal', 'disloyal')
    >>> tables_with_loyalty(LOYALTY) is TABLES
    True
    """
    if tuple(levels) == LOYALTY:
        return TABLES
    respondents = TABLES["respondents"]
    fields = tuple(replace(f, choices=tuple(levels)) if f.name == "loyalty" else f for f in respondents.fields)
    return {**TABLES, "respondents": replace(respondents, fields=fields)}


#: Columns whose values lie on the project's rating scale (1–5 unless project.json says otherwise).
SCALED = frozenset({("ratings", "performance"), ("ratings", "importance"), ("employee_ratings", "performance")})

#: The column naming each respondent's (and employee rating's) survey wave: :mod:`tpkit.tracking` compares waves.
WAVE = "wave"

#: Respondent columns that are answers or weights, not groups (every other column can group: ``by=``).
NOT_GROUPS = ("respondent_id", "recommend", "satisfaction", "weight")

RATINGS = Table(
    "ratings",
    (
        Field("respondent_id", "id", references=("respondents", "respondent_id")),
        Field("touchpoint_id", "id", references=("touchpoints", "touchpoint_id")),
        Field("performance", "int", min=0, max=10),     # within the project's rating scale (1–5 unless
        Field("importance", "int", required=False, nullable=True, min=0, max=10),   # project.json says otherwise)
        Field("incident", "choice", required=False, nullable=True, choices=INCIDENTS),
        Field("comment", "text", required=False, nullable=True),
    ),
    key=("respondent_id", "touchpoint_id"),
)

EMPLOYEE_RATINGS = Table(
    "employee_ratings",
    (
        Field("employee_id", "id"),
        Field("department", "text"),
        Field("touchpoint_id", "id", references=("touchpoints", "touchpoint_id")),
        Field("performance", "int", min=0, max=10),     # within the project's rating scale
        # the survey wave, labelled as in respondents.csv (an employee may rate a touchpoint once per wave);
        # a rating without a wave counts for every wave
        Field("wave", "text", required=False, nullable=True),
    ),
    key=("employee_id", "touchpoint_id", "wave"),
)

MEASURES = Table(
    "measures",
    (
        Field("measure_id", "id", unique=True),
        Field("touchpoint_id", "id", references=("touchpoints", "touchpoint_id")),
        Field("name", "text"),
        Field("name_en", "text", required=False, nullable=True),
        Field("proposed_by", "text"),
        Field("owner", "text"),
        Field("cost", "float", min=0),
        Field("uplift", "float", min=-10, max=10),    # points of the rating scale
        Field("due_date", "date", nullable=True),
        Field("commitment", "text", required=False, nullable=True),   # the owning team's commitment, in its words
        # who had the idea: customers (in the survey, a workshop) or employees (the proposing department's)
        Field("proposed_by_type", "choice", required=False, nullable=True, choices=VOTERS),
        Field("idea", "text", required=False, nullable=True),   # the idea in its proposer's words
    ),
)

VOTES = Table(
    "votes",
    (
        Field("voter_id", "id"),
        Field("voter_type", "choice", choices=VOTERS),
        Field("measure_id", "id", references=("measures", "measure_id")),
        Field("points", "int", min=0, max=100),
        Field("comment", "text", required=False, nullable=True),
    ),
    key=("voter_id", "measure_id"),
)

#: Every table of a project folder, in load order (referenced tables first).
TABLES: dict[str, Table] = {
    t.name: t
    for t in (TOUCHPOINTS, SEGMENTS, SEGMENT_FIT, RESPONDENTS, RATINGS, EMPLOYEE_RATINGS, MEASURES, VOTES)
}

_DTYPES = {
    "id": "object",
    "text": "object",
    "choice": "object",
    "idlist": "object",
    "int": "Int64",
    "float": "Float64",
    "bool": "boolean",
    "date": "datetime64[ns]",
}


def pandas_dtype(field: Field) -> object:
    """The pandas dtype a parsed column of this field has.

    >>> pandas_dtype(TOUCHPOINTS.field("annual_contacts"))
    'Int64'
    """
    return _DTYPES[field.kind]


def pandera_schema(table: Table, present: list[str]) -> pa.DataFrameSchema:
    """The pandera schema checking the value rules of ``table``.

    Only the columns in ``present`` are checked; a missing column is reported
    by the reader, not here. Extra columns are allowed (kept as text).

    >>> pandera_schema(TOUCHPOINTS, ["phase"]).columns["phase"].checks[0].name
    'isin'
    """
    import pandera.pandas as pa  # here: only a project being checked needs pandera (0.3 s to import)

    columns = {}
    for f in table.fields:
        if f.name not in present:
            continue
        checks = []
        if f.choices:
            checks.append(pa.Check.isin(list(f.choices)))
        if f.min is not None:
            checks.append(pa.Check.ge(f.min))
        if f.max is not None:
            checks.append(pa.Check.le(f.max))
        columns[f.name] = pa.Column(
            pandas_dtype(f), checks=checks, nullable=f.nullable, unique=f.unique, coerce=False
        )
    return pa.DataFrameSchema(columns, strict=False)


def describe_table(name: str, *, lang: Lang = "de") -> pd.DataFrame:
    """What each column of table ``name`` holds: required or not, its type and the allowed values.

    Returns
    -------
    One row per column of the table: ``column``, ``required``, ``type``, ``allowed`` (in ``lang``).

    >>> describe_table("touchpoints", lang="en").set_index("column").loc["phase", "allowed"]
    'pre_purchase (Pre-purchase), purchase (Purchase), usage (Usage), loyalty (Loyalty & referral), unknown (Phase unknown)'
    """
    rows = []
    for f in TABLES[name].fields:
        if f.choices:
            allowed = ", ".join(f"{c} ({label(f.name, c, lang)})" for c in f.choices)
        elif f.references:
            allowed = t("refers_to", lang, target=f"{f.references[0]}.csv")
        elif (name, f.name) in SCALED:
            allowed = t("on_rating_scale", lang)
        elif f.min is not None or f.max is not None:
            lo = "" if f.min is None else f"{f.min:g}"
            hi = "" if f.max is None else f"{f.max:g}"
            allowed = f"{lo} … {hi}".strip()
        else:
            allowed = ""
        required = t("yes", lang) if f.required and not f.nullable else (
            t("optional_column", lang) if not f.required else t("empty_allowed", lang))
        rows.append({"column": f.name, "required": required, "type": t(f"fieldkind.{f.kind}", lang),
                     "allowed": allowed})
    return pd.DataFrame(rows, columns=["column", "required", "type", "allowed"])

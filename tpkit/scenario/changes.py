"""The changes a scenario makes, their registry, their (de)serialisation and :class:`Scenario`.

A kind of change is one class made a frozen dataclass and registered by :func:`change_kind`. It carries
its ``kind`` (its name in saved scenario files), its ``order`` (when it is applied: adds first, removals
last), its ``word`` (the :mod:`tpkit.i18n` key that describes it) and a ``describe(project, lang=…)``
method; its effect on the model is one function registered with :func:`tpkit.scenario.appliers.applier`.
Adding a kind of change is that class, that applier and its word — nothing else.

Example
-------
>>> change_from_dict(change_to_dict(RemoveTouchpoint("wifi"))) == RemoveTouchpoint("wifi")
True
>>> sorted(CHANGE_KINDS)
['add', 'budget', 'measure', 'mix', 'performance', 'remove']
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, fields, replace
from typing import Callable, ClassVar, Protocol, TypeVar, dataclass_transform

from ..errors import ModelError, check_choice, closest
from ..i18n import Lang, format_number, label, name_map, t
from ..io import Project
from ..schema import ALL_SEGMENTS
from .assumptions import check_parameter


class Change(Protocol):
    """What every kind of change has (see :func:`change_kind`)."""

    kind: ClassVar[str]
    order: ClassVar[int]
    word: ClassVar[str]

    def describe(self, project: Project, *, lang: Lang = "de") -> str: ...


#: Every kind of change by its name in saved files, filled by :func:`change_kind`.
CHANGE_KINDS: dict[str, type] = {}

C = TypeVar("C", bound=type)


@dataclass_transform(frozen_default=True)
def change_kind(kind: str, *, order: int, word: str | None = None) -> Callable[[C], C]:
    """Class decorator: make a class a frozen dataclass and register it as ``kind`` in :data:`CHANGE_KINDS`.

    Parameters
    ----------
    kind : its name in saved scenario files.
    order : when it is applied; changes apply in ascending order (of one kind in the order given).
    word : the i18n key its ``describe`` method uses (default ``change.<kind>``).

    Returns
    -------
    The decorator; the class gets the class attributes ``kind``, ``order`` and ``word``.

    >>> CHANGE_KINDS["remove"] is RemoveTouchpoint, RemoveTouchpoint.order, RemoveTouchpoint.word
    (True, 5, 'change.remove')
    """
    def register(cls: C) -> C:
        if not hasattr(cls, "describe") or CHANGE_KINDS.get(kind, cls) is not cls:
            raise TypeError(f"change kind {kind!r} needs a describe method and is registered once")
        cls.kind, cls.order, cls.word = kind, order, word or f"change.{kind}"
        CHANGE_KINDS[kind] = dataclass(frozen=True)(cls)
        return cls
    return register


def _touchpoint_name(project: Project, touchpoint_id: str, lang: Lang) -> str:
    return name_map(project.touchpoints, "touchpoint_id", lang=lang).get(touchpoint_id, touchpoint_id)


@change_kind("add", order=0)
class AddTouchpoint:
    """A new touchpoint. ``reach`` is the share of each segment in ``segments`` that will meet it;
    its coefficient is borrowed from ``similar_to`` (or the phase mean), an assumption."""

    touchpoint_id: str
    name: str
    phase: str
    channel: str
    contact: str = "direct"
    touchpoint_kind: str = "service"
    owner: str = ""
    annual_cost: float = 0.0
    performance: float | None = None    # None: three quarters up the rating scale (4 on 1–5)
    reach: float = 0.5
    segments: tuple[str, ...] = (ALL_SEGMENTS,)
    similar_to: str | None = None

    def describe(self, project: Project, *, lang: Lang = "de") -> str:
        """``New: App (Purchase, Online), reach 40 %, performance 4.5``, in ``lang``."""
        return t(self.word, lang=lang, name=self.name, phase=label("phase", self.phase, lang=lang),
                 channel=label("channel", self.channel, lang=lang),
                 reach=format_number(100 * self.reach, lang=lang) + " %",
                 performance=format_number(self.expected_performance(project), lang=lang, decimals=1))

    def expected_performance(self, project: Project) -> float:
        """The performance the new touchpoint is expected to have: as given, else three quarters up the
        project's rating scale (4 on 1–5, 8.5 on 1–11 …).

        >>> from tpkit.datasets import load_sample
        >>> AddTouchpoint("app", "App", "purchase", "online").expected_performance(load_sample("hotel"))
        4.0
        """
        scale = project.rating_scale
        return float(self.performance) if self.performance is not None else scale.low + 0.75 * scale.span


@change_kind("measure", order=1)
class ApplyMeasure:
    """Carry out a measure of ``measures.csv``: its uplift is added to its touchpoint, its cost spent."""

    measure_id: str

    def describe(self, project: Project, *, lang: Lang = "de") -> str:
        """``Measure: <its name>``, in ``lang``."""
        names = name_map(project.measures, "measure_id", lang=lang)
        return t(self.word, lang=lang, name=names.get(self.measure_id, self.measure_id))


@change_kind("performance", order=2)
class ChangePerformance:
    """Raise (or lower) a touchpoint's mean performance by ``delta`` points, for one segment or all."""

    touchpoint_id: str
    delta: float
    segment_id: str | None = None

    def describe(self, project: Project, *, lang: Lang = "de") -> str:
        """``Performance <touchpoint>: +0.5 points``, in ``lang``."""
        return t(self.word, lang=lang, name=_touchpoint_name(project, self.touchpoint_id, lang),
                 delta=f"{'+' if self.delta >= 0 else ''}{format_number(self.delta, lang=lang, decimals=1)}")


@change_kind("budget", order=3)
class ChangeBudget:
    """Multiply a touchpoint's annual cost by ``factor``; performance moves by
    ``budget_elasticity · ln(factor)`` points."""

    touchpoint_id: str
    factor: float

    def describe(self, project: Project, *, lang: Lang = "de") -> str:
        """``Budget <touchpoint>: × 0.50``, in ``lang``."""
        return t(self.word, lang=lang, name=_touchpoint_name(project, self.touchpoint_id, lang),
                 factor=format_number(self.factor, lang=lang, decimals=2))


@change_kind("mix", order=4)
class ShiftMix:
    """Move ``share`` of the contacts of offline direct touchpoints to online ones (or back, with
    ``towards="offline"``), in one phase or all, for every segment or one (``segment_id``)."""

    share: float
    phase: str | None = None
    towards: str = "online"
    segment_id: str | None = None

    def describe(self, project: Project, *, lang: Lang = "de") -> str:
        """``25 % of contacts Purchase moved to Online`` (``… for Business travellers``), in ``lang``."""
        text = t(self.word, lang=lang, share=format_number(100 * self.share, lang=lang) + " %",
                 phase=label("phase", self.phase, lang=lang) if self.phase else t("ui.all_phases", lang=lang),
                 towards=label("channel", self.towards, lang=lang))
        if self.segment_id is None:
            return text
        segment = name_map(project.segments, "segment_id", lang).get(self.segment_id, self.segment_id)
        return t("change.mix_for", lang=lang, change=text, segment=segment)


@change_kind("remove", order=5)
class RemoveTouchpoint:
    """Close a touchpoint; ``move_share`` of its users go to the phase's other direct touchpoints
    (None: the model's ``move_share``)."""

    touchpoint_id: str
    move_share: float | None = None

    def describe(self, project: Project, *, lang: Lang = "de") -> str:
        """``Removed: <touchpoint>``, in ``lang``."""
        return t(self.word, lang=lang, name=_touchpoint_name(project, self.touchpoint_id, lang))


def change_to_dict(change: Change) -> dict:
    """A change as a plain dict with its ``kind`` (for JSON).

    Parameters
    ----------
    change : any registered change.

    Returns
    -------
    ``{"kind": …, <field>: <value>, …}``; tuples become lists.

    >>> change_to_dict(RemoveTouchpoint("wifi"))
    {'kind': 'remove', 'touchpoint_id': 'wifi', 'move_share': None}
    """
    out = {"kind": change.kind, **asdict(change)}
    if "segments" in out:
        out["segments"] = list(out["segments"])
    return out


def change_from_dict(data: dict) -> Change:
    """The change a dict of :func:`change_to_dict` describes.

    Parameters
    ----------
    data : ``{"kind": …, <field>: <value>, …}`` as read from a saved scenario.

    Returns
    -------
    The change; a :class:`~tpkit.errors.ModelError` names an unknown kind, unknown or missing fields and
    fields that should be numbers.

    >>> change_from_dict({"kind": "budget", "touchpoint_id": "bar", "factor": 0.5})
    ChangeBudget(touchpoint_id='bar', factor=0.5)
    """
    check_choice("change kind", data.get("kind") if isinstance(data, dict) else data, sorted(CHANGE_KINDS))
    kind = data["kind"]
    cls = CHANGE_KINDS[kind]
    names = [f.name for f in fields(cls)]
    values = {k: v for k, v in data.items() if k != "kind"}
    unknown = sorted(set(values) - set(names), key=str)
    if unknown:
        raise ModelError("change_unknown_fields", kind=kind, fields=", ".join(map(str, unknown)),
                         allowed=", ".join(names), suggestion=closest(unknown[0], names))
    missing = [f.name for f in fields(cls)
               if f.name not in values and f.default is MISSING and f.default_factory is MISSING]
    if missing:
        raise ModelError("change_missing_fields", kind=kind, fields=", ".join(missing))
    for f in fields(cls):
        value = values.get(f.name, MISSING)
        if value is not MISSING and str(f.type).startswith("float") and not (value is None and "None" in str(f.type)) \
                and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise ModelError("not_a_number", name=f"{kind}.{f.name}", value=value)
    if "segments" in values:
        if not isinstance(values["segments"], (list, tuple)):
            raise ModelError("not_a_list", name=f"{kind}.segments", value=values["segments"])
        values["segments"] = tuple(values["segments"])
    return cls(**values)


@dataclass(frozen=True)
class Scenario:
    """A named list of changes and the parameters the user set (name → value).

    >>> Scenario("baseline").changes
    ()
    """

    name: str
    changes: tuple[Change, ...] = ()
    parameters: tuple[tuple[str, float], ...] = ()
    description: str = ""

    def with_change(self, change: Change) -> Scenario:
        """This scenario with one more change."""
        return replace(self, changes=self.changes + (change,))

    def with_parameter(self, name: str, value: float) -> Scenario:
        """This scenario with parameter ``name`` set by the user (checked by
        :func:`~tpkit.scenario.assumptions.check_parameter`).

        >>> Scenario("x").with_parameter("move_share", 0.5).parameters
        (('move_share', 0.5),)
        """
        number = check_parameter(name, value)
        kept = tuple((k, v) for k, v in self.parameters if k != name)
        return replace(self, parameters=kept + ((name, number),))

    def to_dict(self) -> dict:
        """The scenario as plain data (the format of saved scenario files)."""
        return {"name": self.name, "description": self.description,
                "changes": [change_to_dict(c) for c in self.changes],
                "parameters": dict(self.parameters)}

    @classmethod
    def from_dict(cls, data: dict) -> Scenario:
        """The scenario :meth:`to_dict` wrote; a :class:`~tpkit.errors.ModelError` names what is wrong.

        >>> Scenario.from_dict({"name": "a", "changes": [{"kind": "remove", "touchpoint_id": "bar"}]}).changes
        (RemoveTouchpoint(touchpoint_id='bar', move_share=None),)
        """
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            raise ModelError("scenario_needs_name")
        params = data.get("parameters") or {}
        if not isinstance(params, dict):
            raise ModelError("scenario_parameters", value=params)
        changes = data.get("changes") or []
        if not isinstance(changes, list):
            raise ModelError("not_a_list", name="changes", value=changes)
        scenario = cls(data["name"], tuple(change_from_dict(c) for c in changes),
                       description=str(data.get("description") or ""))
        for name, value in params.items():
            scenario = scenario.with_parameter(name, value)
        return scenario

"""What a project's outcome question is, and so which headline figure it gets.

Every respondent's answer to the outcome question is in ``respondents.recommend``. What that number
means is the project's :class:`OutcomeSpec`, kept in ``project.json`` under ``"outcome"``:

- ``nps``: likelihood to recommend, 0–10. The headline figure is the Net Promoter Score.
- ``scale``: a rating from ``low`` to ``high`` (1–5, 1–7, 1–10: satisfaction, CSAT, effort). The
  headline figure is the mean, shown beside the top-2-box share (the two highest points).
- ``binary``: a yes/no question stored as 1 (positive) and 0 (negative). The headline figure is the
  share positive.

A project without ``"outcome"`` is an NPS project, as every project was before outcomes had kinds.

Example
-------
>>> spec = outcome_from_meta({"kind": "scale", "low": 1, "high": 7, "label": "Zufriedenheit"})
>>> spec.figure, spec.top_box, outcome_meta(spec)["high"]
('mean', (6, 7), 7)
>>> outcome_meta(NPS_OUTCOME) is None
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

#: The kinds of outcome a project can have.
OUTCOME_KINDS = ("nps", "scale", "binary")
#: The headline figure of each kind.
FIGURES = {"nps": "nps", "scale": "mean", "binary": "share_positive"}


@dataclass(frozen=True)
class OutcomeSpec:
    """A project's outcome question: its kind, the range of its answers and its wording.

    ``low``/``high`` are 0/10 for ``nps`` and 0/1 for ``binary``; ``label`` is the question as the
    survey asked it (None: the kind's own name is shown).
    """

    kind: str = "nps"
    low: int = 0
    high: int = 10
    label: str | None = None

    @property
    def figure(self) -> str:
        """The headline figure's name: ``nps``, ``mean`` or ``share_positive``."""
        return FIGURES[self.kind]

    @property
    def box(self) -> int:
        """How many answers at each end count as positive or negative on a scale: 2 (top-2 and bottom-2
        box), 1 on a 3-point scale (whose middle answer is neither)."""
        return 2 if self.high - self.low >= 3 else 1

    @property
    def top_box(self) -> tuple[int, ...]:
        """The highest answers of a scale (the top-2 box; the top answer of a 3-point scale); for NPS the
        promoters' 9 and 10.

        >>> OutcomeSpec("scale", 1, 5).top_box, OutcomeSpec("scale", 1, 3).top_box, NPS_OUTCOME.top_box
        ((4, 5), (3,), (9, 10))
        """
        return tuple(range(self.high - self.box + 1, self.high + 1))


#: The outcome of a project that does not name one: likelihood to recommend, 0–10.
NPS_OUTCOME = OutcomeSpec()


def outcome_classes(scores: np.ndarray, outcome: OutcomeSpec) -> tuple[np.ndarray, np.ndarray]:
    """Which answers are positive and which negative: NPS promoters (9–10) and detractors (0–6); a yes/no's
    1 and 0; a scale's top-2 and bottom-2 box (1–5: 4–5 and 1–2; on a 3-point scale the top and the
    bottom answer). Missing answers are neither.

    >>> [m.tolist() for m in outcome_classes(np.array([1, 2, 3, 4, 5.0]), OutcomeSpec("scale", 1, 5))]
    [[False, False, False, True, True], [True, True, False, False, False]]
    >>> [m.tolist() for m in outcome_classes(np.array([10, 7, 6, np.nan]), NPS_OUTCOME)]
    [[True, False, False, False], [False, False, True, False]]
    """
    scores = np.asarray(scores, dtype=float)
    positive, negative = thresholds(outcome)
    return scores > positive, scores < negative


def thresholds(outcome: OutcomeSpec) -> tuple[float, float]:
    """The points between the classes: answers above the first are positive, below the second negative
    (NPS 8.5 and 6.5; a yes/no 0.5; a scale half a point inside its top and bottom box).

    >>> thresholds(NPS_OUTCOME), thresholds(OutcomeSpec("scale", 1, 5)), thresholds(OutcomeSpec("binary", 0, 1))
    ((8.5, 6.5), (3.5, 2.5), (0.5, 0.5))
    """
    if outcome.kind == "nps":
        return 8.5, 6.5
    if outcome.kind == "binary":
        return 0.5, 0.5
    return outcome.high - outcome.box + 0.5, outcome.low + outcome.box - 0.5


@dataclass(frozen=True)
class RatingScale:
    """The scale of the touchpoint ratings (performance, stated importance, employees' ratings): whole
    points from ``low`` (worst) to ``high`` (best), 1–5 unless ``project.json`` says otherwise.

    >>> RatingScale(1, 7).neutral, RatingScale().span
    (4.0, 4)
    """

    low: int = 1
    high: int = 5

    @property
    def neutral(self) -> float:
        """The midpoint: meeting a touchpoint that performs there moves nobody (the what-if's assumption)."""
        return (self.low + self.high) / 2

    @property
    def span(self) -> int:
        """Points from the worst to the best answer."""
        return self.high - self.low


#: The rating scale of a project that does not name one.
FIVE_POINTS = RatingScale()


def scale_from_meta(data: object) -> RatingScale:
    """The :class:`RatingScale` written in ``project.json`` under ``"rating_scale"`` (None: 1–5);
    ``ValueError`` says what is wrong.

    >>> scale_from_meta({"low": 1, "high": 7}), scale_from_meta(None) == FIVE_POINTS
    (RatingScale(low=1, high=7), True)
    >>> scale_from_meta({"low": 1, "high": 1})
    Traceback (most recent call last):
    ...
    ValueError: "rating_scale": ratings run over whole numbers within 0–10 with at least three points, not 1–1
    """
    if data is None:
        return FIVE_POINTS
    low, high = (data.get("low"), data.get("high")) if isinstance(data, dict) else (None, None)
    whole = all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high))
    if not whole or not 0 <= low < high <= 10 or high - low < 2:
        raise ValueError(f'"rating_scale": ratings run over whole numbers within 0–10 with at least three points, '
                         f'not {_shown(low)}–{_shown(high)}')
    return RatingScale(low, high)


def scale_meta(scale: RatingScale) -> dict[str, int] | None:
    """What ``project.json`` keeps of ``scale`` (None for 1–5)."""
    return None if scale == FIVE_POINTS else {"low": scale.low, "high": scale.high}


def loyalty_from_meta(data: object, default: tuple[str, ...]) -> tuple[str, ...]:
    """The project's own loyalty words in their order, written in ``project.json`` under ``"loyalty"``
    (None: ``default``, tpkit's ``new``, ``repeat``, ``loyal``, ``lapsed``); ``ValueError`` says what is wrong.

    >>> loyalty_from_meta(["Loyal Customer", "disloyal Customer"], ("new",))
    ('Loyal Customer', 'disloyal Customer')
    >>> loyalty_from_meta(["a", "a"], ("new",))
    Traceback (most recent call last):
    ...
    ValueError: "loyalty": a list of at least two different words, not ["a", "a"]
    """
    if data is None:
        return default
    words = [w.strip() for w in data] if isinstance(data, list) and all(isinstance(w, str) for w in data) else []
    if len(words) < 2 or len({w.lower() for w in words}) < len(words) or not all(words):
        raise ValueError(f'"loyalty": a list of at least two different words, not {_shown(data)}')
    return tuple(words)


def outcome_from_meta(data: object) -> OutcomeSpec:
    """The :class:`OutcomeSpec` written in ``project.json`` (None or missing: NPS); ``ValueError`` says
    what is wrong in words that fit after "project.json cannot be read: ".

    >>> outcome_from_meta({"kind": "binary"}).high
    1
    >>> outcome_from_meta({"kind": "scale", "low": 1, "high": 12})
    Traceback (most recent call last):
    ...
    ValueError: "outcome": a scale runs over whole numbers within 0–10 and has at least three answers, not 1–12
    """
    if data is None:
        return NPS_OUTCOME
    if not isinstance(data, dict):
        raise ValueError(f'"outcome": {_shown(data)} is not an object such as {{"kind": "scale", "low": 1, "high": 5}}')
    kind = data.get("kind")
    if kind not in OUTCOME_KINDS:
        raise ValueError(f'"outcome": kind {_shown(kind)} is not one of {", ".join(OUTCOME_KINDS)}')
    label = data.get("label")
    if label is not None and not (isinstance(label, str) and label.strip()):
        raise ValueError(f'"outcome": label {_shown(label)} is not a text')
    label = label.strip() if label else None
    if kind == "nps":
        return OutcomeSpec("nps", 0, 10, label)
    if kind == "binary":
        return OutcomeSpec("binary", 0, 1, label)
    low, high = data.get("low"), data.get("high")
    whole = all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high))
    if not whole or not 0 <= low < high <= 10 or high - low < 2:
        raise ValueError(f'"outcome": a scale runs over whole numbers within 0–10 and has at least three answers, '
                         f'not {_shown(low)}–{_shown(high)}')
    return OutcomeSpec("scale", low, high, label)


def outcome_meta(spec: OutcomeSpec) -> dict[str, object] | None:
    """What ``project.json`` keeps of ``spec`` under ``"outcome"`` (None for a plain NPS project)."""
    if spec == NPS_OUTCOME:
        return None
    meta: dict[str, object] = {"kind": spec.kind}
    if spec.kind == "scale":
        meta |= {"low": spec.low, "high": spec.high}
    if spec.label:
        meta["label"] = spec.label
    return meta


def _shown(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)[:60]

"""The what-if model's constants and assumptions: every parameter a scenario can set, its default,
unit and allowed range, and the check of a value a user gives.

Example
-------
>>> ASSUMPTIONS["move_share"]
(0.8, 'share')
>>> check_parameter("customers:business", 6000)
6000.0
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ModelError, closest
from ..network import DEFAULT_RATES
from ..schema import ALL_SEGMENTS

if TYPE_CHECKING:
    from .changes import Scenario

#: The label of the KPI rows for all segments together (the same as everywhere in tpkit).
TOTAL = ALL_SEGMENTS
SCORES = np.arange(11, dtype=float)

#: The what-if metric that is each outcome's headline figure (a yes/no's share positive, a scale's mean).
HEADLINE_METRICS = {"nps": "nps", "binary": "promoter_share", "scale": "recommend"}


def headline_metric(outcome) -> str:
    """The metric of :data:`METRICS` that is the headline figure of ``outcome`` (a :class:`tpkit.outcome.OutcomeSpec`).

    >>> from tpkit.outcome import OutcomeSpec
    >>> headline_metric(OutcomeSpec("binary", 0, 1))
    'promoter_share'
    """
    return HEADLINE_METRICS[outcome.kind]


#: Model assumptions: name → (default, unit). Network rates are added from :mod:`tpkit.network`.
ASSUMPTIONS: dict[str, tuple[float, str]] = {
    "horizon_months": (12, "months"),
    "move_share": (0.8, "share"),
    "retention_promoter": (0.90, "per_year"),
    "retention_passive": (0.75, "per_year"),
    "retention_detractor": (0.50, "per_year"),
    "budget_elasticity": (0.5, "points"),
    "market_multiple": (10.0, "factor"),
    "fit_elasticity": (1.0, "factor"),
    "variable_cost_share": (0.6, "share"),
    "default_customers_per_respondent": (10.0, "factor"),
    "fitted_model": (1.0, "switch"),
    "pooling_sd": (0.5, "logit"),
    # relative change of a network's promoter conversion per performance point at the segment's loyalty and
    # brand touchpoints (reach-weighted): measures there move the word of mouth, not only the answers
    "network_lift": (0.1, "factor"),
    **{f"{net}.{rate}": (value, "per_year" if "contacts" in rate else "share")
       for net, rates in DEFAULT_RATES.items() for rate, value in rates.items()},
}

#: Allowed values per unit of an assumption, ``(low, high)``; None is open.
UNIT_RANGES: dict[str, tuple[float | None, float | None]] = {
    "share": (0.0, 1.0), "per_year": (0.0, None), "months": (0.0, None), "factor": (0.0, None),
    "points": (None, None), "switch": (0.0, 1.0), "logit": (0.05, None),
}

#: Per segment parameters, set as ``<name>:<segment_id>``, with their allowed range (as in segments.csv).
SEGMENT_PARAMETERS: dict[str, tuple[float | None, float | None]] = {
    "customers": (0.0, None), "revenue_per_customer": (0.0, None), "margin": (-1.0, 1.0),
}

#: The figures that are shares (0–1): shown in percent, their changes in percentage points (the what-if
#: metrics, and ``share_positive``, the headline figure of a yes/no outcome as :mod:`tpkit.tracking` names it).
SHARE_METRICS = ("promoter_share", "detractor_share", "share_positive")

#: The metrics that are money (in the project's currency).
MONEY_METRICS = ("touchpoint_cost", "measure_cost", "contribution")

#: The metrics that are counts or money: the figure for all segments is their sum (a chart shows it apart).
COUNTED_METRICS = ("customers", "kept", "won", "lost", "referrals", "lost_word_of_mouth", "fans", "touchpoint_cost",
                   "measure_cost", "contribution")

METRICS: tuple[str, ...] = (
    "experience_index", "recommend", "promoter_share", "detractor_share", "nps", "customers",
    "kept", "won", "lost", "referrals", "lost_word_of_mouth", "fans", "touchpoint_cost",
    "measure_cost", "contribution",
)


def check_range(name: str, value: float, *, low: float | None = None, high: float | None = None) -> None:
    """Raise a :class:`~tpkit.errors.ModelError` unless ``low ≤ value ≤ high`` (None: no bound).

    Parameters
    ----------
    name : what the value is, as the user wrote it (``"reach"``, ``"budget"``).
    value : the number to check; NaN is never in range.
    low, high : the bounds, both included.

    Returns
    -------
    None; the error says what was given, what is allowed and what to do.

    >>> check_range("reach", 0.5, low=0, high=1)
    >>> check_range("reach", 2, low=0, high=1)
    Traceback (most recent call last):
    ...
    tpkit.errors.ModelError: reach must lie between 0 and 1, not 2; enter a value in that range.
    """
    if (low is None or value >= low) and (high is None or value <= high) and not math.isnan(value):
        return
    if high is None:
        raise ModelError("below_minimum", name=name, value=value, low=low)
    raise ModelError("out_of_range", name=name, value=value, low="−∞" if low is None else low, high=high)


def check_parameter(name: str, value: object) -> float:
    """``value`` as a number if ``name`` is a model parameter and the value is allowed for it.

    Parameters
    ----------
    name : an :data:`ASSUMPTIONS` name or ``<segment parameter>:<segment_id>``.
    value : the value the user set.

    Returns
    -------
    The value as a float; a :class:`~tpkit.errors.ModelError` for an unknown name (with a
    did-you-mean), a value that is not a number or one out of the parameter's range.

    >>> check_parameter("horizon_months", 24)
    24.0
    >>> check_parameter("move_shar", 0.5)
    Traceback (most recent call last):
    ...
    tpkit.errors.ModelError: The model has no parameter 'move_shar'; tpkit.scenario.parameters(project) lists every one (e.g. horizon_months, move_share, customers:<segment>). Did you mean 'move_share'?
    """
    head, _, tail = name.partition(":")
    if name in ASSUMPTIONS:
        low, high = (0.0, 1.0) if name.startswith("retention_") else UNIT_RANGES[ASSUMPTIONS[name][1]]
    elif head in SEGMENT_PARAMETERS and tail:
        low, high = SEGMENT_PARAMETERS[head]
    else:
        raise ModelError("unknown_parameter", name=name,
                         suggestion=closest(name, [*ASSUMPTIONS, *(f"{p}:{tail}" for p in SEGMENT_PARAMETERS)]))
    if isinstance(value, bool):
        raise ModelError("not_a_number", name=name, value=value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ModelError("not_a_number", name=name, value=value) from None
    check_range(name, number, low=low, high=high)
    return number


def parameter_values(scenario: Scenario) -> dict[str, float]:
    """The model's assumptions with the scenario's own settings applied (name → value).

    Parameters
    ----------
    scenario : the scenario whose ``parameters`` override the defaults.

    Returns
    -------
    Every :data:`ASSUMPTIONS` name with its value, plus the scenario's per segment parameters.

    >>> from tpkit.scenario import Scenario
    >>> parameter_values(Scenario("x").with_parameter("horizon_months", 24))["horizon_months"]
    24.0
    """
    values = {k: v for k, (v, _) in ASSUMPTIONS.items()}
    values.update(dict(scenario.parameters))
    return values

"""The what-if model: a scenario is the baseline plus a list of changes.

Since version 2 the recommendation (or whatever the outcome is) of a scenario comes from a fitted
outcome model (:mod:`~tpkit.scenario.fitted`: ordinal or logistic, per segment with partial pooling,
g-computation, and an interval from the coefficients' uncertainty on every change: ``delta_low``,
``delta_high``, ``clear``); the optimiser simulates with it too. The parameter ``fitted_model = 0`` gives
version 1, described below, whose calibrated coefficients still weigh the experience index.

The baseline is calibrated once per project from the evaluation: per segment ``s`` and
touchpoint ``t`` the reach ``r`` (share of the segment's respondents who rated ``t``), the mean
performance ``p`` and the coefficient ``b`` of performance on the likelihood to recommend,
scaled so that the driver shares equal the key driver analysis
(``b = w / ρ · sd(recommend) / sd(performance)`` with ``w`` the key driver weight and ``ρ`` the
correlation of performance and recommendation). A scenario only redoes arithmetic:

* the expected recommendation of segment ``s`` moves by ``Σ_t b · Δ(r · (p − m))`` (m the rating scale's midpoint): meeting a
  touchpoint that performs at the scale's midpoint moves nobody. When a touchpoint closes, part of
  its users (``move_share``) are served by the phase's other direct touchpoints at their
  performance and the rest drop the contact; where no direct touchpoint is left in the phase, the
  phase is a gap and every user gets the scale's worst experience (1). The observed distribution
  of scores shifts by the expected change, giving new promoter and detractor shares and NPS;
* customers are followed month by month over the horizon: retention by recommendation class,
  referrals and lost prospects through the segment's network (:mod:`tpkit.network`), paid
  acquisition in proportion to the reach of pre-purchase touchpoints;
* a segment that grows pushes away segments that dislike meeting it (``segment_fit``) at the
  touchpoints they share.

Every parameter is listed by :func:`parameters` with its value and its source (``data``,
``assumption`` or ``user``).

The parts: :mod:`~tpkit.scenario.changes` (the kinds of change, their registry and
:class:`Scenario`), :mod:`~tpkit.scenario.assumptions` (parameters, their defaults and ranges),
:mod:`~tpkit.scenario.calibration` (the baseline), :mod:`~tpkit.scenario.appliers` (one applier per
kind of change), :mod:`~tpkit.scenario.outcomes` (customers, networks, fit, cost) and
:mod:`~tpkit.scenario.simulate` (:func:`simulate`, :func:`compare`). A new kind of change is one
dataclass registered with :func:`~tpkit.scenario.changes.change_kind`, one applier registered with
:func:`~tpkit.scenario.appliers.applier` and its word in :mod:`tpkit.i18n`.

Example
-------
>>> from tpkit.datasets import load_sample
>>> hotel = load_sample("hotel")
>>> result = simulate(hotel, Scenario("no turndown", (RemoveTouchpoint("turndown"),)))
>>> int(result.value("touchpoint_cost", column="delta"))   # the total, segment_id == TOTAL
-85000
"""

from .appliers import APPLIERS, MOVABLE_KINDS, State, applier, apply_changes
from .assumptions import (ASSUMPTIONS, HEADLINE_METRICS, METRICS, SCORES, SEGMENT_PARAMETERS, TOTAL, check_parameter,
                          check_range, headline_metric, parameter_values)
from .calibration import Baseline, baseline, calibration, parameters
from .changes import (CHANGE_KINDS, AddTouchpoint, ApplyMeasure, Change, ChangeBudget, ChangePerformance,
                      RemoveTouchpoint, Scenario, ShiftMix, change_from_dict, change_kind, change_to_dict)
from .fitted import (FittedModel, contact_severity, cross_validated_calibration, fitted_model, model_fit, predicted_eta,
                     project_shares)
from .outcomes import GAP_STATUS, class_shares
from .simulate import Simulation, compare, network_effect, simulate

#: The change classes by their name in saved files (the registry, under its earlier name).
CHANGE_TYPES = CHANGE_KINDS

__all__ = [
    "APPLIERS", "ASSUMPTIONS", "CHANGE_KINDS", "CHANGE_TYPES", "SCORES", "GAP_STATUS", "METRICS", "MOVABLE_KINDS",
    "SEGMENT_PARAMETERS", "TOTAL", "HEADLINE_METRICS", "headline_metric",
    "AddTouchpoint", "ApplyMeasure", "Baseline", "Change", "ChangeBudget", "ChangePerformance", "RemoveTouchpoint",
    "Scenario", "ShiftMix", "Simulation", "State", "FittedModel", "contact_severity", "cross_validated_calibration", "fitted_model", "model_fit",
    "predicted_eta", "project_shares",
    "applier", "apply_changes", "baseline", "calibration", "change_from_dict", "change_kind", "change_to_dict",
    "check_parameter", "check_range", "class_shares", "compare", "network_effect", "parameter_values", "parameters",
    "simulate",
]

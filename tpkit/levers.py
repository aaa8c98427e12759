"""Questions 6 to 9 of the method, each from its own evidence: where do we win more desired customers,
lose fewer, develop fans, generate referrals — and how.

- **win** (:func:`win_more`): the pre-purchase touchpoints the *new* desired customers met, and how many
  of them met one without a good experience (the room to win more); with the new customers reached per
  1,000 contacts (the touchpoint's conversion).
- **keep** (:func:`lose_fewer`): the desired detractors' negative incidents — which touchpoint hurt how
  many of them.
- **fans** (:func:`develop_fans`): the desired promoters' positive incidents — the moments that delight.
- **referrals** (:func:`generate_referrals`): the loyalty and recommendation touchpoints the promoters
  meet, and the referrals a year they carry into their segment's network (:mod:`tpkit.network`).

Each answer names the measures at its touchpoints (``measures.csv``) and what the fitted what-if model
expects of them for that lever (:func:`measure_effects`): customers won, losses avoided, fans, referrals.

Example
-------
>>> from tpkit.datasets import load_sample
>>> keep = lose_fewer(load_sample("hotel"))
>>> list(keep.columns[:4])
['touchpoint_id', 'phase', 'n', 'detractors_hurt']
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .codes import answer_weights, group_moments, rating_codes
from .errors import check_choice
from .evaluation import incidents_recorded
from .io import Project
from .network import default_rates, network_checklist, referrals_per_year
from .outcome import outcome_classes
from .scenario import TOTAL, ApplyMeasure, Scenario, simulate
from .stats import MIN_N, wilson_interval
from .strategy import focus_segments, segment_touchpoints

#: The four levers of questions 6 to 9, in the method's order.
LEVERS = ("win", "keep", "fans", "referrals")
#: Each lever's own figure, by which its touchpoints are ranked (the share of the base, or referrals a year).
LEVER_FIGURE = {"win": "new_not_good", "keep": "detractors_hurt", "fans": "promoters_delighted",
                "referrals": "referrals"}
#: The name each lever gives the share of its base (:func:`_share_table`'s ``share``).
_SHARE_NAME = {"win": "new_not_good", "keep": "detractors_hurt", "fans": "promoters_delighted",
               "referrals": "promoters_reached"}
#: The what-if metric each lever's measures are judged by (``keep``: fewer customers lost).
LEVER_METRIC = {"win": "won", "keep": "lost", "fans": "fans", "referrals": "referrals"}

_EFFECTS: "weakref.WeakKeyDictionary[Project, dict]" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class _Base:
    """The respondents a lever looks at: a mask over ``project.respondents`` and their weights."""

    segments: list[str]
    mask: np.ndarray
    weight: np.ndarray

    def alone(self, project: Project, segment: str) -> "_Base":
        """The base within one of its segments."""
        return _Base([segment], self.mask & (project.respondents["segment_id"] == segment).to_numpy(bool), self.weight)

    def met(self, project: Project, phase: str | None = None) -> list[str]:
        """The touchpoints (of ``phase``) the segments meet (``touchpoints.segments``), in the project's order."""
        theirs = set().union(*(segment_touchpoints(project).get(s, set()) for s in self.segments))
        tps = project.touchpoints
        return [t for t, p in zip(tps["touchpoint_id"], tps["phase"]) if t in theirs and phase in (None, p)]


def _base(project: Project, segment: str | None) -> _Base:
    segments = focus_segments(project, None if segment is None else [segment])
    resp = project.respondents
    weights = answer_weights(resp)
    weight = np.ones(len(resp)) if weights is None else np.nan_to_num(weights)
    return _Base(segments, resp["segment_id"].isin(segments).to_numpy(bool), weight)


def _share_table(project: Project, base: _Base, who: np.ndarray, counted: np.ndarray,
                 touchpoints: list[str], *, min_n: int, confidence: float) -> pd.DataFrame:
    """Per touchpoint: of the base respondents ``who``, the (weighted) share with a rating row ``counted`` there
    (Wilson at Kish's effective n), and of those of them who met it, the share ``counted`` (``among_met``)."""
    codes = rating_codes(project)
    ids = project.touchpoints["touchpoint_id"].tolist()
    people = base.mask & who
    w = base.weight
    total, squares = float(w[people].sum()), float((w[people] ** 2).sum())
    n_eff = total**2 / squares if squares > 0 else 0.0
    rows = (codes.respondent >= 0) & people[np.maximum(codes.respondent, 0)]
    rw = w[np.maximum(codes.respondent, 0)]

    def per_touchpoint(mask: np.ndarray, power: int = 1) -> np.ndarray:
        return np.bincount(codes.touchpoint[mask], weights=rw[mask] ** power, minlength=len(ids))[: len(ids)]

    hit = per_touchpoint(rows & counted)           # every rating row of a base respondent is a touchpoint met
    met, met_sq = per_touchpoint(rows), per_touchpoint(rows, 2)
    met_hit = hit
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, hit / total, np.nan)
        per_contact = np.where(met > 0, met_hit / met, np.nan)
        met_eff = np.where(met_sq > 0, met**2 / met_sq, 0.0)
    low, high = wilson_interval(share * n_eff, np.full(len(ids), n_eff), confidence=confidence)
    c_low, c_high = wilson_interval(per_contact * met_eff, met_eff, confidence=confidence)
    low, c_low = np.minimum(low, share), np.minimum(c_low, per_contact)     # not a rounding error above 0
    met_n = per_touchpoint(rows, 0).astype(int)
    out = pd.DataFrame({"touchpoint_id": ids, "phase": project.touchpoints["phase"].tolist(),
                        "n": int(people.sum()), "share": share, "share_low": low, "share_high": high,
                        "n_met": met_n, "among_met": per_contact, "among_met_low": c_low,
                        "among_met_high": c_high})
    out["small"] = out["n"] < min_n
    out["small_contact"] = out["n_met"] < min_n
    return out.set_index("touchpoint_id").loc[touchpoints].reset_index()


def _finish(project: Project, table: pd.DataFrame, lever: str, base: _Base, by: str = "share") -> pd.DataFrame:
    """Its share named for the lever, ranked by ``by`` (small groups unranked, at the end), with the measures
    that act on each touchpoint."""
    name = _SHARE_NAME[lever]
    table = table.rename(columns={"share": name, "share_low": f"{name}_low", "share_high": f"{name}_high"})
    by = name if by == "share" else by
    effects = measure_effects(project, segments=base.segments)
    effects = effects[effects["lever"] == lever].drop(columns="lever")
    table = table.merge(effects, on="touchpoint_id", how="left")
    table["measures"] = table["measures"].fillna("")
    table["rank"] = table[by].where(~table["small"]).rank(ascending=False, method="min").astype("Int64")
    table = table.sort_values(["small", by], ascending=[True, False], kind="stable", na_position="last")
    return table.reset_index(drop=True)


def win_more(project: Project, *, segment: str | None = None, min_n: int = MIN_N,
             confidence: float = 0.95) -> pd.DataFrame:
    """Question 6: at which pre-purchase touchpoints can we win more desired customers?

    Parameters
    ----------
    segment : one segment's id, or None for the desired segments (:func:`tpkit.strategy.focus_segments`).
    min_n : a base of fewer new customers is flagged ``small`` and not ranked.

    Returns
    -------
    One row per pre-purchase touchpoint the segments meet (``touchpoints.segments``): ``touchpoint_id``, ``phase``, ``n`` (new customers asked),
    ``new_not_good`` (of them, those who met the touchpoint without a good experience: rated below the
    scale's top two points) with ``new_not_good_low``/``…_high``, ``n_met``, ``among_met`` (of those who met
    it, the share without a good experience) with its interval, ``new_reach`` (share of the new customers who met it),
    ``performance`` (their mean rating), ``per_1000_contacts`` (new desired customers a year reached per
    1,000 contacts), ``base`` (``new``, or ``all`` when the survey has no loyalty status), ``small``,
    ``measures``, ``measure_effect`` (customers won by them, with ``…_low``/``…_high``), ``rank``.

    Notes
    -----
    New customers answer with the first loyalty word (``new`` unless the project names its own).
    ``per_1000_contacts = 1000 · Σ_s customers_s · new_s · reach_st / annual_contacts_t``: it takes a year's
    new customers to be the new customers' share of the survey times the segment's customers (an
    assumption; NaN without customer numbers or contacts).

    >>> from tpkit.datasets import load_sample
    >>> win = win_more(load_sample("hotel"))
    >>> set(win["phase"]), bool(win["new_not_good"].between(0, 1).all())
    ({'pre_purchase'}, True)
    """
    base = _base(project, segment)
    resp = project.respondents
    has_loyalty = "loyalty" in resp and resp["loyalty"].notna().any()
    new = (resp["loyalty"] == project.loyalty_levels[0]).fillna(False).to_numpy(bool) if has_loyalty \
        else np.ones(len(resp), dtype=bool)
    codes = rating_codes(project)
    good = codes.performance >= project.rating_scale.high - 1
    pre = base.met(project, "pre_purchase")
    table = _share_table(project, base, new, ~good & ~np.isnan(codes.performance), pre,
                         min_n=min_n, confidence=confidence)
    reached = _share_table(project, base, new, np.ones(len(good), dtype=bool), pre,
                           min_n=min_n, confidence=confidence)
    table["new_reach"] = reached["share"].to_numpy()
    table["performance"] = _mean_performance(project, base.mask & new, pre)
    # a year's new customers are known only from the new customers' share: without loyalty status, none
    table["per_1000_contacts"] = _new_per_contacts(project, base, new, pre) if has_loyalty else np.nan
    table["base"] = "new" if has_loyalty else "all"
    return _finish(project, table.drop(columns=["small_contact"]), "win", base)


def lose_fewer(project: Project, *, segment: str | None = None, min_n: int = MIN_N,
               confidence: float = 0.95) -> pd.DataFrame:
    """Question 7: at which touchpoints can we lose fewer desired customers? From the detractors' negative
    incidents (without incidents in the survey: their ratings in the scale's bottom two points).

    Returns
    -------
    One row per touchpoint the segments meet: ``touchpoint_id``, ``phase``, ``n`` (desired detractors), ``detractors_hurt`` (of
    them, those with a negative incident at the touchpoint) and its interval, ``n_met``, ``among_met`` (of
    the detractors who met it, the share with a negative incident) and its interval, ``evidence``
    (``incident`` or ``rating``), ``small``, ``small_contact``, ``measures``, ``measure_effect`` (customers
    not lost thanks to them) with its interval, ``rank``.

    >>> from tpkit.datasets import load_sample
    >>> keep = lose_fewer(load_sample("hotel"), segment="business")
    >>> bool((keep["detractors_hurt"] <= keep["among_met"] + 1e-12).all())    # of all detractors ≤ of those who met it
    True
    """
    return _incident_lever(project, "keep", segment, min_n, confidence)


def develop_fans(project: Project, *, segment: str | None = None, min_n: int = MIN_N,
                 confidence: float = 0.95) -> pd.DataFrame:
    """Question 8: at which touchpoints can fan potential be developed? From the promoters' positive incidents
    (without incidents in the survey: their ratings at the scale's top). Columns as :func:`lose_fewer`, for
    the desired promoters, the share named ``promoters_delighted``; ``measure_effect`` is fans made.

    >>> from tpkit.datasets import load_sample
    >>> fans = develop_fans(load_sample("hotel"))
    >>> int(fans["rank"].iloc[0])
    1
    """
    return _incident_lever(project, "fans", segment, min_n, confidence)


def _incident_lever(project: Project, lever: str, segment: str | None, min_n: int, confidence: float) -> pd.DataFrame:
    base = _base(project, segment)
    codes = rating_codes(project)
    promoter, detractor = outcome_classes(project.respondents["recommend"].to_numpy(dtype=float, na_value=np.nan),
                                          project.outcome)
    scale = project.rating_scale
    recorded = incidents_recorded(project)
    if lever == "keep":
        who, counted = detractor, codes.negative if recorded else codes.performance <= scale.low + 1
    else:
        who, counted = promoter, codes.positive if recorded else codes.performance >= scale.high
    table = _share_table(project, base, who, counted, base.met(project),
                         min_n=min_n, confidence=confidence)
    table["evidence"] = "incident" if recorded else "rating"
    return _finish(project, table, lever, base)


def generate_referrals(project: Project, *, segment: str | None = None, min_n: int = MIN_N,
                       confidence: float = 0.95) -> pd.DataFrame:
    """Question 9: at which touchpoints can referrals be generated? The loyalty and recommendation touchpoints
    the desired promoters meet, and what their networks carry.

    Returns
    -------
    One row per loyalty-phase touchpoint the segments meet: ``touchpoint_id``, ``phase``, ``n`` (desired promoters),
    ``promoters_reached`` (of them, those who met it) and its interval, ``promoters_met`` and ``promoters_other`` (the promoter
    share among the desired respondents who met it and who did not), ``referrals`` (customers a year that
    the promoters it reaches bring through their networks) with ``referrals_low``/``referrals_high``,
    ``small``, ``measures``, ``measure_effect`` (referrals over the horizon) with its interval, ``rank``
    (by referrals where the segments' customers and networks are known, else by ``promoters_reached``).

    Notes
    -----
    ``referrals = Σ_s customers_s · promoter_share_s · share_st · R_s/(1 − R_s)``, ``share_st`` the
    segment's promoters reached, ``R_s`` the promoter's reproduction number of the segment's network
    (:func:`tpkit.network.referrals_per_year`, default rates); its interval takes each segment's Wilson
    bounds of ``share_st`` (the promoter share and the
    network rates are held fixed). A segment without customers or network adds nothing (NaN when none has them).

    >>> from tpkit.datasets import load_sample
    >>> ref = generate_referrals(load_sample("hotel"))
    >>> set(ref["phase"]), bool((ref["referrals_low"] <= ref["referrals"]).all())
    ({'loyalty'}, True)
    """
    base = _base(project, segment)
    promoter, _ = outcome_classes(project.respondents["recommend"].to_numpy(dtype=float, na_value=np.nan),
                                  project.outcome)
    loyalty = base.met(project, "loyalty")
    everyone = np.ones(len(rating_codes(project).touchpoint), dtype=bool)
    table = _share_table(project, base, promoter, everyone, loyalty, min_n=min_n, confidence=confidence)
    table = table.drop(columns=["n_met", "among_met", "among_met_low", "among_met_high", "small_contact"])
    table["promoters_met"], table["promoters_other"] = _promoters_by_contact(project, base, promoter, loyalty)
    referrals = np.zeros((3, len(table)))
    known = False
    rates = default_rates()
    networks = network_checklist(project.segments).set_index("segment_id")["network"]   # the checklist first
    customers = _customers(project)
    for s in base.segments:
        network = networks.get(s)
        if pd.isna(customers.get(s)) or pd.isna(network) or network not in rates.index:
            continue
        one = base.alone(project, s)
        part = _share_table(project, one, promoter, everyone, loyalty, min_n=min_n, confidence=confidence)
        pro = _weighted_share(promoter, one)
        per = float(referrals_per_year(rates.loc[network, "promoter_contacts"], rates.loc[network, "promoter_conversion"]))
        for k, column in enumerate(("share", "share_low", "share_high")):
            referrals[k] += np.nan_to_num(float(customers[s]) * pro * part[column].to_numpy() * per)
        known = True
    for k, column in enumerate(("referrals", "referrals_low", "referrals_high")):
        table[column] = referrals[k] if known else np.nan
    return _finish(project, table, "referrals", base, by="referrals" if known else "share")


def _customers(project: Project) -> pd.Series:
    """Each segment's customers from ``segments.csv`` (NA where not given), by segment id."""
    seg = project.segments
    values = seg["customers"] if "customers" in seg.columns else pd.Series(pd.NA, index=seg.index)
    return pd.Series(values.to_numpy(), index=seg["segment_id"].to_numpy(), dtype=object)


def _weighted_share(mask: np.ndarray, base: _Base) -> float:
    w = base.weight[base.mask]
    return float((w * mask[base.mask]).sum() / w.sum()) if w.sum() > 0 else float("nan")


def _promoters_by_contact(project: Project, base: _Base, promoter: np.ndarray, touchpoints: list[str]
                          ) -> tuple[np.ndarray, np.ndarray]:
    """Per touchpoint, the (weighted) promoter share among the base respondents who met it and who did not."""
    codes = rating_codes(project)
    index = {t: i for i, t in enumerate(project.touchpoints["touchpoint_id"])}
    met, other = [], []
    w = base.weight
    for t in touchpoints:
        met_t = np.zeros(len(w), dtype=bool)
        met_t[codes.respondent[(codes.touchpoint == index[t]) & (codes.respondent >= 0)]] = True
        for target, mask in ((met, base.mask & met_t), (other, base.mask & ~met_t)):
            target.append(float((w[mask] * promoter[mask]).sum() / w[mask].sum()) if w[mask].sum() > 0 else np.nan)
    return np.array(met), np.array(other)


def _mean_performance(project: Project, people: np.ndarray, touchpoints: list[str]) -> np.ndarray:
    """The (weighted) mean rating of ``touchpoints`` by the respondents ``people``."""
    codes = rating_codes(project)
    theirs = (codes.respondent >= 0) & people[np.maximum(codes.respondent, 0)]
    _, mean, _ = group_moments(np.where(theirs, codes.touchpoint, -1), codes.performance, len(project.touchpoints),
                               codes.weight)
    index = {t: i for i, t in enumerate(project.touchpoints["touchpoint_id"])}
    return mean[[index[t] for t in touchpoints]]


def _new_per_contacts(project: Project, base: _Base, new: np.ndarray, touchpoints: list[str]) -> np.ndarray:
    """New desired customers a year reached per 1,000 contacts (see :func:`win_more`)."""
    reached = np.zeros(len(touchpoints))
    known = False
    everyone = np.ones(len(rating_codes(project).touchpoint), dtype=bool)
    customers = _customers(project)
    for s in base.segments:
        if pd.isna(customers.get(s)):
            continue
        one = base.alone(project, s)
        part = _share_table(project, one, new, everyone, touchpoints, min_n=0, confidence=0.95)
        reached += np.nan_to_num(float(customers[s]) * _weighted_share(new, one) * part["share"].to_numpy())
        known = True
    contacts = project.touchpoints.set_index("touchpoint_id").loc[touchpoints, "annual_contacts"]
    contacts = contacts.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(known & (contacts > 0), 1000 * reached / contacts, np.nan)


def measure_effects(project: Project, *, segments: list[str] | None = None) -> pd.DataFrame:
    """What the measures at each touchpoint do for each lever, from the fitted what-if model.

    Parameters
    ----------
    segments : the segments whose change counts; None: the desired segments.

    Returns
    -------
    One row per lever and touchpoint with measures: ``lever``, ``touchpoint_id``, ``measures`` (their ids,
    comma-separated), ``measure_effect``, ``measure_effect_low``, ``measure_effect_high`` — customers won
    (``win``), customers not lost (``keep``), fans (``fans``) and referrals (``referrals``) over the horizon,
    summed over ``segments`` (the interval sums the segments' bounds: wider than the joint one).

    >>> from tpkit.datasets import load_sample
    >>> effects = measure_effects(load_sample("hotel"))
    >>> sorted(effects["lever"].unique())
    ['fans', 'keep', 'referrals', 'win']
    """
    segments = focus_segments(project, segments)
    key = tuple(segments)
    cached = _EFFECTS.setdefault(project, {})
    if key not in cached:
        rows = []
        measures = project.measures.dropna(subset=["touchpoint_id"])
        for touchpoint, group in measures.groupby("touchpoint_id", sort=True):
            ids = sorted(group["measure_id"].tolist())
            result = simulate(project, Scenario("measures", tuple(ApplyMeasure(m) for m in ids)))
            kpis = result.kpis[result.kpis["segment_id"].isin(segments) & (result.kpis["segment_id"] != TOTAL)]
            sums = kpis.groupby("metric")[["delta", "delta_low", "delta_high"]].sum(min_count=1)   # NaN stays NaN
            for lever, metric in LEVER_METRIC.items():
                sign = -1.0 if lever == "keep" else 1.0
                values = sign * sums.loc[metric].to_numpy() if metric in sums.index else np.full(3, np.nan)
                low, high = sorted(values[1:])
                rows.append({"lever": lever, "touchpoint_id": touchpoint, "measures": ", ".join(ids),
                             "measure_effect": values[0], "measure_effect_low": low, "measure_effect_high": high})
        cached[key] = pd.DataFrame(rows, columns=["lever", "touchpoint_id", "measures", "measure_effect",
                                                  "measure_effect_low", "measure_effect_high"])
    return cached[key].copy()


def lever_table(project: Project, lever: str, *, segment: str | None = None, min_n: int = MIN_N,
                confidence: float = 0.95) -> pd.DataFrame:
    """The table of one lever (``win``, ``keep``, ``fans``, ``referrals``): :func:`win_more`, :func:`lose_fewer`,
    :func:`develop_fans` or :func:`generate_referrals`.

    >>> from tpkit.datasets import load_sample
    >>> lever_table(load_sample("hotel"), "fans").equals(develop_fans(load_sample("hotel")))
    True
    """
    check_choice("lever", lever, LEVERS)
    function = {"win": win_more, "keep": lose_fewer, "fans": develop_fans, "referrals": generate_referrals}[lever]
    return function(project, segment=segment, min_n=min_n, confidence=confidence)

"""Part 3, the target strategy: desired and exit segments, target-group fit, target service levels,
measures and the votes of customers and employees on them.

Example
-------
>>> from tpkit.datasets import load_sample
>>> hotel = load_sample("hotel")
>>> desired_segments(hotel).set_index("segment_id").loc["bus_tours", "status"]
'exit'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import ModelError, check_choice, check_segment
from .evaluation import headline, ipa
from .inventory import touchpoint_segments
from .io import Project
from .scenario import RemoveTouchpoint, Scenario, contact_severity
from .schema import VOTERS
from .stats import MIN_N, t_critical

STATUSES = ("desired", "review", "exit")
#: Order in which an exit segment's own touchpoints are scaled down: stop winning new customers
#: first, serve the remaining ones well to the end.
EXIT_ORDER = ("pre_purchase", "purchase", "loyalty", "usage")
#: The relational steps of a graceful exit, before anything is scaled down: tell the customers early and
#: recommend them an alternative ("one always meets twice"); a light channel stays open (``keep_light``).
EXIT_MANNERS = ("inform_early", "recommend_alternative")


def desired_segments(project: Project, *, min_n: int = MIN_N) -> pd.DataFrame:
    """Per segment: do we want them, do they fit, do we earn money with them — and the verdict.

    Parameters
    ----------
    min_n : segments with fewer survey answers get ``small=True`` beside their NPS.

    Returns
    -------
    One row per segment: ``segment_id``, ``name`` (and ``name_en``), ``status`` (desired, review,
    exit), ``reasons`` (comma-separated: not_wanted, wanted_unknown, poor_fit, no_margin), ``wanted``,
    ``strategic_fit``, ``customers``, ``revenue_per_customer``, ``margin``, ``profit``, ``network``,
    ``n``, the headline figure of the project's outcome and its interval (``nps``, ``nps_low``,
    ``nps_high``; or ``share_positive…``, ``mean…``: :func:`tpkit.evaluation.headline`), ``small``;
    desired first, then by profit.

    Notes
    -----
    ``status`` is ``exit`` when the segment is not wanted, ``review`` when it is wanted but does not
    fit (strategic_fit < 0) or earns nothing (margin ≤ 0) or ``wanted`` is not filled in, else
    ``desired``. ``profit = customers × revenue_per_customer × margin``.
    """
    seg = project.segments.copy()
    for column in ("customers", "revenue_per_customer", "margin", "wanted", "strategic_fit", "network"):
        if column not in seg:
            seg[column] = pd.NA
    seg["profit"] = (seg["customers"].astype("Float64") * seg["revenue_per_customer"].astype("Float64")
                     * seg["margin"].astype("Float64"))
    figure = project.outcome.figure
    scores = headline(project.respondents, outcome=project.outcome, by="segment_id", min_n=min_n)[
        ["group", "n", "value", "value_low", "value_high", "small"]].rename(
        columns={"group": "segment_id", "value": figure, "value_low": f"{figure}_low", "value_high": f"{figure}_high"})
    seg = seg.merge(scores[["segment_id", "n", figure, f"{figure}_low", f"{figure}_high", "small"]], on="segment_id",
                    how="left")
    statuses, reasons = [], []
    for row in seg.itertuples():
        why = []
        if pd.isna(row.wanted):
            why.append("wanted_unknown")
        elif not row.wanted:
            why.append("not_wanted")
        if pd.notna(row.strategic_fit) and row.strategic_fit < 0:
            why.append("poor_fit")
        if pd.notna(row.margin) and row.margin <= 0:
            why.append("no_margin")
        if "not_wanted" in why:
            statuses.append("exit")
        elif why:
            statuses.append("review")
        else:
            statuses.append("desired")
        reasons.append(",".join(why))
    seg["status"] = statuses
    seg["reasons"] = reasons
    columns = ["segment_id", "name", "status", "reasons", "wanted", "strategic_fit", "customers",
               "revenue_per_customer", "margin", "profit", "network", "n", figure, f"{figure}_low", f"{figure}_high",
               "small"]
    if "name_en" in seg:
        columns.insert(2, "name_en")
    order = {s: i for i, s in enumerate(STATUSES)}
    return seg[columns].sort_values(["status", "profit"], key=lambda s: s.map(order) if s.name == "status" else s,
                                    ascending=[True, False], kind="stable").reset_index(drop=True)


def focus_segments(project: Project, segments: list[str] | None = None) -> list[str]:
    """``segments`` checked one by one, or the desired segments of :func:`desired_segments` (all segments
    when none is desired: a project without the segments' strategic facts, such as an imported survey).

    >>> from tpkit.datasets import load_sample
    >>> focus_segments(load_sample("hotel"))
    ['conference', 'business', 'regulars', 'leisure']
    """
    if segments is None:
        status = desired_segments(project)
        desired = status.loc[status["status"] == "desired", "segment_id"].tolist()
        return desired or project.segments["segment_id"].tolist()
    return [check_segment(project, s) for s in segments]


def segment_touchpoints(project: Project) -> dict[str, set[str]]:
    """The touchpoints each segment meets (from ``touchpoints.segments``).

    >>> from tpkit.datasets import load_sample
    >>> "tour_catalogue" in segment_touchpoints(load_sample("hotel"))["bus_tours"]
    True
    """
    pairs = touchpoint_segments(project)
    return {s: set(g["touchpoint_id"]) for s, g in pairs.groupby("segment_id")}


def exit_plan(project: Project, *, segment: str) -> pd.DataFrame:
    """A graceful exit for one segment: its touchpoints in the order to scale them down, and what each saves.

    Parameters
    ----------
    segment : the exiting segment's id (an unknown id raises ``ModelError``).

    Returns
    -------
    One row per relational step and per touchpoint the segment meets: ``segment_id``, ``step`` (order;
    empty for kept touchpoints), ``touchpoint_id`` (empty for a relational step), ``name``, ``phase``,
    ``owner``, ``action`` (inform_early, recommend_alternative, stop, keep_light, keep_shared),
    ``shared_with`` (``|``-separated segment ids), ``annual_cost``, ``saving``, ``cumulative_saving``.

    Notes
    -----
    The plan begins with the relational steps of :data:`EXIT_MANNERS` (inform early, recommend an
    alternative). Touchpoints only this segment meets are then stopped — acquisition first, the stay last
    (phase order pre-purchase, purchase, loyalty, usage; dearest first within a phase), so the customers
    still coming are served well to the end. Touchpoints shared with other segments are kept (no saving).
    Where the segment's only loyalty contacts are its own, the cheapest of them stays as a light channel
    (``keep_light``: one always meets twice).
    A stopped touchpoint without a known cost has no saving, and the cumulative saving from that step
    on is unknown (NaN) rather than a total that leaves it out.

    >>> from tpkit.datasets import load_sample
    >>> plan = exit_plan(load_sample("hotel"), segment="bus_tours")
    >>> plan["action"].tolist()[:5]
    ['inform_early', 'recommend_alternative', 'stop', 'stop', 'keep_light']
    >>> plan.loc[plan["action"] == "stop", "touchpoint_id"].tolist()     # its forum stays: its only loyalty contact
    ['tour_catalogue', 'group_contract']
    """
    segment_id = check_segment(project, segment)
    meets = segment_touchpoints(project)
    if segment_id not in meets:
        raise ModelError("segment_meets_nothing", segment=segment_id, file="touchpoints.csv")
    tp = project.touchpoints[project.touchpoints["touchpoint_id"].isin(meets[segment_id])].copy()
    others = {t: sorted(s for s, tps in meets.items() if s != segment_id and t in tps) for t in tp["touchpoint_id"]}
    tp["shared_with"] = tp["touchpoint_id"].map(lambda t: "|".join(others[t]))
    tp["exclusive"] = tp["shared_with"] == ""
    loyalty = tp["phase"] == "loyalty"
    if loyalty.any() and tp.loc[loyalty, "exclusive"].all():   # its only loyalty contacts: keep the lightest one
        light = tp.loc[loyalty].sort_values("annual_cost", na_position="last", kind="stable").index[0]
        tp.loc[light, "exclusive"] = False
        tp.loc[light, "light"] = True
    tp["light"] = tp["light"].fillna(False).astype(bool) if "light" in tp else False
    tp["action"] = np.where(tp["exclusive"], "stop", np.where(tp["light"], "keep_light", "keep_shared"))
    tp["saving"] = np.where(tp["exclusive"], tp["annual_cost"].astype(float), 0.0)
    tp["phase_order"] = tp["phase"].map({p: i for i, p in enumerate(EXIT_ORDER)})
    tp = tp.sort_values(["exclusive", "light", "phase_order", "annual_cost"], ascending=[False, False, True, False],
                        kind="stable")
    tp["step"] = np.where(tp["exclusive"], np.cumsum(tp["exclusive"]) + len(EXIT_MANNERS), pd.NA)
    tp["cumulative_saving"] = tp["saving"].cumsum(skipna=False)   # unknown from the first unknown cost on
    manners = pd.DataFrame({"step": np.arange(1, len(EXIT_MANNERS) + 1), "action": list(EXIT_MANNERS),
                            "touchpoint_id": pd.NA, "name": pd.NA, "phase": pd.NA, "owner": pd.NA, "shared_with": "",
                            "annual_cost": np.nan, "saving": 0.0, "cumulative_saving": 0.0})
    tp = pd.concat([manners, tp], ignore_index=True)
    tp.insert(0, "segment_id", segment_id)
    tp["step"] = tp["step"].astype("Int64")
    return tp[["segment_id", "step", "touchpoint_id", "name", "phase", "owner", "action", "shared_with",
               "annual_cost", "saving", "cumulative_saving"]].reset_index(drop=True)


def exit_scenario(project: Project, segment: str) -> Scenario:
    """The graceful exit of ``segment`` as a scenario the planner can simulate and compare: the touchpoints
    only it meets close (its light channel stays, see :func:`exit_plan`); the segment shrinks, and the
    segments it drove away come back (:func:`tpkit.scenario.simulate`'s target-group relief).

    >>> from tpkit.datasets import load_sample
    >>> from tpkit.scenario import simulate
    >>> hotel = load_sample("hotel")
    >>> result = simulate(hotel, exit_scenario(hotel, "bus_tours"))
    >>> bool(result.value("customers", segment="business", column="delta") > 0)
    True
    """
    plan = exit_plan(project, segment=segment)
    stops = plan.loc[plan["action"] == "stop", "touchpoint_id"].tolist()
    return Scenario(f"exit {plan['segment_id'].iloc[0]}", tuple(RemoveTouchpoint(t) for t in stops),
                    description="exit_plan")


def fit_matrix(project: Project) -> pd.DataFrame:
    """Every ordered pair of segments: how ``segment_id`` feels about meeting ``other_segment_id``.

    Returns
    -------
    One row per ordered pair: ``segment_id``, ``other_segment_id``, ``fit`` (−2 repel … +2 attract;
    0 where not given), ``given``, ``shared`` (share of ``segment_id``'s touchpoints the other segment
    also meets).

    >>> from tpkit.datasets import load_sample
    >>> m = fit_matrix(load_sample("hotel")).set_index(["segment_id", "other_segment_id"])
    >>> int(m.loc[("business", "bus_tours"), "fit"]), bool(m.loc[("business", "bus_tours"), "given"])
    (-2, True)
    """
    segments = project.segments["segment_id"].tolist()
    meets = segment_touchpoints(project)
    given = {(a, b): int(f) for a, b, f in zip(project.segment_fit["segment_id"],
                                               project.segment_fit["other_segment_id"], project.segment_fit["fit"])}
    rows = []
    for a in segments:
        for b in segments:
            if a == b:
                continue
            mine = meets.get(a, set())
            shared = len(mine & meets.get(b, set())) / len(mine) if mine else 0.0
            rows.append({"segment_id": a, "other_segment_id": b, "fit": given.get((a, b), 0),
                         "given": (a, b) in given, "shared": shared})
    return pd.DataFrame(rows, columns=["segment_id", "other_segment_id", "fit", "given", "shared"])


def fit_conflicts(project: Project) -> pd.DataFrame:
    """Pairs where a desired segment is repelled (fit < 0) by another segment and they share touchpoints —
    today's clash, also with a segment on its way out (it is still there until its exit is carried out).

    Returns
    -------
    The rows of :func:`fit_matrix` that conflict, with ``other_status`` (the repelling segment's status:
    ``exit`` while its graceful exit is still to come) and ``other_customer_share`` (its share of all
    customers today; NaN where the customers are not known).

    >>> from tpkit.datasets import load_sample
    >>> clash = fit_conflicts(load_sample("hotel")).query("segment_id == 'business'").iloc[0]
    >>> clash["other_segment_id"], clash["other_status"], round(float(clash["shared"]), 2)
    ('bus_tours', 'exit', 0.52)
    """
    status = desired_segments(project).set_index("segment_id")["status"]
    m = fit_matrix(project)
    out = m[(m["fit"] < 0) & (m["shared"] > 0) & (m["segment_id"].map(status) == "desired")].copy()
    out["other_status"] = out["other_segment_id"].map(status)
    segments = project.segments.set_index("segment_id")
    customers = segments["customers"].astype("Float64") if "customers" in segments else pd.Series(dtype="Float64")
    total = float(customers.sum()) if customers.notna().all() and len(customers) else np.nan
    out["other_customer_share"] = [float(customers.get(s, np.nan)) / total if total and total == total else np.nan
                                   for s in out["other_segment_id"]]
    return out.reset_index(drop=True)


def default_target(current: float, *, cls: str | None, threshold: float, best: float = 5.0,
                   step: float = 0.5) -> float:
    """The target performance the part-2 class suggests.

    critical → at least a ``step`` above the performance threshold (and a step above today);
    strength → hold today's level; overkill → may fall to the threshold, by two steps at most (resources
    to free); low priority or unclassed → today's level. Capped at the scale's ``best`` point. The step is
    half a point on a 1–5 scale, an eighth of the span on another.

    >>> default_target(2.8, cls="critical", threshold=3.6), default_target(4.6, cls="overkill", threshold=3.6)
    (4.1, 3.6)
    """
    if cls == "critical":
        target = max(threshold + step, current + step)
    elif cls == "overkill":
        target = min(current, max(threshold, current - 2 * step))
    else:
        target = current
    return min(target, best)   # not rounded: a level held is today's exactly and opens no gap of a few thousandths


def target_levels(project: Project, *, overrides: pd.DataFrame | None = None, min_n: int = MIN_N) -> pd.DataFrame:
    """Target service level per touchpoint × segment: today, the target, the gap, and whether the
    proposed measures close it.

    Parameters
    ----------
    overrides : the user's targets (columns ``segment_id``, ``touchpoint_id``, ``target`` on the rating scale); the
        rest get the default of :func:`default_target` from the part-2 class.
    min_n : passed to the classes (:func:`tpkit.evaluation.ipa`); small pairs are flagged.

    Returns
    -------
    One row per segment and touchpoint it rated: ``segment_id``, ``touchpoint_id``, ``n``, ``small``,
    ``class``, ``severe`` (its failure costs its own users a lot: :func:`tpkit.scenario.contact_severity`; below
    the threshold it gets a critical touchpoint's target), ``current``, ``target``, ``source`` (default,
    user), ``gap``, ``measures``
    (``|``-separated ids), ``measure_uplift``, ``closed_by_measures``.

    Notes
    -----
    ``gap = max(target − current, 0)``; closed when ``measure_uplift ≥ gap`` (the summed positive
    uplift of the touchpoint's measures).

    >>> from tpkit.datasets import load_sample
    >>> levels = target_levels(load_sample("hotel"))
    >>> bool((levels.loc[levels["class"] == "critical", "gap"] > 0).all())
    True
    """
    uplift = project.measures.groupby("touchpoint_id")["uplift"].apply(lambda u: float(u[u > 0].sum()))
    count = project.measures.groupby("touchpoint_id")["measure_id"].apply(lambda m: "|".join(m))
    frames = []
    for segment in project.segments["segment_id"]:
        classes = ipa(project, segment=segment, min_n=min_n)
        classes = classes[classes["n"] > 0]
        frames.append(pd.DataFrame({
            "segment_id": segment, "touchpoint_id": classes["touchpoint_id"], "n": classes["n"],
            "small": classes["small"], "current": classes["performance"], "class": classes["class_derived"],
            "threshold": classes["performance_threshold"],
        }))
    out = pd.concat(frames, ignore_index=True)
    severe = severe_pairs(project)
    out["severe"] = np.array([(s, t) in severe for s, t in zip(out["segment_id"], out["touchpoint_id"])], dtype=bool)
    # a severe failure below the threshold is fixed like a critical touchpoint, however few meet it
    as_class = np.where(out["severe"] & (out["current"] < out["threshold"]), "critical", out["class"].astype(object))
    out["target"] = [default_target(c, cls=k if isinstance(k, str) else None, threshold=th,
                                    best=project.rating_scale.high, step=project.rating_scale.span / 8)
                     for c, k, th in zip(out["current"], as_class, out["threshold"])]
    out["source"] = "default"
    if overrides is not None and not overrides.empty:
        keyed = overrides.set_index(["segment_id", "touchpoint_id"])["target"]
        keys = list(zip(out["segment_id"], out["touchpoint_id"]))
        unknown = set(keyed.index) - set(keys)
        if unknown:
            raise ModelError("unknown_target_pairs", pairs=", ".join(f"{s}/{t}" for s, t in sorted(unknown)))
        hit = np.array([k in keyed.index for k in keys])
        scale = project.rating_scale
        if ((keyed < scale.low) | (keyed > scale.high)).any():
            raise ModelError("target_out_of_range", low=scale.low, high=scale.high)
        out.loc[hit, "target"] = [float(keyed[k]) for k, h in zip(keys, hit) if h]
        out.loc[hit, "source"] = "user"
    out["gap"] = (out["target"] - out["current"]).clip(lower=0)
    measures = out["touchpoint_id"].map(count).astype(object)   # object even when no measure is planned
    out["measures"] = measures.where(measures.notna(), "")
    out["measure_uplift"] = out["touchpoint_id"].map(uplift).fillna(0.0)
    out["closed_by_measures"] = (out["gap"] <= 0) | (out["measure_uplift"] >= out["gap"])
    return out[["segment_id", "touchpoint_id", "n", "small", "class", "severe", "current", "target", "source", "gap",
                "measures", "measure_uplift", "closed_by_measures"]]


def severe_pairs(project: Project) -> set[tuple[str, str]]:
    """The (segment, touchpoint) pairs whose failure is severe for the touchpoint's own users
    (:func:`tpkit.scenario.contact_severity`); none when the outcome model cannot be fitted.

    >>> from tpkit.datasets import load_sample
    >>> ("business", "complaints") in severe_pairs(load_sample("hotel"))
    True
    """
    try:
        severity = contact_severity(project)
    except ModelError:
        return set()
    severe = severity[severity["severe"]]
    return set(zip(severe["segment_id"], severe["touchpoint_id"]))


def measure_ownership(project: Project) -> pd.DataFrame:
    """Who carries out each measure, and whether it is the team that proposed it: employees carry out what they
    designed themselves (the method's "Mein-Baby-Effekt"); a measure handed to another department is flagged.

    Returns
    -------
    One row per measure, by owner: ``owner``, ``measure_id``, ``touchpoint_id``, ``proposed_by``,
    ``proposed_by_type`` (``customer`` or ``employee``; NA where ``measures.csv`` does not say), ``own_idea``
    (the owner proposed it), ``handed_over`` (another department proposed it), ``customer_idea``, ``commitment``
    (the owning team's commitment from ``measures.csv``; empty where none is recorded), ``cost``, ``due_date``.

    A customers' idea is carried by the department that owns it: it is neither the department's own idea
    nor handed over by another department.

    >>> from tpkit.datasets import load_sample
    >>> own = measure_ownership(load_sample("hotel"))
    >>> int(own["handed_over"].sum()), int(own["customer_idea"].sum())
    (5, 2)
    """
    m = project.measures
    commitment = m["commitment"] if "commitment" in m.columns else pd.Series(pd.NA, index=m.index, dtype=object)
    kind = m["proposed_by_type"] if "proposed_by_type" in m.columns else pd.Series(pd.NA, index=m.index, dtype=object)
    customer = kind.eq("customer").fillna(False).to_numpy(bool)
    proposed = m["proposed_by"].astype(str).str.strip().str.casefold()
    owner = m["owner"].astype(str).str.strip().str.casefold()
    out = pd.DataFrame({"owner": m["owner"], "measure_id": m["measure_id"], "touchpoint_id": m["touchpoint_id"],
                        "proposed_by": m["proposed_by"], "proposed_by_type": kind.astype(object),
                        "own_idea": (proposed == owner).to_numpy() & ~customer,
                        "handed_over": (proposed != owner).to_numpy() & ~customer, "customer_idea": customer,
                        "commitment": commitment.astype(object), "cost": m["cost"], "due_date": m["due_date"]})
    return out.sort_values(["owner", "handed_over", "measure_id"], kind="stable").reset_index(drop=True)


def department_measures(project: Project) -> pd.DataFrame:
    """Per department: the measures it owns, how many of them it proposed itself, how many it was handed, how
    many have a recorded commitment, and their cost.

    Returns
    -------
    One row per owning department: ``owner``, ``measures``, ``own_ideas``, ``handed_over``, ``customer_ideas``,
    ``committed``, ``cost``.

    >>> from tpkit.datasets import load_sample
    >>> table = department_measures(load_sample("hotel"))
    >>> int(table["measures"].sum()), int(table["handed_over"].sum()), int(table["customer_ideas"].sum())
    (15, 5, 2)
    """
    own = measure_ownership(project)
    grouped = own.assign(committed=own["commitment"].notna() & own["commitment"].astype(str).str.strip().ne(""))
    return (grouped.groupby("owner", sort=True)
            .agg(measures=("measure_id", "size"), own_ideas=("own_idea", "sum"), handed_over=("handed_over", "sum"),
                 customer_ideas=("customer_idea", "sum"), committed=("committed", "sum"), cost=("cost", "sum"))
            .reset_index())


def vote_ranking(project: Project, *, voter_type: str | None = None, min_n: int = MIN_N,
                 n_boot: int = 500, seed: int = 0, confidence: float = 0.95) -> pd.DataFrame:
    """Measures ranked by the priority points customers and employees gave them, with intervals.

    Parameters
    ----------
    voter_type : ``customer``, ``employee`` or None for both.
    min_n : with fewer voters the ranking is flagged ``small`` and not ranked.
    n_boot, seed, confidence : resampling of the voters for the rank intervals.

    Returns
    -------
    One row per measure: ``measure_id``, ``touchpoint_id``, ``name`` (and ``name_en``),
    ``proposed_by``, ``owner``, ``cost``, ``uplift``, ``due_date``, ``voter_type`` (``all`` for both),
    ``voters``, ``supporters``, ``points_mean``, ``points_low``, ``points_high``, ``share``, ``small``,
    ``rank``, ``rank_low``, ``rank_high``.

    Notes
    -----
    Every voter who took part counts, with 0 points for measures they passed over. A measure no voter gave a
    point (not on the ballot, such as an idea that came in after the vote, or passed over by all) is not ranked.
    ``points_mean ± t(1 − α/2, n − 1) · s/√n``; ``rank_low``/``rank_high`` are percentiles of the rank
    over ``n_boot`` resamples of the voters, so two measures whose rank intervals overlap are not
    told apart. Every measure keeps the department that proposed it.

    >>> from tpkit.datasets import load_sample
    >>> ranking = vote_ranking(load_sample("hotel"), n_boot=50)
    >>> int(ranking["rank"].min()), bool((ranking["rank_low"] <= ranking["rank"]).all())
    (1, True)
    """
    votes = project.votes
    if voter_type is not None:
        check_choice("voter_type", voter_type, VOTERS)
        votes = votes[votes["voter_type"] == voter_type]
    measures = project.measures
    voters = pd.Index(votes["voter_id"].unique())
    matrix = np.zeros((len(voters), len(measures)))
    m_index = pd.Index(measures["measure_id"])
    rows, cols = voters.get_indexer(votes["voter_id"]), m_index.get_indexer(votes["measure_id"])
    ok = (rows >= 0) & (cols >= 0)
    np.add.at(matrix, (rows[ok], cols[ok]), votes["points"].to_numpy(dtype=float)[ok])
    n = len(voters)
    mean = matrix.mean(axis=0) if n else np.full(len(measures), np.nan)
    sd = matrix.std(axis=0, ddof=1) if n > 1 else np.full(len(measures), np.nan)
    half = t_critical(max(n - 1, 1), confidence=confidence) * sd / np.sqrt(max(n, 1))
    small = n < min_n
    out = measures[["measure_id", "touchpoint_id", "name"] + (["name_en"] if "name_en" in measures else [])
                   + ["proposed_by", "owner", "cost", "uplift", "due_date"]].copy()
    out["voter_type"] = voter_type or "all"
    out["voters"] = n
    out["supporters"] = (matrix > 0).sum(axis=0)
    out["points_mean"] = mean
    out["points_low"] = np.maximum(mean - half, 0.0)
    out["points_high"] = mean + half
    out["share"] = mean / mean.sum() if n and mean.sum() > 0 else np.nan
    out["small"] = small
    if small or n == 0:
        out["rank"] = out["rank_low"] = out["rank_high"] = pd.NA
    else:
        rank = pd.Series(-mean).rank(method="min").to_numpy()
        rng = np.random.default_rng(seed)
        boot = np.empty((n_boot, len(measures)))
        for b in range(n_boot):
            sample = matrix[rng.integers(0, n, n)].mean(axis=0)
            boot[b] = pd.Series(-sample).rank(method="min").to_numpy()
        alpha = (1 - confidence) / 2
        out["rank"] = rank.astype(int)
        out["rank_low"] = np.floor(np.quantile(boot, alpha, axis=0)).astype(int)
        out["rank_high"] = np.ceil(np.quantile(boot, 1 - alpha, axis=0)).astype(int)
    for column in ("rank", "rank_low", "rank_high"):
        out[column] = out[column].astype("Int64").mask(out["supporters"] == 0)   # nobody voted for it: no rank
    return out.sort_values(["rank", "points_mean"], ascending=[True, False], kind="stable").reset_index(drop=True)



def voices(project: Project, *, min_n: int = MIN_N, n_boot: int = 500, seed: int = 0,
           confidence: float = 0.95) -> pd.DataFrame:
    """The customers' and the employees' votes side by side: two voices, not one pooled ranking.

    Returns
    -------
    One row per measure: ``measure_id``, ``touchpoint_id``, ``proposed_by_type``, and for ``customer_…`` and
    ``employee_…`` each: ``voters``, ``points_mean``, ``points_low``, ``points_high``, ``rank``, ``rank_low``,
    ``rank_high``, ``small`` (:func:`vote_ranking` of that voter type); ``differ``: the two rank intervals do not
    overlap (the voices disagree beyond chance; NA where either voice is too small to rank); by the customers' rank.

    >>> from tpkit.datasets import load_sample
    >>> table = voices(load_sample("hotel"), n_boot=50)
    >>> bool((table["customer_rank"] != table["employee_rank"]).any())
    True
    """
    kinds = (project.measures["proposed_by_type"] if "proposed_by_type" in project.measures.columns
             else pd.Series(pd.NA, index=project.measures.index, dtype=object))
    out = pd.DataFrame({"measure_id": project.measures["measure_id"], "touchpoint_id": project.measures["touchpoint_id"],
                        "proposed_by_type": kinds.astype(object)})
    figures = ["voters", "points_mean", "points_low", "points_high", "rank", "rank_low", "rank_high", "small"]
    for voter in VOTERS:
        ranked = vote_ranking(project, voter_type=voter, min_n=min_n, n_boot=n_boot, seed=seed, confidence=confidence)
        out = out.merge(ranked[["measure_id", *figures]].rename(columns={f: f"{voter}_{f}" for f in figures}),
                        on="measure_id", how="left")
    apart = (out["customer_rank_high"] < out["employee_rank_low"]) | (out["employee_rank_high"] < out["customer_rank_low"])
    out["differ"] = apart.astype("boolean").where(out["customer_rank"].notna() & out["employee_rank"].notna())
    return out.sort_values(["customer_rank", "employee_rank"], kind="stable", na_position="last").reset_index(drop=True)


def comments(project: Project, *, touchpoint: str | None = None, measure: str | None = None) -> pd.DataFrame:
    """What customers and employees wrote: the comments of the ratings (per touchpoint) and of the votes (per
    measure, and so at its touchpoint), and the ideas behind measures.

    Parameters
    ----------
    touchpoint : only what concerns this touchpoint (its ratings, and the votes and ideas of its measures).
    measure : only what concerns this measure (its votes and its idea).

    Returns
    -------
    One row per comment: ``said_in`` (``rating``, ``vote`` or ``idea``), ``touchpoint_id``, ``measure_id`` (NA
    for a rating), ``voter_type`` (a rating's author is a customer), ``segment_id`` (of a customer who rated;
    NA otherwise), ``incident``, ``performance``, ``points``, ``comment``; ratings first, then votes and ideas.

    >>> from tpkit.datasets import load_sample
    >>> said = comments(load_sample("hotel"), measure="M14")
    >>> said["said_in"].tolist()
    ['idea']
    """
    r, v, m = project.ratings, project.votes, project.measures
    if touchpoint is not None:
        check_choice("touchpoint", touchpoint, tuple(project.touchpoints["touchpoint_id"]))
    if measure is not None:
        check_choice("measure", measure, tuple(m["measure_id"]))
    rows = []
    if "comment" in r.columns and measure is None:
        said = r[r["comment"].notna() & r["comment"].astype(str).str.strip().ne("")]
        said = said.merge(project.respondents[["respondent_id", "segment_id"]], on="respondent_id", how="left")
        rows.append(pd.DataFrame({"said_in": "rating", "touchpoint_id": said["touchpoint_id"], "measure_id": pd.NA,
                                  "voter_type": "customer", "segment_id": said["segment_id"],
                                  "incident": said["incident"] if "incident" in said else pd.NA,
                                  "performance": said["performance"], "points": pd.NA, "comment": said["comment"]}))
    where = m.set_index("measure_id")["touchpoint_id"]
    if "comment" in v.columns:
        said = v[v["comment"].notna() & v["comment"].astype(str).str.strip().ne("")]
        rows.append(pd.DataFrame({"said_in": "vote", "touchpoint_id": said["measure_id"].map(where),
                                  "measure_id": said["measure_id"], "voter_type": said["voter_type"], "segment_id": pd.NA,
                                  "incident": pd.NA, "performance": pd.NA, "points": said["points"],
                                  "comment": said["comment"]}))
    if "idea" in m.columns:
        said = m[m["idea"].notna() & m["idea"].astype(str).str.strip().ne("")]
        kinds = said["proposed_by_type"] if "proposed_by_type" in said else pd.Series(pd.NA, index=said.index)
        rows.append(pd.DataFrame({"said_in": "idea", "touchpoint_id": said["touchpoint_id"],
                                  "measure_id": said["measure_id"], "voter_type": kinds, "segment_id": pd.NA,
                                  "incident": pd.NA, "performance": pd.NA, "points": pd.NA, "comment": said["idea"]}))
    columns = ["said_in", "touchpoint_id", "measure_id", "voter_type", "segment_id", "incident", "performance",
               "points", "comment"]
    out = pd.concat([f for f in rows if len(f)], ignore_index=True) if any(len(f) for f in rows) else \
        pd.DataFrame(columns=columns)
    if touchpoint is not None:
        out = out[out["touchpoint_id"] == touchpoint]
    if measure is not None:
        out = out[out["measure_id"] == measure]
    return out[columns].astype(object).reset_index(drop=True)

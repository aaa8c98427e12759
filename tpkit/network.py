"""Word of mouth through strong and weak networks.

A promoter tells ``contacts`` people a year; each becomes a customer with probability
``conversion``. Their product is the reproduction number ``R`` of one recommendation. Those
won pass the word on in turn, so one promoter brings ``R + R² + … = R / (1 − R)`` customers a
year (``R`` is capped below 1: as it nears 1 the chain grows steeply, the "Lovestorm").
Strong networks (frequent interaction, cohesion, access by invitation) have few contacts but a
high conversion; weak ones many contacts and a low conversion. Detractors spread negative word
of mouth by the same mechanism with their own rates: every prospect they reach and put off is a
customer lost.

Why weak networks reach more contacts at a lower conversion: a weak network is sporadic, open and
diverse — a promoter passes a remark to many acquaintances (colleagues of other firms, forum
readers, fellow travellers), but each of them knows the promoter little, shares the need seldom
and trusts the word less, so few act on it. A strong network is a small circle that meets often,
shows that it belongs, keeps rituals and admits by invitation: its members hear the word from
someone they trust, about a need they share, and many act on it. With the default rates a weak
network's promoter tells five times as many people (20 against 4 a year) at a tenth of the
conversion (0.5 % against 5 %), so ``R`` is half as large: the word travels wide but thin.

Whether a segment's network is strong is answered by the method's checklist
(:func:`network_checklist`: four traits scored 0–2 in ``segments.csv``) rather than typed in; where
the checklist is not filled in, the ``network`` column (strong or weak) stands.

Example
-------
>>> rates = default_rates()
>>> round(float(referrals_per_year(rates.loc["strong", "promoter_contacts"], rates.loc["strong", "promoter_conversion"])), 3)
0.25
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import check_choice
from .schema import NETWORK_TRAITS, NETWORKS

#: A segment whose network scores at least this on the checklist (of 8: four traits, 0–2 each) has a strong one.
STRONG_SCORE = 5

#: Largest reproduction number used; above it the chain would not end.
MAX_R = 0.95

#: Yearly rates per network strength (assumptions; every one editable in a scenario).
DEFAULT_RATES: dict[str, dict[str, float]] = {
    "strong": {"promoter_contacts": 4.0, "promoter_conversion": 0.05,
               "detractor_contacts": 6.0, "detractor_conversion": 0.04},
    "weak": {"promoter_contacts": 20.0, "promoter_conversion": 0.005,
             "detractor_contacts": 25.0, "detractor_conversion": 0.004},
}


def default_rates() -> pd.DataFrame:
    """The default word-of-mouth rates, one row per network strength.

    Returns
    -------
    Index ``strong``, ``weak``; columns ``promoter_contacts``, ``promoter_conversion``,
    ``detractor_contacts``, ``detractor_conversion`` (per year).

    >>> float(default_rates().loc["weak", "promoter_contacts"])
    20.0
    """
    return pd.DataFrame.from_dict(DEFAULT_RATES, orient="index").reindex(list(NETWORKS))


def reproduction(contacts: float | np.ndarray, conversion: float | np.ndarray) -> np.ndarray:
    """The reproduction number of one recommendation.

    Parameters
    ----------
    contacts : people a promoter (or detractor) tells a year.
    conversion : the probability that one of them becomes a customer (or is put off).

    Returns
    -------
    ``R`` per element.

    Notes
    -----
    ``R = min(contacts · conversion, MAX_R)`` (:data:`MAX_R` keeps the chain finite).

    >>> float(reproduction(30, 0.05))
    0.95
    """
    return np.minimum(np.asarray(contacts, dtype=float) * np.asarray(conversion, dtype=float), MAX_R)


def referrals_per_year(contacts: float | np.ndarray, conversion: float | np.ndarray) -> np.ndarray:
    """Customers won (or put off) per promoter (or detractor) a year, over the whole chain.

    Parameters
    ----------
    contacts, conversion : as in :func:`reproduction`.

    Returns
    -------
    Customers per element.

    Notes
    -----
    ``R + R² + … = R / (1 − R)`` with ``R`` of :func:`reproduction`.

    >>> float(referrals_per_year(5, 0.1))   # R = 0.5
    1.0
    """
    r = reproduction(contacts, conversion)
    return r / (1.0 - r)


def network_table(networks: list[str], *, rates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per segment network: referrals per promoter and lost prospects per detractor a year.

    Parameters
    ----------
    networks : one network strength per row (``strong`` or ``weak``; another raises, with a did-you-mean).
    rates : the rates per strength, as :func:`default_rates` (None: those).

    Returns
    -------
    One row per entry of ``networks``: ``network``, ``R_promoter``, ``per_promoter``, ``R_detractor``,
    ``per_detractor``.

    Notes
    -----
    ``per_promoter = R/(1 − R)`` with ``R = promoter_contacts · promoter_conversion``; the same for
    detractors with their own rates (see :func:`referrals_per_year`).

    >>> network_table(["strong", "weak"])["per_promoter"].round(3).tolist()
    [0.25, 0.111]
    """
    for network in networks:
        check_choice("network", network, NETWORKS)
    rates = default_rates() if rates is None else rates
    r = rates.reindex(networks)
    return pd.DataFrame({
        "network": networks,
        "R_promoter": reproduction(r["promoter_contacts"], r["promoter_conversion"]),
        "per_promoter": referrals_per_year(r["promoter_contacts"], r["promoter_conversion"]),
        "R_detractor": reproduction(r["detractor_contacts"], r["detractor_conversion"]),
        "per_detractor": referrals_per_year(r["detractor_contacts"], r["detractor_conversion"]),
    })


def network_checklist(segments: pd.DataFrame) -> pd.DataFrame:
    """Each segment's network from the method's checklist of a strong network.

    Parameters
    ----------
    segments : ``project.segments``: the traits :data:`tpkit.schema.NETWORK_TRAITS` scored 0 (no), 1 (partly)
        or 2 (yes) — frequent interaction and cohesion, visible signs of belonging, shared activities and
        rituals, access by invitation — and the typed ``network`` where given.

    Returns
    -------
    One row per segment: ``segment_id``, the four traits, ``score`` (0–8; NA unless all four are scored),
    ``checklist`` (strong from :data:`STRONG_SCORE` on, else weak; NA without a score), ``typed`` (the
    ``network`` column), ``network`` (the checklist's where scored, else the typed one, else NA),
    ``source`` (``checklist``, ``typed`` or ``none``), ``agrees`` (the typed network says the same as the
    checklist; NA unless both are given).

    >>> table = network_checklist(pd.DataFrame({"segment_id": ["a", "b"], "network": ["weak", "weak"],
    ...     "network_interaction": [2, 1], "network_belonging": [2, 0], "network_rituals": [1, 1],
    ...     "network_invitation": [1, pd.NA]}))
    >>> table[["score", "network", "source", "agrees"]].values.tolist()
    [[6, 'strong', 'checklist', False], [<NA>, 'weak', 'typed', <NA>]]
    """
    out = pd.DataFrame({"segment_id": segments["segment_id"].to_numpy()})
    for trait in NETWORK_TRAITS:
        out[trait] = (segments[trait] if trait in segments else pd.Series(pd.NA, index=segments.index)) \
            .astype("Int64").to_numpy()
    complete = out[list(NETWORK_TRAITS)].notna().all(axis=1)
    out["score"] = out[list(NETWORK_TRAITS)].sum(axis=1).astype("Int64").where(complete)
    out["checklist"] = pd.Series(np.where(out["score"].fillna(-1) >= STRONG_SCORE, "strong", "weak"),
                                 dtype=object).where(complete)
    typed = segments["network"] if "network" in segments else pd.Series(pd.NA, index=segments.index)
    out["typed"] = typed.astype(object).to_numpy()
    out["network"] = out["checklist"].where(complete, out["typed"])
    out["source"] = np.where(complete, "checklist", np.where(out["typed"].notna(), "typed", "none"))
    both = complete & out["typed"].notna()
    out["agrees"] = (out["checklist"] == out["typed"]).astype("boolean").where(both)
    return out

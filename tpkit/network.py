"""Word of mouth through strong and weak networks.

A promoter tells ``contacts`` people a year; each becomes a customer with probability
``conversion``. Their product is the reproduction number ``R`` of one recommendation. Those
won pass the word on in turn, so one promoter brings ``R + R² + … = R / (1 − R)`` customers a
year (``R`` is capped below 1: as it nears 1 the chain grows steeply, the "Lovestorm").
Strong networks (frequent interaction, cohesion, access by invitation) have few contacts but a
high conversion; weak ones many contacts and a low conversion. Detractors spread negative word
of mouth by the same mechanism with their own rates: every prospect they reach and put off is a
customer lost.

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
from .schema import NETWORKS

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

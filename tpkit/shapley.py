"""Dividing R² among drivers, from correlation matrices — for one matrix or a whole bootstrap at once.

The R² of a subset S of drivers is ``r_S' R_SS⁻¹ r_S``. Every function here takes the drivers'
matrix ``R`` (``p × p``) and their correlations with the outcome ``r`` (``p``), or stacks of them
(``B × p × p`` and ``B × p``: one per bootstrap resample), and returns one weight per driver (``p``,
or ``B × p``) that add up to the full model's R².

* :func:`subset_r2` — R² of all ``2^p`` subsets, by adding one driver at a time to every subset of the
  drivers before it: each addition is a rank-one update of the conditional covariance (the sweep
  operator), ``R²(S ∪ {j}) = R²(S) + c_j² / C_jj``. About ``2^p`` small updates per matrix, all
  matrices of a stack together.
* :func:`shapley` — exact Shapley values (general dominance) from those R²: one matrix product.
* :func:`owen` — Owen values: the drivers come in groups (the phases of the customer journey); the
  groups share R² as players of their own game (Shapley over groups), and each group's share is divided
  among its members by the Shapley values of their gains given every coalition of the other groups.
  Exact with ``Σ_k 2^(G−1) · 2^(m_k)`` subsets for G groups of sizes ``m_k`` instead of ``2^p``.
* :func:`relative_weights` — Johnson's (2000) relative weights, any number of drivers.
* :func:`sampled_shapley` — Shapley values from random orders of entry, with standard errors.

Example
-------
>>> R = np.array([[1.0, 0.3], [0.3, 1.0]]); r = np.array([0.5, 0.4])
>>> shapley(R, r).round(4).tolist()   # ½·0.25 + ½·(0.3187 − 0.16), and the rest of R² = 0.3187
[0.2043, 0.1143]
>>> owen(R, r, groups=[0, 0]).round(4).tolist()   # one group: Owen values are Shapley values
[0.2043, 0.1143]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .errors import ModelError

#: Exact Shapley values up to this many drivers (2^p subsets).
EXACT_LIMIT = 20
#: Subsets × matrices that :func:`subset_r2` handles at once (about 8 MB per driver left; measured fastest).
_CHUNK_SUBSETS = 1 << 18


def subset_r2(R: np.ndarray, r: np.ndarray) -> np.ndarray:
    """R² of every subset of drivers, indexed by bit mask (bit i set = driver i in the model).

    ``R`` may be a covariance matrix with the outcome's variance 1 (as for a conditional game); stacks
    ``B × p × p`` give ``B × 2^p``. A driver whose (conditional) variance is zero adds nothing.

    >>> subset_r2(np.eye(2), np.array([0.3, 0.4])).round(4).tolist()
    [0.0, 0.09, 0.16, 0.25]
    """
    R, r = np.asarray(R, dtype=float), np.asarray(r, dtype=float)
    if R.ndim == 2:
        return subset_r2(R[None], r[None])[0]
    batch, p = r.shape
    if p > EXACT_LIMIT + 4:
        raise ValueError(f"{p} drivers: 2^{p} subsets are too many")
    step = max(1, _CHUNK_SUBSETS // 2 ** p)
    if batch > step:
        return np.concatenate([subset_r2(R[i:i + step], r[i:i + step]) for i in range(0, batch, step)])
    # Subsets (and matrices) run along the last axis, so every operation works on long contiguous rows.
    cov = np.ascontiguousarray(np.moveaxis(R, 0, -1))   # conditional covariance of the drivers not yet added
    cross = np.ascontiguousarray(r.T)                    # their conditional covariance with the outcome
    r2 = np.zeros(batch)
    for _ in range(p):
        d, a, c0 = cov[0, 0], cov[0, 1:], cross[0]
        ok = d > 1e-12
        inv = np.where(ok, 1.0 / np.where(ok, d, 1.0), 0.0)
        half, rest = len(d), cov.shape[0] - 1
        grown = np.empty((rest, rest, 2 * half))        # subsets without the driver, then with it
        grown[:, :, :half] = cov[1:, 1:]
        np.multiply(a[:, None, :], (a * inv)[None, :, :], out=grown[:, :, half:])
        np.subtract(cov[1:, 1:], grown[:, :, half:], out=grown[:, :, half:])
        grown_cross = np.empty((rest, 2 * half))
        grown_cross[:, :half] = cross[1:]
        np.subtract(cross[1:], a * (c0 * inv), out=grown_cross[:, half:])
        r2 = np.concatenate([r2, r2 + c0 * c0 * inv])
        cov, cross = grown, grown_cross
    return r2.reshape(2 ** p, batch).T


@lru_cache(maxsize=8)
def _shapley_matrix(p: int) -> np.ndarray:
    """``M[S, j]``: the weight of R²(S) in driver j's Shapley value (``2^p × p``; kept for the next game of
    the same size: Owen values and bootstraps ask for it again and again)."""
    weight = np.array([math.factorial(s) * math.factorial(p - s - 1) / math.factorial(p) for s in range(p)] + [0.0])
    masks = np.arange(2 ** p)
    member = (masks[:, None] >> np.arange(p)) & 1
    size = member.sum(axis=1)
    matrix = np.where(member == 1, weight[np.maximum(size - 1, 0)][:, None], -weight[size][:, None])
    matrix.setflags(write=False)
    return matrix


def shapley_from_subsets(r2: np.ndarray) -> np.ndarray:
    """Exact Shapley values from the R² of every subset (``2^p``, or ``B × 2^p``).

    ``φ_j = Σ_{S ∌ j} |S|!(p−|S|−1)!/p! · (R²(S ∪ {j}) − R²(S))``, as one product ``r2 @ M``.

    >>> shapley_from_subsets(np.array([0.0, 0.09, 0.16, 0.25])).round(4).tolist()
    [0.09, 0.16]
    """
    p = int(np.log2(np.shape(r2)[-1]))
    return np.asarray(r2) @ _shapley_matrix(p)


def shapley(R: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Exact Shapley values (general dominance weights) of R², for one matrix or a stack.

    They equal the ``dominance-analysis`` package's "Total Dominance".

    >>> shapley(np.eye(2), np.array([0.3, 0.4])).round(4).tolist()
    [0.09, 0.16]
    """
    p = np.shape(r)[-1]
    if p > EXACT_LIMIT:
        raise ModelError("too_many_drivers", drivers=p, limit=EXACT_LIMIT)
    return shapley_from_subsets(subset_r2(R, r))


def group_index(groups: Sequence) -> list[np.ndarray]:
    """The drivers of each group, in the order the groups first appear.

    >>> [g.tolist() for g in group_index(["a", "b", "a"])]
    [[0, 2], [1]]
    """
    labels = list(dict.fromkeys(groups))
    keys = np.array([labels.index(g) for g in groups])
    return [np.flatnonzero(keys == k) for k in range(len(labels))]


def owen_cost(groups: Sequence) -> int:
    """Subsets an exact Owen value needs: ``Σ_k 2^(G−1) · 2^(m_k)``.

    >>> owen_cost(["a"] * 10 + ["b"] * 10)   # against 2^20 = 1,048,576 for exact Shapley
    4096
    """
    members = group_index(groups)
    return sum(2 ** (len(members) - 1) * 2 ** len(m) for m in members)


def owen(R: np.ndarray, r: np.ndarray, *, groups: Sequence) -> np.ndarray:
    """Owen values of R² for drivers in ``groups`` (one label per driver), for one matrix or a stack.

    Notes
    -----
    For driver i in group k: ``Σ_{Q ⊆ groups∖k} q!(G−q−1)!/G! · φ_i(Q)``, where ``φ(Q)`` are the Shapley
    values of the members' gains given the drivers of the groups in Q,
    ``v_Q(T) = R²(Q ∪ T) − R²(Q)``. That gain is the R² of the outcome's residual on the members'
    residuals given Q: :func:`subset_r2` of their conditional covariances. The values add up to R², the
    groups' totals are the Shapley values of the game between groups, and members of one group with
    the same role get the same value.

    >>> R = np.eye(3); r = np.array([0.3, 0.4, 0.5])   # uncorrelated drivers: each gets its r²
    >>> owen(R, r, groups=["a", "a", "b"]).round(4).tolist()
    [0.09, 0.16, 0.25]
    """
    R, r = np.asarray(R, dtype=float), np.asarray(r, dtype=float)
    if R.ndim == 2:
        return owen(R[None], r[None], groups=groups)[0]
    members = group_index(groups)
    if len(groups) != r.shape[-1]:
        raise ValueError(f"{len(groups)} group labels for {r.shape[-1]} drivers")
    largest = max(len(m) for m in members)
    if largest > EXACT_LIMIT:
        raise ModelError("owen_group_too_large", drivers=largest, limit=EXACT_LIMIT)
    count = len(members)
    outer = [math.factorial(q) * math.factorial(count - q - 1) / math.factorial(count) for q in range(count)]
    values = np.zeros(r.shape)
    for k, own in enumerate(members):
        others = [g for g in range(count) if g != k]
        for coalition in range(2 ** len(others)):
            chosen = [others[i] for i in range(len(others)) if coalition >> i & 1]
            given = np.concatenate([members[g] for g in chosen]) if chosen else np.array([], dtype=int)
            cov, cross = _conditional(R, r, own, given)
            values[:, own] += outer[len(chosen)] * shapley_from_subsets(subset_r2(cov, cross))
    return values


def _conditional(R: np.ndarray, r: np.ndarray, own: np.ndarray, given: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Covariances of the drivers ``own`` and of them with the outcome, given the drivers ``given``."""
    cov, cross = R[:, own[:, None], own[None, :]], r[:, own]
    if len(given) == 0:
        return cov, cross
    Rgg = R[:, given[:, None], given[None, :]]
    Rgo = R[:, given[:, None], own[None, :]]
    solved = _solve(Rgg, np.concatenate([Rgo, r[:, given, None]], axis=2))
    cov = cov - np.einsum("bgi,bgj->bij", Rgo, solved[..., :-1])
    cross = cross - np.einsum("bgi,bg->bi", Rgo, solved[..., -1])
    return cov, cross


def _solve(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """``A⁻¹ B`` for a stack of matrices; where one is singular (two touchpoints rated alike by everyone),
    the least-squares solution through the pseudo-inverse, which gives the same R² of every sub-model.

    >>> _solve(np.array([[[1.0, 1.0], [1.0, 1.0]]]), np.array([[[2.0], [2.0]]])).round(6).tolist()
    [[[1.0], [1.0]]]
    """
    try:
        return np.linalg.solve(A, B)
    except np.linalg.LinAlgError:
        return np.linalg.pinv(A, hermitian=True) @ B


def relative_weights(R: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Johnson's (2000) relative weights, for one matrix or a stack; they add up to R².

    >>> relative_weights(np.eye(2), np.array([0.3, 0.4])).round(4).tolist()
    [0.09, 0.16]
    """
    values, vectors = np.linalg.eigh(R)
    lam = (vectors * np.sqrt(np.maximum(values, 0))[..., None, :]) @ np.swapaxes(vectors, -1, -2)
    beta = _solve(lam, r[..., None])[..., 0]
    return ((lam ** 2) @ (beta ** 2)[..., None])[..., 0]


def sampled_shapley(R: np.ndarray, r: np.ndarray, *, permutations: int = 2000,
                    seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Shapley values estimated from random orders of entry, and their standard errors (one matrix).

    For an order π, the Cholesky factor L of R[π, π] and z = L⁻¹ r[π] give each
    driver's gain in R² on entering as z².

    >>> R = np.array([[1.0, 0.3], [0.3, 1.0]]); r = np.array([0.5, 0.4])
    >>> est, se = sampled_shapley(R, r, permutations=4000)
    >>> bool(np.all(np.abs(est - shapley(R, r)) < 4 * se + 1e-12))
    True
    """
    from scipy.linalg import cho_factor, solve_triangular   # here: the dashboards never need scipy.linalg

    rng = np.random.default_rng(seed)
    p = len(r)
    gains = np.empty((permutations, p))
    for k in range(permutations):
        order = rng.permutation(p)
        L, _ = cho_factor(R[np.ix_(order, order)], lower=True)
        z = solve_triangular(L, r[order], lower=True)
        gains[k, order] = z**2
    return gains.mean(axis=0), gains.std(axis=0, ddof=1) / np.sqrt(permutations)

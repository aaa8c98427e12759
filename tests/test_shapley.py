"""R² shares (tpkit.shapley) against brute force, and the batched bootstrap against the resample loop."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tpkit.datasets import load_sample
from reference import loop_bootstrap
from tpkit.drivers import bootstrap_scatter, bootstrap_weights, driver_data, driver_phases, key_drivers, resample_counts
from tpkit.shapley import owen, owen_cost, relative_weights, shapley, subset_r2


def r2_direct(R: np.ndarray, r: np.ndarray, subset: tuple[int, ...]) -> float:
    """R² of one subset by solving its normal equations (the textbook formula)."""
    if not subset:
        return 0.0
    idx = list(subset)
    return float(r[idx] @ np.linalg.solve(R[np.ix_(idx, idx)], r[idx]))


def owen_brute_force(R: np.ndarray, r: np.ndarray, groups: list) -> np.ndarray:
    """Average marginal gain over every order of entry in which each group's members enter together."""
    p = len(r)
    total, orders = np.zeros(p), 0
    for order in itertools.permutations(range(p)):
        labels = [groups[i] for i in order]
        blocks = [k for k, _ in itertools.groupby(labels)]
        if len(blocks) != len(set(blocks)):
            continue                      # a group split by another: not an order of the coalition structure
        orders += 1
        before: tuple[int, ...] = ()
        for i in order:
            total[i] += r2_direct(R, r, before + (i,)) - r2_direct(R, r, before)
            before += (i,)
    return total / orders


def random_problem(seed: int, p: int, n: int = 200) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, p)) @ (rng.normal(size=(p, p)) * 0.5 + np.eye(p))
    y = x @ rng.uniform(-0.5, 1, p) + rng.normal(size=n) * 2
    c = np.corrcoef(np.column_stack([x, y]), rowvar=False)
    return c[:-1, :-1], c[:-1, -1]


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), p=st.integers(1, 7))
@example(seed=793, p=5)   # the sweep's rounding on a less well-conditioned matrix: 5e-12 off, 7e-11 relative
def test_subset_r2_equals_solving_each_subset(seed, p):
    R, r = random_problem(seed, p)
    expected = [r2_direct(R, r, tuple(i for i in range(p) if m >> i & 1)) for m in range(2 ** p)]
    assert subset_r2(R, r) == pytest.approx(expected, rel=1e-9, abs=1e-12)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), labels=st.lists(st.sampled_from("abc"), min_size=2, max_size=6))
def test_owen_values_equal_brute_force_over_orders_with_groups_together(seed, labels):
    R, r = random_problem(seed, len(labels))
    assert owen(R, r, groups=labels) == pytest.approx(owen_brute_force(R, r, labels), abs=1e-12)


def test_owen_values_add_up_and_one_group_or_singletons_give_shapley():
    R, r = random_problem(3, 6)
    groups = ["a", "a", "b", "b", "b", "c"]
    values = owen(R, r, groups=groups)
    assert values.sum() == pytest.approx(r2_direct(R, r, tuple(range(6))), abs=1e-12)       # efficiency
    assert owen(R, r, groups=["g"] * 6) == pytest.approx(shapley(R, r), abs=1e-12)
    assert owen(R, r, groups=list("abcdef")) == pytest.approx(shapley(R, r), abs=1e-12)
    # the groups' totals are the Shapley values of the game between the groups
    members = {"a": [0, 1], "b": [2, 3, 4], "c": [5]}
    names = list(members)
    quotient = np.zeros(3)
    for k, name in enumerate(names):
        for size in range(3):
            for others in itertools.combinations([n for n in names if n != name], size):
                before = tuple(i for n in others for i in members[n])
                gain = r2_direct(R, r, before + tuple(members[name])) - r2_direct(R, r, before)
                quotient[k] += math.factorial(size) * math.factorial(3 - size - 1) / math.factorial(3) * gain
    assert [values[members[n]].sum() for n in names] == pytest.approx(quotient.tolist(), abs=1e-12)


def test_owen_symmetry_within_a_group():
    # drivers 0 and 1 are exchangeable (same correlations with everything) and in the same group
    R = np.array([[1, .5, .2, .3], [.5, 1, .2, .3], [.2, .2, 1, .1], [.3, .3, .1, 1.0]])
    r = np.array([.4, .4, .3, .2])
    values = owen(R, r, groups=["a", "a", "b", "b"])
    assert values[0] == pytest.approx(values[1], abs=1e-14)


def test_owen_cost_and_realistic_inventories_are_exact_and_quick():
    groups = ["pre"] * 15 + ["purchase"] * 15 + ["usage"] * 15 + ["loyalty"] * 15   # 60 touchpoints
    assert owen_cost(groups) == 4 * 8 * 2 ** 15
    R, r = random_problem(5, 60, n=2000)
    values = owen(R, r, groups=groups)
    assert values.sum() == pytest.approx(r2_direct(R, r, tuple(range(60))), abs=1e-10)


def test_stacks_give_the_numbers_of_single_matrices():
    problems = [random_problem(s, 5) for s in range(4)]
    Rs, rs = np.stack([p[0] for p in problems]), np.stack([p[1] for p in problems])
    groups = ["a", "b", "a", "b", "c"]
    for f, kwargs in ((shapley, {}), (relative_weights, {}), (owen, {"groups": groups})):
        assert f(Rs, rs, **kwargs) == pytest.approx(np.stack([f(R, r, **kwargs) for R, r in problems]), abs=1e-13)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(3, 40), missing=st.floats(0, 0.6))
def test_bootstrap_scatter_equals_the_scatter_of_the_resampled_rows(seed, n, missing):
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 6, size=(n, 4)).astype(float)
    x[rng.random(x.shape) < missing] = np.nan
    counts = resample_counts(n, n_boot=3, seed=seed)
    for b, scatter in enumerate(bootstrap_scatter(x, counts)):
        rows = x[np.repeat(np.arange(n), counts[b])]
        present = ~np.isnan(rows)
        means = np.nansum(rows, axis=0) / np.maximum(present.sum(axis=0), 1)
        centred = np.where(present, rows - means, 0.0)
        assert scatter == pytest.approx(centred.T @ centred, abs=1e-9)


@pytest.mark.parametrize("segment,method,missing", [("conference", "owen", "mean"), ("bus_tours", "shapley", "mean"),
                                                    (None, "relative_weights", "mean"),
                                                    ("leisure", "relative_weights", "pairwise"),
                                                    ("bus_tours", "sampled_shapley", "mean")])
def test_batched_bootstrap_gives_the_numbers_of_the_resample_loop(segment, method, missing):
    hotel = load_sample("hotel")
    data = driver_data(hotel, segment=segment)
    counts = data.notna().sum()
    drivers = [c for c in data.columns[:-1] if counts[c] >= 30]
    if method == "shapley":
        drivers = drivers[:12]
    values = data[drivers + ["recommend"]].to_numpy()
    groups = driver_phases(hotel, drivers)
    n_boot = 5 if method in ("owen", "sampled_shapley") else 20
    batched = bootstrap_weights(values, method=method, groups=groups, n_boot=n_boot, missing=missing, seed=7)
    looped = loop_bootstrap(values, method=method, groups=groups, n_boot=n_boot, missing=missing, seed=7)
    assert batched == pytest.approx(looped, abs=1e-10)


def test_key_drivers_intervals_come_from_the_batched_bootstrap():
    hotel = load_sample("hotel")
    kd = key_drivers(hotel, segment="bus_tours", n_boot=50, seed=3)
    data = driver_data(hotel, segment="bus_tours")
    drivers = kd.loc[~kd["small"], "touchpoint_id"].tolist()
    values = data[[c for c in data.columns[:-1] if c in drivers] + ["recommend"]].to_numpy()
    order = [c for c in data.columns[:-1] if c in drivers]
    boots = loop_bootstrap(values, method=kd["method"].iloc[0], groups=driver_phases(hotel, order), n_boot=50,
                           missing="mean", seed=3)
    low, high = np.quantile(boots, [0.025, 0.975], axis=0)
    table = kd.set_index("touchpoint_id").loc[order]
    assert table["weight_low"].to_numpy() == pytest.approx(low, abs=1e-10)
    assert table["weight_high"].to_numpy() == pytest.approx(high, abs=1e-10)


def test_owen_refuses_a_phase_too_large_to_be_exact_with_a_readable_error():
    from tpkit.errors import ModelError
    R, r = np.eye(22), np.full(22, 0.1)
    with pytest.raises(ModelError, match="relative_weights") as err:
        owen(R, r, groups=["usage"] * 21 + ["loyalty"])
    assert "21 Touchpoints" in err.value.message("de")


def test_two_touchpoints_rated_alike_by_everyone_give_equal_weights_that_add_up():
    """A singular correlation matrix (two drivers identical): every method still divides the full R² and
    gives the twins the same weight, instead of failing inside numpy."""
    from tpkit.shapley import owen, relative_weights, shapley

    R = np.array([[1, 1, 0.3], [1, 1, 0.3], [0.3, 0.3, 1.0]])
    r = np.array([0.5, 0.5, 0.4])
    full = 0.5 ** 2 + (0.4 - 0.3 * 0.5) ** 2 / (1 - 0.3 ** 2)   # R² of one twin and the third driver
    for weights in (shapley(R, r), owen(R, r, groups=[0, 0, 1]), owen(R, r, groups=[1, 1, 0]), relative_weights(R, r)):
        assert abs(weights.sum() - full) < 1e-9 and abs(weights[0] - weights[1]) < 1e-12

"""Key driver analysis against the dominance-analysis package, brute-force OLS and the planted truth."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import spearmanr

from reference import shapley_from_r2
from tpkit.datasets import ground_truth, load_sample
from tpkit.drivers import correlation, driver_data, key_drivers
from tpkit.shapley import relative_weights, sampled_shapley, shapley, subset_r2


def peer_general_dominance(data: pd.DataFrame, target: str) -> dict[str, float]:
    """General dominance ("Total Dominance") by the dominance-analysis package from the correlation matrix."""
    from dominance_analysis import Dominance
    corr = data.corr()
    with contextlib.redirect_stdout(io.StringIO()):
        model = Dominance(data=corr, target=target, data_format=1)
        return model.incremental_rsquare()


def complete_cases(sample: str, segment: str, touchpoints: list[str]) -> pd.DataFrame:
    data = driver_data(load_sample(sample), outcome="recommend", segment=segment)
    return data[touchpoints + ["recommend"]].dropna()


@pytest.mark.parametrize("sample, segment, touchpoints", [
    ("hotel", "business", ["room", "cleanliness", "breakfast", "checkin_desk", "checkout", "wifi", "turndown"]),
    ("it_distributor", "systemhaus", ["delivery", "webshop_order", "availability", "invoicing", "quote_desk",
                                      "account_manager", "packaging"]),
])
def test_shapley_equals_dominance_analysis_on_complete_cases(sample, segment, touchpoints):
    data = complete_cases(sample, segment, touchpoints)
    assert len(data) >= 60
    corr = np.corrcoef(data.to_numpy(), rowvar=False)
    ours = shapley(corr[:-1, :-1], corr[:-1, -1])
    peer = peer_general_dominance(data, "recommend")
    for t, value in zip(touchpoints, ours):
        assert value == pytest.approx(peer[t], abs=1e-6), t


def test_subset_r2_equals_ols_on_raw_rows():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(400, 5)) @ rng.normal(size=(5, 5))
    y = x @ np.array([0.5, -0.2, 0.0, 0.8, 0.1]) + rng.normal(size=400)
    corr = np.corrcoef(np.column_stack([x, y]), rowvar=False)
    r2 = subset_r2(corr[:-1, :-1], corr[:-1, -1])
    for mask in (0b1, 0b10110, 0b11111, 0b01001):
        cols = [i for i in range(5) if mask >> i & 1]
        design = np.column_stack([np.ones(400), x[:, cols]])
        resid = y - design @ np.linalg.lstsq(design, y, rcond=None)[0]
        assert r2[mask] == pytest.approx(1 - resid.var() / y.var(), abs=1e-10)


@st.composite
def correlation_problems(draw):
    p = draw(st.integers(min_value=2, max_value=7))
    seed = draw(st.integers(min_value=0, max_value=10**6))
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(60, p + 1)) @ rng.normal(size=(p + 1, p + 1))
    corr = np.corrcoef(x, rowvar=False)
    return corr[:-1, :-1], corr[:-1, -1]


@settings(max_examples=60, deadline=None)
@given(correlation_problems())
def test_shapley_and_relative_weights_add_up_to_r2(problem):
    R, r = problem
    full = float(r @ np.linalg.solve(R, r))
    assert shapley(R, r).sum() == pytest.approx(full, abs=1e-9)
    assert relative_weights(R, r).sum() == pytest.approx(full, abs=1e-9)
    assert np.all(relative_weights(R, r) >= -1e-12)


@settings(max_examples=20, deadline=None)
@given(correlation_problems())
def test_sampled_shapley_agrees_with_exact_within_its_error(problem):
    R, r = problem
    est, se = sampled_shapley(R, r, permutations=3000, seed=7)
    exact = shapley(R, r)
    assert np.all(np.abs(est - exact) <= 5 * se + 1e-9)


def test_shapley_of_uncorrelated_drivers_is_their_squared_correlation():
    r = np.array([0.1, 0.3, 0.5])
    assert shapley(np.eye(3), r) == pytest.approx(r**2)
    assert relative_weights(np.eye(3), r) == pytest.approx(r**2)


def test_mean_substitution_keeps_the_matrix_valid_where_pairwise_breaks():
    data = driver_data(load_sample("hotel")).to_numpy()
    corr, repaired = correlation(data, missing="mean")
    assert not repaired and np.all(np.linalg.eigvalsh(corr) > 0)
    _, repaired_pairwise = correlation(data, missing="pairwise")
    assert repaired_pairwise  # segment-specific touchpoints are never rated together


def expected_share(sample: str, segment: str | None, kd: pd.DataFrame) -> pd.Series:
    """What the survey model implies for each touchpoint's part of R²: w² · reach · var(performance | met)."""
    truth = ground_truth(sample)
    weights = pd.Series(truth["weights"][segment] if segment else truth["overall_weights"])
    data = driver_data(load_sample(sample), outcome="recommend", segment=segment)
    ids = kd.loc[~kd["small"], "touchpoint_id"]
    return weights[ids] ** 2 * data[ids].notna().mean() * data[ids].var()


@pytest.mark.parametrize("sample, segment", [("hotel", None), ("hotel", "business"), ("it_distributor", None),
                                             ("it_distributor", "systemhaus")])
def test_recovers_the_generators_driver_ranking(sample, segment):
    kd = key_drivers(load_sample(sample), segment=segment, n_boot=0)
    expected = expected_share(sample, segment, kd)
    found = kd.set_index("touchpoint_id").loc[expected.index, "weight"]
    assert spearmanr(found, expected).statistic > 0.8
    top = set(kd["touchpoint_id"].head(4))
    assert top <= set(expected.sort_values(ascending=False).index[:7])


def test_hotel_planted_critical_touchpoints_are_among_the_top_drivers():
    kd = key_drivers(load_sample("hotel"), n_boot=0)
    top = set(kd["touchpoint_id"].head(8))
    assert {"checkin_desk", "checkout", "wifi"} <= top


def test_bootstrap_interval_brackets_the_estimate_and_small_groups_are_flagged():
    kd = key_drivers(load_sample("hotel"), segment="conference", n_boot=100)
    big = kd[~kd["small"]]
    assert (big["weight_low"] <= big["weight"]).all() and (big["weight"] <= big["weight_high"]).all()
    assert kd.loc[kd["small"], "weight"].isna().all() and kd.loc[kd["small"], "rank"].isna().all()
    assert (kd.loc[kd["small"], "n"] < 30).all()
    assert big["method"].iloc[0] in ("shapley", "owen", "relative_weights")


def test_method_choice():
    p = load_sample("hotel")
    auto = key_drivers(p, segment="conference", n_boot=0)   # 25 touchpoints in 4 phases: Owen values
    assert auto["method"].iloc[0] == "owen"
    assert key_drivers(p, n_boot=0)["method"].iloc[0] == "relative_weights"   # 16 in one phase: too many
    with pytest.raises(ValueError, match="sampled_shapley"):
        key_drivers(p, segment="conference", method="shapley", n_boot=0)
    sampled = key_drivers(p, segment="conference", method="sampled_shapley", n_boot=0)
    assert sampled["r2"].iloc[0] == pytest.approx(auto["r2"].iloc[0], rel=0.02)
    assert sampled.loc[~sampled["small"], "weight_se"].gt(0).all()
    with pytest.raises(ValueError):
        key_drivers(p, method="magic")
    with pytest.raises(ValueError):
        key_drivers(p, outcome="revenue")


def test_drivers_of_satisfaction_recover_the_same_key_touchpoints():
    kd = key_drivers(load_sample("hotel"), outcome="satisfaction", n_boot=0)
    assert kd["outcome"].eq("satisfaction").all() and 0 < kd["r2"].iloc[0] < 1
    assert {"checkin_desk", "checkout", "wifi", "cleanliness"} <= set(kd["touchpoint_id"].head(8))


def test_complete_cases_equal_a_brute_force_shapley_regression():
    """missing="complete": the respondents who rated every touchpoint, weights against statsmodels OLS R² of all
    subsets, averaged over all orders of entry (an independent second computation)."""

    import statsmodels.api as sm

    from tpkit.drivers import driver_data

    from tpkit import with_tables

    hotel = load_sample("hotel")
    five = ["checkin_desk", "room", "cleanliness", "wifi", "breakfast"]
    project = with_tables(hotel, ratings=hotel.ratings[hotel.ratings["touchpoint_id"].isin(five)])
    kd = key_drivers(project, missing="complete", n_boot=0)
    model = kd[~kd["small"]]
    data = driver_data(project)
    names = model["touchpoint_id"].tolist()
    complete = data[names + ["recommend"]].dropna()
    assert sorted(names) == sorted(five) and len(complete) > 100
    assert (model["n_model"] == len(complete)).all() and (kd["missing"] == "complete").all()
    assert len(complete) < len(data)           # some respondents missed one of them and stay out
    y = complete["recommend"].to_numpy()

    def r2(subset: tuple[int, ...]) -> float:
        x = sm.add_constant(complete[[names[i] for i in subset]].to_numpy())
        return sm.OLS(y, x).fit().rsquared

    for name, value in zip(names, shapley_from_r2(r2, len(names))):
        assert abs(model.set_index("touchpoint_id").loc[name, "weight"] - value) < 1e-9


def test_too_few_complete_cases_weigh_nothing_and_say_so():
    project = load_sample("hotel")
    kd = key_drivers(project, missing="complete", n_boot=0)
    assert kd["small"].all() and kd["weight"].isna().all() and (kd["n_model"] == 0).all()


@pytest.mark.parametrize("missing", ["complete", "mean"])
def test_weighted_key_drivers_equal_a_brute_force_shapley_of_wls_r2(missing):
    """Survey weights: the weights against statsmodels WLS R² of all subsets (an independent second
    computation); with the mean rule a touchpoint not met stands at its weighted mean."""

    import statsmodels.api as sm

    from tpkit import with_tables

    hotel = load_sample("hotel")
    five = ["checkin_desk", "room", "cleanliness", "wifi", "spa"]
    rng = np.random.default_rng(2)
    respondents = hotel.respondents.assign(weight=rng.uniform(0.2, 4.0, len(hotel.respondents)))
    project = with_tables(hotel, respondents=respondents, ratings=hotel.ratings[hotel.ratings["touchpoint_id"].isin(five)])
    model = key_drivers(project, missing=missing, n_boot=0)
    model = model[~model["small"]].set_index("touchpoint_id")
    data = driver_data(project)
    names = model.index.tolist()
    w_all = respondents.set_index("respondent_id")["weight"].reindex(data.index).to_numpy()
    frame = data[names + ["recommend"]]
    if missing == "complete":
        keep = frame.notna().all(axis=1).to_numpy()
        frame, w = frame[keep], w_all[keep]
    else:
        w = w_all
        frame = frame.apply(lambda c: c.fillna(np.average(c.dropna(), weights=w[c.notna().to_numpy()])))
    y = frame["recommend"].to_numpy()
    unweighted = key_drivers(with_tables(project, respondents=hotel.respondents), missing=missing, n_boot=0)

    def r2(subset: tuple[int, ...]) -> float:
        return sm.WLS(y, sm.add_constant(frame[[names[i] for i in subset]].to_numpy()), weights=w).fit().rsquared

    for name, value in zip(names, shapley_from_r2(r2, len(names))):
        assert abs(model.loc[name, "weight"] - value) < 1e-9
    assert not np.allclose(unweighted.set_index("touchpoint_id").loc[names, "weight"], model["weight"])


def test_weighted_bootstrap_draws_respondents_with_their_weights():
    from tpkit.drivers import bootstrap_weights

    x = np.random.default_rng(4).normal(size=(60, 3))
    x[:, 2] += x[:, 0] - 0.5 * x[:, 1]
    w = np.random.default_rng(5).uniform(0.5, 2.0, 60)
    ours = bootstrap_weights(x, method="shapley", n_boot=4, weights=w, seed=3)
    from tpkit.drivers import driver_weights, resample_counts
    for b, counts in enumerate(resample_counts(60, n_boot=4, seed=3)):
        rows = np.repeat(np.arange(60), counts)
        corr, _ = correlation(x[rows], weights=w[rows])          # the resample built row by row
        np.testing.assert_allclose(ours[b], driver_weights(corr, method="shapley")[0], rtol=1e-10)

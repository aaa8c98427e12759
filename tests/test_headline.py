"""The headline figure of each outcome kind, against independent references (statsmodels, scipy)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy import stats as sps
from statsmodels.stats.oneway import anova_oneway
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.proportion import test_proportions_2indep as proportions_2indep
from statsmodels.stats.weightstats import DescrStatsW

from tpkit.outcome import NPS_OUTCOME, OutcomeSpec
from tpkit.recommendation import headline, headline_pairwise, headline_test, nps, welch_anova

BINARY = OutcomeSpec("binary", 0, 1)
SEVEN = OutcomeSpec("scale", 1, 7, "Zufriedenheit")


def answers(values: dict[str, list[int]]) -> pd.DataFrame:
    return pd.DataFrame({"recommend": [v for vs in values.values() for v in vs],
                         "g": [g for g, vs in values.items() for _ in vs]})


def test_share_positive_and_its_wilson_interval_against_statsmodels():
    r = answers({"a": [1] * 37 + [0] * 13, "b": [1] * 4 + [0] * 26})
    table = headline(r, outcome=BINARY, by="g", min_n=1).set_index("group")
    for g, k, n in (("a", 37, 50), ("b", 4, 30)):
        low, high = proportion_confint(k, n, alpha=0.05, method="wilson")
        assert_allclose(table.loc[g, ["value", "value_low", "value_high"]].astype(float), [k / n, low, high], atol=1e-12)
    assert table["figure"].unique().tolist() == ["share_positive"]
    assert table.loc["a", "rank"] == 1 and table.loc["b", "rank"] == 2


def test_scale_mean_interval_and_top2_against_statsmodels():
    rng = np.random.default_rng(3)
    values = rng.integers(1, 8, 80)
    row = headline(pd.DataFrame({"recommend": values}), outcome=SEVEN).iloc[0]
    low, high = DescrStatsW(values.astype(float)).tconfint_mean(alpha=0.05)
    assert_allclose([row["value"], row["value_low"], row["value_high"]], [values.mean(), low, high], atol=1e-12)
    top = int(np.isin(values, [6, 7]).sum())                     # the top-2 box of a 1–7 scale: 6 and 7
    t_low, t_high = proportion_confint(top, 80, alpha=0.05, method="wilson")
    assert_allclose([row["top2"], row["top2_low"], row["top2_high"]], [top / 80, t_low, t_high], atol=1e-12)
    assert row["figure"] == "mean"


def test_nps_outcome_gives_the_nps_table_with_the_common_columns():
    r = answers({"a": [10, 9, 8, 3, 10], "b": [0, 5, 9, 9, 9]})
    ours = headline(r, outcome=NPS_OUTCOME, by="g", min_n=1)
    assert ours["value"].tolist() == nps(r, by="g", min_n=1)["nps"].tolist() == [40.0, 20.0]
    assert (ours["figure"] == "nps").all()


def test_small_groups_are_flagged_not_ranked():
    r = answers({"a": [1] * 40, "b": [0, 1]})
    table = headline(r, outcome=BINARY, by="g").set_index("group")
    assert bool(table.loc["b", "small"]) and pd.isna(table.loc["b", "rank"])


def test_welch_anova_against_statsmodels():
    rng = np.random.default_rng(7)
    groups = [rng.normal(m, s, n) for m, s, n in ((3, 1, 30), (3.5, 2, 45), (4, 0.5, 20))]
    f, dof, p = welch_anova([g.mean() for g in groups], [g.var(ddof=1) / len(g) for g in groups],
                            [len(g) for g in groups])
    ref = anova_oneway(groups, use_var="unequal", welch_correction=True)
    assert_allclose([f, p], [ref.statistic, ref.pvalue], rtol=1e-10)
    assert dof == 2


def test_scale_test_and_pairs_against_scipy_welch():
    rng = np.random.default_rng(11)
    r = answers({"a": rng.integers(4, 8, 60).tolist(), "b": rng.integers(1, 6, 50).tolist(),
                 "c": rng.integers(2, 8, 40).tolist()})
    test = headline_test(r, by="g", outcome=SEVEN).iloc[0]
    ref = anova_oneway([r.loc[r.g == g, "recommend"].to_numpy(float) for g in "abc"], use_var="unequal")
    assert test["test"] == "welch_anova" and test["groups"] == 3
    assert_allclose(test["p_value"], ref.pvalue, rtol=1e-10)
    pairs = headline_pairwise(r, by="g", outcome=SEVEN).set_index(["group_a", "group_b"])
    for (a, b), row in pairs.iterrows():
        x, y = (r.loc[r.g == g, "recommend"].to_numpy(float) for g in (a, b))
        welch = sps.ttest_ind(x, y, equal_var=False)
        ci = welch.confidence_interval(0.95)
        assert_allclose([row["diff"], row["p_value"], row["diff_low"], row["diff_high"]],
                        [x.mean() - y.mean(), welch.pvalue, ci.low, ci.high], rtol=1e-9)


def test_binary_test_and_pairs_against_statsmodels():
    r = answers({"a": [1] * 30 + [0] * 20, "b": [1] * 12 + [0] * 28})
    test = headline_test(r, by="g", outcome=BINARY).iloc[0]
    chi2, p, dof, _ = sps.chi2_contingency([[30, 20], [12, 28]], correction=False)
    assert_allclose([test["statistic"], test["p_value"]], [chi2, p])
    pair = headline_pairwise(r, by="g", outcome=BINARY).iloc[0]
    ref = proportions_2indep(30, 50, 12, 40, method="wald", compare="diff", correction=False)
    assert_allclose([pair["diff"], pair["p_value"]], [0.6 - 0.3, ref.pvalue], rtol=1e-9)
    # a Wald interval of the difference by hand: se = sqrt(.6·.4/50 + .3·.7/40)
    se = np.sqrt(0.6 * 0.4 / 50 + 0.3 * 0.7 / 40)
    assert_allclose([pair["diff_low"], pair["diff_high"]], [0.3 - 1.959963984540054 * se, 0.3 + 1.959963984540054 * se])


def test_binary_groups_all_one_answer_give_no_test_not_an_error():
    r = answers({"a": [1] * 30, "b": [1] * 30})
    assert headline_test(r, by="g", outcome=BINARY).iloc[0]["p_value"] == 1.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 1), min_size=1, max_size=200), st.floats(0.5, 0.99))
def test_share_interval_holds_the_share(values, confidence):
    row = headline(pd.DataFrame({"recommend": values}), outcome=BINARY, confidence=confidence).iloc[0]
    assert row["value_low"] - 1e-12 <= row["value"] <= row["value_high"] + 1e-12
    assert 0 <= row["value_low"] and row["value_high"] <= 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 7), min_size=2, max_size=200))
def test_scale_figures_stay_on_the_scale(values):
    row = headline(pd.DataFrame({"recommend": values}), outcome=SEVEN).iloc[0]
    assert 1 <= row["value"] <= 7 and 0 <= row["top2"] <= 1
    assert row["value_low"] <= row["value"] + 1e-12 or np.isnan(row["value_low"])


# --- survey weights -----------------------------------------------------------------------------

def test_weighted_mean_and_its_interval_against_statsmodels_wls_with_hc1_errors():
    import statsmodels.api as sm

    rng = np.random.default_rng(5)
    values, weights = rng.integers(1, 8, 120).astype(float), rng.uniform(0.3, 3.0, 120)
    row = headline(pd.DataFrame({"recommend": values, "weight": weights}), outcome=SEVEN).iloc[0]
    fit = sm.WLS(values, np.ones(120), weights=weights).fit(cov_type="HC1")   # the linearisation estimator
    half = sps.t.ppf(0.975, 119) * fit.bse[0]
    assert_allclose([row["value"], row["value_low"], row["value_high"]],
                    [fit.params[0], fit.params[0] - half, fit.params[0] + half], rtol=1e-10)
    n_eff = weights.sum() ** 2 / (weights**2).sum()                          # Kish, by its definition
    top = weights[np.isin(values, [6, 7])].sum() / weights.sum()
    assert_allclose([row["n_eff"], row["top2"]], [n_eff, top], rtol=1e-12)
    assert_allclose([row["top2_low"], row["top2_high"]], proportion_confint(top * n_eff, n_eff, method="wilson"),
                    rtol=1e-10)


def test_weighted_share_positive_by_hand():
    # yes (1) weighs 1 + 1 + 3, no (0) weighs 1 + 2: share 5/8; n_eff = 8²/(1+1+9+1+4) = 4
    r = pd.DataFrame({"recommend": [1, 1, 1, 0, 0], "weight": [1, 1, 3, 1, 2.0]})
    row = headline(r, outcome=BINARY, min_n=1).iloc[0]
    assert (row["n"], row["n_eff"], row["value"]) == (5, 4.0, 0.625)
    assert_allclose([row["value_low"], row["value_high"]], proportion_confint(2.5, 4, method="wilson"), rtol=1e-12)


def test_weighted_nps_by_hand():
    # promoters weigh 2 + 2, passives 1, detractors 1 + 2: shares 4/8, 1/8, 3/8 → NPS 12.5; n_eff = 8²/14
    r = pd.DataFrame({"recommend": [10, 9, 7, 3, 0], "weight": [2, 2, 1, 1, 2.0]})
    row = headline(r, outcome=NPS_OUTCOME, min_n=1).iloc[0]
    assert (row["n"], row["value"]) == (5, 12.5)
    n_eff = 64 / 14
    from tpkit.stats import nps_interval
    low, high = nps_interval(0.5 * n_eff, 3 / 8 * n_eff, n_eff)
    assert_allclose([row["n_eff"], row["value_low"], row["value_high"]], [n_eff, low, high], rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10), st.sampled_from(["a", "b"])), min_size=4, max_size=80),
       st.sampled_from(["nps", "binary", "scale"]))
def test_weights_of_one_change_nothing(answers, kind):
    outcome = {"nps": NPS_OUTCOME, "binary": BINARY, "scale": OutcomeSpec("scale", 0, 10)}[kind]
    r = pd.DataFrame(answers, columns=["recommend", "g"])
    if kind == "binary":
        r["recommend"] = r["recommend"] % 2
    plain = headline(r, outcome=outcome, by="g", min_n=1)
    ones = headline(r.assign(weight=1.0), outcome=outcome, by="g", min_n=1)
    pd.testing.assert_frame_equal(plain, ones, check_exact=False, rtol=1e-9)
    if r["g"].nunique() == 2:
        pd.testing.assert_frame_equal(headline_pairwise(r, by="g", outcome=outcome, min_n=1),
                                      headline_pairwise(r.assign(weight=1.0), by="g", outcome=outcome, min_n=1),
                                      check_exact=False, rtol=1e-9)


def test_a_group_whose_weights_are_all_zero_is_left_out_of_tests_and_pairs():
    r = pd.DataFrame({"recommend": [10, 9, 3, 8] * 10 + [1, 0] * 10 + [10, 2] * 10,
                      "g": ["a"] * 40 + ["b"] * 20 + ["z"] * 20,
                      "weight": [1.0] * 60 + [0.0] * 20})
    from tpkit.recommendation import nps_pairwise, nps_test
    assert nps_test(r, by="g", min_n=1).iloc[0]["groups"] == 2
    assert set(nps_pairwise(r, by="g", min_n=1)[["group_a", "group_b"]].stack()) == {"a", "b"}
    binary = r.assign(recommend=(r["recommend"] >= 9).astype(int))
    assert headline_test(binary, by="g", outcome=BINARY, min_n=1).iloc[0]["groups"] == 2
    pairs = headline_pairwise(binary, by="g", outcome=BINARY, min_n=1)
    assert len(pairs) == 1 and pairs["p_value"].notna().all()


def test_a_pair_without_a_standard_error_is_not_significant():
    r = pd.DataFrame({"recommend": [6, 7, 5, 6, 2], "g": ["a"] * 4 + ["b"]})   # b: one answer, no spread known
    pair = headline_pairwise(r, by="g", outcome=SEVEN, min_n=1).iloc[0]
    assert np.isnan(pair["p_value"]) and not pair["significant"]


def test_a_three_point_scale_has_one_answer_at_each_end_and_intervals_stay_on_the_scale():
    from tpkit.outcome import outcome_classes

    three = OutcomeSpec("scale", 1, 3)
    positive, negative = outcome_classes(np.array([1, 2, 3.0]), three)
    assert positive.tolist() == [False, False, True] and negative.tolist() == [True, False, False]
    row = headline(pd.DataFrame({"recommend": [3, 3, 2, 3]}), outcome=three).iloc[0]
    assert row["top2"] == 0.75 and row["value_high"] <= 3
    row = headline(pd.DataFrame({"recommend": [7, 6, 7, 7]}), outcome=SEVEN).iloc[0]
    assert row["value_high"] == 7 and row["value_low"] < row["value"]


def test_two_groups_test_and_pair_agree_for_a_yes_no():
    # without a continuity correction the chi-square of a 2×2 table is the pooled z-test squared
    r = pd.DataFrame({"recommend": [1] * 40 + [0] * 20 + [1] * 29 + [0] * 31, "g": ["a"] * 60 + ["b"] * 60})
    test = headline_test(r, by="g", outcome=BINARY).iloc[0]
    p1, p2, pooled = 40 / 60, 29 / 60, 69 / 120
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (2 / 60))
    assert_allclose(test["statistic"], z**2, rtol=1e-12)
    assert test["p_value"] < 0.05 and headline_pairwise(r, by="g", outcome=BINARY).iloc[0]["significant"]


def test_a_group_whose_answers_are_all_alike_keeps_the_tests_defined():
    r = pd.DataFrame({"recommend": [5] * 30 + list(np.repeat(np.arange(1, 6), 6)), "g": ["a"] * 30 + ["b"] * 30})
    five = OutcomeSpec("scale", 1, 5)
    test = headline_test(r, by="g", outcome=five).iloc[0]
    pair = headline_pairwise(r, by="g", outcome=five).iloc[0]
    assert test["p_value"] < 1e-6 and pair["p_value"] < 1e-6 and pair["significant"]
    row = headline(r[r["g"] == "a"], outcome=five).iloc[0]        # all 5: the interval is the rounding's, not zero
    assert row["value_low"] < 5 and row["value_high"] == 5


def test_a_project_brings_its_own_outcome():
    from dataclasses import replace

    from tpkit import load_sample, with_tables

    hotel = load_sample("hotel")
    yes_no = replace(with_tables(hotel, respondents=hotel.respondents.assign(
        recommend=(hotel.respondents["recommend"] >= 9).astype("Int64"))), outcome=BINARY)
    assert headline(yes_no)["figure"].iloc[0] == "share_positive"
    pd.testing.assert_frame_equal(headline(yes_no, by="segment_id"),
                                  headline(yes_no.respondents, outcome=BINARY, by="segment_id"))

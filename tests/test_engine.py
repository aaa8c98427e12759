"""The evaluation's aggregations give the same numbers on pandas, DuckDB (from Parquet) and Spark as the
in-memory evaluation, which computes them by another route (integer codes and numpy)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tpkit import drivers, engine, evaluation
from tpkit.datasets import load_sample

SEGMENTS = [None, "business", "conference"]


@pytest.fixture(scope="module")
def hotel():
    return load_sample("hotel")


@pytest.fixture(scope="module")
def parquet(hotel, tmp_path_factory):
    return engine.write_parquet(hotel, tmp_path_factory.mktemp("parquet"))


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("tpkit-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
               .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def frames(engine_name, hotel, parquet, spark=None):
    if engine_name == "pandas-memory":
        return hotel.ratings, hotel.respondents
    return engine.scan_parquet(parquet, engine=engine_name, session=spark)


def assert_same_evaluation(ratings, respondents, hotel, segments=SEGMENTS):
    ids = hotel.touchpoints["touchpoint_id"].tolist()
    for by in ("segment_id", "loyalty", None):
        if by == "loyalty":
            continue  # the engine's respondent columns are those of RESPONDENT_COLUMNS
        pd.testing.assert_frame_equal(engine.nps(respondents, by=by), evaluation.nps(hotel.respondents, by=by))
    for segment in segments:
        pd.testing.assert_frame_equal(engine.performance(ratings, ids, respondents, segment=segment),
                                      evaluation.performance(hotel, segment=segment), check_exact=False, rtol=1e-9)
        phases = dict(zip(ids, hotel.touchpoints["phase"]))
        pd.testing.assert_frame_equal(engine.key_drivers(ratings, respondents, ids, segment=segment, phases=phases),
                                      drivers.key_drivers(hotel, segment=segment, n_boot=0),
                                      check_exact=False, rtol=1e-8, atol=1e-12)


@pytest.mark.parametrize("engine_name", ["pandas-memory", "pandas", "duckdb"])
def test_same_numbers_on_pandas_and_duckdb(engine_name, hotel, parquet):
    ratings, respondents = frames(engine_name, hotel, parquet)
    assert_same_evaluation(ratings, respondents, hotel)


def test_same_numbers_on_a_local_spark_session(hotel, parquet, spark):
    ratings, respondents = frames("spark", hotel, parquet, spark)
    assert_same_evaluation(ratings, respondents, hotel, segments=["business"])


def test_scatter_matrix_equals_the_mean_filled_covariance(hotel):
    """The engine's two-pass sums against numpy on the driver matrix, entry by entry."""
    ids = hotel.touchpoints["touchpoint_id"].tolist()
    rated, counts, scatter, n = engine.driver_moments(hotel.ratings, hotel.respondents, ids, segment="leisure")
    data = drivers.driver_data(hotel, segment="leisure")
    values = data.to_numpy()
    filled = np.where(np.isnan(values), np.nanmean(values, axis=0), values)
    assert rated == list(data.columns[:-1]) and n == len(data)
    assert counts.tolist() == data.notna().sum().iloc[:-1].tolist()
    np.testing.assert_allclose(scatter / (n - 1), np.cov(filled, rowvar=False), rtol=1e-10, atol=1e-12)


def test_engine_reads_parquet_larger_than_its_memory_limit(tmp_path):
    """DuckDB with a 64 MB memory limit evaluates a generated log of 3 million ratings (about 90 MB in memory)."""
    import duckdb

    connection = duckdb.connect(config={"memory_limit": "64MB", "threads": 2})
    connection.execute(f"""
        COPY (SELECT 'r' || (i // 15) AS respondent_id, 't' || ((i * 7 + i // 15) % 40) AS touchpoint_id,
                     1 + (hash(i) % 5)::INTEGER AS performance, 1 + (hash(i + 1) % 5)::INTEGER AS importance
              FROM range(3000000) t(i)) TO '{tmp_path}/ratings.parquet' (FORMAT parquet)""")
    connection.execute(f"""
        COPY (SELECT 'r' || j AS respondent_id, 's' || (j % 3) AS segment_id, (hash(j) % 11)::INTEGER AS recommend,
                     1 + (hash(j + 7) % 5)::INTEGER AS satisfaction
              FROM range(200000) t(j)) TO '{tmp_path}/respondents.parquet' (FORMAT parquet)""")
    ratings, respondents = engine.scan_parquet(tmp_path, engine="duckdb", session=connection)
    table = engine.performance(ratings, [f"t{k}" for k in range(40)], respondents)
    i = np.arange(3_000_000)
    assert table["n"].tolist() == np.bincount((i * 7 + i // 15) % 40, minlength=40).tolist()
    assert table["performance"].between(1, 5).all()
    counts = engine.nps_counts(respondents, by="segment_id")
    assert counts[["promoter", "passive", "detractor"]].to_numpy().sum() == 200_000


def test_the_engines_refuse_weighted_answers_and_other_outcomes_rather_than_count_them_wrong(tmp_path):
    from dataclasses import replace

    from tpkit import ModelError, OutcomeSpec, load_sample, with_tables
    from tpkit import engine

    hotel = load_sample("hotel")
    weighted = with_tables(hotel, respondents=hotel.respondents.assign(weight=2.0))
    with pytest.raises(ModelError, match="unweighted"):
        engine.nps(weighted.respondents)
    with pytest.raises(ModelError, match="unweighted"):
        engine.write_parquet(weighted, tmp_path / "w")
    with pytest.raises(ModelError, match="0–10"):
        engine.write_parquet(replace(hotel, outcome=OutcomeSpec("scale", 0, 10)), tmp_path / "s")

"""The evaluation's aggregations on any dataframe engine: pandas, DuckDB or PySpark.

The counts, shares, means and the correlation matrix the driver analysis needs are written
once, against `narwhals <https://narwhals-dev.github.io/narwhals/>`_: handed pandas frames they
run in pandas, handed DuckDB relations (Parquet files larger than memory) they run in DuckDB,
handed Spark DataFrames they run on the Spark cluster. Only small results (one row per
touchpoint or group, one matrix) come back; the statistics on them are the same functions the
in-memory evaluation uses (:func:`tpkit.evaluation.nps_from_counts`,
:func:`tpkit.evaluation.performance_from_moments`, :func:`tpkit.drivers.correlation_from_scatter`),
so every engine gives the same numbers.

Inputs are the rating log (``respondent_id``, ``touchpoint_id``, ``performance``, ``importance``)
and the respondents (``respondent_id``, ``segment_id``, ``recommend``, ``satisfaction``), with
the column names and scales of the project tables.

Example
-------
>>> from tpkit.datasets import load_sample
>>> hotel = load_sample("hotel")
>>> table = nps(hotel.respondents, by="segment_id")
>>> int(table["n"].sum()) == int(hotel.respondents["recommend"].notna().sum())
True
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import narwhals as nw
import numpy as np
import pandas as pd

from .drivers import OUTCOMES, correlation_from_scatter, driver_table, driver_weights, phase_groups
from .codes import answer_weights
from .errors import ModelError, check_choice, unknown_segment
from .evaluation import performance_from_moments
from .recommendation import nps_from_counts
from .schema import ALL_SEGMENTS
from .stats import MIN_N
from .io import Project

#: The columns each engine needs from the two tables.
RATING_COLUMNS = ["respondent_id", "touchpoint_id", "performance", "importance"]
RESPONDENT_COLUMNS = ["respondent_id", "segment_id", "recommend", "satisfaction"]


def lazy(frame: Any) -> nw.LazyFrame:
    """Any supported frame (pandas, DuckDB relation, Spark DataFrame, narwhals) as a narwhals LazyFrame."""
    if isinstance(frame, nw.LazyFrame):
        return frame
    if isinstance(frame, nw.DataFrame):
        return frame.lazy()
    native = nw.from_native(frame)
    return native.lazy() if isinstance(native, nw.DataFrame) else native


def unweighted(respondents: Any) -> nw.LazyFrame:
    """``respondents`` as a LazyFrame; a :class:`tpkit.errors.ModelError` when they carry survey weights
    (values in column ``weight``): these engines add answers up unweighted, the in-memory functions weigh
    them.

    >>> unweighted(pd.DataFrame({"recommend": [9], "weight": [1.5]}))
    Traceback (most recent call last):
    ...
    tpkit.errors.ModelError: The engines (DuckDB, Spark) count answers unweighted so far; these respondents carry survey weights (column weight): use the in-memory functions of tpkit.evaluation, which weigh them.
    """
    frame = lazy(respondents)
    if "weight" in frame.collect_schema().names() and \
            int(_collect(frame.filter(~nw.col("weight").is_null()).select(nw.len())).iloc[0, 0]) > 0:
        raise ModelError("engine_weights")
    return frame


def _collect(frame: nw.LazyFrame) -> pd.DataFrame:
    return frame.collect(backend="pandas").to_native()


def _in_segment(respondents: nw.LazyFrame, segment: str | None) -> nw.LazyFrame:
    return respondents if segment is None else respondents.filter(nw.col("segment_id") == segment)


def check_segment_on(respondents: Any, segment: str | None) -> None:
    """Raise :class:`tpkit.errors.ModelError` unless some respondent is in ``segment`` (None: all).

    Called only when a segment's result came back empty, so a valid call costs no extra pass.

    >>> r = pd.DataFrame({"respondent_id": ["a"], "segment_id": ["business"]})
    >>> check_segment_on(r, "busines")
    Traceback (most recent call last):
    ...
    tpkit.errors.ModelError: Segment 'busines' is not in respondents; choose one of: business (or None for all segments). Did you mean 'business'?
    """
    if segment is None:
        return
    known = sorted(str(s) for s in _collect(unweighted(respondents).select("segment_id").unique())["segment_id"].dropna())
    if str(segment) not in known:
        raise unknown_segment(segment, known, file="respondents")


# --- counts and shares ------------------------------------------------------------

def nps_counts(respondents: Any, *, by: str | None = None) -> pd.DataFrame:
    """Promoters, passives and detractors per group of ``by`` (one group ``all`` for None).

    >>> r = pd.DataFrame({"respondent_id": ["a", "b", "c"], "segment_id": ["x", "x", "y"],
    ...                   "recommend": [10, 7, 3], "satisfaction": [5, 4, 2]})
    >>> nps_counts(r, by="segment_id").values.tolist()
    [['x', 1, 1, 0], ['y', 0, 0, 1]]
    """
    frame = unweighted(respondents).filter(~nw.col("recommend").is_null())
    group = nw.col(by).cast(nw.String) if by else nw.lit(ALL_SEGMENTS, dtype=nw.String)
    score = nw.col("recommend")
    counted = (frame.with_columns(group=group,
                                  promoter=(score >= 9).cast(nw.Int64),
                                  passive=((score >= 7) & (score < 9)).cast(nw.Int64),
                                  detractor=(score < 7).cast(nw.Int64))
               .group_by("group").agg(nw.col("promoter", "passive", "detractor").sum())
               .sort("group"))
    out = _collect(counted)
    return out.astype({c: "int64" for c in ("promoter", "passive", "detractor")}).reset_index(drop=True)


def nps(respondents: Any, *, by: str | None = None, min_n: int = MIN_N, confidence: float = 0.95) -> pd.DataFrame:
    """:func:`tpkit.evaluation.nps` on any engine: shares, NPS, interval, small flag and rank per group.

    Returns
    -------
    The columns of :func:`tpkit.evaluation.nps`.
    """
    counts = nps_counts(respondents, by=by)
    return nps_from_counts(counts["group"], counts["promoter"], counts["passive"], counts["detractor"],
                           min_n=min_n, confidence=confidence)


# --- means ---------------------------------------------------------------------------

def rating_moments(ratings: Any, respondents: Any | None = None, *, segment: str | None = None) -> pd.DataFrame:
    """Per touchpoint: count, sum and sum of squares of performance and of importance (NaN skipped).

    With ``segment``, only ratings of that segment's respondents count (``respondents`` needed).

    Returns
    -------
    One row per rated touchpoint: ``touchpoint_id``, ``performance_n``, ``importance_n``,
    ``performance``, ``importance`` (sums), ``performance_sq``, ``importance_sq`` (sums of squares).
    """
    frame = lazy(ratings)
    if segment is not None:
        members = _in_segment(unweighted(respondents), segment).select("respondent_id")
        frame = frame.join(members, on="respondent_id", how="inner")
    values = frame.select("touchpoint_id", *[nw.col(c).cast(nw.Float64).alias(c) for c in ("performance", "importance")])
    squares = values.with_columns(performance_sq=nw.col("performance") ** 2, importance_sq=nw.col("importance") ** 2,
                                  performance_n=nw.col("performance"), importance_n=nw.col("importance"))
    sums = squares.group_by("touchpoint_id").agg(
        nw.col("performance_n", "importance_n").count(),
        nw.col("performance", "importance", "performance_sq", "importance_sq").sum())
    out = _collect(sums)
    if out.empty:
        check_segment_on(respondents, segment)
    return out


def _mean_var(n: np.ndarray, total: np.ndarray, squares: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, total / n, np.nan)
        var = np.where(n > 1, np.maximum(squares - n * mean**2, 0.0) / (n - 1), np.nan)
    return mean, var


def performance(ratings: Any, touchpoint_ids: list[str], respondents: Any | None = None, *,
                segment: str | None = None, min_n: int = MIN_N, confidence: float = 0.95) -> pd.DataFrame:
    """:func:`tpkit.evaluation.performance` on any engine, one row per id of ``touchpoint_ids``.

    Returns
    -------
    The columns of :func:`tpkit.evaluation.performance`.
    """
    sums = rating_moments(ratings, respondents, segment=segment).set_index("touchpoint_id").reindex(touchpoint_ids)
    sums = sums.fillna(0.0)
    moments = []
    for column in ("performance", "importance"):
        n = sums[f"{column}_n"].to_numpy(dtype=float)
        mean, var = _mean_var(n, sums[column].to_numpy(dtype=float), sums[f"{column}_sq"].to_numpy(dtype=float))
        moments.append((n, mean, var))
    return performance_from_moments(np.asarray(touchpoint_ids, dtype=object), *moments, min_n=min_n,
                                    confidence=confidence)


# --- the correlation matrix of the driver analysis ---------------------------------------

def driver_moments(ratings: Any, respondents: Any, touchpoint_ids: list[str], *, outcome: str = "recommend",
                   segment: str | None = None) -> tuple[list[str], np.ndarray, np.ndarray, int]:
    """What the driver analysis needs, summed by the engine: the touchpoints rated (in order), how
    often each was rated, the scatter matrix of the mean-filled performances with the outcome as
    last variable (see :func:`tpkit.drivers.correlation_from_scatter`) and the number of respondents.

    Two passes over the data: the means, then the sums of centred products (one row per respondent
    after a pivot of the rating log, so the log may be far larger than memory).
    """
    check_choice("outcome", outcome, OUTCOMES)
    people = _in_segment(unweighted(respondents), segment).filter(~nw.col(outcome).is_null())
    people = people.select("respondent_id", nw.col(outcome).cast(nw.Float64).alias("outcome"))
    names = [f"tp{i}" for i in range(len(touchpoint_ids))]
    spread = lazy(ratings).select(
        "respondent_id",
        *[nw.when(nw.col("touchpoint_id") == t).then(nw.col("performance").cast(nw.Float64)).alias(c)
          for t, c in zip(touchpoint_ids, names)])
    wide = spread.group_by("respondent_id").agg(nw.col(*names).max())
    table = people.join(wide, on="respondent_id", how="left")
    columns = names + ["outcome"]
    first = _collect(table.select(*[nw.col(c).mean().alias(f"m_{c}") for c in columns],
                                  *[nw.col(c).count().alias(f"n_{c}") for c in columns]))
    means = {c: first[f"m_{c}"].iloc[0] for c in columns}
    counts = np.array([first[f"n_{c}"].iloc[0] for c in names], dtype=int)
    respondents_n = int(first["n_outcome"].iloc[0])
    if not respondents_n:
        check_segment_on(respondents, segment)
    rated = [i for i, k in enumerate(counts) if k > 0]
    kept = [names[i] for i in rated] + ["outcome"]
    centred = {c: (nw.col(c) - float(means[c])).fill_null(0.0) for c in kept}
    pairs = [(a, b) for i, a in enumerate(kept) for b in kept[i:]]
    second = _collect(table.select(*[(centred[a] * centred[b]).sum().alias(f"s{i}") for i, (a, b) in
                                     enumerate(pairs)])) if respondents_n else None
    scatter = np.zeros((len(kept), len(kept)))
    if second is not None:
        index = {c: i for i, c in enumerate(kept)}
        for i, (a, b) in enumerate(pairs):
            scatter[index[a], index[b]] = scatter[index[b], index[a]] = float(second[f"s{i}"].iloc[0])
    return [touchpoint_ids[i] for i in rated], counts[rated], scatter, respondents_n


def key_drivers(ratings: Any, respondents: Any, touchpoint_ids: list[str], *, outcome: str = "recommend",
                segment: str | None = None, method: str = "auto", phases: Mapping[str, str] | None = None,
                min_n: int = MIN_N, seed: int = 0) -> pd.DataFrame:
    """:func:`tpkit.drivers.key_drivers` on any engine (mean-filled missing ratings, no bootstrap:
    resampling respondents needs them in memory).

    ``phases`` maps each touchpoint to its phase, the groups of Owen values (as ``touchpoints.csv`` has
    them); without it ``auto`` chooses between exact Shapley values and relative weights only.

    Returns
    -------
    The columns of :func:`tpkit.drivers.key_drivers` (intervals empty).
    """
    rated, counts, scatter, people = driver_moments(ratings, respondents, touchpoint_ids, outcome=outcome,
                                                    segment=segment)
    count = pd.Series(counts, index=rated)
    keep = [i for i, t in enumerate(rated) if count[t] >= min_n]
    drivers = [rated[i] for i in keep]
    small = [t for t in rated if count[t] < min_n]
    fit = None
    if drivers:
        corr, repaired = correlation_from_scatter(scatter[np.ix_(keep + [-1], keep + [-1])])
        groups = None if phases is None else phase_groups(phases, drivers)
        weights, se, used = driver_weights(corr, method=method, groups=groups, seed=seed)
        fit = (weights, se, used, repaired, None, None)
    return driver_table(drivers, small, count, fit, method=method, outcome=outcome, segment=segment,
                        n_model=people if drivers else 0, missing="mean")


# --- Parquet and the engines' own frames ------------------------------------------------

def write_parquet(project: Project, folder: str | os.PathLike) -> Path:
    """The project's rating log and respondents as ``ratings.parquet`` and ``respondents.parquet``.

    >>> import tempfile
    >>> from tpkit.datasets import load_sample
    >>> folder = write_parquet(load_sample("hotel"), tempfile.mkdtemp())
    >>> sorted(p.name for p in folder.iterdir())
    ['ratings.parquet', 'respondents.parquet']
    """
    if answer_weights(project.respondents) is not None:
        raise ModelError("engine_weights")
    if project.outcome.kind != "nps":   # the engines' NPS counts read 0–10 answers
        raise ModelError("engine_outcome", name=project.outcome.figure)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    project.ratings[RATING_COLUMNS].to_parquet(folder / "ratings.parquet", index=False)
    project.respondents[RESPONDENT_COLUMNS].to_parquet(folder / "respondents.parquet", index=False)
    return folder


def scan_parquet(folder: str | os.PathLike, *, engine: str = "duckdb", session: Any = None) -> tuple[Any, Any]:
    """The rating log and respondents of ``folder`` (Parquet files or folders of them) as frames of
    ``engine``: ``"pandas"`` (read into memory), ``"duckdb"`` (read while the query runs) or
    ``"spark"`` (``session`` is the SparkSession; the paths may be on any file system Spark reads)."""
    check_choice("engine", engine, ("pandas", "duckdb", "spark"))
    folder = Path(folder) if engine != "spark" else folder
    paths = [f"{folder}/ratings.parquet", f"{folder}/respondents.parquet"]
    if engine == "pandas":
        return tuple(pd.read_parquet(p) for p in paths)
    if engine == "duckdb":
        import duckdb

        connection = session or duckdb.connect()
        return tuple(connection.read_parquet(p if not Path(p).is_dir() else f"{p}/*.parquet") for p in paths)
    if session is None:
        raise ModelError("spark_session")
    return tuple(session.read.parquet(p) for p in paths)

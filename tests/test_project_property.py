"""Property tests of the parsers on whole projects: any valid project round-trips unchanged through a
CSV folder, a workbook and a zip; any bytes give a project or a ProjectError, never another exception."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
from conftest import assert_same_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tpkit.io import Project, build_project, load_project, load_upload, save_project
from tpkit.cells import read_csv_bytes
from tpkit.files import neutralise
from tpkit.problems import ProjectError
from tpkit.schema import CHANNELS, CONTACTS, INCIDENTS, KINDS, LOYALTY, NETWORK_TRAITS, PHASES, TABLES, VOTERS

text = st.text(alphabet="AaZzÄäÖöÜüß ,;\"'=+-@\n€é\t|", min_size=1, max_size=16).filter(lambda s: s.strip() == s and s)
ident = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_-", min_size=1, max_size=6)
NA = pd.NA


def maybe(strategy):
    return st.none().map(lambda _: NA) | strategy


@st.composite
def projects(draw) -> dict[str, pd.DataFrame]:
    tps = draw(st.lists(ident, min_size=1, max_size=6, unique=True))
    segs = draw(st.lists(ident, min_size=2, max_size=4, unique=True))
    resp = draw(st.lists(ident, min_size=1, max_size=8, unique=True))
    segment_cell = st.sampled_from(["all"]) | st.lists(st.sampled_from(segs), min_size=1, max_size=3,
                                                       unique=True).map("|".join)
    touchpoints = pd.DataFrame({
        "touchpoint_id": tps, "name": [draw(text) for _ in tps], "name_en": [draw(maybe(text)) for _ in tps],
        "phase": [draw(st.sampled_from(PHASES)) for _ in tps], "channel": [draw(st.sampled_from(CHANNELS)) for _ in tps],
        "contact": [draw(st.sampled_from(CONTACTS)) for _ in tps], "kind": [draw(st.sampled_from(KINDS)) for _ in tps],
        "owner": [draw(text) for _ in tps],
        "annual_cost": [draw(st.floats(0, 1e9, allow_nan=False)) for _ in tps],
        "annual_contacts": [draw(st.integers(0, 10**9)) for _ in tps],
        "segments": [draw(segment_cell) for _ in tps]})
    segments = pd.DataFrame({
        "segment_id": segs, "name": [draw(text) for _ in segs], "name_en": [draw(maybe(text)) for _ in segs],
        "customers": [draw(maybe(st.integers(0, 10**7))) for _ in segs],
        "revenue_per_customer": [draw(maybe(st.floats(0, 1e6, allow_nan=False))) for _ in segs],
        "margin": [draw(maybe(st.floats(-1, 1, allow_nan=False))) for _ in segs],
        "wanted": [draw(maybe(st.booleans())) for _ in segs],
        "strategic_fit": [draw(maybe(st.integers(-2, 2))) for _ in segs],
        "network": [draw(maybe(st.sampled_from(("strong", "weak")))) for _ in segs],
        **{trait: [draw(maybe(st.integers(0, 2))) for _ in segs] for trait in NETWORK_TRAITS}})
    pairs = [(a, b) for a in segs for b in segs if a != b]
    fit_pairs = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    segment_fit = pd.DataFrame({"segment_id": [a for a, _ in fit_pairs], "other_segment_id": [b for _, b in fit_pairs],
                                "fit": [draw(st.integers(-2, 2)) for _ in fit_pairs]})
    respondents = pd.DataFrame({
        "respondent_id": resp, "segment_id": [draw(st.sampled_from(segs)) for _ in resp],
        "loyalty": [draw(st.sampled_from(LOYALTY)) for _ in resp],
        "recommend": [draw(st.integers(0, 10)) for _ in resp],
        "satisfaction": [draw(maybe(st.integers(1, 5))) for _ in resp]})
    rated = draw(st.lists(st.tuples(st.sampled_from(resp), st.sampled_from(tps)), unique=True, max_size=12))
    ratings = pd.DataFrame({
        "respondent_id": [r for r, _ in rated], "touchpoint_id": [t for _, t in rated],
        "performance": [draw(st.integers(1, 5)) for _ in rated],
        "importance": [draw(maybe(st.integers(1, 5))) for _ in rated],
        "incident": [draw(maybe(st.sampled_from(INCIDENTS))) for _ in rated],
        "comment": [draw(maybe(text)) for _ in rated]})
    mids = draw(st.lists(ident, max_size=3, unique=True))
    measures = pd.DataFrame({
        "measure_id": mids, "touchpoint_id": [draw(st.sampled_from(tps)) for _ in mids],
        "name": [draw(text) for _ in mids], "name_en": [draw(maybe(text)) for _ in mids],
        "proposed_by": [draw(text) for _ in mids], "owner": [draw(text) for _ in mids],
        "cost": [draw(st.floats(0, 1e7, allow_nan=False)) for _ in mids],
        "uplift": [draw(st.floats(-4, 4, allow_nan=False)) for _ in mids],
        "due_date": [pd.Timestamp(draw(st.dates(pd.Timestamp("2000-01-01").date(),
                                                pd.Timestamp("2099-12-31").date()))) for _ in mids],
        "commitment": [draw(maybe(text)) for _ in mids],
        "proposed_by_type": [draw(maybe(st.sampled_from(VOTERS))) for _ in mids],
        "idea": [draw(maybe(text)) for _ in mids]})
    voted = draw(st.lists(st.tuples(ident, st.sampled_from(mids)), unique=True, max_size=5)) if mids else []
    votes = pd.DataFrame({"voter_id": [v for v, _ in voted], "voter_type": [draw(st.sampled_from(VOTERS)) for _ in voted],
                          "measure_id": [m for _, m in voted], "points": [draw(st.integers(0, 100)) for _ in voted],
                          "comment": [draw(maybe(text)) for _ in voted]})
    return {"touchpoints": touchpoints, "segments": segments, "segment_fit": segment_fit,
            "respondents": respondents, "ratings": ratings, "measures": measures, "votes": votes}


def as_csv_files(tables: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """The generated tables as an analyst's CSV files (plain text, no guard quotes)."""
    files = {}
    for name, frame in tables.items():
        buffer = io.StringIO()
        out = frame.astype(object).where(frame.notna(), "")
        if "due_date" in out:
            out["due_date"] = [d.strftime("%Y-%m-%d") if d != "" else "" for d in out["due_date"]]
        for col in out:
            out[col] = [("true" if v else "false") if isinstance(v, bool) else (repr(v) if isinstance(v, float) else
                        neutralise(v) if isinstance(v, str) else v) for v in out[col]]
        out.to_csv(buffer, index=False)
        files[TABLES[name].filename] = buffer.getvalue().encode("utf-8")
    return files


def assert_values(project: Project, tables: dict[str, pd.DataFrame]) -> None:
    for name, frame in tables.items():
        loaded = project.table(name)[list(frame.columns)]
        expected = frame.astype(object).where(frame.notna(), None)
        got = loaded.astype(object).where(loaded.notna(), None)
        assert got.values.tolist() == expected.values.tolist(), name


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(projects())
def test_any_valid_project_round_trips_unchanged(tmp_path_factory, tables):
    files = as_csv_files(tables)
    first = load_upload("projekt.zip", zipped(files))
    assert_values(first, tables)
    folder = save_project(first, tmp_path_factory.mktemp("csv") / "p")
    assert_same_project(load_project(folder), first)
    book = save_project(first, tmp_path_factory.mktemp("xlsx") / "p.xlsx")
    assert_same_project(load_project(book), first)
    again = save_project(load_project(book), tmp_path_factory.mktemp("again") / "p")
    assert_same_project(load_project(again), first)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(alphabet="ab,;\t\"'\n\r=1.-ä", max_size=200).map(str.encode))
def test_any_bytes_give_a_project_or_a_clear_error(data):
    try:
        result = read_csv_bytes("touchpoints.csv", data, TABLES["touchpoints"].columns)
        if not isinstance(result, list):
            build_project({"touchpoints": result}, "p")
    except ProjectError as error:
        assert error.problems
    for name in ("x.zip", "x.xlsx"):
        try:
            load_upload(name, data)
        except ProjectError as error:
            assert error.problems

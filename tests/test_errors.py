"""Errors a user can read: one segment check for every function that takes a segment, with a
did-you-mean, and model errors that carry a key and read in German and English."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from tpkit import engine, evaluation, strategy
from tpkit.datasets import load_sample
from tpkit.drivers import driver_data, key_drivers
from tpkit.errors import ModelError, check_choice, check_segment, check_touchpoint, closest
from tpkit.i18n import WORDS, t

ROOT = Path(__file__).resolve().parent.parent
HOTEL = load_sample("hotel")

# Every function that takes ``segment=``: before the check, an unknown id silently selected nobody in
# performance, ipa, incidents and key_drivers (a table of zeros and empties).
SEGMENT_FUNCTIONS = {
    "performance": lambda s: evaluation.performance(HOTEL, segment=s),
    "ipa": lambda s: evaluation.ipa(HOTEL, segment=s),
    "incidents": lambda s: evaluation.incidents(HOTEL, segment=s),
    "inside_outside": lambda s: evaluation.inside_outside(HOTEL, segment=s),
    "key_drivers": lambda s: key_drivers(HOTEL, segment=s, n_boot=0),
    "driver_data": lambda s: driver_data(HOTEL, segment=s),
    "exit_plan": lambda s: strategy.exit_plan(HOTEL, segment=s),
    "engine.performance": lambda s: engine.performance(HOTEL.ratings, HOTEL.touchpoints["touchpoint_id"].tolist(),
                                                       HOTEL.respondents, segment=s),
    "engine.key_drivers": lambda s: engine.key_drivers(HOTEL.ratings, HOTEL.respondents,
                                                       HOTEL.touchpoints["touchpoint_id"].tolist(), segment=s),
}


@pytest.mark.parametrize("name", sorted(SEGMENT_FUNCTIONS))
def test_an_unknown_segment_is_an_error_with_a_did_you_mean(name):
    with pytest.raises(ModelError) as caught:
        SEGMENT_FUNCTIONS[name]("buisness")
    err = caught.value
    assert err.key == "unknown_segment" and err.suggestion == "business"
    assert "Did you mean 'business'?" in str(err)
    assert "Meintest du 'business'?" in err.message("de")


@pytest.mark.parametrize("name", sorted(SEGMENT_FUNCTIONS))
def test_a_known_segment_still_works(name):
    SEGMENT_FUNCTIONS[name]("business")


def test_the_segment_check_by_hand():
    assert check_segment(HOTEL, None) is None
    assert check_segment(HOTEL, "leisure") == "leisure"
    with pytest.raises(ModelError) as caught:
        check_segment(HOTEL, "all")   # None means all segments; "all" is not an id
    assert caught.value.suggestion is None
    assert str(caught.value) == ("Segment 'all' is not in segments.csv; choose one of: business, conference, leisure, "
                                 "regulars, bus_tours (or None for all segments).")
    assert caught.value.message("de") == (
        "Das Segment 'all' steht nicht in segments.csv; wähle eines von: business, conference, leisure, "
        "regulars, bus_tours (oder None für alle Segmente).")
    assert closest("BUSINESS", ["business"]) == "business"
    assert check_touchpoint(HOTEL, "spa") == "spa"
    with pytest.raises(ModelError, match="Did you mean 'wifi'"):
        check_touchpoint(HOTEL, "wfi")
    with pytest.raises(ModelError, match="Did you mean 'stated'"):
        check_choice("view", "stateed", ("derived", "stated"))


def test_model_errors_are_value_errors_with_english_text_and_german_words():
    err = ModelError("target_out_of_range", low=1, high=7)
    assert isinstance(err, ValueError)
    assert str(err) == t("error.target_out_of_range", "en", low=1, high=7) == \
        "A target level must lie on the rating scale, between 1 and 7."
    assert err.message("de") == "Ein Ziel-Level muss auf der Bewertungsskala liegen, zwischen 1 und 7."
    with pytest.raises(ModelError) as caught:
        key_drivers(HOTEL, outcome="revenue")
    assert caught.value.message("de").startswith("outcome muss eines sein von: recommend, satisfaction")


def test_every_error_key_raised_has_words_with_the_same_placeholders():
    """Every ModelError("key", ...) in tpkit has ``error.key`` words whose placeholders it fills."""
    raised = set()
    for path in (ROOT / "tpkit").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "ModelError"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                key = f"error.{node.args[0].value}"
                assert key in WORDS, f"{path.name}: {key} has no words"
                given = {k.arg for k in node.keywords} - {"suggestion"}
                if None not in given:   # no **params: the call names every placeholder
                    needed = {f for w in WORDS[key] for _, f, _, _ in string.Formatter().parse(w) if f}
                    assert needed <= given, f"{path.name}: {key} needs {needed - given}"
                raised.add(key)
    assert len(raised) >= 8


def test_no_word_is_defined_twice():
    """A key written twice in the WORDS literal silently keeps the last; several modules add words."""
    tree = ast.parse((ROOT / "tpkit" / "i18n.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and len(node.keys) > 100:
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            twice = {k for k in keys if keys.count(k) > 1}
            assert not twice, f"words defined twice: {sorted(twice)}"
            return
    raise AssertionError("WORDS not found")


def test_no_private_name_is_imported_across_modules():
    pattern = re.compile(r"^\s*from\s+[.\w]+\s+import\s+(?:\(([^)]*)\)|(.*)$)", re.M)
    for path in [*(ROOT / "tpkit").rglob("*.py"), *(ROOT / "tests").glob("*.py")]:
        for bracketed, plain in pattern.findall(path.read_text(encoding="utf-8")):
            names = bracketed or plain.split("#")[0]
            private = [n.strip() for n in names.replace("\n", " ").split(",") if n.strip().startswith("_") and not n.strip().startswith("__")]
            assert not private, f"{path.name} imports private names {private}"


def test_a_number_given_for_a_numeric_segment_id_selects_that_segment():
    """Segment ids such as "1" are text; a script that passes the number 1 gets the same answer."""
    from tpkit.io import with_tables
    renamed = with_tables(HOTEL, segments=HOTEL.segments.replace({"segment_id": {"business": "1"}}),
                          respondents=HOTEL.respondents.replace({"segment_id": {"business": "1"}}))
    by_text = evaluation.performance(renamed, segment="1")
    by_number = evaluation.performance(renamed, segment=1)
    assert by_number["n"].sum() == by_text["n"].sum() == evaluation.performance(HOTEL, segment="business")["n"].sum()
    assert key_drivers(renamed, segment=1, n_boot=0)["weight"].notna().sum() > 0

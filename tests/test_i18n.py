"""Every user-facing word exists in German and English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tpkit import i18n
from tpkit.i18n import LANGUAGES, WORDS, format_money, label, relabel, t
from tpkit.problems import CODES, Problem
from tpkit.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent


def test_every_word_has_both_languages():
    for key, words in WORDS.items():
        assert len(words) == len(LANGUAGES), key
        assert all(w.strip() for w in words), key
        fields = [set(re.findall(r"{(\w+)}", w)) for w in words]
        assert fields[0] == fields[1], f"{key}: placeholders differ between languages"


def test_every_vocabulary_value_has_a_label():
    for table in TABLES.values():
        for f in table.fields:
            for value in f.choices:
                assert f"{f.name}.{value}" in WORDS, (table.name, f.name, value)
    for status in ("ok", "indirect_only", "missing"):
        assert f"gap_status.{status}" in WORDS


def test_every_problem_code_has_a_message_and_a_fix():
    for code in CODES:
        assert f"problem.{code}" in WORDS, code
        # range problems share fix.range, zip problems fix.zip
        assert f"fix.{code}" in WORDS or code in ("below_min", "above_max", "zip_unsafe", "zip_too_large"), code
    fixes = {k.split(".", 1)[1] for k in WORDS if k.startswith("fix.")}
    assert fixes - CODES <= {"range", "min_only", "cell_empty_segments", "column_missing_similar", "not_in_choices_similar",
                             "unknown_reference_similar", "unknown_reference_zeros", "zip", "not_yes_no", "not_a_weight", "not_in_choices_loyalty",
                                 "not_number_empty"}
    with pytest.raises(ValueError):
        Problem("x.csv", 1, "a", "no_such_code")


def test_every_key_used_in_ui_and_charts_exists():
    package = ROOT / "tpkit"
    modules = [*package.glob("ui/*.py"), *package.glob("scenario/*.py"),
               *(package / m for m in ("charts.py", "display.py", "inventory.py", "report.py"))]
    for module in modules:
        text = module.read_text(encoding="utf-8")
        for key in re.findall(r'\bt\("([a-z_.]+)"', text):
            assert key in WORDS, (module.name, key)


def test_relabel_and_formats():
    import pandas as pd
    frame = pd.DataFrame({"phase": ["purchase"], "annual_cost": [1.0]})
    assert relabel(frame, "de").columns.tolist() == ["Phase", "Kosten pro Jahr"]
    assert relabel(frame, "de")["Phase"].tolist() == ["Kauf"]
    assert label("kind", "third_party", "en") == "Third party"
    assert label("phase", "unknown-value", "en") == "unknown-value"
    assert format_money(1234.5, "EUR", "de", 2) == "1.234,50 EUR"
    with pytest.raises(ValueError):
        t("phase", "fr")
    assert i18n.DEFAULT_LANG == "de"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_table_heading_is_a_word(lang):
    """No column of the strategy page or the comments table shows its code (``points``, ``incident``)."""
    from tpkit.datasets import load_sample
    from tpkit.display import section_html
    from tpkit.report import comments_table, strategy_html
    from tpkit.scenario import Scenario

    hotel = load_sample("hotel")
    pages = strategy_html(hotel, Scenario("x"), lang=lang) + section_html(comments_table(hotel, lang=lang), lang=lang)
    headings = set(re.findall(r"<th>([^<]*)</th>", pages))
    assert len(headings) > 40
    assert not [h for h in headings if re.fullmatch(r"[a-z]+(_[a-z]+)*", h) and h != "n"]

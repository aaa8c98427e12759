"""A dashboard kernel imports only what the page needs (issue 11): after ``import tpkit.ui`` and building
the planner, with tpkit's cache filled, none of the heavy modules a page does not use is loaded; Altair's
offline bundle from the cache is the one vl-convert builds; jsonschema lacks only the "iri" checker, and
``rfc3987_syntax`` stays importable for anyone else. Each case runs in a fresh Python process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Modules a dashboard kernel must not load: test-only, checking-only, or slow to import and unused by a page.
HEAVY = ("pandera", "pyspark", "scipy.stats", "scipy.optimize", "rfc3987_syntax", "lark")


def run(code: str, cache: Path | str) -> dict:
    """Run ``code`` (which prints one JSON line last) in a fresh process using the cache folder ``cache``."""
    env = {**os.environ, "TPKIT_CACHE": str(cache)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tpkit-cache")


PLANNER = """
import json, sys, hashlib
import tpkit.ui
app = tpkit.ui.whatif_app("de")
import altair as alt
print(json.dumps({"loaded": [m for m in %r if m in sys.modules],
                  "bundle": hashlib.sha256(alt.JupyterChart._esm.encode()).hexdigest(),
                  "kpis": app.kpis.value}))
""" % (HEAVY,)


def test_a_planner_kernel_loads_none_of_the_heavy_modules(cache):
    cold = run(PLANNER, cache)  # fills the cache (parses the hotel, builds the bundle)
    warm = run(PLANNER, cache)
    assert warm["loaded"] == []
    assert warm["kpis"] == cold["kpis"]


def test_the_cached_offline_bundle_is_the_one_vl_convert_builds(cache):
    cached = run(PLANNER, cache)["bundle"]
    assert list((cache / "vega").glob("*.entry"))
    assert run(PLANNER, "off")["bundle"] == cached  # built afresh by vl-convert


def test_jsonschema_lacks_only_the_iri_checker_and_rfc3987_syntax_stays_importable(cache):
    code = """
import json, sys
import tpkit.vega
import jsonschema
checkers = set(jsonschema.Draft7Validator.FORMAT_CHECKER.checkers)
blocked = "rfc3987_syntax" in sys.modules
import rfc3987_syntax
print(json.dumps({"iri": "iri" in checkers, "uri": "uri" in checkers, "blocked": blocked,
                  "usable": rfc3987_syntax.is_valid_syntax("iri", "http://example.org/ä")}))
"""
    assert run(code, cache) == {"iri": False, "uri": True, "blocked": False, "usable": True}

"""Altair for tpkit's charts and dashboards, loaded without what a kernel never uses.

``from tpkit.vega import alt`` is ``import altair as alt`` less two costs of a fresh kernel:

- Altair validates charts with jsonschema, whose module of format checkers imports every optional
  checker package that is installed. ``rfc3987_syntax`` (installed with Jupyter's server, for the
  "iri" format) builds a Lark grammar at import: 1.2 s, for a format no Vega-Lite schema uses. While
  Altair (and with it jsonschema) is imported for the first time, the name is blocked, so jsonschema
  leaves that one checker out; afterwards the block is lifted, and anything else may import the
  package as usual. The block is not set when jsonschema is imported already (its checkers are set).
- :func:`enable_offline` lets chart widgets work without internet (their JavaScript comes from the
  kernel, not from a CDN), as ``alt.JupyterChart.enable_offline()`` does; vl-convert builds that
  bundle in 1.3 s each time, so it is kept in tpkit's cache (:mod:`tpkit.cache`), keyed by the
  Altair and vl-convert versions and the bundled source.

Example
-------
>>> alt.Chart.__module__.split(".")[0]
'altair'
"""

from __future__ import annotations

import sys

from .cache import cached_bytes, digest

_SKIPPED = "rfc3987_syntax"


def _import_altair():
    if "altair" in sys.modules or "jsonschema" in sys.modules or _SKIPPED in sys.modules:
        import altair

        return altair
    sys.modules[_SKIPPED] = None  # an import of it raises ImportError, which jsonschema passes over
    try:
        import altair
        import jsonschema._format  # noqa: F401  (altair imports it already; here in case a version would not)
    finally:
        if sys.modules.get(_SKIPPED, 0) is None:
            del sys.modules[_SKIPPED]
    return altair


alt = _import_altair()


def enable_offline() -> None:
    """Chart widgets with their JavaScript from the kernel (no CDN), the bundle from tpkit's cache.

    Notes
    -----
    Calls ``alt.JupyterChart.enable_offline()``; its one slow step, ``vl_convert.javascript_bundle``, is
    answered from the cache (:func:`tpkit.cache.cached_bytes`, key: Altair's and vl-convert's versions,
    the Vega-Lite version and the source to bundle) and built only when missing.
    """
    import vl_convert

    build = vl_convert.javascript_bundle

    def bundle(source: str, *args: object, **kwargs: object) -> str:
        key = digest([alt.__version__, vl_convert.__version__, repr(args), repr(sorted(kwargs.items())), source])
        return cached_bytes("vega", key, lambda: build(source, *args, **kwargs).encode("utf-8")).decode("utf-8")

    vl_convert.javascript_bundle = bundle
    try:
        alt.JupyterChart.enable_offline()
    finally:
        vl_convert.javascript_bundle = build

"""The Voilà dashboards, made of panels. Thin: read widgets, call tpkit, show charts and HTML.

``overview_app()`` is the inventory dashboard: choose a sample project or upload your own (a .zip of
the CSV tables or an .xlsx workbook), see the key figures, the touchpoint map, coverage,
departments and journey gaps, in German or English. A bad upload shows every problem in the page;
the project shown so far stays. ``evaluation_app()`` shows NPS, drivers and critical touchpoints
per segment; ``whatif_app()`` is the what-if planner.

The parts: :mod:`~tpkit.ui.common` (project picker, language switch, muting, CSS, the panel
machinery), then one module per dashboard (:mod:`~tpkit.ui.overview`, :mod:`~tpkit.ui.evaluation`,
:mod:`~tpkit.ui.whatif` with :mod:`~tpkit.ui.whatif_edit`). A dashboard lists its panels once; each
panel is a small class with its widgets, ``title_key``, ``relabel(lang)`` and ``show(...)``, and
draws again only when the inputs its ``show`` names changed (a hidden tab once it is opened).
HTML comes from :mod:`tpkit.display`.

Example
-------
>>> app = overview_app("en")
>>> app.current_project().name
'Hotel Seeblick'
"""

from .common import LANG_OPTIONS, STYLE, Dashboard, Memo, Panel, Panels, ProjectPicker, muted, relabel_dropdown
from .evaluation import EvaluationApp, evaluation_app
from .overview import OverviewApp, overview_app
from .whatif import WhatIfApp, whatif_app

__all__ = ["LANG_OPTIONS", "STYLE", "Dashboard", "EvaluationApp", "Memo", "OverviewApp", "Panel", "Panels",
           "ProjectPicker", "WhatIfApp", "evaluation_app", "muted", "overview_app", "relabel_dropdown", "whatif_app"]

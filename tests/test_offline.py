"""Nothing leaves the machine: the dashboards, opened in Chromium with every tab clicked, request nothing
outside the Voilà server (no icon font, no chart library from a public CDN), and an executed notebook's
outputs load nothing from outside either (its charts are drawn from the kernel)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from browser import dashboard
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
#: An address outside this machine, as an output or a page could name it.
OUTSIDE = re.compile(r"https?://(?!127\.0\.0\.1|localhost)[\w.-]+", re.I)
#: What a page may load besides its server.
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")


@pytest.mark.browser
@pytest.mark.parametrize("name, ready", [("overview", "[data-kpi=touchpoints]"), ("evaluation", "[data-kpi=nps]"),
                                         ("what_if", "[data-kpi=cost]")])
def test_a_dashboard_requests_nothing_from_outside(name, ready):
    requests: list[str] = []
    with dashboard(name, ready) as page:
        page.on("request", lambda request: requests.append(request.url))
        page.reload()
        page.wait_for_selector(ready, timeout=180_000)
        tabs = page.locator(".lm-TabBar-tab")
        for i in range(tabs.count()):
            tabs.nth(i).click()
            page.wait_for_timeout(300)
        page.wait_for_timeout(1500)
    assert requests, "the page made no request at all: the recording did not work"
    outside = [url for url in requests if not url.startswith(LOCAL)]
    assert outside == []


def test_an_executed_notebook_loads_nothing_from_outside(tmp_path):
    notebook = nbformat.read(NOTEBOOKS / "01_inventory.ipynb", as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])]
    charts = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert charts, "the notebook's charts are no chart widgets drawn from the kernel"
    shown = "\n".join(str(o.get("data", {})) + str(o.get("text", "")) for o in outputs)
    assert OUTSIDE.findall(shown) == []

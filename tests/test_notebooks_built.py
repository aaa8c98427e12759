"""The committed guided notebooks are what notebooks/build_notebooks.py writes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_notebooks_are_up_to_date():
    spec = importlib.util.spec_from_file_location("build_notebooks", ROOT / "notebooks" / "build_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for (name, lang), path in module.NOTEBOOKS.items():
        assert path.read_text(encoding="utf-8") == module.render(name, lang), (
            f"{path.name} is out of date: run python notebooks/build_notebooks.py")


def test_notebooks_and_dashboards_compute_nothing_themselves():
    """Code cells call tpkit; they define no functions and import no analysis library directly."""
    import nbformat
    for path in list((ROOT / "notebooks").rglob("*.ipynb")) + list((ROOT / "dashboards").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                assert "def " not in cell.source and "groupby" not in cell.source, (path.name, cell.source)
                assert "import pandas" not in cell.source and "import numpy" not in cell.source, path.name

"""The guided notebooks run unchanged on an analyst's own survey: only PROJECT points elsewhere.

A yes/no passenger survey (no NPS, no costs, no measures, no exit segment, unknown journey facts) is
imported, saved as a project folder, and notebooks 1–3 run on it from top to bottom."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tpkit import guess_mapping, read_export, read_survey, save_project
from tpkit.datasets import sample_export

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


@pytest.fixture(scope="module")
def survey_project(tmp_path_factory):
    export = read_export(sample_export("passagiere.csv"))
    return save_project(read_survey(export, guess_mapping(export)), tmp_path_factory.mktemp("survey") / "project")


@pytest.mark.parametrize("name", ["01_inventory.ipynb", "02_evaluation.ipynb", "03_target_strategy.ipynb"])
def test_a_notebook_runs_on_an_imported_yes_no_survey(name, survey_project, tmp_path):
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    pointed = 0
    for cell in notebook.cells:
        if cell.cell_type == "code" and 'PROJECT = tpkit.sample_path("hotel")' in cell.source:
            cell.source = cell.source.replace('tpkit.sample_path("hotel")', repr(str(survey_project)))
            pointed += 1
    assert pointed == 1
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = "".join(str(output.get("data", {}).get("text/plain", "")) + str(output.get("text", ""))
                    for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", []))
    assert "Traceback" not in shown


def test_notebook_3_answers_the_nine_questions_on_the_it_distributor(tmp_path):
    """The other sample runs through the target strategy too, with its own answers to questions 6 to 9."""
    notebook = nbformat.read(NOTEBOOKS / "03_target_strategy.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.source = cell.source.replace('tpkit.sample_path("hotel")', 'tpkit.sample_path("it_distributor")')
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = "".join(str(output.get("data", {}).get("text/plain", "")) + str(output.get("text", ""))
                    for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", []))
    assert "Traceback" not in shown
    for answer in ("New customers without a good experience there", "Detractors with a negative incident there",
                   "Promoters with a positive incident there", "Referrals a year"):
        assert answer in shown

"""Scenarios saved in a project folder: ``scenarios/<name>.json``.

Files are written atomically (a temporary file renamed over the target, see
:mod:`tpkit.files`), never overwritten unless asked (an overwritten version stays in
``scenarios/.previous/``), and named after a sanitised form of the scenario's name. A project loaded from a
workbook, a zip or an upload has no folder of its own; its scenarios go to
``$TPKIT_SCENARIOS/<project>`` (default ``~/.tpkit/scenarios/<project>``).

Example
-------
>>> import tempfile
>>> from tpkit.scenario import RemoveTouchpoint, Scenario
>>> folder = Path(tempfile.mkdtemp())
>>> path = save_scenario(folder, Scenario("Ohne Rezeption", (RemoveTouchpoint("checkin_desk"),)))
>>> path.name, load_scenario(path).name
('ohne-rezeption.json', 'Ohne Rezeption')
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from pathlib import Path

from .files import reading, save_files
from .io import Project
from .scenario import Scenario

FORMAT_VERSION = 1
SCENARIO_DIR = "scenarios"
_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
MAX_NAME = 60


class ScenarioExists(FileExistsError):
    """A scenario of that (sanitised) name is saved already."""


def slugify(name: str) -> str:
    """A safe file stem for a scenario name: ASCII letters, digits and dashes, at most 60 characters.

    >>> slugify("Ohne Rezeption / mit App-Check-in ✓")
    'ohne-rezeption-mit-app-check-in'
    >>> slugify("../../etc/passwd")
    'etc-passwd'
    """
    ascii_text = unicodedata.normalize("NFKD", name.translate(_TRANSLITERATE)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_NAME].strip("-")
    if not slug:
        raise ValueError(f"the scenario name {name!r} has no letters or digits; give it a name such as 'Variante A'")
    return slug


def scenario_folder(project: Project) -> Path:
    """Where the scenarios of ``project`` are kept.

    >>> from tpkit.datasets import load_sample
    >>> scenario_folder(load_sample("hotel")).name
    'scenarios'
    """
    if project.source and Path(project.source).is_dir():
        return Path(project.source) / SCENARIO_DIR
    root = Path(os.environ.get("TPKIT_SCENARIOS") or Path.home() / ".tpkit" / "scenarios")
    return root / slugify(project.name or "project")


def save_scenario(folder: str | os.PathLike, scenario: Scenario, overwrite: bool = False) -> Path:
    """Write ``scenario`` to ``folder/<slug>.json``; :class:`ScenarioExists` if that file exists and
    ``overwrite`` is False."""
    path = Path(folder) / f"{slugify(scenario.name)}.json"
    data = {"format": FORMAT_VERSION, "saved": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            **scenario.to_dict()}
    try:
        save_files(path.parent, {path.name: (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")},
                   exclusive_create=not overwrite)
    except FileExistsError:
        raise ScenarioExists(f"{path}: a scenario named {scenario.name!r} is saved already; "
                             "choose another name or allow overwriting") from None
    return path


def load_scenario(path: str | os.PathLike) -> Scenario:
    """Read one saved scenario; ValueError names the file and what is wrong."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: not a readable scenario file ({error}); save the scenario again") from None
    if not isinstance(data, dict) or data.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        raise ValueError(f"{path}: unknown scenario format; this tpkit reads format {FORMAT_VERSION}")
    try:
        return Scenario.from_dict(data)
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None


def load_scenarios(folder: str | os.PathLike) -> tuple[list[Scenario], list[str]]:
    """Every scenario saved in ``folder`` (sorted by name) and a message for each file that could not be read.

    >>> load_scenarios("/nonexistent")
    ([], [])
    """
    folder = Path(folder)
    scenarios, errors = [], []
    if not folder.is_dir():
        return [], []
    with reading(folder):
        for path in sorted(folder.glob("*.json")):
            try:
                scenarios.append(load_scenario(path))
            except ValueError as error:
                errors.append(str(error))
    return sorted(scenarios, key=lambda s: s.name.lower()), errors

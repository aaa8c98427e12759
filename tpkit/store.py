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
from pathlib import Path

from .errors import ModelError
from .files import ascii_words, reading, save_files
from .i18n import Lang, t
from .io import Project
from .scenario import Scenario

FORMAT_VERSION = 1
SCENARIO_DIR = "scenarios"
MAX_NAME = 60


class ScenarioExists(ModelError, FileExistsError):
    """A scenario of that (sanitised) name is saved already: a ``FileExistsError`` with the key
    ``scenario_exists`` (``err.message(lang)`` translates it; ``err.path`` is the file).

    >>> str(ScenarioExists(name="A", path="scenarios/a.json"))
    "A scenario 'A' is saved already (perhaps just now by someone else). Choose another name or allow overwriting."
    """

    def __init__(self, *, name: str, path: str | os.PathLike) -> None:
        super().__init__("scenario_exists", name=name, path=str(path))
        self.path = Path(path)


class ScenarioFileError(ModelError):
    """A saved scenario file whose content is wrong: the file's name, then what is wrong with it (the
    :class:`~tpkit.errors.ModelError` ``problem``), both translated by ``err.message(lang)``."""

    def __init__(self, path: str | os.PathLike, problem: ModelError) -> None:
        self.problem = problem
        super().__init__("scenario_file", file=str(path))

    def message(self, lang: Lang = "en") -> str:
        """The file and its problem in ``lang``."""
        return t("error.scenario_file", lang=lang, file=self.params["file"], problem=self.problem.message(lang))


def slugify(name: str) -> str:
    """A safe file stem for a scenario name: ASCII letters, digits and dashes, at most 60 characters.

    >>> slugify("Ohne Rezeption / mit App-Check-in ✓")
    'ohne-rezeption-mit-app-check-in'
    >>> slugify("../../etc/passwd")
    'etc-passwd'
    """
    slug = ascii_words(name, "-")[:MAX_NAME].strip("-")
    if not slug:
        raise ModelError("scenario_name_empty", name=name)
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


def save_scenario(folder: str | os.PathLike, scenario: Scenario, *, overwrite: bool = False) -> Path:
    """Write ``scenario`` to ``folder/<slug>.json`` atomically.

    Parameters
    ----------
    folder : the scenario folder (see :func:`scenario_folder`); created if missing.
    scenario : the scenario to save.
    overwrite : replace a scenario of the same file name (the old one stays in ``.previous/``).

    Returns
    -------
    The path written; :class:`ScenarioExists` if that file exists and ``overwrite`` is False, a
    :class:`~tpkit.errors.ModelError` if the name has no letters or digits.

    >>> import tempfile
    >>> save_scenario(tempfile.mkdtemp(), Scenario("Variante A")).name
    'variante-a.json'
    """
    path = Path(folder) / f"{slugify(scenario.name)}.json"
    data = {"format": FORMAT_VERSION, "saved": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            **scenario.to_dict()}
    try:
        save_files(path.parent, {path.name: (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")},
                   exclusive_create=not overwrite)
    except FileExistsError:
        raise ScenarioExists(name=scenario.name, path=path) from None
    return path


def load_scenario(path: str | os.PathLike) -> Scenario:
    """Read one saved scenario.

    Parameters
    ----------
    path : a file written by :func:`save_scenario`.

    Returns
    -------
    The scenario; a :class:`~tpkit.errors.ModelError` naming the file and what is wrong: unreadable
    (``scenario_unreadable``), another format (``scenario_format``) or wrong content
    (:class:`ScenarioFileError`).

    >>> load_scenario("/nonexistent.json")
    Traceback (most recent call last):
    ...
    tpkit.errors.ModelError: /nonexistent.json: not a readable scenario file ([Errno 2] No such file or directory: '/nonexistent.json'); save the scenario again.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError("scenario_unreadable", file=str(path), detail=str(error)) from None
    if not isinstance(data, dict) or data.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        raise ModelError("scenario_format", file=str(path), supported=FORMAT_VERSION,
                         format=data.get("format") if isinstance(data, dict) else "?")
    try:
        return Scenario.from_dict(data)
    except ModelError as error:
        raise ScenarioFileError(path, error) from None


def load_scenarios(folder: str | os.PathLike) -> tuple[list[Scenario], list[ModelError]]:
    """Every scenario saved in ``folder`` and the error of each file that could not be read.

    Parameters
    ----------
    folder : the scenario folder; a missing folder holds no scenarios.

    Returns
    -------
    ``(scenarios, errors)``: the scenarios sorted by name (case ignored), and one
    :class:`~tpkit.errors.ModelError` per unreadable file (``str(err)`` in English,
    ``err.message(lang)`` translated), so one broken file never hides the others.

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
            except ModelError as error:
                errors.append(error)
    return sorted(scenarios, key=lambda s: s.name.lower()), errors

"""The bundled sample projects.

``load_sample("hotel")`` returns the five-star business hotel, ``load_sample("it_distributor")``
the B2B IT distributor; both are project folders under ``data/`` made by
``data/generate_samples.py``, whose ground truth (true driver weights, planted
critical touchpoints) sits beside each in ``ground_truth.json``.

Example
-------
>>> SAMPLES
('hotel', 'it_distributor')
>>> load_sample("hotel").name
'Hotel Seeblick'
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from .errors import ModelError, closest
from .io import Project, load_project

SAMPLES: tuple[str, ...] = ("hotel", "it_distributor")
#: Samples measured in more than one survey wave (``respondents.wave``): the hotel before and after its measures,
#: with the true effects planted (:mod:`tpkit.tracking`).
WAVE_SAMPLES: tuple[str, ...] = ("hotel_waves",)


def data_dir() -> Path:
    """The folder with the sample projects (``TPKIT_DATA`` overrides it).

    >>> (data_dir() / "hotel").is_dir()
    True
    """
    override = os.environ.get("TPKIT_DATA")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "data"


def sample_path(name: str) -> Path:
    """The folder of sample project ``name``.

    Parameters
    ----------
    name : one of :data:`SAMPLES` or :data:`WAVE_SAMPLES` (another name raises ``ModelError`` with a
        did-you-mean).

    Returns
    -------
    The folder's path.

    >>> sample_path("hotel").name
    'hotel'
    """
    known = SAMPLES + WAVE_SAMPLES
    if name not in known:
        raise ModelError("unknown_sample", name=name, choices=", ".join(known), suggestion=closest(name, known))
    return data_dir() / name


#: The bundled survey exports (``data/exports/``, made by ``data/generate_exports.py``): a Qualtrics export of a
#: hotel guest survey (0–10 recommendation) and a German Excel CSV of a passenger survey (yes/no satisfaction).
SAMPLE_EXPORTS: tuple[str, ...] = ("hotel_qualtrics.csv", "passagiere.csv")


def sample_export(name: str) -> Path:
    """The file of a bundled survey export (see :data:`SAMPLE_EXPORTS`).

    >>> sample_export("passagiere.csv").is_file()
    True
    """
    if name not in SAMPLE_EXPORTS:
        raise ModelError("unknown_sample", name=name, choices=", ".join(SAMPLE_EXPORTS),
                         suggestion=closest(name, SAMPLE_EXPORTS))
    return data_dir() / "exports" / name


@lru_cache(maxsize=None)
def load_sample(name: str) -> Project:
    """Load a bundled sample project (cached: the frames are shared, do not modify them in place).

    Parameters
    ----------
    name : one of :data:`SAMPLES`.

    Returns
    -------
    The validated :class:`~tpkit.io.Project`.
    """
    return load_project(sample_path(name))


def ground_truth(name: str) -> dict:
    """What the generator planted in a sample: true driver weights, critical touchpoints and more.

    Parameters
    ----------
    name : one of :data:`SAMPLES`.

    Returns
    -------
    The contents of the sample's ``ground_truth.json``.

    >>> "critical" in ground_truth("hotel")
    True
    """
    return json.loads((sample_path(name) / "ground_truth.json").read_text(encoding="utf-8"))

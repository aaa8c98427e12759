"""Errors of the analysis and the what-if model that a user can read, in German and English.

Data problems in a project's files are :class:`tpkit.problems.ProjectError`. Everything else a
user can get wrong — an unknown segment, a touchpoint that is not in the inventory, a budget below
zero — raises :class:`ModelError`: it carries a key and parameters, ``str(err)`` is readable English,
and ``err.message("de")`` is what a German dashboard shows. ``ModelError`` is a ``ValueError``, so
code that caught ``ValueError`` before still catches it.

Example
-------
>>> err = ModelError("unknown_segment", segment="vip", file="segments.csv", choices="business, leisure")
>>> str(err)
"Segment 'vip' is not in segments.csv; choose one of: business, leisure (or None for all segments)."
>>> err.message("de")
"Das Segment 'vip' steht nicht in segments.csv; wähle eines von: business, leisure (oder None für alle Segmente)."
>>> ModelError("below_minimum", name="annual_cost", low=0, value=-5000.5).message("de")
'Kosten pro Jahr (annual_cost) muss mindestens 0 sein, nicht -5.000,5; gib einen Wert ab 0 ein.'
"""

from __future__ import annotations

import math

import difflib
from typing import Iterable

import pandas as pd

from .i18n import Lang, format_number, has, t

#: Parameters shown as numbers of the reader's language; ``name`` is shown as its word where it has one.
NUMBER_PARAMS = ("value", "low", "high", "budget")


class ModelError(ValueError):
    """A request the analysis cannot answer, with a key into :mod:`tpkit.i18n` (``error.<key>``).

    ``suggestion`` (optional) is a close match to what was asked for; the message then ends with
    "Did you mean …?".
    """

    def __init__(self, key: str, *, suggestion: str | None = None, **params: object) -> None:
        self.key = key
        self.params = params
        self.suggestion = suggestion
        super().__init__(self.message("en"))

    def message(self, lang: Lang = "en") -> str:
        """The error in ``lang``: the option's name as its word (``annual_cost`` → "Kosten pro Jahr") and
        numbers as readers of ``lang`` write them."""
        params = dict(self.params)
        name = params.get("name")
        if isinstance(name, str) and has(name):
            word = t(name, lang)
            params["name"] = word if word.lower().replace(" ", "_") == name.lower() else f"{word} ({name})"
        for key in NUMBER_PARAMS:
            if isinstance(params.get(key), (int, float)) and not isinstance(params[key], bool):
                params[key] = shown_number(params[key], lang)
        text = t(f"error.{self.key}", lang, **params)
        if self.suggestion is not None:
            text += " " + t("error.did_you_mean", lang, value=self.suggestion)
        return text


def shown_number(value: float, lang: Lang) -> str:
    """A number with as many decimals as it has (up to 4), as readers of ``lang`` write it, and with the sign the
    user typed (an error message repeats the input: ``-5.000``, not the tables' ``−5.000``).

    >>> shown_number(-5000.0, "de"), shown_number(1.5, "de"), shown_number(0.125, "en"), shown_number(float("nan"), "en")
    ('-5.000', '1,5', '0.125', 'nan')
    """
    if not math.isfinite(float(value)):   # NaN or infinite, as given (the message says it is not allowed)
        return str(float(value))
    decimals = len(f"{float(value):.4f}".rstrip("0").split(".")[1])
    return format_number(value, lang, decimals).replace("\u2212", "-")


def closest(value: object, options: Iterable[object]) -> str | None:
    """The option closest to a misspelt ``value``, if one is close (case is ignored).

    Returns
    -------
    The option as given, or None when nothing is close (difflib ratio below 0.6).

    >>> closest("buisness", ["business", "leisure"]), closest("xyz", ["business"])
    ('business', None)
    """
    options = [str(o) for o in options]
    lowered = {o.lower(): o for o in options}
    found = difflib.get_close_matches(str(value).lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else None


def known_segments(project) -> list[str]:
    """Segment ids of a project: those in segments.csv, then any only the respondents name.

    >>> from tpkit.datasets import load_sample
    >>> known_segments(load_sample("hotel"))[:2]
    ['business', 'conference']
    """
    ids = [str(s) for s in project.segments["segment_id"]] if "segment_id" in project.segments else []
    if "segment_id" in project.respondents:
        ids += [s for s in pd.unique(project.respondents["segment_id"].dropna().astype(str)) if s not in ids]
    return ids


def check_segment(project, segment: str | None) -> str | None:
    """``segment`` if the project knows it, None for all segments; otherwise a :class:`ModelError`.

    Every function that takes ``segment=`` calls this first and works with its answer, so an unknown
    id is an error and never a silent selection of nobody.

    Parameters
    ----------
    project : the project whose segments count.
    segment : a segment id, or None for all segments.

    Returns
    -------
    The id as text (a number given for the id ``"1"`` becomes ``"1"``), or None.

    >>> from tpkit.datasets import load_sample
    >>> hotel = load_sample("hotel")
    >>> check_segment(hotel, "business"), check_segment(hotel, None)
    ('business', None)
    >>> check_segment(hotel, "buisness")
    Traceback (most recent call last):
    ...
    tpkit.errors.ModelError: Segment 'buisness' is not in segments.csv; choose one of: business, conference, leisure, regulars, bus_tours (or None for all segments). Did you mean 'business'?
    """
    if segment is None:
        return None
    if "segment_id" in project.segments and str(segment) in set(project.segments["segment_id"].astype(str)):
        return str(segment)  # the common case, without a pass over the respondents
    known = known_segments(project)
    if str(segment) in known:
        return str(segment)
    if not known:
        raise ModelError("no_segments", segment=segment)
    raise unknown_segment(segment, known, file="segments.csv")


def unknown_segment(segment: object, known: list[str], *, file: str) -> ModelError:
    """The error for a segment id that is not among ``known`` (the ids of ``file``), with a did-you-mean.

    >>> str(unknown_segment("buisness", ["business"], file="segments.csv")).endswith("Did you mean 'business'?")
    True
    """
    return ModelError("unknown_segment", segment=segment, file=file, choices=", ".join(known),
                      suggestion=closest(segment, known))


def check_touchpoint(project, touchpoint: str) -> str:
    """``touchpoint`` if it is in the project's inventory; otherwise a :class:`ModelError`.

    Returns
    -------
    The id as text.

    >>> from tpkit.datasets import load_sample
    >>> check_touchpoint(load_sample("hotel"), "spa")
    'spa'
    """
    known = [str(t) for t in project.touchpoints["touchpoint_id"]]
    if str(touchpoint) in known:
        return str(touchpoint)
    raise ModelError("unknown_touchpoint", touchpoint=touchpoint, file="touchpoints.csv",
                     suggestion=closest(touchpoint, known))


def check_choice(name: str, value: object, choices: Iterable[object]) -> None:
    """Raise a :class:`ModelError` unless ``value`` is one of ``choices``.

    Parameters
    ----------
    name : the option's name (shown as its word where :mod:`tpkit.i18n` has one).
    value : what was given.
    choices : what is allowed.

    >>> check_choice("view", "derived", ("derived", "stated"))
    >>> check_choice("view", "stataed", ("derived", "stated"))
    Traceback (most recent call last):
    ...
    tpkit.errors.ModelError: View must be one of: derived, stated — not 'stataed'. Did you mean 'stated'?
    """
    choices = tuple(choices)
    if value in choices:
        return
    raise ModelError("not_a_choice", name=name, value=value, choices=", ".join(map(str, choices)),
                     suggestion=closest(value, choices) if isinstance(value, str) else None)

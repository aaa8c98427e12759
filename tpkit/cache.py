"""A cache on disk that lets the next kernel start fast: parsed projects, Altair's offline JavaScript.

Every dashboard page starts a kernel that reads the same project folder and sets up the same chart
widget. What does not change between them is kept in one folder:

- ``TPKIT_CACHE`` if set (``off`` turns the cache off), else ``$XDG_CACHE_HOME/tpkit``, else
  ``~/.cache/tpkit``;
- an entry's name is a hash of everything its content depends on (the bytes of a project's files,
  the code that parses them, the library versions), so an entry is never stale: a changed file is
  a new name, and the old entry is removed once the folder holds more than :data:`KEEP` of its kind;
- a folder that cannot be written, or an entry that cannot be read, is passed over: the value is then
  computed as without a cache.

Example
-------
>>> import tempfile
>>> os.environ[CACHE_VARIABLE] = tempfile.mkdtemp()
>>> cached_bytes("demo", "k1", lambda: b"computed once")
b'computed once'
>>> cached_bytes("demo", "k1", lambda: b"not computed again")
b'computed once'
>>> del os.environ[CACHE_VARIABLE]
"""

from __future__ import annotations

import hashlib
import os
import pickle
import secrets
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .io import Project

#: The environment variable naming the cache folder (``off``: no cache).
CACHE_VARIABLE = "TPKIT_CACHE"
#: Entries kept per kind (the oldest beyond that are removed when a new one is written).
KEEP = 32
#: The package whose code a parsed project depends on (a change to any of its modules is a new key).
PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """The cache folder (see the module doc), or ``None`` when ``TPKIT_CACHE=off``.

    >>> cache_dir().name in ("tpkit", os.environ.get(CACHE_VARIABLE, "tpkit").rstrip("/").split("/")[-1])
    True
    """
    given = os.environ.get(CACHE_VARIABLE, "").strip()
    if given.lower() == "off":
        return None
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "tpkit"


def digest(parts: Iterable[bytes | str]) -> str:
    """A hash naming an entry: of each part and its length (so parts cannot run into each other).

    >>> digest(["ab", "c"]) != digest(["a", "bc"])
    True
    """
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _entry(kind: str, key: str) -> Path | None:
    """The file of entry ``key`` of ``kind``, its folder created if needed; ``None`` if there is no
    folder we may use."""
    root = cache_dir()
    if root is None:
        return None
    folder = root / kind
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if hasattr(os, "getuid") and folder.stat().st_uid != os.getuid():
            return None  # another user's folder: never read what they could have written
    except OSError:
        return None
    return folder / f"{key}.entry"


def _write(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all (a kernel starting at the same moment reads old or new)."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)
        return
    entries = sorted(path.parent.glob("*.entry"), key=lambda p: p.stat().st_mtime_ns if p.exists() else 0)
    for old in entries[:-KEEP]:
        old.unlink(missing_ok=True)


def cached_bytes(kind: str, key: str, build: Callable[[], bytes]) -> bytes:
    """The bytes ``build()`` returns, from the cache when an entry ``key`` of ``kind`` is there.

    Parameters
    ----------
    kind : the kind of entry (a subfolder: ``projects``, ``vega`` …).
    key : the entry's name, a hash of everything the bytes depend on (see :func:`digest`).
    build : computes the bytes when the entry is missing (they are then stored).

    Returns
    -------
    The bytes.
    """
    path = _entry(kind, key)
    if path is not None:
        try:
            return path.read_bytes()
        except OSError:
            pass
    data = build()
    if path is not None:
        _write(path, data)
    return data


def code_version(package: Path = PACKAGE) -> str:
    """What a parsed project depends on besides its files: the size and time of change of every module of
    ``package`` (tpkit), and the versions of Python, numpy and pandas (whose objects are stored).

    Every module, not only those that read a project: an entry may be passed over after an unrelated
    change, but is never read after a change of the reading code.

    >>> code_version() == code_version()
    True
    """
    import numpy as np
    import pandas as pd

    stats = [(p.relative_to(package).as_posix(), p.stat()) for p in sorted(package.rglob("*.py"))]
    return digest([sys.version, np.__version__, pd.__version__,
                   *(f"{name}:{st.st_size}:{st.st_mtime_ns}" for name, st in stats)])


#: The code version of this process: taken when tpkit is imported, so that a process started before a change
#: of tpkit's files never stores what its older code parsed under the key of the newer code.
CODE_VERSION = code_version()


def cached_project(files: dict[str, bytes], name: str, source: str, load: Callable[[], Project]) -> Project:
    """The project ``load()`` parses from ``files``, from the cache when the same files were parsed before.

    Parameters
    ----------
    files : what the project is read from: file name → bytes (as ``load`` reads them).
    name : the project's name when its ``project.json`` gives none.
    source : where the project was read from (set on the project; not part of the key, so a copy of
        a folder finds the original's entry).
    load : parses and checks ``files`` (called on a miss; a ``ProjectError`` it raises is not cached).

    Returns
    -------
    The :class:`~tpkit.io.Project`, with fresh frames (nothing is shared with another caller).

    Notes
    -----
    The entry is a pickle of the project's fields, named by :func:`digest` of the files' names and
    bytes, ``name`` and the code version; it is read only from the user's own cache folder.
    """
    from dataclasses import fields

    if cache_dir() is None:
        return load()
    key = digest([CODE_VERSION, name, *(part for file in sorted(files) for part in (file, files[file]))])
    loaded: list[Project] = []

    def build() -> bytes:
        project = load()
        loaded.append(project)
        return pickle.dumps({f.name: getattr(project, f.name) for f in fields(project) if f.name != "source"},
                            protocol=pickle.HIGHEST_PROTOCOL)

    data = cached_bytes("projects", key, build)
    if loaded:
        return loaded[0]
    from .io import Project

    try:
        return Project(**pickle.loads(data), source=source)
    except Exception:  # an unreadable entry (a disk error, another version that slipped through)
        path = _entry("projects", key)
        if path is not None:
            path.unlink(missing_ok=True)
        return load()

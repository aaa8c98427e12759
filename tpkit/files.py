"""Safe files: saves that are all-or-nothing and keep the previous version, and names that stay put.

A save writes every file of a folder as one transaction:

1. each new file goes to a temporary file beside it (written and flushed to disk);
2. the files about to be replaced are hard-linked into ``.previous/``, which then holds the
   last complete version (a folder project there loads like any other);
3. a journal ``.tpkit-save.json`` listing the renames is written atomically — the commit point;
4. the temporary files are renamed over the targets and stale files removed;
5. the journal is removed.

A process killed before step 3 leaves the old files untouched (its temporary files are swept
by the next save); killed after it, the next load or save finishes the renames from the
journal. Saves and loads of one folder take a lock file (``.tpkit-lock``), so sessions that
save into the same project at once queue instead of mixing their files.

Example
-------
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> save_files(folder, {"a.csv": b"x\\n1\\n"})
>>> save_files(folder, {"a.csv": b"x\\n2\\n"})
>>> (folder / "a.csv").read_bytes(), (folder / PREVIOUS / "a.csv").read_bytes()
(b'x\\n2\\n', b'x\\n1\\n')
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import unicodedata
from pathlib import Path
from typing import Iterator

PREVIOUS = ".previous"
JOURNAL = ".tpkit-save.json"
LOCK = ".tpkit-lock"
_TEMP = re.compile(r"^\..+\.[0-9a-f]{16}\.tmp$")
_STAGING = re.compile(r"^\.previous\.[0-9a-f]{16}(\.old)?$")

try:  # POSIX
    import fcntl

    def _lock_file(handle, exclusive: bool) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _lock_file(handle, exclusive: bool) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)


@contextlib.contextmanager
def folder_lock(folder: Path, exclusive: bool = True) -> Iterator[None]:
    """Hold the folder's lock (shared for reading, exclusive for writing) while the block runs.

    A folder that cannot be written to (a read-only sample, say) is not locked: nobody can save there.
    """
    try:
        handle = open(folder / LOCK, "a+b")
    except OSError:
        yield
        return
    with handle:
        _lock_file(handle, exclusive)
        yield


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_temp(path: Path, data: bytes, token: str) -> Path:
    tmp = path.with_name(f".{path.name}.{token}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(tmp, 0o644)
    return tmp


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _finish(folder: Path, journal: dict) -> None:
    """Step 4 and 5 of a save, from its journal; safe to run again after an interruption."""
    for tmp_name, final_name in journal.get("replace", {}).items():
        tmp = folder / tmp_name
        if tmp.exists():
            os.replace(tmp, folder / final_name)
    for name in journal.get("delete", []):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
    _fsync_dir(folder)
    with contextlib.suppress(FileNotFoundError):
        (folder / JOURNAL).unlink()


def _recover_locked(folder: Path) -> bool:
    """Finish a committed save and sweep what an aborted one left; True if anything was done."""
    done = False
    journal_path = folder / JOURNAL
    if journal_path.exists():
        try:
            journal = json.loads(journal_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            journal = {}  # a journal is written atomically, so this is one from outside tpkit
        _finish(folder, journal)
        done = True
    retired = sorted(folder.glob(f"{PREVIOUS}.*.old"))
    if retired and not (folder / PREVIOUS).exists():  # killed between retiring and replacing it
        os.replace(retired[0], folder / PREVIOUS)
        done = True
    for path in folder.iterdir():
        if _TEMP.match(path.name):
            path.unlink(missing_ok=True)
            done = True
        elif _STAGING.match(path.name):
            shutil.rmtree(path, ignore_errors=True)
            done = True
    return done


def recover(folder: str | os.PathLike) -> bool:
    """Bring ``folder`` to a complete state after a save that was killed (see the module doc).

    >>> import tempfile
    >>> recover(tempfile.mkdtemp())
    False
    """
    folder = Path(folder)
    if not folder.is_dir() or not (folder / JOURNAL).exists() and not any(
            _TEMP.match(p.name) or _STAGING.match(p.name) for p in folder.iterdir()):
        return False
    with folder_lock(folder):
        return _recover_locked(folder)


@contextlib.contextmanager
def reading(folder: str | os.PathLike) -> Iterator[None]:
    """Read ``folder`` under its shared lock, after finishing any interrupted save."""
    folder = Path(folder)
    recover(folder)
    with folder_lock(folder, exclusive=False):
        yield


def save_files(folder: str | os.PathLike, files: dict[str, bytes], delete: tuple[str, ...] = (),
               keep_previous: bool = True, exclusive_create: bool = False) -> None:
    """Write ``files`` (name → bytes) into ``folder`` and remove ``delete``, all or nothing.

    The replaced and removed files are kept in ``folder/.previous/`` (``keep_previous``).
    With ``exclusive_create`` a file that exists already raises :class:`FileExistsError` and
    nothing is written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in [*files, *delete]:
        if inside(folder, name).parent != Path(os.path.abspath(folder)) or "\\" in name:
            raise ValueError(f"{name!r} is not a plain file name inside {folder}")
    token = secrets.token_hex(8)
    with folder_lock(folder):
        _recover_locked(folder)
        if exclusive_create:
            taken = [n for n in files if (folder / n).exists()]
            if taken:
                raise FileExistsError(f"{folder / taken[0]} exists already")
        temps = {name: _write_temp(folder / name, data, token) for name, data in files.items()}
        try:
            delete = tuple(n for n in delete if (folder / n).exists() and n not in files)
            if keep_previous:
                _keep_previous(folder, [n for n in [*files, *delete] if (folder / n).exists()], token)
            journal = {"replace": {tmp.name: name for name, tmp in temps.items()}, "delete": list(delete)}
            _write_temp(folder / JOURNAL, json.dumps(journal).encode("utf-8"), token).replace(folder / JOURNAL)
            _fsync_dir(folder)
        except BaseException:
            for tmp in temps.values():
                tmp.unlink(missing_ok=True)
            raise
        _finish(folder, journal)


def _keep_previous(folder: Path, names: list[str], token: str) -> None:
    """Make ``.previous/`` the current version of ``names`` (other files kept there stay)."""
    if not names:
        return
    staging = folder / f"{PREVIOUS}.{token}"
    staging.mkdir()
    old = folder / PREVIOUS
    if old.is_dir():
        for path in old.iterdir():
            if path.is_file() and path.name not in names:
                _link_or_copy(path, staging / path.name)
    for name in names:
        _link_or_copy(folder / name, staging / name)
    retired = folder / f"{PREVIOUS}.{token}.old"
    if old.exists():
        os.replace(old, retired)
    os.replace(staging, old)
    shutil.rmtree(retired, ignore_errors=True)


def inside(folder: str | os.PathLike, name: str) -> Path:
    """``folder/name`` if that stays inside ``folder``; ValueError for names that would leave it.

    >>> inside("/data/project", "scenarios/a.json").as_posix()
    '/data/project/scenarios/a.json'
    >>> inside("/data/project", "../../etc/passwd")
    Traceback (most recent call last):
    ...
    ValueError: '../../etc/passwd' would leave the folder /data/project; use a plain name
    """
    base = Path(os.path.abspath(folder))
    target = Path(os.path.abspath(base / name))
    if name in ("", ".", "..") or Path(name).is_absolute() or (target != base and base not in target.parents):
        raise ValueError(f"{name!r} would leave the folder {base}; use a plain name")
    return target


# --- formula injection -------------------------------------------------------

#: A text cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
GUARDED = re.compile(r"^'+[=+\-@\t\r\n]")


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet shows it but never runs it: a leading ``'`` before a formula start.

    Reversible with :func:`restore`: a text that already starts with quotes before such a
    character gets one more quote.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-5 Sterne"), neutralise("Grüße")
    ('\\'=HYPERLINK("http://x")', "'-5 Sterne", 'Grüße')
    >>> restore(neutralise("'=1")) == "'=1"
    True
    """
    if text.startswith(FORMULA_START) or GUARDED.match(text):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The original of a :func:`neutralise`-d text (texts without the guard quote are returned as they are).

    >>> restore("'=SUM(A1)"), restore("'plain"), restore("=1")
    ('=SUM(A1)', "'plain", '=1')
    """
    return text[1:] if GUARDED.match(text) else text


_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def ascii_words(text: str, separator: str) -> str:
    """``text`` as lower-case ASCII words joined by ``separator``: German umlauts written out (ä → ae),
    other accents dropped, every run of other characters one separator (for ids and file names).

    >>> ascii_words("Größe & Service", "_"), ascii_words(" Café/Bar ", "-")
    ('groesse_service', 'cafe-bar')
    """
    text = unicodedata.normalize("NFC", text).translate(_TRANSLITERATE)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", separator, ascii_text.lower()).strip(separator)

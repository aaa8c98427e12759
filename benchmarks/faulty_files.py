"""How long a faulty project takes to be refused: the hotel sample with N× its ratings, broken in one way each.

Run: python benchmarks/faulty_files.py [factor]   (default 3 → about 100,000 rating rows)
Prints, per fault, the seconds until the complete list of problems is there, the number of problems
and the seconds per 100,000 rating rows; the goal is at most 2 s per 100,000 rows for any fault.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from load_project import scaled_copy  # noqa: E402

from tpkit import load_project  # noqa: E402
from tpkit.cache import CACHE_VARIABLE  # noqa: E402
from tpkit.problems import ProjectError  # noqa: E402


def lines_of(folder: Path, table: str) -> list[str]:
    return (folder / f"{table}.csv").read_text(encoding="utf-8").splitlines()


def write(folder: Path, table: str, lines: list[str], encoding: str = "utf-8") -> None:
    (folder / f"{table}.csv").write_bytes(("\n".join(lines) + "\n").encode(encoding))


def one_bad_cell(folder: Path) -> None:
    lines = lines_of(folder, "ratings")
    cells = lines[len(lines) // 2].split(",")
    cells[2] = "sehr gut"
    lines[len(lines) // 2] = ",".join(cells)
    write(folder, "ratings", lines)


def every_cell_bad(folder: Path) -> None:
    lines = lines_of(folder, "ratings")
    write(folder, "ratings", [lines[0]] + [",".join(c[:2] + ["gut"] + c[3:]) for c in (x.split(",") for x in lines[1:])])


def ids_lost_letters(folder: Path) -> None:
    """Every respondent id in the ratings without its letters: each row names an unknown respondent."""
    lines = lines_of(folder, "ratings")
    write(folder, "ratings", [lines[0]] + [line.split("R", 1)[-1] for line in lines[1:]])


def respondents_cut_in_half(folder: Path) -> None:
    lines = lines_of(folder, "respondents")
    write(folder, "respondents", lines[: len(lines) // 2])


def windows_row_appended(folder: Path) -> None:
    data = (folder / "ratings.csv").read_bytes() + "R00001,website,4,3,,Zimmer war schön\n".encode("cp1252")
    (folder / "ratings.csv").write_bytes(data)


def semicolons_and_commas(folder: Path) -> None:
    """The ratings saved by a German Excel (semicolons), one in ten with a decimal comma (not a whole rating)."""
    lines = lines_of(folder, "ratings")
    out = [lines[0].replace(",", ";")]
    for i, line in enumerate(lines[1:]):
        cells = line.split(",", 5)
        if i % 10 == 0:
            cells[2] += ",5"
        out.append(";".join(cells))
    write(folder, "ratings", out)


def cells_over_two_lines(folder: Path) -> None:
    lines = lines_of(folder, "ratings")
    write(folder, "ratings", lines[:1] + [line[:-1] + ',"Erste Zeile\nzweite Zeile"' if line.endswith(",") else line
                                          for line in lines[1:]])


def percent_scale(folder: Path) -> None:
    """Performance and importance given in percent (20–100): every rating outside the project's 1–5 scale."""
    lines = lines_of(folder, "ratings")
    out = [lines[0]]
    for i, line in enumerate(lines[1:]):
        cells = line.split(",", 5)
        cells[2], cells[3] = str(20 + i % 81), str(20 + i % 77)
        out.append(",".join(cells))
    write(folder, "ratings", out)


FAULTS: dict[str, Callable[[Path], None]] = {
    "one bad cell": one_bad_cell,
    "every rating a word": every_cell_bad,
    "ids without their letters": ids_lost_letters,
    "respondents cut in half": respondents_cut_in_half,
    "a Windows-1252 row appended": windows_row_appended,
    "German Excel, decimal commas": semicolons_and_commas,
    "cells over two lines (clean, read row by row)": cells_over_two_lines,
    "ratings in percent (every cell outside the scale)": percent_scale,
}


def main(factor: int) -> None:
    os.environ[CACHE_VARIABLE] = "off"
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, fault) in enumerate(FAULTS.items()):
            folder = scaled_copy(factor, Path(tmp) / f"p{n}")
            fault(folder)
            rows = len(lines_of(folder, "ratings")) - 1 if name != "a Windows-1252 row appended" else 0
            start = time.perf_counter()
            try:
                load_project(folder)
                found = 0
            except ProjectError as err:
                found = len(err.problems)
            seconds = time.perf_counter() - start
            rows = rows or factor * 33901
            per = seconds / rows * 100_000
            worst = max(worst, per)
            print(f"{name}: {seconds:.2f} s, {found:,} problems, {per:.2f} s per 100,000 rating rows")
    print(f"worst: {worst:.2f} s per 100,000 rating rows (goal: at most 2 s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)

"""How fast projects load that are not clean UTF-8 CSV files: the hotel sample as an Excel workbook (read by
calamine; a formula's cell is read from the sheet's XML), also with a formula, also as .NET's OpenXML SDK writes
it (every element prefixed ``x:``, no cell references), and its ratings as a Windows-1252 and a Mac Roman file
with an umlaut in every row.

Run: python benchmarks/load_other_files.py [factor]   (default 3 → about 100,000 rating rows)
Prints seconds and seconds per 100,000 rating rows for each (best of three, the cache off); the goal is at
most 2 s per 100,000 rows for any file within the size limits.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from load_project import scaled_copy  # noqa: E402
from workbook_forms import openxml_sdk_form  # noqa: E402

from tpkit import load_project, save_project  # noqa: E402
from tpkit.cache import CACHE_VARIABLE  # noqa: E402


def timed(path: Path, rounds: int = 3) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(rounds):
        start = time.perf_counter()
        project = load_project(path)
        best, rows = min(best, time.perf_counter() - start), len(project.ratings)
    return best, rows


def report(label: str, path: Path) -> None:
    seconds, rows = timed(path)
    print(f"{label}: {seconds:.2f} s for {rows:,} rating rows ({seconds / rows * 100_000:.2f} s per 100,000 rows)")


def with_formula(workbook: Path) -> Path:
    """The workbook with one formula, saved by openpyxl (which stores no value for it), right of the columns."""
    import openpyxl

    wb = openpyxl.load_workbook(workbook)
    wb["segments"]["Z1"] = "=1+1"
    out = workbook.with_name("formel.xlsx")
    wb.save(out)
    return out


def legacy(folder: Path, encoding: str) -> Path:
    """The project with ratings whose comment holds an umlaut in every row, in ``encoding``."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO((folder / "ratings.csv").read_text(encoding="utf-8"))))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([rows[0]] + [row[:-1] + [f"Grüße {i}"]
                                                                    for i, row in enumerate(rows[1:])])
    out = buffer.getvalue().splitlines()
    target = folder.with_name(f"{folder.name}-{encoding}")
    target.mkdir()
    for file in folder.iterdir():
        if file.is_file():
            (target / file.name).write_bytes(file.read_bytes())
    (target / "ratings.csv").write_bytes(("\n".join(out) + "\n").encode(encoding))
    return target


if __name__ == "__main__":
    factor = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    os.environ[CACHE_VARIABLE] = "off"
    with tempfile.TemporaryDirectory() as tmp:
        folder = scaled_copy(factor, Path(tmp) / "big")
        workbook = Path(tmp) / "hotel.xlsx"
        save_project(load_project(folder), workbook)
        report(f"hotel × {factor} as a workbook (calamine)", workbook)
        formula = with_formula(workbook)
        report(f"hotel × {factor} as a workbook with a formula, saved by openpyxl", formula)
        sdk = formula.with_name("sdk.xlsx")
        sdk.write_bytes(openxml_sdk_form(formula.read_bytes(), references=False))
        report(f"hotel × {factor} as a workbook with a formula, written as .NET's OpenXML SDK writes it", sdk)
        for encoding in ("cp1252", "mac_roman"):
            report(f"hotel × {factor}, ratings in {encoding} with an umlaut in every row", legacy(folder, encoding))

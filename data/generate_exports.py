"""Write the sample survey exports in ``data/exports/`` (invented answers, realistic layouts).

- ``hotel_qualtrics.csv``: a hotel guest survey as Qualtrics exports it (three header rows), a 0–10
  recommendation question, six touchpoints rated on a verbal 1–5 scale with "Not applicable", the
  purpose of stay and a comment.
- ``passagiere.csv``: a passenger survey as a German Excel saves it (semicolons), aspects rated 0–5 where
  0 means "not used", a yes/no satisfaction outcome, customer type, travel type and class.

Run: python data/generate_exports.py   (the same files every time: a fixed seed)
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "exports"
SEED = 20261126
VERBAL = {1: "Very dissatisfied", 2: "Dissatisfied", 3: "Neutral", 4: "Satisfied", 5: "Very satisfied"}


def _csv(rows: list[list[object]], sep: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def hotel_qualtrics(rng: np.random.Generator, n: int = 240) -> str:
    touchpoints = [("Website and booking", 0.95, 0.6), ("Check-in", 0.97, 1.0), ("Room", 1.0, 1.4),
                   ("Breakfast", 0.8, 0.7), ("Spa", 0.35, 0.5), ("Check-out", 0.9, 0.4)]
    meta = ["StartDate", "EndDate", "Status", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
            "ResponseId", "UserLanguage"]
    ids = meta + ["Q1"] + [f"Q2_{k + 1}" for k in range(len(touchpoints))] + ["Q3", "Q4"]
    texts = meta[:7] + ["Response ID", "User Language",
                        "How likely is it that you would recommend Hotel Seeblick to a friend or colleague?"] + \
        [f"How satisfied were you with the following? - {name}" for name, _, _ in touchpoints] + \
        ["What was the main purpose of your stay?", "Is there anything else you would like to tell us?"]
    imports = [json.dumps({"ImportId": i}) for i in ("startDate", "endDate", "status", "progress", "duration",
                                                     "finished", "recordedDate", "_recordId", "userLanguage")]
    imports += [json.dumps({"ImportId": "QID1"})] + [json.dumps({"ImportId": f"QID2_{k + 1}"})
                                                     for k in range(len(touchpoints))]
    imports += [json.dumps({"ImportId": "QID3"}), json.dumps({"ImportId": "QID4_TEXT"})]
    comments = ["", "", "", "Friendly staff, slow lift.", "Breakfast could start earlier.", "",
                "The spa was lovely.", "Room facing the street was noisy.", "", "Great view of the lake!"]
    rows = [ids, texts, imports]
    for i in range(n):
        business = rng.random() < 0.45
        quality = rng.normal(0, 1)
        cells, drive = [], 0.0
        for _, reach, effect in touchpoints:
            if rng.random() > reach:
                cells.append("Not applicable")
                continue
            score = int(np.clip(np.round(3.6 + 0.8 * quality + rng.normal(0, 0.8)), 1, 5))
            drive += effect * (score - 3.6)
            cells.append(VERBAL[score])
        recommend = int(np.clip(np.round(7.2 + 0.55 * drive + rng.normal(0, 1.2) - 0.6 * business), 0, 10))
        shown = {0: "0 - Not at all likely", 10: "10 - Extremely likely"}.get(recommend, str(recommend))
        minute = f"{i % 60:02d}"
        rows.append([f"2026-10-{1 + i % 28:02d} 09:{minute}:00", f"2026-10-{1 + i % 28:02d} 09:{minute}:59", "IP Address",
                     "100", str(int(rng.integers(90, 900))), "True", f"2026-10-{1 + i % 28:02d} 10:00:00",
                     f"R_{rng.integers(16**10, 16**11):x}", "EN", shown] + cells +
                    ["Business" if business else "Leisure", comments[i % len(comments)]])
    return _csv(rows)


def passengers(rng: np.random.Generator, n: int = 300) -> str:
    aspects = [("WLAN an Bord", 0.8, 0.7), ("Online-Check-in", 0.9, 0.9), ("Sitzkomfort", 1.0, 1.0),
               ("Essen und Getränke", 0.75, 0.6), ("Gepäckabfertigung", 0.85, 0.5), ("Sauberkeit", 1.0, 0.8)]
    rows = [["Nr", "Kundentyp", "Alter", "Reiseart", "Klasse"] + [name for name, _, _ in aspects] + ["Zufriedenheit"]]
    for i in range(n):
        loyal = rng.random() < 0.7
        business = rng.random() < 0.55
        quality = rng.normal(0, 1)
        cells, drive = [], 0.0
        for _, reach, effect in aspects:
            if rng.random() > reach:
                cells.append(0)   # 0: not used
                continue
            score = int(np.clip(np.round(3.3 + 0.9 * quality + rng.normal(0, 0.9)), 1, 5))
            drive += effect * (score - 3.3)
            cells.append(score)
        p = 1 / (1 + np.exp(-(0.9 * drive + 0.6 * business - 0.3)))
        rows.append([i + 1, "Stammkunde" if loyal else "Neukunde", int(rng.integers(18, 80)),
                     "Geschäftsreise" if business else "Privatreise",
                     "Business" if business and rng.random() < 0.6 else ("Eco Plus" if rng.random() < 0.2 else "Eco")]
                    + cells + ["zufrieden" if rng.random() < p else "neutral oder unzufrieden"])
    return _csv(rows, ";")


def main() -> None:
    rng = np.random.default_rng(SEED)
    OUT.mkdir(exist_ok=True)
    (OUT / "hotel_qualtrics.csv").write_text(hotel_qualtrics(rng), encoding="utf-8-sig", newline="")
    (OUT / "passagiere.csv").write_text(passengers(rng), encoding="utf-8-sig", newline="")
    for path in sorted(OUT.iterdir()):
        print(f"wrote {path.relative_to(OUT.parent.parent)}")


if __name__ == "__main__":
    main()

"""Small survey exports as the platforms write them (layouts from their documentation; invented answers).

The same six respondents of a hotel survey in every format: an outcome question, three touchpoints
rated 1–5 (0 or "k.A." where one was not used), the travel type and a comment. ``ANSWERS`` holds what
each export must read back to.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

#: (respondent, recommend 0–10, satisfied yes/no, check-in, room, breakfast (None: not used), travel type, comment)
PEOPLE = [
    ("r1", 9, "ja", 4, 5, 4, "Geschäftlich", "Schnelles WLAN, freundlich"),
    ("r2", 3, "nein", 2, 3, None, "Privat", ""),
    ("r3", 10, "ja", 5, 5, 5, "Privat", "Frühstück hervorragend, gern wieder"),
    ("r4", 7, "nein", 3, None, 2, "Geschäftlich", ""),
    ("r5", 8, "ja", 4, 4, 3, "Privat", "Zimmer etwas laut zur Straße hin"),
    ("r6", 0, "nein", 1, 2, 1, "Geschäftlich", ""),
]
TOUCHPOINTS = ("Check-in", "Zimmer", "Frühstück")
SATISFACTION = {1: "Sehr unzufrieden", 2: "Unzufrieden", 3: "Weder noch", 4: "Zufrieden", 5: "Sehr zufrieden"}
SATISFACTION_EN = {1: "Very dissatisfied", 2: "Dissatisfied", 3: "Neutral", 4: "Satisfied", 5: "Very satisfied"}
EXPECTED_RATINGS = {(p[0], tp): p[3 + k] for p in PEOPLE for k, tp in enumerate(TOUCHPOINTS) if p[3 + k] is not None}


def _csv(rows: list[list[object]], sep: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def plain_csv_german() -> bytes:
    """A German Excel CSV: semicolons, Windows-1252, 0 for "not used", a yes/no satisfaction."""
    rows = [["Lfdn", "Weiterempfehlung (0-10)", "Gesamtzufriedenheit", "Check-in", "Zimmer", "Frühstück", "Reiseart",
             "Anmerkungen"]]
    rows += [[p[0], p[1], p[2], p[3], p[4] or 0, p[5] or 0, p[6], p[7]] for p in PEOPLE]
    return _csv(rows, ";").encode("cp1252")


def workbook() -> bytes:
    """The same as an .xlsx, ratings as numbers and "k.A." where a touchpoint was not used."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Antworten"
    ws.append(["ID", "Weiterempfehlung", "Check-in", "Zimmer", "Frühstück", "Reiseart"])
    for p in PEOPLE:
        ws.append([p[0], p[1], p[3], p[4] if p[4] is not None else "k.A.", p[5] if p[5] is not None else "k.A.", p[6]])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def spss(path: Path) -> Path:
    """An SPSS file: codes with value labels, 0 labelled "trifft nicht zu", 99 as a user-missing "weiß nicht"."""
    import pandas as pd
    import pyreadstat

    frame = pd.DataFrame({
        "lfdn": [float(i + 1) for i in range(len(PEOPLE))],
        "q1": [float(p[1]) for p in PEOPLE],
        "q2_1": [float(p[3]) for p in PEOPLE],
        "q2_2": [float(p[4]) if p[4] is not None else 0.0 for p in PEOPLE],
        "q2_3": [float(p[5]) if p[5] is not None else 99.0 for p in PEOPLE],
        "reise": [1.0 if p[6] == "Geschäftlich" else 2.0 for p in PEOPLE],
    })
    grid = {float(k): v for k, v in SATISFACTION.items()} | {0.0: "trifft nicht zu", 99.0: "weiß nicht"}
    pyreadstat.write_sav(
        frame, str(path),
        column_labels=["Laufende Nummer", "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?",
                       "Zufriedenheit - Check-in", "Zufriedenheit - Zimmer", "Zufriedenheit - Frühstück", "Reiseart"],
        variable_value_labels={"q2_1": grid, "q2_2": grid, "q2_3": grid, "reise": {1.0: "Geschäftlich", 2.0: "Privat"}},
        missing_ranges={"q2_3": [99.0]})
    return path


def qualtrics() -> bytes:
    """Qualtrics' CSV: question ids, question texts, ImportId JSON; grid answers as choice texts."""
    meta = ["StartDate", "EndDate", "Status", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
            "ResponseId", "UserLanguage"]
    ids = meta + ["Q1", "Q2_1", "Q2_2", "Q2_3", "Q3", "Q4"]
    texts = meta[:7] + ["Response ID", "User Language",
                        "How likely is it that you would recommend us to a friend or colleague?"] + \
        [f"How satisfied were you with the following? - {tp}" for tp in ("Check-in", "Room", "Breakfast")] + \
        ["What was the purpose of your stay?", "Anything else you would like to tell us?"]
    imports = [json.dumps({"ImportId": i}) for i in ("startDate", "endDate", "status", "progress", "duration",
                                                     "finished", "recordedDate", "_recordId", "userLanguage")]
    imports += [json.dumps({"ImportId": f"QID{k}"}) for k in ("1", "2_1", "2_2", "2_3", "3", "4_TEXT")]
    rows = [ids, texts, imports]
    for p in PEOPLE:
        grid = [SATISFACTION_EN[v] if v is not None else "" for v in p[3:6]]
        rows.append(["2026-10-01 10:00:00", "2026-10-01 10:05:00", "IP Address", "100", "300", "True",
                     "2026-10-01 10:05:01", f"R_{p[0]}", "EN", f"{p[1]}" if p[1] not in (0, 10) else
                     ("0 - Not at all likely" if p[1] == 0 else "10 - Extremely likely")] + grid +
                    ["Business" if p[6] == "Geschäftlich" else "Leisure", p[7]])
    return _csv(rows).encode("utf-8-sig")


def surveymonkey() -> bytes:
    """SurveyMonkey's CSV: question texts over the first column of a grid, the grid's rows beneath."""
    first = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
             "Last Name", "Custom Data 1", "How likely is it that you would recommend us?",
             "How satisfied were you with:", "", "", "Purpose of stay"]
    second = [""] * 9 + ["Response", "Check-in", "Room", "Breakfast", "Response"]
    rows = [first, second]
    for n, p in enumerate(PEOPLE):
        grid = [SATISFACTION_EN[v] if v is not None else "N/A" for v in p[3:6]]
        rows.append([str(11840000000 + n), "431234567", "10/01/2026 10:00:00 AM", "10/01/2026 10:05:00 AM",
                     "", "", "", "", "", str(p[1])] + grid + ["Business" if p[6] == "Geschäftlich" else "Leisure"])
    return _csv(rows).encode("utf-8")


def limesurvey() -> bytes:
    """LimeSurvey's CSV with full question texts and answer codes, ``[row]`` for a grid's rows."""
    rows = [["id", "submitdate", "lastpage", "startlanguage", "seed", "Weiterempfehlung",
             "Bitte bewerten Sie [Check-in]", "Bitte bewerten Sie [Zimmer]", "Bitte bewerten Sie [Frühstück]",
             "Reiseart"]]
    for n, p in enumerate(PEOPLE):
        rows.append([str(n + 1), "2026-10-01 10:05:00", "3", "de", "123", str(p[1])] +
                    [str(v) if v is not None else "" for v in p[3:6]] + [p[6]])
    return _csv(rows).encode("utf-8")


def google_forms() -> bytes:
    """Google Forms' CSV: a time stamp first, grid rows in brackets, answers as their texts."""
    rows = [["Zeitstempel", "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?",
             "Wie zufrieden waren Sie? [Check-in]", "Wie zufrieden waren Sie? [Zimmer]",
             "Wie zufrieden waren Sie? [Frühstück]", "Reiseart"]]
    for n, p in enumerate(PEOPLE):
        rows.append([f"01.10.2026 10:0{n}:00", str(p[1])] +
                    [SATISFACTION[v] if v is not None else "Nicht genutzt" for v in p[3:6]] + [p[6]])
    return _csv(rows).encode("utf-8")


def passenger_survey() -> bytes:
    """A passenger survey as published for research: aspects rated 0–5 (0 = not applicable), a yes/no
    satisfaction outcome, customer type and travel type — no recommendation question."""
    rows = [["id", "Gender", "Customer Type", "Age", "Type of Travel", "Class", "Inflight wifi service",
             "Online boarding", "Seat comfort", "Food and drink", "satisfaction"]]
    answers = [
        (1, "Female", "Loyal Customer", 41, "Business travel", "Business", 5, 5, 4, 0, "satisfied"),
        (2, "Male", "disloyal Customer", 23, "Personal Travel", "Eco", 2, 2, 3, 2, "neutral or dissatisfied"),
        (3, "Female", "Loyal Customer", 57, "Business travel", "Business", 0, 4, 5, 4, "satisfied"),
        (4, "Male", "Loyal Customer", 35, "Personal Travel", "Eco Plus", 3, 1, 2, 3, "neutral or dissatisfied"),
        (5, "Female", "disloyal Customer", 29, "Business travel", "Eco", 4, 5, 3, 1, "satisfied"),
        (6, "Male", "Loyal Customer", 62, "Personal Travel", "Eco", 1, 2, 1, 5, "neutral or dissatisfied"),
    ]
    return _csv([list(map(str, r)) for r in rows[:1]] + [[str(v) for v in a] for a in answers]).encode()

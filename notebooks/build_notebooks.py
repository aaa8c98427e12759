"""Build the guided notebooks, in English and German, from one bilingual source.

Run ``python notebooks/build_notebooks.py`` after editing a cell below; it writes each
notebook in English (``notebooks/``) and German (``notebooks/de/``). ``tests/test_notebooks_built.py`` checks the committed notebooks are up to date.
Code cells are the same in both languages except for ``LANG``; they only call tpkit.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent

# Each cell: ("md", German, English) or ("code", source). "{LANG}" is filled in per language.
INVENTORY = [
    ("md",
     """# Teil 1 – Bestandsaufnahme der Touchpoints

Die Touchpoint-Analyse nach Anne M. Schüller hat drei Teile: **Bestandsaufnahme** (Ist-Analyse),
**Bewertung** und **Sollstrategie**. Dieses Notebook führt durch den ersten Teil: Es listet jeden
Touchpoint entlang der Customer Journey auf, zeigt, wo die Journey Lücken hat, was jede Phase kostet
und welche Abteilungen das Erlebnis der Kunden in der Hand haben – nicht nur das Marketing.

Du arbeitest zuerst mit dem Beispielprojekt *Hotel Seeblick*; Abschnitt 8 zeigt, wo deine eigenen Daten hinkommen.
Führe die Zellen der Reihe nach aus (*Run → Run All Cells* geht auch).""",
     """# Part 1 – Touchpoint inventory

The touchpoint analysis of Customer Touchpoint Management (Anne M. Schüller) has three parts:
**inventory** (Bestandsaufnahme), **evaluation** (Bewertung) and **target strategy** (Sollstrategie).
This notebook walks through the first: it lists every touchpoint along the customer journey, shows where the
journey has gaps, what each phase costs, and which departments own the customer's experience — not only marketing.

You start with the sample project *Hotel Seeblick*; section 8 shows exactly where your own data goes.
Run the cells from top to bottom (*Run → Run All Cells* works too)."""),
    ("md",
     """## 1. Projekt laden

Ein Projekt ist ein Ordner mit CSV-Dateien (oder eine Excel-Arbeitsmappe mit einem Blatt je Tabelle).
Für die Bestandsaufnahme genügt `touchpoints.csv`; `segments.csv` kommt dazu, sobald Touchpoints
bestimmten Kundengruppen zugeordnet sind. `LANG` wählt die Sprache aller Tabellen und Grafiken.""",
     """## 1. Load the project

A project is a folder of CSV files (or one Excel workbook with a sheet per table). The inventory needs only
`touchpoints.csv`; `segments.csv` joins it as soon as touchpoints are assigned to customer groups.
`LANG` chooses the language of every table and chart."""),
    ("code", """import tpkit
from tpkit import charts

LANG = "{LANG}"  # "de" or "en"
PROJECT = tpkit.sample_path("hotel")  # ← your own project: PROJECT = "path/to/your/folder" (or a .xlsx file)

project = tpkit.load_project(PROJECT)
project.name, len(project.touchpoints), len(project.segments)"""),
    ("md",
     """## 2. Was eine Touchpoint-Zeile beschreibt

Jeder Touchpoint ist ein „Moment der Wahrheit“: eine Stelle, an der ein Kunde mit Mitarbeitenden, Produkt,
Service oder Marke in Berührung kommt – direkt (vom Unternehmen gesteuert) oder indirekt (Bewertungen, Presse,
Partner, Mundpropaganda). Die Spalten und ihre erlaubten Werte:""",
     """## 2. What a touchpoint row describes

Every touchpoint is a "moment of truth": a place where a customer meets staff, product, service or brand —
directly (controlled by the company) or indirectly (reviews, press, partners, word of mouth).
The columns and their allowed values:"""),
    ("code", """tpkit.relabel(tpkit.describe_table("touchpoints", LANG), LANG)"""),
    ("code", """tpkit.relabel(project.touchpoints[["touchpoint_id", "name", "phase", "channel", "contact", "kind", "owner",
                                   "annual_cost", "annual_contacts", "segments"]].head(10), LANG)"""),
    ("md",
     """## 3. Die Touchpoint-Landkarte

Die Journey in vier Phasen: vor dem Kauf, Kauf, Nutzung, Bindung & Empfehlung. Jeder Punkt ist ein Touchpoint,
seine Größe zeigt die Kontakte pro Jahr, Dreiecke sind indirekte Touchpoints. Fahre mit der Maus über einen Punkt
für Verantwortliche und Kosten. `colour_by` kann `"channel"`, `"kind"` oder `"contact"` sein.""",
     """## 3. The touchpoint map

The journey in four phases: pre-purchase, purchase, usage, loyalty & referral. Each mark is a touchpoint, its size
the contacts per year; triangles are indirect touchpoints. Hover over a mark for owner and cost.
`colour_by` can be `"channel"`, `"kind"` or `"contact"`."""),
    ("code", """charts.touchpoint_map(project.touchpoints, LANG, colour_by="channel")"""),
    ("md",
     """## 4. Abdeckung: Phase × Kanal

Wie viele Touchpoints (davon direkte), welche Kosten und Kontakte liegen in jeder Phase auf jedem Kanal?
Leere Felder sind nicht automatisch schlecht – aber sie sind Fragen für Teil 3 (Online-Offline-Mix).""",
     """## 4. Coverage: phase × channel

How many touchpoints (and how many direct ones), what cost and contacts sit in each phase on each channel?
Empty cells are not bad in themselves — but they are questions for part 3 (the online–offline mix)."""),
    ("code", """coverage = tpkit.coverage_matrix(project.touchpoints)
charts.coverage_heatmap(coverage, LANG, value="touchpoints")"""),
    ("code", """tpkit.relabel(coverage, LANG)"""),
    ("md",
     """## 5. Journey-Lücken

Eine Phase ohne direkten Touchpoint ist eine Lücke: Dort erlebt der Kunde das Unternehmen nur über Dritte –
oder gar nicht. Die Prüfung läuft für alle Kunden zusammen (`all`) und für jedes Segment einzeln, denn eine
Kundengruppe kann eine Lücke haben, die im Durchschnitt verschwindet.""",
     """## 5. Journey gaps

A phase without a direct touchpoint is a gap: there the customer experiences the company only through third
parties — or not at all. The check runs for all customers together (`all`) and for each segment, because a
customer group can have a gap that disappears in the average."""),
    ("code", """tpkit.relabel(tpkit.journey_gaps(project, only_gaps=True), LANG, value_field={"status": "gap_status"})"""),
    ("md",
     """Im Hotel haben die Busreisegruppen in der Phase *Bindung & Empfehlung* nur einen indirekten Touchpoint:
Der Reiseveranstalter hält die Gästedaten, das Hotel erreicht diese Gäste nach der Abreise nicht selbst.
Ob das so bleiben soll, entscheidet Teil 3 – denn die Busreisegruppen sind kein Wunschsegment.""",
     """In the hotel, coach tour groups have only an indirect touchpoint in the *loyalty & referral* phase: the tour
operator holds the guest data, so the hotel cannot reach these guests after they leave. Whether that should stay
so is decided in part 3 — coach tours are not a desired segment."""),
    ("md",
     """## 6. Kosten und Kontakte nach Phase und Abteilung

Wer „besitzt“ das Kundenerlebnis? Touchpoints gehören nicht nur dem Marketing: Buchhaltung (Rechnung),
IT (WLAN), Haustechnik (Parkplatz) prägen es genauso. Die Kosten pro Kontakt zeigen, wo Geld pro Begegnung
am dicksten fließt; Touchpoints ohne Kontakte haben keine (–).""",
     """## 6. Cost and contacts by phase and department

Who "owns" the customer's experience? Touchpoints do not belong to marketing alone: accounting (the invoice),
IT (Wi-Fi) and facilities (parking) shape it just as much. Cost per contact shows where the most money flows per
encounter; touchpoints without contacts have none (–)."""),
    ("code", """tpkit.relabel(tpkit.by_phase(project.touchpoints), LANG)"""),
    ("code", """owners = tpkit.by_owner(project.touchpoints)
charts.owner_bars(owners, LANG)"""),
    ("code", """tpkit.relabel(tpkit.cost_per_contact(project.touchpoints).head(10), LANG)"""),
    ("md",
     """## 7. Zusammenfassung und Export

Die Kennzahlen der Bestandsaufnahme auf einen Blick. Jede Grafik lässt sich als PNG, SVG oder
eigenständige HTML-Datei speichern, z. B. für eine Präsentation.""",
     """## 7. Summary and export

The key figures of the inventory at a glance. Every chart can be saved as PNG, SVG or a self-contained HTML
file, for a presentation for example."""),
    ("code", """summary = tpkit.inventory_summary(project)
summary.assign(metric=[tpkit.t("summary." + m, LANG) for m in summary["metric"]])"""),
    ("code", """from pathlib import Path

out = Path("output")
out.mkdir(exist_ok=True)
charts.export_chart(charts.touchpoint_map(project.touchpoints, LANG), out / "touchpoint_map.png")
charts.export_chart(charts.coverage_heatmap(coverage, LANG), out / "coverage.svg")
sorted(p.name for p in out.iterdir())"""),
    ("md",
     """## 8. Deine eigenen Daten

1. Kopiere `data/hotel/touchpoints.csv` als Vorlage in einen neuen Ordner, z. B. `meine_analyse/`.
2. Trage deine Touchpoints ein – in Excel geht das gut. Komma oder Semikolon, Dezimalpunkt oder -komma,
   UTF-8 oder Windows-1252: alles wird erkannt. Phasen und Kanäle dürfen auch deutsch heißen („Kauf“, „Online“).
3. Setze in Abschnitt 1 `PROJECT = "meine_analyse"` und führe das Notebook erneut aus.

Ist etwas nicht in Ordnung, nennt tpkit **alle** Probleme auf einmal – mit Datei, Zeile, Spalte und Lösung.
So sieht das für eine fehlerhafte Beispieldatei aus:""",
     """## 8. Your own data

1. Copy `data/hotel/touchpoints.csv` as a template into a new folder, e.g. `my_analysis/`.
2. Enter your touchpoints — Excel is fine for that. Comma or semicolon, decimal point or comma, UTF-8 or
   Windows-1252: all are recognised. Phases and channels may also be written in German ("Kauf", "Online").
3. In section 1 set `PROJECT = "my_analysis"` and run the notebook again.

If something is wrong, tpkit names **every** problem at once — with file, row, column and the fix.
This is what it looks like for a broken example file:"""),
    ("code", """try:
    tpkit.load_project(tpkit.datasets.data_dir() / "broken_example")
except tpkit.ProjectError as error:
    problems = error.frame(LANG)
problems"""),
    ("md",
     """**Weiter:** Teil 2 (Bewertung) liest dieselben Projektdaten plus die Befragung (`respondents.csv`,
`ratings.csv`, `employee_ratings.csv`). Das Dashboard *Überblick* zeigt diese Bestandsaufnahme ohne Code –
`make run` startet es.""",
     """**Next:** part 2 (evaluation) reads the same project plus the survey (`respondents.csv`, `ratings.csv`,
`employee_ratings.csv`). The *Overview* dashboard shows this inventory without code — `make run` starts it."""),
]

EVALUATION = [
    ("md",
     """# Teil 2 – Bewertung der Touchpoints

Der zweite Teil beurteilt jeden Touchpoint aus Sicht der Kunden (outside-in) und hält die Sicht der
Mitarbeitenden dagegen (inside-out). Er beantwortet: Wie hoch ist die Weiterempfehlungsbereitschaft (NPS) – und
wie sicher ist die Zahl? Welche Touchpoints treiben sie wirklich? Wo sind die **kritischen Touchpoints**
(Momente der Wahrheit: wichtig und schlecht – zuerst beheben), wo die Stärken, wo Overkill? Welche Touchpoints
machen Kritiker, welche Fans? Wo sehen die Mitarbeitenden etwas anders als die Kunden?

Jede Zahl steht mit ihrer Stichprobengröße und einem Intervall da; zu kleine Gruppen werden markiert, nicht gerankt.""",
     """# Part 2 – Evaluation of the touchpoints

The second part judges every touchpoint from the customer's side (outside-in) and holds the employees' view
against it (inside-out). It answers: how likely are customers to recommend us (NPS) — and how sure is that figure?
Which touchpoints really drive it? Where are the **critical touchpoints** (moments of truth: important and
performing badly — fix first), the strengths, the overkill? Which touchpoints make detractors, which make fans?
Where do employees see things differently from customers?

Every figure comes with its sample size and an interval; groups that are too small are flagged, not ranked."""),
    ("code", """import tpkit
from tpkit import charts, evaluation
from tpkit.drivers import key_drivers

LANG = "{LANG}"  # "de" or "en"
PROJECT = tpkit.sample_path("hotel")  # ← your own project folder or .xlsx

project = tpkit.load_project(PROJECT)
segment_names = tpkit.i18n.name_map(project.segments, "segment_id", LANG)
len(project.respondents), len(project.ratings), len(project.employee_ratings)"""),
    ("md",
     """## 1. Net Promoter Score

Promotoren (9–10) minus Kritiker (0–6), in Prozentpunkten. Das Intervall ist ein adjustiertes Wald-Intervall
(je eine Pseudo-Antwort pro Klasse), das auch bei kleinen Gruppen sein Versprechen von 95 % hält.""",
     """## 1. Net Promoter Score

Promoters (9–10) minus detractors (0–6), in percentage points. The interval is an adjusted Wald interval (one
pseudo-answer per class), which keeps its 95% promise for small groups too."""),
    ("code", """tpkit.relabel(evaluation.nps(project.respondents), LANG)"""),
    ("code", """by_segment = evaluation.nps(project.respondents, by="segment_id")
charts.nps_chart(by_segment, LANG, labels=segment_names)"""),
    ("md",
     """Unterscheiden sich die Segmente wirklich, oder ist das Zufall? Der Chi-Quadrat-Test prüft alle Segmente
zugleich; die paarweisen Vergleiche sind nach Holm für multiples Testen korrigiert.""",
     """Do the segments really differ, or is it chance? The chi-square test checks all segments at once; the
pairwise comparisons are Holm-corrected for multiple testing."""),
    ("code", """evaluation.nps_test(project.respondents, by="segment_id")"""),
    ("code", """evaluation.nps_pairwise(project.respondents, by="segment_id").round(3)"""),
    ("code", """tpkit.relabel(evaluation.nps(project.respondents, by="loyalty"), LANG)"""),
    ("md",
     """Wer das WLAN genutzt hat, empfiehlt seltener weiter als wer es nicht genutzt hat – ein erster Hinweis auf
einen kritischen Touchpoint:""",
     """Guests who used the Wi-Fi recommend less often than those who did not — a first hint at a critical
touchpoint:"""),
    ("code", """evaluation.nps(evaluation.met_flag(project, "wifi"), by="met")"""),
    ("md",
     """## 2. Was treibt die Weiterempfehlung? (Key-Driver-Analyse)

Die *abgeleitete* Wichtigkeit misst, wie viel der Unterschiede in der Weiterempfehlung die Leistung eines
Touchpoints erklärt – besser als nur zu fragen, was wichtig ist. Bis 15 Touchpoints rechnet tpkit exakte
Shapley-Regression, darüber Johnsons relative Gewichte; beides aus der Korrelationsmatrix, mit
Bootstrap-Intervallen. Nicht erlebte Touchpoints zählen mit ihrem Mittelwert: Ein Touchpoint, den nur
wenige erleben, ist für die ganze Kundschaft weniger wichtig – pro Segment gerechnet tritt er deutlicher hervor.""",
     """## 2. What drives recommendation? (key driver analysis)

*Derived* importance measures how much of the differences in recommendation a touchpoint's performance
explains — better than only asking what matters. Up to 15 touchpoints tpkit computes exact Shapley regression,
above that Johnson's relative weights; both from the correlation matrix, with bootstrap intervals. Touchpoints a
respondent did not meet count at their mean: a touchpoint few customers meet matters less for the whole
customer base — computed per segment it stands out more clearly."""),
    ("code", """drivers = key_drivers(project, n_boot=200)
charts.driver_chart(drivers, project.touchpoints, LANG)"""),
    ("code", """tpkit.relabel(drivers.head(10), LANG)"""),
    ("md",
     """## 3. Wichtigkeit und Leistung: kritische Touchpoints

Jeder Touchpoint fällt in eine von vier Klassen: **kritisch** (wichtig, schlecht – zuerst beheben), **Stärke**
(wichtig, gut – halten und für Empfehlungen nutzen), **Overkill** (unwichtig, gut – Ressourcen freigeben),
**niedrige Priorität**. Die Schwellen stehen in den Spalten `*_threshold`: Leistung = Mittel der Touchpoint-
Mittelwerte, abgeleitete Wichtigkeit = gleicher Anteil (1 / Anzahl). Genannte und abgeleitete Sicht stehen
nebeneinander; wo sie sich widersprechen, lohnt ein zweiter Blick.""",
     """## 3. Importance and performance: critical touchpoints

Every touchpoint falls into one of four classes: **critical** (important, bad — fix first), **strength**
(important, good — keep and use for referrals), **overkill** (unimportant, good — resources to free), **low
priority**. The thresholds are in the `*_threshold` columns: performance = mean of the touchpoint means, derived
importance = an equal share (1 / count). Stated and derived views stand side by side; where they disagree, look
twice."""),
    ("code", """classes = evaluation.ipa(project, drivers=drivers)
charts.ipa_chart(classes, project.touchpoints, LANG, view="derived")"""),
    ("code", """charts.ipa_chart(classes, project.touchpoints, LANG, view="stated")"""),
    ("code", """tpkit.relabel(classes.loc[classes["agree"].eq(False), ["touchpoint_id", "n", "performance", "stated_importance",
              "derived_importance", "class_stated", "class_derived"]], LANG, value_field={"class_stated": "class",
              "class_derived": "class"})"""),
    ("md",
     """Die Momente der Wahrheit – insgesamt (`all`) und je Segment, mit Leistung und ihrem Intervall:""",
     """The moments of truth — overall (`all`) and per segment, with performance and its interval:"""),
    ("code", """critical = evaluation.critical_touchpoints(project)
tpkit.relabel(critical[critical["both"]], LANG, value_field={"class_stated": "class", "class_derived": "class"})"""),
    ("md",
     """## 4. Kritiker und Fans: kritische Ereignisse

Welche Touchpoints erzeugen Kritiker (Anteil negativer Erlebnisse unter den Kritikern, die ihn erlebt haben) –
und wo entstehen Fans (Anteil positiver Erlebnisse unter den Promotoren)? Mit Wilson-Intervall.""",
     """## 4. Detractors and fans: critical incidents

Which touchpoints make detractors (share of negative incidents among the detractors who met it) — and where are
fans made (share of positive incidents among promoters)? With Wilson intervals."""),
    ("code", """tpkit.relabel(evaluation.incidents(project).head(8), LANG)"""),
    ("code", """fans = evaluation.incidents(project).sort_values("positive_among_promoters", ascending=False)
tpkit.relabel(fans.head(8), LANG)"""),
    ("md",
     """## 5. Innen- gegen Außensicht

Optimierung soll von den Mitarbeitenden kommen – aber nur, wenn sie sehen, was die Kunden sehen. Ein
**blinder Fleck**: Mitarbeitende bewerten einen Touchpoint deutlich (≥ 0,75 Punkte) und signifikant besser als
die Kunden, und die Kunden sehen ihn unter dem Durchschnitt. Test: Mann–Whitney U, Holm-korrigiert.""",
     """## 5. Inside-out against outside-in

Optimisation should come from the employees — but only if they see what customers see. A **blind spot**:
employees rate a touchpoint clearly (≥ 0.75 points) and significantly better than customers do, and customers see
it below average. Test: Mann–Whitney U, Holm-corrected."""),
    ("code", """gaps = evaluation.inside_outside(project)
charts.gap_chart(gaps, project.touchpoints, LANG)"""),
    ("code", """tpkit.relabel(gaps[gaps["blind_spot"]], LANG)"""),
    ("md",
     """## 6. Segmente im Vergleich

Leistung je Touchpoint und Segment (leere Felder: zu wenige Antworten), und wo sich die Segmente signifikant
unterscheiden (Kruskal–Wallis, Holm-korrigiert).""",
     """## 6. Segments compared

Performance by touchpoint and segment (empty cells: too few answers), and where segments differ significantly
(Kruskal–Wallis, Holm-corrected)."""),
    ("code", """charts.performance_heatmap(evaluation.segment_performance(project), project.touchpoints, LANG, segment_names)"""),
    ("code", """tpkit.relabel(evaluation.segment_differences(project).head(10), LANG)"""),
    ("md",
     """## 7. Deine eigenen Daten

Teil 2 braucht zusätzlich zur Bestandsaufnahme `respondents.csv` (je Befragtem Segment, Kundenstatus,
Weiterempfehlung 0–10, Zufriedenheit 1–5), `ratings.csv` (je Befragtem und erlebtem Touchpoint: Leistung 1–5,
Wichtigkeit 1–5, optional kritisches Ereignis `positive`/`negative` und Kommentar) und `employee_ratings.csv`.
Vorlagen liegen in `data/hotel/`. Setze `PROJECT` oben auf deinen Ordner.

**Weiter:** Teil 3 (Sollstrategie) baut auf diesen Klassen auf.""",
     """## 7. Your own data

Besides the inventory, part 2 needs `respondents.csv` (per respondent: segment, loyalty status, likelihood to
recommend 0–10, satisfaction 1–5), `ratings.csv` (per respondent and touchpoint met: performance 1–5, importance
1–5, optionally a critical incident `positive`/`negative` and a comment) and `employee_ratings.csv`. Templates are
in `data/hotel/`. Set `PROJECT` above to your folder.

**Next:** part 3 (target strategy) builds on these classes."""),
]

NOTEBOOKS = {
    ("inventory", "en"): HERE / "01_inventory.ipynb",
    ("inventory", "de"): HERE / "de" / "01_bestandsaufnahme.ipynb",
    ("evaluation", "en"): HERE / "02_evaluation.ipynb",
    ("evaluation", "de"): HERE / "de" / "02_bewertung.ipynb",
}
SOURCES = {"inventory": INVENTORY, "evaluation": EVALUATION}


def build(cells: list[tuple], lang: str) -> nbformat.NotebookNode:
    """One notebook of ``cells`` in ``lang``."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                   "language_info": {"name": "python"}}
    for i, cell in enumerate(cells):
        if cell[0] == "md":
            text = cell[1] if lang == "de" else cell[2]
            nb.cells.append(nbformat.v4.new_markdown_cell(text, id=f"cell-{i:02d}"))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(cell[1].replace("{LANG}", lang), id=f"cell-{i:02d}"))
    return nb


def render(name: str, lang: str) -> str:
    return nbformat.writes(build(SOURCES[name], lang)) + "\n"


if __name__ == "__main__":
    for (name, lang), path in NOTEBOOKS.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(name, lang), encoding="utf-8")
        print(f"wrote {path.relative_to(HERE.parent)}")

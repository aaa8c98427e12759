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

charts.draw_offline()  # charts drawn from the kernel: no internet needed
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
    ("code", """tpkit.relabel(tpkit.describe_table("touchpoints", lang=LANG), LANG)"""),
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
    ("code", """charts.touchpoint_map(project.touchpoints, lang=LANG, colour_by="channel")"""),
    ("md",
     """## 4. Abdeckung: Phase × Kanal

Wie viele Touchpoints (davon direkte), welche Kosten und Kontakte liegen in jeder Phase auf jedem Kanal?
Leere Felder sind nicht automatisch schlecht – aber sie sind Fragen für Teil 3 (Online-Offline-Mix).""",
     """## 4. Coverage: phase × channel

How many touchpoints (and how many direct ones), what cost and contacts sit in each phase on each channel?
Empty cells are not bad in themselves — but they are questions for part 3 (the online–offline mix)."""),
    ("code", """coverage = tpkit.coverage_matrix(project.touchpoints)
charts.coverage_heatmap(coverage, lang=LANG, value="touchpoints")"""),
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
charts.owner_bars(owners, lang=LANG)"""),
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
charts.export_chart(charts.touchpoint_map(project.touchpoints, lang=LANG), out / "touchpoint_map.png")
charts.export_chart(charts.coverage_heatmap(coverage, lang=LANG), out / "coverage.svg")
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
(die kritischen Momente der Wahrheit: wichtig und schlecht – zuerst beheben), wo die Stärken, wo Overkill? Welche Touchpoints
machen Kritiker, welche Fans? Wo sehen die Mitarbeitenden etwas anders als die Kunden?

Jede Zahl steht mit ihrer Stichprobengröße und einem Intervall da; zu kleine Gruppen werden markiert, nicht gerankt.""",
     """# Part 2 – Evaluation of the touchpoints

The second part judges every touchpoint from the customer's side (outside-in) and holds the employees' view
against it (inside-out). It answers: how likely are customers to recommend us (NPS) — and how sure is that figure?
Which touchpoints really drive it? Where are the **critical touchpoints** (the critical moments of truth: important and
performing badly — fix first), the strengths, the overkill? Which touchpoints make detractors, which make fans?
Where do employees see things differently from customers?

Every figure comes with its sample size and an interval; groups that are too small are flagged, not ranked."""),
    ("code", """import tpkit
from tpkit import charts, evaluation
from tpkit.drivers import key_drivers
from tpkit.examples import example_ids

charts.draw_offline()  # charts drawn from the kernel: no internet needed
LANG = "{LANG}"  # "de" or "en"
PROJECT = tpkit.sample_path("hotel")  # ← your own project folder or .xlsx

project = tpkit.load_project(PROJECT)
segment_names = tpkit.i18n.name_map(project.segments, "segment_id", LANG)
EXAMPLE = example_ids(project, touchpoint="wifi")   # the hotel's Wi-Fi, or your project's own example
len(project.respondents), len(project.ratings), len(project.employee_ratings)"""),
    ("md",
     """## 1. Die Kennzahl des Ergebnisses: hier der Net Promoter Score

Die Kennzahl folgt der Ergebnisfrage des Projekts (`project.outcome`): bei einer Weiterempfehlungsfrage (0–10)
der NPS, bei Ja/Nein der Anteil positiv, bei einer Skala der Mittelwert mit Top-2-Box. Der NPS sind Promotoren
(9–10) minus Kritiker (0–6), in Prozentpunkten. Das Intervall ist ein adjustiertes Wald-Intervall (je eine
Pseudo-Antwort pro Klasse), das auch bei kleinen Gruppen sein Versprechen von 95 % hält.""",
     """## 1. The outcome's headline figure: here the Net Promoter Score

The figure follows the project's outcome question (`project.outcome`): the NPS for a recommendation question
(0–10), the share positive for a yes/no, the mean with its top-2 box for a scale. The NPS is promoters (9–10)
minus detractors (0–6), in percentage points. The interval is an adjusted Wald interval (one pseudo-answer per
class), which keeps its 95% promise for small groups too."""),
    ("code", """outcome = project.outcome
tpkit.relabel(evaluation.headline(project.respondents, outcome=outcome), LANG)"""),
    ("code", """by_segment = evaluation.headline(project.respondents, outcome=outcome, by="segment_id")
charts.headline_chart(by_segment, outcome=outcome, lang=LANG, labels=segment_names)"""),
    ("md",
     """Unterscheiden sich die Segmente wirklich, oder ist das Zufall? Der Chi-Quadrat-Test prüft alle Segmente
zugleich; die paarweisen Vergleiche sind nach Holm für multiples Testen korrigiert.""",
     """Do the segments really differ, or is it chance? The chi-square test checks all segments at once; the
pairwise comparisons are Holm-corrected for multiple testing."""),
    ("code", """evaluation.headline_test(project.respondents, outcome=outcome, by="segment_id")"""),
    ("code", """evaluation.headline_pairwise(project.respondents, outcome=outcome, by="segment_id").round(3)"""),
    ("code", """tpkit.relabel(evaluation.headline(project.respondents, outcome=outcome, by="loyalty"), LANG)"""),
    ("md",
     """Wer das WLAN genutzt hat, empfiehlt seltener weiter als wer es nicht genutzt hat – ein erster Hinweis auf
einen kritischen Touchpoint (in deinem Projekt nimmt `EXAMPLE` den wichtigsten kritischen Touchpoint):""",
     """Guests who used the Wi-Fi recommend less often than those who did not — a first hint at a critical
touchpoint (in your own project `EXAMPLE` takes its most important critical touchpoint):"""),
    ("code", """evaluation.headline(evaluation.met_flag(project, touchpoint=EXAMPLE.touchpoint), outcome=outcome, by="met")"""),
    ("md",
     """## 2. Was treibt die Weiterempfehlung? (Key-Driver-Analyse)

Die *abgeleitete* Wichtigkeit misst, wie viel der Unterschiede in der Weiterempfehlung die Leistung eines
Touchpoints erklärt – besser als nur zu fragen, was wichtig ist. Bis 15 Touchpoints rechnet tpkit exakte
Shapley-Regression, darüber exakte Owen-Werte (erst teilen sich die Phasen die erklärte Varianz, dann die
Touchpoints jeder Phase), solange die Phasen dafür klein genug sind, sonst Johnsons relative Gewichte; alles
aus der Korrelationsmatrix, mit Bootstrap-Intervallen. Welches Verfahren gerechnet hat, steht im Diagramm. Nicht erlebte Touchpoints zählen mit ihrem Mittelwert: Ein Touchpoint, den nur
wenige erleben, ist für die ganze Kundschaft weniger wichtig – pro Segment gerechnet tritt er deutlicher hervor.""",
     """## 2. What drives recommendation? (key driver analysis)

*Derived* importance measures how much of the differences in recommendation a touchpoint's performance
explains — better than only asking what matters. Up to 15 touchpoints tpkit computes exact Shapley regression,
above that exact Owen values (the phases share the explained variance first, then the touchpoints of each
phase) while the phases are small enough for that, otherwise Johnson's relative weights; all from the
correlation matrix, with bootstrap intervals. The chart names the method used. Touchpoints a
respondent did not meet count at their mean: a touchpoint few customers meet matters less for the whole
customer base — computed per segment it stands out more clearly."""),
    ("code", """drivers = key_drivers(project, n_boot=200)
charts.driver_chart(drivers, project.touchpoints, lang=LANG, outcome=outcome)"""),
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
charts.ipa_chart(classes, project.touchpoints, lang=LANG, view="derived", scale=project.rating_scale)"""),
    ("code", """charts.ipa_chart(classes, project.touchpoints, lang=LANG, view="stated", scale=project.rating_scale)"""),
    ("code", """tpkit.relabel(classes.loc[classes["agree"].eq(False), ["touchpoint_id", "n", "performance", "stated_importance",
              "derived_importance", "class_stated", "class_derived"]], LANG, value_field={"class_stated": "class",
              "class_derived": "class"})"""),
    ("md",
     """Die kritischen Momente der Wahrheit – insgesamt (`all`) und je Segment, mit Leistung und ihrem Intervall:""",
     """The critical moments of truth — overall (`all`) and per segment, with performance and its interval:"""),
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
     """**Das schwächste Glied.** Der Kunde beurteilt das Ganze: Hakt es an einer Stelle, ist alles andere
ungeschehen. Befragte mit mindestens einem negativen Erlebnis (oder einer Bewertung in den unteren zwei Punkten)
gegen alle anderen – mit Intervall und Test. Das Was-wäre-wenn-Modell schätzt, wie viel davon über die einzelnen
Touchpoints hinausgeht (`model_fit`, Spalte `weakest_link`).""",
     """**The weakest link.** The customer judges the whole: if it jams at a single place, everything else is
undone. Respondents with at least one negative incident (or a rating in the bottom two points) against all others
— with intervals and a test. The what-if model estimates how much of it goes beyond the single touchpoints
(`model_fit`, column `weakest_link`)."""),
    ("code", """tpkit.relabel(evaluation.weakest_link(project), LANG)"""),
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
charts.gap_chart(gaps, project.touchpoints, lang=LANG, scale=project.rating_scale)"""),
    ("code", """tpkit.relabel(gaps[gaps["blind_spot"]], LANG)"""),
    ("md",
     """## 6. Segmente im Vergleich

Leistung je Touchpoint und Segment (leere Felder: zu wenige Antworten), und wo sich die Segmente signifikant
unterscheiden (Kruskal–Wallis, Holm-korrigiert).""",
     """## 6. Segments compared

Performance by touchpoint and segment (empty cells: too few answers), and where segments differ significantly
(Kruskal–Wallis, Holm-corrected)."""),
    ("code", """charts.performance_heatmap(evaluation.segment_performance(project), project.touchpoints, lang=LANG,
                           scale=project.rating_scale,
                           segment_labels=segment_names)"""),
    ("code", """tpkit.relabel(evaluation.segment_differences(project).head(10), LANG)"""),
    ("md",
     """## 7. Verlauf über die Zeit: Haben die Maßnahmen gewirkt?

Ein Touchpoint-Programm misst nach den Maßnahmen erneut. Tragen die Befragten eine Welle (`wave` in
`respondents.csv`, eine Bezeichnung oder ein Datum), vergleicht `tpkit.tracking` die Wellen: jede Kennzahl mit
Intervall und Test (Holm-korrigiert über die Touchpoints). Hat dein Projekt noch keine zweite Welle, zeigt das
Beispiel *Business-Hotel, zwei Befragungswellen*, wie es aussieht.""",
     """## 7. Over time: did the measures work?

A touchpoint programme measures again after its measures. When respondents carry a wave (`wave` in
`respondents.csv`, a label or a date), `tpkit.tracking` compares the waves: each figure with its interval and a
test (Holm-corrected across the touchpoints). If your project has no second wave yet, the sample *Business hotel,
two survey waves* shows what it looks like."""),
    ("code", """from tpkit import tracking

waved = project if len(tracking.waves(project)) > 1 else tpkit.load_sample("hotel_waves")
changed = tracking.changes(waved)
tpkit.relabel(changed[changed["touchpoint_id"].isna() | changed["significant"]], LANG)"""),
    ("md",
     """Jede Maßnahme mit Fälligkeit zwischen zwei Wellen: Hat sich ihr Touchpoint verbessert, und so viel wie
versprochen? Und die Ampeln gegen die Ziel-Servicelevel – rot nur, wenn das Intervall unter dem Ziel liegt.""",
     """Every measure due between two waves: did its touchpoint improve, and as much as promised? And the traffic
lights against the target levels — red only when the interval lies below the target."""),
    ("code", """tpkit.relabel(tracking.measure_check(waved), LANG)"""),
    ("code", """tracking.target_lights(waved)["light"].value_counts()"""),
    ("md",
     """Hat das Was-wäre-wenn-Modell die zweite Welle vorhergesagt? Aus der ersten Welle projiziert, mit dem, was sich
an den Touchpoints tatsächlich verändert hat, neben dem, was die zweite Welle gemessen hat.""",
     """Did the what-if model predict the second wave? Projected from the first wave with what actually changed at
the touchpoints, beside what the second wave measured."""),
    ("code", """tpkit.relabel(tracking.prediction_check(waved, tracking.measured_scenario(waved)), LANG)"""),
    ("md",
     """## 8. Deine eigenen Daten

Teil 2 braucht zusätzlich zur Bestandsaufnahme `respondents.csv` (je Befragtem Segment, Kundenstatus,
Weiterempfehlung 0–10, Zufriedenheit 1–5), `ratings.csv` (je Befragtem und erlebtem Touchpoint: Leistung 1–5,
Wichtigkeit 1–5, optional kritisches Ereignis `positive`/`negative` und Kommentar) und `employee_ratings.csv`.
Vorlagen liegen in `data/hotel/`. Setze `PROJECT` oben auf deinen Ordner.

**Weiter:** Teil 3 (Sollstrategie) baut auf diesen Klassen auf.""",
     """## 8. Your own data

Besides the inventory, part 2 needs `respondents.csv` (per respondent: segment, loyalty status, likelihood to
recommend 0–10, satisfaction 1–5), `ratings.csv` (per respondent and touchpoint met: performance 1–5, importance
1–5, optionally a critical incident `positive`/`negative` and a comment) and `employee_ratings.csv`. Templates are
in `data/hotel/`. Set `PROJECT` above to your folder.

**Next:** part 3 (target strategy) builds on these classes."""),
]

TARGET_STRATEGY = [
    ("md",
     """# Teil 3 – Sollstrategie und Was-wäre-wenn

Eine Strategie nennt Ziele und die Kundengruppen, mit denen sie erreicht werden – und sie sagt Nein: zu
unpassenden Kunden und zu unpassenden Arbeitsweisen. Dieses Notebook beantwortet die neun Fragen der Methode
am Beispiel *Hotel Seeblick*: Wunschkunden und sanfter Ausstieg, Zielgruppen-Passung, Ziel-Servicelevel und
Maßnahmen, Szenarien (Touchpoints hinzufügen und entfernen, Online-Offline-Mix), Netzwerke und Empfehlungen,
Budget, die Stimmen von Kunden und Mitarbeitenden und zum Schluss das Strategiedokument.

| Frage der Methode | beantwortet in |
|---|---|
| 1. Welche Produkt- und Servicequalität wollen wir welchen Kunden an welchen Touchpoints bieten? | Abschnitt 3 (mit 1 und 2: für welche Kunden) |
| 2. Mit welchen Ressourcen, auf welche Weise, mit welchen Prioritäten? | Abschnitt 3, Budget in Abschnitt 9 |
| 3. Welche alternativen Szenarien gibt es? | Abschnitt 5 (das Modell dahinter: Abschnitt 4) |
| 4. Soll die Zahl der Touchpoints wachsen oder schrumpfen, mit welchen Prioritäten? | Abschnitt 5 |
| 5. Was ist der beste Online-Offline-Mix für unsere Kunden? | Abschnitt 6 |
| 6. An welchen Touchpoints gewinnen wir mehr Wunschkunden? | Abschnitt 7, Frage 6 |
| 7. An welchen Touchpoints verlieren wir weniger Wunschkunden? | Abschnitt 7, Frage 7 |
| 8. An welchen Touchpoints lässt sich Fan-Potenzial entwickeln, und wie? | Abschnitt 7, Frage 8 (Netzwerke: Abschnitt 8) |
| 9. An welchen Touchpoints entstehen Empfehlungen, und wie? | Abschnitt 7, Frage 9 (Netzwerke: Abschnitt 8) |

Die Abschnitte folgen dem Weg der Methode – erst die Kunden (1, 2), dann Qualität und Szenarien, zuletzt
Budget, Stimmen und Dokument –, darum tragen sie andere Nummern als die Fragen.

Jede Zahl kommt aus `tpkit`; dasselbe rechnet das Dashboard `dashboards/what_if.ipynb` für Entscheider ohne Code.""",
     """# Part 3 – Target strategy and what-if

A strategy names goals and the customer groups that reach them — and it says no: to unsuitable customers and to
unsuitable ways of working. This notebook answers the method's nine questions on the sample *Hotel Seeblick*:
desired customers and graceful exits, target-group fit, target service levels and measures, scenarios (adding
and removing touchpoints, the online–offline mix), networks and referrals, budget, the votes of customers and
employees, and finally the strategy document.

| The method's question | answered in |
|---|---|
| 1. Which product and service quality do we want to offer which customers at which touchpoints? | section 3 (with 1 and 2: for which customers) |
| 2. With which resources, in which way, with which priorities? | section 3, the budget in section 9 |
| 3. Which alternative scenarios exist? | section 5 (the model behind them: section 4) |
| 4. Should the number of touchpoints grow or shrink, and with which priorities? | section 5 |
| 5. What is the best online–offline touchpoint mix for our customers? | section 6 |
| 6. At which touchpoints can we win more desired customers? | section 7, question 6 |
| 7. At which touchpoints can we lose fewer desired customers? | section 7, question 7 |
| 8. At which touchpoints can fan potential be developed, and how? | section 7, question 8 (networks: section 8) |
| 9. At which touchpoints can referrals be generated, and how? | section 7, question 9 (networks: section 8) |

The sections follow the method's path — the customers first (1, 2), then quality and scenarios, finally budget,
voices and the document —, so their numbers differ from the questions'.

Every number comes from `tpkit`; the dashboard `dashboards/what_if.ipynb` computes the same for stakeholders
without code."""),
    ("code", """import tpkit
from tpkit import charts, journey, mix, optimize, report, strategy
import tpkit.deck
from tpkit.display import labelled
from tpkit.examples import example_ids
from tpkit.scenario import (TOTAL, AddTouchpoint, ApplyMeasure, RemoveTouchpoint, Scenario, compare,
                            contact_severity, headline_metric, model_fit, network_effect, parameters, simulate)

charts.draw_offline()  # charts drawn from the kernel: no internet needed
LANG = "{LANG}"  # "de" or "en"
PROJECT = tpkit.sample_path("hotel")  # ← your own project folder or .xlsx

project = tpkit.load_project(PROJECT)
segment_names = tpkit.i18n.name_map(project.segments, "segment_id", LANG)
# the hotel's examples (business travellers, the coach tours' exit, the front-desk check-in), or your project's own
EXAMPLE = example_ids(project, segment="business", exit_segment="bus_tours", close="checkin_desk", measure="M01")
project.name, EXAMPLE"""),
    ("md",
     """## 1. Wunschkunden – wollen wir sie, passen sie, verdienen wir an ihnen?

`desired_segments` beurteilt jedes Segment aus `segments.csv` (gewollt, strategische Passung, Marge) und
stellt den NPS mit Intervall daneben. Nicht gewollte Segmente bekommen den Status *Sanfter Ausstieg*.""",
     """## 1. Desired customers — do we want them, do they fit, do we earn money with them?

`desired_segments` judges every segment of `segments.csv` (wanted, strategic fit, margin) and puts its NPS with
interval beside it. Segments that are not wanted get the status *graceful exit*."""),
    ("code", """segments = strategy.desired_segments(project)
tpkit.relabel(segments, LANG, {"status": "status"})"""),
    ("md",
     """Ein Ausstieg ist keine zugeschlagene Tür: `exit_plan` nennt die Touchpoints, die nur dieses Segment nutzt,
in der Reihenfolge, in der sie zurückgefahren werden (erst keine Neukunden mehr gewinnen, den Aufenthalt bis
zuletzt gut machen), und was jeder Schritt spart. Geteilte Touchpoints bleiben.""",
     """An exit is not a slammed door: `exit_plan` names the touchpoints only this segment uses, in the order to scale
them down (stop winning new customers first, serve the stay well to the end), and what each step saves. Shared
touchpoints stay."""),
    ("code", """if EXAMPLE.exit_segment is None:
    print(tpkit.t("goal.none", LANG))   # no segment of this project is set to exit (wanted = no)
else:
    display(tpkit.relabel(strategy.exit_plan(project, segment=EXAMPLE.exit_segment), LANG, {"action": "action"}))"""),
    ("md",
     """## 2. Zielgruppen-Passung

Wo Gruppen sich begegnen, ziehen sie sich an oder stoßen sich ab (−2 … +2). `fit_matrix` zeigt jede Paarung mit
dem Anteil gemeinsamer Touchpoints; `fit_conflicts` meldet, wo die Strategie selbst Wunschkunden vertreibt.
Solange die Busreisen auf Ausstieg stehen, gibt es keinen Konflikt.""",
     """## 2. Target-group fit

Where groups meet they attract or repel each other (−2 … +2). `fit_matrix` shows every pair with the share of
touchpoints they share; `fit_conflicts` reports where the strategy itself drives desired customers away. As long
as the coach tours are on their way out there is no conflict."""),
    ("code", """fit = strategy.fit_matrix(project)
tpkit.relabel(fit[fit["fit"] != 0], LANG)"""),
    ("code", """strategy.fit_conflicts(project)"""),
    ("md",
     """## 3. Frage 1 und 2 – welche Qualität an welchem Touchpoint, mit welchen Ressourcen?

Die Ziel-Servicelevel je Touchpoint und Segment folgen aus den Klassen von Teil 2: kritische Touchpoints sollen
mindestens einen halben Punkt über die Schwelle, Stärken halten ihr Niveau, Overkill darf sinken. Eigene Ziele
übergibst du als Tabelle (`overrides`). Die Maßnahmen aus `measures.csv` zeigen, ob sie die Lücke schließen.""",
     """## 3. Questions 1 and 2 — which quality at which touchpoint, with which resources?

The target service levels per touchpoint and segment follow from the part-2 classes: critical touchpoints should
rise at least half a point above the threshold, strengths hold their level, overkill may fall. Pass your own
targets as a table (`overrides`). The measures of `measures.csv` show whether they close the gap."""),
    ("code", """levels = strategy.target_levels(project)
tpkit.relabel(levels[levels["gap"] > 0], LANG)"""),
    ("md",
     """**Kleine Dinge, großer Schaden.** Die abgeleitete Wichtigkeit wiegt Wirkung mal Reichweite: Ein Touchpoint, den
wenige erleben, der diesen aber sehr schadet, erscheint unwichtig. Daneben die Sicht je Kontakt: Was es die eigenen
Nutzer kostet, wenn er versagt (mit Intervall), und was das ganze Segment. Schwere Fälle (`severe`) werden nicht
zum Schließen angeboten und bekommen unter der Schwelle das Ziel eines kritischen Touchpoints.""",
     """**Small things, big damage.** Derived importance weighs effect times reach: a touchpoint few meet but that hurts
them a lot looks unimportant. Beside it the per-contact view: what its failure costs its own users (with interval),
and what the whole segment. Severe ones (`severe`) are not offered for closing and, below the threshold, get a
critical touchpoint's target."""),
    ("code", """severity = contact_severity(project).query("segment_id == @EXAMPLE.segment")
tpkit.relabel(severity.sort_values("per_contact").head(10), LANG)"""),
    ("md",
     """## 4. Das Was-wäre-wenn-Modell

Das Modell ist aus der Umfrage **geschätzt**: Je Segment sagt eine ordinale Regression (bei Ja/Nein eine logistische)
die Antwortklassen jedes Befragten voraus – aus den Touchpoints, die er erlebt hat, wie gut sie waren (zentriert
auf ihr Mittel), seiner Loyalität und dem *schwächsten Glied* (der schlechtesten Bewertung unter der Skalenmitte:
Der Kunde beurteilt das Ganze). Kleine Segmente leihen sich Stärke vom Gesamtmodell (partielles Pooling: ein
Prior um die Koeffizienten aller Befragten, Streuung `pooling_sd`); bessere Leistung senkt die Antwort nie, ein
Fehler irgendwo hebt sie nie (die Prämisse der Methode als Nebenbedingung). Ein Szenario ändert die Angaben der
Befragten – bessere Bewertungen, ein geschlossener Touchpoint, dessen Nutzer ohne Ersatz den Dienst verlieren
(schlechteste Bewertung), ein neuer Touchpoint – und seine Wirkung ist der Mittelwert der vorhergesagten
Änderungen (G-Computation). Aus 100 Ziehungen der Koeffizienten bekommt jede Veränderung ein 95-%-Intervall;
reicht es (in der gezeigten Genauigkeit) bis zur Null, heißt sie *keine klare Wirkung*.

Das Modell zeigt **Zusammenhänge in der Umfrage, keine bewiesenen Ursachen**: Wer den Touchpoint besser erlebt,
empfiehlt eher – ob ihn die Verbesserung dazu bringt, kann nur eine neue Messung zeigen. Geprüft ist es an den
wahren Gegenfakten des Beispielgenerators: Die Intervalle decken die wahre Veränderung in 94 % von 86 Fällen
(Test `tests/test_fitted_model.py`).""",
     """## 4. The what-if model

The model is **fitted** to the survey: per segment an ordinal regression (a logistic one for yes/no) predicts each
respondent's answer class from the touchpoints they met, how well these performed (centred on their mean), their
loyalty and the *weakest link* (the worst rating below the scale's midpoint: the customer judges the whole).
Small segments borrow strength from the whole base (partial pooling: a prior around all respondents'
coefficients with spread `pooling_sd`); better performance never lowers the answer and a failure anywhere never
raises it (the method's premise as a constraint). A scenario changes the respondents' predictors — better ratings, a closed
touchpoint whose users lose the service without a substitute (the worst rating), a new touchpoint — and its effect
is the average of the predicted changes (g-computation). 100 draws of the coefficients give every change a 95 %
interval; when it reaches zero (at the precision shown) the change is *no clear effect*.

The model shows **associations in the survey, not proven causes**: those who experience a touchpoint better
recommend more — whether improving it makes them do so only a new measurement can show. It is checked against the
sample generator's true counterfactuals: the intervals cover the true change in 94 % of 86 cases (test
`tests/test_fitted_model.py`)."""),
    ("md",
     """Wie gut das Modell die Umfrage beschreibt: je Segment Befragte, McFaddens Pseudo-R², beobachtete und
vorhergesagte Anteile positiver und negativer Antworten und das Gewicht des schwächsten Glieds (für alle mit
Intervall: deckt es die Null, gleichen sich gute und schlechte Touchpoints in diesen Daten einfach aus).""",
     """How well the model describes the survey: per segment respondents, McFadden's pseudo-R², observed and
predicted shares of positive and negative answers, and the weight of the weakest link (for all with its interval:
when it covers zero, good and bad touchpoints simply add up in these data)."""),
    ("code", """model_fit(project)"""),
    ("md",
     """Jede Annahme steht mit Wert und Quelle in `parameters` (`data`, `assumption`, `user`) und lässt sich im Szenario
ändern; `fitted_model = 0` rechnet mit dem Modell der Version 1 (aus den Treiber-Gewichten kalibrierte Koeffizienten,
ohne Intervalle).""",
     """Every assumption is listed with its value and source in `parameters` (`data`, `assumption`, `user`) and can
be changed in a scenario; `fitted_model = 0` computes with the model of version 1 (coefficients calibrated from the
driver weights, without intervals)."""),
    ("code", """parameters(project)"""),
    ("md",
     """**Version 1 und 2 im Vergleich.** Version 1 nahm an, dass die Nutzer eines geschlossenen Touchpoints zu 80 % zu
irgendeinem anderen direkten Touchpoint der Phase wechseln und dass ein Touchpoint in der Skalenmitte niemanden
bewegt: So gewann das Schließen des Parkplatzes Kunden. Version 2 lässt die Nutzer den Dienst verlieren, wo kein
Ersatz benannt ist, und schätzt die Wirkungen aus den Daten: Schließen schadet, und wo die Daten es nicht tragen,
steht *keine klare Wirkung*.""",
     """**Versions 1 and 2 compared.** Version 1 assumed that 80 % of a closed touchpoint's users move to any other
direct touchpoint of the phase and that a touchpoint at the scale's midpoint moves nobody: closing the car park won
customers. Version 2 lets the users lose the service where no substitute is named and estimates the effects from
the data: closing hurts, and where the data do not carry an effect it says *no clear effect*."""),
    ("code", """closing = Scenario("close", (RemoveTouchpoint(EXAMPLE.close),))
versions = compare(project, [closing, Scenario("close (version 1)", closing.changes).with_parameter("fitted_model", 0)])
versions[(versions["metric"] == headline_metric(project.outcome)) & (versions["segment_id"] == TOTAL)]"""),
    ("md",
     """## 5. Frage 3 und 4 – Szenarien: mehr oder weniger Touchpoints?

Was passiert, wenn die Rezeption den Check-in einstellt? Die Kosten sinken, aber Geschäftsreisende haben in der
Kaufphase keinen direkten Touchpoint mehr: Die Lücke öffnet sich und ihr NPS fällt. Ein App-Check-in, der wie der
Schalter wirkt (Annahme, ausgewiesen), schließt die Lücke.""",
     """## 5. Questions 3 and 4 — scenarios: more or fewer touchpoints?

What happens if the front desk stops checking guests in? Cost falls, but business travellers are left without a
direct touchpoint in the purchase phase: the gap opens and their NPS drops. An app check-in that works like the
desk (an assumption, labelled as such) closes the gap."""),
    ("code", """no_desk = Scenario("Ohne Rezeptions-Check-in", (RemoveTouchpoint(EXAMPLE.close),))
app = AddTouchpoint("app_checkin", "App-Check-in", "purchase", "online", annual_cost=60000,
                    performance=project.rating_scale.low + 0.8 * project.rating_scale.span, reach=0.6,
                    similar_to=EXAMPLE.close)
with_app = Scenario("Mit App-Check-in", no_desk.changes + (app,))
result = simulate(project, no_desk)
result.gaps"""),
    ("code", """table = compare(project, [no_desk, with_app])
HEADLINE = headline_metric(project.outcome)   # the NPS, or your outcome's share positive or mean
table[table["metric"].isin([HEADLINE, "touchpoint_cost", "customers"]) & table["segment_id"].isin([EXAMPLE.segment, TOTAL])]"""),
    ("code", """charts.scenario_chart(table, metric=HEADLINE, lang=LANG, labels=segment_names, outcome=project.outcome)"""),
    ("md",
     """Die Journey als Kurve: die Erfahrung der Geschäftsreisenden Phase für Phase – wie sie ist (mit Intervall), wie
die Ziel-Servicelevel sie wollen und wie das Szenario mit App-Check-in sie machen würde; die kritischen Momente der
Wahrheit stehen über ihrer Phase, darunter das Ergebnis derer, die die Phase erlebten.""",
     """The journey as a curve: the business travellers' experience phase by phase — as it is (with its interval), as
the target levels want it and as the scenario with the app check-in would make it; the critical moments of truth
stand above their phase, below it the outcome of those who met the phase."""),
    ("code", """charts.journey_chart(journey.journey_curve(project, segment=EXAMPLE.segment), project.touchpoints, lang=LANG,
                     targets=journey.journey_targets(project, segment=EXAMPLE.segment),
                     after=journey.journey_after(project, with_app, segment=EXAMPLE.segment),
                     outcome=project.outcome, scale=project.rating_scale, title_text=segment_names.get(EXAMPLE.segment))"""),
    ("md",
     """## 6. Frage 5 – der beste Online-Offline-Mix

Welcher Kanal passt zu welchen Kunden? `channel_preferences` zeigt je Segment und Phase, wie viele seiner Kunden
einen Online- und einen Offline-Touchpoint erlebt haben (mit Intervall), und daraus die Vorliebe (0 nur offline,
1 nur online).""",
     """## 6. Question 5 — the best online–offline mix

Which channel suits which customers? `channel_preferences` shows per segment and phase how many of its customers
met an online and an offline touchpoint (with intervals), and from that the preference (0 offline only, 1 online
only)."""),
    ("code", """tpkit.relabel(mix.channel_preferences(project), LANG)"""),
    ("md",
     """`best_mix` sucht je Phase und Segment den Anteil der Kontakte, der online (oder offline) verlagert am meisten
Wunschkunden bringt, ohne die Touchpoint-Kosten zu erhöhen (`cost_limit=0`) – und verlagert kein Segment weiter,
als seine Vorliebe reicht (eine Annahme, ausgewiesen). `ShiftMix` bedient die verlagerten Kontakte mit der Leistung
der anderen Touchpoints derselben Phase (nur menschliche, Service- und Kommunikations-Touchpoints: ein Zimmer zieht
nicht ins Netz); die variablen Kosten wandern mit. Die gewählten Verlagerungen, jede allein:""",
     """`best_mix` searches per phase and segment the share of contacts which, moved online (or offline), wins the most
desired customers without raising the touchpoints' cost (`cost_limit=0`) — and moves no segment further than its
preference reaches (an assumption, labelled as such). `ShiftMix` serves the moved contacts with the performance of
the phase's other touchpoints (human, service and communication touchpoints only: a room does not move online);
the variable cost moves with them. The chosen shifts, each alone:"""),
    ("code", """best = mix.best_mix(project)
tpkit.relabel(best.chosen, LANG)"""),
    ("md",
     """Und alle zusammen, mit den Intervallen des Modells (Kunden und Deckungsbeitrag der Wunschsegmente, das Ergebnis
aller Kunden, die Touchpoint-Kosten im Jahr und der Deckungsbeitrag abzüglich der Kosten im Zeitraum):""",
     """And all of them together, with the model's intervals (customers and contribution of the desired segments, the
outcome of all customers, the touchpoints' cost a year, and the contribution less the cost over the horizon):"""),
    ("code", """best.summary"""),
    ("md",
     """## 7. Fragen 6 bis 9 – gewinnen, halten, Fans, Empfehlungen: jede Frage mit eigenem Beleg

Die vier Fragen sind vier verschiedene Hebel, und jeder hat seinen eigenen Beleg in den Daten (`tpkit.levers`):
**Gewinnen** aus dem, was *neue* Wunschkunden vor dem Kauf erlebt haben; **Halten** aus den negativen Erlebnissen
der Kritiker; **Fans** aus den positiven Erlebnissen der Promotoren; **Empfehlungen** aus den Bindungs-Touchpoints,
die Promotoren erreichen, und dem Netzwerk ihres Segments. Jede Tabelle nennt daneben die Maßnahmen an diesen
Touchpoints und was das Was-wäre-wenn-Modell von ihnen für genau diesen Hebel erwartet (mit Intervall). Kleine
Gruppen sind markiert und bekommen keinen Rang.""",
     """## 7. Questions 6 to 9 — win, keep, fans, referrals: each question from its own evidence

The four questions are four different levers, and each has its own evidence in the data (`tpkit.levers`):
**winning** from what *new* desired customers met before they bought; **keeping** from the detractors' negative
incidents; **fans** from the promoters' positive incidents; **referrals** from the loyalty touchpoints the promoters
meet and their segment's network. Each table also names the measures at these touchpoints and what the what-if
model expects of them for exactly this lever (with its interval). Small groups are flagged and not ranked."""),
    ("md",
     """### Frage 6 – Wo gewinnen wir mehr Wunschkunden?

Von den neuen Wunschkunden: wer einen Touchpoint vor dem Kauf erlebte, ohne dort eine gute Erfahrung zu machen
(unter den beiden besten Skalenpunkten) – dort ist noch zu gewinnen. Daneben Reichweite, ihre Bewertung und wie
viele Neukunden ein Touchpoint je 1.000 Kontakte erreicht.""",
     """### Question 6 — Where do we win more desired customers?

Of the new desired customers: who met a pre-purchase touchpoint without a good experience there (below the
scale's two best points) — that is where more can be won. Beside it the reach, their rating and how many new
customers a touchpoint reaches per 1,000 contacts."""),
    ("code", """labelled(report.lever_section(project, "win", lang=LANG), lang=LANG)"""),
    ("md",
     """### Frage 7 – Wo verlieren wir weniger Wunschkunden?

Welcher Touchpoint hat wie viele Kritiker unter den Wunschkunden verärgert (negatives Erlebnis). Die Maßnahmen
dort und die Kunden, die sie laut Modell halten.""",
     """### Question 7 — Where do we lose fewer desired customers?

Which touchpoint upset how many of the desired customers' detractors (a negative incident). The measures there
and the customers the model expects them to keep."""),
    ("code", """labelled(report.lever_section(project, "keep", lang=LANG), lang=LANG)"""),
    ("md",
     """### Frage 8 – Wo lässt sich Fan-Potenzial entwickeln, und wie?

Die Momente, die begeistern: positive Erlebnisse der Promotoren. Das Wie: das Begeisternde zum Standard machen
und den Fans Anlass geben, es zu zeigen.""",
     """### Question 8 — Where can fan potential be developed, and how?

The moments that delight: the promoters' positive incidents. The how: make the delight the standard and give
fans a reason to show it."""),
    ("code", """labelled(report.lever_section(project, "fans", lang=LANG), lang=LANG)"""),
    ("md",
     """### Frage 9 – Wo entstehen Empfehlungen, und wie?

Die Bindungs- und Empfehlungs-Touchpoints, die Promotoren erreichen, und wie viele Empfehlungen im Jahr diese
Promotoren in das Netzwerk ihres Segments tragen (starke Netzwerke tragen weiter, Abschnitt 8). Daneben der
Promotoren-Anteil derer, die ihn erlebten, und der übrigen.""",
     """### Question 9 — Where can referrals be generated, and how?

The loyalty and recommendation touchpoints the promoters meet, and how many referrals a year these promoters
carry into their segment's network (strong networks carry further, section 8). Beside it the promoter share of
those who met it and of the others."""),
    ("code", """labelled(report.lever_section(project, "referrals", lang=LANG), lang=LANG)"""),
    ("md",
     """Dasselbe für ein einzelnes Segment, hier die Geschäftsreisenden:""",
     """The same for one segment, here the business travellers:"""),
    ("code", """labelled(report.lever_section(project, "keep", segment=EXAMPLE.segment, lang=LANG, top=5), lang=LANG)"""),
    ("md",
     """## 8. Netzwerke und „Lovestorm“

Ob das Netzwerk eines Segments stark ist, sagt die Checkliste der Methode: häufiger Austausch und Zusammenhalt,
sichtbare Zeichen der Zugehörigkeit, gemeinsame Aktivitäten und Rituale, Zugang nur auf Einladung – je 0 (nein),
1 (teils) oder 2 (ja) Punkte in `segments.csv`. Ab 5 von 8 Punkten gilt es als stark; wo die Checkliste fehlt,
zählt der eingetragene Wert.""",
     """## 8. Networks and the "Lovestorm"

Whether a segment's network is strong is answered by the method's checklist: frequent interaction and cohesion,
visible signs of belonging, shared activities and rituals, access by invitation — 0 (no), 1 (partly) or 2 (yes)
points each in `segments.csv`. From 5 of 8 points it counts as strong; where the checklist is missing, the typed
value stands."""),
    ("code", """tpkit.relabel(tpkit.network.network_checklist(project.segments), LANG, {"source": "network_source"})"""),
    ("md",
     """Ein Promotor erreicht `k` Kontakte, die mit Wahrscheinlichkeit `q` Kunde werden; die Gewonnenen erzählen weiter.
Je Promotor entstehen `R / (1 − R)` Kunden mit `R = k · q`. Schwache Netzwerke erreichen mehr Menschen, aber jeder
kennt den Promotor kaum, teilt den Bedarf selten und vertraut dem Wort weniger: Das Wort reist weit, aber dünn.
Starke Netzwerke sind kleine Kreise, die sich oft treffen und einander vertrauen: Wenige hören es, viele handeln.""",
     """A promoter reaches `k` contacts who become customers with probability `q`; those won tell others. Per
promoter that makes `R / (1 − R)` customers with `R = k · q`. Weak networks reach more people, but each of them
hardly knows the promoter, seldom shares the need and trusts the word less: the word travels wide but thin. Strong
networks are small circles that meet often and trust each other: few hear it, many act on it."""),
    ("code", """tpkit.network.network_table(["strong", "weak"])"""),
    ("md",
     """Der „Lovestorm“ folgt aus einer Strategie, nicht aus einer eingetippten Zahl: Maßnahmen an Bindungs- und
Marken-Touchpoints heben die Konversion der Empfehlungen im Netzwerk des Segments (`network_lift`, eine
ausgewiesene Annahme). Hier alle Maßnahmen an solchen Touchpoints – und die Netzwerk-Wirkung für sich: die
Veränderung mit und ohne die höhere Konversion.""",
     """The "Lovestorm" follows from a strategy, not from a number typed in: measures at loyalty and brand touchpoints
raise the conversion of recommendations in the segment's network (`network_lift`, a labelled assumption). Here
every measure at such touchpoints — and the network effect on its own: the change with and without the higher
conversion."""),
    ("code", """carrying = project.touchpoints.query("phase == 'loyalty' or kind == 'brand'")["touchpoint_id"]
loyalty_measures = project.measures[project.measures["touchpoint_id"].isin(carrying)]["measure_id"]
lovestorm = Scenario("Lovestorm", tuple(ApplyMeasure(m) for m in loyalty_measures))
network_effect(project, lovestorm).query("metric == 'referrals'")"""),
    ("md",
     """Und wenn das Netzwerk stärker wäre, als die Voreinstellung annimmt? Jede Rate lässt sich ändern – die Quelle wird
zu `user`.""",
     """And if the network were stronger than the default assumes? Every rate can be changed — its source becomes
`user`."""),
    ("code", """storm = simulate(project, lovestorm.with_parameter("strong.promoter_conversion", 0.15))
storm.kpis[storm.kpis["metric"].isin(["referrals", "customers"])]"""),
    ("md",
     """## 9. Budget: welche Maßnahmen, welche Touchpoints?

`optimize_budget` wählt mit einem gemischt-ganzzahligen Programm (scipy `milp`) die Maßnahmen und Schließungen
mit der größten Wirkung auf die Wunschsegmente: jede Phase behält einen direkten Touchpoint, kritische Momente der Wahrheit
werden verbessert, nicht geschlossen. `next_euro` zeigt, was mehr Budget bringen würde.""",
     """## 9. Budget: which measures, which touchpoints?

`optimize_budget` chooses, with a mixed-integer programme (scipy `milp`), the measures and closures with the
largest effect on the desired segments: every phase keeps a direct touchpoint, critical moments of truth are fixed, not
closed. `next_euro` shows what more budget would buy."""),
    ("code", """plan = optimize.optimize_budget(project, budget=100_000)
plan.summary"""),
    ("code", """plan.chosen"""),
    ("code", """plan.next_euro"""),
    ("md",
     """## 10. Kunden und Mitarbeitende entscheiden mit – zwei Stimmen

Kunden und Mitarbeitende haben Prioritätspunkte auf die Maßnahmen verteilt (`votes.csv`). Es sind zwei Stimmen,
keine: `voices` stellt beide Rangfolgen mit ihren Intervallen nebeneinander; *Stimmen gehen auseinander* heißt,
die Rangintervalle überlappen sich nicht. Maßnahmen, die aus Ideen von Kunden stammen (`proposed_by_type`,
`idea` in `measures.csv`), stehen dabei; wer nach der Abstimmung kam, hat noch keinen Rang.""",
     """## 10. Customers and employees take part — two voices

Customers and employees spread priority points over the measures (`votes.csv`). These are two voices, not one:
`voices` puts both rankings with their intervals side by side; *voices differ* means the rank intervals do not
overlap. Measures that came from customers' ideas (`proposed_by_type`, `idea` in `measures.csv`) are listed too;
one that came after the vote has no rank yet."""),
    ("code", """tpkit.relabel(strategy.voices(project), LANG)"""),
    ("md",
     """Was sie dazu geschrieben haben – die Kommentare der Bewertungen und der Abstimmung und die Ideen, hier zum
Touchpoint des Beispiels:""",
     """What they wrote — the comments of the ratings and of the vote, and the ideas, here on the example's
touchpoint:"""),
    ("code", """example_touchpoint = project.measures.set_index("measure_id")["touchpoint_id"].get(EXAMPLE.measure)
said = strategy.comments(project, touchpoint=example_touchpoint) if example_touchpoint else strategy.comments(project)
tpkit.relabel(said.head(12), LANG)"""),
    ("md",
     """Die Prioritäten: Wirkung je Geld aus dem Modell, daneben die Abstimmung. `votes_weight` legt fest, wie viel die
Stimmen zählen (0: nur das Modell, 1: nur die Stimmen); *Abstimmung und Modell uneins* markiert Maßnahmen, deren
Rang im Modell außerhalb des Rangintervalls der Abstimmung liegt – dort lohnt das Gespräch. Jede Maßnahme behält
die Abteilung, die sie vorgeschlagen hat.""",
     """The priorities: effect per money from the model, beside it the vote. `votes_weight` sets how much the votes
count (0: the model alone, 1: the votes alone); *votes and model disagree* marks measures whose rank in the model
lies outside the vote's rank interval — worth a conversation. Every measure keeps the department that proposed
it."""),
    ("code", """tpkit.relabel(optimize.measure_priorities(project, votes_weight=0.5), LANG)"""),
    ("md",
     """## 11. Das Strategiedokument

Eine Arbeitsmappe (xlsx, mit Diagrammen und einem Blatt je Teil der Methode), ein Foliensatz (pptx) für die
Entscheider und eine eigenständige HTML-Seite mit Zielen, Wunsch- und Ausstiegssegmenten,
Ziel-Servicelevels, dem gewählten Szenario gegen die Ausgangslage und den priorisierten Maßnahmen mit
Verantwortlichen. Sie landen im Ordner `output/` neben diesem Notebook.""",
     """## 11. The strategy document

A workbook (xlsx, with charts and a sheet per part of the method), a slide deck (pptx) for the people who decide,
and one self-contained HTML page with goals, desired and exit segments, target service
levels, the chosen scenario against the baseline and the prioritised measures with their owners. They go to the
folder `output/` beside this notebook."""),
    ("code", """from pathlib import Path

chosen = Scenario("Mit App-Check-in und Budget", with_app.changes + plan.scenario.changes)
out = Path("output")
out.mkdir(exist_ok=True)
(out / "strategie.xlsx").write_bytes(report.strategy_workbook(project, chosen, lang=LANG))
(out / "strategie.html").write_text(report.strategy_html(project, chosen, lang=LANG, compare_with=[no_desk]), encoding="utf-8")
(out / "strategie.pptx").write_bytes(tpkit.deck.strategy_pptx(project, chosen, lang=LANG, compare_with=[no_desk]))
sorted(p.name for p in out.iterdir())"""),
    ("md",
     """**Eigene Szenarien speichern:** `tpkit.store.save_scenario(tpkit.store.scenario_folder(project), chosen)`
schreibt sie nach `scenarios/` im Projektordner; das Dashboard zeigt sie dort zum Vergleich.""",
     """**Save your own scenarios:** `tpkit.store.save_scenario(tpkit.store.scenario_folder(project), chosen)` writes
them to `scenarios/` in the project folder; the dashboard shows them there for comparison."""),
]

IMPORT = [
    ("md",
     """# Teil 0 – Vom Umfrage-Export zu tpkit

Umfragen kommen als Export der Umfrageplattform: eine Zeile je befragter Person, eine Spalte je Frage –
aus Qualtrics, SurveyMonkey, LimeSurvey, Google Forms, SPSS oder Excel. Dieses Notebook liest einen solchen
Export, lässt tpkit vorschlagen, welche Spalte was ist (Weiterempfehlung, Touchpoint-Bewertungen, Segmente …),
zeigt dir den Vorschlag zum Prüfen und liest den Export danach in saubere Tabellen: je Person ihre Antworten,
je Touchpoint, den sie erlebt hat, ihre Bewertung.

Du arbeitest mit zwei mitgelieferten Beispielen; Abschnitt 6 zeigt, wo dein eigener Export hinkommt.""",
     """# Part 0 – From a survey export to tpkit

Surveys arrive as the survey platform exports them: one row per respondent, one column per question — from
Qualtrics, SurveyMonkey, LimeSurvey, Google Forms, SPSS or Excel. This notebook reads such an export, lets tpkit
propose which column is what (recommendation, touchpoint ratings, segments …), shows you the proposal to check,
and then reads the export into tidy tables: per respondent their answers, per touchpoint they met their rating.

You work with two bundled examples; section 6 shows where your own export goes."""),
    ("md",
     """## 1. Den Export lesen

`tpkit.read_export` erkennt das Format an der Datei: Qualtrics schreibt drei Kopfzeilen (Fragen-Id, Fragetext,
Import-Id), SurveyMonkey zwei (Frage, darunter die Zeilen einer Matrixfrage), SPSS-Dateien bringen die Texte
ihrer Antwortcodes mit. `describe_export` zeigt jede Spalte mit ihrer Frage und Beispielantworten.""",
     """## 1. Read the export

`tpkit.read_export` recognises the format from the file: Qualtrics writes three header rows (question id,
question text, import id), SurveyMonkey two (the question, below it the rows of a grid question), SPSS files
bring the labels of their answer codes. `describe_export` shows each column with its question and example answers."""),
    ("code", """import tpkit

LANG = "{LANG}"  # "de" or "en"
EXPORT = tpkit.sample_export("hotel_qualtrics.csv")  # ← your own: EXPORT = "path/to/export.csv" (.xlsx, .sav)

export = tpkit.read_export(EXPORT)
export.platform, len(export.data)"""),
    ("code", """tpkit.describe_export(export)[["column", "question", "answered", "examples"]]"""),
    ("md",
     """## 2. Der Vorschlag: welche Spalte was ist

`guess_mapping` schlägt vor: die Id der Befragten, das Ergebnis (Weiterempfehlung 0–10, eine Zufriedenheitsskala
oder ja/nein), die Touchpoint-Bewertungen mit ihrer Skala, Segmentierungen, Kundentreue, Gewicht und Kommentare.
Antworten wie „Not applicable“, „k.A.“ oder eine 0 neben einer Skala von 1 bis 5 heißen: Diesen Touchpoint hat
die Person nicht erlebt – sie sind nie eine Bewertung. Prüfe die Tabelle: Rolle, Touchpoint-Id und Name.""",
     """## 2. The proposal: which column is what

`guess_mapping` proposes: the respondent id, the outcome (recommendation 0–10, a satisfaction scale or yes/no),
the touchpoint ratings with their scale, segmentations, loyalty, weight and comments. Answers such as "Not
applicable", "k.A." or a 0 beside a 1-to-5 scale mean the respondent did not meet that touchpoint — they are never
a rating. Check the table: role, touchpoint id and name."""),
    ("code", """mapping = tpkit.guess_mapping(export)
print("outcome:", mapping.outcome)
print("rating scale:", mapping.scale, "| not applicable:", mapping.not_applicable)
tpkit.mapping_table(export, mapping)[["column", "role", "touchpoint_id", "name", "answered", "not_applicable"]]"""),
    ("md",
     """## 3. Den Vorschlag anpassen

Alles am Vorschlag lässt sich ändern, zum Beispiel der Name eines Touchpoints oder welche Spalte das Segment
ist, das die Sollstrategie verwendet (die erste in `segments`). Die Id eines Touchpoints bleibt am besten,
wie sie ist: Mit ihr findet die nächste Welle denselben Touchpoint wieder.""",
     """## 3. Adjust the proposal

Everything in the proposal can be changed, for example a touchpoint's name, or which column is the segment the
target strategy uses (the first in `segments`). A touchpoint's id is best left as it is: the next wave finds the
same touchpoint by it."""),
    ("code", """for rating in mapping.ratings:
    if rating.touchpoint_id == "website_and_booking":
        rating.name = "Website & booking"  # an example of a change
mapping.segments"""),
    ("md",
     """## 4. Den Export lesen und die Zuordnung speichern

`survey_tables` liest jede Antwort genau so, wie die Zuordnung sagt – oder weist sie mit Zeile und Spalte
zurück, wenn sie auf keiner Skala liegt. Die gespeicherte Zuordnung liest die nächste Welle genauso.""",
     """## 4. Read the export and save the mapping

`survey_tables` reads every answer exactly as the mapping says — or refuses it with its row and column when it
lies on no scale. The saved mapping reads the next wave the same way."""),
    ("code", """from pathlib import Path

out = Path("output")
out.mkdir(exist_ok=True)
saved = mapping.save(out / "hotel_mapping.json")

tables = tpkit.survey_tables(export, saved)
len(tables.respondents), len(tables.ratings)"""),
    ("code", """tables.ratings.head()"""),
    ("md",
     """## 4b. Als Projekt für die Notebooks 1–3 und die Dashboards

`read_survey` macht aus dem Export ein Projekt: jede Bewertungsfrage ein Touchpoint (Phase, Kanal, Kontakt,
Art und Verantwortliche „unbekannt“, ohne Kosten – trage sie in `touchpoints.csv` nach, sobald du sie kennst),
die Segmente aus der ersten Segmentierung. `save_project` schreibt den gewohnten Projektordner.""",
     """## 4b. As a project for notebooks 1–3 and the dashboards

`read_survey` turns the export into a project: every rating question a touchpoint (phase, channel, contact,
kind and owner "unknown", no cost — fill them in `touchpoints.csv` once you know them), the segments from the
first segmentation. `save_project` writes the usual project folder."""),
    ("code", """project = tpkit.read_survey(export, saved)
folder = tpkit.save_project(project, out / "hotel_project")
tpkit.relabel(tpkit.inventory_summary(project), LANG)"""),
    ("code", """tpkit.relabel(tpkit.headline(project.respondents, outcome=project.outcome, by="segment_id"), LANG)"""),
    ("md",
     """## 5. Ein Export ohne Weiterempfehlungsfrage

Viele Umfragen fragen nicht nach der Weiterempfehlung, sondern nur „zufrieden oder nicht“. tpkit erkennt das
Ergebnis dann als ja/nein und nennt es so – hier eine Passagierbefragung, wie ein deutsches Excel sie als CSV
speichert (Semikolons; 0 heißt „nicht genutzt“).""",
     """## 5. An export without a recommendation question

Many surveys do not ask for a recommendation but only "satisfied or not". tpkit then recognises the outcome
as yes/no and says so — here a passenger survey as a German Excel saves it as CSV (semicolons; 0 means
"not used")."""),
    ("code", """passengers = tpkit.read_export(tpkit.sample_export("passagiere.csv"))
passenger_mapping = tpkit.guess_mapping(passengers)
print("outcome:", passenger_mapping.outcome)
tpkit.mapping_table(passengers, passenger_mapping)[["column", "role", "touchpoint_id", "answered", "not_applicable"]]"""),
    ("md",
     """Das Projekt merkt sich, was sein Ergebnis ist (`project.outcome`, gespeichert in `project.json`): Die
Kennzahl ist dann der **Anteil positiv** mit Wilson-Intervall, nicht ein NPS – in jeder Tabelle, jedem Diagramm
und jedem Dashboard; auch der Was-wäre-wenn-Planer rechnet mit dem Anteil positiv.""",
     """The project keeps what its outcome is (`project.outcome`, saved in `project.json`): the headline figure is
then the **share positive** with a Wilson interval, not an NPS — in every table, chart and dashboard; the
what-if planner projects the share positive too."""),
    ("code", """passenger_project = tpkit.read_survey(passengers, passenger_mapping)
print(passenger_project.outcome)
by_type = tpkit.headline(passenger_project.respondents, outcome=passenger_project.outcome, by="segment_id", min_n=1)
tpkit.relabel(by_type, LANG)"""),
    ("md",
     """## 6. Dein eigener Export

Setze `EXPORT` in der ersten Code-Zelle auf deine Datei und führe das Notebook erneut aus. Stimmt eine Rolle
nicht, ändere sie in Abschnitt 3; die gespeicherte Zuordnung (`output/…_mapping.json`) legst du neben dein
Projekt, und den Projektordner aus Abschnitt 4b öffnen die Notebooks 1–3 und die Dashboards. Die Tabellen des
Projekts beschreibt die README unter „Bring your own data“.""",
     """## 6. Your own export

Set `EXPORT` in the first code cell to your file and run the notebook again. If a role is wrong, change it in
section 3; keep the saved mapping (`output/…_mapping.json`) beside your project, and the project folder from
section 4b is what notebooks 1–3 and the dashboards open. The README describes the project's tables under
"Bring your own data"."""),
]

NOTEBOOKS = {
    ("import", "en"): HERE / "00_import.ipynb",
    ("import", "de"): HERE / "de" / "00_import.ipynb",
    ("inventory", "en"): HERE / "01_inventory.ipynb",
    ("inventory", "de"): HERE / "de" / "01_bestandsaufnahme.ipynb",
    ("evaluation", "en"): HERE / "02_evaluation.ipynb",
    ("evaluation", "de"): HERE / "de" / "02_bewertung.ipynb",
    ("target_strategy", "en"): HERE / "03_target_strategy.ipynb",
    ("target_strategy", "de"): HERE / "de" / "03_sollstrategie.ipynb",
}
SOURCES = {"import": IMPORT, "inventory": INVENTORY, "evaluation": EVALUATION, "target_strategy": TARGET_STRATEGY}


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

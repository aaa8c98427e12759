"""German and English words for everything a user sees.

Charts, widgets, notebooks and error reports take their words from here;
nothing user-facing is hard-coded elsewhere. ``t(key, lang)`` looks a word up,
``label(field, value, lang)`` names a vocabulary value, ``relabel`` turns a
tidy frame into a display table.

Example
-------
>>> t("phase", "de")
'Phase'
>>> label("phase", "pre_purchase", "en")
'Pre-purchase'
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

import pandas as pd

if TYPE_CHECKING:
    from .outcome import OutcomeSpec

Lang = Literal["de", "en"]
LANGUAGES: tuple[Lang, ...] = ("de", "en")
DEFAULT_LANG: Lang = "de"

# key -> (German, English)
WORDS: dict[str, tuple[str, str]] = {
    # --- vocabularies -------------------------------------------------------
    "phase.pre_purchase": ("Vor dem Kauf", "Pre-purchase"),
    "phase.purchase": ("Kauf", "Purchase"),
    "phase.usage": ("Nutzung", "Usage"),
    "phase.loyalty": ("Bindung & Empfehlung", "Loyalty & referral"),
    "channel.online": ("Online", "Online"),
    "channel.offline": ("Offline", "Offline"),
    "channel.hybrid": ("Hybrid", "Hybrid"),
    "towards.online": ("Online", "Online"),
    "towards.offline": ("Offline", "Offline"),
    "contact.direct": ("Direkt", "Direct"),
    "contact.indirect": ("Indirekt", "Indirect"),
    "kind.human": ("Mensch", "Human"),
    "kind.product": ("Produkt", "Product"),
    "kind.service": ("Service", "Service"),
    "kind.communication": ("Kommunikation", "Communication"),
    "kind.brand": ("Marke", "Brand"),
    "kind.third_party": ("Dritte", "Third party"),
    "phase.unknown": ("Phase unbekannt", "Phase unknown"),
    "channel.unknown": ("Kanal unbekannt", "Channel unknown"),
    "contact.unknown": ("Kontakt unbekannt", "Contact unknown"),
    "kind.unknown": ("Art unbekannt", "Kind unknown"),
    "loyalty.new": ("Neukunde", "New"),
    "loyalty.repeat": ("Wiederkehrend", "Repeat"),
    "loyalty.loyal": ("Stammkunde", "Loyal"),
    "loyalty.lapsed": ("Abgewandert", "Lapsed"),
    "incident.positive": ("Positiv", "Positive"),
    "incident.negative": ("Negativ", "Negative"),
    "network.strong": ("Starkes Netzwerk", "Strong network"),
    "network.weak": ("Schwaches Netzwerk", "Weak network"),
    "voter_type.customer": ("Kunde", "Customer"),
    "voter_type.employee": ("Mitarbeitende", "Employee"),
    "gap_status.ok": ("Abgedeckt", "Covered"),
    "gap_status.indirect_only": ("Nur indirekt", "Indirect only"),
    "gap_status.unknown": ("Unbekannt (Phase oder Kontakt fehlt)", "Unknown (phase or contact not given)"),
    "gap_status.missing": ("Kein Touchpoint", "No touchpoint"),
    # --- column names -------------------------------------------------------
    "touchpoint_id": ("Touchpoint", "Touchpoint"),     # (tables show its name; a list of ids says "ID")
    "ui.id": ("ID", "ID"),
    "touchpoint": ("Touchpoint", "Touchpoint"),
    "name": ("Name", "Name"),
    "phase": ("Phase", "Phase"),
    "channel": ("Kanal", "Channel"),
    "contact": ("Kontaktart", "Contact"),
    "kind": ("Art", "Kind"),
    "owner": ("Verantwortlich", "Owner"),
    "annual_cost": ("Kosten pro Jahr", "Annual cost"),
    "annual_contacts": ("Kontakte pro Jahr", "Annual contacts"),
    "segments": ("Segmente", "Segments"),
    "segment_id": ("Segment", "Segment"),
    "loyalty": ("Kundentreue", "Loyalty"),
    "touchpoints": ("Touchpoints", "Touchpoints"),
    "n_direct": ("Direkte Touchpoints", "Direct touchpoints"),
    "n_indirect": ("Indirekte Touchpoints", "Indirect touchpoints"),
    "status": ("Status", "Status"),
    "phases": ("Phasen", "Phases"),
    "cost_per_contact": ("Kosten pro Kontakt", "Cost per contact"),
    "share_of_cost": ("Anteil an den Kosten", "Share of cost"),
    "share_of_contacts": ("Anteil an den Kontakten", "Share of contacts"),
    "metric": ("Kennzahl", "Metric"),
    "value": ("Wert", "Value"),
    "measure": ("Größe", "Measure"),
    "file": ("Datei", "File"),
    "row": ("Zeile", "Row"),
    "column": ("Spalte", "Column"),
    "problem": ("Problem", "Problem"),
    "fix": ("Lösung", "Fix"),
    "required": ("Pflicht", "Required"),
    "type": ("Typ", "Type"),
    "allowed": ("Erlaubte Werte", "Allowed values"),
    "yes": ("ja", "yes"),
    "no": ("nein", "no"),
    "optional_column": ("optional (Spalte darf fehlen)", "optional (column may be absent)"),
    "empty_allowed": ("ja, Zellen dürfen leer sein", "yes, cells may be empty"),
    "fieldkind.id": ("ID (kurzer Schlüssel)", "id (short key)"),
    "fieldkind.text": ("Text", "text"),
    "fieldkind.int": ("ganze Zahl", "whole number"),
    "fieldkind.float": ("Zahl", "number"),
    "fieldkind.bool": ("ja/nein", "yes/no"),
    "fieldkind.date": ("Datum", "date"),
    "fieldkind.choice": ("Auswahl", "choice"),
    "fieldkind.idlist": ("Liste von IDs (mit | getrennt) oder all", "list of ids (separated by |) or all"),
    "on_rating_scale": ("Bewertungsskala des Projekts: 1 … 5, außer project.json nennt eine andere (rating_scale)",
                        "the project's rating scale: 1 … 5 unless project.json names another (rating_scale)"),
    "refers_to": ("IDs aus {target}", "ids from {target}"),
    # --- evaluation -----------------------------------------------------------
    "class.critical": ("Kritisch (ein kritischer Moment der Wahrheit)", "Critical (a critical moment of truth)"),
    "class.strength": ("Stärke", "Strength"),
    "class.overkill": ("Overkill", "Overkill"),
    "class.low_priority": ("Niedrige Priorität", "Low priority"),
    "view.derived": ("Abgeleitete Wichtigkeit", "Derived importance"),
    "view.stated": ("Genannte Wichtigkeit", "Stated importance"),
    "performance": ("Leistung", "Performance"),
    "performance_low": ("Leistung untere Grenze", "Performance lower bound"),
    "performance_high": ("Leistung obere Grenze", "Performance upper bound"),
    "stated_importance": ("Genannte Wichtigkeit", "Stated importance"),
    "derived_importance": ("Abgeleitete Wichtigkeit (Anteil an R²)", "Derived importance (share of R²)"),
    "class_stated": ("Klasse (genannt)", "Class (stated)"),
    "class_derived": ("Klasse (abgeleitet)", "Class (derived)"),
    "agree": ("Beide Sichten einig", "Both views agree"),
    "importance": ("Wichtigkeit", "Importance"),
    "threshold": ("Schwelle", "Threshold"),
    "n": ("n", "n"),
    "group": ("Gruppe", "Group"),
    "nps": ("NPS", "NPS"),
    "nps_low": ("NPS untere Grenze (95 %)", "NPS lower bound (95%)"),
    "nps_high": ("NPS obere Grenze (95 %)", "NPS upper bound (95%)"),
    "promoters": ("Promotoren", "Promoters"),
    "share_positive": ("Anteil positiv", "Share positive"),
    "mean": ("Mittelwert", "Mean"),
    "top2": ("Top-2-Box (Anteil)", "Top-2 box (share)"),
    "low": ("Untere Grenze (95 %)", "Lower bound (95%)"),
    "share_positive_low": ("Anteil positiv untere Grenze (95 %)", "Share positive lower bound (95%)"),
    "share_positive_high": ("Anteil positiv obere Grenze (95 %)", "Share positive upper bound (95%)"),
    "mean_low": ("Mittelwert untere Grenze (95 %)", "Mean lower bound (95%)"),
    "mean_high": ("Mittelwert obere Grenze (95 %)", "Mean upper bound (95%)"),
    "high": ("Obere Grenze (95 %)", "Upper bound (95%)"),
    "passives": ("Passive", "Passives"),
    "detractors": ("Kritiker", "Detractors"),
    "small": ("Zu wenige Antworten", "Too few answers"),
    "rank": ("Rang", "Rank"),
    "weight": ("Gewicht (Anteil an R²)", "Weight (part of R²)"),
    "weight_low": ("Gewicht untere Grenze", "Weight lower bound"),
    "weight_high": ("Gewicht obere Grenze", "Weight upper bound"),
    "share": ("Anteil", "Share"),
    # --- question 5: the online–offline mix (tpkit.mix) ------------------------
    "online_reach": ("Reichweite online", "Reach online"),
    "online_reach_low": ("Reichweite online, untere Grenze", "Reach online, lower bound"),
    "online_reach_high": ("Reichweite online, obere Grenze", "Reach online, upper bound"),
    "offline_reach": ("Reichweite offline", "Reach offline"),
    "offline_reach_low": ("Reichweite offline, untere Grenze", "Reach offline, lower bound"),
    "offline_reach_high": ("Reichweite offline, obere Grenze", "Reach offline, upper bound"),
    "preference": ("Vorliebe online (0 offline … 1 online)", "Online preference (0 offline … 1 online)"),
    "towards": ("Verlagert nach", "Moved to"),
    "limit": ("Höchstens (Vorliebe)", "At most (preference)"),
    "mix_how": ("Je Phase und Segment sucht tpkit den Anteil der Kontakte, der online (oder offline) verlagert am "
                "meisten Wunschkunden bringt, ohne die Touchpoint-Kosten zu erhöhen – und kein Segment weiter, als "
                "es heute schon online (offline) unterwegs ist. Die gewählten Verlagerungen zusammen, mit Intervall:",
                "Per phase and segment tpkit searches the share of contacts which, moved online (or offline), wins "
                "the most desired customers without raising the touchpoints' cost — and moves no segment further "
                "than it already goes online (offline) today. The chosen shifts together, with their interval:"),
    "ui.mix_find": ("Besten Mix suchen", "Find the best mix"),
    "ui.mix_apply": ("Als Szenario übernehmen", "Use as scenario"),
    "ui.mix_none": ("Keine Verlagerung bringt hier mehr Wunschkunden, ohne mehr zu kosten.",
                    "No shift wins more desired customers here without costing more."),
    # --- questions 6 to 9: the four levers (tpkit.levers) ---------------------
    "lever": ("Frage", "Question"),
    "lever.win": ("Frage 6 – Wo gewinnen wir mehr Wunschkunden?", "Question 6 – Where do we win more desired customers?"),
    "lever.keep": ("Frage 7 – Wo verlieren wir weniger Wunschkunden?", "Question 7 – Where do we lose fewer desired customers?"),
    "lever.fans": ("Frage 8 – Wo entstehen Fans?", "Question 8 – Where can fans be developed?"),
    "lever.referrals": ("Frage 9 – Wo entstehen Empfehlungen?", "Question 9 – Where can referrals be generated?"),
    "lever_how.win": ("Die Touchpoints vor dem Kauf, die neue Wunschkunden erlebt haben, und wie viele von ihnen dort "
                      "keine gute Erfahrung machten (unter den beiden besten Skalenpunkten): Dort lässt sich mehr "
                      "gewinnen. Wie: die Maßnahmen an diesen Touchpoints; daneben, wie viele Neukunden je 1.000 "
                      "Kontakte sie erreichen.",
                      "The pre-purchase touchpoints new desired customers met, and how many of them had no good "
                      "experience there (below the scale's two best points): that is where more can be won. How: "
                      "the measures at these touchpoints; beside it, how many new customers they reach per 1,000 "
                      "contacts."),
    "lever_how.keep": ("Die negativen Erlebnisse der Kritiker unter den Wunschkunden: welcher Touchpoint wie viele von "
                       "ihnen verärgert hat. Wie: den Fehler dort abstellen – die Maßnahmen an diesen Touchpoints und "
                       "die Kunden, die sie laut Modell halten.",
                       "The negative incidents of the desired customers' detractors: which touchpoint upset how many "
                       "of them. How: fix the failure there — the measures at these touchpoints and the customers "
                       "the model expects them to keep."),
    "lever_how.fans": ("Die positiven Erlebnisse der Promotoren unter den Wunschkunden – die Momente, die begeistern. "
                       "Wie: das Begeisternde zum Standard machen und Fans Anlass geben, es zu zeigen; die Maßnahmen "
                       "an diesen Touchpoints und die Fans, die sie laut Modell bringen.",
                       "The positive incidents of the desired customers' promoters — the moments that delight. How: "
                       "make the delight the standard and give fans a reason to show it; the measures at these "
                       "touchpoints and the fans the model expects of them."),
    "lever_how.referrals": ("Die Bindungs- und Empfehlungs-Touchpoints, die die Promotoren erreichen, und die "
                            "Empfehlungen im Jahr, die diese Promotoren in das Netzwerk ihres Segments tragen (starke "
                            "Netzwerke tragen weiter). Wie: dort um Empfehlungen bitten und sie leicht machen; die "
                            "Maßnahmen an diesen Touchpoints.",
                            "The loyalty and recommendation touchpoints the promoters meet, and the referrals a "
                            "year these promoters carry into their segment's network (strong networks carry "
                            "further). How: ask for recommendations there and make them easy; the measures at these "
                            "touchpoints."),
    "new_not_good": ("Neukunden ohne gute Erfahrung dort", "New customers without a good experience there"),
    "new_not_good_low": ("Neukunden ohne gute Erfahrung, untere Grenze", "New customers without a good experience, lower bound"),
    "new_not_good_high": ("Neukunden ohne gute Erfahrung, obere Grenze", "New customers without a good experience, upper bound"),
    "detractors_hurt": ("Kritiker mit negativem Erlebnis dort", "Detractors with a negative incident there"),
    "detractors_hurt_low": ("Kritiker mit negativem Erlebnis, untere Grenze", "Detractors with a negative incident, lower bound"),
    "detractors_hurt_high": ("Kritiker mit negativem Erlebnis, obere Grenze", "Detractors with a negative incident, upper bound"),
    "promoters_delighted": ("Promotoren mit positivem Erlebnis dort", "Promoters with a positive incident there"),
    "promoters_delighted_low": ("Promotoren mit positivem Erlebnis, untere Grenze", "Promoters with a positive incident, lower bound"),
    "promoters_delighted_high": ("Promotoren mit positivem Erlebnis, obere Grenze", "Promoters with a positive incident, upper bound"),
    "promoters_reached": ("Erreichte Promotoren", "Promoters reached"),
    "promoters_reached_low": ("Erreichte Promotoren, untere Grenze", "Promoters reached, lower bound"),
    "promoters_reached_high": ("Erreichte Promotoren, obere Grenze", "Promoters reached, upper bound"),
    "among_met": ("Anteil unter denen, die ihn erlebten", "Share among those who met it"),
    "among_met_low": ("… untere Grenze", "… lower bound"),
    "among_met_high": ("… obere Grenze", "… upper bound"),
    "n_met": ("n erlebt", "n met"),
    "small_contact": ("Zu wenige, die ihn erlebten", "Too few who met it"),
    "new_reach": ("Reichweite bei Neukunden", "Reach among new customers"),
    "per_1000_contacts": ("Neukunden je 1.000 Kontakte", "New customers per 1,000 contacts"),
    "base": ("Grundlage", "Base"),
    "base.new": ("Neukunden", "New customers"),
    "base.all": ("Alle Befragten (ohne Loyalitätsstatus)", "All respondents (no loyalty status)"),
    "evidence": ("Beleg", "Evidence"),
    "evidence.incident": ("Kritische Ereignisse", "Critical incidents"),
    "evidence.rating": ("Bewertungen (keine Ereignisse erhoben)", "Ratings (no incidents recorded)"),
    "measure_effect": ("Wirkung der Maßnahmen (Modell)", "Effect of the measures (model)"),
    "measure_effect_low": ("Wirkung der Maßnahmen, untere Grenze", "Effect of the measures, lower bound"),
    "measure_effect_high": ("Wirkung der Maßnahmen, obere Grenze", "Effect of the measures, upper bound"),
    "promoters_met": ("Promotoren-Anteil, wer ihn erlebte", "Promoter share, those who met it"),
    "promoters_other": ("Promotoren-Anteil, die übrigen", "Promoter share, the others"),
    "referrals": ("Empfehlungen im Jahr", "Referrals a year"),
    "referrals_low": ("Empfehlungen, untere Grenze", "Referrals, lower bound"),
    "referrals_high": ("Empfehlungen, obere Grenze", "Referrals, upper bound"),
    "method": ("Verfahren", "Method"),
    "method.shapley": ("Shapley-Regression (exakt)", "Shapley regression (exact)"),
    "method.sampled_shapley": ("Shapley-Regression (Stichprobe)", "Shapley regression (sampled)"),
    "method.relative_weights": ("Relative Gewichte (Johnson)", "Relative weights (Johnson)"),
    # key_drivers keeps "auto" when it computed nothing (too few answers)
    "method.auto": ("nicht berechnet: zu wenige Antworten", "not computed: too few answers"),
    "method.owen": ("Owen-Werte (exakt, Phasen zuerst)", "Owen values (exact, phases first)"),
    "customer_mean": ("Sicht der Kunden", "Customers' view"),
    "employee_mean": ("Sicht der Mitarbeitenden", "Employees' view"),
    "n_customers": ("n Kunden", "n customers"),
    "n_employees": ("n Mitarbeitende", "n employees"),
    "gap": ("Lücke (innen − außen)", "Gap (inside − outside)"),
    "p_value": ("p-Wert", "p-value"),
    "p_adjusted": ("p-Wert (Holm)", "p-value (Holm)"),
    "blind_spot": ("Blinder Fleck", "Blind spot"),
    "view": ("Sicht", "View"),
    "negative_among_detractors": ("Negative Erlebnisse unter Kritikern", "Negative incidents among detractors"),
    "positive_among_promoters": ("Positive Erlebnisse unter Promotoren", "Positive incidents among promoters"),
    "n_detractors": ("n Kritiker", "n detractors"),
    "n_promoters": ("n Promotoren", "n promoters"),
    "n_negative": ("n negative Antworten", "n negative answers"),
    "n_positive": ("n positive Antworten", "n positive answers"),
    "negative_among_negative": ("Negative Erlebnisse unter negativen Antworten", "Negative incidents among negative answers"),
    "positive_among_positive": ("Positive Erlebnisse unter positiven Antworten", "Positive incidents among positive answers"),
    "best_segment": ("Bestes Segment", "Best segment"),
    "worst_segment": ("Schwächstes Segment", "Weakest segment"),
    "spread": ("Spannweite", "Spread"),
    "significant": ("Signifikant (Holm)", "Significant (Holm)"),
    "chart.ipa": ("Wichtigkeit und Leistung: {view}", "Importance and performance: {view}"),
    "chart.headline.nps": ("Net Promoter Score mit 95-%-Intervall", "Net Promoter Score with 95% interval"),
    "chart.headline.share_positive": ("Anteil positiv mit 95-%-Intervall", "Share positive with 95% interval"),
    "chart.headline.mean": ("Mittelwert mit 95-%-Intervall", "Mean with 95% interval"),
    "chart.outcome_question": ("Frage: {question}", "Question: {question}"),
    "chart.heatmap": ("Leistung je Touchpoint und Segment", "Performance by touchpoint and segment"),
    "chart.drivers.nps": ("Was die Weiterempfehlung treibt ({method})", "What drives recommendation ({method})"),
    "chart.drivers.binary": ("Was eine positive Antwort treibt ({method})", "What drives a positive answer ({method})"),
    "chart.drivers.scale": ("Was die Bewertung treibt ({method})", "What drives the rating ({method})"),
    "chart.gap": ("Innen- und Außensicht je Touchpoint", "Inside-out and outside-in view by touchpoint"),
    "chart.small_hint": ("grau: unter {n} Antworten, nicht gerankt", "grey: under {n} answers, not ranked"),
    # --- summary metrics ----------------------------------------------------
    "summary.touchpoints": ("Touchpoints", "Touchpoints"),
    "summary.direct_share": ("Anteil direkter Touchpoints", "Share of direct touchpoints"),
    "summary.online_share": ("Anteil Online-Touchpoints", "Share of online touchpoints"),
    "summary.annual_cost": ("Kosten pro Jahr", "Annual cost"),
    "summary.annual_contacts": ("Kontakte pro Jahr", "Annual contacts"),
    "summary.cost_per_contact": ("Kosten pro Kontakt", "Cost per contact"),
    "summary.owners": ("Verantwortliche Abteilungen", "Owning departments"),
    "summary.segments": ("Segmente", "Segments"),
    "summary.phase_gaps": ("Phasen ohne direkten Touchpoint", "Phases without a direct touchpoint"),
    "summary.segment_gaps": (
        "Lücken Phase × Segment",
        "Gaps phase × segment",
    ),
    "summary.unknown_journey": ("Touchpoints mit unbekannter Phase, Kanal, Kontakt oder Art",
                                "Touchpoints with unknown phase, channel, contact or kind"),
    "summary.unknown_cost": ("Touchpoints ohne Kosten (in den Kosten nicht enthalten)",
                             "Touchpoints without a cost (not in the cost figures)"),
    "summary.journey_gaps": ("Journey-Lücken (Phase oder Phase × Segment)", "Journey gaps (phase or phase × segment)"),
    # --- charts -------------------------------------------------------------
    "journey.title": ("Die Journey als Kurve", "The journey as a curve"),
    "journey.as_is": ("Ist (mit 95-%-Intervall)", "As it is (with 95% interval)"),
    "journey.target": ("Ziel-Servicelevel", "Target service levels"),
    "journey.to_be": ("Szenario (Soll)", "Scenario (to be)"),
    "journey.figure": ("{figure} derer, die die Phase erlebten", "{figure} of those who met the phase"),
    "ui.tab_journey": ("Journey-Kurve", "Journey curve"),
    "ui.tab_trend": ("Verlauf über die Wellen", "Trend over the waves"),
    "ui.all_waves": ("Alle Wellen", "All waves"),
    "ui.wave": ("Welle {wave}", "Wave {wave}"),
    "ui.wave_choice": ("Welle", "Wave"),
    "ui.no_waves": ("Hier ist nur eine Befragungswelle zu sehen (ist oben eine Welle gewählt, wählen Sie „Alle "
                    "Wellen“). Für den Verlauf über die Zeit tragen Sie in respondents.csv eine Spalte wave ein (eine "
                    "Bezeichnung oder ein Datum wie 2027-09) und laden die Antworten aller Wellen zusammen.",
                    "Only one survey wave is shown here (if a wave is chosen above, choose \"All waves\"). For the "
                    "trend over time add a column wave to respondents.csv (a label or a date such as 2027-09) and "
                    "load the answers of every wave together."),
    "ui.trend_changes": ("Was sich zwischen den Wellen verändert hat (Ergebnis und signifikante Touchpoints, "
                         "Holm-korrigiert)", "What changed between the waves (the outcome and significant touchpoints, "
                         "Holm-corrected)"),
    "ui.trend_measures": ("Haben die Maßnahmen gewirkt? Veränderung ihres Touchpoints gegen die versprochene Wirkung",
                          "Did the measures work? Their touchpoint's change against the promised uplift"),
    "ui.trend_lights": ("Ampeln gegen die Ziel-Servicelevel: rot nur, wenn das Intervall unter dem Ziel liegt",
                        "Traffic lights against the target levels: red only when the interval lies below the target"),
    "from_wave": ("Von Welle", "From wave"),
    "to_wave": ("Zu Welle", "To wave"),
    "n_before": ("n vorher", "n before"),
    "n_after": ("n nachher", "n after"),
    "change": ("Veränderung", "Change"),
    "change_low": ("Veränderung, untere Grenze", "Change, lower bound"),
    "change_high": ("Veränderung, obere Grenze", "Change, upper bound"),
    "verdict": ("Urteil", "Verdict"),
    "promised": ("Versprochen (alle Maßnahmen am Touchpoint)", "Promised (all measures at the touchpoint)"),
    "figure.nps": ("NPS", "NPS"),
    "figure.share_positive": ("Anteil positiv", "Share positive"),
    "figure.mean": ("Mittelwert", "Mean"),
    "figure.performance": ("Leistung (Kunden)", "Performance (customers)"),
    "figure.employee_performance": ("Leistung (Mitarbeitende)", "Performance (employees)"),
    "verdict.kept": ("Versprechen gehalten", "Promise kept"),
    "verdict.partly": ("Besser, aber weniger als versprochen", "Better, but less than promised"),
    "verdict.no_effect": ("Keine messbare Veränderung", "No measurable change"),
    "verdict.too_few": ("Zu wenige Antworten", "Too few answers"),
    "light": ("Ampel", "Light"),
    "light.red": ("Rot – unter dem Ziel", "Red – below the target"),
    "light.amber": ("Gelb – Ziel im Intervall", "Amber – target within the interval"),
    "light.green": ("Grün – über dem Ziel", "Green – above the target"),
    "light.grey": ("Grau – zu wenige Antworten", "Grey – too few answers"),
    "predicted": ("Vorhergesagt", "Predicted"),
    "predicted_low": ("Vorhergesagt, untere Grenze", "Predicted, lower bound"),
    "predicted_high": ("Vorhergesagt, obere Grenze", "Predicted, upper bound"),
    "measured": ("Gemessen", "Measured"),
    "measured_low": ("Gemessen, untere Grenze", "Measured, lower bound"),
    "measured_high": ("Gemessen, obere Grenze", "Measured, upper bound"),
    "interval": ("Intervall", "interval"),
    "within": ("Im Intervall der Vorhersage", "Within the prediction's interval"),
    "critical": ("Kritische Momente der Wahrheit", "Critical moments of truth"),
    "chart.touchpoint_map": ("Touchpoint-Landkarte entlang der Customer Journey",
                             "Touchpoint map along the customer journey"),
    "chart.coverage": ("Abdeckung: Phase × Kanal", "Coverage: phase × channel"),
    "chart.by_owner": ("Kosten und Kontakte nach Abteilung", "Cost and contacts by department"),
    "chart.colour_by": ("Farbe nach", "Colour by"),
    # --- dashboard ----------------------------------------------------------
    "ui.title": ("Touchpoint-Analyse · Überblick", "Touchpoint analysis · Overview"),
    "ui.project": ("Projekt", "Project"),
    "ui.language": ("Sprache", "Language"),
    "ui.upload": ("Eigene Daten (ZIP mit CSV, Excel oder ein Umfrage-Export: CSV, Excel, SPSS)",
                  "Your own data (ZIP of CSV, Excel, or a survey export: CSV, Excel, SPSS)"),
    "ui.survey_title": ("Umfrage-Export: Welche Spalte ist was?", "Survey export: which column is what?"),
    "ui.survey_intro": ("tpkit schlägt für jede Spalte von {name} eine Rolle vor. Prüfe und ändere sie, dann "
                        "„Importieren“.", "tpkit proposes a role for every column of {name}. Check and change them, "
                        "then 'Import'."),
    "ui.survey_kind": ("Ergebnis", "Outcome"),
    "ui.survey_reversed": ("Skala umgekehrt (kleinste Zahl = beste Antwort)", "Scale reversed (lowest code = best answer)"),
    "ui.survey_scale": ("Skala", "Scale"),
    "ui.survey_na": ("Trifft nicht zu", "Not applicable"),
    "ui.survey_import": ("Importieren", "Import"),
    "outcome_kind.nps": ("Weiterempfehlung 0–10 (NPS)", "Recommendation 0–10 (NPS)"),
    "outcome_kind.scale": ("Zufriedenheitsskala", "Satisfaction scale"),
    "outcome_kind.binary": ("Ja/Nein", "Yes/no"),
    "role.respondent_id": ("Befragten-ID", "Respondent id"),
    "role.outcome": ("Ergebnis", "Outcome"),
    "role.rating": ("Touchpoint-Bewertung", "Touchpoint rating"),
    "role.segment": ("Segment", "Segment"),
    "role.loyalty": ("Kundentreue", "Loyalty"),
    "role.weight": ("Gewicht", "Weight"),
    "role.comment": ("Kommentar", "Comment"),
    "role.ignored": ("Nicht verwenden", "Not used"),
    "ui.upload_button": ("Hochladen", "Upload"),
    "ui.uploaded": ("Hochgeladen: {name}", "Uploaded: {name}"),
    "ui.loading": ("Lade …", "Loading …"),
    "ui.errors_title": (
        "Die Daten konnten nicht geladen werden — {n} Problem(e):",
        "The data could not be loaded — {n} problem(s):",
    ),
    "ui.errors_hint": (
        "Korrigiere die Dateien und lade sie erneut hoch. Das bisher gezeigte Projekt bleibt offen.",
        "Fix the files and upload them again. The project shown so far stays open.",
    ),
    "ui.summary": ("Kennzahlen", "Key figures"),
    "ui.map": ("Landkarte", "Map"),
    "ui.coverage": ("Abdeckung", "Coverage"),
    "ui.owners": ("Abteilungen", "Departments"),
    "ui.gaps": ("Journey-Lücken", "Journey gaps"),
    "ui.table": ("Touchpoints", "Touchpoints"),
    "ui.gaps_why": ("Eine Journey-Lücke ist eine Phase, in der ein Segment keinen direkten Touchpoint des Unternehmens "
                    "hat: Dort gestalten nur Dritte (Portale, Bewertungen, Bekannte) oder niemand das Erlebnis – "
                    "Kunden springen unbemerkt ab, und keine Maßnahme des Unternehmens erreicht sie. Jede Lücke braucht "
                    "eine Entscheidung: einen direkten Touchpoint schaffen oder bewusst offen lassen.",
                    "A journey gap is a phase in which a segment has no direct touchpoint of the company: only third "
                    "parties (portals, reviews, acquaintances) or nobody shape the experience there – customers drop "
                    "out unnoticed, and no measure of the company reaches them. Every gap needs a decision: create a "
                    "direct touchpoint, or leave it open on purpose."),
    "ui.no_gaps": ("Keine Lücken: jede Phase hat einen direkten Touchpoint.",
                   "No gaps: every phase has a direct touchpoint."),
    "ui.project_name": ("Projekt: {name}", "Project: {name}"),
    "ui.unexpected": ("Unerwarteter Fehler beim Laden von „{name}“: {detail}",
                      "Unexpected error while loading '{name}': {detail}"),
    "ui.colour_by": ("Farbe nach", "Colour by"),
    "ui.coverage_value": ("Zeige", "Show"),
    "ui.all_segments": ("alle Segmente", "all segments"),
    "ui.eval_title": ("Touchpoint-Analyse · Bewertung", "Touchpoint analysis · Evaluation"),
    "ui.segment": ("Segment", "Segment"),
    "ui.segment_or_group": ("Segment oder Gruppe", "Segment or group"),
    "ui.view": ("Wichtigkeit", "Importance"),
    "ui.critical_title": ("Kritische Touchpoints – die kritischen unter den Momenten der Wahrheit – zuerst beheben",
                          "Critical touchpoints — the critical ones among the moments of truth — fix first"),
    "ui.no_critical": ("Keine kritischen Touchpoints in dieser Sicht.", "No critical touchpoints in this view."),
    "ui.no_survey": ("Dieses Projekt hat keine Befragungsdaten (respondents.csv, ratings.csv).",
                     "This project has no survey data (respondents.csv, ratings.csv)."),
    "ui.tab_ipa": ("Wichtigkeit × Leistung", "Importance × performance"),
    "ui.tab_nps": ("Ergebnis je Gruppe", "Outcome by group"),
    "ui.tab_drivers": ("Treiber", "Drivers"),
    "ui.tab_gap": ("Innen/Außen", "Inside/outside"),
    "ui.tab_incidents": ("Negative & positive Erlebnisse", "Negative & positive incidents"),
    "ui.tab_heatmap": ("Segmente", "Segments"),
    "kpi.headline.nps": ("NPS (95-%-Intervall)", "NPS (95% interval)"),
    "kpi.headline.share_positive": ("Anteil positiv (95-%-Intervall)", "Share positive (95% interval)"),
    "kpi.headline.mean": ("Mittelwert {low}–{high} (95-%-Intervall)", "Mean {low}–{high} (95% interval)"),
    "kpi.respondents": ("Befragte", "Respondents"),
    "kpi.respondents_weighted": ("Befragte (effektive Zahl, gewichtet)", "Respondents (effective number, weighted)"),
    "kpi.critical": ("Kritische Touchpoints", "Critical touchpoints"),
    "kpi.blind_spots": ("Blinde Flecken", "Blind spots"),
    "kpi.r2": ("Erklärte Varianz (R²)", "Variance explained (R²)"),
    # --- sample projects ----------------------------------------------------
    "sample.hotel": ("Business-Hotel (Beispiel)", "Business hotel (sample)"),
    "sample.it_distributor": ("IT-Distributor (Beispiel)", "IT distributor (sample)"),
    "sample.hotel_waves": ("Business-Hotel, zwei Befragungswellen (Beispiel)", "Business hotel, two survey waves (sample)"),
    # --- problems: message and fix -----------------------------------------
    "problem.file_missing": ("Die Tabelle fehlt.", "The table is missing."),
    "fix.file_missing": (
        "Lege {file} in den Projektordner (Vorlage: data/hotel/{file}).",
        "Put {file} into the project folder (template: data/hotel/{file}).",
    ),
    "problem.project_missing": ("Projektordner oder -datei nicht gefunden.",
                                "Project folder or file not found."),
    "fix.project_missing": ("Gib einen Ordner mit CSV-Dateien oder eine .xlsx-Arbeitsmappe an.",
                            "Give a folder of CSV files or an .xlsx workbook."),
    "problem.not_text": ("Die Datei ist keine Textdatei (Binärdaten gefunden).",
                         "The file is not a text file (binary data found)."),
    "fix.not_text": ("Speichere die Tabelle als CSV (UTF-8) oder lade die .xlsx-Datei direkt.",
                     "Save the table as CSV (UTF-8) or load the .xlsx workbook directly."),
    "problem.encoding": ("Die Zeichenkodierung ist nicht lesbar (weder UTF-8 noch Windows-1252, ISO-8859-15 oder "
                         "Mac Roman).",
                         "The character encoding cannot be read (neither UTF-8 nor Windows-1252, ISO-8859-15 or "
                         "Mac Roman)."),
    "fix.encoding": ("Speichere die Datei als „CSV UTF-8“.", "Save the file as 'CSV UTF-8'."),
    "problem.encoding_unclear": ("Die Zeilen, die nicht UTF-8 sind, ergeben in keiner der üblichen "
                                 "Zeichenkodierungen lesbaren Text: {readings}.",
                                 "The lines that are not UTF-8 read as plausible text in none of the usual "
                                 "encodings: {readings}."),
    "fix.encoding_unclear": ("Speichere die Datei als „CSV UTF-8“, dann ist eindeutig, welche Zeichen gemeint sind.",
                             "Save the file as 'CSV UTF-8'; then it is clear which characters are meant."),
    "problem.mojibake": ("'{value}' ist doppelt umkodierter Text; gemeint ist wohl '{fixed}'.",
                         "'{value}' is text converted twice; it most likely means '{fixed}'."),
    "fix.mojibake": ("Korrigiere die Zelle oder exportiere die Quelle erneut als „CSV UTF-8“ und öffne sie nicht "
                     "zwischendurch mit einer anderen Kodierung.",
                     "Correct the cell, or export the source again as 'CSV UTF-8' without opening it in another "
                     "encoding in between."),
    "problem.duplicate_input": ("Zwei Eingaben sind dieselbe Tabelle: {first} und {second}.",
                                "Two inputs are the same table: {first} and {second}."),
    "fix.duplicate_input": ("Lösche oder benenne die veraltete um, damit nicht eine die andere stillschweigend "
                            "ersetzt.",
                            "Delete or rename the stale one, so that neither silently replaces the other."),
    "problem.header_again": ("In dieser Zeile stehen noch einmal die Spaltennamen.",
                             "This row holds the column names once more."),
    "fix.header_again": ("Lösche die Zeile. Wurde hier ein zweiter Export angehängt, prüfe, dass er nicht derselbe "
                         "ist wie der erste.",
                         "Delete the row. If a second export was appended here, check that it is not the first "
                         "one again."),
    "problem.tables_in_folders": ("Das ZIP enthält Tabellen in mehr als einem Ordner: {folders}.",
                                  "The zip holds tables in more than one folder: {folders}."),
    "fix.tables_in_folders": ("Ein Projekt liegt in einem Ordner: Packe nur die Dateien des Projekts, das du laden "
                              "willst, in das ZIP (z. B. nur den Ordner dieses Jahres).",
                              "A project sits in one folder: zip only the files of the project you want to load "
                              "(e.g. only this year's folder)."),
    "problem.short_row": ("Die Zeile hat nur {found} Felder, die Kopfzeile {expected}: Sie ist abgeschnitten.",
                          "The row has only {found} fields, the header {expected}: it is cut off."),
    "fix.short_row": ("Lade die Datei erneut herunter oder ergänze die fehlenden Felder (Trennzeichen der Datei: "
                      "„{sep}“; leere Felder brauchen ihr Trennzeichen).",
                      "Download the file again or add the missing fields (the file's separator: '{sep}'; empty "
                      "fields need their separator too)."),
    "problem.not_a_file": ("Das ist keine lesbare Datei (ein Ordner oder eine Verknüpfung, deren Ziel fehlt).",
                           "This is not a readable file (a folder, or a link whose target is missing)."),
    "fix.not_a_file": ("Lege die Tabelle selbst unter diesem Namen in den Projektordner.",
                       "Put the table itself under this name into the project folder."),
    "problem.header_below": ("Die Spaltennamen ({columns}) stehen erst in Zeile {row}; darüber steht etwas "
                             "anderes (ein Titel oder eine Notiz).",
                             "The column names ({columns}) are only in row {row}; something else (a title or "
                             "a note) is above them."),
    "fix.header_below": ("Lösche die Zeilen über Zeile {row}, sodass die Spaltennamen in Zeile 1 stehen.",
                         "Delete the rows above row {row}, so that the column names are in row 1."),
    "problem.date_out_of_range": ("„{value}“ liegt außerhalb der Daten, die tpkit rechnen kann.",
                                  "'{value}' lies outside the dates tpkit can compute with."),
    "fix.date_out_of_range": ("Gib ein Datum zwischen {low} und {high} ein (oder lass die Zelle leer).",
                              "Enter a date between {low} and {high} (or leave the cell empty)."),
    "problem.empty_file": ("Die Datei ist leer (keine Kopfzeile).", "The file is empty (no header row)."),
    "fix.empty_file": ("Die erste Zeile muss die Spaltennamen enthalten: {columns}.",
                       "The first row must hold the column names: {columns}."),
    "problem.no_rows": ("Die Tabelle hat keine Datenzeilen.", "The table has no data rows."),
    "fix.no_rows": ("Trage mindestens eine Zeile ein.", "Enter at least one row."),
    "problem.too_large": ("Die Datei ist zu groß ({size}).", "The file is too large ({size})."),
    "fix.too_large": ("Höchstens {limit} je Datei; teile die Daten oder nutze die Large-Data-Anleitung.",
                      "At most {limit} per file; split the data or follow the large-data guide."),
    "problem.bad_excel": ("Die Arbeitsmappe lässt sich nicht lesen: {detail}.",
                          "The workbook cannot be read: {detail}."),
    "fix.bad_excel": ("Öffne sie in Excel und speichere sie erneut als .xlsx.",
                      "Open it in Excel and save it again as .xlsx."),
    "problem.ragged_row": ("Die Zeile hat {found} Felder, die Kopfzeile {expected}.",
                           "The row has {found} fields, the header {expected}."),
    "fix.ragged_row": (
        "Prüfe Trennzeichen und Anführungszeichen in dieser Zeile (Trennzeichen der Datei: „{sep}“).",
        "Check separators and quotes in this row (the file's separator: '{sep}').",
    ),
    "problem.column_missing": ("Die Spalte fehlt.", "The column is missing."),
    "fix.column_missing": ("Füge die Spalte „{column}“ hinzu.", "Add the column '{column}'."),
    "fix.column_missing_similar": ("Benenne die Spalte „{similar}“ in „{column}“ um.",
                                   "Rename the column '{similar}' to '{column}'."),
    "problem.column_duplicate": ("Die Spalte kommt mehrfach vor.", "The column appears more than once."),
    "fix.column_duplicate": ("Lösche oder benenne die doppelte Spalte um.",
                             "Delete or rename the duplicate column."),
    "problem.column_unnamed": ("Eine Spalte hat keinen Namen, enthält aber Werte.",
                               "A column has no name but holds values."),
    "fix.column_unnamed": ("Gib der Spalte einen Namen oder lösche sie.", "Name the column or delete it."),
    "problem.cell_empty": ("Die Zelle ist leer.", "The cell is empty."),
    "fix.cell_empty": ("Trage einen Wert ein.", "Enter a value."),
    "fix.cell_empty_segments": ("Trage „all“ oder Segment-IDs getrennt durch | ein.",
                                "Enter 'all' or segment ids separated by |."),
    "problem.not_number": ("„{value}“ ist keine Zahl.", "'{value}' is not a number."),
    "fix.not_number": ("Trage eine Zahl ein, z. B. 1200 oder 1200,50 (ohne Währungszeichen).",
                       "Enter a number such as 1200 or 1200.50 (no currency sign)."),
    "fix.not_number_empty": ("Wurde die Frage nicht beantwortet, lass die Zelle leer.",
                             "If the question was not answered, leave the cell empty."),
    "problem.ambiguous_number": ("„{value}“ kann {point} (Punkt als Dezimalzeichen) oder {comma} (Komma als "
                                 "Dezimalzeichen) heißen, und die Datei zeigt nicht eindeutig, welches sie "
                                 "verwendet.",
                                 "'{value}' can mean {point} (point as decimal mark) or {comma} (comma as decimal "
                                 "mark), and the file does not show clearly which one it uses."),
    "fix.ambiguous_number": ("Schreibe die Zahl ohne Tausenderpunkte oder -kommas, z. B. {comma} oder {point}.",
                             "Write the number without thousands separators, e.g. {point} or {comma}."),
    "problem.scale_label": ("„{value}“ ist eine Beschriftung der Skala, keine Zahl.",
                            "'{value}' is a scale label, not a number."),
    "fix.scale_label": ("Exportiere die Antworten als Zahlenwerte (Codes) statt als Beschriftungen, oder behalte "
                        "nur die Zahl.",
                        "Export the answers as numeric values (codes) rather than labels, or keep only the number."),
    "problem.not_finite": ("„{value}“ ist zu groß, um als Zahl genau erhalten zu bleiben.",
                           "'{value}' is too large to be kept exactly as a number."),
    "fix.not_finite": ("Trage den richtigen Wert ein; ein Exponent wie e999 ist wohl ein Tippfehler.",
                       "Enter the right value; an exponent such as e999 is most likely a typo."),
    "problem.not_integer": ("„{value}“ ist keine ganze Zahl.", "'{value}' is not a whole number."),
    "fix.not_integer": ("Trage eine ganze Zahl ein.", "Enter a whole number."),
    "problem.not_bool": ("„{value}“ ist kein Ja/Nein-Wert.", "'{value}' is not a yes/no value."),
    "fix.not_bool": ("Trage yes/no, ja/nein, true/false oder 1/0 ein.",
                     "Enter yes/no, ja/nein, true/false or 1/0."),
    "problem.not_date": ("„{value}“ ist kein Datum.", "'{value}' is not a date."),
    "fix.not_date": ("Schreibe das Datum als 2026-03-31 oder 31.03.2026.",
                     "Write the date as 2026-03-31 or 31.03.2026."),
    "problem.excel_error": ("Die Zelle zeigt Excels Fehler {value}: Eine Formel konnte nicht berechnet werden.",
                            "The cell shows Excel's error {value}: a formula could not be computed."),
    "fix.excel_error": ("Berichtige die Formel in Excel oder trage den Wert ein; lass die Zelle leer, wenn es keinen "
                        "gibt.",
                        "Correct the formula in Excel or enter the value; leave the cell empty if there is none."),
    "problem.formula": ("Die Zelle enthält eine Formel ohne gespeicherten Wert: {value}",
                        "The cell holds a formula without a stored value: {value}"),
    "fix.formula": ("Öffne die Arbeitsmappe in Excel, speichere sie (damit Werte berechnet werden) "
                    "oder ersetze die Formel durch ihren Wert.",
                    "Open the workbook in Excel and save it (so values are computed) "
                    "or replace the formula with its value."),
    "problem.below_min": ("{value} ist kleiner als das Minimum {min}.", "{value} is below the minimum {min}."),
    "problem.above_max": ("{value} ist größer als das Maximum {max}.", "{value} is above the maximum {max}."),
    "fix.range": ("Erlaubt sind Werte von {min} bis {max}.", "Allowed are values from {min} to {max}."),
    "fix.min_only": ("Trage einen Wert von mindestens {min} ein.", "Enter a value of at least {min}."),
    "problem.not_in_choices": ("„{value}“ ist kein erlaubter Wert.", "'{value}' is not an allowed value."),
    "fix.not_in_choices": ("Erlaubt: {choices}.", "Allowed: {choices}."),
    "fix.not_in_choices_loyalty": ('Erlaubt: {choices} – oder nenne die eigenen Treue-Wörter des Projekts in project.json, '
                                   'z. B. "loyalty": ["Stammkunde", "Gelegenheitskunde"].',
                                   'Allowed: {choices} – or name the project\'s own loyalty words in project.json, '
                                   'e.g. "loyalty": ["Loyal Customer", "disloyal Customer"].'),
    "fix.not_in_choices_similar": ("Meintest du „{similar}“? Erlaubt: {choices}.",
                                   "Did you mean '{similar}'? Allowed: {choices}."),
    "problem.duplicate_id": ("Die ID „{value}“ kommt mehrfach vor (auch in Zeile {other}).",
                             "The id '{value}' appears more than once (also in row {other})."),
    "fix.duplicate_id": ("Jede ID darf nur einmal vorkommen: benenne eine um oder lösche die doppelte Zeile.",
                         "Every id may appear once only: rename one or delete the duplicate row."),
    "problem.duplicate_key": ("Die Kombination {value} kommt mehrfach vor (auch in Zeile {other}).",
                              "The combination {value} appears more than once (also in row {other})."),
    "fix.duplicate_key": ("Behalte eine Zeile je Kombination.", "Keep one row per combination."),
    "problem.unknown_reference": ("„{value}“ ist in {target} nicht vorhanden.",
                                  "'{value}' does not exist in {target}."),
    "fix.unknown_reference": ("Korrigiere die ID oder ergänze sie in {target}.",
                              "Correct the id or add it to {target}."),
    "fix.unknown_reference_zeros": ("Gemeint ist wohl „{similar}“: Excel lässt führende Nullen weg. Formatiere "
                                    "die Spalte als Text und trage die IDs neu ein (oder exportiere sie erneut).",
                                    "It most likely means '{similar}': Excel drops leading zeros. Format the column "
                                    "as Text and enter the ids again (or export them again)."),
    "fix.unknown_reference_similar": ("Meintest du „{similar}“? Sonst ergänze die ID in {target}.",
                                      "Did you mean '{similar}'? Otherwise add the id to {target}."),
    "problem.unknown_wave": ("Die Welle „{value}“ kommt in respondents.csv nicht vor (dort: {waves}).",
                             "The wave '{value}' does not occur in respondents.csv (there: {waves})."),
    "fix.unknown_wave": ("Benenne die Wellen der Mitarbeitenden wie die der Befragten, oder lass die Zelle leer: "
                         "eine Bewertung ohne Welle zählt für jede Welle.",
                         "Name the employees' waves as the respondents' are named, or leave the cell empty: "
                         "a rating without a wave counts for every wave."),
    "problem.self_pair": ("Ein Segment ist mit sich selbst gepaart.", "A segment is paired with itself."),
    "fix.self_pair": ("Lösche die Zeile; die Passung eines Segments zu sich selbst ist nicht gefragt.",
                      "Delete the row; a segment's fit with itself is not asked for."),
    "problem.upload_type": ("„{name}“ ist weder ZIP noch .xlsx.", "'{name}' is neither ZIP nor .xlsx."),
    "fix.upload_type": ("Lade eine ZIP-Datei mit den CSV-Tabellen oder eine Excel-Arbeitsmappe hoch.",
                        "Upload a ZIP of the CSV tables or an Excel workbook."),
    "problem.bad_zip": ("Das ZIP-Archiv lässt sich nicht öffnen: {detail}.",
                        "The ZIP archive cannot be opened: {detail}."),
    "fix.bad_zip": ("Packe die CSV-Dateien erneut (ohne Passwort).", "Zip the CSV files again (no password)."),
    "problem.zip_unsafe": ("Das ZIP-Archiv enthält einen unsicheren Pfad: {detail}.",
                           "The ZIP archive holds an unsafe path: {detail}."),
    "problem.zip_too_large": ("Das ZIP-Archiv entpackt zu {size}; erlaubt sind {limit}.",
                              "The ZIP archive unpacks to {size}; allowed are {limit}."),
    "problem.bad_meta": ("project.json lässt sich nicht lesen: {detail}.", "project.json cannot be read: {detail}."),
    "problem.bad_project_sheet": ("Das Blatt „project“ lässt sich nicht lesen: {detail}.",
                                  "The sheet 'project' cannot be read: {detail}."),
    "fix.bad_project_sheet": ('Schreibe in Spalte B z. B. {{"kind": "binary", "label": "Zufrieden?"}} (outcome) oder '
                              '{{"low": 1, "high": 7}} (rating_scale).',
                              'Write in column B for example {{"kind": "binary", "label": "Satisfied?"}} (outcome) '
                              'or {{"low": 1, "high": 7}} (rating_scale).'),
    "fix.bad_meta": ('Schreibe z. B. {{"name": "Mein Projekt", "currency": "EUR"}}.',
                     'Write for example {{"name": "My project", "currency": "EUR"}}.'),
    "problem.more": ("… und {n} weitere Zeilen mit demselben Problem (ab Zeile {first}).",
                     "… and {n} more rows with the same problem (from row {first})."),
    "fix.more": ("Behebe die Ursache für die ganze Spalte.", "Fix the cause for the whole column."),
    "fix.zip": ("Packe nur die CSV-Tabellen des Projekts, ohne Unterordner außerhalb.",
                "Zip only the project's CSV tables, with no folders outside it."),
    "problem.xlsx_too_large": ("Die Arbeitsmappe entpackt zu {size}; erlaubt sind {limit}.",
                               "The workbook unpacks to {size}; allowed are {limit}."),
    "fix.xlsx_too_large": ("Eine Projekt-Arbeitsmappe entpackt zu höchstens {limit}: lösche leere Zeilen "
                           "und Spalten am Tabellenende oder gib große Tabellen als CSV bzw. Parquet ab.",
                           "A project workbook unpacks to at most {limit}: delete empty rows and columns at the "
                           "end of the sheets, or hand in large tables as CSV or Parquet."),
    "problem.looks_like_date": ("„{value}“ ist ein Datum, keine Zahl – Excel macht aus Eingaben wie 5.1 oder "
                                "1-5 gern ein Datum.",
                                "'{value}' is a date, not a number – Excel turns entries such as 5.1 or 1-5 "
                                "into dates."),
    "fix.looks_like_date": ("Formatiere die Spalte in Excel als Zahl und trage den Wert neu ein.",
                            "Format the column as Number in Excel and enter the value again."),
    "problem.merged_cells": ("Verbundene Zellen {range}: nur die erste Zelle hat einen Wert.",
                             "Merged cells {range}: only the first cell holds a value."),
    "fix.merged_cells": ("Hebe den Zellverbund auf und trage den Wert in jede Zeile ein.",
                         "Unmerge the cells and enter the value in every row."),
    "problem.mixed_separator": ("Die Zeile trennt mit „{found}“, die Kopfzeile mit „{expected}“.",
                                "The row is separated by '{found}', the header by '{expected}'."),
    "fix.mixed_separator": ("Verwende in der ganzen Datei dasselbe Trennzeichen (am besten neu als CSV "
                            "speichern).", "Use one separator throughout the file (saving it again as CSV does)."),
    "problem.unclosed_quote": ("Ein Anführungszeichen wird hier geöffnet und bis zum Dateiende nicht geschlossen; "
                               "alle folgenden Zeilen würden in dieser Zelle landen.",
                               "A quote opens here and is not closed before the end of the file; every following "
                               "row would end up in this cell."),
    "fix.unclosed_quote": ("Schließe das Anführungszeichen oder lösche es.", "Close the quote or delete it."),
    "problem.bad_quote": ("Ein Anführungszeichen steht mitten in einer Zelle in Anführungszeichen.",
                          "A quote stands inside a quoted cell."),
    "fix.bad_quote": ('Verdopple Anführungszeichen innerhalb der Zelle ("") oder lösche sie.',
                      'Double the quotes inside the cell ("") or delete them.'),
    "problem.cell_too_long": ("Eine Zelle ist länger als {limit} Zeichen.", "A cell is longer than {limit} characters."),
    "fix.cell_too_long": ("Kürze die Zelle; prüfe, ob ein Anführungszeichen fehlt.",
                          "Shorten the cell; check for a missing quote."),
    "problem.misnamed_table": ("Diese Tabelle hat die Spalten von {table}, aber einen anderen Namen; sie wird "
                               "sonst nicht gelesen.",
                               "This table has the columns of {table} but another name; it would not be read."),
    "fix.misnamed_table": ("Benenne sie in {table} um.", "Rename it to {table}."),

    # --- part 3: target strategy and what-if ------------------------------------
    "metric.experience_index": ("Erlebnisindex (0–100)", "Experience index (0–100)"),
    "metric.recommend": ("Weiterempfehlung (Mittel 0–10)", "Likelihood to recommend (mean 0–10)"),
    "metric.promoter_share": ("Anteil Promotoren", "Promoter share"),
    "metric.detractor_share": ("Anteil Kritiker", "Detractor share"),
    "metric.nps": ("NPS", "NPS"),
    "unit.pp": ("Pp.", "pp"),
    "unit.months": ("Monate", "months"),
    "unit.share": ("Anteil (0–1)", "share (0–1)"),
    "unit.per_year": ("je Jahr", "per year"),
    "unit.points": ("Punkte der Skala", "scale points"),
    "unit.factor": ("Faktor", "factor"),
    "unit.switch": ("ein (1) / aus (0)", "on (1) / off (0)"),
    "unit.logit": ("Logits", "logits"),
    "unit.customers": ("Kunden", "customers"),
    "unit.money": ("Geld", "money"),
    "unit.network": ("0 = stark, 1 = schwach", "0 = strong, 1 = weak"),
    "metric.promoter_share.binary": ("Anteil positiv", "Share positive"),
    "metric.promoter_share.scale": ("Anteil Top-2-Box", "Top-2-box share"),
    "metric.detractor_share.binary": ("Anteil negativ", "Share negative"),
    "metric.detractor_share.scale": ("Anteil Bottom-2-Box", "Bottom-2-box share"),
    "metric.nps.binary": ("Netto positiv (positiv − negativ, Punkte)", "Net positive (positive − negative, points)"),
    "metric.nps.scale": ("Netto Top-2 − Bottom-2 (Punkte)", "Net top-2 − bottom-2 box (points)"),
    "metric.recommend.binary": ("Anteil Ja (Mittel der Antworten 1/0)", "Share yes (mean of the 1/0 answers)"),
    "metric.recommend.scale": ("Mittelwert ({low}–{high})", "Mean ({low}–{high})"),
    "goal.headline": ("{figure} der Wunschkunden von {before} auf {after} (Szenario „{scenario}“).",
                      "{figure} of desired customers from {before} to {after} (scenario '{scenario}')."),
    "metric.customers": ("Kunden am Ende", "Customers at the end"),
    "metric.kept": ("Gehaltene Kunden", "Customers kept"),
    "metric.won": ("Gewonnene Kunden", "Customers won"),
    "metric.lost": ("Verlorene Kunden", "Customers lost"),
    "metric.referrals": ("Durch Empfehlung gewonnen", "Won through referrals"),
    "metric.lost_word_of_mouth": ("Durch negative Mundpropaganda verloren", "Lost to negative word of mouth"),
    "metric.fans": ("Fans (Promotoren am Ende)", "Fans (promoters at the end)"),
    "metric.fans.binary": ("Fans (positive Antworten am Ende)", "Fans (positive answers at the end)"),
    "metric.fans.scale": ("Fans (Top-2-Box am Ende)", "Fans (top-2 box at the end)"),
    "metric.touchpoint_cost": ("Touchpoint-Kosten pro Jahr", "Touchpoint cost per year"),
    "metric.measure_cost": ("Kosten der Maßnahmen (einmalig)", "Cost of measures (one-off)"),
    "metric.contribution": ("Deckungsbeitrag im Zeitraum", "Contribution over the horizon"),
    "metric.net": ("Deckungsbeitrag abzüglich Touchpoint-Kosten im Zeitraum", "Contribution less touchpoint cost over the horizon"),
    "status.desired": ("Wunschkunde", "Desired"),
    "status.review": ("Prüfen", "Review"),
    "status.exit": ("Sanfter Ausstieg", "Graceful exit"),
    "reason.not_wanted": ("nicht gewollt", "not wanted"),
    "reason.poor_fit": ("passt nicht zur Strategie", "does not fit the strategy"),
    "reason.no_margin": ("keine Marge", "no margin"),
    "reason.wanted_unknown": ("„gewollt“ nicht angegeben", "'wanted' not given"),
    "action.stop": ("einstellen", "stop"),
    "action.keep_shared": ("behalten (geteilt)", "keep (shared)"),
    "action.keep_light": ("als leichten Kanal offen halten (man sieht sich immer zweimal)",
                          "keep open as a light channel (one always meets twice)"),
    "action.inform_early": ("früh und offen informieren, bevor sich etwas ändert",
                            "inform early and openly, before anything changes"),
    "action.recommend_alternative": ("eine passende Alternative empfehlen", "recommend a suitable alternative"),
    "other_status": ("Status des anderen Segments", "Status of the other segment"),
    "other_customer_share": ("Kundenanteil des anderen Segments", "Customer share of the other segment"),
    "source.data": ("Daten", "data"),
    "source.assumption": ("Annahme", "assumption"),
    "source.user": ("Nutzer", "user"),
    "source.default": ("Vorgabe aus Teil 2", "default from part 2"),
    "option_kind.measure": ("Maßnahme", "Measure"),
    "option_kind.close": ("Schließen", "Close"),
    "change.add": ("Neu: {name} ({phase}, {channel}), Reichweite {reach}, Leistung {performance}",
                   "New: {name} ({phase}, {channel}), reach {reach}, performance {performance}"),
    "change.remove": ("Entfernt: {name}", "Removed: {name}"),
    "change.performance": ("Leistung {name}: {delta} Punkte", "Performance {name}: {delta} points"),
    "change.budget": ("Budget {name}: × {factor}", "Budget {name}: × {factor}"),
    "change.mix": ("{share} der Kontakte {phase} nach {towards} verlagert",
                   "{share} of contacts {phase} moved to {towards}"),
    "change.mix_for": ("{change} (nur {segment})", "{change} (only {segment})"),
    "change.measure": ("Maßnahme: {name}", "Measure: {name}"),
    "note.borrowed_coefficient": ("Wirkung von „{touchpoint}“ übernommen von „{similar}“ (Annahme).",
                                  "Effect of '{touchpoint}' borrowed from '{similar}' (assumption)."),
    "note.must_keep": ("„{touchpoint}“ ist als unverzichtbar markiert (must_keep): Kunden erwarten ihn; das Modell "
                       "rechnet die Schließung, der Optimierer schlüge sie nie vor.",
                       "'{touchpoint}' is marked must-keep (must_keep): customers expect it; the model computes the "
                       "closure, the optimiser would never propose it."),
    "note.cost_unknown": ("„{touchpoint}“ hat keine Kosten in den Daten: Was seine Schließung spart, ist unbekannt "
                          "(nicht null).", "'{touchpoint}' has no cost in the data: what closing it saves is unknown "
                          "(not zero)."),
    "note.no_substitute": ("„{touchpoint}“ hat keinen Ersatz (works_like in touchpoints.csv): Seine Nutzer verlieren "
                           "den Dienst, das zählt als schlechteste Erfahrung.",
                           "'{touchpoint}' has no substitute (works_like in touchpoints.csv): its users lose the "
                           "service, which counts as the worst experience."),
    "note.no_substitute_for": ("„{touchpoint}“ hat für {segments} keinen Ersatz: Diese Nutzer verlieren den Dienst "
                               "(schlechteste Erfahrung), die anderen wechseln zu ihrem Ersatz.",
                               "'{touchpoint}' has no substitute for {segments}: those users lose the service (the "
                               "worst experience), the others move to its substitutes."),
    "note.similar_no_data": ("„{touchpoint}“ soll wie „{similar}“ wirken, doch zu „{similar}“ hat die Umfrage (fast) "
                             "keine Bewertungen: Seine Wirkung ist unbekannt, nicht null.",
                             "'{touchpoint}' is to work like '{similar}', but the survey has (almost) no ratings of "
                             "'{similar}': its effect is unknown, not zero."),
    "note.calibrated_model": ("Gerechnet mit den kalibrierten Koeffizienten (Modell 1, fitted_model = 0): ohne "
                              "Unsicherheit der Modellparameter.",
                              "Computed with the calibrated coefficients (model 1, fitted_model = 0): without the "
                              "model parameters' uncertainty."),
    "note.model_not_fitted": ("Kein geschätztes Ergebnismodell: {reason}",
                              "No fitted outcome model: {reason}"),
    "note.mix_no_target": ("Phase {phase}: kein Touchpoint im Zielkanal – nichts verlagert.",
                           "Phase {phase}: no touchpoint in the target channel – nothing moved."),
    "note.clash": ("Zielgruppen-Konflikt: wächst „{growing}“, verliert „{segment}“ etwa {lost} Kunden.",
                   "Target-group clash: as '{growing}' grows, '{segment}' loses about {lost} customers."),
    "note.clash_relief": ("Zielgruppen-Entlastung: schrumpft „{shrinking}“, gewinnt „{segment}“ etwa {won} Kunden zurück.",
                          "Target-group relief: as '{shrinking}' shrinks, '{segment}' wins back about {won} customers."),
    "param.horizon_months": ("Zeitraum in Monaten", "Horizon in months"),
    "param.move_share": ("Anteil der Nutzer, die zum Ersatz wechseln (gleiche Gruppe „wirkt wie“)",
                         "Share of users moving to the substitutes (the same 'works like' group)"),
    "param.customers": ("Kunden", "Customers"),
    "param.revenue_per_customer": ("Umsatz je Kunde", "Revenue per customer"),
    "param.margin": ("Marge", "Margin"),
    "param.network": ("Netzwerk (stark oder schwach)", "Network (strong or weak)"),
    "param.rate.promoter_contacts": ("{network}: Empfehlungskontakte je Promotor und Jahr",
                                     "{network}: word-of-mouth contacts per promoter and year"),
    "param.rate.promoter_conversion": ("{network}: Anteil der Kontakte eines Promotors, die Kunde werden",
                                       "{network}: share of a promoter's contacts who become customers"),
    "param.rate.detractor_contacts": ("{network}: abratende Kontakte je Kritiker und Jahr",
                                      "{network}: discouraging contacts per detractor and year"),
    "param.rate.detractor_conversion": ("{network}: Anteil der Kontakte eines Kritikers, die verloren gehen",
                                        "{network}: share of a detractor's contacts who are lost"),
    "param.retention_promoter": ("Bindungsrate Promotoren (positive Antworten) pro Jahr",
                                 "Retention of promoters (positive answers) per year"),
    "param.retention_passive": ("Bindungsrate Passive (mittlere Antworten) pro Jahr",
                                "Retention of passives (middle answers) per year"),
    "param.retention_detractor": ("Bindungsrate Kritiker (negative Antworten) pro Jahr",
                                  "Retention of detractors (negative answers) per year"),
    "param.budget_elasticity": ("Leistungspunkte je Verdopplung des Budgets (× ln 2)",
                                "Performance points per e-fold of budget"),
    "param.market_multiple": ("Marktgröße als Vielfaches der Kunden", "Market size as a multiple of customers"),
    "param.fit_elasticity": ("Stärke der Abstoßung zwischen Zielgruppen", "Strength of repulsion between groups"),
    "param.variable_cost_share": ("Variabler Kostenanteil beim Kanalwechsel", "Variable cost share in a channel shift"),
    "param.default_customers_per_respondent": ("Kunden je Befragtem (falls Kundenzahl fehlt)",
                                               "Customers per respondent (when customers are missing)"),
    "param.fitted_model": ("Geschätztes Ergebnismodell (1) oder kalibrierte Koeffizienten (0)",
                           "Fitted outcome model (1) or calibrated coefficients (0)"),
    "param.pooling_sd": ("Wie weit ein Segment vom Gesamtmodell abweichen darf (Prior-SD, Logits)",
                         "How far a segment may depart from the whole base's model (prior sd, logits)"),
    "param.network_lift": ("Relative Änderung der Empfehlungs-Konversion je Leistungspunkt an Bindungs- und "
                           "Marken-Touchpoints", "Relative change of the referral conversion per performance point at "
                           "loyalty and brand touchpoints"),
    "network_effect": ("Davon durch das Netzwerk", "Of which through the network"),
    "with_network": ("Mit Netzwerk-Wirkung", "With the network effect"),
    "without_network": ("Ohne Netzwerk-Wirkung", "Without the network effect"),
    "network_interaction": ("Häufiger Austausch, Zusammenhalt (0–2)", "Frequent interaction, cohesion (0–2)"),
    "network_belonging": ("Sichtbare Zeichen der Zugehörigkeit (0–2)", "Visible signs of belonging (0–2)"),
    "network_rituals": ("Gemeinsame Aktivitäten und Rituale (0–2)", "Shared activities and rituals (0–2)"),
    "network_invitation": ("Zugang nur auf Einladung (0–2)", "Access by invitation (0–2)"),
    "score": ("Punkte (0–8)", "Score (0–8)"),
    "checklist": ("Nach Checkliste", "By the checklist"),
    "typed": ("Eingetragen", "Typed in"),
    "agrees": ("Stimmt überein", "Agrees"),
    "network_source.checklist": ("Checkliste", "Checklist"),
    "network_source.typed": ("Eingetragen", "Typed in"),
    "network_source.none": ("Nicht angegeben (schwach angenommen)", "Not given (weak assumed)"),
    "delta_low": ("Veränderung, Intervall unten", "Change, interval low"),
    "delta_high": ("Veränderung, Intervall oben", "Change, interval high"),
    "clear": ("Klare Wirkung", "Clear effect"),
    "no_clear_effect": ("keine klare Wirkung", "no clear effect"),
    "baseline": ("Ausgangslage", "Baseline"),
    "scenario": ("Szenario", "Scenario"),
    "delta": ("Veränderung", "Change"),
    "scenario_low": ("Intervall unten", "Interval low"),
    "scenario_high": ("Intervall oben", "Interval high"),
    "reasons": ("Gründe", "Reasons"),
    "profit": ("Ertrag pro Jahr", "Profit per year"),
    "step": ("Schritt", "Step"),
    "action": ("Aktion", "Action"),
    "shared_with": ("Geteilt mit", "Shared with"),
    "saving": ("Einsparung pro Jahr", "Saving per year"),
    "cumulative_saving": ("Einsparung kumuliert", "Cumulative saving"),
    "fit": ("Passung", "Fit"),
    "given": ("Angegeben", "Given"),
    "shared": ("Gemeinsame Touchpoints", "Shared touchpoints"),
    "current": ("Heute", "Today"),
    "target": ("Ziel", "Target"),
    "measures": ("Maßnahmen", "Measures"),
    "measure_uplift": ("Wirkung der Maßnahmen", "Uplift of the measures"),
    "closed_by_measures": ("Lücke geschlossen", "Gap closed"),
    "class": ("Klasse", "Class"),
    "voters": ("Abstimmende", "Voters"),
    "supporters": ("Unterstützer", "Supporters"),
    "points_mean": ("Punkte je Person", "Points per voter"),
    "points_low": ("Punkte unten", "Points low"),
    "points_high": ("Punkte oben", "Points high"),
    "rank_low": ("Rang bestenfalls", "Best rank"),
    "rank_high": ("Rang schlechtestenfalls", "Worst rank"),
    "effect": ("Wirkung", "Effect"),
    "effect_per_1000": ("Wirkung je 1.000", "Effect per 1,000"),
    "priority": ("Priorität", "Priority"),
    "option": ("Option", "Option"),
    "parameter": ("Parameter", "Parameter"),
    "unit": ("Einheit", "Unit"),
    "source": ("Quelle", "Source"),
    "growing": ("Wachsendes Segment", "Growing segment"),
    "customers_lost": ("Verlorene Kunden", "Customers lost"),
    "before": ("Vorher", "Before"),
    "after": ("Nachher", "After"),
    "wanted": ("Gewollt", "Wanted"),
    "strategic_fit": ("Strategische Passung", "Strategic fit"),
    "customers": ("Kunden", "Customers"),
    "revenue_per_customer": ("Umsatz je Kunde", "Revenue per customer"),
    "margin": ("Marge", "Margin"),
    "network": ("Netzwerk", "Network"),
    "proposed_by": ("Vorgeschlagen von", "Proposed by"),
    "cost": ("Kosten", "Cost"),
    "uplift": ("Erwartete Wirkung", "Expected uplift"),
    "due_date": ("Fällig", "Due"),
    "measure_id": ("Maßnahme", "Measure"),
    "segment": ("Segment", "Segment"),
    "other_segment_id": ("Anderes Segment", "Other segment"),
    "voter_type": ("Wer", "Who"),
    "comment": ("Kommentar", "Comment"),
    "incident": ("Erlebnis", "Incident"),
    "points": ("Punkte", "Points"),
    "goal": ("Ziel", "Goal"),
    "goal.nps": ("NPS der Wunschkunden von {before} auf {after} (Szenario „{scenario}“).",
                 "NPS of desired customers from {before} to {after} (scenario '{scenario}')."),
    "goal.customers": ("Wunschkunden nach {months} Monaten: {before} → {after}.",
                       "Desired customers after {months} months: {before} → {after}."),
    "goal.cost": ("Touchpoint-Kosten pro Jahr {before} → {after}; Maßnahmen einmalig {measures}.",
                  "Touchpoint cost per year {before} → {after}; measures one-off {measures}."),
    "goal.exit": ("Sanfter Ausstieg aus: {segments}.", "Graceful exit from: {segments}."),
    "goal.none": ("keine", "none"),
    "report.title": ("Sollstrategie · {project}", "Target strategy · {project}"),
    "report.generated": ("Erstellt am {date} mit tpkit {version}.", "Generated on {date} by tpkit {version}."),
    "report.goals": ("Ziele", "Goals"),
    "report.part_decisions": ("Die Entscheidungen", "The decisions"),
    "report.part_details": ("Im Einzelnen", "In detail"),
    "report.part_appendix": ("Anhang: Methode und Annahmen", "Appendix: method and assumptions"),
    "report.segments": ("Wunschkunden und Ausstieg", "Desired customers and exits"),
    "report.exit_plans": ("Pläne für den sanften Ausstieg", "Graceful exit plans"),
    "report.fit": ("Zielgruppen-Passung: Konflikte", "Target-group fit: conflicts"),
    "report.targets": ("Ziel-Servicelevel (Lücken)", "Target service levels (gaps)"),
    "report.levers": ("Fragen 6 bis 9: gewinnen, halten, Fans, Empfehlungen – jede mit eigenem Beleg",
                      "Questions 6 to 9: win, keep, fans, referrals — each from its own evidence"),
    "evidence_text": ("Beleg (95-%-Intervall)", "Evidence (95% interval)"),
    "measure_effect_text": ("Wirkung der Maßnahmen im Modell (95-%-Intervall)", "Effect of the measures in the model (95% interval)"),
    "report.scenario": ("Szenario gegen Ausgangslage", "Scenario against the baseline"),
    "report.changes": ("Änderungen des Szenarios", "Changes of the scenario"),
    "report.gaps_opened": ("Neue Journey-Lücken", "Journey gaps opened"),
    "report.measures": ("Maßnahmen nach Priorität", "Measures by priority"),
    "report.parameters": ("Annahmen und Parameter", "Assumptions and parameters"),
    "severe": ("Schwerer Schaden je Kontakt", "Severe per contact"),
    "per_contact": ("Wirkung bei Ausfall, je Nutzer", "Effect of a failure, per user"),
    "per_contact_low": ("je Nutzer, Intervall unten", "Per user, interval low"),
    "per_contact_high": ("je Nutzer, Intervall oben", "Per user, interval high"),
    "whole_base": ("Wirkung bei Ausfall, ganzes Segment", "Effect of a failure, whole segment"),
    "users": ("Nutzer", "Users"),
    "split": ("Bruchstelle", "Failure"),
    "failed": ("Erlebt", "Experienced"),
    "figure": ("Kennzahl", "Figure"),
    "value_low": ("Intervall unten", "Interval low"),
    "value_high": ("Intervall oben", "Interval high"),
    "report.ownership": ("Wer die Maßnahmen trägt: eigene Ideen und übergebene", "Who carries the measures: own ideas and handed over"),
    "own_idea": ("Eigene Idee", "Own idea"),
    "handed_over": ("Von anderen übergeben", "Handed over by others"),
    "commitment": ("Zusage des Teams", "The team's commitment"),
    "own_ideas": ("Eigene Ideen", "Own ideas"),
    "committed": ("Mit Zusage", "Committed"),
    # --- the customers' voice (strategy.voices, strategy.comments) -------------
    "customer_idea": ("Idee von Kunden", "Customers' idea"),
    "customer_ideas": ("Ideen von Kunden", "Customers' ideas"),
    "proposed_by_type": ("Idee von", "Idea of"),
    "proposed_by_type.customer": ("Kunden", "Customers"),
    "proposed_by_type.employee": ("Mitarbeitenden", "Employees"),
    "idea": ("Die Idee in eigenen Worten", "The idea in its proposer's words"),
    "report.voices": ("Zwei Stimmen: Kunden und Mitarbeitende", "Two voices: customers and employees"),
    "report.comments": ("Was Kunden und Mitarbeitende schreiben", "What customers and employees write"),
    "ui.comments_on": ("Kommentare zu", "Comments on"),
    "ui.comments_none": ("Keine Kommentare.", "No comments."),
    "said_in": ("Geschrieben bei", "Written with"),
    "said_in.rating": ("Bewertung", "Rating"),
    "said_in.vote": ("Abstimmung", "Vote"),
    "said_in.idea": ("Idee", "Idea"),
    "differ": ("Stimmen gehen auseinander", "Voices differ"),
    "effect_rank": ("Rang nach Wirkung je Geld", "Rank by effect per money"),
    "disagree": ("Abstimmung und Modell uneins", "Votes and model disagree"),
    "customer_voters": ("Kunden: Abstimmende", "Customers: voters"),
    "customer_points_mean": ("Kunden: Punkte je Person", "Customers: points per voter"),
    "customer_points_low": ("Kunden: Punkte unten", "Customers: points low"),
    "customer_points_high": ("Kunden: Punkte oben", "Customers: points high"),
    "customer_rank": ("Kunden: Rang", "Customers: rank"),
    "customer_rank_low": ("Kunden: Rang bestenfalls", "Customers: best rank"),
    "customer_rank_high": ("Kunden: Rang schlechtestenfalls", "Customers: worst rank"),
    "customer_small": ("Kunden: zu wenige", "Customers: too few"),
    "employee_voters": ("Mitarbeitende: Abstimmende", "Employees: voters"),
    "employee_points_mean": ("Mitarbeitende: Punkte je Person", "Employees: points per voter"),
    "employee_points_low": ("Mitarbeitende: Punkte unten", "Employees: points low"),
    "employee_points_high": ("Mitarbeitende: Punkte oben", "Employees: points high"),
    "employee_rank": ("Mitarbeitende: Rang", "Employees: rank"),
    "employee_rank_low": ("Mitarbeitende: Rang bestenfalls", "Employees: best rank"),
    "employee_rank_high": ("Mitarbeitende: Rang schlechtestenfalls", "Employees: worst rank"),
    "employee_small": ("Mitarbeitende: zu wenige", "Employees: too few"),
    "report.model_fit": ("Wie gut das Ergebnismodell die Umfrage beschreibt", "How well the outcome model describes the survey"),
    "pseudo_r2": ("Pseudo-R² (McFadden)", "Pseudo-R² (McFadden)"),
    "observed_positive": ("Anteil positiv, beobachtet", "Share positive, observed"),
    "predicted_positive": ("Anteil positiv, vom Modell", "Share positive, by the model"),
    "observed_negative": ("Anteil negativ, beobachtet", "Share negative, observed"),
    "predicted_negative": ("Anteil negativ, vom Modell", "Share negative, by the model"),
    "weakest_link": ("Gewicht des schwächsten Glieds", "Weight of the weakest link"),
    "weakest_link_low": ("schwächstes Glied, Intervall unten", "Weakest link, interval low"),
    "weakest_link_high": ("schwächstes Glied, Intervall oben", "Weakest link, interval high"),
    "report.charts": ("Diagramme", "Charts"),
    "report.none": ("Keine.", "None."),
    "workbook.part1": ("Teil 1 – Bestandsaufnahme", "Part 1 – Inventory"),
    # sheet names where a section's title is longer than Excel's 31 characters or holds a sign Excel refuses
    "workbook.fit": ("Zielgruppen-Passung", "Target-group fit"),
    "workbook.levers": ("Fragen 6–9 – Hebel", "Questions 6–9 – levers"),
    "workbook.ownership": ("Wer die Maßnahmen trägt", "Who carries the measures"),
    "workbook.voices": ("Kunden und Mitarbeitende", "Customers and employees"),
    "workbook.model_fit": ("Güte des Ergebnismodells", "Fit of the outcome model"),
    "workbook.part2": ("Teil 2 – Bewertung", "Part 2 – Evaluation"),
    # --- the deck (tpkit.deck) --------------------------------------------------
    "deck.subtitle": ("Szenario: {scenario} · erstellt am {date} mit tpkit {version}",
                      "Scenario: {scenario} · generated on {date} by tpkit {version}"),
    "deck.key_figures": ("Kennzahlen: das Szenario gegen die Ausgangslage", "Key figures: the scenario against the baseline"),
    "deck.critical": ("Kritische Momente der Wahrheit: wichtig und schwach", "Critical moments of truth: important and weak"),
    "deck.ipa": ("Wichtigkeit und Leistung jedes Touchpoints", "Importance and performance of every touchpoint"),
    "deck.drivers": ("Was die Weiterempfehlung treibt", "What drives the recommendation"),
    "deck.scenario": ("Szenario „{scenario}“ gegen die Ausgangslage", "Scenario '{scenario}' against the baseline"),
    "deck.scenario_table": ("{figure} je Segment, mit Intervallen", "{figure} per segment, with intervals"),
    "deck.method_title": ("Anhang: die Methode", "Appendix: the method"),
    "deck.method": (
        "Customer Touchpoint Management beurteilt ein Unternehmen dort, wo Kunden ihm begegnen: an seinen Touchpoints.\n"
        "Teil 1, Bestandsaufnahme: jeder Touchpoint entlang der Customer Journey mit Phase, Kanal, Verantwortlichen, "
        "Kosten und Kontakten.\n"
        "Teil 2, Bewertung: Ergebnis mit Intervall, abgeleitete Wichtigkeit (Shapley-Regression mit Bootstrap-"
        "Intervallen), Wichtigkeit × Leistung, kritische Ereignisse, die Sicht der Mitarbeitenden.\n"
        "Teil 3, Sollstrategie: Wunschkunden und sanfter Ausstieg, Zielgruppen-Passung, Ziel-Servicelevel, Szenarien "
        "aus einem geschätzten Ergebnismodell (ordinal je Segment mit partiellem Pooling, G-Computation, 95-%-"
        "Intervalle), Netzwerke, Maßnahmen mit Verantwortlichen.\n"
        "Das Modell zeigt Zusammenhänge in der Umfrage, keine bewiesenen Ursachen; jede Annahme steht mit Wert und "
        "Quelle auf der nächsten Seite.",
        "Customer Touchpoint Management judges a company where customers meet it: at its touchpoints.\n"
        "Part 1, inventory: every touchpoint along the customer journey with its phase, channel, owner, cost and "
        "contacts.\n"
        "Part 2, evaluation: the outcome with its interval, derived importance (Shapley regression with bootstrap "
        "intervals), importance × performance, critical incidents, the employees' view.\n"
        "Part 3, target strategy: desired customers and graceful exits, target-group fit, target service levels, "
        "scenarios from a fitted outcome model (ordinal per segment with partial pooling, g-computation, 95% "
        "intervals), networks, measures with their owners.\n"
        "The model shows associations in the survey, not proven causes; every assumption is listed with its value "
        "and source on the next slide."),
    "chart.scenario_total": ("Alle Segmente zusammen: Ausgangslage {baseline}; {scenarios}",
                             "All segments together: baseline {baseline}; {scenarios}"),
    "chart.scenario": ("{metric}: Ausgangslage und Szenarien", "{metric}: baseline and scenarios"),
    "ui.whatif_title": ("Touchpoint-Analyse · Was-wäre-wenn", "Touchpoint analysis · What if"),
    "ui.touchpoint": ("Touchpoint", "Touchpoint"),
    "ui.all_phases": ("allen Phasen", "all phases"),
    "ui.remove": ("Entfernen", "Remove"),
    "ui.add": ("Hinzufügen", "Add"),
    "ui.add_title": ("Neuer Touchpoint", "New touchpoint"),
    "ui.new_name": ("Name", "Name"),
    "ui.similar_to": ("Wirkt wie", "Works like"),
    "ui.reach": ("Reichweite", "Reach"),
    "ui.performance": ("Leistung", "Performance"),
    "ui.performance_delta": ("Leistung ±", "Performance ±"),
    "ui.budget_factor": ("Budget ×", "Budget ×"),
    "ui.annual_cost": ("Kosten/Jahr", "Cost/year"),
    "ui.mix_online": ("Offline → online", "Offline → online"),
    "ui.measures": ("Maßnahmen umsetzen", "Carry out measures"),
    "ui.changes": ("Änderungen", "Changes"),
    "ui.no_changes": ("Noch keine Änderung – das ist die Ausgangslage.", "No change yet – this is the baseline."),
    "ui.undo": ("Letzte zurücknehmen", "Undo last"),
    "ui.reset": ("Alles zurücksetzen", "Reset all"),
    "ui.segments_title": ("Wirkung je Segment", "Effect per segment"),
    "ui.gaps_opened": ("Neue Journey-Lücken", "Journey gaps opened"),
    "ui.no_gaps_opened": ("Keine neue Journey-Lücke.", "No journey gap opened."),
    "ui.gap_line": ("{segment} – {phase}: {after}", "{segment} – {phase}: {after}"),
    "ui.clashes": ("Zielgruppen-Konflikte", "Target-group clashes"),
    "ui.save_name": ("Name", "Name"),
    "ui.save": ("Szenario speichern", "Save scenario"),
    "ui.overwrite": ("Überschreiben erlaubt", "Allow overwriting"),
    "ui.saved": ("Gespeichert: {name} – unter „Gespeicherte Szenarien“ zu laden und zu vergleichen.",
                 "Saved: {name} – load and compare it under 'Saved scenarios'."),
    "ui.saved_scenarios": ("Gespeicherte Szenarien", "Saved scenarios"),
    "ui.no_saved": ("Noch keine gespeicherten Szenarien.", "No saved scenarios yet."),
    "ui.load": ("Laden", "Load"),
    "ui.working": ("⏳ Wird berechnet …", "⏳ Working …"),
    "ui.load_which": ("Szenario", "Scenario"),
    "ui.unsaved_name": ("{name} (geändert, ungespeichert)", "{name} (changed, unsaved)"),
    "ui.compare": ("Vergleichen mit", "Compare with"),
    "ui.budget": ("Budget", "Budget"),
    "ui.optimise": ("Budget optimieren", "Optimise budget"),
    "ui.apply_optimum": ("Als Szenario übernehmen", "Use as scenario"),
    "ui.optimum": ("Auswahl für ein Budget von {budget}: netto {net} – Maßnahmen {spent}, abzüglich {saved}, die "
                   "Schließungen über den Zeitraum sparen. Wirkung: {effect} {unit} (alles zusammen simuliert: {simulated}).",
                   "Choice for a budget of {budget}: {net} net – measures {spent}, less the {saved} that closures save "
                   "over the period. Effect: {effect} {unit} (all simulated together: {simulated})."),
    "ui.desired_customers": ("Wunschkunden", "desired customers"),
    "ui.effect_in": ("Wirkung ({unit})", "Effect ({unit})"),
    "ui.effect_per_money": ("Wirkung je 1.000 {currency} ({unit})", "Effect per {currency} 1,000 ({unit})"),
    "budget": ("Budget", "Budget"),
    "ui.optimum_target": ("Ziel {target} ({figure}, Wunschsegmente; heute {baseline}): erreicht {level}{missed}. Kosten "
                          "netto {cost}: Maßnahmen {spent}, abzüglich {saved}, die Schließungen über den Zeitraum sparen.",
                          "Target {target} ({figure}, desired segments; today {baseline}): reached {level}{missed}. Net "
                          "cost {cost}: measures {spent}, less {saved} that closures save over the horizon."),
    "ui.target_missed": (" – knapp verfehlt, die Maßnahmen wirken zusammen schwächer als einzeln",
                         " – narrowly missed: the measures act together less than one by one"),
    "ui.target_value": ("Zielniveau", "Target level"),
    "ui.target_set": ("Ziel setzen", "Set target"),
    "ui.targets_clear": ("Alle Ziele zurück zum Standard", "All targets back to the default"),
    "ui.param_name": ("Parameter", "Parameter"),
    "ui.param_value": ("Wert", "Value"),
    "ui.param_set": ("Übernehmen", "Set"),
    "ui.param_default": ("Zurück zum Standard", "Back to the default"),
    "ui.mode_budget": ("Bestes Ergebnis für ein Budget", "Best result for a budget"),
    "ui.mode_target": ("Geringste Kosten für ein Ziel", "Least cost for a target"),
    "ui.target_level": ("Ziel (Kennzahl der Wunschsegmente)", "Target (figure of the desired segments)"),
    "ui.max_closures": ("Höchstens so viele Schließungen", "At most this many closures"),
    "ui.no_limit": ("ohne Grenze", "no limit"),
    "ui.must_keep": ("Bleiben auf jeden Fall", "Stay in any case"),
    "ui.min_level_touchpoint": ("Mindestleistung für", "Minimum level for"),
    "ui.min_level": ("Mindestleistung", "Minimum level"),
    "ui.set_min_level": ("Mindestleistung setzen", "Set minimum level"),
    "ui.clear_min_levels": ("Mindestleistungen löschen", "Clear minimum levels"),
    "ui.min_level_line": ("{touchpoint}: mindestens {level}", "{touchpoint}: at least {level}"),
    "ui.optimum_none.no_measures": ("Das Projekt nennt keine Maßnahmen (measures.csv): Es gibt nichts zu finanzieren.",
                                    "The project lists no measures (measures.csv): there is nothing to fund."),
    "ui.optimum_none.no_costs": ("Kein Touchpoint hat bekannte Kosten (annual_cost): Keine Schließung spart etwas.",
                                 "No touchpoint has a known cost (annual_cost): no closure saves anything."),
    "ui.optimum_none.no_gain": ("Keine Maßnahme und keine Schließung bringt im Budget einen Gewinn.",
                                "No measure and no closure gains anything within the budget."),
    "ui.next_euro": ("Was mehr Budget bringt", "What more budget buys"),
    "ui.document": ("Strategiedokument erstellen", "Build strategy document"),
    "ui.download_xlsx": ("Excel herunterladen", "Download Excel"),
    "ui.download_html": ("HTML herunterladen", "Download HTML"),
    "ui.download_pptx": ("PowerPoint herunterladen", "Download PowerPoint"),
    "ui.tab_effect": ("Wirkung", "Effect"),
    "ui.tab_strategy": ("Wunschkunden", "Desired customers"),
    "ui.tab_targets": ("Ziel-Level", "Target levels"),
    "ui.tab_mix": ("Online-Offline-Mix", "Online–offline mix"),
    "ui.exit_of": ("Sanfter Ausstieg von", "Graceful exit of"),
    "ui.exit_apply": ("Ausstieg als Szenario simulieren", "Simulate the exit as a scenario"),
    "ui.exit_scenario": ("Sanfter Ausstieg: {segment}", "Graceful exit: {segment}"),
    "ui.tab_levers": ("Gewinnen · Halten · Fans · Empfehlungen", "Win · Keep · Fans · Referrals"),
    "ui.desired_segments": ("Alle Wunschsegmente", "All desired segments"),
    "ui.tab_budget": ("Budget", "Budget"),
    "ui.tab_votes": ("Abstimmung", "Votes"),
    "ui.tab_parameters": ("Parameter", "Parameters"),
    "ui.tab_saved": ("Szenarien", "Scenarios"),
    "ui.error": ("Das ging nicht: {detail}", "That did not work: {detail}"),
    "kpi.cost": ("Touchpoint-Kosten/Jahr", "Touchpoint cost/year"),
    "kpi.nps_total": ("NPS (kundengewichtet)", "NPS (customer-weighted)"),
    "kpi.customers": ("Kunden am Ende", "Customers at the end"),
    "kpi.fans": ("Fans", "Fans"),
    "kpi.experience": ("Erlebnisindex", "Experience index"),
    "kpi.gaps": ("Neue Lücken", "Gaps opened"),
    # --- what-if model, saved scenarios and budget errors (tpkit.scenario, store, optimize, network) ---
    "error.model_needs_data": ("Das Was-wäre-wenn-Modell braucht Segmente, Befragte und Bewertungen; lege "
                               "segments.csv, respondents.csv und ratings.csv ins Projekt.",
                               "The what-if model needs segments, respondents and ratings; add segments.csv, "
                               "respondents.csv and ratings.csv to the project."),
    "error.model_not_fittable": ("Das Ergebnismodell lässt sich nicht schätzen: {answers} verschiedene Antwort(en) bei "
                                 "{n} Befragten. Es braucht mindestens zwei verschiedene Antworten und zehn Befragte; "
                                 "bis dahin rechnet der Planer mit den kalibrierten Koeffizienten.",
                                 "The outcome model cannot be fitted: {answers} different answer(s) from {n} "
                                 "respondents. It needs at least two different answers and ten respondents; until "
                                 "then the planner uses the calibrated coefficients."),
    "error.folds_at_least_two": ("Eine Kreuzvalidierung braucht mindestens zwei Teile, nicht {folds}; nimm z. B. folds=5.",
                                 "A cross-validation needs at least two parts, not {folds}; use e.g. folds=5."),
    "error.touchpoint_not_in_model": ("Der Touchpoint '{touchpoint}' steht weder im Inventar, noch fügt das Szenario "
                                      "ihn hinzu; wähle einen aus touchpoints.csv oder füge ihn zuerst hinzu.",
                                      "Touchpoint '{touchpoint}' is not in the inventory nor added by the scenario; "
                                      "choose one of touchpoints.csv or add it first."),
    "error.touchpoint_exists": ("Die Touchpoint-ID '{touchpoint}' gibt es schon; wähle für den neuen "
                                "Touchpoint eine neue ID.",
                                "Touchpoint id '{touchpoint}' exists already; choose a new id for the new touchpoint."),
    "error.out_of_range": ("{name} muss zwischen {low} und {high} liegen, nicht bei {value}; gib einen Wert "
                           "in diesem Bereich ein.",
                           "{name} must lie between {low} and {high}, not {value}; enter a value in that range."),
    "error.below_minimum": ("{name} muss mindestens {low} sein, nicht {value}; gib einen Wert ab {low} ein.",
                            "{name} must be at least {low}, not {value}; enter a value of {low} or more."),
    "error.not_a_number": ("{name} muss eine Zahl sein, nicht '{value}'; gib eine Zahl ein.",
                           "{name} must be a number, not '{value}'; enter a number."),
    "error.not_a_list": ("{name} muss eine Liste sein, nicht '{value}'; schreibe die Einträge in [ ].",
                         "{name} must be a list, not '{value}'; write its entries inside [ ]."),
    "error.unknown_measure": ("Die Maßnahme '{measure}' steht nicht in measures.csv; wähle eine von: {choices}.",
                              "Measure '{measure}' is not in measures.csv; choose one of: {choices}."),
    "error.unknown_parameter": ("Das Modell hat keinen Parameter '{name}'; tpkit.scenario.parameters(project) listet "
                                "alle auf (z. B. horizon_months, move_share, customers:<Segment>).",
                                "The model has no parameter '{name}'; tpkit.scenario.parameters(project) lists every "
                                "one (e.g. horizon_months, move_share, customers:<segment>)."),
    "error.change_unknown_fields": ("Eine Änderung der Art '{kind}' hat kein Feld {fields}; ihre Felder sind: "
                                    "{allowed}.",
                                    "A change of kind '{kind}' has no field {fields}; its fields are: {allowed}."),
    "error.change_missing_fields": ("Einer Änderung der Art '{kind}' fehlt das Feld {fields}; ergänze es.",
                                    "A change of kind '{kind}' lacks the field {fields}; add it."),
    "error.scenario_needs_name": ("Ein Szenario braucht einen Namen (Text); gib ihm einen, etwa „Variante A“.",
                                  "A scenario needs a name (text); give it one such as 'Variante A'."),
    "error.scenario_parameters": ("Die „parameters“ eines Szenarios müssen Parameternamen auf Zahlen abbilden, "
                                  "nicht '{value}'.",
                                  "A scenario's 'parameters' must map parameter names to numbers, not '{value}'."),
    "error.scenario_name_empty": ("Der Szenarioname '{name}' enthält keine Buchstaben oder Ziffern; gib ihm "
                                  "einen Namen wie „Variante A“.",
                                  "The scenario name '{name}' has no letters or digits; give it a name such as "
                                  "'Variante A'."),
    "error.scenario_exists": ("Ein Szenario „{name}“ ist schon gespeichert (vielleicht gerade von jemand anderem). "
                              "Wähle einen anderen Namen oder erlaube das Überschreiben.",
                              "A scenario '{name}' is saved already (perhaps just now by someone else). "
                              "Choose another name or allow overwriting."),
    "error.scenario_unreadable": ("{file}: keine lesbare Szenariodatei ({detail}); speichere das Szenario erneut.",
                                  "{file}: not a readable scenario file ({detail}); save the scenario again."),
    "error.scenario_format": ("{file}: unbekanntes Szenarioformat {format}; dieses tpkit liest Format {supported} – "
                              "speichere das Szenario mit dieser Version erneut.",
                              "{file}: unknown scenario format {format}; this tpkit reads format {supported} — "
                              "save the scenario again with this version."),
    "error.scenario_file": ("{file}: {problem}", "{file}: {problem}"),
    "error.no_plan": ("Kein Plan passt in ein Budget von {budget}; erhöhe das Budget oder rechne "
                      "Einsparungen durch Schließungen an (use_savings=True).",
                      "No plan fits a budget of {budget}; raise the budget or count the savings of closures "
                      "(use_savings=True)."),
    "error.target_out_of_reach": ("Das Ziel {target} ist mit den Maßnahmen und Schließungen nicht zu erreichen: Heute "
                                  "stehen die Segmente bei {baseline}, erreichbar sind höchstens {best}. Senke das "
                                  "Ziel, schlage weitere Maßnahmen vor (measures.csv) oder lockere die Vorgaben.",
                                  "The target {target} cannot be reached with the measures and closures: today the "
                                  "segments stand at {baseline}, at most {best} can be reached. Lower the target, "
                                  "propose further measures (measures.csv) or relax the limits."),
    "error.target_reached": ("Die Segmente stehen heute schon bei {baseline}, also über dem Ziel {target}. Setze ein "
                             "höheres Ziel; wie viel sich sparen lässt, zeigt die Optimierung für ein Budget.",
                             "The segments stand at {baseline} today, above the target {target} already. Set a "
                             "higher target; what can be saved, the optimisation for a budget shows."),
    "error.level_out_of_reach": ("„{touchpoint}“ soll mindestens {level} erreichen, steht heute bei {current:.2f}, und "
                                 "seine Maßnahmen heben es zusammen nur um {uplift}; schlage eine weitere Maßnahme "
                                 "vor oder senke die Mindestleistung.",
                                 "'{touchpoint}' must reach at least {level}, stands at {current:.2f} today, and its "
                                 "measures together lift it by only {uplift}; propose a further measure or lower "
                                 "the minimum level."),
    "error.unknown_must_keep": ("Die Touchpoints {touchpoints} der Behalten-Liste stehen nicht in touchpoints.csv; "
                                "nenne nur Touchpoints des Inventars.",
                                "Must-keep touchpoints {touchpoints} are not in touchpoints.csv; name touchpoints "
                                "of the inventory only."),
    # --- dashboards and strategy document (tpkit.ui, tpkit.display, tpkit.report) ---
    "report.votes": ("Abstimmung über die Maßnahmen", "Vote on the measures"),
    # --- kernels: numeric threads (tpkit.threads) ---
    "error.threads": ("Die Zahl der Threads ({where}) muss eine ganze Zahl ab {low} sein, nicht '{value}'.",
                      "The number of threads ({where}) must be a whole number of at least {low}, not '{value}'."),
    # --- survey exports and their mapping (tpkit.exports, tpkit.mapping) ---
    "problem.export_empty": ("Der Export enthält keine Antworten (nur Kopfzeilen oder nichts).",
                             "The export holds no responses (header rows only, or nothing)."),
    "fix.export_empty": ("Exportiere die Umfrage erneut mit allen abgeschlossenen Antworten.",
                         "Export the survey again with all completed responses."),
    "problem.export_unreadable": ("Die SPSS-Datei lässt sich nicht lesen: {detail}.",
                                  "The SPSS file cannot be read: {detail}."),
    "fix.export_unreadable": ("Exportiere sie erneut als .sav oder als CSV mit Spaltennamen.",
                              "Export it again as .sav, or as CSV with column names."),
    "problem.mapping_column": ("Die Zuordnung nennt die Spalte „{value}“, die der Export nicht hat.",
                               "The mapping names the column '{value}', which the export does not have."),
    "fix.mapping_column": ("Spalten des Exports: {columns}.", "Columns of the export: {columns}."),
    "problem.mapping_invalid": ("Die Zuordnung ist ungültig: {detail}.", "The mapping is not valid: {detail}."),
    "fix.mapping_invalid": ("Lass sie mit tpkit.guess_mapping neu vorschlagen und passe sie an.",
                            "Let tpkit.guess_mapping propose it again and adjust it."),
    "problem.not_on_scale": ("„{value}“ ist keine Antwort der Skala {scale}.", "'{value}' is not an answer on the scale {scale}."),
    "fix.not_on_scale": ("Ergänze den Wert in der Zuordnung: als Code der Skala (labels) oder als „trifft nicht zu“ "
                         "(not_applicable).",
                         "Add the value to the mapping: as a code of the scale (labels) or as not applicable "
                         "(not_applicable)."),
    "fix.not_yes_no": ("Nimm die Antwort in der Zuordnung unter „{column}“ zu den positiven (positive) oder negativen "
                       "(negative) Antworten, oder als „trifft nicht zu“ (not_applicable).",
                       "Add the answer to the positive or negative answers of '{column}' in the mapping, or as "
                       "'not applicable' (not_applicable)."),
    "fix.not_a_weight": ("Ein Gewicht ist eine Zahl über 0: Korrigiere die Zelle, oder nimm „{column}“ aus der "
                         "Zuordnung (weight), um ungewichtet auszuwerten.",
                         "A weight is a number above 0: correct the cell, or take '{column}' out of the mapping "
                         "(weight) to analyse unweighted."),
    # --- grouping by any respondent column (tpkit.evaluation.grouping_columns) ---
    "ui.group_by": ("Gruppiert nach", "Grouped by"),
    "ui.outcome_empty": ("Keine Antworten auf die Ergebnisfrage: Das Modell hat nichts, worauf es wirken kann.",
                         "No answers to the outcome question: the model has nothing to act on."),
    "ui.eval_outcome_constant": ("Alle Antworten auf die Ergebnisfrage sind gleich ({values}): Keine Treiberwirkung und "
                                 "kein Unterschied zwischen Gruppen lässt sich messen.",
                                 "Every answer to the outcome question is the same ({values}): no driver's effect and "
                                 "no difference between groups can be measured."),
    "ui.outcome_constant": ("Alle Antworten auf die Ergebnisfrage sind gleich ({values}): Das Modell kann keine "
                            "Wirkung zeigen – die Nullen unten sind keine gemessenen Nullen.",
                            "Every answer to the outcome question is the same ({values}): the model cannot "
                            "show an effect — the zeros below are not measured zeros."),
    "ui.outcome_two_values": ("Die Antworten zur Weiterempfehlung haben nur zwei Werte ({values}) – etwa ein Ja/Nein "
                              "als 0 und 10: Das Modell verschiebt Werte und kann so keine Wirkung zeigen; die Nullen "
                              "unten sind keine gemessenen Nullen.",
                              "The answers to the recommendation question take only two values ({values}) — such "
                              "as a yes/no coded 0 and 10: the model shifts scores and cannot show an effect on "
                              "them; the zeros below are not measured zeros."),
    "ui.outcome_no_passives": ("Niemand hat 7 oder 8 geantwortet: Kleine Verschiebungen ändern die Anteile der "
                               "Promotoren und Kritiker kaum; deute kleine Wirkungen vorsichtig.",
                               "Nobody answered 7 or 8: small shifts hardly change the shares of promoters and "
                               "detractors; read small effects with care."),
    "ui.no_incidents": ("Dieses Projekt erfasst keine Erlebnisse (Spalte „incident“ in ratings.csv): Es gibt hier "
                        "nichts zu zählen – keine gemessene Null.",
                        "This project records no incidents (column 'incident' in ratings.csv): there is nothing to "
                        "count here — not a measured zero."),
    # --- model and API errors (tpkit.errors.ModelError) ----------------------
    "error.did_you_mean": ("Meintest du '{value}'?", "Did you mean '{value}'?"),
    "error.unknown_segment": ("Das Segment '{segment}' steht nicht in {file}; wähle eines von: {choices} "
                              "(oder None für alle Segmente).",
                              "Segment '{segment}' is not in {file}; choose one of: {choices} "
                              "(or None for all segments)."),
    "error.no_segments": ("Das Segment '{segment}' gibt es nicht: das Projekt hat keine Segmente "
                          "(segments.csv fehlt oder ist leer); lass segment leer für alle Befragten.",
                          "Segment '{segment}' does not exist: the project has no segments "
                          "(segments.csv is missing or empty); leave segment out for all respondents."),
    "error.unknown_touchpoint": ("Der Touchpoint '{touchpoint}' steht nicht in {file}.",
                                 "Touchpoint '{touchpoint}' is not in {file}."),
    "error.owen_group_too_large": ("Owen-Werte für eine Phase mit {drivers} Touchpoints bräuchten 2^{drivers} "
                                   "Teilmodelle; ab {limit} Touchpoints in einer Phase method='relative_weights' "
                                   "oder 'sampled_shapley' wählen.",
                                   "Owen values for a phase of {drivers} touchpoints would need 2^{drivers} "
                                   "sub-models; past {limit} touchpoints in one phase choose "
                                   "method='relative_weights' or 'sampled_shapley'."),
    "error.too_many_drivers": ("Exakte Shapley-Werte für {drivers} Treiber bräuchten 2^{drivers} Teilmodelle; "
                               "ab {limit} Treibern method='owen' (Phasen zuerst), 'sampled_shapley' oder "
                               "'relative_weights' wählen.",
                               "Exact Shapley values for {drivers} drivers would need 2^{drivers} sub-models; "
                               "past {limit} drivers choose method='owen' (phases first), 'sampled_shapley' or 'relative_weights'."),
    "error.spark_session": ("engine='spark' braucht die SparkSession als session=.",
                            "engine='spark' needs the SparkSession as session=."),
    "error.segment_meets_nothing": ("Das Segment '{segment}' trifft keinen Touchpoint; trage es in der Spalte "
                                    "segments von {file} ein (oder 'all').",
                                    "Segment '{segment}' meets no touchpoint; name it in the column segments of "
                                    "{file} (or 'all')."),
    "error.unknown_target_pairs": ("Ziel-Level für unbekannte Paare aus Segment/Touchpoint: {pairs}; nur Paare mit "
                                   "Bewertungen haben ein Ziel-Level.",
                                   "Target levels for unknown segment/touchpoint pairs: {pairs}; only pairs with "
                                   "ratings have a target level."),
    "error.target_out_of_range": ("Ein Ziel-Level muss auf der Bewertungsskala liegen, zwischen {low} und {high}.",
                                  "A target level must lie on the rating scale, between {low} and {high}."),
    "error.survey_scale_range": ("Die Bewertungsskala {low}–{high} passt nicht in ein Projekt: Es hält ganze Skalen mit "
                                 "mindestens drei Stufen zwischen 0 und 10.",
                                 "The rating scale {low}–{high} does not fit a project: it holds whole scales of at "
                                 "least three points within 0–10."),
    "error.by_clash": ("Die Spalte „{by}“ heißt wie eine Spalte der Tabelle ({columns}): Benenne sie in respondents.csv "
                       "um, um nach ihr zu gruppieren.",
                       "The column '{by}' has the name of a column of the table ({columns}): rename it in "
                       "respondents.csv to group by it."),
    "error.engine_weights": ("Die Engines (DuckDB, Spark) zählen Antworten bisher ungewichtet; diese Befragten tragen "
                             "Gewichte (Spalte weight): Nimm die Funktionen aus tpkit.evaluation im Speicher, die sie "
                             "gewichten.",
                             "The engines (DuckDB, Spark) count answers unweighted so far; these respondents carry "
                             "survey weights (column weight): use the in-memory functions of tpkit.evaluation, which "
                             "weigh them."),
    "error.engine_outcome": ("Die Engines (DuckDB, Spark) rechnen bisher den NPS einer Weiterempfehlungsfrage (0–10); "
                             "dieses Projekt misst „{name}“: Nimm die Funktionen aus tpkit.evaluation im Speicher.",
                             "The engines (DuckDB, Spark) compute the NPS of a recommendation question (0–10) so far; "
                             "this project measures '{name}': use the in-memory functions of tpkit.evaluation."),
    "error.by_with_drivers": ("drivers= gilt für eine Gruppe; mit by= rechnet ipa die Treiber jeder Gruppe selbst – lass "
                              "drivers weg.",
                              "drivers= is for one group; with by= ipa computes each group's drivers itself – leave "
                              "drivers out."),
    "error.survey_no_outcome": ("Die Zuordnung nennt keine Ergebnisfrage (outcome): Ein Projekt braucht eine – "
                                "Weiterempfehlung 0–10, eine Zufriedenheitsskala oder ein Ja/Nein.",
                                "The mapping names no outcome question: a project needs one – recommendation 0–10, "
                                "a satisfaction scale or a yes/no."),
    "error.survey_outcome_range": ("Die Skala der Ergebnisfrage „{column}“ ({low}–{high}) passt nicht in ein Projekt: "
                                   "Es hält ganze Skalen mit mindestens drei Stufen zwischen 0 und 10.",
                                   "The scale of the outcome question '{column}' ({low}–{high}) does not fit a "
                                   "project: it holds whole scales of at least three points within 0–10."),
    "error.survey_not_binary": ("„{column}“ hat nicht genau zwei Antworten, von denen eine positiv ist (ja, yes, "
                                "zufrieden, 1 neben 0): Es ist kein Ja/Nein.",
                                "'{column}' does not have exactly two answers one of which is positive (ja, yes, "
                                "satisfied, 1 beside 0): it is no yes/no."),
    "error.survey_no_scale": ("Die Antworten in „{column}“ liegen auf keiner Skala (1–5, 1–7, 1–10, 0–10).",
                              "The answers in '{column}' lie on no scale (1–5, 1–7, 1–10, 0–10)."),
    "error.survey_no_ratings": ("Die Zuordnung nennt keine Touchpoint-Bewertung: Ein Projekt braucht mindestens eine.",
                                "The mapping names no touchpoint rating: a project needs at least one."),
    "error.survey_outcome_low": ("Alle Antworten in „{column}“ liegen zwischen 0 und {top}: Ist das wirklich die "
                                 "Weiterempfehlungsfrage von 0 bis 10?",
                                 "Every answer in '{column}' lies between 0 and {top}: is this really the "
                                 "recommendation question from 0 to 10?"),
    "error.survey_role_twice": ("Mehrere Spalten haben die Rolle „{role}“: {columns}. Wähle eine.",
                                "Several columns have the role '{role}': {columns}. Choose one."),
    "error.too_few_waves": ("Für einen Vergleich über die Zeit braucht es mindestens zwei Befragungswellen; das "
                            "Projekt hat {found}. Tragen Sie in respondents.csv eine Spalte wave ein (z. B. 2026-05, "
                            "2027-09).",
                            "A comparison over time needs at least two survey waves; the project has {found}. Add a "
                            "column wave to respondents.csv (e.g. 2026-05, 2027-09)."),
    "error.waves_not_dates": ("Um Maßnahmen mit Fälligkeit zu prüfen, müssen die Wellen Datumsangaben sein (z. B. "
                              "2027-09); die Wellen heißen {waves}.",
                              "To check measures against their due dates the waves must be dates (e.g. 2027-09); the "
                              "waves are {waves}."),
    "error.unknown_sample": ("Es gibt kein Beispielprojekt '{name}'; die Beispiele sind: {choices}.",
                             "There is no sample project '{name}'; the samples are: {choices}."),
    "error.not_a_choice": ("{name} muss eines sein von: {choices} — nicht '{value}'.",
                           "{name} must be one of: {choices} — not '{value}'."),
}


def t(key: str, lang: Lang = DEFAULT_LANG, **params: object) -> str:
    """The word for ``key`` in ``lang``, with ``{params}`` filled in.

    >>> t("ui.uploaded", "en", name="p.zip")
    'Uploaded: p.zip'
    """
    if lang not in LANGUAGES:
        from .errors import check_choice  # errors takes its words from here

        check_choice("lang", lang, LANGUAGES)
    text = WORDS[key][LANGUAGES.index(lang)]
    return text.format(**params)


def label(field: str, value: str, lang: Lang = DEFAULT_LANG) -> str:
    """The display name of a vocabulary value; unknown values are shown as they are.

    >>> label("channel", "offline", "de")
    'Offline'
    """
    key = f"{field}.{value}"
    return t(key, lang) if key in WORDS else str(value)


def format_number(value: float | int | None, lang: Lang = DEFAULT_LANG, decimals: int = 0) -> str:
    """A number as readers of ``lang`` write it, a negative one with a real minus (as the key-figure cards); missing
    values as a dash; a value that rounds to zero without a sign.

    >>> format_number(1234567.5, "de", 1), format_number(1234567.5, "en", 1), format_number(None), format_number(-0.2)
    ('1.234.567,5', '1,234,567.5', '–', '0')
    >>> format_number(-120000, "de")
    '−120.000'
    """
    if value is None or pd.isna(value):
        return "–"
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]
    text = text.replace("-", "\u2212")
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".") if lang == "de" else text


def format_money(value: float | None, currency: str = "EUR", lang: Lang = DEFAULT_LANG, decimals: int = 0) -> str:
    """An amount with its currency.

    >>> format_money(4720000, "EUR", "de"), format_money(4720000, "EUR", "en")
    ('4.720.000 EUR', 'EUR 4,720,000')
    """
    number = format_number(value, lang, decimals)
    return f"{number} {currency}" if lang == "de" else f"{currency} {number}"


def format_share(value: float | None, lang: Lang = DEFAULT_LANG, decimals: int = 0) -> str:
    """A share (0–1) as a percentage.

    >>> format_share(0.305, "de", 1), format_share(0.305, "en", 1)
    ('30,5 %', '30.5%')
    """
    if value is None or pd.isna(value):
        return "–"
    number = format_number(100 * value, lang, decimals)
    return f"{number} %" if lang == "de" else f"{number}%"


#: English month abbreviations (the written date does not depend on the machine's locale).
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: dt.date | None, lang: Lang = DEFAULT_LANG) -> str:
    """A date as readers of ``lang`` write it (no day–month order to guess); missing as a dash.

    >>> format_date(dt.date(2027, 3, 5), "de"), format_date(pd.Timestamp("2027-03-05"), "en"), format_date(None)
    ('05.03.2027', '5 Mar 2027', '–')
    """
    if value is None or pd.isna(value):
        return "–"
    return f"{value.day:02d}.{value.month:02d}.{value.year}" if lang == "de" else \
        f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def display_names(frame: pd.DataFrame, lang: Lang = DEFAULT_LANG) -> pd.Series:
    """The ``name`` column in ``lang``: ``name_en`` for English where the data has it, else ``name``. A name
    that two rows share gets the row's id after it, so that no chart or table merges two of them.

    >>> display_names(pd.DataFrame({"name": ["Frühstück"], "name_en": ["Breakfast"]}), "en").tolist()
    ['Breakfast']
    >>> display_names(pd.DataFrame({"touchpoint_id": ["a", "b"], "name": ["Bar", "Bar"]})).tolist()
    ['Bar (a)', 'Bar (b)']
    """
    names = frame["name"]
    if lang == "en" and "name_en" in frame.columns:
        english = frame["name_en"]
        names = english.where(english.notna() & (english.astype(str).str.strip() != ""), frame["name"])
    twice = names.duplicated(keep=False)
    key = next((c for c in frame.columns if c.endswith("_id")), None)
    if twice.any() and key is not None:
        names = names.where(~twice, names.astype(str) + " (" + frame[key].astype(str) + ")")
    return names


def name_map(frame: pd.DataFrame, id_column: str, lang: Lang = DEFAULT_LANG) -> dict[str, str]:
    """Ids to display names in ``lang`` (segments, touchpoints, measures).

    >>> name_map(pd.DataFrame({"segment_id": ["b"], "name": ["Busreisen"], "name_en": ["Coach tours"]}),
    ...          "segment_id", "en")
    {'b': 'Coach tours'}
    """
    return dict(zip(frame[id_column], display_names(frame, lang)))


def metric_word(metric: str, outcome: OutcomeSpec | None = None, lang: Lang = DEFAULT_LANG) -> str:
    """The name of a what-if metric for the project's outcome: a yes/no's promoter share is its share
    positive, a scale's recommend its mean; the NPS words otherwise.

    >>> from tpkit.outcome import OutcomeSpec
    >>> metric_word("promoter_share", OutcomeSpec("binary", 0, 1), "en"), metric_word("recommend", OutcomeSpec("scale", 1, 7), "en")
    ('Share positive', 'Mean (1–7)')
    >>> metric_word("nps", None, "en")
    'NPS'
    """
    kind = "nps" if outcome is None else outcome.kind
    key = f"metric.{metric}.{kind}"
    params = {} if outcome is None else {"low": outcome.low, "high": outcome.high}
    return t(key if key in WORDS else f"metric.{metric}", lang, **params)


def has(key: str) -> bool:
    """Whether ``key`` has words.

    >>> has("phase")
    True
    """
    return key in WORDS


VOCABULARY_COLUMNS = ("phase", "channel", "contact", "kind", "loyalty", "incident", "network", "status", "base",
                      "evidence", "towards", "proposed_by_type", "said_in", "figure", "verdict", "light", "unit")


#: Columns whose cells list several vocabulary values, comma-separated (a department's phases).
VOCABULARY_LISTS = {"phases": "phase"}


def relabel(frame: pd.DataFrame, lang: Lang = DEFAULT_LANG, value_field: dict[str, str] | None = None) -> pd.DataFrame:
    """A display copy of ``frame``: vocabulary values and column names in ``lang``.

    ``value_field`` maps a column to the vocabulary its values come from when the
    column's own name is not that vocabulary (``{"status": "gap_status"}``).

    >>> relabel(pd.DataFrame({"phase": ["usage"]}), "en").to_dict("list")
    {'Phase': ['Usage']}
    """
    value_field = dict(value_field or {})
    out = frame.copy()
    for col in out.columns:
        vocab = value_field.get(col, col if col in VOCABULARY_COLUMNS else None)
        if vocab is not None:
            out[col] = [label(vocab, v, lang) if isinstance(v, str) else v for v in out[col]]
        elif col in VOCABULARY_LISTS:
            out[col] = [", ".join(label(VOCABULARY_LISTS[col], p.strip(), lang) for p in v.split(","))
                        if isinstance(v, str) else v for v in out[col]]
    return out.rename(columns={c: t(c, lang) for c in out.columns if has(c)})

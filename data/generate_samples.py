"""Generate the bundled sample projects with known ground truth.

Run ``python data/generate_samples.py`` (from the repository root) to rewrite
``data/hotel/`` and ``data/it_distributor/``. The output is fully determined by
the seeds below; ``tests/test_samples.py`` regenerates both projects and checks
that the committed files are exactly what this script writes.

The survey model (the truth later analyses are tested against)
---------------------------------------------------------------
For respondent *i* of segment *s*:

* *i* meets touchpoint *t* with probability ``reach[t]`` (only touchpoints that
  list *s*, or ``all``); only met touchpoints are rated.
* Performance (1–5) is ``round(mu[t] + halo_i + e)``, clipped, with a
  respondent halo ``halo_i ~ N(0, 0.45)`` and ``e ~ N(0, 0.75)``.
* Likelihood to recommend (0–10) is
  ``round(alpha[s] + loyalty_shift + Σ_t w[s,t]·(perf[i,t] − 3) + N(0, 1.5))``, clipped,
  where the sum runs over the touchpoints *i* met. ``w[s,t]`` is the true
  driver weight: a class weight (key 0.50, mid 0.22, low 0.05) times a
  segment multiplier.
* Stated importance (1–5) follows the weight class, plus a planted bias for a
  few touchpoints whose stated and derived importance disagree.
* Critical incidents: negative with probability 0.55 / 0.25 / 0.04 for
  performance 1 / 2 / 3, positive with 0.40 / 0.10 for 5 / 4; some carry a comment.
* Employees rate every touchpoint as ``mu[t] + bias[t] + N(0, 0.7)``; the bias
  is +0.3 by default, +1.6 at planted blind spots, −0.9 at hidden strengths.

``ground_truth.json`` beside each project records the weights, the means, the
planted classes (critical, strength, overkill, low priority), the blind spots
and the seed.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tpkit.io import Project, load_project, save_project  # noqa: E402
from tpkit.schema import NETWORK_TRAITS  # noqa: E402

CLASS_WEIGHT = {"key": 0.50, "mid": 0.22, "low": 0.05}
LOYALTY_SHIFT = {"new": 0.0, "repeat": 0.2, "loyal": 0.6, "lapsed": -1.0}
#: The sd of the noise on the latent likelihood to recommend.
NOISE_SD = 1.5
NEG_COMMENTS = [
    "{name}: leider enttäuschend.",
    "Bei „{name}“ hat es gehakt – so nicht.",
    "{name} war ärgerlich, lange Wartezeit.",
    "Schlechte Erfahrung: {name}.",
]
POS_COMMENTS = [
    "{name} war großartig!",
    "Besonders gut: {name}.",
    "{name} – freundlich, schnell, perfekt.",
    "Hat uns begeistert: {name}.",
]

# Touchpoint rows: id, German name, English name, phase, channel, contact, kind, owner,
# annual cost, annual contacts, segments, reach, true mean performance, weight class,
# stated-importance bias.
HOTEL_TOUCHPOINTS = [
    ("website", "Hotel-Website", "Hotel website", "pre_purchase", "online", "direct", "communication",
     "Marketing", 48000, 310000, "all", 0.70, 3.9, "mid", 0),
    ("reviews", "Bewertungen auf Reiseportalen", "Reviews on travel portals", "pre_purchase", "online", "indirect",
     "third_party", "Marketing", 6000, 150000, "all", 0.60, 3.6, "mid", 0),
    ("social_media", "Social-Media-Kanäle", "Social media channels", "pre_purchase", "online", "direct",
     "communication", "Marketing", 30000, 90000, "leisure|regulars", 0.35, 3.7, "low", 0),
    ("word_of_mouth", "Empfehlung von Kollegen und Freunden", "Recommendation by colleagues and friends",
     "pre_purchase", "offline", "indirect", "third_party", "Marketing", 0, 20000, "all", 0.40, 4.1, "mid", 0),
    ("travel_desk", "Firmenreisestelle mit Rahmenvertrag", "Corporate travel desk with framework agreement",
     "pre_purchase", "offline", "indirect", "third_party", "Vertrieb", 25000, 1800, "business", 0.60, 3.4,
     "mid", 0),
    ("sales_visit", "Besuch durch den Key-Account-Vertrieb", "Key account sales visit", "pre_purchase",
     "offline", "direct", "human", "Vertrieb", 95000, 900, "business|conference", 0.40, 4.0, "mid", 0),
    ("trade_fair", "Messestand auf der ITB", "Stand at the ITB trade fair", "pre_purchase", "offline", "direct",
     "brand", "Marketing", 60000, 3000, "conference|bus_tours", 0.20, 3.8, "low", 0),
    ("site_inspection", "Besichtigung der Tagungsräume", "Site inspection of the meeting rooms", "pre_purchase",
     "offline", "direct", "human", "Bankett & Tagungen", 12000, 400, "conference", 0.70, 4.2, "mid", 0),
    ("newsletter", "Newsletter", "Newsletter", "pre_purchase", "online", "direct", "communication", "Marketing",
     8000, 60000, "leisure|regulars", 0.30, 3.2, "low", 0),
    ("tour_catalogue", "Katalog des Reiseveranstalters", "Tour operator's catalogue", "pre_purchase", "offline",
     "indirect", "third_party", "Vertrieb", 15000, 5000, "bus_tours", 0.80, 3.5, "low", 0),
    ("booking_engine", "Online-Buchungsstrecke", "Online booking engine", "purchase", "online", "direct",
     "service", "Reservierung", 36000, 22000, "leisure|regulars", 0.60, 3.6, "mid", 0),
    ("phone_reservation", "Telefonische Reservierung", "Telephone reservation", "purchase", "offline", "direct",
     "human", "Reservierung", 140000, 18000, "leisure|regulars|conference", 0.45, 2.6, "key", 0),
    ("ota_booking", "Buchung über Online-Reiseportale", "Booking via online travel agencies", "purchase",
     "online", "indirect", "third_party", "Reservierung", 180000, 14000, "leisure|bus_tours", 0.40, 3.7, "low",
     0),
    ("gds_booking", "Buchung über Reisebüro und GDS", "Booking via travel agency and GDS", "purchase", "online",
     "indirect", "third_party", "Vertrieb", 52000, 9000, "business", 0.70, 3.5, "low", 0),
    ("event_offer", "Tagungsangebot und Vertrag", "Conference offer and contract", "purchase", "hybrid",
     "direct", "service", "Bankett & Tagungen", 45000, 1200, "conference", 0.90, 3.3, "mid", 0),
    ("group_contract", "Gruppenvertrag mit dem Reiseveranstalter", "Group contract with the tour operator",
     "purchase", "offline", "indirect", "third_party", "Vertrieb", 10000, 300, "bus_tours", 0.90, 3.6, "low",
     0),
    ("checkin_desk", "Check-in an der Rezeption", "Front-desk check-in", "purchase", "offline", "direct",
     "human", "Rezeption", 310000, 52000, "all", 0.95, 3.4, "key", 0),
    ("deposit", "Anzahlung und Kreditkartengarantie", "Deposit and credit card guarantee", "purchase", "online",
     "direct", "service", "Buchhaltung", 9000, 20000, "leisure|regulars", 0.50, 3.3, "low", 0),
    ("room", "Zimmer und Bett", "Room and bed", "usage", "offline", "direct", "product", "Housekeeping", 900000,
     60000, "all", 1.00, 4.4, "key", 0),
    ("cleanliness", "Sauberkeit des Zimmers", "Room cleanliness", "usage", "offline", "direct", "service",
     "Housekeeping", 620000, 60000, "all", 1.00, 4.3, "key", 0),
    ("wifi", "WLAN im Zimmer", "Wi-Fi in the room", "usage", "online", "direct", "service", "IT", 40000, 55000,
     "all", 0.85, 2.4, "key", 0),
    ("breakfast", "Frühstücksbuffet", "Breakfast buffet", "usage", "offline", "direct", "product", "Gastronomie",
     450000, 58000, "all", 0.90, 4.5, "key", 0),
    ("restaurant", "Restaurant „Zum Seeblick“", "Restaurant 'Zum Seeblick'", "usage", "offline", "direct",
     "product", "Gastronomie", 380000, 21000, "all", 0.45, 3.9, "mid", 0),
    ("bar", "Hotelbar", "Hotel bar", "usage", "offline", "direct", "human", "Gastronomie", 160000, 15000,
     "business|conference|leisure|regulars", 0.35, 4.0, "low", 0),
    ("room_service", "Zimmerservice", "Room service", "usage", "offline", "direct", "service", "Gastronomie",
     120000, 6000, "business|leisure|regulars", 0.25, 3.2, "low", 0),
    ("meeting_rooms", "Tagungsräume und Technik", "Meeting rooms and equipment", "usage", "offline", "direct",
     "product", "Bankett & Tagungen", 210000, 9000, "conference|business", 0.50, 2.9, "mid", 0),
    ("spa", "Spa und Wellnessbereich", "Spa and wellness area", "usage", "offline", "direct", "service", "Spa",
     260000, 11000, "leisure|regulars|business", 0.35, 4.6, "low", 1),
    ("turndown", "Abendlicher Turndown-Service", "Evening turndown service", "usage", "offline", "direct",
     "service", "Housekeeping", 85000, 40000, "all", 0.70, 4.5, "low", 0),
    ("pillow_menu", "Kissenmenü", "Pillow menu", "usage", "offline", "direct", "product", "Housekeeping", 14000,
     3000, "all", 0.20, 4.4, "low", 0),
    ("concierge", "Concierge und Ausflugstipps", "Concierge and excursion tips", "usage", "offline", "direct",
     "human", "Rezeption", 70000, 8000, "leisure|bus_tours|regulars", 0.30, 4.1, "low", 0),
    ("parking", "Tiefgarage und Busparkplatz", "Car park and coach parking", "usage", "offline", "direct",
     "service", "Haustechnik", 55000, 20000, "all", 0.50, 3.1, "low", 2),
    ("fitness", "Fitnessraum", "Gym", "usage", "offline", "direct", "product", "Spa", 30000, 4000,
     "business|regulars", 0.20, 3.8, "low", 0),
    ("complaints", "Beschwerdemanagement", "Complaint handling", "usage", "hybrid", "direct", "human",
     "Qualitätsmanagement", 25000, 1500, "all", 0.15, 2.9, "mid", 0),
    ("checkout", "Check-out und Rechnung", "Check-out and invoice", "usage", "offline", "direct", "service",
     "Rezeption", 90000, 50000, "all", 0.90, 2.8, "key", 0),
    ("survey_mail", "Nachbefragung per E-Mail", "Post-stay survey e-mail", "loyalty", "online", "direct",
     "communication", "Qualitätsmanagement", 6000, 45000, "business|conference|leisure|regulars", 0.60, 3.4,
     "low", 0),
    ("loyalty_club", "Stammgastprogramm „Seeblick Club“", "Loyalty programme 'Seeblick Club'", "loyalty",
     "hybrid", "direct", "service", "Marketing", 75000, 12000, "regulars|business", 0.50, 3.6, "mid", 0),
    ("review_replies", "Antworten auf Online-Bewertungen", "Replies to online reviews", "loyalty", "online",
     "direct", "communication", "Marketing", 10000, 7000, "business|conference|leisure|regulars", 0.30, 3.0,
     "low", 0),
    ("season_greetings", "Weihnachtsgruß der Direktion", "Season's greetings from the general manager",
     "loyalty", "offline", "direct", "communication", "Direktion", 9000, 6000, "regulars|conference|business",
     0.40, 4.0, "low", 0),
    ("annual_review", "Jahresgespräch mit Firmenkunden", "Annual review with corporate clients", "loyalty",
     "offline", "direct", "human", "Vertrieb", 30000, 250, "business|conference", 0.30, 3.9, "mid", 0),
    ("tour_forums", "Empfehlungen in Reisegruppen-Foren", "Recommendations in tour group forums", "loyalty",
     "online", "indirect", "third_party", "Vertrieb", 0, 2000, "bus_tours", 0.30, 3.3, "low", 0),
]

# Segment rows: id, German, English, customers, revenue per customer, margin, wanted, strategic fit,
# network, share of respondents, alpha (baseline recommendation), loyalty mix (new, repeat, loyal, lapsed).
HOTEL_SEGMENTS = [
    ("business", "Geschäftsreisende", "Business travellers", 5200, 1450.0, 0.28, True, 2, "strong", 0.34, 5.7,
     (0.25, 0.45, 0.25, 0.05)),
    ("conference", "Tagungsveranstalter", "Conference organisers", 180, 38000.0, 0.32, True, 2, "strong", 0.10,
     5.8, (0.30, 0.40, 0.25, 0.05)),
    ("leisure", "Freizeitpaare", "Leisure couples", 3100, 820.0, 0.22, True, 1, "weak", 0.26, 6.3,
     (0.55, 0.30, 0.10, 0.05)),
    ("regulars", "Stammgäste", "Regular guests", 900, 2900.0, 0.30, True, 2, "strong", 0.14, 6.5,
     (0.00, 0.10, 0.85, 0.05)),
    ("bus_tours", "Busreisegruppen", "Coach tour groups", 4200, 210.0, 0.04, False, -1, "weak", 0.16, 4.8,
     (0.80, 0.15, 0.00, 0.05)),
]
#: Each segment's network on the method's checklist (interaction, belonging, rituals, invitation; 0–2 each).
HOTEL_NETWORK_TRAITS = {"business": (2, 1, 1, 1), "conference": (2, 2, 2, 1), "leisure": (1, 0, 1, 0),
                        "regulars": (2, 2, 2, 1), "bus_tours": (1, 1, 1, 0)}
HOTEL_FIT = [
    ("business", "bus_tours", -2), ("bus_tours", "business", -1), ("conference", "bus_tours", -1),
    ("bus_tours", "conference", 0), ("regulars", "bus_tours", -1), ("leisure", "bus_tours", -1),
    ("bus_tours", "leisure", 0), ("business", "conference", 1), ("conference", "business", 1),
    ("regulars", "leisure", 1), ("leisure", "regulars", 1), ("business", "leisure", 0),
]
HOTEL_MULTIPLIERS = {
    "business": {"wifi": 1.6, "checkin_desk": 1.5, "checkout": 1.4, "breakfast": 0.8, "spa": 0.5},
    "conference": {"meeting_rooms": 2.2, "event_offer": 2.0, "wifi": 1.4, "site_inspection": 1.5},
    "leisure": {"spa": 3.0, "restaurant": 1.6, "wifi": 0.6, "phone_reservation": 1.2},
    "regulars": {"loyalty_club": 2.0, "checkin_desk": 1.2, "phone_reservation": 1.3},
    "bus_tours": {"breakfast": 1.5, "parking": 3.0, "room": 0.8, "wifi": 0.5},
}
HOTEL_EMPLOYEE_BIAS = {"wifi": 1.6, "checkout": 1.6, "breakfast": -0.9}
HOTEL_MEASURES = [
    ("M01", "wifi", "WLAN-Ausbau mit Access Points auf jeder Etage", "Wi-Fi upgrade with access points on every floor",
     "IT", "IT", 85000, 1.5, "2027-03-31"),
    ("M02", "checkout", "Rechnung vorab per E-Mail und Express-Check-out", "Invoice by e-mail and express check-out",
     "Rezeption", "Rezeption", 12000, 1.0, "2027-02-28"),
    ("M03", "checkout", "Firmenrechnungen automatisch mit Kostenstelle", "Corporate invoices with cost centre",
     "Buchhaltung", "Buchhaltung", 18000, 0.6, "2027-04-30"),
    ("M04", "phone_reservation", "Rückrufgarantie innerhalb von zwei Stunden", "Call-back within two hours",
     "Reservierung", "Reservierung", 30000, 0.8, "2027-01-31"),
    ("M05", "phone_reservation", "Schulung „Verkaufen am Telefon“", "Training 'selling on the phone'",
     "Reservierung", "Personalabteilung", 9000, 0.5, "2027-03-15"),
    ("M06", "meeting_rooms", "Neue Medientechnik in allen Tagungsräumen", "New AV equipment in all meeting rooms",
     "Bankett & Tagungen", "Haustechnik", 120000, 1.2, "2027-06-30"),
    ("M07", "checkin_desk", "Vorab-Check-in per Link", "Pre-check-in by link", "Rezeption", "IT", 20000, 0.5,
     "2027-05-31"),
    ("M08", "breakfast", "Regionale Frühstücksecke", "Regional breakfast corner", "Gastronomie", "Gastronomie",
     15000, 0.2, "2027-04-15"),
    ("M09", "review_replies", "Antwort auf jede Bewertung binnen 48 Stunden", "Reply to every review within 48 hours",
     "Marketing", "Marketing", 8000, 0.7, "2027-01-15"),
    ("M10", "complaints", "Sofortbudget für Beschwerden an der Rezeption", "Instant complaint budget at the desk",
     "Qualitätsmanagement", "Direktion", 10000, 0.9, "2027-02-15"),
    ("M11", "turndown", "Turndown-Service nur noch auf Wunsch", "Turndown service on request only",
     "Housekeeping", "Housekeeping", 0, -0.3, "2027-01-31"),
    ("M12", "loyalty_club", "Club-Vorteil: garantierter Late Check-out", "Club benefit: guaranteed late check-out",
     "Marketing", "Rezeption", 6000, 0.6, "2027-03-01"),
    ("M13", "parking", "Busparkplatz mit Leitsystem", "Coach parking with guidance system", "Haustechnik",
     "Haustechnik", 25000, 0.5, ""),
]

IT_TOUCHPOINTS = [
    ("webshop_catalogue", "Produktkatalog im Webshop", "Webshop product catalogue", "pre_purchase", "online",
     "direct", "communication", "E-Commerce", 120000, 900000, "all", 0.80, 3.8, "mid", 0),
    ("field_sales", "Außendienstbesuch", "Field sales visit", "pre_purchase", "offline", "direct", "human",
     "Vertrieb Außendienst", 1400000, 6500, "systemhaus|fachhandel|oeffentlich", 0.55, 4.1, "key", 0),
    ("vendor_events", "Herstellerevents und Roadshows", "Vendor events and roadshows", "pre_purchase", "offline",
     "direct", "brand", "Marketing", 380000, 4200, "systemhaus|fachhandel", 0.30, 4.0, "low", 0),
    ("trade_press", "Berichte in der Fachpresse", "Trade press coverage", "pre_purchase", "offline", "indirect",
     "third_party", "Marketing", 40000, 80000, "all", 0.30, 3.6, "low", 0),
    ("promo_newsletter", "Newsletter mit Aktionspreisen", "Newsletter with promotions", "pre_purchase", "online",
     "direct", "communication", "Marketing", 25000, 300000, "all", 0.50, 3.3, "low", 0),
    ("tender_portal", "Ausschreibungsportal", "Public tender portal", "pre_purchase", "online", "indirect",
     "third_party", "Vertrieb Innendienst", 20000, 600, "oeffentlich", 0.90, 3.2, "mid", 0),
    ("price_comparison", "Preisvergleichsportale", "Price comparison portals", "pre_purchase", "online",
     "indirect", "third_party", "E-Commerce", 60000, 400000, "onlinehandel|gelegenheit", 0.60, 3.5, "low", 0),
    ("peer_recommendation", "Empfehlung unter Händlern", "Peer recommendation among resellers", "pre_purchase",
     "offline", "indirect", "third_party", "Vertrieb Außendienst", 0, 3000, "systemhaus|fachhandel", 0.35, 4.0,
     "mid", 0),
    ("academy", "Partner-Academy (Schulungen)", "Partner academy (trainings)", "pre_purchase", "hybrid", "direct",
     "service", "Produktmanagement", 210000, 2600, "systemhaus|fachhandel", 0.30, 4.4, "low", 1),
    ("quote_desk", "Angebotserstellung im Innendienst", "Quotation by inside sales", "purchase", "offline",
     "direct", "human", "Vertrieb Innendienst", 950000, 48000, "systemhaus|fachhandel|oeffentlich|gelegenheit",
     0.70, 2.7, "key", 0),
    ("project_pricing", "Projektpreisanfrage beim Hersteller", "Project price request to the vendor", "purchase",
     "hybrid", "direct", "service", "Produktmanagement", 180000, 7000, "systemhaus|oeffentlich", 0.60, 2.6, "key",
     0),
    ("webshop_order", "Bestellung im Webshop", "Webshop order", "purchase", "online", "direct", "service",
     "E-Commerce", 260000, 410000, "all", 0.80, 4.1, "key", 0),
    ("edi", "EDI- und API-Schnittstelle", "EDI and API interface", "purchase", "online", "direct", "service", "IT",
     140000, 1200000, "onlinehandel|systemhaus", 0.50, 3.4, "mid", 0),
    ("availability", "Verfügbarkeitsanzeige", "Stock availability display", "purchase", "online", "direct",
     "service", "IT", 60000, 1500000, "all", 0.85, 2.5, "key", 0),
    ("credit_limit", "Kreditlimit und Zahlungsziel", "Credit limit and payment terms", "purchase", "offline",
     "direct", "service", "Buchhaltung", 150000, 9000, "systemhaus|fachhandel|onlinehandel|oeffentlich", 0.40,
     3.1, "mid", 0),
    ("price_list", "Händlerpreisliste", "Reseller price list", "purchase", "online", "direct", "communication",
     "Produktmanagement", 30000, 80000, "systemhaus|fachhandel|onlinehandel", 0.60, 3.6, "mid", 0),
    ("marketplace", "Angebote auf B2B-Marktplätzen", "Listings on B2B marketplaces", "purchase", "online",
     "indirect", "third_party", "E-Commerce", 90000, 25000, "gelegenheit", 0.70, 3.4, "low", 0),
    ("delivery", "Lieferung und Termintreue", "Delivery and punctuality", "usage", "offline", "direct", "service",
     "Logistik", 2100000, 520000, "all", 0.95, 4.0, "key", 0),
    ("tracking", "Sendungsverfolgung", "Shipment tracking", "usage", "online", "direct", "service", "Logistik",
     45000, 700000, "all", 0.60, 4.3, "low", 0),
    ("drop_shipping", "Direktlieferung an Endkunden", "Drop shipping to end customers", "usage", "offline",
     "direct", "service", "Logistik", 320000, 90000, "onlinehandel|systemhaus", 0.50, 3.5, "mid", 0),
    ("tech_support", "Technischer Pre-Sales-Support", "Technical pre-sales support", "usage", "hybrid", "direct",
     "human", "Technik", 480000, 16000, "systemhaus|oeffentlich|fachhandel", 0.45, 4.2, "mid", 0),
    ("rma", "Rücksendung und RMA-Abwicklung", "Returns and RMA handling", "usage", "hybrid", "direct", "service",
     "Service-Center", 380000, 38000, "all", 0.35, 2.3, "key", 0),
    ("invoicing", "Rechnungsstellung", "Invoicing", "usage", "online", "direct", "service", "Buchhaltung", 160000,
     460000, "all", 0.80, 3.5, "mid", 0),
    ("sales_hotline", "Vertriebs-Hotline", "Sales hotline", "usage", "offline", "direct", "human",
     "Vertrieb Innendienst", 520000, 95000, "all", 0.50, 3.0, "mid", 0),
    ("account_manager", "Persönlicher Ansprechpartner im Innendienst", "Personal inside sales contact", "usage",
     "offline", "direct", "human", "Vertrieb Innendienst", 610000, 60000, "systemhaus|fachhandel|oeffentlich",
     0.60, 4.2, "key", 0),
    ("licence_portal", "Lizenzportal", "Licence portal", "usage", "online", "direct", "service", "IT", 95000,
     120000, "systemhaus|oeffentlich", 0.40, 2.9, "mid", 0),
    ("vendor_support", "Hersteller-Support bei Garantiefällen", "Vendor support for warranty cases", "usage",
     "offline", "indirect", "third_party", "Service-Center", 0, 25000, "all", 0.25, 3.1, "low", 0),
    ("packaging", "Verpackung und Lieferschein", "Packaging and delivery note", "usage", "offline", "direct",
     "product", "Logistik", 290000, 520000, "all", 0.70, 4.4, "low", 0),
    ("bonus_programme", "Partner-Bonusprogramm", "Partner bonus programme", "loyalty", "online", "direct",
     "service", "Marketing", 420000, 3000, "systemhaus|fachhandel", 0.50, 3.2, "mid", 0),
    ("management_review", "Jahresgespräch mit der Geschäftsleitung", "Annual review with management", "loyalty",
     "offline", "direct", "human", "Geschäftsleitung", 90000, 350, "systemhaus|oeffentlich|onlinehandel", 0.20,
     4.0, "mid", 0),
    ("satisfaction_survey", "Kundenzufriedenheitsbefragung", "Customer satisfaction survey", "loyalty", "online",
     "direct", "communication", "Qualitätsmanagement", 30000, 9000,
     "systemhaus|fachhandel|onlinehandel|oeffentlich", 0.30, 3.3, "low", 0),
    ("partner_day", "Partnertag mit Award-Verleihung", "Partner day with award ceremony", "loyalty", "offline",
     "direct", "brand", "Marketing", 260000, 900, "systemhaus|fachhandel", 0.20, 4.6, "low", 0),
    ("reseller_forum", "Händler-Community (Forum)", "Reseller community (forum)", "loyalty", "online", "direct",
     "communication", "Marketing", 35000, 14000, "systemhaus|fachhandel", 0.20, 3.4, "low", 0),
    ("b2b_reviews", "Bewertungen auf B2B-Plattformen", "Reviews on B2B platforms", "loyalty", "online",
     "indirect", "third_party", "Marketing", 5000, 1200, "onlinehandel|gelegenheit", 0.20, 3.3, "low", 0),
    ("christmas_gift", "Weihnachtspräsent", "Christmas gift", "loyalty", "offline", "direct", "brand",
     "Vertrieb Außendienst", 65000, 2500, "systemhaus|fachhandel|oeffentlich", 0.40, 4.2, "low", 0),
]
IT_SEGMENTS = [
    ("systemhaus", "Systemhäuser", "System integrators", 820, 410000.0, 0.06, True, 2, "strong", 0.35, 6.4,
     (0.10, 0.35, 0.50, 0.05)),
    ("fachhandel", "Fachhändler", "Specialist retailers", 1900, 68000.0, 0.08, True, 1, "strong", 0.25, 6.4,
     (0.15, 0.40, 0.40, 0.05)),
    ("onlinehandel", "Online-Händler", "Online retailers", 260, 950000.0, 0.025, True, 1, "weak", 0.15, 5.9,
     (0.20, 0.50, 0.25, 0.05)),
    ("oeffentlich", "Öffentliche Auftraggeber", "Public-sector buyers", 140, 520000.0, 0.05, True, 0, "weak",
     0.10, 6.1, (0.25, 0.50, 0.20, 0.05)),
    ("gelegenheit", "Gelegenheitskäufer", "Occasional buyers", 5400, 3200.0, -0.02, False, -1, "weak", 0.15, 5.6,
     (0.70, 0.20, 0.00, 0.10)),
]
IT_NETWORK_TRAITS = {"systemhaus": (2, 1, 2, 2), "fachhandel": (2, 1, 1, 1), "onlinehandel": (1, 0, 0, 0),
                     "oeffentlich": (1, 0, 1, 0), "gelegenheit": (0, 0, 0, 0)}
IT_FIT = [
    ("fachhandel", "onlinehandel", -2), ("onlinehandel", "fachhandel", 0), ("systemhaus", "onlinehandel", -1),
    ("systemhaus", "gelegenheit", -1), ("fachhandel", "gelegenheit", -1), ("systemhaus", "fachhandel", 1),
    ("fachhandel", "systemhaus", 1), ("oeffentlich", "systemhaus", 1),
]
IT_MULTIPLIERS = {
    "systemhaus": {"project_pricing": 1.8, "tech_support": 1.6, "account_manager": 1.3, "webshop_order": 0.7},
    "fachhandel": {"field_sales": 1.4, "credit_limit": 1.6, "bonus_programme": 1.5},
    "onlinehandel": {"edi": 2.2, "availability": 1.5, "drop_shipping": 2.0, "field_sales": 0.3},
    "oeffentlich": {"tender_portal": 2.0, "invoicing": 1.8, "licence_portal": 1.6},
    "gelegenheit": {"webshop_order": 1.5, "quote_desk": 0.6, "rma": 1.2},
}
IT_EMPLOYEE_BIAS = {"availability": 1.6, "rma": 1.6, "delivery": -0.9}
IT_MEASURES = [
    ("M01", "availability", "Echtzeit-Abgleich der Lagerbestände", "Real-time stock synchronisation", "IT", "IT",
     160000, 1.6, "2027-06-30"),
    ("M02", "quote_desk", "Angebot binnen vier Stunden (Service-Level)", "Quotation within four hours (service level)",
     "Vertrieb Innendienst", "Vertrieb Innendienst", 90000, 1.0, "2027-03-31"),
    ("M03", "quote_desk", "Online-Konfigurator für Standardangebote", "Online configurator for standard quotes",
     "E-Commerce", "E-Commerce", 140000, 0.9, "2027-09-30"),
    ("M04", "project_pricing", "Projektpreis-Portal mit den Herstellern", "Project pricing portal with the vendors",
     "Produktmanagement", "Produktmanagement", 70000, 1.1, "2027-05-31"),
    ("M05", "rma", "RMA-Portal mit vorfrankiertem Rücksendeetikett", "RMA portal with prepaid return label",
     "Service-Center", "Service-Center", 55000, 1.3, "2027-04-30"),
    ("M06", "rma", "Vorabaustausch defekter Geräte", "Advance replacement of faulty devices", "Logistik",
     "Logistik", 120000, 0.8, "2027-07-31"),
    ("M07", "licence_portal", "Single Sign-on für das Lizenzportal", "Single sign-on for the licence portal", "IT",
     "IT", 45000, 0.7, "2027-02-28"),
    ("M08", "sales_hotline", "Rückrufservice der Hotline", "Hotline call-back service", "Vertrieb Innendienst",
     "Vertrieb Innendienst", 30000, 0.6, "2027-01-31"),
    ("M09", "invoicing", "E-Rechnung im XRechnung-Format", "E-invoices in XRechnung format", "Buchhaltung",
     "Buchhaltung", 25000, 0.5, "2027-01-01"),
    ("M10", "bonus_programme", "Vereinfachtes Bonusprogramm mit Echtzeit-Punktestand",
     "Simpler bonus programme with live points balance", "Marketing", "Marketing", 15000, 0.6, "2027-04-01"),
    ("M11", "drop_shipping", "Neutrale Verpackung für Direktlieferungen", "Neutral packaging for drop shipping",
     "Logistik", "Logistik", 20000, 0.4, "2027-02-15"),
    ("M12", "credit_limit", "Kreditlimit online einsehbar", "Credit limit visible online", "Buchhaltung", "IT",
     18000, 0.4, ""),
]

#: Ideas of the hotel's guests (open answers of the survey), taken up as measures after the vote.
HOTEL_IDEAS = [
    ("M14", "breakfast", "Frühstück zum Mitnehmen für Frühabreisende", "Breakfast to go for early departures",
     "Gäste (Befragung)", "Gastronomie", 6000, 0.3, "",
     "Wer um sechs zum Zug muss, fährt ohne Frühstück – eine Tüte zum Mitnehmen an der Rezeption wäre toll."),
    ("M15", "wifi", "WLAN-Zugang ohne erneute Anmeldung bei jedem Aufenthalt",
     "Wi-Fi access without signing in again at every stay", "Gäste (Befragung)", "IT", 4000, 0.3, "",
     "Jedes Mal wieder Zimmernummer und Namen eintippen – Stammgäste sollten einfach verbunden sein."),
]

#: The owning teams' commitments to some of the hotel's measures (the others have none recorded yet).
HOTEL_COMMITMENTS = {"M01": "IT-Team: Ausbau zugesagt, Etage für Etage bis Ende März",
                     "M02": "Rezeption: selbst entworfen, Start nach der Schulung im Januar",
                     "M07": "IT-Team mit Rezeption: Pilot zugesagt, Entscheidung nach drei Monaten",
                     "M09": "Marketing: Antwort binnen 48 Stunden zugesagt"}

#: Touchpoints that substitute for one another (``works_like``): closing one moves its users to the others.
HOTEL_WORKS_LIKE = {"booking_engine": "booking", "phone_reservation": "booking", "ota_booking": "booking",
                    "gds_booking": "booking", "restaurant": "food", "bar": "food", "room_service": "food",
                    "newsletter": "news", "social_media": "news"}
IT_WORKS_LIKE = {"webshop_order": "ordering", "edi": "ordering", "quote_desk": "ordering",
                 "tech_support": "support", "sales_hotline": "support", "vendor_support": "support",
                 "promo_newsletter": "news", "webshop_catalogue": "news"}

SAMPLES = {
    "hotel": dict(name="Hotel Seeblick", seed=20261125, respondents=2400, employees=32,
                  touchpoints=HOTEL_TOUCHPOINTS, segments=HOTEL_SEGMENTS, fit=HOTEL_FIT,
                  multipliers=HOTEL_MULTIPLIERS, employee_bias=HOTEL_EMPLOYEE_BIAS, measures=HOTEL_MEASURES,
                  works_like=HOTEL_WORKS_LIKE, commitments=HOTEL_COMMITMENTS, ideas=HOTEL_IDEAS,
                  network_traits=HOTEL_NETWORK_TRAITS),
    "it_distributor": dict(name="Nordlicht IT-Distribution", seed=20261126, respondents=2000, employees=30,
                           touchpoints=IT_TOUCHPOINTS, segments=IT_SEGMENTS, fit=IT_FIT,
                           multipliers=IT_MULTIPLIERS, employee_bias=IT_EMPLOYEE_BIAS, measures=IT_MEASURES,
                           works_like=IT_WORKS_LIKE, network_traits=IT_NETWORK_TRAITS),
}
TP_COLUMNS = ["touchpoint_id", "name", "name_en", "phase", "channel", "contact", "kind", "owner", "annual_cost",
              "annual_contacts", "segments", "reach", "mu", "weight_class", "stated_bias"]


def true_weights(tp: pd.DataFrame, segments: list[str], multipliers: dict) -> pd.DataFrame:
    """w[s, t]: class weight × segment multiplier, 0 where the segment does not meet the touchpoint."""
    rows = {}
    for s in segments:
        w = []
        for t in tp.itertuples():
            meets = t.segments == "all" or s in t.segments.split("|")
            w.append(CLASS_WEIGHT[t.weight_class] * multipliers.get(s, {}).get(t.touchpoint_id, 1.0) if meets else 0.0)
        rows[s] = w
    return pd.DataFrame(rows, index=tp["touchpoint_id"]).T


def planted_class(weight: float, mu: float, key_weight: float) -> str:
    """The importance–performance class the generator planted (important: weight ≥ key_weight, good: mu ≥ 3.5)."""
    important, good = weight >= key_weight, mu >= 3.5
    return {(True, False): "critical", (True, True): "strength", (False, True): "overkill",
            (False, False): "low_priority"}[(important, good)]


VOTE_COMMENTS = ["Bitte schnell umsetzen – das ärgert uns jedes Mal.", "Würde ich sofort weiterempfehlen.",
                 "Für Geschäftsreisende besonders wichtig.", "Schön, aber nicht dringend."]


def generate_votes(spec: dict, respondents: pd.DataFrame, ratings: pd.DataFrame, measures: pd.DataFrame,
                   employee_rows: list) -> pd.DataFrame:
    """Priority points on the proposed measures: a sample of respondents and every employee spread
    10 points over up to three measures, customers favouring measures at touchpoints they rated low,
    employees those of their own department. Its own random stream keeps the other tables unchanged."""
    rng = np.random.default_rng(spec["seed"] + 7)
    voters = rng.choice(respondents["respondent_id"].to_numpy(), size=min(360, len(respondents)), replace=False)
    mean_perf = ratings.groupby(["respondent_id", "touchpoint_id"])["performance"].first()
    rows = []
    for rid in voters:
        mine = mean_perf.get(rid)
        appeal = np.array([(5.0 - mine.get(t, 3.5)) if mine is not None else 1.5 for t in measures["touchpoint_id"]])
        appeal = np.maximum(appeal, 0.2) * np.maximum(measures["uplift"].to_numpy(dtype=float), 0.05)
        chosen = rng.choice(len(measures), size=3, replace=False, p=appeal / appeal.sum())
        points = rng.multinomial(10, rng.dirichlet(np.ones(3)))
        for m, pts in zip(chosen, points):
            if pts:
                comment = VOTE_COMMENTS[rng.integers(len(VOTE_COMMENTS))] if rng.random() < 0.1 else None
                rows.append((rid, "customer", measures["measure_id"].iat[m], int(pts), comment))
    departments = {e: d for e, d, _, _ in employee_rows}
    for employee, dept in departments.items():
        own = (measures["proposed_by"] == dept).to_numpy()
        appeal = np.where(own, 4.0, 1.0)
        chosen = rng.choice(len(measures), size=3, replace=False, p=appeal / appeal.sum())
        points = rng.multinomial(10, rng.dirichlet(np.ones(3)))
        rows += [(employee, "employee", measures["measure_id"].iat[m], int(p), None) for m, p in zip(chosen, points) if p]
    return pd.DataFrame(rows, columns=["voter_id", "voter_type", "measure_id", "points", "comment"])


def generate(key: str, counterfactuals: dict | None = None, spec: dict | None = None) -> tuple[Project, dict]:
    """Build sample project ``key`` and its ground truth.

    ``counterfactuals`` (name → ``change(segment_id, met, perf) -> (met, perf)``, arrays over the
    touchpoints) gives each respondent's true answer had the touchpoints been met and performed so, with
    the same noise: the truth a what-if projection is checked against. They are in the truth as
    ``counterfactual[name]`` (one answer per respondent, in order), with each respondent's expected latent
    score (before the noise) as ``counterfactual_latent[name]`` and ``latent`` (as observed), the noise's
    sd as ``noise_sd``; they do not change the project. ``spec`` replaces the sample's specification (a
    later wave of the same sample).
    """
    counterfactual: dict[str, list[tuple[int, float]]] = {name: [] for name in (counterfactuals or {})}
    expected_latent: list[float] = []
    spec = SAMPLES[key] if spec is None else spec
    rng = np.random.default_rng(spec["seed"])
    tp = pd.DataFrame(spec["touchpoints"], columns=TP_COLUMNS)
    seg_cols = ["segment_id", "name", "name_en", "customers", "revenue_per_customer", "margin", "wanted",
                "strategic_fit", "network", "share", "alpha", "loyalty_mix"]
    seg = pd.DataFrame(spec["segments"], columns=seg_cols)
    weights = true_weights(tp, seg["segment_id"].tolist(), spec["multipliers"])
    reach = tp["reach"].to_numpy()
    mu = tp["mu"].to_numpy()
    n_tp = len(tp)
    tp_names = tp["name"].tolist()

    n = spec["respondents"]
    shares = seg["share"].to_numpy() / seg["share"].sum()
    seg_idx = rng.choice(len(seg), size=n, p=shares)
    respondents, ratings = [], []
    loyalty_names = ["new", "repeat", "loyal", "lapsed"]
    for i in range(n):
        s = seg.iloc[seg_idx[i]]
        w = weights.loc[s["segment_id"]].to_numpy()
        loyalty = loyalty_names[rng.choice(4, p=np.array(s["loyalty_mix"]) / sum(s["loyalty_mix"]))]
        met = (w > 0) & (rng.random(n_tp) < reach)
        halo = rng.normal(0, 0.45)
        perf = np.clip(np.rint(mu + halo + rng.normal(0, 0.75, n_tp)), 1, 5).astype(int)
        base_latent = s["alpha"] + LOYALTY_SHIFT[loyalty]
        noise = rng.normal(0, NOISE_SD)
        latent = base_latent + float(np.sum(w[met] * (perf[met] - 3))) + noise
        recommend = int(np.clip(np.rint(latent), 0, 10))
        for name, change in (counterfactuals or {}).items():   # the same respondent, the same noise
            met_cf, perf_cf = change(s["segment_id"], met.copy(), perf.astype(float))
            expected = base_latent + float(np.sum(w[met_cf] * (perf_cf[met_cf] - 3)))
            counterfactual[name].append((int(np.clip(np.rint(expected + noise), 0, 10)), expected))
        expected_latent.append(latent - noise)
        satisfaction = int(np.clip(np.rint(1 + 4 * np.clip(latent, 0, 10) / 10 + rng.normal(0, 0.5)), 1, 5))
        rid = f"R{i + 1:05d}"
        respondents.append((rid, s["segment_id"], loyalty, recommend, satisfaction))
        w_rel = w / CLASS_WEIGHT["key"]
        for j in np.flatnonzero(met):
            importance = int(np.clip(np.rint(1.6 + 2.6 * min(w_rel[j], 1.2) + tp["stated_bias"].iat[j]
                                             + rng.normal(0, 0.7)), 1, 5))
            p = perf[j]
            u = rng.random()
            incident = ""
            if u < {1: 0.55, 2: 0.25, 3: 0.04}.get(p, 0.0):
                incident = "negative"
            elif u < {5: 0.40, 4: 0.10}.get(p, 0.0):
                incident = "positive"
            comment = ""
            if incident and rng.random() < 0.35:
                pool = NEG_COMMENTS if incident == "negative" else POS_COMMENTS
                comment = pool[rng.integers(len(pool))].format(name=tp_names[j])
            ratings.append((rid, tp["touchpoint_id"].iat[j], p, importance, incident or None, comment or None))

    departments = sorted(tp["owner"].unique())
    bias = np.array([spec["employee_bias"].get(t, 0.3) for t in tp["touchpoint_id"]])
    employee_rows = []
    for e in range(spec["employees"]):
        dept = departments[e % len(departments)]
        perf = np.clip(np.rint(mu + bias + rng.normal(0, 0.7, n_tp)), 1, 5).astype(int)
        employee_rows += [(f"E{e + 1:03d}", dept, t, int(p)) for t, p in zip(tp["touchpoint_id"], perf)]

    frames = dict(
        touchpoints=tp[TP_COLUMNS[:11]].assign(
            annual_cost=tp["annual_cost"].astype("Float64"), annual_contacts=tp["annual_contacts"].astype("Int64"),
            works_like=tp["touchpoint_id"].map(spec["works_like"]).astype(object)),
        segments=seg[seg_cols[:9]].assign(
            customers=seg["customers"].astype("Int64"), revenue_per_customer=seg["revenue_per_customer"].astype("Float64"),
            margin=seg["margin"].astype("Float64"), wanted=seg["wanted"].astype("boolean"),
            strategic_fit=seg["strategic_fit"].astype("Int64"),
            **{trait: seg["segment_id"].map(lambda s, k=k: spec["network_traits"][s][k]).astype("Int64")
               for k, trait in enumerate(NETWORK_TRAITS)}),
        segment_fit=pd.DataFrame(spec["fit"], columns=["segment_id", "other_segment_id", "fit"]),
        respondents=pd.DataFrame(respondents, columns=["respondent_id", "segment_id", "loyalty", "recommend",
                                                       "satisfaction"]),
        ratings=pd.DataFrame(ratings, columns=["respondent_id", "touchpoint_id", "performance", "importance",
                                               "incident", "comment"]),
        employee_ratings=pd.DataFrame(employee_rows, columns=["employee_id", "department", "touchpoint_id",
                                                              "performance"]),
        measures=pd.DataFrame(spec["measures"], columns=["measure_id", "touchpoint_id", "name", "name_en",
                                                         "proposed_by", "owner", "cost", "uplift", "due_date"]),
    )
    frames["measures"]["due_date"] = pd.to_datetime(frames["measures"]["due_date"].replace("", None))
    frames["measures"]["commitment"] = frames["measures"]["measure_id"].map(spec.get("commitments", {})).astype(object)
    frames["votes"] = generate_votes(spec, frames["respondents"], frames["ratings"], frames["measures"],
                                     employee_rows)
    # the departments' proposals, then the customers' ideas that came in after the vote (no votes yet)
    frames["measures"]["proposed_by_type"] = "employee"
    frames["measures"]["idea"] = pd.Series(pd.NA, index=frames["measures"].index, dtype=object)
    ideas = pd.DataFrame(spec.get("ideas", []), columns=["measure_id", "touchpoint_id", "name", "name_en", "proposed_by",
                                                         "owner", "cost", "uplift", "due_date", "idea"])
    if len(ideas):
        ideas["due_date"] = pd.to_datetime(ideas["due_date"].replace("", None))
        ideas = ideas.assign(commitment=pd.Series(pd.NA, index=ideas.index, dtype=object), proposed_by_type="customer")
        frames["measures"] = pd.concat([frames["measures"], ideas[frames["measures"].columns]], ignore_index=True)
    project = Project(name=spec["name"], **frames)

    counts = pd.Series(seg_idx).value_counts().reindex(range(len(seg)), fill_value=0).to_numpy()
    meets = (weights.to_numpy() > 0).astype(float)
    # overall weight among the respondents whose segment meets the touchpoint
    overall_w = pd.Series(counts @ weights.to_numpy() / (counts @ meets), index=weights.columns)
    key_weight = CLASS_WEIGHT["key"] * 0.9
    classes = {t: planted_class(overall_w[t], m, key_weight) for t, m in zip(tp["touchpoint_id"], mu)}
    segment_classes = {s: {t: planted_class(weights.loc[s, t], m, key_weight)
                           for t, m in zip(tp["touchpoint_id"], mu) if weights.loc[s, t] > 0}
                       for s in weights.index}
    truth = {
        "seed": spec["seed"],
        "model": "see data/generate_samples.py",
        "class_weights": CLASS_WEIGHT,
        "weights": {s: {t: round(float(v), 6) for t, v in weights.loc[s].items()} for s in weights.index},
        "overall_weights": {t: round(float(v), 6) for t, v in overall_w.items()},
        "mean_performance": dict(zip(tp["touchpoint_id"], map(float, mu))),
        "reach": dict(zip(tp["touchpoint_id"], map(float, reach))),
        "alpha": dict(zip(seg["segment_id"], map(float, seg["alpha"]))),
        "classes": classes,
        "critical": sorted(t for t, c in classes.items() if c == "critical"),
        "critical_by_segment": {s: sorted(t for t, c in cl.items() if c == "critical")
                                for s, cl in segment_classes.items()},
        "strengths": sorted(t for t, c in classes.items() if c == "strength"),
        "overkill": sorted(t for t, c in classes.items() if c == "overkill"),
        "blind_spots": sorted(t for t, b in spec["employee_bias"].items() if b > 1),
        "hidden_strengths": sorted(t for t, b in spec["employee_bias"].items() if b < 0),
        "stated_importance_bias": {t: int(b) for t, b in zip(tp["touchpoint_id"], tp["stated_bias"]) if b},
    }
    if counterfactuals:
        truth["counterfactual"] = {name: np.array([a for a, _ in rows]) for name, rows in counterfactual.items()}
        truth["counterfactual_latent"] = {name: np.array([e for _, e in rows]) for name, rows in counterfactual.items()}
        truth["latent"] = np.array(expected_latent)
        truth["noise_sd"] = NOISE_SD
    return project, truth


#: The hotel measured twice: the first wave before the measures, the second after them (their due dates lie
#: between). The true change of each touchpoint's mean performance from wave 1 to wave 2 (the planted effect:
#: the Wi-Fi upgrade delivers less than it promised, the invoice by e-mail what it promised, the pre-check-in
#: nothing), the waves' dates and the seed of the second wave.
HOTEL_WAVES = {"waves": ("2026-05", "2027-09"), "seed": 20270930,
               "effects": {"wifi": 1.0, "checkout": 0.9, "checkin_desk": 0.0}}


def generate_waves() -> tuple[Project, dict]:
    """The hotel in two waves (:data:`HOTEL_WAVES`): wave 1 is the hotel sample itself, wave 2 the same hotel
    after the measures, with the planted effects added to the touchpoints' true mean performance and new
    respondents (``W2-…``); ``respondents.wave`` names each one's wave, ``employee_ratings.wave`` the wave the
    employees (the same people) rated in. The truth records the effects."""
    first, truth = generate("hotel")
    spec = dict(SAMPLES["hotel"], seed=HOTEL_WAVES["seed"])
    spec["touchpoints"] = [row[:12] + (row[12] + HOTEL_WAVES["effects"].get(row[0], 0.0),) + row[13:]
                           for row in SAMPLES["hotel"]["touchpoints"]]
    second, _ = generate("hotel", spec=spec)
    one, two = HOTEL_WAVES["waves"]
    renamed = {r: f"W2-{r}" for r in second.respondents["respondent_id"]}
    respondents = pd.concat([first.respondents.assign(wave=one),
                             second.respondents.assign(respondent_id=second.respondents["respondent_id"].map(renamed),
                                                       wave=two)], ignore_index=True)
    ratings = pd.concat([first.ratings, second.ratings.assign(
        respondent_id=second.ratings["respondent_id"].map(renamed))], ignore_index=True)
    employees = pd.concat([first.employee_ratings.assign(wave=one), second.employee_ratings.assign(wave=two)],
                          ignore_index=True)    # the same employees asked again: they see the measures too
    project = replace(first, name="Hotel Seeblick – zwei Wellen", respondents=respondents, ratings=ratings,
                      employee_ratings=employees)
    truth = {"seed": truth["seed"], "waves": list(HOTEL_WAVES["waves"]), "wave_seed": HOTEL_WAVES["seed"],
             "effects": HOTEL_WAVES["effects"], "mean_performance": truth["mean_performance"],
             "model": "see data/generate_samples.py (generate_waves)"}
    return project, truth


def write(key: str, folder: Path, project_truth: tuple[Project, dict] | None = None) -> None:
    """Generate sample ``key`` (or write the given project and truth) into ``folder`` (the project tables and
    ground_truth.json)."""
    project, truth = generate(key) if project_truth is None else project_truth
    save_project(project, folder)
    (folder / "ground_truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n",
                                              encoding="utf-8")
    load_project(folder)  # the written project must pass tpkit's own validation


if __name__ == "__main__":
    for sample in SAMPLES:
        write(sample, ROOT / "data" / sample)
        print(f"wrote data/{sample}")
    write("hotel_waves", ROOT / "data" / "hotel_waves", generate_waves())
    print("wrote data/hotel_waves")

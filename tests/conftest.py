"""Shared fixtures: a tiny hand-made project whose numbers are easy to check by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

TINY = {
    "touchpoints.csv": (
        "touchpoint_id,name,name_en,phase,channel,contact,kind,owner,annual_cost,annual_contacts,segments\n"
        "web,Website,Website,pre_purchase,online,direct,communication,Marketing,1000,500,all\n"
        "reviews,Bewertungen,Reviews,pre_purchase,online,indirect,third_party,Marketing,0,200,all\n"
        "shop,Ladengeschäft,Shop,purchase,offline,direct,human,Vertrieb,3000,100,a\n"
        "portal,Vergleichsportal,Comparison portal,purchase,online,indirect,third_party,Vertrieb,500,0,b\n"
        "hotline,Störungs-Hotline,Fault hotline,usage,hybrid,direct,human,Kundendienst,2000,400,a|b\n"
        "forum,Kundenforum,Customer forum,loyalty,online,indirect,third_party,Marketing,100,50,b\n"
    ),
    "segments.csv": (
        "segment_id,name,name_en,customers,revenue_per_customer,margin,wanted,strategic_fit,network\n"
        "a,Stammkundschaft,Regulars,100,1000,0.2,yes,2,strong\n"
        "b,Schnäppchenjäger,Bargain hunters,400,50,0.02,no,-1,weak\n"
    ),
    "segment_fit.csv": "segment_id,other_segment_id,fit\na,b,-2\nb,a,0\n",
    "respondents.csv": (
        "respondent_id,segment_id,loyalty,recommend,satisfaction\n"
        "r1,a,loyal,10,5\nr2,a,repeat,7,4\nr3,b,new,3,2\nr4,b,lapsed,9,\n"
    ),
    "ratings.csv": (
        "respondent_id,touchpoint_id,performance,importance,incident,comment\n"
        "r1,web,5,4,positive,Sehr übersichtlich\n"
        "r1,shop,4,5,,\n"
        "r2,hotline,2,5,negative,\"Warteschleife, 20 Minuten\"\n"
        "r3,portal,3,,,\n"
        "r4,hotline,5,4,positive,\n"
    ),
    "employee_ratings.csv": "employee_id,department,touchpoint_id,performance\ne1,Vertrieb,shop,5\ne1,Vertrieb,hotline,4\n",
    "measures.csv": (
        "measure_id,touchpoint_id,name,name_en,proposed_by,owner,cost,uplift,due_date\n"
        "m1,hotline,Rückrufservice,Call-back service,Kundendienst,Kundendienst,5000,1.5,2027-03-31\n"
        "m2,web,Neue Suche,New search,Marketing,IT,2500.5,0.5,\n"
    ),
}


def assert_same_project(a, b) -> None:
    """Two projects hold the same name, currency and tables (values and dtypes)."""
    import pandas as pd

    from tpkit.schema import TABLES

    assert a.name == b.name and a.currency == b.currency
    for name in TABLES:
        pd.testing.assert_frame_equal(a.table(name), b.table(name), check_dtype=True)


def write_project(folder: Path, files: dict[str, str | bytes], encoding: str = "utf-8") -> Path:
    """Write project tables (text or bytes) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode(encoding)
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    return write_project(tmp_path / "tiny", TINY)

"""Locale formatting (Babel): separators per language, precision per quantity, facts as text."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from report.format import (
    country_name,
    fact_date,
    fact_value,
    number,
    pattern_for,
    percent,
    quantity,
    styler,
    unit_text,
    with_unit,
)
from sites import load_catalog
from sites.model import Fact
from sites.schema import Status

NBSP = "\u00a0"


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "1,234,567.89"), ("fi", f"1{NBSP}234{NBSP}567,89"), ("sv", f"1{NBSP}234{NBSP}567,89")])
def test_thousands_and_decimal_separators(language: str, expected: str) -> None:
    assert number(1234567.891, language, pattern="#,##0.00") == expected


@pytest.mark.parametrize("missing", [None, math.nan, math.inf])
def test_missing_numbers_are_a_dash(missing: float | None) -> None:
    assert number(missing, "fi") == "–" and quantity(missing, "ha", "en") == "–"
    assert with_unit(missing, "ha", "sv") == "–" and percent(missing, "en") == "–"


def test_precision_per_quantity() -> None:
    assert quantity(12_345_678.49, "EUR/a", "en") == "12,345,678"  # bills: no cents
    assert quantity(2.9612, "MEUR/a", "en") == "2.96"
    assert quantity(0.75149, "score", "fi") == "0,751"  # scores: three decimals
    assert quantity(55.0, "ha", "en") == "55" and quantity(55.25, "ha", "en") == "55.2"
    assert quantity(14.0, "m", "fi") == "14" and quantity(15.3, "m", "fi") == "15,3"
    assert quantity(31.0, "EUR/MWh", "en") == "31.00"  # unit prices keep cents
    assert quantity(0.0123, "EUR/m2/a", "en") == "0.0123"
    assert pattern_for("EUR/kWh/a") == "#,##0.00##" and pattern_for("whatever") == "#,##0.##"


def test_units_and_percentages() -> None:
    assert unit_text("EUR/m2/a") == "€/m²/a" and unit_text("m3/a") == "m³/a"
    assert unit_text("count") == "" and with_unit(3, "count", "en") == "3"
    assert with_unit(60_000, "t/a", "en") == "60,000 t/a"
    assert percent(0.834, "en") == "83%" and percent(0.834, "fi") == f"83{NBSP}%"
    assert percent(0.834, "sv", decimals=1) == f"83,4{NBSP}%"


def test_country_names_from_cldr() -> None:
    assert (country_name("FI", "en"), country_name("FI", "fi"), country_name("SE", "sv")) == (
        "Finland", "Suomi", "Sverige")
    assert country_name("XX", "fi") == "XX"


def _fact(**fields: object) -> Fact:
    base: dict[str, object] = {"name": "total_area_ha", "value": None, "unit": "ha",
                               "status": Status.PUBLISHED}
    return Fact(**(base | fields))  # type: ignore[arg-type]


def test_fact_values_per_language() -> None:
    assert fact_value(_fact(value=1200.0), "fi") == f"1{NBSP}200 ha"
    assert fact_value(_fact(value=40.0, qualifier="at least"), "en") == "≥ 40 ha"
    ranged = _fact(low=40.0, high=70.5, value=55.0)
    assert fact_value(ranged, "en") == "40–70.5 ha (typ. 55 ha)"
    assert fact_value(ranged, "sv") == "40–70,5 ha (typiskt 55 ha)"
    assert fact_value(_fact(name="rail_connection", value=True, unit="yes/no"), "fi") == "kyllä"
    assert fact_value(_fact(status=Status.UNKNOWN), "sv") == "okänd"
    assert fact_value(_fact(status=Status.NOT_APPLICABLE), "en") == "not applicable"


def test_fact_dates_per_language() -> None:
    kip = load_catalog().by_id("kokkola-kip")
    assert fact_date(kip.facts["total_area_ha"], "fi") == kip.facts["total_area_ha"].as_of_text
    unknown = _fact(status=Status.UNKNOWN, checked_text="2026-12-01")
    assert fact_date(unknown, "en") == "not found (searched 2026-12)"
    assert fact_date(_fact(value=1.0), "sv") == "odaterad"
    assert fact_date(_fact(status=Status.NOT_APPLICABLE), "en") == ""


def test_styler_writes_each_column_and_each_rows_unit() -> None:
    frame = pd.DataFrame({"cost": [1234567.8, None], "qty": [1500.0, 0.25],
                          "unit": ["t/a", "EUR/m3"], "name": ["a", None]})
    text = styler(frame, {"cost": "EUR/a"}, "fi", units={"qty": "unit"}).to_string()
    assert f"1{NBSP}234{NBSP}568" in text and f"1{NBSP}500" in text and "0,25" in text
    assert "None" not in text and "nan" not in text and text.count("–") == 2

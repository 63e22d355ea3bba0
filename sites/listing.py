"""The catalog as a listing: nested JSON, flat CSV or GeoJSON (the command line and downloads)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from sites.catalog import Catalog
from sites.errors import CatalogError
from sites.export import csv_rows, sourced_records
from sites.model import Fact


def fact_entry(fact: Fact) -> dict[str, Any]:
    """A fact in the JSON listing: every v2 key (null when absent) plus its display text."""
    value = list(fact.value) if isinstance(fact.value, tuple) else fact.value
    return {"value": value, "low": fact.low, "high": fact.high, "qualifier": fact.qualifier,
            "unit": fact.unit, "status": fact.status.value, "as_of": fact.as_of_text or None,
            "undated": fact.undated, "checked": fact.checked_text or None,
            "source": fact.source, "note": fact.note, "display": fact.display_value()}


def fact_json(catalog: Catalog) -> list[dict[str, Any]]:
    parks = []
    for park in catalog.parks:
        parks.append({
            "id": park.id, "name": park.name, "name_fi": park.name_fi, "name_sv": park.name_sv,
            "country": park.country, "municipality": park.municipality, "region": park.region,
            "programme_region": park.programme_region, "lat": park.location.lat,
            "lon": park.location.lon, "precision_m": park.location.precision_m,
            "bidding_zone": park.bidding_zone, "operator": park.operator,
            "contact_url": park.contact_url,
            "facts": {name: fact_entry(f) for name, f in park.facts.items()},
        })
    return parks


def render_catalog(catalog: Catalog, fmt: str) -> str:
    """The catalog as ``json`` (nested facts), ``csv`` or ``geojson`` (flat).

    The GeoJSON features carry every fact's value, status, source and as-of date
    (:func:`sites.export.park_properties`); the CSV holds one value per fact.
    """
    if fmt == "json":
        return json.dumps(fact_json(catalog), ensure_ascii=False, indent=1)
    if fmt == "csv":
        records = catalog.to_records()
        return csv_rows(records, columns=list(records[0]) if records else ["id"])
    features = [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
        "properties": r,
    } for r in sourced_records(catalog)]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def render_prices(fmt: str, path: Path | None = None) -> str:
    """The price table as ``csv`` (the columns of ``prices.csv``) or ``json`` (list of objects)."""
    from sites.prices import COLUMNS, PRICES_FILE, read_price_records

    file = path or PRICES_FILE
    records, problems = read_price_records(file.read_text(encoding="utf-8"), origin=file.name)
    if problems:
        raise CatalogError(problems)
    if fmt == "json":
        return json.dumps([{**r, "value": float(r["value"])} for r in records],
                          ensure_ascii=False, indent=1)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().rstrip("\n")

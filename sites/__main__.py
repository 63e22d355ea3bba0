"""Command line: ``python -m sites validate [FILE ...]`` and ``python -m sites list``."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

from sites.catalog import Catalog, load_catalog
from sites.errors import CatalogError
from sites.validate import shipped_files, validate_files


def _validate(files: list[str]) -> int:
    paths = [Path(f) for f in files] if files else shipped_files()
    problems = validate_files(paths)
    for problem in problems:
        print(problem.line())
    if problems:
        print(f"{len(problems)} problem(s) in {len(paths)} file(s)", file=sys.stderr)
        return 1
    print(f"ok: {len(paths)} file(s) valid", file=sys.stderr)
    return 0


def _fact_json(catalog: Catalog) -> list[dict[str, Any]]:
    parks = []
    for park in catalog.parks:
        parks.append({
            "id": park.id, "name": park.name, "name_fi": park.name_fi, "name_sv": park.name_sv,
            "country": park.country, "municipality": park.municipality, "region": park.region,
            "programme_region": park.programme_region, "lat": park.location.lat,
            "lon": park.location.lon, "precision_m": park.location.precision_m,
            "bidding_zone": park.bidding_zone, "operator": park.operator,
            "contact_url": park.contact_url,
            "facts": {
                name: {"value": list(f.value) if isinstance(f.value, tuple) else f.value,
                       "unit": f.unit, "source": f.source, "as_of": f.as_of_text,
                       "status": f.status.value, "note": f.note}
                for name, f in park.facts.items()
            },
        })
    return parks


def render_catalog(catalog: Catalog, fmt: str) -> str:
    """The catalog as ``json`` (nested facts), ``csv`` or ``geojson`` (flat)."""
    if fmt == "json":
        return json.dumps(_fact_json(catalog), ensure_ascii=False, indent=1)
    records = catalog.to_records()
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(records[0]) if records else ["id"])
        writer.writeheader()
        writer.writerows(records)
        return out.getvalue()
    features = [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
        "properties": r,
    } for r in records]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sites", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check park profiles (.toml) and price tables (.csv)")
    check.add_argument("files", nargs="*", help="files to check (default: the shipped data)")
    listing = sub.add_parser("list", help="print the whole catalog")
    listing.add_argument("--format", choices=("json", "csv", "geojson"), default="json")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args.files)
    try:
        catalog = load_catalog()
    except CatalogError as exc:
        print(f"the catalog has problems; run `python -m sites validate`:\n{exc}",
              file=sys.stderr)
        return 1
    sys.stdout.write(render_catalog(catalog, args.format) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

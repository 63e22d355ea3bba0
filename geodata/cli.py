"""Command line: geodesic distances from every park to a point or to the nearest feature.

    python -m geodata distance --to LAT,LON [--format json|csv]
    python -m geodata nearest --layer NAME [--where "max_draught_m>=12"] [--format json|csv]

Bad input prints one line ``error: ...`` to stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import NoReturn

import geopandas as gpd
import pandas as pd

from geodata._errors import GeodataError
from geodata.layers import LAYERS, load_layer
from geodata.measures import distance_to_point_km, nearest, validate_latlon

EXIT_USAGE = 2
_PARK_COLUMNS = ("id", "name", "country")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"error: {message}\n")


def parse_latlon(text: str) -> tuple[float, float]:
    """Parse ``"LAT,LON"`` in decimal degrees, validating the ranges.

    Raises
    ------
    GeodataError
        When the text is not two finite numbers in range.
    """
    parts = text.split(",")
    if len(parts) != 2:
        raise GeodataError(f"--to expects LAT,LON in decimal degrees, got {text!r}")
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError as exc:
        raise GeodataError(f"--to expects LAT,LON in decimal degrees, got {text!r}") from exc
    validate_latlon(lat, lon)
    return lat, lon


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m geodata", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    distance = commands.add_parser("distance", help="geodesic km from every park to a point")
    distance.add_argument("--to", required=True, metavar="LAT,LON")
    distance.add_argument("--format", choices=("json", "csv"), default="json")
    near = commands.add_parser("nearest", help="nearest feature of a layer for every park")
    near.add_argument("--layer", required=True, choices=tuple(LAYERS))
    near.add_argument("--where", default=None, help='attribute condition, e.g. "max_draught_m>=12"')
    near.add_argument("--format", choices=("json", "csv"), default="json")
    return parser


def distance_table(parks: gpd.GeoDataFrame, *, lat: float, lon: float) -> pd.DataFrame:
    """Every park with its geodesic distance in km to ``(lat, lon)``, nearest first."""
    table = _park_columns(parks).assign(
        distance_km=distance_to_point_km(parks, lat=lat, lon=lon).round(3))
    return table.sort_values("distance_km", kind="stable", ignore_index=True)


def nearest_table(parks: gpd.GeoDataFrame, features: gpd.GeoDataFrame, *,
                  where: str | None, same_layer: bool = False) -> pd.DataFrame:
    """Every park with the nearest (qualifying) feature and its distance in km."""
    if same_layer:
        parks = parks.set_index("id", drop=False)
        features = features.set_index("id", drop=False)
    found = nearest(parks, features, where=where, exclude_self=same_layer)
    table = _park_columns(parks).assign(nearest=found["nearest"].to_numpy(),
                                        distance_km=found["distance_km"].round(3).to_numpy())
    return table.reset_index(drop=True)


def _park_columns(parks: gpd.GeoDataFrame) -> pd.DataFrame:
    return pd.DataFrame({c: parks[c].to_numpy() for c in _PARK_COLUMNS if c in parks})


def render(table: pd.DataFrame, fmt: str) -> str:
    """The table as JSON (a list of records, NaN → null) or CSV text."""
    if fmt == "csv":
        from sites.export import csv_text

        return csv_text(table)
    records = json.loads(table.to_json(orient="records", force_ascii=False))
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        parks = load_layer("parks")
        if args.command == "distance":
            lat, lon = parse_latlon(args.to)
            table = distance_table(parks, lat=lat, lon=lon)
        else:
            features = parks if args.layer == "parks" else load_layer(args.layer)
            table = nearest_table(parks, features, where=args.where,
                                  same_layer=args.layer == "parks")
    except GeodataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(render(table, args.format))
    return 0

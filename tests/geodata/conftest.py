"""Fixtures for geodata tests: small hand-built layers (synthetic, labelled as such)."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point


@pytest.fixture
def parks() -> gpd.GeoDataFrame:
    """Three real-ish park points (Kokkola, Pori, Porvoo) plus a hostile synthetic name."""
    return gpd.GeoDataFrame(
        {"id": ["kokkola", "pori", "porvoo", "hostile"],
         "name": ["Kokkola KIP", "Pori Tahkoluoto", "Porvoo Kilpilahti",
                  "<img src=x onerror=alert(1)>"],
         "country": ["FI", "FI", "FI", "FI"],
         "score": [0.9, 0.5, 0.7, 0.1]},
        geometry=[Point(23.0298, 63.8435), Point(21.40, 61.63), Point(25.55, 60.30),
                  Point(24.94, 60.17)],
        crs="EPSG:4326",
    )


@pytest.fixture
def ports() -> gpd.GeoDataFrame:
    """Synthetic port layer with draughts (values made up for the tests)."""
    return gpd.GeoDataFrame(
        {"name": ["deep north", "shallow near Pori", "deep south", "unknown draught"],
         "max_draught_m": [14.0, 9.0, 15.3, None]},
        geometry=[Point(22.95, 63.86), Point(21.45, 61.60), Point(26.90, 60.44),
                  Point(21.50, 61.62)],
        crs="EPSG:4326",
    )

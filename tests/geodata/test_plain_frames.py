"""The parks layer from a plain DataFrame (lat/lon columns) equals the one from a GeoDataFrame."""

from __future__ import annotations

import pandas as pd

from geodata import maps
from sites import load_catalog
from ui.folium_adapter import feature_group_script


def test_park_layer_reads_lat_lon_columns_as_the_geometry() -> None:
    catalog = load_catalog()
    plain = catalog.to_frame().set_index("id", drop=False)
    geo = catalog.to_geodataframe().set_index("id", drop=False)
    scores = pd.Series(range(len(plain)), index=plain.index, dtype=float)
    built = [maps.park_layer(frame, color_by=scores, legend_title="score")
             for frame in (plain, geo)]
    assert built[0][1] == built[1][1]
    scripts = [feature_group_script(group) for group, _legend, _failing in built]
    assert scripts[0].replace(built[0][0].get_name(), "G") == \
        scripts[1].replace(built[1][0].get_name(), "G")
    lat, lon = maps._latlon(plain)
    assert list(lat) == list(plain["lat"]) and list(lon) == list(plain["lon"])

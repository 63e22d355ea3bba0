"""Find sites page in AppTest: map, table, profile selection."""

from __future__ import annotations

import json

from tests.app_pages.conftest import no_exception
from ui.safe import md


def folium_args(at) -> dict:
    """The st_folium component's arguments (the Leaflet script and its settings)."""
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)


def test_find_page_renders_map_and_table(app):
    at = app()
    no_exception(at)
    assert at.title[0].value == "Find sites"
    table = at.dataframe[0].value
    assert len(table) >= 35
    assert "Kokkola Industrial Park (KIP)" in set(table["name"])
    args = folium_args(at)
    assert "L.map(" in args["script"]  # the cached base map
    parks_layer = args["feature_group"]  # the per-scenario parks layer
    assert parks_layer.count('"tip":') == len(table)
    assert "Kokkola Industrial Park (KIP)" in parks_layer
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])


def test_table_selection_opens_profile(app):
    at = app()
    table = at.dataframe[0].value
    row = int((table["id"] == "kokkola-kip").to_numpy().nonzero()[0][0])
    at.session_state["find_table"] = {"selection": {"rows": [row], "columns": []}}
    at.run()
    no_exception(at)
    assert any(s.value == md("Kokkola Industrial Park (KIP)") for s in at.subheader)
    profile = at.dataframe[1].value
    assert len(profile) == 29
    assert "https://kip.fi/en/frontpage.html" in set(profile["source"])

"""The one place that talks to streamlit-folium, with a version guard.

parkbench renders the base map once per server (cached strings) and sends only the parks layer
per rerun. streamlit-folium's public ``st_folium`` re-renders the whole folium map on every
call, so this adapter uses five of its private helpers instead (``_get_html``, ``_get_header``,
``_get_map_string``, ``_get_feature_group_string``, ``_component_func``) plus the public
``get_full_id`` and ``generate_js_hash``. They are checked against :data:`SUPPORTED` on first use:
another release fails loudly with what is missing (``tests/ui/test_folium_adapter.py`` fails
too), never silently with a blank map.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

import folium
import streamlit_folium as stf

SUPPORTED: Final = frozenset({"0.27.4"})
"""Releases whose private helpers this adapter was written and tested against."""
_NEEDED: Final = ("_get_html", "_get_header", "_get_map_string", "_get_feature_group_string",
                  "_component_func", "get_full_id", "generate_js_hash")
_COMPONENT_ARGS: Final = ("script", "header", "html", "id", "key", "height", "width",
                          "returned_objects", "default", "zoom", "center", "feature_group",
                          "return_on_hover", "layer_control", "pixelated", "css_links",
                          "js_links", "wrap_longitude")


class IncompatibleComponent(RuntimeError):
    """The installed streamlit-folium is not one this adapter supports."""


@cache
def check_compatible() -> str:
    """The installed version, or :class:`IncompatibleComponent` saying what is wrong."""
    version = importlib.metadata.version("streamlit-folium")
    missing = [name for name in _NEEDED if not hasattr(stf, name)]
    if version not in SUPPORTED or missing:
        raise IncompatibleComponent(
            f"streamlit-folium {version} is not supported (supported: "
            f"{', '.join(sorted(SUPPORTED))}; missing helpers: {', '.join(missing) or 'none'}); "
            "pin the supported release or update ui/folium_adapter.py")
    return version


@dataclass(frozen=True, slots=True)
class RenderedMap:
    """The strings streamlit-folium's front end needs for a base map."""

    script: str
    header: str
    html: str
    map_id: str


def render_map(fmap: folium.Map) -> RenderedMap:
    """Render a folium map to the component's strings (call once and cache)."""
    check_compatible()
    fmap.get_root().render()
    fmap.render()  # type: ignore[no-untyped-call]
    return RenderedMap(stf._get_map_string(fmap), stf._get_header(fmap), stf._get_html(fmap),
                       stf.get_full_id(fmap))


def feature_group_script(group: folium.FeatureGroup) -> str:
    """The script that adds ``group`` to the component's map."""
    check_compatible()
    return str(stf._get_feature_group_string(group, map=folium.Map(tiles=None)))


def show(base: RenderedMap, *, key: str, feature_group: str, returned: Sequence[str],
         height: int, css_links: Sequence[str], js_links: Sequence[str]) -> dict[str, Any]:
    """Draw the component; only the ``returned`` events rerun the app. Returns its state."""
    check_compatible()
    args: Mapping[str, Any] = {
        "script": base.script, "header": base.header, "html": base.html, "id": base.map_id,
        "key": stf.generate_js_hash(base.script, key, False), "height": height, "width": None,
        "returned_objects": list(returned), "default": {name: None for name in returned},
        "zoom": None, "center": None, "feature_group": feature_group, "return_on_hover": False,
        "layer_control": None, "pixelated": False, "css_links": list(css_links),
        "js_links": list(js_links), "wrap_longitude": False}
    assert tuple(args) == _COMPONENT_ARGS
    return dict(stf._component_func(**args) or {})

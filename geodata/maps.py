"""Folium map builders for parks and the spatial layers (no Streamlit imports).

Everything user-supplied that reaches the map (park names, reasons, legend labels) goes through
:func:`escape_text`, so a name like ``<img src=x onerror=alert(1)>`` renders as text. With
Leaflet and every plugin always load from the app's own static folder (Streamlit's
``enableStaticServing`` serves ``static/`` at ``/app/static``); with ``offline=True`` the shipped
Natural Earth country layer also replaces the web tiles. Maps are built per call; no folium
class attribute is ever changed, so concurrent users of one server cannot affect each other.
"""

from __future__ import annotations

import html
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import folium
import numpy as np
import pandas as pd
from branca.element import MacroElement
from folium.plugins import Draw, FastMarkerCluster
from jinja2 import Template

from geodata.palettes import colormap, table, to_hex

if TYPE_CHECKING:
    import geopandas as gpd

STATIC_PREFIX: Final[str] = "/app/static"
COORD_DECIMALS: Final[int] = 5
"""Decimals of a degree kept on the map: 1e-5° is about 1.1 m of latitude."""
FAIL_COLOR: Final[str] = "#9e9e9e"
UNDECIDED_COLOR: Final[str] = "#e65100"
"""Outline of a park whose must-haves are undecided (an unknown fact decides them)."""
MISSING_COLOR: Final[str] = "#d0d0d0"
DEFAULT_COLOR: Final[str] = "#1f77b4"
LAYER_COLORS: Final[Mapping[str, str]] = {
    "ports": "#1565c0", "airports": "#6a1b9a", "raw_materials": "#ef6c00",
    "customers": "#2e7d32", "universities": "#c2185b", "population": "#795548",
}
_CATEGORY_PALETTE: Final[str] = "tab10"


@dataclass(frozen=True, slots=True)
class Assets:
    """Where a map loads Leaflet and its plugins from (one immutable object per mode)."""

    leaflet_js: str
    leaflet_css: str
    jquery_js: str
    markercluster_js: str
    markercluster_css: tuple[str, str]
    draw_js: str
    draw_css: str


def local_assets(prefix: str = STATIC_PREFIX) -> Assets:
    """Asset URLs under the app's own static path (see ``static/README.md``)."""
    p = prefix.rstrip("/")
    return Assets(
        leaflet_js=f"{p}/leaflet@1.9.3/leaflet.js",
        leaflet_css=f"{p}/leaflet@1.9.3/leaflet.css",
        jquery_js=f"{p}/jquery@3.7.1/jquery.min.js",
        markercluster_js=f"{p}/leaflet.markercluster@1.1.0/leaflet.markercluster.js",
        markercluster_css=(f"{p}/leaflet.markercluster@1.1.0/MarkerCluster.css",
                           f"{p}/leaflet.markercluster@1.1.0/MarkerCluster.Default.css"),
        draw_js=f"{p}/leaflet-draw@1.0.2/leaflet.draw.js",
        draw_css=f"{p}/leaflet-draw@1.0.2/leaflet.draw.css",
    )


def escape_text(value: object) -> str:
    """HTML-escape ``value`` for folium tooltips/popups, which sit in JS template literals.

    Besides ``& < > " '`` this escapes the backtick, ``$`` and the backslash, so the text can
    neither close the template literal nor start a ``${...}`` substitution.
    """
    text = html.escape(str(value), quote=True)
    return text.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


# --- the words on the map ---------------------------------------------------------------------


def _english_number(value: float) -> str:
    return f"{value:,.4g}"


@dataclass(frozen=True, slots=True)
class MapText:
    """Every word the map shows, in one language (English by default; the UI passes its own).

    Attributes
    ----------
    fails
        Prefix of a failing park's reason in its tooltip.
    fails_default
        A failing park's reason when none is given, and the legend entry of the grey parks.
    unknown
        A missing value in a tooltip.
    number
        Formats a number in a tooltip (the language's decimal separator).
    layers
        Overlay layer name -> its title in the layer control (default: the registry's title).
    detail
        ``(layer, column) -> label`` of an overlay tooltip's detail line (default: the column).
    values
        ``(layer, column, value) -> text`` of a detail value, or ``None`` to show it as given.
    draw
        Leaflet.draw's texts (``L.drawLocal``, merged into the defaults), or ``None`` for
        Leaflet.draw's own English.
    parks
        Name of the parks layer.
    zoom_in, zoom_out
        Tooltips of the zoom buttons.
    """

    fails: str = "Fails"
    fails_default: str = "fails a requirement"
    unknown: str = "unknown"
    number: Callable[[float], str] = _english_number
    layers: Mapping[str, str] = field(default_factory=dict)
    detail: Callable[[str, str], str] | None = None
    values: Callable[[str, str, object], str | None] | None = None
    draw: Mapping[str, Any] | None = None
    parks: str = "Parks"
    zoom_in: str = "Zoom in"
    zoom_out: str = "Zoom out"


ENGLISH: Final = MapText()


# --- colours ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Legend:
    """What the legend shows: a gradient (numeric) or swatches (categories)."""

    title: str
    kind: str  # "numeric" | "categorical" | "none"
    stops: tuple[tuple[str, str], ...]  # (label, colour)


def value_colors(values: pd.Series, *, cmap: str = "viridis", title: str = "",
                 number: Callable[[float], str] | None = None) -> tuple[pd.Series, Legend]:
    """Colour per value: a continuous colormap for numbers, a palette for categories.

    Parameters
    ----------
    values
        One value per park (NaN/None → grey).
    cmap
        Matplotlib colormap name for numeric values.
    title
        Legend title.
    number
        Writes the legend's numbers (default ``f"{v:.4g}"``; the UI passes its locale's).

    Returns
    -------
    tuple
        Hex colours indexed like ``values``, and the :class:`Legend` describing them.
    """
    numeric = pd.to_numeric(values, errors="coerce")
    if values.notna().any() and numeric.notna().sum() == values.notna().sum() \
            and not pd.api.types.is_bool_dtype(values):
        return _numeric_colors(numeric.astype(float), cmap=cmap, title=title,
                               number=number or (lambda v: f"{v:.4g}"))
    return _category_colors(values, title=title)


def _numeric_colors(values: pd.Series, *, cmap: str, title: str,
                    number: Callable[[float], str]) -> tuple[pd.Series, Legend]:
    lo, hi = float(values.min()), float(values.max())
    span = hi - lo if hi > lo else 1.0
    scale = colormap(cmap)
    raw = values.to_numpy(dtype=float)
    rgba = scale(np.nan_to_num((raw - lo) / span))  # vectorised: one colormap call
    rgb = np.round(np.asarray(rgba)[:, :3] * 255).astype(int)
    palette = {}
    colors = []
    for v, (r, g, b) in zip(raw, rgb.tolist(), strict=True):
        if np.isnan(v):
            colors.append(MISSING_COLOR)
            continue
        key = (r, g, b)
        if key not in palette:
            palette[key] = f"#{r:02x}{g:02x}{b:02x}"
        colors.append(palette[key])
    stops = tuple((number(lo + span * t), to_hex(scale(t))) for t in (0.0, 0.25, 0.5, 0.75, 1.0))
    return pd.Series(colors, index=values.index), Legend(title, "numeric", stops)


def _category_colors(values: pd.Series, *, title: str) -> tuple[pd.Series, Legend]:
    categories = sorted({str(v) for v in values if pd.notna(v)})
    palette = table(_CATEGORY_PALETTE)
    lookup = {c: palette[i % len(palette)] for i, c in enumerate(categories)}
    colors = [lookup[str(v)] if pd.notna(v) else MISSING_COLOR for v in values]
    return pd.Series(colors, index=values.index), Legend(title, "categorical",
                                                         tuple(lookup.items()))


class _LegendControl(MacroElement):
    """A static HTML legend (no d3 or other CDN script, unlike branca's colormap legend)."""

    _template = Template("""
        {% macro html(this, kwargs) %}
        <div style="position: fixed; bottom: 24px; left: 12px; z-index: 9999; background: white;
                    padding: 6px 8px; border-radius: 4px; font: 12px sans-serif;
                    box-shadow: 0 0 4px rgba(0,0,0,.3); max-width: 260px;">
          {{ this.body }}
        </div>
        {% endmacro %}
    """)

    def __init__(self, body: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # folium is untyped
        self._name = "Legend"
        self.body = body


UNDECIDED_LABEL: Final[str] = "orange outline: must-haves undecided"
"""The default legend text of the undecided outline (a dashboard passes its own language's)."""


def legend_html(legend: Legend, *, failing: bool = False, undecided: str | None = None,
                text: MapText = ENGLISH) -> str:
    """Escaped HTML body of a legend (title, gradient or swatches, grey = fails, and with
    ``undecided`` (its label) a ring in :data:`UNDECIDED_COLOR`: must-haves undecided)."""
    parts = [f"<b>{escape_text(legend.title)}</b><br>"] if legend.title else []
    if legend.kind == "numeric":
        gradient = ", ".join(color for _, color in legend.stops)
        parts.append(f'<div style="height:10px;width:200px;background:linear-gradient(to right, '
                     f'{gradient});"></div>')
        parts.append(f'<span>{escape_text(legend.stops[0][0])}</span>'
                     f'<span style="float:right">{escape_text(legend.stops[-1][0])}</span><br>')
    elif legend.kind == "categorical":
        parts.extend(_swatch(color, label) for label, color in legend.stops)
    if failing:
        parts.append(_swatch(FAIL_COLOR, text.fails_default))
    if undecided:
        parts.append(undecided_swatch(undecided))
    return "".join(parts)


def undecided_swatch(label: str) -> str:
    """One legend line: an orange ring (the undecided outline) and its escaped label."""
    return (f'<i style="display:inline-block;width:8px;height:8px;border-radius:6px;'
            f'border:3px solid {UNDECIDED_COLOR};margin-right:4px"></i>'
            f"{escape_text(label)}<br>")


def _swatch(color: str, label: str) -> str:
    return (f'<i style="display:inline-block;width:10px;height:10px;border-radius:5px;'
            f'background:{color};margin-right:4px"></i>{escape_text(label)}<br>')


# --- the map ----------------------------------------------------------------------------------


def new_map(*, offline: bool = False, static_prefix: str = STATIC_PREFIX,
            center: tuple[float, float] = (62.0, 20.0), zoom: int = 4,
            text: MapText = ENGLISH) -> folium.Map:
    """An empty canvas-rendered map with local Leaflet; offline: no web tiles.

    Parameters
    ----------
    offline
        Use no web tiles (Leaflet always loads from ``static_prefix``).
    static_prefix
        URL path where ``static/`` is served.
    center, zoom
        Initial view.
    text
        The zoom buttons' tooltips (:class:`MapText`).

    Returns
    -------
    folium.Map
        A new map; only its own instance attributes are set.
    """
    m = folium.Map(location=list(center), zoom_start=zoom, prefer_canvas=True, max_zoom=18,
                   tiles=None if offline else "OpenStreetMap", control_scale=True,
                   zoom_control=False)
    _ZoomControl(text.zoom_in, text.zoom_out).add_to(m)
    m.options["max_zoom"] = 18  # on the map itself: marker clustering needs it without tiles
    # Scripts always come from the app itself (corporate networks block CDNs); only the web
    # tiles depend on ``offline``. Instance attributes shadow the class defaults (jQuery is
    # needed by folium popups).
    assets = local_assets(static_prefix)
    m.default_js = [("leaflet", assets.leaflet_js), ("jquery", assets.jquery_js)]
    m.default_css = [("leaflet_css", assets.leaflet_css)]
    return m


OUTLINE_PANE: Final = "parkbench-outlines"
"""The Leaflet pane of the country outlines under the web tiles (online maps)."""


class _Outlines(folium.GeoJson):
    """Country outlines whose bounds are not recomputed vertex by vertex on every render."""

    def __init__(self, data: Any, *, bounds: list[list[float | None]], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self._fixed_bounds = bounds

    def _get_self_bounds(self) -> list[list[float | None]]:
        return self._fixed_bounds


def add_countries(m: folium.Map, countries: gpd.GeoDataFrame, *, basemap: bool) -> None:
    """Add the country outlines, the basemap that needs no internet.

    Offline (``basemap``) they are the only basemap. Online they lie in their own pane *under*
    the web tiles (z-index 150 < the tile pane's 200): where tiles load they cover the
    outlines, and where they cannot (no internet, a blocked tile server) the map still shows
    the countries instead of a grey box.
    """
    europe = countries.cx[-32:60, 27:82]
    data = json.loads(europe[["name", "geometry"]].to_json(drop_id=True))
    style = {"fillColor": "#f2efe9", "color": "#9e9e9e", "weight": 1, "fillOpacity": 1.0}
    options: dict[str, Any] = {}
    if not basemap:
        folium.map.CustomPane(OUTLINE_PANE, z_index=150, pointer_events=False).add_to(m)
        options["pane"] = OUTLINE_PANE
    minx, miny, maxx, maxy = (float(v) for v in europe.total_bounds)
    _Outlines(data, bounds=[[miny, minx], [maxy, maxx]], name="Countries (Natural Earth)",
              style_function=lambda _f: style, show=True, control=False,
              smooth_factor=1.0, **options).add_to(m)


def build_park_map(parks: pd.DataFrame, *, color_by: str | pd.Series | None = None,
                   passed: pd.Series | None = None, reasons: pd.Series | None = None,
                   overlays: Mapping[str, gpd.GeoDataFrame] | None = None,
                   countries: gpd.GeoDataFrame | None = None, offline: bool = False,
                   static_prefix: str = STATIC_PREFIX, cluster_threshold: int = 500,
                   draw: bool = False, cmap: str = "viridis", legend_title: str | None = None,
                   name_column: str = "name", notes: pd.Series | None = None,
                   undecided_label: str = UNDECIDED_LABEL, text: MapText = ENGLISH,
                   ) -> folium.Map:
    """A folium map of the parks, coloured by a value, with toggleable layers and a legend.

    Parameters
    ----------
    parks
        Parks layer (EPSG:4326) with a ``name_column``.
    color_by
        Column name or a Series aligned with ``parks.index`` (numbers → colormap, otherwise
        categories). ``None`` draws every park in one colour.
    passed
        Boolean per park; ``False`` draws the park grey with its reason in the tooltip.
    reasons
        Text per park explaining a failure.
    overlays
        Extra point layers by registry name (e.g. ``ports``), each a toggleable group.
    countries
        The ``countries`` layer; required for ``offline=True`` (it is the basemap), otherwise
        added as a hidden fallback overlay.
    offline
        Serve Leaflet and plugins from ``static_prefix`` and draw no web tiles.
    static_prefix
        URL path of the app's static folder.
    cluster_threshold
        From this many parks on, draw them with ``FastMarkerCluster`` (circle markers).
    draw
        Add the Draw toolbar (polygon, rectangle, circle) for areas of interest.
    cmap
        Matplotlib colormap for numeric values.
    legend_title
        Legend title (default: the column name).
    name_column
        Column holding the display name.
    notes
        Park index -> tooltip line of the parks whose must-haves are undecided (drawn with a
        thick orange outline, see :func:`park_layer`).
    undecided_label
        The legend entry of that outline (shown when some park has a note).
    text
        The map's words in the reader's language (:class:`MapText`).

    Returns
    -------
    folium.Map
        A new map; render it with :func:`map_html`.
    """
    m = build_base_map(overlays=overlays, countries=countries, offline=offline,
                       static_prefix=static_prefix, draw=draw, view=_view(parks), text=text)
    group, legend, failing = park_layer(
        parks, color_by=color_by, passed=passed, reasons=reasons, cmap=cmap,
        legend_title=legend_title, name_column=name_column, static_prefix=static_prefix,
        cluster_threshold=cluster_threshold, notes=notes, text=text)
    group.add_to(m)
    undecided = undecided_label if has_notes(notes) else None
    if legend.kind != "none" or failing or undecided:
        m.get_root().add_child(_LegendControl(legend_html(legend, failing=failing,
                                                          undecided=undecided, text=text)))
    folium.LayerControl(collapsed=True).add_to(m)
    return m


def build_base_map(*, overlays: Mapping[str, gpd.GeoDataFrame] | None = None,
                   countries: gpd.GeoDataFrame | None = None, offline: bool = False,
                   static_prefix: str = STATIC_PREFIX, draw: bool = False,
                   view: Mapping[str, Any] | None = None, text: MapText = ENGLISH) -> folium.Map:
    """The part of the park map that does not depend on a scenario.

    Countries, overlay layers and the draw toolbar; a dashboard renders this once and adds
    the parks as a separate layer (see :func:`park_layer`), so a scenario change redraws only
    the parks.
    """
    if offline and countries is None:
        raise ValueError("offline maps need the countries layer as their basemap")
    m = new_map(offline=offline, static_prefix=static_prefix, text=text,
                **dict(view or {"center": (60.0, 15.0), "zoom": 4}))
    if countries is not None:
        add_countries(m, countries, basemap=offline)
    for name, layer in (overlays or {}).items():
        _overlay(name, layer, text).add_to(m)
    if draw:
        if text.draw is not None:
            _DrawLocal(text.draw).add_to(m)  # before the control, which reads L.drawLocal
        _draw_control(static_prefix=static_prefix).add_to(m)
    return m


def park_layer(parks: pd.DataFrame, *, color_by: str | pd.Series | None = None,
               passed: pd.Series | None = None, reasons: pd.Series | None = None,
               cmap: str = "viridis", legend_title: str | None = None,
               name_column: str = "name", static_prefix: str = STATIC_PREFIX,
               cluster_threshold: int = 500, notes: pd.Series | None = None,
               text: MapText = ENGLISH) -> tuple[folium.FeatureGroup, Legend, bool]:
    """The parks as one feature group, with the legend that explains its colours.

    ``parks`` is a GeoDataFrame of points or a DataFrame with ``lat`` and ``lon`` columns.
    ``notes`` (park index -> text) marks the parks whose must-haves are undecided: they get a
    thick orange outline (:data:`UNDECIDED_COLOR`) and the note as an extra tooltip line.

    Returns
    -------
    group, legend, failing
        The layer, its legend, and whether any park is drawn grey for failing.
    """
    values = parks[color_by] if isinstance(color_by, str) else color_by
    title = legend_title if legend_title is not None else (color_by if isinstance(color_by, str)
                                                           else "")
    if values is not None:
        colors, legend = value_colors(values.reindex(parks.index), cmap=cmap, title=title,
                                      number=None if text is ENGLISH else text.number)
    else:
        colors = pd.Series(DEFAULT_COLOR, index=parks.index)
        legend = Legend(title, "none", ())
    ok = (passed.reindex(parks.index).fillna(True).astype(bool) if passed is not None
          else pd.Series(True, index=parks.index))
    colors = colors.where(ok, FAIL_COLOR)
    tips = _park_tooltips(parks, values, ok, reasons, name_column=name_column, title=title,
                          text=text)
    marked = (notes.reindex(parks.index) if notes is not None
              else pd.Series(None, parks.index, dtype=object))
    undecided = marked.map(lambda n: isinstance(n, str) and bool(n))
    tips = [f"{tip}<br><i>{escape_text(str(n))}</i>" if u else tip
            for tip, n, u in zip(tips, marked.tolist(), undecided.tolist(), strict=True)]
    group = folium.FeatureGroup(name=text.parks, show=True)
    if len(parks) >= cluster_threshold:
        _add_cluster(group, parks, colors, tips, static_prefix=static_prefix, name=text.parks)
    else:
        _add_circles(group, parks, colors, tips, ok, undecided, name=text.parks)
    return group, legend, not bool(ok.all())


AOI_STYLE = {"color": "#c2185b", "weight": 2, "fillColor": "#c2185b", "fillOpacity": 0.08,
             "dashArray": "6 4"}
"""The kept area of interest when the draw toolbar is off: dashed, so it reads as a filter."""


def add_area_of_interest(group: folium.FeatureGroup, drawings: Sequence[Mapping[str, Any]], *,
                         name: str = "Area of interest") -> None:
    """Show the kept area-of-interest shapes (GeoJSON features) on ``group``, not clickable.

    With drawing switched off the draw layer is gone, but the shapes still filter the table:
    this layer keeps them visible so the filter never acts unseen.
    """
    shapes: list[dict[str, Any]] = []
    for drawing in drawings:
        geometry = drawing.get("geometry") if isinstance(drawing, Mapping) else None
        if not isinstance(geometry, Mapping):
            continue
        circle = _circle(drawing, geometry)
        if circle is not None:
            folium.Circle(circle[0], radius=circle[1], interactive=False,
                          **_leaflet_style(AOI_STYLE)).add_to(group)
        elif geometry.get("type") in ("Polygon", "MultiPolygon"):
            shapes.append({"type": "Feature", "properties": {}, "geometry": dict(geometry)})
    if shapes:
        folium.GeoJson({"type": "FeatureCollection", "features": shapes}, name=name,
                       style_function=lambda _f: AOI_STYLE, interactive=False,
                       control=False).add_to(group)


def _circle(drawing: Mapping[str, Any], geometry: Mapping[str, Any]
            ) -> tuple[tuple[float, float], float] | None:
    """Leaflet.draw's circle (a Point with ``properties.radius`` in metres) as centre, radius."""
    properties = drawing.get("properties")
    radius = properties.get("radius") if isinstance(properties, Mapping) else None
    coords = geometry.get("coordinates")
    if (geometry.get("type") != "Point" or not isinstance(radius, int | float)
            or not isinstance(coords, Sequence) or len(coords) < 2):
        return None
    try:  # the shapes come from the browser: never let a malformed one break the map
        lon, lat = float(coords[0]), float(coords[1])
    except (TypeError, ValueError):
        return None
    if not all(np.isfinite([lat, lon, float(radius)])):
        return None
    return (lat, lon), float(radius)


def _leaflet_style(style: Mapping[str, Any]) -> dict[str, Any]:
    """GeoJSON style keys as folium path keyword arguments (``fillColor`` -> ``fill_color``)."""
    names = {"color": "color", "weight": "weight", "fillColor": "fill_color",
             "fillOpacity": "fill_opacity", "dashArray": "dash_array"}
    return {names[k]: v for k, v in style.items()} | {"fill": True}


def has_notes(notes: pd.Series | None) -> bool:
    """Whether any park is marked undecided (a non-empty note), i.e. the legend needs the
    orange outline."""
    return notes is not None and any(isinstance(n, str) and bool(n) for n in notes.tolist())


def _latlon(layer: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The points of a layer: a GeoDataFrame's geometry (:func:`geodata.measures.latlon`), or
    the ``lat`` and ``lon`` columns (degrees, EPSG:4326) of a plain DataFrame such as
    :meth:`sites.catalog.Catalog.to_frame`, which needs neither geopandas nor pyproj."""
    geopandas = sys.modules.get("geopandas")  # not loaded: the layer is no GeoDataFrame
    if geopandas is not None and isinstance(layer, geopandas.GeoDataFrame):
        from geodata.measures import latlon

        return latlon(layer)
    return layer["lat"].to_numpy(np.float64), layer["lon"].to_numpy(np.float64)


def _view(parks: pd.DataFrame) -> dict[str, Any]:
    if parks.empty:
        return {"center": (62.0, 20.0), "zoom": 4}
    lat, lon = _latlon(parks)
    return {"center": (round(float(np.mean(lat)), 3), round(float(np.mean(lon)), 3)), "zoom": 4}


def _park_tooltips(parks: pd.DataFrame, values: pd.Series | None, ok: pd.Series,
                   reasons: pd.Series | None, *, name_column: str, title: str,
                   text: MapText = ENGLISH) -> list[str]:
    names = (parks[name_column] if name_column in parks
             else pd.Series(parks.index, parks.index)).tolist()
    why = (reasons.reindex(parks.index) if reasons is not None
           else pd.Series(None, parks.index, dtype=object)).tolist()
    shown = values.reindex(parks.index).tolist() if values is not None else None
    label = escape_text(title or "value")
    tips = []
    for i, passes in enumerate(ok.tolist()):
        lines = [f"<b>{escape_text(names[i])}</b>"]
        if shown is not None:
            lines.append(f"{label}: {escape_text(_fmt(shown[i], text))}")
        if not passes:
            reason = why[i] if isinstance(why[i], str) and why[i] else text.fails_default
            lines.append(f"<i>{escape_text(text.fails)}: {escape_text(reason)}</i>")
        tips.append("<br>".join(lines))
    return tips


def _fmt(value: object, text: MapText = ENGLISH) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return text.unknown
    if isinstance(value, float | np.floating) or (
            isinstance(value, int | np.integer) and not isinstance(value, bool)):
        return text.number(float(value))
    return str(value)


def _rounded(layer: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    lat, lon = _latlon(layer)
    return np.round(lat, COORD_DECIMALS), np.round(lon, COORD_DECIMALS)


def _point_layer(lat: np.ndarray, lon: np.ndarray, *, tips: Sequence[str],
                 styles: Sequence[Mapping[str, Any]], name: str, radius: float) -> folium.GeoJson:
    """One GeoJSON layer of circle markers: a single map element however many points.

    ``tips`` must already be safe HTML (built with :func:`escape_text`): folium's GeoJSON
    tooltip inserts the property as HTML.
    """
    features = [{"type": "Feature",
                 "geometry": {"type": "Point", "coordinates": [float(x), float(y)]},
                 "properties": {"tip": tip, "style": dict(style)}}
                for y, x, tip, style in zip(lat, lon, tips, styles, strict=True)]
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features}, name=name,
        marker=folium.CircleMarker(radius=radius, fill=True),
        style_function=_feature_style,
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=False),
        highlight_function=None, smooth_factor=1.0)


def _feature_style(feature: Mapping[str, Any]) -> Mapping[str, Any]:
    return dict(feature["properties"]["style"])


def _add_circles(group: folium.FeatureGroup, parks: pd.DataFrame, colors: pd.Series,
                 tips: Sequence[str], ok: pd.Series, undecided: pd.Series, *,
                 name: str = "Parks") -> None:
    lat, lon = _rounded(parks)
    styles = [{"radius": 8 if ok[idx] else 6,
               "color": UNDECIDED_COLOR if undecided[idx] else "#333333" if ok[idx]
               else FAIL_COLOR, "weight": 3 if undecided[idx] else 1,
               "fillColor": colors[idx], "fillOpacity": 0.9 if ok[idx] else 0.5}
              for idx in parks.index]
    _point_layer(lat, lon, tips=tips, styles=styles, name=name, radius=8).add_to(group)


_CIRCLE_CALLBACK: Final[str] = """function (row) {
    var marker = L.circleMarker(new L.LatLng(row[0], row[1]),
        {radius: 6, color: '#333333', weight: 1, fillColor: row[2], fillOpacity: 0.85});
    marker.bindTooltip(row[3]);
    return marker;
}"""


def _add_cluster(group: folium.FeatureGroup, parks: pd.DataFrame, colors: pd.Series,
                 tips: Sequence[str], *, static_prefix: str, name: str = "Parks") -> None:
    lat, lon = _rounded(parks)
    data = [[float(a), float(b), c, t] for a, b, c, t in zip(lat, lon, colors, tips, strict=True)]
    cluster = FastMarkerCluster(  # type: ignore[no-untyped-call]  # folium is untyped
        data, callback=_CIRCLE_CALLBACK, name=name,
        options={"disableClusteringAtZoom": 12})
    assets = local_assets(static_prefix)
    cluster.default_js = [("markerclusterjs", assets.markercluster_js)]
    cluster.default_css = [("markerclustercss", assets.markercluster_css[0]),
                           ("markerclusterdefaultcss", assets.markercluster_css[1])]
    cluster.add_to(group)


def _overlay(name: str, layer: gpd.GeoDataFrame, text: MapText = ENGLISH
             ) -> folium.FeatureGroup:
    from geodata.layers import LAYERS  # registry titles

    title = text.layers.get(name) or (LAYERS[name].title if name in LAYERS else name)
    group = folium.FeatureGroup(name=title, show=False)
    color = LAYER_COLORS.get(name, "#455a64")
    lat, lon = _rounded(layer)
    names = layer["name"] if "name" in layer else pd.Series(layer.index, index=layer.index)
    details = _overlay_details(name, layer, text)
    tips = [f"<b>{escape_text(names[idx])}</b>" + (f"<br>{details[i]}" if details[i] else "")
            for i, idx in enumerate(layer.index)]
    style = {"color": color, "weight": 1, "fillColor": color, "fillOpacity": 0.8}
    _point_layer(lat, lon, tips=tips, styles=[style] * len(tips), name=title,
                 radius=5).add_to(group)
    return group


_DETAIL_COLUMNS: Final[Mapping[str, tuple[str, ...]]] = {
    "ports": ("max_draught_m", "draught_status"), "airports": ("iata",),
    "raw_materials": ("type", "material", "status"), "customers": ("type", "status"),
    "universities": ("fields",), "population": ("population",),
}


def _overlay_details(name: str, layer: gpd.GeoDataFrame, text: MapText = ENGLISH
                     ) -> list[str]:
    columns = [c for c in _DETAIL_COLUMNS.get(name, ()) if c in layer.columns]
    labels = {c: text.detail(name, c) if text.detail else c for c in columns}

    def value(column: str, raw: object) -> str:
        missing = raw is None or (isinstance(raw, float) and np.isnan(raw))
        shown = text.values(name, column, raw) if text.values and not missing else None
        return shown if shown is not None else _fmt(raw, text)

    return ["; ".join(f"{escape_text(labels[c])}: {escape_text(value(c, row[c]))}"
                      for c in columns) for _, row in layer.iterrows()]


class _ZoomControl(MacroElement):
    """Leaflet's zoom buttons with tooltips in the reader's language."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.control.zoom({{ this.options }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, zoom_in: str, zoom_out: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # folium is untyped
        self._name = "ZoomControl"
        self.options = json.dumps({"position": "topleft", "zoomInTitle": zoom_in,
                                   "zoomOutTitle": zoom_out}, ensure_ascii=True
                                  ).replace("</", "<\\/")


class _DrawLocal(MacroElement):
    """Leaflet.draw's texts in the reader's language, merged into ``L.drawLocal``."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var parkbenchDrawLocal = {{ this.texts }};
        (function merge(target, source) {
            for (var key in source) {
                if (source[key] !== null && typeof source[key] === "object") {
                    target[key] = target[key] || {};
                    merge(target[key], source[key]);
                } else {
                    target[key] = source[key];
                }
            }
        })(L.drawLocal, parkbenchDrawLocal);
        {% endmacro %}
    """)

    def __init__(self, texts: Mapping[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # folium is untyped
        self._name = "DrawLocal"
        self.texts = json.dumps(texts, ensure_ascii=True).replace("</", "<\\/")


def _draw_control(*, static_prefix: str) -> Draw:
    draw = Draw(export=False, draw_options={  # type: ignore[no-untyped-call]  # untyped
        "polyline": False, "marker": False, "circlemarker": False}, edit_options={"edit": False})
    assets = local_assets(static_prefix)
    draw.default_js = [("leaflet_draw_js", assets.draw_js)]
    draw.default_css = [("leaflet_draw_css", assets.draw_css)]
    return draw


def map_html(m: folium.Map) -> str:
    """The complete standalone HTML page of a map (for tests, reports and downloads)."""
    return str(m.get_root().render())


__all__ = [
    "Assets",
    "Legend",
    "MapText",
    "add_countries",
    "build_base_map",
    "build_park_map",
    "escape_text",
    "has_notes",
    "legend_html",
    "local_assets",
    "map_html",
    "new_map",
    "park_layer",
    "undecided_swatch",
    "value_colors",
]

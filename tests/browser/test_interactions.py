"""Interaction fixes of issue 13 in the real app: the drawn area of interest and the downloads.

* A rectangle drawn with the Leaflet.draw toolbar on the Find map filters the ranking table in
  the rerun the drawing causes (the map used to sit in a fragment, so only the map reran and the
  table waited for an unrelated rerun); "Clear area" brings every park back and removes the
  shape while drawing is still on (the old map kept reporting its drawing, which was stored
  again at once).
* Two downloads clicked 0.1-0.3 s apart both arrive (a click used to rerun the app, which gave
  every other download button a new file id and dropped the one the browser still held:
  "Deferred file ... not found" on the server, nothing in the browser).
"""

from __future__ import annotations

import pytest

from geodata.aoi import within_drawings
from sites.catalog import load_catalog

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# corners in open country/sea (no park marker under the mouse); inside: GigaVaasa, Kokkola,
# Pietarsaari and Kaustinen
NORTH_WEST, SOUTH_EAST = (64.1, 20.3), (62.85, 24.4)
INSIDE = {"gigavaasa", "kokkola-kip", "pietarsaari-alholma", "kaustinen-keliber-paivaneva"}
DRAWN = """draw => {
    if (!window.map || !window.L) { return false; }
    if (draw !== !!document.querySelector('.leaflet-draw-draw-rectangle')) { return false; }
    let n = 0;
    window.map.eachLayer(l => { if (l instanceof L.CircleMarker && l.feature) { n += 1; } });
    return n > 0;
}"""
SHAPES = "() => { let n = 0; window.map.eachLayer(l => { if (l instanceof L.Rectangle) n++; }); " \
         "return n; }"


def _map_frame(page, *, draw: bool = False):
    """The map's frame once Leaflet has drawn the parks (and the draw toolbar when ``draw``);
    the component is replaced when drawing is switched on and after "Clear area"."""
    for _ in range(120):
        handle = page.query_selector(MAP_FRAME)
        frame = handle.content_frame() if handle is not None else None
        try:
            if frame is not None and frame.evaluate(DRAWN, draw):
                return frame
        except Exception:  # the frame navigated or was replaced while we asked
            pass
        page.wait_for_timeout(500)
    pytest.fail("the map never drew its parks")


def _table_rows(page) -> int:
    grid = page.locator('[data-testid="stDataFrame"] [aria-rowcount]').first
    grid.wait_for(state="attached", timeout=60_000)
    return int(grid.get_attribute("aria-rowcount") or 0) - 1


def _rows_become(page, rows: int) -> None:
    page.wait_for_function(
        "n => { const g = document.querySelector('[data-testid=\"stDataFrame\"] "
        "[aria-rowcount]'); return g && Number(g.getAttribute('aria-rowcount')) === n + 1; }",
        arg=rows, timeout=15_000)


def _idle(page) -> None:
    """No script run in progress (the layout no longer moves)."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                           timeout=30_000)
    page.wait_for_timeout(300)


def _draw_rectangle(page):
    """Switch drawing on and drag a rectangle from NORTH_WEST to SOUTH_EAST; returns the frame."""
    page.get_by_text("Draw an area of interest").click()
    frame = _map_frame(page, draw=True)
    _idle(page)
    frame.locator(".leaflet-draw-draw-rectangle").click()
    page.wait_for_timeout(300)
    _idle(page)  # the page may still lay out captions around the map: measure after that
    box = page.locator(MAP_FRAME).bounding_box()
    corners = [frame.evaluate("p => window.map.latLngToContainerPoint(p)", list(c))
               for c in (NORTH_WEST, SOUTH_EAST)]
    page.mouse.move(box["x"] + corners[0]["x"], box["y"] + corners[0]["y"])
    page.mouse.down()
    end = (box["x"] + corners[1]["x"], box["y"] + corners[1]["y"])
    page.mouse.move(*end, steps=8)
    page.wait_for_timeout(150)  # let Leaflet.draw take the last move before the button is up
    page.mouse.move(*end)
    page.mouse.up()
    return frame


def _open_find(page, server) -> int:
    page.goto(f"{server}/?lang=en", wait_until="domcontentloaded")
    page.wait_for_selector("text=Find sites", timeout=60_000)
    _map_frame(page)
    total = _table_rows(page)
    assert total >= 35
    return total


def test_drawn_area_filters_at_once_and_clear_restores(page_and_log, server):
    page, log = page_and_log
    total = _open_find(page, server)
    frame = _draw_rectangle(page)

    # no other interaction: the drawing's own rerun filters the table
    drawn = frame.evaluate("() => window.drawnItems.toGeoJSON().features")
    assert len(drawn) == 1 and drawn[0]["geometry"]["type"] == "Polygon"
    inside = set(within_drawings(load_catalog().to_geodataframe(), drawn)["id"])
    assert inside >= INSIDE and len(inside) < total  # the rectangle lies where it was drawn
    notice = page.get_by_text(f"Showing {len(inside)} of {total} parks inside the drawn area.")
    notice.wait_for(timeout=30_000)
    _rows_become(page, len(inside))
    _idle(page)  # and no park was chosen on the way (the mouse-up was not a park click)
    assert page.get_by_text("Choose a park on the map or in the table").count() == 1

    # drawing mode is still on: Clear removes the filter and the shape at once
    assert page.get_by_role("switch", name="Draw an area of interest").is_checked()
    page.get_by_role("button", name="Clear area").click()
    notice.wait_for(state="detached", timeout=30_000)
    _rows_become(page, total)
    assert _map_frame(page, draw=True).evaluate(SHAPES) == 0
    assert log.off_host == [], log.off_host


AOI_PATHS = ("() => { let n = 0; window.map.eachLayer(l => { if (l instanceof L.Polygon "
             "&& l.options.dashArray === '6 4') n++; }); return n; }")
"""The kept area's shapes on the map (the map draws on a canvas: count Leaflet layers)."""


def test_area_stays_visible_and_filtering_after_drawing_is_switched_off(page_and_log, server):
    page, log = page_and_log
    total = _open_find(page, server)
    _draw_rectangle(page)
    notice = page.get_by_text("parks inside the drawn area.")
    notice.wait_for(timeout=30_000)
    _idle(page)
    filtered = _table_rows(page)
    assert filtered < total

    page.get_by_text("Draw an area of interest").click()
    frame = _map_frame(page)  # the map without the draw toolbar
    _idle(page)
    assert notice.count() == 1 and _table_rows(page) == filtered  # still filtering
    frame.wait_for_function(f"() => ({AOI_PATHS})() === 1", timeout=30_000)  # the kept area
    page.get_by_role("button", name="Clear area").click()
    notice.wait_for(state="detached", timeout=30_000)
    _rows_become(page, total)
    frame = _map_frame(page)
    frame.wait_for_function(f"() => ({AOI_PATHS})() === 0", timeout=30_000)
    assert log.off_host == [], log.off_host


@pytest.mark.parametrize("gap_ms", [100, 300])
def test_two_quick_downloads_both_arrive(page_and_log, server, gap_ms):
    page, log = page_and_log
    page.goto(f"{server}/data?lang=en", wait_until="domcontentloaded")
    page.get_by_role("tab", name="Downloads").click(timeout=60_000)
    first = page.get_by_role("button", name="Facts (CSV)")
    second = page.get_by_role("button", name="Parks (GeoJSON)")
    second.wait_for(timeout=60_000)
    def named(name):
        return lambda download: download.suggested_filename == name

    with (page.expect_download(predicate=named("parkbench_facts.csv"), timeout=30_000) as csv_dl,
          page.expect_download(predicate=named("parkbench_parks.geojson"),
                               timeout=30_000) as geojson_dl):
        first.click()
        page.wait_for_timeout(gap_ms)
        second.click()
    assert csv_dl.value.failure() is None and geojson_dl.value.failure() is None
    assert "kokkola-kip" in csv_dl.value.path().read_text(encoding="utf-8")
    assert '"FeatureCollection"' in geojson_dl.value.path().read_text(encoding="utf-8")
    assert log.off_host == [], log.off_host

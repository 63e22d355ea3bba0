"""Offline map pages in the real system Chromium: drawn, no off-host request, no script run.

The page and ``static/`` are served by a local HTTP server at the paths Streamlit's static
serving uses (``/app/static``). Skipped without Chromium, except under CI (``CI`` set).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import geopandas as gpd
import numpy as np
import pytest

from geodata.layers import load_layer
from geodata.maps import build_park_map, map_html

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LOCAL = {"127.0.0.1", "localhost"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is required under CI")
        pytest.skip("system Chromium not installed")
    root = tmp_path_factory.mktemp("www")
    (root / "app").mkdir()
    (root / "app" / "static").symlink_to(ROOT / "static", target_is_directory=True)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()
    server.server_close()


def _open(site: tuple[str, Path], page_html: str, selector: str) -> tuple[list[str], list[str]]:
    """Load the page; return off-host/failed requests and any JS dialogs or page errors."""
    from playwright import sync_api  # a dev dependency: missing it must fail, not skip
    base, root = site
    (root / "map.html").write_text(page_html, encoding="utf-8")
    bad: list[str] = []
    events: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking"])
        page = browser.new_page()
        page.on("request", lambda r: bad.append(r.url)
                if urlparse(r.url).hostname not in LOCAL and not r.url.startswith("data:")
                else None)
        page.on("requestfailed", lambda r: bad.append(f"failed {r.url}"))
        page.on("dialog", lambda d: (events.append(f"dialog {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: events.append(f"error {e}"))
        page.goto(f"{base}/map.html")
        page.wait_for_selector(selector, timeout=15_000)
        page.mouse.move(10, 10)
        browser.close()
    return bad, events


def test_offline_park_map_draws_without_leaving_the_host(
        site: tuple[str, Path], parks: gpd.GeoDataFrame) -> None:
    overlays = {"ports": load_layer("ports")}
    page = map_html(build_park_map(parks, color_by="score", overlays=overlays,
                                   countries=load_layer("countries"), offline=True, draw=True))
    bad, events = _open(site, page, ".leaflet-interactive, canvas.leaflet-zoom-animated")
    assert bad == [] and events == []


def test_offline_clustered_map_draws(site: tuple[str, Path]) -> None:
    """SYNTHETIC catalog of 3,000 random points."""
    rng = np.random.default_rng(1)
    n = 3_000
    synthetic = gpd.GeoDataFrame(
        {"name": [f"synthetic site {i}" for i in range(n)], "v": rng.random(n)},
        geometry=gpd.points_from_xy(rng.uniform(5, 30, n), rng.uniform(45, 68, n)),
        crs="EPSG:4326")
    page = map_html(build_park_map(synthetic, color_by="v", countries=load_layer("countries"),
                                   offline=True, cluster_threshold=500))
    bad, events = _open(site, page, ".marker-cluster")
    assert bad == [] and events == []

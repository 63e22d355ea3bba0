"""First view in a real browser: parkbench against a bare Streamlit app (issue 13, item 1).

The bare app is the floor no Streamlit app can beat: a streamlit-folium map with the same number
of circle markers as the shipped catalog (Leaflet from the same local files, no tiles), a table
of the same length and one slider that changes the table. Both run offline
(``PARKBENCH_OFFLINE=1``: no web tiles; this machine has no internet), one after the other on
loopback, driven by the system Chromium through Playwright. Measured, median of ``--runs``:

* **cold**: server process start → the map has drawn every park (includes Python start-up,
  imports, the first script run and the browser's drawing). parkbench keeps derived data
  (workforce counts, the rendered base map) in ``ui.persist``'s folder across restarts; the bench
  gives it a new folder, so run 1 is a first start and later runs are restarts, and
  ``--fresh-cache`` empties it before every cold start;
* **visitor**: a new browser context on the warm server → map drawn;
* **rerun**: a weight slider moved one step (keyboard) → the table shows the new ranking.

The two apps alternate run by run, so that a change in the machine's load hits both. Targets:
cold and visitor within 1.3× the bare app, rerun within 1.5×. Not part of the test suite
(timings do not belong in tests).

    python bench/bench_first_view.py            # 4 runs each
    python bench/bench_first_view.py --runs 2
    python bench/bench_first_view.py --baseline /tmp/main   # also another checkout, interleaved
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHROMIUM = "/usr/bin/chromium"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TARGETS = {"cold": 1.3, "visitor": 1.3, "rerun": 1.5}
COUNT_MARKERS = """() => {
    if (!window.map || !window.L) { return 0; }
    let n = 0;
    window.map.eachLayer(l => { if (l instanceof L.CircleMarker) { n += 1; } });
    return n;
}"""
TABLE_TEXT = """() => {
    const grid = document.querySelector('[data-testid="stDataFrame"] table[role="grid"]');
    return grid ? grid.innerText : "";
}"""
BARE_APP = '''
"""SYNTHETIC floor for the first-view bench: a map of {n} markers, a table and a slider."""
import json

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

POINTS = json.loads(open({points!r}, encoding="utf-8").read())
st.set_page_config(layout="wide")
st.title("Bare app")
weight = st.sidebar.slider("Weight", 0, 10, 5)
m = folium.Map(location=[58, 15], zoom_start=4, tiles=None, prefer_canvas=True, max_zoom=18)
m.default_js = [("leaflet", "/app/static/leaflet@1.9.3/leaflet.js"),
                ("jquery", "/app/static/jquery@3.7.1/jquery.min.js")]
m.default_css = [("leaflet_css", "/app/static/leaflet@1.9.3/leaflet.css")]
for lat, lon, name in POINTS:
    folium.CircleMarker([lat, lon], radius=6, tooltip=name, fill=True).add_to(m)
st_folium(m, key="map", returned_objects=[], use_container_width=True, height=520)
scores = [((i * (weight + 3)) % 11) / 11 for i in range(len(POINTS))]
table = pd.DataFrame({{"park": [p[2] for p in POINTS], "score": scores}})
st.dataframe(table.sort_values("score", ascending=False), hide_index=True)
'''


@dataclass
class Timings:
    cold: list[float] = field(default_factory=list)
    visitor: list[float] = field(default_factory=list)
    rerun: list[float] = field(default_factory=list)
    server_cpu: dict[str, list[float]] = field(default_factory=lambda: {
        "cold": [], "visitor": [], "rerun": []})
    """CPU seconds the server process spent in each phase (less sensitive to other load)."""


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux ``/proc``; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(script: str, cwd: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--server.enableStaticServing", "true", "--browser.gatherUsageStats", "false"],
        cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc, f"http://127.0.0.1:{port}"


def _wait_healthy(url: str, *, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"server at {url} did not become healthy")


async def _until(check: Callable[[], Awaitable[bool]], *, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await check():
            return
        await _sleep(0.05)
    raise SystemExit("timed out waiting for the page")


async def _sleep(seconds: float) -> None:
    import asyncio

    await asyncio.sleep(seconds)


async def _markers(page: Any) -> int:
    handle = await page.query_selector(MAP_FRAME)
    frame = await handle.content_frame() if handle is not None else None
    if frame is None:
        return 0
    try:
        return int(await frame.evaluate(COUNT_MARKERS))
    except Exception:  # the frame navigates while the component loads
        return 0


async def _map_drawn(page: Any, url: str, markers: int) -> None:
    await page.goto(url, wait_until="commit")

    async def drawn() -> bool:
        return await _markers(page) >= markers

    await _until(drawn)


async def _table_text(page: Any) -> str:
    return str(await page.evaluate(TABLE_TEXT))


async def _rerun(page: Any, slider_label: str) -> float:
    """Seconds from one keyboard step on the slider to a changed table."""
    sidebar = page.locator('section[data-testid="stSidebar"]')
    slider = sidebar.locator("div[data-testid='stSlider']").filter(
        has_text=slider_label).get_by_role("slider").first
    await slider.wait_for(timeout=60_000)
    before = await _table_text(page)
    await slider.focus()
    start = time.perf_counter()
    await slider.press("ArrowRight")

    async def changed() -> bool:
        text = await _table_text(page)
        return bool(text) and text != before

    await _until(changed, seconds=30)
    return time.perf_counter() - start


@dataclass(frozen=True)
class App:
    name: str
    script: str
    cwd: Path
    env: dict[str, str]
    markers: int
    slider: str
    path: str = "/"
    prepare: Callable[[Any], Awaitable[None]] | None = None
    clear: Path | None = None
    """A folder emptied before every cold start (``--fresh-cache``)."""


async def _open_weights(page: Any) -> None:
    expander = page.locator('section[data-testid="stSidebar"]').get_by_text("Weights",
                                                                           exact=True)
    await expander.click()


async def measure(app: App, timings: Timings, *, browser: Any) -> None:
    """One run of ``app``: a cold start, a new visitor and a rerun, appended to ``timings``."""
    if app.clear is not None:
        shutil.rmtree(app.clear, ignore_errors=True)
    start = time.perf_counter()
    proc, url = _start(app.script, app.cwd, app.env)
    try:
        _wait_healthy(url)
        context = await browser.new_context(viewport={"width": 1366, "height": 900})
        page = await context.new_page()
        await _map_drawn(page, url + app.path, app.markers)
        timings.cold.append(time.perf_counter() - start)
        cpu = _cpu_seconds(proc.pid)
        timings.server_cpu["cold"].append(cpu)
        await context.close()
        context = await browser.new_context(viewport={"width": 1366, "height": 900})
        page = await context.new_page()
        start = time.perf_counter()
        await _map_drawn(page, url + app.path, app.markers)
        timings.visitor.append(time.perf_counter() - start)
        timings.server_cpu["visitor"].append(_cpu_seconds(proc.pid) - cpu)
        if app.prepare is not None:
            await app.prepare(page)
        await _sleep(1.0)  # let late component messages settle before timing a rerun
        cpu = _cpu_seconds(proc.pid)
        timings.rerun.append(await _rerun(page, app.slider))
        timings.server_cpu["rerun"].append(_cpu_seconds(proc.pid) - cpu)
        await context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _bare_app(folder: Path, points: list[tuple[float, float, str]]) -> Path:
    (folder / ".streamlit").mkdir()
    # the server options parkbench ships that any app could use (no file watcher, no full
    # garbage collection after each run) go to the floor too
    (folder / ".streamlit" / "config.toml").write_text(
        "[server]\nheadless = true\nenableStaticServing = true\nfileWatcherType = \"none\"\n"
        "[runner]\npostScriptGC = false\n"
        "[browser]\ngatherUsageStats = false\n")
    (folder / "static").symlink_to(ROOT / "static")
    data = folder / "points.json"
    data.write_text(json.dumps(points))
    script = folder / "bare.py"
    script.write_text(textwrap.dedent(BARE_APP.format(n=len(points), points=str(data))))
    return script


async def main_async(runs: int, *, fresh_cache: bool = False,
                     baseline: Path | None = None) -> None:
    from playwright.async_api import async_playwright

    from sites import load_catalog

    catalog = load_catalog()
    points = [(p.location.lat, p.location.lon, p.name) for p in catalog.parks]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "bare").mkdir()
        bare_script = _bare_app(folder / "bare", points)
        env = {**os.environ, "PARKBENCH_OFFLINE": "1", "PARKBENCH_DB": str(folder / "db.sqlite"),
               "STREAMLIT_SECRETS_FILES": str(folder / "no-secrets.toml"),
               "PARKBENCH_CACHE_DIR": str(folder / "cache")}
        apps = [App("bare app", str(bare_script), bare_script.parent, env, len(points),
                    "Weight"),
                App("parkbench", "app.py", ROOT, env, len(points),
                    "Distance to raw materials (km)", "/?lang=en", _open_weights,
                    folder / "cache" if fresh_cache else None)]
        if baseline is not None:  # another checkout (e.g. main): its own derived-data cache
            other = {**env, "PARKBENCH_CACHE_DIR": str(folder / "baseline-cache"),
                     "PARKBENCH_DB": str(folder / "baseline-db.sqlite")}
            apps.append(App("baseline", "app.py", baseline.resolve(), other, len(points),
                            "Distance to raw materials (km)", "/?lang=en", _open_weights,
                            folder / "baseline-cache" if fresh_cache else None))
        async with async_playwright() as play:
            browser = await play.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                      "--disable-background-networking"])
            results = {app.name: Timings() for app in apps}
            for _ in range(runs):  # interleaved: a load change on the machine hits both apps
                for app in apps:
                    await measure(app, results[app.name], browser=browser)
            await browser.close()
    _print(results, runs=runs, markers=len(points))
    print("parkbench's derived-data cache (ui.persist): " + (
        "emptied before every cold start (first start of a new installation)" if fresh_cache
        else "new for this bench, so run 1 is a first start and later runs are restarts"))


def _print(results: dict[str, Timings], *, runs: int, markers: int) -> None:
    bare = results["bare app"]
    others = {name: t for name, t in results.items() if name != "bare app"}
    print(f"first view, {markers} parks on the map, median of {runs} runs "
          f"({os.cpu_count()} cores; other work on the machine inflates both sides alike)")
    for label, ours in others.items():
        if len(others) > 1:
            print(f"-- {label}")
        print(f"{'measure':<10} {'bare app':>10} {label:>10} {'ratio':>7} {'target':>7}")
        for name, target in TARGETS.items():
            b = statistics.median(getattr(bare, name))
            p = statistics.median(getattr(ours, name))
            verdict = "ok" if p / b <= target else "OVER"
            print(f"{name:<10} {b:>9.2f}s {p:>9.2f}s {p / b:>6.2f}x {target:>6.1f}x  {verdict}")
        print("server CPU seconds in that phase (median; the browser's CPU not included):")
        for name in TARGETS:
            b = statistics.median(bare.server_cpu[name])
            p = statistics.median(ours.server_cpu[name])
            print(f"  {name:<8} {b:>9.2f}s {p:>9.2f}s {p / b if b else float('nan'):>6.2f}x")
    for name in TARGETS:  # every run, so that a noisy median shows
        print(f"  {name}: bare " + " ".join(f"{v:.2f}" for v in getattr(bare, name))
              + "".join(f" | {label} " + " ".join(f"{v:.2f}" for v in getattr(t, name))
                        for label, t in others.items()))


def main() -> None:
    import asyncio

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--fresh-cache", action="store_true",
                        help="empty parkbench's derived-data cache before every cold start")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another parkbench checkout (e.g. a worktree of main) to run in "
                             "the same bench, interleaved, for a before/after comparison")
    args = parser.parse_args()
    asyncio.run(main_async(args.runs, fresh_cache=args.fresh_cache, baseline=args.baseline))


if __name__ == "__main__":
    main()

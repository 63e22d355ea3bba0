"""Charts as plotly really draws them, and a screenshot of every page, at 1366×768.

Compare (charts and robustness tabs) and Benchmark open with a three-park shortlist that holds
one of the catalog's longest names. For every chart drawn, measured with
``getBoundingClientRect``: the legend box does not intersect the plot area (``.nsewdrag`` of a
cartesian subplot, ``.maindrag`` of a polar one) and lies inside the figure (no clipped, no
scrolled legend); no tick label ends with "…", each park's full name is on the axis, and tick
labels, radar labels and the title stay inside the figure without touching the plot area or
the legend or one another (a radar's radial ticks and its criterion labels).

Screenshots of each page (and of each chart) are written to ``tests/browser/screenshots/``
(gitignored; ``PARKBENCH_SCREENSHOTS`` overrides the directory); the path is printed.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sites import load_catalog
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_app_browser import COUNT_PARKS, MAP_FRAME

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("PARKBENCH_SCREENSHOTS", ROOT / "tests" / "browser" / "screenshots"))
VIEWPORT = {"width": 1366, "height": 768}
SHORTLIST = ("kokkola-kip", "north-sea-port-terneuzen", "pori-meri-pori")
PAGES = {  # page → (path, title it shows)
    "find": ("/?lang=en", "Find sites"),
    "compare": (f"/compare?list={','.join(SHORTLIST)}&strict=false&lang=en",
                "Compare a shortlist"),
    "benchmark": (f"/benchmark?park={SHORTLIST[2]}&list={','.join(SHORTLIST)}&lang=en",
                  "Benchmark your park"),
    "data": ("/data?lang=en", "Data and sources"),
    "submit": ("/submit?lang=en", "Submit park data"),
    "method": ("/method?lang=en", "Method"),
}
IDLE = """() => { const app = document.querySelector('[data-testid="stApp"]');
    return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
        && document.querySelector('[data-testid^="stSkeleton"], [data-testid="stAppSkeleton"]')
           === null; }"""
"""The script has finished and no element still shows its loading placeholder."""
GEOMETRY = """gd => {
    const box = e => { const r = e.getBoundingClientRect();
                       return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
    const all = s => [...gd.querySelectorAll(s)];
    const legend = gd.querySelector('.legend .bg');
    return {
        svg: box(gd.querySelector('.main-svg')),
        plots: all('.nsewdrag, .polar .maindrag').map(box),
        legend: legend ? box(legend) : null,
        legendItems: all('.legend .traces').map(box),
        ticks: all('.xtick text, .ytick text, .angularaxistick text').map(e => ({
            text: e.textContent, box: box(e), polar: e.closest('.angularaxistick') !== null})),
        title: gd.querySelector('.gtitle') ? box(gd.querySelector('.gtitle')) : null,
        titleText: gd.querySelector('.gtitle') ? gd.querySelector('.gtitle').textContent : '',
    };
}"""
SLACK = 1.0  # px: subpixel rounding


@pytest.fixture(scope="module")
def shots(request: pytest.FixtureRequest) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    request.config.stash[SCREENSHOTS] = SHOTS  # printed at the end of the run
    return SHOTS


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    yield context.new_page()
    context.close()


def _open(page: Any, server: str, name: str) -> None:
    path, title = PAGES[name]
    page.goto(f"{server}{path}", wait_until="domcontentloaded")
    page.get_by_role("heading", name=title).first.wait_for(timeout=90_000)
    page.wait_for_function(IDLE, timeout=90_000)


def _charts(page: Any, count: int) -> list[Any]:
    """The visible plotly charts, once ``count`` of them are drawn."""
    page.wait_for_function(
        """n => [...document.querySelectorAll('.js-plotly-plot')]
                 .filter(e => e.offsetParent !== null && e.querySelector('.main-svg'))
                 .length >= n""",
        arg=count, timeout=60_000)
    return [c for c in page.query_selector_all(".js-plotly-plot") if c.is_visible()]


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (min(a["r"], b["r"]) - max(a["l"], b["l"]) > SLACK
            and min(a["b"], b["b"]) - max(a["t"], b["t"]) > SLACK)


def _inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (inner["l"] >= outer["l"] - SLACK and inner["r"] <= outer["r"] + SLACK
            and inner["t"] >= outer["t"] - SLACK and inner["b"] <= outer["b"] + SLACK)


def _check_layout(chart: Any, label: str) -> dict[str, Any]:
    chart.scroll_into_view_if_needed()
    geo = chart.evaluate(GEOMETRY)
    assert geo["plots"], f"{label}: no plot area found"
    problems = []
    if geo["legend"] is not None:
        problems += [f"legend over the plot area {p}" for p in geo["plots"]
                     if _overlap(geo["legend"], p)]
        problems += [f"legend item outside the figure {i}" for i in geo["legendItems"]
                     if not _inside(i, geo["svg"])]
    for tick in geo["ticks"]:
        if tick["text"].rstrip().endswith(("…", "...")):
            problems.append(f"truncated tick label {tick['text']!r}")
        if not _inside(tick["box"], geo["svg"]):
            problems.append(f"tick label cut by the figure edge {tick['text']!r}")
        if geo["legend"] is not None and _overlap(tick["box"], geo["legend"]):
            problems.append(f"tick label under the legend {tick['text']!r}")
        if geo["title"] is not None and _overlap(tick["box"], geo["title"]):
            problems.append(f"tick label under the title {tick['text']!r}")
    for a, b in itertools.combinations(geo["ticks"], 2):  # radial ticks vs criterion labels
        if _overlap(a["box"], b["box"]):
            problems.append(f"tick labels overlap {a['text']!r} / {b['text']!r}")
    if geo["title"] is not None:
        if not _inside(geo["title"], geo["svg"]):
            problems.append(f"title cut by the figure edge {geo['titleText']!r}")
        problems += [f"title over the plot area {geo['titleText']!r}" for p in geo["plots"]
                     if _overlap(geo["title"], p)]
    assert not problems, f"{label}: " + "; ".join(problems)
    return geo


def _squash(text: str) -> str:
    return "".join(text.split())  # tspans of a wrapped label join without the spaces


def _full_names_on_axis(geo: dict[str, Any], names: list[str], label: str) -> None:
    axis = _squash("".join(t["text"] for t in geo["ticks"] if not t["polar"]))
    missing = [n for n in names if _squash(n) not in axis]
    assert not missing, f"{label}: names not shown in full: {missing}"


def test_compare_charts_keep_legends_off_the_plot_and_names_whole(page, server, shots):
    names = [load_catalog().by_id(i).display_name("en") for i in SHORTLIST]
    _open(page, server, "compare")
    page.get_by_role("tab", name="Criteria and bills").click()
    charts = _charts(page, 3)
    assert len(charts) == 3
    for k, chart in enumerate(charts):
        geo = _check_layout(chart, f"compare chart {k}")
        if k > 0:  # the bill and the contributions: one bar per park
            _full_names_on_axis(geo, names, f"compare chart {k}")
        chart.screenshot(path=str(shots / f"compare-chart-{k}.png"))
    page.get_by_role("tab", name="How robust is the ranking?").click()
    robust = _charts(page, 1)
    geo = _check_layout(robust[0], "compare robustness")
    axis = _squash(" ".join(t["text"] for t in geo["ticks"]))
    assert [n for n in names if _squash(n) in axis], "no park on the acceptability chart"
    robust[0].screenshot(path=str(shots / "compare-robustness.png"))


def test_benchmark_charts_keep_legends_off_the_plot_and_labels_whole(page, server, shots):
    _open(page, server, "benchmark")
    charts = _charts(page, 2)
    assert len(charts) == 2
    for k, chart in enumerate(charts):
        _check_layout(chart, f"benchmark chart {k}")
        chart.screenshot(path=str(shots / f"benchmark-chart-{k}.png"))


@pytest.mark.parametrize("name", list(PAGES))
def test_screenshot_of_every_page(page, server, shots, name: str):
    _open(page, server, name)
    if name == "find":  # the map's park layer, drawn in its iframe
        frame = page.wait_for_selector(MAP_FRAME, timeout=60_000).content_frame()
        frame.wait_for_function(f"() => ({COUNT_PARKS})() >= 35", timeout=60_000)
    if name == "benchmark":
        _charts(page, 2)
    path = shots / f"page-{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000

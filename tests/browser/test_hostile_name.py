"""A park whose name and texts are markup renders inert in the real app (issue 6).

The park is stored as an accepted submission (so it reaches every page through the catalog); the
test visits the pages in Chromium and fails on any dialog (``alert``), any element the markup would
have created, or any off-host request (a Markdown image would fetch one).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from sites.catalog import load_catalog
from sites.profile import parse_profile
from sites.submissions import SubmissionStore, profile_mapping
from tests.browser.conftest import run_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NAME = "<img src=x onerror=alert(1)>"
LOCAL = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _hostile_store(path: Path) -> None:
    data = copy.deepcopy(profile_mapping(load_catalog().by_id("kokkola-kip")))
    data |= {"id": "xss-park", "name": NAME, "name_fi": NAME, "name_sv": NAME,
             "municipality": "<script>alert(2)</script>",
             "region": "![t](http://evil.example/t.png) [x](javascript:alert(3))",
             "operator": "<svg onload=alert(4)>",
             "description": "<iframe src=javascript:alert(5)></iframe> **bold**"}
    data["location"] |= {"lat": 63.9, "lon": 23.2}
    data["facts"]["employees"]["note"] = "<img src=y onerror=alert(6)>"
    result = parse_profile(data, origin="xss", convert_units=False)
    assert result.park is not None, result.problems
    SubmissionStore(path).accept(result.park, submitter="<b onmouseover=alert(7)>x</b>",
                                 comment="<script>alert(8)</script>")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("xss") / "sub.sqlite"
    _hostile_store(db)
    with run_app(db) as url:
        yield url


def _injected(page) -> list[str]:
    """Elements the markup would have created, in the page and every frame (the map iframe)."""
    found = []
    for frame in page.frames:
        try:
            found += frame.eval_on_selector_all(
                'img[src="x"], img[src="y"], svg[onload], iframe[src^="javascript"], '
                "b[onmouseover]", "els => els.map(e => e.outerHTML)")
        except Exception:  # a frame navigating away while we look
            continue
    return found


def _all_text(page) -> str:
    texts = []
    for frame in page.frames:
        try:
            texts.append(frame.evaluate("document.body ? document.body.innerText : ''"))
            texts.append(frame.content())
        except Exception:
            continue
    return "\n".join(texts)


@pytest.mark.parametrize("path", ["find", "compare", "data", "submit"])
def test_hostile_park_renders_inert(browser, hostile_server: str, path: str) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    off_host: list[str] = []
    dialogs: list[str] = []

    def route(route_obj) -> None:
        url = route_obj.request.url
        if url.startswith(("data:", "blob:", "about:")) or (urlparse(url).hostname or "") in LOCAL:
            route_obj.continue_()
        else:
            off_host.append(url)
            route_obj.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(f"{hostile_server}/{path}", wait_until="domcontentloaded")
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_selector('[data-testid="stMain"] [data-testid="stSelectbox"], '
                               '[data-testid="stMain"] [data-testid="stDataFrame"]',
                               timeout=60_000)
        if path == "submit":
            page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.click()
            page.keyboard.type("<img")  # the list is virtual: filter it to the hostile park
            page.get_by_role("option", name=NAME).click()
            chosen = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first
            expect(chosen.locator("input").first).to_have_value(NAME, timeout=30_000)
            history = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').last
            history.wait_for(timeout=30_000)
        page.wait_for_timeout(2000)
        assert dialogs == []
        assert _injected(page) == []
        assert off_host == []
    finally:
        context.close()

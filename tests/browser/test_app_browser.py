"""One real browser (system Chromium) against the real server, with no request leaving the host.

Starts ``streamlit run app.py``, opens a shared scenario link, waits for the map's park layer
to draw, checks the link reproduced the scenario on two pages, downloads the report, and
fails on any request to a non-loopback host.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser

SHORTLIST = "kokkola-kip,harjavalta-industrial-park,pori-meri-pori"
LINK = f"/compare?list={SHORTLIST}&method=wsm&w_customer_km=9&lang=en"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
COUNT_PARKS = """() => {
    if (!window.map || !window.L) { return 0; }
    let n = 0;
    window.map.eachLayer(l => { if (l instanceof L.CircleMarker && l.feature
                                    && l.feature.properties.tip) { n += 1; } });
    return n;
}"""


def _map_frame(page):
    handle = page.query_selector(MAP_FRAME)
    return handle.content_frame() if handle is not None else None


def _parks_drawn(frame) -> int:
    try:
        return int(frame.evaluate(COUNT_PARKS))
    except Exception:
        return 0


def test_shared_link_map_report_and_no_off_host_requests(page_and_log, server, tmp_path):
    page, log = page_and_log
    # 1. the Find page draws every park on the map
    page.goto(f"{server}/?lang=en", wait_until="domcontentloaded")
    page.wait_for_selector("text=Find sites", timeout=60_000)
    page.wait_for_selector(MAP_FRAME, timeout=60_000)
    drawn = 0
    for _ in range(120):
        frame = _map_frame(page)
        drawn = _parks_drawn(frame) if frame is not None else 0
        if drawn >= 35:
            break
        page.wait_for_timeout(500)
    assert drawn >= 35

    # 2. a shared link reproduces the scenario on another page
    page.goto(f"{server}{LINK}", wait_until="domcontentloaded")
    page.wait_for_selector("text=Compare a shortlist", timeout=60_000)
    page.wait_for_selector("text=Download the report", timeout=60_000)
    chips = page.locator('section[data-testid="stSidebar"] '
                         'span[title="Harjavalta Industrial Park"]')
    assert chips.count() >= 1  # the shortlist widget holds the linked park
    query = parse_qs(urlparse(page.url).query)
    assert query.get("list") == [SHORTLIST]
    assert query.get("method") == ["wsm"]
    assert query.get("w_customer_km") == ["9"]
    sidebar = page.locator("section[data-testid='stSidebar']")
    sidebar.get_by_text("Method and prices").click()
    method = sidebar.locator("input[aria-label='Scoring method']")
    method.wait_for(state="attached", timeout=15_000)
    assert method.input_value() == "Weighted sum"

    # 3. the report downloads and holds the shortlist with its sources
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download the report").first.click()
    path = tmp_path / "report.html"
    download.value.save_as(path)
    report = path.read_text(encoding="utf-8")
    assert "Harjavalta" in report and "https://kip.fi/en/frontpage.html" in report
    assert "<script" not in report

    # 4. nothing left the machine, and no local request failed
    assert log.off_host == [], log.off_host
    assert not [f for f in log.failed if not re.search(r"/_stcore/(stream|health)", f)], \
        log.failed

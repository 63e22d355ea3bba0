"""The Find page in a browser: old ``/find`` links open it (not "Page not found") with their
scenario, and at 1366 px the ranking table has room for its key columns."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/find", "/"])
def test_find_link_opens_find_with_its_query(page_and_log, server, path):
    page, log = page_and_log
    page.goto(f"{server}{path}?tpl=lioh&method=wsm")
    page.get_by_role("heading", name="Find sites").wait_for(timeout=90_000)
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=90_000)
    assert page.get_by_text("Page not found").count() == 0
    query = parse_qs(urlparse(page.url).query)
    assert (query.get("tpl"), query.get("method")) == (["lioh"], ["wsm"])
    assert urlparse(page.url).path.rstrip("/") == path.rstrip("/")
    template = page.locator("section[data-testid='stSidebar'] div[data-testid='stSelectbox']"
                            ).filter(has_text="Plant template")
    template.wait_for(timeout=30_000)
    chosen = template.locator("input").first.input_value()
    assert chosen == "Lithium hydroxide refinery", chosen
    assert not log.off_host, log.off_host


def test_ranking_table_has_room_for_its_key_columns_at_1366_px(browser, server):
    """The key columns' widths add up to at most VISIBLE_PX_AT_1366 (an AppTest checks that,
    tests/app_pages/test_find.py); here the table is at least that wide at 1366 px."""
    from tests.app_pages.test_find import VISIBLE_PX_AT_1366

    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US")
    try:
        page = context.new_page()
        page.goto(server)
        page.get_by_role("heading", name="Find sites").wait_for(timeout=90_000)
        table = page.locator("[data-testid='stDataFrame']").first
        table.wait_for(timeout=90_000)
        box = table.bounding_box()
        assert box is not None and box["width"] >= VISIBLE_PX_AT_1366, box
        assert box["x"] + VISIBLE_PX_AT_1366 <= 1366
    finally:
        context.close()

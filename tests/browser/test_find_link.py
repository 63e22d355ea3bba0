"""Old links to ``/find`` open the Find page (not "Page not found") and keep their scenario."""

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

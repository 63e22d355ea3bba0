"""Decisions under incomplete data in a real browser: the Find table shows rank ranges and
undecided must-haves for the shipped pCAM brief, and Compare draws the interval chart."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_chart_layout import IDLE, _charts, _check_layout

pytestmark = pytest.mark.browser

CELLS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"] [role="gridcell"]')]
    .map(c => c.textContent.trim())"""


def test_find_shows_rank_ranges_and_undecided_and_compare_draws_intervals(page_and_log, server):
    page, log = page_and_log
    page.goto(f"{server}/?tpl=pcam&lang=en", wait_until="domcontentloaded")  # the shipped brief
    page.get_by_role("heading", name="Find sites").wait_for(timeout=90_000)
    page.wait_for_function(IDLE, timeout=90_000)
    page.wait_for_function(f"() => ({CELLS})().some(t => /^\\d+–\\d+$/.test(t))",
                           timeout=60_000)
    cells = page.evaluate(CELLS)
    ranges = [c for c in cells if re.fullmatch(r"\d+–\d+", c)]
    assert ranges, cells[:40]
    assert all(int(a) <= int(b) for a, b in (r.split("–") for r in ranges))
    assert "undecided" in cells, cells[:40]
    assert page.get_by_text("parks are undecided").count() >= 1
    assert page.get_by_text("Thick orange outline: must-haves undecided").count() == 1

    page.goto(f"{server}/compare?tpl=pcam&lang=en", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Compare a shortlist").first.wait_for(timeout=90_000)
    page.wait_for_function(IDLE, timeout=90_000)
    page.get_by_role("tab", name="Incomplete data").click()
    charts = _charts(page, 2)
    titles = [c.evaluate("gd => gd.querySelector('.gtitle').textContent") for c in charts]
    interval = next(c for c, title in zip(charts, titles, strict=True)
                    if "Possible ranks and scores" in title)
    geo = _check_layout(interval, "interval chart")
    assert len(geo["plots"]) == 2  # ranks and scores side by side
    bars = interval.evaluate("gd => gd.querySelectorAll('.barlayer .point').length")
    assert bars >= 2
    assert any("plausible worlds" in title for title in titles)
    assert page.get_by_text(re.compile(r"first in \d+\.\d % of 10,000 plausible worlds "
                                       r"\(95 % band")).count() >= 1
    assert not log.off_host, log.off_host

"""A promoter changes the scenario in the sidebar, copies the link, and hands over the report.

In a real browser: change the plant template, the method, a must-have and a weight; the copied
link opened in a fresh browser context reproduces the same ranking (the report's shortlist
table), and the report downloaded from each states exactly that template, its figures, the
must-haves, the method and the language.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser

SIDEBAR = "section[data-testid='stSidebar']"


def _wait_query(page, key: str, value: str) -> None:
    page.wait_for_function(
        "([k, v]) => new URLSearchParams(location.search).get(k) === v", arg=[key, value],
        timeout=60_000)


def _choose(page, label: str, option: str) -> None:
    box = page.locator(f"{SIDEBAR} div[data-testid='stSelectbox']").filter(has_text=label)
    box.locator("input").first.click()
    page.get_by_role("option", name=option, exact=True).click()


def _change_scenario(page) -> None:
    sidebar = page.locator(SIDEBAR)
    _choose(page, "Plant template", "Lithium hydroxide refinery")
    _wait_query(page, "tpl", "lioh")
    sidebar.get_by_text("Method and prices").click()
    _choose(page, "Scoring method", "Weighted sum")
    _wait_query(page, "method", "wsm")
    sidebar.get_by_text("Must-haves", exact=True).click()
    multi = sidebar.locator("div[data-testid='stMultiSelect']").filter(
        has_text="A site must have")
    option = page.get_by_role("option", name="Rail connection", exact=True)
    for _ in range(5):  # the dropdown opens once the expander's content is laid out
        multi.locator("input").first.click()
        try:
            option.wait_for(timeout=3_000)
            break
        except Exception:
            page.keyboard.press("Escape")
    option.click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => (new URLSearchParams(location.search).get('must') || '')"
                           ".includes('rail')", timeout=60_000)
    sidebar.get_by_text("Weights", exact=True).click()
    slider = sidebar.locator("div[data-testid='stSlider']").filter(
        has_text="Distance to customers (km)").get_by_role("slider").first
    slider.focus()
    slider.press("ArrowRight")  # one step: the rerun redraws the slider at its new value
    page.wait_for_function("() => new URLSearchParams(location.search).has('w_customer_km')",
                           timeout=60_000)


def _idle(page) -> None:
    """Wait until the script run triggered by the last change has finished."""
    page.wait_for_timeout(500)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"] button')"
        " && !document.querySelector('[data-testid=\"stSpinner\"]')", timeout=90_000)


def _report(page, tmp_path, name: str) -> str:
    page.wait_for_selector("text=Download the report", timeout=90_000)
    _idle(page)
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download the report").first.click()
    path = tmp_path / name
    download.value.save_as(path)
    return path.read_text(encoding="utf-8")


def _section(report: str, heading: str) -> str:
    match = re.search(rf"<h2>{re.escape(heading)}</h2>(.*?)<h2>", report, re.S)
    assert match, heading
    return match.group(1)


def test_copied_link_reopens_the_same_ranking_and_report(browser, server, tmp_path):
    first = browser.new_context(viewport={"width": 1400, "height": 1000},
                                accept_downloads=True, locale="en-US")
    page = first.new_page()
    page.goto(f"{server}/compare?lang=en", wait_until="domcontentloaded")
    page.wait_for_selector("text=Compare a shortlist", timeout=60_000)
    _change_scenario(page)
    link = page.url
    report_a = _report(page, tmp_path, "a.html")
    first.close()

    query = parse_qs(urlparse(link).query)
    assert query["tpl"] == ["lioh"] and query["method"] == ["wsm"]
    fresh = browser.new_context(viewport={"width": 1400, "height": 1000},
                                accept_downloads=True, locale="en-US")
    other = fresh.new_page()
    other.goto(link, wait_until="domcontentloaded")
    other.wait_for_selector("text=Compare a shortlist", timeout=60_000)
    report_b = _report(other, tmp_path, "b.html")
    fresh.close()

    for report in (report_a, report_b):
        assert '<html lang="en">' in report
        cover = re.search(r'<section class="cover">(.*?)</section>', report, re.S)
        assert cover and "Lithium hydroxide refinery" in cover.group(1)
        assert "Weighted sum" in cover.group(1)
        assert "Rail connection" in _section(report, "The investor&#x27;s brief")
    assert _section(report_a, "The investor&#x27;s brief") == \
        _section(report_b, "The investor&#x27;s brief")
    assert _section(report_a, "Shortlist") == _section(report_b, "Shortlist")

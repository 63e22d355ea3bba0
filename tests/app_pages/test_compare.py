"""Compare page: a shortlist from the URL, charts as plotly JSON, and the HTML report."""

from __future__ import annotations

import json
import re

from tests.app_pages.conftest import no_exception, no_none_cells, shown

SHORTLIST = "kokkola-kip,harjavalta-industrial-park,hamina-port-battery-zone"


def _figures(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_shortlist_from_url_drives_charts_and_report(app, downloads):
    at = app(page="app_pages/compare.py", list=SHORTLIST, strict="false")
    no_exception(at)
    assert at.session_state["scenario"].shortlist == tuple(SHORTLIST.split(","))
    summary = at.dataframe[0].value
    assert next(iter(summary["name"])) == "Kokkola Industrial Park (KIP)"
    figures = _figures(at)
    titles = [f["layout"]["title"]["text"] for f in figures]
    assert any("Annual bill" in title for title in titles)
    radar = next(f for f in figures if f["data"] and f["data"][0]["type"] == "scatterpolar")
    assert {trace["name"] for trace in radar["data"]} >= {"Kokkola Industrial Park (KIP)"}
    report = downloads["parkbench_report.html"]().decode("utf-8")
    assert report.startswith("<!DOCTYPE html>")
    assert "Kokkola Industrial Park (KIP)" in report
    assert "https://kip.fi/en/frontpage.html" in report
    assert "Questions to ask each park" in report and "Rank range" in report
    assert "data:image/png;base64," in report
    # self-contained: no script, no stylesheet or image from another host
    assert "<script" not in report
    assert not re.search(r"""(?:src=|<link[^>]*href=)["']https?://""", report)
    pdf = downloads["parkbench_report.pdf"]()  # the same report laid out on A4
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")


def test_compare_defaults_to_top_three(app):
    at = app(page="app_pages/compare.py", strict="false")
    no_exception(at)
    assert len(at.dataframe[0].value) == 3


def test_compare_tables_are_localised_without_none(app):
    at = app(page="app_pages/compare.py", list=SHORTLIST, strict="false", lang="sv")
    no_exception(at)
    summary = shown(at.dataframe[0])
    no_none_cells(summary)
    assert summary["score"].str.fullmatch(r"0,\d{3}|–").all() and "0," in summary["score"][0]
    facts = at.dataframe[1].value
    no_none_cells(facts)
    kip = facts.iloc[:, 0]  # the first park of the shortlist, KIP, under its Swedish name
    assert kip["Total yta"] == "700 ha" and "okänd" in set(kip)
    assert not any("." in v.split(" ")[0] for v in kip if v[:1].isdigit())
    sources = at.dataframe[2].value
    no_none_cells(sources)
    assert {"publicerad", "okänd"} <= set(sources["status"])

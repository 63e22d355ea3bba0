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
    """Without a shortlist in the link, Compare shows the Find ranking's first three parks."""
    from sites import load_catalog

    at = app(page="app_pages/compare.py", strict="false")
    no_exception(at)
    find = app(page="app_pages/find.py", strict="false")
    no_exception(find)
    ranked = find.dataframe[0].value.sort_values("rank", kind="stable")["id"].head(3)
    catalog = load_catalog()
    assert list(at.dataframe[0].value["name"]) == [catalog.by_id(i).name for i in ranked]


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


def test_rfi_per_park_is_accepted_back_by_the_submit_checker(app, downloads):
    """Compare's request for information: the Submit template pre-filled, the asked facts
    first (with why on the 'request' sheet); checked as the Submit page checks an upload."""
    import io

    from openpyxl import load_workbook

    from sites import load_catalog
    from sites.submissions import check_submission

    at = app(page="app_pages/compare.py", list="kokkola-kip,port-of-antwerp-bruges")
    no_exception(at)
    assert any(s.value == "Request for information" for s in at.subheader)
    catalog = load_catalog()
    # KIP: its undecided land must-have; Antwerp-Bruges: its must-haves' utilities, then the
    # wastewater price, the field's most valuable unknown
    for park_id, asked in (("kokkola-kip", "largest_free_plot_ha"),
                           ("port-of-antwerp-bruges", "wastewater_price_eur_m3")):
        content = downloads[f"parkbench_rfi_{park_id}.xlsx"]()
        book = load_workbook(io.BytesIO(content))
        assert book.sheetnames == ["request", "park", "facts"]
        request = [r for r in book["request"].iter_rows(min_row=2, values_only=True)]
        assert asked in [r[0] for r in request] and all(r[2] for r in request)
        facts = [r[0] for r in book["facts"].iter_rows(min_row=2, values_only=True)]
        assert facts[:len(request)] == [r[0] for r in request]
        submission = check_submission(content, filename=f"{park_id}.xlsx", catalog=catalog,
                                      expected_id=park_id)
        assert submission.ok, submission.problems[:3]
        park = catalog.by_id(park_id)
        assert submission.park is not None and submission.park.id == park_id
        # pre-filled with what is known: every known fact comes back unchanged, and the asked
        # fact is still as the catalog has it (unknown or a range) until the park fills it in
        known = [n for n, f in park.facts.items() if f.status in ("published", "estimate")]
        assert known and all(submission.park.facts[n].value == park.facts[n].value
                             and submission.park.facts[n].status == park.facts[n].status
                             for n in known), park_id
        if asked in park.facts:
            assert submission.park.facts[asked].status == park.facts[asked].status


def test_incomplete_data_tab_shows_intervals_and_acceptability_under_data_uncertainty(
        app, downloads):
    """The interval chart (rank ranges with today's rank, score intervals) and the joint
    SMAA of weights and data: shares of plausible worlds with the sample count and bands."""
    at = app(page="app_pages/compare.py", list=SHORTLIST)
    no_exception(at)
    assert "Incomplete data" in [tab.label for tab in at.tabs]
    figures = _figures(at)
    chart = next(f for f in figures if "Possible ranks and scores" in
                 f["layout"]["title"]["text"])
    bars = [trace for trace in chart["data"] if trace["type"] == "bar"]
    assert bars and all(trace["orientation"] == "h" for trace in bars)
    names = " ".join(" ".join(trace["y"]) for trace in chart["data"])
    assert "Kokkola Industrial Park" in names and "must-haves undecided" in names
    assert {trace["name"] for trace in chart["data"]} >= {
        "Possible ranks and scores, must-haves undecided",
        "Today (unknowns at the worst known value)"}
    spans = [c for trace in chart["data"][:1] for c in trace["customdata"]]
    assert spans and all(re.fullmatch(r"\d+(–\d+)?", c) for c in spans)  # "1–23"
    joint = next(f for f in figures if "plausible worlds" in f["layout"]["title"]["text"])
    assert "10,000" in joint["layout"]["title"]["text"]
    lines = [x.value for x in at.text if "plausible worlds" in x.value or "for sure" in x.value]
    assert len(lines) == 3, lines
    assert re.fullmatch(r"Kokkola Industrial Park \(KIP\): first in \d+\.\d % of 10,000 "
                        r"plausible worlds \(95 % band \d+\.\d–\d+\.\d %\)\.", lines[0]), lines[0]
    element = next(d for d in at.dataframe if "seen" in d.value.columns)
    table = element.value
    no_none_cells(shown(element))
    assert shown(element)["first"].str.fullmatch(r"\d+\.\d|–").all()  # as precise as bands
    assert next(iter(table["name"])) == "Kokkola Industrial Park (KIP)"
    assert 0 < table["first"].sum() <= 1.0 + 1e-9
    assert table["first_band"].str.fullmatch(r"\d+\.\d–\d+\.\d|–").all()
    assert any("Wilson" in c.value and "10,000" in c.value for c in at.caption)
    report = downloads["parkbench_report.html"]().decode("utf-8")
    assert "Under incomplete data" in report and "plausible worlds (95 % band" in report
    assert report.count("data:image/png;base64,") >= 4  # map, robustness, intervals, shares


def test_incomplete_data_tab_in_finnish(app):
    at = app(page="app_pages/compare.py", list=SHORTLIST, lang="fi")
    no_exception(at)
    assert "Puutteelliset tiedot" in [tab.label for tab in at.tabs]
    titles = [f["layout"]["title"]["text"] for f in _figures(at)]
    assert any("Mahdolliset sijat ja pisteet" in title for title in titles)
    assert any("uskottavassa maailmassa" in title for title in titles)
    assert any("uskottavasta maailmasta (95 %:n väli" in x.value for x in at.text)

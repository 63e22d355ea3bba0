"""The hand-over report: self-contained, escaped, with the shortlist's sources."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from metrics import load_template, score_catalog
from report.analysis import robustness
from report.build import report_html
from scenario import Scenario
from sites import load_catalog
from sites.prices import load_prices

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def scored():
    catalog = load_catalog()
    kip = catalog.by_id("kokkola-kip")
    catalog = catalog.replace_park(dataclasses.replace(kip, name=HOSTILE))
    brief = dataclasses.replace(load_template("pcam"), must_haves=frozenset())
    return catalog, brief, score_catalog(catalog, load_prices(), brief)


def test_report_escapes_names_and_is_self_contained(scored):
    catalog, brief, result = scored
    ids = [s.id for s in result.sites if s.rank is not None][:3]
    if "kokkola-kip" not in ids:
        ids = ["kokkola-kip", *ids[:2]]
    html = report_html(catalog=catalog, result=result, brief=brief, ids=ids,
                       robust=robustness(result), scenario=Scenario(lang="en", method="topsis"),
                       today=dt.date(2026, 11, 27), link="http://localhost:8501/compare?tpl=cam")
    assert HOSTILE not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script" not in html.lower()
    external = re.findall(r"""(?:src)=["'](https?://[^"']+)""", html)
    assert external == []  # images are inline data URIs
    assert "https://kip.fi/en/frontpage.html" in html  # sources listed as links
    assert "ranks first in" in html
    assert '<a href="http://localhost:8501/compare?tpl=cam"' in html  # the link back


def test_report_in_finnish_formats_numbers(scored):
    catalog, brief, result = scored
    ids = [s.id for s in result.sites if s.rank is not None][:2]
    html = report_html(catalog=catalog, result=result, brief=brief, ids=ids, robust=None,
                       scenario=Scenario(lang="fi", method="wsm"), today=dt.date(2026, 11, 27),
                       include_map=False)
    assert '<html lang="fi">' in html
    assert "27.11.2026" in html


def test_reasons_are_rendered_in_the_report_language_and_pyplot_is_untouched():
    """Failing parks' reasons come from message codes; charts never use pyplot's figure list."""
    import sys

    catalog = load_catalog()
    brief = dataclasses.replace(load_template("pcam"), must_haves=frozenset({"rail", "zoning"}))
    result = score_catalog(catalog, load_prices(), brief)
    failing = [s for s in result.sites if not s.passes][:2]
    assert failing
    ids = [failing[0].id, *(s.id for s in result.sites if s.passes)][:3]
    fignums_before = sys.modules["matplotlib.pyplot"].get_fignums() \
        if "matplotlib.pyplot" in sys.modules else []
    html = report_html(catalog=catalog, result=result, brief=brief, ids=ids,
                       robust=robustness(result, samples=200),
                       scenario=Scenario(lang="sv", method="topsis"), today=dt.date(2026, 11, 27))
    from report.i18n import render_message

    assert render_message(failing[0].reasons[0], "sv") in html
    assert "must_" not in html  # no raw codes
    if "matplotlib.pyplot" in sys.modules:
        assert sys.modules["matplotlib.pyplot"].get_fignums() == fignums_before


def test_labels_come_from_the_callers_translate():
    catalog = load_catalog()
    brief = dataclasses.replace(load_template("pcam"), must_haves=frozenset())
    result = score_catalog(catalog, load_prices(), brief)
    ids = [s.id for s in result.sites if s.rank is not None][:2]
    html = report_html(catalog=catalog, result=result, brief=brief, ids=ids, robust=None,
                       scenario=Scenario(lang="en", method="wsm"), today=dt.date(2026, 11, 27),
                       include_map=False,
                       translate=lambda key, **values: f"[{key}]")
    assert "<title>[report.title]</title>" in html

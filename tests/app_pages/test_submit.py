"""Submit page in AppTest: template downloads, hostile upload, accept, history, revert."""

from __future__ import annotations

import copy
import os
import time
from pathlib import Path

from sites.catalog import load_catalog
from sites.submissions import SubmissionStore, excel_bytes, profile_mapping
from tests.app_pages.conftest import no_exception

PAGE = "app_pages/submit.py"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _by_label(widgets, label: str):
    return next(w for w in widgets if w.label == label)


def _frame(at, column: str):
    """The displayed table that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _kip_with_steam_price() -> bytes:
    data = copy.deepcopy(profile_mapping(load_catalog().by_id("kokkola-kip")))
    data["facts"]["steam_price_eur_mwh"] = {
        "value": 0.031, "unit": "EUR/kWh", "status": "published", "as_of": "2026",
        "source": "https://kip.fi/en/frontpage.html"}
    data["name"] = "<img src=x onerror=alert(1)> KIP"
    return excel_bytes(data)


def test_page_renders_with_an_empty_store(app):
    at = app(page=PAGE)
    no_exception(at)
    assert at.title[0].value == "Submit park data"
    assert any("No submissions" in i.value for i in at.info)


def test_hostile_upload_lists_problems_and_offers_no_accept(app):
    at = app(page=PAGE)
    at.file_uploader[0].set_value(("swapped.geojson", (CORPUS / "swapped.geojson").read_bytes(),
                                   "application/geo+json"))
    at.run()
    assert not at.exception
    problems = _frame(at, "problem")
    assert any("look swapped" in p for p in problems["problem"])
    assert not [b for b in at.button if b.label.startswith("Accept")]


def test_accept_then_revert(app):
    at = app(page=PAGE)
    at.selectbox(key="submit_park").set_value("kokkola-kip")
    at.run()
    at.file_uploader[0].set_value(("kip.xlsx", _kip_with_steam_price(), XLSX))
    at.run()
    no_exception(at)
    diff = _frame(at, "field")
    steam = diff[diff["field"] == "facts.steam_price_eur_mwh"].iloc[0]
    assert (steam["change"], steam["new"]) == ("added", "31 EUR/MWh")
    assert any(text.value.endswith("<img src=x onerror=alert(1)> KIP") for text in at.text)
    _by_label(at.text_input, "Submitted by (name, organisation)").input("KIP Service <b>")
    _by_label(at.button, "Accept and store a new version").click()
    at.run()
    no_exception(at)
    assert any("version 1" in s.value for s in at.success)
    store = SubmissionStore(Path(os.environ["PARKBENCH_DB"]))
    (park,) = store.accepted_parks()
    assert park.number("steam_price_eur_mwh") == 31
    history = _frame(at, "submitter")
    assert list(history["submitter"]) == ["KIP Service <b>"]
    time.sleep(2.5)  # ui.data re-reads the store's version at most every 2 s
    at.switch_page("app_pages/data.py")
    at.run()
    no_exception(at)
    facts = _frame(at, "fact")
    row = facts[(facts["park_id"] == "kokkola-kip") & (facts["fact"] == "steam_price_eur_mwh")]
    assert row.iloc[0]["display"].startswith("31") and row.iloc[0]["source"].startswith("https://kip")
    at.switch_page(PAGE)
    at.run()
    revert_who = at.text_input(key="submit_revert_who")
    revert_who.input("maintainer")
    _by_label(at.button, "Revert the latest version").click()
    at.run()
    no_exception(at)
    assert store.accepted_parks() == ()
    assert any("version 2" in s.value for s in at.success)

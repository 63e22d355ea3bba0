"""Bill lines speak in codes: every reader labels a line from its quantity, variant and remark
in its own language; ``item`` and ``note`` stay English for the exports."""

from __future__ import annotations

import pytest

from metrics.bill import apply_policy, site_bill
from metrics.messages import CODES
from report.i18n import bill_item, bill_remark, catalog
from tests.metrics.conftest import FakePrices, brief_from, make_park

PLANT = {"electricity_gwh_a": 100, "water_m3_a": 1_000_000, "land_ha": 10}
A, B = make_park("a"), make_park("b")
PRICES = FakePrices({
    "a": {("spot_price", ""): 50.0, ("transmission_tariff", "average"): 3.0,
          ("electricity_tax", "industry"): 0.5, ("water_price", ""): 1.1,
          ("land_price", ""): 7.0},
    "b": {("spot_price", ""): 40.0, ("transmission_tariff", "average"): 3.0,
          ("electricity_tax", "industry"): 0.5},
})


def test_lines_carry_variant_and_remark_codes_and_keep_english_items():
    brief = brief_from(plant=PLANT, pricing={"land": "purchase"})
    lines = {ln.price_quantity: ln for ln in site_bill(PRICES, A, brief)}
    spot = lines["spot_price"]
    assert spot.item.startswith("electricity energy (spot")  # the export's English
    assert spot.variant is not None and spot.variant.code == "bill_spot"
    land = lines["land_price"]
    assert land.remark is not None and land.remark.code == "bill_crf"
    assert "capital recovery factor" in land.note
    gap = {ln.price_quantity: ln for ln in site_bill(PRICES, B, brief)}["water_price"]
    assert gap.status == "unpriced" and gap.remark is not None
    assert gap.remark.code == "bill_unpriced"


def test_policy_filled_lines_say_so_in_a_code():
    brief = brief_from(plant=PLANT, pricing={"missing": "worst"})
    bills = apply_policy({p.id: site_bill(PRICES, p, brief) for p in (A, B)}, brief)
    water = {ln.price_quantity: ln for ln in bills["b"]}["water_price"]
    assert water.status == "worst"
    assert water.remark is not None and water.remark.code == "bill_filled_worst"


@pytest.mark.parametrize(("lang", "spot", "crf"), [
    ("en", "Electricity, spot energy (mean 2023–2025)", "annuity"),
    ("fi", "(keskiarvo 2023–2025)", "annuiteetti"),
    ("sv", "(medelvärde 2023–2025)", "annuitet")])
def test_readers_label_lines_in_their_language(lang, spot, crf):
    brief = brief_from(plant=PLANT, pricing={"land": "purchase"})
    lines = {ln.price_quantity: ln for ln in site_bill(PRICES, A, brief)}
    assert spot in bill_item(lines["spot_price"], lang)
    remark = bill_remark(lines["land_price"], lang)
    assert remark.startswith(crf) and ("9,37 %" if lang != "en" else "9.37 %") in remark


def test_every_bill_code_has_a_text_in_every_language():
    codes = [c for c in CODES if c.startswith("bill_")]
    assert len(codes) >= 8
    for lang in ("en", "fi", "sv"):
        texts = catalog(lang)
        assert all(f"msg.{c}" in texts for c in codes), lang

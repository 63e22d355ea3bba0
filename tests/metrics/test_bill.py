"""Annual bills, computed by hand, and the missing-price policies."""

import pytest

from metrics.bill import (
    ELEC_BANDS_MWH,
    apply_policy,
    band_for,
    bill_bounds,
    bill_total,
    capital_recovery_factor,
    catalog_bills,
    line_bounds,
    price_pools,
    site_bill,
)
from tests.metrics.conftest import FakePrices, brief_from, make_park

PLANT = {"electricity_gwh_a": 100, "water_m3_a": 1_000_000, "land_ha": 10}
A = make_park("a")
B = make_park("b")
PRICES = FakePrices({
    "a": {("spot_price", ""): 50.0, ("transmission_tariff", "average"): 3.0,
          ("electricity_tax", "industry"): 0.5, ("water_price", ""): 1.1,
          ("land_price", ""): 7.0, ("land_lease", ""): 0.5, ("elec_band_price", "IF"): 80.0},
    "b": {("spot_price", ""): 40.0, ("transmission_tariff", "average"): 3.0,
          ("electricity_tax", "industry"): 0.5, ("water_price", ""): 2.0},
})


def test_crf_by_hand():
    """CRF(8 %, 25 a) = 0.08 * 1.08**25 / (1.08**25 - 1) = 0.093679 (compound-interest tables)."""
    assert capital_recovery_factor(0.08, 25) == pytest.approx(0.093679, abs=5e-7)
    assert capital_recovery_factor(0.0, 20) == pytest.approx(0.05)


def test_spot_bill_by_hand():
    """100 GWh x (50 + 3 + 0.5) EUR/MWh = 5.35 MEUR; 1e6 m3 x 1.1 = 1.1 MEUR;
    10 ha = 1e5 m2 x 7 EUR/m2 x CRF(8 %, 25) 0.0936788 = 65,575.2 EUR."""
    b = brief_from(plant=PLANT, pricing={"land": "purchase"})
    lines = site_bill(PRICES, A, b)
    costs = {ln.price_quantity: ln.cost_eur for ln in lines}
    assert costs["spot_price"] == pytest.approx(5_000_000)
    assert costs["transmission_tariff"] == pytest.approx(300_000)
    assert costs["electricity_tax"] == pytest.approx(50_000)
    assert costs["water_price"] == pytest.approx(1_100_000)
    assert costs["land_price"] == pytest.approx(700_000 * 0.0936788, rel=1e-6)
    assert bill_total(lines) == pytest.approx(6_450_000 + 700_000 * 0.0936788, rel=1e-8)
    assert all(ln.source and ln.level and ln.status == "priced" for ln in lines)


def test_band_bill_and_lease():
    """100 GWh falls in Eurostat band IF (70-150 GWh): 1e5 MWh x 80 = 8 MEUR; lease 1e5 m2 x
    0.5 EUR/m2/a = 50,000 EUR."""
    b = brief_from(plant=PLANT, pricing={"electricity": "band", "land": "lease"})
    lines = site_bill(PRICES, A, b)
    assert next(ln.item for ln in lines).startswith("electricity (Eurostat band IF")
    assert bill_total(lines) == pytest.approx(8_000_000 + 1_100_000 + 50_000)
    assert band_for(1_999.0, ELEC_BANDS_MWH) is None
    assert band_for(150_000.0, ELEC_BANDS_MWH) == "IG"


@pytest.mark.parametrize(
    ("policy", "values", "expected", "status"),
    [
        ("unpriced", {}, None, "unpriced"),
        ("worst", {}, 7.0, "worst"),
        ("median", {}, 7.0, "median"),
        ("value", {"land_price": 3.0}, 3.0, "user"),
    ],
)
def test_missing_price_policy_is_explicit(policy, values, expected, status):
    b = brief_from(plant=PLANT, pricing={"land": "purchase", "missing": policy,
                                         "values": values})
    bills = catalog_bills(PRICES, [A, B], b)
    land_b = next(ln for ln in bills["b"] if ln.price_quantity == "land_price")
    assert land_b.status == status
    assert land_b.unit_price == expected
    if expected is None:
        assert land_b.cost_eur is None and bill_total(bills["b"]) is None
        assert "no published land_price" in land_b.note
    else:
        assert land_b.cost_eur == pytest.approx(1e5 * expected * 0.0936788, rel=1e-6)
        assert "missing-price policy" in land_b.source


def test_policy_cannot_invent_a_price_nobody_has():
    b = brief_from(plant={"heat_gwh_a": 5}, pricing={"missing": "median"})
    bills = apply_policy({p.id: site_bill(PRICES, p, b) for p in (A, B)}, b)
    assert all(ln.status == "unpriced" and ln.cost_eur is None
               for lines in bills.values() for ln in lines)


def test_zero_or_unknown_figures_make_no_line():
    b = brief_from(plant={"gas_gwh_a": 0, "water_m3_a": {"status": "unknown", "note": "?"}})
    assert site_bill(PRICES, A, b) == ()


def test_line_bounds_by_hand():
    """B has no land price: the median policy fills 7.0 (A's) and the peer range is 7..7; B's
    water is priced (2.0). With a park's own lease range 0.4..0.6 EUR/m2/a, 10 ha lease costs
    40,000..60,000 EUR/a around the 50,000 of the typical 0.5. An unpriced line takes the peer
    range too, and a line no range bounds leaves the bill unbounded."""
    b = brief_from(plant=PLANT, pricing={"land": "purchase", "missing": "median"})
    bills = catalog_bills(PRICES, [A, B], b)
    pools = price_pools(bills)
    assert pools["process water"] == (1.1, 2.0)
    crf = capital_recovery_factor(0.08, 25)
    land_b = next(ln for ln in bills["b"] if ln.price_quantity == "land_price")
    assert line_bounds(land_b, b, pool=pools.get(land_b.item)) == pytest.approx(
        (1e5 * 7.0 * crf, 1e5 * 7.0 * crf))
    water_b = next(ln for ln in bills["b"] if ln.price_quantity == "water_price")
    assert line_bounds(water_b, b, pool=pools["process water"]) == pytest.approx((2e6, 2e6))
    lease = brief_from(plant=PLANT, pricing={"land": "lease"})
    line = next(ln for ln in site_bill(PRICES, A, lease) if ln.price_quantity == "land_lease")
    assert line_bounds(line, lease, pool=None, own=(0.4, 0.6)) == pytest.approx((4e4, 6e4))
    unpriced = next(ln for ln in catalog_bills(PRICES, [A, B], lease)["b"]
                    if ln.price_quantity == "land_lease")
    assert unpriced.cost_eur is None
    assert line_bounds(unpriced, lease, pool=(0.5, 0.5)) == pytest.approx((5e4, 5e4))
    assert line_bounds(unpriced, lease, pool=None) is None
    assert bill_bounds([(1.0, 2.0), (3.0, 5.0)]) == (4.0, 7.0)
    assert bill_bounds([(1.0, 2.0), None]) is None and bill_bounds([]) is None

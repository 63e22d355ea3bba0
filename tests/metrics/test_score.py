"""score_catalog on synthetic parks (hand-checkable) and on the shipped catalog."""

import math

import numpy as np
import pytest

from metrics.brief import TEMPLATE_DIR, load_brief, load_template
from metrics.errors import BriefError, ScoringError
from metrics.messages import Message, message
from metrics.score import score_catalog
from report.i18n import render_message
from sites.prices import load_prices
from tests.metrics.conftest import FakePrices, brief_from, make_park


def english(m: Message) -> str:
    return render_message(m, "en")


class Cat:
    def __init__(self, *parks):
        self.parks = tuple(parks)


PARKS = Cat(
    make_park("good", free_land_ha=100, heavy_chem_zoning=True),
    make_park("cheap", free_land_ha=60, heavy_chem_zoning=True),
    make_park("small", free_land_ha=10, heavy_chem_zoning=True),
    make_park("unzoned", free_land_ha=100),
)
LEASE = ("land_lease", "")
PRICES = FakePrices({"good": {("water_price", ""): 2.0, LEASE: 0.01},
                     "cheap": {("water_price", ""): 1.0, LEASE: 0.01},
                     "small": {("water_price", ""): 0.5, LEASE: 0.01},
                     "unzoned": {("water_price", ""): 0.5, LEASE: 0.01}})


def _brief(**extra):
    return brief_from(plant={"land_ha": 40, "water_m3_a": 1000}, must_haves=["land", "zoning"],
                      weights={"annual_bill_eur": 1, "land_margin_ha": 1}, **extra)


@pytest.mark.parametrize("method", ["topsis", "wsm", "vikor", "promethee"])
def test_failing_sites_are_last_with_reasons(method):
    r = score_catalog(PARKS, PRICES, _brief(), method=method)
    ids = [s.id for s in r.sites]
    assert ids[:2] in (["good", "cheap"], ["cheap", "good"])
    by = {s.id: s for s in r.sites}
    assert tuple(map(english, by["small"].reasons)) == (
        "Free land for new investment 10 ha < 40 ha needed",)
    assert tuple(map(english, by["unzoned"].reasons)) == ("zoning for hazardous chemicals unknown",)
    assert by["small"].score is None and by["small"].rank is None
    assert by["small"].annual_bill_eur == pytest.approx(500.0 + 4000.0)  # still billed
    assert r.criteria_used == ("annual_bill_eur", "land_margin_ha")


def test_two_passing_sites_by_hand():
    """WSM min-max, equal weights: good = (2000 + 4000 EUR, 60 ha), cheap = (1000 + 4000 EUR,
    20 ha) (water + lease of 40 ha at 0.01 EUR/m2/a): each
    best on one criterion -> tie at 0.5; contributions name the criterion that carries each."""
    r = score_catalog(PARKS, PRICES, _brief(), method="wsm")
    by = {s.id: s for s in r.sites}
    assert by["good"].score == pytest.approx(0.5) and by["cheap"].score == pytest.approx(0.5)
    assert by["good"].contributions == {"annual_bill_eur": 0.0, "land_margin_ha": 0.5}
    assert by["cheap"].rank == by["good"].rank == 1


def test_unknown_criterion_is_imputed_worst_and_named():
    parks = Cat(make_park("a", free_land_ha=100, heavy_chem_zoning=True),
                make_park("b", free_land_ha=60, heavy_chem_zoning=True),
                make_park("c", heavy_chem_zoning=True, grid_capacity_mw=5))
    b = brief_from(plant={"land_ha": 40}, weights={"land_margin_ha": 1, "grid_capacity_mw": 1})
    r = score_catalog(parks, FakePrices({}), b, method="wsm")
    by = {s.id: s for s in r.sites}
    assert by["c"].imputed == ("land_margin_ha",)
    assert "grid_capacity_mw" in by["a"].imputed
    ids, x, t = r.decision_matrix()
    assert x.shape == (3, 2) and t == "++"
    assert x[ids.index("a"), 1] == 5.0  # grid unknown at a: worst known (c's 5 MW)


def test_constant_and_unknown_criteria_are_dropped_and_reported():
    b = brief_from(plant={"land_ha": 40}, weights={"completeness": 1, "workforce": 1,
                                                   "land_margin_ha": 1})
    b = brief_from(plant={"land_ha": 40}, must_haves=["land", "zoning"],
                   weights={"completeness": 1, "workforce": 1, "land_margin_ha": 1})
    r = score_catalog(PARKS, FakePrices({}), b)
    assert dict(r.dropped) == {
        "completeness": message("dropped_constant", criterion="completeness"),
        "workforce": message("dropped_unknown", criterion="workforce")}
    assert english(dict(r.dropped)["completeness"]) == "equal for every passing site"


def test_bad_weights_and_method():
    with pytest.raises(BriefError, match="unknown criteria"):
        score_catalog(PARKS, PRICES, brief_from(weights={"beauty": 1}))
    with pytest.raises(ScoringError, match="method must be one of"):
        score_catalog(PARKS, PRICES, _brief(), method="electre")


def test_shipped_catalog_with_example_brief(catalog):
    b = load_brief(TEMPLATE_DIR / "examples" / "pcam_illustrative.toml")
    r = score_catalog(catalog, load_prices(), b)
    assert len(r.sites) == len(catalog.parks)
    ranked = [s for s in r.sites if s.rank is not None]
    assert ranked and ranked[0].rank == 1
    for s in r.sites:
        assert s.passes == (not s.reasons)
        if s.score is not None:
            assert math.isfinite(s.score)
            assert np.isfinite(list(s.contributions.values())).all()
    frame = r.to_frame()
    assert {"id", "passes", "reasons", "score", "rank", "annual_bill_eur", "co2_t"} <= set(
        frame.columns)


def test_every_template_scores_the_shipped_catalog(catalog):
    """Every site passing a template's must-haves gets a finite score and a rank, every other
    site its reasons; checked leniently (unknown facts pass), every template ranks some site."""
    prices = load_prices()
    for name in ("pcam", "cam", "lioh", "black_mass", "cell", "generic_chemical", "custom"):
        for strict in (True, False):
            r = score_catalog(catalog, prices, load_template(name), unknown_fails=strict)
            assert len(r.sites) == len(catalog.parks)
            for s in r.sites:
                if s.passes:
                    assert s.rank is not None and math.isfinite(s.score), (name, s.id)
                else:
                    assert s.reasons and s.rank is None, (name, s.id)
            assert strict or any(s.passes for s in r.sites), name


def test_robustness_on_a_scored_catalog(catalog):
    from metrics.robustness import rank_acceptability, weight_intervals

    b = load_brief(TEMPLATE_DIR / "examples" / "pcam_illustrative.toml")
    r = score_catalog(catalog, load_prices(), b)
    ids, x, t = r.decision_matrix()
    acc = rank_acceptability(x, t, r.weights, rng=np.random.default_rng(5), samples=2000,
                             concentration=20.0, method=r.method,
                             normalization=r.normalization)
    assert acc.first.sum() == pytest.approx(1.0)
    top = ids.index(r.sites[0].id)
    assert acc.first[top] == acc.first.max()
    ivs = weight_intervals(x, t, r.weights, method=r.method, normalization=r.normalization)
    assert all(iv.top == top and iv.low <= iv.weight <= iv.high for iv in ivs)

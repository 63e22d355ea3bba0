"""What a park can change to pass or to rank higher, re-scored one change at a time.

The parks, prices and briefs here are synthetic test data (``make_park``, ``FakePrices``), built so
that every expected number can be checked by hand; the last tests run the shipped catalog and
check the shortcut of :class:`metrics.levers.Rescorer` against the full scoring pipeline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

import pytest

from metrics.brief import load_template
from metrics.levers import (
    Fix,
    Lever,
    PriceOverride,
    Rescorer,
    apply_fixes,
    must_have_fixes,
    park_levers,
    pass_plan,
    with_facts,
)
from metrics.score import evaluate_catalog, rank_evaluation, score_catalog
from report.i18n import render_message
from scenario import Scenario
from sites.prices import QUANTITIES, load_prices
from tests.metrics.conftest import FakePrices, brief_from, make_park

TODAY = dt.date(2026, 12, 2)


def _rescorer(parks, prices, brief, *, unknown_fails=True, method="wsm") -> Rescorer:
    catalog = SimpleNamespace(parks=tuple(parks))
    evaluation = evaluate_catalog(catalog, prices, brief, unknown_fails=unknown_fails)
    return Rescorer(evaluation, prices, brief, method=method, unknown_fails=unknown_fails)


def test_price_lever_by_hand():
    """Bill = 100,000 m3/a x water price, the only criterion: A 1.00 (100k EUR), B 2.00 (200k),
    C 3.50 (350k), so C ranks 3rd. Any price below 2.00 beats B: bisection from 3.50 towards
    the cheapest other park's 1.00 ends at 1.99975..., rounded down to three digits 1.99 (a bill
    of 199k EUR: rank 2). At A's 1.00 C ties A for rank 1."""
    parks = [make_park(p) for p in "abc"]
    prices = FakePrices({"a": {("water_price", ""): 1.0}, "b": {("water_price", ""): 2.0},
                         "c": {("water_price", ""): 3.5}})
    brief = brief_from(plant={"water_m3_a": 100_000}, weights={"annual_bill_eur": 1})
    rescorer = _rescorer(parks, prices, brief)
    assert [s.rank for s in rescorer.score(parks[2]).sites] == [1, 2, 3]
    levers = park_levers(rescorer, parks[2], today=TODAY)
    assert levers == (Lever("price", "water_price", "EUR/m3", 3.5, 1.99, 2, 3, 1.0, 1),)
    assert rescorer.rank(parks[2], price=("water_price", 2.01)) == 3  # just above B: no lift
    text = render_message(levers[0].message(), "en")
    assert text == "Water: price 1.99 €/m³ (now 3.5 €/m³) → rank 2"
    best = levers[0].best_message()
    assert best is not None
    assert render_message(best, "en") == "at 1 €/m³, the best another park offers: rank 1"
    assert park_levers(rescorer, parks[0], today=TODAY) == ()  # already first
    (tie,) = park_levers(rescorer, parks[1], today=TODAY)  # B reaches first only by tying A
    assert (tie.value, tie.rank, tie.best_value) == (1.0, 1, None)


def test_land_lever_is_capped_by_the_park_own_area():
    """Land need 40 + 5 ha; free land A 100, B 62, C 50 ha (margins 55, 17, 5). C beats B above
    62 ha: bisection from 50 towards the cap ends at 62.0019..., rounded up to 62.1 ha. The
    cap is C's own total area (70 ha), not A's 100 ha, and 70 ha still trails A: no best."""
    parks = [make_park("a", free_land_ha=100), make_park("b", free_land_ha=62),
             make_park("c", free_land_ha=50, total_area_ha=70)]
    brief = brief_from(plant={"land_ha": 40, "expansion_ha": 5}, must_haves=["land"],
                       weights={"land_margin_ha": 1})
    rescorer = _rescorer(parks, FakePrices({}), brief)
    levers = park_levers(rescorer, parks[2], today=TODAY)
    assert levers == (Lever("land", "free_land_ha", "ha", 50.0, 62.1, 2, 3),)
    assert render_message(levers[0].message(), "en") == \
        "Free land for new investment: 62.1 ha (now 50 ha) → rank 2"


def test_largest_plot_lever_raises_free_land_with_it():
    """The land check reads the largest free plot when it is known; a plot larger than the free
    land raises the free land too (a plot never exceeds it)."""
    parks = [make_park("a", free_land_ha=100), make_park("b", free_land_ha=30), make_park(
        "c", free_land_ha=50, largest_free_plot_ha=50, total_area_ha=200)]
    brief = brief_from(plant={"land_ha": 40}, weights={"land_margin_ha": 1})
    rescorer = _rescorer(parks, FakePrices({}), brief)
    (lever,) = park_levers(rescorer, parks[2], today=TODAY)
    assert (lever.name, lever.current, lever.rank) == ("largest_free_plot_ha", 50.0, 1)
    assert lever.value == 100.0  # a tie with A at 100 ha is the first place reached


def test_service_levers_by_hand():
    """Utilities not confirmed (the plant needs process water): A 0, B 1 (unknown), C 1 (no),
    so B and C tie for rank 2; either one confirming or offering it ties A for rank 1."""
    parks = [make_park("a", utility_process_water=True), make_park("b"),
             make_park("c", utility_process_water=False)]
    brief = brief_from(plant={"water_m3_a": 1000}, weights={"utilities_missing": 1})
    rescorer = _rescorer(parks, FakePrices({}), brief)
    assert park_levers(rescorer, parks[2], today=TODAY) == (
        Lever("service", "utility_process_water", "yes/no", 0.0, 1.0, 1, 2),)
    (unknown,) = park_levers(rescorer, parks[1], today=TODAY)
    assert unknown.current is None
    assert render_message(unknown.message(), "en") == \
        "Process water on site: confirm it (now unknown) → rank 1"


def test_fixes_for_a_failing_park_by_hand():
    """D fails three must-haves: free land 30 < 40 + 5 ha, grid capacity unknown (peak 20 MW),
    no rail. With 45 ha, 20 MW and rail it passes with a land margin of 0 against A's 55: rank
    2. Lenient checking lets the unknown grid through, so only two fixes remain."""
    a = make_park("a", free_land_ha=100, grid_capacity_mw=50, rail_connection=True)
    d = make_park("d", free_land_ha=30, rail_connection=False)
    brief = brief_from(plant={"land_ha": 40, "expansion_ha": 5, "peak_mw": 20},
                       must_haves=["land", "grid", "rail"], weights={"land_margin_ha": 1})
    rescorer = _rescorer([a, d], FakePrices({}), brief)
    plan = pass_plan(rescorer, d, today=TODAY)
    assert plan.fixes == (Fix("land", "free_land_ha", 45.0, 30.0, True, "ha"),
                          Fix("grid", "grid_capacity_mw", 20.0, None, False, "MW"),
                          Fix("rail", "rail_connection", None, None, True))
    assert plan.rank == 2
    assert [render_message(f.message(), "en") for f in plan.fixes] == [
        "Free land for new investment ≥ 45 ha (now 30 ha)",
        "Available grid capacity: unknown, publish it (≥ 20 MW needed)",
        "Rail connection: yes needed (now no)"]
    rank = plan.rank_message()
    assert rank is not None and render_message(rank, "fi").endswith("sijalla 2.")
    fixed = apply_fixes(d, plan.fixes, today=TODAY)
    assert (fixed.number("free_land_ha"), fixed.number("grid_capacity_mw"),
            fixed.flag("rail_connection")) == (45.0, 20.0, True)
    assert d.number("free_land_ha") == 30.0  # the catalog's park is untouched
    assert pass_plan(rescorer, a, today=TODAY).fixes == ()
    assert [f.must for f in must_have_fixes(d, brief, unknown_fails=False)] == ["land", "rail"]


def test_a_fixed_plot_raises_free_land_too():
    d = make_park("d", free_land_ha=30, largest_free_plot_ha=20)
    brief = brief_from(plant={"land_ha": 40}, must_haves=["land"])
    (fix,) = must_have_fixes(d, brief)
    assert (fix.fact, fix.need, fix.have) == ("largest_free_plot_ha", 40.0, 20.0)
    fixed = apply_fixes(d, (fix,), today=TODAY)
    assert (fixed.number("largest_free_plot_ha"), fixed.number("free_land_ha")) == (40.0, 40.0)


@pytest.fixture(scope="module")
def shipped():
    """The shipped catalog and prices under the pCAM template's defaults (lenient checks)."""
    from sites import load_catalog

    catalog, prices = load_catalog(), load_prices(strict=False)
    template = load_template("pcam")
    brief = Scenario.for_template(template).brief(template)
    evaluation = evaluate_catalog(catalog, prices, brief, unknown_fails=False)
    rescorer = Rescorer(evaluation, prices, brief, method="topsis", unknown_fails=False)
    return catalog, prices, brief, rescorer


def test_rescoring_without_a_change_is_the_ranking(shipped):
    catalog, _prices, brief, rescorer = shipped
    direct = rank_evaluation(rescorer.evaluation, brief.weights, method="topsis")
    again = rescorer.score(catalog.by_id("gigavaasa"))
    assert [(s.id, s.rank, s.score) for s in again.sites] == \
        [(s.id, s.rank, s.score) for s in direct.sites]


def test_levers_of_a_shipped_park_match_the_full_pipeline(shipped):
    """Every lever of a mid-table park gains a place; each, applied to the catalog and scored
    from scratch (the full pipeline, no evaluation reused), reaches the same rank."""
    catalog, prices, brief, rescorer = shipped
    ranked = [s for s in rescorer.score(catalog.parks[0]).sites if s.rank is not None]
    park = catalog.by_id(ranked[len(ranked) // 2].id)
    levers = park_levers(rescorer, park, today=TODAY)
    assert levers and all(lv.rank < lv.rank_before for lv in levers)
    distances = {r.park.id: {k: r.criteria[k] for k in ("raw_material_km", "customer_km")}
                 for r in rescorer.evaluation.records}
    checked = 0
    for lever in levers:
        source: object = prices
        changed = park
        if lever.kind == "price":
            fact = QUANTITIES[lever.name].park_fact
            if lever.current is None and fact is not None:
                changed = with_facts(park, {fact: lever.value}, today=TODAY)  # published
            source = PriceOverride(prices, park.id, lever.name, lever.value)
        else:
            values: dict[str, object] = {lever.name: True if lever.kind == "service"
                                         else lever.value}
            if lever.name == "largest_free_plot_ha" and (park.number("free_land_ha") or 0) < \
                    lever.value:
                values["free_land_ha"] = lever.value
            changed = with_facts(park, values, today=TODAY)  # type: ignore[arg-type]
        full = score_catalog(catalog.replace_park(changed), source, brief, method="topsis",
                             unknown_fails=False, distances=distances)
        assert next(s.rank for s in full.sites if s.id == park.id) == lever.rank, lever
        checked += 1
    assert checked == len(levers)


def test_a_not_applicable_fact_cannot_be_fixed():
    """An inland park marks its port draught not applicable: no figure of its own meets a
    draught must-have, so the fix says so and no rank is promised."""
    from sites.model import Fact
    from sites.schema import Status

    inland = make_park("inland", free_land_ha=100)
    facts = dict(inland.facts)
    facts["port_max_draught_m"] = Fact("port_max_draught_m", None, "m", Status.NOT_APPLICABLE,
                                       note="inland park (synthetic test data)")
    inland = dataclasses.replace(inland, facts=facts)
    brief = brief_from(plant={"vessel_draught_m": 10}, must_haves=["draught"],
                       weights={"completeness": 1})
    rescorer = _rescorer([make_park("a", port_max_draught_m=12), inland], FakePrices({}), brief)
    plan = pass_plan(rescorer, inland, today=TODAY)
    assert plan.fixes == (Fix("draught", "port_max_draught_m", 10.0, None, True, "m", False),)
    assert plan.rank is None and plan.rank_message() is None
    assert render_message(plan.fixes[0].message(), "en").startswith(
        "Port maximum authorised draught: not applicable to this park")

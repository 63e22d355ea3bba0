"""Criteria per site and must-have reasons as message codes (and their English text)."""

import pytest

from metrics.brief import Place
from metrics.criteria import CRITERIA, mean_distance, must_have_reasons, site_criteria
from metrics.messages import message
from report.i18n import render_message
from sites.prices import PriceQuote
from tests.metrics.conftest import brief_from, make_park


def test_must_have_reasons_are_codes_with_english_text():
    b = brief_from(plant={"land_ha": 30, "expansion_ha": 10, "vessel_draught_m": 12,
                          "peak_mw": 50}, must_haves=["land", "draught", "grid", "rail", "zoning"])
    park = make_park("p", free_land_ha=20, grid_capacity_mw=80, rail_connection=False)
    reasons = must_have_reasons(park, b)
    assert reasons == (
        message("must_short", must="land", fact="free_land_ha", have=20.0, need=40.0,
                unit="ha"),
        message("must_unknown", must="draught"), message("must_missing", must="rail"),
        message("must_unknown", must="zoning"))
    assert tuple(render_message(r, "en") for r in reasons) == (
        "Free land for new investment 20 ha < 40 ha needed", "fairway draught unknown",
        "no rail connection",
        "zoning for hazardous chemicals unknown")


def test_land_reason_names_the_fact_it_checked():
    """Review finding: Pori 'fails: free land 21 ha' while the check read the largest plot."""
    b = brief_from(plant={"land_ha": 45}, must_haves=["land"])
    park = make_park("p", free_land_ha=200, largest_free_plot_ha=21)
    (reason,) = must_have_reasons(park, b)
    assert render_message(reason, "en") == "Largest free contiguous plot 21 ha < 45 ha needed"
    assert reason.params["fact"] == "largest_free_plot_ha"


def test_passing_park_has_no_reasons():
    b = brief_from(plant={"land_ha": 30}, must_haves=["land", "water"])
    park = make_park("p", free_land_ha=50, utility_process_water=True)
    assert must_have_reasons(park, b) == ()


def test_criteria_values_units_and_directions():
    b = brief_from(plant={"land_ha": 30, "vessel_draught_m": 11, "electricity_gwh_a": 100,
                          "water_m3_a": 10, "heat_gwh_a": 5},
                   raw_materials=[{"name": "ore", "lat": 64.0, "lon": 23.0}])
    park = make_park("p", free_land_ha=50, port_max_draught_m=14, utility_process_water=True,
                     utility_steam=False)
    co2 = PriceQuote("co2_intensity", 79.2, "gCO2/kWh", "country", "FI", "", "2023", "u", "2023",
                     "published")
    c = site_criteria(park, b, bill_eur=1e6, co2_intensity=co2, parks={},
                      distance=lambda a, b, c, d: abs(a - c) * 111.0)
    assert set(c) == set(CRITERIA)
    assert c["land_margin_ha"] == 20 and c["draught_margin_m"] == 3
    assert c["co2_t_a"] == pytest.approx(7920.0)  # 100 GWh x 79.2 g/kWh
    assert c["utilities_missing"] == 1.0  # steam missing, water present
    assert c["raw_material_km"] == pytest.approx(111.0)
    assert all(spec.direction in "+-" and spec.unit for spec in CRITERIA.values())


def test_mean_distance_weighted_and_unknown_place():
    park = make_park("p", lat=60.0, lon=25.0)
    far = make_park("far", lat=62.0, lon=25.0)
    places = [Place("a", lat=61.0, lon=25.0, t_a=1), Place("b", park="far", t_a=3)]
    d = mean_distance(park, places, {"far": far}, lambda a, b, c, d: abs(a - c))
    assert d == pytest.approx((1 * 1 + 2 * 3) / 4)
    assert mean_distance(park, [Place("x", park="missing")], {}, lambda *a: 0.0) is None


def test_workforce_catchment_from_geodata(catalog):
    from metrics.criteria import workforce_catchment

    pop = workforce_catchment(catalog, radius_km=60.0)
    assert set(pop) == set(catalog.ids)
    assert pop["kokkola-kip"] > 0  # Kokkola itself has more than 15,000 inhabitants
    assert all(v >= 0 for v in pop.values())
    # the radius counts: Kokkola's 60 km hold Kokkola and Pietarsaari but not Vaasa (about
    # 110 km) or Oulu (about 175 km); Porvoo's hold Helsinki (about 40 km)
    assert 15_000 <= pop["kokkola-kip"] < 150_000
    assert pop["porvoo-kilpilahti"] > 1_000_000
    assert workforce_catchment(catalog, radius_km=200.0)["kokkola-kip"] > pop["kokkola-kip"]


def test_a_fact_marked_not_applicable_fails_its_must_have_even_when_lenient():
    """An inland park's port draught is not applicable: the draught must-have fails (no port),
    it is not an unknown let through as unconfirmed."""
    import dataclasses

    from sites.schema import Status

    park = make_park("inland", free_land_ha=100)
    facts = dict(park.facts)
    facts["port_max_draught_m"] = dataclasses.replace(facts["port_max_draught_m"],
                                                      status=Status.NOT_APPLICABLE)
    facts["utility_process_water"] = dataclasses.replace(facts["utility_process_water"],
                                                         status=Status.NOT_APPLICABLE)
    inland = dataclasses.replace(park, facts=facts)
    b = brief_from(plant={"vessel_draught_m": 10}, must_haves=["draught", "water", "rail"])
    assert must_have_reasons(inland, b, unknown_fails=False) == (
        message("must_missing", must="draught"), message("must_missing", must="water"))
    assert message("must_unknown", must="rail") in must_have_reasons(inland, b)

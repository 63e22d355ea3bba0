"""What-if edits make a new park and never touch the original."""

from __future__ import annotations

import datetime as dt

from sites import load_catalog
from sites.schema import Status
from sites.whatif import apply_edits, changed, editable_frame

TODAY = dt.date(2026, 11, 27)


def test_edits_create_estimates_on_a_copy():
    kip = load_catalog().by_id("kokkola-kip")
    edited = apply_edits(kip, {"grid_capacity_mw": 250.0, "free_land_ha": 70.0}, today=TODAY)
    assert edited.number("grid_capacity_mw") == 250.0
    assert edited.fact("grid_capacity_mw").status is Status.ESTIMATE
    assert kip.number("grid_capacity_mw") is None  # original untouched
    assert changed(kip, edited) == ("grid_capacity_mw",)  # 70 ha equals the published value


def test_out_of_range_and_nan_are_ignored():
    kip = load_catalog().by_id("kokkola-kip")
    edited = apply_edits(kip, {"port_max_draught_m": 99.0, "grid_capacity_mw": float("nan")},
                         today=TODAY)
    assert changed(kip, edited) == ()


def test_editable_frame_marks_unknown_as_nan():
    frame = editable_frame(load_catalog().by_id("kokkola-kip"))
    row = frame.set_index("fact").loc["grid_capacity_mw"]
    assert row["unit"] == "MW" and row["value"] != row["value"]


def test_a_plot_larger_than_the_park_is_refused_with_field_value_and_limit():
    """The issue's case: a 2,160 ha plot in a park of 700 ha total area."""
    from sites.whatif import check_edits

    kip = load_catalog().by_id("kokkola-kip")
    (refusal,) = check_edits(kip, {"largest_free_plot_ha": 2160.0})
    assert (refusal.code, refusal.fact, refusal.value) == ("whatif_exceeds",
                                                           "largest_free_plot_ha", 2160.0)
    assert (refusal.other, refusal.limit) == ("free_land_ha", 70.0)  # the free land first
    assert refusal.unit == "ha"
    edited = apply_edits(kip, {"largest_free_plot_ha": 2160.0}, today=TODAY)
    assert changed(kip, edited) == ()


def test_plot_against_total_area_when_free_land_is_unknown():
    from sites.whatif import check_edits

    park = load_catalog().by_id("gigavaasa")  # 1,000 ha total, free land unknown
    (refusal,) = check_edits(park, {"largest_free_plot_ha": 2160.0})
    assert (refusal.other, refusal.limit) == ("total_area_ha", 1000.0)
    assert check_edits(park, {"largest_free_plot_ha": 150.0}) == ()


def test_free_land_larger_than_total_area_and_edited_pairs():
    from sites.whatif import check_edits

    kip = load_catalog().by_id("kokkola-kip")
    (too_big,) = check_edits(kip, {"free_land_ha": 900.0})
    assert (too_big.code, too_big.other, too_big.limit) == ("whatif_exceeds", "total_area_ha",
                                                            700.0)
    both = check_edits(kip, {"free_land_ha": 100.0, "largest_free_plot_ha": 120.0})
    assert [(r.fact, r.limit) for r in both] == [("largest_free_plot_ha", 100.0)]
    ok = apply_edits(kip, {"free_land_ha": 100.0, "largest_free_plot_ha": 80.0}, today=TODAY)
    assert changed(kip, ok) == ("free_land_ha", "largest_free_plot_ha")


def test_shrinking_free_land_below_the_largest_plot_is_refused():
    from sites.whatif import check_edits

    park = load_catalog().by_id("gigavaasa")  # largest plot at most 200 ha: allows 0..200
    assert check_edits(park, {"free_land_ha": 10.0}) == ()
    kip = apply_edits(load_catalog().by_id("kokkola-kip"), {"largest_free_plot_ha": 50.0},
                      today=TODAY)
    (refusal,) = check_edits(kip, {"free_land_ha": 20.0})
    assert (refusal.code, refusal.fact, refusal.other, refusal.limit) == (
        "whatif_below", "free_land_ha", "largest_free_plot_ha", 50.0)


def test_negative_and_out_of_schema_values_name_the_range():
    from sites.whatif import check_edits

    kip = load_catalog().by_id("kokkola-kip")
    refused = check_edits(kip, {"grid_capacity_mw": -5.0, "port_max_draught_m": 99.0,
                                "land_price_eur_m2": 0.0})
    assert [(r.code, r.fact, r.value, r.low, r.high) for r in refused] == [
        ("whatif_range", "port_max_draught_m", 99.0, 0, 25),
        ("whatif_range", "grid_capacity_mw", -5.0, 0, 10_000),
        ("whatif_range", "land_price_eur_m2", 0.0, 0.1, 1_000)]


def test_unchanged_values_are_never_refused():
    from sites.whatif import EDITABLE, check_edits

    for park in load_catalog():
        assert check_edits(park, {name: park.number(name) for name in EDITABLE}) == (), park.id

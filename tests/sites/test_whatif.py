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

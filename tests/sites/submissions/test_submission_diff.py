"""Diff of a submitted park against the current one."""

from __future__ import annotations

import copy
from typing import Any

from sites.model import Park
from sites.profile import parse_profile
from sites.submissions import ChangeKind, diff_parks
from tests.support.clock import DATA_TODAY

TODAY = DATA_TODAY


def _park(data: dict[str, Any]) -> Park:
    result = parse_profile(data, origin="t", today=TODAY)
    assert result.park is not None, result.problems
    return result.park


def test_changed_added_removed_and_unchanged(kip: Park, kip_data: dict[str, Any]) -> None:
    data = copy.deepcopy(kip_data)
    data["facts"]["free_land_ha"] |= {"value": 50, "source": "https://kip.fi/land"}
    data["facts"]["steam_price_eur_mwh"] = {"value": 35, "unit": "EUR/MWh",
                                            "status": "estimate", "as_of": "2026",
                                            "source": "https://kip.fi/steam"}
    data["facts"]["employees"] = {"unit": "persons", "status": "unknown",
                                  "checked": "2026-12-01", "note": "Not on kip.fi any more."}
    data["name"] = "KIP"
    changes = {c.field: c for c in diff_parks(kip, _park(data))}
    land = changes["facts.free_land_ha"]
    assert (land.kind, land.old_value, land.new_value) == (ChangeKind.CHANGED, "≤ 70 ha",
                                                            "≤ 50 ha")
    assert land.old_source.startswith("https://www.coastline.fi")
    assert land.new_source == "https://kip.fi/land"
    steam = changes["facts.steam_price_eur_mwh"]
    assert (steam.kind, steam.old_value, steam.new_status) == (ChangeKind.ADDED, "unknown",
                                                                 "estimate")
    assert changes["facts.employees"].kind is ChangeKind.REMOVED
    assert changes["name"].old_value == "Kokkola Industrial Park (KIP)"
    assert set(changes) == {"facts.free_land_ha", "facts.steam_price_eur_mwh",
                            "facts.employees", "name"}


def test_identical_park_has_no_changes_unless_asked(kip: Park) -> None:
    assert diff_parks(kip, kip) == ()
    every = diff_parks(kip, kip, include_unchanged=True)
    assert {c.kind for c in every} == {ChangeKind.UNCHANGED} and len(every) > 29


def test_new_park_is_all_additions(kip: Park) -> None:
    kinds = {c.kind for c in diff_parks(None, kip)}
    assert kinds == {ChangeKind.ADDED}

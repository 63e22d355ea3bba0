"""The Find page opens the park picked last, whether by a map click or a table row."""

from __future__ import annotations

from typing import Any

from ui.pick import chosen, offer


def _run(state: dict[str, Any], *, map_pick: str | None, row_pick: str | None) -> str | None:
    """One rerun of the Find page: the map reports first, then the table (as on the page)."""
    offer(state, "map", map_pick)
    offer(state, "table", row_pick)
    return chosen(state)


def test_a_map_click_wins_over_a_row_that_stays_selected() -> None:
    state: dict[str, Any] = {}
    assert _run(state, map_pick=None, row_pick="kip") == "kip"
    # the row stays selected; the user clicks another park on the map
    assert _run(state, map_pick="pori", row_pick="kip") == "pori"
    # an unrelated rerun (a weight change): both keep reporting, nothing changes
    assert _run(state, map_pick="pori", row_pick="kip") == "pori"
    # a new row wins over the map's old click
    assert _run(state, map_pick="pori", row_pick="vaasa") == "vaasa"
    assert _run(state, map_pick="pori", row_pick="vaasa") == "vaasa"


def test_deselecting_a_row_keeps_the_chosen_park_and_no_pick_chooses_none() -> None:
    state: dict[str, Any] = {}
    assert _run(state, map_pick=None, row_pick=None) is None
    assert _run(state, map_pick=None, row_pick="kip") == "kip"
    assert _run(state, map_pick=None, row_pick=None) == "kip"
    # selecting the same row again after deselecting it is a new pick
    assert _run(state, map_pick="pori", row_pick=None) == "pori"
    assert _run(state, map_pick="pori", row_pick="kip") == "kip"

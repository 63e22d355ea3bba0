"""Map clicks: the clicked marker's tooltip names the park; else the nearest park."""

from __future__ import annotations

import pandas as pd

from ui.mapview import clicked_park, park_at

PARKS = pd.DataFrame({"id": ["kip", "pori", "pori-2"],
                      "name": ["Kokkola Industrial Park (KIP)", "Pori", "Pori harbour"],
                      "lat": [63.8435, 61.6, 61.63], "lon": [23.0298, 21.47, 21.5]})


def test_tooltip_text_identifies_the_park():
    state = {"last_object_clicked_tooltip": "Kokkola Industrial Park (KIP) Score: 0.75",
             "last_object_clicked": {"lat": 63.9, "lng": 23.1}}
    assert clicked_park(state, PARKS) == "kip"


def test_ambiguous_tooltip_falls_back_to_nearest_position():
    state = {"last_object_clicked_tooltip": "Pori harbour",
             "last_object_clicked": {"lat": 61.631, "lng": 21.499}}
    assert clicked_park(state, PARKS) == "pori-2"


def test_no_click_or_garbage_gives_none():
    assert clicked_park(None, PARKS) is None
    assert clicked_park({"last_object_clicked": {"lat": "x", "lng": None}}, PARKS) is None
    assert park_at(PARKS, 10.0, 10.0) is None  # far from every park

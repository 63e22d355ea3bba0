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


def test_a_finnish_tooltip_names_the_park_in_finnish():
    parks = PARKS.assign(name_fi=["Kokkolan suurteollisuusalue", "", ""],
                         name_sv=["Karleby storindustriområde", "", ""])
    state = {"last_object_clicked_tooltip": "Kokkolan suurteollisuusalue Pisteet: 0,75"}
    assert clicked_park(state, parks, language="fi") == "kip"
    state = {"last_object_clicked_tooltip": "Pori harbour Pisteet: 0,4",
             "last_object_clicked": {"lat": 61.631, "lng": 21.499}}
    assert clicked_park(state, parks, language="fi") == "pori-2"  # no Finnish name: its own


def test_map_words_come_from_the_catalog_in_each_language():
    from ui.mapview import map_text

    fi, sv = map_text("fi"), map_text("sv")
    assert (fi.fails, sv.fails) == ("Ei täytä", "Uppfyller inte")
    assert fi.number(0.7519) == "0,752" and map_text("en").number(0.7519) == "0.752"
    assert fi.layers["ports"] == "Satamat"
    assert fi.values is not None and fi.values("customers", "type", "cell plant") == \
        "akkukennotehdas"
    assert fi.values("universities", "fields", "chemistry") is None  # free text as compiled
    assert fi.draw is not None
    assert fi.draw["draw"]["toolbar"]["buttons"]["polygon"] == "Piirrä monikulmio"

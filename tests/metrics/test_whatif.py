"""Refused what-if edits as messages: fact, value and limit, in every language."""

from __future__ import annotations

import datetime as dt

import pytest

from metrics.whatif import refused_edits
from report.i18n import LANGUAGES, render_message
from sites import load_catalog
from sites.whatif import apply_edits


def test_messages_name_fact_value_and_limit():
    kip = load_catalog().by_id("kokkola-kip")
    plot, draught = refused_edits(kip, {"largest_free_plot_ha": 2160.0,
                                        "port_max_draught_m": 99.0})
    assert plot.code == "whatif_exceeds" and dict(plot.params) == {
        "fact": "largest_free_plot_ha", "value": 2160.0, "unit": "ha", "limit": 70.0,
        "other": "free_land_ha"}
    assert draught.code == "whatif_range" and (draught.params["low"],
                                               draught.params["high"]) == (0, 25)
    assert render_message(plot, "en") == ("Largest free contiguous plot: 2,160 ha is larger "
                                          "than Free land for new investment (70 ha); "
                                          "not applied")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_refusal_renders_in_every_language(language):
    kip = load_catalog().by_id("kokkola-kip")
    park = apply_edits(kip, {"largest_free_plot_ha": 50.0}, today=dt.date(2026, 12, 2))
    messages = (*refused_edits(kip, {"free_land_ha": 900.0, "grid_capacity_mw": -1.0}),
                *refused_edits(park, {"free_land_ha": 10.0}))
    assert {m.code for m in messages} == {"whatif_exceeds", "whatif_range", "whatif_below"}
    for m in messages:
        text = render_message(m, language)
        assert "{" not in text and "fact." not in text and ("ha" in text or "MW" in text)

"""What-if editing of one park's figures, kept only for the visit (session state)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

import pandas as pd

from sites.model import Fact, Park
from sites.schema import FACTS, Kind, Status

EDITABLE: tuple[str, ...] = (
    "free_land_ha", "largest_free_plot_ha", "port_max_draught_m", "quay_distance_km",
    "grid_capacity_mw", "land_price_eur_m2", "lease_price_eur_m2_a", "steam_price_eur_mwh",
    "water_price_eur_m3", "wastewater_price_eur_m3",
)
WHATIF_NOTE = "what-if value entered for this visit only"


def editable_frame(park: Park) -> pd.DataFrame:
    """The park's editable numeric facts (NaN when unknown)."""
    return pd.DataFrame({
        "fact": list(EDITABLE),
        "value": [park.number(name) for name in EDITABLE],
        "unit": [FACTS[name].unit for name in EDITABLE],
    }).astype({"value": float})


def apply_edits(park: Park, edited: Mapping[str, float | None], *, today: dt.date) -> Park:
    """A new park with the edited figures as estimates (the original is untouched).

    Values outside the schema's plausible range are ignored.
    """
    facts = dict(park.facts)
    for name, value in edited.items():
        spec = FACTS.get(name)
        if spec is None or spec.kind is not Kind.NUMBER or value is None or value != value:
            continue
        if spec.minimum is not None and spec.maximum is not None and \
                not spec.minimum <= float(value) <= spec.maximum:
            continue
        if park.number(name) == float(value):
            continue
        facts[name] = Fact(name, float(value), spec.unit, Status.ESTIMATE, today,
                           today.isoformat(), None, WHATIF_NOTE)
    return dataclasses.replace(park, facts=facts)


def changed(park: Park, edited: Park) -> tuple[str, ...]:
    return tuple(n for n in EDITABLE if park.facts[n] != edited.facts[n])

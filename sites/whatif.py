"""What-if editing of one park's figures, kept only for the visit (session state).

Edits are checked against the catalog's own rules before they apply (:func:`check_edits`): a
value outside the schema's range, or a land figure larger than the one containing it (the
largest plot in the free land and the total area, the free land in the total area, see
:data:`sites.profile.CONTAINED`), is refused with a :class:`Refusal` naming the fact, the
value and the limit. A refused value is not applied.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from sites.model import Fact, Park
from sites.profile import CONTAINED
from sites.schema import FACTS, Kind, Status

EDITABLE: tuple[str, ...] = (
    "free_land_ha", "largest_free_plot_ha", "port_max_draught_m", "quay_distance_km",
    "grid_capacity_mw", "land_price_eur_m2", "lease_price_eur_m2_a", "steam_price_eur_mwh",
    "water_price_eur_m3", "wastewater_price_eur_m3",
)
WHATIF_NOTE = "what-if value entered for this visit only"

RefusalCode = Literal["whatif_range", "whatif_exceeds", "whatif_below"]
"""Message codes of a refusal (:func:`metrics.whatif.refusal_message` emits them)."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why an edited value is not applied, as a message code with its parameters.

    Attributes
    ----------
    code
        ``whatif_range``: outside ``low``..``high`` of the schema; ``whatif_exceeds``: larger
        than ``limit``, the value of ``other`` (the figure containing it);
        ``whatif_below``: smaller than ``limit``, the value of ``other`` (a figure it contains).
    fact
        The edited fact.
    value
        The refused value.
    """

    code: RefusalCode
    fact: str
    value: float
    unit: str
    limit: float = math.nan
    other: str = ""
    low: float = math.nan
    high: float = math.nan


def editable_frame(park: Park) -> pd.DataFrame:
    """The park's editable numeric facts (NaN when unknown)."""
    return pd.DataFrame({
        "fact": list(EDITABLE),
        "value": [park.number(name) for name in EDITABLE],
        "unit": [FACTS[name].unit for name in EDITABLE],
    }).astype({"value": float})


def _given(park: Park, edited: Mapping[str, float | None]) -> dict[str, float]:
    """The numbers that change the park (unknown, NaN, unchanged and non-numeric dropped)."""
    return {name: float(value) for name, value in edited.items()
            if name in FACTS and FACTS[name].kind is Kind.NUMBER and value is not None
            and not math.isnan(float(value)) and park.number(name) != float(value)}


def check_edits(park: Park, edited: Mapping[str, float | None]) -> tuple[Refusal, ...]:
    """Every edited value the catalog's rules refuse, in :data:`EDITABLE` order.

    Parameters
    ----------
    park
        The park as in the catalog (its own facts are the limits of the figures not edited).
    edited
        Fact name -> the value entered (``None`` or NaN: no value; the park's own number:
        unchanged).

    Returns
    -------
    tuple of Refusal
        One per refused value: out of the schema's range, or contradicting a containing (or
        contained) land figure, edited or the park's own.
    """
    given = _given(park, edited)
    refused: dict[str, Refusal] = {}
    for name, value in given.items():
        spec = FACTS[name]
        low = -math.inf if spec.minimum is None else spec.minimum
        high = math.inf if spec.maximum is None else spec.maximum
        if not low <= value <= high:
            refused[name] = Refusal("whatif_range", name, value, spec.unit, low=low, high=high)
    for part, whole in CONTAINED:
        _contain(park, given, refused, part, whole)
    order = {name: i for i, name in enumerate((*EDITABLE, *FACTS))}
    return tuple(sorted(refused.values(), key=lambda r: order.get(r.fact, len(order))))


def _span(park: Park, given: Mapping[str, float], refused: Mapping[str, Refusal],
          name: str) -> tuple[float, float] | None:
    """The figures a fact allows after the edits: the edited value, else the park's own."""
    if name in given and name not in refused:
        return (given[name], given[name])
    return park.facts[name].interval() if name in park.facts else None


def _contain(park: Park, given: Mapping[str, float], refused: dict[str, Refusal], part: str,
             whole: str) -> None:
    small, big = _span(park, given, refused, part), _span(park, given, refused, whole)
    if small is None or big is None or small[0] <= big[1]:
        return
    unit = FACTS[part].unit
    if part in given and part not in refused:
        refused[part] = Refusal("whatif_exceeds", part, given[part], unit, limit=big[1],
                                other=whole)
    elif whole in given and whole not in refused:
        refused[whole] = Refusal("whatif_below", whole, given[whole], unit, limit=small[0],
                                 other=part)


def apply_edits(park: Park, edited: Mapping[str, float | None], *, today: dt.date) -> Park:
    """A new park with the edited figures as estimates (the original is untouched).

    Values :func:`check_edits` refuses are not applied.
    """
    refused = {r.fact for r in check_edits(park, edited)}
    facts = dict(park.facts)
    for name, value in _given(park, edited).items():
        if name in refused:
            continue
        spec = FACTS[name]
        facts[name] = Fact(name, value, spec.unit, Status.ESTIMATE, today, today.isoformat(),
                           None, WHATIF_NOTE)
    return dataclasses.replace(park, facts=facts)


def changed(park: Park, edited: Park) -> tuple[str, ...]:
    return tuple(n for n in EDITABLE if park.facts[n] != edited.facts[n])

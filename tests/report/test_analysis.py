"""Normalised criteria: direction-aware, scaled over the chosen group."""

from __future__ import annotations

import dataclasses

import numpy as np

from metrics import load_template, score_catalog
from report.analysis import normalised_criteria
from sites import load_catalog
from sites.prices import load_prices


def test_scaling_is_direction_aware_and_follows_the_group():
    catalog = load_catalog()
    brief = dataclasses.replace(load_template("pcam"), must_haves=frozenset())
    result = score_catalog(catalog, load_prices(), brief)
    finland = list(catalog.peer_ids("finland"))
    scaled = normalised_criteria(result, finland, scale_over=finland)
    raw = {s.id: s.criteria["raw_material_km"] for s in result.sites if s.id in finland}
    nearest = min((v, k) for k, v in raw.items() if v is not None)[1]
    farthest = max((v, k) for k, v in raw.items() if v is not None)[1]
    assert scaled.loc[nearest, "raw_material_km"] == 1.0  # a cost: the smallest is best
    assert scaled.loc[farthest, "raw_material_km"] == 0.0
    values = scaled.to_numpy(dtype=float)
    assert np.nanmin(values) >= 0.0 and np.nanmax(values) <= 1.0

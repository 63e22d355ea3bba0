"""The country check's projection equals EPSG:4326 → EPSG:3035 from PROJ's database."""

from __future__ import annotations

import numpy as np
import pyproj

from sites import _bounds


def test_pipeline_equals_the_crs_transformation() -> None:
    lon, lat = np.meshgrid(np.linspace(-10, 32, 43), np.linspace(35, 71, 37))
    ours = _bounds._to_laea().transform(lon.ravel(), lat.ravel())  # type: ignore[attr-defined]
    epsg = pyproj.Transformer.from_crs(4326, 3035, always_xy=True).transform(lon.ravel(),
                                                                             lat.ravel())
    assert np.allclose(ours, epsg, rtol=0, atol=1e-6)  # metres


def test_inside_country_still_accepts_and_rejects() -> None:
    assert _bounds.inside_country(63.84, 23.03, "FI")  # Kokkola
    assert not _bounds.inside_country(63.83, 20.26, "FI")  # Umeå: in the box, 80 km off

"""The map's colour tables are matplotlib's, to the last colour (geodata.palettes)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib import colormaps
from matplotlib.colors import to_hex as mpl_hex

from geodata import palettes


@pytest.mark.parametrize("name", ["viridis", "tab10"])
def test_tables_equal_matplotlib(name: str) -> None:
    scale = colormaps[name]
    assert palettes.table(name) == tuple(mpl_hex(scale(i)) for i in range(scale.N))


def test_colormap_maps_fractions_like_matplotlib() -> None:
    x = np.concatenate([np.linspace(-0.2, 1.2, 2001), [0.0, 1.0, 0.5, 1 / 256, 255 / 256]])
    ours = palettes.colormap("viridis")(x)
    theirs = colormaps["viridis"](x)
    assert np.array_equal(np.round(ours[:, :3] * 255), np.round(theirs[:, :3] * 255))
    assert [palettes.to_hex(c) for c in ours[::97]] == [mpl_hex(c) for c in theirs[::97]]


def test_other_names_fall_back_to_matplotlib() -> None:
    assert palettes.table("Set2")[0] == mpl_hex(colormaps["Set2"](0))
    assert palettes.to_hex(palettes.colormap("magma")(np.array([0.5]))[0]) == \
        mpl_hex(colormaps["magma"](0.5))

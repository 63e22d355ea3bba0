"""Strategies for interval decision problems. Matrices drawn here are synthetic test data."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from metrics.methods.promethee import promethee_ii
from metrics.methods.topsis import topsis
from metrics.methods.vikor import vikor
from metrics.methods.wsm import wsm
from metrics.uncertain import IntervalMatrix

VARIANTS = {
    "wsm-minmax": ("wsm", "minmax"),
    "wsm-vector": ("wsm", "vector"),
    "wsm-max": ("wsm", "max"),
    "topsis-vector": ("topsis", "vector"),
    "topsis-minmax": ("topsis", "minmax"),
    "topsis-max": ("topsis", "max"),
    "vikor": ("vikor", None),
    "promethee": ("promethee", None),
}


def plain(method, normalization, x, t, w):
    """The existing method on one world (constant criteria ignored, as worlds do)."""
    if method == "wsm":
        return wsm(x, t, w, normalization=normalization, on_constant="ignore")
    if method == "topsis":
        return topsis(x, t, w, normalization=normalization, on_constant="ignore")
    if method == "vikor":
        return vikor(x, t, w, on_constant="ignore")
    return promethee_ii(x, t, w, on_constant="ignore")


@st.composite
def interval_problems(draw, min_rows=2, max_rows=6, max_cols=3):
    """(IntervalMatrix, types, weights): integer data 0..20, some cells ranges up to +8."""
    m = draw(st.integers(min_rows, max_rows))
    n = draw(st.integers(1, max_cols))
    low = draw(arrays(np.float64, (m, n), elements=st.integers(0, 20).map(float)))
    spread = draw(arrays(np.float64, (m, n), elements=st.sampled_from([0.0, 0.0, 1.0, 3.0, 8.0])))
    high = low + spread
    u = draw(arrays(np.float64, (m, n), elements=st.sampled_from([0.0, 0.25, 0.5, 1.0])))
    point = low + u * spread
    t = draw(arrays(np.int8, n, elements=st.sampled_from([1, -1])))
    w = draw(arrays(np.float64, n, elements=st.integers(0, 5).map(float)))
    if w.sum() == 0:
        w[0] = 1.0
    none = np.zeros((m, n), dtype=bool)
    return IntervalMatrix(point, low, high, none, spread > 0), t, w


def sample_worlds(im, rng, count, corners=0):
    """``count`` worlds uniform inside the bounds; the first ``corners`` at random vertices."""
    for s in range(count):
        u = rng.random(im.shape)
        if s < corners:
            u = np.round(u)
        yield im.low + (im.high - im.low) * u

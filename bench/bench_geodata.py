"""Benchmark: park × feature geodesic distance matrix, vectorised vs a naive per-pair loop.

All sites and features here are SYNTHETIC random points in a European box (seeded), used only to
time the code. The naive baseline calls ``pyproj.Geod.inv`` once per pair (Karney's algorithm);
for large sizes it runs on a random sample of pairs and the full time is extrapolated (said so in
the output). A vectorised ``Geod.inv`` on flattened arrays is shown as a second reference.

Target from issue 3: 10k sites × 100 features in under 0.2 s on 2 cores.

    python bench/bench_geodata.py
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
import pyproj

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geodata.measures import geodesic_matrix_km

FEATURES = 100
SIZES = (1_000, 10_000, 100_000)
NAIVE_FULL_LIMIT = 100_000  # pairs; above this the naive loop is sampled and extrapolated
NAIVE_SAMPLE = 50_000
TARGET_S = 0.2
GEOD = pyproj.Geod(ellps="WGS84")


def synthetic_points(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """SYNTHETIC uniformly random (lat, lon) in 36–71 °N, 10 °W–32 °E."""
    return rng.uniform(36.0, 71.0, n), rng.uniform(-10.0, 32.0, n)


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def naive_loop(lat: np.ndarray, lon: np.ndarray, flat: np.ndarray, flon: np.ndarray,
               rows: np.ndarray, cols: np.ndarray) -> tuple[float, np.ndarray]:
    """Seconds for one ``Geod.inv`` call per (row, col) pair, and the distances in km."""
    out = np.empty(rows.size)
    inv = GEOD.inv
    start = time.perf_counter()
    for k, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        out[k] = inv(lon[i], lat[i], flon[j], flat[j])[2]
    return time.perf_counter() - start, out / 1000.0


def main() -> int:
    rng = np.random.default_rng(20261127)
    flat, flon = synthetic_points(FEATURES, rng)
    print(f"geodesic distance matrix, SYNTHETIC data, {FEATURES} features, "
          f"{os.cpu_count()} CPU(s), numpy {np.__version__}, pyproj {pyproj.__version__}")
    header = (f"{'sites':>8} {'pairs':>11} {'vectorised s':>13} {'Geod.inv arrays s':>18} "
              f"{'naive loop s':>13} {'speed-up':>9} {'max rel err':>12}  naive basis")
    print(header)
    ok = True
    for n in SIZES:
        lat, lon = synthetic_points(n, rng)
        pairs = n * FEATURES
        fast = best_of(partial(geodesic_matrix_km, lat, lon, flat, flon))
        matrix = geodesic_matrix_km(lat, lon, flat, flon)
        arrays = best_of(partial(GEOD.inv, np.repeat(lon, FEATURES), np.repeat(lat, FEATURES),
                                 np.tile(flon, n), np.tile(flat, n)), repeat=1)
        if pairs <= NAIVE_FULL_LIMIT:
            rows, cols = np.divmod(np.arange(pairs), FEATURES)
            naive, ref = naive_loop(lat, lon, flat, flon, rows, cols)
            basis = "full loop"
        else:
            pick = rng.choice(pairs, size=NAIVE_SAMPLE, replace=False)
            rows, cols = np.divmod(pick, FEATURES)
            sample_s, ref = naive_loop(lat, lon, flat, flon, rows, cols)
            naive = sample_s * pairs / NAIVE_SAMPLE
            basis = f"extrapolated from {NAIVE_SAMPLE:,} sampled pairs"
        err = float(np.max(np.abs(matrix[rows, cols] - ref) / ref))
        print(f"{n:>8,} {pairs:>11,} {fast:>13.4f} {arrays:>18.4f} {naive:>13.2f} "
              f"{naive / fast:>8.0f}x {err:>12.2e}  {basis}")
        if n == 10_000:
            ok = fast < TARGET_S
    print(f"target 10k x {FEATURES} < {TARGET_S} s: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

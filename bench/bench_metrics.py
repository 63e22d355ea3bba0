"""Benchmark the scoring engine against scikit-criteria, pymcdm and a bare numpy floor.

    .venv/bin/python bench/bench_metrics.py [--quick]

All matrices are SYNTHETIC (seeded uniform random numbers), generated here for timing only.
TOPSIS uses vector normalisation everywhere (pymcdm's is passed explicitly; scikit-criteria
runs VectorScaler then TOPSIS). The weighted sum uses min-max normalisation on benefit-only
matrices (scikit-criteria's WeightedSumModel refuses cost criteria). Times are the best of
several runs in this one process; ratios are peer time / parkbench time (> 1: we are faster)
and parkbench time / floor time.

Targets at 100,000 x 20 (issue 4): >= 2x faster than scikit-criteria, >= 10x faster than
pymcdm, within 1.5x of the numpy floor; SMAA 10,000 samples x 1,000 sites < 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from metrics.methods.topsis import topsis
from metrics.methods.wsm import wsm
from metrics.robustness import rank_acceptability

N_CRIT = 20


def floor_topsis(x: np.ndarray, types: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Bare vectorised TOPSIS (vector normalisation), no validation: scores and ranks."""
    v = x / np.sqrt((x * x).sum(axis=0)) * w
    ideal = np.where(types > 0, v.max(axis=0), v.min(axis=0))
    anti = np.where(types > 0, v.min(axis=0), v.max(axis=0))
    dp = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    dm = np.sqrt(((v - anti) ** 2).sum(axis=1))
    c = dm / (dp + dm)
    ranks = np.empty(c.size, dtype=np.int64)
    ranks[np.argsort(-c)] = np.arange(1, c.size + 1)
    return ranks


def floor_wsm(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Bare min-max weighted sum, benefit criteria, no validation: scores and ranks."""
    lo = x.min(axis=0)
    s = ((x - lo) / (x.max(axis=0) - lo)) @ w
    ranks = np.empty(s.size, dtype=np.int64)
    ranks[np.argsort(-s)] = np.arange(1, s.size + 1)
    return ranks


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def peers() -> dict[str, Callable[..., Callable[[], object]]]:
    out: dict[str, Callable[..., Callable[[], object]]] = {}
    try:
        import skcriteria
        from skcriteria.agg.similarity import TOPSIS as SkTopsis
        from skcriteria.agg.simple import WeightedSumModel
        from skcriteria.preprocessing.scalers import MinMaxScaler, VectorScaler

        def sk_topsis(x: np.ndarray, t: np.ndarray, w: np.ndarray) -> Callable[[], object]:
            def run() -> object:
                dm = skcriteria.mkdm(x, [max if v > 0 else min for v in t], weights=w)
                return SkTopsis().evaluate(VectorScaler(target="matrix").transform(dm))
            return run

        def sk_wsm(x: np.ndarray, w: np.ndarray) -> Callable[[], object]:
            def run() -> object:
                dm = skcriteria.mkdm(x, [max] * x.shape[1], weights=w)
                return WeightedSumModel().evaluate(MinMaxScaler(target="matrix").transform(dm))
            return run

        out["skcriteria_topsis"], out["skcriteria_wsm"] = sk_topsis, sk_wsm
    except ImportError:
        print("scikit-criteria not installed: skipped")
    try:
        from pymcdm.methods import TOPSIS as PmTopsis
        from pymcdm.methods import WSM as PmWsm
        from pymcdm.normalizations import minmax_normalization, vector_normalization

        def pm_topsis(x: np.ndarray, t: np.ndarray, w: np.ndarray) -> Callable[[], object]:
            m = PmTopsis(normalization_function=vector_normalization)
            return lambda: m.rank(m(x, w, t))

        def pm_wsm(x: np.ndarray, w: np.ndarray) -> Callable[[], object]:
            m = PmWsm(normalization_function=minmax_normalization)
            return lambda: m.rank(m(x, w, np.ones(x.shape[1], dtype=int)))

        out["pymcdm_topsis"], out["pymcdm_wsm"] = pm_topsis, pm_wsm
    except ImportError:
        print("pymcdm not installed: skipped")
    return out


def bench_size(n: int, repeat: int, others: dict[str, Callable[..., Callable[[], object]]],
               check: bool) -> None:
    rng = np.random.default_rng(n)
    x = rng.uniform(1.0, 100.0, (n, N_CRIT))  # synthetic
    t = np.where(np.arange(N_CRIT) % 3 == 0, -1, 1).astype(np.int8)
    w = rng.dirichlet(np.ones(N_CRIT))
    slow_repeat = 1 if n >= 1_000_000 else repeat
    print(f"\n## {n:,} x {N_CRIT} (synthetic)")
    rows = {
        "topsis": {
            "parkbench": best_of(lambda: topsis(x, t, w, normalization="vector"), repeat),
            "numpy floor": best_of(lambda: floor_topsis(x, t, w), repeat),
        },
        "wsm": {
            "parkbench": best_of(lambda: wsm(x, "+" * N_CRIT, w), repeat),
            "numpy floor": best_of(lambda: floor_wsm(x, w), repeat),
        },
    }
    if "skcriteria_topsis" in others:
        rows["topsis"]["scikit-criteria"] = best_of(others["skcriteria_topsis"](x, t, w),
                                                    slow_repeat)
        rows["wsm"]["scikit-criteria"] = best_of(others["skcriteria_wsm"](x, w), slow_repeat)
    if "pymcdm_topsis" in others:
        rows["topsis"]["pymcdm"] = best_of(others["pymcdm_topsis"](x, t, w), slow_repeat)
        rows["wsm"]["pymcdm"] = best_of(others["pymcdm_wsm"](x, w), slow_repeat)
    if check:
        ours = topsis(x, t, w, normalization="vector").ranks
        assert np.array_equal(ours, floor_topsis(x, t, w)), "TOPSIS ranks differ from the floor"
    for method, times in rows.items():
        ours = times["parkbench"]
        parts = [f"parkbench {ours * 1e3:8.2f} ms"]
        for name, sec in times.items():
            if name == "parkbench":
                continue
            if name == "numpy floor":
                parts.append(f"floor {sec * 1e3:8.2f} ms (ours/floor {ours / sec:4.2f}x)")
            else:
                parts.append(f"{name} {sec * 1e3:8.2f} ms ({sec / ours:5.1f}x faster)")
        print(f"{method:7s} " + " | ".join(parts))


def bench_smaa(repeat: int) -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(1.0, 100.0, (1_000, N_CRIT))  # synthetic
    t = "+-" * (N_CRIT // 2)
    print("\n## SMAA rank acceptability, 10,000 weight samples x 1,000 sites x 20 (synthetic)")
    for method in ("topsis", "wsm"):
        sec = best_of(lambda m=method: rank_acceptability(
            x, t, rng=np.random.default_rng(1), samples=10_000, method=m,
            normalization="vector" if m == "topsis" else "minmax"), repeat)
        verdict = "meets" if sec < 0.5 else "MISSES"
        print(f"{method:7s} {sec:6.3f} s ({verdict} the 0.5 s target)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the 1,000,000-row case")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    print(f"numpy {np.__version__}, {os.cpu_count()} CPU(s), "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")
    others = peers()
    for n, repeat in ((1_000, 20), (100_000, 7), (1_000_000, 3)):
        if args.quick and n >= 1_000_000:
            continue
        bench_size(n, repeat, others, check=n <= 100_000)
    bench_smaa(3)


if __name__ == "__main__":
    main()

"""Benchmark decisions under incomplete data: rank intervals and joint SMAA (issue 11).

    .venv/bin/python bench/bench_uncertain.py [--quick] [--find-only]

All matrices are SYNTHETIC (seeded uniform random numbers on [1, 100]), generated here for
timing only: 1,000 sites x 20 criteria (every third a cost), 30 % of the cells unknown
(bounded by the peer policy); a second case adds ranges of +-10 to another 10 % of the cells.
Times are the best of several runs in this one process. Each is compared, in the same run, with
a naive peer built from the existing method functions:

* intervals: a Monte-Carlo search, one plain method call per sampled world, keeping each
  site's best and worst rank; the ratio is per-world loop time for as many worlds as the
  search takes / our time. The search is only an *inner* bound (it never sees the extreme
  worlds); ours is sound (outer), and both mean widths are printed.
* joint SMAA: the same per-world loop drawing a weight vector and a world per sample (timed
  on a few hundred samples and scaled to 10,000, labelled so); the weight-only SMAA of
  :func:`metrics.robustness.rank_acceptability` is printed as the floor it extends.

Targets (issue 11, item 10): intervals < 0.5 s for WSM and TOPSIS; joint SMAA 10,000 x 1,000
< 1 s. The machine is shared: the 1-minute load average is printed next to the numbers.

The last section runs on the SHIPPED catalog and prices with the default pCAM scenario: the
Find page's core call :func:`scenario.find_sites` (point ranking + intervals + three-way
must-haves + bill ranges; target: the Find rerun with intervals < 200 ms), its two stages,
today's point pipeline without intervals as the peer, ``voi --brief``'s core
(:func:`metrics.uncertain.catalog_value_of_information`), and the Compare page's joint SMAA on
the catalog (:func:`scenario.find_acceptability`: weights and every uncertain cell of the field
sampled together, double precision; 10,000 worlds for WSM/TOPSIS, 1,000 for VIKOR/PROMETHEE,
which score one world at a time), next to the weight-only SMAA of the Compare page's
robustness tab (:func:`report.analysis.robustness`, 10,000 samples) as its peer.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from metrics.methods import METHODS, NORMALIZING_METHODS, MethodResult, get_method
from metrics.robustness import rank_acceptability, sample_weights
from metrics.uncertain import IntervalMatrix, interval_matrix, joint_acceptability, rank_intervals

M, N, UNKNOWN, RANGED = 1_000, 20, 0.30, 0.10
TIMED = NORMALIZING_METHODS
"""The methods with targets (WSM and TOPSIS), at the registry's default normalisation."""


def plain(method: str, x: np.ndarray, t: np.ndarray, w: np.ndarray) -> MethodResult:
    """The plain method on one world (constant criteria ignored, as worlds do)."""
    return get_method(method).score(x, t, w, on_constant="ignore")


def synthetic(*, ranges: bool, seed: int = 0) -> tuple[IntervalMatrix, np.ndarray, np.ndarray]:
    """SYNTHETIC interval matrix: uniform values, unknown cells, optional ranges."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(1.0, 100.0, (M, N))
    u = rng.random((M, N))
    cells = [[None if u[i, j] < UNKNOWN else
              (max(x[i, j] - 10, 0.0), x[i, j] + 10) if ranges and u[i, j] < UNKNOWN + RANGED
              else (x[i, j], x[i, j]) for j in range(N)] for i in range(M)]
    t = np.where(np.arange(N) % 3 == 0, -1, 1).astype(np.int8)
    return interval_matrix(cells, t), t, rng.dirichlet(np.ones(N))


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def monte_carlo(im: IntervalMatrix, t: np.ndarray, w: np.ndarray, method: str,
                worlds: int) -> tuple[np.ndarray, np.ndarray]:
    """Naive peer: best/worst rank seen over ``worlds`` sampled worlds (an inner bound)."""
    rng = np.random.default_rng(1)
    best = np.full(im.shape[0], im.shape[0])
    worst = np.ones(im.shape[0], dtype=np.int64)
    for _ in range(worlds):
        x = im.low + (im.high - im.low) * rng.random(im.shape)
        ranks = plain(method, x, t, w).ranks
        np.minimum(best, ranks, out=best)
        np.maximum(worst, ranks, out=worst)
    return best, worst


def bench_intervals(repeat: int, worlds: int) -> None:
    for ranges in (False, True):
        im, t, w = synthetic(ranges=ranges)
        label = "30 % unknown" + (" + 10 % ranges" if ranges else "")
        print(f"\n## rank intervals, {M:,} sites x {N} criteria, {label} (synthetic)")
        for method in TIMED:
            ours = best_of(lambda m=method, im=im, t=t, w=w: rank_intervals(im, t, w, method=m),
                           repeat)
            r = rank_intervals(im, t, w, method=method)
            start = time.perf_counter()
            mc_best, mc_worst = monte_carlo(im, t, w, method, worlds)
            naive = time.perf_counter() - start
            inside = bool((r.best_rank <= mc_best).all() and (mc_worst <= r.worst_rank).all())
            verdict = "meets" if ours < 0.5 else "MISSES"
            print(f"{method:7s} ours {ours * 1e3:7.1f} ms ({verdict} 0.5 s) | naive Monte-Carlo "
                  f"{worlds} worlds {naive * 1e3:8.1f} ms (ratio {naive / ours:6.1f}x) | mean "
                  f"width sound {r.width.mean():6.1f}, Monte-Carlo (inner) "
                  f"{(mc_worst - mc_best).mean():6.1f}; MC inside ours: {inside}")


def naive_smaa_per_sample(im: IntervalMatrix, t: np.ndarray, method: str, count: int) -> float:
    """Seconds per world of a plain per-world loop (weights and data drawn per sample)."""
    rng = np.random.default_rng(2)
    w_all = sample_weights(rng, None, N, count, concentration=None)
    counts = np.zeros((M, M), dtype=np.int64)
    start = time.perf_counter()
    for s in range(count):
        x = im.low + (im.high - im.low) * rng.random(im.shape)
        counts[np.arange(M), plain(method, x, t, w_all[s]).ranks - 1] += 1
    return (time.perf_counter() - start) / count


def bench_smaa(repeat: int, naive_count: int) -> None:
    im, t, _ = synthetic(ranges=False)
    print(f"\n## joint SMAA, 10,000 samples (weights uniform on the simplex and data) x {M:,} "
          f"sites x {N} (synthetic, 30 % unknown)")
    for method in TIMED:
        ours = best_of(lambda m=method: joint_acceptability(
            im, t, rng=np.random.default_rng(1), samples=10_000, method=m), repeat)
        floor = best_of(lambda m=method: rank_acceptability(
            im.point, t, rng=np.random.default_rng(1), samples=10_000, method=m), repeat)
        naive = naive_smaa_per_sample(im, t, method, naive_count) * 10_000
        verdict = "meets" if ours < 1.0 else "MISSES"
        print(f"{method:7s} ours {ours:6.3f} s ({verdict} 1 s) | naive per-world loop "
              f"{naive:7.1f} s (timed on {naive_count} samples, scaled; ratio {naive / ours:5.1f}x)"
              f" | weight-only SMAA floor {floor:6.3f} s (ours/floor {ours / floor:4.2f}x)")


def bench_find(repeat: int) -> None:
    import dataclasses

    from metrics import evaluate_catalog, load_template, rank_evaluation
    from metrics.uncertain import catalog_value_of_information
    from report.analysis import robustness
    from scenario import Scenario, find_acceptability, find_evaluation, find_ranking, find_sites
    from sites import load_catalog
    from sites.prices import load_prices

    catalog, prices = load_catalog(), load_prices()
    base = Scenario.for_template(load_template("pcam"))
    brief = base.brief(load_template("pcam"))
    find_sites(base, catalog, prices)  # imports and first-call caches out of the timing
    print(f"\n## Find page core on the shipped catalog ({len(catalog)} parks), default pCAM "
          f"scenario (lenient must-haves)")
    for method in METHODS:
        s = dataclasses.replace(base, method=method)
        ev = find_evaluation(s, catalog, prices)
        full = best_of(lambda s=s: find_sites(s, catalog, prices), repeat * 3)
        rerank = best_of(lambda s=s, ev=ev: find_ranking(s, ev), repeat * 3)
        point = best_of(lambda m=method: rank_evaluation(
            evaluate_catalog(catalog, prices, brief, unknown_fails=False), brief.weights,
            method=m), repeat * 3)
        voi = best_of(lambda m=method, ev=ev: catalog_value_of_information(
            ev, brief.weights, method=m), repeat)
        verdict = "meets" if full < 0.2 else "MISSES"
        print(f"{method:9s} find_sites {full * 1e3:6.1f} ms ({verdict} 200 ms) | ranking stage "
              f"{rerank * 1e3:5.1f} ms | point pipeline without intervals {point * 1e3:6.1f} ms "
              f"(ratio {full / point:4.2f}x) | voi --brief core {voi:5.3f} s")
    print("\n## joint SMAA on the shipped catalog (Compare, 'Incomplete data'): the field of "
          "sites that can still pass, default pCAM scenario")
    for method in METHODS:
        s = dataclasses.replace(base, method=method)
        ev = find_evaluation(s, catalog, prices)
        acc = find_acceptability(s, ev)
        assert acc is not None
        joint = best_of(lambda s=s, ev=ev: find_acceptability(s, ev), repeat)
        result = find_ranking(s, ev).result
        weights_only = best_of(lambda r=result: robustness(r), repeat)
        print(f"{method:9s} joint SMAA {acc.samples:6,} worlds x {len(acc.ids)} sites x "
              f"{len(acc.criteria)} criteria {joint * 1e3:7.1f} ms | robustness tab "
              f"(weight-only SMAA 10,000 + weight intervals, "
              f"{len(result.decision_matrix()[0])} passing sites) "
              f"{weights_only * 1e3:7.1f} ms (ratio {joint / weights_only:5.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats and worlds")
    parser.add_argument("--find-only", dest="find_only", action="store_true",
                        help="only the shipped-catalog Find section")
    args = parser.parse_args()
    repeat = 2 if args.quick else 3
    print(f"numpy {np.__version__}, {os.cpu_count()} CPU(s), load average (1 min) "
          f"{os.getloadavg()[0]:.2f}, OPENBLAS_NUM_THREADS="
          f"{os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}")
    if not args.find_only:
        bench_intervals(repeat, 100 if args.quick else 300)
        bench_smaa(repeat, 100 if args.quick else 300)
    bench_find(repeat)
    print(f"\nload average (1 min) at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

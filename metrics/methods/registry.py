"""The scoring methods, in one place: parameters, defaults, implementation and utility.

Every caller (catalog scoring, batch scoring for robustness and benchmarks, the command line,
the dashboard) looks methods up here. Adding a method is one implementation module in
:mod:`metrics.methods`, one :class:`MethodSpec` entry in :data:`REGISTRY`, and its
translations (``method.<name>`` in ``ui/locales``).

The *utility* of a method maps its raw output to a score in [0, 1] where higher is better,
so every view can show and compare one "score":

========== ============================== ==============================================
method     raw output                     utility
========== ============================== ==============================================
wsm        weighted sum of the normalised the raw sum: with weights summing to 1 and every
           criteria                       normalisation mapping into [0, 1] (min-max,
                                          ``max`` and ``vector`` on non-negative values,
                                          costs mirrored), it already lies in [0, 1]
topsis     closeness D- / (D+ + D-)       the closeness (already in [0, 1])
vikor      Q (lower is better), min-max   1 - Q
           stretched to [0, 1]
promethee  net flow in [-1, 1]            (net flow + 1) / 2
========== ============================== ==============================================

TOPSIS and the weighted sum default to min-max normalisation everywhere
(:data:`DEFAULT_NORMALIZATION`): it accepts negative values (land and draught margins) and
maps each criterion onto [0, 1]; ``vector`` (Hwang & Yoon's textbook choice) and ``max`` are
available on request. VIKOR and PROMETHEE always work on min-max ranges (VIKOR) or raw
differences (PROMETHEE); the normalisation option does not apply to them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

import numpy as np
from numpy.typing import ArrayLike

from metrics.errors import ScoringError
from metrics.methods import promethee as promethee_module
from metrics.methods import topsis as topsis_module
from metrics.methods import vikor as vikor_module
from metrics.methods import wsm as wsm_module
from metrics.methods._result import BatchFn, FloatArray, MethodResult
from metrics.methods.bounds import BoundsFn, PairBoundsFn, WorldKeysFn
from metrics.methods.normalize import Normalization, OnConstant
from metrics.methods.promethee import promethee_batch, promethee_ii
from metrics.methods.topsis import topsis, topsis_batch, topsis_order_keys, topsis_single
from metrics.methods.vikor import vikor, vikor_batch
from metrics.methods.wsm import wsm, wsm_batch, wsm_order_keys

DEFAULT_NORMALIZATION: Final[Normalization] = "minmax"
"""The one default normalisation of every method that normalises (TOPSIS, WSM)."""

RunFn = Callable[..., MethodResult]
"""``run(matrix, types, weights, *, normalization, on_constant, **options) -> MethodResult``
(``options``: the method's own :attr:`MethodSpec.parameters`, e.g. VIKOR's ``v``)."""


@dataclass(frozen=True, slots=True)
class MethodSpec:
    """One scoring method.

    Attributes
    ----------
    name
        Identifier used in URLs, the command line and translation keys (``method.<name>``).
    run
        ``run(matrix, types, weights, *, normalization, on_constant)``: the full method
        (validation, normalisation, scores, ranks, contributions).
    batch
        Utilities (0..1, higher is better) for many weight vectors of one normalised matrix.
    utility
        Maps the raw scores of ``run`` to 0..1, higher is better.
    higher_is_better
        Direction of the raw scores.
    normalizes
        Whether the ``normalization`` option applies (otherwise it is ignored and
        :attr:`fixed_normalization` is used for the batch matrix).
    parameters
        Method parameters and their defaults (``normalization`` can be chosen; the others are
        fixed in every scoring path: VIKOR's v, PROMETHEE's thresholds).
    order_keys
        Optional cheaper keys whose ascending order is the ranking (else ``-batch``).
    single
        Optional exact scorer for one weight vector (else ``batch`` on one row).
    fixed_normalization
        The matrix the batch path needs when :attr:`normalizes` is false.
    bounds
        Sound bounds of the higher-is-better key (raw score, or its negation when lower is
        better) over every world inside an interval matrix, and whether they are attained
        (:class:`metrics.methods.bounds.BoundsFn`; used by :mod:`metrics.uncertain`).
    pair_bounds
        Optional bound of ``key_k - key_i`` over all worlds per pair (sharper rank intervals
        than comparing score intervals; :class:`metrics.methods.bounds.PairBoundsFn`).
    world_keys
        Optional vectorised scorer of many sampled worlds (joint SMAA); without it each world
        is scored with :attr:`run` (:class:`metrics.methods.bounds.WorldKeysFn`).
    separable
        Whether :attr:`bounds` and :attr:`pair_bounds` are sums over criteria of terms that
        depend on that criterion's column alone (the weighted sum; PROMETHEE's flows), so a
        change in one column recomputes one term (value of information).
    """

    name: str
    run: RunFn
    batch: BatchFn
    utility: Callable[[FloatArray], FloatArray]
    higher_is_better: bool = True
    normalizes: bool = False
    parameters: Mapping[str, float | str] = field(default_factory=dict)
    order_keys: BatchFn | None = None
    single: Callable[[FloatArray, FloatArray], FloatArray] | None = None
    fixed_normalization: Normalization = "minmax"
    bounds: BoundsFn | None = None
    pair_bounds: PairBoundsFn | None = None
    world_keys: WorldKeysFn | None = None
    separable: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "parameters", MappingProxyType(dict(self.parameters)))

    def normalization(self, requested: Normalization | None = None) -> Normalization:
        """The normalisation this method uses when ``requested`` (or nothing) is asked for."""
        if not self.normalizes:
            return self.fixed_normalization
        return requested or DEFAULT_NORMALIZATION

    def score(self, matrix: ArrayLike, types: object, weights: ArrayLike | None = None, *,
              normalization: Normalization | None = None,
              on_constant: OnConstant = "raise", **options: Any) -> MethodResult:
        """Run the method with its defaults (``normalization`` only where it applies).

        ``options`` are passed on to the method; only names in :attr:`parameters` other than
        ``normalization`` are accepted (see :meth:`options`).
        """
        return self.run(matrix, types, weights, normalization=self.normalization(normalization),
                        on_constant=on_constant, **self.options(**options))

    def options(self, **given: Any) -> dict[str, Any]:
        """The entries of ``given`` that are parameters of this method (others dropped)."""
        return {k: v for k, v in given.items() if k in self.parameters and k != "normalization"}


def _identity(scores: FloatArray) -> FloatArray:
    return np.clip(np.asarray(scores, dtype=np.float64), 0.0, 1.0)


def _one_minus(scores: FloatArray) -> FloatArray:
    return np.clip(1.0 - np.asarray(scores, dtype=np.float64), 0.0, 1.0)


def _half_shift(scores: FloatArray) -> FloatArray:
    return np.clip((np.asarray(scores, dtype=np.float64) + 1.0) / 2.0, 0.0, 1.0)


def _run_normalized(fn: Callable[..., MethodResult]) -> RunFn:
    def run(matrix: ArrayLike, types: object, weights: ArrayLike | None = None, *,
            normalization: Normalization = DEFAULT_NORMALIZATION,
            on_constant: OnConstant = "raise", **options: Any) -> MethodResult:
        return fn(matrix, types, weights, normalization=normalization, on_constant=on_constant,
                  **options)
    return run


def _run_fixed(fn: Callable[..., MethodResult]) -> RunFn:
    def run(matrix: ArrayLike, types: object, weights: ArrayLike | None = None, *,
            normalization: Normalization | None = None,
            on_constant: OnConstant = "raise", **options: Any) -> MethodResult:
        return fn(matrix, types, weights, on_constant=on_constant, **options)
    return run


REGISTRY: Final[Mapping[str, MethodSpec]] = MappingProxyType({spec.name: spec for spec in (
    MethodSpec("topsis", _run_normalized(topsis), topsis_batch, _identity, normalizes=True,
               parameters={"normalization": DEFAULT_NORMALIZATION},
               order_keys=topsis_order_keys, single=topsis_single,
               bounds=topsis_module.interval_bounds, world_keys=topsis_module.world_keys),
    MethodSpec("wsm", _run_normalized(wsm), wsm_batch, _identity, normalizes=True,
               parameters={"normalization": DEFAULT_NORMALIZATION}, order_keys=wsm_order_keys,
               bounds=wsm_module.interval_bounds, pair_bounds=wsm_module.pair_bounds,
               world_keys=wsm_module.world_keys, separable=True),
    MethodSpec("vikor", _run_fixed(vikor), vikor_batch, _one_minus, higher_is_better=False,
               parameters={"v": 0.5}, bounds=vikor_module.interval_bounds),
    MethodSpec("promethee", _run_fixed(promethee_ii), promethee_batch, _half_shift,
               parameters={"indifference": 0.0, "preference": 0.0},
               bounds=promethee_module.interval_bounds,
               pair_bounds=promethee_module.pair_bounds, separable=True),
)})
"""Every scoring method by name, in display order."""

METHODS: Final[tuple[str, ...]] = tuple(REGISTRY)
"""Method names in display order (the first is the default)."""

DEFAULT_METHOD: Final[str] = METHODS[0]

NORMALIZING_METHODS: Final[tuple[str, ...]] = tuple(n for n, s in REGISTRY.items()
                                                    if s.normalizes)
"""Methods for which the normalisation option applies."""


def check_method(method: str) -> str:
    """The method name, or a one-line error listing the valid ones."""
    if method in REGISTRY:
        return method
    raise ScoringError(f"method must be one of {', '.join(METHODS)}; got {method!r}")


def get_method(method: str) -> MethodSpec:
    """The registry entry of ``method`` (:class:`ScoringError` listing the valid names)."""
    return REGISTRY[check_method(method)]


def utility(method: str, raw_scores: ArrayLike) -> FloatArray:
    """Raw scores of ``method`` mapped to [0, 1], higher is better."""
    return get_method(method).utility(np.asarray(raw_scores, dtype=np.float64))


__all__ = ["DEFAULT_METHOD", "DEFAULT_NORMALIZATION", "METHODS", "NORMALIZING_METHODS",
           "REGISTRY", "MethodSpec", "check_method", "get_method", "utility"]

"""Exception classes of :mod:`geodata` (one line each, subclassing built-ins)."""

from __future__ import annotations


class GeodataError(ValueError):
    """Base class for invalid input to a geodata function."""


class UnknownLayerError(GeodataError, KeyError):
    """A layer name that is not in :data:`geodata.layers.LAYERS`."""


class ConditionError(GeodataError):
    """An attribute condition such as ``max_draught_m>=12`` that cannot be parsed or applied."""


class CoordinateError(GeodataError):
    """A latitude/longitude pair outside the valid range or not a number."""

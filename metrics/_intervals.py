"""The numbers a park fact allows, with its open bounds clipped to what its peers report.

:meth:`sites.model.Fact.interval` runs an "at least" bound up to the fact's schema maximum and
an "at most" bound down to its schema minimum. For ranking, the open end is clipped to the
*peer range*: the lowest and highest number the peer group states for the same fact (values,
range ends and bound values; the fact's own number is always among them, so the clipped
interval is never empty).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from sites.model import Fact

Interval = tuple[float, float]


def evidence(fact: Fact) -> tuple[float, ...]:
    """The finite numbers a known fact states: its value, range ends or bound value."""
    iv = fact.interval()
    if iv is None:
        return ()
    numbers = [v for v in iv if math.isfinite(v)]
    if fact.qualifier is not None and isinstance(fact.value, int | float):
        numbers = [float(fact.value)]
    return tuple(numbers)


def peer_range(facts: Iterable[Fact]) -> Interval | None:
    """Lowest and highest number stated by any of ``facts`` (``None`` when none states one)."""
    numbers = [v for f in facts for v in evidence(f)]
    return (min(numbers), max(numbers)) if numbers else None


def bounded(fact: Fact, *, peer: Interval | None) -> Interval | None:
    """``fact.interval()`` with the open end of a bound clipped to ``peer``.

    Parameters
    ----------
    fact
        A park fact.
    peer
        The peer range of the same fact (see :func:`peer_range`); ``None`` leaves the bound at
        its schema limit.

    Returns
    -------
    tuple or None
        ``(low, high)`` (finite unless a bound has neither a schema limit nor a peer), or
        ``None`` when the fact is not a known number.
    """
    iv = fact.interval()
    if iv is None:
        return None
    low, high = iv
    if peer is not None and fact.qualifier == "at least":
        high = max(low, min(high, peer[1]))
    elif peer is not None and fact.qualifier == "at most":
        low = min(high, max(low, peer[0]))
    return (low, high)

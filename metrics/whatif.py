"""What-if edits the catalog refuses, as messages (codes the UI translates).

:func:`sites.whatif.check_edits` finds the refused values; this module turns each into a
:class:`~metrics.messages.Message` naming the fact, the value and the limit.
"""

from __future__ import annotations

from collections.abc import Mapping

from metrics.messages import Message, Param, message
from sites.model import Park
from sites.whatif import Refusal, check_edits


def refusal_message(refusal: Refusal) -> Message:
    """``whatif_range`` (with the schema's range), ``whatif_exceeds`` or ``whatif_below`` (with
    the limiting fact and its value)."""
    common: dict[str, Param] = {"fact": refusal.fact, "value": refusal.value,
                                "unit": refusal.unit}
    if refusal.code == "whatif_range":
        return message("whatif_range", **common, low=refusal.low, high=refusal.high)
    if refusal.code == "whatif_exceeds":
        return message("whatif_exceeds", **common, limit=refusal.limit, other=refusal.other)
    return message("whatif_below", **common, limit=refusal.limit, other=refusal.other)


def refused_edits(park: Park, edited: Mapping[str, float | None]) -> tuple[Message, ...]:
    """A message for every edited value of ``park`` the catalog's rules refuse."""
    return tuple(refusal_message(r) for r in check_edits(park, edited))


__all__ = ["refusal_message", "refused_edits"]

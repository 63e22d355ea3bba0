"""Compare a submitted park with the current one: which facts and fields change, and how."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum

from sites.model import Fact, Park
from sites.profile import OPTIONAL_TEXT, REQUIRED_TEXT
from sites.schema import FACTS


class ChangeKind(StrEnum):
    CHANGED = "changed"
    ADDED = "added"
    """Unknown (or no park) before, known or not applicable now."""
    REMOVED = "removed"
    """Known or not applicable before, unknown now."""
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class Change:
    """One row of the diff, as plain text ready for a table."""

    field: str
    label: str
    kind: ChangeKind
    old_value: str = ""
    new_value: str = ""
    unit: str = ""
    old_source: str = ""
    new_source: str = ""
    old_status: str = ""
    new_status: str = ""
    old_as_of: str = ""
    new_as_of: str = ""
    old_fact: Fact | None = dataclasses.field(default=None, compare=False, repr=False)
    """The fact before (for a fact row), so a reader can write its value in its language."""
    new_fact: Fact | None = dataclasses.field(default=None, compare=False, repr=False)


def _fact_kind(old: Fact | None, new: Fact) -> ChangeKind:
    if old is None:
        return ChangeKind.ADDED if new.resolved else ChangeKind.UNCHANGED
    if old == new:
        return ChangeKind.UNCHANGED
    if old.resolved and not new.resolved:
        return ChangeKind.REMOVED
    if new.resolved and not old.resolved:
        return ChangeKind.ADDED
    return ChangeKind.CHANGED


def _fact_change(name: str, old: Fact | None, new: Fact) -> Change:
    return Change(
        field=f"facts.{name}", label=FACTS[name].label, kind=_fact_kind(old, new),
        old_value=old.display_value() if old else "", new_value=new.display_value(),
        unit=new.unit, old_source=(old.source or "") if old else "", new_source=new.source or "",
        old_status=old.status.value if old else "", new_status=new.status.value,
        old_as_of=old.date_text() if old else "", new_as_of=new.date_text(),
        old_fact=old, new_fact=new)


def _field_values(park: Park | None) -> dict[str, str]:
    if park is None:
        return {}
    values = {key: str(getattr(park, key)) for key in (*REQUIRED_TEXT, *OPTIONAL_TEXT)}
    loc = park.location
    values |= {"location.lat": f"{loc.lat:g}", "location.lon": f"{loc.lon:g}",
               "location.precision_m": f"{loc.precision_m:g}", "location.source": loc.source,
               "location.as_of": loc.as_of, "location.note": loc.note}
    return values


def _field_change(name: str, old: str | None, new: str) -> Change:
    if old is None:
        kind = ChangeKind.ADDED if new else ChangeKind.UNCHANGED
    elif old == new:
        kind = ChangeKind.UNCHANGED
    else:
        kind = ChangeKind.REMOVED if not new else ChangeKind.ADDED if not old \
            else ChangeKind.CHANGED
    return Change(field=name, label=name.replace("_", " "), kind=kind,
                  old_value=old or "", new_value=new)


def diff_parks(current: Park | None, submitted: Park, *, include_unchanged: bool = False
               ) -> tuple[Change, ...]:
    """Every field and fact of ``submitted`` against ``current`` (``None``: a new park)."""
    old_fields, new_fields = _field_values(current), _field_values(submitted)
    changes = [_field_change(name, old_fields.get(name), value)
               for name, value in new_fields.items()]
    changes += [_fact_change(name, current.facts.get(name) if current else None,
                             submitted.facts[name]) for name in FACTS]
    return tuple(c for c in changes if include_unchanged or c.kind is not ChangeKind.UNCHANGED)

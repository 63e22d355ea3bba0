"""From uploaded bytes to a reviewed submission: read, check, convert units, diff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sites.catalog import Catalog
from sites.errors import Problem
from sites.model import Park
from sites.profile import Conversion, parse_profile
from sites.submissions.diff import Change, diff_parks
from sites.submissions.geo import projected_hint
from sites.submissions.layout import locate
from sites.submissions.limits import DEFAULT_LIMITS, Limits
from sites.submissions.readers import read_upload, safe_name


@dataclass(frozen=True, slots=True)
class Submission:
    """A checked upload. ``park`` is set only when there is no problem at all."""

    origin: str
    park: Park | None
    problems: tuple[Problem, ...] = ()
    conversions: tuple[Conversion, ...] = ()
    changes: tuple[Change, ...] = ()
    current: Park | None = None
    """The catalog's park with the same id (``None`` for a new park)."""
    data: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def ok(self) -> bool:
        return self.park is not None and not self.problems

    @property
    def is_new(self) -> bool:
        return self.current is None


def check_submission(content: bytes, *, filename: str, catalog: Catalog | None = None,
                     expected_id: str | None = None, new_only: bool = False,
                     limits: Limits = DEFAULT_LIMITS, today: dt.date | None = None
                     ) -> Submission:
    """Read and check an uploaded profile; never raises on its content.

    Parameters
    ----------
    content
        The uploaded file.
    filename
        Its name; the ending picks the reader (.xlsx, .toml, .csv, .geojson/.json).
    catalog
        The current catalog, to diff against the park of the same id.
    expected_id
        When updating a chosen park, the id the file must carry.
    new_only
        The file must describe a park the catalog does not hold yet (a new park), so a blank
        template cannot silently replace another park.
    limits
        Size, row, depth and zip limits.
    today
        Dates after this are refused (default: today, UTC).
    """
    origin = safe_name(filename)
    read = read_upload(content, filename=origin, limits=limits)
    if read.data is None:
        return Submission(origin, None, _capped(read.problems, origin=origin,
                                                limit=limits.max_problems))
    result = parse_profile(read.data, origin=origin, today=today, convert_units=True)
    problems = [*read.problems, *result.problems, *projected_hint(read.data, origin=origin)]
    park = result.park
    if park is not None and expected_id is not None and park.id != expected_id:
        problems.append(Problem(origin, "id", f"the file is for {park.id!r}",
                                f"{expected_id!r} (the park being updated)", park.id))
    current = _current(catalog, park.id if park else read.data.get("id"))
    if park is not None and current is None and catalog is not None:
        problems += _name_taken(catalog, park, origin=origin)
    if park is not None and current is not None and new_only:
        problems.append(Problem(origin, "id", f"a park with id {park.id!r} already exists",
                                "a new id, or choose that park to update it", park.id))
    located = _capped(locate(problems, read.places), origin=origin, limit=limits.max_problems)
    if located or park is None:
        return Submission(origin, None, located, result.conversions, (), current, read.data)
    return Submission(origin, park, (), result.conversions, diff_parks(current, park), current,
                      read.data)


def _capped(problems: tuple[Problem, ...], *, origin: str, limit: int) -> tuple[Problem, ...]:
    """At most ``limit`` problems, then one line counting the rest (a hostile file can hold
    hundreds of thousands of unknown keys)."""
    if len(problems) <= limit:
        return problems
    rest = len(problems) - limit
    return (*problems[:limit], Problem(origin, "(file)", f"... and {rest:,} more problem(s)",
                                       "fix the ones above first"))


def _name_taken(catalog: Catalog, park: Park, *, origin: str) -> list[Problem]:
    """A new id for a park the catalog already holds under another id is a duplicate."""
    name = park.name.casefold()
    return [Problem(origin, "id", f"a park named {park.name!r} already exists as {other.id!r}",
                    f"id {other.id!r} to update it, or a different name", park.id)
            for other in catalog.parks if other.name.casefold() == name]


def _current(catalog: Catalog | None, park_id: object) -> Park | None:
    if catalog is None or not isinstance(park_id, str):
        return None
    try:
        return catalog.by_id(park_id)
    except KeyError:
        return None

"""From uploaded bytes to a reviewed submission: read, check, convert units, diff."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from sites.catalog import Catalog
from sites.errors import Problem, short
from sites.model import Park
from sites.problems import FILE, problem
from sites.profile import NUMBER_TEXT_CODES, Conversion, number_text_problem, parse_profile
from sites.submissions.confusable import lookalike
from sites.submissions.diff import Change, diff_parks
from sites.submissions.geo import projected_hint
from sites.submissions.layout import locate
from sites.submissions.limits import DEFAULT_LIMITS, Limits
from sites.submissions.readers import read_upload, safe_name
from sites.text import is_invisible, visible


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
    try:
        return _check(content, origin=origin, catalog=catalog, expected_id=expected_id,
                      new_only=new_only, limits=limits, today=today)
    except (Exception, RecursionError, MemoryError) as exc:  # the last line of defence
        return Submission(origin, None, (problem(origin, FILE, "check_failed", short(str(exc)),
                                                 error=type(exc).__name__),))


def _check(content: bytes, *, origin: str, catalog: Catalog | None, expected_id: str | None,
           new_only: bool, limits: Limits, today: dt.date | None) -> Submission:
    read = read_upload(content, filename=origin, limits=limits)
    if read.data is None:
        return Submission(origin, None, _capped(read.problems, origin=origin,
                                                limit=limits.max_problems))
    result = parse_profile(read.data, origin=origin, today=today, convert_units=True)
    problems = [*read.problems, *_with_number_reasons(result.problems, read.data),
                *projected_hint(read.data, origin=origin),
                *_invisible_text(read.data, origin=origin)]
    park = result.park
    declared = read.data.get("id") if isinstance(read.data.get("id"), str) else None
    if declared is not None and expected_id is not None and declared != expected_id:
        problems.append(problem(origin, "id", "id_other_park", short(declared),
                                declared=repr(declared), expected_id=repr(expected_id)))
    if expected_id is not None and catalog is not None and _current(catalog, expected_id) is None:
        problems.append(problem(origin, "id", "id_not_found", short(expected_id),
                                park=repr(expected_id)))
    if catalog is not None and declared is not None:
        problems += _file_name_agrees(origin, declared, catalog)
    current = _current(catalog, park.id if park else declared)
    if park is not None and catalog is not None:
        problems += _name_taken(catalog, park, origin=origin)
    if park is not None and current is not None and new_only:
        problems.append(problem(origin, "id", "id_exists", park.id, park=repr(park.id)))
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
    return (*problems[:limit], problem(origin, FILE, "more_problems", count=rest))


def _name_taken(catalog: Catalog, park: Park, *, origin: str) -> list[Problem]:
    """A name that is, or looks like, another park's name (homoglyphs, invisible or fullwidth
    characters, case) is refused: a curator must decide whether it is that park."""
    problems: list[Problem] = []
    for field_name in ("name", "name_fi", "name_sv"):
        name = getattr(park, field_name)
        if not name:
            continue
        others = {o.id: (o.name, o.name_fi, o.name_sv) for o in catalog.parks if o.id != park.id}
        other_id = lookalike(name, others)
        if other_id is None:
            continue
        other = catalog.by_id(other_id)
        same = name.casefold() in {n.casefold() for n in others[other_id] if n}
        if same:
            problems.append(problem(origin, "id", "name_taken", short(name),
                                    name=repr(visible(name)), other_id=repr(other.id)))
        else:
            problems.append(problem(origin, field_name, "name_lookalike", short(name),
                                    field=field_name, name=short(visible(name)),
                                    other_name=repr(other.name), other_id=repr(other.id)))
        break
    return problems


def _invisible_text(data: dict[str, Any], *, origin: str) -> list[Problem]:
    """Text holding format characters (bidi overrides and isolates, zero-width characters) or
    other default-ignorable ones: what a reviewer reads would differ from what is stored."""
    problems = []
    for where, text in _texts(data):
        hidden = sorted({f"U+{ord(c):04X}" for c in text if is_invisible(c)})
        if hidden:
            problems.append(problem(origin, where, "invisible_characters", short(text),
                                    characters=", ".join(hidden[:5])))
    return problems


def _texts(data: dict[str, Any]) -> list[tuple[str, str]]:
    found = [(k, v) for k, v in data.items() if isinstance(v, str)]
    location = data.get("location")
    if isinstance(location, dict):
        found += [(f"location.{k}", v) for k, v in location.items() if isinstance(v, str)]
    facts = data.get("facts")
    for name, entry in facts.items() if isinstance(facts, dict) else ():
        if not isinstance(entry, dict):
            continue
        for key, value in entry.items():
            items = value if isinstance(value, list) else [value]
            found += [(f"facts.{name}.{key}", v) for v in items if isinstance(v, str)]
    return found


def _file_name_agrees(origin: str, declared: str, catalog: Catalog) -> list[Problem]:
    """A file named after one park (``kokkola-kip.xlsx``) must carry that park's id."""
    stem = PurePath(origin).stem.casefold()
    named = [p.id for p in catalog.parks
             if re.search(rf"(?<![a-z0-9]){re.escape(p.id)}(?![a-z0-9])", stem)]
    if not named or declared in named:
        return []
    longest = max(named, key=len)
    return [problem(origin, "id", "file_named_other", short(declared), park=repr(longest),
                    declared=short(declared))]


def _with_number_reasons(problems: tuple[Problem, ...], data: dict[str, Any]) -> list[Problem]:
    """Replace 'not a number' for a text value by why it was refused (``2,400`` is ambiguous)."""
    out = []
    for found in problems:
        text = _raw_at(data, found.field) if found.code == "not_number" else None
        reason = number_text_problem(text) if isinstance(text, str) else None
        code = NUMBER_TEXT_CODES.get(reason or "")
        if isinstance(text, str) and code is not None:
            out.append(problem(found.file, found.where, code, short(text), text=short(text)))
        else:
            out.append(found)
    return out


def _raw_at(data: object, dotted: str) -> object:
    for part in dotted.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _current(catalog: Catalog | None, park_id: object) -> Park | None:
    if catalog is None or not isinstance(park_id, str):
        return None
    try:
        return catalog.by_id(park_id)
    except KeyError:
        return None

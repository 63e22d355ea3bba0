"""Check profiles and price tables; used by ``python -m sites validate``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from sites.catalog import PARKS_DIR, read_profile_file
from sites.errors import Problem
from sites.model import Park
from sites.prices import PRICES_FILE, check_rows, read_price_records


def validate_price_file(path: Path, *, today: dt.date | None = None) -> list[Problem]:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return [Problem(path.name, "(file)", f"not UTF-8 text ({exc.reason})", "UTF-8")]
    except OSError as exc:
        return [Problem(path.name, "(file)", f"cannot read: {exc.strerror}")]
    records, problems = read_price_records(text, origin=path.name)
    return problems + check_rows(records, origin=path.name, today=today)[1]


def catalog_problems(park: Park, *, origin: str) -> list[Problem]:
    """Rules of the shipped catalog beyond :func:`~sites.profile.parse_profile`'s.

    Every fact carries its ``checked`` date, and no known fact has its ``as_of`` in the month of
    its ``checked`` date: that is the signature of a lookup date written as the figure's date
    (the 24-month stale flag could then never fire); use the source's own date or
    ``undated = true``.
    """
    problems = []
    for name, fact in park.facts.items():
        if fact.checked is None:
            problems.append(Problem(origin, f"facts.{name}.checked", "missing checked date",
                                    "YYYY-MM-DD: the day the fact was last verified or "
                                    "looked for"))
        elif fact.known and fact.as_of is not None and fact.checked is not None \
                and (fact.as_of.year, fact.as_of.month) == (fact.checked.year,
                                                            fact.checked.month):
            problems.append(Problem(
                origin, f"facts.{name}.as_of",
                f"as_of {fact.as_of_text} is in the month the fact was checked "
                f"({fact.checked_text}): looks like the lookup date",
                "the date the figure refers to or its source's date, or undated = true",
                fact.as_of_text))
    return problems


def validate_files(paths: Iterable[Path], *, today: dt.date | None = None) -> list[Problem]:
    """Every problem in the given files; ids must also be unique across the profiles given."""
    problems: list[Problem] = []
    ids: dict[str, str] = {}
    for path in paths:
        if not path.exists():
            problems.append(Problem(str(path), "(file)", "no such file"))
        elif path.suffix == ".toml":
            park, found = read_profile_file(path, today=today)
            problems += found
            if park is not None:
                problems += catalog_problems(park, origin=path.name)
                if park.id in ids:
                    problems.append(Problem(path.name, "id", f"duplicate id {park.id!r} "
                                            f"(also in {ids[park.id]})", "unique ids"))
                ids[park.id] = path.name
        elif path.suffix == ".csv":
            problems += validate_price_file(path, today=today)
        else:
            problems.append(Problem(path.name, "(file)", "unsupported file type",
                                    ".toml park profile or .csv price table"))
    return problems


def shipped_files() -> list[Path]:
    return [*sorted(PARKS_DIR.glob("*.toml")), PRICES_FILE]

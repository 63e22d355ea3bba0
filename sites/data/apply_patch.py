"""Apply research patch files (Contract B) to the shipped park profiles.

Usage::

    /work/main/.venv/bin/python sites/data/apply_patch.py PATCH.toml [PATCH.toml ...]
        [--parks-dir DIR] [--dry-run]

A patch named ``<park-id>.toml`` holds a ``[facts]`` table (one inline table per line) and an
optional ``[location]`` table. Each fact line of ``<parks-dir>/<park-id>.toml`` named in the
patch is replaced by the patch's fact, written on one line with its keys in schema-v2 order
(``value, low, high, qualifier, unit, status, as_of, undated, checked, source, note``); a
``[location]`` table replaces the profile's whole ``[location]`` block. Comments, header fields
and every other fact line are kept as they are.

A patch whose first lines contain ``# NEW PARK`` is a complete profile: it is copied to
``<parks-dir>/<id>.toml`` (refused if that file exists), with the ``# NEW PARK`` marker removed.

Every result is checked with the schema-v2 parser and the catalog rules of
``python -m sites validate`` before anything is written; a patch with a problem is refused and
its target left unchanged (the other patches are still applied). The exit status is 1 when any
patch was refused.

The script itself uses only the standard library; validation imports the repository's ``sites``
package, so run it from the repository with the project's Python.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
PARKS_DIR = REPO / "sites" / "data" / "parks"
FACT_ORDER = ("value", "low", "high", "qualifier", "unit", "status", "as_of", "undated",
              "checked", "source", "note")
LOCATION_ORDER = ("lat", "lon", "precision_m", "source", "as_of", "note")
NEW_PARK = re.compile(r"^#\s*NEW PARK\s*$", re.M)
BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


class PatchError(ValueError):
    """A patch cannot be applied; the message says why."""


def toml_value(value: Any) -> str:
    """One TOML value on one line (strings, numbers, booleans, lists, inline tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) \
            + " }"
    raise PatchError(f"cannot write {type(value).__name__} value {value!r}")


def toml_key(key: str) -> str:
    return key if BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def fact_line(name: str, entry: Mapping[str, Any]) -> str:
    """A fact as one inline-table line, keys in schema-v2 order (unknown keys kept last)."""
    ordered = {k: entry[k] for k in FACT_ORDER if k in entry}
    ordered |= {k: v for k, v in entry.items() if k not in ordered}
    return f"{toml_key(name)} = {toml_value(ordered)}"


def location_block(location: Mapping[str, Any]) -> str:
    keys = [k for k in LOCATION_ORDER if k in location]
    keys += [k for k in location if k not in keys]
    return "[location]\n" + "".join(f"{toml_key(k)} = {toml_value(location[k])}\n"
                                    for k in keys)


def replace_fact(text: str, name: str, entry: Mapping[str, Any]) -> str:
    """``text`` with the single line ``name = { ... }`` of its ``[facts]`` table replaced."""
    head, sep, facts = text.partition("\n[facts]\n")
    if not sep:
        raise PatchError("target has no [facts] table")
    pattern = re.compile(rf"^{re.escape(toml_key(name))} = \{{.*\}}[ \t]*$", re.M)
    found = pattern.findall(facts)
    if len(found) != 1:
        raise PatchError(f"facts.{name}: expected one line in the target, found {len(found)}")
    return head + sep + pattern.sub(lambda _m: fact_line(name, entry), facts, count=1)


def replace_location(text: str, location: Mapping[str, Any]) -> str:
    pattern = re.compile(r"^\[location\]\n(?:(?!\[).*\n)*", re.M)
    if len(pattern.findall(text)) != 1:
        raise PatchError("target has no single [location] block")
    return pattern.sub(lambda _m: location_block(location) + "\n", text, count=1)


def patched_text(target: str, patch: Mapping[str, Any]) -> str:
    """The target profile's text with the patch's facts and location written in."""
    facts = patch.get("facts", {})
    if not isinstance(facts, Mapping):
        raise PatchError("[facts] is not a table")
    unknown = set(patch) - {"facts", "location"}
    if unknown:
        raise PatchError(f"unexpected top-level keys in a fact patch: {sorted(unknown)}")
    text = target
    for name, entry in facts.items():
        if not isinstance(entry, Mapping):
            raise PatchError(f"facts.{name} is not an inline table")
        text = replace_fact(text, name, entry)
    if "location" in patch:
        if not isinstance(patch["location"], Mapping):
            raise PatchError("[location] is not a table")
        text = replace_location(text, patch["location"])
    return text


def problems_of(text: str, *, file_name: str) -> list[str]:
    """Every v2 parser and catalog problem of a profile text (``<id>.toml``)."""
    sys.path.insert(0, str(REPO))
    from sites.catalog import read_profile_file
    from sites.validate import catalog_problems

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / file_name
        path.write_text(text, encoding="utf-8")
        park, found = read_profile_file(path)
        lines = [p.line() + (f" [value: {p.value}]" if p.value else "") for p in found]
        if park is not None:
            lines += [p.line() for p in catalog_problems(park, origin=file_name)]
    return lines


def apply(patch_path: Path, parks_dir: Path, *, dry_run: bool = False) -> tuple[Path, str]:
    """Apply one patch; returns the written (or, with ``dry_run``, checked) file and an action.

    Raises
    ------
    PatchError
        When the patch cannot be read or applied, or the result has problems.
    """
    raw = patch_path.read_text(encoding="utf-8")
    try:
        patch = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise PatchError(f"not valid TOML: {exc}") from exc
    if NEW_PARK.search("\n".join(raw.splitlines()[:5])):
        park_id = patch.get("id")
        if not isinstance(park_id, str) or not park_id:
            raise PatchError("a # NEW PARK patch needs an id")
        target = parks_dir / f"{park_id}.toml"
        if target.exists():
            raise PatchError(f"{target.name} already exists; a new park must have a new id")
        text, action = NEW_PARK.sub("", raw, count=1).lstrip("\n"), "new park"
    else:
        target = parks_dir / patch_path.name
        if not target.exists():
            raise PatchError(f"no profile {target.name} to patch (a new park needs # NEW PARK)")
        text = patched_text(target.read_text(encoding="utf-8"), patch)
        action = f"{len(patch.get('facts', {}))} fact(s)" + \
            (" + location" if "location" in patch else "")
    found = problems_of(text, file_name=target.name)
    if found:
        raise PatchError("the result has problems:\n  " + "\n  ".join(found))
    if not dry_run:
        target.write_text(text, encoding="utf-8")
    return target, action


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("patches", nargs="+", type=Path, help="patch files (<park-id>.toml)")
    parser.add_argument("--parks-dir", type=Path, default=PARKS_DIR,
                        help="folder of the profiles to patch (default: the shipped catalog)")
    parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    args = parser.parse_args(argv)
    refused = 0
    for patch_path in args.patches:
        try:
            target, action = apply(patch_path, args.parks_dir, dry_run=args.dry_run)
        except (PatchError, OSError) as exc:
            refused += 1
            print(f"REFUSED {patch_path}: {exc}")
            continue
        verb = "checked" if args.dry_run else "applied"
        print(f"{verb} {patch_path} -> {target} ({action})")
    print(f"{len(args.patches) - refused} applied, {refused} refused", file=sys.stderr)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())

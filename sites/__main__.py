"""Command line: ``python -m sites validate [FILE ...]``, ``list``, and park data submissions:
``import FILE [--accept]``, ``history ID``, ``revert ID``, ``export ID``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

from sites.catalog import Catalog, load_catalog
from sites.errors import CatalogError
from sites.validate import shipped_files, validate_files


def _validate(files: list[str]) -> int:
    paths = [Path(f) for f in files] if files else shipped_files()
    problems = validate_files(paths)
    for problem in problems:
        print(problem.line())
    if problems:
        print(f"{len(problems)} problem(s) in {len(paths)} file(s)", file=sys.stderr)
        return 1
    print(f"ok: {len(paths)} file(s) valid", file=sys.stderr)
    return 0


def _fact_json(catalog: Catalog) -> list[dict[str, Any]]:
    parks = []
    for park in catalog.parks:
        parks.append({
            "id": park.id, "name": park.name, "name_fi": park.name_fi, "name_sv": park.name_sv,
            "country": park.country, "municipality": park.municipality, "region": park.region,
            "programme_region": park.programme_region, "lat": park.location.lat,
            "lon": park.location.lon, "precision_m": park.location.precision_m,
            "bidding_zone": park.bidding_zone, "operator": park.operator,
            "contact_url": park.contact_url,
            "facts": {
                name: {"value": list(f.value) if isinstance(f.value, tuple) else f.value,
                       "unit": f.unit, "source": f.source, "as_of": f.as_of_text,
                       "status": f.status.value, "note": f.note}
                for name, f in park.facts.items()
            },
        })
    return parks


def render_catalog(catalog: Catalog, fmt: str) -> str:
    """The catalog as ``json`` (nested facts), ``csv`` or ``geojson`` (flat)."""
    if fmt == "json":
        return json.dumps(_fact_json(catalog), ensure_ascii=False, indent=1)
    records = catalog.to_records()
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(records[0]) if records else ["id"])
        writer.writeheader()
        writer.writerows(records)
        return out.getvalue()
    features = [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
        "properties": r,
    } for r in records]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def render_prices(fmt: str, path: Path | None = None) -> str:
    """The price table as ``csv`` (the columns of ``prices.csv``) or ``json`` (list of objects)."""
    from sites.prices import COLUMNS, PRICES_FILE, read_price_records

    file = path or PRICES_FILE
    records, problems = read_price_records(file.read_text(encoding="utf-8"), origin=file.name)
    if problems:
        raise CatalogError(problems)
    if fmt == "json":
        return json.dumps([{**r, "value": float(r["value"])} for r in records],
                          ensure_ascii=False, indent=1)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().rstrip("\n")


def _store(db: str | None) -> Any:
    from sites.submissions.store import SubmissionStore, default_db_path

    return SubmissionStore(Path(db) if db else default_db_path())


def _catalog_with_submissions(store: Any) -> Catalog:
    return load_catalog(strict=False, overrides=store.accepted_parks())


def _import(args: argparse.Namespace) -> int:
    from sites.submissions.check import check_submission
    from sites.submissions.limits import DEFAULT_LIMITS
    from sites.submissions.store import StoreError

    path = Path(args.file)
    try:
        with path.open("rb") as handle:  # one byte past the limit is enough to refuse it
            content = handle.read(DEFAULT_LIMITS.max_bytes + 1)
    except OSError as exc:
        print(f"{path}: cannot read: {exc.strerror}", file=sys.stderr)
        return 2
    store = _store(args.db)
    submission = check_submission(content, filename=path.name,
                                  catalog=_catalog_with_submissions(store),
                                  expected_id=args.park_id)
    for problem in submission.problems:
        value = f" [value: {problem.value}]" if problem.value else ""
        print(problem.line() + value)
    for c in submission.conversions:
        print(f"converted {c.fact}: {c.given_value:g} {c.given_unit} x {c.factor:g} = "
              f"{c.value:g} {c.unit}")
    if not submission.ok or submission.park is None:
        print(f"{len(submission.problems)} problem(s); nothing applied", file=sys.stderr)
        return 1
    label = "new park" if submission.is_new else "changes"
    print(f"{submission.park.id}: {label}: {len(submission.changes)}")
    for ch in submission.changes:
        print(f"  {ch.kind.value:9} {ch.field}: {ch.old_value or '-'} -> {ch.new_value or '-'}"
              f"  [{ch.new_status}; {ch.new_source or 'no source'}]")
    if not args.accept:
        print("checked only; add --accept --submitter NAME to store it", file=sys.stderr)
        return 0
    try:
        version = store.accept(submission.park, submitter=args.submitter or "",
                               comment=args.comment)
    except StoreError as exc:
        print(f"not stored: {exc}", file=sys.stderr)
        return 1
    print(f"accepted {version.park_id} as version {version.version} in {store.path}")
    return 0


def _history(args: argparse.Namespace) -> int:
    store = _store(args.db)
    history = store.history(args.park_id)
    if not history:
        print(f"no submissions for {args.park_id!r}", file=sys.stderr)
        return 1
    for v in history:
        state = "override removed" if v.profile is None else "profile stored"
        undid = f" (undid v{v.reverts})" if v.reverts else ""
        print(f"v{v.version}\t{v.created_at}\t{v.action.value}{undid}\t{state}\t"
              f"{v.submitter}\t{v.comment!r}")
    return 0


def _revert(args: argparse.Namespace) -> int:
    from sites.submissions.store import StoreError

    try:
        version = _store(args.db).revert(args.park_id, submitter=args.submitter,
                                         comment=args.comment)
    except StoreError as exc:
        print(f"not reverted: {exc}", file=sys.stderr)
        return 1
    state = "the shipped profile applies" if version.profile is None else "previous profile"
    print(f"reverted {version.park_id} v{version.reverts} as version {version.version}; {state}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from sites.submissions.store import StoreError

    try:
        data = _store(args.db).export_toml(args.park_id, version=args.version)
    except StoreError as exc:
        print(f"not exported: {exc}", file=sys.stderr)
        return 1
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.write(data.decode("utf-8"))
    return 0


def _submission_commands(sub: Any) -> None:
    db_help = "SQLite file of accepted submissions (default: $PARKBENCH_DB, else var/)"
    imp = sub.add_parser("import", help="check a submitted profile (.xlsx .toml .csv .geojson)")
    imp.add_argument("file")
    imp.add_argument("--park-id", help="the id the file must carry (when updating a park)")
    imp.add_argument("--accept", action="store_true", help="store it when there is no problem")
    imp.add_argument("--submitter", help="who submitted it (required with --accept)")
    imp.add_argument("--comment", default="", help="why (free text)")
    history = sub.add_parser("history", help="list the accepted versions of a park")
    history.add_argument("park_id")
    revert = sub.add_parser("revert", help="undo a park's latest version in force")
    revert.add_argument("park_id")
    revert.add_argument("--submitter", required=True)
    revert.add_argument("--comment", default="")
    export = sub.add_parser("export", help="print a stored version as a TOML profile")
    export.add_argument("park_id")
    export.add_argument("--version", type=int, help="version number (default: the one in force)")
    export.add_argument("-o", "--output", help="write to this file instead of stdout")
    for command in (imp, history, revert, export):
        command.add_argument("--db", help=db_help)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sites", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check park profiles (.toml) and price tables (.csv)")
    check.add_argument("files", nargs="*", help="files to check (default: the shipped data)")
    listing = sub.add_parser("list", help="print the whole catalog")
    listing.add_argument("--format", choices=("json", "csv", "geojson"), default="json")
    prices = sub.add_parser("prices", help="print the price table (sites/data/prices.csv)")
    prices.add_argument("--format", choices=("csv", "json"), default="csv")
    _submission_commands(sub)
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args.files)
    if args.command == "prices":
        sys.stdout.write(render_prices(args.format) + "\n")
        return 0
    commands = {"import": _import, "history": _history, "revert": _revert, "export": _export}
    if args.command in commands:
        if args.command == "import" and args.accept and not args.submitter:
            parser.error("--accept needs --submitter")
        return commands[args.command](args)
    try:
        catalog = load_catalog()
    except CatalogError as exc:
        print(f"the catalog has problems; run `python -m sites validate`:\n{exc}",
              file=sys.stderr)
        return 1
    sys.stdout.write(render_catalog(catalog, args.format) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Command line: ``python -m sites validate [FILE ...]``, ``list``, and park data submissions:
``import FILE [--accept]``, ``history ID``, ``revert ID``, ``export ID``, and the review queue:
``queue``, ``publish ID VERSION``, ``reject ID VERSION``. The store is PostgreSQL when
``$PARKBENCH_DATABASE_URL`` is set, else the SQLite file ``--db`` / ``$PARKBENCH_DB``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sites.catalog import Catalog, load_catalog
from sites.errors import CatalogError
from sites.listing import render_catalog, render_prices
from sites.text import terminal_safe
from sites.validate import shipped_files, validate_files


def _validate(files: list[str]) -> int:
    paths = [Path(f) for f in files] if files else shipped_files()
    problems = validate_files(paths)
    for problem in problems:
        print(terminal_safe(problem.line()))
    if problems:
        print(f"{len(problems)} problem(s) in {len(paths)} file(s)", file=sys.stderr)
        return 1
    print(f"ok: {len(paths)} file(s) valid", file=sys.stderr)
    return 0


def _store(db: str | None) -> Any:
    """``--db FILE`` when given, else :func:`sites.submissions.store.default_store`."""
    from sites.submissions.store import SubmissionStore, default_store

    return SubmissionStore(Path(db)) if db else default_store()


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
        print(terminal_safe(problem.line() + value))
    for c in submission.conversions:
        print(f"converted {c.fact}: {c.given_value:g} {terminal_safe(c.given_unit)} x "
              f"{c.factor:g} = {c.value:g} {c.unit}")
    if not submission.ok or submission.park is None:
        print(f"{len(submission.problems)} problem(s); nothing applied", file=sys.stderr)
        return 1
    label = "new park" if submission.is_new else "changes"
    print(f"{submission.park.id}: {label}: {len(submission.changes)}")
    for ch in submission.changes:
        print(terminal_safe(f"  {ch.kind.value:9} {ch.field}: {ch.old_value or '-'} -> "
                            f"{ch.new_value or '-'}  [{ch.new_status}; "
                            f"{ch.new_source or 'no source'}]"))
    if not args.accept:
        print("checked only; add --accept --submitter NAME to store it", file=sys.stderr)
        return 0
    try:
        version = store.accept(submission.park, submitter=args.submitter or "",
                               comment=args.comment)
    except StoreError as exc:
        print(f"not stored: {terminal_safe(exc)}", file=sys.stderr)
        return 1
    print(f"accepted {version.park_id} as version {version.version} in {store.location}")
    return 0


def _review(v: Any) -> str:
    """``published by C at T``, ``rejected by C at T: 'why'`` or ``proposed (base vN)``."""
    if v.state.value == "proposed":
        return f"proposed (base {f'v{v.base}' if v.base else 'shipped profile'})"
    reason = f": {v.reason!r}" if v.reason else ""
    return f"{v.state.value} by {v.reviewed_by} at {v.reviewed_at}{reason}"


def _history(args: argparse.Namespace) -> int:
    store = _store(args.db)
    history = store.history(args.park_id, include_unpublished=True)
    if not history:
        print(f"no submissions for {args.park_id!r}", file=sys.stderr)
        return 1
    for v in history:
        state = "override removed" if v.profile is None else "profile stored"
        undid = f" (undid v{v.reverts})" if v.reverts else ""
        print(f"v{v.version}\t{v.created_at}\t{v.action.value}{undid}\t{state}\t"
              f"{terminal_safe(v.submitter)}\t{terminal_safe(repr(v.comment))}\t{terminal_safe(_review(v))}")
    return 0


def _queue(args: argparse.Namespace) -> int:
    pending = _store(args.db).queue()
    if not pending:
        print("no proposals awaiting review", file=sys.stderr)
    for v in pending:
        print(f"{v.park_id}\tv{v.version}\t{v.created_at}\t{terminal_safe(v.proposed_by)}\t"
              f"{terminal_safe(_review(v))}\t{terminal_safe(repr(v.comment))}")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    store = _store(args.db)
    print(f"schema at revision {store.migrate()} in {store.location}")
    return 0


def _decide(args: argparse.Namespace) -> int:
    from sites.submissions.store import StoreError

    store = _store(args.db)
    try:
        if args.command == "publish":
            v = store.publish(args.park_id, args.version, curator=args.curator,
                              comment=args.comment)
        else:
            v = store.reject(args.park_id, args.version, curator=args.curator,
                             reason=args.reason)
    except StoreError as exc:
        print(f"not {args.command}ed: {terminal_safe(exc)}", file=sys.stderr)
        return 1
    effect = "now in force" if args.command == "publish" else "the version in force is unchanged"
    print(terminal_safe(f"{v.state.value} {v.park_id} v{v.version} "
                        f"(proposed by {v.proposed_by}); {effect}"))
    return 0


def _revert(args: argparse.Namespace) -> int:
    from sites.submissions.store import StoreError

    try:
        version = _store(args.db).revert(args.park_id, submitter=args.submitter,
                                         comment=args.comment)
    except StoreError as exc:
        print(f"not reverted: {terminal_safe(exc)}", file=sys.stderr)
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
    db_help = ("SQLite file of submissions (default: PostgreSQL at $PARKBENCH_DATABASE_URL "
               "when set, else $PARKBENCH_DB, else var/submissions.sqlite)")
    imp = sub.add_parser("import", help="check a submitted profile (.xlsx .toml .csv .geojson)")
    imp.add_argument("file")
    imp.add_argument("--park-id", help="the id the file must carry (when updating a park)")
    imp.add_argument("--accept", action="store_true", help="store it when there is no problem")
    imp.add_argument("--submitter", help="who submitted it (required with --accept)")
    imp.add_argument("--comment", default="", help="why (free text)")
    history = sub.add_parser("history", help="list every version of a park (with its review)")
    history.add_argument("park_id")
    revert = sub.add_parser("revert", help="undo a park's latest version in force")
    revert.add_argument("park_id")
    revert.add_argument("--submitter", required=True)
    revert.add_argument("--comment", default="")
    export = sub.add_parser("export", help="print a stored version as a TOML profile")
    export.add_argument("park_id")
    export.add_argument("--version", type=int, help="version number (default: the one in force)")
    export.add_argument("-o", "--output", help="write to this file instead of stdout")
    queue = sub.add_parser("queue", help="list proposed versions awaiting review")
    publish = sub.add_parser("publish", help="publish a proposed version (curator)")
    reject = sub.add_parser("reject", help="reject a proposed version with a reason (curator)")
    for command in (publish, reject):
        command.add_argument("park_id")
        command.add_argument("version", type=int)
        command.add_argument("--curator", required=True, help="who decides")
    publish.add_argument("--comment", default="", help="why (free text)")
    reject.add_argument("--reason", required=True, help="why it is rejected")
    migrate = sub.add_parser("migrate", help="create or upgrade the database schema now")
    for command in (imp, history, revert, export, queue, publish, reject, migrate):
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
    coverage = sub.add_parser("coverage", help="how much of the catalog is known (key fields, "
                              "locations, prices)")
    coverage.add_argument("--country", default="FI", help="parks counted (default FI)")
    _submission_commands(sub)
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args.files)
    if args.command == "prices":
        sys.stdout.write(render_prices(args.format) + "\n")
        return 0
    commands = {"import": _import, "history": _history, "revert": _revert, "export": _export,
                "queue": _queue, "publish": _decide, "reject": _decide, "migrate": _migrate}
    if args.command in commands:
        if args.command == "import" and args.accept and not args.submitter:
            parser.error("--accept needs --submitter")
        from sites.submissions.store import StoreError

        try:
            return commands[args.command](args)
        except StoreError as exc:  # e.g. an unreadable database or a bad $PARKBENCH_DATABASE_URL
            print(f"{args.command}: {exc}", file=sys.stderr)
            return 2
    try:
        catalog = load_catalog()
    except CatalogError as exc:
        print(f"the catalog has problems; run `python -m sites validate`:\n{exc}",
              file=sys.stderr)
        return 1
    if args.command == "coverage":
        from sites.coverage import measure, report_lines
        from sites.prices import load_prices

        lines = report_lines(measure(catalog, load_prices(), country=args.country))
        sys.stdout.write("\n".join(lines) + "\n")
        return 0
    sys.stdout.write(render_catalog(catalog, args.format) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

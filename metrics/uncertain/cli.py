"""Command-line pieces for decisions under incomplete data: ``rank`` with ranges, and ``voi``.

Matrix CSV cells: a number (known), empty (unknown, bounded by ``--unknown``) or
``low..high`` (a range). ``voi --brief`` takes the catalog's cells instead (park facts, prices
and the brief's figures; see :mod:`metrics.uncertain.catalog`). Kept apart from
:mod:`metrics.cli` so that the subcommands there stay small; :mod:`metrics.cli` wires these
functions in.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from dataclasses import asdict
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from metrics.errors import ScoringError
from metrics.methods.normalize import NORMALIZATIONS
from metrics.methods.registry import DEFAULT_METHOD, METHODS, NORMALIZING_METHODS, get_method
from metrics.uncertain.intervals import RankIntervals, rank_intervals
from metrics.uncertain.matrix import UNKNOWN_POLICIES, Cell, IntervalMatrix, interval_matrix
from metrics.uncertain.voi import CellValue, value_of_information

RANK_COLUMNS = ("alternative", "score", "rank", "best_rank", "worst_rank", "best_score",
                "worst_score")


def number(text: str) -> float:
    text = text.strip()
    try:
        return float(Fraction(text)) if "/" in text else float(text)
    except (ValueError, ZeroDivisionError):
        raise ScoringError(f"not a number: {text!r}") from None


def parse_cell(text: str) -> Cell:
    """``""`` -> ``None`` (unknown), ``"a..b"`` -> ``(a, b)``, ``"v"`` -> ``(v, v)``."""
    text = text.strip()
    if not text:
        return None
    if ".." in text:
        lo_text, _, hi_text = text.partition("..")
        lo, hi = number(lo_text), number(hi_text)
        if lo > hi:
            raise ScoringError(f"range {text!r}: low > high")
        return (lo, hi)
    v = number(text)
    return (v, v)


def read_rows(path: str) -> list[list[str]]:
    """The non-blank rows of a UTF-8 CSV file (a located error when unreadable or empty)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ScoringError(f"{path}: cannot read: {exc.strerror}") from None
    rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    if not rows:
        raise ScoringError(f"{path}: empty file")
    return rows


def read_cells(path: str) -> tuple[list[str], list[str], list[list[Cell]]]:
    """Alternative names, criterion names and cells of a matrix CSV (header optional)."""
    rows = read_rows(path)
    header, body = rows[0], rows[1:]
    try:
        if len(header) > 1 and parse_cell(header[1]) is not None:
            header, body = ["alternative"] + [f"C{i}" for i in range(1, len(rows[0]))], rows
    except ScoringError:
        pass
    width = len(header)
    bad = [i + 2 for i, r in enumerate(body) if len(r) != width]
    if bad:
        raise ScoringError(f"{path}: row(s) {bad[:5]} do not have {width} columns")
    if width < 2 or not body:
        raise ScoringError(f"{path}: need a name column and at least one criterion column")
    try:
        cells = [[parse_cell(c) for c in r[1:]] for r in body]
    except ScoringError as exc:
        raise ScoringError(f"{path}: {exc}") from None
    return [r[0] for r in body], header[1:], cells


def _floats(text: str | None) -> list[float] | None:
    if text is None:
        return None
    return [np.nan if not p.strip() else number(p) for p in text.split(",")]


def add_uncertain_options(p: argparse.ArgumentParser) -> None:
    """``--unknown`` and ``--thresholds`` (for ``rank`` and ``voi``)."""
    p.add_argument("--unknown", default="peer", choices=UNKNOWN_POLICIES,
                   help="bound unknown cells by the peer range (default) or from the threshold")
    p.add_argument("--thresholds", default=None,
                   help='"t1,t2,..." must-have thresholds per criterion (empty: none)')


def add_matrix_options(parser: argparse.ArgumentParser) -> None:
    """The decision problem of ``rank`` and ``voi``: matrix, types, weights, method, unknowns."""
    parser.add_argument("--matrix", required=True,
                        help="CSV; first column = alternative names; empty cells unknown, "
                             "low..high ranges")
    parser.add_argument("--types", required=True,
                        help='"+,-,..." (use --types=-,+ for a leading -)')
    parser.add_argument("--weights", default=None, help='"w1,w2,..." (equal when omitted)')
    parser.add_argument("--method", default=DEFAULT_METHOD, choices=METHODS)
    parser.add_argument("--normalization", choices=NORMALIZATIONS, default=None)
    parser.add_argument("--on-constant", dest="on_constant", default="raise",
                        choices=("raise", "ignore"))
    add_uncertain_options(parser)


def add_voi_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register the ``voi`` subcommand (a matrix CSV, or a brief on the catalog)."""
    v = sub.add_parser("voi", help="value of information of each unknown or range cell")
    source = v.add_mutually_exclusive_group(required=True)
    source.add_argument("--matrix", help="CSV; first column = alternative names; empty cells "
                                         "unknown, low..high ranges")
    source.add_argument("--brief", help="brief TOML: the catalog's cells, by park and fact")
    v.add_argument("--types", default=None,
                   help='"+,-,..." with --matrix (use --types=-,+ for a leading -)')
    v.add_argument("--weights", default=None, help='"w1,w2,..." (equal when omitted)')
    v.add_argument("--method", default=DEFAULT_METHOD, choices=METHODS)
    v.add_argument("--normalization", choices=NORMALIZATIONS, default=None)
    v.add_argument("--on-constant", dest="on_constant", default="raise",
                   choices=("raise", "ignore"))
    add_uncertain_options(v)
    v.add_argument("--catalog", default=None,
                   help="with --brief: folder of park profiles (default: the shipped catalog)")
    v.add_argument("--top", type=int, default=3, help="shortlist size k (default 3)")
    v.add_argument("--points", type=int, default=3, help="values per cell for expectations")
    v.add_argument("--format", default="csv", choices=("csv", "json"))


def _problem(a: argparse.Namespace) -> tuple[list[str], list[str], IntervalMatrix,
                                             list[float] | None]:
    names, criteria, cells = read_cells(a.matrix)
    if a.unknown == "threshold" and a.thresholds is None:
        raise ScoringError("--unknown threshold needs --thresholds t1,t2,... (one per "
                           "criterion; leave an entry empty where a criterion has none)")
    if a.normalization and not get_method(a.method).normalizes:
        raise ScoringError(f"--normalization applies to {' and '.join(NORMALIZING_METHODS)}, "
                           f"not {a.method}")
    im = interval_matrix(cells, a.types, unknown=a.unknown, thresholds=_floats(a.thresholds),
                         names=criteria)
    return names, criteria, im, _floats(a.weights)


def _intervals(a: argparse.Namespace, im: IntervalMatrix,
               weights: list[float] | None) -> RankIntervals:
    return rank_intervals(im, a.types, weights, method=a.method,
                          normalization=a.normalization, on_constant=a.on_constant)


def cmd_rank(a: argparse.Namespace) -> str:
    """``rank``: score, rank and their intervals per alternative, as CSV.

    ``score``, ``best_score`` and ``worst_score`` are the method's native scores (VIKOR: Q,
    lower is better, so ``best_score`` is the lowest Q; PROMETHEE: net flow).
    """
    names, _, im, weights = _problem(a)
    r = _intervals(a, im, weights)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(RANK_COLUMNS)
    for row in zip(names, r.point.scores, r.ranks, r.best_rank, r.worst_rank, r.best_score,
                   r.worst_score, strict=True):
        n, s, k, b, wr, bs, ws = row
        w.writerow([n, f"{s:.6g}", int(k), int(b), int(wr), f"{bs:.6g}", f"{ws:.6g}"])
    return out.getvalue()


def _voi_value(v: object) -> object:
    return round(v, 6) if isinstance(v, float) else v


VOI_FIELDS = tuple(f for f in CellValue.__dataclass_fields__
                   if f not in ("alternative", "criterion"))
"""Effect columns of ``voi`` after ``alternative, criterion`` (and ``facts`` for a brief)."""


def cmd_voi(a: argparse.Namespace) -> str:
    """``voi``: one row per unknown or range cell, most valuable first (CSV or JSON)."""
    if a.brief is not None:
        return _voi_brief(a)
    if a.types is None:
        raise ScoringError("voi --matrix needs --types")
    names, criteria, im, weights = _problem(a)
    cells = value_of_information(im, a.types, weights, method=a.method,
                                 normalization=a.normalization, on_constant=a.on_constant,
                                 top=a.top, points=a.points)
    rows = [_voi_row(c, names[c.alternative], criteria[c.criterion]) for c in cells]
    return _voi_output(a, rows, {}, ("alternative", "criterion", *VOI_FIELDS))


def _voi_row(c: CellValue, alternative: str, criterion: str,
             **extra: object) -> dict[str, object]:
    d = {k: _voi_value(v) for k, v in asdict(c).items()}
    return {"alternative": alternative, "criterion": criterion, **extra} | {
        k: d[k] for k in VOI_FIELDS}


def _voi_output(a: argparse.Namespace, rows: list[dict[str, object]],
                head: dict[str, object], fields: tuple[str, ...]) -> str:
    if a.format == "json":
        doc = head | {"method": a.method, "unknown": a.unknown, "top": a.top,
                      "points": a.points, "cells": rows}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(fields), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def _voi_brief(a: argparse.Namespace) -> str:
    """``voi --brief``: the catalog's cells, by park id and the facts to ask for."""
    from metrics.brief import load_brief
    from metrics.uncertain.catalog import catalog_value_of_information, evaluate_uncertain
    from sites import load_catalog
    from sites.prices import load_prices

    if a.types is not None or a.weights is not None or a.thresholds is not None:
        raise ScoringError("voi --brief takes the criteria, weights and must-have "
                           "thresholds from the brief; drop --types/--weights/--thresholds")
    brief = load_brief(a.brief)
    catalog = load_catalog(Path(a.catalog) if a.catalog else None)
    workforce = None
    if brief.weights.get("workforce", 0) > 0:
        from metrics.criteria import workforce_catchment

        workforce = workforce_catchment(catalog)
    uev = evaluate_uncertain(catalog, load_prices(), brief, workforce=workforce)
    cells = catalog_value_of_information(uev, brief.weights, method=a.method,
                                         normalization=a.normalization, unknown=a.unknown,
                                         top=a.top, points=a.points)
    json_rows = a.format == "json"
    rows = [_voi_row(c.value, c.park, c.criterion,
                     facts=list(c.facts) if json_rows else "; ".join(c.facts)) for c in cells]
    return _voi_output(a, rows, {"brief": brief.name},
                       ("alternative", "criterion", "facts", *VOI_FIELDS))

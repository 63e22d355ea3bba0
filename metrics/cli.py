"""Command line: ``python -m metrics score|rank|voi|ahp`` (see ``--help``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np

from metrics.errors import ScoringError
from metrics.messages import Message
from metrics.methods import ahp
from metrics.methods.normalize import NORMALIZATIONS
from metrics.methods.registry import DEFAULT_METHOD, METHODS
from metrics.uncertain import cli as uncertain_cli
from metrics.uncertain.cli import number, read_rows
from metrics.uncertain.matrix import UNKNOWN_POLICIES


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise ScoringError(message)


def _pairwise(path: str) -> tuple[list[str], np.ndarray]:
    rows = read_rows(path)
    try:
        values = [[number(c) for c in r] for r in rows]
        return [f"C{i + 1}" for i in range(len(rows))], np.array(values)
    except ScoringError:
        names = [r[0] for r in rows[1:]]
        return names, np.array([[number(c) for c in r[1:]] for r in rows[1:]])


def _cmd_rank(a: argparse.Namespace) -> str:
    """Rank a matrix CSV; empty cells are unknown, ``low..high`` cells ranges (issue 11)."""
    return uncertain_cli.cmd_rank(a)


def _cmd_ahp(a: argparse.Namespace) -> str:
    names, p = _pairwise(a.pairwise)
    r = ahp(p)
    lines = ["criterion,weight"] + [f"{n},{w:.6f}" for n, w in zip(names, r.weights, strict=True)]
    lines += [f"# lambda_max,{r.lambda_max:.6f}", f"# CI,{r.ci:.6f}",
              f"# RI (Saaty 1980),{r.ri:.2f}",
              f"# CR,{r.cr:.6f}", f"# consistent (CR < 0.10),{'yes' if r.acceptable else 'no'}"]
    return "\n".join(lines) + "\n"


def _jsonable(v: Any) -> Any:
    if isinstance(v, float) and not np.isfinite(v):
        return None
    if isinstance(v, Message):  # a bill line's variant or remark: its code and parameters
        return v.to_dict()
    return v


INTERVAL_KEYS = ("must_have_status", "best_rank", "worst_rank", "best_score", "worst_score",
                 "annual_bill_eur_low", "annual_bill_eur_high")
"""Per-site keys ``score`` adds for decisions under incomplete data (issue 11)."""


def _scored(a: argparse.Namespace) -> tuple[Any, Any]:
    """The brief and its :class:`metrics.uncertain.UncertainScore` on the catalog."""
    from pathlib import Path

    from metrics.brief import load_brief
    from metrics.uncertain.catalog import evaluate_uncertain, rank_uncertain
    from sites import load_catalog
    from sites.prices import load_prices

    brief = load_brief(a.brief)
    catalog = load_catalog(Path(a.catalog) if a.catalog else None)
    workforce = None
    if brief.weights.get("workforce", 0) > 0:
        from metrics.criteria import workforce_catchment

        workforce = workforce_catchment(catalog, radius_km=a.workforce_km)
    uev = evaluate_uncertain(catalog, load_prices(), brief, workforce=workforce)
    return brief, rank_uncertain(uev, brief.weights, method=a.method,
                                 normalization=a.normalization, unknown=a.unknown)


def _interval_fields(s: Any) -> dict[str, Any]:
    """The issue-11 keys of one :class:`metrics.uncertain.SiteInterval`."""
    return {k: getattr(s, k) for k in INTERVAL_KEYS} | {
        "must_have_deciding": list(s.deciding), "deciding_facts": list(s.deciding_facts),
        "must_have_failing": list(s.failing), "uncertain_criteria": list(s.uncertain)}


def _cmd_score(a: argparse.Namespace) -> str:
    brief, scored = _scored(a)
    result = scored.result
    if a.format == "csv":
        import pandas as pd

        from sites.export import csv_text

        frame = result.to_frame()
        for key in INTERVAL_KEYS:
            values = [getattr(s, key) for s in scored.sites]
            frame[key] = pd.array(values, dtype="Int64") if key.endswith("_rank") else values
        frame["deciding_facts"] = ["; ".join(s.deciding_facts) for s in scored.sites]
        return csv_text(frame)
    sites = [{
        "id": s.id, "passes": s.passes, "reasons": [m.to_dict() for m in s.reasons],
        "unconfirmed": [m.to_dict() for m in s.unconfirmed], "score": s.score,
        "raw_score": s.raw_score, "rank": s.rank, "annual_bill_eur": s.annual_bill_eur,
        "co2_t": s.co2_t,
        "bill": [{k: _jsonable(getattr(ln, k)) for k in ln.__dataclass_fields__}
                 for ln in s.bill],
        "criteria": dict(s.criteria), "imputed": list(s.imputed),
        "contributions": dict(s.contributions),
    } | _interval_fields(iv) for s, iv in zip(result.sites, scored.sites, strict=True)]
    doc = {"brief": brief.name, "method": result.method,
           "normalization": result.normalization,
           "higher_is_better": True,  # "score" is the method's 0-1 utility

           "raw_higher_is_better": result.higher_is_better,
           "criteria": list(result.criteria_used), "weights": list(result.weights),
           "dropped": [[c, m.to_dict()] for c, m in result.dropped],
           "warnings": [m.to_dict() for m in result.warnings],
           "unknown": scored.unknown, "interval_criteria": list(scored.criteria),
           "exact_scores": scored.exact_scores,
           "interval_warnings": [m.to_dict() for m in scored.warnings], "sites": sites}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _add_catalog_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--catalog", default=None,
                   help="folder of park profiles (default: the shipped catalog)")
    p.add_argument("--unknown", default="peer", choices=UNKNOWN_POLICIES,
                   help="bound unknown park facts by the peer range (default) or from the "
                        "must-have threshold")


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m metrics`` argument parser."""
    parser = _Parser(prog="python -m metrics", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    s = sub.add_parser("score", help="score the shipped catalog against a brief")
    s.add_argument("--brief", required=True, help="brief TOML file")
    s.add_argument("--method", default=DEFAULT_METHOD, choices=METHODS)
    s.add_argument("--normalization", choices=NORMALIZATIONS, default=None)
    s.add_argument("--format", default="json", choices=("json", "csv"))
    s.add_argument("--workforce-km", dest="workforce_km", type=float, default=60.0,
                   help="commuting radius for the workforce catchment (km)")
    _add_catalog_options(s)
    r = sub.add_parser("rank", help="rank a generic decision matrix (CSV)")
    uncertain_cli.add_matrix_options(r)
    uncertain_cli.add_voi_parser(sub)
    h = sub.add_parser("ahp", help="AHP weights and consistency ratio of a pairwise matrix")
    h.add_argument("--pairwise", required=True, help="CSV n x n (optional header/name column)")
    return parser


def _fix_dash_values(argv: Sequence[str]) -> list[str]:
    """Join ``--types -,+`` into ``--types=-,+`` so values starting with '-' parse."""
    out: list[str] = []
    it = iter(argv)
    for arg in it:
        if arg in ("--types", "--weights", "--thresholds"):
            nxt = next(it, None)
            out.append(arg if nxt is None else f"{arg}={nxt}")
        else:
            out.append(arg)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (2 on bad input)."""
    args = _fix_dash_values(sys.argv[1:] if argv is None else argv)
    try:
        a = build_parser().parse_args(args)
        handler = {"score": _cmd_score, "rank": _cmd_rank, "ahp": _cmd_ahp,
                   "voi": uncertain_cli.cmd_voi}[a.command]
        sys.stdout.write(handler(a))
    except ValueError as exc:  # ScoringError, BriefError, CatalogError
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"error: {first}", file=sys.stderr)
        return 2
    return 0

"""Validate scenario parameters read from a URL query string (user input, always).

:func:`parse_scenario_params` never raises: each parameter in the spec gets a clean value (its
default when absent or invalid) and everything ignored is explained in a short, plain-text notice.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from sites.errors import short

_INT: Final = re.compile(r"-?[0-9]{1,15}", re.ASCII)
_FLOAT: Final = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?", re.ASCII)
_ID: Final = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?", re.ASCII)
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f]")
MAX_VALUE_CHARS: Final = 2000
MAX_NOTICES: Final = 10


@dataclass(frozen=True, slots=True)
class IntParam:
    default: int
    minimum: int
    maximum: int


@dataclass(frozen=True, slots=True)
class FloatParam:
    default: float
    minimum: float
    maximum: float


@dataclass(frozen=True, slots=True)
class ChoiceParam:
    default: str
    choices: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IdListParam:
    """Comma-separated ids (``a,b,c``); unknown ids dropped when ``allowed`` is given."""

    default: tuple[str, ...] = ()
    allowed: frozenset[str] | None = None
    max_items: int = 50


@dataclass(frozen=True, slots=True)
class TextParam:
    default: str = ""
    max_length: int = 100


ParamSpec = IntParam | FloatParam | ChoiceParam | IdListParam | TextParam
Value = int | float | str | tuple[str, ...]


def _shown(value: str) -> str:
    return short(value, 40)


def _parse_int(raw: str, spec: IntParam) -> tuple[Value | None, str]:
    if not _INT.fullmatch(raw):
        return None, "is not a whole number"
    number = int(raw)
    if not spec.minimum <= number <= spec.maximum:
        return None, f"is outside {spec.minimum}..{spec.maximum}"
    return number, ""


def _parse_float(raw: str, spec: FloatParam) -> tuple[Value | None, str]:
    if not _FLOAT.fullmatch(raw):
        return None, "is not a decimal number"
    number = float(raw)
    if not math.isfinite(number) or not spec.minimum <= number <= spec.maximum:
        return None, f"is outside {spec.minimum:g}..{spec.maximum:g}"
    return number, ""


def _parse_choice(raw: str, spec: ChoiceParam) -> tuple[Value | None, str]:
    if raw not in spec.choices:
        return None, "is not one of " + ", ".join(spec.choices[:10])
    return raw, ""


def _parse_text(raw: str, spec: TextParam) -> tuple[Value | None, str]:
    if len(raw) > spec.max_length:
        return None, f"is longer than {spec.max_length} characters"
    if _CONTROL.search(raw):
        return None, "contains control characters"
    return raw, ""


def _parse_ids(raw: str, spec: IdListParam) -> tuple[tuple[str, ...], list[str]]:
    items = [item.strip() for item in raw.split(",") if item.strip()]
    kept: list[str] = []
    dropped: list[str] = []
    for item in items:
        valid = _ID.fullmatch(item) and (spec.allowed is None or item in spec.allowed)
        if valid and item not in kept and len(kept) < spec.max_items:
            kept.append(item)
        elif item not in kept:
            dropped.append(item)
    return tuple(kept), dropped


def _parse_one(name: str, raw: str, spec: ParamSpec) -> tuple[Value, list[str]]:
    if len(raw) > MAX_VALUE_CHARS:
        return spec.default, [f"{name}: value too long ({len(raw)} characters); ignored"]
    if isinstance(spec, IdListParam):
        ids, dropped = _parse_ids(raw, spec)
        notices = [f"{name}: ignored {len(dropped)} unknown, invalid or surplus id(s): "
                   + _shown(", ".join(dropped))] if dropped else []
        return ids, notices
    parsers = {IntParam: _parse_int, FloatParam: _parse_float, ChoiceParam: _parse_choice,
               TextParam: _parse_text}
    value, reason = parsers[type(spec)](raw.strip(), spec)  # type: ignore[operator]
    if value is None:
        return spec.default, [f"{name}: {_shown(raw)} {reason}; using the default"]
    return value, []


def _single(name: str, raw: str | list[str]) -> tuple[str, list[str]]:
    if isinstance(raw, str):
        return raw, []
    values = [v for v in raw if isinstance(v, str)]
    if not values:
        return "", []
    notices = [f"{name}: given {len(values)} times; using the last"] if len(values) > 1 else []
    return values[-1], notices


def parse_scenario_params(params: Mapping[str, str | list[str]], *,
                          spec: Mapping[str, ParamSpec]
                          ) -> tuple[dict[str, Value], tuple[str, ...]]:
    """Clean values for every parameter in ``spec`` plus notices for anything ignored.

    Parameters
    ----------
    params
        The query string as read (``st.query_params.to_dict()`` or ``parse_qs`` output).
    spec
        Parameter name -> what it may hold and its default.

    Returns
    -------
    values, notices
        ``values`` has every key of ``spec``; ``notices`` are plain text (show them escaped).
    """
    values: dict[str, Value] = {}
    notices: list[str] = []
    for name, param in spec.items():
        raw = params.get(name)
        if raw is None or not isinstance(raw, str | list):
            values[name] = param.default
            continue
        text, found = _single(name, raw)
        value, more = _parse_one(name, text, param) if text.strip() else (param.default, [])
        values[name] = value
        notices += found + more
    unknown = [str(k) for k in params if k not in spec]
    if unknown:
        notices.append(f"ignored {len(unknown)} unknown parameter(s): "
                       + _shown(", ".join(unknown[:20])))
    if len(notices) > MAX_NOTICES:
        notices = [*notices[:MAX_NOTICES], f"... and {len(notices) - MAX_NOTICES} more"]
    return values, tuple(notices)

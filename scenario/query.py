"""Validate parameters read from a URL query string (user input, always).

:func:`parse_value` and :func:`parse_scenario_params` never raise: each parameter gets a clean
value (its default when absent or invalid) and everything ignored is explained by a notice, a
:class:`~metrics.messages.Message` with a ``url_*`` code (the reader translates it).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from metrics.messages import Message, message
from sites.errors import short

_INT: Final = re.compile(r"-?[0-9]{1,15}", re.ASCII)
_FLOAT: Final = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?", re.ASCII)
_ID: Final = re.compile(r"[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?", re.ASCII)
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


def _parse_int(name: str, raw: str, spec: IntParam) -> tuple[Value | None, Message | None]:
    bad = message("url_bad_int", key=name, value=_shown(raw), low=f"{spec.minimum:g}",
                  high=f"{spec.maximum:g}")
    if not _INT.fullmatch(raw):
        return None, bad
    number = int(raw)
    return (number, None) if spec.minimum <= number <= spec.maximum else (None, bad)


def _parse_float(name: str, raw: str, spec: FloatParam) -> tuple[Value | None, Message | None]:
    bad = message("url_bad_float", key=name, value=_shown(raw), low=f"{spec.minimum:g}",
                  high=f"{spec.maximum:g}")
    if not _FLOAT.fullmatch(raw):
        return None, bad
    number = float(raw)
    ok = math.isfinite(number) and spec.minimum <= number <= spec.maximum
    return (number, None) if ok else (None, bad)


def _parse_choice(name: str, raw: str, spec: ChoiceParam
                  ) -> tuple[Value | None, Message | None]:
    if raw not in spec.choices:
        return None, message("url_bad_choice", key=name, value=_shown(raw),
                             choices=", ".join(spec.choices[:10]))
    return raw, None


def _parse_text(name: str, raw: str, spec: TextParam) -> tuple[Value | None, Message | None]:
    if len(raw) > spec.max_length or _CONTROL.search(raw):
        return None, message("url_bad_text", key=name, value=_shown(raw),
                             limit=spec.max_length)
    return raw, None


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


def parse_value(name: str, raw: str, spec: ParamSpec) -> tuple[Value | None, list[Message]]:
    """One parameter's clean value, or ``None`` (use the default) with the notices why.

    An id list keeps its valid ids and reports the dropped ones; an empty text is ``None``
    without a notice.
    """
    if not raw.strip():
        return None, []
    if len(raw) > MAX_VALUE_CHARS:
        return None, [message("url_too_long", key=name, length=len(raw))]
    if isinstance(spec, IdListParam):
        ids, dropped = _parse_ids(raw, spec)
        notices = [message("url_ids_dropped", key=name, count=len(dropped),
                           ids=_shown(", ".join(dropped)))] if dropped else []
        return ids, notices
    value: Value | None
    if isinstance(spec, IntParam):
        value, notice = _parse_int(name, raw.strip(), spec)
    elif isinstance(spec, FloatParam):
        value, notice = _parse_float(name, raw.strip(), spec)
    elif isinstance(spec, ChoiceParam):
        value, notice = _parse_choice(name, raw.strip(), spec)
    else:
        value, notice = _parse_text(name, raw.strip(), spec)
    return value, [notice] if notice is not None else []


def single(name: str, raw: str | Sequence[str]) -> tuple[str, list[Message]]:
    """The last of a repeated parameter (with a notice), or the parameter itself."""
    if isinstance(raw, str):
        return raw, []
    values = [v for v in raw if isinstance(v, str)]
    if not values:
        return "", []
    notices = [message("url_repeated", key=name, count=len(values))] if len(values) > 1 else []
    return values[-1], notices


def unknown_notice(keys: Sequence[str]) -> list[Message]:
    """One notice for parameters nobody asked for (none when there are none)."""
    if not keys:
        return []
    return [message("url_unknown", count=len(keys), keys=_shown(", ".join(keys[:20])))]


def cap(notices: Sequence[Message]) -> tuple[Message, ...]:
    """At most :data:`MAX_NOTICES` notices, then one counting the rest."""
    if len(notices) <= MAX_NOTICES:
        return tuple(notices)
    return (*notices[:MAX_NOTICES], message("url_more", count=len(notices) - MAX_NOTICES))


def parse_scenario_params(params: Mapping[str, str | list[str]], *,
                          spec: Mapping[str, ParamSpec]
                          ) -> tuple[dict[str, Value], tuple[Message, ...]]:
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
        ``values`` has every key of ``spec``; ``notices`` are ``url_*`` messages.
    """
    values: dict[str, Value] = {}
    notices: list[Message] = []
    for name, param in spec.items():
        raw = params.get(name)
        if raw is None or not isinstance(raw, str | list):
            values[name] = param.default
            continue
        text, found = single(name, raw)
        value, more = parse_value(name, text, param)
        values[name] = param.default if value is None else value
        notices += found + more
    notices += unknown_notice([str(k) for k in params if k not in spec])
    return values, cap(notices)

"""Scenario ⇄ URL with language-independent codes.

Streamlit's built-in widget binding writes the *displayed* label of a choice into the URL, so a
link made in Finnish would not load in English. Here the URL holds codes (``method=wsm``,
``must=land,draught``): on a session's first run the query string is validated and copied into
session state (invalid parts are dropped with a notice), and after the widgets have run the
non-default values are written back.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from sites.querystring import IdListParam, ParamSpec, parse_scenario_params

LOADED_FLAG = "_url_loaded"
NOTICES = "_url_notices"
LIST_KEYS_SUFFIX = ("must", "ahp_set", "list")
NONE_TOKEN = "unknown"


def _raw_params() -> dict[str, str | list[str]]:
    params: dict[str, str | list[str]] = {}
    for key in st.query_params:
        values = st.query_params.get_all(key)
        params[key] = ",".join(values) if key in LIST_KEYS_SUFFIX else values
    return params


def loaded() -> bool:
    """Whether this session has already read its URL."""
    return bool(st.session_state.get(LOADED_FLAG))


def load_once(spec: Mapping[str, ParamSpec], *, nullable: frozenset[str] = frozenset()) -> None:
    """On a session's first run, copy valid URL parameters into session state."""
    if loaded():
        return
    st.session_state[LOADED_FLAG] = True
    raw = _raw_params()
    found: list[str] = []
    for key, text in raw.items():
        if key in nullable and text in (NONE_TOKEN, [NONE_TOKEN]):
            st.session_state[key] = None
            continue
        if key not in spec:
            continue
        values, problems = parse_scenario_params({key: text}, spec={key: spec[key]})
        found += problems
        value = values[key]
        partial = isinstance(spec[key], IdListParam) and bool(value)
        if not problems or partial:  # invalid values keep the scenario's own default
            st.session_state[key] = list(value) if isinstance(value, tuple) else value
    unknown = [k for k in raw if k not in spec]
    if unknown:
        found += parse_scenario_params({k: raw[k] for k in unknown}, spec={})[1]
    st.session_state[NOTICES] = tuple(found)


def notices() -> tuple[str, ...]:
    return tuple(st.session_state.get(NOTICES, ()))


def ensure(key: str, default: Any) -> None:
    """Give a widget key its default unless the session (or the URL) already set it."""
    if key not in st.session_state:
        st.session_state[key] = default


def encode(value: Any) -> str | None:
    """URL text for a value (``None`` → the ``unknown`` token)."""
    if value is None:
        return NONE_TOKEN
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return f"{value:.6g}"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def write_back(defaults: Mapping[str, Any], *, skip: Callable[[str], bool] = lambda k: False
               ) -> None:
    """Write every scenario value that differs from its default into the URL."""
    wanted: dict[str, str] = {}
    for key, default in defaults.items():
        if skip(key) or key not in st.session_state:
            continue
        value = st.session_state[key]
        same = (sorted(value) == sorted(default)) if isinstance(value, list | tuple) and \
            isinstance(default, list | tuple) else value == default
        if not same:
            text = encode(value)
            if text is not None:
                wanted[key] = text
    current = {k: st.query_params.get(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


__all__ = ["ensure", "load_once", "loaded", "notices", "write_back"]

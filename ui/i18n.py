"""English, Finnish and Swedish for the app's own text, and locale-aware number formatting.

The catalogs are flat TOML files in ``ui/locales``; :func:`translate` is pure, :func:`t` reads the
language the user chose (``lang`` in the session, bound to the URL) in a Streamlit run.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Final

LANGUAGES: Final = {"en": "English", "fi": "Suomi", "sv": "Svenska"}
DEFAULT_LANGUAGE: Final = "en"
LOCALES: Final = Path(__file__).resolve().parent / "locales"


@cache
def catalog(language: str) -> dict[str, str]:
    """The message catalog of a language (read once; returned as a fresh dict copy)."""
    data = tomllib.loads((LOCALES / f"{language}.toml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def translate(key: str, language: str, /, **values: Any) -> str:
    """Message ``key`` in ``language`` (falling back to English), formatted with ``values``."""
    messages = catalog(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    text = messages.get(key) or catalog(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**values) if values else text


def language_from_locale(locale: str | None) -> str:
    """Pick a supported language from a browser locale such as ``fi-FI`` or ``sv``."""
    if not locale:
        return DEFAULT_LANGUAGE
    code = locale.replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def format_number(value: float | None, language: str, *, decimals: int = 0,
                  unknown: str = "–") -> str:
    """``1,234.5`` in English, ``1 234,5`` in Finnish and Swedish."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return unknown
    text = f"{value:,.{decimals}f}"
    if language in ("fi", "sv"):
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def format_date(value: dt.date, language: str) -> str:
    """``27 Nov 2026`` / ``27.11.2026`` / ``2026-11-27``."""
    if language == "fi":
        return f"{value.day}.{value.month}.{value.year}"
    if language == "sv":
        return value.isoformat()
    return value.strftime("%d %b %Y").lstrip("0")


def current_language() -> str:
    """The language of the current Streamlit session."""
    import streamlit as st

    scenario = st.session_state.get("scenario")
    lang = getattr(scenario, "lang", None)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, /, **values: Any) -> str:
    """Translate ``key`` into the current session's language."""
    return translate(key, current_language(), **values)


def labels(prefix: str) -> Callable[[object], str]:
    """A ``format_func`` translating ``prefix + value`` in the language of this run.

    The language is bound now: Streamlit may call a ``format_func`` later, outside the run.
    """
    language = current_language()
    return lambda value: translate(f"{prefix}{value}", language)


def num(value: float | None, *, decimals: int = 0) -> str:
    return format_number(value, current_language(), decimals=decimals)

"""The session's language for the app's own text; the pure catalog code is in ``report.i18n``.

:func:`t` and :func:`num` read the language the user chose (``lang`` in the session, bound to
the URL) in a Streamlit run; :func:`msg` renders a core message (a code with parameters).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from metrics.messages import Message
from report.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    LOCALES,
    catalog,
    format_date,
    format_number,
    language_from_locale,
    render_message,
    translate,
)

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "LOCALES", "catalog", "current_language",
           "format_date", "format_number", "labels", "language_from_locale", "msg", "num", "t",
           "translate"]


def current_language() -> str:
    """The language of the current Streamlit session."""
    import streamlit as st

    scenario = st.session_state.get("scenario")
    lang = getattr(scenario, "lang", None)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, /, **values: Any) -> str:
    """Translate ``key`` into the current session's language."""
    return translate(key, current_language(), **values)


def msg(message: Message) -> str:
    """A core message (warning, reason, statement) in the current session's language."""
    return render_message(message, current_language())


def labels(prefix: str) -> Callable[[object], str]:
    """A ``format_func`` translating ``prefix + value`` in the language of this run.

    The language is bound now: Streamlit may call a ``format_func`` later, outside the run.
    """
    language = current_language()
    return lambda value: translate(f"{prefix}{value}", language)


def num(value: float | None, *, decimals: int = 0) -> str:
    return format_number(value, current_language(), decimals=decimals)

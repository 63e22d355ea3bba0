"""The session's language for the app's own text; the pure catalog code is in ``report.i18n``.

:func:`t` and :func:`num` read the language the user chose (``lang`` in the session, bound to
the URL) in a Streamlit run; :func:`msg` renders a core message (a code with parameters).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from metrics.messages import Message
from report import format as fmt
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

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler

    from sites.model import Fact

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LOCALES",
    "amount",
    "catalog",
    "current_language",
    "fact_date",
    "fact_text",
    "format_date",
    "format_number",
    "labels",
    "language_from_locale",
    "msg",
    "num",
    "pct",
    "qty",
    "styled",
    "t",
    "translate",
    "unit",
    "units",
]


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


def amount(value: float | None, unit: str) -> str:
    """A number at its unit's precision, without the unit (:func:`report.format.quantity`)."""
    return fmt.quantity(value, unit, current_language())


def qty(value: float | None, unit: str) -> str:
    """A number at its unit's precision, with the unit (:func:`report.format.with_unit`)."""
    return fmt.with_unit(value, unit, current_language())


def unit(value: object) -> str:
    """A unit as people write it in the session's language (``€/m³``, ``henkeä``)."""
    return fmt.unit_text(value, current_language())


def units() -> Callable[[object], str]:
    """:func:`unit` bound to this run's language (for a table column's format)."""
    return fmt.unit_formatter(current_language())


def fact_text(fact: Fact) -> str:
    """A catalog fact in the session's language (:func:`report.format.fact_value`)."""
    return fmt.fact_value(fact, current_language())


def fact_date(fact: Fact) -> str:
    """A fact's date column in the session's language (:func:`report.format.fact_date`)."""
    return fmt.fact_date(fact, current_language())


def pct(value: float | None) -> str:
    """A share 0..1 as a percentage in the session's locale."""
    return fmt.percent(value, current_language())


def styled(frame: pd.DataFrame, formats: Mapping[str, fmt.Format], *,
           units: Mapping[str, str] | None = None) -> Styler:
    """``frame`` with locale texts for ``st.dataframe`` (:func:`report.format.styler`)."""
    return fmt.styler(frame, formats, current_language(), units=units)

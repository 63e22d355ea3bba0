"""Numbers, quantities and facts as text in a language (Babel): the one place for precision.

Everything a person reads as a number goes through here, in the app's tables and the report:

* :func:`number` formats with a Babel pattern in a language (``1,234.5`` in English,
  ``1 234,5`` in Finnish and Swedish, with the locale's own separators);
* :func:`quantity` picks the precision from the unit (:data:`PATTERNS`): bills in whole euros,
  hectares with at most one decimal, scores with three;
* :func:`fact_value` writes a catalog fact (bounds, ranges, yes/no, unknown) in a language;
* :func:`styler` wraps a frame so Streamlit shows these texts while sorting on the numbers.

Pure: no Streamlit. Words (``unknown``, ``yes``) come from the message catalog
(:mod:`report.i18n`).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler

    from sites.model import Fact

UNKNOWN: Final = "–"
"""What a missing number shows (a translated word is used where a fact is unknown)."""

DEFAULT_PATTERN: Final = "#,##0.##"
PATTERNS: Final[Mapping[str, str]] = MappingProxyType({
    # money: bills in whole euros, millions with two decimals
    "EUR/a": "#,##0", "EUR": "#,##0", "MEUR/a": "#,##0.00",
    # unit prices keep cents (and small prices up to four decimals)
    "EUR/m2": "#,##0.00", "EUR/m2/a": "#,##0.00##", "EUR/MWh": "#,##0.00",
    "EUR/m3": "#,##0.00##", "EUR/kWh": "#,##0.00##", "EUR/MW/a": "#,##0", "EUR/kW/a": "#,##0.00",
    # land and distances
    "ha": "#,##0.#", "m": "#,##0.#", "km": "#,##0.#", "mm": "#,##0",
    # energy and grid
    "kV": "#,##0", "MW": "#,##0.#", "GWh/a": "#,##0.#", "MWh/a": "#,##0",
    # amounts
    "t/a": "#,##0", "kt/a": "#,##0.#", "m3/a": "#,##0", "persons": "#,##0", "count": "#,##0",
    # unit-free figures of the scoring
    "score": "0.000", "weight": "0.000", "ratio": "0.000", "0-1": "0.000", "rank": "0",
})
"""Babel number pattern by unit (``#`` = optional digit): the precision each quantity gets."""

UNIT_SYMBOLS: Final[Mapping[str, str]] = MappingProxyType({
    "EUR": "€", "MEUR": "M€", "m2": "m²", "m3": "m³", "0-1": "0–1", "count": "",
})
"""Unit spellings for people (see :func:`unit_text`); a count has no unit to show."""


def pattern_for(unit: str) -> str:
    """The pattern of :data:`PATTERNS` for ``unit``; other prices 2–4 decimals, else 0–2."""
    if unit in PATTERNS:
        return PATTERNS[unit]
    if unit.startswith("EUR/"):
        return "#,##0.00##"
    return DEFAULT_PATTERN


@cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (ValueError, TypeError):
        return Locale.parse("en")


@cache
def _pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def number(value: float | None, language: str, *, pattern: str = DEFAULT_PATTERN,
           unknown: str = UNKNOWN) -> str:
    """``value`` with a Babel ``pattern`` in ``language``; ``unknown`` for None, NaN or inf."""
    if _missing(value):
        return unknown
    assert value is not None
    return str(_pattern(pattern).apply(value, _locale(language)))  # = babel's format_decimal


def decimals_pattern(decimals: int, *, trim: bool = False) -> str:
    """``#,##0.00`` for two decimals (``#,##0.##`` with ``trim``: no trailing zeros)."""
    return "#,##0" + ("." + ("#" if trim else "0") * decimals if decimals > 0 else "")


def quantity(value: float | None, unit: str, language: str, *, unknown: str = UNKNOWN) -> str:
    """A number at the precision of its unit (:func:`pattern_for`), without the unit."""
    return number(value, language, pattern=pattern_for(unit), unknown=unknown)


WORD_UNITS: Final = frozenset({"persons", "yes/no", "a", "text", "list"})
"""Units that are words: their text in a language is the catalog entry ``unit.<unit>``."""


def unit_text(unit: object, language: str | None = None) -> str:
    """A unit for people: ``EUR/m2`` → ``€/m²``, ``m3/a`` → ``m³/a`` (text cells as given);
    with a ``language``, word units in it (``persons`` → ``henkeä``, catalog ``unit.*``)."""
    if not isinstance(unit, str):
        return UNKNOWN if unit is None else str(unit)
    if language is not None and unit in WORD_UNITS:
        from report.i18n import translate

        return translate(f"unit.{unit}", language)
    return "/".join(UNIT_SYMBOLS.get(part, part) for part in unit.split("/"))


def unit_formatter(language: str) -> Callable[[object], str]:
    """:func:`unit_text` bound to ``language`` (a :data:`Format` for unit columns)."""
    return lambda unit: unit_text(unit, language)


def with_unit(value: float | None, unit: str, language: str, *,
              unknown: str = UNKNOWN) -> str:
    """``1 234 ha``: :func:`quantity` and the unit (``unknown`` alone when missing)."""
    if _missing(value):
        return unknown
    symbol = unit_text(unit, language)
    text = quantity(value, unit, language)
    return f"{text} {symbol}" if symbol and unit not in ("score", "0-1") else text


def percent(value: float | None, language: str, *, decimals: int = 0,
            unknown: str = UNKNOWN) -> str:
    """A share 0..1 as a percentage in the language's style (``83 %`` in Finnish)."""
    from babel.numbers import format_percent

    if _missing(value):
        return unknown
    assert value is not None
    locale = _locale(language)
    pattern = locale.percent_formats[None].pattern  # e.g. "#,##0 %" in Finnish
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1)
    return str(format_percent(value, format=pattern, locale=locale))


def fact_value(fact: Fact, language: str) -> str:
    """A catalog fact in ``language``: ``40 ha``, ``≥ 40 ha``, ``40–70 ha (typ. 55 ha)``,
    yes/no, a list, or the translated ``unknown`` / ``not applicable``."""
    from report.i18n import translate
    from sites.schema import Status

    if fact.status is Status.NOT_APPLICABLE:
        return translate("status.not_applicable", language)
    if not fact.known:
        return translate("status.unknown", language)
    value = fact.value
    if fact.is_range:
        text = f"{quantity(fact.low, fact.unit, language)}–" \
               f"{with_unit(fact.high, fact.unit, language)}"
        if isinstance(value, int | float) and not isinstance(value, bool):
            text += " " + translate("fmt.typical", language,
                                    value=with_unit(float(value), fact.unit, language))
        return text
    if isinstance(value, bool):
        return translate("fmt.yes" if value else "fmt.no", language)
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, int | float):
        sign = {"at least": "≥ ", "at most": "≤ "}.get(fact.qualifier or "", "")
        return sign + with_unit(float(value), fact.unit, language)
    return str(value)


def fact_date(fact: Fact, language: str) -> str:
    """The date column of a fact in ``language``: ``2016-02``, ``undated``, ``not found
    (searched 2026-12)``, or ``""`` for a fact that does not apply."""
    from report.i18n import translate
    from sites.schema import Status

    if fact.status is Status.UNKNOWN:
        month = fact.checked_text[:7]
        return translate("fmt.not_found", language, month=month) if month else \
            translate("fmt.not_found_plain", language)
    if fact.status is Status.NOT_APPLICABLE:
        return ""
    return fact.as_of_text or translate("fmt.undated", language)


@cache
def country_name(code: str, language: str) -> str:
    """A country's name in ``language`` from CLDR (``FI`` → ``Finland``, ``Suomi``, ``Finland``);
    the code itself when CLDR has none."""
    return str(_locale(language).territories.get(code, code))


Format = str | Callable[[object], str]
"""A column's format in :func:`styler`: a unit (see :data:`PATTERNS`), ``percent``, or a
function from a cell to its text."""


def _real(value: object) -> float | None:
    """A cell as a float (numpy numbers included); ``None`` for text, booleans and missing."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    return float(value)


def cell_formatter(spec: Format, language: str) -> Callable[[object], str]:
    """The function :func:`styler` applies to the cells of one column."""
    if callable(spec):
        return spec
    if spec == "percent":
        return lambda v: percent(_real(v), language)
    pattern = pattern_for(spec)
    return lambda v: number(_real(v), language, pattern=pattern)


def styler(frame: pd.DataFrame, formats: Mapping[str, Format], language: str, *,
           units: Mapping[str, str] | None = None, unknown: str = UNKNOWN) -> Styler:
    """``frame`` with display texts: formatted numbers and ``unknown`` for missing cells.

    Parameters
    ----------
    frame
        The table (a unique index).
    formats
        Column -> its :data:`Format` (one precision for the whole column).
    language
        The language whose separators are used.
    units
        Column -> the column holding each row's unit, for columns whose rows differ in unit
        (a bill's quantities): every row gets its own unit's precision.
    unknown
        The text of a missing cell.

    Notes
    -----
    ``st.dataframe`` shows a Styler's texts in text columns and in number columns without a
    ``format`` of their own, and sorts on the underlying numbers.
    """
    import pandas as pd

    present = {c: cell_formatter(f, language) for c, f in formats.items() if c in frame}
    style = frame.style.format(present, na_rep=unknown)  # type: ignore[arg-type]
    for column, unit_column in (units or {}).items():
        for unit in frame[unit_column].dropna().unique():
            rows = frame.index[frame[unit_column] == unit]
            style = style.format(cell_formatter(str(unit), language), na_rep=unknown,
                                 subset=pd.IndexSlice[rows, [column]])
    return style


__all__ = ["DEFAULT_PATTERN", "PATTERNS", "UNKNOWN", "Format", "cell_formatter", "country_name",
           "decimals_pattern", "fact_date", "fact_value", "number", "pattern_for", "percent",
           "quantity", "styler", "unit_formatter", "unit_text", "with_unit"]

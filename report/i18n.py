"""Translations and locale formatting, pure (no Streamlit): used by the report and the UI.

The catalogs are flat TOML files in ``ui/locales`` (``key = "text with {placeholders}"``);
:func:`translate` looks a key up in a language, :func:`format_number` and :func:`format_date`
follow the language's conventions, and :func:`render_message` turns a core
:class:`metrics.messages.Message` into text. ``ui.i18n`` re-exports these and binds the
session's language; the report receives the language as an argument.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from metrics.messages import Message, render
from report.format import decimals_pattern, number, unit_text

if TYPE_CHECKING:
    from metrics.bill import BillLine

LANGUAGES: Final = {"en": "English", "fi": "Suomi", "sv": "Svenska"}
DEFAULT_LANGUAGE: Final = "en"
LOCALES: Final = Path(__file__).resolve().parents[1] / "ui" / "locales"


@cache
def _catalog(language: str) -> dict[str, str]:
    data = tomllib.loads((LOCALES / f"{language}.toml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def catalog(language: str) -> dict[str, str]:
    """The message catalog of a language (read once; returned as a fresh dict copy)."""
    return dict(_catalog(language))


def translate(key: str, language: str, /, **values: Any) -> str:
    """Message ``key`` in ``language`` (falling back to English), formatted with ``values``."""
    messages = _catalog(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    text = messages.get(key) or _catalog(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**values) if values else text


def translator(language: str) -> Callable[..., str]:
    """``translate`` bound to one language: ``tr(key, **values)``."""
    def tr(key: str, /, **values: Any) -> str:
        return translate(key, language, **values)
    return tr


def language_from_locale(locale: str | None) -> str:
    """Pick a supported language from a browser locale such as ``fi-FI`` or ``sv``."""
    if not locale:
        return DEFAULT_LANGUAGE
    code = locale.replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def format_number(value: float | None, language: str, *, decimals: int = 0,
                  unknown: str = "–", trim: bool = False) -> str:
    """``1,234.5`` in English, ``1 234,5`` in Finnish and Swedish (Babel, the locale's own
    separators; see :mod:`report.format` for precision by unit).

    ``trim`` drops trailing zeros of the decimals (``10`` rather than ``10.00``).
    """
    return number(value, language, pattern=decimals_pattern(decimals, trim=trim),
                  unknown=unknown)


def format_date(value: dt.date, language: str) -> str:
    """``27 Nov 2026`` / ``27.11.2026`` / ``2026-11-27``."""
    if language == "fi":
        return f"{value.day}.{value.month}.{value.year}"
    if language == "sv":
        return value.isoformat()
    return value.strftime("%d %b %Y").lstrip("0")


def render_message(message: Message, language: str) -> str:
    """A core message in ``language``: catalog entry ``msg.<code>``, numbers in its locale,
    units as people write them (``€/m³``, word units translated)."""
    return render(message, translator(language),
                  number=lambda v: format_number(v, language, decimals=2, trim=True),
                  unit=lambda u: unit_text(u, language))


def bill_item(line: BillLine, language: str) -> str:
    """A bill line's item in ``language``: ``bill.q.<quantity>`` and its variant (a band, the
    spot years), e.g. ``Sähkö, spot-energia (keskiarvo 2023–2025)``."""
    label = translate(f"bill.q.{line.price_quantity}", language)
    if line.variant is None:
        return label
    return f"{label} ({render_message(line.variant, language)})"


def bill_remark(line: BillLine, language: str) -> str:
    """What a reader is told about a line: its remark in ``language``, else the price
    table's own note (source text, as published)."""
    return render_message(line.remark, language) if line.remark is not None else line.note


def slug(text: object) -> str:
    """A catalog key part from free text: ``Central Ostrobothnia`` → ``central_ostrobothnia``."""
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")


def region_name(region: str, language: str) -> str:
    """A park's region in ``language`` (catalog ``region.<slug>``), else as the profile
    writes it."""
    key = f"region.{slug(region)}"
    text = translate(key, language)
    return region if text == key else text

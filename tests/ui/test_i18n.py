"""Every language catalog has every key, with the same placeholders; formatting per language."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest

from ui.i18n import (
    LANGUAGES,
    LOCALES,
    catalog,
    format_date,
    format_number,
    language_from_locale,
    translate,
)

ROOT = Path(__file__).resolve().parents[2]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_every_catalog_has_every_key_and_placeholder(language):
    english, other = catalog("en"), catalog(language)
    assert set(other) == set(english), set(english) ^ set(other)
    for key, text in english.items():
        assert _fields(other[key]) == _fields(text), key
        assert other[key].strip(), key


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_method_page_exists_per_language(language):
    assert (LOCALES / f"method.{language}.md").read_text(encoding="utf-8").strip()


def test_every_key_used_in_code_exists():
    """Literal keys given to ``t(...)`` (dashboard) and ``tr(...)`` (the report) all exist."""
    used: dict[str, set[str]] = {}
    pattern = re.compile(r"""\btr?\(\s*["']([a-z_]+\.[a-zA-Z0-9_.]+)["']""")
    for path in [*(ROOT / "app_pages").glob("*.py"), *(ROOT / "ui").glob("*.py"),
                 *(ROOT / "report").glob("*.py"), ROOT / "app.py"]:
        used[path.parent.name] = used.get(path.parent.name, set()) | set(
            pattern.findall(path.read_text(encoding="utf-8")))
    assert all(len(used[folder]) >= 20 for folder in ("app_pages", "ui", "report")), used
    missing = sorted(k for keys in used.values() for k in keys if k not in catalog("en"))
    assert not missing


def test_translate_falls_back_and_formats():
    assert translate("nav.find", "fi") != translate("nav.find", "en")
    assert translate("no.such.key", "sv") == "no.such.key"
    assert translate("nav.find", "xx") == translate("nav.find", "en")


@pytest.mark.parametrize(("locale", "expected"), [("fi-FI", "fi"), ("sv_SE", "sv"),
                                                  ("en-GB", "en"), ("de-DE", "en"), (None, "en")])
def test_language_from_browser_locale(locale, expected):
    assert language_from_locale(locale) == expected


def test_number_and_date_formats():
    assert format_number(1234567.891, "en", decimals=1) == "1,234,567.9"
    assert format_number(1234567.891, "fi", decimals=1) == "1\u00a0234\u00a0567,9"
    assert format_number(None, "sv") == "–"
    assert format_number(float("nan"), "en") == "–"
    day = dt.date(2026, 3, 5)
    assert (format_date(day, "en"), format_date(day, "fi"), format_date(day, "sv")) == \
        ("5 Mar 2026", "5.3.2026", "2026-03-05")

"""Pure translation and formatting: one implementation, shared by the report and the UI."""

from __future__ import annotations

import report.i18n as pure
import ui.i18n as session


def test_ui_reexports_the_pure_functions():
    for name in ("translate", "format_number", "format_date", "catalog", "language_from_locale"):
        assert getattr(session, name) is getattr(pure, name)


def test_trimmed_numbers_per_language():
    assert pure.format_number(10.0, "en", decimals=2, trim=True) == "10"
    assert pure.format_number(1234.5, "fi", decimals=2, trim=True) == "1\u00a0234,5"
    assert pure.format_number(1200.0, "sv", decimals=2, trim=True) == "1\u00a0200"
    assert pure.format_number(None, "en") == "–"


def test_translator_binds_the_language():
    assert pure.translator("fi")("nav.find") == pure.translate("nav.find", "fi")

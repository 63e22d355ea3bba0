"""Core messages and scores as the pages show them: translated codes, one 0-1 score."""

from __future__ import annotations

import pytest

from tests.app_pages.conftest import no_exception


@pytest.mark.parametrize(("lang", "words"), [("en", ("unknown", "no ")),
                                             ("fi", ("ei tiedossa", "puuttuu")),
                                             ("sv", ("okänt", "saknas"))])
def test_find_table_reasons_are_translated_codes(app, lang, words):
    at = app(lang=lang)
    no_exception(at)
    reasons = [r for r in at.dataframe[0].value["reasons"] if isinstance(r, str) and r]
    assert reasons, "some parks fail a must-have of the default brief"
    assert not any("(" in r and "=" in r for r in reasons)  # no raw code form
    assert any(w in r for r in reasons for w in words)


@pytest.mark.parametrize("method", ["vikor", "promethee"])
def test_find_table_score_is_0_1_with_rank_1_highest(app, method):
    at = app(method=method, strict="false")
    no_exception(at)
    table = at.dataframe[0].value
    ranked = table[table["rank"].notna()]
    assert len(ranked) >= 2
    assert ranked["score"].between(0.0, 1.0).all()
    assert ranked.loc[ranked["rank"] == 1, "score"].min() == ranked["score"].max()

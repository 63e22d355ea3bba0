"""Method page in each language."""

from __future__ import annotations

import pytest

from tests.app_pages.conftest import no_exception


@pytest.mark.parametrize(("lang", "word"), [("en", "TOPSIS"), ("fi", "konsistenssisuhteen"),
                                            ("sv", "konsistenskvot")])
def test_method_page(app, lang, word):
    at = app(page="app_pages/method.py", lang=lang)
    no_exception(at)
    text = " ".join(m.value for m in at.markdown)
    assert word in text
    assert "Saaty" in text and "Hwang" in text


@pytest.mark.parametrize(("lang", "title"), [
    ("en", "Decisions under incomplete data"), ("fi", "Päätökset puutteellisilla tiedoilla"),
    ("sv", "Beslut med ofullständiga uppgifter")])
def test_method_page_explains_intervals_undecided_and_value_of_information(app, lang, title):
    at = app(page="app_pages/method.py", lang=lang)
    no_exception(at)
    text = " ".join(m.value for m in at.markdown)
    assert title in text and "3–11" in text
    assert "Jahanshahloo" in text and "SMAA-2" in text

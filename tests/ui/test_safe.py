"""Markdown escaping of data text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sites.text import WORD_JOINER as WJ
from ui.safe import md


def test_images_links_and_shortcodes_are_inert():
    linked = md("![x](http://evil.example/a.png)")
    assert linked.replace(WJ, "") == r"\!\[x\]\(http\:\/\/evil\.example\/a\.png\)"
    assert md(":material/warning: $x$") == r"\:material\/warning\: \$x\$"
    assert md("<img src=x onerror=alert(1)>") == r"\<img src\=x onerror\=alert\(1\)\>"


def test_newlines_cannot_start_a_block():
    assert "\n" not in md("line\n# heading\n- item")


@given(st.text(max_size=200))
def test_every_ascii_punctuation_is_escaped(text):
    escaped = md(text)
    unescaped = escaped.replace("\\\\", "")
    for i, char in enumerate(unescaped):
        if char in "!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~" and (i == 0 or unescaped[i - 1] != "\\"):
            raise AssertionError((text, escaped))


def test_bidi_and_invisible_characters_are_removed():
    assert md("KIP\u202e\u2066x\u200b\u00ady\ufeff") == "KIPxy"


def test_bare_urls_and_addresses_are_not_autolinked():
    for text in ("see https://evil.example/x", "www.evil.example", "mail a@evil.example"):
        shown = md(text)
        assert "://" not in shown.replace("\\", "") and "www." not in shown
        assert "a@" not in shown.replace("\\", "")
        assert shown.replace(WJ, "").replace("\\", "") == text


def _page() -> None:
    import streamlit as st

    from ui.safe import md

    st.markdown(md("see https://evil.example and www.evil.example or a@evil.example"))


def test_apptest_markdown_body_holds_no_link():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_page).run()
    (element,) = at.markdown
    body = element.value.replace("\\", "")
    assert "://" not in body and "www." not in body and "a@evil" not in body
    assert "](" not in body and "<a" not in body

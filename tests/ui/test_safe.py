"""Markdown escaping of data text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ui.safe import md


def test_images_links_and_shortcodes_are_inert():
    assert md("![x](http://evil.example/a.png)") == r"\!\[x\]\(http\:\/\/evil\.example\/a\.png\)"
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

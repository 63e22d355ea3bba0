"""Show user and data text in Markdown-rendering elements as plain text.

Streamlit renders Markdown in titles, captions, alerts and help tooltips (never raw HTML, which
stays off). A park name such as ``![x](http://evil/)`` would still load a remote image, so every
data string placed in such an element goes through :func:`md`, which backslash-escapes all
ASCII punctuation (CommonMark allows escaping any of it) and neutralises Streamlit's
``:emoji:`` and ``$math$`` syntax.
"""

from __future__ import annotations

import re

from sites.text import inert

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md(text: object) -> str:
    """``text`` escaped so that Markdown renders it literally."""
    flat = " ".join(inert(text).splitlines())  # no bidi/invisible characters, no autolinks
    return _PUNCTUATION.sub(r"\\\1", flat)

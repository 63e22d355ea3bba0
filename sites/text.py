"""User text made safe to show: invisible and bidirectional characters removed or made visible.

One place decides what an invisible character becomes, for every renderer:

- :func:`visible` for what people read (the HTML report, Markdown via ``ui.safe.md``, chart
  labels, tables): format characters (Unicode category ``Cf`` — bidirectional embeddings,
  overrides and isolates U+202A–U+202E and U+2066–U+2069, marks U+200E/U+200F/U+061C, zero-width
  space, joiners and no-break U+200B–U+200D/U+2060/U+FEFF, soft hyphen, tag characters) and the
  other default-ignorable code points (Hangul fillers, combining grapheme joiner, variation
  selectors) are removed; other control characters (C0 except tab and line feed, DEL, C1) become
  their visible Control Pictures symbol (``␛`` for ESC) or ``\\x85``; line and paragraph
  separators become line feeds. Emoji joined by U+200D fall apart into their parts — a known,
  accepted cost.
- :func:`terminal_safe` for the command line: every control and format character becomes an
  escape such as ``\\x1b`` or ``\\u202e`` (nothing is removed, so an administrator sees it).

References
----------
Unicode Standard Annex #9 (Bidirectional Algorithm), https://www.unicode.org/reports/tr9/ ;
Unicode Technical Standard #39 (Security Mechanisms), https://www.unicode.org/reports/tr39/ ;
Trojan Source (CVE-2021-42574), https://trojansource.codes/ .
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_IGNORABLE_EXTRA: Final = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef]")
"""Default-ignorable code points outside category Cf (Hangul fillers, CGJ, selectors)."""
_KEPT_CONTROLS: Final = frozenset("\t\n")


def is_invisible(char: str) -> bool:
    """A format (``Cf``) or other default-ignorable character: renders as nothing."""
    return unicodedata.category(char) == "Cf" or bool(_IGNORABLE_EXTRA.match(char))


def _shown(char: str) -> str:
    code = ord(char)
    if char in _KEPT_CONTROLS:
        return char
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if char in "\u2028\u2029":
        return "\n"
    if unicodedata.category(char) == "Cc":  # C1 controls
        return f"\\x{code:02x}"
    if unicodedata.category(char) == "Cs":  # a lone surrogate cannot be encoded
        return "\ufffd"
    return ""  # invisible: removed


_SPECIAL: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\u00ad\u0600-\u0605\u061c\u06dd"
    "\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef]")
"""Every character :func:`visible` changes: Cc, Cf, Cs, Zl, Zp and default-ignorables."""


def visible(text: object) -> str:
    """``text`` as a string with invisible characters removed and controls made visible."""
    return _SPECIAL.sub(lambda m: _shown(m.group()), "" if text is None else str(text))


def terminal_safe(text: object) -> str:
    """``text`` for a terminal: control, format and ignorable characters as escapes."""
    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 \
            else f"\\U{code:08x}"

    return _TERMINAL.sub(escape, "" if text is None else str(text))


_TERMINAL: Final = re.compile(_SPECIAL.pattern.replace("[\x00-\x08\x0b-\x1f", "[\x00-\x1f", 1))
"""Like :data:`_SPECIAL` but tab and line feed too (a terminal line is one line)."""


_LINKLIKE: Final = re.compile(
    r"(?i)\b[a-z][a-z0-9+.\-]*://\S*|\b(?:mailto|xmpp):\S*|\bwww\.\S*|[^\s@]+@[^\s@]+")
"""A URL with any scheme, a ``www.`` address or an e-mail address (what Markdown autolinks)."""
_LINK_PUNCTUATION: Final = re.compile(r"([:./@])")
WORD_JOINER: Final = "\u2060"


def unlinked(text: str) -> str:
    """``text`` with a word joiner (U+2060, invisible) before each ``:``, ``.``, ``/`` and ``@``
    of anything Markdown would autolink, so ``https://evil.example`` stays text.

    GitHub-flavoured Markdown (as Streamlit renders it) turns bare ``http://``, ``www.`` and
    e-mail addresses into links; escaping punctuation does not stop that, breaking the
    ``://`` / ``www.`` / ``@`` sequences does.
    """
    return _LINKLIKE.sub(lambda m: _LINK_PUNCTUATION.sub(WORD_JOINER + r"\1", m.group()), text)


def inert(text: object) -> str:
    """:func:`visible`, then :func:`unlinked`: data text for a Markdown renderer."""
    return unlinked(visible(text))

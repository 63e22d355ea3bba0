"""Confusable park names: a name that looks like an existing park's is not a new park.

:func:`skeleton` follows the idea of the UTS #39 skeleton: two strings that render alike get the
same skeleton. Steps: Unicode NFKC (fullwidth ``ＫＩＰ`` -> ``KIP``, no-break and other spaces ->
space), remove format and other default-ignorable characters (zero-width space, joiners, bidi
controls), decompose (NFD), map every character to the prototype of its confusable
class, case-fold and map again (Cyrillic ``К``/``к`` and Greek ``Κ`` -> ``k``; ``I``, ``l``,
``1`` and ``|`` -> ``i``; ``0`` -> ``o``), recompose, and drop whitespace and punctuation
(``Kokkola-KIP`` ~ ``Kokkola (KIP)``).

The confusable classes come from the ``confusable-homoglyphs`` package's data (built from
Unicode's ``confusables.txt``): its pairs are joined into classes (union–find over single
characters) and each class is represented by its first ASCII letter (else ASCII character,
else lowest code point), case-folded.

References
----------
Unicode Technical Standard #39, Unicode Security Mechanisms, section 4 "Confusable Detection",
https://www.unicode.org/reports/tr39/#Confusable_Detection
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Iterable, Mapping
from importlib import resources
from types import MappingProxyType
from typing import Final

from sites.text import is_invisible

_DIGRAPHS: Final = (("rn", "m"), ("vv", "w"))
"""ASCII pairs that render like one letter in many fonts (UTS #39 maps them likewise)."""


@functools.cache
def prototypes() -> Mapping[str, str]:
    """Character -> prototype of its confusable class (read once, immutable)."""
    raw = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text(
        encoding="utf-8")
    pairs: dict[str, list[dict[str, str]]] = json.loads(raw)
    parent: dict[str, str] = {}

    def root(char: str) -> str:
        while parent.get(char, char) != char:
            parent[char] = parent.get(parent[char], parent[char])
            char = parent[char]
        return char

    for char, entries in pairs.items():
        for entry in entries:
            other = entry.get("c", "")
            if len(char) == 1 and len(other) == 1 and root(char) != root(other):
                parent[root(char)] = root(other)
    classes: dict[str, list[str]] = {}
    for char in set(parent) | {c for c in pairs if len(c) == 1}:
        classes.setdefault(root(char), []).append(char)
    table: dict[str, str] = {}
    for members in classes.values():
        table.update(dict.fromkeys(members, _representative(members)))
    return MappingProxyType(table)


def _representative(members: Iterable[str]) -> str:
    ordered = sorted(members)
    letters = [c for c in ordered if c.isascii() and c.isalpha()]
    ascii_ = [c for c in ordered if c.isascii()]
    return (letters or ascii_ or ordered)[0].casefold()


def skeleton(text: str) -> str:
    """A key equal for names that look alike (see the module documentation)."""
    folded = unicodedata.normalize("NFKC", text)
    folded = unicodedata.normalize("NFD", "".join(c for c in folded if not is_invisible(c)))
    table = prototypes()
    mapped = "".join(table.get(c, c) for c in folded).casefold()  # before and after folding:
    mapped = "".join(table.get(c, c) for c in mapped)               # К -> k, к -> k
    for pair, letter in _DIGRAPHS:
        mapped = mapped.replace(pair, letter)
    mapped = unicodedata.normalize("NFC", mapped)
    return "".join(c for c in mapped if not unicodedata.category(c).startswith(("P", "Z"))
                   and not c.isspace())


def lookalike(name: str, others: Mapping[str, Iterable[str]]) -> str | None:
    """The key of the first entry of ``others`` with a name whose skeleton equals ``name``'s."""
    key = skeleton(name)
    if not key:
        return None
    for other, names in others.items():
        if any(key == skeleton(n) for n in names if n):
            return other
    return None

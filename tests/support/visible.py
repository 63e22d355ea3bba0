"""Every string a user can see in an AppTest render, and English words among them.

:func:`visible_texts` walks an AppTest's element tree and returns ``(where, text)`` pairs:
markdown, titles, captions and notices; widget labels, help texts and options; tab, button and
expander labels; metric labels, values and deltas; dataframe headers (column-config labels of
the visible columns), help texts and cells (the Styler's display texts where there are some);
plotly figures' titles, legend entries, axis titles, tick texts and category labels; and the
folium map's tooltips, layer names, legend and draw-toolbar labels.

:func:`english_words` finds English in a text: words of the English message catalog (and a
few common English words) that the target language's catalog does not use itself.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd

LOCALES = Path(__file__).resolve().parents[2] / "ui" / "locales"
COLOR_DIRECTIVE = re.compile(
    r":(?:red|orange|yellow|green|blue|violet|gray|grey|rainbow|primary)(?:-background)?"
    r"\[([^\]]*)\]")
"""Streamlit's coloured-text markdown: only the bracketed text is shown."""
QUOTED_LITERAL = re.compile(r'"[^"\s]*"')
"""A keyword quoted as the user types it in a file; not a word of the language."""
URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_COMMON = """
the and of for with is are not to from by on at in or be this that which per each all any
unknown yes no none fails passes score price bill line lease purchase electricity energy
tariff tax heat steam natural gas water wastewater process land annualised factor capital
recovery searched park parks site sites value values source status published estimate
undated persons person clear draw polygon rectangle circle cancel finish delete undo click
drag shape area ports airports seaports universities customers raw materials plants cell
battery international chemistry engineering sources processors cathode median peer worst
your user priced unpriced mean spot band transmission industry
about above after again against also although always among another because been before
being below between both but can cannot could does done down during either else enough
ever every few first found from further have having here how however into its just last
least less like many may might more most much must near need needs never next none nor
now off often once only other our out over own please rather same should since some
still such than that their them then there these they those through too under until
upon very was were what when where whether while who whom whose why will within without
would yet you about shows showing shown click choose chosen select enter download upload
file files table chart map layer legend title page report weight weights ranking rank
rather sources missing found applied loading error warning notice unknown known
mine smelter refinery operating construction verify commissioning owner plant plants
"""
COMMON_ENGLISH = frozenset(_COMMON.split())
"""Frequent English words and the app's own domain words, besides the English catalog's."""


class _Text(HTMLParser):
    """Text nodes of an HTML fragment (scripts and styles left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        for name, value in attrs:
            if name in {"title", "alt", "aria-label", "placeholder"} and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def html_texts(fragment: str) -> list[str]:
    parser = _Text()
    parser.feed(fragment)
    return parser.parts


def _walk(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _widget(node: Any) -> Iterator[str]:
    for attr in ("label", "help", "placeholder"):
        value = getattr(node.proto, attr, "") if hasattr(node, "proto") else ""
        if isinstance(value, str) and value:
            yield value
    options = getattr(node.proto, "options", None)
    if options is not None:
        yield from (str(o) for o in options)


def _dataframe(node: Any) -> Iterator[tuple[str, str]]:
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    arrow = node.proto.arrow_data
    if arrow.HasField("styler") and arrow.styler.display_values:
        frame = convert_arrow_bytes_to_pandas_df(arrow.styler.display_values)
        frame.columns = node.value.columns
    else:
        frame = node.value
    config = json.loads(node.proto.columns) if node.proto.columns else {}
    order = list(node.proto.column_order) or [str(c) for c in frame.columns]
    for column in order:
        spec = config.get(column) or config.get(f"col:{column}") or {}
        if spec.get("hidden") or column not in frame.columns:
            continue
        yield "header", str(spec.get("label") or column)
        if spec.get("help"):
            yield "header help", str(spec["help"])
        if (spec.get("type_config") or {}).get("type") == "checkbox":
            continue  # shown as ticks
        for cell in frame[column].tolist():
            if isinstance(cell, str) and cell.strip():
                yield f"cell {column}", cell
            elif isinstance(cell, list | tuple):
                yield from ((f"cell {column}", str(c)) for c in cell if str(c).strip())


def plotly_texts(figure: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Titles, legend entries, axis titles, tick texts and category labels of a plotly spec
    (line breaks and styling tags as plotly draws them: as spaces)."""
    for where, text in _plotly_texts(figure):
        yield where, " ".join(html_texts(text.replace("<br>", " ")))


def _plotly_texts(figure: dict[str, Any]) -> Iterator[tuple[str, str]]:
    layout = figure.get("layout", {})

    def title(value: Any) -> str:
        return str(value.get("text", "")) if isinstance(value, dict) else str(value or "")

    yield "chart title", title(layout.get("title"))
    yield "legend title", title(layout.get("legend", {}).get("title"))
    for name, axis in layout.items():
        if isinstance(axis, dict) and re.match(r"(x|y)axis\d*$|polar\d*$", name):
            parts = [axis] + [axis[k] for k in ("radialaxis", "angularaxis") if k in axis]
            for part in parts:
                yield "axis title", title(part.get("title"))
                yield from (("tick", str(t)) for t in part.get("ticktext", []) or [])
    for note in layout.get("annotations", []) or []:
        yield "annotation", str(note.get("text", ""))
    for trace in figure.get("data", []):
        if trace.get("showlegend", True) and trace.get("name"):
            yield "legend", str(trace["name"])
        for key in ("x", "y", "theta", "labels", "text"):
            values = trace.get(key)
            if isinstance(values, list):
                yield from (("category", v) for v in values if isinstance(v, str))
        if isinstance(trace.get("hovertemplate"), str):
            yield "hover", re.sub(r"%\{[^}]*\}|<extra>.*?</extra>", " ", trace["hovertemplate"])


def folium_texts(args: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """What the streamlit-folium map shows: tooltips, layers, legend, draw toolbar."""
    scripts = "\n".join(str(args.get(k) or "") for k in ("script", "feature_group"))
    for raw in re.findall(r'"tip":\s*"((?:[^"\\]|\\.)*)"', scripts):
        for text in html_texts(json.loads(f'"{raw}"')):
            yield "map tooltip", text
    for raw in re.findall(r'bindTooltip\(\s*`((?:[^`\\]|\\.)*)`', scripts):
        for text in html_texts(raw):
            yield "map tooltip", text
    for block in re.findall(r"(?:base_layers|overlays)\s*:\s*\{([^}]*)\}", scripts):
        for name in re.findall(r'"((?:[^"\\]|\\.)*)"\s*:', block):
            yield "map layer", json.loads(f'"{name}"')
    for text in html_texts(str(args.get("html") or "")):
        yield "map html", text
    for raw in re.findall(r"\$\(`((?:[^`\\]|\\.)*)`\)", scripts):  # legend controls
        for text in html_texts(raw):
            yield "map legend", text
    zoom = [json.loads(raw) if raw.startswith('{"') else {}
            for raw in re.findall(r"L\.control\.zoom\((\{.*?\})\)", scripts)] or [{}]
    for options in zoom:  # Leaflet's own zoom control says "Zoom in" and "Zoom out"
        yield "map zoom", str(options.get("zoomInTitle", "Zoom in"))
        yield "map zoom", str(options.get("zoomOutTitle", "Zoom out"))
    if "L.Control.Draw" in scripts or "drawControl" in scripts:
        local = re.search(r"parkbenchDrawLocal\s*=\s*", scripts)
        if local is None:  # Leaflet.draw's own English
            yield "draw toolbar", "Draw a polygon; Draw a rectangle; Draw a circle; Cancel"
        else:
            texts, _ = json.JSONDecoder().raw_decode(scripts, local.end())
            yield from (("draw toolbar", s) for s in _strings(texts))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def visible_texts(at: Any) -> list[tuple[str, str]]:
    """``(where, text)`` for every user-visible string of an AppTest render."""
    found: list[tuple[str, str]] = []
    for node in _walk(at._tree):
        kind = getattr(node, "type", "")
        where = f"{kind}"
        if kind in {"markdown", "caption", "title", "header", "subheader", "info", "warning",
                    "error", "success", "exception", "latex", "code", "text", "toast"}:
            found.append((where, str(getattr(node, "value", ""))))
        elif kind in {"expander", "tab", "status"}:
            found.append((where, str(node.label if hasattr(node, "label") else "")))
        elif kind == "metric":
            found += [(where, str(node.proto.label)), (where, str(node.proto.body)),
                      (where, str(node.proto.delta)), (where, str(node.proto.help))]
        elif kind in {"dataframe", "arrow_data_frame", "table"}:
            found += list(_dataframe(node))
        elif kind == "plotly_chart":
            found += [(f"chart {w}", t) for w, t in plotly_texts(json.loads(node.proto.spec))]
        elif kind == "component_instance":
            found += list(folium_texts(json.loads(node.proto.json_args)))
        elif hasattr(node, "proto") and hasattr(node.proto, "label"):
            found += [(where, t) for t in _widget(node)]
    return [(w, unescape(t)) for w, t in found if t and t.strip()]


def unescape(text: str) -> str:
    """Text as read: markdown escapes (``\\:``) and the word joiners that :func:`ui.safe.md`
    puts into addresses removed."""
    text = COLOR_DIRECTIVE.sub(r"\1", text)  # :orange[**◯**] shows as ◯
    return re.sub(r"\\([^\w\s])", r"\1", text).replace("\u2060", "")


@cache
def _catalog_words(language: str) -> frozenset[str]:
    data = tomllib.loads((LOCALES / f"{language}.toml").read_text(encoding="utf-8"))
    text = re.sub(r"\{[^}]*\}", " ", " ".join(str(v) for v in data.values()))
    text = QUOTED_LITERAL.sub(" ", text)  # file keywords quoted as typed (status = "unknown")
    method = LOCALES / f"method.{language}.md"
    if method.exists():
        text += " " + method.read_text(encoding="utf-8")
    return frozenset(w.lower() for w in WORD.findall(URL.sub(" ", text)))


@cache
def english_vocabulary(language: str) -> frozenset[str]:
    """English words that the catalog of ``language`` does not use itself (len >= 3)."""
    english = _catalog_words("en") | COMMON_ENGLISH
    own = _catalog_words(language)
    return frozenset(w for w in english - own if len(w) >= 3)


def english_words(text: str, language: str, *, allowed: Iterable[str] = ()) -> list[str]:
    """The English words of ``text`` (URLs and the ``allowed`` phrases removed first)."""
    cleaned = text
    for phrase in sorted(allowed, key=len, reverse=True):
        if phrase:
            cleaned = cleaned.replace(phrase, " ")
    cleaned = URL.sub(" ", cleaned)
    vocabulary = english_vocabulary(language)
    return [w for w in WORD.findall(cleaned) if w.lower() in vocabulary]


def frame_texts(frame: pd.DataFrame) -> list[str]:
    """Headers and string cells of a frame (for tests of tables outside Streamlit)."""
    texts = [str(c) for c in frame.columns]
    texts += [v for v in frame.astype(object).to_numpy().ravel().tolist() if isinstance(v, str)]
    return texts


DECIMAL = re.compile(r"(?<![\d.,])\d+\.\d+(?![\d.])")
DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")


def english_decimals(text: str) -> list[str]:
    """Numbers written with a decimal point (``0.756``), which Finnish and Swedish write with
    a comma; dates like ``27.11.2026`` and addresses are not numbers."""
    return DECIMAL.findall(DATE.sub(" ", URL.sub(" ", text)))

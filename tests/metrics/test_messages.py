"""Core messages are codes with parameters; every code has its text in English, Finnish, Swedish."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from metrics.brief import FIGURES, MUST_HAVES
from metrics.criteria import CRITERIA
from metrics.levers import LEVER_PRICES
from metrics.messages import CODES, Message, message, render
from report.i18n import LANGUAGES, catalog, render_message
from sites.schema import FACTS

ROOT = Path(__file__).resolve().parents[2]
CORE = ("sites", "metrics", "geodata", "report", "scenario")

# the values a label's parameter can take, per key prefix
LABEL_VALUES = {"msg.what.": set(MUST_HAVES), "msg.basis.": {"land", "grid", "draught"},
                "fig.": set(FIGURES) & {"land_ha", "peak_mw", "vessel_draught_m",
                                        "electricity_gwh_a", "heat_gwh_a", "gas_gwh_a",
                                        "water_m3_a", "wastewater_m3_a"},
                "crit.": set(CRITERIA), "fact.": set(FACTS), "bill.q.": set(LEVER_PRICES)}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _emitted_codes() -> set[str]:
    """Codes passed to ``message("...")`` anywhere in the core."""
    codes: set[str] = set()
    for folder in CORE:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "message"
                        and node.args and isinstance(node.args[0], ast.Constant)):
                    codes.add(str(node.args[0].value))
    return codes


def test_every_emitted_code_is_registered():
    emitted = _emitted_codes()
    assert emitted, "the core emits messages through message()"
    assert emitted <= set(CODES), emitted - set(CODES)
    assert set(CODES) <= emitted, f"registered but never emitted: {set(CODES) - emitted}"


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_code_has_a_translation_with_its_placeholders(language):
    texts = catalog(language)
    for code, spec in CODES.items():
        key = f"msg.{code}"
        assert key in texts and texts[key].strip(), (language, key)
        allowed = {n for n, kind in spec.params.items() if kind != "key"} | set(spec.labels)
        assert _fields(texts[key]) <= allowed, (language, key, _fields(texts[key]) - allowed)
        for prefix, _param in spec.labels.values():
            for value in LABEL_VALUES[prefix]:
                assert texts.get(prefix + value, "").strip(), (language, prefix + value)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_numbers_follow_the_locale_and_units_stay(language):
    m = message("must_short", must="grid", fact="grid_capacity_mw", have=1234.5, need=2000.0,
                unit="MW")
    text = render_message(m, language)
    assert ("1,234.5" if language == "en" else "1\u00a0234,5") in text
    assert "MW" in text and "{" not in text


def test_messages_are_immutable_hashable_and_checked():
    a = message("must_missing", must="rail")
    assert a == Message("must_missing", {"must": "rail"}) and hash(a) == hash(
        Message("must_missing", {"must": "rail"}))
    assert len({a, message("must_missing", must="rail")}) == 1
    with pytest.raises(TypeError):
        a.params["must"] = "gas"  # type: ignore[index]
    with pytest.raises(KeyError):
        message("no_such_code")
    with pytest.raises(KeyError):
        message("must_missing", fact="rail")
    assert str(a) == "must_missing(must=rail)"


def test_render_takes_any_translate_callable():
    def tr(key: str, **values: object) -> str:
        return key + "|" + ",".join(f"{k}={v}" for k, v in sorted(values.items()))

    text = render(message("dropped_unknown", criterion="workforce"), tr)
    assert text == "msg.dropped_unknown|criterion=workforce,criterion_label=crit.workforce|"

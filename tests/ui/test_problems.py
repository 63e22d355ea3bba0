"""Upload problems in EN/FI/SV: every code has an entry in every language with the same
placeholders, the hostile corpus renders without English leftovers or markup, and the English
text of the core (the command line's) is unchanged by codes."""

from __future__ import annotations

import ast
import re
import string
from functools import cache
from pathlib import Path

import pytest

from report.i18n import LANGUAGES, catalog
from sites.catalog import load_catalog
from sites.errors import Problem
from sites.problems import PROBLEMS, WHERE, located, placeholders, problem
from sites.schema import Kind
from sites.submissions import check_submission
from sites.submissions.tables import problem_rows
from sites.text import visible
from tests.support.clock import DATA_TODAY
from ui.problems import KEY, render, rows

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
CORPUS_FILES = sorted(p.name for p in CORPUS.iterdir()
                      if p.is_file() and p.name not in {"expected.toml", "_generate.py"})
CHECKER = ("sites/profile.py", "sites/submissions/check.py", "sites/submissions/readers.py",
           "sites/submissions/xlsxscan.py", "sites/submissions/geo.py",
           "sites/submissions/layout.py")
ENGLISH = re.compile(r"\b(the|is|not|missing|invalid|too|many|more|than|file|row|rows|column|"
                     r"cell|sheet|value|number|expected|at most|unknown|only|or|and|with|"
                     r"without|text|workbook|duplicate|hidden|shown|table|given|looks|like|"
                     r"date|key|field|entry|name|park|problem)\b")
"""English words that must not survive in a Finnish or Swedish rendering (once the values,
file keywords and codes are removed)."""
SAME: dict[str, frozenset[str]] = {"fi": frozenset(), "sv": frozenset({"text", "cell", "problem"})}
"""Words that are English and Swedish alike."""
KEYWORDS = re.compile(r"\b(?:facts|park|value|status|unknown|published|estimate|"
                      r"not_applicable|as_of|undated|checked|note|source|low|high|qualifier|"
                      r"lat|lon|precision_m|location|unit|label|fact|true|false|Feature|"
                      r"FeatureCollection|Point|properties|crs|zeroHeight|General|CSV|UTF-8|"
                      r"Windows|Latin|JSON|TOML|XML|DTD|EPSG|WGS84|RFC|Excel|LibreOffice|"
                      r"NUL|xlsx|id|name|[a-z]+(?:_[a-z0-9]+)+)\b")
"""Words a translation keeps on purpose: file keywords, literal values and format names."""


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _keys(spec_code: str) -> list[str]:
    spec = PROBLEMS[spec_code]
    return [f"{KEY}{spec_code}"] + ([f"{KEY}{spec_code}.expected"] if spec.expected else [])


@pytest.mark.parametrize("code", sorted(PROBLEMS))
def test_every_code_has_an_entry_in_every_language_with_the_same_placeholders(code: str) -> None:
    spec = PROBLEMS[code]
    allowed = spec.params | set(spec.labels) | {"country_name"}
    for key in _keys(code):
        english = catalog("en")[key]
        assert _fields(english) <= allowed, (key, _fields(english) - allowed)
        for language in LANGUAGES:
            text = catalog(language).get(key)
            assert text, (language, key)
            assert _fields(text) == _fields(english), (language, key)
            assert "**" not in text and "`" not in text and "<a" not in text, (language, key)
    if not spec.expected:
        assert f"{KEY}{code}.expected" not in catalog("en")


def test_many_codes_and_every_catalog_key_is_a_code() -> None:
    assert len(PROBLEMS) > 100
    parts = {f"{KEY}where.{kind}" for kind in WHERE} | {f"{KEY}kind.{k.value}" for k in Kind}
    codes = {key for code in PROBLEMS for key in _keys(code)}
    for language in LANGUAGES:
        ours = {k for k in catalog(language) if k.startswith(KEY)}
        assert ours == codes | parts, (language, ours ^ (codes | parts))


def test_english_templates_format_like_the_command_line() -> None:
    found = problem("k.toml", (("sheet", "'facts'"), ("sheet_row", 2001)), "row_too_far",
                    row=2001, limit=2000)
    assert found.line() == ("k.toml: sheet 'facts', row 2,001: a row numbered 2,001 "
                            "(expected at most 2,000 rows per sheet)")
    assert found.code == "row_too_far" and found.arguments == {"row": 2001, "limit": 2000}
    moved = located("facts row 7", problem("k.xlsx", "facts.x.value", "not_number", "'a'",
                                           unit="ha"))
    assert moved.field == "facts row 7: facts.x.value"
    assert render(moved, "fi").where == "facts-taulukon rivi 7: facts.x.value"
    with pytest.raises(KeyError):
        problem("k.toml", "id", "id_exists")


def test_a_problem_without_an_entry_keeps_its_english_text() -> None:
    plain = Problem("k.toml", "(database)", "the database cannot be read", "", "x")
    assert render(plain, "fi").problem == "the database cannot be read"
    coded = problem("k.toml", "id", "file_empty")
    fake = Problem(coded.file, coded.field, "English text", "", "", "no_such_code", (), ())
    assert render(fake, "sv").problem == "English text"


def test_numbers_and_labels_follow_the_language() -> None:
    big = problem("k.toml", "(file)", "file_too_large", size=3_000_000, limit=2_097_152)
    spaced = render(big, "fi").problem.replace("\xa0", " ").replace("\u202f", " ")
    assert spaced == "tiedosto on liian suuri (3 000 000 tavua)"
    assert "3,000,000" in big.problem
    kind = problem("k.toml", "facts.x.qualifier", "qualifier_kind", kind="text")
    assert "teksti" in render(kind, "fi").problem and "text" in render(kind, "sv").problem
    outside = problem("k.toml", "location", "outside_country", "'1, 2'", lat=1.5, lon=2.5,
                      country="FI", country_name="Finland")
    assert "Suomi" in render(outside, "fi").problem and "1,5" in render(outside, "fi").problem
    assert "Finland" in render(outside, "sv").problem


@cache
def _corpus(name: str) -> tuple[Problem, ...]:
    return check_submission((CORPUS / name).read_bytes(), filename=name,
                            catalog=_catalog(), today=DATA_TODAY).problems


@cache
def _catalog():  # type: ignore[no-untyped-def]
    return load_catalog()


def _without_values(text: str, found: Problem) -> str:
    for value in sorted((str(v) for _, v in found.params), key=len, reverse=True):
        text = text.replace(visible(value), " ")
    return text


@pytest.mark.parametrize("name", CORPUS_FILES)
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_hostile_corpus_renders_in_finnish_and_swedish(name: str, language: str) -> None:
    problems = _corpus(name)
    assert problems and all(p.code in PROBLEMS for p in problems), [p.line() for p in problems]
    for found, row in zip(problems, rows(problems, language), strict=True):
        shown = render(found, language)
        assert row == {"where": shown.where, "problem": shown.problem,
                       "expected": shown.expected, "value": shown.value}
        english = problem_rows([found])[0]
        assert shown.problem != english["problem"] or not ENGLISH.search(found.problem)
        for text in (shown.where, shown.problem, shown.expected):
            assert text == visible(text)  # no bidi or invisible characters
            rest = KEYWORDS.sub(" ", re.sub(r"\S*[/.]\S*", " ", _without_values(text, found)))
            if found.where:
                rest = rest.replace(visible(found.field.split(": ")[-1]), " ")
            left = [w for w in ENGLISH.findall(rest) if w not in SAME[language]]
            assert not left, (language, found.code, text, left)
            assert "<" not in rest.replace("<=", "") or found.code == "xml_attribute", text
        assert shown.value == visible(found.value)  # the given value, as given
        for _, value in found.params:  # user values are inserted as they are: no escaping
            if isinstance(value, str) and value:
                whole = shown.problem + shown.expected
                assert visible(value) in whole or not _mentions(found, value), (value, whole)


def _mentions(found: Problem, value: str) -> bool:
    keys = [k for k, v in found.params if v == value]
    spec = PROBLEMS[found.code]
    used = placeholders(catalog("fi").get(f"{KEY}{found.code}", "")) | placeholders(
        catalog("fi").get(f"{KEY}{found.code}.expected", ""))
    return any(k in used and k not in spec.labels and k not in spec.places
               and k != "country_name" for k in keys)


def test_hostile_values_stay_plain_text() -> None:
    hostile = "<script>alert(1)</script> ![x](http://evil/) {name} \u202eevil"
    found = problem("k.toml", "id", "id_other_park", repr(hostile), declared=repr(hostile),
                    expected_id="'kip'")
    for language in LANGUAGES:
        shown = render(found, language)
        assert visible(repr(hostile)) in shown.problem  # literally, never escaped or formatted
        assert "\u202e" not in shown.problem + shown.value


def test_every_problem_of_the_checker_is_built_from_a_code() -> None:
    for path in CHECKER:
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
                 and isinstance(n.func, ast.Name) and n.func.id == "Problem"]
        assert not calls, (path, [c.lineno for c in calls])


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_code_renders_from_the_catalog(language: str) -> None:
    for code, spec in PROBLEMS.items():
        params = tuple((name, "'x'") for name in sorted(spec.params))
        found = Problem("k.toml", "id", "ENGLISH", "ENGLISH" if spec.expected else "", "",
                        code, params, (("path", "id"),))
        shown = render(found, language)
        assert shown.problem != "ENGLISH" and shown.expected != "ENGLISH", (language, code)

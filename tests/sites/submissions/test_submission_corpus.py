"""The hostile corpus: every file produces its expected problem, and nothing raises."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sites.catalog import load_catalog
from sites.submissions import check_submission
from tests.support.clock import DATA_TODAY

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
EXPECTED: dict[str, dict[str, str]] = tomllib.loads(
    (CORPUS / "expected.toml").read_text(encoding="utf-8"))
TODAY = DATA_TODAY


def test_corpus_is_large_and_fully_described() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.is_file()} - {"expected.toml", "_generate.py"}
    assert len(EXPECTED) >= 40
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_is_rejected_with_its_message(name: str) -> None:
    expected = EXPECTED[name]
    submission = check_submission((CORPUS / name).read_bytes(), filename=name,
                                  catalog=load_catalog(), today=TODAY)
    assert not submission.ok and submission.park is None
    matching = [p for p in submission.problems if expected["error"] in p.problem + p.expected]
    assert matching, [p.line() for p in submission.problems]
    if "field" in expected:
        assert any(expected["field"] in p.field for p in matching), [p.line() for p in matching]
    assert all(p.file == name for p in submission.problems)

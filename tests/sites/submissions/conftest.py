from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sites.catalog import Catalog, load_catalog
from sites.model import Park
from sites.profile import parse_profile
from sites.submissions import SubmissionStore
from sites.submissions.templates import profile_mapping
from tests.support.clock import DATA_TODAY

TODAY = DATA_TODAY


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def kip(catalog: Catalog) -> Park:
    return catalog.by_id("kokkola-kip")


@pytest.fixture
def kip_data(kip: Park) -> dict[str, Any]:
    return profile_mapping(kip)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> SubmissionStore:
    """An empty store on each backend: a SQLite file (not yet created) or a fresh PostgreSQL
    database on the session's throw-away server."""
    if backend == "sqlite":
        return SubmissionStore(tmp_path / "var" / "db.sqlite")
    return SubmissionStore.from_url(request.getfixturevalue("postgres_url"))


def variant(park: Park, **values: float) -> Park:
    """``park`` with the given facts replaced by published 2026 values (test data)."""
    data: dict[str, Any] = copy.deepcopy(profile_mapping(park))
    for name, value in values.items():
        data["facts"][name] = {"value": value, "unit": data["facts"][name]["unit"],
                               "status": "published", "as_of": "2026",
                               "source": "https://kip.fi/en/frontpage.html"}
    result = parse_profile(data, origin="test", today=TODAY)
    assert result.park is not None, result.problems
    return result.park


@pytest.fixture(name="variant")
def variant_fixture() -> Callable[..., Park]:
    return variant

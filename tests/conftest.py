"""Shared fixtures. Synthetic data here is for tests only and is labelled as such."""

from __future__ import annotations

import copy
import os
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
KIP_FILE = ROOT / "sites" / "data" / "parks" / "kokkola-kip.toml"


@pytest.fixture
def kip_profile() -> dict[str, Any]:
    """A fresh, mutable copy of the shipped KIP profile mapping."""
    return copy.deepcopy(tomllib.loads(KIP_FILE.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throw-away PostgreSQL cluster for the session (superuser URL); see
    :mod:`tests.support.postgres`. Skipped when the server binaries are missing, except under CI
    (``CI`` set), where that fails: ``.ci/run`` must install them."""
    from tests.support.postgres import bindir, start_postgres

    if bindir() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries not found; .ci/run must install postgresql")
        pytest.skip("PostgreSQL server not installed (apt-get install postgresql)")
    with start_postgres(tmp_path_factory.getbasetemp()) as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's PostgreSQL server (dropped afterwards)."""
    from tests.support.postgres import fresh_database

    with fresh_database(postgres_server) as url:
        yield url

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sites.catalog import Catalog, load_catalog
from sites.model import Park
from sites.submissions.templates import profile_mapping

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def kip(catalog: Catalog) -> Park:
    return catalog.by_id("kokkola-kip")


@pytest.fixture
def kip_data(kip: Park) -> dict[str, Any]:
    return profile_mapping(kip)

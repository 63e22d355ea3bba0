"""Shared fixtures. Synthetic data here is for tests only and is labelled as such."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
KIP_FILE = ROOT / "sites" / "data" / "parks" / "kokkola-kip.toml"


@pytest.fixture
def kip_profile() -> dict[str, Any]:
    """A fresh, mutable copy of the shipped KIP profile mapping."""
    return copy.deepcopy(tomllib.loads(KIP_FILE.read_text(encoding="utf-8")))

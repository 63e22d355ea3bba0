"""Cached access to the catalog and price tables, keyed by the content of the data files.

``st.cache_resource`` hands the same immutable objects to every session; nothing here or in the
pages mutates them (Catalog and PriceTable are frozen).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from sites.catalog import PARKS_DIR, Catalog, load_catalog
from sites.prices import PRICES_FILE, PriceTable, load_prices


def _files_token(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()[:16]


def _store_token() -> str:
    try:
        from sites.submissions.store import default_store
    except ImportError:
        return "no-store"
    return str(default_store().data_version())


def _accepted_parks() -> tuple:
    try:
        from sites.submissions.store import default_store
    except ImportError:
        return ()
    return tuple(default_store().accepted_parks())


@st.cache_resource(show_spinner=False, max_entries=4)
def _catalog(token: str) -> Catalog:
    return load_catalog(strict=False, overrides=_accepted_parks())


@st.cache_resource(show_spinner=False, max_entries=4)
def _prices(token: str) -> PriceTable:
    return load_prices(strict=False)


def catalog() -> Catalog:
    """The shipped catalog plus accepted submissions (invalid files skipped and reported)."""
    token = _files_token(sorted(PARKS_DIR.glob("*.toml"))) + _store_token()
    return _catalog(token)


def prices() -> PriceTable:
    return _prices(_files_token([PRICES_FILE]))

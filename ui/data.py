"""Cached access to the catalog and price tables, keyed by the content of the data files.

``st.cache_resource`` hands the same immutable objects to every session; nothing here or in the
pages mutates them (Catalog and PriceTable are frozen).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import streamlit as st

from sites.catalog import PARKS_DIR, Catalog, load_catalog
from sites.model import Park
from sites.prices import PRICES_FILE, PriceTable, load_prices
from sites.submissions import location
from ui.i18n import t

PER_FILE_LIMIT = 1000


def _files_token(paths: list[Path]) -> str:
    """Changes when a data file changes. Above ``PER_FILE_LIMIT`` files (synthetic benchmark
    catalogs) only the folder's modification time and the file count are checked."""
    digest = hashlib.sha256()
    if len(paths) > PER_FILE_LIMIT:
        folder = paths[0].parent
        digest.update(f"{folder}:{folder.stat().st_mtime_ns}:{len(paths)}".encode())
        return digest.hexdigest()[:16]
    for path in paths:
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()[:16]


def _store_token() -> str:
    if not location.configured():  # nothing accepted yet: skip the store and its imports
        return "0"
    from sites.submissions.store import default_store

    return str(default_store().data_version())


def _accepted_parks() -> tuple[Park, ...]:
    if not location.configured():
        return ()
    from sites.submissions.store import default_store

    return tuple(default_store().accepted_parks())


def offline_default() -> bool:
    """Offline basemap when PARKBENCH_OFFLINE is set (tests, air-gapped installations)."""
    return os.environ.get("PARKBENCH_OFFLINE", "").lower() in {"1", "true", "yes"}


def catalog_dir() -> Path:
    """The catalog folder: ``PARKBENCH_CATALOG_DIR`` (benchmarks, tests) or the shipped one."""
    folder = os.environ.get("PARKBENCH_CATALOG_DIR")
    return Path(folder) if folder else PARKS_DIR


@st.cache_resource(show_spinner=False, max_entries=4)
def _catalog(token: str) -> Catalog:
    with st.spinner(t("data.loading_catalog")):
        return load_catalog(catalog_dir(), strict=False, overrides=_accepted_parks())


@st.cache_resource(show_spinner=False, max_entries=4)
def _prices(token: str) -> PriceTable:
    return load_prices(strict=False)


@st.cache_resource(show_spinner=False, ttl=2)
def _catalog_token(folder: str) -> str:
    """Disk state of the catalog, re-read at most every 2 seconds."""
    return _files_token(list(Path(folder).glob("*.toml"))) + _store_token()


def catalog() -> Catalog:
    """The shipped catalog plus accepted submissions (invalid files skipped and reported)."""
    return _catalog(_catalog_token(str(catalog_dir())))


def prices() -> PriceTable:
    return _prices(_files_token([PRICES_FILE]))


def refresh() -> None:
    """Re-read the catalog on the next call (after a submission is accepted or reverted)."""
    _catalog_token.clear()

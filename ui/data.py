"""Cached access to the catalog and price tables, keyed by the content of the data files.

``st.cache_resource`` hands the same immutable objects to every session; nothing here or in the
pages mutates them (Catalog and PriceTable are frozen). What reading and checking the files
produced is also kept on disk (:mod:`ui.persist`, through :mod:`sites.codec`), so a restarted
server does not parse and check the 63 profiles again (0.2 s of CPU): the entry is keyed by the
content of every file, the day (a date after today is a problem) and the code that reads them,
so a changed profile is always read and checked again; an unreadable entry is ignored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import streamlit as st

from sites import codec
from sites.catalog import PARKS_DIR, Catalog, load_catalog, with_overrides
from sites.model import Park
from sites.prices import PRICES_FILE, PriceTable, load_prices
from sites.submissions import location
from ui import persist
from ui.i18n import t

PER_FILE_LIMIT = 1000
CATALOG_SOURCES: Final = ("sites/catalog.py", "sites/profile.py", "sites/model.py",
                          "sites/schema.py", "sites/_bounds.py", "sites/errors.py",
                          "sites/problems.py", "sites/units.py", "sites/codec.py",
                          "ui/data.py", "geodata/data/countries.geojson")
"""The code that reads and checks a profile and the data it uses (the country outlines)."""
KEEP: Final = 4
"""Entries kept of each (the key holds the day: a daily restart would otherwise add one a day)."""
PRICES_SOURCES: Final = ("sites/prices.py", "sites/profile.py", "sites/model.py",
                         "sites/schema.py", "sites/errors.py", "sites/codec.py", "ui/data.py")


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


def _content_token(paths: Sequence[Path]) -> str:
    """Hash of the names and bytes of ``paths`` (the inputs of a disk cache entry)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(f"{path.name}:{path.stat().st_size}:".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _library_versions() -> list[str]:
    """The libraries the country outline check runs on (see :mod:`sites._bounds`)."""
    return [importlib.metadata.version(name) for name in ("shapely", "pyproj")]


def load_shipped(folder: Path, *, today: dt.date) -> Catalog:
    """The profiles in ``folder``, read and checked, or as kept on disk from the same files,
    day and code (at most :data:`PER_FILE_LIMIT` files; larger synthetic catalogs are read)."""
    paths = sorted(folder.glob("*.toml"))

    def compute() -> Catalog:
        return load_catalog(folder, strict=False, today=today)

    if len(paths) > PER_FILE_LIMIT:
        return compute()
    key = [codec.FORMAT, _content_token(paths), today.isoformat(), *_library_versions()]
    return persist.persisted("catalog", key, CATALOG_SOURCES, compute,
                             encode=codec.catalog_to_json, decode=codec.catalog_from_json,
                             keep=KEEP)


def load_shipped_prices(path: Path = PRICES_FILE, *, today: dt.date) -> PriceTable:
    """The price table at ``path``, read and checked, or as kept on disk (see
    :func:`load_shipped`)."""
    key = [codec.FORMAT, _content_token([path]), today.isoformat()]
    return persist.persisted("prices", key, PRICES_SOURCES,
                             lambda: load_prices(path, strict=False, today=today),
                             encode=codec.prices_to_json, decode=codec.prices_from_json,
                             keep=KEEP)


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


@st.cache_resource(show_spinner=False, max_entries=4)
def _catalog(token: str) -> Catalog:
    with st.spinner(t("data.loading_catalog")):
        return with_overrides(load_shipped(catalog_dir(), today=_today()), _accepted_parks())


@st.cache_resource(show_spinner=False, max_entries=4)
def _prices(token: str) -> PriceTable:
    return load_shipped_prices(today=_today())


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

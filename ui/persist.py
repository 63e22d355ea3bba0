"""Derived data that survives a server restart: JSON files under ``var/cache``.

A restarted server would otherwise parse the 17 MB GeoNames city file for the workforce criterion
and render the base map again before the first visitor sees a map (1-2 s on a shared 2-core
machine). Each entry is one JSON file named by the SHA-256 of everything it derives from: the
caller's key (catalog version, options, package versions) and the content of the source files
that compute it, so a changed input or changed code never reads an old entry. JSON only (never
pickle): a file in the cache can at worst hold wrong numbers, not run code, and an unreadable or
malformed file (whatever ``decode`` raises on it) is recomputed. Writes are atomic (a temporary
file, then ``os.replace``); a read-only cache folder just means no persistence.
``PARKBENCH_CACHE_DIR`` moves the folder; ``python3 tasks.py`` never needs it cleared.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Final, TypeVar

ROOT: Final = Path(__file__).resolve().parents[1]
ENV_VAR: Final = "PARKBENCH_CACHE_DIR"
_T = TypeVar("_T")


def cache_dir() -> Path:
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value).expanduser() if value else ROOT / "var" / "cache"


@cache
def _source_token(paths: tuple[str, ...]) -> str:
    """Content hash of source files (relative to the repository), once per process."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.encode())
        digest.update((ROOT / path).read_bytes())
    return digest.hexdigest()


def entry_path(name: str, key: Sequence[Any], sources: Sequence[str]) -> Path:
    """The file of one entry (``name`` is a readable prefix, not part of the identity alone)."""
    ident = json.dumps([name, list(key), _source_token(tuple(sources))], sort_keys=True,
                       default=str)
    return cache_dir() / f"{name}-{hashlib.sha256(ident.encode()).hexdigest()[:24]}.json"


def persisted(name: str, key: Sequence[Any], sources: Sequence[str],
              compute: Callable[[], _T], *, encode: Callable[[_T], Any],
              decode: Callable[[Any], _T], keep: int | None = None) -> _T:
    """``decode`` of the stored entry, else ``compute()`` (stored as ``encode`` of it).

    ``keep``: after storing a new entry, remove the oldest entries of ``name`` beyond this many
    (for entries whose key changes often, such as the catalog's, which holds the day).
    """
    path = entry_path(name, key, sources)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        text = None  # missing or unreadable: compute it
    if text is not None:
        try:
            return decode(json.loads(text))
        except Exception:  # malformed in any way: never trusted, computed again
            pass
    value = compute()
    text = json.dumps(encode(value))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
    except OSError:
        return value  # a read-only cache folder: no persistence, same result
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return value
    if keep is not None:
        _prune(path.parent, name, keep=keep, current=path)
    return value


def _prune(folder: Path, name: str, *, keep: int, current: Path) -> None:
    """Remove the oldest ``name`` entries beyond ``keep`` (never ``current``)."""
    entries: list[tuple[float, Path]] = []
    for entry in folder.glob(f"{name}-*.json"):
        try:
            entries.append((entry.stat().st_mtime, entry))
        except OSError:
            continue  # removed meanwhile (another server)
    entries.sort(reverse=True)
    for _mtime, entry in entries[max(keep, 1):]:
        if entry != current:
            entry.unlink(missing_ok=True)

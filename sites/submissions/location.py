"""Where the submission store lives, without importing it (no SQLAlchemy here).

The catalog asks :func:`configured` on every page: while no database is configured or created
yet (a fresh installation, the tests, the benchmarks), the shipped catalog needs neither the store
nor its imports, which cost about half a second of a cold start.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Final

ENV_VAR: Final = "PARKBENCH_DB"
URL_VAR: Final = "PARKBENCH_DATABASE_URL"
DEFAULT_PATH: Final = Path(__file__).resolve().parents[2] / "var" / "submissions.sqlite"


def default_db_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$PARKBENCH_DB`` when set, else ``var/submissions.sqlite`` in the repository."""
    value = (os.environ if environ is None else environ).get(ENV_VAR, "").strip()
    return Path(value).expanduser() if value else DEFAULT_PATH


def configured(environ: Mapping[str, str] | None = None) -> bool:
    """Whether a store may hold anything: ``$PARKBENCH_DATABASE_URL`` is set or the SQLite file
    exists (a store that does not exist yet reads as empty)."""
    env = os.environ if environ is None else environ
    return bool(env.get(URL_VAR, "").strip()) or default_db_path(env).exists()

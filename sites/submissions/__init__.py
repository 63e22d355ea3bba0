"""Park data submissions: templates, safe readers, checks, diffs and a versioned store.

Typical use (no Streamlit here; the page and the CLI are thin wrappers)::

    sub = check_submission(data, filename="kip.xlsx", catalog=catalog)
    if sub.ok:
        store = default_store()       # PostgreSQL when $PARKBENCH_DATABASE_URL is set
        proposed = store.propose(sub.park, submitter="manager@kip.fi", comment="2026 prices")
        store.publish(proposed.park_id, proposed.version, curator="curator@example.org")

The names below are imported on first use (PEP 562): a page that only needs
:mod:`sites.submissions.location` does not pay for SQLAlchemy and the upload readers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sites.submissions.check import Submission, check_submission
    from sites.submissions.diff import Change, ChangeKind, diff_parks
    from sites.submissions.limits import DEFAULT_LIMITS, Limits
    from sites.submissions.location import default_db_path
    from sites.submissions.readers import FORMATS, ReadResult, read_upload
    from sites.submissions.roles import Roles, RolesError
    from sites.submissions.store import (
        State,
        StoreError,
        SubmissionStore,
        Version,
        default_store,
    )
    from sites.submissions.templates import (
        blank_mapping,
        excel_bytes,
        profile_mapping,
        toml_bytes,
    )

_HOMES = {
    "check": ("Submission", "check_submission"),
    "diff": ("Change", "ChangeKind", "diff_parks"),
    "limits": ("DEFAULT_LIMITS", "Limits"),
    "location": ("default_db_path",),
    "readers": ("FORMATS", "ReadResult", "read_upload"),
    "roles": ("Roles", "RolesError"),
    "store": ("State", "StoreError", "SubmissionStore", "Version", "default_store"),
    "templates": ("blank_mapping", "excel_bytes", "profile_mapping", "toml_bytes"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

__all__ = ["DEFAULT_LIMITS", "FORMATS", "Change", "ChangeKind", "Limits", "ReadResult", "Roles",
           "RolesError", "State", "StoreError", "Submission", "SubmissionStore", "Version",
           "blank_mapping", "check_submission", "default_db_path", "default_store", "diff_parks",
           "excel_bytes", "profile_mapping", "read_upload", "toml_bytes"]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

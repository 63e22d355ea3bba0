"""Park data submissions: templates, safe readers, checks, diffs and a versioned store.

Typical use (no Streamlit here; the page and the CLI are thin wrappers)::

    sub = check_submission(data, filename="kip.xlsx", catalog=catalog)
    if sub.ok:
        store = default_store()       # PostgreSQL when $PARKBENCH_DATABASE_URL is set
        proposed = store.propose(sub.park, submitter="manager@kip.fi", comment="2026 prices")
        store.publish(proposed.park_id, proposed.version, curator="curator@example.org")
"""

from sites.submissions.check import Submission, check_submission
from sites.submissions.diff import Change, ChangeKind, diff_parks
from sites.submissions.limits import DEFAULT_LIMITS, Limits
from sites.submissions.readers import FORMATS, ReadResult, read_upload
from sites.submissions.roles import Roles, RolesError
from sites.submissions.store import (
    State,
    StoreError,
    SubmissionStore,
    Version,
    default_db_path,
    default_store,
)
from sites.submissions.templates import blank_mapping, excel_bytes, profile_mapping, toml_bytes

__all__ = ["DEFAULT_LIMITS", "FORMATS", "Change", "ChangeKind", "Limits", "ReadResult", "Roles",
           "RolesError", "State", "StoreError", "Submission", "SubmissionStore", "Version",
           "blank_mapping", "check_submission", "default_db_path", "default_store", "diff_parks",
           "excel_bytes", "profile_mapping", "read_upload", "toml_bytes"]

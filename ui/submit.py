"""Panels of the Submit page: template, upload and check, review and propose, the curators'
review queue (publish or reject), history and revert.

Checks, diffs and storage live in :mod:`sites.submissions`; user text is only ever shown in
tables and ``st.text`` (never Markdown or HTML).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from sites.catalog import Catalog, load_catalog
from sites.model import Park
from sites.profile import parse_profile
from sites.submissions import (
    DEFAULT_LIMITS,
    FORMATS,
    StoreError,
    Submission,
    SubmissionStore,
    Version,
    blank_mapping,
    check_submission,
    diff_parks,
    excel_bytes,
    profile_mapping,
    toml_bytes,
)
from sites.submissions.diff import Change
from sites.submissions.tables import (
    CHANGE_COLUMNS,
    HISTORY_COLUMNS,
    change_rows,
    conversion_rows,
    history_rows,
)
from sites.text import visible
from ui import data
from ui.auth import Viewer
from ui.i18n import current_language, fact_date, fact_text, labels, styled, t
from ui.problems import session_rows
from ui.safe import md

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FLASH_KEY = "submit_flash"


def _label(field: str) -> str:
    """A diff row's field in the session's language (``facts.x`` → the fact's label)."""
    kind, _, name = field.partition(".")
    return t(f"fact.{name}") if kind == "facts" else t(f"field.{field}")


def _blank(row: Mapping[str, str]) -> dict[str, str | None]:
    return {k: (v or None) for k, v in row.items()}


def diff_table(changes: Sequence[Change]) -> Styler:
    """The diff with translated labels, kinds and statuses and locale values ("–" if none);
    the frame keeps the codes (``field``, ``change``) for tests and sorting."""
    rows = [_blank(r) | {"label": visible(_label(r["field"]))}
            for r in change_rows(changes, fact_text=fact_text, fact_date=fact_date)]
    frame = pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
    return styled(frame, {"change": labels("submit.kind."), "old_status": labels("status."),
                          "new_status": labels("status.")})


def history_table(versions: Iterable[Version]) -> Styler:
    """Every version with translated actions, profile states and review states."""
    frame = pd.DataFrame([_blank(r) for r in history_rows(versions)],
                         columns=list(HISTORY_COLUMNS))
    return styled(frame, {"action": _action, "state": labels("submit.state."),
                          "review": labels("submit.review.")})


def _action(value: object) -> str:
    code, _, rest = str(value).partition(" ")
    return " ".join(filter(None, (t(f"submit.action.{code}"), rest)))


def _columns(names: Sequence[str], **links: bool) -> dict[str, Any]:
    """Column labels ``submit.col.<name>``; source columns as links."""
    config: dict[str, Any] = {}
    for name in names:
        label = t(f"submit.col.{name}")
        config[name] = st.column_config.LinkColumn(label, display_text=r"https?://([^/]+)") \
            if links.get(name) else st.column_config.TextColumn(label)
    return config


def _problem_columns() -> dict[str, Any]:
    """Headers of a problem table (its rows are in the session's language: ``ui.problems``)."""
    return {"where": t("submit.col_where"), "problem": t("submit.col_problem"),
            "expected": t("submit.col_expected"), "value": t("submit.col_given")}


def _diff_columns() -> dict[str, Any]:
    shown = [c for c in CHANGE_COLUMNS if c != "field"]
    return {"field": None, **_columns(shown, old_source=True, new_source=True)}


def template_step(catalog: Catalog, *, today: dt.date) -> str:
    """Choose a park (or a new one) and download its profile; returns the chosen id or ``""``."""
    st.subheader(t("submit.step_template"), anchor=False)
    language = current_language()
    names = {"": t("submit.new_park"), **{p.id: p.display_name(language) for p in catalog}}
    park_id = str(st.selectbox(t("submit.template_park"), options=["", *catalog.ids],
                               key="submit_park", format_func=names.__getitem__))
    template = profile_mapping(catalog.by_id(park_id)) if park_id else blank_mapping(today=today)
    stem = park_id or "new-park"
    left, right = st.columns(2)
    left.download_button(t("submit.dl_excel"), data=lambda: excel_bytes(template),
                         file_name=f"{stem}.xlsx", mime=XLSX_MIME, icon=":material/table:",
                         on_click="ignore")
    right.download_button(t("submit.dl_toml"), data=lambda: toml_bytes(template),
                          file_name=f"{stem}.toml", mime="application/toml",
                          icon=":material/description:", on_click="ignore")
    return park_id


def upload_step(catalog: Catalog, park_id: str, *, today: dt.date) -> Submission | None:
    """Upload a file and list every problem and unit conversion."""
    st.subheader(t("submit.step_upload"), anchor=False)
    upload = st.file_uploader(t("submit.upload"), type=[s.lstrip(".") for s in FORMATS],
                              key="submit_file", help=t("submit.upload_help"),
                              max_upload_size=max(1, DEFAULT_LIMITS.max_bytes // (1024 * 1024)))
    if upload is None:
        return None
    if upload.size > DEFAULT_LIMITS.max_bytes:
        st.error(t("submit.too_large", limit=DEFAULT_LIMITS.max_bytes // 1024))
        return None
    submission = check_submission(upload.getvalue(), filename=upload.name, catalog=catalog,
                                  expected_id=park_id or None, new_only=not park_id,
                                  today=today)
    if submission.problems:
        st.error(t("submit.n_problems", n=len(submission.problems)))
        st.dataframe(session_rows(submission.problems), hide_index=True, width="stretch",
                     column_config=_problem_columns())
    if submission.conversions:
        st.info(t("submit.n_conversions", n=len(submission.conversions)))
        st.dataframe(conversion_rows(submission.conversions), hide_index=True, width="stretch",
                     column_config=_columns(("fact", "given", "factor", "stored")))
    return submission


def review_step(submission: Submission, store: SubmissionStore, viewer: Viewer, *,
                on_stored: Callable[[], None]) -> None:
    """The diff, and (for a signed-in park manager of this park, or a curator) the proposal."""
    park = submission.park
    if not submission.ok or park is None:
        return
    st.subheader(t("submit.step_review"), anchor=False)
    st.text(f"{park.id} — {park.display_name(current_language())}")
    if submission.is_new:
        st.info(t("submit.new_park_note"))
    if submission.changes:
        st.dataframe(diff_table(submission.changes), hide_index=True, width="stretch",
                     key="submit_diff", column_config=_diff_columns())
    else:
        st.info(t("submit.no_changes"))
        return
    if not viewer.signed_in:
        st.info(t("submit.sign_in_to_propose"), icon=":material/lock:")
        return
    if not viewer.can_propose(park.id, is_new=submission.is_new):
        st.warning(t("submit.new_park_refused" if submission.is_new else "submit.park_refused",
                     id=park.id), icon=":material/block:")
        return
    with st.form("submit_propose"):
        comment = st.text_area(t("submit.comment"), max_chars=2000)
        if st.form_submit_button(t("submit.propose"), type="primary"):
            _propose(submission, store, viewer, comment=comment, on_stored=on_stored)


def _propose(submission: Submission, store: SubmissionStore, viewer: Viewer, *, comment: str,
             on_stored: Callable[[], None]) -> None:
    park = submission.park
    if park is None or viewer.email is None or not viewer.can_propose(
            park.id, is_new=submission.is_new):  # re-checked when the button is pressed
        st.error(t("submit.park_refused", id=park.id if park else "?"))
        return
    try:
        version = store.propose(park, submitter=viewer.email, comment=comment)
    except StoreError as exc:
        st.error(t("submit.not_stored", reason=md(exc)))
    else:
        st.session_state[FLASH_KEY] = t("submit.proposed", id=park.id, version=version.version)
        on_stored()


@st.cache_resource(show_spinner=False, max_entries=2)
def _shipped(folder: str) -> Catalog:
    """The shipped profiles (the base of a proposal made before any version was published)."""
    return load_catalog(Path(folder), strict=False)


def _as_park(profile: Mapping[str, Any] | None, *, origin: str) -> Park | None:
    return parse_profile(profile, origin=origin).park if profile is not None else None


def _base_park(store: SubmissionStore, proposal: Version) -> Park | None:
    """The version a proposal was made against: a stored one, or the shipped profile."""
    if proposal.base is not None:
        base = store.get(proposal.park_id, proposal.base, include_unpublished=True)
        if base.profile is not None:
            return _as_park(base.profile, origin=f"v{base.version}")
    shipped = _shipped(str(data.catalog_dir()))
    return shipped.by_id(proposal.park_id) if proposal.park_id in shipped.ids else None


def queue_step(store: SubmissionStore, viewer: Viewer, catalog: Catalog, *,
               on_stored: Callable[[], None]) -> None:
    """Curators only: every proposal with its diff and problems; publish or reject."""
    if not viewer.is_curator:
        return
    st.subheader(t("submit.step_queue"), anchor=False)
    try:
        proposals = store.queue()
    except StoreError as exc:
        st.error(t("submit.store_error", reason=md(exc)))
        return
    if not proposals:
        st.info(t("submit.queue_empty"))
    for proposal in proposals:
        with st.expander(t("submit.queue_item", id=md(proposal.park_id),
                           version=proposal.version, who=md(proposal.proposed_by),
                           at=md(proposal.created_at)), expanded=True):
            _proposal(store, viewer, catalog, proposal, on_stored=on_stored)


def _proposal(store: SubmissionStore, viewer: Viewer, catalog: Catalog, proposal: Version, *,
              on_stored: Callable[[], None]) -> None:
    key = f"{proposal.park_id}_{proposal.version}"
    if proposal.comment:
        st.text(proposal.comment)
    content = toml_bytes(dict(proposal.profile or {}))
    exists = proposal.park_id in catalog.ids
    checked = check_submission(content, filename=f"{proposal.park_id}.toml", catalog=catalog,
                               expected_id=proposal.park_id if exists else None,
                               new_only=not exists)
    if checked.problems:  # e.g. a name confusable with another park's, as check_submission says
        st.error(t("submit.n_problems", n=len(checked.problems)))
        st.dataframe(session_rows(checked.problems), hide_index=True, width="stretch",
                     key=f"submit_queue_problems_{key}", column_config=_problem_columns())
    new = _as_park(proposal.profile, origin=proposal.label)
    if new is not None:
        st.dataframe(diff_table(diff_parks(_base_park(store, proposal), new)),
                     hide_index=True, width="stretch", key=f"submit_queue_diff_{key}",
                     column_config=_diff_columns())
    publish, reject = st.columns(2)
    with publish.form(f"submit_publish_{key}"):
        comment = st.text_input(t("submit.comment"), max_chars=2000)
        if st.form_submit_button(t("submit.publish"), type="primary"):
            _review(lambda: store.publish(proposal.park_id, proposal.version,
                                          curator=str(viewer.email), comment=comment),
                    viewer, "submit.published", on_stored=on_stored)
    with reject.form(f"submit_reject_{key}"):
        reason = st.text_input(t("submit.reason"), max_chars=2000)
        if st.form_submit_button(t("submit.reject")):
            _review(lambda: store.reject(proposal.park_id, proposal.version,
                                         curator=str(viewer.email), reason=reason),
                    viewer, "submit.rejected", on_stored=on_stored)


def _review(action: Callable[[], Version], viewer: Viewer, done: str, *,
            on_stored: Callable[[], None]) -> None:
    if not viewer.is_curator:  # re-checked when the button is pressed
        st.error(t("submit.curators_only"))
        return
    try:
        version = action()
    except StoreError as exc:
        st.error(t("submit.not_reviewed", reason=md(exc)))
    else:
        st.session_state[FLASH_KEY] = t(done, id=version.park_id, version=version.version)
        on_stored()


def history_step(store: SubmissionStore, park_id: str, viewer: Viewer, *,
                 on_stored: Callable[[], None]) -> None:
    """Every published version of a park (every version, for curators), its TOML, and
    (curators only) revert."""
    st.subheader(t("submit.step_history"), anchor=False)
    every = viewer.is_curator
    try:
        with_history = store.park_ids(include_unpublished=every)
    except StoreError as exc:
        st.error(t("submit.store_error", reason=md(exc)))
        return
    if not with_history:
        st.info(t("submit.no_history"))
        return
    default = with_history.index(park_id) if park_id in with_history else 0
    history_id = str(st.selectbox(t("submit.history_park"), options=with_history,
                                  index=default, key="submit_history_park"))
    st.dataframe(history_table(reversed(store.history(history_id, include_unpublished=every))),
                 hide_index=True, width="stretch", key="submit_history",
                 column_config=_columns(HISTORY_COLUMNS))
    st.download_button(t("submit.dl_version"), data=lambda: _export(store, history_id),
                       file_name=f"{history_id}.toml", mime="application/toml",
                       icon=":material/download:", on_click="ignore")
    if every:
        _revert_form(store, history_id, viewer, on_stored=on_stored)


def _revert_form(store: SubmissionStore, history_id: str, viewer: Viewer, *,
                 on_stored: Callable[[], None]) -> None:
    with st.form("submit_revert"):
        st.caption(t("submit.revert_help"))
        why = st.text_area(t("submit.comment"), max_chars=2000, key="submit_revert_why")
        if st.form_submit_button(t("submit.revert")):
            if not viewer.is_curator:
                st.error(t("submit.curators_only"))
                return
            try:
                undo = store.revert(history_id, submitter=str(viewer.email), comment=why)
            except StoreError as exc:
                st.error(t("submit.not_reverted", reason=md(exc)))
            else:
                st.session_state[FLASH_KEY] = t("submit.reverted", id=history_id,
                                                version=undo.version)
                on_stored()


def _export(store: SubmissionStore, park: str) -> bytes:
    """The version in force as TOML (a comment saying why when the shipped profile applies)."""
    try:
        return store.export_toml(park)
    except StoreError as exc:
        return f"# {exc}\n".encode()

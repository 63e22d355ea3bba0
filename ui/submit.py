"""Panels of the Submit page: template, upload and check, review and accept, history and revert.

Checks, diffs and storage live in :mod:`sites.submissions`; user text is only ever shown in
tables and ``st.text`` (never Markdown or HTML).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from sites.catalog import Catalog
from sites.submissions import (
    DEFAULT_LIMITS,
    FORMATS,
    StoreError,
    Submission,
    SubmissionStore,
    blank_mapping,
    check_submission,
    excel_bytes,
    profile_mapping,
    toml_bytes,
)
from sites.submissions.tables import change_rows, conversion_rows, history_rows, problem_rows
from ui.i18n import t
from ui.safe import md

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FLASH_KEY = "submit_flash"


def template_step(catalog: Catalog, *, today: dt.date) -> str:
    """Choose a park (or a new one) and download its profile; returns the chosen id or ``""``."""
    st.subheader(t("submit.step_template"), anchor=False)
    names = {"": t("submit.new_park"), **{p.id: p.name for p in catalog}}
    park_id = str(st.selectbox(t("submit.template_park"), options=["", *catalog.ids],
                               key="submit_park", format_func=names.__getitem__))
    template = profile_mapping(catalog.by_id(park_id)) if park_id else blank_mapping(today=today)
    stem = park_id or "new-park"
    left, right = st.columns(2)
    left.download_button(t("submit.dl_excel"), data=lambda: excel_bytes(template),
                         file_name=f"{stem}.xlsx", mime=XLSX_MIME, icon=":material/table:")
    right.download_button(t("submit.dl_toml"), data=lambda: toml_bytes(template),
                          file_name=f"{stem}.toml", mime="application/toml",
                          icon=":material/description:")
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
        st.dataframe(problem_rows(submission.problems), hide_index=True, width="stretch",
                     column_config={"where": t("submit.col_where"),
                                    "problem": t("submit.col_problem"),
                                    "expected": t("submit.col_expected"),
                                    "value": t("submit.col_given")})
    if submission.conversions:
        st.info(t("submit.n_conversions", n=len(submission.conversions)))
        st.dataframe(conversion_rows(submission.conversions), hide_index=True, width="stretch")
    return submission


def review_step(submission: Submission, store: SubmissionStore, *,
                on_stored: Callable[[], None]) -> None:
    """The diff, and the form that stores the new version."""
    park = submission.park
    if not submission.ok or park is None:
        return
    st.subheader(t("submit.step_review"), anchor=False)
    st.text(f"{park.id} — {park.name}")
    if submission.is_new:
        st.info(t("submit.new_park_note"))
    if submission.changes:
        st.dataframe(change_rows(submission.changes), hide_index=True, width="stretch",
                     key="submit_diff")
    else:
        st.info(t("submit.no_changes"))
    with st.form("submit_accept"):
        submitter = st.text_input(t("submit.submitter"), max_chars=200)
        comment = st.text_area(t("submit.comment"), max_chars=2000)
        if st.form_submit_button(t("submit.accept"), type="primary",
                                 disabled=not submission.changes):
            try:
                version = store.accept(park, submitter=submitter, comment=comment)
            except StoreError as exc:
                st.error(t("submit.not_stored", reason=md(exc)))
            else:
                st.session_state[FLASH_KEY] = t("submit.accepted", id=park.id,
                                                version=version.version)
                on_stored()


def history_step(store: SubmissionStore, park_id: str, *,
                 on_stored: Callable[[], None]) -> None:
    """Every stored version of a park, its TOML, and revert."""
    st.subheader(t("submit.step_history"), anchor=False)
    try:
        with_history = store.park_ids()
    except StoreError as exc:
        st.error(t("submit.store_error", reason=md(exc)))
        return
    if not with_history:
        st.info(t("submit.no_history"))
        return
    default = with_history.index(park_id) if park_id in with_history else 0
    history_id = str(st.selectbox(t("submit.history_park"), options=with_history,
                                  index=default, key="submit_history_park"))
    st.dataframe(history_rows(reversed(store.history(history_id))), hide_index=True,
                 width="stretch", key="submit_history")
    st.download_button(t("submit.dl_version"), data=lambda: _export(store, history_id),
                       file_name=f"{history_id}.toml", mime="application/toml",
                       icon=":material/download:")
    with st.form("submit_revert"):
        st.caption(t("submit.revert_help"))
        who = st.text_input(t("submit.submitter"), max_chars=200, key="submit_revert_who")
        why = st.text_area(t("submit.comment"), max_chars=2000, key="submit_revert_why")
        if st.form_submit_button(t("submit.revert")):
            try:
                undo = store.revert(history_id, submitter=who, comment=why)
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

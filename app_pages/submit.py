"""Submit park data: template → upload → problems, conversions, diff → propose (signed-in park
managers, for their parks) → the curators' review queue (publish or reject); history with
revert (curators). Without sign-in the page checks files but stores nothing. The steps live in
:mod:`ui.submit`, sign-in and roles in :mod:`ui.auth`, the checks in :mod:`sites.submissions`.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from sites.submissions import default_store
from ui import auth, data
from ui import submit as steps
from ui.i18n import t

today = dt.datetime.now(dt.UTC).date()
catalog = data.catalog()
store = default_store()
viewer = auth.current_viewer()


def stored() -> None:
    data.refresh()
    st.rerun()


st.title(t("submit.title"))
st.caption(t("submit.caption_roles"))
auth.sign_in_panel(viewer)
flash = st.session_state.pop(steps.FLASH_KEY, None)
if flash:
    st.success(flash)

park_id = steps.template_step(catalog, today=today)
submission = steps.upload_step(catalog, park_id, today=today)
if submission is not None:
    steps.review_step(submission, store, viewer, on_stored=stored)
steps.queue_step(store, viewer, catalog, on_stored=stored)
st.divider()
steps.history_step(store, park_id, viewer, on_stored=stored)

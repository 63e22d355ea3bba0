"""Submit park data (park managers): template → upload → problems, conversions, diff → accept;
history with revert. The steps live in :mod:`ui.submit`, the checks in :mod:`sites.submissions`.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from sites.submissions import default_store
from ui import data
from ui import submit as steps
from ui.i18n import t

today = dt.datetime.now(dt.UTC).date()
catalog = data.catalog()
store = default_store()


def stored() -> None:
    data.refresh()
    st.rerun()


st.title(t("submit.title"))
st.caption(t("submit.caption"))
flash = st.session_state.pop(steps.FLASH_KEY, None)
if flash:
    st.success(flash)

park_id = steps.template_step(catalog, today=today)
submission = steps.upload_step(catalog, park_id, today=today)
if submission is not None:
    steps.review_step(submission, store, on_stored=stored)
st.divider()
steps.history_step(store, park_id, on_stored=stored)

"""parkbench: site selection and benchmarking for heavy-industry and battery-chemical parks.

Start with ``python3 tasks.py run``. This entrypoint holds what every page shares (the language
and the navigation) and writes the session's scenario into the link on every page; pages that
use the scenario draw its sidebar themselves (``ui.scenario.sidebar``).
"""

from __future__ import annotations

import streamlit as st

from ui.i18n import t
from ui.scenario import enter_page, language_selector, sync_url

st.set_page_config(page_title="parkbench", page_icon="static/favicon.png", layout="wide")

language_selector()

FIND = "app_pages/find.py"
pages = [  # Find is the default page, served at "/"; the hidden alias keeps "/find?..." links
    st.Page(FIND, title=t("nav.find"), icon=":material/travel_explore:", url_path="",
            default=True),
    st.Page("app_pages/compare.py", title=t("nav.compare"), icon=":material/compare_arrows:",
            url_path="compare"),
    st.Page("app_pages/benchmark.py", title=t("nav.benchmark"), icon=":material/leaderboard:",
            url_path="benchmark"),
    st.Page("app_pages/data.py", title=t("nav.data"), icon=":material/table_view:",
            url_path="data"),
    st.Page("app_pages/submit.py", title=t("nav.submit"), icon=":material/upload_file:",
            url_path="submit"),
    st.Page("app_pages/method.py", title=t("nav.method"), icon=":material/menu_book:",
            url_path="method"),
    st.Page(FIND, title=t("nav.find"), icon=":material/travel_explore:", url_path="find",
            visibility="hidden"),
]
page = st.navigation(pages)
enter_page(page.url_path)
try:
    page.run()
finally:  # pages may st.stop(); the link still follows the scenario
    sync_url()

"""Method: how bills, must-haves and scores are computed, in plain words, with references."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.i18n import current_language, t

LOCALES = Path(__file__).resolve().parents[1] / "ui" / "locales"

st.title(t("method.title"))
text = LOCALES / f"method.{current_language()}.md"
st.markdown((text if text.exists() else LOCALES / "method.en.md").read_text(encoding="utf-8"))

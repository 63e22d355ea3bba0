"""Charts and the hand-over report built from a scored catalog (pure: no Streamlit)."""

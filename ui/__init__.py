"""Streamlit-facing helpers shared by app.py and the pages: language, cached data, widgets."""

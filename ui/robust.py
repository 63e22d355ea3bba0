"""Robustness analysis cached per decision problem (10,000 seeded weight samples)."""

from __future__ import annotations

import hashlib

import streamlit as st

from metrics import CatalogScore
from report.analysis import Robustness, robustness


@st.cache_resource(show_spinner=False, max_entries=32)
def _robust(key: str, _result: CatalogScore) -> Robustness | None:
    return robustness(_result)


def problem_key(result: CatalogScore) -> str:
    """A digest of exactly what the analysis depends on."""
    ids, matrix, types = result.decision_matrix()
    digest = hashlib.sha256()
    for part in (repr(ids), types, result.method, result.normalization, repr(result.weights)):
        digest.update(part.encode())
    digest.update(matrix.tobytes())
    return digest.hexdigest()


def cached_robustness(result: CatalogScore) -> Robustness | None:
    with st.spinner():
        return _robust(problem_key(result), result)

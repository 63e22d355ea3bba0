"""Benchmark page: percentiles, peer radar, gap statement and the visit-only what-if."""

from __future__ import annotations

import json

from sites import load_catalog
from tests.app_pages.conftest import no_exception


def test_benchmark_charts_and_gap(app):
    at = app(page="app_pages/benchmark.py", park="gigavaasa", peers="finland")
    no_exception(at)
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(figures) == 2
    bars = figures[0]["data"][0]
    assert bars["type"] == "bar" and all(0 <= x <= 100 for x in bars["x"])
    texts = [m.value for m in at.markdown]
    assert any("first place" in text or "fails the must-haves" in text or "ranks first" in text
               for text in texts), texts


def test_what_if_changes_rank_for_this_visit_only(app):
    at = app(page="app_pages/benchmark.py", park="gigavaasa", w_draught_margin_m="10")
    no_exception(at)
    # deepen the fairway of GigaVaasa in the what-if table
    at.session_state["whatif_gigavaasa"] = {
        "edited_rows": {"2": {"value": 15.3}}, "added_rows": [], "deleted_rows": []}
    at.run()
    no_exception(at)
    labels = [m.label for m in at.metric]
    assert "Rank with your changes" in labels
    assert load_catalog().by_id("gigavaasa").number("port_max_draught_m") == 9.0  # untouched

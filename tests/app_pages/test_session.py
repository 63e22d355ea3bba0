"""What a session keeps: the scenario and the widgets actually rendered, nothing else."""

from __future__ import annotations

from scenario import Scenario
from tests.app_pages.conftest import no_exception


def test_first_run_of_the_find_page_keeps_at_most_30_keys(app):
    at = app()
    no_exception(at)
    keys = list(at.session_state)
    assert len(keys) <= 30, keys
    assert isinstance(at.session_state["scenario"], Scenario)
    assert not [k for k in keys if str(k).startswith("p_")]  # no AHP pairs in slider mode


def test_scenario_survives_a_page_without_its_sidebar(app):
    at = app(w_customer_km="9", method="wsm")
    at.switch_page("app_pages/method.py").run()
    no_exception(at)
    assert not at.sidebar.slider  # the Method page draws no scenario widgets
    at.switch_page("app_pages/find.py").run()
    scenario = at.session_state["scenario"]
    assert (scenario.weight("customer_km"), scenario.method) == (9, "wsm")
    assert at.query_params["method"] in ("wsm", ["wsm"])

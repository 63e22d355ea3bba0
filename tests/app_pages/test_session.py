"""What a session keeps: the scenario and the widgets actually rendered, nothing else; every
change of a sidebar widget reaches the scenario, on every page."""

from __future__ import annotations

from metrics import load_template
from scenario import BY_KEY, Scenario
from tests.app_pages.conftest import no_exception
from ui.scenario import WIDGET_PREFIX

WEIGHT = "Distance to customers (km)"


def _widget(kind, label):
    return next(w for w in kind if w.label == label)


def test_first_run_of_the_find_page_keeps_at_most_30_keys(app):
    at = app()
    no_exception(at)
    keys = [str(k) for k in at.session_state]
    widgets = [k for k in keys if k.startswith(WIDGET_PREFIX)]
    others = [k for k in keys if not k.startswith(WIDGET_PREFIX)]
    assert len(others) <= 30, others
    assert isinstance(at.session_state["scenario"], Scenario)
    # one key per scenario widget rendered in the sidebar, named by its URL key; no AHP pairs
    rendered = {w.key for kind in ("slider", "selectbox", "multiselect", "toggle", "radio",
                                   "number_input", "select_slider")
                for w in getattr(at.sidebar, kind)}
    assert set(widgets) == rendered
    assert all(k.rsplit(".", 1)[1] in BY_KEY for k in widgets)
    assert not [k for k in widgets if ".p_" in k]


def test_every_change_of_a_sidebar_widget_is_kept(app):
    """Drawn keyless with the scenario's value, a widget became a new widget after each change
    and dropped the next one: every second key press on a weight slider snapped back (found by
    bench/load_app.py), every second choice of a method was ignored."""
    at = app()
    for value in (2, 3, 4, 3):
        _widget(at.slider, WEIGHT).set_value(value).run()
        assert at.session_state["scenario"].weight("customer_km") == value
        assert _widget(at.slider, WEIGHT).value == value
    assert at.query_params["w_customer_km"] in ("3", ["3"])
    for method in ("wsm", "vikor", "topsis", "wsm"):
        _widget(at.selectbox, "Scoring method").set_value(method).run()
        assert at.session_state["scenario"].method == method
    for must in (["rail"], ["rail", "gas"], ["gas"]):
        _widget(at.multiselect, "A site must have").set_value(must).run()
        assert at.session_state["scenario"].must == tuple(must)
    for strict in (True, False, True):
        _widget(at.toggle, "Unknown facts fail a must-have").set_value(strict).run()
        assert at.session_state["scenario"].strict is strict
    for unknown in ("threshold", "peer", "threshold"):
        _widget(at.radio, "Range of an unknown fact").set_value(unknown).run()
        assert at.session_state["scenario"].unknown == unknown
    no_exception(at)


def test_a_template_change_moves_the_sliders_and_later_changes_stick(app):
    at = app(w_customer_km="9")
    assert _widget(at.slider, WEIGHT).value == 9
    _widget(at.selectbox, "Plant template").set_value("lioh").run()
    lioh = int(load_template("lioh").weights.get("customer_km", 0))
    assert at.session_state["scenario"].weight("customer_km") == lioh
    assert _widget(at.slider, WEIGHT).value == lioh  # the slider follows the template
    for value in (5, 6):
        _widget(at.slider, WEIGHT).set_value(value).run()
        assert at.session_state["scenario"].weight("customer_km") == value
    no_exception(at)


def test_sidebar_widgets_follow_the_scenario_across_pages(app):
    at = app()
    _widget(at.slider, WEIGHT).set_value(7).run()
    last = 7
    for page, values in (("compare", (8, 9)), ("benchmark", (4, 5)), ("find", (6, 2))):
        at.switch_page(f"app_pages/{page}.py").run()
        shown = at.session_state["scenario"].weight("customer_km")
        assert shown == last, page  # the session's weight survives the page switch
        assert _widget(at.slider, WEIGHT).value == shown  # the page shows the session's weight
        for value in values:  # and keeps each change made there
            _widget(at.slider, WEIGHT).set_value(value).run()
            assert at.session_state["scenario"].weight("customer_km") == value
        last = values[-1]
    no_exception(at)


def test_scenario_survives_a_page_without_its_sidebar(app):
    at = app(w_customer_km="9", method="wsm")
    at.switch_page("app_pages/method.py").run()
    no_exception(at)
    assert not at.sidebar.slider  # the Method page draws no scenario widgets
    at.switch_page("app_pages/find.py").run()
    scenario = at.session_state["scenario"]
    assert (scenario.weight("customer_km"), scenario.method) == (9, "wsm")
    assert at.query_params["method"] in ("wsm", ["wsm"])

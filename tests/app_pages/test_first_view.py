"""A new visitor's sidebar: the scenario sections are drawn only when opened (issue 13 item 1);
a closed section keeps its fields, the link keeps them too."""

from __future__ import annotations

from tests.app_pages.conftest import no_exception
from ui.scenario import OPEN_KEY, SECTION_PREFIX

WEIGHT = "Distance to customers (km)"
SECTION_WIDGETS = ("slider", "number_input", "multiselect", "radio")


def _drawn(at) -> int:
    return sum(len(getattr(at.sidebar, kind)) for kind in SECTION_WIDGETS)


def test_a_new_visitor_gets_closed_sections_without_their_widgets(app):
    at = app(sections=False, w_customer_km="3", must="rail")
    no_exception(at)
    assert _drawn(at) == 0
    assert len(at.sidebar.expander) >= 4  # the sections are there, closed
    scenario = at.session_state["scenario"]
    assert scenario.weight("customer_km") == 3 and scenario.must == ("rail",)
    assert at.query_params["w_customer_km"] in ("3", ["3"])  # the link keeps closed fields
    assert at.query_params["must"] in ("rail", ["rail"])
    assert at.dataframe  # the ranking is there


def test_opening_a_section_draws_its_widgets_from_the_scenario_and_changes_stick(app):
    at = app(sections=False, w_customer_km="3")
    at.session_state[f"{SECTION_PREFIX}main.weights"] = True
    at.run()
    slider = next(s for s in at.sidebar.slider if s.label == WEIGHT)
    assert slider.value == 3
    slider.set_value(5).run()
    assert at.session_state["scenario"].weight("customer_km") == 5
    assert "weights" in at.session_state[OPEN_KEY]
    at.session_state[f"{SECTION_PREFIX}main.weights"] = False
    at.run()
    assert _drawn(at) == 0
    assert at.session_state["scenario"].weight("customer_km") == 5  # closing keeps the change
    assert at.query_params["w_customer_km"] in ("5", ["5"])
    at.session_state[f"{SECTION_PREFIX}main.weights"] = True
    at.run()
    assert next(s for s in at.sidebar.slider if s.label == WEIGHT).value == 5
    no_exception(at)


def test_an_open_section_stays_open_on_the_next_page(app):
    at = app(sections=False)
    at.session_state[f"{SECTION_PREFIX}main.pricing"] = True
    at.run()
    assert any(s.label == "Scoring method" for s in at.sidebar.selectbox)
    at.switch_page("app_pages/compare.py").run()
    no_exception(at)
    assert any(s.label == "Scoring method" for s in at.sidebar.selectbox)
    assert not at.sidebar.slider  # Weights stayed closed


RESTART = """
import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.query_params["lang"] = "en"
at.run()
assert not at.exception, at.exception
assert at.dataframe
print(" ".join(sorted(m for m in ("geopandas", "shapely", "pyproj", "pyogrio", "sqlalchemy",
                                  "matplotlib", "scipy") if m in sys.modules)))
"""


def test_a_restarted_server_draws_the_find_page_without_the_heavy_libraries(tmp_path):
    """After a first start has filled ``var/cache``, a restart reads the checked catalog (no
    outline check with shapely and pyproj) and draws the map from plain frames (no geopandas)."""
    import os
    import subprocess
    import sys

    from tests.app_pages.conftest import APP

    env = {**os.environ, "PARKBENCH_OFFLINE": "1", "PARKBENCH_CACHE_DIR": str(tmp_path / "c"),
           "PARKBENCH_DB": str(tmp_path / "db.sqlite")}

    def start() -> str:
        done = subprocess.run([sys.executable, "-c", RESTART, APP], env=env, check=True,
                              capture_output=True, text=True, timeout=300)
        return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""

    assert "shapely" in start()  # a first start reads and checks the profiles
    assert start() == ""

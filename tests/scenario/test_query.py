"""The query-string validator: clean values, notices as codes, never an exception."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from scenario.query import (
    MAX_NOTICES,
    ChoiceParam,
    FloatParam,
    IdListParam,
    IntParam,
    TextParam,
    parse_scenario_params,
)

SPEC = {
    "w": IntParam(default=50, minimum=0, maximum=100),
    "price": FloatParam(default=60.0, minimum=0.0, maximum=500.0),
    "peer": ChoiceParam(default="europe", choices=("finland", "nordics", "europe")),
    "parks": IdListParam(allowed=frozenset({"kokkola-kip", "infraleuna"}), max_items=2),
    "q": TextParam(max_length=10),
}


def test_valid_values_pass() -> None:
    values, notices = parse_scenario_params(
        {"w": "73", "price": "45.5", "peer": "nordics", "parks": "infraleuna,kokkola-kip",
         "q": "kip"}, spec=SPEC)
    assert values == {"w": 73, "price": 45.5, "peer": "nordics",
                      "parks": ("infraleuna", "kokkola-kip"), "q": "kip"}
    assert notices == ()


def test_missing_values_take_defaults() -> None:
    values, notices = parse_scenario_params({}, spec=SPEC)
    assert values["w"] == 50 and values["parks"] == () and notices == ()


def test_invalid_values_fall_back_with_a_notice() -> None:
    values, notices = parse_scenario_params(
        {"w": "1e9", "price": "nan", "peer": "<script>", "q": "x" * 11,
         "parks": "kokkola-kip,../etc,evil<img>,kokkola-kip,infraleuna,kokkola-kip"}, spec=SPEC)
    assert values == {"w": 50, "price": 60.0, "peer": "europe",
                      "parks": ("kokkola-kip", "infraleuna"), "q": ""}
    found = {(n.code, n.params["key"]) for n in notices}
    assert found == {("url_bad_int", "w"), ("url_bad_float", "price"),
                     ("url_bad_choice", "peer"), ("url_bad_text", "q"),
                     ("url_ids_dropped", "parks")}
    (dropped,) = [n for n in notices if n.code == "url_ids_dropped"]
    assert dropped.params["count"] == 2


def test_unicode_digits_and_out_of_range_are_refused() -> None:
    values, notices = parse_scenario_params({"w": "١٢", "price": "-1"}, spec=SPEC)
    assert values["w"] == 50 and values["price"] == 60.0 and len(notices) == 2


def test_repeated_and_unknown_parameters() -> None:
    params: dict[str, Any] = {"w": ["10", "20"], **{f"x{i}": "1" for i in range(500)}}
    values, notices = parse_scenario_params(params, spec=SPEC)
    assert values["w"] == 20
    assert (notices[0].code, notices[0].params["count"]) == ("url_repeated", 2)
    assert (notices[1].code, notices[1].params["count"]) == ("url_unknown", 500)
    assert len(str(notices[1].params["keys"])) < 200


def test_notices_are_capped() -> None:
    spec = {f"p{i}": IntParam(0, 0, 1) for i in range(30)}
    _, notices = parse_scenario_params({f"p{i}": "x" for i in range(30)}, spec=spec)
    assert len(notices) == MAX_NOTICES + 1 and notices[-1].code == "url_more"


PARAM_VALUES = st.text(max_size=60) | st.lists(st.text(max_size=20), max_size=3) \
    | st.sampled_from(["", "-", "1" * 40, "1.5e3", "inf", "kokkola-kip,", ",,,", "\x00"])


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from(list(SPEC)) | st.text(max_size=10), PARAM_VALUES,
                       max_size=8))
def test_never_raises_and_always_returns_every_key(params: dict[str, Any]) -> None:
    values, notices = parse_scenario_params(params, spec=SPEC)
    assert set(values) == set(SPEC)
    assert isinstance(values["w"], int) and 0 <= values["w"] <= 100
    assert isinstance(values["price"], float) and 0 <= values["price"] <= 500
    assert values["peer"] in ("finland", "nordics", "europe")
    assert isinstance(values["parks"], tuple) and len(values["parks"]) <= 2
    assert all(n.code.startswith("url_") and len(str(n)) < 400 for n in notices)

"""The scenario value: template defaults, the link format (round trip, old links), the brief."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics import CRITERIA, load_template
from metrics.brief import MUST_HAVES, template_names
from metrics.uncertain.matrix import UNKNOWN_POLICIES
from scenario import FIELDS, Scenario
from scenario.model import (
    EDITABLE_FIGURES,
    FIGURE_LIMITS,
    GAP_POLICIES,
    PEER_GROUPS,
    SAATY,
    SPOT_YEARS,
)
from sites import load_catalog

IDS = load_catalog().ids


def test_every_field_has_one_url_key() -> None:
    keys = [f.key for f in FIELDS]
    assert len(keys) == len(set(keys))
    assert {f.attr for f in FIELDS} == {f.name for f in dataclasses.fields(Scenario)}


def test_template_defaults_come_from_the_template() -> None:
    lioh = load_template("lioh")
    scenario = Scenario.for_template(lioh)
    assert scenario.template == "lioh"
    assert scenario.must == tuple(m for m in MUST_HAVES if m in lioh.must_haves)
    assert scenario.weight("annual_bill_eur") == round(lioh.weights["annual_bill_eur"])
    assert scenario.gaps == lioh.pricing.missing  # the template's [pricing], not the app's


def test_a_templates_pricing_is_not_overridden() -> None:
    """The first template that sets pricing keeps it (it was silently overridden before)."""
    brief = load_template("pcam")
    banded = dataclasses.replace(brief, pricing=dataclasses.replace(
        brief.pricing, electricity="band", land="purchase", discount_rate=0.05,
        horizon_years=30))
    scenario = Scenario.for_template(banded)
    assert (scenario.electricity, scenario.land, scenario.rate, scenario.horizon) == \
        ("band", "purchase", 5.0, 30)
    assert "emethod" not in scenario.to_query(templates=lambda name: banded)


def test_the_template_is_always_in_a_shared_link() -> None:
    """A link used to drop ``tpl`` (it equalled the session's own template)."""
    scenario = Scenario.for_template(load_template("lioh"))
    assert scenario.to_query() == {"tpl": "lioh"}
    assert Scenario.from_query(scenario.to_query())[0] == scenario


OLD_LINKS = {
    "tpl=lioh&method=vikor&w_customer_km=9&must=draught,rail&lang=sv":
        {"template": "lioh", "method": "vikor", "must": ("draught", "rail"), "lang": "sv"},
    "list=kokkola-kip,harjavalta-industrial-park,pori-meri-pori&method=wsm&w_customer_km=9":
        {"shortlist": ("kokkola-kip", "harjavalta-industrial-park", "pori-meri-pori"),
         "method": "wsm"},
    "strict=true&gaps=worst&landmode=purchase&rate=6.5&horizon=30&years=2021-2025&emethod=band"
    "&norm=vector&peers=finland&park=gigavaasa&offline=true":
        {"strict": True, "gaps": "worst", "land": "purchase", "rate": 6.5, "horizon": 30,
         "years": "2021-2025", "electricity": "band", "normalization": "vector",
         "peers": "finland", "park": "gigavaasa", "offline": True},
    "f_land_ha=unknown&f_peak_mw=120&wmode=ahp&ahp_set=annual_bill_eur,customer_km"
    "&p_annual_bill_eur_customer_km=-5":
        {"weight_mode": "ahp", "ahp_set": ("annual_bill_eur", "customer_km"),
         "pairs": (("annual_bill_eur|customer_km", -5),)},
}


@pytest.mark.parametrize("link", list(OLD_LINKS))
def test_links_in_the_first_format_still_open_the_same_scenario(link: str) -> None:
    params: dict[str, list[str]] = {}
    for part in link.split("&"):
        key, _, value = part.partition("=")
        params.setdefault(key, []).append(value)
    scenario, notices = Scenario.from_query(params, park_ids=IDS)
    assert notices == ()
    for attr, value in OLD_LINKS[link].items():
        assert getattr(scenario, attr) == value, attr
    if "f_land_ha" in params:
        assert scenario.figure("land_ha") is None and scenario.figure("peak_mw") == 120.0
    assert Scenario.from_query(scenario.to_query(), park_ids=IDS)[0] == scenario


def test_invalid_values_keep_the_default_of_the_linked_template() -> None:
    scenario, notices = Scenario.from_query({"tpl": "lioh", "w_customer_km": "99",
                                             "method": "<b>", "zzz": "1"}, park_ids=IDS)
    lioh = Scenario.for_template(load_template("lioh"))
    assert scenario == lioh
    assert [n.code for n in notices] == ["url_bad_int", "url_bad_choice", "url_unknown"]


def _figures() -> st.SearchStrategy[tuple[tuple[str, float | None], ...]]:
    values = [st.none() | st.floats(0.0, FIGURE_LIMITS[n], allow_nan=False).map(
        lambda v: float(f"{v:.6g}")) for n in EDITABLE_FIGURES]
    return st.tuples(*values).map(lambda vs: tuple(zip(EDITABLE_FIGURES, vs, strict=True)))


PAIRS = [f"{a}|{b}" for a, b in itertools.combinations(CRITERIA, 2)]


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    base = Scenario.for_template(load_template(draw(st.sampled_from(template_names()))))
    pairs = draw(st.dictionaries(st.sampled_from(PAIRS), st.sampled_from(
        [s for s in SAATY if s != 1]), max_size=4))
    must = draw(st.sets(st.sampled_from(list(MUST_HAVES))))
    ahp_set = draw(st.sets(st.sampled_from(list(CRITERIA)), max_size=6))
    drawn = dict(
        figures=draw(_figures()),
        must=tuple(m for m in MUST_HAVES if m in must),
        strict=draw(st.booleans()),
        unknown=draw(st.sampled_from(UNKNOWN_POLICIES)),
        weight_mode=draw(st.sampled_from(("sliders", "ahp"))),
        weights=tuple((c, draw(st.integers(0, 10))) for c in CRITERIA),
        ahp_set=tuple(c for c in CRITERIA if c in ahp_set),
        pairs=tuple((p, pairs[p]) for p in PAIRS if p in pairs),
        method=draw(st.sampled_from(("topsis", "wsm", "vikor", "promethee"))),
        normalization=draw(st.sampled_from(("minmax", "vector", "max"))),
        electricity=draw(st.sampled_from(("spot", "band"))),
        years=draw(st.sampled_from(list(SPOT_YEARS))),
        land=draw(st.sampled_from(("lease", "purchase"))),
        rate=draw(st.floats(0.0, 30.0).map(lambda v: round(v, 3))),
        horizon=draw(st.integers(1, 60)),
        gaps=draw(st.sampled_from(GAP_POLICIES)),
        shortlist=tuple(draw(st.lists(st.sampled_from(IDS), max_size=5, unique=True))),
        park=draw(st.sampled_from(IDS)),
        peers=draw(st.sampled_from(PEER_GROUPS)),
        lang=draw(st.sampled_from(("en", "fi", "sv"))),
        offline=draw(st.booleans()),
    )
    # "every field": a field added to Scenario must be drawn here too
    assert {"template", *drawn} == {f.name for f in dataclasses.fields(Scenario)}
    return dataclasses.replace(base, **drawn)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_to_query_and_from_query_round_trip_every_field(scenario: Scenario) -> None:
    query = scenario.to_query()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in query.items())
    back, notices = Scenario.from_query(query, park_ids=IDS)
    assert notices == ()
    assert back == scenario
    assert hash(back) == hash(scenario)


def test_brief_carries_figures_weights_and_pricing() -> None:
    template = load_template("pcam")
    scenario = dataclasses.replace(Scenario.for_template(template), gaps="worst",
                                   land="purchase", rate=5.0)
    scenario = scenario.replace_value(next(f for f in FIELDS if f.item == "peak_mw"), 80.0)
    brief = scenario.brief(template)
    assert brief.figures["peak_mw"].value == 80.0 and brief.figures["peak_mw"].basis == "user"
    assert brief.pricing.missing == "worst" and brief.pricing.land == "purchase"
    assert brief.pricing.discount_rate == pytest.approx(0.05)
    assert brief.weights["annual_bill_eur"] == float(scenario.weight("annual_bill_eur"))


def test_ahp_mode_ranks_on_the_derived_weights() -> None:
    base = dataclasses.replace(Scenario.for_template(load_template("pcam")), weight_mode="ahp",
                               ahp_set=("annual_bill_eur", "customer_km"),
                               pairs=(("annual_bill_eur|customer_km", -3),))
    weights = base.criterion_weights()
    assert weights["annual_bill_eur"] == pytest.approx(0.75)
    assert weights["customer_km"] == pytest.approx(0.25)
    assert weights["land_margin_ha"] == 0.0


def test_ahp_summary_says_which_criteria_are_compared_and_why_others_are_not():
    from scenario.model import CR_LIMIT, MAX_AHP

    full, _ = Scenario.from_query({"wmode": "ahp"})  # pcam: eight weighted criteria
    summary = full.ahp_summary()
    assert len(summary.compared) == MAX_AHP and summary.consistent and summary.cr == 0
    assert summary.over_limit == ("utilities_missing", "completeness") and not summary.not_chosen
    assert abs(sum(summary.weights.values()) - 1) < 1e-12
    few, _ = Scenario.from_query({"wmode": "ahp", "ahp_set": "annual_bill_eur,co2_t_a",
                                  "p_annual_bill_eur_co2_t_a": "3"})
    two = few.ahp_summary()
    assert two.compared == ("annual_bill_eur", "co2_t_a") and not two.over_limit
    assert set(two.not_chosen) == {"land_margin_ha", "draught_margin_m", "raw_material_km",
                                   "customer_km", "utilities_missing", "completeness"}
    assert two.weights["co2_t_a"] == pytest.approx(0.75) and two.consistent  # 3: the right one
    lone, _ = Scenario.from_query({"wmode": "ahp", "ahp_set": "annual_bill_eur"})
    assert not lone.ahp_summary().active and not lone.ahp_summary().consistent
    assert CR_LIMIT == 0.10


def test_unknown_policy_round_trips_through_the_link() -> None:
    pcam = load_template("pcam")
    default = Scenario.for_template(pcam)
    assert default.unknown == "peer" and "unknown" not in default.to_query()
    threshold = dataclasses.replace(default, unknown="threshold")
    assert threshold.to_query() == {"unknown": "threshold"}
    back, notices = Scenario.from_query(threshold.to_query())
    assert back == threshold and not notices
    bad, notices = Scenario.from_query({"unknown": "optimistic"})
    assert bad.unknown == "peer" and [n.code for n in notices] == ["url_bad_choice"]
    assert threshold.with_template(load_template("lioh")).unknown == "threshold"

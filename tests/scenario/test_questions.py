"""What to ask each park: its unknown facts ranked by value of information for the brief."""

from __future__ import annotations

import pytest

from metrics import load_template
from scenario import Scenario, find_evaluation, find_sites
from scenario.questions import asked_facts, field_values, park_questions
from sites import load_catalog
from sites.prices import load_prices
from sites.schema import FACTS


@pytest.fixture(scope="module")
def pcam_values():
    catalog, prices = load_catalog(), load_prices()
    scenario = Scenario.for_template(load_template("pcam"))
    uev = find_evaluation(scenario, catalog, prices)
    return scenario, catalog, prices, field_values(scenario, uev)


def test_questions_are_park_facts_with_the_parks_rank_interval(pcam_values):
    scenario, catalog, prices, values = pcam_values
    found = find_sites(scenario, catalog, prices)
    asked = {v.park for v in values}
    assert asked and asked <= {s.id for s in found.sites if s.must_have_status != "fail"}
    for park in asked:
        site = found.site(park)
        for q in park_questions(values, park):
            assert q.facts and set(q.facts) <= set(FACTS) and not set(q.also) & set(FACTS)
            assert q.now == (site.best_rank, site.worst_rank)
            lo, hi = q.now  # knowing a value never widens the interval
            assert lo <= q.favourable[0] <= q.favourable[1] <= hi
            assert lo <= q.unfavourable[0] <= q.unfavourable[1] <= hi
            assert q.message.code == ("voi_publish" if q.moves else "voi_none")
    orders = [q.order for q in park_questions(values, "port-of-antwerp-bruges")]
    assert orders == sorted(orders)


def test_asked_facts_put_the_undecided_must_haves_first(pcam_values):
    scenario, catalog, prices, values = pcam_values
    kip = find_sites(scenario, catalog, prices).site("kokkola-kip")
    facts = asked_facts(park_questions(values, "kokkola-kip"), kip.deciding_facts)
    assert facts[0] == "largest_free_plot_ha" and len(facts) == len(set(facts))

"""Percentiles within a peer group and gap-to-lead."""

import numpy as np
import pytest

from metrics.errors import ScoringError
from metrics.messages import message
from metrics.methods.topsis import topsis
from metrics.methods.wsm import wsm
from metrics.peers import gap_to_lead, percentiles
from report.i18n import render_message

X = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]


def test_percentiles_by_hand():
    """Row 0 vs rows 1-3: benefit 5 < all -> 0; benefit 8 beats 6 and 4, ties 8 -> 2.5/3;
    cost 4 lowest -> 100."""
    p = percentiles(X, "++-", 0)
    assert p == pytest.approx((0.0, 250 / 3, 100.0))


def test_percentiles_peer_group_and_unknowns():
    x = np.array([[1.0, np.nan], [2.0, 5.0], [0.0, 3.0], [9.0, 1.0]])
    assert percentiles(x, "++", 0, peers=[0, 2]) == (100.0, None)
    assert percentiles(x, "++", 1, peers=[1, 2, 3]) == (50.0, 100.0)


def test_percentiles_bad_target():
    with pytest.raises(ScoringError, match="out of range"):
        percentiles(X, "+++", 9)


def test_gap_to_lead_wsm_by_hand():
    """Minmax WSM, w = .3/.4/.3: raising row 0's first criterion from 5 to 9 ties the
    leader (8, 8, 6) at 0.7 (hand computation); criterion 1 is already at the best value,
    so no change of it alone can help."""
    gaps = gap_to_lead(X, "+++", [0.3, 0.4, 0.3], 0, method="wsm")
    assert gaps[0].needed == pytest.approx(9.0, abs=1e-4)
    assert not gaps[0].within_observed
    assert gaps[1].needed is None and gaps[1].change is None
    assert gaps[2].needed == pytest.approx(8.0, abs=1e-4)


@pytest.mark.parametrize(("method", "fn"), [("wsm", wsm), ("topsis", topsis)])
def test_gap_is_sufficient_and_minimal(method, fn):
    w = [0.3, 0.4, 0.3]
    reachable = [g for g in gap_to_lead(X, "+++", w, 3, method=method) if g.needed is not None]
    assert [g.criterion for g in reachable] == [1]  # only a higher 2nd criterion lifts row 3
    for g in reachable:
        x = np.array(X, dtype=float)
        x[3, g.criterion] = g.needed + 1e-3
        assert fn(x, "+++", w).ranks[3] == 1
        x[3, g.criterion] = g.needed - 1e-2
        assert fn(x, "+++", w).ranks[3] > 1


def test_leader_needs_no_change():
    assert all(g.change == 0.0 for g in gap_to_lead(X, "+++", [0.3, 0.4, 0.3], 2))


def test_benchmark_park_on_the_shipped_catalog(catalog):
    from metrics.brief import TEMPLATE_DIR, load_brief
    from metrics.peers import benchmark_park
    from metrics.score import score_catalog
    from sites.prices import load_prices

    brief = load_brief(TEMPLATE_DIR / "examples" / "pcam_illustrative.toml")
    result = score_catalog(catalog, load_prices(), brief)
    first, second = result.sites[0], result.sites[1]
    assert benchmark_park(result, first.id, peers="finland", catalog=catalog).statement == \
        message("bench_first")
    b = benchmark_park(result, second.id, peers="nordics", catalog=catalog)
    assert set(b.percentiles) == set(result.criteria_used)
    assert all(p is None or 0 <= p <= 100 for p in b.percentiles.values())
    assert b.statement.code in ("bench_smallest", "bench_no_single")
    assert render_message(b.statement, "en").startswith(
        ("smallest single change", "no change of a single"))
    # applying the stated change to the matrix lifts the park to first place
    ids, x, t = result.decision_matrix()
    g = min((g for g in b.gaps.values() if g.change is not None),
            key=lambda g: abs(g.change) / (np.ptp(x[:, g.criterion]) or 1.0))
    assert g.normalised_change == pytest.approx(abs(g.change) / np.ptp(x[:, g.criterion]))
    assert np.isfinite(x).all()
    x[ids.index(second.id), g.criterion] = g.needed
    r = topsis(x, t, result.weights, normalization="minmax", on_constant="ignore")
    assert r.ranks[ids.index(second.id)] == 1
    failing = next(s for s in result.sites if not s.passes)
    fails = benchmark_park(result, failing.id, peers=[s.id for s in result.sites])
    assert fails.statement.code == "bench_fails" and fails.reasons == failing.reasons
    with pytest.raises(ScoringError, match="needs the catalog"):
        benchmark_park(result, first.id, peers="finland")
    with pytest.raises(ScoringError, match="not in the scored catalog"):
        benchmark_park(result, "atlantis", peers=[])


def test_gaps_are_compared_unit_free_not_by_raw_size():
    """A bill gap of ~250,000 EUR is a smaller step on the score's scale than ~30 km.

    Hand-built: the target (row 0) trails row 1 on both costs; the bill column spans 1.1 M EUR,
    the distance column 55 km. With weights 0.7 / 0.3 the needed bill cut is about a fifth of
    its range, the needed distance cut more than half of its range.
    """
    from metrics.peers import smallest_gaps

    x = [[2.0e6, 60.0], [1.9e6, 45.0], [3.0e6, 100.0]]
    bill, km = gap_to_lead(x, "--", [0.7, 0.3], 0, method="wsm")
    assert bill.change is not None and km.change is not None
    assert abs(km.change) < abs(bill.change)  # raw sizes: km "wins"
    assert bill.normalised_change == pytest.approx(abs(bill.change) / 1.1e6)
    assert km.normalised_change == pytest.approx(abs(km.change) / 55.0)
    assert bill.normalised_change < km.normalised_change  # on the score's scale: the bill
    ordered = smallest_gaps({"annual_bill_eur": bill, "quay_distance_km": km})
    assert [name for name, _ in ordered] == ["annual_bill_eur", "quay_distance_km"]

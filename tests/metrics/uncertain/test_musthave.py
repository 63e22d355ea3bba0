"""Must-haves with three outcomes."""

import numpy as np
import pytest

from metrics.errors import ScoringError
from metrics.uncertain.musthave import must_have_status

NAN = np.nan


def test_pass_fail_undecided_by_hand():
    """Grid >= 20 MW, land >= 10 ha, price <= 50: site 0 passes (25, 12..30, 40); site 1 fails
    the grid for sure (5..15) although its land is unknown; site 2's grid range 15..30 straddles
    20 and its land is unknown -> undecided, deciding criteria 0 and 1; site 3's price range
    45..60 straddles 50 -> undecided on criterion 2."""
    cells = [[(25, 25), (12, 30), (40, 40)], [(5, 15), None, (40, 40)],
             [(15, 30), None, (30, 30)], [(25, 25), (10, 10), (45, 60)]]
    s = must_have_status(cells, at_least=[20, 10, NAN], at_most=[NAN, NAN, 50])
    assert [x.status for x in s] == ["pass", "fail", "undecided", "undecided"]
    assert s[1].failing == (0,) and s[1].deciding == (1,)
    assert s[2].deciding == (0, 1) and s[3].deciding == (2,)


def test_no_requirement_always_passes_and_lengths_are_checked():
    assert must_have_status([[None, (1, 2)]])[0].status == "pass"
    with pytest.raises(ScoringError, match="1 at-least thresholds given for 2"):
        must_have_status([[None, (1, 2)]], at_least=[1])

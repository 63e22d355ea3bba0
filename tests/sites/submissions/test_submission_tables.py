"""Table rows for the page hold only plain strings."""

from __future__ import annotations

import copy
from typing import Any

from sites.catalog import Catalog
from sites.submissions import check_submission
from sites.submissions.tables import (
    CHANGE_COLUMNS,
    CONVERSION_COLUMNS,
    PROBLEM_COLUMNS,
    change_rows,
    conversion_rows,
    problem_rows,
)
from sites.submissions.templates import toml_bytes
from tests.support.clock import DATA_TODAY

TODAY = DATA_TODAY


def test_rows_are_plain_strings(kip_data: dict[str, Any], catalog: Catalog) -> None:
    data = copy.deepcopy(kip_data)
    data["facts"]["free_land_ha"] |= {"value": 500_000, "unit": "m2"}
    sub = check_submission(toml_bytes(data), filename="k.toml", catalog=catalog, today=TODAY)
    changes, conversions = change_rows(sub.changes), conversion_rows(sub.conversions)
    assert conversions == [{"fact": "free_land_ha", "given": "500000 m2", "factor": "× 0.0001",
                            "stored": "50 ha"}]
    assert changes[0]["old"] == "≤ 70 ha" and changes[0]["new"] == "≤ 50 ha"
    assert tuple(changes[0]) == CHANGE_COLUMNS and tuple(conversions[0]) == CONVERSION_COLUMNS
    bad = check_submission(b"name = 1", filename="<b>.toml", catalog=catalog, today=TODAY)
    rows = problem_rows(bad.problems)
    assert tuple(rows[0]) == PROBLEM_COLUMNS
    assert all(isinstance(v, str) for row in rows + changes for v in row.values())

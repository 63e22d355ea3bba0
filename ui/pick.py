"""Which park the Find page opens: the pick that changed last, a map click or a table row.

Both pickers keep reporting their last pick on every rerun (streamlit-folium its last click, the
dataframe its selected row). Taking either one as it is lets the other never win: a map click
was overridden by a row that stayed selected. Only a pick that *changed* since the previous run
chooses the park.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

CHOSEN = "find_park"
SEEN = "find_picks"


def changed(seen: Mapping[str, str | None], source: str, value: str | None) -> bool:
    """Whether ``source`` reports a pick it did not report in the previous run."""
    return value is not None and seen.get(source) != value


def offer(state: MutableMapping[Any, Any], source: str, value: str | None) -> None:
    """Take ``value`` from ``source`` (``"map"``, ``"table"``) as the chosen park if it is new.

    ``state`` is the session state (``st.session_state``).
    """
    seen = dict(state.get(SEEN) or {})
    if changed(seen, source, value):
        state[CHOSEN] = value
    seen[source] = value
    state[SEEN] = seen


def chosen(state: Mapping[Any, Any]) -> str | None:
    value = state.get(CHOSEN)
    return value if isinstance(value, str) else None

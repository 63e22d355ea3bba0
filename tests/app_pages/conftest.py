"""AppTest helpers: run the real app.py on a chosen page with query parameters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ui.scenario import OPEN_KEY

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SECTIONS = ("needs", "must", "weights", "pricing")


@pytest.fixture
def app(tmp_path, monkeypatch) -> Callable[..., AppTest]:
    """Factory: ``app(page="app_pages/data.py", lang="fi", w_bill="8")`` → a run AppTest."""
    monkeypatch.setenv("PARKBENCH_DB", str(tmp_path / "submissions.sqlite"))
    monkeypatch.setenv("PARKBENCH_OFFLINE", "1")
    monkeypatch.setenv("PARKBENCH_CACHE_DIR", str(tmp_path / "cache"))

    def make(page: str | None = None, *, sections: bool = True, **params: str) -> AppTest:
        """``sections``: the sidebar's lazy sections start open (their widgets drawn), as
        after a user opened them; ``False`` is a new visitor's closed sidebar."""
        at = AppTest.from_file(APP, default_timeout=120)
        for key, value in params.items():
            at.query_params[key] = value
        if sections:
            at.session_state[OPEN_KEY] = set(SECTIONS)
        at.run()
        if page:
            at.switch_page(page)
            at.run()
        return at

    return make


@pytest.fixture
def downloads(monkeypatch) -> dict[str, Callable[[], object]]:
    """File name → the deferred data callable of every download button rendered."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    found: dict[str, Callable[[], object]] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        found[str(file_name)] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return found


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def shown(element) -> pd.DataFrame:
    """What a displayed table shows: its Styler texts when it has them, else its values."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    arrow = element.proto.arrow_data
    if arrow.HasField("styler") and arrow.styler.display_values:
        return convert_arrow_bytes_to_pandas_df(arrow.styler.display_values)
    return element.value


def no_none_cells(frame: pd.DataFrame) -> None:
    """No cell reads ``None`` or ``nan`` (missing values show as "–")."""
    text = frame.astype(str)
    assert not text.isin(["None", "nan", "NaN", "<NA>"]).any().any(), \
        text.columns[text.isin(["None", "nan", "NaN", "<NA>"]).any()].tolist()

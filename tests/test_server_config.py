"""The shipped Streamlit configuration names only real options, and keeps the settings the
server's behaviour under load depends on."""

from __future__ import annotations

import tomllib

from streamlit import config

from tests.conftest import ROOT

CONFIG = ROOT / ".streamlit" / "config.toml"


def _options() -> dict[str, object]:
    table = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    return {f"{section}.{name}": value for section, values in table.items()
            for name, value in values.items()}


def test_every_configured_option_exists_in_streamlit():
    unknown = [name for name in _options() if name not in config._config_options_template]
    assert unknown == []  # a misspelt option is silently ignored by Streamlit


def test_no_full_garbage_collection_after_every_script_run():
    # Streamlit's default gc.collect() after each run holds the GIL for a whole-heap walk: with
    # 20 browser sessions it took half the server's CPU and stalled the other sessions
    # (bench/load_app.py)
    assert _options()["runner.postScriptGC"] is False


def test_no_source_file_watching():
    # a deployed dashboard does not rerun on save; the watcher's per-run module walk cost about
    # 0.25 s CPU of every cold start and new session (bench/bench_first_view.py)
    assert _options()["server.fileWatcherType"] == "none"

"""The streamlit-folium adapter refuses releases it was not written for."""

from __future__ import annotations

import folium
import pytest

from ui import folium_adapter


def test_installed_release_is_supported() -> None:
    """Fails on an incompatible streamlit-folium release (pin it or update the adapter)."""
    assert folium_adapter.check_compatible() in folium_adapter.SUPPORTED


def test_an_unsupported_release_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    folium_adapter.check_compatible.cache_clear()
    monkeypatch.setattr(folium_adapter.importlib.metadata, "version", lambda name: "9.9.9")
    with pytest.raises(folium_adapter.IncompatibleComponent, match=r"9\.9\.9 is not supported"):
        folium_adapter.check_compatible()
    folium_adapter.check_compatible.cache_clear()


def test_render_map_and_layer_script() -> None:
    fmap = folium.Map(tiles=None, location=(63.8, 23.0), zoom_start=6)
    rendered = folium_adapter.render_map(fmap)
    assert "L.map(" in rendered.script and rendered.map_id
    group = folium.FeatureGroup(name="parks")
    folium.CircleMarker((63.84, 23.03), radius=5, tooltip="KIP").add_to(group)
    script = folium_adapter.feature_group_script(group)
    assert "circle_marker" in script and "KIP" in script

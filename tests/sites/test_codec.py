"""The JSON form of a loaded catalog and price table (sites.codec): exact, and strict on read."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from sites import codec
from sites.catalog import PARKS_DIR, Catalog, load_catalog, with_overrides
from sites.errors import Problem
from sites.model import Fact, Location, Park
from sites.prices import PriceRow, load_prices


def _round_trip(catalog: Catalog) -> Catalog:
    return codec.catalog_from_json(json.loads(json.dumps(codec.catalog_to_json(catalog))))


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


def test_the_shipped_catalog_comes_back_equal_with_its_version(shipped: Catalog) -> None:
    back = _round_trip(shipped)
    assert back == shipped
    assert back.version == shipped.version
    assert [repr(p) for p in back.parks] == [repr(p) for p in shipped.parks]
    kinds = {type(f.value) for p in back.parks for f in p.facts.values()}
    assert {float, bool, str, tuple, type(None)} <= kinds  # every kind of value was covered
    assert any(f.is_range for p in back.parks for f in p.facts.values())
    assert any(f.qualifier for p in back.parks for f in p.facts.values())


def test_problems_and_overrides_come_back(tmp_path: Path, shipped: Catalog) -> None:
    folder = tmp_path / "parks"
    folder.mkdir()
    for name in ("kokkola-kip.toml", "basf-ludwigshafen.toml"):
        shutil.copy(PARKS_DIR / name, folder / name)
    (folder / "broken.toml").write_text("id = [", encoding="utf-8")
    text = (PARKS_DIR / "kokkola-kip.toml").read_text(encoding="utf-8")
    (folder / "renamed.toml").write_text(text, encoding="utf-8")  # id does not match the name
    (folder / "future.toml").write_text(
        text.replace('id = "kokkola-kip"', 'id = "future"').replace('as_of = "2024"',
                                                                    'as_of = "2999"', 1),
        encoding="utf-8")
    loaded = load_catalog(folder, strict=False)
    assert len(loaded.problems) >= 3
    assert any(p.code and p.params for p in loaded.problems)  # a coded problem with parameters
    assert _round_trip(loaded) == loaded
    overridden = with_overrides(loaded, [shipped.by_id("basf-ludwigshafen")])
    assert overridden.overridden == {"basf-ludwigshafen"}
    assert _round_trip(overridden) == overridden


def test_overrides_are_applied_as_the_loader_applies_them(shipped: Catalog) -> None:
    kip = shipped.by_id("kokkola-kip")
    renamed = dataclasses.replace(kip, name="KIP renamed")
    assert with_overrides(load_catalog(), [renamed]) == load_catalog(overrides=[renamed])
    assert with_overrides(shipped, []) is shipped


@pytest.mark.parametrize(("kind", "encoded"), [
    (Fact, "facts"), (Location, "location"), (Park, "park"), (Problem, "problems")])
def test_every_field_is_written(shipped: Catalog, kind: type, encoded: str) -> None:
    """A field added to the model must be added to the codec (else it would be lost)."""
    data = codec.catalog_to_json(
        dataclasses.replace(shipped, problems=(Problem("f", "x", "bad"),)))
    park = data["parks"][0]
    sample = {"facts": park["facts"][0][1], "location": park["location"], "park": park,
              "problems": data["problems"][0]}[encoded]
    assert set(sample) == {f.name for f in dataclasses.fields(kind)}


def test_the_price_table_comes_back_equal() -> None:
    prices = load_prices()
    back = codec.prices_from_json(json.loads(json.dumps(codec.prices_to_json(prices))))
    assert back == prices
    assert back.version == prices.version
    assert len(codec.prices_to_json(prices)["rows"][0]) == len(dataclasses.fields(PriceRow))


def _tampered(shipped: Catalog, change: Any) -> Any:
    data = json.loads(json.dumps(codec.catalog_to_json(shipped)))
    change(data)
    return data


def _set_fact(data: dict[str, Any], key: str, value: object) -> None:
    data["parks"][0]["facts"][0][1][key] = value


@pytest.mark.parametrize("change", [
    lambda d: d.update(format=0),
    lambda d: d.update(version="0" * 16),
    lambda d: _set_fact(d, "status", "rumoured"),
    lambda d: _set_fact(d, "value", {"nested": 1}),
    lambda d: _set_fact(d, "undated", "no"),
    lambda d: _set_fact(d, "as_of", "last spring"),
    lambda d: _set_fact(d, "qualifier", "about"),
    lambda d: d["parks"][0]["location"].update(lat="62"),
    lambda d: d["parks"][0].pop("name"),
    lambda d: d["parks"].reverse(),
    lambda d: d.update(parks=None),
    lambda d: d["parks"][0]["facts"].append(["x"]),
], ids=["format", "version", "status", "value", "undated", "date", "qualifier", "lat",
        "missing", "order", "parks", "pair"])
def test_malformed_data_raises(shipped: Catalog, change: Any) -> None:
    with pytest.raises((ValueError, TypeError, KeyError)):
        codec.catalog_from_json(_tampered(shipped, change))


def test_a_changed_number_no_longer_matches_the_version(shipped: Catalog) -> None:
    def change(data: dict[str, Any]) -> None:
        for _name, fact in data["parks"][0]["facts"]:
            if isinstance(fact["value"], float):
                fact["value"] += 1
                return

    with pytest.raises(ValueError, match="version"):
        codec.catalog_from_json(_tampered(shipped, change))


def test_malformed_prices_raise() -> None:
    data = json.loads(json.dumps(codec.prices_to_json(load_prices())))
    data["rows"][0][5] = "12"
    with pytest.raises(TypeError):
        codec.prices_from_json(data)
    with pytest.raises(ValueError):
        codec.prices_from_json({"format": 0, "rows": [], "version": ""})

"""sites/data/apply_patch.py: research patches replace whole fact lines, or add a new park."""

from __future__ import annotations

import importlib.util
import shutil
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from sites.catalog import PARKS_DIR

SCRIPT = PARKS_DIR.parent / "apply_patch.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("apply_patch", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


apply_patch = _module()
FACT = ('free_land_ha = { note = "City plan page.", checked = "2026-12-01", value = 30, '
        'qualifier = "at least", unit = "ha", status = "published", as_of = "2025-04", '
        'source = "https://kip.fi/land" }\n')
LOCATION = ('[location]\nlat = 63.85\nlon = 23.05\nprecision_m = 500\n'
            'source = "https://kip.fi/map"\nas_of = "2025"\nnote = "Gate 1 per the park map."\n')


@pytest.fixture
def parks(tmp_path: Path) -> Path:
    folder = tmp_path / "parks"
    folder.mkdir()
    shutil.copy(PARKS_DIR / "kokkola-kip.toml", folder)
    return folder


def _patch(tmp_path: Path, body: str, name: str = "kokkola-kip.toml") -> Path:
    path = tmp_path / "patches" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"# research patch for {name}, test, 2026-12-01\n{body}", encoding="utf-8")
    return path


def test_fact_line_and_location_block_are_replaced_in_place(parks: Path, tmp_path: Path) -> None:
    before = (parks / "kokkola-kip.toml").read_text(encoding="utf-8").splitlines()
    patch = _patch(tmp_path, "[facts]\n" + FACT + "\n" + LOCATION)
    assert apply_patch.main([str(patch), "--parks-dir", str(parks)]) == 0
    after = (parks / "kokkola-kip.toml").read_text(encoding="utf-8").splitlines()

    def split(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
        start, end = lines.index("[location]"), lines.index("[facts]")
        return lines[:start], lines[start:end], lines[end:]

    (head_b, _loc_b, facts_b), (head_a, loc_a, facts_a) = split(before), split(after)
    assert head_a == head_b  # comments and header kept
    assert [x for x in loc_a if x] == LOCATION.strip().splitlines()  # the block, replaced whole
    assert len(facts_a) == len(facts_b)
    changed = [(a, b) for a, b in zip(facts_b, facts_a, strict=True) if a != b]
    assert [b.split(" = ")[0] for _, b in changed] == ["free_land_ha"]
    line = next(b for _, b in changed if b.startswith("free_land_ha"))
    assert line.index("value") < line.index("qualifier") < line.index("unit") \
        < line.index("status") < line.index("as_of") < line.index("checked") \
        < line.index("source") < line.index("note")
    data = tomllib.loads("\n".join(after))
    assert data["facts"]["free_land_ha"]["qualifier"] == "at least"
    assert data["location"]["precision_m"] == 500


def test_a_patch_with_a_problem_is_refused_and_nothing_changes(parks: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]
                                                              ) -> None:
    original = (parks / "kokkola-kip.toml").read_bytes()
    bad = FACT.replace("value = 30", "value = 900")  # more free land than the 700 ha total
    patch = _patch(tmp_path, "[facts]\n" + bad)
    assert apply_patch.main([str(patch), "--parks-dir", str(parks)]) == 1
    assert (parks / "kokkola-kip.toml").read_bytes() == original
    out = capsys.readouterr().out
    assert "REFUSED" in out and "facts.free_land_ha" in out and "total area" in out


def test_lookup_month_as_of_is_refused(parks: Path, tmp_path: Path) -> None:
    patch = _patch(tmp_path, "[facts]\n" + FACT.replace('"2025-04"', '"2026-12"'))
    with pytest.raises(apply_patch.PatchError, match="lookup date"):
        apply_patch.apply(patch, parks)


def test_unknown_fact_in_a_patch_is_refused(parks: Path, tmp_path: Path) -> None:
    patch = _patch(tmp_path, '[facts]\nharbour_depth = { unit = "m", status = "unknown" }\n')
    with pytest.raises(apply_patch.PatchError, match="expected one line"):
        apply_patch.apply(patch, parks)


def test_new_park_patch_is_copied_and_checked(parks: Path, tmp_path: Path) -> None:
    text = (PARKS_DIR / "kokkola-kip.toml").read_text(encoding="utf-8")
    new = "# NEW PARK\n" + text.replace('id = "kokkola-kip"', 'id = "kip-copy"')
    patch = _patch(tmp_path, "", name="kip-copy.toml")
    patch.write_text(new, encoding="utf-8")
    target, action = apply_patch.apply(patch, parks)
    assert action == "new park" and target == parks / "kip-copy.toml"
    assert "# NEW PARK" not in target.read_text(encoding="utf-8")
    with pytest.raises(apply_patch.PatchError, match="already exists"):
        apply_patch.apply(patch, parks)


def test_dry_run_writes_nothing(parks: Path, tmp_path: Path) -> None:
    original = (parks / "kokkola-kip.toml").read_bytes()
    patch = _patch(tmp_path, "[facts]\n" + FACT)
    assert apply_patch.main([str(patch), "--parks-dir", str(parks), "--dry-run"]) == 0
    assert (parks / "kokkola-kip.toml").read_bytes() == original


@pytest.mark.parametrize("value", ["a \"quoted\" näme\\", 3, 2.5, True, ["x", "y"]])
def test_values_are_written_as_toml_that_reads_back(value: object) -> None:
    line = apply_patch.fact_line("f", {"value": value, "unit": ""})
    assert tomllib.loads(line)["f"]["value"] == value

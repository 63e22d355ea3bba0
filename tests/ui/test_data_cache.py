"""The catalog and the price table kept on disk (ui.data with ui.persist): a restarted server
reads the checked result, a changed file is read and checked again, a bad entry is ignored."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sites import catalog as catalog_module
from sites import prices as prices_module
from sites.catalog import PARKS_DIR, load_catalog
from ui import data

TODAY = dt.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    parks = tmp_path / "parks"
    parks.mkdir()
    for name in ("kokkola-kip.toml", "basf-ludwigshafen.toml", "harjavalta-industrial-park.toml"):
        shutil.copy(PARKS_DIR / name, parks / name)
    return parks


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders ``ui.data`` reads and checks (not served from the disk cache)."""
    seen: list[Path] = []
    real = catalog_module.load_catalog

    def counting(directory: Path | None = None, **kwargs: object) -> object:
        seen.append(Path(directory or PARKS_DIR))
        return real(directory, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(data, "load_catalog", counting)
    return seen


def test_a_restart_reads_the_kept_catalog(folder: Path, reads: list[Path]) -> None:
    first = data.load_shipped(folder, today=TODAY)
    again = data.load_shipped(folder, today=TODAY)
    assert reads == [folder]
    assert again == first == load_catalog(folder, strict=False, today=TODAY)
    assert again.version == first.version


def test_a_changed_profile_is_read_and_checked_again(folder: Path, reads: list[Path]) -> None:
    before = data.load_shipped(folder, today=TODAY)
    kip = folder / "kokkola-kip.toml"
    kip.write_text(kip.read_text(encoding="utf-8").replace(
        'name = "Kokkola Industrial Park', 'name = "Kokkola Industrial Park renamed', 1),
        encoding="utf-8")
    after = data.load_shipped(folder, today=TODAY)
    assert len(reads) == 2
    assert after.by_id("kokkola-kip").name != before.by_id("kokkola-kip").name
    assert after.version != before.version


def test_a_broken_profile_is_reported_not_served_from_the_cache(folder: Path,
                                                                reads: list[Path]) -> None:
    data.load_shipped(folder, today=TODAY)
    (folder / "harjavalta-industrial-park.toml").write_text("id = [", encoding="utf-8")
    after = data.load_shipped(folder, today=TODAY)
    assert "harjavalta-industrial-park" not in after.ids
    assert [p.file for p in after.problems] == ["harjavalta-industrial-park.toml"]
    (folder / "new-park.toml").write_text("", encoding="utf-8")  # an added file
    assert len(data.load_shipped(folder, today=TODAY).problems) > 1
    assert len(reads) == 3


def test_another_day_checks_the_dates_again(folder: Path, reads: list[Path]) -> None:
    data.load_shipped(folder, today=TODAY)
    data.load_shipped(folder, today=TODAY + dt.timedelta(days=1))
    assert len(reads) == 2


@pytest.mark.parametrize("content", ["{not json", "[]", '{"format": 1}', "null",
                                     '{"format": 1, "parks": [{}], "version": "x"}'])
def test_a_corrupt_entry_is_ignored(folder: Path, reads: list[Path], cache_dir: Path,
                                    content: str) -> None:
    good = data.load_shipped(folder, today=TODAY)
    [entry] = cache_dir.glob("catalog-*.json")
    entry.write_text(content, encoding="utf-8")
    assert data.load_shipped(folder, today=TODAY) == good
    assert len(reads) == 2
    assert data.load_shipped(folder, today=TODAY) == good  # written again, then read
    assert len(reads) == 2


def test_the_price_table_is_kept_and_follows_its_file(tmp_path: Path, cache_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = prices_module.load_prices

    def counting(path: Path | None = None, **kwargs: object) -> object:
        calls.append(Path(path or prices_module.PRICES_FILE))
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(data, "load_prices", counting)
    file = tmp_path / "prices.csv"
    shutil.copy(prices_module.PRICES_FILE, file)
    first = data.load_shipped_prices(file, today=TODAY)
    assert data.load_shipped_prices(file, today=TODAY) == first == real(file, today=TODAY)
    assert len(calls) == 1
    [entry] = cache_dir.glob("prices-*.json")
    entry.write_text('{"format": 1, "rows": [[1]], "version": ""}', encoding="utf-8")
    assert data.load_shipped_prices(file, today=TODAY) == first
    lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
    file.write_text("".join(lines[:-1]), encoding="utf-8")  # one row less
    assert len(data.load_shipped_prices(file, today=TODAY).rows) == len(first.rows) - 1
    assert len(calls) == 3

"""Load the park catalog: one TOML profile per park under ``sites/data/parks``."""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sites.errors import CatalogError, Problem
from sites.model import Park
from sites.profile import parse_profile
from sites.schema import FACTS, NORDICS, Kind

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
PARKS_DIR: Final = DATA_DIR / "parks"
MAX_PROFILE_BYTES: Final = 256 * 1024


@dataclass(frozen=True)
class Catalog:
    """An immutable set of parks with a content hash (``version``) to key caches on."""

    parks: tuple[Park, ...]
    version: str
    problems: tuple[Problem, ...] = ()
    overridden: frozenset[str] = field(default_factory=frozenset)

    def __iter__(self) -> Iterator[Park]:
        return iter(self.parks)

    def __len__(self) -> int:
        return len(self.parks)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.parks)

    def by_id(self, park_id: str) -> Park:
        for park in self.parks:
            if park.id == park_id:
                return park
        raise KeyError(f"no park with id {park_id!r}")

    def peer_ids(self, group: str) -> tuple[str, ...]:
        """Ids in a peer group: ``finland``, ``nordics`` or ``europe`` (everything)."""
        if group == "finland":
            return tuple(p.id for p in self.parks if p.country == "FI")
        if group == "nordics":
            return tuple(p.id for p in self.parks if p.country in NORDICS)
        if group == "europe":
            return self.ids
        raise ValueError(f"unknown peer group {group!r}; expected finland, nordics or europe")

    def replace_park(self, park: Park) -> Catalog:
        """A new catalog with ``park`` replacing the park of the same id (or added)."""
        parks = tuple(sorted((*(p for p in self.parks if p.id != park.id), park),
                             key=lambda p: p.id))
        return Catalog(parks, catalog_version(parks), self.problems, self.overridden | {park.id})

    def subset(self, ids: Iterable[str]) -> Catalog:
        """A catalog of the parks whose id is in ``ids`` (catalog order; unknown ids ignored)."""
        wanted = frozenset(ids)
        parks = tuple(p for p in self.parks if p.id in wanted)
        return Catalog(parks, catalog_version(parks), self.problems, self.overridden & wanted)

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per park: identity, location and each fact's value."""
        return [dict(r) for r in self._records]

    @cached_property
    def _records(self) -> tuple[dict[str, Any], ...]:
        return tuple(_record(p) for p in self.parks)

    @cached_property
    def _frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame(list(self._records), columns=[*IDENTITY, *FACTS])

    @cached_property
    def _geoframe(self) -> gpd.GeoDataFrame:
        import geopandas as gpd

        frame = self._frame
        geometry = gpd.points_from_xy(frame["lon"], frame["lat"], crs="EPSG:4326")
        return gpd.GeoDataFrame(frame.copy(), geometry=geometry, crs="EPSG:4326")

    def to_frame(self) -> pd.DataFrame:
        """A new DataFrame (one row per park); built once per catalog, copied per call."""
        return self._frame.copy()

    def to_geodataframe(self) -> gpd.GeoDataFrame:
        """A new GeoDataFrame of park points in EPSG:4326 (copied per call)."""
        return self._geoframe.copy()


IDENTITY: Final = ("id", "name", "name_fi", "name_sv", "country", "municipality", "region",
                   "programme_region", "bidding_zone", "operator", "contact_url", "lat", "lon",
                   "precision_m", "completeness")
"""The identity and location columns of :meth:`Catalog.to_records`, in order."""


def _record(park: Park) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": park.id, "name": park.name, "name_fi": park.name_fi, "name_sv": park.name_sv,
        "country": park.country, "municipality": park.municipality, "region": park.region,
        "programme_region": park.programme_region, "bidding_zone": park.bidding_zone,
        "operator": park.operator, "contact_url": park.contact_url,
        "lat": park.location.lat, "lon": park.location.lon,
        "precision_m": park.location.precision_m, "completeness": round(park.completeness(), 3),
    }
    for name, fact in park.facts.items():
        value = fact.value
        if FACTS[name].kind is Kind.NUMBER:
            record[name] = fact.number()
        else:
            record[name] = "; ".join(value) if isinstance(value, tuple) else value
    return record


def catalog_version(parks: Iterable[Park]) -> str:
    """The content hash of a catalog's parks (:attr:`Catalog.version`)."""
    digest = hashlib.sha256()
    for park in parks:
        digest.update(repr(park).encode())
    return digest.hexdigest()[:16]


def read_profile_file(path: Path, *, today: dt.date | None = None) -> tuple[Park | None,
                                                                             list[Problem]]:
    """Read and check one TOML profile; the file name must be ``<id>.toml``."""
    name = path.name
    try:
        if path.stat().st_size > MAX_PROFILE_BYTES:
            return None, [Problem(name, "(file)", "file too large",
                                  f"at most {MAX_PROFILE_BYTES // 1024} KiB")]
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        return None, [Problem(name, "(file)", f"not UTF-8 text ({exc.reason})", "UTF-8")]
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(name, "(file)", f"TOML syntax error: {exc}", "valid TOML")]
    except OSError as exc:
        return None, [Problem(name, "(file)", f"cannot read: {exc.strerror}")]
    result = parse_profile(data, origin=name, today=today)
    problems = list(result.problems)
    if result.park is not None and result.park.id != path.stem:
        problems.append(Problem(name, "id", f"id {result.park.id!r} does not match file name",
                                f"{path.stem!r}"))
    return (result.park if not problems else None), problems


def load_catalog(directory: Path | None = None, *, overrides: Iterable[Park] = (),
                 strict: bool = True, today: dt.date | None = None) -> Catalog:
    """Load every ``*.toml`` profile in ``directory`` (default: the shipped catalog).

    Parameters
    ----------
    directory
        Folder of park profiles.
    overrides
        Parks (e.g. accepted submissions) replacing shipped parks of the same id.
    strict
        Raise :class:`~sites.errors.CatalogError` listing every problem; when ``False``,
        skip invalid files and report them in ``Catalog.problems``.
    """
    folder = directory or PARKS_DIR
    parks: dict[str, Park] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.toml")):
        park, file_problems = read_profile_file(path, today=today)
        problems += file_problems
        if park is not None:
            if park.id in parks:
                problems.append(Problem(path.name, "id", f"duplicate id {park.id!r}",
                                        "ids unique across the catalog"))
            parks[park.id] = park
    if strict and problems:
        raise CatalogError(problems)
    ordered = tuple(sorted(parks.values(), key=lambda p: p.id))
    return with_overrides(Catalog(ordered, catalog_version(ordered), tuple(problems)), overrides)


def with_overrides(catalog: Catalog, overrides: Iterable[Park]) -> Catalog:
    """``catalog`` with ``overrides`` (e.g. accepted submissions) replacing the parks of the
    same id or added, as :func:`load_catalog` applies them; ``catalog`` itself without any."""
    given = tuple(overrides)
    if not given:
        return catalog
    parks = {p.id: p for p in catalog.parks}
    overridden = set(catalog.overridden)
    for park in given:
        parks[park.id] = park
        overridden.add(park.id)
    ordered = tuple(sorted(parks.values(), key=lambda p: p.id))
    return Catalog(ordered, catalog_version(ordered), catalog.problems, frozenset(overridden))

"""parkbench's catalog of heavy-industry parks: profiles, facts with sources, price tables."""

from sites.catalog import Catalog, load_catalog
from sites.errors import CatalogError, Problem
from sites.model import Fact, Location, Park
from sites.schema import FACTS, Status

__all__ = ["FACTS", "Catalog", "CatalogError", "Fact", "Location", "Park", "Problem", "Status",
           "load_catalog"]

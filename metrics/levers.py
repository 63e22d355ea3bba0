"""What a park can change to pass a brief or to rank higher, each change re-scored on its own.

The two questions of a park manager on the Benchmark page:

* **My park fails the brief: what would make it pass?** :func:`pass_plan` lists, per failed
  must-have, the fact and the value needed -- a threshold at its need ("free land >= 45 ha, now
  30 ha"), a fact to publish ("grid capacity: unknown"), a service to offer -- and the rank the
  park would reach with all of them at exactly the value needed.
* **My park passes: what within its control would lift it?** :func:`park_levers` tries the
  park's own prices (the bill lines of the brief it charges: process water, wastewater, steam or
  district heat, land lease or purchase), its free land and the services the plant needs. For
  each lever it finds, by re-scoring the catalog with that one change, the smallest change that
  gains at least one place and the rank reached, and the rank at the best value another park
  already offers (the lowest price, the most land). Nothing else changes: other parks keep their
  figures, the brief keeps its weights. A price or land figure the park has not published is
  published by the lever (so it also counts towards the park's completeness).

Re-scoring (:class:`Rescorer`) reuses the evaluation of every other park; only the changed park's
bill, criteria and must-haves are recomputed, and every park's bill total (the missing-price
policy pools the prices of all parks). A search is a bisection over the lever's value; it assumes,
as :func:`metrics.peers.gap_to_lead` does, that a better value never lowers the park's rank.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

from metrics.bill import BillLine, PriceSource, bill_total, catalog_bills
from metrics.brief import Brief
from metrics.criteria import (
    MUST_FACTS,
    THRESHOLD_MUSTS,
    land_fact,
    land_need,
    must_have_checks,
    must_threshold,
    needed_utilities,
    not_applicable,
    site_criteria,
)
from metrics.errors import ScoringError
from metrics.messages import Message, message
from metrics.methods.normalize import Normalization
from metrics.methods.registry import DEFAULT_METHOD
from metrics.score import (
    CatalogScore,
    Evaluation,
    SiteEvaluation,
    rank_evaluation,
    unpriced_everywhere,
)
from sites.model import Fact, FactValue, Park
from sites.prices import QUANTITIES, PriceGap, PriceQuote
from sites.schema import FACTS, Status

LEVER_PRICES: Final[tuple[str, ...]] = (
    "water_price", "wastewater_price", "steam_price", "district_heat_price", "land_lease",
    "land_price")
"""Priced quantities a park (or its utility) sets itself; the energy market prices are not."""
SEARCH_STEPS: Final = 12
"""Bisection steps per lever (the range is split to 1/4096 before rounding)."""
LEVER_NOTE: Final = "value tried by the Benchmark levers (never stored)"

LeverKind = Literal["price", "land", "service"]
_KIND_ORDER: Final[Mapping[str, int]] = MappingProxyType({"price": 0, "land": 1, "service": 2})


@dataclass(frozen=True, slots=True)
class PriceOverride:
    """A price source with one park's price of one quantity replaced (a :class:`PriceSource`)."""

    base: PriceSource
    park_id: str
    quantity: str
    value: float

    def lookup(self, park: Park, quantity: str, *, variant: str = "",
               period: str | None = None) -> PriceQuote | PriceGap:
        if park.id == self.park_id and quantity == self.quantity:
            return PriceQuote(quantity, self.value, QUANTITIES[quantity].unit, "park", park.id,
                              variant, period or "", "", "", Status.ESTIMATE.value, LEVER_NOTE)
        return self.base.lookup(park, quantity, variant=variant, period=period)

    def mean(self, park: Park, quantity: str, *, periods: Sequence[str],
             variant: str = "") -> PriceQuote | PriceGap:
        return self.base.mean(park, quantity, periods=periods, variant=variant)


@dataclass(frozen=True)
class Rescorer:
    """Scores the catalog of ``evaluation`` again with one park changed.

    Attributes
    ----------
    evaluation
        The evaluation of every park (as cached by the dashboard).
    prices
        The price source it was evaluated with.
    brief
        The brief, with the ranking's weights.
    method, normalization
        Of the ranking.
    unknown_fails
        Whether an unknown fact fails a must-have (strict checking), as in the evaluation.
    """

    evaluation: Evaluation
    prices: PriceSource
    brief: Brief
    method: str = DEFAULT_METHOD
    normalization: Normalization | None = None
    unknown_fails: bool = True

    def score(self, park: Park, *, price: tuple[str, float] | None = None) -> CatalogScore:
        """The ranking with ``park`` in place of the park of its id, and optionally its price
        of one quantity set to a value (``(quantity, value)``)."""
        records = self.evaluation.records
        index = next((i for i, r in enumerate(records) if r.park.id == park.id), None)
        if index is None:
            raise ScoringError(f"park {park.id!r} is not in the evaluation")
        source: PriceSource = self.prices if price is None else PriceOverride(
            self.prices, park.id, price[0], float(price[1]))
        parks = [park if i == index else r.park for i, r in enumerate(records)]
        bills = catalog_bills(source, parks, self.brief)
        nowhere = unpriced_everywhere(bills)
        fresh: list[SiteEvaluation] = []
        for i, (record, site) in enumerate(zip(records, parks, strict=True)):
            kept = [ln for ln in bills[site.id] if ln.item not in nowhere]
            total = bill_total(kept) if kept else None
            if i == index:
                fresh.append(self._evaluate(site, record, source, bills[site.id], total))
            elif total == record.total and bills[site.id] == record.bill:
                fresh.append(record)
            else:
                fresh.append(dataclasses.replace(
                    record, bill=bills[site.id], total=total,
                    criteria=MappingProxyType({**record.criteria, "annual_bill_eur": total})))
        return rank_evaluation(Evaluation(tuple(fresh), self.evaluation.warnings),
                               self.brief.weights, method=self.method,
                               normalization=self.normalization)

    def rank(self, park: Park, *, price: tuple[str, float] | None = None) -> int | None:
        """The park's rank after the change (``None``: it fails a must-have or is unranked)."""
        return next(s.rank for s in self.score(park, price=price).sites if s.id == park.id)

    def _evaluate(self, park: Park, before: SiteEvaluation, source: PriceSource,
                  bill: tuple[BillLine, ...], total: float | None) -> SiteEvaluation:
        """The changed park's criteria and must-haves (its location-based criteria reused)."""
        quote = source.lookup(park, "co2_intensity")
        crit = site_criteria(
            park, self.brief, bill_eur=total,
            co2_intensity=quote if isinstance(quote, PriceQuote) else None, parks={},
            workforce=before.criteria.get("workforce"),
            distances={k: before.criteria[k] for k in ("raw_material_km", "customer_km")
                       if k in before.criteria})
        checks = must_have_checks(park, self.brief)
        reasons = tuple(r for r, unknown in checks if self.unknown_fails or not unknown)
        unconfirmed = () if self.unknown_fails else tuple(r for r, unknown in checks if unknown)
        return SiteEvaluation(park, bill, total, MappingProxyType(dict(crit)), reasons,
                              unconfirmed)


def with_facts(park: Park, values: Mapping[str, FactValue], *, today: dt.date) -> Park:
    """A copy of ``park`` with the given facts set as estimates (the original is untouched)."""
    facts = dict(park.facts)
    for name, value in values.items():
        facts[name] = Fact(name, value, FACTS[name].unit, Status.ESTIMATE, as_of=today,
                           as_of_text=today.isoformat(), note=LEVER_NOTE, checked=today,
                           checked_text=today.isoformat())
    return dataclasses.replace(park, facts=facts)


# --- a failing park: what would make it pass ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fix:
    """The smallest change of one fact that meets one failed must-have.

    Attributes
    ----------
    must
        The must-have (a key of :data:`metrics.brief.MUST_HAVES`).
    fact
        The park fact it reads.
    need
        The value needed for a threshold; ``None`` for a yes/no fact (it must be yes).
    have
        The park's value of a threshold fact (``None`` when unknown).
    known
        Whether the park's fact is known (a value, or a "no").
    unit
        Unit of ``need`` and ``have``.
    possible
        ``False`` when the park marks the fact not applicable (an inland park has no port
        draught): no change of the park's figures meets the must-have.
    """

    must: str
    fact: str
    need: float | None
    have: float | None
    known: bool
    unit: str = ""
    possible: bool = True

    def message(self) -> Message:
        """``fix_at_least``, ``fix_publish``, ``fix_offer``, ``fix_publish_flag`` or
        ``fix_impossible``."""
        if not self.possible:
            return message("fix_impossible", fact=self.fact)
        if self.need is None:
            if self.known:
                return message("fix_offer", fact=self.fact)
            return message("fix_publish_flag", fact=self.fact)
        if self.have is None:
            return message("fix_publish", fact=self.fact, need=self.need, unit=self.unit)
        return message("fix_at_least", fact=self.fact, need=self.need, have=self.have,
                       unit=self.unit)


@dataclass(frozen=True, slots=True)
class PassPlan:
    """What a failing park must change to pass, and the rank it would then reach."""

    park_id: str
    fixes: tuple[Fix, ...]
    rank: int | None

    def rank_message(self) -> Message | None:
        return None if self.rank is None else message("fix_rank", rank=self.rank)


def must_have_fixes(park: Park, brief: Brief, *, unknown_fails: bool = True) -> tuple[Fix, ...]:
    """One :class:`Fix` per must-have the park fails (in the order of the checks)."""
    fixes = []
    for reason, unknown in must_have_checks(park, brief):
        if unknown and not unknown_fails:
            continue
        must = str(reason.params["must"])
        possible = not (reason.code == "must_missing" and not_applicable(park, MUST_FACTS[must]))
        if must not in THRESHOLD_MUSTS:
            fixes.append(Fix(must, MUST_FACTS[must][0], None, None, not unknown,
                             possible=possible))
            continue
        th = must_threshold(park, brief, must)
        fixes.append(Fix(must, th.fact, th.need, th.have, not unknown, th.unit, possible))
    return tuple(fixes)


def apply_fixes(park: Park, fixes: tuple[Fix, ...], *, today: dt.date) -> Park:
    """The park with every possible fix at exactly the value needed (yes for a yes/no fact)."""
    values: dict[str, FactValue] = {}
    for fix in fixes:
        if not fix.possible:
            continue
        if fix.need is None:
            values[fix.fact] = True
            continue
        values[fix.fact] = fix.need
        free = park.number("free_land_ha")
        if fix.fact == "largest_free_plot_ha" and free is not None and free < fix.need:
            values["free_land_ha"] = fix.need  # a plot never exceeds the free land
    return with_facts(park, values, today=today)


def pass_plan(rescorer: Rescorer, park: Park, *, today: dt.date) -> PassPlan:
    """The fixes that make ``park`` pass the brief and the rank it would reach with all of them.

    Parameters
    ----------
    rescorer
        The scored catalog to re-score.
    park
        The park (as in the catalog).
    today
        Date stamped on the trial facts.

    Returns
    -------
    PassPlan
        No fixes for a park that passes; ``rank`` is the rank with every fix applied at exactly
        the value needed (``None`` without fixes, or when a fix is impossible).
    """
    fixes = must_have_fixes(park, rescorer.brief, unknown_fails=rescorer.unknown_fails)
    if not fixes or not all(fix.possible for fix in fixes):
        return PassPlan(park.id, fixes, None)
    return PassPlan(park.id, fixes, rescorer.rank(apply_fixes(park, fixes, today=today)))


# --- a passing park: what would lift it ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lever:
    """One change within the park's control that lifts its rank, found by re-scoring.

    Attributes
    ----------
    kind
        ``price`` (its price of ``name``, a priced quantity), ``land`` (fact ``name``) or
        ``service`` (yes/no fact ``name``).
    name
        The quantity or fact.
    unit
        Unit of the values (``yes/no`` for a service).
    current
        The park's value now; ``None`` when it has not published one (the bill then uses the
        missing-price policy, the criterion the worst known value).
    value
        The smallest change that gains at least one place (rounded to three significant digits,
        on the safe side); ``1.0`` (yes) for a service.
    rank, rank_before
        The rank with ``value`` and now.
    best_value, best_rank
        The best value another park offers (the lowest price; the most free land, capped by the
        park's own total area and left out when that is unknown) and the rank there, when that
        is better than ``rank``.
    """

    kind: LeverKind
    name: str
    unit: str
    current: float | None
    value: float
    rank: int
    rank_before: int
    best_value: float | None = None
    best_rank: int | None = None

    def message(self) -> Message:
        """``lever_price[_unknown]``, ``lever_land[_unknown]`` or ``lever_service[_unknown]``."""
        v, u, r, now = self.value, self.unit, self.rank, self.current
        if self.kind == "service":
            if now is None:
                return message("lever_service_unknown", fact=self.name, rank=r)
            return message("lever_service", fact=self.name, rank=r)
        if self.kind == "price":
            if now is None:
                return message("lever_price_unknown", quantity=self.name, value=v, unit=u, rank=r)
            return message("lever_price", quantity=self.name, value=v, current=now, unit=u,
                           rank=r)
        if now is None:
            return message("lever_land_unknown", fact=self.name, value=v, unit=u, rank=r)
        return message("lever_land", fact=self.name, value=v, current=now, unit=u, rank=r)

    def best_message(self) -> Message | None:
        """``lever_best``: the rank at the best value another park offers (if better)."""
        if self.best_value is None or self.best_rank is None:
            return None
        return message("lever_best", value=self.best_value, unit=self.unit, rank=self.best_rank)


def _rounded(value: float, *, toward: float) -> float:
    """``value`` to three significant digits, rounded towards ``toward`` (never past it)."""
    if value == 0 or not math.isfinite(value):
        return value
    exponent = math.floor(math.log10(abs(value))) - 2
    step = 10.0 ** exponent
    stepped = (math.ceil if toward > value else math.floor)(value / step) * step
    stepped = round(stepped, max(0, -exponent))
    return stepped if min(value, toward) <= stepped <= max(value, toward) else toward


def _search(trial: Callable[[float], int | None], *, bad: float, good: float, before: int,
            try_bad: bool) -> tuple[float, int, int] | None:
    """Smallest move from ``bad`` towards ``good`` that ranks better than ``before``.

    Returns ``(value, rank there, rank at good)``, or ``None`` when even ``good`` does not lift.
    ``try_bad``: the park has no value yet, so ``bad`` itself may already lift it.
    """
    ranks: dict[float, int | None] = {}

    def lifts(value: float) -> bool:
        if value not in ranks:
            ranks[value] = trial(value)
        rank = ranks[value]
        return rank is not None and rank < before

    if not lifts(good):
        return None
    if try_bad and lifts(bad):
        hi = bad
    else:
        lo, hi = bad, good
        for _ in range(SEARCH_STEPS):
            mid = 0.5 * (lo + hi)
            lo, hi = (lo, mid) if lifts(mid) else (mid, hi)
        nice = _rounded(hi, toward=good)
        hi = nice if lifts(nice) else hi
    rank, best = ranks[hi], ranks[good]
    assert rank is not None and best is not None
    return hi, rank, best


def _lever(kind: LeverKind, name: str, unit: str, current: float | None, found: tuple[
        float, int, int] | None, *, before: int, good: float) -> Lever | None:
    if found is None:
        return None
    value, rank, best = found
    better = best < rank and good != value
    return Lever(kind, name, unit, current, value, rank, before,
                 good if better else None, best if better else None)


def _price_levers(rescorer: Rescorer, park: Park, record: SiteEvaluation, before: int,
                  today: dt.date) -> list[Lever]:
    levers = []
    for line in record.bill:
        quantity = line.price_quantity
        if quantity not in LEVER_PRICES:
            continue
        observed = [ln.unit_price for r in rescorer.evaluation.records if r.park.id != park.id
                    for ln in r.bill if ln.price_quantity == quantity
                    and ln.status == "priced" and ln.unit_price is not None]
        if not observed:
            continue  # no park publishes it: nothing to compare with
        current = line.unit_price if line.status == "priced" else None
        good = max(min(observed), QUANTITIES[quantity].minimum)
        if current is not None and current <= good:
            continue
        # a price not yet known is published as the park's own fact (which also counts towards
        # the park's completeness); a known one only changes
        fact = QUANTITIES[quantity].park_fact if current is None else None

        def trial(value: float, quantity: str = quantity, fact: str | None = fact) -> int | None:
            changed = park if fact is None else with_facts(park, {fact: value}, today=today)
            return rescorer.rank(changed, price=(quantity, value))

        bad = max(observed) if current is None else current
        found = _search(trial, bad=bad, good=good, before=before, try_bad=current is None)
        lever = _lever("price", quantity, QUANTITIES[quantity].unit, current, found,
                       before=before, good=good)
        if lever is not None:
            levers.append(lever)
    return levers


def _land_lever(rescorer: Rescorer, park: Park, before: int, today: dt.date) -> list[Lever]:
    need = land_need(rescorer.brief)
    if need is None:
        return []  # the land margin needs the plant's land need
    fact = land_fact(park)
    current = park.number(fact)
    observed = [v for r in rescorer.evaluation.records if r.park.id != park.id
                if (v := r.park.number(land_fact(r.park))) is not None]
    spec = FACTS[fact]
    area = park.number("total_area_ha")
    good = min(max(observed, default=0.0), math.inf if area is None else area,
               math.inf if spec.maximum is None else spec.maximum)
    bad = current if current is not None else (need if "land" in rescorer.brief.must_haves
                                               else spec.minimum or 0.0)
    if good <= bad:
        return []

    def trial(value: float) -> int | None:
        values: dict[str, FactValue] = {fact: value}
        free = park.number("free_land_ha")
        if fact == "largest_free_plot_ha" and free is not None and free < value:
            values["free_land_ha"] = value
        return rescorer.rank(with_facts(park, values, today=today))

    found = _search(trial, bad=bad, good=good, before=before, try_bad=current is None)
    lever = _lever("land", fact, spec.unit, current, found, before=before, good=good)
    if lever is not None and area is None:  # without its total area, the most land another
        lever = dataclasses.replace(lever, best_value=None, best_rank=None)  # park has says little
    return [] if lever is None else [lever]


def _service_levers(rescorer: Rescorer, park: Park, before: int, today: dt.date
                    ) -> list[Lever]:
    levers = []
    for fact in needed_utilities(rescorer.brief):
        flag = park.flag(fact)
        if flag is True:
            continue
        rank = rescorer.rank(with_facts(park, {fact: True}, today=today))
        if rank is not None and rank < before:
            levers.append(Lever("service", fact, "yes/no", None if flag is None else 0.0, 1.0,
                                rank, before))
    return levers


def park_levers(rescorer: Rescorer, park: Park, *, today: dt.date) -> tuple[Lever, ...]:
    """The changes within a passing park's control that lift its rank, best rank first.

    Parameters
    ----------
    rescorer
        The scored catalog to re-score.
    park
        The park (as in the catalog).
    today
        Date stamped on the trial facts.

    Returns
    -------
    tuple of Lever
        One per lever that gains at least one place on its own: the park's prices of the bill
        lines in :data:`LEVER_PRICES`, its free land (the largest free plot when known) and the
        yes/no facts of the services the plant needs. Empty for a park that fails, ranks first
        or is not ranked.
    """
    record = next((r for r in rescorer.evaluation.records if r.park.id == park.id), None)
    if record is None:
        raise ScoringError(f"park {park.id!r} is not in the evaluation")
    before = rescorer.rank(park)
    if before is None or before == 1:
        return ()
    levers = [*_price_levers(rescorer, park, record, before, today),
              *_land_lever(rescorer, park, before, today),
              *_service_levers(rescorer, park, before, today)]
    return tuple(sorted(levers, key=lambda lv: (lv.rank, _KIND_ORDER[lv.kind], lv.name)))


__all__ = ["LEVER_PRICES", "Fix", "Lever", "PassPlan", "PriceOverride", "Rescorer",
           "apply_fixes", "must_have_fixes", "park_levers", "pass_plan", "with_facts"]

"""The annual utility bill of a plant at each site, line by line, with every price's provenance.

A price the tables do not have is a visible gap. What happens to it is the user's choice
(:attr:`metrics.brief.Pricing.missing`): leave the line unpriced (the site's bill is then
incomplete), take the worst price among the sites billed, their median, or the user's value.
Nothing is ever priced at a silent zero.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final, Literal, Protocol

from metrics.brief import Brief
from metrics.errors import ScoringError
from metrics.messages import Message, message
from sites.model import Park
from sites.prices import PriceGap, PriceQuote

LineStatus = Literal["priced", "unpriced", "worst", "median", "user"]

ELEC_BANDS_MWH: Final[tuple[tuple[str, float], ...]] = (
    ("ID", 2_000.0), ("IE", 20_000.0), ("IF", 70_000.0), ("IG", 150_000.0))
"""Eurostat nrg_pc_205 bands by lower bound of annual consumption (MWh); ID is 2–20 GWh."""
GAS_BANDS_GJ: Final[tuple[tuple[str, float], ...]] = (
    ("I3", 10_000.0), ("I4", 100_000.0), ("I5", 1_000_000.0), ("I6", 4_000_000.0))
"""Eurostat nrg_pc_203 bands by lower bound of annual consumption (GJ)."""
GJ_PER_MWH: Final = 3.6


class PriceSource(Protocol):
    """What the bill needs from :class:`sites.prices.PriceTable`."""

    def lookup(self, park: Park, quantity: str, *, variant: str = "",
               period: str | None = None) -> PriceQuote | PriceGap: ...

    def mean(self, park: Park, quantity: str, *, periods: Sequence[str],
             variant: str = "") -> PriceQuote | PriceGap: ...


@dataclass(frozen=True, slots=True)
class BillLine:
    """One line of a site's annual bill.

    ``cost_eur`` is ``None`` exactly when the line is unpriced; ``status`` says whether the
    price came from the tables (``priced``) or from the missing-price policy (``worst``,
    ``median``, ``user``).

    ``item`` and ``note`` are English, for the CSV and JSON exports; readers show the line in
    their language from codes: the item is ``bill.q.<price_quantity>`` qualified by
    ``variant`` (a band or the spot years), and ``remark`` says in a message what ``note``
    says in English (why a line is unpriced, the annuity factor, how the policy filled it);
    a line without a remark carries the price table's own note (source text).
    """

    item: str
    quantity: float
    quantity_unit: str
    price_quantity: str
    unit_price: float | None
    price_unit: str
    level: str
    source: str
    period: str
    cost_eur: float | None
    status: LineStatus
    note: str = ""
    variant: Message | None = None
    remark: Message | None = None


def capital_recovery_factor(rate: float, years: int) -> float:
    """``r (1 + r)^n / ((1 + r)^n - 1)``; ``1 / n`` at a zero rate.

    References
    ----------
    Grant, E. L., Ireson, W. G., & Leavenworth, R. S. (1990). *Principles of Engineering
    Economy*, 8th ed. Wiley, ch. 3.
    """
    if years < 1 or not 0 <= rate < 1:
        raise ScoringError("capital recovery needs a rate in [0, 1) and at least one year")
    if rate == 0:
        return 1.0 / years
    g = (1.0 + rate) ** years
    return rate * g / (g - 1.0)


def band_for(value: float, bands: tuple[tuple[str, float], ...]) -> str | None:
    """The consumption band whose range holds ``value`` (``None`` below the first band)."""
    found = None
    for name, lower in bands:
        if value >= lower:
            found = name
    return found


def _line(item: str, qty: float, qty_unit: str, quantity: str, quote: PriceQuote | PriceGap,
          *, factor: float = 1.0, note: str = "", variant: Message | None = None,
          remark: Message | None = None) -> BillLine:
    if isinstance(quote, PriceQuote):
        return BillLine(item, qty, qty_unit, quantity, quote.value, quote.unit, quote.level,
                        quote.source, quote.period, qty * quote.value * factor, "priced",
                        note or quote.note, variant, remark)
    searched = ", ".join(quote.searched)
    return BillLine(item, qty, qty_unit, quantity, None, "", "", "", "", None, "unpriced",
                    f"{quote.reason}; searched {searched}", variant,
                    message("bill_unpriced", searched=searched or "–"))


def _first(prices: PriceSource, park: Park, quantity: str,
           variants: Sequence[str]) -> PriceQuote | PriceGap:
    gap: PriceQuote | PriceGap = PriceGap(quantity, (), f"no {quantity}")
    for v in variants:
        gap = prices.lookup(park, quantity, variant=v)
        if isinstance(gap, PriceQuote):
            return gap
    return gap


def _electricity(prices: PriceSource, park: Park, brief: Brief, mwh: float) -> list[BillLine]:
    p = brief.pricing
    if p.electricity == "band":
        band = band_for(mwh, ELEC_BANDS_MWH)
        if band is None:
            return [BillLine("electricity (Eurostat band)", mwh, "MWh", "elec_band_price", None,
                             "", "", "", "", None, "unpriced",
                             "consumption below the bands in the price table (ID starts at 2 GWh)",
                             remark=message("bill_below_bands"))]
        quote = prices.lookup(park, "elec_band_price", variant=band,
                              period=p.band_period or None)
        return [_line(f"electricity (Eurostat band {band}, all-in excl. VAT)", mwh, "MWh",
                      "elec_band_price", quote, variant=message("bill_band", band=band))]
    spot = prices.mean(park, "spot_price", periods=p.spot_years)
    return [
        _line(f"electricity energy (spot {p.spot_years[0]}–{p.spot_years[-1]} mean)", mwh,
              "MWh", "spot_price", spot,
              variant=message("bill_spot", first=p.spot_years[0], last=p.spot_years[-1])),
        _line("transmission tariff", mwh, "MWh", "transmission_tariff",
              prices.lookup(park, "transmission_tariff", variant="average")),
        _line("electricity tax (industry)", mwh, "MWh", "electricity_tax",
              prices.lookup(park, "electricity_tax", variant="industry")),
    ]


def site_bill(prices: PriceSource, park: Park, brief: Brief) -> tuple[BillLine, ...]:
    """The bill lines of one site before the missing-price policy is applied.

    Lines whose plant figure is unknown or zero are left out (they cost nothing to the plant
    or cannot be quantified); :func:`unbilled_figures` lists the unknown ones.
    """
    lines: list[BillLine] = []
    elec, heat, gas = (brief.value(n) for n in ("electricity_gwh_a", "heat_gwh_a", "gas_gwh_a"))
    if elec:
        lines += _electricity(prices, park, brief, elec * 1000.0)
    if heat:
        if brief.heat_medium == "steam":
            lines.append(_line("steam", heat * 1000.0, "MWh", "steam_price",
                               prices.lookup(park, "steam_price")))
        else:
            lines.append(_line("district heat", heat * 1000.0, "MWh", "district_heat_price",
                               _first(prices, park, "district_heat_price",
                                      ("", "total_large_building", "energy_fee"))))
    if gas:
        band = band_for(gas * 1000.0 * GJ_PER_MWH, GAS_BANDS_GJ) or "I3"
        lines.append(_line(f"natural gas (Eurostat band {band})", gas * 1000.0, "MWh",
                           "gas_price", prices.lookup(park, "gas_price", variant=band),
                           variant=message("bill_band", band=band)))
    for name, quantity, item in (("water_m3_a", "water_price", "process water"),
                                 ("wastewater_m3_a", "wastewater_price", "wastewater")):
        volume = brief.value(name)
        if volume:
            lines.append(_line(item, volume, "m3", quantity, prices.lookup(park, quantity)))
    land = brief.value("land_ha")
    if land:
        m2 = land * 10_000.0
        if brief.pricing.land == "lease":
            lines.append(_line("land lease", m2, "m2", "land_lease",
                               prices.lookup(park, "land_lease")))
        else:
            rate, years = brief.pricing.discount_rate, brief.pricing.horizon_years
            crf = capital_recovery_factor(rate, years)
            lines.append(_line("land purchase (annualised)", m2, "m2", "land_price",
                               prices.lookup(park, "land_price"), factor=crf,
                               note=f"capital recovery factor {crf:.5f} ({rate:.1%}, {years} a)",
                               remark=message("bill_crf", share=round(crf * 100, 2),
                                              rate=round(rate * 100, 2), years=years)))
    return tuple(lines)


def unbilled_figures(brief: Brief) -> tuple[str, ...]:
    """Plant figures the bill needs but the brief does not know."""
    names = ("electricity_gwh_a", "heat_gwh_a", "gas_gwh_a", "water_m3_a", "wastewater_m3_a",
             "land_ha")
    return tuple(n for n in names if brief.figures.get(n) is not None
                 and not brief.figures[n].known)


def _factor(line: BillLine, brief: Brief) -> float:
    if line.price_quantity == "land_price":
        return capital_recovery_factor(brief.pricing.discount_rate, brief.pricing.horizon_years)
    return 1.0


def apply_policy(bills: dict[str, tuple[BillLine, ...]], brief: Brief
                 ) -> dict[str, tuple[BillLine, ...]]:
    """Fill unpriced lines across sites according to ``brief.pricing.missing``.

    ``worst`` takes the highest unit price of the same line among the sites billed, ``median``
    their median, ``value`` the user's price for that quantity; a line no policy can fill
    stays unpriced.
    """
    policy = brief.pricing.missing
    if policy == "unpriced":
        return bills
    seen: dict[str, list[float]] = {}
    for lines in bills.values():
        for ln in lines:
            if ln.status == "priced" and ln.unit_price is not None:
                seen.setdefault(ln.item, []).append(ln.unit_price)

    def fill(ln: BillLine) -> BillLine:
        if ln.status != "unpriced":
            return ln
        pool = seen.get(ln.item, [])
        price: float | None
        status: LineStatus
        if policy == "value":
            price, how, status = brief.pricing.values.get(ln.price_quantity), "user value", "user"
        elif policy == "worst":
            price, how, status = (max(pool) if pool else None), "worst of", "worst"
        else:
            price = statistics.median(pool) if pool else None
            how, status = "median of", "median"
        if price is None:
            return ln
        filled = {"worst": message("bill_filled_worst", count=len(pool)),
                  "median": message("bill_filled_median", count=len(pool)),
                  "user": message("bill_filled_user", count=len(pool))}
        note = f"{how} {len(pool)} site(s)" if policy != "value" else "value entered by user"
        return replace(ln, unit_price=price, cost_eur=ln.quantity * price * _factor(ln, brief),
                       status=status, level="policy", source=f"missing-price policy: {note}",
                       note=f"{ln.note} | filled: {note}",
                       remark=filled[status])

    return {k: tuple(fill(ln) for ln in v) for k, v in bills.items()}


def bill_total(lines: Sequence[BillLine]) -> float | None:
    """Annual total in EUR, or ``None`` when any line is unpriced."""
    if any(ln.cost_eur is None for ln in lines):
        return None
    return float(sum(ln.cost_eur for ln in lines if ln.cost_eur is not None))


def catalog_bills(prices: PriceSource, parks: Sequence[Park], brief: Brief,
                  *, bill: Callable[[PriceSource, Park, Brief], tuple[BillLine, ...]] = site_bill,
                  ) -> dict[str, tuple[BillLine, ...]]:
    """Bills for every park, with the missing-price policy applied across them."""
    return apply_policy({p.id: bill(prices, p, brief) for p in parks}, brief)


def price_pools(bills: Mapping[str, Sequence[BillLine]]) -> dict[str, tuple[float, float]]:
    """Per bill item, the lowest and highest unit price the tables give any site (the peer range).

    The same prices the missing-price policy draws its worst or median from.
    """
    seen: dict[str, list[float]] = {}
    for lines in bills.values():
        for ln in lines:
            if ln.status == "priced" and ln.unit_price is not None:
                seen.setdefault(ln.item, []).append(ln.unit_price)
    return {item: (min(v), max(v)) for item, v in seen.items()}


FIGURE_OF: Final[Mapping[str, str]] = {
    "spot_price": "electricity_gwh_a", "transmission_tariff": "electricity_gwh_a",
    "electricity_tax": "electricity_gwh_a", "elec_band_price": "electricity_gwh_a",
    "steam_price": "heat_gwh_a", "district_heat_price": "heat_gwh_a", "gas_price": "gas_gwh_a",
    "water_price": "water_m3_a", "wastewater_price": "wastewater_m3_a", "land_lease": "land_ha",
    "land_price": "land_ha"}
"""The plant figure whose value is the quantity of each bill line (by its price quantity)."""


def quantity_bounds(line: BillLine, brief: Brief) -> tuple[float, float]:
    """The range of a line's quantity: its figure's range, in the line's unit."""
    fig = brief.figures.get(FIGURE_OF.get(line.price_quantity, ""))
    iv = fig.interval() if fig is not None else None
    if iv is None or fig is None or not fig.value:
        return (line.quantity, line.quantity)
    scale = line.quantity / fig.value
    return (min(iv[0] * scale, line.quantity), max(iv[1] * scale, line.quantity))


def line_bounds(line: BillLine, brief: Brief, *, pool: tuple[float, float] | None,
                own: tuple[float, float] | None = None) -> tuple[float, float] | None:
    """The range of one line's annual cost, from the ranges of its quantity and unit price.

    The quantity ranges with its plant figure (:func:`quantity_bounds`); prices and
    quantities are non-negative, so the cost runs from the product of the lows to that of
    the highs. The Eurostat band stays the one of the typical quantity.

    Parameters
    ----------
    line
        A bill line (after the missing-price policy).
    brief
        The brief (for the land-purchase annuity).
    pool
        The item's peer range (:func:`price_pools`): the bounds of a price the park does not
        have, whether the policy filled it (``worst``, ``median``) or left it unpriced.
    own
        The park's own price as a range or bound, which bounds a line priced for the park.

    Returns
    -------
    tuple or None
        ``(low, high)`` in EUR/a, always containing ``line.cost_eur``; ``None`` when nothing
        bounds the price. A user's price is taken as known.
    """
    price = line.unit_price
    if line.status == "user" and price is not None:
        lo, hi = price, price
    elif line.status == "priced" and price is not None:
        lo, hi = own if own is not None else (price, price)
    elif pool is not None:
        lo, hi = pool
    else:
        return None
    if price is not None:
        lo, hi = min(lo, price), max(hi, price)
    q_lo, q_hi = quantity_bounds(line, brief)
    k = _factor(line, brief)
    return (k * q_lo * lo, k * q_hi * hi)


def bill_bounds(ranges: Sequence[tuple[float, float] | None]) -> tuple[float, float] | None:
    """Annual bill low and high from its lines' ranges (``None`` if any line is unbounded)."""
    if not ranges or any(r is None for r in ranges):
        return None
    return (float(sum(r[0] for r in ranges if r is not None)),
            float(sum(r[1] for r in ranges if r is not None)))

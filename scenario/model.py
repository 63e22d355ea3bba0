"""The investor's scenario: one frozen value holding every input, and the one table describing it.

A :class:`Scenario` is everything that decides what parkbench shows: the plant template and its
figures, must-haves, weights (sliders or AHP pairs), the scoring method, how the bill is priced,
the shortlist, the benchmarked park, the language and the basemap. :data:`FIELDS` describes each
input once (URL key, grammar, widget, sidebar group); parsing a URL, writing one, the defaults
and validation are all derived from it, so no default is written twice.

Defaults come from the plant template (its figures, must-haves, weights and ``[pricing]``); the
rest are the dataclass defaults below. A URL holds only what differs from those defaults, as
language-independent codes (``?tpl=lioh&must=land,rail&w_customer_km=9``).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np

from metrics import CRITERIA, Brief, load_template
from metrics.brief import MUST_HAVES, template_names
from metrics.messages import Message
from metrics.methods.ahp import ahp, saaty_matrix
from metrics.methods.normalize import NORMALIZATIONS
from metrics.methods.registry import DEFAULT_METHOD, DEFAULT_NORMALIZATION, METHODS
from metrics.uncertain.matrix import UNKNOWN_POLICIES
from scenario.query import (
    ChoiceParam,
    FloatParam,
    IdListParam,
    IntParam,
    ParamSpec,
    Value,
    cap,
    parse_value,
    single,
    unknown_notice,
)

LANGUAGES: Final = ("en", "fi", "sv")
EDITABLE_FIGURES: Final = ("land_ha", "expansion_ha", "peak_mw", "electricity_gwh_a",
                           "heat_gwh_a", "gas_gwh_a", "water_m3_a", "wastewater_m3_a",
                           "vessel_draught_m")
FIGURE_LIMITS: Final[Mapping[str, float]] = {
    "land_ha": 5000.0, "expansion_ha": 5000.0, "peak_mw": 5000.0, "electricity_gwh_a": 20000.0,
    "heat_gwh_a": 20000.0, "gas_gwh_a": 20000.0, "water_m3_a": 1e9, "wastewater_m3_a": 1e9,
    "vessel_draught_m": 25.0}
SPOT_YEARS: Final[Mapping[str, tuple[str, ...]]] = {
    "2025": ("2025",), "2024": ("2024",), "2023": ("2023",), "2022": ("2022",),
    "2021": ("2021",), "2023-2025": ("2023", "2024", "2025"),
    "2021-2025": ("2021", "2022", "2023", "2024", "2025")}
GAP_POLICIES: Final = ("unpriced", "worst", "median")
PEER_GROUPS: Final = ("finland", "nordics", "europe")
SAATY: Final = (-9, -7, -5, -3, 1, 3, 5, 7, 9)
MAX_SHORTLIST: Final = 5
MAX_AHP: Final = 6
"""Criteria AHP compares at most (6 criteria: 15 pairwise questions)."""
CR_LIMIT: Final = 0.10
"""Saaty's threshold: comparisons with a consistency ratio at or above it are inconsistent."""
PAIRS: Final = tuple(itertools.combinations(CRITERIA, 2))
NONE_TOKEN: Final = "unknown"
"""URL text of a figure the user cleared (unknown), distinct from "the template's value"."""
DECIMALS: Final = 6
"""Decimals a figure or rate keeps (the link writes numbers in full at this precision)."""
EMPTY_TOKEN: Final = "none"
"""URL text of a list the user emptied (no must-haves), distinct from "the template's list"."""

Group = Literal["general", "needs", "must", "weights", "pricing", "selection"]


@dataclass(frozen=True, slots=True)
class Field:
    """One scenario input.

    Attributes
    ----------
    key
        URL key (and the stable widget identity).
    attr
        :class:`Scenario` attribute; for figures, weights and AHP pairs the member is ``item``.
    param
        URL grammar: bounds, choices or allowed ids (its ``default`` is not used: defaults are
        the scenario's own, see :meth:`Scenario.for_template`).
    widget
        ``select``, ``toggle``, ``radio``, ``multiselect``, ``slider``, ``number`` or ``pair``.
    group
        The sidebar panel it is shown in.
    item
        Figure name, criterion name or ``"a|b"`` pair for grouped attributes.
    """

    key: str
    attr: str
    param: ParamSpec
    widget: str
    group: Group
    item: str = ""


def _choice(key: str, attr: str, choices: Sequence[str], widget: str, group: Group) -> Field:
    return Field(key, attr, ChoiceParam(choices[0], tuple(choices)), widget, group)


_BOOL: Final = ("false", "true")

FIELDS: Final[tuple[Field, ...]] = (
    _choice("lang", "lang", LANGUAGES, "select", "general"),
    _choice("offline", "offline", _BOOL, "toggle", "general"),
    _choice("tpl", "template", template_names(), "select", "general"),
    *(Field(f"f_{n}", "figures", FloatParam(0.0, 0.0, FIGURE_LIMITS[n]), "number", "needs", n)
      for n in EDITABLE_FIGURES),
    Field("must", "must", IdListParam((), frozenset(MUST_HAVES)), "multiselect", "must"),
    _choice("strict", "strict", _BOOL, "toggle", "must"),
    _choice("unknown", "unknown", UNKNOWN_POLICIES, "radio", "must"),
    _choice("wmode", "weight_mode", ("sliders", "ahp"), "radio", "weights"),
    *(Field(f"w_{c}", "weights", IntParam(0, 0, 10), "slider", "weights", c) for c in CRITERIA),
    Field("ahp_set", "ahp_set", IdListParam((), frozenset(CRITERIA), max_items=MAX_AHP),
          "multiselect", "weights"),
    *(Field(f"p_{a}_{b}", "pairs", IntParam(1, -9, 9), "pair", "weights", f"{a}|{b}")
      for a, b in PAIRS),
    _choice("method", "method", METHODS, "select", "pricing"),
    _choice("norm", "normalization", NORMALIZATIONS, "select", "pricing"),
    _choice("emethod", "electricity", ("spot", "band"), "radio", "pricing"),
    _choice("years", "years", tuple(SPOT_YEARS), "select", "pricing"),
    _choice("landmode", "land", ("lease", "purchase"), "radio", "pricing"),
    Field("rate", "rate", FloatParam(8.0, 0.0, 30.0), "number", "pricing"),
    Field("horizon", "horizon", IntParam(25, 1, 60), "number", "pricing"),
    _choice("gaps", "gaps", GAP_POLICIES, "select", "pricing"),
    Field("list", "shortlist", IdListParam((), None, max_items=MAX_SHORTLIST), "multiselect",
          "selection"),
    Field("park", "park", IdListParam((), None, max_items=1), "select", "selection"),
    _choice("peers", "peers", PEER_GROUPS, "select", "selection"),
)
"""Every scenario input, in sidebar order; the single description of the URL format."""

BY_KEY: Final[Mapping[str, Field]] = {f.key: f for f in FIELDS}
TEMPLATE_ATTRS: Final = frozenset({"figures", "must", "weights", "ahp_set", "pairs",
                                   "electricity", "years", "land", "rate", "horizon", "gaps"})
"""Attributes whose defaults come from the plant template (reset when the template changes)."""


@dataclass(frozen=True, slots=True)
class AHPSummary:
    """What a ranking in AHP mode uses: the compared criteria, their weights and consistency.

    Attributes
    ----------
    compared
        The criteria of the pairwise comparisons (catalog order); every other criterion gets
        weight 0 in the ranking.
    weights
        The derived weight of each compared criterion (sum 1); empty with fewer than two.
    cr
        Saaty's consistency ratio (NaN with fewer than two criteria).
    over_limit
        Criteria with a slider weight left out because :data:`MAX_AHP` are already compared.
    not_chosen
        Criteria with a slider weight left out although there was room (not selected).
    """

    compared: tuple[str, ...]
    weights: Mapping[str, float]
    cr: float
    over_limit: tuple[str, ...] = ()
    not_chosen: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        """At least two criteria compared (otherwise the slider weights rank)."""
        return len(self.compared) >= 2

    @property
    def consistent(self) -> bool:
        return self.active and self.cr < CR_LIMIT


@dataclass(frozen=True, slots=True)
class Scenario:
    """Every input of one scenario (frozen and hashable; build with :meth:`for_template`).

    Grouped inputs are tuples of pairs in a fixed order: ``figures`` has every editable figure
    (``None`` = unknown), ``weights`` every criterion (0–10), ``pairs`` only the AHP answers that
    differ from "equal" (``1``).
    """

    template: str = "pcam"
    figures: tuple[tuple[str, float | None], ...] = ()
    must: tuple[str, ...] = ()
    strict: bool = False
    unknown: str = "peer"
    weight_mode: str = "sliders"
    weights: tuple[tuple[str, int], ...] = ()
    ahp_set: tuple[str, ...] = ()
    pairs: tuple[tuple[str, int], ...] = ()
    method: str = DEFAULT_METHOD
    normalization: str = DEFAULT_NORMALIZATION
    electricity: str = "spot"
    years: str = "2023-2025"
    land: str = "lease"
    rate: float = 8.0
    horizon: int = 25
    gaps: str = "median"
    shortlist: tuple[str, ...] = ()
    park: str = "kokkola-kip"
    peers: str = "europe"
    lang: str = "en"
    offline: bool = False

    def __post_init__(self) -> None:
        """Keep numbers at the link's precision, so a scenario and its link are one value."""
        object.__setattr__(self, "figures", tuple(
            (n, None if v is None else _canonical(v)) for n, v in self.figures))
        object.__setattr__(self, "rate", _canonical(self.rate))

    # --- construction ------------------------------------------------------------------------

    @classmethod
    def for_template(cls, template: Brief, **overrides: Any) -> Scenario:
        """The defaults of a plant template (its figures, must-haves, weights and pricing)."""
        pricing = template.pricing
        years = next((k for k, v in SPOT_YEARS.items() if v == tuple(pricing.spot_years)),
                     _STATIC.years)
        weights = tuple((c, _int_weight(template.weights.get(c, 0.0))) for c in CRITERIA)
        base = cls(
            template=template.template,
            figures=tuple((n, _known(template, n)) for n in EDITABLE_FIGURES),
            must=tuple(m for m in MUST_HAVES if m in template.must_haves),
            weights=weights,
            ahp_set=tuple(c for c, w in weights if w > 0)[:MAX_AHP],
            electricity=pricing.electricity,
            years=years,
            land=pricing.land,
            rate=round(pricing.discount_rate * 100.0, 6),
            horizon=pricing.horizon_years,
            gaps=pricing.missing if pricing.missing in GAP_POLICIES else _STATIC.gaps,
        )
        return dataclasses.replace(base, **overrides)

    def with_template(self, template: Brief) -> Scenario:
        """Another template's defaults, keeping what does not depend on the template."""
        keep = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if f.name not in TEMPLATE_ATTRS and f.name != "template"}
        return Scenario.for_template(template, **keep)

    # --- reading members ---------------------------------------------------------------------

    def figure(self, name: str) -> float | None:
        return dict(self.figures).get(name)

    def weight(self, criterion: str) -> int:
        return dict(self.weights).get(criterion, 0)

    def pair(self, a: str, b: str) -> int:
        return dict(self.pairs).get(f"{a}|{b}", 1)

    def value(self, spec: Field) -> Any:
        """The value of one field (a member for grouped fields)."""
        if spec.attr == "figures":
            return self.figure(spec.item)
        if spec.attr == "weights":
            return self.weight(spec.item)
        if spec.attr == "pairs":
            a, b = spec.item.split("|")
            return self.pair(a, b)
        return getattr(self, spec.attr)

    def replace_value(self, spec: Field, value: Any) -> Scenario:
        """A copy with one field (or group member) set, kept in canonical form."""
        if spec.attr == "figures":
            items = tuple((n, value if n == spec.item else v) for n, v in self.figures)
            return dataclasses.replace(self, figures=items)
        if spec.attr == "weights":
            items2 = tuple((c, int(value) if c == spec.item else w) for c, w in self.weights)
            return dataclasses.replace(self, weights=items2)
        if spec.attr == "pairs":
            rest = {k: v for k, v in self.pairs if k != spec.item}
            if int(value) != 1:
                rest[spec.item] = int(value)
            ordered = tuple((f"{a}|{b}", rest[f"{a}|{b}"]) for a, b in PAIRS
                            if f"{a}|{b}" in rest)
            return dataclasses.replace(self, pairs=ordered)
        if spec.attr in ("must", "ahp_set", "shortlist"):
            value = _ordered(spec, value)
        return dataclasses.replace(self, **{spec.attr: value})

    # --- derived inputs of the core ----------------------------------------------------------

    def ahp_weights(self) -> tuple[dict[str, float], float] | None:
        """AHP weights and consistency ratio of the selected criteria (``None`` if < 2)."""
        selected = [c for c in CRITERIA if c in self.ahp_set]
        if len(selected) < 2:
            return None
        answers = {(a, b): self.pair(a, b) for a, b in itertools.combinations(selected, 2)}
        result = ahp(saaty_matrix(selected, answers))
        return dict(zip(selected, (float(w) for w in result.weights), strict=True)), \
            float(result.cr)

    def ahp_summary(self) -> AHPSummary:
        """The criteria AHP compares and why weighted ones are left out (see
        :class:`AHPSummary`)."""
        compared = tuple(c for c in CRITERIA if c in self.ahp_set)
        derived = self.ahp_weights()
        weights, cr = derived if derived is not None else ({}, math.nan)
        left_out = tuple(c for c, w in self.weights if w > 0 and c not in compared)
        full = len(compared) >= MAX_AHP
        return AHPSummary(compared, weights, cr, over_limit=left_out if full else (),
                          not_chosen=() if full else left_out)

    def criterion_weights(self) -> dict[str, float]:
        """The weights the ranking uses: AHP-derived in AHP mode, else the sliders."""
        if self.weight_mode == "ahp":
            derived = self.ahp_weights()
            if derived is not None:
                return {c: derived[0].get(c, 0.0) for c in CRITERIA}
        return {c: float(w) for c, w in self.weights}

    def brief(self, template: Brief) -> Brief:
        """The template with this scenario's figures, must-haves, weights and pricing."""
        brief = template
        for name, value in self.figures:
            figure = template.figures.get(name)
            current = figure.value if figure is not None else None
            if value is not None and value != current:
                brief = brief.with_figure(name, float(value), note="entered in the dashboard")
        pricing = dataclasses.replace(
            brief.pricing, electricity=self.electricity,  # type: ignore[arg-type]
            spot_years=SPOT_YEARS[self.years], land=self.land,  # type: ignore[arg-type]
            discount_rate=self.rate / 100.0, horizon_years=self.horizon,
            missing=self.gaps)  # type: ignore[arg-type]
        return dataclasses.replace(brief, must_haves=frozenset(self.must),
                                   weights=self.criterion_weights(), pricing=pricing)

    # --- the URL -----------------------------------------------------------------------------

    @classmethod
    def from_query(cls, params: Mapping[str, str | Sequence[str]], *,
                   templates: Callable[[str], Brief] = load_template,
                   park_ids: Iterable[str] | None = None, lang: str = "en",
                   offline: bool = False) -> tuple[Scenario, tuple[Message, ...]]:
        """The scenario a query string describes, and a notice for everything ignored.

        Never raises: an invalid value keeps the default (of the template the URL names) and is
        reported; unknown parameters are reported once. ``park_ids`` restricts the shortlist and
        park to known ids; ``lang`` and ``offline`` are the defaults when the URL has none.
        """
        ids = None if park_ids is None else frozenset(park_ids)
        notices: list[Message] = []
        values: dict[str, Value | None] = {}
        for key, raw in params.items():
            spec = BY_KEY.get(key)
            if spec is None:
                continue
            text, repeated = single(key, raw if isinstance(raw, str) else list(raw))
            notices += repeated
            if spec.attr == "figures" and text.strip() == NONE_TOKEN:
                values[key] = None
                continue
            if isinstance(spec.param, IdListParam) and text.strip() == EMPTY_TOKEN:
                values[key] = ()
                continue
            value, found = parse_value(key, _joined(spec, raw, text), _restricted(spec, ids))
            notices += found
            if value is not None:
                values[key] = value
        template_name = str(values.get("tpl", _STATIC.template))
        scenario = cls.for_template(templates(template_name), lang=lang, offline=offline)
        if ids is not None and scenario.park not in ids:
            scenario = dataclasses.replace(scenario, park=min(ids) if ids else "")
        for key, value in values.items():
            scenario = scenario.replace_value(BY_KEY[key], _decoded(BY_KEY[key], value))
        notices += unknown_notice([str(k) for k in params if k not in BY_KEY])
        return scenario, cap(notices)

    def to_query(self, *, templates: Callable[[str], Brief] = load_template,
                 lang: str = "en", offline: bool = False) -> dict[str, str]:
        """URL parameters for every input that differs from its default, as codes.

        ``lang`` and ``offline`` are the defaults of the reader (left out when equal).
        """
        defaults = Scenario.for_template(templates(self.template), lang=lang, offline=offline)
        out: dict[str, str] = {}
        for spec in FIELDS:
            if spec.attr == "template":
                if self.template != _STATIC.template:
                    out[spec.key] = self.template
                continue
            value = self.value(spec)
            if _same(value, defaults.value(spec)):
                continue
            out[spec.key] = _encoded(value)
        return out

    def evaluation_key(self) -> tuple[Any, ...]:
        """What the slow evaluation depends on (not the weights, method or view options)."""
        return (self.template, self.figures, self.must, self.strict, self.electricity,
                self.years, self.land, self.rate, self.horizon, self.gaps)



def _canonical(value: float) -> float:
    """``value`` rounded to :data:`DECIMALS` decimals (what a link can carry)."""
    return round(float(value), DECIMALS) + 0.0


def _known(template: Brief, name: str) -> float | None:
    figure = template.figures.get(name)
    return figure.value if figure is not None and figure.known else None


def _int_weight(value: float) -> int:
    return int(min(10, max(0, round(value))))


def _ordered(spec: Field, value: Iterable[str]) -> tuple[str, ...]:
    items = tuple(dict.fromkeys(str(v) for v in value))
    if spec.attr == "must":
        return tuple(m for m in MUST_HAVES if m in items)
    if spec.attr == "ahp_set":
        return tuple(c for c in CRITERIA if c in items)[:MAX_AHP]
    return items[:MAX_SHORTLIST]


def _restricted(spec: Field, ids: frozenset[str] | None) -> ParamSpec:
    if spec.attr in ("shortlist", "park") and isinstance(spec.param, IdListParam):
        return dataclasses.replace(spec.param, allowed=ids)
    return spec.param


def _joined(spec: Field, raw: str | Sequence[str], text: str) -> str:
    """Id lists may arrive as repeated parameters (``?list=a&list=b``): join them."""
    if isinstance(spec.param, IdListParam) and not isinstance(raw, str):
        return ",".join(str(r) for r in raw)
    return text


def _decoded(spec: Field, value: Value | None) -> Any:
    if value is None:
        return None
    if spec.key in ("offline", "strict"):
        return value == "true"
    if spec.attr == "park":
        return value[0] if isinstance(value, tuple) and value else _STATIC.park
    if spec.attr == "rate":
        return float(value)  # type: ignore[arg-type]
    return value


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return bool(a == b)


def _encoded(value: Any) -> str:
    if value is None:
        return NONE_TOKEN
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(np.format_float_positional(value, trim="-"))
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value) or EMPTY_TOKEN
    return str(value)


_STATIC: Final = Scenario()
"""The static defaults (those not taken from a template)."""


__all__ = ["BY_KEY", "FIELDS", "Field", "Scenario"]

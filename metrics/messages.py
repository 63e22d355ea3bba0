"""Messages from the core to its readers: codes with parameters, never sentences.

The core (must-have checks, evaluation warnings, dropped criteria, benchmark statements) emits
:class:`Message` values; a reader turns them into text in its own language with
:func:`render` and a ``translate(key, **values)`` callable. The text of code ``c`` is the
catalog entry ``msg.c`` (``ui/locales/{en,fi,sv}.toml``), with ``{placeholder}`` fields filled
from the message's parameters as described by :data:`CODES`:

* a *number* parameter is formatted by the caller's ``number`` function (locale-aware);
* a *text* parameter (units, bill items) is inserted as it is;
* a *label* placeholder is the translation of a key built from a parameter, e.g. ``{what}`` of
  ``must_unknown`` is ``translate("msg.what." + params["must"])``.

Every code the core can emit is listed in :data:`CODES`, so a test can check that each one has
a translation in every language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal

Param = str | float
ParamKind = Literal["number", "text", "key"]
Translate = Callable[..., str]
"""``translate(key, **values) -> str``: the reader's catalog lookup and ``str.format``."""


@dataclass(frozen=True, slots=True)
class Message:
    """One warning, reason or notice: a code and its parameters (immutable and hashable).

    Attributes
    ----------
    code
        A key of :data:`CODES`.
    params
        Parameter values by name (read-only).
    """

    code: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params.items()))))

    def __str__(self) -> str:
        """Language-neutral form, e.g. ``must_missing(must=rail)`` (logs, CSV)."""
        args = ", ".join(f"{k}={v}" for k, v in sorted(self.params.items()))
        return f"{self.code}({args})"

    def to_dict(self) -> dict[str, object]:
        """``{"code": ..., "params": {...}}`` for JSON output."""
        return {"code": self.code, "params": dict(self.params)}


@dataclass(frozen=True, slots=True)
class CodeSpec:
    """What a code's parameters are and which labels its text uses.

    Attributes
    ----------
    params
        Parameter name -> kind (``number``, ``text`` or ``key``: a value only used to build
        label keys, e.g. a must-have or criterion name).
    labels
        Placeholder -> ``(key prefix, parameter)``: the placeholder shows
        ``translate(prefix + str(params[parameter]))``.
    """

    params: Mapping[str, ParamKind] = field(default_factory=dict)
    labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))
        object.__setattr__(self, "labels", MappingProxyType(dict(self.labels)))


_WHAT: Final = ("msg.what.", "must")
_FACT: Final = ("fact.", "fact")
_QUANTITY: Final = ("bill.q.", "quantity")
_VOI: Final[Mapping[str, ParamKind]] = {
    "fact": "key", "now_best": "number", "now_worst": "number", "best": "number",
    "worst": "number", "bad_best": "number", "bad_worst": "number"}

CODES: Final[Mapping[str, CodeSpec]] = MappingProxyType({
    # must-have checks of one site (SiteScore.reasons / unconfirmed)
    "must_short": CodeSpec({"must": "key", "fact": "key", "have": "number", "need": "number",
                            "unit": "text"},
                           {"what": ("fact.", "fact"), "basis": ("msg.basis.", "must")}),
    "must_unknown": CodeSpec({"must": "key"}, {"what": _WHAT}),
    "must_missing": CodeSpec({"must": "key"}, {"what": _WHAT}),
    # evaluation warnings (CatalogScore.warnings)
    "must_unchecked": CodeSpec({"must": "key", "figure": "key"},
                               {"what": _WHAT, "figure_label": ("fig.", "figure")}),
    "figure_unbilled": CodeSpec({"figure": "key"}, {"figure_label": ("fig.", "figure")}),
    "line_unpriced": CodeSpec({"item": "text", "quantity": "key"}, {"item": _QUANTITY}),
    # bill ranges under incomplete data (metrics.uncertain.UncertainScore.warnings)
    "bill_needs_figure": CodeSpec({"figure": "key"}, {"figure_label": ("fig.", "figure")}),
    # what knowing one park fact could do to the park's rank interval (scenario.questions)
    "voi_publish": CodeSpec(_VOI, {"fact_label": _FACT}),
    "voi_none": CodeSpec(_VOI, {"fact_label": _FACT}),
    # criteria left out of the ranking (CatalogScore.dropped)
    "dropped_unknown": CodeSpec({"criterion": "key"}, {"criterion_label": ("crit.", "criterion")}),
    "dropped_constant": CodeSpec({"criterion": "key"},
                                 {"criterion_label": ("crit.", "criterion")}),
    # benchmark statements (ParkBenchmark.statement)
    "bench_first": CodeSpec(),
    "bench_fails": CodeSpec({"count": "number"}),
    "bench_no_criteria": CodeSpec(),
    "bench_no_single": CodeSpec(),
    "bench_smallest": CodeSpec({"criterion": "key", "current": "number", "needed": "number",
                                "unit": "text"}, {"criterion_label": ("crit.", "criterion")}),
    # what-if edits refused by the catalog's rules (sites.whatif.Refusal)
    "whatif_range": CodeSpec({"fact": "key", "value": "number", "unit": "text", "low": "number",
                              "high": "number"}, {"fact_label": _FACT}),
    "whatif_exceeds": CodeSpec({"fact": "key", "value": "number", "unit": "text",
                                "limit": "number", "other": "key"},
                               {"fact_label": _FACT, "other_label": ("fact.", "other")}),
    "whatif_below": CodeSpec({"fact": "key", "value": "number", "unit": "text",
                              "limit": "number", "other": "key"},
                             {"fact_label": _FACT, "other_label": ("fact.", "other")}),
    # what a failing park must change to pass (metrics.levers.Fix, PassPlan)
    "fix_at_least": CodeSpec({"fact": "key", "need": "number", "have": "number", "unit": "text"},
                             {"fact_label": _FACT}),
    "fix_publish": CodeSpec({"fact": "key", "need": "number", "unit": "text"},
                            {"fact_label": _FACT}),
    "fix_offer": CodeSpec({"fact": "key"}, {"fact_label": _FACT}),
    "fix_publish_flag": CodeSpec({"fact": "key"}, {"fact_label": _FACT}),
    "fix_impossible": CodeSpec({"fact": "key"}, {"fact_label": _FACT}),
    "fix_rank": CodeSpec({"rank": "number"}),
    # what a passing park can change to rank higher (metrics.levers.Lever)
    "lever_price": CodeSpec({"quantity": "key", "value": "number", "current": "number",
                             "unit": "text", "rank": "number"}, {"item": _QUANTITY}),
    "lever_price_unknown": CodeSpec({"quantity": "key", "value": "number", "unit": "text",
                                     "rank": "number"}, {"item": _QUANTITY}),
    "lever_land": CodeSpec({"fact": "key", "value": "number", "current": "number",
                            "unit": "text", "rank": "number"}, {"fact_label": _FACT}),
    "lever_land_unknown": CodeSpec({"fact": "key", "value": "number", "unit": "text",
                                    "rank": "number"}, {"fact_label": _FACT}),
    "lever_service": CodeSpec({"fact": "key", "rank": "number"}, {"fact_label": _FACT}),
    "lever_service_unknown": CodeSpec({"fact": "key", "rank": "number"}, {"fact_label": _FACT}),
    "lever_best": CodeSpec({"value": "number", "unit": "text", "rank": "number"}),
    # bill lines (metrics.bill.BillLine.variant / remark)
    "bill_band": CodeSpec({"band": "text"}),
    "bill_spot": CodeSpec({"first": "text", "last": "text"}),
    "bill_unpriced": CodeSpec({"searched": "text"}),
    "bill_below_bands": CodeSpec(),
    "bill_crf": CodeSpec({"share": "number", "rate": "number", "years": "number"}),
    "bill_filled_worst": CodeSpec({"count": "number"}),
    "bill_filled_median": CodeSpec({"count": "number"}),
    "bill_filled_user": CodeSpec({"count": "number"}),
    # scenario parameters read from a URL (scenario.query); values are shown as given
    "url_bad_int": CodeSpec({"key": "text", "value": "text", "low": "text", "high": "text"}),
    "url_bad_float": CodeSpec({"key": "text", "value": "text", "low": "text", "high": "text"}),
    "url_bad_choice": CodeSpec({"key": "text", "value": "text", "choices": "text"}),
    "url_bad_text": CodeSpec({"key": "text", "value": "text", "limit": "number"}),
    "url_too_long": CodeSpec({"key": "text", "length": "number"}),
    "url_ids_dropped": CodeSpec({"key": "text", "count": "number", "ids": "text"}),
    "url_repeated": CodeSpec({"key": "text", "count": "number"}),
    "url_unknown": CodeSpec({"count": "number", "keys": "text"}),
    "url_more": CodeSpec({"count": "number"}),
})
"""Every code the core can emit, with its parameters and labels."""

def message(code: str, /, **params: Param) -> Message:
    """A :class:`Message`, checked against :data:`CODES` (unknown codes or params raise)."""
    spec = CODES.get(code)
    if spec is None:
        raise KeyError(f"unknown message code {code!r}")
    if set(params) != set(spec.params):
        raise KeyError(f"{code}: parameters {sorted(params)} != {sorted(spec.params)}")
    return Message(code, params)


def compact_number(value: float) -> str:
    """``1,234.5`` with at most two decimals and no trailing zeros (English)."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def render(msg: Message, translate: Translate, *,
           number: Callable[[float], str] = compact_number,
           unit: Callable[[str], str] = str) -> str:
    """The text of ``msg``: ``translate("msg." + code, **placeholders)``.

    Parameters
    ----------
    msg
        The message.
    translate
        ``translate(key, **values) -> str`` of the reader's language.
    number
        Formats numeric parameters (the reader's locale).
    unit
        Writes a ``unit`` parameter for the reader (``EUR/m3`` → ``€/m³``).

    Returns
    -------
    str
        The translated sentence.
    """
    spec = CODES.get(msg.code, CodeSpec())
    values: dict[str, str] = {}
    for name, value in msg.params.items():
        kind = spec.params.get(name, "text")
        values[name] = number(float(value)) if kind == "number" and not isinstance(
            value, str) else str(value)
        if name == "unit":
            values[name] = unit(str(value))
    for placeholder, (prefix, param) in spec.labels.items():
        values[placeholder] = translate(prefix + str(msg.params.get(param, "")))
    return translate(f"msg.{msg.code}", **values)

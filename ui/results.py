"""Tables and panels that show a scored catalog (thin: formatting only)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import pandas as pd
import streamlit as st

from geodata.maps import has_notes
from metrics import CRITERIA, CatalogScore, SiteScore
from metrics.uncertain import SiteInterval, UncertainScore
from report.format import Format
from report.i18n import bill_item, bill_remark, render_message, translate
from scenario import Scenario
from scenario.model import CR_LIMIT, MAX_AHP
from sites.catalog import Catalog
from ui.i18n import current_language, format_number, msg, num, styled, t, units
from ui.safe import md

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler


UNDECIDED_STYLE: Final = "color: #e65100; font-weight: 600"
"""How an undecided must-have status reads in the ranking table (orange, as on the map)."""
FAIL_STYLE: Final = "color: #757575"


def rank_range(best: int | None, worst: int | None) -> str:
    """``"3–11"``, ``"1"`` when exact, ``"–"`` for a site that cannot pass."""
    if best is None or worst is None:
        return "–"
    return str(best) if best == worst else f"{best}–{worst}"


def bill_range(low: float | None, high: float | None, *, language: str | None = None) -> str:
    """The bill's bounds in M€/a, ``"2.66–3.14"`` (one number when exact)."""
    if low is None or high is None:
        return "–"
    lang = language or current_language()
    a = format_number(low / 1e6, lang, decimals=2)
    b = format_number(high / 1e6, lang, decimals=2)
    return a if a == b else f"{a}–{b}"


def fact_labels(facts: Sequence[str]) -> str:
    return ", ".join(t(f"fact.{f}") for f in facts)


def uncertain_columns(uncertain: UncertainScore) -> pd.DataFrame:
    """Per site: rank range, must-have status (code and text), deciding facts, bill range.

    Runs on every rerun of the Find page: the language is read once and each label
    translated once (not per site)."""
    lang = current_language()
    status = {code: translate(f"must_status.{code}", lang)
              for code in ("pass", "fail", "undecided")}
    labels: dict[str, str] = {}

    def named(facts: Sequence[str]) -> str:
        return ", ".join(labels.get(f) or labels.setdefault(f, translate(f"fact.{f}", lang))
                         for f in facts)

    return pd.DataFrame([{
        "id": s.id, "rank_range": rank_range(s.best_rank, s.worst_rank),
        "must_code": s.must_have_status, "must_status": status[s.must_have_status],
        "deciding": named(s.deciding_facts),
        "bill_range": bill_range(s.annual_bill_eur_low, s.annual_bill_eur_high, language=lang),
    } for s in uncertain.sites], columns=["id", "rank_range", "must_code", "must_status",
                                          "deciding", "bill_range"])


def undecided_notes(table: pd.DataFrame) -> pd.Series:
    """The map tooltip line of each undecided park ("undecided: depends on ...")."""
    if "must_code" not in table:
        return pd.Series(dtype=object)
    rows = table[table["must_code"] == "undecided"]
    return pd.Series([t("find.undecided_tip", facts=d) if d else t("must_status.undecided")
                      for d in rows["deciding"]], index=rows["id"], dtype=object)


def undecided_legend(notes: pd.Series) -> None:
    """The map legend's entry for the thick orange outline, when some park has it."""
    if has_notes(notes):
        st.caption(f":orange[**◯**] {t('find.legend_undecided')}")


def _aligned(frame: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    """``frame``'s rows (keyed by its ``id`` column) in the order of ``ids``; missing: NaN.
    A left merge on ``id`` without the cost of a merge (the Find page does this per rerun)."""
    return frame.set_index("id").reindex(ids.to_numpy()).reset_index(drop=True)


def results_table(result: CatalogScore | None, catalog: Catalog,
                  uncertain: UncertainScore | None = None) -> pd.DataFrame:
    """One row per park: identity, key facts and (when scored) rank, score, bill, CO2; with
    ``uncertain`` also the rank range, must-have status, deciding facts and bill range."""
    frame = catalog.to_frame()
    language = current_language()
    base = pd.DataFrame({
        "id": frame["id"],
        "name": [catalog.by_id(str(i)).display_name(language) for i in frame["id"]],
        "country": frame["country"],
        "total_area_ha": frame["total_area_ha"].astype(float),
        "free_land_ha": frame["free_land_ha"].astype(float),
        "port_max_draught_m": frame["port_max_draught_m"].astype(float),
        "completeness": frame["completeness"].astype(float),
    })
    if result is None:
        return base
    lang = current_language()

    def reasons(s: SiteScore) -> str:
        if s.reasons:
            return "; ".join(render_message(r, lang) for r in s.reasons)
        if s.unconfirmed:
            return translate("result.unconfirmed_short", lang, checks="; ".join(
                render_message(r, lang) for r in s.unconfirmed))
        return ""

    scored = pd.DataFrame([{
        "id": s.id, "rank": s.rank, "score": s.score, "passes": s.passes,
        "reasons": reasons(s),
        "bill_meur": None if s.annual_bill_eur is None else s.annual_bill_eur / 1e6,
        "co2_kt": None if s.co2_t is None else s.co2_t / 1e3,
    } for s in result.sites], columns=["id", "rank", "score", "passes", "reasons", "bill_meur",
                                       "co2_kt"])
    parts = [base.reset_index(drop=True), _aligned(scored, base["id"])]
    if uncertain is not None:
        parts.append(_aligned(uncertain_columns(uncertain), base["id"]))
    merged = pd.concat(parts, axis=1)
    for column in ("rank", "score", "bill_meur", "co2_kt"):  # score: 0-1 utility, every method
        merged[column] = pd.to_numeric(merged[column], errors="coerce").astype(float)
    if uncertain is not None:
        for column in ("rank_range", "bill_range"):
            merged[column] = merged[column].fillna("–")
        merged["deciding"] = merged["deciding"].fillna("")
    merged = merged.sort_values(["rank", "name"], na_position="last", kind="stable")
    return merged.reset_index(drop=True)


TABLE_FORMATS: Final[Mapping[str, Format]] = MappingProxyType({
    "rank": "rank", "score": "score", "bill_meur": "MEUR/a", "co2_kt": "kt/a",
    "completeness": "percent", "total_area_ha": "ha", "free_land_ha": "ha",
    "port_max_draught_m": "m",
})
"""How each number of the ranking table is written (precision by quantity)."""


def styled_table(table: pd.DataFrame, result: CatalogScore | None) -> Styler:
    """The ranking table with its numbers in the session's locale (sorting stays numeric);
    only the shown columns and the id (formatting costs per column on every rerun).
    Undecided must-have statuses are orange, failing ones grey."""
    order = [c for c in table_order(result) if c in table]
    style = styled(table[["id", *order]], TABLE_FORMATS)
    if "must_status" in order:
        codes = dict(zip(table["must_status"], table["must_code"], strict=False))
        looks = {"undecided": UNDECIDED_STYLE, "fail": FAIL_STYLE}
        style = style.map(lambda v: looks.get(codes.get(v, ""), ""), subset=["must_status"])
    return style


def table_columns(result: CatalogScore | None) -> dict[str, Any]:
    """Labels, units and widths: rank, park, score, verdict, bill and CO₂ fit in 1366 px."""
    number = st.column_config.NumberColumn
    columns: dict[str, Any] = {
        "id": None,
        "name": st.column_config.TextColumn(t("col.park"), width=230, pinned=True),
        "country": st.column_config.TextColumn(t("col.country"), width=70),
        "total_area_ha": number(t("col.total_area"), width=110),
        "free_land_ha": number(t("col.free_land"), width=110),
        "port_max_draught_m": number(t("col.draught"), width=120),
        "completeness": number(t("col.completeness"), width=120, help=t("help.completeness")),
    }
    if result is not None:
        columns |= {
            "rank": number(t("col.rank"), width=60, pinned=True),
            "score": number(t("col.score"), width=80, help=t("help.score")),
            "passes": st.column_config.CheckboxColumn(t("col.passes"), width=110),
            "rank_range": st.column_config.TextColumn(t("col.rank_range"), width=70,
                                                      help=t("help.rank_range")),
            "must_status": st.column_config.TextColumn(t("col.must_status"), width=110,
                                                       help=t("help.must_status")),
            "deciding": st.column_config.TextColumn(t("col.deciding"), width="medium"),
            "bill_range": st.column_config.TextColumn(t("col.bill_range"), width=120,
                                                      help=t("help.bill_range")),
            "reasons": st.column_config.TextColumn(t("col.reasons"), width="large"),
            "bill_meur": number(t("col.bill"), width=140, help=t("help.bill")),
            "co2_kt": number(t("col.co2"), width=150, help=t("help.co2")),
        }
    return columns


def table_order(result: CatalogScore | None, *, uncertain: bool = True) -> list[str]:
    """Shown columns: with intervals (the Find page's default) rank, rank range, park,
    must-have status, score, bill and its range first."""
    if result is None:
        return ["name", "country", "total_area_ha", "free_land_ha", "port_max_draught_m",
                "completeness"]
    if uncertain:
        return ["rank", "rank_range", "name", "must_status", "score", "bill_meur", "bill_range",
                "co2_kt", "deciding", "reasons", "country", "completeness", "free_land_ha",
                "port_max_draught_m"]
    return ["rank", "name", "country", "score", "passes", "bill_meur", "co2_kt", "reasons",
            "completeness", "free_land_ha", "port_max_draught_m"]


def ahp_panel(scenario: Scenario) -> None:
    """Beside the ranking, in AHP mode: the derived weights, the consistency ratio, and which
    criteria the ranking uses and why weighted ones are left out."""
    if scenario.weight_mode != "ahp":
        return
    summary = scenario.ahp_summary()
    if not summary.active:
        st.info(t("ahp.too_few"), icon=":material/balance:")
        return
    left, right = st.columns([3, 2])
    frame = pd.DataFrame({"criterion": [t(f"crit.{c}") for c in summary.compared],
                          "weight": [summary.weights[c] for c in summary.compared]})
    left.dataframe(styled(frame, {"weight": "percent"}), hide_index=True, width="stretch",
                   key="ahp_weights", column_config={
                       "criterion": st.column_config.TextColumn(t("result.criterion")),
                       "weight": st.column_config.NumberColumn(t("ahp.weight"))})
    right.metric(t("sc.cr"), num(summary.cr, decimals=3),
                 delta=t("sc.cr_ok") if summary.consistent else t("sc.cr_bad"),
                 delta_color="normal" if summary.consistent else "inverse", help=t("sc.cr_help"))
    right.caption(t("ahp.uses", n=len(summary.compared), criteria=_criteria(summary.compared)))
    if summary.over_limit:
        right.caption(t("ahp.over_limit", criteria=_criteria(summary.over_limit), max=MAX_AHP,
                        pairs=MAX_AHP * (MAX_AHP - 1) // 2))
    if summary.not_chosen:
        right.caption(t("ahp.not_chosen", criteria=_criteria(summary.not_chosen)))


def ahp_warning(scenario: Scenario) -> None:
    """In the main area: the AHP comparisons are inconsistent (CR ≥ 0.10)."""
    summary = scenario.ahp_summary() if scenario.weight_mode == "ahp" else None
    if summary is not None and summary.active and not summary.consistent:
        st.warning(t("ahp.inconsistent", cr=num(summary.cr, decimals=3),
                     limit=num(CR_LIMIT, decimals=2)), icon=":material/warning:")


def _criteria(names: tuple[str, ...]) -> str:
    return ", ".join(t(f"crit.{c}") for c in names)


def render_warnings(result: CatalogScore) -> None:
    """What the brief leaves unpriced or unchecked, and criteria that could not be used."""
    unbilled = [str(w.params["figure"]) for w in result.warnings if w.code == "figure_unbilled"]
    if unbilled:
        st.info(t("result.unbilled", figures=", ".join(t(f"fig.{f}") for f in unbilled)),
                icon=":material/edit_note:")
    nowhere = [t(f"bill.q.{w.params['quantity']}") for w in result.warnings
               if w.code == "line_unpriced"]
    if nowhere:
        st.caption(t("result.nowhere", items=md(", ".join(nowhere))))
    if result.dropped:
        st.caption(t("result.dropped", criteria="; ".join(
            f"{t(f'crit.{c}')} ({md(msg(why))})" for c, why in result.dropped)))


def render_find_warnings(found: UncertainScore | None) -> None:
    """:func:`render_warnings`, the plant figures the bill range needs, and how many parks
    are undecided."""
    if found is None:
        return
    render_warnings(found.result)
    for warning in found.warnings:
        st.caption(md(msg(warning)))
    undecided = sum(s.must_have_status == "undecided" for s in found.sites)
    if undecided:
        st.caption(t("find.undecided_caption", n=undecided))


def site(result: CatalogScore, park_id: str) -> SiteScore | None:
    return next((s for s in result.sites if s.id == park_id), None)


def bill_frame(record: SiteScore) -> pd.DataFrame:
    """The bill lines in the session's language (item, level, status and remark from codes;
    a line's own note is the price table's source text)."""
    language = current_language()
    return pd.DataFrame([{
        "item": bill_item(line, language), "quantity": line.quantity,
        "quantity_unit": line.quantity_unit, "unit_price": line.unit_price,
        "price_unit": line.price_unit,
        "level": t(f"level.{line.level}") if line.level else "",
        "period": line.period, "cost_eur": line.cost_eur, "status": t(f"line.{line.status}"),
        "source": line.source if line.source.startswith("http") else "",
        "note": bill_remark(line, language),
    } for line in record.bill])


def bill_columns() -> dict[str, Any]:
    number = st.column_config.NumberColumn
    return {
        "item": st.column_config.TextColumn(t("bill.item")),
        "quantity": number(t("bill.quantity")),
        "quantity_unit": st.column_config.TextColumn(t("col.unit"), width="small"),
        "unit_price": number(t("bill.unit_price")),
        "price_unit": st.column_config.TextColumn(t("bill.price_unit"), width="small"),
        "level": st.column_config.TextColumn(t("bill.level"), width="small"),
        "period": st.column_config.TextColumn(t("bill.period"), width="small"),
        "cost_eur": number(t("bill.cost")),
        "status": st.column_config.TextColumn(t("col.status"), width="small"),
        "source": st.column_config.LinkColumn(t("col.source"),
                                              display_text=r"https?://(?:www\.)?([^/]+)"),
        "note": st.column_config.TextColumn(t("col.note"), width="large"),
    }


def styled_bill(record: SiteScore) -> Styler:
    """Bill lines: whole euros, each quantity and unit price at its own unit's precision."""
    return styled(bill_frame(record), {"cost_eur": "EUR/a", "quantity_unit": units(),
                                       "price_unit": units()},
                  units={"quantity": "quantity_unit", "unit_price": "price_unit"})


def criteria_frame(result: CatalogScore, record: SiteScore) -> pd.DataFrame:
    rows = []
    for name, spec in CRITERIA.items():
        value = record.criteria.get(name)
        rows.append({
            "criterion": t(f"crit.{name}"), "value": value, "unit": spec.unit,
            "direction": t("dir.benefit") if spec.direction == "+" else t("dir.cost"),
            "used": name in result.criteria_used,
            "contribution": record.contributions.get(name),
            "imputed": name in record.imputed,
        })
    return pd.DataFrame(rows)


def _interval(found: UncertainScore | None, park_id: str) -> SiteInterval | None:
    try:
        return None if found is None else found.site(park_id)
    except KeyError:
        return None


def render_site_result(result: CatalogScore, park_id: str,
                       found: UncertainScore | None = None) -> None:
    """Must-have verdict, bill lines and criteria of one park under the current brief; with
    ``found`` also its rank range and bill range, and the facts an undecided must-have
    depends on."""
    record = site(result, park_id)
    if record is None:
        return
    interval = _interval(found, park_id)
    st.subheader(t("result.title"), anchor=False)
    cols = st.columns(5 if interval is not None else 4)
    cols[0].metric(t("col.rank"), "–" if record.rank is None else record.rank)
    rest = cols[1:]
    if interval is not None:
        cols[1].metric(t("col.rank_range"), rank_range(interval.best_rank, interval.worst_rank),
                       help=t("help.rank_range"))
        rest = cols[2:]
    rest[0].metric(t("col.score"), num(record.score, decimals=3))
    rest[1].metric(t("col.bill"), num(None if record.annual_bill_eur is None
                                      else record.annual_bill_eur / 1e6, decimals=2),
                   help=None if interval is None else f"{t('col.bill_range')}: " + bill_range(
                       interval.annual_bill_eur_low, interval.annual_bill_eur_high))
    rest[2].metric(t("col.co2"), num(None if record.co2_t is None else record.co2_t / 1e3,
                                     decimals=1))
    if interval is not None and interval.must_have_status == "undecided":
        st.warning(t("result.undecided", facts=md(fact_labels(interval.deciding_facts))),
                   icon=":material/help:")
    if record.passes:
        st.success(t("result.passes"), icon=":material/check_circle:")
    else:
        st.error(t("result.fails"), icon=":material/block:")
        for reason in record.reasons:
            st.text(f"• {msg(reason)}")
    if record.unconfirmed:
        st.warning(t("result.unconfirmed", checks=md("; ".join(map(msg, record.unconfirmed)))),
                   icon=":material/help:")
    if record.imputed:
        st.caption(t("result.imputed", criteria=", ".join(t(f"crit.{c}")
                                                          for c in record.imputed)))
    st.markdown(f"**{t('result.bill')}**")
    st.dataframe(styled_bill(record), hide_index=True, width="stretch",
                 column_config=bill_columns())
    st.markdown(f"**{t('result.criteria')}**")
    st.dataframe(styled(criteria_frame(result, record), {"contribution": "score",
                                                         "unit": units()},
                        units={"value": "unit"}), hide_index=True, width="stretch",
                 column_config={
                     "criterion": st.column_config.TextColumn(t("result.criterion")),
                     "value": st.column_config.NumberColumn(t("col.value")),
                     "unit": st.column_config.TextColumn(t("col.unit"), width="small"),
                     "direction": st.column_config.TextColumn(t("result.direction"),
                                                              width="small"),
                     "used": st.column_config.CheckboxColumn(t("result.used"), width="small"),
                     "contribution": st.column_config.NumberColumn(t("result.contribution")),
                     "imputed": st.column_config.CheckboxColumn(t("result.imputed_col"),
                                                                width="small"),
                 })

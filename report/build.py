"""The hand-over report: one self-contained HTML file that prints well (no external requests).

Everything from data (park names, notes, sources) is escaped; images are inline PNGs drawn with
matplotlib's object API (``Figure`` + ``FigureCanvasAgg``, never pyplot's global state, which
is not safe in a threaded server) from the shipped country layer, so the report opens offline.
Labels come from the caller as data: a ``translate(key, **values)`` callable (by default the
catalog of ``language`` from :mod:`report.i18n`); the report imports no UI code.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Literal

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from metrics import Brief, CatalogScore, SiteScore
from metrics.bill import BillLine
from metrics.brief import FIGURES
from metrics.brief import Figure as PlantFigure
from metrics.messages import Message, render
from metrics.uncertain import CatalogAcceptability, UncertainScore
from report.analysis import Robustness, interval_sites, joint_robustness
from report.format import quantity, unit_text
from report.i18n import format_date, format_number, translator
from scenario import Scenario
from scenario.questions import Question
from sites.catalog import Catalog
from sites.model import Park
from sites.text import visible

CSS = """
body{font-family:Arial,Helvetica,sans-serif;color:#1b2a2f;margin:2em auto;max-width:60em;
line-height:1.4}
h1{color:#0b6e69;margin-bottom:0}h2{color:#0b6e69;border-bottom:2px solid #0b6e69;
padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.9em}
th,td{border:1px solid #ccd5d3;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f1f5f4}td.num{text-align:right;white-space:nowrap}
.fail{color:#b23a48}.pass{color:#0b6e69}.undecided{color:#e65100;font-weight:bold}.muted{color:#5f6b6d;font-size:.85em}
img{max-width:100%}a{color:#0b6e69;word-break:break-all}
.cover{page-break-after:always;min-height:85vh;padding-top:18vh}
.cover .brand{color:#0b6e69;font-weight:bold;letter-spacing:.1em;text-transform:uppercase}
.cover h1{font-size:2.2em}.cover .plain{font-size:1.1em;max-width:40em}
ol.sources li{margin-bottom:.2em}
@page{size:A4;margin:16mm 14mm 18mm 14mm;
@bottom-left{content:"parkbench";font-size:8pt;color:#5f6b6d}
@bottom-right{content:counter(page) " / " counter(pages);font-size:8pt;color:#5f6b6d}}
@page:first{@bottom-left{content:none}@bottom-right{content:none}}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}
table,img{page-break-inside:avoid}a{color:#1b2a2f}.cover{min-height:0}}
"""

_INTERNAL = re.compile(r"\s*\((?:[^()]*?)(?:criteria|research)[/\w.-]*\.md[^()]*\)"
                       r"|\s*\(?(?:research/)?criteria\.md(?:\s*\[?[A-Z]\d+\]?)?\)?")
"""The project's own research-note references (``criteria.md A5``): not for a reader."""


def public_note(text: str) -> str:
    """A figure's note without references to the project's internal research notes."""
    return _INTERNAL.sub("", text).strip()



def _e(value: object) -> str:
    return html.escape(visible(value), quote=True)  # visible(): no bidi/invisible characters


def _figure(width: float, height: float, *, layout: Literal["constrained"] | None = None
            ) -> tuple[Figure, Axes]:
    """A figure with its own Agg canvas and one axes (no pyplot, no global figure list);
    ``layout="constrained"`` fits the labels and an outside legend inside the figure."""
    fig = Figure(figsize=(width, height), layout=layout)
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _png(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=130, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _link(url: str | None) -> str:
    if not url or not url.startswith(("http://", "https://")):
        return _e(url or "")
    return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(url)}</a>'


def map_png(catalog: Catalog, ids: Sequence[str]) -> str:
    """A static map of the shortlist on the Natural Earth outlines (base64 PNG)."""
    from geodata.layers import load_layer

    countries = load_layer("countries")
    parks = catalog.to_geodataframe()
    chosen = parks[parks["id"].isin(ids)]
    fig, ax = _figure(7, 6)
    countries.plot(ax=ax, color="#f2efe9", edgecolor="#9e9e9e", linewidth=0.5)
    parks.plot(ax=ax, color="#bdbdbd", markersize=10)
    chosen.plot(ax=ax, color="#0b6e69", markersize=40, edgecolor="#1b2a2f")
    order = {park_id: i + 1 for i, park_id in enumerate(ids)}
    for _, row in chosen.iterrows():  # numbers, not names: the list under the map names them
        ax.annotate(str(order[row["id"]]), (row.geometry.x, row.geometry.y), fontsize=8,
                    fontweight="bold", color="#1b2a2f", xytext=(5, 3),
                    textcoords="offset points", parse_math=False, usetex=False)
    minx, miny, maxx, maxy = parks.total_bounds
    ax.set_xlim(minx - 3, maxx + 3)
    ax.set_ylim(miny - 2, maxy + 2)
    ax.set_axis_off()
    return _png(fig)


NAME_WIDTH = 28
"""Characters per line of a park name on a chart axis before it wraps (never cut)."""


def _axis_text(text: object, width: int = NAME_WIDTH) -> str:
    """Data text for a matplotlib label: wrapped at word boundaries, no math markup."""
    return textwrap.fill(visible(text), width=width, break_long_words=False,
                         break_on_hyphens=False).replace("$", r"\$")


def acceptability_figure(robust: Robustness, ids: Sequence[str], *, rank_label: str,
                         names: Mapping[str, str] | None = None) -> Figure:
    """Horizontal stacked bars: the share of weightings in which each park takes rank 1-3.

    Full park names (``names``, else the result's own) wrap on the y axis; the legend sits
    right of the axes, never over a bar.
    """
    index = {park_id: i for i, park_id in enumerate(robust.ids)}
    shown = [i for i in ids if i in index]
    own = dict(zip(robust.ids, robust.names, strict=True))
    labels = [_axis_text((names or {}).get(i, own[i])) for i in shown]
    lines = sum(text.count("\n") + 1 for text in labels)
    fig, ax = _figure(7, 0.7 + 0.15 * lines + 0.12 * len(shown), layout="constrained")
    left = [0.0] * len(shown)
    colors = ("#0b6e69", "#e07a2f", "#3b5ba9")
    for r in range(min(3, len(robust.ids))):
        shares = [100 * float(robust.acceptability[index[i], r]) for i in shown]
        ax.barh(range(len(shown)), shares, left=left, color=colors[r],
                label=f"{rank_label} {r + 1}".replace("$", r"\$"))
        left = [b + s for b, s in zip(left, shares, strict=True)]
    ax.set_yticks(range(len(shown)), labels, fontsize=8)
    ax.invert_yaxis()  # the first park on top, as in the table
    ax.set_xlim(0, 100)
    ax.set_xlabel("%")
    ax.tick_params(axis="x", labelsize=8)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0, fontsize=8,
              frameon=False)
    return fig


def acceptability_png(robust: Robustness, ids: Sequence[str], *, rank_label: str,
                      names: Mapping[str, str] | None = None) -> str:
    """:func:`acceptability_figure` as a base64 PNG (cropped to its content and legend)."""
    return _png(acceptability_figure(robust, ids, rank_label=rank_label, names=names))


@dataclass(frozen=True, slots=True)
class IntervalLabels:
    """The texts of :func:`interval_figure` (axis titles, legend entries, notes)."""

    rank: str
    score: str
    range: str
    undecided_range: str
    today: str
    undecided: str
    fails: str


def interval_figure(uncertain: UncertainScore, ids: Sequence[str], *, labels: IntervalLabels,
                    names: Mapping[str, str]) -> Figure:
    """Per park: its possible ranks (left) and scores (right) as horizontal range bars, today's
    rank and score as diamonds; undecided parks orange, a sure failure named and left blank.
    Full names wrap on the y axis; the legend sits below the axes."""
    sites = interval_sites(uncertain, ids)
    notes = {"undecided": labels.undecided, "fail": labels.fails}
    ticks = [_axis_text(names.get(s.id, s.id)) + (
        "\n" + _axis_text(notes[s.must_have_status], NAME_WIDTH + 8)
        if s.must_have_status in notes else "") for s in sites]
    lines = sum(text.count("\n") + 1 for text in ticks)
    fig = Figure(figsize=(7.5, 1.3 + 0.17 * lines + 0.12 * len(ticks)), layout="constrained")
    FigureCanvasAgg(fig)
    rank_ax, score_ax = fig.subplots(1, 2, sharey=True, width_ratios=[3, 2])
    last = 1
    for status, name, color in (("pass", labels.range, "#0b6e69"),
                                ("undecided", labels.undecided_range, "#e65100")):
        picked = [(k, s) for k, s in enumerate(sites) if s.must_have_status == status
                  and s.best_rank is not None and s.worst_rank is not None
                  and s.best_score is not None and s.worst_score is not None]
        if not picked:
            continue
        rows = [k for k, _ in picked]
        best = [s.best_rank or 0 for _, s in picked]
        worst = [s.worst_rank or 0 for _, s in picked]
        last = max(last, *worst)
        rank_ax.barh(rows, [w - b + 0.8 for b, w in zip(best, worst, strict=True)],
                     left=[b - 0.4 for b in best], color=color, alpha=0.8, height=0.6,
                     label=name.replace("$", r"\$"))
        low = [s.worst_score or 0.0 for _, s in picked]
        high = [s.best_score or 0.0 for _, s in picked]
        score_ax.barh(rows, [max(h - lo, 0.004) for lo, h in zip(low, high, strict=True)],
                      left=low, color=color, alpha=0.55, height=0.6)
    for ax, values in ((rank_ax, [s.rank for s in sites]), (score_ax, [s.score for s in sites])):
        shown = [(k, float(v)) for k, v in enumerate(values) if v is not None]
        ax.scatter([v for _, v in shown], [k for k, _ in shown], marker="D", s=28,
                   color="#1b2a2f", zorder=3,
                   label=labels.today.replace("$", r"\$") if ax is rank_ax else None)
        ax.tick_params(labelsize=8)
        ax.grid(axis="x", color="#e3e8e7", linewidth=0.6)
        ax.set_axisbelow(True)
    rank_ax.set_yticks(range(len(ticks)), ticks, fontsize=8)
    rank_ax.invert_yaxis()  # the first park on top, as in the table
    rank_ax.set_xlim(0.4, last + 0.6)
    rank_ax.set_xlabel(labels.rank.replace("$", r"\$"), fontsize=8)
    score_ax.set_xlim(0, 1)
    score_ax.set_xlabel(labels.score.replace("$", r"\$"), fontsize=8)
    fig.legend(loc="outside lower left", fontsize=8, frameon=False, ncols=2)
    return fig


def interval_png(uncertain: UncertainScore, ids: Sequence[str], *, labels: IntervalLabels,
                 names: Mapping[str, str]) -> str:
    """:func:`interval_figure` as a base64 PNG."""
    return _png(interval_figure(uncertain, ids, labels=labels, names=names))


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _td(value: object, *, num: bool = False, raw: bool = False) -> str:
    content = str(value) if raw else _e(value)
    return f'<td class="num">{content}</td>' if num else f"<td>{content}</td>"


def report_html(*, catalog: Catalog, result: CatalogScore, scenario: Scenario, brief: Brief,
                ids: Sequence[str], robust: Robustness | None, today: dt.date,
                link: str = "", include_map: bool = True,
                translate: Callable[..., str] | None = None,
                uncertain: UncertainScore | None = None,
                questions: Mapping[str, Sequence[Question]] | None = None,
                acceptability: CatalogAcceptability | None = None) -> str:
    """The complete report of one scenario as one HTML document (prints to A4; see ``pdf``).

    ``scenario`` decides the language, method and normalisation stated; ``brief`` is the brief
    it describes (``scenario.brief(template)``) and ``link`` the address that reopens it.
    ``translate(key, **values)`` supplies every label (default: the catalog of the scenario's
    language), which also sets number and date formats and the document's ``lang``.

    Sections: a cover (title, date, the brief in plain words, the link), the ranking with its
    reasons and a map, the plant figures with their basis, each park's bill with sources and
    statuses, robustness, and a numbered sources appendix. With ``uncertain``
    (:func:`scenario.find_sites` of the same scenario) the ranking also carries each park's
    rank range and must-have status, and a section lists the questions to ask each park: the
    facts that leave its must-haves undecided and ``questions`` (park id ->
    :func:`scenario.questions.park_questions`), the unknowns that matter for the brief;
    a section "under incomplete data" draws the rank and score intervals and, with
    ``acceptability`` (:func:`scenario.find_acceptability`), the shares of plausible worlds
    in which each park takes rank 1, 2 and 3, with their 95 % bands.
    """
    page = _Page(tr=translate or translator(scenario.lang), language=scenario.lang)
    records = {s.id: s for s in result.sites}
    parks = [catalog.by_id(i) for i in ids]
    parts = [_cover(page, scenario=scenario, brief=brief, result=result, today=today, link=link),
             _ranking(page, parks=parks, records=records, uncertain=uncertain)]
    if include_map:
        names = "; ".join(f"{i}. {p.display_name(page.language)}"
                          for i, p in enumerate(parks, start=1))
        parts.append(f'<img alt="{_e(page.tr("report.map"))}" '
                     f'src="data:image/png;base64,{map_png(catalog, ids)}">'
                     f'<p class="muted">{_e(names)}</p>')
    if uncertain is not None:
        parts.append(_questions(page, parks=parks, uncertain=uncertain,
                                questions=questions or {}))
    parts += [_figures(page, brief=brief), _bills(page, parks=parks, records=records),
              _robustness(page, parks=parks, robust=robust)]
    if uncertain is not None:
        parts.append(_uncertain(page, parks=parks, uncertain=uncertain, acc=acceptability,
                                policy=scenario.unknown))
    parts.append(_sources(page, parks=parks, records=records))
    tr = page.tr
    return (f'<!DOCTYPE html><html lang="{_e(page.language)}"><head><meta charset="utf-8">'
            f"<title>{_e(tr('report.title'))}</title>"
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>{CSS}</style></head><body>{''.join(parts)}</body></html>")


@dataclass(frozen=True, slots=True)
class _Page:
    """The report's language: labels (``tr``) and number formats."""

    tr: Callable[..., str]
    language: str

    def n(self, value: float | None, decimals: int = 0, *, trim: bool = False) -> str:
        return format_number(value, self.language, decimals=decimals, trim=trim)

    def q(self, value: float | None, unit: str) -> str:
        """A number at its unit's precision (:func:`report.format.quantity`)."""
        return quantity(value, unit, self.language)

    def say(self, message: Message) -> str:
        return render(message, self.tr, number=lambda v: format_number(
            v, self.language, decimals=2, trim=True),
            unit=lambda u: unit_text(u, self.language))

    def label(self, prefix: str, code: str) -> str:
        """``tr(prefix + code)``, or the code in plain words when the catalog has no entry."""
        text = self.tr(f"{prefix}{code}")
        return code.replace("_", " ") if text == f"{prefix}{code}" else text


def _figure_text(page: _Page, figure: PlantFigure, unit: str) -> str:
    if not figure.known:
        return page.tr("status.unknown")
    text = page.q(figure.value, unit)
    if figure.low is not None and figure.high is not None:
        text += f" ({page.q(figure.low, unit)}–{page.q(figure.high, unit)})"
    return text


def _plain_brief(page: _Page, *, brief: Brief, result: CatalogScore) -> str:
    """The brief in one paragraph: what the plant needs, must have and weighs most."""
    tr = page.tr
    needs = [f"{_figure_text(page, fig, FIGURES[name])} {unit_text(FIGURES[name], page.language)} "
             f"{page.label('fig.', name).lower()}"
             for name in ("land_ha", "electricity_gwh_a", "heat_gwh_a", "water_m3_a",
                          "wastewater_m3_a") if (fig := brief.figures.get(name)) and fig.known]
    ranked = sorted(zip(result.criteria_used, result.weights, strict=True),
                    key=lambda cw: -cw[1])[:3]
    must = ", ".join(page.label("must.", m).lower() for m in sorted(brief.must_haves))
    return tr("report.plain_brief",
              needs=", ".join(needs) or "–", must=must or "–",
              top=", ".join(f"{page.label('crit.', c)} ({w:.0%})" for c, w in ranked) or "–")


def _cover(page: _Page, *, scenario: Scenario, brief: Brief, result: CatalogScore,
           today: dt.date, link: str) -> str:
    tr = page.tr
    method = (f"{page.label('method.', scenario.method)} "
              f"({page.label('norm.', scenario.normalization)})")
    date = format_date(today, page.language)
    parts = ['<section class="cover"><p class="brand">parkbench</p>',
             f"<h1>{_e(tr('report.title'))}</h1>",
             f"<h2>{_e(page.label('tpl.', brief.template))}</h2>",
             f'<p class="plain">{_e(_plain_brief(page, brief=brief, result=result))}</p>',
             f"<p><b>{_e(tr('sc.method'))}:</b> {_e(method)}</p>",
             f'<p class="muted">{_e(tr("report.generated", date=date))}</p>']
    if link:
        parts.append(f"<p><b>{_e(tr('report.link'))}:</b> {_link(link)}</p>")
    return "".join(parts) + "</section>"


def _rank_range(best: int | None, worst: int | None) -> str:
    if best is None or worst is None:
        return "–"
    return str(best) if best == worst else f"{best}–{worst}"


def _ranking(page: _Page, *, parks: Sequence[Park], records: Mapping[str, SiteScore],
             uncertain: UncertainScore | None = None) -> str:
    tr = page.tr
    rows = []
    extra = [] if uncertain is None else [tr("col.rank_range"), tr("col.must_status")]
    for park in parks:
        rec = records[park.id]
        verdict = (f'<span class="pass">{_e(tr("result.passes"))}</span>' if rec.passes else
                   f'<span class="fail">{_e("; ".join(page.say(r) for r in rec.reasons))}'
                   "</span>")
        bill = None if rec.annual_bill_eur is None else rec.annual_bill_eur / 1e6
        co2 = None if rec.co2_t is None else rec.co2_t / 1e3
        cells = [_td("–" if rec.rank is None else rec.rank, num=True)]
        if uncertain is not None:
            site = uncertain.site(park.id)
            status = site.must_have_status
            css = {"pass": "pass", "fail": "fail"}.get(status, "undecided")
            cells += [_td(_rank_range(site.best_rank, site.worst_rank), num=True),
                      _td(f'<span class="{css}">{_e(tr(f"must_status.{status}"))}</span>',
                          raw=True)]
        rows.append([*cells, _td(park.display_name(page.language)), _td(park.country),
                     _td(page.n(rec.score, 3), num=True), _td(verdict, raw=True),
                     _td(page.n(bill, 2), num=True), _td(page.n(co2, 1), num=True)])
    return (f"<h2>{_e(tr('report.shortlist'))}</h2>" +
            _table([tr("col.rank"), *extra, tr("col.park"), tr("col.country"),
                    tr("col.score"), tr("col.passes"), tr("col.bill"), tr("col.co2")], rows))


def _questions(page: _Page, *, parks: Sequence[Park], uncertain: UncertainScore,
               questions: Mapping[str, Sequence[Question]]) -> str:
    """Per park: the facts that decide its must-haves, then its unknowns that matter most."""
    tr = page.tr
    parts = [f"<h2>{_e(tr('report.questions'))}</h2>",
             f'<p class="muted">{_e(tr("report.questions_help"))}</p>']
    for park in parks:
        site = uncertain.site(park.id)
        items = []
        if site.must_have_status == "undecided" and site.deciding_facts:
            facts = ", ".join(page.label("fact.", f) for f in site.deciding_facts)
            items.append(_e(tr("report.ask_must", facts=facts)))
        for q in questions.get(park.id, ()):
            facts = ", ".join(page.label("fact.", f) for f in q.facts)
            items.append(f"<b>{_e(facts)}</b>: {_e(page.say(q.message))}")
        parts.append(f"<h3>{_e(park.display_name(page.language))}</h3>")
        parts.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else
                     f"<p>{_e(tr('report.ask_none'))}</p>")
    return "".join(parts)


def _figures(page: _Page, *, brief: Brief) -> str:
    tr = page.tr
    rows = []
    for name, figure in brief.figures.items():
        if name not in FIGURES:
            continue
        note = public_note(figure.note)
        basis = page.label("basis.", figure.basis) + (
            f": {page.tr('fmt.research_note', note=note)}" if note else "")
        rows.append([_td(page.label("fig.", name)),
                     _td(_figure_text(page, figure, FIGURES[name]), num=True),
                     _td(unit_text(FIGURES[name], page.language)),
                     _td(_link(figure.source) + " " + _e(basis), raw=True)])
    must = ", ".join(page.label("must.", m) for m in sorted(brief.must_haves)) or "–"
    return (f"<h2>{_e(tr('report.brief'))}</h2>" +
            _table([tr("report.figure"), tr("col.value"), tr("col.unit"), tr("col.source")],
                   rows) + f"<p><b>{_e(tr('sc.must'))}:</b> {_e(must)}</p>")


def _bill_item(page: _Page, line: BillLine) -> str:
    """A bill line's item in the report's language, with its variant (band, spot years)."""
    label = page.label("bill.q.", line.price_quantity)
    return label if line.variant is None else f"{label} ({page.say(line.variant)})"


def _bills(page: _Page, *, parks: Sequence[Park], records: Mapping[str, SiteScore]) -> str:
    tr = page.tr
    parts = [f"<h2>{_e(tr('result.bill'))}</h2>"]
    for park in parks:
        parts.append(f"<h3>{_e(park.display_name(page.language))}</h3>")
        unit = partial(unit_text, language=page.language)
        lines = [[_td(_bill_item(page, ln)), _td(page.n(ln.quantity), num=True),
                  _td(unit(ln.quantity_unit)), _td(page.q(ln.unit_price, ln.price_unit), num=True),
                  _td(unit(ln.price_unit)),
                  _td(page.label("level.", ln.level) if ln.level else "–"),
                  _td(ln.period or "–"), _td(page.n(ln.cost_eur), num=True),
                  _td(page.label("line.", ln.status)),
                  _td(_link(ln.source) if ln.source.startswith("http") else "–", raw=True)]
                 for ln in records[park.id].bill]
        parts.append(_table([tr("bill.item"), tr("bill.quantity"), tr("col.unit"),
                             tr("bill.unit_price"), tr("bill.price_unit"), tr("bill.level"),
                             tr("bill.period"), tr("bill.cost"), tr("col.status"),
                             tr("col.source")], lines) if lines else
                     f"<p>{_e(tr('report.no_bill'))}</p>")
    return "".join(parts)


def _robustness(page: _Page, *, parks: Sequence[Park], robust: Robustness | None) -> str:
    tr = page.tr
    parts = [f"<h2>{_e(tr('compare.tab_robust'))}</h2>"]
    if robust is None:
        return parts[0] + f"<p>{_e(tr('compare.no_robust'))}</p>"
    parts.append(f"<p>{_e(tr('compare.acceptability', n=page.n(robust.samples)))}</p>")
    png = acceptability_png(robust, [p.id for p in parks], rank_label=tr("col.rank"),
                            names={p.id: p.display_name(page.language) for p in parks})
    parts.append(f'<img alt="{_e(tr("compare.tab_robust"))}" src="data:image/png;base64,{png}">')
    for park in parks:
        if park.id in robust.ids:
            share = 100 * float(robust.acceptability[robust.ids.index(park.id), 0])
            parts.append(f"<p>{_e(tr('compare.first_share', park=park.display_name(page.language), share=round(share)))}</p>")  # noqa: E501
    return "".join(parts)


def _uncertain(page: _Page, *, parks: Sequence[Park], uncertain: UncertainScore,
               acc: CatalogAcceptability | None, policy: str) -> str:
    """Rank and score intervals of the shortlist, then its joint acceptability with bands."""
    tr = page.tr
    names = {p.id: p.display_name(page.language) for p in parks}
    ids = [p.id for p in parks]
    labels = IntervalLabels(tr("compare.iv_rank_axis"), tr("compare.iv_score_axis"),
                            tr("compare.iv_ranks"), tr("compare.iv_ranks_undecided"),
                            tr("compare.iv_today"), tr("compare.iv_undecided"),
                            tr("compare.iv_fails"))
    png = interval_png(uncertain, ids, labels=labels, names=names)
    policy_text = page.label("sc.unknown_", policy)
    parts = [f"<h2>{_e(tr('report.uncertain'))}</h2>",
             f"<p>{_e(tr('compare.iv_title'))}</p>",
             f'<img alt="{_e(tr("compare.iv_title"))}" src="data:image/png;base64,{png}">',
             f'<p class="muted">{_e(tr("compare.iv_help", policy=policy_text))}</p>']
    if acc is None:
        return "".join(parts) + f"<p>{_e(tr('compare.joint_none'))}</p>"
    n = page.n(acc.samples)
    parts.append(f"<h3>{_e(tr('compare.joint_heading'))}</h3>")
    parts.append(f"<p>{_e(tr('compare.joint_title', n=n))}</p>")
    shares = acceptability_png(joint_robustness(acc, names), ids, rank_label=tr("col.rank"),
                               names=names)
    parts.append(f'<img alt="{_e(tr("compare.joint_heading"))}" '
                 f'src="data:image/png;base64,{shares}">')

    def pct(value: float) -> str:
        return page.n(100 * value, 1)

    rows = []
    for park in parks:
        site, p = uncertain.site(park.id), acc.park(park.id)
        status = site.must_have_status
        css = {"pass": "pass", "fail": "fail"}.get(status, "undecided")
        cells = [_td(names[park.id]),
                 _td(f'<span class="{css}">{_e(tr(f"must_status.{status}"))}</span>', raw=True),
                 _td("–" if site.rank is None else site.rank, num=True),
                 _td(_rank_range(site.best_rank, site.worst_rank), num=True)]
        if p is None:
            cells += [_td("–", num=True)] * 5
        else:
            cells += [_td(pct(p.first), num=True),
                      _td(f"{pct(p.first_low)}–{pct(p.first_high)}", num=True),
                      _td(pct(p.top), num=True),
                      _td(f"{pct(p.top_low)}–{pct(p.top_high)}", num=True),
                      _td(_rank_range(p.seen_best, p.seen_worst), num=True)]
        rows.append(cells)
    parts.append(_table([tr("col.park"), tr("col.must_status"), tr("col.rank"),
                         tr("col.rank_range"), tr("col.first_share"), tr("col.band"),
                         tr("col.top_share", k=acc.top), tr("col.band"),
                         tr("col.seen_ranks")], rows))
    for park in parks:
        p = acc.park(park.id)
        parts.append("<p>" + _e(tr("compare.joint_out", park=names[park.id]) if p is None else
                                tr("compare.joint_first", park=names[park.id],
                                   share=pct(p.first), n=n, low=pct(p.first_low),
                                   high=pct(p.first_high))) + "</p>")
    parts.append(f'<p class="muted">{_e(tr("compare.joint_help", policy=policy_text, n=n))}'
                 "</p>")
    return "".join(parts)


def _sources(page: _Page, *, parks: Sequence[Park], records: Mapping[str, SiteScore]) -> str:
    """The appendix: every source the shortlist's facts and bills cite, numbered, with dates."""
    seen: dict[str, str] = {}
    for park in parks:
        name = park.display_name(page.language)
        for fact in park.facts.values():
            if fact.source and fact.source not in seen:
                seen[fact.source] = (f"{name}: {page.label('fact.', fact.name)}, "
                                    f"{fact.as_of_text or page.tr('report.undated')}")
        for ln in records[park.id].bill:
            if ln.source.startswith("http") and ln.source not in seen:
                seen[ln.source] = f"{page.label('bill.q.', ln.price_quantity)} {ln.period}"
    items = "".join(f'<li>{_link(url)} <span class="muted">({_e(what)})</span></li>'
                    for url, what in seen.items())
    return (f"<h2>{_e(page.tr('report.sources'))}</h2><ol class=\"sources\">{items}</ol>"
            f"<p class=\"muted\">{_e(page.tr('report.footer'))}</p>")

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
from collections.abc import Callable, Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from metrics import Brief, CatalogScore
from metrics.brief import FIGURES
from metrics.messages import Message, render
from report.analysis import Robustness
from report.i18n import format_date, format_number, translator
from scenario import Scenario
from sites.catalog import Catalog
from sites.text import visible

CSS = """
body{font-family:Arial,Helvetica,sans-serif;color:#1b2a2f;margin:2em auto;max-width:60em;
line-height:1.4}
h1{color:#0b6e69;margin-bottom:0}h2{color:#0b6e69;border-bottom:2px solid #0b6e69;
padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.9em}
th,td{border:1px solid #ccd5d3;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f1f5f4}td.num{text-align:right;white-space:nowrap}
.fail{color:#b23a48}.pass{color:#0b6e69}.muted{color:#5f6b6d;font-size:.85em}
img{max-width:100%}a{color:#0b6e69;word-break:break-all}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}
table,img{page-break-inside:avoid}a{color:#1b2a2f}}
"""


def _e(value: object) -> str:
    return html.escape(visible(value), quote=True)  # visible(): no bidi/invisible characters


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure with its own Agg canvas and one axes (no pyplot, no global figure list)."""
    fig = Figure(figsize=(width, height))
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
    for _, row in chosen.iterrows():
        ax.annotate(visible(row["name"])[:40], (row.geometry.x, row.geometry.y), fontsize=7,
                    xytext=(4, 4), textcoords="offset points", parse_math=False, usetex=False)
    minx, miny, maxx, maxy = parks.total_bounds
    ax.set_xlim(minx - 3, maxx + 3)
    ax.set_ylim(miny - 2, maxy + 2)
    ax.set_axis_off()
    return _png(fig)


def acceptability_png(robust: Robustness, ids: Sequence[str], *, rank_label: str) -> str:
    index = {park_id: i for i, park_id in enumerate(robust.ids)}
    shown = [i for i in ids if i in index]
    names = dict(zip(robust.ids, robust.names, strict=True))
    fig, ax = _figure(7, 3.2)
    bottom = [0.0] * len(shown)
    colors = ("#0b6e69", "#e07a2f", "#3b5ba9")
    for r in range(min(3, len(robust.ids))):
        shares = [100 * float(robust.acceptability[index[i], r]) for i in shown]
        ax.bar([visible(names[i])[:28].replace("$", r"\$") for i in shown], shares, bottom=bottom,
               color=colors[r],
               label=f"{rank_label} {r + 1}")
        bottom = [b + s for b, s in zip(bottom, shares, strict=True)]
    ax.set_ylim(0, 100)
    ax.set_ylabel("%")
    ax.legend(loc="upper right", fontsize=8)
    ax.tick_params(axis="x", labelsize=8, rotation=10)
    return _png(fig)


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
                translate: Callable[..., str] | None = None) -> str:
    """The complete report of one scenario as one HTML document.

    ``scenario`` decides the language, method and normalisation stated; ``brief`` is the brief
    it describes (``scenario.brief(template)``) and ``link`` the address that reopens it.
    ``translate(key, **values)`` supplies every label (default: the catalog of the scenario's
    language), which also sets number and date formats and the document's ``lang``.
    """
    language = scenario.lang
    options = {"method": scenario.method, "normalization": scenario.normalization}
    tr = translate or translator(language)

    def n(value: float | None, decimals: int = 0) -> str:
        return format_number(value, language, decimals=decimals)

    def say(message: Message) -> str:
        return render(message, tr, number=lambda v: format_number(v, language, decimals=2,
                                                                  trim=True))

    records = {s.id: s for s in result.sites}
    parks = [catalog.by_id(i) for i in ids]
    parts = [f"<h1>{_e(tr('report.title'))}</h1>",
             f'<p class="muted">{_e(tr("report.generated", date=format_date(today, language)))}'
             f" · parkbench</p>"]
    if link:
        parts.append(f'<p class="muted">{_e(tr("report.link"))}: {_link(link)}</p>')
    # the brief
    parts.append(f"<h2>{_e(tr('report.brief'))}</h2>")
    parts.append(f"<p><b>{_e(tr('sc.template'))}:</b> {_e(tr(f'tpl.{brief.template}'))}. "
                 f"<b>{_e(tr('sc.method'))}:</b> {_e(tr('method.' + str(options['method'])))}"
                 f" ({_e(tr('norm.' + str(options['normalization'])))}).</p>")
    fig_rows = []
    for name, figure in brief.figures.items():
        if name not in FIGURES:
            continue
        basis = figure.basis + (f": {figure.note}" if figure.note else "")
        label = tr(f"fig.{name}")  # translate() returns the key when there is no message
        fig_rows.append([_td(name if label == f"fig.{name}" else label),
                         _td(n(figure.value, 2) if figure.known else tr("status.unknown"),
                             num=True), _td(FIGURES[name]),
                         _td(_link(figure.source) + " " + _e(basis), raw=True)])
    parts.append(_table([tr("report.figure"), tr("col.value"), tr("col.unit"),
                         tr("col.source")], fig_rows))
    must = ", ".join(tr(f"must.{m}") for m in sorted(brief.must_haves)) or "–"
    weights = ", ".join(f"{tr(f'crit.{c}')} {w:.0%}" for c, w in
                        zip(result.criteria_used, result.weights, strict=True)) or "–"
    parts.append(f"<p><b>{_e(tr('sc.must'))}:</b> {_e(must)}</p>"
                 f"<p><b>{_e(tr('sc.weights'))}:</b> {_e(weights)}</p>")
    # shortlist
    parts.append(f"<h2>{_e(tr('report.shortlist'))}</h2>")
    rows = []
    for park in parks:
        rec = records[park.id]
        verdict = (f'<span class="pass">{_e(tr("result.passes"))}</span>' if rec.passes else
                   f'<span class="fail">{_e("; ".join(say(r) for r in rec.reasons))}</span>')
        rows.append([_td("–" if rec.rank is None else rec.rank, num=True),
                     _td(park.display_name(language)), _td(park.country),
                     _td(n(rec.score, 3), num=True), _td(verdict, raw=True),
                     _td(n(None if rec.annual_bill_eur is None else rec.annual_bill_eur / 1e6, 2),
                         num=True),
                     _td(n(None if rec.co2_t is None else rec.co2_t / 1e3, 1), num=True)])
    parts.append(_table([tr("col.rank"), tr("col.park"), tr("col.country"), tr("col.score"),
                         tr("col.passes"), tr("col.bill"), tr("col.co2")], rows))
    if include_map:
        parts.append(f'<img alt="{_e(tr("report.map"))}" '
                     f'src="data:image/png;base64,{map_png(catalog, ids)}">')
    # bills
    parts.append(f"<h2>{_e(tr('result.bill'))}</h2>")
    for park in parks:
        rec = records[park.id]
        parts.append(f"<h3>{_e(park.display_name(language))}</h3>")
        lines = [[_td(ln.item), _td(n(ln.quantity), num=True), _td(ln.quantity_unit),
                  _td(n(ln.unit_price, 3), num=True), _td(ln.price_unit), _td(ln.level),
                  _td(ln.period), _td(n(ln.cost_eur), num=True), _td(ln.status),
                  _td(_link(ln.source) if ln.source.startswith("http") else _e(ln.source),
                      raw=True)] for ln in rec.bill]
        parts.append(_table([tr("bill.item"), tr("bill.quantity"), tr("col.unit"),
                             tr("bill.unit_price"), tr("bill.price_unit"), tr("bill.level"),
                             tr("bill.period"), tr("bill.cost"), tr("col.status"),
                             tr("col.source")], lines) if lines else
                     f"<p>{_e(tr('report.no_bill'))}</p>")
    # robustness
    parts.append(f"<h2>{_e(tr('compare.tab_robust'))}</h2>")
    if robust is None:
        parts.append(f"<p>{_e(tr('compare.no_robust'))}</p>")
    else:
        parts.append(f"<p>{_e(tr('compare.acceptability', n=robust.samples))}</p>")
        parts.append(f'<img alt="acceptability" src="data:image/png;base64,'
                     f'{acceptability_png(robust, ids, rank_label=tr("col.rank"))}">')
        for park in parks:
            if park.id in robust.ids:
                share = 100 * float(robust.acceptability[robust.ids.index(park.id), 0])
                sentence = tr("compare.first_share", park=park.display_name(language),
                              share=round(share))
                parts.append(f"<p>{_e(sentence)}</p>")
    # sources
    parts.append(f"<h2>{_e(tr('report.sources'))}</h2><ul>")
    seen: dict[str, str] = {}
    for park in parks:
        for fact in park.facts.values():
            if fact.source and fact.source not in seen:
                seen[fact.source] = f"{park.name}: {fact.date_text()}"
        for ln in records[park.id].bill:
            if ln.source.startswith("http") and ln.source not in seen:
                seen[ln.source] = f"{ln.price_quantity} {ln.period}"
    parts += [f"<li>{_link(url)} <span class=\"muted\">({_e(what)})</span></li>"
              for url, what in seen.items()]
    parts.append(f"</ul><p class=\"muted\">{_e(tr('report.footer'))}</p>")
    body = "\n".join(parts)
    return (f'<!DOCTYPE html><html lang="{_e(language)}"><head><meta charset="utf-8">'
            f"<title>{_e(tr('report.title'))}</title>"
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>{CSS}</style></head><body>{body}</body></html>")


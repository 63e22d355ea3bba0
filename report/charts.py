"""Plotly figures for the Compare and Benchmark pages and the report (no Streamlit).

Plotly renders a small HTML subset inside labels (``<a href>``, ``<b>``...), so every name
coming from data passes through :func:`label` (or :func:`wrap`, which breaks it into lines)
first: a park called ``<a href=...>`` shows as that text, never as a link.

Layout rules, checked by ``tests/report/test_charts_layout.py`` and in the browser:

- per-park charts are horizontal bars: full names on the y axis (wrapped at word boundaries,
  never cut), axes with ``automargin``, height from the number of label lines;
- legends sit below the plot in the container (``yref="container"``), where plotly reserves
  their height, so they never cover bars or tick labels;
- titles are wrapped and get a top margin for all their lines;
- radars get margins computed from their (wrapped, smaller) criterion labels, since plotly does
  not grow margins for angular tick labels, and their radial ticks sit between two axes.
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from metrics.uncertain import SiteInterval
from report.analysis import Robustness
from sites.text import visible

PALETTE = ("#0b6e69", "#e07a2f", "#3b5ba9", "#b23a48", "#6a994e", "#8e6c8a", "#c9a227")
FONT_SIZE = 13
FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": FONT_SIZE}
NAME_WIDTH = 28
"""Characters per line of a category label (park or criterion) before it wraps."""
TITLE_WIDTH = 52
"""Characters per title line: fits a half-width column at 1366 px."""
TITLE_FONT = 15
RADAR_WIDTH = 16
"""Characters per line of a radar's criterion label."""
RADAR_FONT = 11
RADAR_PX = 260
"""Height of a radar's plot area (the circle is as large as the smaller side of it)."""
LINE_PX = 17
"""Height of one label line at the chart font (px)."""
CHAR_PX = 0.6
"""Width of one character as a share of the font size (a generous sans-serif average)."""
RADAR_CHAR_PX = 0.55
"""The same for the radar's short criterion lines (closer to the real average, so the circle
keeps its size in a half-width column)."""
NOTE_STYLE = "font-size:10px;color:#b23a48"
UNDECIDED_COLOR = "#e65100"
"""Undecided must-haves (as on the Find map and in its table)."""
UNDECIDED_NOTE = f"font-size:10px;color:{UNDECIDED_COLOR}"
MUTED_NOTE = "font-size:10px;color:#757575"
LEGEND_WIDTH_PX = 420
"""Width a legend is assumed to get when estimating its rows (a half column)."""


def label(text: object) -> str:
    """Escape data text for plotly's HTML-like labels."""
    return html.escape(visible(text), quote=True).replace("$", "&#36;")  # no math, no bidi


def wrap(text: object, width: int = NAME_WIDTH) -> str:
    """:func:`label`, broken with ``<br>`` at word boundaries beyond ``width`` characters.

    Words are never cut: a word longer than ``width`` stays whole on its own line.
    """
    lines = textwrap.wrap(visible(text), width=width, break_long_words=False,
                          break_on_hyphens=False)
    return "<br>".join(label(line) for line in lines) or label("")


def unwrap(text: str) -> str:
    """The plain text of a chart label: line breaks as spaces, our own tags dropped (data text
    holds none: it is escaped), entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", text.replace("<br>", " ")))


def _lines(text: str) -> int:
    return text.count("<br>") + 1


def _longest_line(text: str) -> int:
    return max(len(unwrap(line)) for line in text.split("<br>"))


def _legend_px(entries: Sequence[str]) -> int:
    """Estimated height of a horizontal legend of ``entries`` in a half-width column (plotly
    scrolls a legend taller than its space, so the figure must make room for all of it)."""
    rows: list[list[str]] = []
    used = 0.0
    for entry in entries:
        width = 40 + CHAR_PX * FONT_SIZE * _longest_line(entry)
        if not rows or used + width > LEGEND_WIDTH_PX:
            rows, used = [*rows, []], 0.0
        rows[-1].append(entry)
        used += width
    return sum(max(map(_lines, row)) * LINE_PX + 8 for row in rows) + 12 if rows else 0


def _layout(fig: go.Figure, *, title: str, height: int, margin: Mapping[str, int] | None = None
            ) -> go.Figure:
    """Title in its own top margin, legend below the plot in the container, axes that grow
    their margins for long tick labels. ``margin["t"]`` is room wanted below the title.

    Plotly places a multi-line title by its first line (``yanchor="top"`` pushes the first
    line above the container), so the title is anchored at the bottom of its first line, one
    title font below the top, and its lines run down into the margin reserved for them.
    """
    extra = dict(margin or {})
    top = _title_px(title) + extra.pop("t", 0)
    fig.update_layout(
        title={"text": wrap(title, TITLE_WIDTH), "x": 0.0, "xanchor": "left", "xref": "container",
               "y": 1 - (TITLE_FONT + 10) / height, "yanchor": "bottom", "yref": "container",
               "font": {"size": TITLE_FONT}, "pad": {"l": 8}, "automargin": False},
        font=FONT, height=height, template="plotly_white",
        margin={"l": 10, "r": 24, "t": top, "b": 10, "autoexpand": True, **extra},
        legend={"orientation": "h", "x": 0.0, "xanchor": "left", "xref": "container",
                "y": 0.0, "yanchor": "bottom", "yref": "container", "traceorder": "normal"})
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def _title_px(title: str) -> int:
    """Top margin that holds the wrapped title."""
    return int(TITLE_FONT * 1.4 * _lines(wrap(title, TITLE_WIDTH))) + 18


def _bars_height(categories: Sequence[str], *, title: str, legend: Sequence[str] = (),
                 axis_px: int = 50) -> int:
    """Figure height for horizontal bars: every category gets room for all its label lines."""
    rows = sum(max(34, LINE_PX * _lines(c) + 14) for c in categories)
    return max(220, rows + _title_px(title) + _legend_px(legend) + axis_px)


def radar(scaled: pd.DataFrame, names: Mapping[str, str], axis_labels: Mapping[str, str], *,
          title: str) -> go.Figure:
    """Normalised criteria (1 = best site) of each park as a polar trace.

    The first criterion points up and the rest follow clockwise; the radial ticks (0.5, 1) sit
    halfway between the first two axes so they never cover a criterion label.
    """
    columns = [c for c in scaled.columns if scaled[c].notna().any()]
    theta = [wrap(axis_labels.get(c, c), RADAR_WIDTH) for c in columns]
    fig = go.Figure()
    for i, (park_id, row) in enumerate(scaled[columns].iterrows()):
        values = row.to_numpy(dtype=float)
        fig.add_trace(go.Scatterpolar(
            r=[*values, values[0]] if len(values) else [],
            theta=[*theta, theta[0]] if theta else [],
            name=wrap(names.get(str(park_id), park_id), 40), fill="toself", opacity=0.55,
            line={"color": PALETTE[i % len(PALETTE)]}, connectgaps=False,
            hovertemplate="%{theta}: %{r:.2f}<extra>%{fullData.name}</extra>"))
    n = max(len(columns), 1)
    fig.update_layout(polar={
        "radialaxis": {"range": [0, 1], "tickvals": [0.5, 1.0], "tickformat": ".1f",
                       "angle": 90 - 180 / n, "tickangle": 90 - 180 / n,
                       "tickfont": {"size": 9, "color": "#6b7778"}},
        "angularaxis": {"rotation": 90, "direction": "clockwise",
                        "tickfont": {"size": RADAR_FONT}}})
    legend = [trace.name for trace in fig.data]
    margin = radar_margin(theta)
    margin["b"] += _legend_px(legend)  # plotly reserves the legend's room, not the labels' too
    height = RADAR_PX + margin["t"] + margin["b"] + _title_px(title)
    return _layout(fig, title=title, height=height, margin=margin)


def radar_margin(theta: Sequence[str]) -> dict[str, int]:
    """Margins (px) that hold a radar's angular labels, which plotly does not automargin.

    The labels go clockwise from the top. One beside the circle reaches its full width
    outwards, one near the top or bottom half of it (plotly centres those); the lines of the
    labels near the vertical axis reach above and below.
    """
    if not theta:
        return {"l": 20, "r": 20, "t": 20, "b": 20}
    side, vertical = 0.0, 1
    for k, text in enumerate(theta):
        angle = 2 * math.pi * k / len(theta)
        width = _longest_line(text) * RADAR_CHAR_PX * RADAR_FONT
        side = max(side, width if abs(math.sin(angle)) > 0.3 else width / 2)
        if abs(math.cos(angle)) > 0.5:
            vertical = max(vertical, _lines(text))
    side_px, vertical_px = int(side + 24), vertical * (RADAR_FONT + 4) + 16
    return {"l": side_px, "r": side_px, "t": vertical_px, "b": vertical_px}


def bill_stack(bills: pd.DataFrame, *, title: str, unit_label: str, unpriced_label: str,
               names: Mapping[str, str] | None = None) -> go.Figure:
    """Annual bill per park (horizontal bars stacked by utility line, M€/a).

    ``names`` (park id → name) overrides the bill's own names; a park with unpriced lines says
    which under its name.
    """
    fig = go.Figure()
    ids = list(dict.fromkeys(bills["id"])) if len(bills) else []
    by_id = dict(zip(bills["id"], bills["name"], strict=True)) if len(bills) else {}
    plain = {i: (names or {}).get(i, by_id[i]) for i in ids}
    missing = bills[bills["cost_eur"].isna()] if len(bills) else bills
    unpriced = {i: ", ".join(dict.fromkeys(g["item"])) for i, g in missing.groupby("id")}
    y = [_with_note(plain[i], unpriced.get(i), unpriced_label) for i in ids]
    items = list(dict.fromkeys(bills["item"])) if len(bills) else []
    for k, item in enumerate(items):
        part = bills[bills["item"] == item].set_index("id").reindex(ids)
        fig.add_trace(go.Bar(y=y, x=part["cost_eur"] / 1e6, orientation="h",
                             name=label(item), marker_color=PALETTE[k % len(PALETTE)],
                             customdata=[label(plain[i]) for i in ids],
                             hovertemplate=("%{customdata}<br>%{fullData.name}: %{x:.3f} M€/a"
                                            "<extra></extra>")))
    fig.update_layout(barmode="stack", xaxis={"title": label(unit_label)},
                      yaxis={"autorange": "reversed"})
    legend = [label(i) for i in items]
    return _layout(fig, title=title, height=_bars_height(y, title=title, legend=legend))


def _with_note(name: str, unpriced: str | None, unpriced_label: str) -> str:
    """A park's wrapped name, with the utilities its bill could not price on smaller lines."""
    text = wrap(name)
    if unpriced:
        lines = wrap(f"{unpriced_label}: {unpriced}", NAME_WIDTH + 8).split("<br>")
        text += "".join(f'<br><span style="{NOTE_STYLE}">{line}</span>' for line in lines)
    return text


def contribution_bars(contrib: pd.DataFrame, names: Mapping[str, str],
                      axis_labels: Mapping[str, str], *, title: str) -> go.Figure:
    """Each criterion's share of each park's score, as horizontal stacked bars."""
    fig = go.Figure()
    y = [wrap(names.get(str(i), i)) for i in contrib.index]
    legend = [label(axis_labels.get(c, c)) for c in contrib.columns]
    for j, column in enumerate(contrib.columns):
        fig.add_trace(go.Bar(y=y, x=contrib[column], orientation="h", name=legend[j],
                             marker_color=PALETTE[j % len(PALETTE)]))
    fig.update_layout(barmode="relative", yaxis={"autorange": "reversed"})
    return _layout(fig, title=title, height=_bars_height(y, title=title, legend=legend))


def acceptability_bars(rob: Robustness, ids: Sequence[str], *, title: str,
                       rank_label: str, share_label: str, max_rank: int = 3,
                       names: Mapping[str, str] | None = None) -> go.Figure:
    """How often each park takes rank 1, 2, 3... across the sampled weightings (percent)."""
    index = {park_id: i for i, park_id in enumerate(rob.ids)}
    shown = [i for i in ids if i in index]
    own = dict(zip(rob.ids, rob.names, strict=True))
    y = [wrap((names or {}).get(i, own[i])) for i in shown]
    fig = go.Figure()
    legend = [label(f"{rank_label} {r + 1}") for r in range(min(max_rank, len(rob.ids)))]
    for r, entry in enumerate(legend):
        shares = [100.0 * float(rob.acceptability[index[i], r]) for i in shown]
        fig.add_trace(go.Bar(y=y, x=shares, orientation="h", name=entry,
                             marker_color=PALETTE[r % len(PALETTE)],
                             text=[f"{s:.0f} %" if s >= 5 else "" for s in shares],
                             textposition="inside", insidetextanchor="middle"))
    fig.update_layout(barmode="stack", xaxis={"title": label(share_label), "range": [0, 100]},
                      yaxis={"autorange": "reversed"})
    return _layout(fig, title=title, height=_bars_height(y, title=title, legend=legend))


def rank_intervals(sites: Sequence[SiteInterval], names: Mapping[str, str], *, title: str,
                   rank_label: str, score_label: str, range_label: str,
                   undecided_range_label: str, today_label: str, undecided_label: str,
                   fails_label: str) -> go.Figure:
    """Per park: its possible ranks (left) and scores (right) as range bars, today's marked.

    ``sites`` is :func:`report.analysis.interval_sites`. A rank range spans whole ranks (a
    certain rank is a one-rank bar). Parks whose must-haves pass are teal, undecided ones
    orange (two legend entries) with a note under the name; one that fails for sure has no
    bars and says so under its name. Diamonds mark today's rank and score.
    """
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.06,
                        column_widths=[0.6, 0.4])
    y = [_status_label(names.get(s.id, s.id), s.must_have_status, undecided_label,
                       fails_label) for s in sites]
    last = 1
    for status, name, color in (("pass", range_label, PALETTE[0]),
                                ("undecided", undecided_range_label, UNDECIDED_COLOR)):
        picked = [(y[k], s, b) for k, s in enumerate(sites) if s.must_have_status == status
                  and (b := _bounds(s)) is not None]
        if not picked:
            continue
        last = max(last, *(b[1] for _, _, b in picked))
        ys = [row for row, _, _ in picked]
        fig.add_trace(go.Bar(
            y=ys, x=[b[1] - b[0] + 0.8 for _, _, b in picked],
            base=[b[0] - 0.4 for _, _, b in picked], orientation="h", name=label(name),
            legendgroup=status, marker_color=color, opacity=0.8,
            customdata=[_span(b[0], b[1]) for _, _, b in picked],
            hovertemplate="%{customdata}<extra>%{fullData.name}</extra>"), row=1, col=1)
        fig.add_trace(go.Bar(
            y=ys, x=[max(b[2] - b[3], 0.004) for _, _, b in picked],
            base=[b[3] for _, _, b in picked], orientation="h", name=label(name),
            legendgroup=status, showlegend=False, marker_color=color, opacity=0.55,
            customdata=[[b[3], b[2]] for _, _, b in picked],
            hovertemplate="%{customdata[0]:.3f}–%{customdata[1]:.3f}<extra>"
                          "%{fullData.name}</extra>"), row=1, col=2)
    fig.add_trace(_today(y, [s.rank for s in sites], today_label, show=True), row=1, col=1)
    fig.add_trace(_today(y, [s.score for s in sites], today_label, show=False), row=1, col=2)
    fig.update_xaxes(title_text=label(rank_label), range=[0.4, last + 0.6], row=1, col=1,
                     tick0=1, dtick=max(1, math.ceil(last / 8)))
    fig.update_xaxes(title_text=label(score_label), range=[0, 1], row=1, col=2)
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=y)
    fig.update_layout(barmode="overlay", bargap=0.35)
    legend = [str(trace.name) for trace in fig.data if trace.showlegend is not False]
    return _layout(fig, title=title, height=_bars_height(y, title=title, legend=legend))


def _bounds(site: SiteInterval) -> tuple[int, int, float, float] | None:
    """Best and worst rank, best and worst score (``None`` for a park that cannot pass)."""
    if site.best_rank is None or site.worst_rank is None or site.best_score is None \
            or site.worst_score is None:
        return None
    return site.best_rank, site.worst_rank, site.best_score, site.worst_score


def _span(best: int, worst: int) -> str:
    return str(best) if best == worst else f"{best}–{worst}"


def _today(y: Sequence[str], values: Sequence[float | None], name: str, *, show: bool
           ) -> go.Scatter:
    """Today's rank or score as a diamond (none where the point check excludes the park)."""
    return go.Scatter(y=y, x=list(values), mode="markers", name=label(name), legendgroup="today",
                      showlegend=show, marker={"symbol": "diamond", "size": 11,
                                               "color": "#1b2a2f"},
                      hovertemplate="%{x}<extra>%{fullData.name}</extra>")


def _status_label(name: str, status: str, undecided_label: str, fails_label: str) -> str:
    """A park's wrapped name, with its must-have status on a smaller line when not a pass."""
    note, style = {"undecided": (undecided_label, UNDECIDED_NOTE),
                   "fail": (fails_label, MUTED_NOTE)}.get(status, ("", ""))
    text = wrap(name)
    if note:
        text += "".join(f'<br><span style="{style}">{line}</span>'
                        for line in wrap(note, NAME_WIDTH + 8).split("<br>"))
    return text


def percentile_bars(percentiles: Mapping[str, float | None], axis_labels: Mapping[str, str], *,
                    title: str, unknown_label: str, axis_title: str = "percentile"
                    ) -> go.Figure:
    """Percentile of the park on each criterion within its peer group (100 = best)."""
    names = list(percentiles)
    values = [percentiles[n] for n in names]
    colors = ["#cccccc" if v is None else ("#0b6e69" if v >= 50 else "#e07a2f") for v in values]
    y = [wrap(axis_labels.get(n, n)) for n in names]
    fig = go.Figure(go.Bar(
        y=y, x=[0 if v is None else v for v in values], orientation="h", marker_color=colors,
        text=[label(unknown_label) if v is None else f"{v:.0f}" for v in values],
        textposition="outside", cliponaxis=False, showlegend=False))
    fig.add_vline(x=50, line_dash="dot", line_color="#888888")
    fig.update_layout(xaxis={"range": [0, 115], "title": label(axis_title)},
                      yaxis={"autorange": "reversed"}, showlegend=False)
    return _layout(fig, title=title, height=_bars_height(y, title=title))


def versus_median(scaled: pd.DataFrame, park_id: str, peer_ids: Sequence[str],
                  names: Mapping[str, str], axis_labels: Mapping[str, str], *, title: str,
                  median_label: str) -> go.Figure:
    """Radar of one park against the median of its peers (normalised, 1 = best)."""
    median = scaled.reindex([p for p in peer_ids if p != park_id]).median(numeric_only=True)
    frame = pd.DataFrame({park_id: scaled.loc[park_id], "__median__": median}).T
    return radar(frame, {**names, "__median__": median_label}, axis_labels, title=title)


def is_finite(value: float | None) -> bool:
    return value is not None and bool(np.isfinite(value))

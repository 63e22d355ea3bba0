"""Plotly figures for the Compare and Benchmark pages and the report (no Streamlit).

Plotly renders a small HTML subset inside labels (``<a href>``, ``<b>``...), so every name
coming from data passes through :func:`label` first: a park called ``<a href=...>`` shows as
that text, never as a link.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from report.analysis import Robustness
from sites.text import visible

PALETTE = ("#0b6e69", "#e07a2f", "#3b5ba9", "#b23a48", "#6a994e", "#8e6c8a", "#c9a227")
FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 13}


def label(text: object) -> str:
    """Escape data text for plotly's HTML-like labels."""
    return html.escape(visible(text), quote=True).replace("$", "&#36;")  # no math, no bidi


def _layout(fig: go.Figure, *, title: str, height: int = 420) -> go.Figure:
    fig.update_layout(title={"text": label(title), "x": 0.0, "xanchor": "left"}, font=FONT,
                      height=height, margin={"l": 10, "r": 10, "t": 50, "b": 10},
                      legend={"orientation": "h", "y": -0.15}, template="plotly_white")
    return fig


def radar(scaled: pd.DataFrame, names: Mapping[str, str], axis_labels: Mapping[str, str], *,
          title: str) -> go.Figure:
    """Normalised criteria (1 = best site) of each park as a polar trace."""
    columns = [c for c in scaled.columns if scaled[c].notna().any()]
    theta = [label(axis_labels.get(c, c)) for c in columns]
    fig = go.Figure()
    for i, (park_id, row) in enumerate(scaled[columns].iterrows()):
        values = row.to_numpy(dtype=float)
        fig.add_trace(go.Scatterpolar(
            r=[*values, values[0]] if len(values) else [],
            theta=[*theta, theta[0]] if theta else [],
            name=label(names.get(str(park_id), park_id)), fill="toself", opacity=0.55,
            line={"color": PALETTE[i % len(PALETTE)]}, connectgaps=False))
    fig.update_layout(polar={"radialaxis": {"range": [0, 1], "tickformat": ".1f"}})
    return _layout(fig, title=title, height=460)


def bill_stack(bills: pd.DataFrame, *, title: str, unit_label: str,
               unpriced_label: str) -> go.Figure:
    """Annual bill per park, stacked by utility line (M€/a); unpriced lines are marked."""
    fig = go.Figure()
    names = list(dict.fromkeys(bills["name"])) if len(bills) else []
    for i, item in enumerate(dict.fromkeys(bills["item"]) if len(bills) else []):
        part = bills[bills["item"] == item].set_index("name").reindex(names)
        fig.add_trace(go.Bar(x=[label(n) for n in names], y=part["cost_eur"] / 1e6,
                             name=label(item), marker_color=PALETTE[i % len(PALETTE)],
                             hovertemplate=("%{x}<br>%{fullData.name}: %{y:.3f} M€/a"
                                            "<extra></extra>")))
    missing = bills[bills["cost_eur"].isna()] if len(bills) else bills
    for name, group in missing.groupby("name") if len(missing) else []:
        fig.add_annotation(x=label(name), y=0, yshift=-2, showarrow=False, yanchor="top",
                           text=label(f"{unpriced_label}: " + ", ".join(group["item"])),
                           font={"size": 10, "color": "#b23a48"})
    fig.update_layout(barmode="stack", yaxis_title=label(unit_label))
    return _layout(fig, title=title)


def contribution_bars(contrib: pd.DataFrame, names: Mapping[str, str],
                      axis_labels: Mapping[str, str], *, title: str) -> go.Figure:
    """Each criterion's share of each park's score, as horizontal stacked bars."""
    fig = go.Figure()
    y = [label(names.get(str(i), i)) for i in contrib.index]
    for j, column in enumerate(contrib.columns):
        fig.add_trace(go.Bar(y=y, x=contrib[column], orientation="h",
                             name=label(axis_labels.get(column, column)),
                             marker_color=PALETTE[j % len(PALETTE)]))
    fig.update_layout(barmode="relative", yaxis={"autorange": "reversed"})
    return _layout(fig, title=title, height=max(260, 60 * len(y) + 120))


def acceptability_bars(rob: Robustness, ids: Sequence[str], *, title: str,
                       rank_label: str, share_label: str, max_rank: int = 3) -> go.Figure:
    """How often each park takes rank 1, 2, 3... across the sampled weightings (percent)."""
    index = {park_id: i for i, park_id in enumerate(rob.ids)}
    shown = [i for i in ids if i in index]
    names = dict(zip(rob.ids, rob.names, strict=True))
    fig = go.Figure()
    for r in range(min(max_rank, len(rob.ids))):
        shares = [100.0 * float(rob.acceptability[index[i], r]) for i in shown]
        fig.add_trace(go.Bar(x=[label(names[i]) for i in shown], y=shares,
                             name=label(f"{rank_label} {r + 1}"),
                             marker_color=PALETTE[r % len(PALETTE)],
                             text=[f"{s:.0f} %" for s in shares], textposition="inside"))
    fig.update_layout(barmode="stack", yaxis={"title": label(share_label), "range": [0, 100]})
    return _layout(fig, title=title)


def percentile_bars(percentiles: Mapping[str, float | None], axis_labels: Mapping[str, str], *,
                    title: str, unknown_label: str) -> go.Figure:
    """Percentile of the park on each criterion within its peer group (100 = best)."""
    names = list(percentiles)
    values = [percentiles[n] for n in names]
    colors = ["#cccccc" if v is None else ("#0b6e69" if v >= 50 else "#e07a2f") for v in values]
    fig = go.Figure(go.Bar(
        y=[label(axis_labels.get(n, n)) for n in names],
        x=[0 if v is None else v for v in values], orientation="h", marker_color=colors,
        text=[label(unknown_label) if v is None else f"{v:.0f}" for v in values],
        textposition="outside", cliponaxis=False))
    fig.add_vline(x=50, line_dash="dot", line_color="#888888")
    fig.update_layout(xaxis={"range": [0, 110], "title": "percentile"},
                      yaxis={"autorange": "reversed"})
    return _layout(fig, title=title, height=max(280, 36 * len(names) + 120))


def versus_median(scaled: pd.DataFrame, park_id: str, peer_ids: Sequence[str],
                  names: Mapping[str, str], axis_labels: Mapping[str, str], *, title: str,
                  median_label: str) -> go.Figure:
    """Radar of one park against the median of its peers (normalised, 1 = best)."""
    median = scaled.reindex([p for p in peer_ids if p != park_id]).median(numeric_only=True)
    frame = pd.DataFrame({park_id: scaled.loc[park_id], "__median__": median}).T
    return radar(frame, {**names, "__median__": median_label}, axis_labels, title=title)


def is_finite(value: float | None) -> bool:
    return value is not None and bool(np.isfinite(value))

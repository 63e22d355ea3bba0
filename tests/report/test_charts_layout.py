"""Chart layout: legends outside the plot area, full category labels, room for radar labels.

Every plotly builder is rendered with the real catalog, the three longest park names in it and
one synthetic park (a 60-character name, labelled SYNTHETIC, for this test only); the checks
read the figure JSON. The matplotlib acceptability chart of the report is drawn and measured
with its own renderer. The browser test (``tests/browser/test_chart_layout.py``) checks the
layout plotly really draws.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from metrics import CRITERIA, CatalogScore, load_template, score_catalog
from metrics.uncertain import UncertainScore, evaluate_uncertain, rank_uncertain
from report import charts
from report.analysis import (
    Robustness,
    bills_long,
    contributions,
    interval_sites,
    normalised_criteria,
    robustness,
)
from report.build import acceptability_figure
from report.i18n import translator
from sites import load_catalog
from sites.catalog import Catalog
from sites.prices import load_prices

SYNTHETIC = "SYNTHETIC test park with a deliberately long sixty-char name"
tr = translator("en")


@dataclasses.dataclass(frozen=True)
class Case:
    catalog: Catalog
    result: CatalogScore
    robust: Robustness
    ids: list[str]
    names: dict[str, str]
    uncertain: UncertainScore

    @property
    def crit(self) -> dict[str, str]:
        return {c: tr(f"crit.{c}") for c in CRITERIA}


@pytest.fixture(scope="module")
def case() -> Case:
    catalog = load_catalog()
    longest = sorted(catalog, key=lambda p: -len(p.display_name("en")))[:3]
    kip = catalog.by_id("kokkola-kip")
    assert len(SYNTHETIC) == 60
    catalog = catalog.replace_park(dataclasses.replace(kip, name=SYNTHETIC))
    brief = dataclasses.replace(load_template("pcam"), must_haves=frozenset())
    result = score_catalog(catalog, load_prices(), brief)
    robust = robustness(result, samples=500)
    assert robust is not None
    ids = [p.id for p in longest] + ["kokkola-kip"]
    assert all(i in robust.ids for i in ids)
    pcam = load_template("pcam")  # with its must-haves: undecided and failing parks too
    uncertain = rank_uncertain(evaluate_uncertain(catalog, load_prices(), pcam,
                                                  unknown_fails=False), pcam.weights)
    return Case(catalog, result, robust, ids, {p.id: p.display_name("en") for p in catalog},
                uncertain)


def _figures(case: Case) -> Iterator[tuple[str, dict[str, Any], list[str]]]:
    """(builder, figure JSON, the full texts its category axis or legend must show)."""
    r, ids, names, crit = case.result, case.ids, case.names, case.crit
    used = list(r.criteria_used)
    full = [names[i] for i in ids]
    yield ("radar", _json(charts.radar(normalised_criteria(r, ids)[used], names, crit,
                                       title=tr("compare.radar"))), [crit[c] for c in used] + full)
    yield ("bill_stack", _json(charts.bill_stack(
        bills_long(r, ids), title=tr("compare.bill"), unit_label=tr("compare.meur"),
        unpriced_label=tr("compare.unpriced"), names=names)), full)
    yield ("contribution_bars", _json(charts.contribution_bars(
        contributions(r, ids), names, crit, title=tr("compare.contrib"))), full)
    yield ("acceptability_bars", _json(charts.acceptability_bars(
        case.robust, ids, title=tr("compare.acceptability", n=case.robust.samples),
        rank_label=tr("col.rank"), share_label=tr("compare.share"), names=names)), full)
    yield ("rank_intervals", _json(charts.rank_intervals(
        interval_sites(case.uncertain, ids), names, title=tr("compare.iv_title"),
        rank_label=tr("compare.iv_rank_axis"), score_label=tr("compare.iv_score_axis"),
        range_label=tr("compare.iv_ranks"),
        undecided_range_label=tr("compare.iv_ranks_undecided"), today_label=tr("compare.iv_today"),
        undecided_label=tr("compare.iv_undecided"), fails_label=tr("compare.iv_fails"))), full)
    peers = list(case.catalog.peer_ids("finland"))
    yield ("percentile_bars", _json(charts.percentile_bars(
        {c: 10.0 * k for k, c in enumerate(used)} | {"land_margin_ha": None}, crit,
        title=tr("bench.percentiles"), unknown_label=tr("status.unknown"))),
        [crit[c] for c in [*used, "land_margin_ha"] if c in crit])
    group = list(dict.fromkeys([*ids, *peers]))
    yield ("versus_median", _json(charts.versus_median(
        normalised_criteria(r, group, scale_over=group)[used], "kokkola-kip", peers, names, crit,
        title=tr("bench.radar"), median_label=tr("bench.median"))),
        [crit[c] for c in used] + [SYNTHETIC, tr("bench.median")])


def _json(fig: Any) -> dict[str, Any]:
    return json.loads(fig.to_json())


def _plain(text: str) -> str:
    return " ".join(charts.unwrap(text).split())


def _legend_shown(fig: dict[str, Any]) -> bool:
    layout = fig["layout"]
    if layout.get("showlegend") is False:
        return False
    shown = [t for t in fig["data"] if t.get("showlegend", True)]
    return len(shown) > 1 or any(t.get("showlegend") for t in shown)


def _legend_outside(legend: dict[str, Any]) -> bool:
    """The legend box lies outside the [0, 1] plot domain (paper) or in the container's margin
    below/above the plot, which plotly reserves for it (container references)."""
    x, y = legend.get("x", 1.02), legend.get("y", 1.0)
    xanchor, yanchor = legend.get("xanchor", "left"), legend.get("yanchor", "auto")
    if legend.get("yref") == "container":
        return (y <= 0.0 and yanchor == "bottom") or (y >= 1.0 and yanchor == "top")
    below = y <= 0.0 and yanchor == "top"
    above = y >= 1.0 and yanchor == "bottom"
    beside = (x >= 1.0 and xanchor == "left") or (x <= 0.0 and xanchor == "right")
    return below or above or beside


def _categories(fig: dict[str, Any]) -> list[str]:
    """Category labels as shown: the y values of horizontal bars, the thetas of a radar."""
    found: dict[str, None] = {}
    for trace in fig["data"]:
        values = trace.get("theta") if trace["type"] == "scatterpolar" else trace.get("y")
        found |= dict.fromkeys(v for v in values or [] if isinstance(v, str))
    return list(found)


CASES = ["radar", "bill_stack", "contribution_bars", "acceptability_bars", "rank_intervals",
         "percentile_bars", "versus_median"]


@pytest.fixture(scope="module")
def figures(case: Case) -> dict[str, tuple[dict[str, Any], list[str]]]:
    return {name: (fig, full) for name, fig, full in _figures(case)}


def test_every_builder_is_covered(figures) -> None:
    builders = {n for n in dir(charts) if callable(getattr(charts, n)) and not n.startswith("_")
                and getattr(getattr(charts, n), "__module__", "") == charts.__name__}
    helpers = {"label", "wrap", "unwrap", "radar_margin", "is_finite"}
    assert builders - helpers == set(CASES) == set(figures)


@pytest.mark.parametrize("name", CASES)
def test_legend_lies_outside_the_plot_area_or_is_absent(figures, name: str) -> None:
    fig, _ = figures[name]
    if _legend_shown(fig):
        legend = fig["layout"]["legend"]
        assert _legend_outside(legend), legend
        assert legend.get("orientation") == "h"


@pytest.mark.parametrize("name", CASES)
def test_category_labels_are_shown_in_full(figures, name: str) -> None:
    """Every park or criterion name appears whole (after unwrapping the line breaks) on the
    category axis or in the legend; nothing is cut or ellipsised."""
    fig, full = figures[name]
    shown = [_plain(c) for c in _categories(fig)]
    shown += [_plain(t["name"]) for t in fig["data"] if "name" in t]
    assert shown, name
    for text in shown:
        assert "…" not in text and "..." not in text, text
    for expected in full:
        want = " ".join(expected.split())
        assert any(s == want or s.startswith(want + " ") for s in shown), (want, shown)
    assert any(SYNTHETIC in s for s in shown) or name == "percentile_bars"


@pytest.mark.parametrize("name", CASES)
def test_labels_wrap_at_word_boundaries(figures, name: str) -> None:
    fig, _ = figures[name]
    width = charts.RADAR_WIDTH if name in {"radar", "versus_median"} else charts.NAME_WIDTH + 8
    for text in _categories(fig):
        for line in charts.unwrap(text.replace("<br>", "\n")).split("\n"):
            assert len(line) <= width or " " not in line.strip(), line


@pytest.mark.parametrize("name", ["bill_stack", "contribution_bars", "acceptability_bars",
                                  "rank_intervals", "percentile_bars"])
def test_bars_are_horizontal_with_room_for_every_label_line(figures, name: str) -> None:
    fig, _ = figures[name]
    layout = fig["layout"]
    assert all(t.get("orientation") == "h" for t in fig["data"] if t["type"] == "bar")
    assert layout["yaxis"]["automargin"] is True and layout["xaxis"]["automargin"] is True
    assert "tickangle" not in layout["yaxis"]
    lines = sum(c.count("<br>") + 1 for c in _categories(fig))
    plot_px = layout["height"] - layout["margin"]["t"] - 60  # x axis and its title
    if _legend_shown(fig):
        plot_px -= charts._legend_px([t["name"] for t in fig["data"]])
    assert plot_px >= 15 * lines, (plot_px, lines)


@pytest.mark.parametrize("name", ["radar", "versus_median"])
def test_radar_margins_hold_its_labels_and_title(figures, name: str) -> None:
    """Plotly does not grow margins for angular labels: the figure must hold them itself."""
    fig, _ = figures[name]
    layout, polar = fig["layout"], fig["layout"]["polar"]
    theta = _categories(fig)
    font = polar["angularaxis"]["tickfont"]["size"]
    longest = max(len(charts.unwrap(line)) for t in theta for line in t.split("<br>"))
    # a label beside the circle reaches its full width outwards (Arial averages ~0.5 em)
    assert min(layout["margin"]["l"], layout["margin"]["r"]) >= 0.5 * font * longest
    label_lines = max(t.count("<br>") + 1 for t in theta)
    title_lines = layout["title"]["text"].count("<br>") + 1
    title_font = layout["title"]["font"]["size"]
    assert layout["margin"]["t"] >= 1.2 * title_font * title_lines + 1.2 * font * label_lines
    legend = charts._legend_px([t["name"] for t in fig["data"]])
    assert layout["margin"]["b"] >= 1.2 * font * label_lines + legend
    # the radial ticks sit halfway between two criteria, never on one of them
    n = len(theta)
    angle = polar["radialaxis"]["angle"]
    spokes = [(90 - 360 * k / n) % 360 for k in range(n)]
    assert min(abs((angle - s + 180) % 360 - 180) for s in spokes) >= 360 / n / 2 - 1e-9
    assert polar["angularaxis"]["direction"] == "clockwise"


@pytest.mark.parametrize("name", CASES)
def test_titles_are_wrapped_and_complete(figures, name: str) -> None:
    fig, _ = figures[name]
    title = fig["layout"]["title"]
    lines = charts.unwrap(title["text"].replace("<br>", "\n")).split("\n")
    assert all(len(line) <= charts.TITLE_WIDTH for line in lines), lines
    assert title["yref"] == "container" and title["yanchor"] == "bottom"
    assert fig["layout"]["margin"]["t"] >= 1.2 * title["font"]["size"] * len(lines)


def test_wrap_never_cuts_a_word_and_keeps_names_escaped() -> None:
    long_word = "Supercalifragilisticexpialidocious-industrial-park-of-Kokkola"
    assert charts.unwrap(charts.wrap(long_word)) == long_word
    wrapped = charts.wrap("<a href=x>Kokkola Industrial Park</a> $x$ and more words here")
    assert "<a" not in wrapped and "$" not in wrapped and "<br>" in wrapped
    assert charts.unwrap(wrapped) == "<a href=x>Kokkola Industrial Park</a> $x$ and more words here"


# --- the report's matplotlib chart -------------------------------------------------------

def _draw(case: Case) -> tuple[Any, Any, Any]:
    fig = acceptability_figure(case.robust, case.ids, rank_label=tr("col.rank"),
                               names=case.names)
    fig.canvas.draw()
    return fig, fig.axes[0], fig.canvas.get_renderer()


def test_report_chart_legend_lies_outside_the_axes(case: Case) -> None:
    _, ax, renderer = _draw(case)
    legend = ax.get_legend()
    assert legend is not None
    box, axes = legend.get_window_extent(renderer), ax.get_window_extent(renderer)
    assert not box.overlaps(axes), (box, axes)


def test_report_chart_shows_full_names_on_horizontal_bars(case: Case) -> None:
    fig, ax, renderer = _draw(case)
    labels = ax.get_yticklabels()
    assert [" ".join(t.get_text().split()) for t in labels] == [
        " ".join(case.names[i].split()) for i in case.ids]
    assert all(len(line) <= 28 for t in labels for line in t.get_text().split("\n")
               if " " in line)
    assert ax.get_xlim() == (0.0, 100.0)  # shares along x: the bars are horizontal
    boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.y0)
    for lower, upper in itertools.pairwise(boxes):  # wrapped names never collide
        assert lower.y1 <= upper.y0 + 0.5, (lower, upper)
    figure = fig.bbox  # constrained layout: names and legend inside the figure itself
    for extent in [t.get_window_extent(renderer) for t in labels] + [
            ax.get_legend().get_window_extent(renderer)]:
        assert extent.x0 >= figure.x0 - 1 and extent.x1 <= figure.x1 + 1, (extent, figure)
        assert extent.y0 >= figure.y0 - 1 and extent.y1 <= figure.y1 + 1, (extent, figure)


def test_report_chart_png_is_cropped_to_its_content_and_legend(case: Case) -> None:
    """``bbox_inches="tight"``: the saved image is as wide as the axes plus the legend."""
    import base64
    import io

    from matplotlib.image import imread

    from report.build import acceptability_png

    fig, ax, renderer = _draw(case)
    legend = ax.get_legend().get_window_extent(renderer)
    png = acceptability_png(case.robust, case.ids, rank_label=tr("col.rank"), names=case.names)
    width = imread(io.BytesIO(base64.b64decode(png)), format="png").shape[1]
    labels_left = min(t.get_window_extent(renderer).x0 for t in ax.get_yticklabels())
    assert width >= (legend.x1 - labels_left) / fig.dpi * 130 - 2


def test_unpriced_lines_are_named_under_the_park_not_over_the_bars(case: Case) -> None:
    bills = bills_long(case.result, case.ids)
    bills.loc[bills.index[0], "cost_eur"] = float("nan")  # one line the prices cannot price
    fig = _json(charts.bill_stack(bills, title=tr("compare.bill"), unit_label="M€",
                                  unpriced_label=tr("compare.unpriced"), names=case.names))
    first = _plain(_categories(fig)[0])
    name = " ".join(case.names[str(bills.iloc[0]["id"])].split())
    assert first == f"{name} {tr('compare.unpriced')}: {bills.iloc[0]['item']}"
    assert not fig["layout"].get("annotations")


def test_empty_inputs_still_give_a_figure() -> None:
    assert charts.radar(pd.DataFrame(), {}, {}, title="t").layout.height > 0
    empty = bills_long(score_catalog(load_catalog(), load_prices(), load_template("pcam")), [])
    assert charts.bill_stack(empty, title="t", unit_label="u", unpriced_label="x").data == ()


def test_report_interval_chart_names_every_park_and_keeps_the_legend_off_the_axes(case: Case
                                                                                   ) -> None:
    from report.build import IntervalLabels, interval_figure

    labels = IntervalLabels(tr("compare.iv_rank_axis"), tr("compare.iv_score_axis"),
                            tr("compare.iv_ranks"), tr("compare.iv_ranks_undecided"),
                            tr("compare.iv_today"), tr("compare.iv_undecided"),
                            tr("compare.iv_fails"))
    fig = interval_figure(case.uncertain, case.ids, labels=labels, names=case.names)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    rank_ax, score_ax = fig.axes
    ticks = [" ".join(t.get_text().split()) for t in rank_ax.get_yticklabels()]
    for park_id, tick in zip(case.ids, ticks, strict=True):
        assert tick.startswith(" ".join(case.names[park_id].split())), (tick, park_id)
    legend = fig.legends[0].get_window_extent(renderer)
    for ax in (rank_ax, score_ax):
        assert not legend.overlaps(ax.get_window_extent(renderer))
    assert score_ax.get_xlim() == (0.0, 1.0)

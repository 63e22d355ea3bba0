"""Investor briefs: TOML templates, figures with provenance, validation."""

import pytest

from metrics.brief import (
    FIGURES,
    TEMPLATE_DIR,
    load_brief,
    load_template,
    parse_brief,
    template_names,
)
from metrics.criteria import CRITERIA
from metrics.errors import BriefError


def test_all_templates_load_and_every_figure_has_provenance():
    assert {"pcam", "cam", "lioh", "black_mass", "cell", "generic_chemical", "custom"} <= set(
        template_names())
    for name in template_names():
        b = load_template(name)
        for fig in b.figures.values():
            assert fig.basis in ("source", "estimate", "unknown"), (name, fig)
            if fig.basis == "source":
                assert fig.source.startswith("https://")
            if fig.basis in ("estimate", "unknown"):
                assert fig.note, (name, fig)
        assert set(b.weights) <= set(CRITERIA)


def test_template_notes_cite_public_sources_not_internal_research_notes():
    """The sidebar shows figure notes as help: no "criteria.md A5" a reader cannot open."""
    for name in template_names():
        text = (TEMPLATE_DIR / f"{name}.toml").read_text(encoding="utf-8")
        assert "criteria.md" not in text and "research/" not in text, name


def test_figure_ranges_from_real_plants():
    """A range keeps its typical value for the point bill; without one it takes the midpoint."""
    cell = load_template("cell").figures["electricity_gwh_a"]
    assert cell.interval() == (1320.0, 2600.0) and cell.value == 2000.0  # 33-65 kWh/kWh x 40
    assert "chalmers.se" in cell.note and cell.basis == "estimate"
    pcam = load_template("pcam").figures["wastewater_m3_a"]
    assert pcam.low == 24 * 60_000  # BASF Harjavalta 730,000 m3 / 30,000 t, at 60,000 t/a
    brief = parse_brief({"name": "x", "plant": {"water_m3_a": {
        "low": 600_000, "high": 860_000, "note": "Debrecen permit"}}})
    water = brief.figures["water_m3_a"]
    assert water.value == 730_000 and water.basis == "estimate" and water.is_range
    unknown = load_template("pcam").figures["electricity_gwh_a"]
    assert unknown.interval() is None and "needs it" in unknown.note


def test_lioh_template_uses_keliber_capacity():
    b = load_template("lioh")
    assert b.value("capacity_t_a") == 15000
    assert "sibanyestillwater.com" in b.figures["capacity_t_a"].source


def test_example_brief_and_user_override():
    b = load_brief(TEMPLATE_DIR / "examples" / "pcam_illustrative.toml")
    assert b.figures["electricity_gwh_a"].basis == "user"
    assert b.pricing.land == "purchase"
    c = b.with_figure("electricity_gwh_a", 300.0)
    assert c.value("electricity_gwh_a") == 300.0 and b.value("electricity_gwh_a") == 250.0
    with pytest.raises(TypeError):
        b.figures["x"] = None  # type: ignore[index]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "needs a name"),
        ({"name": "x", "plant": {"land_ha": -1}}, "non-negative"),
        ({"name": "x", "plant": {"land_ha": {"value": 3, "status": "estimate"}}},
         "without a note"),
        ({"name": "x", "plant": {"land_ha": {"value": 3, "source": "ftp://x"}}}, "http"),
        ({"name": "x", "plant": {"land_ha": {"note": "?"}}}, "unknown"),
        ({"name": "x", "plant": {"land_acres": 3}}, "unknown plant field"),
        ({"name": "x", "must_haves": ["moon"]}, "unknown must-have"),
        ({"name": "x", "weights": {"annual_bill_eur": -1}}, "weights"),
        ({"name": "x", "pricing": {"electricity": "nuclear"}}, "pricing.electricity"),
        ({"name": "x", "pricing": {"missing": "value"}}, "needs pricing.values"),
        ({"name": "x", "pricing": {"discount_rate": 2}}, "discount_rate"),
        ({"name": "x", "raw_materials": [{"name": "ore"}]}, "park id or lat"),
        ({"name": "x", "plant": {"land_ha": {"low": 3, "note": "two plants"}}}, "both low"),
        ({"name": "x", "plant": {"land_ha": {"low": 5, "high": 3, "note": "p"}}}, "low <= high"),
        ({"name": "x", "plant": {"land_ha": {"low": -1, "high": 3, "note": "p"}}},
         "non-negative"),
        ({"name": "x", "plant": {"land_ha": {"value": 9, "low": 1, "high": 3,
                                             "status": "estimate", "note": "p"}}},
         "must lie in its range"),
        ({"name": "x", "plant": {"land_ha": {"low": 1, "high": 3}}}, "range without a note"),
    ],
)
def test_bad_briefs(data, message):
    with pytest.raises(BriefError, match=message):
        parse_brief(data)


def test_unknown_template_and_unreadable_file(tmp_path):
    with pytest.raises(BriefError, match="unknown template"):
        load_template("nope")
    with pytest.raises(BriefError, match="cannot read"):
        load_brief(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("name = ", encoding="utf-8")
    with pytest.raises(BriefError, match="invalid TOML"):
        load_brief(bad)
    assert set(FIGURES) >= {"land_ha", "electricity_gwh_a"}

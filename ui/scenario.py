"""The investor's scenario: sidebar widgets bound to the URL, and the cached scoring run.

Every input that defines a scenario is rendered here by the entrypoint on every page, so a
copied link reproduces the same view anywhere. Values read from the URL are validated first;
anything invalid is dropped with a visible notice (never an exception).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping
from typing import Any, Final

import streamlit as st

from metrics import (
    CRITERIA,
    Brief,
    CatalogScore,
    Evaluation,
    ahp,
    evaluate_catalog,
    load_template,
    rank_evaluation,
)
from metrics.brief import FIGURES, MUST_HAVES, template_names
from metrics.errors import ScoringError
from sites.catalog import Catalog
from sites.querystring import ChoiceParam, FloatParam, IdListParam, IntParam, ParamSpec
from ui import data, urlstate
from ui.i18n import LANGUAGES, labels, language_from_locale, t
from ui.mapview import offline_default, population
from ui.safe import md
from ui.weights import saaty_matrix

EDITABLE_FIGURES: Final = ("land_ha", "expansion_ha", "peak_mw", "electricity_gwh_a",
                           "heat_gwh_a", "gas_gwh_a", "water_m3_a", "wastewater_m3_a",
                           "vessel_draught_m")
FIGURE_LIMITS: Final = {"land_ha": 5000.0, "expansion_ha": 5000.0, "peak_mw": 5000.0,
                        "electricity_gwh_a": 20000.0, "heat_gwh_a": 20000.0,
                        "gas_gwh_a": 20000.0, "water_m3_a": 1e9, "wastewater_m3_a": 1e9,
                        "vessel_draught_m": 25.0}
METHODS: Final = ("topsis", "wsm", "vikor", "promethee")
NORMALIZATIONS: Final = ("minmax", "vector", "max")
SPOT_YEARS: Final = {"2025": ("2025",), "2024": ("2024",), "2023": ("2023",),
                     "2022": ("2022",), "2021": ("2021",), "2023-2025": ("2023", "2024", "2025"),
                     "2021-2025": ("2021", "2022", "2023", "2024", "2025")}
GAP_POLICIES: Final = ("unpriced", "worst", "median")
PEER_GROUPS: Final = ("finland", "nordics", "europe")
SAATY: Final = (-9, -7, -5, -3, 1, 3, 5, 7, 9)
WORKFORCE_RADIUS_KM: Final = 60.0
DEFAULT_PARK: Final = "kokkola-kip"


def offline() -> bool:
    return bool(st.session_state.get("offline", offline_default()))


# --- URL state ---------------------------------------------------------------------------------

BOOL_KEYS: Final = ("offline", "strict")


def url_spec(catalog: Catalog) -> dict[str, ParamSpec]:
    """What each scenario parameter in the URL may hold."""
    ids = frozenset(catalog.ids)
    spec: dict[str, ParamSpec] = {
        "lang": ChoiceParam("en", tuple(LANGUAGES)),
        "offline": ChoiceParam("false", ("true", "false")),
        "tpl": ChoiceParam("pcam", template_names()),
        "must": IdListParam((), frozenset(MUST_HAVES)),
        "strict": ChoiceParam("false", ("true", "false")),
        "wmode": ChoiceParam("sliders", ("sliders", "ahp")),
        "ahp_set": IdListParam((), frozenset(CRITERIA), max_items=6),
        "method": ChoiceParam("topsis", METHODS),
        "norm": ChoiceParam("minmax", NORMALIZATIONS),
        "emethod": ChoiceParam("spot", ("spot", "band")),
        "years": ChoiceParam("2023-2025", tuple(SPOT_YEARS)),
        "landmode": ChoiceParam("lease", ("lease", "purchase")),
        "rate": FloatParam(8.0, 0.0, 30.0),
        "horizon": IntParam(25, 1, 60),
        "gaps": ChoiceParam("median", GAP_POLICIES),
        "list": IdListParam((), ids, max_items=5),
        "park": ChoiceParam(DEFAULT_PARK, tuple(sorted(ids))),
        "peers": ChoiceParam("europe", PEER_GROUPS),
    }
    spec |= {f"f_{name}": FloatParam(0.0, 0.0, FIGURE_LIMITS[name]) for name in EDITABLE_FIGURES}
    spec |= {f"w_{name}": IntParam(0, 0, 10) for name in CRITERIA}
    spec |= {f"p_{a}_{b}": IntParam(1, -9, 9) for a, b in itertools.combinations(CRITERIA, 2)}
    return spec


def defaults(template: Brief, catalog: Catalog) -> dict[str, Any]:
    """Every scenario key with its default for this template (what the URL leaves out)."""
    ids = catalog.ids
    values: dict[str, Any] = {
        "offline": offline_default(), "tpl": template.template,
        "must": sorted(m for m in MUST_HAVES if m in template.must_haves), "strict": False,
        "wmode": "sliders",
        "ahp_set": [c for c in CRITERIA if template.weights.get(c, 0) > 0][:4],
        "method": "topsis", "norm": "minmax", "emethod": "spot", "years": "2023-2025",
        "landmode": "lease", "rate": 8.0, "horizon": 25, "gaps": "median", "list": [],
        "park": DEFAULT_PARK if DEFAULT_PARK in ids else (ids[0] if ids else ""),
        "peers": "europe",
    }
    for name in EDITABLE_FIGURES:
        figure = template.figures.get(name)
        values[f"f_{name}"] = figure.value if figure is not None and figure.known else None
    for name in CRITERIA:
        values[f"w_{name}"] = _int_weight(template.weights.get(name, 0))
    for a, b in itertools.combinations(CRITERIA, 2):
        values[f"p_{a}_{b}"] = 1
    return values


def _load_url(catalog: Catalog) -> None:
    """Copy the URL into the session on its first run (a no-op on every later rerun)."""
    if urlstate.loaded():
        return
    urlstate.load_once(url_spec(catalog),
                       nullable=frozenset(f"f_{n}" for n in EDITABLE_FIGURES))
    for key in BOOL_KEYS:
        if isinstance(st.session_state.get(key), str):
            st.session_state[key] = st.session_state[key] == "true"


# --- widgets -----------------------------------------------------------------------------------


def _template() -> Brief:
    name = st.session_state.get("tpl", "pcam")
    return _load_template(name if name in template_names() else "pcam")


@st.cache_resource(show_spinner=False)
def _load_template(name: str) -> Brief:
    return load_template(name)


def _reset_template_widgets() -> None:
    for key in list(st.session_state):
        if isinstance(key, str) and key.startswith(("f_", "w_", "must", "p_", "ahp_set")):
            del st.session_state[key]


def _int_weight(value: float) -> int:
    return int(min(10, max(0, round(value))))


def language_selector() -> None:
    """Language: from the URL, else the browser locale; switchable in the sidebar."""
    catalog = data.catalog()
    _load_url(catalog)
    urlstate.ensure("lang", language_from_locale(st.context.locale))
    with st.sidebar:
        st.selectbox(t("app.language"), options=list(LANGUAGES),
                     format_func=LANGUAGES.__getitem__, key="lang")


def scenario_sidebar() -> None:
    """Render every scenario widget (the entrypoint calls this on every page)."""
    catalog = data.catalog()
    _load_url(catalog)
    urlstate.ensure("tpl", "pcam")
    template = _template()
    values = defaults(template, catalog)
    for key, default in values.items():
        urlstate.ensure(key, list(default) if isinstance(default, list) else default)
    with st.sidebar:
        st.toggle(t("app.offline"), key="offline", help=t("app.offline_help"))
        st.header(t("sc.header"), anchor=False)
        st.selectbox(t("sc.template"), template_names(), key="tpl",
                     format_func=labels("tpl."), on_change=_reset_template_widgets,
                     help=t("sc.template_help"))
        _figure_widgets(template)
        _must_have_widgets()
        _weight_widgets()
        _pricing_widgets()
        _selection_widgets(catalog)
        st.caption(t("sc.share"))
    if urlstate.notices():
        listed = "\n".join(f"- {md(n)}" for n in urlstate.notices())
        st.warning(t("sc.url_notice") + "\n\n" + listed, icon=":material/link_off:")
    urlstate.write_back({"lang": "en", **values})


def _figure_widgets(template: Brief) -> None:
    with st.expander(t("sc.needs"), icon=":material/factory:"):
        st.caption(t("sc.needs_help"))
        for name in EDITABLE_FIGURES:
            figure = template.figures.get(name)
            st.number_input(
                f"{t(f'fig.{name}')} ({FIGURES[name]})", min_value=0.0,
                max_value=FIGURE_LIMITS[name], value=None, key=f"f_{name}",
                placeholder=t("sc.unknown_figure"),
                help=(figure.note or figure.source) if figure is not None else None)


def _must_have_widgets() -> None:
    with st.expander(t("sc.must"), icon=":material/rule:"):
        st.multiselect(t("sc.must_label"), list(MUST_HAVES),
                       format_func=labels("must."), key="must")
        st.toggle(t("sc.strict"), key="strict", help=t("sc.strict_help"))


def _weight_widgets() -> None:
    with st.expander(t("sc.weights"), icon=":material/tune:"):
        mode = st.radio(t("sc.weight_mode"), ["sliders", "ahp"], key="wmode", horizontal=True,
                        format_func=labels("sc.wmode_"))
        if mode == "sliders":
            for name in CRITERIA:
                st.slider(t(f"crit.{name}"), 0, 10, key=f"w_{name}")
        else:
            _ahp_widgets()


def _ahp_widgets() -> None:
    selected = st.multiselect(t("sc.ahp_set"), list(CRITERIA), key="ahp_set", max_selections=6,
                              format_func=labels("crit."))
    st.caption(t("sc.ahp_help"))
    for a, b in itertools.combinations([c for c in CRITERIA if c in selected], 2):
        st.select_slider(f"{t(f'crit.{a}')} ↔ {t(f'crit.{b}')}", options=list(SAATY),
                         key=f"p_{a}_{b}", format_func=_saaty_label)
    result = ahp_weights()
    if result is not None:
        _, cr = result
        st.metric(t("sc.cr"), f"{cr:.3f}", delta=t("sc.cr_ok") if cr < 0.1 else t("sc.cr_bad"),
                  delta_color="normal" if cr < 0.1 else "inverse", help=t("sc.cr_help"))


def _saaty_label(value: int) -> str:
    return "=" if value == 1 else (f"◀ {-value}" if value < 0 else f"{value} ▶")


def ahp_weights() -> tuple[dict[str, float], float] | None:
    """Weights and consistency ratio from the pairwise comparisons in the session."""
    selected = [c for c in CRITERIA if c in (st.session_state.get("ahp_set") or [])]
    if len(selected) < 2:
        return None
    answers = {(a, b): int(st.session_state.get(f"p_{a}_{b}", 1))
               for a, b in itertools.combinations(selected, 2)}
    result = ahp(saaty_matrix(selected, answers))
    return dict(zip(selected, (float(w) for w in result.weights), strict=True)), float(result.cr)


def _pricing_widgets() -> None:
    with st.expander(t("sc.pricing"), icon=":material/payments:"):
        st.selectbox(t("sc.method"), METHODS, key="method",
                     format_func=labels("method."))
        st.selectbox(t("sc.norm"), NORMALIZATIONS, key="norm",
                     format_func=labels("norm."), help=t("sc.norm_help"))
        st.radio(t("sc.emethod"), ["spot", "band"], key="emethod",
                 format_func=labels("sc.emethod_"), help=t("sc.emethod_help"))
        st.selectbox(t("sc.years"), list(SPOT_YEARS), key="years")
        st.radio(t("sc.landmode"), ["lease", "purchase"], key="landmode",
                 format_func=labels("sc.landmode_"), horizontal=True)
        st.number_input(t("sc.rate"), 0.0, 30.0, step=0.5, key="rate")
        st.number_input(t("sc.horizon"), 1, 60, key="horizon")
        st.selectbox(t("sc.gaps"), GAP_POLICIES, key="gaps",
                     format_func=labels("gaps."), help=t("sc.gaps_help"))


def _selection_widgets(catalog: Catalog) -> None:
    with st.expander(t("sc.selection"), icon=":material/checklist:"):
        ids = list(catalog.ids)
        names = {p.id: p.name for p in catalog}
        st.multiselect(t("sc.shortlist"), ids, key="list", max_selections=5,
                       format_func=lambda i: names.get(i, i), help=t("sc.shortlist_help"))
        st.selectbox(t("sc.my_park"), ids, key="park", format_func=lambda i: names.get(i, i))
        st.selectbox(t("sc.peers"), PEER_GROUPS, key="peers",
                     format_func=labels("peers."))


# --- from widgets to a brief -------------------------------------------------------------------


def current_weights(template: Brief) -> dict[str, float]:
    if st.session_state.get("wmode") == "ahp":
        result = ahp_weights()
        if result is not None:
            return result[0]
    return {name: float(st.session_state.get(f"w_{name}",
                                             _int_weight(template.weights.get(name, 0))))
            for name in CRITERIA}


def current_brief() -> Brief:
    """The brief the widgets describe (template + the user's edits)."""
    template = _template()
    brief = template
    for name in EDITABLE_FIGURES:
        value = st.session_state.get(f"f_{name}")
        figure = template.figures.get(name)
        current = figure.value if figure is not None else None
        if value is not None and value != current:
            brief = brief.with_figure(name, float(value), note="entered in the dashboard")
    must = st.session_state.get("must")
    pricing = dataclasses.replace(
        brief.pricing,
        electricity=st.session_state.get("emethod", "spot"),
        spot_years=SPOT_YEARS.get(st.session_state.get("years", "2023-2025"),
                                  SPOT_YEARS["2023-2025"]),
        land=st.session_state.get("landmode", "lease"),
        discount_rate=float(st.session_state.get("rate", 8.0)) / 100.0,
        horizon_years=int(st.session_state.get("horizon", 25)),
        missing=st.session_state.get("gaps", "median"),
    )
    return dataclasses.replace(
        brief, must_haves=frozenset(must if must is not None else template.must_haves),
        weights=current_weights(template), pricing=pricing)


def scoring_options() -> dict[str, Any]:
    method = st.session_state.get("method", "topsis")
    norm = st.session_state.get("norm", "minmax")
    return {"method": method if method in METHODS else "topsis",
            "normalization": norm if norm in NORMALIZATIONS else "minmax",
            "strict": bool(st.session_state.get("strict", False))}


@st.cache_resource(show_spinner=False, max_entries=8)
def _workforce(token: str, _catalog: Catalog) -> Mapping[str, float]:
    from geodata.measures import population_within_km

    parks = _catalog.to_geodataframe()
    counts = population_within_km(parks, population(), radius_km=WORKFORCE_RADIUS_KM)
    return dict(zip(parks["id"], (float(v) for v in counts), strict=True))


@st.cache_resource(show_spinner=False, max_entries=16)
def _evaluate(key: str, _catalog: Catalog, _prices: Any, _brief: Brief,
              strict: bool) -> Evaluation:
    return evaluate_catalog(_catalog, _prices, _brief, unknown_fails=strict,
                            workforce=_workforce(_catalog.version, _catalog))


@st.cache_resource(show_spinner=False, max_entries=64)
def _rank(key: str, _evaluation: Evaluation, weights: tuple[tuple[str, float], ...],
          method: str, normalization: str) -> CatalogScore:
    return rank_evaluation(_evaluation, dict(weights), method=method,
                           normalization=normalization)  # type: ignore[arg-type]


def _score(catalog: Catalog, prices: Any, brief: Brief, options: Mapping[str, Any]
           ) -> CatalogScore:
    """Evaluate (cached per brief without weights), then rank (cached per weights)."""
    unweighted = dataclasses.replace(brief, weights={})
    key = f"{catalog.version}|{prices.version}|{unweighted!r}|{options['strict']}"
    evaluation = _evaluate(key, catalog, prices, unweighted, bool(options["strict"]))
    weights = tuple(sorted((k, float(v)) for k, v in brief.weights.items()))
    return _rank(key, evaluation, weights, options["method"], options["normalization"])


def current_result() -> CatalogScore | None:
    """Score the catalog for the current scenario (cached per catalog, prices and scenario)."""
    if not any(v > 0 for v in current_brief().weights.values()):
        st.info(t("sc.no_weights"))
        return None
    with st.spinner(t("sc.scoring")):
        return score_catalog_for(data.catalog())


def score_catalog_for(catalog: Catalog) -> CatalogScore | None:
    """Score a catalog (the shipped one, or one with a what-if park) under the scenario."""
    try:
        return _score(catalog, data.prices(), current_brief(), scoring_options())
    except ScoringError as exc:
        st.error(t("sc.scoring_error", error=md(exc)))
        return None

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

from metrics import CRITERIA, Brief, CatalogScore, ahp, load_template, score_catalog
from metrics.brief import FIGURES, MUST_HAVES, template_names
from metrics.errors import ScoringError
from sites.catalog import Catalog
from sites.querystring import (ChoiceParam, FloatParam, IdListParam, IntParam, ParamSpec,
                               parse_scenario_params)
from ui import data
from ui.i18n import t
from ui.mapview import offline_default, population
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


# --- URL validation ----------------------------------------------------------------------------


def url_spec(catalog: Catalog) -> dict[str, ParamSpec]:
    """What each scenario parameter in the URL may hold."""
    ids = frozenset(catalog.ids)
    spec: dict[str, ParamSpec] = {
        "lang": ChoiceParam("en", ("en", "fi", "sv")),
        "offline": ChoiceParam("false", ("true", "false")),
        "tpl": ChoiceParam("pcam", template_names()),
        "must": IdListParam((), frozenset(MUST_HAVES)),
        "strict": ChoiceParam("true", ("true", "false")),
        "wmode": ChoiceParam("sliders", ("sliders", "ahp")),
        "ahp_set": IdListParam((), frozenset(CRITERIA)),
        "method": ChoiceParam("topsis", METHODS),
        "norm": ChoiceParam("minmax", NORMALIZATIONS),
        "emethod": ChoiceParam("spot", ("spot", "band")),
        "years": ChoiceParam("2023-2025", tuple(SPOT_YEARS)),
        "landmode": ChoiceParam("lease", ("lease", "purchase")),
        "rate": FloatParam(8.0, 0.0, 30.0),
        "horizon": IntParam(25, 1, 60),
        "gaps": ChoiceParam("unpriced", GAP_POLICIES),
        "list": IdListParam((), ids, max_items=5),
        "park": ChoiceParam(DEFAULT_PARK, tuple(sorted(ids))),
        "peers": ChoiceParam("europe", PEER_GROUPS),
    }
    spec |= {f"f_{name}": FloatParam(0.0, 0.0, FIGURE_LIMITS[name]) for name in EDITABLE_FIGURES}
    spec |= {f"w_{name}": IntParam(0, 0, 10) for name in CRITERIA}
    spec |= {f"p_{a}_{b}": IntParam(1, -9, 9) for a, b in itertools.combinations(CRITERIA, 2)}
    return spec


def check_url(catalog: Catalog) -> tuple[str, ...]:
    """Notices for invalid or unknown URL parameters (the widgets then ignore them)."""
    params: dict[str, str | list[str]] = {}
    for key in st.query_params:
        values = st.query_params.get_all(key)
        params[key] = ",".join(values) if key in ("must", "ahp_set", "list") else values
    spec = url_spec(catalog)
    _, notices = parse_scenario_params(params, spec=spec)
    return notices


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


def scenario_sidebar() -> None:
    """Render every scenario widget (the entrypoint calls this on every page)."""
    catalog = data.catalog()
    notices = check_url(catalog)
    with st.sidebar:
        st.toggle(t("app.offline"), key="offline", value=offline_default(),
                  bind="query-params", help=t("app.offline_help"))
        st.header(t("sc.header"), anchor=False)
        names = template_names()
        st.selectbox(t("sc.template"), names, index=names.index("pcam") if "pcam" in names else 0,
                     key="tpl", bind="query-params", format_func=lambda n: t(f"tpl.{n}"),
                     on_change=_reset_template_widgets, help=t("sc.template_help"))
        template = _template()
        _figure_widgets(template)
        _must_have_widgets(template)
        _weight_widgets(template)
        _pricing_widgets()
        _selection_widgets(catalog)
        st.caption(t("sc.share"))
    if notices:
        st.warning(t("sc.url_notice") + "\n\n" + "\n".join(f"- {n}" for n in notices),
                   icon=":material/link_off:")


def _figure_widgets(template: Brief) -> None:
    with st.expander(t("sc.needs"), icon=":material/factory:"):
        st.caption(t("sc.needs_help"))
        for name in EDITABLE_FIGURES:
            figure = template.figures.get(name)
            default = figure.value if figure is not None and figure.known else None
            st.number_input(
                f"{t(f'fig.{name}')} ({FIGURES[name]})", min_value=0.0,
                max_value=FIGURE_LIMITS[name], value=default, key=f"f_{name}",
                bind="query-params", placeholder=t("sc.unknown_figure"),
                help=(figure.note or figure.source) if figure is not None else None)


def _must_have_widgets(template: Brief) -> None:
    with st.expander(t("sc.must"), icon=":material/rule:"):
        st.multiselect(t("sc.must_label"), list(MUST_HAVES),
                       default=[m for m in MUST_HAVES if m in template.must_haves],
                       format_func=lambda m: t(f"must.{m}"), key="must", bind="query-params")
        st.toggle(t("sc.strict"), value=True, key="strict", bind="query-params",
                  help=t("sc.strict_help"))


def _weight_widgets(template: Brief) -> None:
    with st.expander(t("sc.weights"), icon=":material/tune:"):
        mode = st.radio(t("sc.weight_mode"), ["sliders", "ahp"], key="wmode",
                        bind="query-params", horizontal=True,
                        format_func=lambda m: t(f"sc.wmode_{m}"))
        if mode == "sliders":
            for name in CRITERIA:
                st.slider(t(f"crit.{name}"), 0, 10,
                          value=_int_weight(template.weights.get(name, 0)), key=f"w_{name}",
                          bind="query-params")
        else:
            _ahp_widgets(template)


def _ahp_widgets(template: Brief) -> None:
    chosen = [c for c in CRITERIA if template.weights.get(c, 0) > 0][:4]
    selected = st.multiselect(t("sc.ahp_set"), list(CRITERIA), default=chosen, key="ahp_set",
                              bind="query-params", max_selections=6,
                              format_func=lambda c: t(f"crit.{c}"))
    st.caption(t("sc.ahp_help"))
    for a, b in itertools.combinations([c for c in CRITERIA if c in selected], 2):
        st.select_slider(f"{t(f'crit.{a}')} ↔ {t(f'crit.{b}')}", options=list(SAATY), value=1,
                         key=f"p_{a}_{b}", bind="query-params",
                         format_func=lambda v: "=" if v == 1 else (f"◀ {-v}" if v < 0 else f"{v} ▶"))
    result = ahp_weights()
    if result is not None:
        weights, cr = result
        st.metric(t("sc.cr"), f"{cr:.3f}", delta=t("sc.cr_ok") if cr < 0.1 else t("sc.cr_bad"),
                  delta_color="normal" if cr < 0.1 else "inverse", help=t("sc.cr_help"))


def ahp_weights() -> tuple[dict[str, float], float] | None:
    """Weights and consistency ratio from the pairwise comparisons in the session."""
    selected = [c for c in CRITERIA if c in (st.session_state.get("ahp_set") or [])]
    if len(selected) < 2:
        return None
    answers = {(a, b): int(st.session_state.get(f"p_{a}_{b}", 1))
               for a, b in itertools.combinations(selected, 2)}
    matrix = saaty_matrix(selected, answers)
    result = ahp(matrix)
    return dict(zip(selected, (float(w) for w in result.weights), strict=True)), float(result.cr)


def _pricing_widgets() -> None:
    with st.expander(t("sc.pricing"), icon=":material/payments:"):
        st.selectbox(t("sc.method"), METHODS, key="method", bind="query-params",
                     format_func=lambda m: t(f"method.{m}"))
        st.selectbox(t("sc.norm"), NORMALIZATIONS, key="norm", bind="query-params",
                     format_func=lambda m: t(f"norm.{m}"), help=t("sc.norm_help"))
        st.radio(t("sc.emethod"), ["spot", "band"], key="emethod", bind="query-params",
                 format_func=lambda m: t(f"sc.emethod_{m}"), help=t("sc.emethod_help"))
        st.selectbox(t("sc.years"), list(SPOT_YEARS), index=list(SPOT_YEARS).index("2023-2025"),
                     key="years", bind="query-params")
        st.radio(t("sc.landmode"), ["lease", "purchase"], key="landmode", bind="query-params",
                 format_func=lambda m: t(f"sc.landmode_{m}"), horizontal=True)
        st.number_input(t("sc.rate"), 0.0, 30.0, 8.0, step=0.5, key="rate", bind="query-params")
        st.number_input(t("sc.horizon"), 1, 60, 25, key="horizon", bind="query-params")
        st.selectbox(t("sc.gaps"), GAP_POLICIES, key="gaps", bind="query-params",
                     format_func=lambda g: t(f"gaps.{g}"), help=t("sc.gaps_help"))


def _selection_widgets(catalog: Catalog) -> None:
    with st.expander(t("sc.selection"), icon=":material/checklist:"):
        ids = list(catalog.ids)
        names = {p.id: p.name for p in catalog}
        st.multiselect(t("sc.shortlist"), ids, key="list", bind="query-params",
                       max_selections=5, format_func=lambda i: names.get(i, i),
                       help=t("sc.shortlist_help"))
        st.selectbox(t("sc.my_park"), ids,
                     index=ids.index(DEFAULT_PARK) if DEFAULT_PARK in ids else 0, key="park",
                     bind="query-params", format_func=lambda i: names.get(i, i))
        st.selectbox(t("sc.peers"), PEER_GROUPS, key="peers", bind="query-params",
                     format_func=lambda g: t(f"peers.{g}"))


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
        missing=st.session_state.get("gaps", "unpriced"),
    )
    return dataclasses.replace(
        brief, must_haves=frozenset(must if must is not None else template.must_haves),
        weights=current_weights(template), pricing=pricing)


def scoring_options() -> dict[str, Any]:
    method = st.session_state.get("method", "topsis")
    norm = st.session_state.get("norm", "minmax")
    return {"method": method if method in METHODS else "topsis",
            "normalization": norm if norm in NORMALIZATIONS else "minmax",
            "strict": bool(st.session_state.get("strict", True))}


@st.cache_resource(show_spinner=False, max_entries=8)
def _workforce(token: str, _catalog: Catalog) -> Mapping[str, float]:
    from geodata.measures import population_within_km

    parks = _catalog.to_geodataframe()
    counts = population_within_km(parks, population(), radius_km=WORKFORCE_RADIUS_KM)
    return dict(zip(parks["id"], (float(v) for v in counts), strict=True))


@st.cache_resource(show_spinner=False, max_entries=64)
def _score(key: str, _catalog: Catalog, _prices: Any, _brief: Brief, method: str,
           normalization: str) -> CatalogScore:
    return score_catalog(_catalog, _prices, _brief, method=method,
                         normalization=normalization,  # type: ignore[arg-type]
                         workforce=_workforce(_catalog.version, _catalog))


def current_result() -> CatalogScore | None:
    """Score the catalog for the current scenario (cached per catalog, prices and scenario)."""
    catalog, prices = data.catalog(), data.prices()
    brief = current_brief()
    options = scoring_options()
    if not any(v > 0 for v in brief.weights.values()):
        st.info(t("sc.no_weights"))
        return None
    key = f"{catalog.version}|{prices.version}|{brief!r}|{options}"
    try:
        with st.spinner(t("sc.scoring")):
            return _score(key, catalog, prices, brief, options["method"],
                          options["normalization"])
    except ScoringError as exc:
        st.error(t("sc.scoring_error", error=str(exc)))
        return None

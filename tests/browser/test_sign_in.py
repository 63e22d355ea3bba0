"""Sign-in against a real OpenID Connect provider running locally (issue 12, item 6).

``oidc-provider-mock`` serves the provider on a loopback port; the Streamlit server gets a
temporary secrets.toml (``STREAMLIT_SECRETS_FILES``) with ``[auth]`` pointing at it and the
roles. On the provider's authorization page the test user is chosen by typing its ``sub``,
which the mock also returns as the ``email`` claim. Each person uses a fresh browser context
(own cookies). The flow, in order: a park manager signs in and proposes a change for their
park, and is refused for another park; a curator signs in and publishes it; an anonymous
visitor sees the published figure and cannot change anything.
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from sites.catalog import load_catalog
from sites.submissions import SubmissionStore, excel_bytes, profile_mapping
from tests.browser.conftest import LOCAL_HOSTS, _free_port, run_app

pytestmark = pytest.mark.browser

MANAGER, CURATOR = "manager@kip.fi", "curator@example.org"
PARK = "kokkola-kip"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TIMEOUT = 60_000


@dataclass(frozen=True)
class SignInApp:
    url: str
    oidc: str
    db: Path


def _secrets(*, app_port: int, oidc_port: int) -> str:
    return f"""
[auth]
redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"
cookie_secret = "browser-test-cookie-secret-0123456789"
client_id = "parkbench-test"
client_secret = "parkbench-test-secret"
server_metadata_url = "http://localhost:{oidc_port}/.well-known/openid-configuration"

[parkbench.roles]
curators = ["{CURATOR}"]

[parkbench.roles.park_managers]
"{MANAGER}" = ["{PARK}"]
"""


@pytest.fixture(scope="module")
def signin_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SignInApp]:
    import oidc_provider_mock

    folder = tmp_path_factory.mktemp("signin")
    with ExitStack() as stack:
        provider = stack.enter_context(oidc_provider_mock.run_server_in_thread(
            port=_free_port(), require_nonce=True))
        app_port = _free_port()
        secrets = folder / "secrets.toml"
        secrets.write_text(_secrets(app_port=app_port, oidc_port=provider.server_port),
                           encoding="utf-8")
        db = folder / "sub.sqlite"
        url = stack.enter_context(run_app(db, port=app_port,
                                          env={"STREAMLIT_SECRETS_FILES": str(secrets)}))
        yield SignInApp(url, f"http://localhost:{provider.server_port}", db)


@contextmanager
def _person(browser: Any, app: SignInApp) -> Iterator[tuple[Any, list[str]]]:
    """A fresh browser context (own cookies) blocking and recording off-host requests made by
    the app's pages (the mock provider's own page loads a CDN stylesheet: not the app's)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  accept_downloads=True, locale="en-US")
    off_host: list[str] = []

    def route(route_obj: Any) -> None:
        host = urlparse(route_obj.request.url).hostname or ""
        if route_obj.request.url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route_obj.continue_()
        else:
            referer = route_obj.request.headers.get("referer", "")
            if not referer.startswith(app.oidc):
                off_host.append(route_obj.request.url)
            route_obj.abort()

    context.route("**/*", route)
    try:
        yield context.new_page(), off_host
    finally:
        context.close()


def _sign_in(page: Any, app: SignInApp, email: str) -> None:
    page.goto(f"{app.url}/submit", wait_until="domcontentloaded")
    page.get_by_role("button", name="Sign in").click(timeout=TIMEOUT)
    page.wait_for_url(f"{app.oidc}/**", timeout=TIMEOUT)
    page.fill('input[name="sub"]', email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app.url}/**", timeout=TIMEOUT)
    page.goto(f"{app.url}/submit", wait_until="domcontentloaded")
    page.get_by_text("Signed in as").wait_for(timeout=TIMEOUT)


def _choose_park(page: Any, name: str) -> None:
    from playwright.sync_api import expect

    box = page.get_by_role("combobox", name="Park", exact=True)
    box.click()
    box.fill(name)
    page.keyboard.press("Enter")
    expect(box).to_have_value(name, timeout=TIMEOUT)


def _upload(page: Any, name: str, content: bytes) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": name, "mimeType": XLSX, "buffer": content}])


def _with_steam_price(park_id: str, value: float) -> bytes:
    data = copy.deepcopy(profile_mapping(load_catalog().by_id(park_id)))
    data["facts"]["steam_price_eur_mwh"] = {
        "value": value, "unit": "EUR/MWh", "status": "published", "as_of": "2026",
        "source": "https://kip.fi/en/frontpage.html"}
    return excel_bytes(data)


def _no_write_buttons(page: Any) -> None:
    for label in ("Propose this version", "Publish", "Reject", "Revert the latest version"):
        assert page.get_by_role("button", name=label).count() == 0, label


def test_manager_proposes_curator_publishes_public_reads(browser: Any,
                                                          signin_app: SignInApp) -> None:
    catalog = load_catalog()
    store = SubmissionStore(signin_app.db)
    other = next(p for p in catalog if p.id != PARK)

    with _person(browser, signin_app) as (page, off_host):  # the park manager
        _sign_in(page, signin_app, MANAGER)
        assert "park manager for kokkola-kip" in page.get_by_text("Signed in as").inner_text()
        _choose_park(page, other.name)
        _upload(page, f"{other.id}.xlsx", _with_steam_price(other.id, 29))
        page.get_by_text("it is not one of your parks").wait_for(timeout=TIMEOUT)
        _no_write_buttons(page)
        _choose_park(page, catalog.by_id(PARK).name)
        _upload(page, f"{PARK}.xlsx", _with_steam_price(PARK, 31))
        page.get_by_label("Comment (why, what changed)").fill("2026 steam price")
        page.get_by_role("button", name="Propose this version").click(timeout=TIMEOUT)
        page.get_by_text(f"Proposed {PARK} as version 1").wait_for(timeout=TIMEOUT)
        assert page.get_by_role("button", name="Publish").count() == 0
        assert page.get_by_role("button", name="Revert the latest version").count() == 0
        assert not off_host, off_host
    (proposal,) = store.queue()
    assert (proposal.park_id, proposal.proposed_by) == (PARK, MANAGER)
    assert store.accepted_parks() == ()

    with _person(browser, signin_app) as (page, off_host):  # the curator
        _sign_in(page, signin_app, CURATOR)
        page.get_by_text("Review queue (curators)").wait_for(timeout=TIMEOUT)
        page.get_by_text(re.compile(r"kokkola-kip v1, proposed by")).wait_for(timeout=TIMEOUT)
        page.get_by_role("button", name="Publish").click()
        page.get_by_text(f"Published {PARK} version 1").wait_for(timeout=TIMEOUT)
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{signin_app.oidc}/oauth2/end_session**", timeout=TIMEOUT)
        page.get_by_role("button", name="End session").click()  # the provider's confirmation
        page.wait_for_url(f"{signin_app.url}/**", timeout=TIMEOUT)
        page.goto(f"{signin_app.url}/submit", wait_until="domcontentloaded")
        page.get_by_role("button", name="Sign in").wait_for(timeout=TIMEOUT)
        _no_write_buttons(page)
        assert not off_host, off_host
    (park,) = store.accepted_parks()
    assert park.number("steam_price_eur_mwh") == 31
    (published,) = store.history(PARK)
    assert (published.proposed_by, published.published_by) == (MANAGER, CURATOR)

    with _person(browser, signin_app) as (page, off_host):  # an anonymous visitor
        page.goto(f"{signin_app.url}/submit", wait_until="domcontentloaded")
        page.get_by_text("Sign in to propose changes").wait_for(timeout=TIMEOUT)
        with page.expect_download(timeout=TIMEOUT) as download:
            page.get_by_role("button", name="Version in force (TOML)").click(timeout=TIMEOUT)
        profile = tomllib.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert profile["id"] == PARK
        assert profile["facts"]["steam_price_eur_mwh"]["value"] == 31
        _choose_park(page, catalog.by_id(PARK).name)
        _upload(page, f"{PARK}.xlsx", _with_steam_price(PARK, 99))
        page.get_by_text("Sign-in is needed to propose this version").wait_for(timeout=TIMEOUT)
        _no_write_buttons(page)
        assert not off_host, off_host
    assert [v.version for v in store.history(PARK, include_unpublished=True)] == [1]


def test_without_auth_configured_the_submit_page_stores_nothing(page_and_log: Any,
                                                                 server: str) -> None:
    """The shared server has no [auth]: no sign-in button, no write buttons, nothing stored."""
    page, log = page_and_log
    page.goto(f"{server}/submit", wait_until="domcontentloaded")
    page.get_by_text("Sign-in is not configured on this server").wait_for(timeout=TIMEOUT)
    _choose_park(page, load_catalog().by_id(PARK).name)
    _upload(page, f"{PARK}.xlsx", _with_steam_price(PARK, 31))
    page.get_by_text("Sign-in is needed to propose this version").wait_for(timeout=TIMEOUT)
    _no_write_buttons(page)
    assert page.get_by_role("button", name="Sign in").count() == 0
    assert not log.off_host and not log.failed, (log.off_host, log.failed)

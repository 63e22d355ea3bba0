"""A real Streamlit server and the system Chromium (Playwright), failing on off-host requests.

Skipped when Chromium is absent, except under CI (``CI`` set), where a missing browser fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
SCREENSHOTS = pytest.StashKey[Path]()
"""Where a test kept its screenshots (``config.stash``): printed in the terminal summary."""


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if SCREENSHOTS in config.stash:
        terminalreporter.write_line(f"screenshots: {config.stash[SCREENSHOTS]}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def run_app(db: Path, *, env: Mapping[str, str] | None = None,
            port: int | None = None) -> Iterator[str]:
    """``streamlit run app.py`` on a free loopback port with its own submission store and the
    offline basemap; yields the base URL once the health endpoint answers. ``env`` adds
    variables (e.g. ``PARKBENCH_DATABASE_URL``: the store is then PostgreSQL, not ``db``;
    ``STREAMLIT_SECRETS_FILES``: a secrets.toml with ``[auth]``). ``port``: a port chosen
    beforehand (e.g. for the sign-in ``redirect_uri``)."""
    port = port or _free_port()
    # a developer's own .streamlit/secrets.toml must not reach the test servers: by default they
    # read a secrets file that does not exist (no [auth]: the read-only app)
    env = {**os.environ, "PARKBENCH_DB": str(db), "PARKBENCH_OFFLINE": "1",
           "PARKBENCH_CACHE_DIR": str(db.parent / "cache"),
           "STREAMLIT_SECRETS_FILES": str(db.parent / "no-secrets.toml"), **(env or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            proc.kill()
            out = proc.stdout.read().decode() if proc.stdout else ""
            pytest.fail(f"streamlit did not become healthy:\n{out[-3000:]}")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with run_app(tmp_path_factory.mktemp("db") / "sub.sqlite") as url:
        yield url


@dataclass
class NetworkLog:
    off_host: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module (Playwright's sync API allows one live instance)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run must install it")
        pytest.skip("system Chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"])
        yield browser
        browser.close()


@pytest.fixture
def page_and_log(browser, server):
    """A fresh page whose every request is checked; blocks and records off-host requests."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  accept_downloads=True, locale="en-US")
    log = NetworkLog()

    def route(route_obj):
        host = urlparse(route_obj.request.url).hostname or ""
        if route_obj.request.url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route_obj.continue_()
        else:
            log.off_host.append(route_obj.request.url)
            route_obj.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("requestfailed", lambda r: log.failed.append(f"{r.url} {r.failure}")
            if (urlparse(r.url).hostname or "") in LOCAL_HOSTS else None)
    yield page, log
    context.close()

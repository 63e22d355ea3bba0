"""Bounded load test (issue 12, item 4): N concurrent real Chromium sessions on one Streamlit
server, each changing a weight and switching pages (Find → Compare → Benchmark) for a fixed time.
Loopback only (every other request is blocked and counted); stops by itself. Not a test.

    python bench/load_app.py                          # 20 sessions, all active for 120 s
    python bench/load_app.py --quick                  # 3 sessions, 20 s
    python bench/load_app.py --sessions 10 --seconds 60 [--isolated] [--trace]

The script starts ``streamlit run app.py`` on a free loopback port with the shipped catalog, the
offline basemap and a temporary ``$PARKBENCH_DB``, and one headless system Chromium; after one
warm-up visit to each page, N sessions start (spread over ``--ramp`` seconds), each in its own
tab — its own Streamlit session (websocket and session state) — of one browser context, or with
``--isolated`` in its own browser context (own cookies and cache: each session then downloads
and compiles the frontend). Session *i* opens the app with its own distinctive weights in the
link (``w_quay_distance_km = i mod 11``, ``w_grid_capacity_mw = i div 11``), then repeats: open
the sidebar's Weights expander, press one arrow key on the customer-distance slider (three times
per page), switch page by the sidebar navigation (the same Streamlit session). After every key
press and every page switch it checks its own scenario: every weight slider's value and every
``w_*`` parameter of its address bar must be what this session set. Prints

- latency p50/p95 of the first page, of a rerun (a key press → the slider and the address bar
  show the new weight: the script run plus drawing, measured in the browser) and of a page switch;
- errors by kind (time-outs, key presses the app dropped, exceptions shown by the app, browser
  page errors, failed or off-host requests, tracebacks in the server's log);
- server memory: RSS of the server process and its children (``/proc``) at start, after the
  warm-up (shared caches filled), at the peak, at the end of the load and 5 s after the sessions
  closed; per session = (peak − warm)/N; the browsers' PSS; the CPU used by server and browsers;
- whether any session ever saw a scenario it did not set (and what).

The browsers run on the same machine as the server: on a small machine they compete with it for
the CPU (the split is printed), so the latencies are an upper bound for the server's.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scenario import Scenario  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# (url path, the page's title in English): the default page (Find) lives at "/"
PAGES = (("", "Find sites"), ("compare", "Compare a shortlist"),
         ("benchmark", "Benchmark your park"))
NAV = {"": "Find sites", "compare": "Compare", "benchmark": "Benchmark"}
MOVED = "customer_km"  # the weight each session moves
SIGNATURE = ("quay_distance_km", "grid_capacity_mw")  # the weights that tell sessions apart
PRESSES_PER_PAGE = 3
WAIT_MS = 90_000
POLL_MS = 100  # the browser-side checks poll every 100 ms (per animation frame costs CPU × N)
TRACE = {"on": False, "t0": time.monotonic()}  # --trace: print every step of every session
SIDEBAR = "section[data-testid='stSidebar']"
READ_WEIGHTS = """() => {
    const out = {};
    for (const e of document.querySelectorAll(
            "section[data-testid='stSidebar'] [data-testid='stExpander'] input[type='range']")) {
        const k = e.getAttribute('aria-label');
        (out[k] = out[k] || []).push(Number(e.value));
    }
    return out;
}"""
SETTLED = """([label, value, old, key, param, oldParam]) => {
    // 'ok': the link and the slider show the new value; 'lost': the slider showed the new value,
    // then the finished rerun drew it back at the old one and the link kept the old one
    const q = new URLSearchParams(location.search);
    const found = [...document.querySelectorAll(
        "section[data-testid='stSidebar'] [data-testid='stExpander'] input[type='range']")]
        .filter(e => e.getAttribute('aria-label') === label).map(e => Number(e.value));
    if (!found.length) { return false; }
    if (q.get(key) === param && found.every(v => v === value)) { return 'ok'; }
    if (found.some(v => v === value)) { window.__pbSawNew = true; }
    const idle = !document.querySelector('[data-testid="stStatusWidget"] button');
    if (window.__pbSawNew && idle && q.get(key) === oldParam && found.every(v => v === old)) {
        return 'lost';
    }
    return false;
}"""
IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"] button')"""


def _labels() -> dict[str, str]:
    """English slider label → criterion name (the labels the app draws)."""
    catalog = tomllib.loads((ROOT / "ui" / "locales" / "en.toml").read_text(encoding="utf-8"))
    return {v: k.removeprefix("crit.") for k, v in catalog.items() if k.startswith("crit.")}


LABELS = _labels()
LABEL_OF = {v: k for k, v in LABELS.items()}
DEFAULTS = {c: int(w) for c, w in Scenario.from_query({})[0].criterion_weights().items()}


@dataclass
class Tally:
    reruns: list[float] = field(default_factory=list)
    switches: list[float] = field(default_factory=list)
    first_pages: list[float] = field(default_factory=list)  # link opened → first page usable
    errors: collections.Counter[str] = field(default_factory=collections.Counter)
    examples: dict[str, str] = field(default_factory=dict)
    leaks: list[str] = field(default_factory=list)
    checks: int = 0
    presses: int = 0

    def error(self, kind: str, example: str) -> None:
        self.errors[kind] += 1
        self.examples.setdefault(kind, example[:300])


# --- the server and its memory ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tree(root: int) -> list[int]:
    """``root`` and all its descendants (from ``/proc/*/stat``)."""
    children: dict[int, list[int]] = collections.defaultdict(list)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children[ppid].append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _rss_mib(pids: Iterable[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _pss_mib(pids: Iterable[int]) -> float:
    """Proportional set size: shared pages split between the processes that share them (a sum
    of RSS over Chromium's many processes counts its shared memory many times)."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _available_mib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_s(pids: Iterable[int]) -> float:
    """CPU seconds used by ``pids`` and their reaped children (user + system)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15])
    return total / os.sysconf("SC_CLK_TCK")


def _start(port: int, folder: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PARKBENCH_DB": str(folder / "sub.sqlite"), "PARKBENCH_OFFLINE": "1",
           "STREAMLIT_SECRETS_FILES": str(folder / "no-secrets.toml")}
    env.pop("PARKBENCH_DATABASE_URL", None)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"streamlit did not become healthy:\n{log.read_text()[-3000:]}")


@dataclass
class Memory:
    server: int
    client: int
    # (server RSS, browsers PSS, machine's available memory) in MiB
    samples: list[tuple[float, float, float]] = field(default_factory=list)

    def browser_pids(self) -> list[int]:
        """The browsers this script drives, with Playwright's driver (not the server)."""
        server = set(_tree(self.server))
        return [p for p in _tree(self.client) if p not in server and p != self.client]

    def sample(self) -> tuple[float, float, float]:
        row = (_rss_mib(_tree(self.server)), _pss_mib(self.browser_pids()), _available_mib())
        self.samples.append(row)
        return row

    async def watch(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.sample()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=2.0)


# --- one session -----------------------------------------------------------------------------


def _signature(index: int) -> dict[str, int]:
    return {SIGNATURE[0]: index % 11, SIGNATURE[1]: (index // 11) % 11}


def _param(value: int, criterion: str) -> str | None:
    """What the address bar holds for a weight (nothing when it equals the default)."""
    return None if value == DEFAULTS[criterion] else str(value)


class Session:
    def __init__(self, browser: Any, base: str, index: int, tally: Tally,
                 think: float) -> None:
        self.browser, self.base, self.index, self.tally = browser, base, index, tally
        self.think = think
        self.expected = {**DEFAULTS, **_signature(index)}
        self.page: Any = None
        self.where = ""
        self.opened = False

    def trace(self, what: str) -> None:
        if TRACE["on"]:
            print(f"{time.monotonic() - TRACE['t0']:7.1f} s  session {self.index:2}: {what}",
                  flush=True)

    def link(self, path: str = "") -> str:
        changed = {f"w_{c}": str(v) for c, v in self.expected.items() if v != DEFAULTS[c]}
        return f"{self.base}/{path}?{urlencode({'lang': 'en', **changed})}"

    async def run(self, until: float, shared: Any = None) -> None:
        """Until ``until``: in a tab of the ``shared`` browser context, else in its own."""
        context = shared or await self.browser.new_context(
            viewport={"width": 1300, "height": 900}, locale="en-US")
        self.page = page = await context.new_page()
        await page.route("**/*", self._route)
        page.on("pageerror", lambda exc: self.tally.error("browser page error", str(exc)))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        try:
            await self._open(PAGES[0])
            if await page.evaluate("() => document.visibilityState") != "visible":
                self.tally.error("page not visible (a throttled background tab)", "")
            step = 0
            while time.monotonic() < until:
                try:
                    for _ in range(PRESSES_PER_PAGE):
                        if time.monotonic() >= until:
                            break
                        await self._press()
                        await self._pause()
                    step += 1
                    if time.monotonic() < until:
                        await self._switch(PAGES[step % len(PAGES)])
                        await self._pause()
                except Exception as exc:  # count it, start over from this session's own link
                    self.tally.error(_kind(exc), f"session {self.index} {self.where}: {exc}")
                    self.trace(f"error {self.where}: {type(exc).__name__}")
                    if time.monotonic() < until:
                        await self._open(PAGES[step % len(PAGES)])
        except Exception as exc:
            self.tally.error(_kind(exc), f"session {self.index} {self.where}: {exc}")
        finally:
            await (page.close() if shared else context.close())

    async def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")) \
                or (urlparse(url).hostname or "") in LOCAL_HOSTS:
            await route.continue_()
        else:
            self.tally.error("off-host request (blocked)", url)
            await route.abort()

    def _failed(self, request: Any) -> None:
        if re.search(r"/_stcore/(stream|health)", request.url) or \
                (urlparse(request.url).hostname or "") not in LOCAL_HOSTS:
            return
        if "ERR_ABORTED" in str(request.failure):  # the page dropped it (a redrawn map frame)
            self.tally.error("request cancelled by the page (net::ERR_ABORTED)", request.url)
        else:
            self.tally.error("failed local request", f"{request.url} {request.failure}")

    def _response(self, response: Any) -> None:
        if response.status >= 500:
            self.tally.error(f"server error response ({response.status})", response.url)

    async def _pause(self) -> None:
        await asyncio.sleep(random.uniform(0.5, 1.5) * self.think)

    async def _open(self, target: tuple[str, str]) -> None:
        self.where = f"opening /{target[0]}"
        start = time.monotonic()
        await self.page.goto(self.link(target[0]), wait_until="commit",
                             timeout=WAIT_MS)
        await self._arrive(target)
        if not self.opened:
            self.opened = True
            self.tally.first_pages.append(time.monotonic() - start)
        self.trace(f"opened /{target[0]} in {time.monotonic() - start:.1f} s")

    async def _switch(self, target: tuple[str, str]) -> None:
        self.where = f"switching to /{target[0]}"
        await self._idle()
        start = time.monotonic()
        nav = self.page.locator(f"{SIDEBAR} a[data-testid='stSidebarNavLink']").filter(
            has_text=NAV[target[0]]).first
        await nav.click(timeout=WAIT_MS)
        await self._arrive(target)
        self.tally.switches.append(time.monotonic() - start)
        self.trace(f"switched to /{target[0]} in {time.monotonic() - start:.1f} s")

    async def _arrive(self, target: tuple[str, str]) -> None:
        """Wait for the page's title and its weight sliders, then check this session's
        scenario on it."""
        path, title = target
        page = self.page
        await page.wait_for_function(
            "p => location.pathname.replace(/^\\/+/, '') === p", arg=path, timeout=WAIT_MS,
            polling=POLL_MS)
        await page.get_by_role("heading", name=title).first.wait_for(timeout=WAIT_MS)
        expander = page.locator(f"{SIDEBAR} [data-testid='stExpander']").filter(
            has=page.locator("summary", has_text="Weights")).first
        await expander.wait_for(timeout=WAIT_MS)
        if await expander.locator("details").first.get_attribute("open") is None:
            await expander.locator("summary").first.click(timeout=WAIT_MS)
        await page.wait_for_function(
            "n => document.querySelectorAll(\"section[data-testid='stSidebar'] "
            "[data-testid='stExpander'] input[type='range']\").length >= n",
            arg=len(LABELS), timeout=WAIT_MS, polling=POLL_MS)
        await self._idle()
        self.where = f"on /{path}"
        await self._check("after opening the page")

    async def _idle(self) -> None:
        await self.page.wait_for_function(IDLE, timeout=WAIT_MS, polling=POLL_MS)

    async def _press(self) -> None:
        current = self.expected[MOVED]
        key, value = ("ArrowLeft", current - 1) if current >= 10 or (
            current > 0 and random.random() < 0.5) else ("ArrowRight", current + 1)
        label = LABEL_OF[MOVED]
        slider = self.page.locator(f"{SIDEBAR} [data-testid='stSlider']").filter(
            has_text=label).get_by_role("slider").first
        await slider.focus(timeout=WAIT_MS)
        await self.page.evaluate("() => { window.__pbSawNew = false; }")
        start = time.monotonic()
        await slider.press(key, timeout=WAIT_MS)
        self.tally.presses += 1
        outcome = await self.page.wait_for_function(
            SETTLED, arg=[label, value, current, f"w_{MOVED}", _param(value, MOVED),
                          _param(current, MOVED)], timeout=WAIT_MS, polling=POLL_MS)
        result = await outcome.json_value()
        self.trace(f"{key} {current}→{value}: {result} after {time.monotonic() - start:.2f} s")
        if result == "ok":
            self.expected[MOVED] = value
            self.tally.reruns.append(time.monotonic() - start)
        else:
            self.tally.error("key press lost (the slider went back to its old value)",
                             f"session {self.index} {self.where}: {key} from {current}")
        await self._check(f"after {key} to {value}")

    async def _check(self, when: str) -> None:
        """Every weight slider and every ``w_*`` link parameter must be what this session set;
        an exception drawn by the app is counted."""
        page = self.page
        self.tally.checks += 1
        problems: list[str] = []
        for attempt in range(3):  # a redrawn slider can briefly coexist with the stale one
            problems = []
            shown: dict[str, list[float]] = await page.evaluate(READ_WEIGHTS)
            query = parse_qs(urlparse(page.url).query)
            for criterion, want in self.expected.items():
                values = set(shown.get(LABEL_OF[criterion], []))
                if values != {want}:
                    problems.append(f"slider {criterion}={sorted(values)} (set {want})")
                got = query.get(f"w_{criterion}", [None])[0]
                if got != _param(want, criterion):
                    problems.append(f"link w_{criterion}={got} (set {_param(want, criterion)})")
            if not problems:
                break
            if attempt < 2:
                await page.wait_for_timeout(1_000)
        if problems:
            self.tally.leaks.append(f"session {self.index} {self.where} {when}: "
                                    + "; ".join(problems))
        exceptions = page.locator("[data-testid='stException']")
        if await exceptions.count():
            text = await exceptions.first.inner_text()
            self.tally.error("exception shown by the app", f"{self.where}: {text}")


def _kind(exc: BaseException) -> str:
    text = str(exc)
    if "Timeout" in type(exc).__name__:
        what = re.search(r"waiting for (locator\(.{0,60}|function)", text)
        return f"time-out ({what.group(1) if what else 'other'})"
    return type(exc).__name__


# --- the run ---------------------------------------------------------------------------------


def _server_log_errors(log: Path) -> collections.Counter[str]:
    found: collections.Counter[str] = collections.Counter()
    lines = log.read_text(errors="replace").splitlines()
    for i, line in enumerate(lines):
        if line.startswith("Traceback"):
            last = next((lines[j] for j in range(i + 1, min(i + 200, len(lines)))
                         if re.match(r"^[A-Za-z_.]+(Error|Exception)\b", lines[j])), "?")
            found[f"server traceback: {last[:160]}"] += 1
    return found


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _warm_up(browser: Any, base: str, shared: Any) -> float:
    """One visit to each page before the load, so the server's shared caches (catalog,
    evaluations, map layers) are filled and the per-session memory is what the sessions add; in
    the ``shared`` context it also fills the browser's cache, as for a returning visitor."""
    start = time.monotonic()
    context = shared or await browser.new_context(viewport={"width": 1300, "height": 900},
                                                  locale="en-US")
    page = await context.new_page()
    for path, title in PAGES:
        await page.goto(f"{base}/{path}?lang=en", wait_until="commit",
                        timeout=WAIT_MS)
        await page.get_by_role("heading", name=title).first.wait_for(timeout=WAIT_MS)
        await page.wait_for_function(IDLE, timeout=WAIT_MS, polling=POLL_MS)
    await (page.close() if shared else context.close())
    return time.monotonic() - start


@dataclass
class Figures:
    sessions: int
    wall: float = 0.0
    warm_up: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    own_cpu: float = 0.0
    start: tuple[float, float, float] = (0.0, 0.0, 0.0)
    warm: tuple[float, float, float] = (0.0, 0.0, 0.0)
    end: tuple[float, float, float] = (0.0, 0.0, 0.0)
    after: tuple[float, float, float] = (0.0, 0.0, 0.0)


async def _run(sessions: int, seconds: float, think: float, ramp: float,
               isolated: bool) -> None:
    from playwright.async_api import async_playwright

    port = _free_port()
    print(f"load test: {sessions} sessions × {seconds:.0f} s each, think {think:.1f} s, "
          f"starts spread over {ramp:.0f} s, "
          + ("one browser context per session" if isolated else
             "one tab per session in one browser context")
          + f"; {os.cpu_count()} cores, "
          f"{_available_mib() / 1024:.1f} GiB available, load average before "
          + " ".join(f"{x:.1f}" for x in os.getloadavg()), flush=True)
    tally, figures = Tally(), Figures(sessions)
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "server.log"
        proc = _start(port, Path(folder), log)
        memory = Memory(server=proc.pid, client=os.getpid())
        try:
            figures.start = memory.sample()
            base = f"http://127.0.0.1:{port}"
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(
                    executable_path=CHROMIUM, headless=True,
                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                          "--disable-background-networking", "--disable-component-update",
                          "--disable-sync", "--no-first-run", "--disable-quic"])
                shared = None if isolated else await browser.new_context(
                    viewport={"width": 1300, "height": 900}, locale="en-US")
                figures.warm_up = await _warm_up(browser, base, shared)
                figures.warm = memory.sample()
                memory.samples.clear()
                cpu_before = _cpu_s(_tree(proc.pid))
                client_before = _cpu_s(memory.browser_pids())
                own_before = time.process_time()
                stop = asyncio.Event()
                watcher = asyncio.create_task(memory.watch(stop))
                started = time.monotonic()
                until = started + ramp + seconds  # every session is active for `seconds`

                async def one(i: int) -> None:
                    await asyncio.sleep(ramp * i / max(1, sessions))
                    await Session(browser, base, i, tally, think).run(until, shared)

                jobs = asyncio.gather(*(one(i) for i in range(sessions)))
                try:  # a session stuck past its deadline is cut off, never waited for forever
                    await asyncio.wait_for(jobs, timeout=ramp + seconds + 2 * WAIT_MS / 1000)
                except TimeoutError:
                    tally.error("session cut off at the hard deadline", "")
                figures.wall = time.monotonic() - started
                figures.end = memory.sample()
                figures.server_cpu = _cpu_s(_tree(proc.pid)) - cpu_before
                figures.client_cpu = _cpu_s(memory.browser_pids()) - client_before
                figures.own_cpu = time.process_time() - own_before
                stop.set()
                await watcher
                await browser.close()
            await asyncio.sleep(5)
            figures.after = memory.sample()
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        tally.errors.update(_server_log_errors(log))
    _report(tally, figures, memory.samples)


def _report(tally: Tally, f: Figures, samples: list[tuple[float, float, float]]) -> None:
    n = f.sessions
    print(f"ran {f.wall:.0f} s (the starts' ramp, then all sessions) after a {f.warm_up:.0f} s "
          f"warm-up visit; key presses {tally.presses}, reruns completed {len(tally.reruns)}, "
          f"page switches {len(tally.switches)}, scenario checks {tally.checks}")
    print(f"sessions that showed their first page: {len(tally.first_pages)} of {n}")
    for name, values in (("first page (link opened → page, sliders and link shown)",
                          tally.first_pages),
                         ("rerun (key press → new weight in slider and link)", tally.reruns),
                         ("page switch (click → page, sliders and link shown)", tally.switches)):
        if values:
            print(f"{name}: p50 {statistics.median(values):.2f} s, p95 {_pct(values, 0.95):.2f} s,"
                  f" max {max(values):.2f} s (n={len(values)})")
    print(f"errors {sum(tally.errors.values())}"
          + "".join(f"\n  {count} × {kind}" + (f"\n      e.g. {tally.examples[kind]!r}"
                                               if tally.examples.get(kind) else "")
                    for kind, count in tally.errors.most_common()))
    leaking = {x.split(" ")[1] for x in tally.leaks}
    print(f"sessions that saw a scenario they did not set: {len(leaking)} of {n}"
          f" ({len(tally.leaks)} of {tally.checks} checks)")
    for line in tally.leaks[:10]:
        print("  ", line[:400])
    peak = max([s for s, _, _ in samples] or [f.end[0]])
    print(f"server RSS (process and children): start {f.start[0]:.0f} MiB, after the warm-up "
          f"{f.warm[0]:.0f} MiB, peak {peak:.0f} MiB, end of load {f.end[0]:.0f} MiB, 5 s after "
          f"the sessions closed {f.after[0]:.0f} MiB; per session (peak − warm)/{n} = "
          f"{(peak - f.warm[0]) / n:.1f} MiB")
    browsers = max([b for _, b, _ in samples] or [f.end[1]])
    low = min([a for _, _, a in samples] or [f.end[2]])
    print(f"CPU in {f.wall:.0f} s of load: server {f.server_cpu:.0f} s "
          f"({f.server_cpu / f.wall:.2f} cores), Chromium and Playwright {f.client_cpu:.0f} s "
          f"({f.client_cpu / f.wall:.2f} cores), this script {f.own_cpu:.0f} s, of "
          f"{os.cpu_count()} cores")
    print(f"Chromium PSS peak {browsers:.0f} MiB ({browsers / n:.0f} MiB per session); "
          f"machine's available memory at its lowest {low / 1024:.1f} GiB; "
          "load average after " + " ".join(f"{x:.1f}" for x in os.getloadavg()))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120.0, help="per session")
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause between a session's actions, seconds")
    parser.add_argument("--ramp", type=float, default=None,
                        help="spread the session starts over this many seconds (default 2 s "
                             "per session, at most 60); then all run for --seconds")
    parser.add_argument("--quick", action="store_true", help="3 sessions for 20 s")
    parser.add_argument("--isolated", action="store_true",
                        help="one browser context per session (own cookies and cache: every "
                             "session downloads and compiles the frontend), not one tab each")
    parser.add_argument("--trace", action="store_true", help="print every session's steps")
    args = parser.parse_args()
    TRACE["on"] = args.trace
    sessions, seconds = (3, 20.0) if args.quick else (args.sessions, args.seconds)
    sessions, seconds = max(1, min(sessions, 60)), max(5.0, min(seconds, 600.0))
    ramp = args.ramp if args.ramp is not None else min(60.0, 2.0 * sessions)
    asyncio.run(_run(sessions, seconds, max(0.0, args.think), max(0.0, ramp), args.isolated))


if __name__ == "__main__":
    main()

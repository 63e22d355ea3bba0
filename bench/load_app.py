"""Bounded load test (issue 12, item 4): N concurrent real Chromium sessions on one Streamlit
server, each moving a weight slider and switching pages, for a fixed duration. Loopback only;
stops by itself. Not part of the test suite.

    python bench/load_app.py            # 20 sessions, 120 s
    python bench/load_app.py --quick    # 3 sessions, 20 s

Prints p50/p95 rerun latency (key press on a slider → the page's link shows the new scenario),
errors, server memory (RSS) per session, and whether any session ever saw a slider value it did
not set itself (another session's scenario).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
PAGES = ("find", "compare", "benchmark")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _start(port: int, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PARKBENCH_DB": str(db), "PARKBENCH_OFFLINE": "1",
           "STREAMLIT_SECRETS_FILES": str(db.with_suffix(".none.toml"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("streamlit did not become healthy")


async def _session(browser: Any, base: str, index: int, until: float, tally: Tally) -> None:
    context = await browser.new_context(viewport={"width": 1300, "height": 900})

    async def route(route_obj: Any) -> None:
        if (urlparse(route_obj.request.url).hostname or "") in {"127.0.0.1", "localhost"} \
                or route_obj.request.url.startswith(("data:", "blob:")):
            await route_obj.continue_()
        else:
            await route_obj.abort()

    await context.route("**/*", route)
    page = await context.new_page()
    step = 0
    try:
        while time.monotonic() < until:
            name = PAGES[step % len(PAGES)]
            await page.goto(f"{base}/{name}", wait_until="domcontentloaded")
            expander = page.locator("summary", has_text='Weights').first
            await expander.wait_for(timeout=60_000)
            await expander.scroll_into_view_if_needed()
            await expander.click(force=True)  # the weight sliders live in a collapsed expander
            box = page.locator('[data-testid="stSlider"]').filter(visible=True).first
            await box.wait_for(timeout=60_000)
            slider = box.locator('input[type="range"]')  # visually hidden, focusable
            for _ in range(3):
                if time.monotonic() >= until:
                    break
                before = page.url
                value = int(await slider.input_value() or 0)
                key = "ArrowLeft" if value >= 10 else "ArrowRight"
                expected = value - 1 if key == "ArrowLeft" else value + 1
                start = time.monotonic()
                await slider.focus()
                await page.keyboard.press(key)
                await page.wait_for_function("u => window.location.href !== u", arg=before,
                                             timeout=60_000)
                tally.latencies.append(time.monotonic() - start)
                seen = int(await slider.input_value() or -1)
                if seen != expected:
                    tally.leaks.append(f"session {index}: expected {expected}, saw {seen}")
            step += 1
    except Exception as exc:  # a load test counts failures instead of stopping
        tally.errors.append(f"session {index}: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        await context.close()


async def _run(sessions: int, seconds: float) -> None:
    from playwright.async_api import async_playwright

    port = _free_port()
    with tempfile.TemporaryDirectory() as folder:
        proc = _start(port, Path(folder) / "sub.sqlite")
        try:
            base = f"http://127.0.0.1:{port}"
            idle = _rss_mib(proc.pid)
            tally = Tally()
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(
                    executable_path=CHROMIUM, headless=True,
                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                          "--disable-background-networking"])
                until = time.monotonic() + seconds
                await asyncio.gather(*(_session(browser, base, i, until, tally)
                                       for i in range(sessions)))
                loaded = _rss_mib(proc.pid)
                await browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    lat = sorted(tally.latencies)
    p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))] if lat else float("nan")
    print(f"sessions {sessions}, {seconds:.0f} s, reruns {len(lat)}")
    if lat:
        print(f"rerun latency p50 {statistics.median(lat):.2f} s, p95 {p95:.2f} s")
    print(f"errors {len(tally.errors)}; cross-session values seen {len(tally.leaks)}")
    for line in (tally.errors + tally.leaks)[:10]:
        print("  ", line)
    print(f"server RSS idle {idle:.0f} MiB, under load {loaded:.0f} MiB, "
          f"{(loaded - idle) / sessions:.1f} MiB per session")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--quick", action="store_true", help="3 sessions for 20 s")
    args = parser.parse_args()
    sessions, seconds = (3, 20.0) if args.quick else (args.sessions, args.seconds)
    asyncio.run(_run(max(1, min(sessions, 50)), max(5.0, min(seconds, 600.0))))


if __name__ == "__main__":
    main()

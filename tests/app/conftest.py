"""Fixtures for the app's tests: a served app and a headless Chromium for the browser tests.

The browser tests drive Debian's ``chromium`` through the ``playwright`` package (Playwright's
own browser download does not work offline). ``app/ci/install-browser`` installs both; the
tests fail, rather than skip, when they are missing, so CI cannot pass without them.
Screenshots and timings go to ``$ORGLEARN_ARTIFACTS`` (default ``out/app-artifacts``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ORGLEARN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def artifacts() -> Path:
    folder = Path(os.environ.get("ORGLEARN_ARTIFACTS", ROOT / "out" / "app-artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class Server:
    """The served app: its address, and its process (to measure what it does with no page open)."""

    url: str
    process: subprocess.Popen


@pytest.fixture(scope="session")
def served_app(server: Server) -> str:
    """The address of the served app."""
    return server.url


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``orglearn app`` on a free port of 127.0.0.1, as a person would start it."""
    port = free_port()
    home = tmp_path_factory.mktemp("home")
    env = {**os.environ, "XDG_CACHE_HOME": str(home / "cache")}
    log = (home / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "orglearn", "app", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=home,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
        if server.poll() is not None:
            raise RuntimeError((home / "server.log").read_text())
    else:
        server.kill()
        raise RuntimeError("orglearn app did not answer within 90 s")
    yield Server(url, server)
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run app/ci/install-browser (or set ORGLEARN_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, served_app: str):
    """A fresh browser context (a new person) on the app, with failed asset requests recorded."""
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, accept_downloads=True)
    tab = context.new_page()
    tab.missing = []
    tab.on("response", lambda r: tab.missing.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    tab.on("requestfailed", lambda r: tab.missing.append(f"failed {r.url}"))
    yield tab
    context.close()

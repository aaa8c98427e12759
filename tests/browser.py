"""Serve dashboards with Voilà on loopback and drive them in Debian's Chromium (via Playwright)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("TPKIT_CHROMIUM", "/usr/bin/chromium")
#: Voilà options of `make run` (see VOILA_OPTIONS in the Makefile): preheated kernels.
RUN_OPTIONS = ("--preheat_kernel=True", "--pool_size=1")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def voila_server(folder: Path = ROOT / "dashboards", timeout: float = 90, env: dict | None = None,
                 options: tuple[str, ...] = ()) -> Iterator[str]:
    """Start ``voila folder`` on a free loopback port (``env`` added to its environment, ``options`` to its
    command line); yield its base URL."""
    port = free_port()
    log = open(ROOT / "tests" / f".voila-{port}.log", "w")
    voila = Path(sys.executable).with_name("voila")
    proc = subprocess.Popen(
        [str(voila), str(folder), "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
         "--show_tracebacks=True", *options],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"Voilà did not start; see {log.name}") from None
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        Path(log.name).unlink(missing_ok=True)


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium browser driven by Playwright."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: run `make browser` or set TPKIT_CHROMIUM")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def kpi(page, name: str) -> str:
    """The value shown on the key-figure card ``name``."""
    return page.locator(f"[data-kpi={name}] .tp-kpi-value").inner_text()


def wait_for_kpi(page, name: str, value: str, timeout: int = 60_000) -> None:
    page.wait_for_function(
        "([n, v]) => { const e = document.querySelector(`[data-kpi=${n}] .tp-kpi-value`); return e && e.innerText === v; }",
        arg=[name, value], timeout=timeout)


def wait_text(page, selector: str, text: str, timeout: int = 60_000) -> None:
    """Wait until the element ``selector`` shows ``text`` somewhere in it."""
    page.wait_for_function(
        "([s, t]) => { const e = document.querySelector(s); return e && e.innerText.includes(t); }",
        arg=[selector, text], timeout=timeout)


def upload(page, path) -> None:
    """Click the upload button and choose ``path`` in the file chooser, as a person would."""
    with page.expect_file_chooser(timeout=30_000) as chooser:
        page.locator(".widget-upload").click()
    chooser.value.set_files(str(path))


@contextmanager
def dashboard(name: str, ready: str, timeout: int = 180_000, env: dict | None = None) -> Iterator[object]:
    """A Chromium page showing dashboard ``name`` (served by Voilà), once ``ready`` (a selector) is shown."""
    with voila_server(env=env, options=RUN_OPTIONS) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/voila/render/{name}.ipynb", timeout=timeout)
        page.wait_for_selector(ready, timeout=timeout)
        yield page

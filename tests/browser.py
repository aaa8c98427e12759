"""Serve dashboards with Voilà on loopback and drive them in Debian's Chromium (via Playwright)."""

from __future__ import annotations

import json
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
def pool_options(pools: dict[str, int], *, refill: int = 1) -> tuple[str, ...]:
    """Voilà options for preheated kernels: ``pools`` maps a notebook (or ``default``) to its number of
    kernels; the rest as `make run` sets it (VOILA_OPTIONS in the Makefile)."""
    config = {notebook: {"pool_size": size} for notebook, size in pools.items()}
    return ("--preheat_kernel=True", f"--VoilaKernelManager.kernel_pools_config={json.dumps(config)}",
            f"--VoilaKernelManager.fill_delay={refill}", "--VoilaExecutor.iopub_timeout=60")


def run_options(*, audience: int = 1, pool: int = 1, refill: int | None = None) -> tuple[str, ...]:
    """The Voilà options of `make run AUDIENCE=… POOL=… REFILL=…` (tests/test_serving.py keeps them equal):
    ``refill`` defaults to 3 s per expected page for an audience above 1, else 1 s."""
    refill = (3 * audience if audience > 1 else 1) if refill is None else refill
    return pool_options({"default": pool, "what_if.ipynb": audience}, refill=refill)


#: Voilà options of `make run` as it is called without options.
RUN_OPTIONS = run_options()
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


#: The dashboards' Voilà template (share/jupyter/voila/templates/tpkit: nothing loaded from outside the server),
#: as `make run` serves them.
TEMPLATE_OPTIONS = ("--template=tpkit",)
TEMPLATE_ENV = {"JUPYTER_PATH": os.pathsep.join(filter(None, [str(ROOT / "share" / "jupyter"),
                                                              os.environ.get("JUPYTER_PATH", "")]))}


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
         "--show_tracebacks=True", *TEMPLATE_OPTIONS, *options],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **TEMPLATE_ENV, **(env or {})})
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
    """A Chromium page showing dashboard ``name`` (served by Voilà), once ``ready`` (a selector) is shown.

    Served as `make run` serves it, from a preheated kernel, but with none for the other dashboards (their
    kernels would only take the cores from this one's)."""
    options = pool_options({"default": 0, f"{name}.ipynb": 1})
    with voila_server(env=env, options=options) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/voila/render/{name}.ipynb", timeout=timeout)
        page.wait_for_selector(ready, timeout=timeout)
        yield page

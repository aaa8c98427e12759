"""Many stakeholders at once: N Chromium pages on one Voilà server, each changing and saving scenarios in the
same project. Used by tests/test_concurrent_sessions.py and benchmarks/concurrent_sessions.py.

The server runs as `make run AUDIENCE=N` runs it (a preheated planner kernel per expected page). The pages
open either as soon as the server answers (``warm=False``: the kernels are still starting) or once every
preheated kernel has run its dashboard and is idle (``warm=True``: the server was started before the
meeting)."""

from __future__ import annotations

import shutil
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from browser import ROOT, chromium, run_options, voila_server, wait_for_kpi, wait_text

from tpkit.i18n import format_money
from tpkit.io import load_project
from tpkit.scenario import RemoveTouchpoint, Scenario, simulate


@dataclass
class SessionRun:
    """What a run of N sessions saw: per-change response times, kernel memory and the expected results."""

    sessions: int
    audience: int = 1
    refill: int | None = None
    warm: bool = False
    preheat_seconds: float = 0.0
    start_seconds: float = 0.0
    change_seconds: list[float] = field(default_factory=list)
    kernel_rss: list[int] = field(default_factory=list)
    kernel_uss: list[int] = field(default_factory=list)
    server_rss: int = 0
    shown: dict[int, str] = field(default_factory=dict)
    expected: dict[int, str] = field(default_factory=dict)
    messages: dict[int, str] = field(default_factory=dict)
    race: list[str] = field(default_factory=list)
    data: Path | None = None
    touchpoints: list[str] = field(default_factory=list)

    def report(self) -> str:
        rss = [r / 1024**2 for r in self.kernel_rss]
        uss = [r / 1024**2 for r in self.kernel_uss]
        when = (f"once the preheated kernels were ready ({self.preheat_seconds:.0f} s after the server started)"
                if self.warm else "as the server started")
        how = f"AUDIENCE={self.audience}" + ("" if self.refill is None else f" REFILL={self.refill}")
        return (f"`make run {how}`, {self.sessions} sessions opened {when}: all pages ready after "
                f"{self.start_seconds:.0f} s; "
                f"a change answered in median {statistics.median(self.change_seconds):.1f} s, "
                f"at worst {max(self.change_seconds):.1f} s; "
                f"memory per session (its kernel): {statistics.median(uss):.0f} MiB of its own (USS), "
                f"{statistics.median(rss):.0f} MiB resident (RSS, at most {max(rss):.0f}); "
                f"Voilà server {self.server_rss / 1024**2:.0f} MiB")


def _kernel_processes() -> list[psutil.Process]:
    out = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                out.append(child)
        except psutil.Error:
            continue
    return out


def wait_until_preheated(kernels: int, timeout: float, quiet: int = 3) -> float:
    """Wait until ``kernels`` kernels run under this process and they and the Voilà server have been idle for
    ``quiet`` seconds in a row (every kernel has run its dashboard); the seconds waited."""
    started = time.monotonic()
    idle = 0
    while time.monotonic() - started < timeout:
        running = _kernel_processes()
        if len(running) < kernels:
            idle = 0
            time.sleep(0.5)
            continue
        try:
            tree = psutil.Process().children(recursive=True)
            for p in tree:
                p.cpu_percent(interval=None)
            time.sleep(1.0)
            busy = sum(p.cpu_percent(interval=None) for p in tree if "chrom" not in p.name())
        except psutil.Error:
            idle = 0
            continue
        idle = idle + 1 if busy < 10 else 0
        if idle >= quiet:
            return time.monotonic() - started - quiet
    raise TimeoutError(f"{kernels} preheated kernels were not ready after {timeout:.0f} s")


def _kernels() -> tuple[list[int], list[int], int]:
    """Resident and unique memory of each kernel under this process, and the Voilà server's resident memory."""
    rss, uss, server = [], [], 0
    for child in psutil.Process().children(recursive=True):
        try:
            cmd = " ".join(child.cmdline())
            if "ipykernel" in cmd:
                info = child.memory_full_info()
                rss.append(info.rss)
                uss.append(info.uss)
            elif "voila" in cmd:
                server = child.memory_info().rss
        except psutil.Error:
            continue
    return rss, uss, server


def _ready(page, index: int, timeout: float) -> None:
    """Wait until page ``index`` shows the planner; once reloaded when it does not within half the time (a
    kernel that failed to connect), then a TimeoutError that says which page and what it shows."""
    for attempt in range(2):
        try:
            page.wait_for_selector("[data-kpi=cost]", timeout=timeout * 500)
            return
        except Exception:
            if attempt:
                shown = page.locator("body").inner_text()[:300].replace("\n", " ")
                raise TimeoutError(f"page {index} showed no planner after {timeout:.0f} s and a reload: {shown!r}")
            page.reload(wait_until="commit", timeout=timeout * 500)


def run_sessions(n: int, workdir: Path, timeout: float = 600, *, audience: int | None = None,
                 refill: int | None = None, warm: bool = False) -> SessionRun:
    """Open ``n`` sessions of the what-if planner on a copy of the hotel; each removes its own touchpoint,
    saves "Sitzung i", removes a second one, saves "Sitzung i b", and all save "Gemeinsam" at once.

    The server preheats ``audience`` planner kernels (default ``n``) and one for each other dashboard, and
    replaces a taken one after ``refill`` seconds (default as `make run`); with ``warm`` the pages open once
    the preheated kernels are ready."""
    audience = n if audience is None else audience
    data = workdir / "data"
    shutil.copytree(ROOT / "data" / "hotel", data / "hotel", ignore=shutil.ignore_patterns("scenarios"))
    shutil.copytree(ROOT / "data" / "it_distributor", data / "it_distributor",
                    ignore=shutil.ignore_patterns("scenarios"))
    hotel = load_project(data / "hotel")
    tps = hotel.touchpoints.sort_values("annual_cost", ascending=False)
    tps = tps.drop_duplicates("annual_cost")
    if n > len(tps):
        raise ValueError(f"the hotel has {len(tps)} touchpoints of different cost: at most {len(tps)} sessions")
    # the second removal: the next touchpoints, from the first ones again when the hotel has too few
    first, second = tps.iloc[:n], tps.iloc[[(n + i) % len(tps) for i in range(n)]]
    run = SessionRun(n, audience=audience, refill=refill, warm=warm, data=data,
                     touchpoints=first["touchpoint_id"].tolist() + second["touchpoint_id"].tolist())
    options = run_options(audience=audience, refill=refill)
    with voila_server(env={"TPKIT_DATA": str(data)}, options=options, timeout=timeout) as base, chromium() as browser:
        if warm:
            run.preheat_seconds = wait_until_preheated(audience + 2, timeout)
        pages = []
        started = time.monotonic()
        for _ in range(n):
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(f"{base}/voila/render/what_if.ipynb", wait_until="commit", timeout=timeout * 1000)
            pages.append(page)
        for i, page in enumerate(pages):
            _ready(page, i, timeout)
        run.start_seconds = time.monotonic() - started

        for step, chosen in enumerate((first, second)):
            clicked = []
            for i, page in enumerate(pages):  # every session changes at once
                page.locator(".tp-touchpoint select").select_option(label=chosen["name"].iloc[i])
                page.locator(".tp-remove-btn").click()
                clicked.append(time.monotonic())
            for i, page in enumerate(pages):
                removed = [RemoveTouchpoint(first["touchpoint_id"].iloc[i])]
                if step:
                    removed.append(RemoveTouchpoint(second["touchpoint_id"].iloc[i]))
                expected = format_money(simulate(hotel, Scenario("x", tuple(removed))).value("touchpoint_cost"),
                                        currency="EUR", lang="de")
                run.expected[i] = expected
                try:
                    wait_for_kpi(page, "cost", expected, timeout * 1000)
                except Exception:
                    pass  # recorded below as cross-talk or a lost change
                run.change_seconds.append(time.monotonic() - clicked[i])
                run.shown[i] = page.locator("[data-kpi=cost] .tp-kpi-value").inner_text()
            for i, page in enumerate(pages):  # every session saves at once
                page.locator(".tp-save-name input").fill(f"Sitzung {i}" + (" b" if step else ""))
                page.locator(".tp-save-btn").click()
            for i, page in enumerate(pages):
                name = f"Sitzung {i}" + (" b" if step else "")
                try:
                    wait_text(page, "[data-testid=message]", name, timeout * 1000)
                except Exception as err:   # say which session's save never answered
                    raise TimeoutError(f"session {i}: saving {name!r} gave no message") from err
                run.messages[i] = page.locator("[data-testid=message]").inner_text()
        run.kernel_rss, run.kernel_uss, run.server_rss = _kernels()

        for page in pages:  # all at once, one name: exactly one may save it
            page.locator(".tp-save-name input").fill("Gemeinsam")
            page.locator(".tp-save-btn").click()
        for page in pages:
            wait_text(page, "[data-testid=message]", "Gemeinsam", timeout * 1000)
            run.race.append(page.locator("[data-testid=message]").inner_text())
    return run

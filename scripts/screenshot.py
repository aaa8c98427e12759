"""Take the README's dashboard screenshot: python scripts/screenshot.py [docs/overview.png]."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium, voila_server  # noqa: E402


def main(out: Path) -> None:
    with voila_server() as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1500, "height": 1100})
        page.goto(f"{base}/voila/render/overview.ipynb", timeout=120_000)
        page.wait_for_selector(".vega-embed", timeout=120_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(out), full_page=False)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "overview.png")

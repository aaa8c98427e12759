"""Take the README's dashboard screenshots: python scripts/screenshot.py [overview|evaluation ...]."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import dashboard  # noqa: E402


def main(dashboards: list[str]) -> None:
    for name in dashboards:
        out = ROOT / "docs" / f"{name}.png"
        with dashboard(name, ".vega-embed") as page:
            page.wait_for_timeout(1500)
            page.screenshot(path=str(out), full_page=False)
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["overview", "evaluation", "what_if"])

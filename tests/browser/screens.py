"""Save screenshots of the main page types at desktop and phone widths, for a person to look at.

    .venv/bin/python tests/browser/screens.py OUT_DIR [--site SITE_DIR] [--full-page]

Without ``--site`` the site is built first (``rectrack build --as-of 2026-11-23`` into a temporary
directory, from a private copy of the inputs). Writes ``OUT_DIR/<name>-<width>.png``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from browser.sitebuild import REPORT_URL

if __package__ in (None, ""):  # run as a script: make ``browser.sitebuild`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from browser.sitebuild import AS_OF, Server, make_root, run_build
else:
    from .sitebuild import AS_OF, Server, make_root, run_build

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
PAGES = {
    "home": "/",
    "recommendation-1": f"{REPORT_URL}/recommendations/1/",
    "force-devon-and-cornwall": f"{REPORT_URL}/organisations/devon-and-cornwall/",
    "matrix": f"{REPORT_URL}/matrix/",
    "case-study-library": f"{REPORT_URL}/case-studies/",
}
WIDTHS = (1280, 375)


def capture(browser, server: Server, out_dir: Path, *, full_page: bool = False) -> list[Path]:
    """Screenshot every page in ``PAGES`` at every width in ``WIDTHS``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 812},
                                      device_scale_factor=1)
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(server.url(path), wait_until="networkidle")
            target = out_dir / f"{name}-{width}.png"
            page.screenshot(path=str(target), full_page=full_page)
            written.append(target)
        context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--full-page", action="store_true", help="capture whole pages, not just the first screen")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="rectrack-screens-") as tmp:
        site = args.site
        if site is None:
            outcome = run_build(make_root(Path(tmp) / "root"), Path(tmp) / "site", AS_OF)
            if not outcome.ok:
                print(outcome.output, file=sys.stderr)
                return 1
            site = outcome.site
        server = Server(site)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for path in capture(browser, server, args.out_dir, full_page=args.full_page):
                    print(path)
                browser.close()
        finally:
            server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

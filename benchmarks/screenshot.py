"""Render the explorer page for a graph.json and save a PNG screenshot (for the README).

Uses playwright with Debian's /usr/bin/chromium; nothing is downloaded and every
non-file request is blocked.

    python benchmarks/screenshot.py out/graph.json docs/page.png
    python benchmarks/screenshot.py out/graph.json docs/page.png --select donald-trump --width 1600
    python benchmarks/screenshot.py out/graph.json docs/review.png --review --edge mueller:co_mentioned:russia
    python benchmarks/screenshot.py out/graph.json docs/timeline.png --period 2016-06/2016-11
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.io import load_graph  # noqa: E402
from graph.page import write_page  # noqa: E402
from tests.browser import launch_chromium  # noqa: E402


def screenshot(graph: Path, png: Path, *, width: int = 1400, height: int = 900, select: str | None = None,
               review: bool = False, edge: str | None = None, period: str | None = None) -> Path:
    """Write the page for ``graph`` to a temporary folder, open it headless and save ``png``."""
    from playwright.sync_api import sync_playwright

    G = load_graph(graph)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_path = write_page(G, Path(tmp) / "graph.html")
        browser = launch_chromium(p)
        page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=2)
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(page_path.as_uri())
        # a selector, not a predicate: the page's CSP refuses to evaluate a string when polling is needed
        page.wait_for_selector("body[data-stable='true']", state="attached", timeout=60_000)
        page.evaluate("window.network.fit()")
        if period:
            start, _, end = period.partition("/")
            if not page.evaluate("() => Boolean(window.tangle.timeline)"):
                raise SystemExit(f"Error: {graph} has no dated claims, so its page has no timeline")
            page.evaluate("([a, b]) => window.tangle.timeline.setRange(a, b)", [f"{start}-01"[:10], f"{end}-28"[:10]])
            page.evaluate("window.network.fit()")
        if select:
            if not page.evaluate("id => window.tangle.select(id)", select):
                raise SystemExit(f"Error: no entity with id {select!r} in {graph}")
        if review:
            page.click("#review-toggle")
        if edge:
            found = page.evaluate("""([s, k, t]) => { const e = window.tangle.data.edges.filter(e => e.type === k &&
                ((e.from === s && e.to === t) || (e.from === t && e.to === s)))[0];
                if (e) window.tangle.selectEdge(e.id); return !!e; }""", edge.split(":"))
            if not found:
                raise SystemExit(f"Error: no relation {edge!r} (SOURCE:TYPE:TARGET ids) in {graph}")
        page.wait_for_timeout(500)
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))
        browser.close()
    return png


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, help="graph.json written by 'tangle build'")
    parser.add_argument("png", type=Path, help="where to save the screenshot")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--select", help="id of an entity to select (shows its evidence panel)")
    parser.add_argument("--review", action="store_true", help="open the review panel")
    parser.add_argument("--edge", help="a relation to select, as SOURCE:TYPE:TARGET node ids")
    parser.add_argument("--period", help="YYYY-MM/YYYY-MM: brush the timeline to this period")
    options = parser.parse_args()
    print(screenshot(options.graph, options.png, width=options.width, height=options.height, select=options.select,
                     review=options.review, edge=options.edge, period=options.period))


if __name__ == "__main__":
    main()

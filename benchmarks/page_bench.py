"""How fast the explorer page is written and drawn, for synthetic graphs of growing size.

Run from the repository root (needs playwright and Debian chromium, no browser download):

    python benchmarks/page_bench.py                   # 5000x20000 and 50000x200000
    python benchmarks/page_bench.py --sizes 5000x20000 --runs 3

The graphs are synthetic but cited like text (see :func:`synthetic_graph`): a sentence names two to five
entities and is cited by every co-mention among them.  Columns (medians of ``--runs`` runs):

* ``write s``: ``write_page`` in Python, once (ranking, communities, layout of the first view, JSON, write);
* ``MB``: the page file; ``B/ent``: bytes of page data per entity; ``B/rel``: bytes per relation, its
  share of the sentences included (each sentence is stored once);
* ``drawn s``: navigation start to vis-network's first ``afterDrawing`` in headless chromium (the
  first view: parsing the data, indexing every entity and relation, drawing the first few hundred);
* ``shown``: entities the first view draws;
* ``redraw ms``: one full synchronous redraw after the first frame (what panning and zooming cost);
* ``select ms``: selecting the busiest entity (neighbourhood highlight and evidence panel);
* ``search ms``: the slowest of a few searches over every name and alias (a name, a middle fragment, an
  alias, no match), after the first, which builds the index (``first ms``).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.page import graph_payload, script_json, write_page  # noqa: E402
from tests.browser import launch_chromium  # noqa: E402

TIMED = "arg => {{ const t = performance.now(); {}; return performance.now() - t; }}"
TYPES = ["PERSON", "ORG", "GPE", "LOC", "EVENT", "FAC", "LAW", "PRODUCT", "WORK_OF_ART", "NORP"]
RELATIONS = [
    "co_mentioned",
    "met_with",
    "praised",
    "criticized",
    "business_tie",
    "investigated",
    "associate_of",
    "member_of",
    "works_for",
    "participated_in",
    "located_in",
]


FILLER = ("said on Tuesday that the talks had gone on for months, according to people familiar with the "
          "matter, and that no agreement had been reached before the deadline")


def synthetic_graph(n: int, m: int, *, seed: int = 1) -> nx.MultiDiGraph:
    """``n`` entities and about ``m`` relations, cited like real text: each sentence names two to five
    entities (hubs more often: one end is a preferential choice) and is cited by every co-mention among them;
    one pair in four also gets a typed relation from the same sentence.  Sentences are about 200 characters.
    """
    rng = random.Random(seed)
    docs = [f"doc{i}" for i in range(max(1, n // 20))]
    G = nx.MultiDiGraph()
    G.graph.update(
        {
            "tangle": {"version": "bench", "format": 1},
            "model": {"name": "synthetic", "version": "0"},
            "documents": [{"id": d, "title": f"Document {d}", "path": f"{d}.txt", "sha256": ""} for d in docs],
        }
    )
    G.add_nodes_from(
        (f"entity-{i}", {"label": f"Entity {i}", "type": TYPES[i % len(TYPES)], "aliases": [f"E{i}"],
                         "mentions": rng.randint(1, 50), "docs": [rng.choice(docs)]})
        for i in range(n)
    )
    ends: list[int] = list(range(n))
    edges: dict[tuple[int, int, str], list[dict]] = {}
    sentence = 0
    while len(edges) < m:
        named = list(dict.fromkeys([rng.choice(ends)] + [rng.randrange(n) for _ in range(rng.randint(1, 4))]))
        if len(named) < 2:
            continue
        sentence += 1
        doc = rng.choice(docs)
        text = " and ".join(f"Entity {i}" for i in named) + f" (sentence {sentence}) " + FILLER
        status = rng.choices(["asserted", "reported", "negated"], weights=[8, 3, 1])[0]
        citation = {"doc": doc, "sentence": text, "start": sentence * 300, "end": sentence * 300 + len(text),
                    "markers": [rng.randint(1, 9)], "status": status}
        pairs = [(a, b) for i, a in enumerate(named) for b in named[i + 1:]]
        for a, b in pairs:
            edges.setdefault((min(a, b), max(a, b), "co_mentioned"), []).append(citation)
        if rng.random() < 0.25:
            a, b = pairs[0]
            edges.setdefault((a, b, rng.choice(RELATIONS[1:])), []).append(citation)
        ends.extend(named[:1])
    G.add_edges_from(
        (f"entity-{u}", f"entity-{v}", kind,
         {"type": kind, "label": kind.replace("_", " "), "weight": len(cites), "directed": kind != "co_mentioned",
          "status": next(s for s in ("asserted", "reported", "negated") if any(c["status"] == s for c in cites)),
          "citations": cites})
        for (u, v, kind), cites in edges.items()
    )
    return G


QUERIES = ["Entity 4999", "ntity 12", "E777", "no such name"]


def payload_bytes(G: nx.MultiDiGraph) -> tuple[float, float]:
    """Bytes of page data per entity, and per relation with its share of the sentences."""
    data = graph_payload(G)
    nodes = len(script_json(data["nodes"]).encode())
    relations = len(script_json(data["edges"]).encode()) + len(script_json(data["sentences"]).encode())
    return nodes / max(G.number_of_nodes(), 1), relations / max(G.number_of_edges(), 1)


def measure(browser, path: Path) -> tuple[float, ...]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto(path.as_uri(), timeout=300_000)
    page.wait_for_function("document.body.dataset.drawn === 'true'", timeout=300_000)
    drawn = page.evaluate("window.tangleDrawnAt") / 1000
    shown = page.evaluate("window.tangle.visibleNodes().length")
    redraw = page.evaluate(TIMED.format("window.network.redraw()"))
    hub = page.evaluate("window.tangle.visibleNodes()[0]")
    select = page.evaluate(TIMED.format("window.tangle.select(arg)"), hub)
    first = page.evaluate(TIMED.format("window.tangle.findMatches(arg)"), QUERIES[0])
    search = max(page.evaluate(TIMED.format("window.tangle.findMatches(arg)"), q) for q in QUERIES)
    page.close()
    return drawn, shown, redraw, select, first, search


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["5000x20000", "50000x200000"], help="NODESxEDGES")
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"{'nodes':>6} {'edges':>7} {'write s':>8} {'MB':>6} {'B/ent':>6} {'B/rel':>6} {'drawn s':>8} "
          f"{'shown':>6} {'redraw ms':>10} {'select ms':>10} {'first ms':>9} {'search ms':>10}")
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = launch_chromium(p)
        for size in options.sizes:
            n, m = (int(part) for part in size.split("x"))
            G = synthetic_graph(n, m)
            per_entity, per_relation = payload_bytes(G)
            start = time.perf_counter()
            path = write_page(G, Path(tmp) / "bench.html")
            w, mb = time.perf_counter() - start, path.stat().st_size / 1e6
            runs = [measure(browser, path) for _ in range(options.runs)]
            drawn, shown, redraw, select, first, search = (statistics.median(c) for c in zip(*runs, strict=True))
            print(f"{n:>6} {G.number_of_edges():>7} {w:>8.1f} {mb:>6.1f} {per_entity:>6.0f} {per_relation:>6.0f} "
                  f"{drawn:>8.2f} {shown:>6.0f} {redraw:>10.0f} {select:>10.0f} {first:>9.0f} {search:>10.0f}",
                  flush=True)
        browser.close()


if __name__ == "__main__":
    main()

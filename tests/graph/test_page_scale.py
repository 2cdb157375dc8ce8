"""The explorer page on a real pile (a slice of the news corpus) and on a synthetic 50,000-entity graph.

The news build reads the first 30 stories of ``../shared/corpus/trump_russia_news/stories.jsonl`` (about
550 entities) once per module and skips without the corpus.  Speed targets are measured in
``benchmarks/page_bench.py``; here only a generous timeout proves the big page draws at all.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from graph.page import write_page
from tests.conftest import CORPUS
from tests.graph.test_page import Session

STORIES = CORPUS / "trump_russia_news" / "stories.jsonl"

pytestmark = [pytest.mark.slow, pytest.mark.browser]

#: Every drawn entity has a drawn relation (unless "keep isolated" is ticked or it was asked for by name).
NO_ORPHANS = """() => {
  const t = window.tangle, linked = new Set();
  t.visibleEdges().forEach(id => {
    const e = t.edge(id);
    if (e.from !== e.to) { linked.add(e.from); linked.add(e.to); }
  });
  return t.visibleNodes().filter(id => !linked.has(id));
}"""

#: Share of the drawn entities whose label the last frame drew.
LABELLED = "() => window.tangle.labels().length / window.tangle.visibleNodes().length"

#: Pairs of drawn labels whose boxes overlap by more than a pixel each way.
LABEL_OVERLAPS = """() => {
  const boxes = window.tangle.labels(), pairs = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
    const x = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
    const y = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
    if (x > 1 && y > 1) pairs.push([a.text, b.text]);
  }));
  return pairs;
}"""

#: Dark (text) pixels inside a drawn label's box on the canvas: the label is really there.
INKED = """id => {
  const label = window.tangle.labels().find(l => l.id === id), canvas = document.querySelector("#graph canvas");
  const ratio = canvas.width / canvas.clientWidth;
  const pixels = canvas.getContext("2d").getImageData(Math.round(label.x * ratio), Math.round(label.y * ratio),
    Math.round(label.width * ratio), Math.round(label.height * ratio)).data;
  let dark = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 90 && pixels[i + 1] < 90 && pixels[i + 2] < 90) dark++;
  return dark;
}"""


@pytest.fixture(scope="module")
def news_graph(nlp, tmp_path_factory) -> Any:
    if not STORIES.exists():
        pytest.skip("../shared/corpus/trump_russia_news is not here")
    from extract.formats import RowFields
    from graph.build import build_graph

    folder = tmp_path_factory.mktemp("news")
    sliced = folder / "stories.jsonl"
    with STORIES.open(encoding="utf-8") as rows:
        sliced.write_text("".join(itertools.islice(rows, 30)), encoding="utf-8")
    return build_graph([sliced], nlp=nlp, fields=RowFields(title="headline"))


@pytest.fixture
def news(browser: Any, news_graph: Any, tmp_path: Path) -> Any:
    session = Session(browser, write_page(news_graph, tmp_path / "news.html"))
    yield session
    session.context.close()


def test_the_first_view_shows_the_main_actors_with_labels_and_no_orphans(news: Session, news_graph: Any) -> None:
    total = news_graph.number_of_nodes()
    assert total > 300
    drawn = news.js("window.tangle.visibleNodes()")
    assert 100 <= len(drawn) <= 300
    assert news.js(NO_ORPHANS) == []
    assert news.js(LABELLED) >= 0.4
    assert news.js(LABEL_OVERLAPS) == []
    # the most connected entities of the pile are in the first view, each with its label
    def ties(node: str) -> int:
        return len(set(news_graph.successors(node)) | set(news_graph.predecessors(node)))

    main_actors = sorted(news_graph.nodes, key=lambda n: (-ties(n), n))[:12]
    labelled = {label["id"] for label in news.js("window.tangle.labels()")}
    assert [n for n in main_actors if n not in labelled] == []
    assert set(main_actors) <= set(drawn)
    assert news.page.inner_text("#view-status") == f"showing {len(drawn)} of {total:,} entities"
    assert news.errors == [] and news.external() == []


def test_hiding_co_mentions_removes_the_entities_they_alone_connected(news: Session) -> None:
    before = set(news.js("window.tangle.visibleNodes()"))
    news.page.click("#co-mentions")
    after = set(news.js("window.tangle.visibleNodes()"))
    assert after and after < before
    assert news.js(NO_ORPHANS) == []
    kinds = news.js("() => window.tangle.visibleEdges().map(id => window.tangle.edge(id).type)")
    assert "co_mentioned" not in kinds
    assert news.js("document.querySelector('#relation-filter input[value=\"co_mentioned\"]').checked") is False
    news.page.check('#relation-filter input[value="co_mentioned"]')
    assert set(news.js("window.tangle.visibleNodes()")) == before


def test_search_brings_in_a_name_outside_the_first_view(news: Session) -> None:
    outside = news.js("""() => window.tangle.data.nodes.filter(n => !window.tangle.isVisible(n.id)
                             && window.tangle.incident(n.id).length > 0).slice(-1)[0]""")
    news.page.click("#search")
    news.page.keyboard.type(outside["label"])
    assert outside["label"] in news.page.inner_text("#suggestions")
    news.page.keyboard.press("Enter")
    assert news.js("id => window.tangle.isVisible(id)", outside["id"])
    assert news.js("window.network.getSelectedNodes()") == [outside["id"]]
    assert outside["label"] in news.page.inner_text("#panel")
    assert news.js(NO_ORPHANS) in ([], [outside["id"]])  # asked for by name: drawn even if alone


def test_expand_adds_the_strongest_neighbours(news: Session) -> None:
    hidden = """id => window.tangle.incident(id).map(e => e.from === id ? e.to : e.from)
                .filter(o => o !== id && !window.tangle.isVisible(o))"""
    drawn = news.js("window.tangle.visibleNodes()")
    node = news.js("""() => window.tangle.visibleNodes().find(id => window.tangle.select(id)
                                && document.querySelector('#panel .expand button'))""")
    waiting = set(news.js(hidden, node))
    news.page.click("#panel .expand button")
    added = set(news.js("window.tangle.visibleNodes()")) - set(drawn)
    assert added and added <= waiting and len(added) <= 12
    assert news.js(NO_ORPHANS) == []
    assert news.js("window.network.getSelectedNodes()") == [node]


# ---------- 50,000 entities, 200,000 relations ----------


@pytest.fixture(scope="module")
def big_page(tmp_path_factory) -> Path:
    from benchmarks.page_bench import synthetic_graph

    return write_page(synthetic_graph(50_000, 200_000), tmp_path_factory.mktemp("big") / "big.html")


def test_a_50k_graph_draws_its_first_view_and_finds_any_name(browser: Any, big_page: Path) -> None:
    session = Session(browser, big_page, timeout=120_000)  # a generous bound: the benchmark measures the time
    try:
        drawn = session.js("window.tangle.visibleNodes()")
        assert 150 <= len(drawn) <= 300
        assert session.js(NO_ORPHANS) == []
        # labels go only where they cover no other label and no dot: 300 dots of a random graph leave room
        # for a few dozen at the first zoom, more as one zooms in
        assert session.js(LABELLED) >= 0.12
        assert session.js(LABEL_OVERLAPS) == []
        assert session.page.inner_text("#view-status") == f"showing {len(drawn)} of 50,000 entities"
        last = "Entity 49999"
        assert session.js("q => window.tangle.findMatches(q)", last)[0] == "entity-49999"
        assert session.js("q => window.tangle.search(q)", last) is True
        assert session.js("window.tangle.isVisible('entity-49999')")
        assert session.errors == [] and session.external() == []
    finally:
        session.context.close()


def test_the_table_and_the_graph_stay_in_sync(news: Session) -> None:
    news.page.click("#table-toggle")
    rows = "() => window.tangle.table.rows().map(r => r.id)"
    assert sorted(news.js(rows)) == sorted(news.js("window.tangle.visibleNodes()"))
    news.page.click("#co-mentions")
    assert sorted(news.js(rows)) == sorted(news.js("window.tangle.visibleNodes()"))
    first = news.js("document.querySelector('#table tbody tr').dataset.id")
    news.page.click("#table tbody tr >> nth=0")
    assert news.js("window.network.getSelectedNodes()") == [first]
    assert first in news.js(rows) and len(news.js(rows)) <= len(news.js("window.tangle.visibleNodes()"))


# ---------- labels in a crowd: a synthetic graph of a few hubs with many neighbours each ----------


def hub_graph(hubs: int = 6, each: int = 70) -> Any:
    """``hubs`` entities, each co-mentioned with ``each`` neighbours of long names (some linked to two hubs,
    some by a typed relation); the hubs are co-mentioned with each other.  Mentions fall with the index."""
    import networkx as nx

    from graph.schema import Citation, Edge, add_edge

    G = nx.MultiDiGraph()
    G.graph.update({"tangle": {"version": "0", "format": 1}, "model": {"name": "none", "version": "0"},
                    "documents": [{"id": "d", "title": "Notes", "path": "notes.txt", "sha256": "0" * 64}]})

    def link(u: str, v: str, kind: str, weight: int) -> None:
        cites = tuple(Citation("d", f"{u} and {v}, {i}.", i, i + 9, (), "asserted") for i in range(weight))
        add_edge(G, Edge(u, v, kind, directed=kind != "co_mentioned", citations=cites))

    for h in range(hubs):
        G.add_node(f"hub-{h}", label=f"Hub Person {h}", type="PERSON", aliases=[], mentions=500 - h, docs=["d"])
        for i in range(each):
            leaf = f"n-{h}-{i}"
            G.add_node(leaf, label=f"Neighbour {h}-{i} {'of a long name ' * (i % 3)}".strip(),
                       type=("ORG", "GPE", "PERSON")[i % 3], aliases=[], mentions=1 + (each - i) % 17, docs=["d"])
            link(f"hub-{h}", leaf, "works_for" if i % 5 == 0 else "co_mentioned", 1 + (each - i) // 10)
            if i % 7 == 0:
                link(leaf, f"hub-{(h + 1) % hubs}", "co_mentioned", 1)
        for g in range(h):
            link(f"hub-{g}", f"hub-{h}", "co_mentioned", 5)
    return G


@pytest.fixture(scope="module")
def crowded_page(tmp_path_factory) -> Path:
    return write_page(hub_graph(), tmp_path_factory.mktemp("crowd") / "crowd.html")


@pytest.fixture
def crowd(browser: Any, crowded_page: Path) -> Any:
    session = Session(browser, crowded_page)
    yield session
    session.context.close()


def test_first_view_labels_never_overlap_and_every_hub_is_labelled(crowd: Session) -> None:
    drawn = crowd.js("window.tangle.visibleNodes()")
    assert len(drawn) >= 150 and crowd.js("window.tangle.data.config.physics") is False
    labels = crowd.js("window.tangle.labels()")
    assert crowd.js(LABEL_OVERLAPS) == []
    labelled = {label["id"] for label in labels}
    assert {f"hub-{h}" for h in range(6)} <= labelled
    assert len(labelled) >= 0.4 * len(drawn)
    for h in range(6):
        assert crowd.js(INKED, f"hub-{h}") > 20  # drawn on the canvas, not only listed
    assert crowd.errors == []


def test_zooming_in_shows_the_labels_that_did_not_fit(crowd: Session) -> None:
    hidden = crowd.js("""() => { const shown = new Set(window.tangle.labels().map(l => l.id));
                                  return window.tangle.visibleNodes().filter(id => !shown.has(id)); }""")
    assert hidden
    crowd.js("""id => { window.network.moveTo({position: window.network.getPositions([id])[id],
                                                scale: window.network.getScale() * 4}); }""", hidden[0])
    crowd.page.wait_for_timeout(100)
    assert hidden[0] in {label["id"] for label in crowd.js("window.tangle.labels()")}
    assert crowd.js(LABEL_OVERLAPS) == []


def test_a_click_on_a_label_selects_its_entity(crowd: Session) -> None:
    label = crowd.js("window.tangle.labels()")[0]
    box = crowd.page.locator("#graph canvas").bounding_box()
    crowd.page.mouse.click(box["x"] + label["x"] + label["width"] - 3, box["y"] + label["y"] + label["height"] / 2)
    assert crowd.js("window.tangle.selection().id") == label["id"]
    assert crowd.js("window.tangle.labels()")[0]["id"] == label["id"]  # the selection is labelled first

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

#: Share of the drawn entities whose label vis-network draws at the current scale.
LABELLED = """() => {
  const n = window.network, scale = n.getScale(), threshold = n.nodesHandler.options.scaling.label.drawThreshold;
  const ids = window.tangle.visibleNodes();
  const shown = ids.filter(id => n.body.data.nodes.get(id).font.size * scale >= threshold);
  return shown.length / ids.length;
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
    assert news.js(LABELLED) >= 0.9
    # the most connected entity of the pile is in the first view
    hub = max(news_graph.nodes, key=lambda n: len(set(news_graph.successors(n)) | set(news_graph.predecessors(n))))
    assert hub in drawn
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
        assert session.js(LABELLED) >= 0.9
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

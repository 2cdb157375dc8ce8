"""The page's timeline strip in headless chromium: brushing a period filters the graph and the
entity's relation list; evidence shows dates; relations sort by date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.page import graph_payload, render_page, write_page
from tests.graph.test_page import Session
from tests.graph.test_timeline import cite, dated_graph

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The page's DataSets hold only what is drawn: hidden means not drawn.
HIDDEN_NODES = "ids => ids.map(id => !window.tangle.isVisible(id))"
HIDDEN_EDGES = ("keys => keys.map(k => !window.tangle.visibleEdges()"
                ".includes(window.tangle.data.edges.find(e => e.type === k).id))")


def test_dates_reach_the_page_data_and_an_undated_graph_has_no_strip():
    page = render_page(dated_graph())
    assert '"date":{"end":"2016-06-30","precision":"month","start":"2016-06-01","words":"June 2016"}' in page
    assert '"first":"2016-06-01"' in page


def test_a_sentence_is_stored_once_per_date_and_edges_without_first_get_their_span():
    """Two claims of one sentence with one date share a row; a claim of it dated apart gets its own row."""
    G = dated_graph()
    text = "In 2014 Bo Park joined Acme, which Cy Dean left in 2010."
    G.add_edge("bo-park", "acme", key="works_for", type="works_for", directed=True,
               citations=[cite("a", 200, text, ("2014-01-01", "2014-12-31", "year", "2014"))])
    G.add_edge("bo-park", "acme", key="co_mentioned", type="co_mentioned",
               citations=[cite("a", 200, text, ("2014-01-01", "2014-12-31", "year", "2014"))])
    G.add_edge("cy-dean", "acme", key="works_for", type="works_for", directed=True,
               citations=[cite("a", 200, text, ("2010-01-01", "2010-12-31", "year", "2010"))])
    data = graph_payload(G)
    rows = [row for row in data["sentences"] if row["text"] == text]
    assert sorted(row["date"]["start"] for row in rows) == ["2010-01-01", "2014-01-01"]
    edge = next(e for e in data["edges"] if (e["from"], e["type"]) == ("cy-dean", "works_for"))
    assert data["sentences"][edge["citations"][0][0]]["date"]["words"] == "2010"
    assert (edge["first"], edge["last"]) == ("2010-01-01", "2010-12-31")  # derived: the graph stores no first/last
    undated = next(e for e in data["edges"] if e["type"] == "co_mentioned" and e["from"] == "bo-park"
                   and e["to"] == "cy-dean")
    assert "first" not in undated and "date" not in data["sentences"][undated["citations"][0][0]]


@pytest.fixture
def timeline_page(browser: Any, tmp_path: Path) -> Any:
    session = Session(browser, write_page(dated_graph(), tmp_path / "graph.html"))
    yield session
    session.context.close()


def _bin_x(session: Session, iso: str) -> tuple[float, float]:
    return session.js(
        """iso => { const bins = window.tangle.timeline.bins();
                    const i = bins.findIndex(b => b.start <= iso && iso <= b.end);
                    const r = document.getElementById('timeline-chart').getBoundingClientRect();
                    return [r.left + (i + 0.5) * r.width / bins.length, r.top + r.height / 2]; }""", iso)


def test_brushing_a_period_filters_relations_and_their_lone_entities(timeline_page: Session) -> None:
    page = timeline_page
    bins = page.js("window.tangle.timeline.bins()")
    assert sum(b["count"] for b in bins) == 3  # three dated citations; the undated one is not drawn
    assert bins[0]["start"] == "2015-01-01" and bins[-1]["end"] == "2016-08-31"
    x0, y = _bin_x(page, "2016-06-15")
    x1, _ = _bin_x(page, "2016-08-15")
    page.page.mouse.move(x0, y)
    page.page.mouse.down()
    page.page.mouse.move(x1, y, steps=5)
    page.page.mouse.up()
    assert page.js("window.tangle.timeline.range()") == ["2016-06-01", "2016-08-31"]
    assert page.js(HIDDEN_EDGES, ["met_with", "funded", "co_mentioned"]) == [False, True, True]
    assert page.js(HIDDEN_NODES, ["ann-lee", "bo-park", "acme", "cy-dean"]) == [False, False, True, True]
    assert page.page.inner_text("#timeline-range") == "2016-06 – 2016-08"
    page.js("window.tangle.select('ann-lee')")
    panel = page.page.inner_text("#panel")
    assert "relations (1)" in panel.lower() and "Acme" not in panel  # the entity's relation list follows the period
    assert "2016-06" in panel and "2016-08-02" in panel  # evidence with its dates
    page.page.click("#timeline-clear")
    assert page.js("window.tangle.timeline.range()") is None
    assert page.js(HIDDEN_NODES, ["acme", "cy-dean"]) == [False, False]
    assert "relations (2)" in page.page.inner_text("#panel").lower()  # the shown entity's list is redrawn
    assert page.errors == [] and page.external() == []


def test_relations_sort_by_date(timeline_page: Session) -> None:
    page = timeline_page
    page.js("window.tangle.select('ann-lee')")
    heads = "() => Array.from(document.querySelectorAll('#panel .relation .head')).map(h => h.textContent)"
    assert page.js(heads)[0].startswith("met with")  # by citations: 3 before 1
    page.page.select_option("#relation-order", "date")
    first = page.js(heads)
    assert first[0].startswith("funded") and "2015-01-01 – 2015-12-31" in first[0]
    assert page.page.input_value("#relation-order") == "date"


def test_a_few_outlying_dates_do_not_flatten_the_strip(browser: Any, tmp_path: Path) -> None:
    """A birth year among a hundred claims of one year: the axis keeps months, the outlier joins the first bin."""
    from tests.graph.test_timeline import cite

    G = dated_graph()
    many = [cite("a", 200 + i, f"Claim {i}.", (f"2016-{i % 12 + 1:02d}-01", f"2016-{i % 12 + 1:02d}-28", "day", "x"))
            for i in range(120)]
    many.append(cite("a", 999, "Born in 1946.", ("1946-01-01", "1946-12-31", "year", "1946")))
    G.edges["bo-park", "cy-dean", "co_mentioned"]["citations"] = many
    G.edges["bo-park", "cy-dean", "co_mentioned"]["weight"] = len(many)
    session = Session(browser, write_page(G, tmp_path / "graph.html"))
    try:
        bins = session.js("window.tangle.timeline.bins()")
        assert sum(b["count"] for b in bins) == 124
        assert bins[0]["start"] == "0000-01-01" and bins[1]["start"][:4] in {"2015", "2016"}
        assert all(b["end"][:7] == b["start"][:7] for b in bins[1:-1])  # monthly bins
        session.js("window.tangle.timeline.setRange('1940-01-01', '1950-12-31')")
        assert session.js(HIDDEN_EDGES, ["co_mentioned", "funded"]) == [False, False]  # 1946 and 2015 in bin 0
        assert session.errors == []
    finally:
        session.context.close()

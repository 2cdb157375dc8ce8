"""The explorer page: escaping and determinism without a browser, behaviour in headless chromium."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import InputError
from graph.page import render_page, script_json, show_in_notebook, write_page

DATA_BLOCK = re.compile(r'<script type="application/json" id="tangle-data">(.*?)</script>', re.S)


def embedded(page: str) -> str:
    blocks = DATA_BLOCK.findall(page)
    assert len(blocks) == 1
    return blocks[0]


# ---------- no browser ----------


def test_hostile_strings_never_appear_raw(page_graph: nx.MultiDiGraph, hostile: list[str]) -> None:
    page = render_page(page_graph, title=hostile[0])
    for text in hostile:
        assert text not in page
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    # The data block, vis-network, the page script, the review panel, the timeline strip: the template starts each
    # on its own line.
    assert len(re.findall(r"^<script", page, re.M)) == 5


def test_no_network_addresses_in_src_or_href(page_graph: nx.MultiDiGraph) -> None:
    page = render_page(page_graph)
    assert re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I) == []
    assert "default-src 'none'" in page


def test_embedded_data_round_trips(page_graph: nx.MultiDiGraph, hostile: list[str]) -> None:
    data = json.loads(embedded(render_page(page_graph)))
    assert len(data["nodes"]) == page_graph.number_of_nodes()
    assert len(data["edges"]) == page_graph.number_of_edges()
    node = next(n for n in data["nodes"] if n["id"] == "hostile-entity")
    assert node["label"] == hostile[3]
    assert node["aliases"] == sorted([hostile[0], hostile[2]])
    assert data["documents"]["d2"]["title"] == hostile[1]


def test_both_relations_between_one_pair_are_kept(page_graph: nx.MultiDiGraph) -> None:
    data = json.loads(embedded(render_page(page_graph)))
    pair = {e["type"] for e in data["edges"] if {e["from"], e["to"]} == {"ada-lovelace", "charles-babbage"}}
    assert pair == {"met_with", "praised"}


def test_negated_relations_do_not_count_as_degree(page_graph: nx.MultiDiGraph) -> None:
    data = json.loads(embedded(render_page(page_graph, size_by="degree")))
    degree = {n["id"]: n["degree"] for n in data["nodes"]}
    assert degree["royal-society"] == 1  # Babbage's reported membership; Lovelace's is negated
    assert degree["ada-lovelace"] == 2


def test_same_graph_same_bytes_and_graph_untouched(page_graph: nx.MultiDiGraph) -> None:
    before = copy.deepcopy(nx.node_link_data(page_graph, edges="edges"))
    assert render_page(page_graph) == render_page(page_graph)
    assert nx.node_link_data(page_graph, edges="edges") == before


def test_an_empty_graph_still_gives_a_page() -> None:
    data = json.loads(embedded(render_page(nx.MultiDiGraph())))
    assert data["nodes"] == [] and data["edges"] == []


def test_small_graphs_get_physics_big_ones_do_not(page_graph: nx.MultiDiGraph) -> None:
    assert json.loads(embedded(render_page(page_graph)))["config"]["physics"] is True
    assert json.loads(embedded(render_page(page_graph, layout_threshold=3)))["config"]["physics"] is False


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"size_by": "pagerank"}, "size_by='pagerank' is not supported; use one of mentions, degree"),
        ({"layout_threshold": -1}, "layout_threshold=-1 must be zero or more"),
    ],
)
def test_bad_options_name_the_value(page_graph: nx.MultiDiGraph, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        render_page(page_graph, **kwargs)


def test_write_page_writes_the_rendered_page(page_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = write_page(page_graph, tmp_path / "out" / "graph.html", title="T")
    assert path.read_text(encoding="utf-8") == render_page(page_graph, title="T")


def test_notebook_iframe_escapes_the_whole_page(page_graph: nx.MultiDiGraph) -> None:
    pytest.importorskip("IPython")
    frame = show_in_notebook(page_graph, height=500).data
    assert frame.startswith('<div><iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert "height: 500px" in frame
    assert "<script" not in frame
    with pytest.raises(InputError, match="height=0 must be a positive number of pixels"):
        show_in_notebook(page_graph, height=0)


# Random unicode mixed with RTL marks, line separators, control characters and markup fragments.
NASTY_TEXT = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\u200f", "\u202e", "\u2028", "\u2029", "\x00", "\x1b", "\ufeff"]),
        st.sampled_from(["</script>", "</SCRIPT ", "<!--", "-->", "<script>", "&amp;", "]]>"]),
    ),
    max_size=20,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(labels=st.lists(NASTY_TEXT, min_size=1, max_size=4), sentence=NASTY_TEXT)
def test_any_text_round_trips_and_cannot_close_the_data_block(labels: list[str], sentence: str) -> None:
    data = {"labels": labels, "citations": [{"sentence": sentence, "markers": [1]}]}
    text = script_json(data)
    assert json.loads(text) == data
    lowered = text.lower()
    assert "</script" not in lowered
    assert "<!--" not in lowered
    assert "\u2028" not in text and "\u2029" not in text


@settings(max_examples=25, deadline=None)
@given(label=NASTY_TEXT, sentence=NASTY_TEXT)
def test_any_label_round_trips_through_a_page(label: str, sentence: str) -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", label=label, type="PERSON", aliases=[label], mentions=1, docs=["d"])
    G.add_node("b", label="B", type="ORG", aliases=[], mentions=1, docs=["d"])
    G.add_edge(
        "a",
        "b",
        key="works_for",
        type="works_for",
        weight=1,
        status="asserted",
        directed=True,
        citations=[{"doc": "d", "sentence": sentence, "start": 0, "end": 1, "markers": [], "status": "asserted"}],
    )
    block = embedded(render_page(G))
    data = json.loads(block)
    node = next(n for n in data["nodes"] if n["id"] == "a")
    assert node["label"] == (label or "a")
    assert data["edges"][0]["citations"][0]["sentence"] == sentence
    assert "<" not in block


def number_and_string_ids() -> nx.MultiDiGraph:
    """A hand-edited graph.json whose node ids 1 and "1" print alike."""
    G = nx.MultiDiGraph()
    G.add_node(1, label="One (number)", type="ORG", aliases=[], mentions=1, docs=[])
    G.add_node("1", label="One (text)", type="PERSON", aliases=[], mentions=1, docs=[])
    G.add_edge("1", 1, key="co_mentioned", type="co_mentioned", label="co mentioned", directed=False, weight=1,
               status="asserted", citations=[])
    return G


def test_ids_that_print_alike_become_distinct_page_ids() -> None:
    data = json.loads(embedded(render_page(number_and_string_ids())))
    ids = [n["id"] for n in data["nodes"]]
    assert len(set(ids)) == 2
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    edge = data["edges"][0]
    assert (labels[edge["from"]], labels[edge["to"]]) == ("One (text)", "One (number)")


# ---------- in headless chromium ----------


class Session:
    """One opened page with everything it requested, every error and every dialog recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        # a selector, not a predicate: polling a predicate evaluates a string, which the page's CSP refuses
        # whenever the first frame is not drawn at the first check
        self.page.wait_for_selector("body[data-drawn='true']", state="attached", timeout=15_000)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def external(self) -> list[str]:
        return self.blocked + [url for url in self.requests if not url.startswith(("file:", "data:", "blob:"))]

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)


@pytest.fixture
def opened(browser: Any, page_graph: nx.MultiDiGraph, tmp_path: Path) -> Any:
    session = Session(browser, write_page(page_graph, tmp_path / "graph.html"))
    yield session
    session.context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_page_draws_every_node_offline_without_errors(opened: Session, page_graph: nx.MultiDiGraph) -> None:
    assert opened.js("window.network.body.data.nodes.length") == page_graph.number_of_nodes()
    assert opened.js("window.network.body.data.edges.length") == page_graph.number_of_edges()
    positions = opened.js("Object.keys(window.network.getPositions())")
    assert sorted(positions) == sorted(page_graph.nodes)
    assert opened.external() == []
    assert opened.errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_hostile_text_runs_nothing(opened: Session, hostile: list[str]) -> None:
    opened.js("window.tangle.select('hostile-entity')")
    opened.page.wait_for_timeout(200)
    panel = opened.page.inner_text("#panel")
    assert hostile[3] in panel  # shown as text
    assert "<script>alert(1)</script>" in panel
    assert opened.js("document.querySelectorAll('#panel img, #panel script').length") == 0
    assert opened.js("typeof window.__pwned") == "undefined"
    assert opened.dialogs == []
    assert opened.errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_typing_in_search_selects_the_entity_by_alias(opened: Session) -> None:
    opened.page.click("#search")
    opened.page.keyboard.type("countess")
    assert opened.page.inner_text("#suggestions li").startswith("Ada Lovelace")
    opened.page.keyboard.press("Enter")
    assert opened.js("window.network.getSelectedNodes()") == ["ada-lovelace"]
    assert "Ada Lovelace met Charles Babbage in 1833." in opened.page.inner_text("#panel")


@pytest.mark.browser
@pytest.mark.slow
def test_legend_hides_and_shows_a_type(opened: Session) -> None:
    hidden = "ids => ids.map(id => window.network.body.data.nodes.get(id).hidden === true)"
    orgs = ["analytical-society", "royal-society"]
    opened.page.click('#legend button[data-type="ORG"]')
    assert opened.js(hidden, orgs) == [True, True]
    assert opened.js(hidden, ["ada-lovelace"]) == [False]
    opened.page.click('#legend button[data-type="ORG"]')
    assert opened.js(hidden, orgs) == [False, False]


@pytest.mark.browser
@pytest.mark.slow
def test_status_filter_hides_negated_relations(opened: Session) -> None:
    negated = "window.tangle.data.edges.find(e => e.status === 'negated').id"
    opened.page.uncheck('#status-filter input[value="negated"]')
    assert opened.js(f"window.network.body.data.edges.get({negated}).hidden") is True


@pytest.mark.browser
@pytest.mark.slow
def test_clicking_a_node_shows_its_evidence(opened: Session) -> None:
    opened.js("window.network.setOptions({physics: false})")
    x, y = opened.js(
        """() => { const p = window.network.getPositions(['charles-babbage'])['charles-babbage'];
                   window.network.moveTo({position: p, scale: 1});
                   const d = window.network.canvasToDOM(p);
                   const r = document.getElementById('graph').getBoundingClientRect();
                   return [r.left + d.x, r.top + d.y]; }"""
    )
    opened.page.mouse.click(x, y)
    opened.page.wait_for_function("window.network.getSelectedNodes().length === 1")
    assert opened.js("window.network.getSelectedNodes()") == ["charles-babbage"]
    panel = opened.page.inner_text("#panel")
    assert "Babbage was a founder of the Analytical Society." in panel
    assert "Field notes" in panel and "[1]" in panel and "reported" in panel


@pytest.mark.browser
@pytest.mark.slow
def test_edge_styles_follow_claim_status(opened: Session) -> None:
    styles = opened.js(
        """() => window.tangle.data.edges.map(e => [e.status, window.network.body.data.edges.get(e.id).dashes])"""
    )
    assert {str(dashes) for status, dashes in styles if status == "negated"} == {"True"}
    assert all(dashes is False for status, dashes in styles if status == "asserted")
    assert all(isinstance(dashes, list) for status, dashes in styles if status == "reported")


@pytest.mark.browser
@pytest.mark.slow
def test_path_mode_finds_a_shortest_path_around_negated_links(opened: Session) -> None:
    path = opened.js("window.tangle.path('ada-lovelace', 'royal-society')")
    assert path == ["ada-lovelace", "charles-babbage", "royal-society"]
    assert opened.js("window.tangle.path('ada-lovelace', 'great-exhibition')") == [
        "ada-lovelace",
        "charles-babbage",
        "difference-engine",
        "great-exhibition",
    ]
    assert "Path" in opened.page.inner_text("#panel")


@pytest.mark.browser
@pytest.mark.slow
def test_big_graph_mode_draws_without_physics_and_shows_edge_citations(
    browser: Any, page_graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    session = Session(browser, write_page(page_graph, tmp_path / "big.html", layout_threshold=3))
    try:
        assert session.js("window.network.physics.options.enabled") is False
        edge = session.js("window.tangle.data.edges.find(e => e.type === 'criticized').id")
        session.js("id => window.tangle.selectEdge(id)", edge)
        panel = session.page.inner_text("#panel")
        assert "<script>alert(1)</script>" in panel and "2 citations" in panel
        negated = session.js("window.tangle.data.edges.find(e => e.status === 'negated').id")
        assert session.js("id => window.network.body.data.edges.get(id).dashes", negated)  # long dashes: truthy
        assert session.external() == [] and session.errors == [] and session.dialogs == []
        assert session.js("typeof window.__pwned") == "undefined"
    finally:
        session.context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_png_button_downloads_the_current_view(opened: Session) -> None:
    with opened.page.expect_download() as download:
        opened.page.click("#png")
    assert download.value.suggested_filename == "tangle.png"
    assert Path(download.value.path()).read_bytes().startswith(b"\x89PNG")


@pytest.mark.browser
@pytest.mark.slow
def test_ids_that_print_alike_still_draw(browser: Any, tmp_path: Path) -> None:
    session = Session(browser, write_page(number_and_string_ids(), tmp_path / "ids.html"))
    try:
        assert session.js("window.network.body.data.nodes.length") == 2
        assert session.errors == []
    finally:
        session.context.close()

"""The explorer page: escaping and determinism without a browser, behaviour in headless chromium."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import InputError
from graph.page import CORE_TEMPLATES, TEMPLATES, render_page, script_json, show_in_notebook, write_page

EXTENSION_SCRIPTS = sorted(p for p in TEMPLATES.glob("*.js") if p.name not in CORE_TEMPLATES)
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
    # The data block, vis-network, the page script and the extensions: the template starts each on its own line.
    assert len(re.findall(r"^<script", page, re.M)) == 3 + len(EXTENSION_SCRIPTS)


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
    assert data["sentences"][data["edges"][0]["citations"][0][0]]["text"] == sentence
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

    def __init__(self, browser: Any, path: Path, *, timeout: int = 15_000) -> None:
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
        self.page.wait_for_selector("body[data-drawn='true']", state="attached", timeout=timeout)

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
    hidden = "ids => ids.map(id => !window.tangle.isVisible(id))"
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
    assert opened.js(f"window.network.body.data.edges.get({negated})") is None
    assert opened.js(f"window.tangle.visibleEdges().includes({negated})") is False


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


# ---------- extensions, the API and the data format ----------

EXTENSION = """(function () {
  var t = window.tangle;
  var body = t.addPanel("Only people", "under");
  var box = document.createElement("input");
  box.type = "checkbox";
  box.id = "only-people";
  box.addEventListener("change", function () {
    if (box.checked) t.addFilter("people", { node: function (n) { return n.type === "PERSON"; } });
    else t.removeFilter("people");
  });
  body.appendChild(box);
  window.selections = [];
  t.onSelect(function (s) { window.selections.push([s.kind, s.id]); });
})();
"""


def test_an_extension_script_is_inlined_and_allowed_by_its_hash(page_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    script = tmp_path / "people.js"
    script.write_text(EXTENSION, encoding="utf-8")
    style = tmp_path / "people.css"
    style.write_text("#only-people { margin: 0; }", encoding="utf-8")
    page = render_page(page_graph, extensions=[script, style])
    assert f"<script>{EXTENSION}</script>" in page
    assert "<style>#only-people { margin: 0; }</style>" in page
    digest = base64.b64encode(hashlib.sha256(EXTENSION.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in page
    assert EXTENSION not in render_page(page_graph, extensions=())


def test_by_default_every_other_template_script_is_an_extension(page_graph: nx.MultiDiGraph) -> None:
    page = render_page(page_graph)
    for path in EXTENSION_SCRIPTS:
        assert path.read_text(encoding="utf-8") in page


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("x.txt", "", "is neither a .js nor a .css file"),
        ("x.js", "a = '</script>';", "contains '</script', which would end it early; remove it"),
        ("x.css", "/* </style> */", "contains '</style', which would end it early; remove it"),
    ],
)
def test_bad_extensions_name_the_file(page_graph: nx.MultiDiGraph, tmp_path: Path, name: str, text: str,
                                      message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)):
        render_page(page_graph, extensions=[path])
    with pytest.raises(InputError, match="cannot read page extension"):
        render_page(page_graph, extensions=[tmp_path / "missing.js"])


def test_each_sentence_is_stored_once(page_graph: nx.MultiDiGraph) -> None:
    G = page_graph.copy()
    shared = {"doc": "d1", "sentence": "Ada, Babbage and London met.", "start": 5, "end": 33, "markers": [],
              "status": "asserted"}
    for u, v in [("ada-lovelace", "london"), ("charles-babbage", "london"), ("ada-lovelace", "charles-babbage")]:
        G.add_edge(u, v, key="co_mentioned", type="co_mentioned", weight=1, status="asserted", directed=False,
                   citations=[dict(shared)])
    data = json.loads(embedded(render_page(G)))
    texts = [s["text"] for s in data["sentences"]]
    assert texts.count(shared["sentence"]) == 1
    index = texts.index(shared["sentence"])
    citing = [e for e in data["edges"] if [index, "asserted"] in e["citations"]]
    assert len(citing) == 3
    cited = {(c["doc"], c["sentence"]) for *_, d in page_graph.edges(data=True) for c in d["citations"]}
    assert cited <= {(s["doc"], s["text"]) for s in data["sentences"]}


@pytest.mark.browser
@pytest.mark.slow
def test_the_api_serves_extensions(browser: Any, page_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    script = tmp_path / "people.js"
    script.write_text(EXTENSION, encoding="utf-8")
    session = Session(browser, write_page(page_graph, tmp_path / "ext.html", extensions=[script]))
    try:
        assert session.js("document.querySelector('#under #only-people') !== null")
        session.page.check("#only-people")
        drawn = set(session.js("window.tangle.visibleNodes()"))
        # people only, and of them only those with a relation to another person
        assert drawn == {"ada-lovelace", "charles-babbage"}
        session.page.uncheck("#only-people")
        assert len(session.js("window.tangle.visibleNodes()")) == page_graph.number_of_nodes()
        session.js("window.tangle.select('london')")
        assert session.js("window.selections") == [["node", "london"]]
        cites = session.js("e => window.tangle.citations(window.tangle.edge(e))",
                           session.js("window.tangle.data.edges.find(e => e.type === 'located_in').id"))
        assert cites == [{"doc": "d1", "title": "Field notes", "sentence": "Babbage lived in London.", "markers": [1],
                          "status": "asserted", "sentenceIndex": cites[0]["sentenceIndex"]}]
        assert session.errors == [] and session.external() == []
    finally:
        session.context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_typed_relations_are_drawn_above_co_mentions(opened: Session) -> None:
    opened.js("window.tangle.setCoMentions(false)")
    opened.js("window.tangle.setCoMentions(true)")  # co-mentions added after the typed edges were drawn
    kinds = opened.js("window.network.body.edgeIndices.map(id => window.tangle.edge(id).type)")
    first_typed = next(i for i, kind in enumerate(kinds) if kind != "co_mentioned")
    assert "co_mentioned" in kinds and "co_mentioned" not in kinds[first_typed:]


@pytest.mark.browser
@pytest.mark.slow
def test_filters_remove_the_entities_they_disconnect_unless_asked_to_keep_them(opened: Session) -> None:
    everyone = sorted(opened.js("window.tangle.visibleNodes()"))
    assert len(everyone) == 8
    opened.page.uncheck('#status-filter input[value="reported"]')
    assert "royal-society" in set(opened.js("window.tangle.visibleNodes()"))  # Lovelace's negated membership
    opened.page.uncheck('#status-filter input[value="negated"]')
    assert "royal-society" not in set(opened.js("window.tangle.visibleNodes()"))
    opened.page.check('#status-filter input[value="reported"]')
    opened.page.uncheck('#relation-filter input[value="member_of"]')
    drawn = set(opened.js("window.tangle.visibleNodes()"))
    assert "analytical-society" not in drawn and "royal-society" not in drawn
    opened.page.check("#keep-isolated")
    assert sorted(opened.js("window.tangle.visibleNodes()")) == everyone
    opened.page.uncheck("#keep-isolated")
    opened.page.check('#relation-filter input[value="member_of"]')
    opened.page.check('#status-filter input[value="negated"]')
    opened.page.fill("#min-weight", "2")
    assert sorted(opened.js("window.tangle.visibleNodes()")) == [
        "ada-lovelace", "charles-babbage", "hostile-entity", "london"]
    assert "showing 4 of 8 entities" in opened.page.inner_text("#view-status")


def test_a_big_graph_opens_on_its_most_connected_part(page_graph: nx.MultiDiGraph) -> None:
    from graph.query import overview_size

    G = page_graph.copy()
    for i in range(400):  # a crowd of weakly co-mentioned entities around London
        G.add_node(f"p{i}", label=f"Person {i}", type="PERSON", aliases=[], mentions=1, docs=["d1"])
        G.add_edge("london", f"p{i}", key="co_mentioned", type="co_mentioned", weight=1, status="asserted",
                   directed=False, citations=[])
    data = json.loads(embedded(render_page(G)))
    assert data["config"]["view"] >= overview_size(len(G)) == 150
    first = data["nodes"][: data["config"]["view"]]
    assert [n["id"] for n in data["nodes"][:2]] == ["london", "charles-babbage"]
    placed = [n for n in data["nodes"] if "x" in n]
    assert 150 <= len(placed) <= data["config"]["view"] and all(n in first for n in placed)
    assert len({n["community"] for n in data["nodes"]}) >= 2
    assert data["styles"]["communities"] and render_page(G) == render_page(G)


def test_a_focus_page_opens_on_its_entity(page_graph: nx.MultiDiGraph) -> None:
    from graph.query import neighbourhood

    found = neighbourhood(page_graph, "Great Exhibition", hops=2, limit=5)
    data = json.loads(embedded(render_page(found.graph)))
    assert data["nodes"][0]["id"] == "great-exhibition"


def shared_sentence_graph(page_graph: nx.MultiDiGraph, hostile: list[str]) -> nx.MultiDiGraph:
    """The page graph plus one hostile sentence naming London, Lovelace, Babbage and the hostile entity."""
    G = page_graph.copy()
    shared = {"doc": "d2", "sentence": hostile[2] + " met in London.", "start": 0, "end": 9, "markers": [],
              "status": "reported"}
    for other in ("ada-lovelace", "charles-babbage", "hostile-entity"):
        G.add_edge("london", other, key="co_mentioned", type="co_mentioned", weight=1, status="reported",
                   directed=False, citations=[dict(shared)])
    return G


@pytest.mark.browser
@pytest.mark.slow
def test_evidence_puts_typed_relations_first_and_groups_co_mentions_by_sentence(
    browser: Any, page_graph: nx.MultiDiGraph, hostile: list[str], tmp_path: Path
) -> None:
    session = Session(browser, write_page(shared_sentence_graph(page_graph, hostile), tmp_path / "co.html"))
    try:
        session.js("window.tangle.select('london')")
        panel = session.page.locator("#panel")
        assert panel.locator(".relation").count() == 2  # located in, criticized: typed, one block each
        assert panel.locator("details.co-mentions").count() == 1
        assert session.js("document.querySelector('#panel .relation').compareDocumentPosition("
                          "document.querySelector('#panel details')) & Node.DOCUMENT_POSITION_FOLLOWING") > 0
        summary = panel.locator("details.co-mentions summary").inner_text()
        assert summary == "Co-mentioned with 3 entities in 1 sentence"
        session.page.click("#panel details.co-mentions summary")
        items = panel.locator("details.co-mentions li")
        assert items.count() == 1  # the sentence once, with the three others it names
        text = items.inner_text()
        assert text.count(hostile[2] + " met in London.") == 1
        assert "with Charles Babbage, Ada Lovelace, " + hostile[3] in text  # the most connected first
        assert session.js("document.querySelectorAll('#panel img, #panel script').length") == 0
        assert session.js("typeof window.__pwned") == "undefined"
        assert session.errors == [] and session.dialogs == []
    finally:
        session.context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_table_follows_the_graph_and_exports_the_selection(opened: Session, hostile: list[str]) -> None:
    opened.page.click("#table-toggle")
    rows = "() => Array.from(document.querySelectorAll('#table tbody tr')).map(r => r.dataset.id)"
    assert sorted(opened.js(rows)) == sorted(opened.js("window.tangle.visibleNodes()"))
    # sorted by relations, most first; a click on Mentions sorts by mentions, most first
    opened.page.click('#table th[data-column="mentions"]')
    assert opened.js(rows)[:2] == ["ada-lovelace", "charles-babbage"]
    # a selection in the graph narrows the table to it and its neighbourhood, the entity marked
    opened.js("window.tangle.select('london')")
    assert sorted(opened.js(rows)) == ["charles-babbage", "hostile-entity", "london"]
    assert opened.js("document.querySelector('#table tr[aria-selected=\"true\"]').dataset.id") == "london"
    # a click on a row selects in the graph
    opened.page.click('#table tbody tr[data-id="charles-babbage"]')
    assert opened.js("window.network.getSelectedNodes()") == ["charles-babbage"]
    assert "Babbage was a founder of the Analytical Society." in opened.page.inner_text("#panel")
    # hostile names are text in the table and the CSV; formulas are defused
    opened.js("window.tangle.select('hostile-entity')")
    assert hostile[3] in opened.page.inner_text("#table")
    assert opened.js("document.querySelectorAll('#table img, #table script').length") == 0
    with opened.page.expect_download() as download:
        opened.page.click("#table-csv")
    assert download.value.suggested_filename == "tangle-entities.csv"
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "Name,Type,Mentions,Documents,Relations"
    assert sorted(line.split(",")[0] for line in text.splitlines()[1:]) == sorted(["London", hostile[3]])
    opened.page.click("#tab-relations")
    assert opened.js("window.tangle.table.rows().map(r => [r.relation, r.citations])") == [["criticized", 2]]
    opened.page.fill("#table-filter", "nothing like this")
    assert opened.js(rows) == []
    assert opened.errors == [] and opened.dialogs == [] and opened.js("typeof window.__pwned") == "undefined"


@pytest.mark.browser
@pytest.mark.slow
def test_csv_cells_that_look_like_formulas_are_defused(browser: Any, page_graph: nx.MultiDiGraph,
                                                        tmp_path: Path) -> None:
    G = page_graph.copy()
    names = ["=1+2", "  -2+3", "\uff1dSUM(A1)", "@cmd", 'Say "hi", then', "Plain"]
    for i, name in enumerate(names):
        G.add_node(f"f{i}", label=name, type="PERSON", aliases=[], mentions=1, docs=["d1"])
        G.add_edge("london", f"f{i}", key="met_with", type="met_with", weight=1, status="asserted", directed=True,
                   citations=[])
    session = Session(browser, write_page(G, tmp_path / "formulas.html"))
    try:
        session.js("window.tangle.table.show(true)")
        session.js("window.tangle.select('london')")
        lines = session.js("window.tangle.table.csv()").split("\r\n")
        cells = {line.rsplit(",", 4)[0] for line in lines[1:] if line}
        assert {"'=1+2", "'  -2+3", "'\uff1dSUM(A1)", "'@cmd", '"Say ""hi"", then"', "Plain"} <= cells
    finally:
        session.context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_colour_by_community(opened: Session) -> None:
    colour = "id => window.network.body.data.nodes.get(id).color.background"
    assert opened.js(colour, "ada-lovelace") == "#4e79a7"  # PERSON
    opened.page.select_option("#colour-by", "community")
    palette = opened.js("window.tangle.data.styles.communities")
    for node in opened.js("window.tangle.data.nodes"):
        assert opened.js(colour, node["id"]) == palette[node["community"] % len(palette)]
    # one community holds Babbage and his Difference Engine (one co-mention, one exhibition)
    community = {n["id"]: n["community"] for n in opened.js("window.tangle.data.nodes")}
    assert community["difference-engine"] == community["great-exhibition"]


def test_the_dom_helpers_extensions_share_put_document_text_in_as_text(opened: Session, hostile: list[str]) -> None:
    made = opened.js("""t => { const node = window.tangle.el("p", "quote", t);
                               return [node.tagName, node.className, node.textContent, node.children.length,
                                       window.tangle.clear(node).childNodes.length]; }""", hostile[1])
    assert made == ["P", "quote", hostile[1], 0, 0]


def test_a_page_with_physics_says_when_its_layout_has_settled(opened: Session) -> None:
    assert opened.js("window.tangle.data.config.physics") is True
    opened.page.wait_for_selector("body[data-stable='true']", state="attached", timeout=30_000)

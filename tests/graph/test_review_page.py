"""The review panel of the explorer page: decisions shown at once, undone, saved as a curation file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from typer.testing import CliRunner

from extract.curation import load_curation
from graph.cli import app
from graph.page import write_page
from tests.conftest import DATA
from tests.graph.test_page import Session

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def reviewing(browser: Any, page_graph: nx.MultiDiGraph, tmp_path: Path) -> Any:
    session = Session(browser, write_page(page_graph, tmp_path / "graph.html"))
    session.page.click("#review-toggle")
    yield session
    session.context.close()


def _save(session: Session, path: Path) -> Path:
    with session.page.expect_download() as download:
        session.page.click("#review-save")
    assert download.value.suggested_filename == "curation.yml"
    download.value.save_as(path)
    return path


def _edge(session: Session, source: str, kind: str, target: str) -> str:
    return session.js("""([s, k, t]) => window.tangle.data.edges.filter(
        e => e.type === k && ((e.from === s && e.to === t) || (e.from === t && e.to === s)))[0].id""",
                      [source, kind, target])


def test_curated_entities_and_relations_carry_their_rules_in_the_page_data() -> None:
    from graph.page import graph_payload

    G = nx.MultiDiGraph()
    for node in ("ann", "bo"):
        G.add_node(node, label=node.title(), type="PERSON", aliases=[], mentions=1, docs=["d"])
    G.nodes["ann"].update(curated=True, curation=[{"action": "rename", "names": ["Anne"], "to": "Ann"}])
    citation = {"doc": "d", "sentence": "Ann met Bo.", "start": 0, "end": 11, "markers": [], "status": "asserted"}
    G.add_edge("ann", "bo", key="met_with", type="met_with", citations=[citation], curated=True,
               curation=[{"action": "confirm", "names": ["Ann", "met_with", "Bo"]}])
    G.add_edge("bo", "ann", key="co_mentioned", type="co_mentioned", citations=[citation])
    data = graph_payload(G)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["ann"]["curation"] == [{"action": "rename", "names": ["Anne"], "to": "Ann"}]
    assert "curated" not in nodes["bo"]
    edges = {e["type"]: e for e in data["edges"]}
    assert edges["met_with"]["curated"] is True
    assert edges["met_with"]["curation"] == [{"action": "confirm", "names": ["Ann", "met_with", "Bo"]}]
    assert "curated" not in edges["co_mentioned"]
    assert len(data["sentences"]) == 1 and data["review"]["untyped"] == "co_mentioned"


def test_a_decision_shows_at_once_and_can_be_undone(reviewing: Session) -> None:
    edge = _edge(reviewing, "charles-babbage", "co_mentioned", "difference-engine")
    reviewing.js("id => window.tangle.selectEdge(id)", edge)
    panel = reviewing.page.inner_text("#review")
    assert "Babbage and his Engine." in panel  # the evidence is in view while typing the pair
    reviewing.page.click("#review button:text('Not related')")
    assert reviewing.js(f"window.network.body.data.edges.get('{edge}').hidden") is True
    assert "reject Charles Babbage · co_mentioned · Difference Engine" in reviewing.page.inner_text(".review-decisions")
    reviewing.page.click(".review-decisions button:text('Undo')")
    assert reviewing.js(f"window.network.body.data.edges.get('{edge}').hidden") is False
    assert reviewing.js("window.tangleReview.decisions().length") == 0
    assert reviewing.errors == [] and reviewing.external() == []


def test_a_decision_shows_on_an_entity_the_page_draws_again_later(reviewing: Session) -> None:
    """The page draws only part of the graph: an entity filtered out and back in keeps the decision."""
    reviewing.js("window.tangle.select('ada-lovelace')")
    reviewing.page.fill("#review .review-rename", "Augusta Ada King")
    reviewing.page.click("#review button:text('Rename')")
    reviewing.js("window.tangle.addFilter('test', {node: n => n.id !== 'ada-lovelace'})")
    assert reviewing.js("window.network.body.data.nodes.get('ada-lovelace')") is None  # no longer drawn
    reviewing.js("window.tangle.removeFilter('test')")
    assert reviewing.js("window.network.body.data.nodes.get('ada-lovelace').label") == "Augusta Ada King"
    drawn = "() => { window.network.redraw(); return window.tangle.labels().map(l => l.text); }"
    assert "Augusta Ada King" in reviewing.js(drawn) and "Ada Lovelace" not in reviewing.js(drawn)
    reviewing.page.click(".review-decisions button:text('Undo')")
    assert reviewing.js("window.network.body.data.nodes.get('ada-lovelace').label") == "Ada Lovelace"
    assert "Ada Lovelace" in reviewing.js(drawn)
    assert reviewing.errors == []


def test_every_action_is_saved_as_a_rule_the_build_reads(reviewing: Session, tmp_path: Path) -> None:
    page = reviewing.page
    reviewing.js("window.tangle.select('ada-lovelace')")
    page.fill("#review .review-merge", "Royal Society")
    page.click("#review button:text('Merge into this')")
    page.fill("#review .review-rename", "Augusta Ada King")
    page.click("#review button:text('Rename')")
    page.select_option("#review .review-type", "ORG")
    page.click("#review button:text('Retype')")
    page.select_option("#review .review-alias", "Ada")
    page.click("#review button:text('Split off')")
    reviewing.js("window.tangle.select('london')")
    page.click("#review button:text('Hide entity')")
    reviewing.js("id => window.tangle.selectEdge(id)", _edge(reviewing, "ada-lovelace", "met_with", "charles-babbage"))
    page.click("#review button:text('Confirm')")
    page.select_option("#review .review-status", "negated")
    page.click("#review button:text('Set status')")
    reviewing.js("id => window.tangle.selectEdge(id)", _edge(reviewing, "charles-babbage", "co_mentioned",
                                                              "difference-engine"))
    page.select_option("#review .review-relation-type", "founded")
    page.click("#review button:text('Type this pair')")
    rules = load_curation(_save(reviewing, tmp_path / "saved.yml")).to_dict()
    assert rules == {
        "merge": [["Ada Lovelace", "Royal Society"]],
        "split": ["Ada"],
        "rename": {"Ada Lovelace": "Augusta Ada King"},
        "retype": {"Ada Lovelace": "ORG"},
        "ignore": ["London"],
        "relations": [
            {"confirm": ["Ada Lovelace", "met_with", "Charles Babbage"]},
            {"status": ["Ada Lovelace", "met_with", "Charles Babbage"], "to": "negated"},
            {"retype": ["Charles Babbage", "co_mentioned", "Difference Engine"], "to": "founded"},
        ],
    }
    assert reviewing.js("window.network.body.data.nodes.get('royal-society').hidden") is True
    assert reviewing.js("window.network.body.data.nodes.get('ada-lovelace').label") == "Augusta Ada King"
    assert reviewing.errors == []


def test_hostile_names_are_safe_in_the_panel_and_in_the_file(reviewing: Session, hostile: list[str],
                                                              tmp_path: Path) -> None:
    page = reviewing.page
    reviewing.js("window.tangle.select('hostile-entity')")
    label = reviewing.js("window.tangle.data.nodes.filter(n => n.id === 'hostile-entity')[0].label")
    new = 'Q "quoted"\nline two </script><script>window.__pwned=3</script>\u2028\u0085'
    reviewing.js("v => { document.querySelector('#review .review-rename').value = v; }", new)
    typed = reviewing.js("document.querySelector('#review .review-rename').value.trim()")  # an input drops \n
    page.click("#review button:text('Rename')")
    reviewing.js("v => window.tangleReview.decide({split: v}, 'split')", new)  # any string, newline included
    reviewing.js("id => window.tangle.selectEdge(id)", _edge(reviewing, "hostile-entity", "criticized", "london"))
    page.click("#review button:text('Reject')")
    assert reviewing.js("window.__pwned === undefined")
    assert reviewing.dialogs == [] and reviewing.errors == []
    assert label in page.inner_text(".review-decisions")
    rules = load_curation(_save(reviewing, tmp_path / "hostile.yml"))
    assert rules.renames == ((label, typed),) and "</script>" in typed and "\u2028" in typed
    assert rules.splits == (new,)
    assert rules.relations[0].source == label


def test_queue_items_decide_with_one_click(reviewing: Session, tmp_path: Path) -> None:
    items = reviewing.js("document.querySelectorAll('#review .review-item').length")
    assert items > 0
    first = reviewing.page.locator("#review .review-item").first
    first.locator("button").first.click()
    assert reviewing.js("window.tangleReview.decisions().length") == 1
    assert reviewing.js("document.querySelectorAll('#review .review-item').length") == items - 1


def test_the_correction_loop_on_a_real_build(browser: Any, tmp_path: Path) -> None:
    """Merge two entities, reject a relation, retype a relation, type a co-mentioned pair; download the file;
    rebuild with it; the new graph.json differs from the old exactly by those four decisions."""
    runner = CliRunner()
    first = tmp_path / "first"
    assert runner.invoke(app, ["build", str(DATA), "-o", str(first)]).exit_code == 0
    before = json.loads((first / "graph.json").read_text(encoding="utf-8"))
    session = Session(browser, first / "graph.html")
    try:
        page = session.page
        page.click("#review-toggle")
        session.js("window.tangle.select('trump-campaign')")
        page.fill("#review .review-merge", "2016 campaign")
        page.click("#review button:text('Merge into this')")
        session.js("id => window.tangle.selectEdge(id)", _edge(session, "donald-trump", "met_with", "russia"))
        page.click("#review button:text('Reject')")
        session.js("id => window.tangle.selectEdge(id)",
                   _edge(session, "vladimir-putin", "participated_in", "helsinki-summit"))
        page.select_option("#review .review-relation-type", "met_with")
        page.click("#review button:text('Retype')")
        session.js("id => window.tangle.selectEdge(id)", _edge(session, "mueller", "co_mentioned", "russia"))
        page.select_option("#review .review-relation-type", "investigated")
        page.click("#review button:text('Type this pair')")
        saved = _save(session, tmp_path / "curation.yml")
        assert session.errors == [] and session.external() == []
    finally:
        session.context.close()
    second = tmp_path / "second"
    result = runner.invoke(app, ["build", str(DATA), "-o", str(second), "--curation", str(saved)])
    assert result.exit_code == 0, result.output
    assert "no longer appl" not in result.output
    after = json.loads((second / "graph.json").read_text(encoding="utf-8"))

    nodes_before = {n["id"]: n for n in before["nodes"]}
    nodes_after = {n["id"]: n for n in after["nodes"]}
    assert set(nodes_before) - set(nodes_after) == {"2016-campaign"} and set(nodes_after) <= set(nodes_before)
    merged = nodes_after["trump-campaign"]
    assert merged["curated"] is True and "2016 campaign" in merged["aliases"]
    assert merged["mentions"] == nodes_before["trump-campaign"]["mentions"] + nodes_before["2016-campaign"]["mentions"]
    assert {k: v for k, v in nodes_after.items() if k != "trump-campaign"} == {
        k: v for k, v in nodes_before.items() if k not in ("trump-campaign", "2016-campaign")}

    def edges(data):
        return {(e["source"], e["target"], e["key"]): e for e in data["edges"]}

    old, new = edges(before), edges(after)
    merged_ends = {"trump-campaign", "2016-campaign"}
    decided = {("donald-trump", "russia", "met_with"), ("vladimir-putin", "helsinki-summit", "participated_in"),
               ("mueller", "russia", "co_mentioned")}
    untouched = {k: v for k, v in old.items() if k not in decided and not merged_ends & set(k[:2])}
    assert {k: v for k, v in new.items() if k in untouched} == untouched
    assert not decided & set(new)
    retyped, typed = new[("helsinki-summit", "vladimir-putin", "met_with")], new[("mueller", "russia", "investigated")]
    assert retyped["citations"] == old[("vladimir-putin", "helsinki-summit", "participated_in")]["citations"]
    assert typed["citations"] == old[("mueller", "russia", "co_mentioned")]["citations"]
    assert retyped["curated"] and typed["curated"]
    made = {("helsinki-summit", "vladimir-putin", "met_with"), ("mueller", "russia", "investigated")}  # undirected
    rest = set(new) - set(untouched) - made
    assert all("trump-campaign" in k[:2] for k in rest)  # the merged entity's relations, now on one node
    moved = sum(e["weight"] for k, e in old.items() if merged_ends & set(k[:2]))
    assert sum(new[k]["weight"] for k in rest) <= moved  # citations of the two, joined (a pair between them goes)

    reopened = Session(browser, second / "graph.html")
    try:
        reopened.page.click("#review-toggle")
        assert reopened.js("document.querySelectorAll('.review-decisions li.saved').length") == 4
        again = load_curation(_save(reopened, tmp_path / "again.yml"))
        assert again == load_curation(saved)
    finally:
        reopened.context.close()


def test_merge_by_clicking_the_second_entity(reviewing: Session) -> None:
    reviewing.js("window.tangle.select('ada-lovelace')")
    reviewing.page.click("#review .review-pick")
    reviewing.js("window.tangle.select('charles-babbage')")
    assert reviewing.js("window.tangleReview.decisions().map(d => d.rule)") == [
        {"merge": ["Ada Lovelace", "Charles Babbage"]}]
    assert reviewing.js("window.network.body.data.nodes.get('charles-babbage').hidden") is True

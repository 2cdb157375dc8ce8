"""The CLI against a hostile graph.json and curation file: nothing a terminal acts on is printed raw."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.io import write_graph
from graph.report import terminal_safe

runner = CliRunner()

#: Set the window title, clear the screen, recolour, a C1 CSI, and a right-to-left override.
EVIL = "Evil\x1b]0;pwned\x07 \x1b[2J\x1b[31mCorp\x9b1m\u202eroC"
#: Anything a terminal would act on: escape, bell, C1 controls, bidirectional overrides.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def hostile_graph(path):
    G = nx.MultiDiGraph()
    G.graph.update({"tangle": {"version": "0.1.0", "format": 1}, "model": {"name": "m", "version": "1"},
                    "documents": [{"id": "d\x1b[5m", "title": "T\x1b]0;x\x07", "path": "p", "sha256": "0" * 64}]})
    G.add_node("evil", label=EVIL, type="ORG\x1b[1m", aliases=["E\x07"], mentions=2, docs=["d\x1b[5m"])
    G.add_node("ann-lee", label="Ann Lee", type="PERSON", aliases=[], mentions=1, docs=["d\x1b[5m"])
    sentence = f"Ann Lee met {EVIL}."
    G.add_edge("ann-lee", "evil", key="met_with", type="met_with", label="met\x1b[8m with", directed=True,
               weight=1, status="asserted",
               citations=[{"doc": "d\x1b[5m", "sentence": sentence, "start": 0, "end": len(sentence),
                           "markers": [], "status": "asserted"}])
    return write_graph(G, path)


@pytest.fixture
def graph_file(tmp_path):
    return hostile_graph(tmp_path / "graph.json")


def test_terminal_safe_escapes_what_a_terminal_acts_on_and_keeps_json_valid():
    assert not RAW.search(terminal_safe(EVIL))
    assert terminal_safe("Ann\tLee\nBob") == "Ann\tLee\nBob"
    assert json.loads(terminal_safe(json.dumps({"label": EVIL}, ensure_ascii=False))) == {"label": EVIL}


@pytest.mark.parametrize("args", [
    ["entities", "{g}"],
    ["show", "{g}", "evil"],
    ["path", "{g}", "ann lee", "evil"],
    ["path", "{g}", "ann lee", "nobody\x1b[2J"],
])
def test_commands_print_no_terminal_controls(graph_file, args):
    result = runner.invoke(app, [a.format(g=graph_file) for a in args])
    assert result.output.strip()
    assert not RAW.search(result.output), repr(result.output)


def test_entities_json_stays_valid_and_keeps_the_label(graph_file):
    result = runner.invoke(app, ["entities", str(graph_file), "--json"])
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.output)
    assert EVIL in [json.loads(line)["label"] for line in result.output.splitlines()]


def test_path_json_stays_valid_and_keeps_the_label(graph_file):
    result = runner.invoke(app, ["path", str(graph_file), "ann lee", "evil", "--json"])
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.output)
    assert EVIL in [node["label"] for path in json.loads(result.output) for node in path["nodes"]]


def test_eval_prints_no_terminal_controls(graph_file, tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"documents": ["d\x1b[5m"], "entities": [
        {"label": "Gold\x1b]0;pwned\x07", "type": "PERSON"}, {"label": EVIL, "type": "ORG"}], "relations": []}))
    result = runner.invoke(app, ["eval", str(gold), str(graph_file)])
    assert result.output.strip()
    assert not RAW.search(result.output), repr(result.output)


@pytest.mark.slow
def test_skipped_lines_escape_the_file_name(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "bad\x1b[2Jname.txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(docs), "-o", str(tmp_path / "out")])
    assert "Skipped" in result.output and "bad\\u001b[2Jname.txt" in result.output
    assert not RAW.search(result.output), repr(result.output)


def test_path_from_an_entity_to_itself_is_that_entity_with_no_hop(graph_file):
    result = runner.invoke(app, ["path", str(graph_file), "ann lee", "Ann Lee"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Path 1 of 1: Ann Lee (0 hops): both names are this entity"
    as_json = runner.invoke(app, ["path", str(graph_file), "ann lee", "ann-lee", "--json"])
    assert json.loads(as_json.output) == [{"nodes": [{"id": "ann-lee", "label": "Ann Lee", "type": "PERSON"}],
                                           "hops": []}]


def test_a_path_with_undecodable_bytes_is_shown_escaped_and_round_trips():
    path = "out/caf\udce9"  # os.fsdecode(b"out/caf\xe9"): the byte kept as a surrogate
    shown = terminal_safe(f"Wrote {path}")
    assert shown == "Wrote out/caf\\udce9"
    shown.encode("utf-8")  # printable on any UTF-8 terminal: no raw byte 0xE9 reaches it
    assert json.loads(terminal_safe(json.dumps(path, ensure_ascii=False))) == path

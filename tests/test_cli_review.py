"""``tangle review`` and ``tangle curate``: the correction loop without a text editor."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.io import write_graph
from tests.graph.test_review import _graph

runner = CliRunner()


@pytest.fixture
def graph_file(tmp_path):
    G = _graph()
    G.graph["tangle"] = {"version": "test", "format": 1}
    return write_graph(G, tmp_path / "graph.json")


def test_review_prints_the_queue_with_the_commands_that_decide_each_item(graph_file, tmp_path):
    result = runner.invoke(app, ["review", str(graph_file), "--limit", "1", "--curation", str(tmp_path / "c.yml")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "1. [untyped] 'Ada Quill' and 'Bo Ferrant' are only co-mentioned (6 citations) (impact 6)"
    assert lines[1] == '     "Sentence 0." — Doc one (d1)'
    assert (f"     met with: tangle curate {tmp_path / 'c.yml'} --graph={graph_file} retype 'Ada Quill' co_mentioned "
            "'Bo Ferrant' met_with") in lines


def test_review_json_is_one_item_per_line(graph_file):
    result = runner.invoke(app, ["review", str(graph_file), "--json"])
    assert result.exit_code == 0
    items = [json.loads(line) for line in result.output.splitlines()]
    assert {i["kind"] for i in items} == {"duplicate", "type", "untyped", "single", "denial"}
    assert items[0]["actions"][0]["rule"] == {"retype": ["Ada Quill", "co_mentioned", "Bo Ferrant"], "to": "met_with"}


def test_curate_appends_keeps_comments_and_says_so(graph_file, tmp_path):
    rules = tmp_path / "c.yml"
    rules.write_text("# reviewed\nmerge: []  # none yet\n", encoding="utf-8")
    args = ["curate", str(rules), "--graph", str(graph_file), "merge", "Ada Quill", "Quill"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.output == f'Added to {rules}: {{"merge": ["Ada Quill", "Quill"]}}\n'
    assert runner.invoke(app, args).output == f'Already in {rules}: {{"merge": ["Ada Quill", "Quill"]}}\n'
    text = rules.read_text(encoding="utf-8")
    assert text.startswith("# reviewed\n") and "# none yet" in text


def test_curate_names_a_missing_entity_with_suggestions_and_writes_nothing(graph_file, tmp_path):
    rules = tmp_path / "c.yml"
    result = runner.invoke(app, ["curate", str(rules), "--graph", str(graph_file), "merge", "Bo Feran", "Quill"])
    assert result.exit_code == 2
    assert result.output.splitlines() == ["Error: no entity named 'Bo Feran'; did you mean 'Bo Ferant', 'Bo Ferrant'?"]
    assert not rules.exists()

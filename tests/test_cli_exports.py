"""``tangle export`` and ``tangle ego`` pass --dialect and --ftm-version through, and reject bad values in one line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.io import write_graph
from tests.graph.fixtures_export import sample_graph

runner = CliRunner()


@pytest.fixture
def graph_json(tmp_path):
    return write_graph(sample_graph(), tmp_path / "graph.json")


@pytest.mark.parametrize(("dialect", "first"), [
    ("falkordb", "MERGE (n:Entity:PERSON {id: 'donald-trump'})"),
    ("age", "LOAD 'age';"),
    ("memgraph", "CREATE INDEX ON :Entity(id);"),
])
def test_export_writes_the_cypher_dialect_asked_for(graph_json, tmp_path, dialect, first):
    out = tmp_path / "g.cypher"
    result = runner.invoke(app, ["export", str(graph_json), "-o", str(out), "--dialect", dialect])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[1].startswith(first)


def test_ego_and_export_write_the_ftm_version_asked_for(graph_json, tmp_path):
    pytest.importorskip("followthemoney")
    for command in (["export", str(graph_json)], ["ego", str(graph_json), "Vladimir Putin", "--hops", "2"]):
        out = tmp_path / "g.ftm.json"
        result = runner.invoke(app, [*command, "-o", str(out), "--ftm-version", "3"])
        assert result.exit_code == 0, result.output
        schemata = {json.loads(line)["schema"] for line in out.read_text(encoding="utf-8").splitlines()}
        assert "Address" in schemata and "Territory" not in schemata


def test_bad_dialect_and_ftm_version_are_one_error_line(graph_json, tmp_path):
    bad = runner.invoke(app, ["export", str(graph_json), "-o", str(tmp_path / "g.cypher"), "--dialect", "sql"])
    assert bad.exit_code == 2
    assert bad.output.strip() == "Error: unknown Cypher dialect 'sql'; use one of neo4j, memgraph, falkordb, age, kuzu"
    pytest.importorskip("followthemoney")
    bad = runner.invoke(app, ["export", str(graph_json), "-o", str(tmp_path / "g.ftm.json"), "--ftm-version", "2"])
    assert bad.exit_code == 2
    assert bad.output.strip() == "Error: unknown FollowTheMoney version 2; use 3 (Aleph 4) or 4"

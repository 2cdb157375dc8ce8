"""graph/exports/__init__.py: the registry of formats, `format_for` and `export`."""

from __future__ import annotations

import pytest

from graph.errors import InputError
from graph.exports import export, format_for
from graph.io import dumps_graph, load_graph
from tests.graph.fixtures_export import dated_curated_graph, hostile_graph, sample_graph


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("g.html", "html"), ("g.json", "json"), ("G.GEXF", "gexf"), ("g.graphml", "graphml"), ("g.csv", "csv"),
     ("g.ftm.json", "ftm"), ("g.ftm.jsonl", "ftm"), ("g.cypher", "cypher"), ("g.cql", "cypher")],
)
def test_format_for_file_name(name, fmt):
    assert format_for(name) == fmt


def test_unknown_format_is_an_input_error():
    with pytest.raises(InputError, match=r"^g\.txt: cannot tell the export format"):
        export(sample_graph(), "g.txt")
    with pytest.raises(InputError, match=r"^unknown export format 'dot'; use one of html, json, gexf"):
        export(sample_graph(), "g.json", fmt="dot")


@pytest.mark.parametrize("make", [hostile_graph, dated_curated_graph])
def test_exports_leave_the_graph_alone_and_are_deterministic(tmp_path, make):
    G = make()
    before = dumps_graph(G)
    first = {}
    for name in ["g.gexf", "g.graphml", "g.csv", "g.ftm.json", "g.cypher", "g.json"]:
        first.update({p.name: p.read_bytes() for p in export(G, tmp_path / name)})
    assert dumps_graph(G) == before
    for name in ["g.gexf", "g.graphml", "g.csv", "g.ftm.json", "g.cypher"]:
        for p in export(G, tmp_path / name):
            assert p.read_bytes() == first[p.name], p.name
    assert dumps_graph(load_graph(tmp_path / "g.json")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(first)  # no temporary files left behind


def test_the_registry_is_the_one_place_a_format_is_declared(tmp_path, monkeypatch):
    from graph import exports

    written = []
    extra = exports.Exporter("dot", (".gv",), lambda G, path, **options: written.append((path, options)) or [path])
    monkeypatch.setitem(exports.EXPORTERS, "dot", extra)
    assert exports.format_for("out/g.GV") == "dot"
    assert exports.export(sample_graph(), tmp_path / "g.gv", ftm_version=3) == [tmp_path / "g.gv"]
    assert written == [(tmp_path / "g.gv", {"dialect": "neo4j", "ftm_version": 3})]
    assert exports.format_names().endswith("cypher or dot") and exports.format_suffixes().endswith(".cypher .gv")


def test_every_format_is_offered_by_the_cli():
    from typer.testing import CliRunner

    from graph.cli import app
    from graph.exports import EXPORTERS

    export_help = " ".join(CliRunner().invoke(app, ["export", "--help"], terminal_width=200).output.split())
    ego_help = " ".join(CliRunner().invoke(app, ["ego", "--help"], terminal_width=200).output.split())
    for name, exporter in EXPORTERS.items():
        assert name in export_help
        assert exporter.suffixes[0] in ego_help

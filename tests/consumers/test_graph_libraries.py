"""GEXF and GraphML loaded by the graph libraries people run: igraph, graph-tool, graphology (Sigma, Gephi Lite)."""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings

import pytest

from graph.exports import write_gexf, write_graphml
from tests.consumers.conftest import NODE_MODULES
from tests.consumers.hostile import HOSTILE_NAMES, hostile_names_graph
from tests.graph.fixtures_export import HOSTILE_DECISION, dated_curated_graph


def _expected(G):
    return ({n: a["label"] for n, a in G.nodes(data=True)},
            {f"{u}:{k}:{v}": (u, v, a["directed"]) for u, v, k, a in G.edges(keys=True, data=True)})


# ---------------------------------------------------------------- python-igraph (PyPI)

def test_igraph_reads_graphml_with_graph_attributes_on_the_graph(tmp_path):
    igraph = pytest.importorskip("igraph", reason="python-igraph is in the test extra")
    G = hostile_names_graph()
    path = write_graphml(G, tmp_path / "g.graphml")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # igraph warned about the 'id' edge attribute clash
        g = igraph.Graph.Read_GraphML(str(path))
    assert g.is_directed() and (g.vcount(), g.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    assert g["tangle_version"] == "0.1.0" and g["documents"].startswith("Manafort and Ukraine; ")
    assert "documents" not in g.es.attributes() and "documents" not in g.vs.attributes()
    labels, _ = _expected(G)
    assert {v["id"]: v["label"] for v in g.vs} == labels  # hostile names byte for byte
    assert {v["label"]: v["mentions"] for v in g.vs}[HOSTILE_NAMES[3]] == 1  # igraph keeps numbers as doubles
    edges = {(g.vs[e.source]["id"], e["relation"], g.vs[e.target]["id"]): e for e in g.es}
    assert edges["jared-kushner", "met_with", "vladimir-putin"]["directed"] is False
    assert edges["fbi", "investigated", "paul-manafort"]["directed"] is True
    assert {e["evidence"] for e in g.es} >= set(HOSTILE_NAMES[:-1])


# ---------------------------------------------------------------- graph-tool (Debian python3-graph-tool)

_GRAPH_TOOL = """
import json, sys
import graph_tool
g = graph_tool.load_graph(sys.argv[1], fmt="graphml")
print(json.dumps({
    "graph": {k: g.graph_properties[k] for k in g.graph_properties.keys()},
    "edge_properties": sorted(g.edge_properties.keys()),
    "nodes": {g.vp["_graphml_vertex_id"][v]: g.vp["label"][v] for v in g.vertices()},
    "edges": sorted(g.ep["_graphml_edge_id"][e] for e in g.edges()),
    "mentions": g.vp["mentions"].value_type(),
    "directed": g.is_directed(),
}))
"""


def test_graph_tool_reads_graphml_with_graph_attributes_on_the_graph(tmp_path):
    python = shutil.which("python3", path="/usr/bin")
    if not python or subprocess.run([python, "-c", "import graph_tool"], capture_output=True).returncode:
        pytest.skip("graph-tool is not installed (Debian python3-graph-tool; .ci/run installs it)")
    G = hostile_names_graph()
    path = write_graphml(G, tmp_path / "g.graphml")
    result = subprocess.run([python, "-c", _GRAPH_TOOL, str(path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout)
    assert sorted(out["graph"]) == ["documents", "tangle_version"] and out["graph"]["tangle_version"] == "0.1.0"
    assert out["graph"]["documents"].startswith("Manafort and Ukraine; ")
    assert "documents" not in out["edge_properties"] and "tangle_version" not in out["edge_properties"]
    labels, edges = _expected(G)
    assert out["nodes"] == labels and out["edges"] == sorted(edges)
    assert out["mentions"] == "int32_t" and out["directed"] is True


# ---------------------------------------------------------------- graphology (npm), run with Node

def _graphology(fmt: str, path) -> dict:
    node = shutil.which("node")
    if not node or not (NODE_MODULES / "graphology-gexf").is_dir():
        pytest.skip("Node or tests/consumers/node_modules missing (.ci/run runs npm ci in tests/consumers)")
    result = subprocess.run([node, "read_graph.cjs", fmt, str(path)], cwd=NODE_MODULES.parent, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_graphology_reads_gexf_as_a_mixed_graph_with_each_edge_direction(tmp_path):
    G = hostile_names_graph()
    out = _graphology("gexf", write_gexf(G, tmp_path / "g.gexf"))
    assert (out["type"], out["multi"], out["order"], out["size"]) == ("mixed", True, *map(len, _expected(G)))
    labels, edges = _expected(G)
    assert {n: a["label"] for n, a in out["nodes"].items()} == labels
    assert {e["key"]: (e["source"], e["target"], not e["undirected"]) for e in out["edges"]} == edges
    met = next(e for e in out["edges"] if e["key"] == "donald-trump:met_with:vladimir-putin")
    expected = {"relation": "met_with", "citations": 2, "weight": 2, "directed": False, "docs": "doc-b; doc-c"}
    assert {k: met["attributes"][k] for k in expected} == expected
    assert {e["attributes"]["evidence"] for e in out["edges"]} >= set(HOSTILE_NAMES[:-1])


def test_graphology_reads_graphml_with_graph_attributes(tmp_path):
    G = hostile_names_graph()
    out = _graphology("graphml", write_graphml(G, tmp_path / "g.graphml"))
    assert (out["order"], out["size"]) == (G.number_of_nodes(), G.number_of_edges())
    assert out["attributes"]["tangle_version"] == "0.1.0"
    labels, edges = _expected(G)
    assert {n: a["label"] for n, a in out["nodes"].items()} == labels
    assert {e["key"]: (e["source"], e["target"]) for e in out["edges"]} == {k: v[:2] for k, v in edges.items()}
    assert {n: a["mentions"] for n, a in out["nodes"].items()}["zhou-wei"] == 1
    directed = {e["key"]: e["attributes"]["directed"] for e in out["edges"]}
    assert directed["jared-kushner:met_with:vladimir-putin"] is False and directed["fbi:investigated:paul-manafort"]


def test_graphology_reads_gexf_with_spells_and_keeps_dates_and_curation(tmp_path):
    G = dated_curated_graph()
    path = write_gexf(G, tmp_path / "g.gexf")
    assert "<spells>" in path.read_text(encoding="utf-8")  # the dynamic file is what graphology reads here
    out = _graphology("gexf", path)
    assert (out["type"], out["order"], out["size"]) == ("mixed", G.number_of_nodes(), G.number_of_edges())
    edges = {e["key"]: e["attributes"] for e in out["edges"]}
    works = edges["paul-manafort:works_for:viktor-yanukovych"]
    assert (works["first"], works["last"], works["curated"]) == ("2004-01-01", "2016-06-30", False)
    curated = edges["fbi:investigated:paul-manafort"]
    assert curated["curated"] is True
    assert json.loads(curated["curation"])["status"][2] == HOSTILE_DECISION
    assert out["nodes"]["paul-manafort"]["curated"] is True

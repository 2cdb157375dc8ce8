"""graph/exports/graphml.py: GraphML files read back by networkx with typed, flat attributes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx

from graph.exports import write_graphml
from tests.graph.fixtures_export import HOSTILE, TRICKY, hostile_graph


def test_graphml_reads_back_with_multi_edges_and_flat_attributes(tmp_path):
    G = hostile_graph()
    H = nx.read_graphml(write_graphml(G, tmp_path / "g.graphml"))
    assert isinstance(H, nx.MultiDiGraph)
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    keys = set(H["donald-trump"]["vladimir-putin"])
    assert keys == {"donald-trump:met_with:vladimir-putin", "donald-trump:praised:vladimir-putin"}
    edge = H.edges["jared-kushner", "vladimir-putin", "jared-kushner:met_with:vladimir-putin"]
    assert (edge["relation"], edge["status"], edge["directed"], edge["citations"]) == ("met_with", "negated", False, 1)
    assert H.nodes["zhou-wei"]["label"] == "周伟" and H.nodes["zhou-wei"]["mentions"] == 1
    assert H.nodes["o-brien-s-bar-grill-ltd"]["label"] == TRICKY
    assert H.edges["fbi", "paul-manafort", "fbi:investigated:paul-manafort"]["evidence"] == HOSTILE.replace("\x1b", "")
    assert H.graph["tangle_version"] == "0.1.0" and H.graph["documents"].startswith("Manafort and Ukraine; ")


def test_graphml_puts_graph_data_first_and_types_every_value(tmp_path):
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    root = ET.parse(write_graphml(hostile_graph(), tmp_path / "g.graphml")).getroot()
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.iter(f"{ns}key")}
    graph = root.find(f"{ns}graph")
    children = [child.tag.removeprefix(ns) for child in graph]
    assert children[:2] == ["data", "data"] and set(children[2:]) == {"node", "edge"}
    assert children.index("edge") > len(children) - 1 - children[::-1].index("node")
    assert {keys[d.get("key")][1] for d in graph.findall(f"{ns}data")} == {"tangle_version", "documents"}
    assert ("edge", "id") not in {k[:2] for k in keys.values()}  # igraph: "there is already an 'id' edge attribute"
    assert ("node", "mentions", "int") in keys.values() and ("edge", "directed", "boolean") in keys.values()
    booleans = {d.text for d in root.iter(f"{ns}data") if keys[d.get("key")][2] == "boolean"}
    assert booleans == {"true", "false"}

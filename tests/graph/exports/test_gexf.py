"""graph/exports/gexf.py: GEXF files read back by networkx and checked against the official XSD."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from graph.exports import write_gexf
from tests.graph.fixtures_export import (
    HOSTILE,
    HOSTILE_DATE,
    HOSTILE_DECISION,
    INVESTIGATED,
    TRICKY,
    WORKS,
    dated_curated_graph,
    hostile_graph,
    sample_graph,
)

GEXF_NS = "{http://www.gexf.net/1.2draft}"
SCHEMAS = Path(__file__).parents[2] / "schemas"


def _gexf_edges(path) -> dict[str, dict]:
    """Each ``<edge>`` of a GEXF file by id: its XML attributes plus its attvalues by title."""
    root = ET.parse(path).getroot()
    titles = {a.get("id"): a.get("title") for a in root.iter(f"{GEXF_NS}attribute")}
    edges = {}
    for edge in root.iter(f"{GEXF_NS}edge"):
        values = {titles[v.get("for")]: v.get("value") for v in edge.iter(f"{GEXF_NS}attvalue")}
        edges[edge.get("id")] = {**edge.attrib, **values}
    return edges


def test_gexf_gives_each_edge_its_direction_as_the_gexf_edge_type(tmp_path):
    G = hostile_graph()
    path = write_gexf(G, tmp_path / "g.gexf")
    graph = ET.parse(path).getroot().find(f"{GEXF_NS}graph")
    assert graph.get("defaultedgetype") == "directed" and "name" not in graph.attrib
    edges = _gexf_edges(path)
    assert len(edges) == G.number_of_edges()
    for u, v, key, attrs in G.edges(keys=True, data=True):
        edge = edges[f"{u}:{key}:{v}"]
        assert edge["type"] == ("directed" if attrs["directed"] else "undirected"), (u, v, key)
        assert (edge["source"], edge["target"], edge["relation"]) == (u, v, key)
        assert edge["directed"] == ("true" if attrs["directed"] else "false")
    assert {e["type"] for e in edges.values()} == {"directed", "undirected"}
    met = edges["donald-trump:met_with:vladimir-putin"]
    assert (met["citations"], met["status"], met["weight"], met["docs"]) == ("2", "asserted", "2", "doc-b; doc-c")
    assert edges["fbi:investigated:paul-manafort"]["evidence"] == HOSTILE.replace("\x1b", "")
    labels = {n.get("id"): n.get("label") for n in ET.parse(path).getroot().iter(f"{GEXF_NS}node")}
    assert labels["o-brien-s-bar-grill-ltd"] == TRICKY and labels["zhou-wei"] == "周伟"


def _gexf_1_2draft_schema():
    """The official GEXF 1.2 XSD (vendored from gephi/gexf) under the 1.2draft namespace networkx writes.

    The 1.2draft and 1.2 schemata differ only in their namespace URI, so the
    vendored files are loaded with ``gexf.net/1.2`` read as ``gexf.net/1.2draft``.
    """
    etree = pytest.importorskip("lxml.etree")

    class Draft(etree.Resolver):
        def resolve(self, url, pubid, context):
            text = (SCHEMAS / "gexf-1.2" / Path(url).name).read_text(encoding="utf-8")
            return self.resolve_string(text.replace("http://www.gexf.net/1.2", "http://www.gexf.net/1.2draft"),
                                       context)

    parser = etree.XMLParser()
    parser.resolvers.add(Draft())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "gexf-1.2" / "gexf.xsd"), parser)), etree


def test_gexf_is_valid_against_the_official_xsd(tmp_path):
    from tests.consumers.hostile import hostile_names_graph

    schema, etree = _gexf_1_2draft_schema()
    document = etree.parse(str(write_gexf(hostile_names_graph(), tmp_path / "g.gexf")))
    assert schema.validate(document), schema.error_log
    document.getroot().find(f"{GEXF_NS}graph").set("name", "")  # what networkx writes on its own
    assert not schema.validate(document)


def test_gexf_edges_with_dates_carry_spells_on_a_dynamic_date_timeline(tmp_path):
    path = write_gexf(dated_curated_graph(), tmp_path / "g.gexf")
    root = ET.parse(path).getroot()
    graph = root.find(f"{GEXF_NS}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    spells = {e.get("id"): [(s.get("start"), s.get("end")) for s in e.iter(f"{GEXF_NS}spell")]
              for e in root.iter(f"{GEXF_NS}edge")}
    assert spells[WORKS] == [("2004-01-01", "2014-12-31"), ("2016-06-01", "2016-06-30")]
    assert spells["donald-trump:met_with:vladimir-putin"] == [("2018-07-16", "2018-07-16")]
    assert spells["jared-kushner:met_with:sergey-kislyak"] == []  # its one date is not a date
    assert spells[INVESTIGATED] == []
    assert sum(1 for _ in root.iter(f"{GEXF_NS}spells")) == 2  # undated edges get no empty <spells>
    edges = _gexf_edges(path)
    assert (edges[WORKS]["first"], edges[WORKS]["last"]) == ("2004-01-01", "2016-06-30")
    assert (edges[INVESTIGATED]["curated"], edges[WORKS]["curated"]) == ("true", "false")
    assert HOSTILE_DECISION.replace("\n", "\\n").replace('"', '\\"') in edges[INVESTIGATED]["curation"]
    assert HOSTILE_DATE not in path.read_text(encoding="utf-8")


def test_dated_gexf_is_valid_against_the_official_xsd(tmp_path):
    schema, etree = _gexf_1_2draft_schema()
    document = etree.parse(str(write_gexf(dated_curated_graph(), tmp_path / "g.gexf")))
    assert schema.validate(document), schema.error_log


def test_networkx_reads_the_gexf_spells_in_dynamic_mode(tmp_path):
    G = dated_curated_graph()  # networkx refuses mixed graphs: keep the directed relations
    G.remove_edges_from([(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if not d["directed"]])
    H = nx.read_gexf(write_gexf(G, tmp_path / "g.gexf"))
    assert H.graph["mode"] == "dynamic"
    works = H.edges["paul-manafort", "viktor-yanukovych"]  # one edge per pair here: a DiGraph
    assert works["spells"] == [("2004-01-01", "2014-12-31"), ("2016-06-01", "2016-06-30")]
    assert (works["first"], works["last"]) == ("2004-01-01", "2016-06-30")
    investigated = H.edges["fbi", "paul-manafort"]
    assert "spells" not in investigated and investigated["curated"] is True


def test_undated_gexf_stays_static(tmp_path):
    graph = ET.parse(write_gexf(sample_graph(), tmp_path / "g.gexf")).getroot().find(f"{GEXF_NS}graph")
    assert graph.get("mode") == "static" and graph.get("timeformat") is None

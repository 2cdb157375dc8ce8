"""Every export format is read back by the tool (or the library) that consumes it."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from graph.errors import InputError
from graph.exports import (
    cypher_script,
    cypher_string,
    export,
    flat_graph,
    format_for,
    ftm_entities,
    write_csv,
    write_gexf,
    write_graphml,
)
from graph.exports.csv import CSV_PIPE_STANDIN
from graph.io import dumps_graph, load_graph
from tests.graph.fixtures_export import HOSTILE_DATE, HOSTILE_DECISION, TRICKY, dated_curated_graph, sample_graph

HOSTILE = "x'); MATCH (n) DETACH DELETE n; // \\' \" \\n\r\n\t\x1b[31m\u2028 end"


def hostile_graph() -> nx.MultiDiGraph:
    """The fixture with one sentence that tries to break out of every format."""
    G = sample_graph()
    G.edges["fbi", "paul-manafort", "investigated"]["citations"][0]["sentence"] = HOSTILE
    return G


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


# ---------------------------------------------------------------- GEXF, GraphML

GEXF_NS = "{http://www.gexf.net/1.2draft}"
SCHEMAS = Path(__file__).parent.parent / "schemas"


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


def test_flat_graph_has_only_scalar_attributes():
    H = flat_graph(sample_graph())
    values = [v for _, d in H.nodes(data=True) for v in d.values()]
    values += [v for *_, d in H.edges(data=True) for v in d.values()]
    assert all(isinstance(v, str | int | float | bool) for v in values)
    assert len({d["id"] for *_, d in H.edges(data=True)}) == H.number_of_edges()


# ---------------------------------------------------------------- CSV

def _csv_rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_for_spreadsheets_and_kumu(tmp_path):
    G = hostile_graph()
    G.nodes["zhou-wei"]["label"] = "=HYPERLINK(\"http://evil\")"
    nodes_path, edges_path = write_csv(G, tmp_path / "ego.csv")
    assert (nodes_path.name, edges_path.name) == ("ego.nodes.csv", "ego.edges.csv")
    nodes, edges = _csv_rows(nodes_path), _csv_rows(edges_path)
    # Kumu: an ID column goes first, then Label (elements) or From, To (connections).
    assert list(nodes[0])[:3] == ["ID", "Label", "Type"]
    assert list(edges[0])[:5] == ["ID", "From", "To", "Type", "Direction"]
    assert (len(nodes), len(edges)) == (G.number_of_nodes(), G.number_of_edges())
    assert [row["ID"] for row in nodes] == sorted(G.nodes)
    assert all(row["From"] in G and row["To"] in G for row in edges)  # From/To hold element IDs
    assert len({row["ID"] for row in edges}) == len(edges)  # re-importing updates instead of duplicating
    labels = {row["Label"] for row in nodes}
    assert TRICKY in labels and "'=HYPERLINK(\"http://evil\")" in labels
    hostile = next(row for row in edges if row["Type"] == "investigated")
    assert hostile["Evidence"] == HOSTILE and hostile["Direction"] == "directed"
    assert hostile["ID"] == "fbi:investigated:paul-manafort"
    met = [row for row in edges if row["From"] == "donald-trump" and row["To"] == "vladimir-putin"]
    assert sorted(row["Type"] for row in met) == ["met_with", "praised"]
    assert {row["Direction"] for row in edges} == {"directed", "undirected"}


def test_csv_pipes_split_only_where_kumu_should_split(tmp_path):
    G = sample_graph()
    G.nodes["kgb"]["label"] = "KGB | FSB"
    G.nodes["kgb"]["aliases"] = ["Committee|State Security", "Chekists"]
    nodes_path, _ = write_csv(G, tmp_path / "g.csv")
    kgb = next(row for row in _csv_rows(nodes_path) if row["ID"] == "kgb")
    assert kgb["Label"] == "KGB ¦ FSB"
    assert sorted(kgb["Aliases"].split("|")) == ["Chekists", "Committee¦State Security"]


def test_csv_entities_sharing_a_label_stay_apart_by_id(tmp_path):
    G = sample_graph()
    G.nodes["kgb"]["label"] = "FBI"
    nodes_path, edges_path = write_csv(G, tmp_path / "g.csv")
    ids = {row["ID"]: row["Label"] for row in _csv_rows(nodes_path)}
    assert ids["fbi"] == ids["kgb"] == "FBI"
    assert {row["From"] for row in _csv_rows(edges_path)} >= {"fbi"}


# ---------------------------------------------------------------- FollowTheMoney

@pytest.mark.parametrize("make", [hostile_graph, dated_curated_graph])
def test_ftm_entities_are_valid_in_the_followthemoney_model(tmp_path, make):
    model = pytest.importorskip("followthemoney").model
    G = make()
    path = export(G, tmp_path / "g.ftm.json")[0]
    entities = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities) == len(G.graph["documents"]) + G.number_of_nodes() + G.number_of_edges()
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.validate(data) is None, data
        for name, values in data["properties"].items():
            prop = proxy.schema.get(name)
            assert prop is not None, f"{proxy.schema.name} has no property {name}"
            for value in values:
                assert prop.type.clean(value, proxy=proxy) is not None, (name, value)
                if prop.type.name == "entity":
                    assert value in ids, f"{proxy.schema.name}.{name} points at a missing entity"
                    target = next(e for e in entities if e["id"] == value)
                    assert model.get(target["schema"]).is_a(prop.range), (name, target["schema"])
        assert proxy.to_dict()["properties"] == data["properties"]


def test_ftm_schemata_and_evidence():
    entities = ftm_entities(hostile_graph())
    by_name = {e["properties"].get("name", e["properties"].get("title", [""]))[0]: e for e in entities}
    assert by_name["Paul Manafort"]["schema"] == "Person"
    assert by_name["O'Brien's \"Bar\" \\ Grill Ltd"]["schema"] == "Company"
    assert by_name["Russia"]["schema"] == "Territory" and by_name["Russia"]["properties"]["country"] == ["ru"]
    assert by_name["Helsinki summit"]["schema"] == "Event"
    assert len(by_name["Helsinki summit"]["properties"]["involved"]) == 2
    edges = [e for e in entities if model_edge(e)]
    schemata = sorted({e["schema"] for e in edges})
    assert schemata == ["Associate", "Employment", "Membership", "Representation", "UnknownLink"]
    denied = next(e for e in edges if "denied" in e["properties"]["summary"][0])
    assert denied["properties"]["status"] == ["negated"]
    summary = "“Trump denied any business ties with Russia.” — Trump and Putin (negated)"
    assert denied["properties"]["summary"] == [summary]
    assert denied["properties"]["publisher"] == ["Trump and Putin"]


def model_edge(entity: dict) -> bool:
    from followthemoney import model

    return bool(model.get(entity["schema"]).edge)


# ---------------------------------------------------------------- Cypher

_NEO4J_DECODE = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def _neo4j_literals(statement: str) -> list[str]:
    """The decoded single-quoted string literals of a statement, by the Neo4j Cypher manual's escape rules."""
    out = []
    for raw in re.findall(r"'((?:[^'\\]|\\.)*)'", statement):
        out.append(re.sub(r"\\(u[0-9a-fA-F]{4}|.)",
                          lambda m: chr(int(m[1][1:], 16)) if m[1].startswith("u") else _NEO4J_DECODE[m[1]], raw))
    return out


def test_neo4j_script_is_one_merge_per_line_with_escaped_literals():
    G = hostile_graph()
    lines = cypher_script(G).splitlines()
    assert len(lines) == 2 + G.number_of_nodes() + G.number_of_edges()
    assert all(line.endswith(";") for line in lines[1:])
    assert sum(line.startswith("MERGE (n:Entity {id: ") for line in lines) == G.number_of_nodes()
    assert sum(" MERGE (a)-[r:" in line for line in lines) == G.number_of_edges()
    literals = {s for line in lines for s in _neo4j_literals(line)}
    assert {TRICKY, HOSTILE, "周伟", "Владимир Путин"} <= literals


def test_neo4j_relations_match_each_endpoint_on_its_own():
    lines = cypher_script(hostile_graph()).splitlines()
    relations = [line for line in lines if " MERGE (a)-[r:" in line]
    assert relations and all(re.match(r"MATCH \(a:Entity \{id: '[^']*'\}\) MATCH \(b:Entity \{id: ", line)
                             for line in relations)
    assert not any(re.search(r"\}\), \(b", line) for line in lines)  # the cartesian-product shape


@pytest.mark.parametrize(
    ("dialect", "preamble", "labels"),
    [("neo4j", ["CREATE CONSTRAINT tangle_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;"],
      "SET n:PERSON, "),
     ("memgraph", ["CREATE INDEX ON :Entity(id);", "CREATE CONSTRAINT ON (n:Entity) ASSERT n.id IS UNIQUE;"],
      "SET n:PERSON, "),
     ("falkordb", [], "MERGE (n:Entity:PERSON {id: ")],
)
def test_each_dialect_labels_entities_the_way_its_engine_allows(dialect, preamble, labels):
    G = hostile_graph()
    lines = cypher_script(G, dialect=dialect).splitlines()
    assert lines[0] == f"// Tangle graph: 16 entities, 21 relations ({dialect})"
    assert lines[1:1 + len(preamble)] == preamble
    assert len(lines) == 1 + len(preamble) + G.number_of_nodes() + G.number_of_edges()
    assert sum(labels in line for line in lines) == sum(t == "PERSON" for _, t in G.nodes(data="type"))
    if dialect == "falkordb":
        assert not any("SET n:" in line or "CONSTRAINT" in line for line in lines)


def test_age_wraps_every_statement_for_postgres():
    G = hostile_graph()
    G.nodes["kgb"]["label"] = "$$ $tangle$ ) AS (a agtype); DROP TABLE x; --"
    lines = cypher_script(G, dialect="age").splitlines()
    assert lines[:4] == [
        "-- Tangle graph: 16 entities, 21 relations (age)", "LOAD 'age';",
        'SET search_path = ag_catalog, "$user", public;',
        "SELECT create_graph('tangle') WHERE NOT EXISTS (SELECT 1 FROM ag_catalog.ag_graph WHERE name = 'tangle');"]
    body = lines[4:]
    assert len(body) == G.number_of_nodes() + G.number_of_edges()
    for line in body:
        match = re.fullmatch(r"SELECT \* FROM cypher\('tangle', (\$tangle1\$) (.*) \1\) AS \(result agtype\);", line)
        assert match, line
        assert "$tangle1$" not in match[2] and not match[2].startswith("MERGE (n:Entity:")
    assert "SET n:" not in "\n".join(body)  # AGE vertices have one label; the type is a property


def test_unknown_dialect_is_an_input_error():
    with pytest.raises(InputError, match=r"^unknown Cypher dialect 'gremlin'; use one of neo4j, memgraph, falkordb"):
        cypher_script(sample_graph(), dialect="gremlin")


@pytest.mark.parametrize("value", [TRICKY, HOSTILE, "", "\\", "'", "\\'", "a\u2028b\x00c", "Путин 周伟"])
def test_cypher_string_round_trips_through_neo4j_escapes(value):
    literal = cypher_string(value)
    assert "\n" not in literal and _neo4j_literals(literal) == [value]


def _count(conn, query: str) -> int:
    return conn.execute(query).get_next()[0]


def test_kuzu_dialect_loads_in_an_embedded_cypher_engine(tmp_path):
    kuzu = pytest.importorskip("kuzu")
    G = hostile_graph()
    export(G, tmp_path / "g.cypher")  # the Neo4j file is written too; kuzu loads its own dialect
    script = cypher_script(G, dialect="kuzu")
    conn = kuzu.Connection(kuzu.Database(str(tmp_path / "db")))
    for _ in range(2):  # MERGE: loading twice changes nothing
        conn.execute(script)
        assert _count(conn, "MATCH (n:Entity) RETURN count(*)") == G.number_of_nodes()
        assert _count(conn, "MATCH ()-[r]->() RETURN count(*)") == G.number_of_edges()
    result = conn.execute("MATCH (n:Entity {id: 'o-brien-s-bar-grill-ltd'}) RETURN n.label, n.aliases").get_next()
    assert result == [TRICKY, ["O'Brien\\Bar"]]
    assert _count(conn, "MATCH (:Entity {id: 'donald-trump'})-[r]->(:Entity {id: 'vladimir-putin'}) "
                        "RETURN count(*)") == 2
    sentences, citations = conn.execute(
        "MATCH (:Entity {id: 'fbi'})-[r:INVESTIGATED]->(:Entity {id: 'paul-manafort'}) "
        "RETURN r.sentences, r.citations").get_next()
    assert sentences == [HOSTILE]
    assert json.loads(citations) == G.edges["fbi", "paul-manafort", "investigated"]["citations"]
    assert _count(conn, "MATCH (n:Entity {label: '周伟'}) RETURN count(*)") == 1


def clashing_graph() -> nx.MultiDiGraph:
    """A hand-edited graph.json: control characters in an id, a type and a key; ids 1 and "1"."""
    G = nx.MultiDiGraph()
    for node, kind in [("a\x01b", "PERSON\x02"), ("a\\u0001b", "ORG"), (1, "ORG"), ("1", "GPE")]:
        G.add_node(node, label=f"label of {node!r}", type=kind, aliases=[], mentions=1, docs=[])
    for u, v, key in [("a\x01b", 1, "met\x03with"), ("1", 1, "k"), (1, "a\\u0001b", "k")]:
        G.add_edge(u, v, key=key, type=key, label="l", directed=True, weight=1, status="asserted\x04",
                   citations=[])
    return G


@pytest.mark.parametrize(("suffix", "read"), [(".gexf", nx.read_gexf), (".graphml", nx.read_graphml)])
def test_control_characters_and_clashing_ids_give_valid_xml(tmp_path, suffix, read):
    path = tmp_path / f"g{suffix}"
    (write_gexf if suffix == ".gexf" else write_graphml)(clashing_graph(), path)
    H = read(path)
    assert H.number_of_nodes() == 4
    assert H.number_of_edges() == 3
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "quoted"), [
    ("=1+1", True), ("+1", True), ("-1", True), ("@SUM(A1)", True), ("\tx", True), ("\r=1", True),
    (" =1+1", True), ("\t\n@cmd", True), ("\u3000=1", True), ("＝1+1", True), ("＋1", True), ("－1", True),
    ("＠SUM(A1)", True), (" ＝HYPERLINK(1)", True), ("﹦1", True),
    ("Ann Lee", False), ("   ", False), ("a=1", False), ("Ｂ=1", False),
])
def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(tmp_path, text, quoted):
    G = sample_graph()
    G.nodes["zhou-wei"]["label"] = text
    nodes_path, _ = write_csv(G, tmp_path / "g.csv")
    with nodes_path.open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["ID"] == "zhou-wei")
    assert row["Label"] == ("'" + text if quoted else text)


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


# ---------------------------------------------------------------- dates (#17) and provenance (#15)

WORKS = "paul-manafort:works_for:viktor-yanukovych"
CURATION_NOTE = "Curated by an analyst: "  # graph.exports.ftm.CURATION_NOTE, spelled out: the README documents it
INVESTIGATED = "fbi:investigated:paul-manafort"


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


def test_csv_has_date_and_curation_columns_and_keeps_hostile_text_inert(tmp_path):
    nodes_path, edges_path = write_csv(dated_curated_graph(), tmp_path / "g.csv")
    edges = {r["ID"]: r for r in _csv_rows(edges_path)}
    assert list(edges[WORKS])[-4:] == ["First", "Last", "Curated", "Curation"]
    assert (edges[WORKS]["First"], edges[WORKS]["Last"], edges[WORKS]["Curated"]) == ("2004-01-01", "2016-06-30", "")
    hostile = edges["jared-kushner:met_with:sergey-kislyak"]
    assert (hostile["First"], hostile["Last"]) == ("", "2016-12-31")
    assert HOSTILE_DATE not in edges_path.read_text(encoding="utf-8")
    curated = edges[INVESTIGATED]
    assert curated["Curated"] == "yes"
    assert json.loads(curated["Curation"].replace(CSV_PIPE_STANDIN, "|")) == {
        "status": ["FBI", "investigated", HOSTILE_DECISION], "to": "reported"}
    nodes = {r["ID"]: r for r in _csv_rows(nodes_path)}
    assert nodes["paul-manafort"]["Curated"] == "yes" and nodes["fbi"]["Curated"] == ""
    assert json.loads(nodes["paul-manafort"]["Curation"].replace(CSV_PIPE_STANDIN, "|")) == {
        "rename": {HOSTILE_DECISION: "Paul Manafort"}}
    for row in [*edges.values(), *nodes.values()]:
        assert not any(cell[:1] and cell[:1] in "=+-@" for cell in row.values()), row


def _relation_line(script: str, source: str, target: str) -> str:
    return next(line for line in script.splitlines() if f"{{id: '{source}'}}) MATCH (b:Entity {{id: '{target}'}})"
                in line)


def test_cypher_relations_carry_dates_and_curation_as_escaped_properties():
    script = cypher_script(dated_curated_graph())
    works = _relation_line(script, "paul-manafort", "viktor-yanukovych")
    assert "r.first = '2004-01-01', r.last = '2016-06-30', r.curated = false, r.curation = []" in works
    hostile = _relation_line(script, "jared-kushner", "sergey-kislyak")
    assert "r.first = null, r.last = '2016-12-31'" in hostile
    literals = _neo4j_literals(hostile)
    assert HOSTILE_DATE not in "".join(re.split(r"'(?:[^'\\]|\\.)*'", hostile))  # only inside literals
    citations = next(json.loads(s) for s in literals if s.startswith('[{"date"'))
    assert citations[0]["date"]["start"] == HOSTILE_DATE  # the citations JSON keeps it, escaped
    curated = _relation_line(script, "fbi", "paul-manafort")
    assert "r.curated = true" in curated
    rule = {"status": ["FBI", "investigated", HOSTILE_DECISION], "to": "reported"}
    assert rule in [json.loads(s) for s in _neo4j_literals(curated) if s.startswith("{\"status\"")]
    assert len(script.splitlines()) == len(cypher_script(sample_graph()).splitlines())  # still one per line
    node = next(line for line in script.splitlines() if line.startswith("MERGE (n:Entity {id: 'paul-manafort'})"))
    assert "n.curated = true" in node


def test_kuzu_loads_dates_and_curation(tmp_path):
    kuzu = pytest.importorskip("kuzu")
    conn = kuzu.Connection(kuzu.Database(str(tmp_path / "db")))
    conn.execute(cypher_script(dated_curated_graph(), dialect="kuzu"))
    rows = conn.execute("MATCH (a:Entity)-[r]->(b:Entity) WHERE r.first IS NOT NULL "
                        "RETURN a.id, r.first, r.last ORDER BY a.id")
    found = []
    while rows.has_next():
        found.append(rows.get_next())
    assert found == [["donald-trump", "2018-07-16", "2018-07-16"], ["paul-manafort", "2004-01-01", "2016-06-30"]]
    curated, curation = conn.execute("MATCH (:Entity {id: 'fbi'})-[r:INVESTIGATED]->() "
                                     "RETURN r.curated, r.curation").get_next()
    assert curated is True and json.loads(curation[0])["status"][2] == HOSTILE_DECISION


def test_ftm_relations_and_documents_carry_dates_and_curation():
    entities = ftm_entities(dated_curated_graph())
    docs = {e["properties"]["title"][0]: e["properties"] for e in entities if e["schema"] == "Document"}
    assert docs["Trump and Putin"]["date"] == ["2018-07-20"]
    assert "date" not in docs["Кремль и \"друзья\""]  # a hostile date is not a date
    edges = [e["properties"] for e in entities if model_edge(e)]
    works = next(p for p in edges if "Manafort worked for Yanukovych" in p["summary"][0])
    assert (works["startDate"], works["endDate"]) == (["2004-01-01"], ["2016-06-30"]) and "date" not in works
    met = next(p for p in edges if "Trump met Putin" in p["summary"][0])
    assert met["date"] == met["startDate"] == met["endDate"] == ["2018-07-16"]
    undated = next(p for p in edges if "Kushner met Kislyak" in p["summary"][0])
    assert not {"date", "startDate", "endDate"} & set(undated)
    curated = next(p for p in edges if any(s.startswith(CURATION_NOTE) for s in p["summary"]))
    assert curated["summary"][1] == CURATION_NOTE + json.dumps(
        {"status": ["FBI", "investigated", HOSTILE_DECISION], "to": "reported"}, ensure_ascii=False, sort_keys=True)
    person = next(e["properties"] for e in entities if e["properties"].get("name") == ["Paul Manafort"])
    assert person["summary"] == [CURATION_NOTE + json.dumps({"rename": {HOSTILE_DECISION: "Paul Manafort"}},
                                                            ensure_ascii=False)]

"""graph/exports/cypher.py: one MERGE per line in each dialect, escaped, loaded by an embedded engine."""

from __future__ import annotations

import json
import re

import pytest

from graph.errors import InputError
from graph.exports import cypher_script, cypher_string, export
from tests.graph.fixtures_export import (
    HOSTILE,
    HOSTILE_DATE,
    HOSTILE_DECISION,
    TRICKY,
    dated_curated_graph,
    hostile_graph,
    sample_graph,
)

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

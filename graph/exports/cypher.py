"""Cypher scripts for Neo4j, Memgraph, FalkorDB, Apache AGE and Kùzu: MERGE statements, run twice, change nothing."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from extract.vocabulary import load_vocabulary
from graph.errors import InputError
from graph.exports.common import decision_texts, edge_docs, iso_date, sorted_edges
from graph.io import atomic_write
from graph.schema import Edge, Entity, entities

__all__ = ["AGE_GRAPH", "CYPHER_RELATIONS", "DIALECTS", "Dialect", "cypher_script", "cypher_string", "write_cypher"]

#: Relation type -> Cypher relationship label, from the ``cypher`` entries of the relation vocabulary.
CYPHER_RELATIONS: dict[str, str] = {
    r.name: r.cypher for r in (load_vocabulary().co_mentioned, *load_vocabulary().relations) if r.cypher
}


Dialect = Literal["neo4j", "memgraph", "falkordb", "age", "kuzu"]
#: Cypher dialects :func:`cypher_script` writes, each a script its engine runs as written.
DIALECTS: tuple[str, ...] = ("neo4j", "memgraph", "falkordb", "age", "kuzu")
#: The Apache AGE graph the ``age`` script creates (if missing) and loads into.
AGE_GRAPH = "tangle"
_NEO4J_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def cypher_string(value: str, *, dialect: Dialect = "neo4j") -> str:
    r"""``value`` as a single-quoted Cypher string literal.

    Backslash and quote are escaped in both dialects.  For Neo4j every other
    control character is escaped too (``\n``, ``\uXXXX``), so each
    statement stays on one line.  Kùzu's parser does not decode ``\n`` or
    ``\uXXXX`` (it drops the backslash), so for Kùzu control characters are
    written as they are: its literals may span lines.

    >>> print(cypher_string("O'Brien \\ Co\nLtd"))
    'O\'Brien \\ Co\nLtd'
    """
    if dialect == "kuzu":
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    out = []
    for ch in value:
        if ch in _NEO4J_ESCAPES:
            out.append(_NEO4J_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch in "\x7f\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def _cypher_value(value: Any, dialect: Dialect) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_cypher_value(v, dialect) for v in value) + "]"
    return cypher_string(str(value), dialect=dialect)


def _cypher_name(name: str, prefix: str) -> str:
    """An identifier made of ASCII letters, digits and ``_`` only, so it never needs quoting."""
    ident = re.sub(r"\W+", "_", name.upper(), flags=re.ASCII).strip("_")
    return ident if ident and not ident[0].isdigit() else f"{prefix}_{ident}"


def _node_props(record: Entity) -> dict[str, Any]:
    return {
        "label": record.label,
        "type": record.type,
        "aliases": list(record.aliases),
        "mentions": record.mentions,
        "docs": list(record.docs),
        "curated": record.curated,
        "curation": decision_texts(record.curation),
    }


def _edge_props(edge: Edge) -> dict[str, Any]:
    return {
        "type": edge.type,
        "label": edge.label,
        "weight": edge.weight,
        "status": edge.status,
        "directed": edge.directed,
        "sentences": [c.sentence for c in edge.citations],
        "docs": edge_docs(edge),
        "citations": json.dumps([c.to_attrs() for c in edge.citations], ensure_ascii=False, sort_keys=True),
        "first": iso_date(edge.first),
        "last": iso_date(edge.last),
        "curated": edge.curated,
        "curation": decision_texts(edge.curation),
    }


#: Kùzu column types by the Python type of a property's value (``None``: a date, absent when undated).
_KUZU_TYPES = {str: "STRING", int: "INT64", bool: "BOOLEAN", list: "STRING[]", type(None): "STRING"}


def _type_label(kind: str) -> str:
    """The Cypher node label of an entity type: the vocabulary's, else the type's name."""
    spec = load_vocabulary().entity_type(kind)
    return spec.cypher if spec is not None else kind


def _relation_label(kind: str) -> str:
    """The Cypher relationship label of a relation type: the vocabulary's, else the type's name in capitals."""
    return _cypher_name(CYPHER_RELATIONS.get(kind, kind), "REL")


def _kuzu_schema(G: nx.MultiDiGraph) -> list[str]:
    node = _node_props(Entity(id=""))
    columns = ", ".join(f"{k} {_KUZU_TYPES[type(v)]}" for k, v in node.items())
    lines = [f"CREATE NODE TABLE IF NOT EXISTS Entity(id STRING, {columns}, PRIMARY KEY(id));"]
    edge = {"key": "", **_edge_props(Edge(source="", target="", type=""))}
    columns = ", ".join(f"{k} {_KUZU_TYPES[type(v)]}" for k, v in edge.items())
    for rel in sorted({_relation_label(str(k)) for *_, k in G.edges(keys=True)}):
        lines.append(f"CREATE REL TABLE IF NOT EXISTS {rel}(FROM Entity TO Entity, {columns});")
    return lines


def _sets(var: str, props: dict[str, Any], dialect: Dialect) -> str:
    return ", ".join(f"{var}.{k} = {_cypher_value(v, dialect)}" for k, v in props.items())


def _cypher_preamble(G: nx.MultiDiGraph, dialect: str) -> list[str]:
    """Schema statements: what each engine needs, or accepts, before the MERGEs (all idempotent)."""
    if dialect == "kuzu":
        return _kuzu_schema(G)
    if dialect == "neo4j":
        return ["CREATE CONSTRAINT tangle_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;"]
    if dialect == "memgraph":
        return ["CREATE INDEX ON :Entity(id);", "CREATE CONSTRAINT ON (n:Entity) ASSERT n.id IS UNIQUE;"]
    if dialect == "age":
        return ["LOAD 'age';", 'SET search_path = ag_catalog, "$user", public;',
                f"SELECT create_graph('{AGE_GRAPH}') WHERE NOT EXISTS "
                f"(SELECT 1 FROM ag_catalog.ag_graph WHERE name = '{AGE_GRAPH}');"]
    return []  # FalkorDB: constraints are a separate command (GRAPH.CONSTRAINT), not Cypher


def _cypher_statements(G: nx.MultiDiGraph, dialect: str) -> list[str]:
    """One MERGE statement per entity, then one per relation, without the final ``;``."""
    out = []
    for record in sorted(entities(G), key=lambda e: e.id):
        props = _node_props(record)
        label = _cypher_name(_type_label(record.type), "TYPE") if record.type and dialect not in ("age", "kuzu") else ""
        key = f"{{id: {cypher_string(record.id, dialect=dialect)}}}"
        if label and dialect == "falkordb":  # no SET n:LABEL there: the label goes in the MERGE pattern
            out.append(f"MERGE (n:Entity:{label} {key}) SET {_sets('n', props, dialect)}")
        else:
            out.append(f"MERGE (n:Entity {key}) SET {f'n:{label}, ' if label else ''}{_sets('n', props, dialect)}")
    for edge in sorted_edges(G):
        rel = _relation_label(edge.key)
        out.append(  # one MATCH per endpoint: no cartesian product for the planner to warn about
            f"MATCH (a:Entity {{id: {cypher_string(edge.source, dialect=dialect)}}}) "
            f"MATCH (b:Entity {{id: {cypher_string(edge.target, dialect=dialect)}}}) "
            f"MERGE (a)-[r:{rel} {{key: {cypher_string(edge.key, dialect=dialect)}}}]->(b) "
            f"SET {_sets('r', _edge_props(edge), dialect)}"
        )
    return out


def _dollar_tag(statements: list[str]) -> str:
    """A PostgreSQL dollar-quote tag that occurs in none of ``statements`` (document text may hold ``$$``)."""
    tag, n = "$tangle$", 0
    while any(tag in s for s in statements):
        n += 1
        tag = f"$tangle{n}$"
    return tag


def cypher_script(G: nx.MultiDiGraph, *, dialect: Dialect = "neo4j") -> str:
    """A Cypher script that MERGEs every entity and relation of ``G``; running it twice changes nothing.

    Entities are ``(:Entity {id})`` nodes, also labelled with their type
    (``:PERSON``) where the engine allows several labels; each relation is a
    relationship typed by its relation type in capitals (``MET_WITH``) and
    identified by its ``key``.  Citations are kept as ``sentences`` and
    ``docs`` lists and as the full ``citations`` JSON text (graph databases
    store no lists of maps, so each citation's ``date`` is in that text);
    ``first`` and ``last`` are the ISO dates of the earliest and latest
    dated citation (``null``, i.e. no property, when undated).  Entities and
    relations carry ``curated`` (an analyst's decision changed or confirmed
    them) and ``curation``, those decisions as a list of JSON rules.  All values are inline literals escaped by
    :func:`cypher_string`; labels and relationship types are reduced to
    ``[A-Z0-9_]``, so no document text can end a string or a statement.
    One statement per line (for Kùzu, literals may span lines).

    ``dialect`` picks what the engine runs as written: ``neo4j`` (a
    uniqueness constraint, ``SET n:TYPE``), ``memgraph`` (its index and
    constraint syntax), ``falkordb`` (no constraint; the type label in the
    ``MERGE`` pattern), ``age`` (Apache AGE: each statement wrapped in
    ``SELECT * FROM cypher('tangle', $tangle$ … $tangle$)``, one label per
    vertex, the graph created if missing; run with ``psql -f``) and
    ``kuzu`` (the table schema Kùzu requires).

    >>> print(cypher_script(G).splitlines()[1])  # doctest: +SKIP
    CREATE CONSTRAINT tangle_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
    """
    if dialect not in DIALECTS:
        raise InputError(f"unknown Cypher dialect {dialect!r}; use one of {', '.join(DIALECTS)}")
    lines = [f"// Tangle graph: {G.number_of_nodes()} entities, {G.number_of_edges()} relations ({dialect})"]
    if dialect == "age":
        lines = ["-- " + lines[0][3:]]
    lines += _cypher_preamble(G, dialect)
    statements = _cypher_statements(G, dialect)
    if dialect == "age":
        tag = _dollar_tag(statements)
        statements = [f"SELECT * FROM cypher('{AGE_GRAPH}', {tag} {s} {tag}) AS (result agtype)" for s in statements]
    lines += [s + ";" for s in statements]
    return "\n".join(lines) + "\n"


def write_cypher(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, dialect: Dialect = "neo4j") -> Path:
    """Write :func:`cypher_script` to ``path``; how to load each dialect is in the README.

    >>> write_cypher(G, "out/graph.cypher")  # doctest: +SKIP
    """
    return atomic_write(path, cypher_script(G, dialect=dialect))

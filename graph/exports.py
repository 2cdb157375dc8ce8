"""The graph in the formats other tools load: GEXF, GraphML, CSV, FollowTheMoney, Cypher.

One builder per format returns text (or entity dicts); one ``write_*``
function per format writes it atomically; :func:`export` picks the format
from the file name.  Nothing here changes the graph it is given.

==========  =====================  ===========================================
format      file name              loads in
==========  =====================  ===========================================
html        ``*.html``             a browser (:func:`graph.page.write_page`)
json        ``*.json``             Tangle, anything (``graph.json``)
gexf        ``*.gexf``             Gephi, graphology (a mixed graph: each
                                   edge's direction is its GEXF ``type``)
graphml     ``*.graphml``          yEd, Cytoscape, igraph, graph-tool, networkx
csv         ``NAME.csv``           spreadsheets, Kumu: writes ``NAME.nodes.csv``
                                   and ``NAME.edges.csv`` next to each other
ftm         ``*.ftm.json``         Aleph / ``ftm`` tools: one entity per line
                                   (``ftm_version=3`` for Aleph 4.x)
cypher      ``*.cypher``           ``dialect=`` neo4j, memgraph, falkordb,
                                   age or kuzu (:data:`DIALECTS`)
==========  =====================  ===========================================

>>> export(G, "out/manafort.gexf")  # doctest: +SKIP
[PosixPath('out/manafort.gexf')]
>>> export(G, "out/graph.csv")  # doctest: +SKIP
[PosixPath('out/graph.nodes.csv'), PosixPath('out/graph.edges.csv')]
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from extract.vocabulary import FtmEdge, load_vocabulary
from graph.errors import InputError
from graph.io import atomic_write, string_ids, write_graph
from graph.schema import Citation, Edge, Entity, documents, edge_of, entities

__all__ = [
    "DIALECTS",
    "EXPORTERS",
    "Exporter",
    "FORMATS",
    "FTM_VERSIONS",
    "csv_tables",
    "cypher_script",
    "cypher_string",
    "export",
    "flat_graph",
    "format_for",
    "format_names",
    "format_suffixes",
    "ftm_entities",
    "gexf_text",
    "graphml_text",
    "write_csv",
    "write_cypher",
    "write_ftm",
    "write_gexf",
    "write_graphml",
]

Format = Literal["html", "json", "gexf", "graphml", "csv", "ftm", "cypher"]

#: Separator for list values flattened into one GEXF/GraphML attribute.
LIST_SEPARATOR = "; "
#: Separator for multi-value CSV cells (Kumu's convention).
CSV_LIST_SEPARATOR = "|"


def _titles(G: nx.MultiDiGraph) -> dict[str, str]:
    return {d.id: d.title for d in documents(G)}


def _edge_docs(edge: Edge) -> list[str]:
    return sorted({c.doc for c in edge.citations})


def _sorted_edges(G: nx.MultiDiGraph) -> list[Edge]:
    """Every edge's record, by (source, target, key)."""
    return [edge_of(u, v, k, a) for u, v, k, a in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3])]


# ---------------------------------------------------------------- GEXF, GraphML

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: Any) -> str:
    """``value`` as text XML 1.0 can carry (control characters other than tab and newlines dropped)."""
    return _XML_INVALID.sub("", str(value))


def _xml_id(value: Any) -> str:
    """``value`` as an XML 1.0 identifier: characters XML cannot carry written as ``\\uXXXX``, so that
    two ids stay two."""
    return _XML_INVALID.sub(lambda m: f"\\u{ord(m.group()):04x}", str(value))


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose attributes are all scalars, as Gephi needs.

    Nodes: ``label, type, aliases, mentions, docs`` (lists joined with ``"; "``).
    Edges: ``id`` (unique: ``source:type:target``), ``key``, ``relation``
    (the relation type), ``label, weight, status, directed``, and the
    citations summarised as ``citations`` (count), ``evidence`` (first
    sentence), ``docs`` and ``titles``.  ``type`` is not used on edges
    because GEXF reserves it for the edge direction.

    >>> flat_graph(G).edges["donald-trump", "vladimir-putin", "met_with"]["citations"]  # doctest: +SKIP
    2
    """
    titles = _titles(G)
    H = nx.MultiDiGraph()
    H.graph["tangle_version"] = str(G.graph.get("tangle", {}).get("version", ""))
    H.graph["documents"] = _xml_text(LIST_SEPARATOR.join(titles.values()))
    ids = string_ids(G.nodes, clean=_xml_id)
    for record in sorted(entities(G), key=lambda e: ids[e.id]):
        H.add_node(
            ids[record.id],
            label=_xml_text(record.label),
            type=_xml_text(record.type),
            aliases=_xml_text(LIST_SEPARATOR.join(record.aliases)),
            mentions=record.mentions,
            docs=_xml_text(LIST_SEPARATOR.join(record.docs)),
        )
    edges = sorted(((ids[u], ids[v], _xml_id(key), edge_of(u, v, key, attrs))
                    for u, v, key, attrs in G.edges(keys=True, data=True)), key=lambda e: e[:3])
    for u, v, key, edge in edges:
        citations = edge.citations
        docs = _edge_docs(edge)
        H.add_edge(
            u,
            v,
            key=key,
            id=f"{u}:{key}:{v}",
            relation=_xml_text(edge.type),
            label=_xml_text(edge.label),
            weight=edge.weight,
            status=_xml_text(edge.status),
            directed=edge.directed,
            citations=len(citations),
            evidence=_xml_text(citations[0].sentence if citations else ""),
            docs=_xml_text(LIST_SEPARATOR.join(docs)),
            titles=_xml_text(LIST_SEPARATOR.join(titles.get(d, d) for d in docs)),
        )
    return H


def gexf_text(G: nx.MultiDiGraph) -> str:
    """``G`` as GEXF 1.2draft: a mixed graph, each edge's direction in GEXF's own edge ``type``.

    The ``<graph>`` element carries ``defaultedgetype="directed"`` and every
    edge says ``type="directed"`` or ``type="undirected"``, so Gephi and
    graphology-gexf draw undirected relations without arrows; the file is
    valid against the official 1.2draft XSD (no ``name`` on ``<graph>``).
    networkx's ``read_gexf`` refuses mixed graphs: read the GraphML export there.
    """
    from networkx.readwrite.gexf import GEXFWriter

    H = flat_graph(G)
    for *_, data in H.edges(keys=True, data=True):
        data["type"] = "directed" if data["directed"] else "undirected"
    writer = GEXFWriter(version="1.2draft")
    writer.add_graph(H)
    writer.graph_element.attrib.pop("name", None)  # not allowed by the XSD
    return "\n".join(str(writer).splitlines()) + "\n"


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write :func:`gexf_text` for Gephi, Gephi Lite and graphology; multi-edges keep distinct ids.

    >>> write_gexf(G, "out/graph.gexf")  # doctest: +SKIP
    PosixPath('out/graph.gexf')
    """
    return atomic_write(path, gexf_text(G))


_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_GRAPHML_TYPES = {bool: "boolean", int: "int", float: "double", str: "string"}


def _graphml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"  # the XML Schema form; str() gives True/False
    return _xml_text(value)


def graphml_text(G: nx.MultiDiGraph) -> str:
    """``G`` as GraphML: graph data first, then nodes, then edges, each value typed.

    Attributes are those of :func:`flat_graph`.  The graph's ``<data>``
    comes before the nodes (graph-tool reads data after the edges as edge
    data); the edge id ``source:type:target`` is the ``<edge id>`` only, not
    also a data key (igraph reads edge ids into an ``id`` attribute);
    integers are ``int``, booleans ``true``/``false``.
    """
    from xml.etree.ElementTree import Element, SubElement, indent, tostring

    H = flat_graph(G)
    edges = [(u, v, dict(d)) for u, v, d in H.edges(data=True)]
    ids = [d.pop("id") for *_, d in edges]
    domains = {"graph": [H.graph], "node": [d for _, d in H.nodes(data=True)], "edge": [d for *_, d in edges]}
    root = Element("graphml", {"xmlns": _GRAPHML_NS, "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                               "xsi:schemaLocation": f"{_GRAPHML_NS} {_GRAPHML_NS}/1.0/graphml.xsd"})
    keys: dict[tuple[str, str], str] = {}
    for domain, records in domains.items():
        for record in records:
            for name, value in record.items():
                if (domain, name) not in keys:
                    keys[domain, name] = f"d{len(keys)}"
                    SubElement(root, "key", {"id": keys[domain, name], "for": domain, "attr.name": name,
                                             "attr.type": _GRAPHML_TYPES[type(value)]})

    def data(parent: Any, domain: str, record: dict[str, Any]) -> None:
        for name, value in record.items():
            SubElement(parent, "data", key=keys[domain, name]).text = _graphml_value(value)

    graph = SubElement(root, "graph", id="G", edgedefault="directed")
    data(graph, "graph", H.graph)
    for node, attrs in H.nodes(data=True):
        data(SubElement(graph, "node", id=_xml_text(node)), "node", attrs)
    for (u, v, attrs), edge_id in zip(edges, ids, strict=True):
        data(SubElement(graph, "edge", id=edge_id, source=_xml_text(u), target=_xml_text(v)), "edge", attrs)
    indent(root)
    # A carriage return in element text would come back as a newline (XML end-of-line handling).
    body = tostring(root, encoding="unicode").replace("\r", "&#13;")
    return "<?xml version='1.0' encoding='utf-8'?>\n" + body + "\n"


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write :func:`graphml_text` for yEd, Cytoscape, igraph, graph-tool and networkx.

    >>> nx.read_graphml(write_graphml(G, "out/graph.graphml")).number_of_nodes()  # doctest: +SKIP
    """
    return atomic_write(path, graphml_text(G))


# ---------------------------------------------------------------- CSV (spreadsheets, Kumu)

_FORMULA_START = frozenset("=+-@")


def _cell(value: Any) -> Any:
    """A spreadsheet-safe cell: text that a spreadsheet would run as a formula gets a leading quote.

    A formula may hide behind leading spaces, tabs or line breaks (spreadsheets trim them) and
    behind a full-width or small form of its first character (``＝``, ``﹢``: NFKC folds them).

    >>> _cell("  ＝HYPERLINK(1)")
    "'  ＝HYPERLINK(1)"
    """
    if isinstance(value, str):
        first = value.lstrip()[:1]
        if value[:1] in ("\t", "\r") or (first and unicodedata.normalize("NFKC", first)[:1] in _FORMULA_START):
            return "'" + value
    return value


#: What a ``|`` inside one value becomes: Kumu splits every cell on ``|`` and documents no escape for it.
CSV_PIPE_STANDIN = "\u00a6"


class _Joined(str):
    """A cell holding several values joined with ``|`` (its separators are meant)."""


def _one_value(value: Any) -> Any:
    """A single value for Kumu: a ``|`` in it would split it in two, so it becomes ``¦``."""
    if isinstance(value, str) and not isinstance(value, _Joined):
        return value.replace(CSV_LIST_SEPARATOR, CSV_PIPE_STANDIN)
    return value


def _many_values(values: Iterable[Any]) -> _Joined:
    return _Joined(CSV_LIST_SEPARATOR.join(_one_value(str(v)) for v in values))


def csv_tables(G: nx.MultiDiGraph) -> tuple[str, str]:
    """The nodes and edges CSV texts, in Kumu's documented import layout.

    Nodes (Kumu "elements"): ``ID, Label, Type, Description, Aliases,
    Mentions, Docs``.  Edges (Kumu "connections"): ``ID, From, To, Type,
    Direction, Label, Weight, Status, Citations, Evidence, Docs``.  The ID
    column comes first in both, so Kumu matches elements and connections by
    id on re-import instead of duplicating them; ``From``/``To`` hold
    element IDs, as Kumu requires once elements have IDs; a connection's ID
    is ``source:type:target``.  Multi-value cells are joined with ``|``;
    a ``|`` inside one value is written ``¦`` (Kumu has no escape for it).
    Cells starting with ``= + - @`` get a leading ``'`` so spreadsheets
    never run document text as a formula.
    """
    titles = _titles(G)

    def table(header: list[str], rows: Iterable[list[Any]]) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([_cell(_one_value(v)) for v in row] for row in rows)
        return out.getvalue()

    nodes = table(
        ["ID", "Label", "Type", "Description", "Aliases", "Mentions", "Docs"],
        (
            [e.id, e.label, e.type, f"{e.type}, {e.mentions} mentions",
             _many_values(e.aliases), e.mentions, _many_values(e.docs)]
            for e in sorted(entities(G), key=lambda e: e.id)
        ),
    )
    edges = table(
        ["ID", "From", "To", "Type", "Direction", "Label", "Weight", "Status", "Citations", "Evidence", "Docs"],
        (
            [f"{e.source}:{e.key}:{e.target}", e.source, e.target, e.type,
             "directed" if e.directed else "undirected", e.label, e.weight, e.status, len(e.citations),
             e.citations[0].sentence if e.citations else "",
             _many_values(titles.get(d, d) for d in _edge_docs(e))]
            for e in _sorted_edges(G)
        ),
    )
    return nodes, edges


def _csv_paths(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    target = Path(path)
    stem = target.name[: -len(".csv")] if target.name.lower().endswith(".csv") else target.name
    return target.with_name(f"{stem}.nodes.csv"), target.with_name(f"{stem}.edges.csv")


def write_csv(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Write ``NAME.nodes.csv`` and ``NAME.edges.csv`` for ``path`` = ``NAME.csv`` (UTF-8, no BOM).

    >>> write_csv(G, "out/graph.csv")  # doctest: +SKIP
    (PosixPath('out/graph.nodes.csv'), PosixPath('out/graph.edges.csv'))
    """
    nodes_path, edges_path = _csv_paths(path)
    nodes, edges = csv_tables(G)
    return atomic_write(nodes_path, nodes), atomic_write(edges_path, edges)


# ---------------------------------------------------------------- FollowTheMoney

#: Entity type -> FtM schema, from the entity vocabulary (``types`` in ``extract/patterns/entities.yml``).
FTM_NODE_SCHEMA: dict[str, str] = {t.name: t.ftm for t in load_vocabulary().entity_types}
#: FollowTheMoney 3 (what Aleph 4 pins) has no ``Territory``: places are ``Address`` entities there.
FTM3_NODE_SCHEMA: dict[str, str] = {t.name: t.ftm3 for t in load_vocabulary().entity_types}
#: FollowTheMoney major versions :func:`ftm_entities` writes for.
FTM_VERSIONS = (3, 4)
#: Relation type -> candidate FtM edge schemata (:class:`~extract.vocabulary.FtmEdge`), tried in order;
#: a candidate fits when both ends' schemata are in its properties' ranges.  ``UnknownLink`` (subject,
#: object: any Thing) is the fallback for everything.  From the relation vocabulary's ``ftm`` entries.
FTM_RELATIONS: dict[str, tuple[FtmEdge, ...]] = {r.name: r.ftm for r in load_vocabulary().relations if r.ftm}
#: Relation type -> Cypher relationship label, from the ``cypher`` entries of the relation vocabulary.
CYPHER_RELATIONS: dict[str, str] = {
    r.name: r.cypher for r in (load_vocabulary().co_mentioned, *load_vocabulary().relations) if r.cypher
}
_FTM_FALLBACK = FtmEdge(schema="UnknownLink", source="subject", target="object", role="role")
_FTM_TEXT_LIMIT = 60_000


def _ftm_model() -> Any:
    try:
        from followthemoney import model
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InputError(
            "the FollowTheMoney export needs the followthemoney package; install it with "
            "'pip install followthemoney'"
        ) from exc
    return model


def _ftm_id(*parts: str) -> str:
    from followthemoney.util import make_entity_id

    return str(make_entity_id("tangle", *parts))


def _node_schema(record: Entity, version: int = 4) -> str:
    schema = (FTM3_NODE_SCHEMA if version == 3 else FTM_NODE_SCHEMA).get(record.type, "LegalEntity")
    kind = load_vocabulary().entity_type(record.type)
    words = set(re.findall(r"\w+", record.label.casefold()))
    return "Company" if kind is not None and words & kind.ftm_company_words else schema


def _evidence(citations: Iterable[Citation], titles: dict[str, str]) -> str:
    lines = []
    for c in citations:
        markers = f" [{', '.join(str(m) for m in c.markers)}]" if c.markers else ""
        lines.append(f"“{c.sentence}” — {titles.get(c.doc, c.doc)}{markers} ({c.status})")
    return "\n\n".join(lines)[:_FTM_TEXT_LIMIT]


def _edge_schema(model: Any, edge: Edge, source: Any, target: Any) -> FtmEdge:
    text = " ".join(c.sentence for c in edge.citations).casefold()
    words = set(re.findall(r"\w+", text))
    for candidate in FTM_RELATIONS.get(edge.type, ()):
        schema = model.get(candidate.schema)
        if candidate.directed and not edge.directed:
            continue
        if candidate.words and not words & candidate.words:
            continue
        if source.is_a(schema.get(candidate.source).range) and target.is_a(schema.get(candidate.target).range):
            return candidate
    return _FTM_FALLBACK


def _list_in_target(edge: Edge, source: Any, target: Any) -> None:
    """List the source in the target's ``ftm_target_list`` property (an Event's ``involved``), where it has one."""
    kind = load_vocabulary().relation(edge.type)
    prop = target.schema.get(kind.ftm_target_list) if kind is not None and kind.ftm_target_list else None
    if prop is not None and source.schema.is_a(prop.range):
        target.add(prop.name, source.id)


def ftm_entities(G: nx.MultiDiGraph, *, version: int = 4) -> list[dict[str, Any]]:
    """FollowTheMoney entities for ``G``: documents, then entities, then one relation entity per edge.

    Every source document becomes a ``Document``; entities and relations
    point at them with ``proof``.  Each edge becomes the best-fitting edge
    schema (:data:`FTM_RELATIONS`, else ``UnknownLink``) carrying the
    evidence: ``summary`` holds each sentence with its document title,
    markers and claim status, ``description`` the relation, status and
    citation count, ``publisher`` the document titles, ``status`` the claim
    status where the schema has one.  Entities involved in an event are also
    listed in the ``Event``'s ``involved``.  Ids are
    ``make_entity_id("tangle", ...)`` of the node id, edge or document, so
    the same graph gives the same ids.  Needs the ``followthemoney`` package.

    ``version=3`` writes what FollowTheMoney 3 (Aleph 4.1) keeps whole:
    places (GPE, LOC) become ``Address`` instead of ``Territory``, and
    relations carry no ``proof`` (FtM 3 has none on relation schemata; the
    documents are still named in ``publisher`` and quoted in ``summary``).

    >>> [e["schema"] for e in ftm_entities(G)][:3]  # doctest: +SKIP
    ['Document', 'Document', 'Document']
    """
    if version not in FTM_VERSIONS:
        raise InputError(f"unknown FollowTheMoney version {version!r}; use 3 (Aleph 4) or 4")
    model = _ftm_model()
    if version == 4 and model.get("Territory") is None:
        raise InputError("FollowTheMoney 4 entities need followthemoney>=4 installed; "
                         "upgrade it or ask for version 3")
    titles = _titles(G)
    infos = {d.id: d for d in documents(G)}
    doc_ids = {doc: _ftm_id("doc", doc, infos[doc].sha256) for doc in infos}
    out: list[Any] = []
    for doc, info in sorted(infos.items()):
        proxy = model.make_entity("Document")
        proxy.id = doc_ids[doc]
        proxy.add("title", info.title)
        proxy.add("fileName", os.path.basename(info.path) or doc)
        out.append(proxy)

    nodes: dict[str, Any] = {}
    for record in sorted(entities(G), key=lambda e: e.id):
        proxy = model.make_entity(_node_schema(record, version))
        proxy.id = _ftm_id("node", record.id)
        label = record.label
        proxy.add("title" if proxy.schema.is_a("Document") else "name", label)
        if proxy.schema.is_a("Document"):
            proxy.add("fileName", label)
        if proxy.schema.name == "Address":
            proxy.add("full", label)
        proxy.add("alias", [a for a in record.aliases if a != label], quiet=True)
        if proxy.schema.name in {"Territory", "Address"}:
            proxy.add("country", label, quiet=True)
        proxy.add("description", f"{record.type}, {record.mentions} mentions (Tangle)")
        proxy.add("proof", [doc_ids[d] for d in record.docs if d in doc_ids])
        nodes[record.id] = proxy

    relations = []
    for edge in _sorted_edges(G):
        citations = edge.citations
        source, target = nodes[edge.source], nodes[edge.target]
        _list_in_target(edge, source, target)
        rule = _edge_schema(model, edge, source.schema, target.schema)
        proxy = model.make_entity(rule.schema)
        proxy.id = _ftm_id("edge", edge.source, edge.target, str(edge.key))
        proxy.add(rule.source, source.id)
        proxy.add(rule.target, target.id)
        label = edge.label
        if rule.role:
            proxy.add(rule.role, label)
        if "status" in proxy.schema.properties:
            proxy.add("status", edge.status)
        proxy.add("description", f"{label} ({edge.status}; {len(citations)} citations; "
                                 f"Tangle relation {edge.type})")
        proxy.add("summary", _evidence(citations, titles))
        docs = _edge_docs(edge)
        proxy.add("publisher", [titles.get(d, d) for d in docs])
        if version == 4:  # FtM 3 would drop it: its relation schemata have no proof
            proxy.add("proof", [doc_ids[d] for d in docs if d in doc_ids])
        relations.append(proxy)
    return [p.to_dict() for p in [*out, *nodes.values(), *relations]]


def write_ftm(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, version: int = 4) -> Path:
    """Write FollowTheMoney entities, one JSON object per line (what ``ftm`` tools and Aleph read).

    ``version=3`` for Aleph 4.x, which runs FollowTheMoney 3 (see :func:`ftm_entities`).

    >>> write_ftm(G, "out/graph.ftm.json")  # then: ftm validate -i out/graph.ftm.json  # doctest: +SKIP
    """
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in ftm_entities(G, version=version)]
    return atomic_write(path, "".join(line + "\n" for line in lines))


# ---------------------------------------------------------------- Cypher (Neo4j, Memgraph, FalkorDB, AGE, Kùzu)

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
    }


def _edge_props(edge: Edge) -> dict[str, Any]:
    return {
        "type": edge.type,
        "label": edge.label,
        "weight": edge.weight,
        "status": edge.status,
        "directed": edge.directed,
        "sentences": [c.sentence for c in edge.citations],
        "docs": _edge_docs(edge),
        "citations": json.dumps([c.to_attrs() for c in edge.citations], ensure_ascii=False, sort_keys=True),
    }


_KUZU_TYPES = {str: "STRING", int: "INT64", bool: "BOOLEAN", list: "STRING[]"}


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
    for edge in _sorted_edges(G):
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
    store no lists of maps).  All values are inline literals escaped by
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


# ---------------------------------------------------------------- the registry


@dataclass(frozen=True)
class Exporter:
    """One export format: its name, the file-name endings that select it and how it is written.

    ``write(G, path, dialect=..., ftm_version=...)`` returns the files it
    wrote; it takes the options of every format and uses its own.
    """

    name: str
    suffixes: tuple[str, ...]
    write: Callable[..., list[Path]]


def _write_html(G: nx.MultiDiGraph, path: str | os.PathLike[str], **_: Any) -> list[Path]:
    from graph.page import write_page  # the page module owns pyvis; imported only when asked for

    return [Path(write_page(G, path))]


#: Every export format, in the order help texts list them; :func:`export` writes through it, and the
#: CLI's choices and help text derive from it.
EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("html", (".html", ".htm"), _write_html),
    Exporter("json", (".json",), lambda G, path, **_: [write_graph(G, path)]),
    Exporter("gexf", (".gexf",), lambda G, path, **_: [write_gexf(G, path)]),
    Exporter("graphml", (".graphml",), lambda G, path, **_: [write_graphml(G, path)]),
    Exporter("csv", (".csv",), lambda G, path, **_: list(write_csv(G, path))),
    Exporter("ftm", (".ftm.json", ".ftm.jsonl", ".ftm"),
             lambda G, path, *, ftm_version=4, **_: [write_ftm(G, path, version=ftm_version)]),
    Exporter("cypher", (".cypher", ".cql"),
             lambda G, path, *, dialect="neo4j", **_: [write_cypher(G, path, dialect=dialect)]),
)}
#: Export formats and the file-name endings that select them (longest ending wins).
FORMATS: dict[str, tuple[str, ...]] = {name: e.suffixes for name, e in EXPORTERS.items()}


def format_names() -> str:
    """The format names for help text: ``"html, json, …, ftm or cypher"``."""
    names = list(EXPORTERS)
    return ", ".join(names[:-1]) + " or " + names[-1]


def format_suffixes() -> str:
    """One file-name ending per format, for help text: ``".html .json … .cypher"``."""
    return " ".join(e.suffixes[0] for e in EXPORTERS.values())


def format_for(path: str | os.PathLike[str]) -> str:
    """The export format a file name asks for (``graph.ftm.json`` -> ``"ftm"``).

    >>> format_for("out/manafort.GEXF")
    'gexf'
    """
    name = Path(path).name.lower()
    endings = sorted(((e, x.name) for x in EXPORTERS.values() for e in x.suffixes), key=lambda x: -len(x[0]))
    for ending, fmt in endings:
        if name.endswith(ending):
            return fmt
    known = ", ".join(e for x in EXPORTERS.values() for e in x.suffixes)
    raise InputError(f"{path}: cannot tell the export format from the file name; end it with one of {known} "
                     "or pass the format explicitly")


def export(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, fmt: str | None = None,
           dialect: Dialect = "neo4j", ftm_version: int = 4) -> list[Path]:
    """Write ``G`` to ``path`` in format ``fmt`` (default: from the file name); returns the files written.

    ``dialect`` is the Cypher dialect (:data:`DIALECTS`), ``ftm_version`` the
    FollowTheMoney major version (3 or 4); each is used by its format only.

    >>> export(G, "out/graph.ftm.json")  # doctest: +SKIP
    [PosixPath('out/graph.ftm.json')]
    """
    exporter = EXPORTERS.get(format_for(path) if fmt is None else fmt.lower())
    if exporter is None:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORTERS)}")
    return exporter.write(G, path, dialect=dialect, ftm_version=ftm_version)

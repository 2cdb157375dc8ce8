"""The graph in the formats other tools load: GEXF, GraphML, CSV, FollowTheMoney, Cypher.

One module per format (``gexf``, ``graphml``, ``csv``, ``ftm``, ``cypher``;
what they share is in ``common``): a builder returns text (or entity dicts),
a ``write_*`` function writes it atomically.  :data:`EXPORTERS` registers
them, and :func:`export` picks one from the file name.  Nothing here changes the graph it is given.

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

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from graph.errors import InputError
from graph.exports.common import LIST_SEPARATOR, flat_graph
from graph.exports.csv import CSV_LIST_SEPARATOR, csv_tables, write_csv
from graph.exports.cypher import (
    AGE_GRAPH,
    CYPHER_RELATIONS,
    DIALECTS,
    Dialect,
    cypher_script,
    cypher_string,
    write_cypher,
)
from graph.exports.ftm import FTM3_NODE_SCHEMA, FTM_NODE_SCHEMA, FTM_RELATIONS, FTM_VERSIONS, ftm_entities, write_ftm
from graph.exports.gexf import gexf_text, write_gexf
from graph.exports.graphml import graphml_text, write_graphml
from graph.io import write_graph

__all__ = [
    "AGE_GRAPH",
    "CSV_LIST_SEPARATOR",
    "CYPHER_RELATIONS",
    "DIALECTS",
    "EXPORTERS",
    "Exporter",
    "FORMATS",
    "FTM3_NODE_SCHEMA",
    "FTM_NODE_SCHEMA",
    "FTM_RELATIONS",
    "FTM_VERSIONS",
    "LIST_SEPARATOR",
    "Dialect",
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


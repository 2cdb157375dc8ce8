"""Reading and writing ``graph.json`` and other files, atomically.

``graph.json`` is ``networkx.node_link_data(G, edges="edges")`` with sorted
keys, so the same graph always gives the same bytes.  Every write goes to a
temporary file in the same folder and is renamed into place: a reader, or a
killed build, never sees half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx

from graph.errors import GraphFileError

__all__ = ["FORMAT_VERSION", "atomic_write", "dumps_graph", "graph_to_data", "load_graph", "write_graph"]

#: Version of the graph.json layout; bumped on incompatible changes.
FORMAT_VERSION = 1


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def graph_to_data(G: nx.MultiDiGraph) -> dict[str, Any]:
    """The node-link form of ``G`` with nodes and edges in a canonical order."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from(sorted(G.nodes(data=True), key=lambda item: item[0]))
    H.add_edges_from(sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])))
    return nx.node_link_data(H, edges="edges")


def dumps_graph(G: nx.MultiDiGraph) -> str:
    """``graph.json`` text for ``G``: deterministic, UTF-8, one trailing newline."""
    return json.dumps(graph_to_data(G), ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def write_graph(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as ``graph.json`` at ``path``, atomically."""
    return atomic_write(path, dumps_graph(G))


def load_graph(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Load a ``graph.json`` written by Tangle.

    >>> G = load_graph("out/graph.json")  # doctest: +SKIP
    >>> G.nodes["vladimir-putin"]["type"]  # doctest: +SKIP
    'PERSON'
    """
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GraphFileError(f"{source}: no such file; build one with 'tangle build DOCS -o OUT'") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GraphFileError(f"{source}: not a readable graph.json ({exc}); rebuild it with 'tangle build'") from exc
    if not isinstance(data, dict) or "nodes" not in data or "edges" not in data:
        raise GraphFileError(f"{source}: not a Tangle graph.json (no nodes/edges); rebuild it with 'tangle build'")
    G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    return G if isinstance(G, nx.MultiDiGraph) else nx.MultiDiGraph(G)

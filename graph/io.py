"""Reading and writing ``graph.json`` and other files, atomically.

``graph.json`` is ``networkx.node_link_data(G, edges="edges")`` with sorted
keys, so the same graph always gives the same bytes.  Every write goes to a
temporary file in the same folder and is renamed into place: a reader, or a
killed build, never sees half a file.
"""

from __future__ import annotations

import json
import math
import os
import stat
import tempfile
from collections.abc import Callable, Hashable, Iterable
from json.encoder import encode_basestring as _string
from operator import itemgetter
from pathlib import Path
from typing import Any

import networkx as nx

from graph.errors import GraphFileError, GraphFormatError
from graph.schema import FORMAT_VERSION, check_graph_data

__all__ = ["FORMAT_VERSION", "atomic_write", "dumps_graph", "graph_to_data", "load_graph", "open_mode", "string_ids",
           "write_graph"]

def open_mode(target: Path) -> int:
    """The mode a plain ``open(target, "w")`` leaves: the file's own if it exists, else 0666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_beside(target: Path, payload: bytes) -> Path:
    """``payload`` in a new temporary file beside ``target``, synced, with the mode a plain ``open()``
    would give ``target`` (``mkstemp``'s 0600 would hide it from a colleague or a web server)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, open_mode(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file (:func:`write_beside`) and a rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = write_beside(target, data.encode("utf-8") if isinstance(data, str) else data)
    try:
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def string_ids(nodes: Iterable[Hashable], *, clean: Callable[[str], str] = str) -> dict[Hashable, str]:
    """Node → a distinct string id, for formats whose ids are text (the page, GEXF, GraphML).

    A node that is already a ``clean`` string keeps itself.  Any other (the
    number ``1`` beside the string ``"1"`` in a hand-edited ``graph.json``, an
    id ``clean`` changed) gets ``clean(str(node))``, with ``~2``, ``~3``, …
    appended while that is taken; the order is deterministic.

    >>> string_ids([1, "1", "a"])
    {'1': '1', 'a': 'a', 1: '1~2'}
    """
    items = list(nodes)
    ids: dict[Hashable, str] = {n: n for n in items if isinstance(n, str) and clean(n) == n}
    used = set(ids.values())
    rest = sorted((n for n in items if n not in ids), key=lambda n: (clean(str(n)), type(n).__name__, repr(n)))
    for node in rest:
        base = candidate = clean(str(node))
        number = 1
        while candidate in used:
            number += 1
            candidate = f"{base}~{number}"
        ids[node] = candidate
        used.add(candidate)
    return ids


def graph_to_data(G: nx.MultiDiGraph) -> dict[str, Any]:
    """The node-link form of ``G`` with nodes and edges in a canonical order.

    The dict ``nx.node_link_data(H, edges="edges")`` gives for a copy ``H`` of
    ``G`` with nodes added sorted by id and edges by (source, target, key),
    built directly: copying a large graph first took longer than the rest.
    """
    nodes = sorted(G.nodes(data=True), key=itemgetter(0))
    first = itemgetter(0)  # sorting each node's few neighbours and keys: one global sort of all edges is slower
    return {
        "directed": True,
        "multigraph": True,
        "graph": dict(G.graph),
        "nodes": [{**attrs, "id": node} for node, attrs in nodes],
        "edges": [
            {**attrs, "source": u, "target": v, "key": key}
            for u, _ in nodes
            for v, keyed in sorted(G.succ[u].items(), key=first)
            for key, attrs in sorted(keyed.items(), key=first)
        ],
    }


class _Unusual(Exception):
    """A value :func:`_encode` leaves to the json module (a subclass, NaN, a non-string key, …)."""


def _encode(value: Any, indent: str, out: list[str]) -> None:
    """Append ``value`` as ``json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)`` would write it.

    The json module only uses its C encoder without ``indent``; its Python
    encoder passes every piece through a chain of generators.  This does the
    same formatting with list appends, for the exact types a graph holds;
    anything else raises :class:`_Unusual` so the caller can fall back.
    """
    kind = type(value)
    if kind is str:
        out.append(_string(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = indent + " "
        separator = "{\n" + inner
        if not all(type(key) is str for key in value):
            raise _Unusual
        for key in sorted(value):
            out.append(separator)
            out.append(_string(key))
            out.append(": ")
            _encode(value[key], inner, out)
            separator = ",\n" + inner
        out.append("\n" + indent + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = indent + " "
        separator = "[\n" + inner
        for item in value:
            out.append(separator)
            _encode(item, inner, out)
            separator = ",\n" + inner
        out.append("\n" + indent + "]")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float and math.isfinite(value):
        out.append(float.__repr__(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    else:
        raise _Unusual


def dumps_graph(G: nx.MultiDiGraph) -> str:
    """``graph.json`` text for ``G``: deterministic, UTF-8, one trailing newline.

    The same text as ``json.dumps(graph_to_data(G), ensure_ascii=False,
    sort_keys=True, indent=1) + "\\n"``, written faster (see :func:`_encode`).
    """
    data = graph_to_data(G)
    out: list[str] = []
    try:
        _encode(data, "", out)
    except _Unusual:
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    out.append("\n")
    return "".join(out)


def write_graph(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as ``graph.json`` at ``path``, atomically."""
    return atomic_write(path, dumps_graph(G))


def load_graph(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Load a ``graph.json`` written by Tangle.

    The file is checked first (:func:`graph.schema.check_graph_data`): a
    format version this Tangle does not read, a missing key or a value of the
    wrong type raises :class:`~graph.errors.GraphFormatError` naming the file
    and the first bad node or edge.

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
    try:
        check_graph_data(data)
    except GraphFormatError as exc:
        raise GraphFormatError(f"{source}: {exc}; rebuild it with 'tangle build'", where=exc.where) from None
    G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    return G if isinstance(G, nx.MultiDiGraph) else nx.MultiDiGraph(G)

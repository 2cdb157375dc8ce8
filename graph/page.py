"""The explorer page: one self-contained, offline ``.html`` file for a Tangle graph.

Everything the page needs is inlined: the vis-network build that pyvis ships,
our stylesheet and script, and the graph itself as JSON inside
``<script type="application/json">``.  Opening the file makes no network
request, and a Content-Security-Policy forbids any: only the two inline
scripts (by hash) may run, so markup smuggled in through document text
cannot execute even if it reached the DOM.  The page script renders
document strings with ``textContent`` only.

This is the only module of :mod:`graph` that touches pyvis, and only to
borrow its copy of vis-network.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.resources
import json
import math
import os
import re
from collections.abc import Hashable
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from extract.vocabulary import load_vocabulary
from graph.errors import InputError
from graph.io import atomic_write, string_ids
from graph.layout import layout
from graph.schema import Edge, documents, edge_of, edge_status, entities

__all__ = ["render_page", "script_json", "show_in_notebook", "write_page"]

#: Graphs with more nodes than this are drawn with physics off, from positions computed here.
LAYOUT_THRESHOLD = 300

#: One colour per entity type, from the vocabulary (``types`` in ``entities.yml``); unknown types take the
#: spare colours in sorted order.
TYPE_COLOURS = {t.name: t.colour for t in load_vocabulary().entity_types}
SPARE_COLOURS = ("#499894", "#d37295", "#a0cbe8", "#ffbe7d", "#86bcb6", "#f1ce63", "#d4a6c8", "#bab0ac")

#: Edge colours by relation type, from the relation vocabulary's ``colour`` entries (co-mentions stay
#: quiet there); unknown types take the spare colours.
RELATION_COLOURS = {r.name: r.colour for r in (load_vocabulary().co_mentioned, *load_vocabulary().relations)
                    if r.colour}

SIZE_BY = ("mentions", "degree")
#: How many review queue items the page carries (highest impact first).
REVIEW_ITEMS = 100

#: Debian's Chromium and the flags that keep it headless and silent on a machine with no network
#: (no background requests, no updates): what the tests, the screenshot and the benchmark launch.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)
TEMPLATES = Path(__file__).with_name("templates")

# Inside <script type="application/json"> these must not appear raw: `<` could open `</script` or `<!--`,
# `>` and `&` are escaped for good measure, U+2028/2029 break older JS parsers, lone surrogates break UTF-8.
_SCRIPT_DATA_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def render_page(
    G: nx.MultiDiGraph,
    *,
    title: str | None = None,
    size_by: str = "mentions",
    layout_threshold: int = LAYOUT_THRESHOLD,
) -> str:
    """The explorer page for ``G`` as one HTML string; ``G`` is not modified.

    Args:
        G: A Tangle graph (see :mod:`graph.io` for the node and edge attributes).
        title: Page title; defaults to "Tangle: N entities".
        size_by: ``"mentions"`` or ``"degree"`` (non-negated relations) sets node size.
        layout_threshold: Above this many nodes, physics is off and the Python layout is final.

    Returns:
        A complete HTML document that makes no network request when opened.

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("ada", label="Ada", type="PERSON", aliases=[], mentions=2, docs=["d1"])
        >>> render_page(G, title="Demo").startswith("<!DOCTYPE html>")
        True
    """
    if size_by not in SIZE_BY:
        raise InputError(f"size_by={size_by!r} is not supported; use one of {', '.join(SIZE_BY)}")
    if layout_threshold < 0:
        raise InputError(f"layout_threshold={layout_threshold!r} must be zero or more")
    page_title = title if title is not None else f"Tangle: {G.number_of_nodes()} entities"
    data = graph_payload(G, size_by=size_by, layout_threshold=layout_threshold)
    data["title"] = page_title
    vis_js, vis_css = _vis_assets()
    page_js = _template("page.js")
    review_js = _template("review.js")
    timeline_js = _template("timeline.js")
    values = {
        "title": html.escape(page_title),
        "csp": _content_security_policy(vis_js, page_js, review_js, timeline_js),
        "vis_css": vis_css,
        "page_css": _template("page.css"),
        "data": script_json(data),
        "vis_js": vis_js,
        "page_js": page_js,
        "review_js": review_js,
        "timeline_js": timeline_js,
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _template("page.html"))


def write_page(G: nx.MultiDiGraph, path: str | os.PathLike[str], **kwargs: Any) -> Path:
    """Write :func:`render_page` output to ``path`` atomically and return the path.

    Example:
        >>> write_page(G, "out/graph.html", size_by="degree")  # doctest: +SKIP
        PosixPath('out/graph.html')
    """
    return atomic_write(path, render_page(G, **kwargs))


def show_in_notebook(G: nx.MultiDiGraph, *, height: int = 700, **kwargs: Any) -> Any:
    """The explorer page as an ``IPython.display.HTML`` iframe; works offline.

    The page goes in the iframe's ``srcdoc`` (HTML-escaped) and the iframe is
    sandboxed: scripts run, but cannot reach the notebook.

    Example:
        >>> show_in_notebook(G, height=500)  # doctest: +SKIP
    """
    from IPython.display import HTML

    if not isinstance(height, int) or height <= 0:
        raise InputError(f"height={height!r} must be a positive number of pixels")
    srcdoc = html.escape(render_page(G, **kwargs), quote=True)
    return HTML(
        f'<div><iframe srcdoc="{srcdoc}" sandbox="allow-scripts allow-downloads" '
        f'style="width: 100%; height: {height}px; border: 1px solid #ddd"></iframe></div>'
    )


def script_json(data: Any) -> str:
    """JSON text that is safe inside ``<script type="application/json">`` and parses back to ``data``.

    Example:
        >>> script_json({"s": "</script>"})
        '{"s":"\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    text = text.translate(_SCRIPT_DATA_ESCAPES)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def graph_payload(G: nx.MultiDiGraph, *, size_by: str = "mentions", layout_threshold: int = LAYOUT_THRESHOLD) -> dict:
    """The plain data the page script draws: nodes with positions and sizes, edges with citations."""
    positions = layout(G, threshold=layout_threshold)
    degree = _plain_degree(G)
    records = sorted(entities(G), key=lambda e: str(e.id))
    measure = {e.id: (degree[e.id] if size_by == "degree" else e.mentions) for e in records}
    biggest = max(measure.values(), default=0)
    ids = string_ids(G.nodes)  # vis-network refuses two nodes whose ids print alike (1 and "1")
    nodes = [
        {
            "id": ids[e.id],
            "label": e.label or str(e.id),
            "type": e.type,
            "aliases": list(e.aliases),
            "mentions": e.mentions,
            "degree": degree[e.id],
            "docs": list(e.docs),
            "x": positions[e.id][0],
            "y": positions[e.id][1],
            "size": round(10 + 30 * math.sqrt(measure[e.id] / biggest), 1) if biggest else 10,
            **_provenance(e),
        }
        for e in records
    ]
    edges = [
        _edge_payload(i, ids[u], ids[v], edge_of(u, v, k, d))
        for i, (u, v, k, d) in enumerate(sorted(G.edges(keys=True, data=True), key=lambda e: tuple(map(str, e[:3]))))
    ]
    types = sorted({n["type"] for n in nodes})
    relations = sorted({e["type"] for e in edges})
    info = G.graph
    return {
        "nodes": nodes,
        "edges": edges,
        "documents": {
            doc.id: {"title": doc.title or doc.id, "path": doc.path} for doc in documents(G)
        },
        "model": info.get("model") or {},
        "tangle": info.get("tangle") or {},
        "styles": {"types": _colours(types, TYPE_COLOURS), "relations": _colours(relations, RELATION_COLOURS)},
        "config": {"physics": len(nodes) <= layout_threshold, "sizeBy": size_by},
        "review": review_payload(G),
    }


def review_payload(G: nx.MultiDiGraph, *, limit: int = REVIEW_ITEMS) -> dict:
    """What the review panel needs: the curation file's rules, the queue, the vocabulary and the types."""
    from extract.curation import TYPES
    from extract.relations import relation_types
    from graph.review import review_queue

    rules = (G.graph.get("curation") or {}).get("rules") or {}
    co = load_vocabulary().co_mentioned
    vocabulary = [{"name": rt.name, "label": rt.label, "directed": rt.directed,
                   "colour": RELATION_COLOURS.get(rt.name, "")} for rt in relation_types(load_vocabulary())]
    return {
        "rules": rules if isinstance(rules, dict) else {},
        "items": [item.to_dict() for item in review_queue(G, limit=limit)],
        "vocabulary": [*vocabulary, {"name": co.name, "label": co.label, "directed": False,
                                     "colour": RELATION_COLOURS.get(co.name, "")}],
        "types": sorted({*TYPES, *(e.type for e in entities(G))}),
        "untyped": co.name,  # the type of a pair only seen together
    }


def _provenance(record: Any) -> dict:
    """``curated`` and the rules behind it, for what a person changed; nothing for the rest."""
    return {"curated": True, "curation": [d.to_attrs() for d in record.curation]} if record.curated else {}


def _edge_payload(index: int, u: str, v: str, edge: Edge) -> dict:
    return {
        "id": f"e{index}",
        "from": u,
        "to": v,
        "type": edge.type,
        "label": edge.label,
        "weight": edge.weight,
        "status": edge.status,
        "directed": edge.directed,
        "citations": [
            {
                "doc": c.doc,
                "sentence": c.sentence,
                "markers": list(c.markers),
                "status": c.status,
                **({"page": c.page} if c.page is not None else {}),
                **({"date": c.date.to_attrs()} if c.date is not None else {}),
            }
            for c in edge.citations
        ],
        **_provenance(edge),
        **({"first": edge.first, "last": edge.last} if edge.first else {}),
    }


def _plain_degree(G: nx.MultiDiGraph) -> dict[Hashable, int]:
    """Number of non-negated relations at each node (a negated claim is not a link)."""
    degree = dict.fromkeys(G.nodes, 0)
    for u, v, d in G.edges(data=True):
        if edge_status(d) != "negated":
            degree[u] += 1
            degree[v] += 1
    return degree


def _colours(names: list[str], known: dict[str, str]) -> dict[str, str]:
    spare = iter(SPARE_COLOURS * (1 + len(names) // len(SPARE_COLOURS)))
    return {name: known.get(name) or next(spare) for name in names}


@cache
def _template(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet as shipped inside the pyvis package."""
    folder = importlib.resources.files("pyvis") / "lib" / "vis-9.1.2"
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise InputError("the vis-network files in pyvis cannot be inlined safely; reinstall pyvis>=0.3.2")
    return js, css


def _content_security_policy(*scripts: str) -> str:
    """Allow exactly our inline scripts, inline styles and data: images; forbid every request."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode('utf-8')).digest()).decode('ascii')}'" for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; "
        "base-uri 'none'; form-action 'none'"
    )

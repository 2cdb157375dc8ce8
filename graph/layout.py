"""Deterministic node positions for the explorer page.

Positions are computed in Python so that a big graph is drawn at once, with
the browser's physics switched off.  Each connected component is laid out on
its own and the components are packed in rows, biggest first:

* small components get ``networkx.spring_layout`` with a fixed seed;
* big ones get pivot MDS (Brandes & Pich, 2006): breadth-first distances
  from a few far-apart pivot nodes, reduced to two dimensions by an SVD.
  It needs only numpy and costs ``pivots`` BFS runs, so 5,000 nodes and
  20,000 edges take well under a second.

Negated edges do not pull their ends together: a claim that two entities
are *not* linked should not place them side by side.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

from graph.schema import edge_status

__all__ = ["layout", "pivot_mds"]

#: Components up to this size use ``spring_layout`` when the graph is big.
SMALL_COMPONENT = 50
#: networkx's dense spring solver is used below 500 nodes; above it needs scipy.
SPRING_LIMIT = 499


def layout(
    G: nx.MultiDiGraph,
    *,
    threshold: int = 300,
    seed: int = 7,
    spacing: float = 60.0,
) -> dict[Hashable, tuple[float, float]]:
    """Positions in pixels for every node of ``G``; the same graph always gives the same positions.

    Args:
        G: A Tangle graph (non-negated edges attract, negated ones are ignored).
        threshold: Graphs with at most this many nodes get ``spring_layout`` for every
            component; bigger graphs use it only for components of up to 50 nodes.
        seed: Seed of the spring layout and of the jitter that separates coincident nodes.
        spacing: Typical distance between neighbouring nodes, in pixels.

    Example:
        >>> G = nx.MultiDiGraph([("a", "b", "met_with")])
        >>> sorted(layout(G))
        ['a', 'b']
    """
    H = _skeleton(G)
    spring_max = min(SPRING_LIMIT, threshold if len(H) <= threshold else SMALL_COMPONENT)
    components = sorted((sorted(c, key=str) for c in nx.connected_components(H)), key=lambda c: (-len(c), str(c[0])))
    placed = [(c, _component_positions(H.subgraph(c), c, spring_max=spring_max, seed=seed)) for c in components]
    return _pack(placed, spacing)


def pivot_mds(H: nx.Graph, nodes: list[Hashable], *, pivots: int = 32) -> np.ndarray:
    """Two-dimensional pivot MDS of the connected graph ``H``; rows follow ``nodes``.

    Pivots are chosen farthest-first from the node of highest degree, so the
    result is deterministic.  Column signs are fixed (largest entry positive).

    Example:
        >>> pivot_mds(nx.path_graph(4), [0, 1, 2, 3]).shape
        (4, 2)
    """
    index = {node: i for i, node in enumerate(nodes)}
    neighbours = [[index[m] for m in H[node]] for node in nodes]
    k = min(pivots, len(nodes))
    distances = np.empty((len(nodes), k))
    nearest = np.full(len(nodes), np.inf)
    current = max(range(len(nodes)), key=lambda i: len(neighbours[i]))
    for j in range(k):
        distances[:, j] = _bfs_hops(neighbours, current)
        nearest = np.minimum(nearest, distances[:, j])
        current = int(np.argmax(nearest))
    squared = distances**2
    centred = -0.5 * (squared - squared.mean(axis=0) - squared.mean(axis=1)[:, None] + squared.mean())
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    coords = np.zeros((len(nodes), 2))
    dims = min(2, s.size)
    coords[:, :dims] = u[:, :dims] * s[:dims]
    for col in range(2):
        if coords[np.argmax(np.abs(coords[:, col])), col] < 0:
            coords[:, col] *= -1
    return coords


def _bfs_hops(neighbours: list[list[int]], source: int) -> list[int]:
    """Hop counts from ``source`` in a connected graph given as adjacency lists."""
    hops = [-1] * len(neighbours)
    hops[source] = 0
    frontier = [source]
    while frontier:
        following = []
        for i in frontier:
            for j in neighbours[i]:
                if hops[j] < 0:
                    hops[j] = hops[i] + 1
                    following.append(j)
        frontier = following
    return hops


def _skeleton(G: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph of all nodes and the non-negated links, in sorted order."""
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes, key=str))
    links = ((u, v) for u, v, d in G.edges(data=True) if u != v and edge_status(d) != "negated")
    H.add_edges_from(sorted(links, key=lambda e: (str(e[0]), str(e[1]))))
    return H


def _component_positions(H: nx.Graph, nodes: list[Hashable], *, spring_max: int, seed: int) -> np.ndarray:
    """Centred positions of one component, scaled so its RMS radius grows like sqrt(size)."""
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    if n <= spring_max:
        pos = nx.spring_layout(H, seed=seed)
        coords = np.array([pos[v] for v in nodes], dtype=float)
    else:
        coords = pivot_mds(H, nodes)
        scale = np.sqrt((coords**2).sum(axis=1).mean()) or 1.0
        # Nodes with the same distances to every pivot coincide; a seeded jitter sets them apart.
        coords = coords / scale + np.random.default_rng(seed).normal(scale=0.6 / np.sqrt(n), size=coords.shape)
    coords -= coords.mean(axis=0)
    rms = np.sqrt((coords**2).sum(axis=1).mean()) or 1.0
    return coords / rms * 0.55 * np.sqrt(n)


def _pack(placed: list[tuple[list[Hashable], np.ndarray]], spacing: float) -> dict[Hashable, tuple[float, float]]:
    """Place components left to right in rows of roughly square total extent."""
    boxes = [(coords.min(axis=0), coords.max(axis=0)) for _, coords in placed]
    area = sum(float(np.prod(hi - lo + 1.5)) for lo, hi in boxes)
    row_width = max(np.sqrt(area) * 1.2, 1.0)
    positions: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for (nodes, coords), (lo, hi) in zip(placed, boxes, strict=True):
        width, height = hi - lo + 1.5
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        shifted = (coords - lo + [x, y]) * spacing
        positions.update(
            (node, (round(float(px), 1), round(float(py), 1))) for node, (px, py) in zip(nodes, shifted, strict=True)
        )
        x += width
        row_height = max(row_height, height)
    if positions:
        points = np.array(list(positions.values()))
        cx, cy = (points.min(axis=0) + points.max(axis=0)) / 2
        positions = {n: (round(px - cx, 1), round(py - cy, 1)) for n, (px, py) in positions.items()}
    return positions

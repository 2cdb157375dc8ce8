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

Given communities (:func:`communities`), links across two communities are
left out of the layout: each community (each connected part of it) is laid
out on its own, like a component, and they are packed side by side, so the
first picture shows the groups and no hub pulls everything into one ball.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

from graph.schema import edge_status, edge_weight

__all__ = ["communities", "layout", "pivot_mds", "separate"]

#: Components up to this size use ``spring_layout`` when the graph is big.
SMALL_COMPONENT = 50
#: networkx's dense spring solver is used below 500 nodes; above it needs scipy.
SPRING_LIMIT = 499
#: RMS radius of a community's layout, in typical distances per square root of its size.
GROUP_SPREAD = 0.7
#: Communities are found by Louvain among this many entities at most (the first of ``order``); the rest
#: join the community of the entity they are most strongly linked to among those listed before them.
COMMUNITY_CORE = 1000


def layout(
    G: nx.MultiDiGraph,
    *,
    threshold: int = 300,
    seed: int = 7,
    spacing: float = 60.0,
    groups: dict[Hashable, int] | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """Positions in pixels for every node of ``G``; the same graph always gives the same positions.

    Args:
        G: A Tangle graph (non-negated edges attract, negated ones are ignored).
        threshold: Graphs with at most this many nodes get ``spring_layout`` for every
            component; bigger graphs use it only for components of up to 50 nodes.
        seed: Seed of the spring layout and of the jitter that separates coincident nodes.
        spacing: Typical distance between neighbouring nodes, in pixels.
        groups: A community number per node (see :func:`communities`): each community is laid out on
            its own (links across communities are ignored) and they are packed in rows, biggest first.

    Example:
        >>> G = nx.MultiDiGraph([("a", "b", "met_with")])
        >>> sorted(layout(G))
        ['a', 'b']
    """
    H = _skeleton(G)
    spring_max = min(SPRING_LIMIT, threshold if len(H) <= threshold else SMALL_COMPONENT)
    units = _units(H, groups)
    if groups is None:
        packed, around, A = units, [], H
    else:  # a community member or two, linked (maybe by a denial) only across, goes beside what it is linked to
        A = _all_links(G, H)
        packed, around = _split_strays(units, A)
    # a community's hub sits among many labels: its unit gets more room than a plain component
    spread = 0.55 if groups is None else GROUP_SPREAD
    placed = [
        (u, _component_positions(_induced(H, u), u, spring_max=spring_max, seed=seed, spread=spread)) for u in packed
    ]
    positions = _pack(placed, spacing)
    return _beside(A, around, positions, spacing) if around else positions


def _units(H: nx.Graph, groups: dict[Hashable, int] | None) -> list[list[Hashable]]:
    """The parts laid out on their own, biggest first, each in id order: the connected components of
    ``H``, or with ``groups`` the connected parts of each community (links across do not hold one)."""
    if groups is None:
        parts = nx.connected_components(H)
    else:
        inside = H.copy()
        inside.remove_edges_from([(u, v) for u, v in H.edges if groups.get(u) != groups.get(v)])
        parts = nx.connected_components(inside)
    return sorted((sorted(u, key=str) for u in parts), key=lambda u: (-len(u), str(u[0])))


def _all_links(G: nx.MultiDiGraph, H: nx.Graph) -> nx.Graph:
    """Every node of ``H`` and every link of ``G`` between two nodes, negated ones included."""
    A = nx.Graph((u, v) for u, v in G.edges() if u != v)
    A.add_nodes_from(H)
    return A


def _induced(H: nx.Graph, nodes: list[Hashable]) -> nx.Graph:
    """The subgraph of ``H`` on ``nodes``: its nodes in the order of ``nodes``, its links in ``H``'s order.

    ``H.subgraph`` lists the nodes of a small subgraph in the order of a set, which changes with
    ``PYTHONHASHSEED``; the spring layout and pivot MDS follow the order they are given, so the page
    would change from one run to the next.
    """
    members = set(nodes)
    S = nx.Graph()
    S.add_nodes_from(nodes)
    S.add_edges_from((u, v) for u, v in H.edges(nodes) if v in members)
    return S


def _split_strays(units: list[list[Hashable]], A: nx.Graph) -> tuple[list[list[Hashable]], list[list[Hashable]]]:
    """The units to pack, and the strays: units of one or two nodes linked in ``A`` outside themselves."""
    def stray(unit: list[Hashable]) -> bool:
        return len(unit) <= 2 and any(v not in unit for n in unit for v in A[n])

    return [u for u in units if not stray(u)], [u for u in units if stray(u)]


def separate(
    positions: dict[Hashable, tuple[float, float]],
    boxes: dict[Hashable, tuple[float, float, float, float]],
    *,
    order: list[Hashable] | None = None,
    gap: float = 4.0,
) -> dict[Hashable, tuple[float, float]]:
    """Move nodes the least until no two of their boxes (a dot and its label) overlap; the same input
    always gives the same positions.

    Nodes are placed one by one in ``order``: each where the layout put it if its box is free there, else
    at the nearest free spot (tried outwards on a sunflower spiral).  The first nodes (the hubs, when
    ``order`` puts the most connected first) keep their places, and the entities crowded around a hub
    are spread around it, so a cluster takes room in proportion to how many labels it holds.

    Args:
        positions: A position per node (pixels), as :func:`layout` gives.
        boxes: Per node, the box drawn around it relative to its position: ``(left, top, right, bottom)``,
            e.g. ``(-40, -8, 40, 26)`` for a dot of radius 8 with a label 80 wide under it.  A node
            without a box is a point.
        order: The nodes in the order they are placed (default: the order of ``positions``); nodes of
            ``positions`` missing from it come last.
        gap: Space kept between two boxes, in pixels.

    Returns:
        New positions, rounded to 0.1 pixel; ``positions`` is not changed.

    Example:
        >>> moved = separate({"a": (0, 0), "b": (5, 0)}, {"a": (-10, -5, 10, 5), "b": (-10, -5, 10, 5)})
        >>> moved["a"], abs(moved["b"][0]) >= 24 or abs(moved["b"][1]) >= 14
        ((0.0, 0.0), True)
    """
    first = [n for n in (order or ()) if n in positions]
    nodes = list(dict.fromkeys([*first, *positions]))
    placed = np.empty((len(nodes), 4))  # left, top, right, bottom of the boxes placed so far
    moved: dict[Hashable, tuple[float, float]] = {}
    step = gap + 2.0
    for i, node in enumerate(nodes):
        box = np.array(boxes.get(node, (0.0, 0.0, 0.0, 0.0)), dtype=float) + [-gap / 2, -gap / 2, gap / 2, gap / 2]
        x, y = _free_spot(np.array(positions[node], dtype=float), box, placed[:i], step)
        placed[i] = box + [x, y, x, y]
        moved[node] = (round(float(x), 1), round(float(y), 1))
    return {n: moved[n] for n in positions}


#: Offsets tried around a node's place, nearest first: a sunflower spiral, one point per unit of area.
_SPIRAL = np.array([(np.sqrt(k) * np.cos(k * 2.39996), np.sqrt(k) * np.sin(k * 2.39996)) for k in range(4096)])


def _free_spot(at: np.ndarray, box: np.ndarray, placed: np.ndarray, step: float) -> np.ndarray:
    """The point nearest ``at`` (on a spiral of spacing ``step``) where ``box`` overlaps none of ``placed``."""
    if not len(placed):
        return at
    scale = step
    while True:
        for start in range(0, len(_SPIRAL), 256):
            spots = at + _SPIRAL[start:start + 256] * scale
            reach = _SPIRAL[min(start + 255, len(_SPIRAL) - 1)] * scale
            radius = float(np.hypot(*reach)) + float(np.abs(box).max())
            near = placed[
                (placed[:, 2] > at[0] - radius + box[0] - 1) & (placed[:, 0] < at[0] + radius + box[2] + 1)
                & (placed[:, 3] > at[1] - radius + box[1] - 1) & (placed[:, 1] < at[1] + radius + box[3] + 1)
            ]
            left, top = spots[:, :1] + box[0], spots[:, 1:] + box[1]
            right, bottom = spots[:, :1] + box[2], spots[:, 1:] + box[3]
            clash = (left < near[:, 2]) & (right > near[:, 0]) & (top < near[:, 3]) & (bottom > near[:, 1])
            free = np.flatnonzero(~clash.any(axis=1))
            if free.size:
                return spots[free[0]]
        scale *= 4  # crowded beyond the spiral's reach: try again with wider steps


def _beside(
    H: nx.Graph, units: list[list[Hashable]], positions: dict[Hashable, tuple[float, float]], spacing: float
) -> dict[Hashable, tuple[float, float]]:
    """Place each small unit around its most connected neighbour already placed (a sunflower per anchor)."""
    placed = dict(positions)
    count: dict[Hashable, int] = {}
    pending = list(units)
    while pending:
        waiting = []
        for unit in pending:
            anchors = [v for n in unit for v in H[n] if v in placed and v not in unit]
            if not anchors:
                waiting.append(unit)
                continue
            anchor = max(anchors, key=lambda v: (H.degree(v), str(v)))
            for node in unit:
                k = count[anchor] = count.get(anchor, 0) + 1
                radius = spacing * (1.2 + 0.45 * np.sqrt(k))
                ax, ay = placed[anchor]
                angle = k * 2.39996  # the golden angle: no two of one anchor's sunflower coincide
                placed[node] = (round(ax + radius * np.cos(angle), 1), round(ay + radius * np.sin(angle), 1))
        if len(waiting) == len(pending):  # linked only to each other: packed below everything else
            bottom = max((y for _, y in placed.values()), default=0.0)
            for i, node in enumerate(n for unit in waiting for n in unit):
                placed[node] = (round(i * spacing, 1), round(bottom + 2 * spacing, 1))
            break
        pending = waiting
    return placed


def communities(G: nx.MultiDiGraph, order: list[Hashable] | None = None, *, seed: int = 7) -> dict[Hashable, int]:
    """A community number for every node: 0 for the biggest community, 1 for the next, and so on.

    Louvain (networkx, fixed ``seed``, links weighted by citations, negated links left out) on the
    first :data:`COMMUNITY_CORE` nodes of ``order`` (default: all nodes, sorted); each later node joins
    the community of the node listed before it that it has the most citations with, or starts its own.
    The same graph always gives the same numbers.

    Example:
        >>> G = nx.MultiDiGraph([("a", "b", "met_with"), ("c", "d", "met_with")])
        >>> communities(G) == {"a": 0, "b": 0, "c": 1, "d": 1}
        True
    """
    nodes = list(order) if order is not None else sorted(G.nodes, key=str)
    core = nodes[:COMMUNITY_CORE]
    strength = _link_strength(G)
    group = _louvain_groups(core, strength, seed=seed)
    return _join_strongest_earlier(group, nodes, len(core), strength) if len(nodes) > len(core) else group


def _link_strength(G: nx.MultiDiGraph) -> dict[tuple[Hashable, Hashable], int]:
    """The citations (at least 1 a relation) of the non-negated relations between each pair of nodes."""
    strength: dict[tuple[Hashable, Hashable], int] = {}
    for u, v, d in G.edges(data=True):
        if u != v and edge_status(d) != "negated":
            pair = (u, v) if str(u) <= str(v) else (v, u)
            strength[pair] = strength.get(pair, 0) + max(edge_weight(d), 1)
    return strength


def _louvain_groups(
    core: list[Hashable], strength: dict[tuple[Hashable, Hashable], int], *, seed: int
) -> dict[Hashable, int]:
    """Louvain communities of the ``core`` nodes, each lone node its own, numbered biggest first."""
    H = nx.Graph()
    H.add_nodes_from(core)
    inside = set(core)
    H.add_weighted_edges_from(
        sorted((u, v, w) for (u, v), w in strength.items() if u in inside and v in inside)
    )
    found = nx.community.louvain_communities(H, weight="weight", seed=seed) if H.number_of_edges() else []
    found = [set(c) for c in found] + [{n} for n in core if not any(n in c for c in found)]
    found.sort(key=lambda c: (-len(c), min(str(n) for n in c)))
    return {n: i for i, c in enumerate(found) for n in c}


def _join_strongest_earlier(
    group: dict[Hashable, int], nodes: list[Hashable], core: int, strength: dict[tuple[Hashable, Hashable], int]
) -> dict[Hashable, int]:
    """``group`` and each node after the first ``core`` of ``nodes``: in the group of the node listed before
    it that it is most strongly linked to, or in a new group of its own."""
    partner = _strongest_earlier(nodes, strength)
    group = dict(group)
    following = len(set(group.values()))
    for n in nodes[core:]:
        if partner.get(n) in group:
            group[n] = group[partner[n]]
        else:
            group[n] = following
            following += 1
    return group


def _strongest_earlier(
    nodes: list[Hashable], strength: dict[tuple[Hashable, Hashable], int]
) -> dict[Hashable, Hashable]:
    """For each node, the node listed before it in ``nodes`` that it has the most citations with (ties: the
    earliest)."""
    position = {n: i for i, n in enumerate(nodes)}
    best: dict[Hashable, tuple[int, int, Hashable]] = {}
    for (u, v), w in strength.items():
        for a, b in ((u, v), (v, u)):
            if position[b] < position[a]:
                candidate = (w, -position[b], b)
                if a not in best or candidate > best[a]:
                    best[a] = candidate
    return {a: b for a, (_, _, b) in best.items()}


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


def _component_positions(
    H: nx.Graph, nodes: list[Hashable], *, spring_max: int, seed: int, spread: float = 0.55
) -> np.ndarray:
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
    return coords / rms * spread * np.sqrt(n)


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

"""graph/layout.py: deterministic positions, components and communities laid out apart, Louvain communities,
and overlap removal of dots and their labels (separate)."""

from __future__ import annotations

import itertools
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from graph import layout as layout_module
from graph.layout import communities, layout, pivot_mds, separate
from graph.schema import Citation, Edge, add_edge

ROOT = Path(__file__).resolve().parents[2]


def _link(G: nx.MultiDiGraph, u: str, v: str, *, status: str = "asserted", citations: int = 1) -> None:
    cites = tuple(Citation("d", f"{u} and {v} ({i}).", 0, 10, (), status) for i in range(citations))
    add_edge(G, Edge(u, v, "met_with", directed=False, citations=cites))


def clusters(sizes: list[int], *, bridges: int = 0) -> nx.MultiDiGraph:
    """Dense clusters of the given sizes (ids ``c<cluster>-<member>``), chained by ``bridges`` weak links."""
    G = nx.MultiDiGraph()
    for c, size in enumerate(sizes):
        members = [f"c{c}-{i}" for i in range(size)]
        G.add_nodes_from(members)
        for i, u in enumerate(members):
            for v in members[i + 1:]:
                _link(G, u, v, citations=3)
    for c in range(min(bridges, len(sizes) - 1)):
        _link(G, f"c{c}-0", f"c{c + 1}-0")
    return G


SHOW = """
import json, sys
sys.path.insert(0, {root!r})
from tests.graph.test_layout import clusters
from graph.layout import communities, layout
G = clusters([3, 4, 5, 6], bridges=2)
groups = communities(G)
print(json.dumps([sorted(layout(G).items()), sorted(layout(G, groups=groups).items()), sorted(groups.items())]))
"""


def test_positions_do_not_depend_on_the_hash_seed():
    """Sets iterate in an order that changes with PYTHONHASHSEED; the layout must not follow it."""
    runs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", SHOW.format(root=str(ROOT))], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=120, check=True)
        runs.add(done.stdout)
    assert len(runs) == 1


def test_every_node_is_placed_and_the_same_graph_gives_the_same_positions():
    G = clusters([3, 4, 5, 6], bridges=2)
    G.add_node("alone")
    positions = layout(G)
    assert sorted(positions) == sorted(G) and positions == layout(G)
    assert all(isinstance(x, float) and isinstance(y, float) for x, y in positions.values())
    assert len(set(positions.values())) == len(positions)  # no two nodes on one spot


def test_a_negated_link_does_not_hold_two_entities_together():
    G = nx.MultiDiGraph()
    _link(G, "a", "b")
    _link(G, "c", "d", status="negated")
    H = layout_module._skeleton(G)
    assert set(H.edges) == {("a", "b")} and set(H) == {"a", "b", "c", "d"}


def test_big_components_use_pivot_mds_and_stay_deterministic():
    G = nx.MultiDiGraph()
    for u, v in nx.grid_2d_graph(12, 12).edges:
        _link(G, f"{u[0]}-{u[1]}", f"{v[0]}-{v[1]}")
    positions = layout(G, threshold=10)  # 144 nodes > 50: pivot MDS, not the spring layout
    assert positions == layout(G, threshold=10) and len(set(positions.values())) == len(positions)
    corners = [positions[n] for n in ("0-0", "0-11", "11-0", "11-11")]
    centre = positions["6-6"]
    assert all(np.hypot(x - centre[0], y - centre[1]) > 200 for x, y in corners)  # the grid is spread out


def test_pivot_mds_keeps_distances_in_order():
    coords = pivot_mds(nx.path_graph(6), list(range(6)))
    distance = [float(np.linalg.norm(coords[i] - coords[0])) for i in range(6)]
    assert distance == sorted(distance) and coords.shape == (6, 2)


def test_communities_are_laid_out_apart_and_a_stray_sits_beside_its_anchor():
    G = clusters([5, 5], bridges=1)
    _link(G, "stray", "c0-2")
    groups = {n: 0 if n.startswith("c0") else 1 for n in G}
    groups["stray"] = 2
    positions = layout(G, groups=groups)
    centre = {c: np.mean([positions[f"c{c}-{i}"] for i in range(5)], axis=0) for c in (0, 1)}
    spread = max(np.linalg.norm(np.subtract(positions[f"c0-{i}"], centre[0])) for i in range(5))
    assert np.linalg.norm(centre[0] - centre[1]) > spread  # the bridge does not pull the groups into one
    anchor = np.array(positions["c0-2"])
    assert np.linalg.norm(np.array(positions["stray"]) - anchor) < 2 * 60  # within two spacings of its anchor


def test_communities_number_the_biggest_first_and_ignore_denials():
    G = clusters([3, 5], bridges=0)
    for u in ("c0-0", "c0-1", "c0-2"):
        _link(G, u, "c1-0", status="negated", citations=9)
    groups = communities(G)
    assert {groups[f"c1-{i}"] for i in range(5)} == {0} and {groups[f"c0-{i}"] for i in range(3)} == {1}
    assert communities(G) == groups


def test_nodes_beyond_the_core_join_their_strongest_earlier_partner(monkeypatch):
    monkeypatch.setattr(layout_module, "COMMUNITY_CORE", 6)
    G = clusters([3, 3])
    _link(G, "late-a", "c1-0", citations=5)
    _link(G, "late-a", "c0-0", citations=1)
    _link(G, "late-b", "late-a", citations=2)
    G.add_node("late-c")
    order = [*(f"c{c}-{i}" for c in (0, 1) for i in range(3)), "late-a", "late-b", "late-c"]
    groups = communities(G, order)
    assert groups["late-a"] == groups["c1-0"] != groups["c0-0"]
    assert groups["late-b"] == groups["late-a"]  # joined through a node itself beyond the core
    assert groups["late-c"] == 2  # linked to nothing before it: a community of its own


@pytest.mark.parametrize("sizes", [[1], [2], [1, 1, 2]])
def test_tiny_graphs_get_fixed_shapes(sizes):
    G = clusters(sizes)
    positions = layout(G)
    assert sorted(positions) == sorted(G)
    assert json.dumps(positions) == json.dumps(layout(G))


# ---------- separate: no two boxes (a dot and its label) overlap ----------

Box = tuple[float, float, float, float]


def overlapping(positions: dict[str, tuple[float, float]], boxes: dict[str, Box]) -> list[tuple[str, str]]:
    def placed(n: str) -> Box:
        (x, y), (left, top, right, bottom) = positions[n], boxes[n]
        return x + left, y + top, x + right, y + bottom

    pairs = []
    for a, b in itertools.combinations(positions, 2):
        (l1, t1, r1, b1), (l2, t2, r2, b2) = placed(a), placed(b)
        if min(r1, r2) - max(l1, l2) > 0.2 and min(b1, b2) - max(t1, t2) > 0.2:  # 0.2: rounding to 0.1 px
            pairs.append((a, b))
    return pairs


def crowd(seed: int, n: int = 200) -> tuple[dict[str, tuple[float, float]], dict[str, Box]]:
    """A hub with ``n`` entities crowded around it, their labels 30 to 150 pixels wide."""
    rng = random.Random(seed)
    positions = {"hub": (0.0, 0.0)} | {f"n{i}": (rng.gauss(0, 60), rng.gauss(0, 60)) for i in range(n)}
    boxes = {"hub": (-60.0, -30.0, 60.0, 50.0)}
    for i in range(n):
        half = rng.uniform(15, 75)
        boxes[f"n{i}"] = (-half, -8.0, half, 26.0)
    return positions, boxes


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_two_boxes_overlap_after_separation(seed: int) -> None:
    positions, boxes = crowd(seed)
    assert len(overlapping(positions, boxes)) > 100
    moved = separate(positions, boxes, order=["hub"])
    assert overlapping(moved, boxes) == []


def test_the_first_in_order_keep_their_places_and_the_input_is_untouched() -> None:
    positions, boxes = crowd(1)
    before = dict(positions)
    moved = separate(positions, boxes, order=["hub", "n0"])
    assert moved["hub"] == (0.0, 0.0)
    assert moved["n0"] == (round(positions["n0"][0], 1), round(positions["n0"][1], 1))  # free beside the hub
    assert positions == before and list(moved) == list(positions)


def test_entities_move_only_as_far_as_they_must() -> None:
    positions = {"a": (0.0, 0.0), "b": (500.0, 0.0), "c": (10.0, 0.0)}
    boxes = {n: (-20.0, -10.0, 20.0, 10.0) for n in positions}
    moved = separate(positions, boxes, gap=4)
    assert moved["a"] == (0.0, 0.0) and moved["b"] == (500.0, 0.0)  # already free
    assert overlapping(moved, boxes) == []
    assert abs(moved["c"][0]) <= 50 and abs(moved["c"][1]) <= 30  # next to "a", not far away


def test_same_input_same_positions() -> None:
    positions, boxes = crowd(2)
    assert separate(positions, boxes) == separate(dict(positions), dict(boxes))


def test_nodes_without_a_box_are_points_kept_a_gap_apart() -> None:
    moved = separate({"a": (0.0, 0.0), "b": (0.0, 0.0)}, {}, gap=4)
    assert moved["a"] == (0.0, 0.0) and max(abs(moved["b"][0]), abs(moved["b"][1])) >= 4
    assert separate({}, {}) == {}

"""Fixtures for graph tests: a small hand-built graph with hostile text, and a headless browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import networkx as nx
import pytest

from graph.schema import Citation, Edge, add_edge
from tests.browser import CHROMIUM, launch_chromium

#: Strings a document could contain that must never run or render as markup.
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "<img src=x onerror=window.__pwned=1>",
    "<!-- <script>window.__pwned=2</script>",
    "\u2028\u2029 & \"quotes\" 'single' `back`",
]


def _citation(doc: str, sentence: str, status: str = "asserted", markers: tuple[int, ...] = (1,)) -> Citation:
    return Citation(doc, sentence, 0, len(sentence), markers, status)


def _add(G: nx.MultiDiGraph, u: str, v: str, kind: str, citations: list[Citation], directed: bool = True) -> None:
    add_edge(G, Edge(u, v, kind, directed=directed, citations=tuple(citations)))


@pytest.fixture
def hostile() -> list[str]:
    """Strings a document could contain that must never run or render as markup."""
    return list(HOSTILE)


@pytest.fixture
def page_graph() -> nx.MultiDiGraph:
    """Eight entities of five types; a negated, a reported and a double (two-type) relation; hostile text."""
    G = nx.MultiDiGraph()
    G.graph.update(
        {
            "tangle": {"version": "0.1.0", "format": 1},
            "model": {"name": "en_core_web_sm", "version": "3.8.0"},
            "documents": [
                {"id": "d1", "title": "Field notes", "path": "notes.txt", "sha256": "0" * 64},
                {"id": "d2", "title": HOSTILE[1], "path": "<script>alert(3)</script>.txt", "sha256": "1" * 64},
            ],
        }
    )
    people = {
        "ada-lovelace": ("Ada Lovelace", "PERSON", ["Ada", "Countess of Lovelace"], 5),
        "charles-babbage": ("Charles Babbage", "PERSON", ["Babbage"], 4),
        "analytical-society": ("Analytical Society", "ORG", [], 2),
        "london": ("London", "GPE", ["Londinium"], 3),
        "royal-society": ("Royal Society", "ORG", [], 1),
        "hostile-entity": (HOSTILE[3], "PERSON", [HOSTILE[0], HOSTILE[2]], 1),
        "great-exhibition": ("Great Exhibition", "EVENT", [], 1),
        "difference-engine": ("Difference Engine", "PRODUCT", ["Engine No. 1"], 2),
    }
    for node, (label, kind, aliases, mentions) in people.items():
        G.add_node(node, label=label, type=kind, aliases=sorted(aliases), mentions=mentions, docs=["d1", "d2"])
    _add(
        G,
        "ada-lovelace",
        "charles-babbage",
        "met_with",
        [
            _citation("d1", "Ada Lovelace met Charles Babbage in 1833.", markers=(1, 2)),
            _citation("d2", "They met again at a soirée.", status="reported"),
        ],
        directed=False,
    )
    _add(G, "ada-lovelace", "charles-babbage", "praised", [_citation("d1", "Lovelace praised Babbage's engine.")])
    _add(
        G,
        "charles-babbage",
        "analytical-society",
        "member_of",
        [_citation("d1", "Babbage was a founder of the Analytical Society.")],
    )
    _add(
        G,
        "charles-babbage",
        "royal-society",
        "member_of",
        [_citation("d2", "Babbage was said to be a fellow of the Royal Society.", status="reported")],
    )
    _add(
        G,
        "ada-lovelace",
        "royal-society",
        "member_of",
        [_citation("d1", "Lovelace was not a member of the Royal Society.", status="negated")],
    )
    _add(G, "charles-babbage", "london", "located_in", [_citation("d1", "Babbage lived in London.")])
    _add(
        G,
        "hostile-entity",
        "london",
        "criticized",
        [_citation("d2", HOSTILE[0] + " " + HOSTILE[4]), _citation("d2", HOSTILE[1] + HOSTILE[5])],
    )
    _add(
        G,
        "difference-engine",
        "great-exhibition",
        "participated_in",
        [_citation("d1", "The Difference Engine was shown at the Great Exhibition.")],
    )
    _add(
        G,
        "charles-babbage",
        "difference-engine",
        "co_mentioned",
        [_citation("d1", "Babbage and his Engine.")],
        directed=False,
    )
    return G


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian chromium through playwright; skipped outside CI when either is missing."""
    missing = None
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        missing = f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "the playwright package is not installed (pip install playwright; no browser download needed)"
    if missing:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"browser tests must run in CI but {missing}")
        pytest.skip(missing)
    with sync_playwright() as p:
        instance = launch_chromium(p)
        yield instance
        instance.close()

"""Shared fixtures: the real spaCy pipeline and a build of the sample corpus, each made once."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def nlp():
    from extract.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory, nlp) -> Path:
    """``tangle build data/`` into a temporary folder (graph.json and, when the page exists, graph.html)."""
    from graph.build import build

    out = tmp_path_factory.mktemp("sample")
    build([DATA], out, nlp=nlp, page=_page_available())
    return out


def _page_available() -> bool:
    try:
        import graph.page  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="session")
def sample_graph(sample_out):
    from graph.io import load_graph

    return load_graph(sample_out / "graph.json")

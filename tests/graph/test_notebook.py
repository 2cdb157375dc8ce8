"""notebooks/explore.ipynb: committed clean, and it runs top to bottom."""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def test_notebook_is_committed_without_outputs():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)


def _needs(module: str, name: str) -> None:
    try:
        found = hasattr(importlib.import_module(module), name)
    except ImportError:
        found = False
    if not found:
        pytest.skip(f"the notebook calls {module}.{name}, which is not on this branch yet")


def _run_notebook(tmp_path, monkeypatch, **parameters):
    """Execute the notebook in ``tmp_path`` with ``parameters`` set after its parameters cell, as papermill does."""
    _needs("graph.build", "build_graph")
    _needs("graph.page", "show_in_notebook")
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    (tmp_path / "data").symlink_to(ROOT / "data")  # the notebook builds data/ and writes out/ here, not in the repo
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    where = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    if parameters:
        assignments = "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
        nb.cells.insert(where + 1, nbformat.v4.new_code_cell(assignments))
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.slow
def test_notebook_runs_on_the_sample_and_explains_a_path(tmp_path, monkeypatch):
    printed = _run_notebook(tmp_path, monkeypatch)
    assert "All three entities are in this graph." in printed
    assert "Jared Kushner" in printed and "Vladimir Putin" in printed
    assert (tmp_path / "out" / "paul-manafort.gexf").exists()


def _generated_graph(path: Path) -> None:
    """A graph.json with none of the sample's names: a hub, a chain off it and a pair apart."""
    import networkx as nx

    from graph.io import write_graph

    G = nx.MultiDiGraph(tangle={"version": "0.1.0", "format": 1}, model={"name": "none", "version": "0"},
                        documents=[{"id": "g1", "title": "Generated", "path": "g1.txt", "sha256": "0" * 64}])
    names = ["Orla Vint", "Pell Atrium", "Quade Mosse", "Rhee Tolland", "Sable Ince", "Tarn Ulloway", "Uma Veck"]
    for i, name in enumerate(names):
        G.add_node(f"e{i}", label=name, type="PERSON" if i % 2 else "ORG", aliases=[], mentions=10 - i, docs=["g1"])
    for u, v in [("e0", "e1"), ("e0", "e2"), ("e0", "e3"), ("e0", "e4"), ("e4", "e5"), ("e1", "e2"), ("e6", "e5")]:
        sentence = f"{G.nodes[u]['label']} met {G.nodes[v]['label']}."
        G.add_edge(u, v, key="met_with", type="met_with", label="met with", directed=False, weight=1,
                   status="asserted", citations=[{"doc": "g1", "sentence": sentence, "start": 0,
                                                  "end": len(sentence), "markers": [], "status": "asserted"}])
    write_graph(G, path)


@pytest.mark.slow
def test_notebook_runs_on_another_graph_and_says_which_entities_it_picked(tmp_path, monkeypatch):
    _generated_graph(tmp_path / "mine.json")
    printed = _run_notebook(tmp_path, monkeypatch, GRAPH_FILE=str(tmp_path / "mine.json"), OUT_DIR=str(tmp_path / "x"))
    assert "'Paul Manafort' is not in this graph; using 'Orla Vint', the most connected entity left (4 linked)" \
        in printed
    assert "'Jared Kushner' is not in this graph; using 'Pell Atrium'" in printed
    assert "'Vladimir Putin' is not in this graph; using 'Quade Mosse'" in printed
    assert "Pell Atrium" in printed and "Quade Mosse" in printed
    assert (tmp_path / "x" / "e0.gexf").exists()

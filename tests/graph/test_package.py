import subprocess
import sys

import graph


def test_every_public_name_resolves():
    for name in graph.__all__:
        assert getattr(graph, name) is not None, name


def test_import_graph_is_cheap():
    code = ("import sys, graph; "
            "heavy = [m for m in ('pandas', 'pyvis', 'typer', 'spacy') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_extract_never_imports_graph_networkx_pyvis_or_typer():
    from pathlib import Path

    for path in Path(__file__).resolve().parents[2].joinpath("extract").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for banned in ("import graph", "from graph", "import networkx", "import pyvis", "import typer"):
            assert banned not in text, f"{path.name}: {banned}"

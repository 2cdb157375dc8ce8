"""The graph side of Tangle: build, load, query, tabulate, export and draw cited entity graphs.

``graph`` knows networkx; only :mod:`graph.page` touches pyvis (for its copy of
vis-network) and only :mod:`graph.cli` imports typer.  The public names below
are imported on first use, so ``import graph`` stays cheap (pandas and spaCy
load only when a function that needs them is called).

Example:
    >>> import graph
    >>> G = graph.load_graph("out/graph.json")  # doctest: +SKIP
    >>> graph.ego(G, "Manafort", hops=2)  # doctest: +SKIP
"""

from __future__ import annotations

import importlib.util
from importlib import import_module
from pathlib import Path
from typing import Any

#: The distribution that installs the import packages ``extract`` and ``graph`` and the ``tangle`` command.
DISTRIBUTION = "tangle-graph"
#: Tangle's top-level import packages, installed side by side.
PACKAGES = ("extract", "graph")


def _check_extract() -> None:
    """Refuse to run beside an ``extract`` that is not Tangle's (the unrelated "Extract" distribution on the
    package index installs one; so does a stray ``extract.py`` in the working folder)."""
    spec = importlib.util.find_spec("extract")
    here = Path(__file__).resolve().parent.parent
    origin = Path(spec.origin).resolve() if spec is not None and spec.origin else None
    if origin is None or origin.parent.parent != here or not (origin.parent / "patterns").is_dir():
        found = origin if origin is not None else "nothing"
        raise ImportError(f"Tangle's 'extract' package should be in {here}, but 'import extract' finds {found}; "
                          f"another package named 'extract' shadows it: uninstall it or rename the file, then "
                          f"reinstall {DISTRIBUTION}")


_check_extract()

_EXPORTS = {
    "build": "graph.build", "build_graph": "graph.build", "BuildReport": "graph.build",
    "BuildOptions": "graph.build", "Engine": "graph.build",
    "load_graph": "graph.io", "write_graph": "graph.io", "dumps_graph": "graph.io",
    "ego": "graph.query", "find_entity": "graph.query", "filter_graph": "graph.query",
    "shortest_paths": "graph.query", "links_of": "graph.query",
    "entities_frame": "graph.tables", "relations_frame": "graph.tables", "citations_frame": "graph.tables",
    "graph_from_frames": "graph.tables",
    "export": "graph.exports",
    "render_page": "graph.page", "write_page": "graph.page", "show_in_notebook": "graph.page",
    "evaluate": "graph.evaluate", "load_gold": "graph.evaluate",
    "entity_text": "graph.report", "path_text": "graph.report",
    "TangleError": "graph.errors", "EntityNotFound": "graph.errors", "OutputError": "graph.errors",
    "GraphFileError": "graph.errors", "GraphFormatError": "graph.errors",
    "Entity": "graph.schema", "Edge": "graph.schema", "Citation": "graph.schema", "DocumentInfo": "graph.schema",
    "terminal_safe": "graph.report", "write_outputs": "graph.output",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)


def __dir__() -> list[str]:
    return __all__

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


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parents[2]


def test_the_distribution_has_a_name_of_its_own():
    """"tangle" on the package index is an unrelated project: ours is graph.DISTRIBUTION."""
    import tomllib

    project = tomllib.loads((_root() / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == graph.DISTRIBUTION != "tangle"
    assert project["scripts"] == {"tangle": "graph.cli:main"}


def test_no_installed_distribution_shadows_or_is_shadowed_by_tangle():
    """Beside every package installed here (spaCy, pandas, networkx, Jupyter, Dask, …), only Tangle provides
    ``extract`` and ``graph``, and neither is a standard-library module."""
    from importlib.metadata import distributions

    root = _root()
    providers = {}
    for dist in distributions():
        if dist.locate_file("") == root:  # this checkout's own build metadata (*.egg-info)
            continue
        tops = set((dist.read_text("top_level.txt") or "").split())
        tops |= {f.parts[0] for f in dist.files or () if len(f.parts) > 1 and f.parts[1] == "__init__.py"}
        for package in set(graph.PACKAGES) & tops:
            providers.setdefault(package, set()).add(dist.metadata["Name"])
    assert all(names <= {graph.DISTRIBUTION} for names in providers.values()), providers
    assert not set(graph.PACKAGES) & set(sys.stdlib_module_names)


def test_a_stray_extract_module_is_refused_with_one_clear_line(tmp_path):
    """An ``extract`` that is not Tangle's (the index's "Extract" distribution, a file in the working folder)."""
    (tmp_path / "extract.py").write_text("print('not tangle')\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", "import graph"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        f"ImportError: Tangle's 'extract' package should be in {_root()}, but 'import extract' finds "
        f"{tmp_path / 'extract.py'}; another package named 'extract' shadows it: uninstall it or rename the file, "
        f"then reinstall {graph.DISTRIBUTION}")

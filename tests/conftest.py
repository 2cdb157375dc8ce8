"""Shared fixtures: the real spaCy pipeline and a build of the sample corpus, each made once.

How the suite is laid out:

* ``tests/extract/`` and ``tests/graph/`` mirror the packages: ``test_<module>.py`` tests one module
  (its functions, and the command that shows them where it has one): ``tests/graph/exports/test_<format>.py``
  one export format each, ``tests/graph/test_cli.py`` the command line's helpers.
* The files at this level are end-to-end scenarios, apart: ``test_cli*.py`` run the ``tangle`` commands
  through typer's runner (exit codes, ``Error:`` lines, what each command writes), ``test_e2e.py``
  builds ``data/`` with the real model and keeps its scores, ``test_scale.py``, ``test_corpus_people.py``,
  ``test_readme.py``, ``test_makefile.py`` and ``test_property_profile.py`` check whole runs.
* ``tests/consumers/`` loads the exports into the tools that read them (``.ci/run`` installs those).
* Helpers live beside the tests, never in the library: ``fixture_files.py`` (files the tests make),
  ``browser.py`` (Debian's Chromium for page tests and benchmarks), ``graph/fixtures_export.py`` (a small
  hand-built graph with hostile text) and ``graph/conftest.py`` (the page fixtures).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

#: Property tests in CI are derandomised (the same examples on every run) and keep no example database,
#: so a run cannot fail because of an earlier one; locally they search at random and remember failures.
#: Hypothesis applies its own CI settings whenever ``CI`` is set at all (even ``CI=false``); both profiles
#: here start from its plain defaults instead, so the choice is ours alone.
_PLAIN = settings.get_profile("default")
settings.register_profile("ci", _PLAIN, derandomize=True, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", _PLAIN, print_blob=True)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev"))

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

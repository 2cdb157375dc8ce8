"""``tangle build --curation``: relation decisions re-applied, provenance in graph.json, stale rules listed."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graph.cli import app
from tests.conftest import DATA

runner = CliRunner()
pytestmark = pytest.mark.slow


def _build(tmp_path, curation: str, name: str = "out"):
    rules = tmp_path / f"{name}.yml"
    rules.write_text(curation, encoding="utf-8")
    out = tmp_path / name
    result = runner.invoke(app, ["build", str(DATA), "-o", str(out), "--no-page", "--curation", str(rules)])
    assert result.exit_code == 0, result.output
    return result.output, json.loads((out / "graph.json").read_text(encoding="utf-8"))


def _edges(data):
    return {(e["source"], e["target"], e["key"]): e for e in data["edges"]}


def test_decisions_change_graph_json_and_mark_what_they_changed(tmp_path):
    output, data = _build(tmp_path, "merge: [[Mueller, Erik Prince]]\n"
                                    "relations:\n"
                                    "  - reject: [Donald Trump, met_with, Russia]\n"
                                    "  - retype: [Donald Trump, co_mentioned, Kremlin]\n"
                                    "    to: criticized\n")
    edges = _edges(data)
    assert ("donald-trump", "russia", "met_with") not in edges
    assert ("donald-trump", "kremlin", "co_mentioned") not in edges
    typed = edges[("donald-trump", "kremlin", "criticized")]
    assert typed["curated"] is True
    assert typed["curation"] == [{"action": "retype", "names": ["Donald Trump", "co_mentioned", "Kremlin"],
                                  "to": "criticized"}]
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["mueller"]["curated"] is True
    assert nodes["mueller"]["curation"] == [{"action": "merge", "names": ["Mueller", "Erik Prince"]}]
    assert "curated" not in nodes["vladimir-putin"]
    assert not any("curated" in e for k, e in edges.items() if k[2] == "praised")
    assert data["graph"]["curation"]["rules"]["relations"][0] == {"reject": ["Donald Trump", "met_with", "Russia"]}
    assert data["graph"]["curation"]["stale"] == []
    assert "no longer appl" not in output


def test_stale_decisions_are_listed_in_the_summary_and_the_build_goes_on(tmp_path):
    output, data = _build(tmp_path, "ignore: [Nobody Here]\n"
                                    "relations:\n"
                                    "  - reject: [Donald Trump, met_with, Atlantis]\n"
                                    "  - confirm: [Donald Trump, funded, Russia]\n"
                                    "  - reject: [Donald Trump, praised, Vladimir Putin]\n")
    lines = output.splitlines()
    start = lines.index("curation: 3 corrections no longer apply:")
    assert lines[start + 1:start + 4] == [
        "  ignore 'Nobody Here': no entity named 'Nobody Here'",
        "  reject 'Donald Trump' met_with 'Atlantis': no entity named 'Atlantis'",
        "  confirm 'Donald Trump' funded 'Russia': no funded relation between 'Donald Trump' and 'Russia'",
    ]
    assert ("donald-trump", "vladimir-putin", "praised") not in _edges(data)
    assert len(data["graph"]["curation"]["stale"]) == 3


def test_a_graph_built_without_curation_has_no_provenance_keys(tmp_path):
    out = tmp_path / "plain"
    assert runner.invoke(app, ["build", str(DATA), "-o", str(out), "--no-page"]).exit_code == 0
    text = (out / "graph.json").read_text(encoding="utf-8")
    assert '"curated"' not in text and '"curation"' not in text

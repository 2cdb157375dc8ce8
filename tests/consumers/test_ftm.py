"""FollowTheMoney exports validated by ``ftm validate`` of FtM 3.5.9 (Aleph 4.1.6) and of FtM 4: nothing dropped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.exports import export, ftm_entities
from tests.consumers.conftest import FTM3_VENV
from tests.graph.fixtures_export import HOSTILE, TRICKY, dated_curated_graph, hostile_graph


def _validate(ftm: Path, path: Path) -> list[dict]:
    """Run ``ftm validate`` and return what it wrote; it drops what its model does not know."""
    out = path.with_suffix(".validated.json")
    result = subprocess.run([str(ftm), "validate", "-i", str(path), "-o", str(out)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _same(written: list[dict], validated: list[dict]) -> None:
    assert [e["id"] for e in validated] == [e["id"] for e in written]
    for before, after in zip(written, validated, strict=True):
        assert (after["schema"], after["properties"]) == (before["schema"], before["properties"]), before["id"]


def _ftm3() -> Path:
    ftm = FTM3_VENV / "bin" / "ftm"
    if not ftm.exists():
        pytest.skip(f"no followthemoney 3.5.9 venv at {FTM3_VENV} (.ci/run makes it; or set TANGLE_FTM3_VENV)")
    return ftm


def test_ftm3_export_validates_whole_in_followthemoney_3_5_9(tmp_path):
    ftm = _ftm3()
    version = subprocess.run([str(FTM3_VENV / "bin" / "python"), "-c",
                              "import importlib.metadata as m; print(m.version('followthemoney'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert version == "3.5.9"
    path = export(hostile_graph(), tmp_path / "g.ftm.json", ftm_version=3)[0]
    written = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    _same(written, _validate(ftm, path))
    schemata = {e["schema"] for e in written}
    assert "Territory" not in schemata and "Address" in schemata
    entities = [e for e in written if e["schema"] in {"Person", "Company", "Organization", "Address", "Event"}]
    assert all(e["properties"]["proof"] for e in entities)
    # FtM's own text cleaning drops the escape character and the line separator; the rest comes through.
    assert any(HOSTILE.split("\x1b")[0] in s for e in written for s in e["properties"].get("summary", []))
    assert any(n.startswith(TRICKY.split("\n")[0]) for e in written for n in e["properties"].get("name", []))


def test_ftm4_export_fails_in_followthemoney_3_as_the_issue_saw(tmp_path):
    """The check can fail: FtM 3 rejects the FtM 4 file (no Territory schema)."""
    ftm = _ftm3()
    path = export(hostile_graph(), tmp_path / "g.ftm.json", ftm_version=4)[0]
    result = subprocess.run([str(ftm), "validate", "-i", str(path), "-o", str(tmp_path / "out.json")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and "No schema for entity" in result.stderr


@pytest.mark.parametrize("version", [3, 4])
def test_both_versions_validate_whole_in_followthemoney_4(tmp_path, version):
    pytest.importorskip("followthemoney")
    ftm = Path(sys.executable).parent / "ftm"
    path = export(hostile_graph(), tmp_path / "g.ftm.json", ftm_version=version)[0]
    written = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    _same(written, _validate(ftm, path))
    relations = [e for e in written if "summary" in e["properties"]]
    assert relations and all(("proof" in e["properties"]) == (version == 4) for e in relations)


def test_ftm_version_is_checked():
    from graph.errors import InputError

    with pytest.raises(InputError, match=r"^unknown FollowTheMoney version 5; use 3 \(Aleph 4\) or 4$"):
        ftm_entities(hostile_graph(), version=5)


def test_dates_and_curation_validate_whole_in_followthemoney_3_5_9(tmp_path):
    path = export(dated_curated_graph(), tmp_path / "g.ftm.json", ftm_version=3)[0]
    written = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    _same(written, _validate(_ftm3(), path))
    assert any("startDate" in e["properties"] for e in written)
    assert any(e["schema"] == "Document" and "date" in e["properties"] for e in written)


@pytest.mark.parametrize("version", [3, 4])
def test_dates_and_curation_validate_whole_in_followthemoney_4(tmp_path, version):
    pytest.importorskip("followthemoney")
    path = export(dated_curated_graph(), tmp_path / "g.ftm.json", ftm_version=version)[0]
    written = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    _same(written, _validate(Path(sys.executable).parent / "ftm", path))
    assert any("endDate" in e["properties"] for e in written)
    assert any(s.startswith("Curated by an analyst: ") for e in written for s in e["properties"].get("summary", []))

"""`make demo` installs the runtime only; `make test` adds the test extras on top (dry runs, nothing installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _dry_run(target: str, venv: Path) -> list[str]:
    done = subprocess.run(["make", "-n", target, f"VENV={venv}"], cwd=ROOT, capture_output=True, text=True,
                          check=True, timeout=60)
    return [line for line in done.stdout.splitlines() if "pip install" in line]


def test_demo_on_a_fresh_machine_installs_no_test_extras(tmp_path):
    installs = _dry_run("demo", tmp_path / "venv")
    assert installs and installs[-1].endswith("pip install --quiet -e .")
    assert not any("[test]" in line for line in installs)


def test_test_after_demo_only_adds_the_extras(tmp_path):
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / ".installed-runtime").touch()
    assert _dry_run("test", venv) == [f"{venv}/bin/python -m pip install --quiet -e '.[test]'"]


def test_demo_after_test_installs_nothing(tmp_path):
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / ".installed-runtime").touch()
    (venv / ".installed-test").touch()
    assert _dry_run("demo", venv) == []

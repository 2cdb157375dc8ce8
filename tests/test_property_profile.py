"""Property tests are deterministic in CI: derandomised, no example database carried between runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHOW = ("import tests.conftest; from hypothesis import settings; s = settings.default; "
        "print(s.derandomize, s.database is None, s.print_blob)")


def _profile(ci: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "HYPOTHESIS_PROFILE"}}
    if ci is not None:
        env["CI"] = ci
    done = subprocess.run([sys.executable, "-c", SHOW], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True, timeout=120)
    return done.stdout.strip()


@pytest.mark.parametrize("ci", ["true", "1"])
def test_ci_profile_is_derandomised_without_a_database(ci):
    assert _profile(ci) == "True True True"


@pytest.mark.parametrize("ci", [None, "false"])
def test_local_profile_searches_at_random_and_remembers(ci):
    assert _profile(ci) == "False False True"

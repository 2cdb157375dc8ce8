"""Where the consumers that cannot live in the project's own venv are found (installed by ``.ci/run``)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: A throwaway venv with followthemoney 3.5.9 (what Aleph 4.1.6 pins).
FTM3_VENV = Path(os.environ.get("TANGLE_FTM3_VENV", ROOT / ".consumers" / "ftm3"))
#: A Python >= 3.12 venv with falkordblite (it does not install on 3.11).
FALKOR_VENV = Path(os.environ.get("TANGLE_FALKOR_VENV", ROOT / ".consumers" / "falkordb"))
#: npm packages (graphology, graphology-gexf, graphology-graphml) from tests/consumers/package-lock.json.
NODE_MODULES = Path(__file__).parent / "node_modules"

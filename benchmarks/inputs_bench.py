"""How reading hostile inputs grows: HTML conversion time by size, and peak memory of oversized rows.

Run from the repository root:

    python benchmarks/inputs_bench.py                        # HTML at 5k, 10k, 20k elements; rows of 100 MB
    python benchmarks/inputs_bench.py --sizes 5000,10000,20000,40000 --runs 3 --row-mb 100,1000

Rows:

* ``html deep`` / ``flat`` / ``unclosed '<a'``: ``html_to_text`` on ``N`` nested ``<div>``, ``N`` sibling
  ``<p>``, ``N`` unclosed ``<a`` (median of ``--runs``); time growing as the size does means linear growth;
* ``peak memory``: a fresh process reads a ``.csv`` / ``.jsonl`` whose one row holds an ``M`` MB field,
  and a sparse (all-NUL) ``.csv`` of ``M`` MB, with the default limits; its own ``VmHWM`` (Linux).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import median_seconds  # noqa: E402

from extract.formats import html_to_text  # noqa: E402
from tests.fixture_files import html_nested, write_big_field  # noqa: E402

CHILD = """
import sys
sys.path.insert(0, {root!r})
from extract.documents import iter_documents
errors = []
docs = list(iter_documents([{path!r}], on_error=errors.append))
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print(int(line.split()[1]) // 1024, len(docs), len(errors), max((len(str(e)) for e in errors), default=0))
"""


def html_rows(sizes: list[int], runs: int) -> list[tuple[str, str, str, str]]:
    rows = []
    kinds = (("deep", html_nested), ("flat", lambda n: "<p>Flat text.</p>" * n), ("unclosed '<a'", lambda n: "<a" * n))
    for kind, make in kinds:
        previous: tuple[float, int] | None = None
        for size in sizes:
            markup = make(size)
            seconds = median_seconds(lambda m=markup, d=size + 1: html_to_text(m, max_depth=d), runs)
            growth = f"{seconds / previous[0]:.2f}× time for {size / previous[1]:.1f}× size" if previous else "—"
            rows.append((f"html {kind}", f"{size:,} elements ({len(markup) / 1e6:.2f} MB)", f"{seconds:.2f} s",
                         growth))
            previous = (seconds, size)
    return rows


def memory_rows(megabytes: list[int]) -> list[tuple[str, str, str, str]]:
    rows = []
    root = str(Path(__file__).resolve().parent.parent)
    with tempfile.TemporaryDirectory() as folder:
        for size in megabytes:
            cases = {}
            for suffix in (".csv", ".jsonl"):
                cases[f"one {size:,} MB field ({suffix})"] = write_big_field(Path(folder) / f"big{suffix}",
                                                                             megabytes=size)
            sparse = Path(folder) / "sparse.csv"
            with sparse.open("wb") as out:
                out.truncate(size * 1_000_000)
            cases[f"sparse {size:,} MB (.csv)"] = sparse
            for name, path in cases.items():
                started = time.perf_counter()
                out = subprocess.run([sys.executable, "-c", CHILD.format(root=root, path=str(path))],
                                     capture_output=True, text=True, check=True).stdout.split()
                seconds = time.perf_counter() - started
                peak, docs, errors, longest = (int(v) for v in out)
                rows.append(("peak memory", name, f"{peak:,} MB, {seconds:.1f} s",
                             f"{docs} read, {errors} skipped, longest message {longest} chars"))
                path.unlink()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5000,10000,20000", help="HTML element counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--row-mb", default="100", help="field sizes in MB for the memory rows, comma-separated")
    args = parser.parse_args()
    rows = html_rows([int(s) for s in args.sizes.split(",")], args.runs)
    rows += memory_rows([int(s) for s in args.row_mb.split(",")])
    print("| measure | input | result | note |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

"""Query and graph.json micro benchmark on synthetic graphs (section 6 of run.py, without the NLP parts).

    python benchmarks/queries.py                          # 1k, 10k and 100k nodes, medians of 5
    python benchmarks/queries.py --sizes 10000 --repeat 3

Prints a markdown table: ego network (2 hops), shortest path and graph.json
write times, each the median of ``--repeat`` runs.  The graphs come from
``synthetic_graph`` in ``benchmarks/run.py``.  Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import median_seconds, sizes, synthetic_graph  # noqa: E402


def row(size: int, repeat: int) -> str:
    from graph.io import write_graph
    from graph.query import ego, shortest_paths

    G = synthetic_graph(size)
    ego_s = median_seconds(lambda: ego(G, "e1", hops=2), repeat)
    path_s = median_seconds(lambda: shortest_paths(G, "e1", f"e{size // 2}"), repeat)
    with tempfile.TemporaryDirectory() as tmp:
        json_s = median_seconds(lambda: write_graph(G, Path(tmp) / "graph.json"), repeat)
    return f"| {size:,} | {G.number_of_edges():,} | {ego_s * 1000:.1f} | {path_s * 1000:.1f} | {json_s:.2f} |"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=sizes, default=[1000, 10_000, 100_000], help="node counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions per timing (median)")
    args = parser.parse_args(argv)
    print("| nodes | edges | ego 2 hops (ms) | shortest path (ms) | graph.json write (s) |")
    print("|---|---|---|---|---|")
    for size in args.sizes:
        print(row(size, args.repeat), flush=True)


if __name__ == "__main__":
    main()

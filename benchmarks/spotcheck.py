"""Draw typed edges at random from a built graph, with their sentences, for a person to judge.

    .venv/bin/python benchmarks/spotcheck.py OUT/graph.json [--n 50] [--seed 12]

Prints the share of ``co_mentioned`` edges, then ``n`` typed edges drawn with a
fixed seed (the same graph gives the same draw), each with its type, status and
first citation sentence.  The judging is done by reading; the count goes in
``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    data = json.loads(args.graph.read_text(encoding="utf-8"))
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    edges = data["edges"]
    typed = sorted((e for e in edges if e["type"] != "co_mentioned"),
                   key=lambda e: (e["source"], e["target"], e["type"]))
    print(f"edges: {len(edges)}, co_mentioned: {len(edges) - len(typed)} "
          f"({(len(edges) - len(typed)) / max(len(edges), 1):.0%}), typed: {len(typed)}")
    for number, e in enumerate(random.Random(args.seed).sample(typed, min(args.n, len(typed))), 1):
        sentence = " ".join(e["citations"][0]["sentence"].split())
        print(f"{number}. {labels[e['source']]} {e['type']} {labels[e['target']]} [{e['status']}]\n   {sentence}")


if __name__ == "__main__":
    main()

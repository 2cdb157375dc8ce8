"""NER on CoNLL-2003 gold: the bare model next to Tangle's extraction stage, in one run.

    .venv/bin/python benchmarks/conll.py [--file eng.testb.iob2] [--limit N]

Prints a markdown table of exact-span precision/recall/F1 by type.  Reads
../shared/corpus/conll2003 (never copied into the repository).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import spacy

from extract.conll import read_conll, score_bare, score_tangle
from extract.pipeline import DEFAULT_MODELS, load_pipeline

CONLL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "conll2003"


def bare_pipeline():
    for name in DEFAULT_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    sys.exit("no en_core_web_sm pipeline installed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=str(CONLL / "eng.testb.iob2"))
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    args = parser.parse_args()
    if not Path(args.file).exists():
        sys.exit(f"{args.file}: not found; the CoNLL corpus lives in ../shared/corpus/conll2003")
    docs = list(read_conll(args.file, limit=args.limit))
    spans = sum(len(d.spans) for d in docs)
    rows = []
    for name, scorer, nlp in (("bare en_core_web_sm", score_bare, bare_pipeline()),
                              ("Tangle extraction", score_tangle, load_pipeline())):
        started = time.perf_counter()
        score = scorer(docs, nlp)
        rows.append((name, score, time.perf_counter() - started))
    print(f"{Path(args.file).name}: {len(docs)} documents, {spans} gold entities; exact spans\n")
    print("| pipeline | P | R | F1 | PER F1 | LOC F1 | ORG F1 | MISC F1 | seconds |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, score, seconds in rows:
        p, r, f = score.overall()
        by = " | ".join(f"{score.by_type(t)[2]:.3f}" for t in ("PER", "LOC", "ORG", "MISC"))
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {by} | {seconds:.1f} |")


if __name__ == "__main__":
    main()

"""The date gold: are the dates Tangle gives claims right (precision), and how many does it give (recall)?

    .venv/bin/python benchmarks/dategold.py [--show] [--candidates NAME]

``benchmarks/dategold/gold.json`` names excerpts of ``../shared/corpus``
(cut at run time: no corpus text is kept in the repository), each with the
document date a build would have, and the claims read in them by hand: a
short quote of the sentence, two words naming the two entities, and the
interval the sentence gives that claim (``null`` when it gives none a reader
can know).  Each excerpt is built on its own with that date; a claim's answer
is the date on the citation of the sentence on an edge between the two
entities.  Precision is right dates over dates given; recall is right dates
over claims the gold dates.  ``--candidates NAME`` lists an excerpt's
sentences with date words and the entity pairs Tangle links there, to write
gold from (the expected dates are read from the sentence, not from Tangle).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOLD = ROOT / "benchmarks" / "dategold" / "gold.json"

from benchmarks.devgold import CORPUS, excerpt  # noqa: E402


def build(name: str, spec: dict[str, Any], nlp):
    from extract.documents import make_document
    from graph.build import build_graph

    doc = make_document(excerpt(spec), path=f"{name}.txt", doc_id=name, date=spec.get("date"),
                        date_source="gold" if spec.get("date") else None, url=row_url(spec))
    return build_graph([doc], nlp=nlp)


def row_url(spec: dict[str, Any]) -> str | None:
    """The ``url`` field of a gold document that is a JSONL row (a build reads it by default), else None."""
    if "id" not in spec:
        return None
    with (CORPUS / spec["source"]).open(encoding="utf-8") as rows:
        for line in rows:
            row = json.loads(line)
            if str(row.get("id")) == spec["id"]:
                return row.get("url") if isinstance(row.get("url"), str) else None
    return None


def _names(G, node) -> list[str]:
    attrs = G.nodes[node]
    return [attrs.get("label", "")] + list(attrs.get("aliases", []))


def answer(G, claim: dict[str, Any]) -> tuple[bool, dict[str, Any] | None]:
    """Whether a citation of the claim's sentence links its two entities, and the date on it."""
    a, b = (word.lower() for word in claim["between"])
    found, dates = False, []
    for u, v, attrs in G.edges(data=True):
        nu, nv = " ".join(_names(G, u)).lower(), " ".join(_names(G, v)).lower()
        if not ((a in nu and b in nv) or (a in nv and b in nu)):
            continue
        for citation in attrs.get("citations", []):
            if claim["quote"] in citation["sentence"]:
                found = True
                if citation.get("date"):
                    dates.append(citation["date"])
    typed = [d for d in dates]
    return found, (typed[0] if typed else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every claim that is not right")
    parser.add_argument("--candidates", metavar="NAME", help="list an excerpt's dated sentences and linked pairs")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is not there; the date gold needs ../shared/corpus")
    from extract.pipeline import load_pipeline

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    nlp = load_pipeline()
    if args.candidates:
        candidates(build(args.candidates, gold["documents"][args.candidates], nlp))
        return
    given = right = dated = linked = 0
    rows = []
    for name, spec in gold["documents"].items():
        G = build(name, spec, nlp)
        claims = [c for c in gold["claims"] if c["doc"] == name]
        d_given = d_right = d_dated = 0
        for claim in claims:
            found, date = answer(G, claim)
            expected = claim["date"]
            linked += found
            d_dated += expected is not None
            if date is not None:
                d_given += 1
                ok = expected is not None and [date["start"], date["end"]] == expected
                d_right += ok
            else:
                ok = expected is None
            if args.show and not ok:
                got = [date["start"], date["end"], date["words"]] if date else ("no link" if not found else None)
                print(f"  {name}: {claim['quote']!r} {claim['between']}: gave {got}, expected {expected}")
        rows.append((name, spec["kind"], len(claims), d_dated, d_given, d_right))
        given, right, dated = given + d_given, right + d_right, dated + d_dated
    print("| excerpt | kind | claims | dated in gold | dates given | right |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(str(x) for x in row) + " |")
    total = len(gold["claims"])
    print(f"| **total** | | {total} | {dated} | {given} | {right} |")
    precision = right / given if given else 0.0
    recall = right / dated if dated else 0.0
    print(f"\nprecision {precision:.2f} ({right} of {given}), recall {recall:.2f} ({right} of {dated}); "
          f"{linked} of {total} claims linked by Tangle")


def candidates(G) -> None:
    pattern = re.compile(r"\b(?:1[89]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|"
                         r"October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Monday|Tuesday|"
                         r"Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|last (?:week|month|year)|ago)\b")
    seen: dict[str, list[str]] = {}
    for u, v, key, attrs in G.edges(keys=True, data=True):
        for citation in attrs.get("citations", []):
            if pattern.search(citation["sentence"]):
                seen.setdefault(citation["sentence"], []).append(
                    f"{G.nodes[u]['label']} | {key} | {G.nodes[v]['label']}")
    for sentence, pairs in seen.items():
        print("-", " ".join(sentence.split()))
        for pair in pairs:
            print("     ", pair)


if __name__ == "__main__":
    main()

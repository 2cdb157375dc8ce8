"""The development gold: entity and relation scores per document and in total, in one run.

    .venv/bin/python benchmarks/devgold.py [--only NAME ...] [--json] [--show] [--by-type]

Each document of ``benchmarks/devgold/documents.json`` is an excerpt of
``../shared/corpus`` cut at run time (corpus text is never copied into the
repository), built on its own and scored with :func:`graph.evaluate.evaluate`
against ``NAME.entities.json`` and ``NAME.relations.json`` beside it (either may
be absent).  Prints a markdown table: entity precision/recall, type accuracy of
the entities found, splits, wrong merges, junk nodes, typed-relation precision
and recall, claim-status accuracy and denied claims marked ``negated``.
``--show`` adds ``tangle eval``'s report for each document; ``--by-type`` adds
typed-relation precision and recall per relation type, summed over documents.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "devgold"
CORPUS = ROOT.parent / "shared" / "corpus"


def documents() -> dict[str, dict[str, Any]]:
    """The gold's documents by name, as ``documents.json`` declares them."""
    return json.loads((GOLD / "documents.json").read_text(encoding="utf-8"))["documents"]


def excerpt(spec: dict[str, Any], corpus: Path = CORPUS) -> str:
    """The text of one gold document, cut from the corpus as ``spec`` says."""
    source = corpus / spec["source"]
    if "id" in spec:
        with source.open(encoding="utf-8") as rows:
            for line in rows:
                row = json.loads(line)
                if str(row.get("id")) == spec["id"]:
                    return row[spec.get("text_field", "text")]
        raise KeyError(f"{source}: no row with id {spec['id']!r}")
    first, last = spec["lines"]
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(lines[first - 1:last])


def gold_of(name: str, folder: Path = GOLD) -> dict[str, Any]:
    """``NAME.entities.json`` and ``NAME.relations.json`` as one gold.

    Entities named only by the relations file are optional: they anchor
    relations without counting as entity hits or misses.  A relations-file
    entity that shares a name with an entities-file one is that entity, and its
    relations are relabelled to it ("Sergey X" in one file, "Sergei X" with the
    alias "Sergey X" in the other), so a node matched to it is not a false
    positive for want of a common label.
    """
    from extract.normalize import name_key

    gold: dict[str, Any] = {"documents": [name], "entities": [], "relations": []}
    entities_file, relations_file = folder / f"{name}.entities.json", folder / f"{name}.relations.json"
    if entities_file.exists():
        gold["entities"] = json.loads(entities_file.read_text(encoding="utf-8")).get("entities", [])
    if not relations_file.exists():
        return gold
    data = json.loads(relations_file.read_text(encoding="utf-8"))
    label_of = {name_key(n): e["label"] for e in gold["entities"] for n in [e["label"], *e.get("aliases", [])]}
    renamed: dict[str, str] = {}
    for e in data.get("entities", []):
        known = next((label_of[k] for k in (name_key(n) for n in [e["label"], *e.get("aliases", [])])
                      if k in label_of), None)
        if known is None:
            gold["entities"].append({**e, "optional": True})
            label_of[name_key(e["label"])] = e["label"]
        else:
            renamed[e["label"]] = known
    gold["relations"] = [{**r, "source": renamed.get(r["source"], r["source"]),
                          "target": renamed.get(r["target"], r["target"])} for r in data.get("relations", [])]
    return gold


def score_all(names: list[str], nlp) -> dict[str, dict[str, Any]]:
    from graph.build import build_graph
    from graph.evaluate import evaluate

    specs = documents()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            path = Path(tmp) / f"{name}.txt"
            path.write_text(excerpt(specs[name]), encoding="utf-8")
            results[name] = evaluate(gold_of(name), build_graph([path], nlp=nlp))
    return results


def row(name: str, r: dict[str, Any]) -> str:
    ent, rel = r["entities"]["overall"], r["relations"]["overall"]
    cs, neg = r["claim_status"], r["negated_claims"]
    return (f"| {name} | {ent['precision']:.2f} | {ent['recall']:.2f} | {r['types']['right']}/{r['types']['found']} "
            f"| {len(r['splits'])} | {len(r['wrong_merges'])} | {len(r['junk'])} "
            f"| {rel['precision']:.2f} | {rel['recall']:.2f} ({rel['tp']}/{rel['tp'] + rel['fn']}) "
            f"| {cs['checked'] - len(cs['wrong'])}/{cs['checked']} | {neg['marked']}/{neg['total']} |")


def total(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Counts summed over documents, in the shape :func:`row` reads."""
    def ratios(tp: int, fp: int, fn: int) -> dict[str, Any]:
        return {"tp": tp, "fp": fp, "fn": fn, "precision": tp / (tp + fp) if tp + fp else 1.0,
                "recall": tp / (tp + fn) if tp + fn else 1.0}

    def summed(part: str) -> dict[str, Any]:
        return ratios(*(sum(r[part]["overall"][k] for r in results.values()) for k in ("tp", "fp", "fn")))

    checked = sum(r["claim_status"]["checked"] for r in results.values())
    return {
        "entities": {"overall": summed("entities")},
        "relations": {"overall": summed("relations")},
        "types": {k: sum(r["types"][k] for r in results.values()) for k in ("found", "right")},
        **{k: [x for r in results.values() for x in r[k]] for k in ("splits", "wrong_merges", "junk")},
        "claim_status": {"checked": checked,
                         "wrong": [x for r in results.values() for x in r["claim_status"]["wrong"]]},
        "negated_claims": {k: sum(r["negated_claims"][k] for r in results.values()) for k in ("marked", "total")},
    }


def by_type(results: dict[str, dict[str, Any]]) -> dict[str, dict[str, float | int]]:
    """Typed-relation counts and ratios per relation type, summed over documents."""
    counts: dict[str, dict[str, int]] = {}
    for r in results.values():
        for kind, s in r["relations"]["by_type"].items():
            slot = counts.setdefault(kind, {"tp": 0, "fp": 0, "fn": 0})
            for k in slot:
                slot[k] += s[k]
    return {kind: {**c, "precision": c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0,
                   "recall": c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0}
            for kind, c in sorted(counts.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="only these documents")
    parser.add_argument("--json", action="store_true", help="print the full results as JSON")
    parser.add_argument("--show", action="store_true", help="add tangle eval's report of each document")
    parser.add_argument("--by-type", action="store_true", help="add typed-relation precision and recall per type")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS}: not found; the development gold is cut from ../shared/corpus")
    from extract.pipeline import load_pipeline
    from graph.evaluate import report_text

    names = args.only or sorted(documents())
    results = score_all(names, load_pipeline())
    if args.json:
        print(json.dumps(results, indent=1, ensure_ascii=False))
        return
    if args.show:
        for name, r in results.items():
            print(f"## {name}\n\n{report_text(r)}\n")
    print("| document | entity P | entity R | types right | splits | wrong merges | junk "
          "| relation P | relation R | status right | denials negated |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(row(name, r))
    print(row("**total**", total(results)))
    if args.by_type:
        print("\n| relation type | precision | recall | tp | fp | fn |\n|---|---|---|---|---|---|")
        for kind, c in by_type(results).items():
            print(f"| {kind} | {c['precision']:.2f} | {c['recall']:.2f} | {c['tp']} | {c['fp']} | {c['fn']} |")


if __name__ == "__main__":
    main()

"""Resolution with many organisations: time grows linearly with the number of names.

    python benchmarks/resolve_bench.py                      # 5k, 10k and 20k organisations, medians of 3
    python benchmarks/resolve_bench.py --sizes 20000 --repeat 1

Synthetic corpus: ``N`` distinct organisation names over 100 documents, a third
of them a shorter form of another ("Name 17 Media" → "Name 17 Media Group"),
plus a curation file that splits ``N`` names.  Prints a markdown table with the
organisation-prefix step alone, the whole resolution, and the whole resolution
with the curation; the last column is microseconds per name, flat when the
growth is linear.  Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import median_seconds, sizes  # noqa: E402

DOCUMENTS = 100


def org_names(count: int) -> list[str]:
    """``count`` distinct organisation names, built from numbered stems so no real name appears."""
    names = []
    for number in range(count):
        stem = f"Stem{number // 3} Works"
        names.append([stem, f"{stem} Media", f"{stem} Media Group"][number % 3])
    return names


def records(count: int):
    from extract.records import Document, DocumentRecord, Mention

    names = org_names(count)
    out = []
    for number in range(DOCUMENTS):
        mine = names[number::DOCUMENTS]
        mentions = tuple(Mention(text=n, name=n, label="ORG", start=i * 40, end=i * 40 + len(n), sentence=i)
                         for i, n in enumerate(mine))
        doc = Document(id=f"d{number}", title=f"d{number}", path=f"d{number}.txt", sha256="0" * 64, text="")
        out.append(DocumentRecord(document=doc, mentions=mentions, relations=()))
    return out


def row(count: int, repeat: int) -> str:
    from extract.curation import Curation
    from extract.resolve import Reducer

    recs = records(count)
    reducer = Reducer().add_all(recs)
    prefixes_s = median_seconds(reducer._org_prefixes, repeat)
    resolve_s = median_seconds(lambda: Reducer().add_all(recs).result(), repeat)
    splits = tuple(f"Person{n} Split" for n in range(count))
    curated_s = median_seconds(lambda: Reducer(curation=Curation(splits=splits)).add_all(recs).result(), repeat)
    return (f"| {count:,} | {prefixes_s:.3f} | {resolve_s:.2f} | {curated_s:.2f} "
            f"| {resolve_s / count * 1e6:.0f} |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=sizes, default=[5000, 10_000, 20_000], help="organisation names")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per timing (median)")
    args = parser.parse_args(argv)
    print("| ORG names | org prefixes (s) | resolution (s) | resolution + split of as many names (s) "
          "| µs per name |")
    print("|---|---|---|---|---|")
    for count in args.sizes:
        print(row(count, args.repeat), flush=True)


if __name__ == "__main__":
    main()

"""One long document: Tangle against bare spaCy per KB, and peak memory, as the text grows.

    python benchmarks/long_docs.py                                   # time rows and memory rows
    python benchmarks/long_docs.py --sizes-kb 40,80 --memory-mb 1 --repeat 1
    python benchmarks/run.py --only long                             # the same rows in run.py's table

The text is made at run time by joining corpus text, never stored: chapter IV
of the Mueller report first (so the 40-320 KB rows are that chapter cut short,
as in issue 18), then the other files of ``../shared/corpus/mueller``, then
news articles, cut to the size wanted.

- time: for each size, bare ``nlp.pipe`` (the components Tangle runs, no
  lemmatizer) over the same 20,000-character chunks Tangle cuts, against
  ``tangle build`` of the text as one document (``--no-cache``, no page;
  extraction, resolution and ``graph.json``), both with the pipeline already
  loaded; the median of ``--repeat`` runs each, in one run, in CPU seconds of
  this process (the machine is shared) and wall-clock seconds; the ratio should
  stay flat as the text grows;
- memory: a build of one document of 1, 5 and 20 MB, each in a fresh process
  that reports its own peak resident memory (``VmHWM``).

Prints a markdown table.  Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import peak_rss_mb, sizes, table  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
FIRST = "*IV_Russian_Government_Links*.txt"


def long_text(chars: int, corpus: Path = CORPUS) -> str:
    """``chars`` characters of corpus text: the Mueller chapter IV, the other chapters, then news articles."""
    mueller = corpus / "mueller"
    first = sorted(mueller.glob(FIRST))
    if not first:
        raise SystemExit(f"{mueller}: chapter IV of the Mueller report ({FIRST}) is absent; pass --corpus FOLDER")
    parts, total = [], 0

    def sources():
        yield from first
        yield from (p for p in sorted(mueller.glob("*.txt")) if p not in first)
        for jsonl in sorted((corpus / "news").glob("*.jsonl")):
            with jsonl.open(encoding="utf-8") as handle:
                for line in handle:
                    text = json.loads(line).get("text", "")
                    if text.strip():
                        yield text

    from extract.vocabulary import load_vocabulary

    boilerplate = load_vocabulary().boilerplate
    for source in sources():
        text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
        if any(boilerplate.ends_content(line.strip()) for line in text.splitlines()):
            continue  # a "Sources:" line would mask the rest of the joined text, as it ends a real document
        parts.append(text.strip("\n"))
        total += len(parts[-1]) + 2
        if total >= chars:
            return "\n\n".join(parts)[:chars]
    raise SystemExit(f"{corpus}: only {total:,} characters of text, {chars:,} wanted")


def _document(text: str):
    from extract.documents import make_document

    return make_document(text, path="long.txt", doc_id="long")


def _median_times(func, repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``repeat`` calls: on a shared machine the CPU time of this
    process is the steadier measure, since the wall clock also counts other people's work."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        func()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _bare_seconds(text: str, bare, repeat: int) -> tuple[float, float]:
    from extract.pipeline import CHUNK_CHARS, _chunks
    from extract.text import prepare
    from extract.vocabulary import load_vocabulary

    pieces = [chunk for _, chunk in _chunks(prepare(text, load_vocabulary().boilerplate), CHUNK_CHARS)]
    return _median_times(lambda: [None for _ in bare.pipe(pieces, batch_size=16)], repeat)


def _build_seconds(text: str, nlp, repeat: int) -> tuple[float, float]:
    from graph.build import build

    document = _document(text)

    def once() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            build([document], tmp, nlp=nlp, page=False, cache=False)

    return _median_times(once, repeat)


def timing(args, rows: list[dict]) -> None:
    import spacy

    from extract.pipeline import DEFAULT_MODELS, UNUSED_COMPONENTS, load_pipeline

    nlp = load_pipeline()
    for name in DEFAULT_MODELS:
        if spacy.util.is_package(name):
            bare = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
            break
    else:
        raise SystemExit("no en_core_web_sm pipeline installed")
    ratios = []
    for kb in args.sizes_kb:
        text = long_text(kb * 1000, args.corpus)
        repeat = args.repeat if kb <= args.repeat_up_to_kb else 1
        floor_wall, floor = _bare_seconds(text, bare, repeat)
        tangle_wall, tangle = _build_seconds(text, nlp, repeat)
        ratios.append(tangle / floor)
        print(f"long: {kb} KB bare {floor:.1f} s CPU ({floor_wall:.1f} s wall), tangle {tangle:.1f} s CPU "
              f"({tangle_wall:.1f} s wall)", file=sys.stderr, flush=True)
        rows.append(dict(metric=f"(7) one document, CPU s per KB: tangle build / bare nlp.pipe in 20 KB chunks "
                                f"(median of {repeat}; wall clock in brackets)",
                         size=f"{kb:,} KB", value=f"{tangle / kb:.3f} / {floor / kb:.3f} s per KB = "
                                                 f"{tangle / floor:.2f}× ({tangle_wall / kb:.3f} / "
                                                 f"{floor_wall / kb:.3f} s wall = {tangle_wall / floor_wall:.2f}×)",
                         target="≤ 1.3×, flat", met=tangle / floor <= 1.3))
    if len(ratios) > 1:
        rows.append(dict(metric="(7) CPU ratio at the largest size / ratio at the smallest", size="",
                         value=f"{ratios[-1] / ratios[0]:.2f}", target="flat (≈ 1)", met=None))


def memory_child(mb: float, corpus: Path) -> None:
    """Run in a fresh process: build one document of ``mb`` MB and print its peak memory and time."""
    from extract.pipeline import load_pipeline
    from graph.build import build

    nlp = load_pipeline()
    document = _document(long_text(int(mb * 1_000_000), corpus))
    started, cpu = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        report = build([document], tmp, nlp=nlp, page=False, cache=False)
        size = (Path(tmp) / "graph.json").stat().st_size
    print(json.dumps({"mb": mb, "peak_mb": round(peak_rss_mb()), "seconds": round(time.perf_counter() - started, 1),
                      "cpu_seconds": round(time.process_time() - cpu, 1),
                      "entities": report.graph.number_of_nodes(), "relations": report.graph.number_of_edges(),
                      "graph_json_mb": round(size / 1e6, 1)}))


def memory(args, rows: list[dict]) -> None:
    for mb in args.memory_mb:
        result = subprocess.run([sys.executable, __file__, "--memory-child", str(mb), "--corpus", str(args.corpus)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            rows.append(dict(metric="(8) peak memory, one document", size=f"{mb:g} MB",
                             value=f"failed: {result.stderr.strip().splitlines()[-1:]}", target="≤ 2 GB", met=False))
            continue
        data = json.loads(result.stdout.strip().splitlines()[-1])
        print(f"long memory: {data}", file=sys.stderr, flush=True)
        rows.append(dict(metric="(8) peak memory of a build of one document (own fresh process, VmHWM)",
                         size=f"{mb:g} MB",
                         value=f"{data['peak_mb']:,} MB; {data['cpu_seconds']:,.0f} s CPU, {data['seconds']:,.0f} s "
                               f"wall ({data['entities']:,} entities, {data['relations']:,} relations, "
                               f"graph.json {data['graph_json_mb']} MB)",
                         target="≤ 2 GB", met=data["peak_mb"] <= 2048))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes-kb", type=sizes, default=[40, 80, 160, 320, 1000], help="document sizes for (7)")
    parser.add_argument("--repeat-up-to-kb", type=int, default=320,
                        help="sizes above this are timed once, not --repeat times")
    parser.add_argument("--memory-mb", type=lambda s: [float(x) for x in s.split(",") if x.strip()],
                        default=[1, 5, 20], help="document sizes in MB for (8)")


def long_documents(args, rows: list[dict]) -> None:
    """Rows (7) and (8); the ``long`` section of ``run.py``."""
    timing(args, rows)
    memory(args, rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the shared corpus folder")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per timing (median)")
    parser.add_argument("--only", default="timing,memory", help="timing, memory or both")
    parser.add_argument("--memory-child", type=float, help=argparse.SUPPRESS)
    add_arguments(parser)
    args = parser.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child, args.corpus)
        return
    rows: list[dict] = []
    for name in args.only.split(","):
        {"timing": timing, "memory": memory}[name](args, rows)
    print(table(rows))


if __name__ == "__main__":
    main()

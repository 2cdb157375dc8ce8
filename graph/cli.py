"""The ``tangle`` command: a thin layer over the library.

Each command makes one library call and turns a :class:`TangleError` into a
single ``Error: …`` line: exit code 2 for a usage mistake (a missing path, a
bad option), 1 when nothing could be read.  Document text never reaches a
traceback (``pretty_exceptions_show_locals=False``).
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from extract.curation import Curation, load_curation
from extract.documents import SUFFIXES, discover, estimate_documents, shown
from extract.errors import DocumentError, InputError, NothingRead, TangleError
from extract.formats import Limits, RowFields, brief
from graph import schema
from graph.build import ENGINES, BuildOptions, Engine
from graph.exports import DIALECTS, FTM_VERSIONS, format_names, format_suffixes
from graph.io import load_graph
from graph.report import terminal_safe

if TYPE_CHECKING:
    from extract.pipeline import ChunkDone

__all__ = ["DocumentProgress", "app", "main"]

app = typer.Typer(
    name="tangle",
    help="Tangle: read documents, find who is connected to whom and on what evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

F = TypeVar("F", bound=Callable[..., Any])


def _say(text: str, *, err: bool = False) -> None:
    """Print ``text`` (names, labels, paths and sentences from hostile files) with terminal controls escaped."""
    typer.echo(terminal_safe(str(text)), err=err)


def _fail(message: str, code: int) -> None:
    _say(f"Error: {message}", err=True)
    raise typer.Exit(code)


#: Library parameter, as error messages write it between backticks -> what sets it on the command line.
FLAGS: dict[str, str] = {
    "model": "--model",
    "workers": "--workers",
    "workers=1": "--workers 1",
    "engine": "--engine",
    "scheduler": "--scheduler",
    "cache=False": "--no-cache",
    "fields.text": "--text-field",
    "follow_links=True": "--follow-links",
    "doc": "--doc",
    "sentence": "--sentence",
    "since": "--since",
    "until": "--until",
    **{f"limits.{f.name}": "--max-" + f.name.replace("_", "-") for f in dataclasses.fields(Limits)},
}


def flagged(text: str, parameters: Iterable[str] | None = None) -> str:
    """``text`` with each library parameter it names (``parameters``, default: any of :data:`FLAGS`) as its flag."""
    for parameter in FLAGS if parameters is None else parameters:
        if parameter in FLAGS:
            text = text.replace(f"`{parameter}`", FLAGS[parameter])
    return text


def _message(err: TangleError) -> str:
    return flagged(str(err), err.parameters)


def handles_errors(func: F) -> F:
    """Turn the library's errors into one ``Error:`` line and an exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NothingRead as err:
            _fail(_message(err), 1)
        except TangleError as err:
            _fail(_message(err), 2)
        except KeyboardInterrupt:
            _fail("interrupted; outputs written before are intact", 130)

    return wrapper  # type: ignore[return-value]


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _causes(err: BaseException) -> list[BaseException]:
    """The exception chain under ``err``, outermost first."""
    chain, cause = [], err.__cause__ or err.__context__
    while cause is not None and cause not in chain:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    return chain


class DocumentProgress:
    """Counts documents as a build reports them: each row of a ``.jsonl``/``.csv`` file is one step, each
    other file one.  ``advance(path)`` takes a record's or a skip's path (``file``, or ``file#row``) and
    passes the number of steps done to ``update``; a row file skipped whole counts all its rows.
    """

    def __init__(self, files: list[Path], update: Callable[[int], None]) -> None:
        self.expected = {shown(path): estimate_documents(path) for path in files}
        self.total = sum(self.expected.values())
        self.done: dict[str, int] = {}
        self.update = update

    def advance(self, path: str) -> None:
        file, _, row = path.rpartition("#")
        if file in self.expected and row.isdigit():
            step = 1
        else:
            file = path
            step = max(self.expected.get(file, 1) - self.done.get(file, 0), 1)
        self.done[file] = self.done.get(file, 0) + step
        self.update(step)


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


def _chunk_progress(show: Callable[[str | None], None],
                    clock: Callable[[], float] = time.monotonic) -> Callable[[ChunkDone], None]:
    """Report progress within a document of several chunks to ``show``: KB done of the total, rate and ETA;
    ``show(None)`` clears the line when the document is done.  ``clock`` is the clock of ``ChunkDone.started``."""

    def report(progress: ChunkDone) -> None:
        if progress.chunks < 2:
            return
        if progress.chunk >= progress.chunks:
            show(None)
            return
        rate = progress.done / max(clock() - progress.started, 1e-9)
        eta = (progress.total - progress.done) / rate if rate else 0.0
        name = terminal_safe(Path(progress.document.path).name)
        show(f"{name}: {progress.done / 1000:,.0f} of {progress.total / 1000:,.0f} KB, "
             f"chunk {progress.chunk} of {progress.chunks}, {rate / 1000:,.1f} KB/s, ETA {_duration(eta)}")

    return report


def _progress() -> Any:
    """A progress display on stderr with documents done, rate, elapsed time and ETA; silent when
    stderr is not a terminal (pipes, CI logs, tests)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    return Progress(TextColumn("Reading documents"), BarColumn(), MofNCompleteColumn(),
                    TaskProgressColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                    TextColumn("ETA"), TimeRemainingColumn(), TextColumn("{task.fields[within]}"),
                    console=console, disable=not console.is_terminal)


def _rate(task: Any) -> str:
    speed = task.speed
    return f"{speed:,.1f} docs/s" if speed else ""


def _dates_line(G) -> str:
    """The summary's ``dates:`` line: dated documents by source, dated citations."""
    documents = G.graph.get("documents", [])
    sources = Counter(d["date_source"] for d in documents if d.get("date"))
    citations = [c for _, _, cites in G.edges(data="citations") for c in cites or ()]
    dated = sum(1 for c in citations if c.get("date"))
    by_source = f" ({_counts(sources)})" if sources else ""
    published = sum(1 for d in documents if d.get("published"))
    other_day = f", {published} published on another day (url)" if published else ""
    return (f"dates: {sum(sources.values())} of {len(documents)} documents{by_source}{other_day}, "
            f"{dated} of {len(citations)} citations")


@app.command("build")
@handles_errors
def build_command(
    paths: Annotated[list[Path], typer.Argument(
        help="Documents or folders of documents (.txt .md .html .pdf .docx .eml, and .jsonl .csv: one per row).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for graph.json and graph.html.")] = Path("out"),
    model: Annotated[str | None, typer.Option(help="An installed spaCy pipeline (default: en_core_web_sm).")] = None,
    curation: Annotated[
        Path | None, typer.Option(help="Curation file (YAML or TOML): merge, split, rename, retype, ignore.")
    ] = None,
    norp: Annotated[bool, typer.Option("--norp", help="Keep nationalities and groups (NORP) as entities.")] = False,
    page: Annotated[bool, typer.Option("--page/--no-page", help="Write graph.html.")] = True,
    text_field: Annotated[str, typer.Option(help="Text field of .jsonl/.csv rows.")] = "text",
    id_field: Annotated[str, typer.Option(help="Id field of .jsonl/.csv rows (missing: FILE-ROW).")] = "id",
    title_field: Annotated[str, typer.Option(help="Title field of .jsonl/.csv rows.")] = "title",
    date_field: Annotated[
        str | None, typer.Option(help="Date field of .jsonl/.csv rows: each document's date.")
    ] = None,
    url_field: Annotated[
        str, typer.Option(help="URL field of .jsonl/.csv rows: a date in its path is the day the row was published.")
    ] = "url",
    day_first: Annotated[
        bool, typer.Option("--day-first", help="Read all-numeric dates in metadata day first (3/4/2016: 3 April).")
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show why each skipped file failed.")] = False,
    workers: Annotated[int, typer.Option(help="Extraction processes on this machine (same output).")] = 1,
    engine: Annotated[str, typer.Option(help=f"Where extraction runs: {' or '.join(ENGINES)}.")] = Engine.LOCAL,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address for --engine dask (default: a local cluster).")
    ] = None,
    cache: Annotated[
        bool, typer.Option("--cache/--no-cache", help="Reuse records of unchanged documents (OUT/cache.sqlite).")
    ] = True,
    follow_links: Annotated[
        bool, typer.Option("--follow-links", help="Follow links that lead out of the folders given.")
    ] = False,
    max_file_mb: Annotated[int, typer.Option(min=1, help="Limit: MB read from one file.")] = Limits.file_mb,
    max_part_mb: Annotated[int, typer.Option(min=1, help="Limit: uncompressed MB of one DOCX part.")] = Limits.part_mb,
    max_ratio: Annotated[int, typer.Option(min=1, help="Limit: compression ratio of a DOCX part.")] = Limits.ratio,
    max_mime_depth: Annotated[int, typer.Option(min=1, help="Limit: nesting of e-mail parts.")] = Limits.mime_depth,
    max_html_depth: Annotated[int, typer.Option(min=1, help="Limit: nesting of HTML elements.")] = Limits.html_depth,
    max_chars: Annotated[int, typer.Option(min=1, help="Limit: characters of text per document.")] = Limits.chars,
    max_row_mb: Annotated[int, typer.Option(min=1, help="Limit: MB of one .jsonl line or .csv row.")] = Limits.row_mb,
) -> None:
    """Build the entity graph of documents: OUT/graph.json and OUT/graph.html."""
    from graph.build import build as run_build
    from graph.output import check_folder

    check_folder(out)
    rules = load_curation(curation) if curation else Curation()
    limits = Limits(file_mb=max_file_mb, part_mb=max_part_mb, ratio=max_ratio, mime_depth=max_mime_depth,
                    html_depth=max_html_depth, chars=max_chars, row_mb=max_row_mb)
    files = discover(paths, follow_links=follow_links)
    if not files and not files.skipped:
        raise InputError(f"no documents ({', '.join(sorted(SUFFIXES))}) in {', '.join(str(p) for p in paths)}")
    options = BuildOptions(model=model, norp=norp, curation=rules, fields=RowFields(
        text=text_field, id=id_field, title=title_field, date=date_field, url=url_field or None, day_first=day_first),
                           workers=workers, engine=engine, scheduler=scheduler, cache=cache, limits=limits, page=page)

    def skipped(err: DocumentError) -> None:
        _say(f"Skipped {_message(err)}", err=True)
        if verbose:
            for cause in _causes(err):
                _say(f"  caused by {type(cause).__name__}: {brief(cause)}", err=True)
            for note in getattr(err, "__notes__", ()):
                _say(f"  {note}", err=True)

    with _progress() as progress:
        # counting the rows of .jsonl/.csv files reads each once: only done when the progress is shown
        counter = DocumentProgress([] if progress.disable else files,
                                   lambda step: progress.update(task, advance=step, rate=_rate(progress.tasks[0])))
        total = counter.total + len(files.skipped)
        task = progress.add_task("read", total=total, rate="", within="")
        report = run_build(files, out, options, on_error=lambda err: (skipped(err), counter.advance(err.path)),
                           on_record=lambda record: counter.advance(record.document.path),
                           on_chunk=_chunk_progress(lambda text: progress.update(task, within=text or "")))
        progress.update(task, completed=total)  # identical files, read once, were never reported
    G = report.graph
    for note in report.notes:
        _say(f"Note: {flagged(note)}", err=True)
    for path in report.outputs:
        _say(f"Wrote {path}")
    _say(f"documents: {report.documents} read, {len(report.skipped)} skipped"
               + (f" ({_counts(report.skipped_by_kind)})" if report.skipped else ""))
    if report.duplicates:
        _say(f"duplicates: {report.duplicates} files identical to one read before (listed as also_at)")
    for encoding, count in sorted(report.encodings.items()):
        _say(f"encodings: {count} document{'s' if count != 1 else ''} decoded as {encoding}")
    _say(f"extraction: {report.extracted} parsed, {report.cached} from cache")
    _say(_dates_line(G))
    _say(f"entities: {G.number_of_nodes()} ({_counts(report.entities_by_type)})")
    for name, label in report.merged:
        _say(f"curation: {name!r} renamed to {label!r}, the label of another entity: merged into it")
    if report.stale:
        count = len(report.stale)
        _say(f"curation: {count} correction{'s' if count != 1 else ''} no longer appl{'y' if count != 1 else 'ies'}:")
        for line in report.stale:
            _say(f"  {line}")
    _say(f"relations: {G.number_of_edges()} ({_counts(report.relations_by_type)})")
    _say(f"seconds: {report.seconds:.1f}")


@app.command("entities")
@handles_errors
def entities_command(
    graph: Annotated[Path, typer.Argument(help="A graph.json written by 'tangle build'.")],
    type_: Annotated[str | None, typer.Option("--type", help="Only entities of this type, e.g. PERSON.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines instead of a table.")] = False,
) -> None:
    """List the entities of a graph with their mentions and documents."""
    G = load_graph(graph)
    rows = [
        {"id": e.id, "label": e.label, "type": e.type, "mentions": e.mentions, "docs": len(e.docs),
         "aliases": list(e.aliases)}
        for e in schema.entities(G)
        if type_ is None or e.type == type_.upper()
    ]
    rows.sort(key=lambda r: (-r["mentions"], r["label"]))
    if as_json:
        for row in rows:
            _say(json.dumps(row, ensure_ascii=False))
        return
    for row in rows:
        row["label"] = terminal_safe(row["label"])  # escaped before measuring, so the columns line up
    width = max([len(r["label"]) for r in rows] + [6])
    _say(f"{'entity':<{width}}  {'type':<11} {'mentions':>8} {'docs':>5}")
    for row in rows:
        _say(f"{row['label']:<{width}}  {row['type']:<11} {row['mentions']:>8} {row['docs']:>5}")


#: Entities a ``tangle html --focus`` page keeps by default: readable, and the hubs left out are named.
FOCUS_LIMIT = 150

GraphArg = Annotated[Path, typer.Argument(help="A graph.json written by 'tangle build'.")]
SinceOpt = Annotated[str | None, typer.Option(
    "--since", help="Only claims dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option(
    "--until", help="Only claims dated on or before this (YYYY, YYYY-MM or YYYY-MM-DD).")]


def _load(graph: Path, since: str | None = None, until: str | None = None):
    """The graph at ``graph``, within the period when ``since`` or ``until`` is given."""
    G = load_graph(graph)
    if since is None and until is None:
        return G
    from graph.timeline import within

    return within(G, since=since, until=until)
EntityArg = Annotated[str, typer.Argument(help="Entity label, alias or id (any case).")]
NegatedOpt = Annotated[bool, typer.Option("--include-negated", help="Walk negated relations too.")]
DialectOpt = Annotated[str, typer.Option("--dialect", help=f"Cypher for which engine: {', '.join(DIALECTS)}.")]
FtmVersionOpt = Annotated[int, typer.Option(
    "--ftm-version", help=f"FollowTheMoney version to write: {' or '.join(map(str, FTM_VERSIONS))} "
    "(3 for Aleph 4.x, which runs FtM 3).")]


@app.command("ego")
@handles_errors
def ego_command(
    graph: GraphArg,
    entity: EntityArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write; the format follows the extension "
                                         f"({format_suffixes()}).")],
    hops: Annotated[int, typer.Option("--hops", min=0, help="How many links away to go.")] = 2,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many entities, the strongest "
                                              "links first; the hubs left out are named (default: all).")] = None,
    include_negated: NegatedOpt = False,
    dialect: DialectOpt = "neo4j",
    ftm_version: FtmVersionOpt = 4,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Write everything within HOPS links of ENTITY to a file."""
    from graph.exports import export
    from graph.query import ego, neighbourhood

    G = _load_around(graph, entity, since, until)
    if limit is None:
        G = ego(G, entity, hops=hops, include_negated=include_negated)
    else:
        found = neighbourhood(G, entity, hops=hops, limit=limit, include_negated=include_negated)
        G = found.graph
        _say(found.summary())
    for path in export(G, output, dialect=dialect, ftm_version=ftm_version):
        _say(f"Wrote {path}")


@app.command("path")
@handles_errors
def path_command(
    graph: GraphArg,
    source: Annotated[str, typer.Argument(metavar="A", help="Entity to start from.")],
    target: Annotated[str, typer.Argument(metavar="B", help="Entity to reach.")],
    max_hops: Annotated[int | None, typer.Option("--max-hops", min=1, help="Give up beyond this many hops.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the paths as JSON.")] = False,
    include_negated: NegatedOpt = False,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Show how A is connected to B: each hop with relation, claim status, document and sentence."""
    from graph.query import shortest_paths
    from graph.report import no_path_text, path_dicts, path_text

    G = _load_around(graph, source, since, until, also=target)
    paths = shortest_paths(G, source, target, max_hops=max_hops, include_negated=include_negated)
    if as_json:
        _say(json.dumps(path_dicts(G, paths), ensure_ascii=False, indent=1))
    elif paths:
        _say(path_text(G, paths))
    else:
        _say(no_path_text(G, source, target, max_hops=max_hops, include_negated=include_negated))
    if not paths:
        raise typer.Exit(1)


@app.command("show")
@handles_errors
def show_command(graph: GraphArg, entity: EntityArg) -> None:
    """Show an entity and all its relations with their evidence."""
    from graph.report import entity_text

    _say(entity_text(load_graph(graph), entity))


@app.command("export")
@handles_errors
def export_command(
    graph: GraphArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (csv: NAME.csv writes "
                                         "NAME.nodes.csv and NAME.edges.csv).")],
    fmt: Annotated[str | None, typer.Option("--format", help=f"{format_names()}; "
                                               "default: from the output file's extension.")] = None,
    dialect: DialectOpt = "neo4j",
    ftm_version: FtmVersionOpt = 4,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Export the whole graph for Gephi, spreadsheets/Kumu, Aleph (FollowTheMoney) or graph databases."""
    from graph.exports import export

    for path in export(_load(graph, since, until), output, fmt=fmt, dialect=dialect, ftm_version=ftm_version):
        _say(f"Wrote {path}")


@app.command("review")
@handles_errors
def review_command(
    graph: GraphArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines (one item each) instead of text.")] = False,
    limit: Annotated[int | None, typer.Option(min=1, help="Show only the first N items.")] = None,
    curation: Annotated[
        Path, typer.Option(help="The curation file the printed 'tangle curate' commands write to.")
    ] = Path("curation.yml"),
) -> None:
    """The review queue, highest impact first: probable duplicates, disputed types, untyped pairs, thin evidence."""
    from graph.review import review_queue

    items = review_queue(load_graph(graph), limit=limit)
    if as_json:
        for item in items:
            _say(json.dumps(item.to_dict(), ensure_ascii=False, sort_keys=True))
        return
    if not items:
        _say("Nothing to review.")
        return
    for number, item in enumerate(items, 1):
        _say(f"{number}. [{item.kind}] {item.title} (impact {item.impact})")
        for cite in item.evidence:
            _say(f"     {json.dumps(cite['sentence'], ensure_ascii=False)} — {cite['title']} ({cite['doc']})")
        for action in item.actions:
            _say(f"     {action['label']}: {_curate_command(curation, graph, action['rule'])}")


def _curate_command(curation: Path, graph: Path, rule: dict[str, Any]) -> str:
    """The shell command that writes ``rule``, each argument quoted for a POSIX shell."""
    import shlex

    action = next(k for k in rule if k not in ("to", "doc", "sentence"))
    value = rule[action]
    args = list(value.items())[0] if isinstance(value, dict) else value if isinstance(value, list) else [value]
    args = [*args, *([rule["to"]] if "to" in rule else [])]
    options = [f"--{k}={shlex.quote(rule[k])}" for k in ("doc", "sentence") if k in rule]
    return " ".join(["tangle curate", shlex.quote(str(curation)), f"--graph={shlex.quote(str(graph))}", action,
                     *(shlex.quote(str(a)) for a in args), *options])


@app.command("curate")
@handles_errors
def curate_command(
    file: Annotated[Path, typer.Argument(help="The curation file (YAML or TOML; created when missing).")],
    action: Annotated[str, typer.Argument(
        help="merge, split, rename, retype, ignore (entities); confirm, reject, retype, status (relations).")],
    values: Annotated[list[str], typer.Argument(
        help="Names, or SOURCE RELATION TARGET [NEW-TYPE or STATUS] for a relation.")],
    graph: Annotated[Path | None, typer.Option(
        help="A graph.json: every name must name one of its entities, every relation one of its relations.")] = None,
    doc: Annotated[str | None, typer.Option(help="Only the citations of this document (relations).")] = None,
    sentence: Annotated[str | None, typer.Option(help="Only the citation of this sentence (with --doc).")] = None,
) -> None:
    """Add one decision to a curation file, keeping its comments and order; written atomically."""
    from extract.curate import add_rule
    from graph.review import curation_rule

    rule = curation_rule(action, values, graph=load_graph(graph) if graph else None, doc=doc, sentence=sentence)
    if add_rule(file, rule):
        _say(f"Added to {file}: {json.dumps(rule, ensure_ascii=False)}")
    else:
        _say(f"Already in {file}: {json.dumps(rule, ensure_ascii=False)}")


@app.command("eval")
@handles_errors
def eval_command(
    gold: Annotated[Path, typer.Argument(help="A gold file (JSON; see data/gold.json).")],
    graph: GraphArg,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score a graph against a gold standard: entities, splits, merges, junk, relations, claim status."""
    from graph.evaluate import evaluate, load_gold, report_text

    result = evaluate(load_gold(gold), load_graph(graph))
    for warning in result["warnings"]:
        _say(f"Warning: {warning}", err=True)
    _say(json.dumps(result, ensure_ascii=False, indent=1) if as_json else report_text(result))


@app.command("html")
@handles_errors
def html_command(
    graph: GraphArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="The .html file to write.")],
    focus: Annotated[str | None, typer.Option(help="Only this entity's neighbourhood (label, alias or id).")] = None,
    hops: Annotated[int | None, typer.Option(min=0, help="With --focus: how many links away to go (default 2).")]
    = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="With --focus: at most this many entities, the "
                                       "strongest links first; the hubs left out are named.")] = FOCUS_LIMIT,
    types: Annotated[
        list[str] | None, typer.Option("--types", help="Only these entity types (repeat or comma-separate).")
    ] = None,
    min_weight: Annotated[int, typer.Option("--min-weight", min=1, help="Only relations with this many citations.")]
    = 1,
    keep_isolated: Annotated[bool, typer.Option("--keep-isolated", help="Keep the entities a filter leaves "
                                                "without any relation.")] = False,
    size_by: Annotated[str, typer.Option("--size-by", help="Node size by 'mentions' or 'degree'.")] = "mentions",
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Render the explorer page of a graph (or of part of it) as one offline .html file."""
    from graph.page import write_page
    from graph.query import filter_graph, neighbourhood

    if hops is not None and focus is None:
        raise InputError("--hops needs --focus ENTITY: the neighbourhood of which entity?")
    G = _load_around(graph, focus, since, until) if focus is not None else _load(graph, since, until)
    wanted = [t.strip() for item in types or [] for t in item.split(",") if t.strip()]
    if wanted or min_weight > 1:
        before = (G.number_of_nodes(), G.number_of_edges())
        G = filter_graph(G, entity_types=wanted or None, min_weight=min_weight, keep_isolated=keep_isolated)
        _say(f"filters: {G.number_of_nodes():,} of {before[0]:,} entities and {G.number_of_edges():,} of "
             f"{before[1]:,} relations kept" + ("" if keep_isolated else " (entities left without a relation "
                                                "dropped; --keep-isolated keeps them)"))
    if focus is not None:
        found = neighbourhood(G, focus, hops=2 if hops is None else hops, limit=limit, include_negated=True)
        G = found.graph
        _say(f"focus: {found.summary()}" + (" (raise --limit to take more)" if found.skipped else ""))
    path = write_page(G, output, size_by=size_by)
    _say(f"Wrote {path} ({G.number_of_nodes():,} entities, {G.number_of_edges():,} relations)")


def _load_around(graph: Path, entity: str, since: str | None, until: str | None, *, also: str | None = None):
    """The graph within the period, checking first that ``entity`` (and ``also``) are in the whole graph
    and still have a dated claim in the period."""
    from graph.query import find_entity

    G = load_graph(graph)
    if since is None and until is None:
        return G
    from graph.timeline import within

    H = within(G, since=since, until=until)
    for name in (entity, also) if also is not None else (entity,):
        node = find_entity(G, name)
        if node not in H:
            period = " ".join(p for p in (f"since {since}" if since else "", f"until {until}" if until else "") if p)
            raise InputError(f"{G.nodes[node].get('label', node)} has no dated claim {period}; "
                             f"widen --since/--until or leave them out")
    return H


@app.command("timeline")
@handles_errors
def timeline_command(
    graph: GraphArg,
    entity: EntityArg,
    since: SinceOpt = None,
    until: UntilOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the chronology as JSON.")] = False,
) -> None:
    """List ENTITY's dated claims in order: date, claims, sentence and document (a chronology)."""
    from graph.report import timeline_text
    from graph.timeline import timeline

    G = load_graph(graph)
    entries = timeline(G, entity, since=since, until=until)
    if as_json:
        _say(json.dumps([e.to_dict() for e in entries], ensure_ascii=False, indent=1))
    else:
        _say(timeline_text(G, entity, entries))


def main() -> None:
    """Entry point of the ``tangle`` console script."""
    app()


if __name__ == "__main__":
    main()

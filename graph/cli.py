"""The ``tangle`` command: a thin layer over the library.

Each command makes one library call and turns a :class:`TangleError` into a
single ``Error: …`` line: exit code 2 for a usage mistake (a missing path, a
bad option), 1 when nothing could be read.  Document text never reaches a
traceback (``pretty_exceptions_show_locals=False``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from extract.curation import Curation, load_curation
from extract.documents import discover
from extract.errors import DocumentError, InputError, TangleError
from graph.io import load_graph

__all__ = ["app", "main"]

app = typer.Typer(
    name="tangle",
    help="Tangle: read documents, find who is connected to whom and on what evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

F = TypeVar("F", bound=Callable[..., Any])


class NothingRead(TangleError):
    """Every document failed to load."""


def _fail(message: str, code: int) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def handles_errors(func: F) -> F:
    """Turn the library's errors into one ``Error:`` line and an exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NothingRead as err:
            _fail(str(err), 1)
        except TangleError as err:
            _fail(str(err), 2)
        except KeyboardInterrupt:
            _fail("interrupted; outputs written before are intact", 130)

    return wrapper  # type: ignore[return-value]


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


@app.command()
@handles_errors
def build(
    paths: Annotated[list[Path], typer.Argument(help="Documents or folders of documents (.txt, .md).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for graph.json and graph.html.")] = Path("out"),
    model: Annotated[str | None, typer.Option(help="An installed spaCy pipeline (default: en_core_web_sm).")] = None,
    curation: Annotated[
        Path | None, typer.Option(help="Curation file (YAML or TOML): merge, split, rename, retype, ignore.")
    ] = None,
    norp: Annotated[bool, typer.Option("--norp", help="Keep nationalities and groups (NORP) as entities.")] = False,
    page: Annotated[bool, typer.Option("--page/--no-page", help="Write graph.html.")] = True,
    workers: Annotated[int, typer.Option(help="Extraction processes on this machine (same output).")] = 1,
    engine: Annotated[str, typer.Option(help="Where extraction runs: local or dask.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address for --engine dask (default: a local cluster).")
    ] = None,
    cache: Annotated[
        bool, typer.Option("--cache/--no-cache", help="Reuse records of unchanged documents (OUT/cache.sqlite).")
    ] = True,
) -> None:
    """Build the entity graph of documents: OUT/graph.json and OUT/graph.html."""
    from graph.build import build as run_build

    rules = load_curation(curation) if curation else Curation()
    files = discover(paths)
    if not files:
        raise InputError(f"no .txt or .md documents in {', '.join(str(p) for p in paths)}")

    def skipped(err: DocumentError) -> None:
        typer.echo(f"Skipped {err}", err=True)

    with typer.progressbar(length=len(files), label="Reading documents", file=sys.stderr) as bar:
        try:
            report = run_build(files, out, model=model, curation=rules, norp=norp, page=page,
                               workers=workers, engine=engine, scheduler=scheduler, cache=cache,
                               on_error=lambda err: (skipped(err), bar.update(1)),
                               on_record=lambda _record: bar.update(1))
        except InputError as err:
            if "no document could be read" in str(err):
                raise NothingRead(str(err)) from err
            raise
    G = report.graph
    for path in report.outputs:
        typer.echo(f"Wrote {path}")
    typer.echo(f"documents: {report.documents} read, {len(report.skipped)} skipped")
    typer.echo(f"extraction: {report.extracted} parsed, {report.cached} from cache")
    typer.echo(f"entities: {G.number_of_nodes()} ({_counts(report.entities_by_type)})")
    typer.echo(f"relations: {G.number_of_edges()} ({_counts(report.relations_by_type)})")
    typer.echo(f"seconds: {report.seconds:.1f}")


@app.command()
@handles_errors
def entities(
    graph: Annotated[Path, typer.Argument(help="A graph.json written by 'tangle build'.")],
    type_: Annotated[str | None, typer.Option("--type", help="Only entities of this type, e.g. PERSON.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines instead of a table.")] = False,
) -> None:
    """List the entities of a graph with their mentions and documents."""
    G = load_graph(graph)
    rows = [
        {"id": node, "label": data["label"], "type": data["type"], "mentions": data["mentions"],
         "docs": len(data["docs"]), "aliases": data.get("aliases", [])}
        for node, data in G.nodes(data=True)
        if type_ is None or data["type"] == type_.upper()
    ]
    rows.sort(key=lambda r: (-r["mentions"], r["label"]))
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    width = max([len(r["label"]) for r in rows] + [6])
    typer.echo(f"{'entity':<{width}}  {'type':<11} {'mentions':>8} {'docs':>5}")
    for row in rows:
        typer.echo(f"{row['label']:<{width}}  {row['type']:<11} {row['mentions']:>8} {row['docs']:>5}")


GraphArg = Annotated[Path, typer.Argument(help="A graph.json written by 'tangle build'.")]
EntityArg = Annotated[str, typer.Argument(help="Entity label, alias or id (any case).")]
NegatedOpt = Annotated[bool, typer.Option("--include-negated", help="Walk negated relations too.")]


@app.command("ego")
@handles_errors
def ego_command(
    graph: GraphArg,
    entity: EntityArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write; the format follows the extension "
                                         "(.html .json .gexf .graphml .csv .ftm.json .cypher).")],
    hops: Annotated[int, typer.Option("--hops", min=0, help="How many links away to go.")] = 2,
    include_negated: NegatedOpt = False,
) -> None:
    """Write everything within HOPS links of ENTITY to a file."""
    from graph.exports import export
    from graph.query import ego

    for path in export(ego(load_graph(graph), entity, hops=hops, include_negated=include_negated), output):
        typer.echo(f"Wrote {path}")


@app.command("path")
@handles_errors
def path_command(
    graph: GraphArg,
    source: Annotated[str, typer.Argument(metavar="A", help="Entity to start from.")],
    target: Annotated[str, typer.Argument(metavar="B", help="Entity to reach.")],
    max_hops: Annotated[int | None, typer.Option("--max-hops", min=1, help="Give up beyond this many hops.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the paths as JSON.")] = False,
    include_negated: NegatedOpt = False,
) -> None:
    """Show how A is connected to B: each hop with relation, claim status, document and sentence."""
    from graph.query import shortest_paths
    from graph.report import no_path_text, path_dicts, path_text

    G = load_graph(graph)
    paths = shortest_paths(G, source, target, max_hops=max_hops, include_negated=include_negated)
    if as_json:
        typer.echo(json.dumps(path_dicts(G, paths), ensure_ascii=False, indent=1))
    elif paths:
        typer.echo(path_text(G, paths))
    else:
        typer.echo(no_path_text(G, source, target, max_hops=max_hops, include_negated=include_negated))
    if not paths:
        raise typer.Exit(1)


@app.command("show")
@handles_errors
def show_command(graph: GraphArg, entity: EntityArg) -> None:
    """Show an entity and all its relations with their evidence."""
    from graph.report import entity_text

    typer.echo(entity_text(load_graph(graph), entity))


@app.command("export")
@handles_errors
def export_command(
    graph: GraphArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (csv: NAME.csv writes "
                                         "NAME.nodes.csv and NAME.edges.csv).")],
    format: Annotated[str | None, typer.Option("--format", help="gexf, graphml, csv, json, ftm, cypher or html; "
                                               "default: from the output file's extension.")] = None,
) -> None:
    """Export the whole graph for Gephi, spreadsheets/Kumu, Aleph (FollowTheMoney) or Neo4j."""
    from graph.exports import export

    for path in export(load_graph(graph), output, format=format):
        typer.echo(f"Wrote {path}")


def main() -> None:
    """Entry point of the ``tangle`` console script."""
    app()


if __name__ == "__main__":
    main()

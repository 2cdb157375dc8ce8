"""graph.build: the build options, declared once in BuildOptions."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import re
from pathlib import Path

import pytest

from extract.errors import InputError
from graph.build import BuildOptions, Engine, build, build_graph


def test_an_engine_is_an_enum_and_a_name_is_accepted():
    assert BuildOptions().engine is Engine.LOCAL
    assert BuildOptions(engine="dask").engine is Engine.DASK


@pytest.mark.parametrize(("changes", "message"), [
    ({"engine": "spark"}, "unknown `engine` 'spark'; choose one of local, dask"),
    ({"workers": 0}, "must be 1 or more, not 0"),
])
def test_bad_options_are_refused_before_anything_is_read(tmp_path, changes, message):
    with pytest.raises(InputError, match=message):
        build_graph([tmp_path / "nothing-here"], **changes)
    with pytest.raises(InputError, match=message):
        build([tmp_path / "nothing-here"], tmp_path / "out", BuildOptions(), **changes)
    assert not (tmp_path / "out").exists()


def test_build_and_build_graph_take_the_same_options_and_no_other():
    """No option is spelt out beside the record: the functions take BuildOptions, callbacks and the pipeline."""
    fields = {f.name for f in dataclasses.fields(BuildOptions)}
    assert len(fields) == 10
    for function in (build, build_graph):
        parameters = set(inspect.signature(function).parameters)
        assert not parameters & fields, function.__name__
        assert {"options", "changes", "nlp", "on_error", "on_record", "on_chunk"} <= parameters


def test_a_keyword_overrides_the_options_record():
    with pytest.raises(InputError, match="must be 1 or more"):
        build_graph([], BuildOptions(workers=4), workers=0)
    with pytest.raises(TypeError):
        build_graph([], wrokers=2)


def test_a_library_error_names_the_parameter_and_the_cli_its_flag(tmp_path):
    from typer.testing import CliRunner

    from graph.cli import app

    with pytest.raises(InputError) as info:
        build_graph([], workers=0)
    assert str(info.value) == "`workers` must be 1 or more, not 0"
    assert info.value.parameter == "workers"
    (tmp_path / "a.txt").write_text("Ann Lee met Bob Roe.", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--workers", "0"])
    assert (result.exit_code, result.output) == (2, "Error: --workers must be 1 or more, not 0\n")


def _cli_flags() -> set[str]:
    import typer

    from graph.cli import app

    command = typer.main.get_command(app)
    return {opt for sub in command.commands.values() for param in sub.params
            for opt in [*param.opts, *param.secondary_opts] if opt.startswith("--") and opt != "--help"}


def _messages(path) -> list[ast.Constant]:
    """The string pieces of a module's error messages: what a ``raise`` raises, and any ``...Error(...)`` or
    ``LimitReached(...)`` built to be raised or reported."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name.endswith(("Error", "Reached", "NotFound", "NothingRead")):
                found += [c for arg in node.args for c in ast.walk(arg)
                          if isinstance(c, ast.Constant) and isinstance(c.value, str)]
    return found


def test_no_library_message_names_a_command_line_flag():
    """Library errors speak of parameters; only graph/cli.py knows the flags (its FLAGS maps one to the other)."""
    root = Path(__file__).resolve().parents[2]
    flags = _cli_flags()
    assert {"--workers", "--max-file-mb", "--text-field", "--no-cache", "--model"} <= flags
    alternatives = "|".join(map(re.escape, sorted(flags, key=len, reverse=True)))
    pattern = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")
    found = [f"{path.relative_to(root)}:{node.lineno}: {pattern.search(node.value).group()}"
             for path in sorted([*(root / "extract").rglob("*.py"), *(root / "graph").rglob("*.py")])
             if path.name != "cli.py"
             for node in _messages(path) if pattern.search(node.value)]
    assert found == [], "\n".join(found)

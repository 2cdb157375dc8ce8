"""extract.errors: one base exception, the parameters a message names, and a document's own error."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import extract.errors as errors
from extract.errors import DocumentError, InputError, TangleError

EXTRACT = Path(__file__).resolve().parents[2] / "extract"


@pytest.mark.parametrize("name", sorted(set(errors.__all__) - {"TangleError"}))
def test_every_error_is_a_tangle_error(name):
    """The CLI catches the base class: an error outside it would end in a traceback."""
    assert issubclass(getattr(errors, name), TangleError)


@pytest.mark.parametrize(("parameters", "parameter"), [
    ((), None),
    (("workers",), "workers"),
    (("cache=False",), "cache"),
    (("limits.file_mb", "model"), "limits.file_mb"),
])
def test_the_parameter_is_the_first_ones_name(parameters, parameter):
    err = InputError("message", parameters=parameters)
    assert (err.parameters, err.parameter, str(err)) == (parameters, parameter, "message")


def test_parameters_are_kept_as_a_tuple():
    assert InputError("m", parameters=["model"]).parameters == ("model",)  # type: ignore[arg-type]


def test_a_document_error_names_the_document_and_keeps_its_parts():
    err = DocumentError("in/memo.pdf", "cannot be read", kind="limit", parameters=("limits.file_mb",))
    assert str(err) == "in/memo.pdf: cannot be read"
    assert (err.path, err.reason, err.kind, err.parameter) == ("in/memo.pdf", "cannot be read", "limit",
                                                                "limits.file_mb")
    assert DocumentError("a.txt", "empty").kind == "unreadable"


def _named_parameters(path: Path) -> list[tuple[int, str, str]]:
    """(line, parameter, message text) of each error raised in ``path`` with literal ``parameters``."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        keyword = next((k for k in getattr(node, "keywords", ()) if k.arg == "parameters"), None)
        if not isinstance(node, ast.Call) or keyword is None or not isinstance(keyword.value, ast.Tuple):
            continue
        text = "".join(c.value for arg in node.args for c in ast.walk(arg)
                       if isinstance(c, ast.Constant) and isinstance(c.value, str))
        out.extend((node.lineno, e.value, text) for e in keyword.value.elts if isinstance(e, ast.Constant))
    return out


def test_every_message_writes_the_parameters_it_lists_between_backticks():
    """The CLI replaces "`workers`" by "--workers": a parameter the message does not write so is never shown."""
    found = [(f"{path.name}:{line}: {parameter}", f"`{parameter}`" in text) for path in sorted(EXTRACT.glob("*.py"))
             for line, parameter, text in _named_parameters(path)]
    assert len(found) >= 8  # the check reads the raise sites
    assert [where for where, ok in found if not ok] == []


def test_the_backtick_check_finds_a_message_without_them(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text('raise InputError(f"workers must be 1 or more, not {n}", parameters=("workers",))\n',
                      encoding="utf-8")
    assert _named_parameters(module) == [(1, "workers", "workers must be 1 or more, not ")]

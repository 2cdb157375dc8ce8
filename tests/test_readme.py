"""The README's code blocks run, so the README never lies: its example, its library code, its curation file."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def blocks(language: str) -> list[str]:
    """The README's fenced code blocks in ``language``, in order."""
    return re.findall(rf"^```{language}\n(.*?)^```$", README.read_text(encoding="utf-8"), flags=re.S | re.M)


def _console(block: str) -> list[tuple[str, str]]:
    """``(command, expected output)`` for each ``$ …`` line of a console block."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
    return [(command, "\n".join(output)) for command, output in steps]


def _same(text: str) -> str:
    """Output as compared: whitespace and line wrapping folded (the README wraps long sentences),
    and the build's duration left out (it varies)."""
    return " ".join(re.sub(r"^seconds: [\d.]+$", "seconds: N", text, flags=re.M).split())


def _sessions() -> list[str]:
    """The console blocks that run commands (``$ …``); the others show a piece of output."""
    return [block for block in blocks("console") if any(line.startswith("$ ") for line in block.splitlines())]


def test_the_readme_has_the_blocks_this_file_runs():
    assert len(_sessions()) == 1 and len(blocks("python")) == 1
    assert blocks("yaml") and blocks("sh")


@pytest.mark.slow
def test_the_example_prints_what_the_readme_shows(tmp_path):
    """Each ``$ .venv/bin/tangle …`` of the example, run in a folder holding ``data/``, prints its output."""
    (tmp_path / "data").symlink_to(ROOT / "data")
    tangle = Path(sys.executable).with_name("tangle")
    [block] = _sessions()
    steps = _console(block)
    assert [shlex.split(command)[:2] for command, _ in steps] == [[".venv/bin/tangle", "build"],
                                                                  [".venv/bin/tangle", "path"]]
    for command, expected in steps:
        args = [str(tangle), *shlex.split(command)[1:]]
        done = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=600,
                              env={**os.environ, "COLUMNS": "200"})
        assert _same(done.stdout) == _same(expected), f"{command}\n{done.stdout}{done.stderr}"


@pytest.mark.slow
def test_the_library_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    [code] = blocks("python")
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)  # noqa: S102 - the README's own example
    assert "paul-manafort" in scope["sub"]
    assert scope["paths"] and scope["paths"][0].nodes[0] == "jared-kushner"


def test_the_curation_examples_are_valid_curation_files(tmp_path):
    from extract.curation import Curation, load_curation

    for number, text in enumerate(blocks("yaml")):
        path = tmp_path / f"curation{number}.yml"
        path.write_text(text, encoding="utf-8")
        assert load_curation(path) != Curation(), text  # read, and not empty


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_shell_blocks_name_real_targets_and_commands():
    """``make X`` lines are dry-run (the real ones install and test: run by CI itself); others exist."""
    for block in blocks("sh"):
        for line in block.splitlines():
            command = shlex.split(line.split("#", 1)[0])
            if not command:
                continue
            if command[0] == "make":
                done = subprocess.run(["make", "-n", *command[1:]], cwd=ROOT, capture_output=True, text=True,
                                      timeout=60)
                assert done.returncode == 0, f"{line}\n{done.stderr}"
            else:
                assert command[0].startswith(".venv/bin/"), line
                assert Path(sys.executable).with_name(Path(command[0]).name).exists(), line
                if "-m" in command:
                    declared = re.findall(r'^\s*"(\w+):', (ROOT / "pyproject.toml").read_text(), flags=re.M)
                    markers = set(re.findall(r"\w+", command[command.index("-m") + 1])) - {"not", "and", "or"}
                    assert markers <= set(declared), line

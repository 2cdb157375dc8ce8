"""Hostile text: random Unicode, control characters, right-to-left marks and very long tokens."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.documents import iter_documents
from extract.errors import DocumentError
from extract.formats import html_to_text
from extract.normalize import clean_name, is_junk, name_key, slugify
from extract.vocabulary import load_vocabulary
from tests.fixture_files import eml_bytes

VOCAB = load_vocabulary()
HOSTILE = st.sampled_from(["\u200f", "\u202e", "\u200b", "\ufeff", "\x00", "\x1b", "\r", "\u2028", "‮", "́", "ǰ"])
TEXT = st.lists(st.one_of(st.text(max_size=30), HOSTILE, st.text(alphabet="xЖ中", min_size=500, max_size=3000)),
                max_size=8).map("".join)
#: The long runs make large examples on purpose: Hypothesis's checks for data too large to generate and
#: for slow generation would fail the test for the strategy's size, not for anything Tangle does.
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.data_too_large, HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_normalisers_never_raise(text):
    name = clean_name(text)
    assert isinstance(name, str)
    assert isinstance(is_junk(name, VOCAB), bool)
    assert name_key(name_key(text)) == name_key(text) or "ǰ" in text or "́" in text
    slug = slugify(text)
    assert slug and slug == slugify(text)
    assert slugify(slug) == slug
    assert "\x00" not in name and "\u202e" not in name


def _read(name: str, data: bytes) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        errors: list[DocumentError] = []
        docs = list(iter_documents([path], on_error=errors.append))
        assert len(docs) + len(errors) >= 1 or name.endswith(".jsonl")
        for error in errors:
            assert str(error).startswith(str(path)) and "; " in error.reason
        return docs


@SETTINGS
@given(TEXT)
def test_text_loader_never_raises(text):
    for doc in _read("t.txt", text.encode("utf-8", errors="surrogatepass")):
        assert "\r" not in doc.text


@SETTINGS
@given(st.binary(max_size=2000))
def test_text_loader_on_random_bytes(data):
    _read("t.txt", data)


@SETTINGS
@given(TEXT)
def test_html_loader_never_raises(text):
    markup = f"<title>{text[:50]}</title><p>{text}</p><script>{text}</script><div><b>{text}"
    body, _ = html_to_text(markup)
    assert isinstance(body, str)
    _read("t.html", markup.encode("utf-8", errors="surrogatepass"))


@SETTINGS
@given(TEXT, TEXT)
def test_eml_loader_never_raises(subject, body):
    subject = subject.replace("\x00", "")[:200]
    try:
        data = eml_bytes(subject=subject, body=body or "x")
    except (ValueError, UnicodeError):
        return  # the e-mail library refuses to write such a message; nothing to read
    _read("m.eml", data)


@SETTINGS
@given(st.lists(st.one_of(TEXT.map(lambda t: json.dumps({"text": t, "id": t[:5]})), TEXT), max_size=6))
def test_jsonl_loader_never_raises(lines):
    data = "\n".join(line.replace("\n", " ") for line in lines).encode("utf-8", errors="surrogatepass")
    _read("c.jsonl", data)


# The hostile-files battery: files crafted to break parsers, hang the build or exhaust memory, mixed
# with good ones in one folder and built by the real command in a child process under a fixed timeout.

GOOD = {"anna": "Anna Lee met Ben Stone in Oslo.\n", "carl": "Carl Dunn met Dora Eve in Lima.\n"}
#: Each hostile file, the start of its one Skipped line, and the option named in it, if any.
HOSTILE_FILES = {
    "bomb.docx": ("part word/document.xml inflates", "--max-ratio"),
    "bomb.pdf": ("is a PDF that decompresses beyond pypdf's safety limit", None),
    "deep.eml": ("MIME parts nested more than 32 deep", "--max-mime-depth"),
    "deep.html": ("HTML nested more than 1,000 elements deep", "--max-html-depth"),
    "big.csv#2": ("is a row longer than 16 MB", "--max-row-mb"),
    "big.jsonl#2": ("is a row longer than 16 MB", "--max-row-mb"),
    "pipe.txt": ("is a named pipe (FIFO), not a regular file", None),
    "loop.txt": ("is a link that leads back to itself", None),
    "innocent.txt": ("is a link to", "--follow-links"),
}


def hostile_folder(root: Path) -> Path:
    import os

    from tests import fixture_files

    docs = root / "docs"
    docs.mkdir()
    for name, text in GOOD.items():
        (docs / f"{name}.txt").write_text(text)
    (docs / os.fsdecode(b"caf\xe9.txt")).write_text("Erik Fox met Gina Hall in Rome.\n")
    fixture_files.docx_xxe(docs / "xxe.docx")
    fixture_files.docx_billion_laughs(docs / "laughs.docx")
    fixture_files.docx_zip_bomb(docs / "bomb.docx")
    (docs / "bomb.pdf").write_bytes(fixture_files.pdf_bomb())
    (docs / "deep.eml").write_bytes(fixture_files.eml_deep_mime(2_000))
    (docs / "deep.html").write_text(fixture_files.html_nested(100_000))
    fixture_files.write_big_field(docs / "big.csv", megabytes=100)
    fixture_files.write_big_field(docs / "big.jsonl", megabytes=100)
    os.mkfifo(docs / "pipe.txt")
    (docs / "loop.txt").symlink_to(docs / "loop.txt")
    (root / "private.txt").write_text("Private text of Hugo Ives.\n")
    (docs / "innocent.txt").symlink_to(root / "private.txt")
    return docs


@pytest.mark.slow
def test_a_folder_of_hostile_files_builds_the_good_ones(tmp_path):
    import subprocess
    import sys

    docs = hostile_folder(tmp_path)
    out = tmp_path / "out"
    tangle = Path(sys.executable).with_name("tangle")
    result = subprocess.run([str(tangle), "build", str(docs), "/dev/zero", "-o", str(out), "--no-page"],
                            capture_output=True, timeout=600)
    stderr = result.stderr.decode("utf-8", errors="replace")
    assert result.returncode == 0, stderr
    assert "Traceback" not in stderr and "Warning" not in stderr and "warn" not in stderr.lower()
    skipped = [line for line in stderr.splitlines() if line.startswith("Skipped ")]
    for name, (start, option) in HOSTILE_FILES.items():
        [line] = [line for line in skipped if line.startswith(f"Skipped {docs / name}: ")]
        assert line.startswith(f"Skipped {docs / name}: {start}")
        if option:
            assert option in line
        assert len(line) < 400
    assert "Skipped /dev/zero: is a character device, not a regular file; give a document file" in skipped
    assert len(skipped) == len(HOSTILE_FILES) + 1
    graph = json.loads((out / "graph.json").read_text())
    documents = {d["id"]: d for d in graph["graph"]["documents"]}
    assert {"anna", "carl", "caf\\xe9", "xxe", "laughs", "r1", "r3"} <= set(documents)
    assert len(documents) == 9  # and the rows r1, r3 of the other row file, under ids made unique
    assert documents["caf\\xe9"]["path"] == f"{docs}/caf\\xe9.txt"
    labels = {node["label"] for node in graph["nodes"]}
    assert {"Anna Lee", "Carl Dunn", "Erik Fox", "Angela Merkel", "Donald Trump"} <= labels
    assert "Hugo Ives" not in labels
    summary = result.stdout.decode()
    assert f"documents: 9 read, {len(HOSTILE_FILES) + 1} skipped (" in summary

import hashlib

import pytest

from extract.documents import discover, iter_documents, read_document
from extract.errors import DocumentError, InputError


def test_document_fields(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"\n\n  Title line  \nBody.\n")
    doc = read_document(path)
    assert doc.id == "report"
    assert doc.title == "Title line"
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.text.startswith("\n\n  Title line")


def test_folders_are_walked_in_sorted_order_and_ignore_files_apply(tmp_path):
    for name in ["b.txt", "a.md", "c.png", ".hidden.txt", "README.md"]:
        (tmp_path / name).write_text("Text.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "z.txt").write_text("Text.")
    (tmp_path / ".tangleignore").write_text("# not documents\nREADME.md\n")
    names = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert names == ["a.md", "b.txt", "sub/z.txt"]


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        discover([tmp_path / "nope"])


def test_same_stem_gets_a_distinct_deterministic_id(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "doc.txt").write_text("One.")
    (tmp_path / "b" / "doc.txt").write_text("Two.")
    ids = [d.id for d in iter_documents([tmp_path])]
    assert ids[0] == "doc"
    assert ids[1].startswith("doc-") and len(ids[1]) == len("doc-") + 8


def test_unreadable_documents_are_reported_and_skipped(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x00\x00" + bytes(range(256)))
    (tmp_path / "ok.txt").write_text("Fine.")
    errors: list[DocumentError] = []
    docs = list(iter_documents([tmp_path], on_error=errors.append))
    assert [d.id for d in docs] == ["ok"]
    assert sorted(e.path.rsplit("/", 1)[-1] for e in errors) == ["binary.txt", "empty.txt"]
    assert {e.kind for e in errors} == {"binary", "empty"}

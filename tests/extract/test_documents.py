import hashlib
import json
import os

import pytest

from extract.documents import Discovered, discover, estimate_documents, iter_documents, read_document
from extract.errors import DocumentError, InputError
from tests.fixture_files import alarm


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


def read_all(paths, **options):
    errors: list[DocumentError] = []
    docs = list(iter_documents(paths, on_error=errors.append, **options))
    return docs, errors


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("Anna Lee met Ben Stone in Oslo.\n")
    [doc], errors = read_all([tmp_path])
    assert errors == []
    assert doc.id == "caf\\xe9"
    assert doc.path == f"{tmp_path.as_posix()}/caf\\xe9.txt"
    json.dumps(doc.info(), ensure_ascii=False).encode("utf-8")  # what the cache and graph.json write


def test_a_link_out_of_the_folder_is_not_followed_unless_asked(tmp_path):
    private = tmp_path / "private.txt"
    private.write_text("Secret text.")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.txt").write_text("Public text.")
    (docs / "innocent.txt").symlink_to(private)
    (docs / "inside.txt").symlink_to(docs / "note.txt")
    found, [error] = read_all([docs])
    assert [d.id for d in found] == ["inside"]  # the inside link is a copy of note.txt, read once
    assert error.kind == "link outside"
    assert str(error) == (f"{docs / 'innocent.txt'}: is a link to {private}, outside the folders given; "
                          "not followed (pass `follow_links=True` to read it)")
    found, errors = read_all([docs], follow_links=True)
    assert errors == [] and sorted(d.id for d in found) == ["innocent", "inside"]


def test_a_folder_link_out_of_the_folder_is_named_and_not_walked(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.txt").write_text("Elsewhere.")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Here.")
    (docs / "out").symlink_to(tmp_path / "elsewhere")
    (docs / "loop").symlink_to(docs)
    found, [error] = read_all([docs])
    assert [d.id for d in found] == ["a"]
    assert str(error).startswith(f"{docs / 'out'}: is a link to {tmp_path / 'elsewhere'}, outside the folders given")
    found, errors = read_all([docs], follow_links=True)
    assert sorted(d.id for d in found) == ["a", "x"] and errors == []


def test_an_unreadable_subfolder_is_named(tmp_path, monkeypatch):
    """Tests run as root, who can list a chmod 000 folder: the listing itself is made to fail instead."""
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.txt").write_text("Hidden.")
    (tmp_path / "a.txt").write_text("Visible.")
    real = os.scandir

    def denied(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", denied)
    found, [error] = read_all([tmp_path])
    assert [d.id for d in found] == ["a"]
    assert str(error) == f"{tmp_path / 'locked'}: is a folder that cannot be listed (Permission denied); " \
                         "check its permissions"


@pytest.mark.parametrize("make", [
    pytest.param(lambda p: os.mkfifo(p), id="fifo"),
    pytest.param(lambda p: p.symlink_to(p.parent / "fifo"), id="link to a fifo"),
])
def test_a_fifo_is_skipped_without_opening_it(tmp_path, make):
    os.mkfifo(tmp_path / "fifo")
    path = tmp_path / "pipe.txt"
    make(path)
    (tmp_path / "ok.txt").write_text("Fine.")
    assert path in discover([path])  # given by name it is taken, then read as what it is
    with alarm(20):
        found, errors = read_all([tmp_path])
    assert [d.id for d in found] == ["ok"]
    assert [str(e) for e in errors] == [f"{path}: is a named pipe (FIFO), not a regular file; give a document file"]


def test_a_device_given_as_input_is_skipped():
    with alarm(20):
        found, [error] = read_all(["/dev/zero"])
    assert found == []
    assert str(error) == "/dev/zero: is a character device, not a regular file; give a document file"


def test_a_symlink_loop_is_one_error(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "ok.txt").write_text("Fine.")
    found, [error] = read_all([tmp_path])
    assert [d.id for d in found] == ["ok"]
    assert str(error) == f"{tmp_path / 'loop.txt'}: is a link that leads back to itself (a loop); " \
                         "fix or remove the link"


def test_a_file_that_disappears_after_discovery_is_one_error(tmp_path):
    (tmp_path / "a.txt").write_text("First.")
    (tmp_path / "b.txt").write_text("Second.")
    found = discover([tmp_path])
    (tmp_path / "a.txt").unlink()
    docs, [error] = read_all(found)
    assert [d.id for d in docs] == ["b"]
    assert str(error) == f"{tmp_path / 'a.txt'}: is gone (removed after the folder was read); " \
                         "build again to leave it out"


def test_discovered_files_are_not_walked_again(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("First.")
    found = discover([tmp_path])
    assert isinstance(found, Discovered)
    monkeypatch.setattr("extract.documents.discover", lambda *a, **k: pytest.fail("discover() ran twice"))
    assert [d.id for d in iter_documents(found)] == ["a"]


def test_a_lone_surrogate_refuses_the_row_not_the_file(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"text": "Anna Lee \\ud800 met Ben Stone."}\n{"id": "\\udc80x", "title": "T\\ud800", '
                    '"text": "Carl Dunn met Dora Eve."}\n')
    [doc], [error] = read_all([path])
    assert error.kind == "invalid text"
    assert str(error) == f"{path}#1: has text that is not valid Unicode (a lone surrogate at character 9); fix the text"
    assert (doc.id, doc.title) == ("\ufffdx", "T\ufffd")
    json.dumps(doc.info(), ensure_ascii=False).encode("utf-8")


def test_row_files_are_estimated_by_their_rows(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n  \n{"text": "z"}', encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,text\n1,x\n2,y\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("one\ntwo\nthree\n", encoding="utf-8")
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    assert [estimate_documents(tmp_path / n) for n in ("a.jsonl", "b.csv", "c.txt", "empty.csv")] == [3, 2, 1, 1]
    assert estimate_documents(tmp_path / "missing.jsonl") == 1

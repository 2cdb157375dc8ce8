"""Reading real document formats and bad input, without the model."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from extract.documents import discover, iter_documents, read_document
from extract.errors import DocumentError
from extract.formats import RowFields, html_to_text
from tests.makefiles import eml_bytes, pdf_bytes, write_docx


def read_all(paths):
    errors: list[DocumentError] = []
    docs = list(iter_documents(paths, on_error=errors.append))
    return docs, errors


def test_html_drops_scripts_and_styles_and_breaks_blocks(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><title> The  Page </title><style>p{color:red}</style></head><body>"
                    "<script>var x = 'Evil Corp';</script><h1>Heading</h1><p>First   line\nwraps.</p>"
                    "<div>Second<br>third</div><!-- a comment --></body></html>")
    doc = read_document(path)
    assert doc.title == "The Page"
    assert doc.text == "Heading\n\nFirst line wraps.\n\nSecond\nthird"
    assert "Evil" not in doc.text and "color" not in doc.text


@pytest.mark.parametrize(("markup", "expected"), [
    ("", ("", None)),
    ("<p>a</p><p>b</p>", ("a\n\nb", None)),
    ("<pre>x  y</pre>", ("x  y", None)),
    ("<ul><li>one</li><li>two</li></ul>", ("one\n\ntwo", None)),
])
def test_html_to_text_cases(markup, expected):
    assert html_to_text(markup) == expected


def test_pdf_keeps_page_offsets(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes(["Paul Manafort met Oleg Deripaska.", "Rick Gates worked for Manafort."]))
    doc = read_document(path)
    assert doc.text == "Paul Manafort met Oleg Deripaska.\n\nRick Gates worked for Manafort."
    assert doc.pages == (0, doc.text.index("Rick"))
    assert doc.info()["pages"] == 2


def test_corrupt_pdf_is_one_clear_error(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ngarbage")
    docs, errors = read_all([path])
    assert docs == []
    assert [e.kind for e in errors] == ["unparsable"]
    assert str(errors[0]).startswith(f"{path}: could not be parsed as PDF")
    assert str(errors[0]).endswith("check that it opens in a PDF reader")


def test_docx_paragraphs_are_lines(tmp_path):
    path = write_docx(tmp_path / "memo.docx", ["Memo", "Paul Manafort met Rick Gates."], title="The memo")
    doc = read_document(path)
    assert doc.text == "Memo\nPaul Manafort met Rick Gates."
    assert doc.title == "The memo"


def test_eml_headers_subject_body_and_attachments(tmp_path):
    path = tmp_path / "mail.eml"
    path.write_bytes(eml_bytes(subject="Meeting in Kyiv", body="Paul Manafort met Oleg Deripaska.\n",
                               html="<p>HTML version</p>", attachment="ledger.xlsx"))
    doc = read_document(path)
    meta = dict(doc.meta)
    assert doc.title == "Meeting in Kyiv"
    assert doc.text.strip() == "Paul Manafort met Oleg Deripaska."
    assert meta["from"] == "Alice Example <alice@example.org>"
    assert meta["to"] == "bob@example.org" and meta["cc"] == "carol@example.org"
    assert meta["date"] == "Mon, 02 Jan 2017 10:00:00 +0000"
    assert meta["attachments"] == "ledger.xlsx"


def test_eml_html_only_body_goes_through_the_html_loader(tmp_path):
    path = tmp_path / "mail.eml"
    path.write_bytes(eml_bytes(subject="S", body="", html="<script>x()</script><p>Only HTML</p>"))
    assert read_document(path).text == "Only HTML"


def test_jsonl_rows_are_documents_streamed(tmp_path):
    path = tmp_path / "corpus.jsonl"
    rows = [{"id": "a1", "title": "First", "text": "Paul Manafort."}, {"text": "No id here."},
            "not an object", {"body": "wrong field"}, {"id": 7, "text": "   "}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    docs, errors = read_all([path])
    assert [(d.id, d.title, d.path) for d in docs] == [
        ("a1", "First", f"{path.as_posix()}#1"), ("corpus-2", "No id here.", f"{path.as_posix()}#2")]
    assert [e.path.rsplit("#", 1)[1] for e in errors] == ["3", "4", "5", "6"]
    assert "has no text field 'text'; name it with --text-field" in str(errors[1])
    assert "is empty" in str(errors[2])
    assert not isinstance(iter_documents([path]), list)


def test_jsonl_custom_fields(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"key": "k1", "headline": "H", "body": "Text."}) + "\n")
    fields = RowFields(text="body", id="key", title="headline")
    [doc] = iter_documents([path], fields=fields)
    assert (doc.id, doc.title, doc.text) == ("k1", "H", "Text.")


def test_csv_rows_and_missing_column(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text('id,title,text\nr1,One,"Paul Manafort met\nRick Gates."\n,,Second row.\n')
    docs, errors = read_all([path])
    assert [(d.id, d.path) for d in docs] == [("r1", f"{path.as_posix()}#1"), ("sheet-2", f"{path.as_posix()}#2")]
    assert docs[0].text == "Paul Manafort met\nRick Gates."
    assert errors == []
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    _, errors = read_all([other])
    assert str(errors[0]) == f"{other}: has no column 'text' (columns: a, b); name the text column with --text-field"


def test_cp1252_text_is_decoded_and_recorded(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café du marché était fermé. Über Straße, naïve résumé.\n".encode("cp1252"))
    doc = read_document(path)
    assert doc.text.startswith("Le café du marché")
    assert dict(doc.meta)["encoding"] == "cp1252"
    assert doc.info()["meta"] == {"encoding": "cp1252"}


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\x00" * 50, b"\x7fELF\x02\x01\x01" + bytes(range(32)) * 20])
def test_binary_with_a_text_extension(tmp_path, data):
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    _, [error] = read_all([path])
    assert error.kind == "binary"
    assert str(error) == f"{path}: is binary, not text (NUL or control bytes); remove it or fix its extension"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    _, [error] = read_all([path])
    assert str(error) == f"{path}: is empty; nothing to read"


def test_broken_symlink(tmp_path):
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "ok.txt").write_text("Fine.")
    docs, [error] = read_all([tmp_path])
    assert [d.id for d in docs] == ["ok"]
    assert error.kind == "broken link"
    link, gone = tmp_path / "link.txt", tmp_path / "gone.txt"
    assert str(error) == f"{link}: is a broken link (to {gone}); fix or remove the link"


def test_unreadable_file(tmp_path, monkeypatch):
    """Tests run as root, who can read a chmod 000 file: the read itself is made to fail instead."""
    path = tmp_path / "secret.txt"
    path.write_text("Hidden.")
    real = os.open

    def denied(file, flags, *args, **kwargs):
        if os.fspath(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    _, [error] = read_all([path])
    assert str(error) == f"{path}: cannot be read (Permission denied); check that it exists and is readable"
    assert isinstance(error.__cause__, PermissionError)


def test_identical_files_are_one_document_with_both_paths(tmp_path):
    (tmp_path / "a.txt").write_text("Same text.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Same text.")
    (tmp_path / "c.txt").write_text("Other text")  # same size, other bytes
    docs, errors = read_all([tmp_path])
    assert [d.id for d in docs] == ["a", "c"]
    assert docs[0].info()["also_at"] == [(tmp_path / "sub" / "b.txt").as_posix()]
    assert "also_at" not in docs[1].info()
    assert errors == []


def test_nested_folders_and_non_latin_names(tmp_path):
    deep = tmp_path / "a b" / "Досье" / "深い"
    deep.mkdir(parents=True)
    (deep / "Отчёт о встрече.txt").write_text("Текст.")
    (deep / "报告 1.md").write_text("文本。")
    docs, errors = read_all([tmp_path])
    assert sorted(d.id for d in docs) == ["Отчёт о встрече", "报告 1"]
    assert errors == []


def test_iter_documents_is_lazy(tmp_path):
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "b.txt").write_bytes(b"")
    documents = iter_documents([tmp_path])
    assert next(documents).id == "a"
    with pytest.raises(DocumentError, match="is empty"):
        next(documents)


@pytest.mark.slow
def test_ten_thousand_tiny_files_are_found_and_read_fast(tmp_path):
    for folder in range(10):
        sub = tmp_path / f"d{folder}"
        sub.mkdir()
        for i in range(1000):
            (sub / f"{i:04d}.txt").write_text(f"Note {folder}-{i}.")
    started = time.perf_counter()
    assert len(discover([tmp_path])) == 10_000
    docs, errors = read_all([tmp_path])
    assert len(docs) == 10_000 and errors == []
    assert time.perf_counter() - started < 30


def test_row_files_are_not_read_whole(tmp_path, monkeypatch):
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps({"text": f"Row {i}."}) + "\n" for i in range(1000)))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("a row file was read whole"))
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: pytest.fail("a row file was read whole"))
    documents = iter_documents([path])
    assert next(documents).id == "big-1"
    assert sum(1 for _ in documents) == 999
    assert os.path.getsize(path) > 0

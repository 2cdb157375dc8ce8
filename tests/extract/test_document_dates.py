"""Each document's date, from the best source it has, with where it came from."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from extract.documents import iter_documents, make_document
from extract.errors import DocumentError
from extract.formats import RowFields
from tests.fixture_files import eml_bytes, pdf_bytes, write_docx


def read_all(paths, **options):
    errors: list[DocumentError] = []
    docs = list(iter_documents(paths, on_error=errors.append, **options))
    return docs, errors


def dated(path, **options):
    docs, errors = read_all([path], **options)
    assert not errors
    return [(d.date, d.date_source) for d in docs]


def test_jsonl_date_field(tmp_path):
    rows = [{"text": "One.", "date": "6/1/2005"}, {"text": "Two.", "date": "2016-06-15T09:00:00Z"},
            {"text": "Three.", "date": "soon"}, {"text": "Four."}, {"text": "Five.", "date": 20160615}]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert dated(path, fields=RowFields(date="date")) == [
        ("2005-06-01", "date field"), ("2016-06-15", "date field"), (None, None), (None, None),
        ("2016-06-15", "date field")]
    assert dated(path, fields=RowFields(date="date", day_first=True))[0] == ("2005-01-06", "date field")
    assert dated(path) == [(None, None)] * 5  # no --date-field: the field is not read


def test_csv_date_field(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("text,published\nOne.,\"June 15, 2016\"\nTwo.,03/04/05\n", encoding="utf-8")
    assert dated(path, fields=RowFields(date="published")) == [("2016-06-15", "date field"), (None, None)]


def test_html_meta_and_time(tmp_path):
    meta = tmp_path / "a.html"
    meta.write_text('<html><head><meta property="article:published_time" content="2016-06-15T10:00:00-04:00">'
                    '</head><body><p>Text.</p></body></html>', encoding="utf-8")
    time = tmp_path / "b.html"
    time.write_text('<p>Posted <time datetime="2017-01-20">Friday</time></p><p>Text.</p>', encoding="utf-8")
    bad = tmp_path / "c.html"
    bad.write_text('<meta name="date" content="not a date"><p>Text.</p>', encoding="utf-8")
    assert dated(meta) == [("2016-06-15", "html meta")]
    assert dated(time) == [("2017-01-20", "html time")]
    assert dated(bad) == [(None, None)]


def test_eml_date_header(tmp_path):
    path = tmp_path / "m.eml"
    path.write_bytes(eml_bytes(subject="Hi", body="Text."))
    docs, _ = read_all([path])
    expected = docs[0].meta and dict(docs[0].meta).get("date")
    assert expected, "the test message carries a Date header"
    assert docs[0].date_source == "e-mail Date" and len(docs[0].date) == 10


def test_pdf_creation_date(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["Some text."]))))
    writer.add_metadata({"/CreationDate": "D:20160615120000+02'00'"})
    path = tmp_path / "memo.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert dated(path) == [("2016-06-15", "pdf metadata")]


def test_docx_created(tmp_path):
    import docx

    path = write_docx(tmp_path / "memo.docx", ["Memo", "Text."])
    assert dated(path) == [(None, None)]  # python-docx's template date is no date
    document = docx.Document(str(path))
    from datetime import UTC, datetime

    document.core_properties.created = datetime(2016, 6, 15, 9, 0, tzinfo=UTC)
    document.save(str(path))
    assert dated(path) == [("2016-06-15", "docx metadata")]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.txt", "TITLE: Talks\nDATE: 2016-06-15\n\nBody.", ("2016-06-15", "DATE line")),
        ("a.txt", "TITLE: Talks\nDATE: whenever\n\nPosted June 9, 2016\nBody.", ("2016-06-09", "first lines")),
        ("a.txt", "Report\n\nChecked on January 17, 2026\nBody.", ("2026-01-17", "first lines")),
        ("memo_2016-06-15.txt", "Body without a date.", ("2016-06-15", "file name")),
        ("memo.txt", "Body without a date.\n" * 10 + "Written June 9, 2016.", (None, None)),
        ("memo.txt", "In the 1990s and in spring, on 03/04/05.", (None, None)),
    ],
)
def test_text_sources(tmp_path, name, text, expected):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert dated(path) == [expected]


def test_sidecar_overrides_every_source(tmp_path):
    path = tmp_path / "memo_2016-06-15.txt"
    path.write_text("DATE: 2016-06-15\nTITLE: Memo\n\nBody.", encoding="utf-8")
    Path(f"{path}.date").write_text("2017-01-20\n", encoding="utf-8")
    assert dated(path) == [("2017-01-20", "sidecar")]
    Path(f"{path}.date").write_text("not a date\n", encoding="utf-8")
    assert dated(path) == [("2016-06-15", "DATE line")]  # an unreadable sidecar is passed over


def test_the_metadata_value_goes_before_the_text():
    doc = make_document("Posted June 9, 2016.\nBody.", path="x.txt", doc_id="x", date="2016-06-15",
                        date_source="html meta")
    assert (doc.date, doc.date_source) == ("2016-06-15", "html meta")
    assert doc.info()["date"] == "2016-06-15" and doc.info()["date_source"] == "html meta"
    assert "date" not in make_document("Body.", path="x.txt", doc_id="x").info()


def published(path, **options):
    docs, errors = read_all([path], **options)
    assert not errors
    return [(d.date, d.date_source, d.published, d.published_source) for d in docs]


STORY_URL = "https://news.example.com/politics/a-story/2017/09/20/399bba1a_story.html?utm_term=.a6"


def test_a_rows_web_address_gives_the_day_it_was_published(tmp_path):
    rows = [{"text": "One.", "date": "7/7/2016", "url": STORY_URL},  # the date of the events it tells
            {"text": "Two.", "date": "7/24/2016", "url": "https://news.example.com/2016/07/24/b.html"},
            {"text": "Three.", "date": "3/21/2017", "url": "https://news.example.com/2017/04/c/"},
            {"text": "Four.", "date": "7/7/2016", "url": "https://news.example.com/story/d"},
            {"text": "Five.", "url": "https://news.example.com/2016/06/20/e.html"},
            {"text": "Six.", "url": 20160620}]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert published(path, fields=RowFields(date="date")) == [
        ("2016-07-07", "date field", "2017-09-20", "url"),
        ("2016-07-24", "date field", None, None),
        ("2017-03-21", "date field", "2017-04", "url"),
        ("2016-07-07", "date field", None, None),
        ("2016-06-20", "url", None, None),  # no date field value: the address dates the row
        (None, None, None, None)]
    assert published(path, fields=RowFields(date="date", url=None))[0] == ("2016-07-07", "date field", None, None)
    assert published(path, fields=RowFields(url="link"))[4] == (None, None, None, None)


def test_a_csv_rows_web_address(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text(f"text,when,link\nOne.,7/7/2016,{STORY_URL}\n", encoding="utf-8")
    assert published(path, fields=RowFields(date="when", url="link")) == [
        ("2016-07-07", "date field", "2017-09-20", "url")]


def test_a_pages_own_web_address(tmp_path):
    canonical = tmp_path / "a.html"
    canonical.write_text(f'<html><head><link rel="canonical" href="{STORY_URL}">'
                         '<meta property="article:published_time" content="2017-09-20T10:00:00-04:00">'
                         '<meta property="og:url" content="https://news.example.com/2015/01/01/x">'
                         '</head><body><p>Text.</p></body></html>', encoding="utf-8")
    og = tmp_path / "b.html"
    og.write_text(f'<html><head><meta property="og:url" content="{STORY_URL}"></head>'
                  '<body><p>Text.</p></body></html>', encoding="utf-8")
    other = tmp_path / "c.html"
    other.write_text(f'<p>Read <a href="{STORY_URL}">more</a>.</p>', encoding="utf-8")
    assert published(canonical) == [("2017-09-20", "html meta", None, None)]
    assert published(og) == [("2017-09-20", "url", None, None)]
    assert published(other) == [(None, None, None, None)]  # a link on the page is not the page's address


def test_a_url_header_line(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(f"TITLE: A story\nDATE: 7/7/2016\nURL: {STORY_URL}\n\nBody.", encoding="utf-8")
    assert published(path) == [("2016-07-07", "DATE line", "2017-09-20", "url")]
    alone = tmp_path / "alone.txt"
    alone.write_text(f"TITLE: A story\nURL: {STORY_URL}\n\nPosted June 9, 2016.", encoding="utf-8")
    assert published(alone) == [("2017-09-20", "url", None, None)]  # the address before the text's dates
    Path(f"{path}.date").write_text("2016-07-07\n", encoding="utf-8")
    assert published(path) == [("2016-07-07", "sidecar", None, None)]  # the user's date is final


def test_the_day_of_publication_is_in_the_documents_info():
    doc = make_document("Body.", path="x.jsonl#1", doc_id="x", date="7/7/2016", date_source="date field",
                        url=STORY_URL)
    info = doc.info()
    assert (info["date"], info["date_source"], info["published"], info["published_source"]) == (
        "2016-07-07", "date field", "2017-09-20", "url")
    assert "published" not in make_document("Body.", path="x.txt", doc_id="x", date="2017-09-20",
                                            date_source="date field", url=STORY_URL).info()

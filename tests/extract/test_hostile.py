"""Hostile text: random Unicode, control characters, right-to-left marks and very long tokens."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.documents import iter_documents
from extract.errors import DocumentError
from extract.formats import html_to_text
from extract.normalize import clean_name, is_junk, name_key, slugify
from extract.vocab import load_vocab
from tests.makefiles import eml_bytes

VOCAB = load_vocab()
HOSTILE = st.sampled_from(["\u200f", "\u202e", "\u200b", "\ufeff", "\x00", "\x1b", "\r", "\u2028", "‮", "́", "ǰ"])
TEXT = st.lists(st.one_of(st.text(max_size=30), HOSTILE, st.text(alphabet="xЖ中", min_size=500, max_size=3000)),
                max_size=8).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


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

import pytest

from extract.text import markers_between, prepare
from extract.vocabulary import load_vocabulary

BOILER = load_vocabulary().boilerplate


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("Trump praised Putin [1] [2].", (1, 2)),
        ("A claim [4] [3] and more [10].", (4, 3, 10)),
        ("No markers here.", ()),
        ("Repeated [2] [2].", (2,)),
        ("Not a marker [citation needed] or [a].", ()),
    ],
)
def test_markers_are_found_in_order(text, markers):
    prepared = prepare(text, BOILER)
    assert markers_between(prepared, 0, len(text)) == markers


def test_masking_keeps_every_offset():
    text = "Putin met Trump [1] [2].\nDisclaimer: this can be wrong.\nMoscow [3]."
    prepared = prepare(text, BOILER)
    assert len(prepared.masked) == len(text)
    assert "[" not in prepared.masked
    assert "Disclaimer" not in prepared.masked
    assert prepared.masked.index("Moscow") == text.index("Moscow")
    assert prepared.masked.count("\n") == text.count("\n")


def test_markers_are_counted_only_inside_the_range():
    text = "First [1]. Second [2]."
    prepared = prepare(text, BOILER)
    assert markers_between(prepared, 0, text.index("Second")) == (1,)
    assert markers_between(prepared, text.index("Second"), len(text)) == (2,)


def test_content_ends_at_follow_up_questions():
    text = "Putin met Trump.\nWant to dive deeper?\nWhat did Mueller find?\n"
    masked = prepare(text, BOILER).masked
    assert "Putin met Trump." in masked
    assert "Mueller" not in masked and "dive" not in masked


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("The project stalled.<FN289> Work resumed.", "<FN289>"),
        ("<SECTION>1. The Tower Project", "<SECTION>"),
        ("He met <REDACTED> in Kyiv.", "<REDACTED>"),
        ("Source E, [REDACTED], confirmed it.", "[REDACTED]"),
        ("Source E, [redacted], confirmed it.", "[redacted]"),
        ("a pageant in Moscow.291 Donald Jones served", "291"),
    ],
)
def test_editorial_markers_are_masked_not_cited(text, gone):
    prepared = prepare(text, BOILER)
    assert len(prepared.masked) == len(text)
    assert gone not in prepared.masked
    assert prepared.marker_numbers == ()
    start = text.index(gone)
    assert prepared.masked[start:start + len(gone)].strip() == ""
    assert prepared.masked.replace(" ", "") == text.replace(gone, "").replace(" ", "")


def test_a_company_name_in_angle_brackets_is_kept():
    text = "<Acme Airways Ltd> ordered four jets."
    assert "Acme Airways Ltd" in prepare(text, BOILER).masked


HEADED = "TITLE: Lee Phoned Envoy\nSOURCE: Acme Wire\nDATE: 6/1/2005\nURL: https://example.org/a\n\nAnn Lee called."


def test_header_lines_are_metadata_and_only_the_title_is_read():
    masked = prepare(HEADED, BOILER).masked
    assert len(masked) == len(HEADED)
    assert "Lee Phoned Envoy" in masked
    assert not any(word in masked for word in ("TITLE", "SOURCE", "Acme Wire", "example.org", "6/1/2005"))
    assert masked.endswith("Ann Lee called.")


def test_a_header_block_becomes_the_documents_title_and_metadata():
    from extract.documents import make_document

    doc = make_document(HEADED, path="a.txt", doc_id="a")
    assert doc.title == "Lee Phoned Envoy"
    assert ("source", "Acme Wire") in doc.meta and ("url", "https://example.org/a") in doc.meta


def test_speaker_lines_of_a_transcript_are_not_a_header():
    text = "LEE: Did you meet him?\nKIM: No.\n"
    assert prepare(text, BOILER).masked == text

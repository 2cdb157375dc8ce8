"""Fixture files made by the tests themselves, so nothing binary is committed."""

from __future__ import annotations

import io
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path


def pdf_bytes(pages: list[str]) -> bytes:
    """A minimal valid PDF with one line of Helvetica text per page (ASCII only)."""
    objects: list[bytes] = []
    count = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    font_ref = 3 + 2 * count
    for i, text in enumerate(pages):
        page_id, content_id = 3 + 2 * i, 4 + 2 * i
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
                       f"/Resources << /Font << /F1 {font_ref} 0 R >> >> >>".encode())
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream = f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        assert page_id + 1 == content_id
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    """A PDF file of numbered ``objects`` (object 1 the catalog), with its cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def write_docx(path: Path, paragraphs: list[str], *, title: str | None = None) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if title:
        document.core_properties.title = title
    document.save(str(path))
    return path


def eml_bytes(*, subject: str, body: str, html: str | None = None, attachment: str | None = None,
              sender: str = "Alice Example <alice@example.org>", to: str = "bob@example.org") -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Cc"] = "carol@example.org"
    message["Date"] = "Mon, 02 Jan 2017 10:00:00 +0000"
    message["Subject"] = subject
    if body:
        message.set_content(body)
    if html is not None:
        if body:
            message.add_alternative(html, subtype="html")
        else:
            message.set_content(html, subtype="html")
    if attachment:
        message.add_attachment(b"PK\x03\x04 data", maintype="application", subtype="octet-stream",
                               filename=attachment)
    return message.as_bytes()


# Hostile files: each is crafted the way an attacker would, small on disk and generated on the spot.

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_with_body(path: Path, body: bytes, *, prolog: bytes = b"", core: bool = True) -> Path:
    """A DOCX whose ``word/document.xml`` is ``body`` (paragraph XML) after ``prolog`` (a DOCTYPE)."""
    import zipfile

    base = write_docx(path.with_suffix(".base.docx"), ["placeholder"])
    xml = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + prolog
           + f'<w:document xmlns:w="{_W}"><w:body>'.encode() + body + b"</w:body></w:document>")
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "docProps/core.xml" and not core:
                continue
            data = xml if info.filename == "word/document.xml" else source.read(info)
            if info.filename == "_rels/.rels" and not core:
                data = re.sub(rb"<Relationship [^>]*docProps/core.xml[^>]*/>", b"", data)
            target.writestr(info.filename, data)
    base.unlink()
    return path


def _paragraph(text: str) -> bytes:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()


def docx_xxe(path: Path, *, sentence: str = "Angela Merkel met &xxe;Donald Trump.") -> Path:
    """A DOCX whose paragraph holds an external entity pointing at a local file (XXE)."""
    prolog = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return _docx_with_body(path, _paragraph("First line.") + _paragraph(sentence), prolog=prolog)


def docx_billion_laughs(path: Path) -> Path:
    """A DOCX with nested entity expansion: ten levels of ten, 10**9 copies of "lol"."""
    entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    prolog = f"<!DOCTYPE w:document [{entities}]>".encode()
    return _docx_with_body(path, _paragraph("Laughs &l9; here."), prolog=prolog)


def docx_zip_bomb(path: Path, *, megabytes: int = 8) -> Path:
    """A DOCX whose document part is one text node of ``megabytes`` MB, compressed about a thousand times."""
    return _docx_with_body(path, _paragraph("a" * (megabytes * 1_000_000)))


def docx_without_core(path: Path, paragraphs: list[str]) -> Path:
    """A DOCX with no ``docProps/core.xml`` (no title, no author)."""
    return _docx_with_body(path, b"".join(_paragraph(p) for p in paragraphs), core=False)


def pdf_bomb() -> bytes:
    """A PDF whose one page stream inflates to 300 MB of zeros from about 300 KB."""
    import zlib

    stream = zlib.compress(bytes(300_000_000), 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    return _pdf_file(objects)


def eml_deep_mime(depth: int = 2000) -> bytes:
    """An e-mail whose multipart parts nest ``depth`` levels deep."""
    lines = ["From: a@example.org", "Subject: deep", "MIME-Version: 1.0"]
    for level in range(depth):
        lines += [f'Content-Type: multipart/mixed; boundary="b{level}"', "", f"--b{level}"]
    lines += ["Content-Type: text/plain", "", "Deep body."]
    lines += [f"--b{level}--" for level in reversed(range(depth))]
    return ("\n".join(lines) + "\n").encode()


def eml_big_attachment(megabytes: int = 50) -> bytes:
    """An e-mail with a short body and an attachment of ``megabytes`` MB."""
    message = EmailMessage()
    message["From"] = "a@example.org"
    message["Subject"] = "Big attachment"
    message.set_content("Anna Lee met Ben Stone in Oslo.\n")
    message.add_attachment(bytes(range(256)) * (megabytes * 1_000_000 // 256), maintype="application",
                           subtype="octet-stream", filename="dump.bin")
    return message.as_bytes()


def html_nested(depth: int, *, tag: str = "div") -> str:
    """HTML with ``depth`` elements nested in one another around one sentence."""
    return f"<{tag}>" * depth + "Deep text." + f"</{tag}>" * depth


def write_big_field(path: Path, *, megabytes: int = 100) -> Path:
    """A ``.csv`` or ``.jsonl`` file whose second row has a text field of ``megabytes`` MB, between two good rows."""
    chunk = b"x" * 1_000_000
    with path.open("wb") as out:
        if path.suffix == ".csv":
            out.write(b"id,text\nr1,Anna Lee met Ben Stone.\nr2,")
            for _ in range(megabytes):
                out.write(chunk)
            out.write(b"\nr3,Carl Dunn met Dora Eve.\n")
        else:
            out.write(b'{"id": "r1", "text": "Anna Lee met Ben Stone."}\n{"id": "r2", "text": "')
            for _ in range(megabytes):
                out.write(chunk)
            out.write(b'"}\n{"id": "r3", "text": "Carl Dunn met Dora Eve."}\n')
    return path


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    """Fail with ``TimeoutError`` if the block runs longer than ``seconds``: proof that nothing hangs."""
    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

"""Every bad input is refused with a DocumentError (E1xx) and one sentence; no traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from codecheck.documents.read import read_document
from codecheck.errors import CodecheckError, DocumentError
from parse_fixtures import (
    SPECS,
    build_encrypted_pdf,
    build_image_only_pdf,
    build_pdf,
    build_plain_pdf,
)


@pytest.fixture(scope="module")
def good_pdf(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("good") / "good.pdf"
    return build_pdf(SPECS["en"], path).read_bytes()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _make(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


CASES = {
    # name: (file name, maker(tmp_path, good_pdf) -> Path, code, words the message must hold)
    "missing": ("absent.pdf", None, "E101", ["not found"]),
    "folder": ("folder", "dir", "E102", ["folder"]),
    "empty pdf": ("empty.pdf", b"", "E104", ["empty"]),
    "empty txt": ("empty.txt", b"", "E104", ["empty"]),
    "blank txt": ("blank.txt", "  \n\n\t\n", "E104", ["empty"]),
    "blank md": ("blank.md", "\ufeff\n   \n", "E104", []),
    "unsupported": ("code.rtf", "{\\rtf1 Principle 1.}", "E106", ["unsupported", ".pdf"]),
    "text as pdf": ("code.pdf", "Principle 1. This is text, not a PDF.", "E105", ["not a PDF"]),
    "text as docx": ("code.docx", "Principle 1. Not a Word file.", "E105", ["not a Word"]),
    "pdf as txt": ("code.txt", "PDF", "E105", ["PDF"]),
    "pdf as docx": ("code2.docx", "PDF", "E105", ["not a Word"]),
    "docx as md": ("code.md", "DOCX", "E105", ["zip"]),
    "binary as txt": ("code3.txt", bytes(range(256)) * 8, "E105", ["binary"]),
    "zip that is not docx": ("other.docx", "ZIP", "E111", ["Word"]),
    "broken zip docx": ("broken.docx", b"PK\x03\x04" + b"\x00" * 200, "E111", ["Word"]),
    "truncated pdf": ("truncated.pdf", "TRUNC", "E107", ["corrupt or truncated"]),
    "header-only pdf": ("header.pdf", "HEAD", "E107", ["corrupt or truncated"]),
    "garbage pdf": ("garbage.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40, "E107", ["corrupt or truncated"]),
    "encrypted pdf": ("locked.pdf", "ENC", "E108", ["encrypted", "decrypt"]),
    "scanned pdf": ("scan.pdf", "IMG", "E109", ["text layer", "OCR", "ocrmypdf"]),
    "no numbering txt": ("prose.txt", "Just filler prose.\nNothing numbered here at all.\n", "E110",
                         ["no provision numbering", "Principle 3.", "Article 5", "Hoofdstuk 3", "3.1"]),
    "no numbering pdf": ("prose.pdf", "PLAINPDF", "E110", ["tried"]),
}


def _build(tmp_path: Path, name: str, how, good: bytes) -> Path:
    path = tmp_path / name
    if how is None:
        return path
    if how == "dir":
        path.mkdir()
        return path
    if how == "PDF":
        return _make(tmp_path, name, good)
    if how == "DOCX":
        import docx

        d = docx.Document()
        d.add_paragraph("Principle 1. Filler.")
        buf = io.BytesIO()
        d.save(buf)
        return _make(tmp_path, name, buf.getvalue())
    if how == "ZIP":
        return _make(tmp_path, name, _zip({"readme.txt": b"filler"}))
    if how == "TRUNC":
        return _make(tmp_path, name, good[: len(good) // 3])
    if how == "HEAD":
        return _make(tmp_path, name, good[:1200])
    if how == "ENC":
        return build_encrypted_pdf(path)
    if how == "IMG":
        return build_image_only_pdf(path)
    if how == "PLAINPDF":
        return build_plain_pdf(path, ["Just filler prose in a PDF.", "Nothing numbered here."])
    return _make(tmp_path, name, how)


@pytest.mark.parametrize("case", sorted(CASES))
def test_refused_cleanly(case, tmp_path, good_pdf):
    name, how, code, words = CASES[case]
    path = _build(tmp_path, name, how, good_pdf)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    err = info.value
    assert err.code == code, err.message
    assert isinstance(err, CodecheckError)
    assert "\n" not in err.message
    assert "Traceback" not in err.message
    for word in words:
        assert word.lower() in err.message.lower(), (word, err.message)


@pytest.mark.parametrize("case", ["truncated pdf", "encrypted pdf", "scanned pdf", "text as docx", "missing"])
def test_cli_one_line_exit_2(case, tmp_path, good_pdf, capsys):
    from codecheck.cli import main

    name, how, code, _ = CASES[case]
    path = _build(tmp_path, name, how, good_pdf)
    rc = main(["parse", str(path)])
    captured = capsys.readouterr()
    assert rc == 2
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and code in lines[0]
    assert "Traceback" not in captured.err


def test_mostly_scanned_pdf(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.text(20, 20, "Principle 1. A text cover page before the scanned ones.")
    pdf.text(20, 30, "1.1 The board should read the scanned pages below.")
    for k in range(2, 8):
        pdf.text(20, 30 + 10 * k, f"1.{k} The board should read more filler text on the one page with text.")
    for _ in range(4):
        pdf.add_page()
        pdf.rect(20, 20, 150, 200, style="F")
    path = tmp_path / "partly-scanned.pdf"
    pdf.output(str(path))
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert info.value.code == "E109" and "4 of its 5 pages" in info.value.message


def test_unknown_language(tmp_path):
    path = _make(tmp_path, "c.txt", "Principle 1. Filler.\n1.1 Filler text.\n")
    with pytest.raises(DocumentError) as info:
        read_document(path, lang="de")
    assert info.value.code == "E113"


def test_owner_password_only_pdf_opens(tmp_path):
    """Restrictions without a user password are not a lock: the text is read."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-only")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.text(20, 20, "Principle 1. The company shall use filler.")
    pdf.text(20, 30, "1.1 The board should read filler text.")
    path = tmp_path / "restricted.pdf"
    pdf.output(str(path))
    code = read_document(path)
    assert [p.id for p in code.provisions] == ["1", "1.1"]


@pytest.mark.parametrize("cut", [0.5, 0.75, 0.9, 0.97])
def test_any_truncation_is_clean(cut, tmp_path, good_pdf):
    """Cut anywhere: either a clean refusal or a (partial) read, never a library exception."""
    path = _make(tmp_path, "cut.pdf", good_pdf[: int(len(good_pdf) * cut)])
    try:
        code = read_document(path)
    except DocumentError as err:
        assert err.code.startswith("E1")
    else:
        assert code.provisions


def test_yaml_goes_to_the_corpus_reader(tmp_path):
    path = _make(tmp_path, "broken.yaml", "code: [unclosed\n")
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert info.value.code.startswith("E14")  # the corpus reader's own codes


# ------------------------------------------------------------------ fuzzing (hypothesis)

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=st.binary(min_size=0, max_size=3000), suffix=st.sampled_from([".pdf", ".docx", ".txt", ".md"]))
def test_random_bytes_never_escape(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        read_document(path)
    except DocumentError as err:
        assert err.code.startswith("E1") and "\n" not in err.message


@FUZZ
@given(data=st.data())
def test_damaged_pdf_never_escapes(tmp_path, good_pdf, data):
    """Overwrite a few bytes of a good PDF: a clean read or a clean refusal, nothing else."""
    raw = bytearray(good_pdf)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(raw))
    try:
        code = read_document(path)
    except DocumentError as err:
        assert err.code.startswith("E1") and "\n" not in err.message
    else:
        assert code.kind == "file"

"""Generate reader test fixtures on the fly (no binary files in the repo).

Each helper writes one kind of file the readers must handle: Word documents
with tables, PDFs with a Vietnamese text layer, scanned (image-only) PDFs,
legacy-encoded text, zip bombs.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

from pipeline.readers.legacy import to_legacy

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
)


def corpus_text(prefix: str = "000_") -> str:
    """The UTF-8 text of the corpus file whose name starts with `prefix`."""
    return next(CORPUS.glob(f"{prefix}*.txt")).read_text(encoding="utf-8")


def vietnamese_font() -> Path | None:
    """A TTF with Vietnamese glyphs (Debian fonts-dejavu-core), or None."""
    found = next((f for f in FONT_CANDIDATES if f.exists()), None)
    if found or not shutil.which("fc-list"):
        return found
    listing = subprocess.run(
        ["fc-list", ":lang=vi", "file"], capture_output=True, text=True, timeout=20
    ).stdout
    paths = [Path(line.split(":")[0]) for line in listing.splitlines() if line.strip().endswith(".ttf:")]
    return paths[0] if paths else None


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Word writes it: precomposed base letters (â ơ ư đ), tone as a combining mark."""
    quality = {"\u0302", "\u0306", "\u031b"}
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize(
            "NFC", "".join(c for c in parts if c not in "\u0300\u0301\u0303\u0309\u0323")
        )
        tones = [c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323" and c not in quality]
        out.append(base + "".join(tones))
    return "".join(out).encode("cp1258", errors="replace")


def encode_legacy(text: str, encoding: str) -> bytes:
    """TCVN3 or VNI bytes, as a .VnTime / VNI-Times document saved as plain text."""
    return to_legacy(text, encoding).encode("cp1252", errors="replace")


def make_docx(path: Path, before: str, rows: list[list[str]], after: str) -> Path:
    """A .docx with a paragraph, a table, and a paragraph, in that body order."""
    import docx

    document = docx.Document()
    document.add_paragraph(before)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph(after)
    document.save(str(path))
    return path


def make_pdf(path: Path, pages: list[str], font: Path, password: str | None = None) -> Path:
    """A PDF with one page per string, set in a Vietnamese-capable font; optionally encrypted."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("Viet", "", str(font))
    pdf.set_font("Viet", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    if password:
        pdf.set_encryption(owner_password=password + "-owner", user_password=password)
    pdf.output(str(path))
    return path


def make_scanned_pdf(path: Path, text: str, font: Path, tmp: Path) -> Path:
    """An image-only PDF (like a scan): render a text PDF to PNG with pdftoppm, embed the image."""
    from fpdf import FPDF

    source = make_pdf(tmp / "scan-source.pdf", [text], font)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(source), str(tmp / "scan")],
        check=True,
        timeout=60,
    )
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(tmp / "scan.png"), x=0, y=0, w=210)
    pdf.output(str(path))
    return path


def make_zip_bomb_docx(path: Path, inflated_bytes: int = 8 * 1024 * 1024) -> Path:
    """A .docx-shaped zip whose document.xml inflates far beyond its compressed size."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(inflated_bytes // len(chunk)):
                member.write(chunk)
    path.write_bytes(buffer.getvalue())
    return path


def make_layout_pdf(path: Path, font: Path, left: str, right: str, paragraph: str, items: list[str]) -> Path:
    """A directive-like page: a two-column header, a wrapped paragraph, numbered items, a page number."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("Viet", "", str(font))
    pdf.set_font("Viet", size=12)
    pdf.add_page()
    pdf.set_xy(10, 15)
    pdf.cell(80, 8, left)
    pdf.set_xy(120, 15)
    pdf.cell(80, 8, right)
    pdf.set_xy(10, 35)
    pdf.multi_cell(0, 7, paragraph, new_x="LMARGIN", new_y="NEXT")
    for item in items:
        pdf.multi_cell(0, 7, item, new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(100, 280)
    pdf.cell(10, 8, "1")
    pdf.output(str(path))
    return path


def make_numbered_docx(path: Path, items: list[tuple[int, str]], formats: list[tuple[str, str]]) -> Path:
    """A .docx whose paragraphs are numbered by Word (numbering.xml), not by typed markers.

    `items` are (level, text); `formats` are (numFmt, lvlText) per level, e.g. ("upperRoman", "%1-").
    """
    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(formats)
    )
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{w}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in items:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    document.save(str(path))
    return path


def make_footnoted_docx(path: Path, before: str, after: str, footnote: str) -> Path:
    """A .docx with one paragraph "<before><footnote mark><after>" and a real footnotes part."""
    import docx

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    document.add_paragraph("MARKER_BEFORE").add_run("MARKER_AFTER")
    plain = io.BytesIO()
    document.save(plain)
    footnotes_xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {footnote}</w:t>'
        "</w:r></w:p></w:footnote></w:footnotes>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = (
                source.read(item.filename).decode("utf-8")
                if item.filename.endswith(".xml") or item.filename.endswith(".rels")
                else None
            )
            if item.filename == "word/document.xml":
                data = data.replace(
                    "<w:t>MARKER_BEFORE</w:t></w:r>",
                    f'<w:t>{before}</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>',
                ).replace("<w:t>MARKER_AFTER</w:t>", f"<w:t>{after}</w:t>")
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    "</Relationships>",
                    '<Relationship Id="rIdFoot" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
                )
            elif item.filename == "[Content_Types].xml":
                data = data.replace(
                    "</Types>",
                    '<Override PartName="/word/footnotes.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            target.writestr(item, data.encode("utf-8") if data is not None else source.read(item.filename))
        target.writestr("word/footnotes.xml", footnotes_xml)
    path.write_bytes(out.getvalue())
    return path


def make_table_pdf(path: Path, font: Path, before: str, rows: list[list[str]], after: str) -> Path:
    """A PDF with text, a ruled table (borders drawn, long cells wrapped) and text after it."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF()
    pdf.add_font("Viet", "", str(font))
    pdf.set_font("Viet", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, before)
    widths = (10, 60, 40, 40, 25)[: len(rows[0])]
    with pdf.table(col_widths=widths, headings_style=FontFace(emphasis="")) as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.multi_cell(0, 6, after)
    pdf.output(str(path))
    return path

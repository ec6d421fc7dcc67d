"""Generate hostile files on the fly (nothing crafted is stored in the repository).

Small files that ask for a lot: Word numbering from 2³¹, zip members whose directory
understates them, XML parts of tens of MB, PDF streams that inflate a thousandfold,
pages of hundreds of thousands of text operators.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'numbering" Target="numbering.xml"/></Relationships>'
)


def paragraph(text: str, num_id: int | None = None, level: int = 0) -> str:
    """One w:p, optionally a list item."""
    numbering = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
    return f"<w:p>{numbering if num_id is not None else ''}<w:r><w:t>{text}</w:t></w:r></w:p>"


def docx_bytes(body: str, numbering: str = "", extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal valid .docx whose body is `body` (w:p elements), with an optional numbering part."""
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    numbering_xml = f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", numbering_xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def numbering_definition(start: int | str, fmt: str = "lowerLetter", text: str = "%1)") -> str:
    """An abstract list (level 0) and its w:num 1, starting at `start`."""
    return (
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )


def understate_member(data: bytes, name: str, claimed: int) -> bytes:
    """Rewrite a zip so its directory (local and central) says member `name` holds `claimed` bytes,
    with the CRC of that many bytes: readers that trust the directory see a small, intact file."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
        crc = zlib.crc32(archive.read(name)[:claimed])
    patched = bytearray(data)
    local = info.header_offset
    struct.pack_into("<I", patched, local + 14, crc)
    struct.pack_into("<I", patched, local + 22, claimed)
    central = patched.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", patched, central + 28)[0]
        if bytes(patched[central + 46 : central + 46 + name_length]) == name.encode():
            struct.pack_into("<I", patched, central + 16, crc)
            struct.pack_into("<I", patched, central + 24, claimed)
            break
        central = patched.find(b"PK\x01\x02", central + 4)
    return bytes(patched)


def pdf_bytes(content: bytes, flate: bool = False, width: float = 595, height: float = 842) -> bytes:
    """A one-page PDF (Helvetica) with `content` as its content stream, optionally deflated."""
    stream = zlib.compress(content, 9) if flate else content
    filters = "/Filter /FlateDecode " if flate else ""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
            "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        ).encode(),
        f"<< {filters}/Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def text_operations(count: int, shown: bytes = b"ab") -> bytes:
    """A content stream that shows `count` short strings, each placed on its own."""
    ops = b"".join(b"1 0 0 1 %d %d Tm (%s) Tj\n" % (50 + i % 400, 50 + (i // 400) % 700, shown) for i in range(count))
    return b"BT /F1 8 Tf\n" + ops + b"ET\n"

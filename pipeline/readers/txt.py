"""Plain text: find the encoding by scoring candidate decodings, then decode.

Order of evidence: a byte-order mark is certain; UTF-16 without a BOM shows as
NUL bytes in alternate positions; otherwise every plausible decoding (UTF-8,
UTF-8 with stray single-byte characters, Windows-1258, TCVN3, VNI) is scored by
the share of tokens that are Vietnamese syllables and the best one wins.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, replace

from ..errors import DocumentError
from ..model import LoadedText
from .legacy import LEGACY_ENCODINGS, VietnameseScore, best_legacy_reading, from_legacy, score_vietnamese
from .sniff import SUPPORTED_HINT

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_BYTES = 64 * 1024
# Below this share of syllables no decoding reads as Vietnamese (or any Latin text).
_MIN_SHARE = 0.35
_MAX_CONTROL_SHARE = 0.05


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    score: VietnameseScore
    warnings: tuple[str, ...] = ()


def _control_share(text: str, lost_is_text: bool = False) -> float:
    """Share of control characters (and of U+FFFD, unless the file itself holds them as text)."""
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return 0.0
    bad = sum(
        1
        for c in sample
        if (c < " " and c not in "\t\n\r\f\v") or "\x7f" <= c < "\xa0" or (c == "\ufffd" and not lost_is_text)
    )
    return bad / len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text has NUL high bytes on ASCII characters, all at even or all at odd offsets."""
    sample = data[: _SNIFF_BYTES & ~1]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _single_byte(data: bytes, codec: str) -> str:
    # CP1252/CP1258 leave a few bytes undefined; read those as Latin-1 rather than fail.
    return data.decode(codec, errors="replace").replace("\ufffd", "?")


def _candidates(data: bytes) -> list[Decoded]:
    """Every plausible decoding of `data`, scored, in order of preference on ties."""
    found: list[Decoded] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        reading = best_legacy_reading(text)
        encoding = f"utf-8+{reading.encoding}" if reading.encoding else "utf-8"
        found.append(Decoded(reading.text, encoding, reading.score, reading.warnings()))
        return found  # strict UTF-8 with multibyte sequences is never an accident
    mixed, stray = _utf8_with_fallback(data)
    if mixed is not None:
        found.append(Decoded(mixed, "utf-8", score_vietnamese(mixed), (_mixed_note(stray, data),)))
    cp1258 = unicodedata.normalize("NFC", _single_byte(data, "cp1258"))
    found.append(Decoded(cp1258, "cp1258", score_vietnamese(cp1258)))
    surface = _single_byte(data, "cp1252")
    for name in LEGACY_ENCODINGS:
        converted = from_legacy(surface, name)
        found.append(Decoded(converted, name, score_vietnamese(converted)))
    return found


# Lone surrogates U+DC80..U+DCFF stand for undecodable bytes 0x80..0xFF (surrogateescape).
_STRAY_TO_CP1258 = {0xDC00 + b: bytes([b]).decode("cp1258", errors="replace") for b in range(0x80, 0x100)}
_STRAY = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[\x80-\ud7ff\ue000-\U0010ffff]")


def _utf8_with_fallback(data: bytes) -> tuple[str | None, int]:
    """Decode UTF-8, reading invalid bytes as Windows-1258, if the file is mostly UTF-8."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = len(_STRAY.findall(text))
    multibyte = len(_NON_ASCII.findall(text))
    if multibyte == 0 or stray > multibyte:
        return None, stray
    return unicodedata.normalize("NFC", text.translate(_STRAY_TO_CP1258)), stray


def _decode_unchecked(data: bytes, path: str) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                raise DocumentError(
                    path,
                    f"the file starts with a {codec.upper()} byte-order mark but byte {err.start} "
                    f"is not valid {codec.upper()}",
                    "re-save it as UTF-8",
                ) from None
            reading = best_legacy_reading(text)
            name = codec.replace("-sig", "")
            encoding = f"{name}+{reading.encoding}" if reading.encoding else name
            return Decoded(reading.text, encoding, reading.score, reading.warnings())
    utf16 = _utf16_without_bom(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        if _control_share(text) <= _MAX_CONTROL_SHARE:
            return Decoded(text, utf16, score_vietnamese(text))
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise DocumentError(path, "this is a binary file, not text (it contains NUL bytes)", SUPPORTED_HINT)
    sample = _byte_sample(data)
    candidates = _candidates(sample)
    best = candidates[0]
    for cand in candidates[1:]:
        if cand.score.share > best.score.share + 0.02:
            best = cand
    if sample is data:
        return best
    # Decide on the sample, decode everything with the winner.
    if best.encoding == "utf-8" and best.warnings:
        mixed, stray = _utf8_with_fallback(data)
        if mixed is not None and stray:
            return Decoded(mixed, "utf-8", best.score, (_mixed_note(stray, data),))
    if best.encoding.startswith("utf-8"):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:  # the sample was clean UTF-8, the rest is not
            mixed, stray = _utf8_with_fallback(data)
            if mixed is not None:
                return Decoded(mixed, "utf-8", best.score, (_mixed_note(stray, data),))
            return Decoded(decode_as(data, "cp1258"), "cp1258", best.score)
        reading = best_legacy_reading(text)
        encoding = f"utf-8+{reading.encoding}" if reading.encoding else "utf-8"
        return Decoded(reading.text, encoding, reading.score, reading.warnings())
    return Decoded(decode_as(data, best.encoding), best.encoding, best.score)


_SAMPLE_BYTES = 256 * 1024


def _byte_sample(data: bytes) -> bytes:
    """Beginning, middle and end of a big file: enough to choose an encoding, bounded in time."""
    if len(data) <= 3 * _SAMPLE_BYTES:
        return data
    middle = len(data) // 2
    pieces = (
        (0, _SAMPLE_BYTES),
        (middle, middle + _SAMPLE_BYTES),
        (len(data) - _SAMPLE_BYTES, len(data)),
    )
    return b"\n".join(data[_char_start(data, a) : _char_start(data, b)] for a, b in pieces)


def _char_start(data: bytes, pos: int) -> int:
    """Move `pos` forward past UTF-8 continuation bytes so a cut never splits a character."""
    limit = min(pos + 3, len(data))
    while pos < limit and 0x80 <= data[pos] <= 0xBF:
        pos += 1
    return pos


def _mixed_note(stray: int, data: bytes) -> str:
    return (
        f"{stray} byte(s) were not valid UTF-8 and were read as Windows-1258; "
        f"the file mixes encodings, check accented letters on line(s) {_stray_lines(data)}"
    )


def _stray_lines(data: bytes, shown: int = 12) -> str:
    """The lines holding bytes that are not UTF-8 ("3, 7-9, 15, …"), so a person can find them."""
    from .pdf import _ranges  # the same "1-3, 7" notation as the PDF page warnings

    text = data.decode("utf-8", errors="surrogateescape")
    lines, line, last = [], 1, 0
    for m in _STRAY.finditer(text):  # one pass: newlines counted between consecutive stray bytes
        line += text.count("\n", last, m.start())
        last = m.start()
        if not lines or lines[-1] != line:
            lines.append(line)
    spans = _ranges(lines).split(", ") if lines else []
    return ", ".join(spans[:shown]) + (", …" if len(spans) > shown else "")


def _non_ascii_letter_share(text: str) -> float:
    sample = text[:_SNIFF_BYTES]
    letters = [c for c in sample if c.isalpha()]
    return sum(1 for c in letters if not c.isascii()) / len(letters) if letters else 1.0


def decode_text(data: bytes, path: str) -> Decoded:
    """Decode the bytes of a text file; raise DocumentError if it is not text."""
    best = _decode_unchecked(data, path)
    lost = _lost_before_saving(data, best)
    if _control_share(best.text, lost_is_text=lost > 0) > _MAX_CONTROL_SHARE:
        raise DocumentError(
            path, "this does not look like a text file (too many control characters)", SUPPORTED_HINT
        )
    if lost:  # valid UTF-8 that holds "�" itself: letters lost upstream, not a wrong decoding here
        return replace(best, warnings=(*best.warnings, _lost_note(lost)))
    # Plain ASCII (English, unaccented) is fine; accented text must read as Vietnamese in some encoding.
    if (
        best.score.scored >= 20
        and best.score.share < _MIN_SHARE
        and _non_ascii_letter_share(best.text) > 0.05
    ):
        raise DocumentError(
            path,
            f"could not determine the text encoding (best guess {best.encoding} reads only "
            f"{best.score.share:.0%} of words as Vietnamese)",
            "re-save the file as UTF-8",
        )
    return best


def _lost_before_saving(data: bytes, decoded: Decoded) -> int:
    """How many U+FFFD a strictly valid UTF-8 file holds as text (its letters were lost before it
    was saved, by a wrong single-byte decoding somewhere upstream); 0 otherwise."""
    if "\ufffd" not in decoded.text or not decoded.encoding.startswith("utf-8"):
        return 0
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return 0
    return decoded.text.count("\ufffd")


def _lost_note(lost: int) -> str:
    return (
        f"{lost} letter(s) were already lost when this file was saved (shown as \"\ufffd\"); the likeliest "
        "syllables are read back from the project's vocabulary, check names and dates against the original"
    )


def decode_as(data: bytes, encoding: str) -> str:
    """Decode the whole of `data` with an encoding `decode_text` chose on part of it."""
    base = encoding.split("+")[0]
    if base in LEGACY_ENCODINGS:
        return from_legacy(_single_byte(data, "cp1252"), base)
    if base == "cp1258":
        return unicodedata.normalize("NFC", _single_byte(data, "cp1258"))
    if base == "utf-8":
        mixed, _stray = _utf8_with_fallback(data)
        return mixed if mixed is not None else data.decode("utf-8", errors="replace")
    return data.decode(base, errors="replace")


def read_txt(data: bytes, path: str) -> LoadedText:
    """Reader for plain text files."""
    decoded = decode_text(data, path)
    return LoadedText(
        text=decoded.text, source_format="txt", encoding=decoded.encoding, warnings=decoded.warnings
    )

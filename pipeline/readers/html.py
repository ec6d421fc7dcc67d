"""HTML pages (a directive saved from a web site): the main text only.

Scripts, styles, navigation, headers, footers, asides and forms are dropped;
the main block is <article>/<main> when present, else the element holding the
most paragraph text; block elements become line breaks and table cells tabs.
"""

from __future__ import annotations

import re
import unicodedata
import warnings as pywarnings

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..errors import DocumentError
from ..model import LoadedText
from .legacy import best_legacy_reading
from .txt import decode_as, decode_text

_DROP = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "template",
    "iframe",
    "svg",
    "button",
    "select",
    "head",
)
_BOILERPLATE = re.compile(
    r"\b(?:sidebar|menu|breadcrumb|share|social|banner|advert|cookie|comment)s?\b", re.I
)
_BLOCK = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "caption",
        "body",
    ]
)
_CELL = frozenset(("td", "th"))
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,40})""", re.I)
_SCRIPT = re.compile(rb"<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(rb"<[^>]*>")
_SOURCE_SPACES = re.compile(r"[ \t\r\n\f\v]+")
# Three or more non-breaking spaces (maybe with plain spaces between) are a column gap that
# Word's "Save as web page" uses in two-column headers: keep it as a tab, as the .txt corpus has.
_NBSP_GAP = re.compile(r"\u00a0(?: ?\u00a0){2,}")


def _decode(data: bytes, path: str) -> tuple[str, str, tuple[str, ...]]:
    """Charset from a BOM, else <meta charset>, else the text scorer."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            charset = declared.group(1).decode("ascii").lower()
            if charset in ("utf-8", "utf8"):
                try:
                    return data.decode("utf-8"), "utf-8", ()
                except UnicodeDecodeError:
                    pass  # declared wrong: fall through to scoring
            elif charset not in ("iso-8859-1", "windows-1252", "us-ascii", "latin1"):
                # Latin-1/1252 declarations are often wrong for Vietnamese legacy pages: score those.
                try:
                    return unicodedata.normalize("NFC", data.decode(charset)), charset, ()
                except (LookupError, UnicodeDecodeError):
                    pass
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    # Choose the encoding on the visible text only: markup and scripts are not Vietnamese.
    visible = _TAG.sub(b" ", _SCRIPT.sub(b" ", data))
    decoded = decode_text(visible if visible.strip() else data, path)
    return decode_as(data, decoded.encoding), decoded.encoding, decoded.warnings


def _main_element(soup: BeautifulSoup) -> Tag:
    """<article>/<main> with the most text, else the block whose own paragraphs hold the most text."""
    landmarks = soup.find_all(["article", "main"]) + soup.find_all(attrs={"role": "main"})
    if landmarks:
        return max(landmarks, key=lambda t: len(t.get_text()))
    body = soup.body or soup
    best, best_len = body, 0
    total = len(body.get_text())
    for candidate in body.find_all(["div", "section", "td"]):
        own = sum(
            len(p.get_text()) for p in candidate.find_all(["p", "h1", "h2", "h3", "li"], recursive=False)
        )
        if own > best_len:
            best, best_len = candidate, own
    # Only narrow down to a block that clearly holds the document, not one paragraph of it.
    if best is not body and len(best.get_text()) >= 0.5 * total:
        return best
    return body


def _render(root: Tag) -> str:
    """Text with block elements on their own lines and table cells separated by tabs."""
    out: list[str] = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                piece = _NBSP_GAP.sub("\t", _SOURCE_SPACES.sub(" ", str(child)))
                out.append(piece.replace("\u00a0", " "))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br":
                out.append("\n")
            elif name in _CELL:
                walk(child)
                out.append("\t")
            elif name in _BLOCK:
                out.append("\n")
                walk(child)
                out.append("\n")
            else:
                walk(child)

    walk(root)
    lines = [line.strip(" ") for line in "".join(out).split("\n")]
    text = "\n".join(lines)
    # One block per line, as the .docx reader gives paragraphs: blank lines would split the
    # header and the signature block the way a page break does.
    return re.sub(r"\n{2,}", "\n", text).strip()


MAX_DEPTH = 500  # element nesting; real pages stay under 100, the tree walks are recursive
_VOID_OR_OPTIONAL_END = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
     "wbr", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
     "colgroup", "caption", "rt", "rp", "html", "head", "body")
)
_TAG_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")


def nesting_depth(text: str) -> int:
    """How deep elements nest, from the tags alone (one linear scan, before any tree is built).

    Void elements and those whose end tag HTML lets one omit (p, li, td...) are not counted,
    so sloppy but ordinary pages are never over the limit.
    """
    depth = deepest = 0
    for m in _TAG_TOKEN.finditer(text):
        if m.group(3) or m.group(2).lower() in _VOID_OR_OPTIONAL_END:
            continue
        if m.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _is_boilerplate(tag: Tag, total: int) -> bool:
    marker = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
    return (
        tag.name not in ("body", "html", "article", "main")
        and _BOILERPLATE.search(marker) is not None
        and len(tag.get_text()) < 0.3 * total  # a "menu-content" wrapper may hold the document
    )


def _remove_all(tags: list[Tag]) -> None:
    """Remove many elements at once. `decompose()` finds each one's place by scanning its
    siblings: quadratic on a page of thousands of menus side by side. Here each parent's
    children are scanned once, from the last, and each element is told where it stands."""
    chosen = {id(tag) for tag in tags}
    by_parent: dict[int, tuple[Tag, set[int]]] = {}
    for tag in tags:
        if tag.parent is not None and not any(id(up) in chosen for up in tag.parents):
            by_parent.setdefault(id(tag.parent), (tag.parent, set()))[1].add(id(tag))
    for parent, ids in by_parent.values():
        for index in range(len(parent.contents) - 1, -1, -1):
            child = parent.contents[index]
            if id(child) in ids:
                child.extract(_self_index=index)
                child.decompose()


def read_html(data: bytes, path: str) -> LoadedText:
    """Reader for HTML files."""
    text, encoding, warnings = _decode(data, path)
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise DocumentError(
            path,
            f"refused: the HTML nests elements {depth} levels deep (the limit is {MAX_DEPTH})",
            "the page may be crafted or damaged; save the directive as .docx or .txt instead",
        )
    try:
        with pywarnings.catch_warnings():  # bs4 warns about XHTML and tiny inputs: not the user's business
            pywarnings.simplefilter("ignore")
            soup = BeautifulSoup(text, "lxml")
    except Exception as err:  # noqa: BLE001
        raise DocumentError(
            path, f"cannot parse the HTML ({type(err).__name__})", "save the page again"
        ) from None
    _remove_all(soup.find_all(_DROP))
    total = len(soup.get_text())
    _remove_all([tag for tag in soup.find_all(True) if _is_boilerplate(tag, total)])
    reading = best_legacy_reading(_render(_main_element(soup)))
    if reading.encoding:
        encoding = f"{encoding}+{reading.encoding}"
    return LoadedText(
        text=reading.text, source_format="html", encoding=encoding, warnings=(*warnings, *reading.warnings())
    )

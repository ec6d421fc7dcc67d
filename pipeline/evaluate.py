"""Score extraction records against gold annotations (`eval/gold/*.json`).

Why this exists: every stage owner needs one honest number to improve against,
and a listing of what was missed or invented to know *what* to fix.

Matching is fuzzy where a human reader would not see a difference (tone-mark
placement "hoá"/"hóa", case, a leading list word "các", the abbreviations
UBND/HĐND/TW/ĐUK, whitespace, "-" vs "/" inside a document symbol, leading
zeros) and strict where a difference changes meaning (the digits of a number,
dates, recurrence rules).

Public verbs: `evaluate(gold_dir, records)` → `Evaluation`, `load_gold(dir)`,
`load_records(path)`, `predict(gold, corpus_dir)`, `render_markdown(ev)`,
`render_errors(ev)`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .bodies import find_bodies
from .errors import DocumentError
from .layout import restore_lost_letters
from .normalize import fold_diacritics, normalize_tone_marks
from .synthetic import PROVINCES

TASK_MATCH_THRESHOLD = 0.5  # token Jaccard a predicted task needs to count as a gold task
SAME_SECTION_BONUS = 0.05  # near-equal texts in two places (an appendix row and a body item) pair by place
NAME_PREFIX_MIN_TOKENS = 3  # "Đảng ủy khối" may stand for "Đảng ủy khối cơ quan Dân Chính Đảng"
CITATION_MENTION_THRESHOLD = 0.6  # token Jaccard for aligning an unnumbered mention to a gold entry
MENTION_PREFIX_MIN_TOKENS = 5  # a mention cut short still counts if it keeps type + issuer ("… của Tỉnh ủy")

# Abbreviations a human reads as the full name (see spec: "Body names are written out in full").
_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("duk", "dang uy khoi"),
    ("mttq", "mat tran to quoc"),
    ("tw", "trung uong"),
)
_LIST_WORDS = ("cac", "nhung", "tung", "moi")
_TOKEN = re.compile(r"\w+", re.UNICODE)
_DIGITS = re.compile(r"\d+")

META_FIELDS = ("doc_type", "number", "issuer", "issued_date", "place", "signer", "title")


# ---------------------------------------------------------------- normalization


def fold(text: str | None) -> str:
    """Accent-, case- and tone-placement-insensitive form of any string."""
    if not text:
        return ""
    text = normalize_tone_marks(unicodedata.normalize("NFC", text))
    if "\ufffd" in text:  # a gold copied from a file whose letters were lost: read as the extractor reads it
        text = restore_lost_letters(text)
    return fold_diacritics(text)


def tokens(text: str | None) -> list[str]:
    """Folded word tokens: the unit of every text-overlap comparison."""
    return _TOKEN.findall(fold(text))


def mention_tokens(text: str | None) -> list[str]:
    """Tokens of a citation mention without a leading list word ("các Nghị quyết …")."""
    toks = tokens(text)
    while toks and toks[0] in _LIST_WORDS:
        toks = toks[1:]
    return toks


def name_key(name: str | None) -> str:
    """Compare body/issuer/place names as a human would ("các Ban Đảng", "UBND tỉnh")."""
    toks = [t for t in tokens(name) if t not in _LIST_WORDS]  # "Cấp ủy các cơ quan" = "Cấp ủy cơ quan"
    if len(toks) > 2 and toks[-1] == "cap":
        toks = toks[:-1]  # "Cấp ủy các cấp" = "Cấp ủy": every level is the scope of a generic body
    expanded: list[str] = []
    for tok in toks:
        for short, full in _ABBREVIATIONS:
            if tok == short:
                expanded.extend(full.split())
                break
        else:
            expanded.append(tok)
    return _FRONT.sub("mat tran to quoc", " ".join(expanded))


# "Mặt trận" alone, "Mặt trận Tổ quốc" and "Mặt trận Tổ quốc Việt Nam" name one front (its alias group)
_FRONT = re.compile(r"\bmat tran(?: to quoc)?(?: viet nam)?\b")


def names_match(a: str, b: str) -> bool:
    """Same body: equal keys, or one is a word-prefix (≥3 words) of the other."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka.split(), kb.split()), key=len)
    return len(short) >= NAME_PREFIX_MIN_TOKENS and long_[: len(short)] == short


def number_key(number: str | None) -> str:
    """Document symbol key: case, "Số", spaces, "-" vs "/" and leading zeros do not matter; digits do."""
    if not number:
        return ""
    text = fold(number).upper()
    text = re.sub(r"^SO\s*", "", text)
    text = re.sub(r"\s+", "", text)
    text = text.replace("-", "/")
    return _DIGITS.sub(lambda m: str(int(m.group(0))), text)


def section_key(path: str | None) -> str:
    """Section paths compare without case, spaces or trailing dots ("III.2.b" == "iii.2.b.")."""
    return re.sub(r"[\s.]+$", "", (path or "").replace(" ", "")).upper()


def rrule_key(rule: str | None) -> str:
    """An RRULE's parts in a fixed order ("INTERVAL=3;FREQ=MONTHLY" == "FREQ=MONTHLY;INTERVAL=3")."""
    if not rule:
        return ""
    parts = sorted(p.strip().upper() for p in rule.split(";") if p.strip())
    return ";".join(parts)


def title_tokens(title: str) -> list[str]:
    """A title's tokens without a leading issuer clause ("của Ban Chấp hành Đảng bộ xã thực hiện
    …" → "thực hiện …"): gold sets differ on whether the "CỦA …" line is part of the title."""
    m = re.match(r"\s*c[ủu]a\s+", title, re.IGNORECASE)
    if m:
        issuer = next((b for b in find_bodies(title) if b.start == m.end()), None)
        if issuer is not None:
            title = title[issuer.end :]
    return tokens(title)


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """Token-set Jaccard similarity; 0 when both are empty."""
    sa, sb = set(a), set(b)
    if not sa and not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def _has_printed_number(mention: str, number: str) -> bool:
    """Whether a mention prints the symbol itself (else it is an alias such as "Nghị quyết 22")."""
    return number_key(number) in number_key(mention.replace(" ", ""))


# ---------------------------------------------------------------- scores


@dataclass
class Score:
    """Counts behind one metric: PRF (tp/fp/fn) or an accuracy/recall (correct/total)."""

    kind: str  # "prf" or "ratio"
    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0
    total: int = 0

    @property
    def precision(self) -> float | None:
        d = self.tp + self.fp
        return self.tp / d if d else None

    @property
    def recall(self) -> float | None:
        d = self.tp + self.fn
        return self.tp / d if d else None

    @property
    def f1(self) -> float | None:
        if self.tp + self.fp + self.fn == 0:
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    @property
    def value(self) -> float | None:
        """The headline number: F1 for PRF, correct/total for a ratio; None when undefined."""
        if self.kind == "prf":
            return self.f1
        return self.correct / self.total if self.total else None

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.correct += other.correct
        self.total += other.total

    def to_dict(self) -> dict:
        if self.kind == "prf":
            return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                    "tp": self.tp, "fp": self.fp, "fn": self.fn}
        return {"value": self.value, "correct": self.correct, "total": self.total}


# (metric name, kind, description) — the order is the order of every report.
METRICS: tuple[tuple[str, str, str], ...] = (
    *((f"meta.{f}", "ratio", f"document {f} correct") for f in META_FIELDS),
    ("citations.documents", "prf", "cited documents, by normalized number"),
    ("citations.alias_recall", "ratio", "inferable entries and mentions without a printed number, resolved"),
    ("citations.unnumbered_recall", "ratio", "named documents without a number (Điều lệ Đảng …), found"),
    ("citations.implements", "prf", "documents this one implements"),
    ("citations.issued_date", "ratio", "issued date of matched cited documents (gold has a date)"),
    ("citations.relation_type", "ratio", "gold entries with a relation_type (căn cứ, thay thế …): same type predicted"),
    ("tasks.tasks", "prf", "tasks, one-to-one by token Jaccard ≥ 0.5"),
    ("tasks.section", "ratio", "matched tasks: same section path (III.2.b)"),
    ("tasks.responsible_any", "ratio", "matched tasks: some responsible body right (or both empty)"),
    ("tasks.responsible_exact", "ratio", "matched tasks: responsible set exactly right"),
    ("tasks.bodies", "prf", "responsible bodies over matched tasks"),
    ("tasks.coordinating_exact", "ratio", "matched tasks: coordinating set exactly right"),
    ("tasks.deadline_end", "ratio", "matched tasks where either side has an end date: same end"),
    ("tasks.deadline_interval", "ratio", "matched tasks where either side has a date: same start and end"),
    ("tasks.recurrence", "ratio", "matched tasks where either side has a recurrence: same RRULE"),
)
_KIND = {name: kind for name, kind, _ in METRICS}


def _new_scores() -> dict[str, Score]:
    return {name: Score(kind) for name, kind, _ in METRICS}


@dataclass
class DocumentResult:
    """Scores and error listing for one gold document."""

    source: str
    scores: dict[str, Score] = field(default_factory=_new_scores)
    errors: list[dict] = field(default_factory=list)
    prediction_error: str | None = None

    def error(self, area: str, what: str, **details: object) -> None:
        self.errors.append({"area": area, "what": what, **details})


@dataclass
class Evaluation:
    """Per-document results plus micro (pooled counts) and macro (mean of documents) summaries."""

    documents: list[DocumentResult]

    def micro(self) -> dict[str, Score]:
        pooled = _new_scores()
        for doc in self.documents:
            for name, score in doc.scores.items():
                pooled[name].add(score)
        return pooled

    def macro(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for name, _, _ in METRICS:
            values = [v for d in self.documents if (v := d.scores[name].value) is not None]
            out[name] = sum(values) / len(values) if values else None
        return out

    def to_dict(self) -> dict:
        micro = self.micro()
        return {
            "overall": {
                "micro": {name: s.to_dict() for name, s in micro.items()},
                "macro": self.macro(),
            },
            "documents": [
                {
                    "source": d.source,
                    "prediction_error": d.prediction_error,
                    "scores": {name: s.to_dict() for name, s in d.scores.items()},
                    "errors": d.errors,
                }
                for d in self.documents
            ],
        }


# ---------------------------------------------------------------- loading


def load_gold(gold_dir: str | Path) -> list[dict]:
    """All gold annotations in a directory (sorted by file name)."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise DocumentError(gold_dir, "gold directory not found", "pass --gold DIR with *.json annotations")
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise DocumentError(gold_dir, "no gold annotations (*.json) in this directory", "check the --gold path")
    out = []
    for path in files:
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise DocumentError(path, f"gold file is not valid JSON ({err})", "fix or remove the file") from None
        if not isinstance(gold, dict) or "source" not in gold:
            raise DocumentError(path, "gold file has no 'source' field", "see eval/gold/000_*.json for the format")
        gold.setdefault("citations", [])
        gold.setdefault("tasks", [])
        gold.setdefault("document", {})
        out.append(gold)
    return out


def load_records(path: str | Path) -> list[dict]:
    """Extraction records from a JSON Lines file (`extract --json` output)."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise DocumentError(path, f"cannot read predictions ({err})", "pass the output of `extract --json`") from None
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as err:
            raise DocumentError(path, f"line {number} is not JSON ({err.msg})",
                                "the file must hold one JSON object per line") from None
    return records


def _doc_id(source: str) -> str:
    """Match a gold 'source' with a record 'source' whatever the directory or file extension."""
    return Path(source).stem


def predict(gold: Sequence[dict], corpus_dir: str | Path) -> list[dict]:
    """Run the pipeline on each gold document's source file; failures become error records."""
    from .extract import extract_file  # imported here: scoring --pred files must not need the pipeline

    corpus_dir = Path(corpus_dir)
    records = []
    for g in gold:
        candidates = sorted(corpus_dir.glob(_doc_id(g["source"]) + ".*"))
        path = corpus_dir / g["source"] if (corpus_dir / g["source"]).exists() else (candidates or [None])[0]
        if path is None:
            records.append({"source": g["source"], "error": f"source file not found in {corpus_dir}"})
            continue
        try:
            records.append(extract_file(path).to_dict())
        except DocumentError as err:
            records.append({"source": str(path), "error": err.message})
        except Exception as err:  # noqa: BLE001 - one failing document must not stop the evaluation
            records.append({"source": str(path), "error": f"extract crashed: {type(err).__name__}: {err}"})
    return records


# ---------------------------------------------------------------- robustness


_OTHER_PLACES = ("Tuy Hòa", "Quy Nhơn", "Tam Kỳ", "Bảo Lộc", "Vĩnh Long", "Cao Lãnh")
_OTHER_SIGNERS = ("Trần Thị Bích Thủy", "Lê Quang Vinh", "Phạm Minh Khoa", "Đỗ Văn Thạch")
_OLD_TONE = (("ủy", "uỷ"), ("Ủy", "Uỷ"), ("ỦY", "UỶ"), ("hóa", "hoá"), ("khóa", "khoá"), ("Hòa", "Hoà"))


def _replace_strings(value: object, pairs: Sequence[tuple[str, str]]) -> object:
    if isinstance(value, str):
        for old, new in pairs:
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_replace_strings(v, pairs) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "note" else _replace_strings(v, pairs)) for k, v in value.items()}
    return value


def perturb(text: str, gold: dict, seed: int = 0) -> tuple[str, dict]:
    """A surface variant of a gold document: other province, place and signer (in text and gold) and the
    old tone-mark placement in the text only. Scores that drop on it reveal rules tied to corpus strings."""
    import random

    rng = random.Random(f"{seed}:{gold.get('source')}")
    pairs: list[tuple[str, str]] = []
    provinces = PROVINCES
    for province in provinces:
        if province in text or province.upper() in text:
            other = rng.choice([p for p in provinces if p not in text and p != province])
            pairs += [(province, other), (province.upper(), other.upper())]
    doc = gold.get("document", {})
    for key, choices in (("place", _OTHER_PLACES), ("signer", _OTHER_SIGNERS)):
        value = doc.get(key)
        if value and value in text:
            other = rng.choice([c for c in choices if c != value])
            pairs += [(value, other), (value.upper(), other.upper())]
    text = _replace_strings(text, pairs)
    for new, old in _OLD_TONE:
        text = text.replace(new, old)
    return text, _replace_strings(gold, pairs)


def predict_perturbed(gold: Sequence[dict], corpus_dir: str | Path, seed: int = 0) -> tuple[list[dict], list[dict]]:
    """Perturbed gold and the pipeline's records on the perturbed texts (see `perturb`)."""
    from .extract import extract_text

    corpus_dir = Path(corpus_dir)
    golds, records = [], []
    for g in gold:
        path = corpus_dir / g["source"]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            golds.append(g)
            records.append({"source": g["source"], "error": f"cannot read {path} as UTF-8 text"})
            continue
        text, g2 = perturb(text, g, seed)
        golds.append(g2)
        try:
            records.append(extract_text(text, g["source"]).to_dict())
        except Exception as err:  # noqa: BLE001 - one failing document must not stop the evaluation
            records.append({"source": g["source"], "error": f"extract crashed: {type(err).__name__}: {err}"})
    return golds, records


# ---------------------------------------------------------------- scoring


def _short(text: str | None, width: int = 90) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _score_metadata(gold: dict, pred: dict, res: DocumentResult) -> None:
    gdoc, pdoc = gold.get("document", {}), pred.get("document") or {}
    for f in META_FIELDS:
        if f not in gdoc:
            continue
        g, p = gdoc[f], pdoc.get(f)
        if f == "issuer":
            accepted = g if isinstance(g, list) else [g]
            ok = (p is None and not any(accepted)) or any(
                a and p and name_key(a) == name_key(p) for a in accepted
            )
        elif f == "number":
            ok = number_key(g) == number_key(p)
        elif f == "issued_date":
            ok = (g or None) == (p or None)
        elif f == "title":
            ok = (not g and not p) or (bool(g) and bool(p) and jaccard(title_tokens(g), title_tokens(p)) >= 0.9)
        else:
            ok = name_key(g) == name_key(p)
        score = res.scores[f"meta.{f}"]
        score.total += 1
        score.correct += int(ok)
        if not ok:
            res.error("metadata", f"wrong {f}", gold=g, predicted=p)


def _align_citation(cit: dict, gold_cits: Sequence[dict]) -> int | None:
    """The gold entry a predicted citation refers to: by number, else by its mention text."""
    key = number_key(cit.get("number"))
    if key:
        for i, g in enumerate(gold_cits):
            if number_key(g.get("number")) == key:
                return i
        return None
    mention = mention_tokens(cit.get("mention") or cit.get("title"))
    best, best_i = 0.0, None
    for i, g in enumerate(gold_cits):
        for text in [*g.get("mentions", []), g.get("title")]:
            if not text:
                continue
            gold_toks = mention_tokens(text)
            if gold_toks == mention or _is_truncation(mention, gold_toks):
                sim = 1.0
            else:
                sim = jaccard(mention, gold_toks)
            if sim > best:
                best, best_i = sim, i
    return best_i if best >= CITATION_MENTION_THRESHOLD else None


def _is_truncation(pred: Sequence[str], gold: Sequence[str]) -> bool:
    """A predicted mention that stops early ("Chương trình hành động của Tỉnh ủy" of a longer name)."""
    return len(pred) >= MENTION_PREFIX_MIN_TOKENS and list(gold[: len(pred)]) == list(pred)


def _mention_matches(gold_mention: str, pred_mention: str) -> bool:
    g, p = mention_tokens(gold_mention), mention_tokens(pred_mention)
    if not g or not p:
        return False
    return g == p or jaccard(g, p) >= CITATION_MENTION_THRESHOLD


def _score_citations(gold: dict, pred: dict, res: DocumentResult) -> None:
    gold_cits = gold.get("citations", [])
    pred_cits = [c for c in pred.get("citations") or [] if isinstance(c, dict)]
    aligned = [_align_citation(c, gold_cits) for c in pred_cits]
    gold_numbers, pred_numbers = _cited_numbers(gold_cits, pred_cits)
    _score_cited_documents(gold_numbers, pred_numbers, res)
    _score_cited_dates(gold_numbers, pred_numbers, pred_cits, res)
    _score_aliases(gold_cits, pred_cits, pred_numbers, res)
    _score_unnumbered(gold_cits, pred_cits, aligned, res)
    _score_implements(gold_cits, pred_cits, aligned, res)
    _score_relation_types(gold_cits, pred_cits, aligned, res)


def _cited_numbers(
    gold_cits: Sequence[dict], pred_cits: Sequence[dict]
) -> tuple[dict[str, dict], dict[str, dict]]:
    """Distinct documents by number: gold's and the prediction's, each keyed by its number's key."""
    gold_numbers = {number_key(g["number"]): g for g in gold_cits if g.get("number")}
    pred_numbers: dict[str, dict] = {}
    for c in pred_cits:
        if number_key(c.get("number")):
            pred_numbers.setdefault(number_key(c["number"]), c)
    return gold_numbers, pred_numbers


def _score_cited_documents(
    gold_numbers: dict[str, dict], pred_numbers: dict[str, dict], res: DocumentResult
) -> None:
    """Distinct documents by number: found, missed and spurious."""
    docs = res.scores["citations.documents"]
    for key, g in gold_numbers.items():
        if key in pred_numbers:
            docs.tp += 1
        else:
            docs.fn += 1
            res.error("citations", "missed document", number=g["number"], mention=_short(g["mentions"][0]))
    for key, c in pred_numbers.items():
        if key not in gold_numbers:
            docs.fp += 1
            res.error(
                "citations", "spurious document", number=c.get("number"), mention=_short(c.get("mention"))
            )


def _score_cited_dates(
    gold_numbers: dict[str, dict],
    pred_numbers: dict[str, dict],
    pred_cits: Sequence[dict],
    res: DocumentResult,
) -> None:
    """Issued date of matched numbered documents."""
    dates = res.scores["citations.issued_date"]
    for key, g in gold_numbers.items():
        if key in pred_numbers and g.get("issued_date"):
            dates.total += 1
            got = [c.get("issued_date") for c in pred_cits if number_key(c.get("number")) == key]
            if g["issued_date"] in got:
                dates.correct += 1
            else:
                res.error(
                    "citations",
                    "wrong issued date",
                    number=g["number"],
                    gold=g["issued_date"],
                    predicted=sorted({d for d in got if d}) or None,
                )


def _score_aliases(
    gold_cits: Sequence[dict], pred_cits: Sequence[dict], pred_numbers: dict[str, dict], res: DocumentResult
) -> None:
    """Aliases: inferable entries, and mentions that print no number but whose document has one."""
    alias = res.scores["citations.alias_recall"]
    for g in gold_cits:
        key = number_key(g.get("number"))
        if not key:
            continue
        if g.get("resolvable") == "inferable":
            alias.total += 1
            if key in pred_numbers:
                alias.correct += 1
            else:
                res.error(
                    "citations",
                    "inferable document not resolved",
                    number=g["number"],
                    mention=_short(g["mentions"][0]),
                )
        for mention in dict.fromkeys(g.get("mentions", [])):
            if _has_printed_number(mention, g["number"]):
                continue
            alias.total += 1
            if any(
                number_key(c.get("number")) == key and _mention_matches(mention, c.get("mention") or "")
                for c in pred_cits
            ):
                alias.correct += 1
            else:
                res.error("citations", "alias mention not resolved", number=g["number"], mention=mention)


def _score_unnumbered(
    gold_cits: Sequence[dict], pred_cits: Sequence[dict], aligned: Sequence[int | None], res: DocumentResult
) -> None:
    """Named documents without a number."""
    unnumbered = res.scores["citations.unnumbered_recall"]
    for i, g in enumerate(gold_cits):
        if g.get("number"):
            continue
        unnumbered.total += 1
        if i in aligned:
            unnumbered.correct += 1
        else:
            res.error("citations", "missed unnumbered document", title=g.get("title") or g["mentions"][0])
    # Listed, not scored: an unnumbered mention that matches no gold entry may be a gold omission.
    for mention in dict.fromkeys(
        c.get("mention")
        for c, a in zip(pred_cits, aligned, strict=True)
        if a is None and not number_key(c.get("number"))
    ):
        res.error("citations", "unmatched unnumbered mention", mention=_short(mention))


def _score_implements(
    gold_cits: Sequence[dict], pred_cits: Sequence[dict], aligned: Sequence[int | None], res: DocumentResult
) -> None:
    """Implements: gold entries vs aligned predicted citations that claim the relation."""
    impl = res.scores["citations.implements"]
    gold_impl = {i for i, g in enumerate(gold_cits) if g.get("relation") == "implements"}
    pred_impl = {
        a
        for c, a in zip(pred_cits, aligned, strict=True)
        if c.get("relation") == "implements" and a is not None
    }
    spurious_unaligned = {
        number_key(c.get("number")) or fold(c.get("mention"))
        for c, a in zip(pred_cits, aligned, strict=True)
        if c.get("relation") == "implements" and a is None
    }
    impl.tp += len(gold_impl & pred_impl)
    impl.fn += len(gold_impl - pred_impl)
    impl.fp += len(pred_impl - gold_impl) + len(spurious_unaligned)
    for i in gold_impl - pred_impl:
        res.error(
            "citations",
            "implements relation missed",
            number=gold_cits[i].get("number"),
            mention=_short(gold_cits[i]["mentions"][0]),
        )
    for i in pred_impl - gold_impl:
        res.error(
            "citations",
            "spurious implements relation",
            number=gold_cits[i].get("number"),
            mention=_short(gold_cits[i]["mentions"][0]),
        )
    for key in spurious_unaligned:
        res.error("citations", "spurious implements relation", mention=key)


def _score_relation_types(gold_cits: Sequence[dict], pred_cits: Sequence[dict], aligned: Sequence[int | None],
                          res: DocumentResult) -> None:
    """Typed relations, where gold gives one: the strongest type among the aligned predicted mentions."""
    from .relations import edge_type

    typed = res.scores["citations.relation_type"]
    for i, g in enumerate(gold_cits):
        if not g.get("relation_type"):
            continue
        typed.total += 1
        got = [c.get("relation_type") or c.get("relation") or "cites"
               for c, a in zip(pred_cits, aligned, strict=True) if a == i]
        if got and edge_type(got) == g["relation_type"]:
            typed.correct += 1
        else:
            res.error("citations", "wrong relation type", number=g.get("number"), gold=g["relation_type"],
                      predicted=edge_type(got) if got else None)


def match_tasks(gold_tasks: Sequence[dict], pred_tasks: Sequence[dict],
                threshold: float = TASK_MATCH_THRESHOLD) -> list[tuple[int, int, float]]:
    """One-to-one (gold index, predicted index, similarity) pairs, best similarity first.

    A printed section shared by both sides weighs a little, so a task whose words recur
    elsewhere in the document (an appendix row repeating a body item) pairs with its own place."""
    gold_toks = [tokens(t.get("text")) for t in gold_tasks]
    pred_toks = [tokens(t.get("text")) for t in pred_tasks]
    pairs = []
    for gi, gt in enumerate(gold_toks):
        gs = set(gt)
        for pi, pt in enumerate(pred_toks):
            if gs & set(pt):
                sim = jaccard(gt, pt)
                if sim >= threshold:
                    weight = sim + SAME_SECTION_BONUS * _same_section(gold_tasks[gi], pred_tasks[pi])
                    pairs.append((weight, sim, gi, pi))
    pairs.sort(key=lambda p: (-p[0], p[2], p[3]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, sim, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi, sim))
    return out


def _same_section(gold_task: dict, pred_task: dict) -> bool:
    key = section_key(gold_task.get("section"))
    return bool(key) and key == section_key(pred_task.get("section"))


def _match_names(gold: Sequence[str], pred: Sequence[str]) -> int:
    """How many gold names find a distinct predicted name (one-to-one)."""
    used: set[int] = set()
    hits = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and names_match(g, p):
                used.add(i)
                hits += 1
                break
    return hits


def _names(values: object) -> list[str]:
    """Distinct body names of a task field, in order."""
    if not isinstance(values, list):
        return []
    return list(dict.fromkeys(v for v in values if isinstance(v, str) and v.strip()))


def _grouped_alike(gold: list[str], pred: list[str]) -> tuple[list[str], list[str], int]:
    """Both sides and their hits, read at the grouping that agrees best: a list of kinds printed as
    one name ("Cơ quan, đơn vị", "Các cấp, các ngành") may be read as its kinds, however an
    annotator grouped them."""
    whole = (gold, pred, _match_names(gold, pred))
    g_kinds = list(dict.fromkeys(k for n in gold for k in _kinds(n)))
    p_kinds = list(dict.fromkeys(k for n in pred for k in _kinds(n)))
    split = (g_kinds, p_kinds, _match_names(g_kinds, p_kinds))

    def agreement(side: tuple[list[str], list[str], int]) -> float:
        return 2 * side[2] / (len(side[0]) + len(side[1])) if side[0] or side[1] else 1.0

    return split if agreement(split) > agreement(whole) else whole


_KIND_SEPARATOR = re.compile(r"\s*,\s*|\s+và\s+", re.IGNORECASE)


def _kinds(name: str) -> list[str]:
    """ "Ngành, địa phương" → ["Ngành", "Địa phương"]; a proper name is never cut ("Sở Lao động,
    Thương binh và Xã hội", "Ban Chỉ đạo phòng, chống tham nhũng tỉnh" stay whole)."""
    parts = [p for p in _KIND_SEPARATOR.split(name.strip()) if p]
    if len(parts) < 2 or any(c.isupper() for c in name[1:]) or any(len(p.split()) > 3 for p in parts):
        return [name]
    return [p[:1].upper() + p[1:] for p in parts]


def _deadline_parts(deadline: object) -> tuple[str | None, str | None, str]:
    if not isinstance(deadline, dict):
        return None, None, ""
    return deadline.get("start") or None, deadline.get("end") or None, rrule_key(deadline.get("recurrence"))


def _score_tasks(gold: dict, pred: dict, res: DocumentResult) -> None:
    gold_tasks = gold.get("tasks", [])
    pred_tasks = [t for t in pred.get("tasks") or [] if isinstance(t, dict)]
    pairs = match_tasks(gold_tasks, pred_tasks)
    tasks = res.scores["tasks.tasks"]
    tasks.tp += len(pairs)
    tasks.fn += len(gold_tasks) - len(pairs)
    tasks.fp += len(pred_tasks) - len(pairs)
    matched_g = {g for g, _, _ in pairs}
    matched_p = {p for _, p, _ in pairs}
    for i, g in enumerate(gold_tasks):
        if i not in matched_g:
            res.error("tasks", "missed task", section=g.get("section"), text=_short(g.get("text")))
    for i, p in enumerate(pred_tasks):
        if i not in matched_p:
            res.error("tasks", "spurious task", section=p.get("section"), text=_short(p.get("text")))

    s = res.scores
    for gi, pi, _ in pairs:
        g, p = gold_tasks[gi], pred_tasks[pi]
        where = {"section": g.get("section"), "text": _short(g.get("text"), 60)}
        section_ok = section_key(g.get("section")) == section_key(p.get("section"))
        s["tasks.section"].total += 1
        s["tasks.section"].correct += int(section_ok)
        if not section_ok:
            res.error("tasks", "wrong section", gold=g.get("section"), predicted=p.get("section"), **where)
        g_resp, p_resp, hits = _grouped_alike(_names(g.get("responsible")), _names(p.get("responsible")))
        any_ok = (not g_resp and not p_resp) or hits > 0
        exact_ok = hits == len(g_resp) == len(p_resp)
        s["tasks.responsible_any"].total += 1
        s["tasks.responsible_any"].correct += int(any_ok)
        s["tasks.responsible_exact"].total += 1
        s["tasks.responsible_exact"].correct += int(exact_ok)
        s["tasks.bodies"].tp += hits
        s["tasks.bodies"].fn += len(g_resp) - hits
        s["tasks.bodies"].fp += len(p_resp) - hits
        if not exact_ok:
            res.error("tasks", "wrong responsible", gold=g_resp, predicted=p_resp, **where)

        g_coord, p_coord, coord_hits = _grouped_alike(_names(g.get("coordinating")), _names(p.get("coordinating")))
        coord_ok = coord_hits == len(g_coord) == len(p_coord)
        s["tasks.coordinating_exact"].total += 1
        s["tasks.coordinating_exact"].correct += int(coord_ok)
        if not coord_ok:
            res.error("tasks", "wrong coordinating", gold=g_coord, predicted=p_coord, **where)

        g_start, g_end, g_rule = _deadline_parts(g.get("deadline"))
        p_start, p_end, p_rule = _deadline_parts(p.get("deadline"))
        if g_end or p_end:
            s["tasks.deadline_end"].total += 1
            s["tasks.deadline_end"].correct += int(g_end == p_end)
        if g_start or g_end or p_start or p_end:
            ok = (g_start, g_end) == (p_start, p_end)
            s["tasks.deadline_interval"].total += 1
            s["tasks.deadline_interval"].correct += int(ok)
            if not ok:
                res.error("tasks", "wrong deadline", gold=[g_start, g_end], predicted=[p_start, p_end], **where)
        if g_rule or p_rule:
            ok = g_rule == p_rule
            s["tasks.recurrence"].total += 1
            s["tasks.recurrence"].correct += int(ok)
            if not ok:
                res.error("tasks", "wrong recurrence", gold=g_rule or None, predicted=p_rule or None, **where)


def score_document(gold: dict, pred: dict | None) -> DocumentResult:
    """Score one record against one gold annotation; a missing or failed record scores as empty."""
    res = DocumentResult(source=gold["source"])
    if pred is None:
        res.prediction_error = "no prediction for this document"
        pred = {}
    elif pred.get("error"):
        res.prediction_error = str(pred["error"])
        pred = {}
    if res.prediction_error:
        res.error("document", "no usable prediction", reason=res.prediction_error)
    _score_metadata(gold, pred, res)
    _score_citations(gold, pred, res)
    _score_tasks(gold, pred, res)
    return res


def evaluate(gold_dir: str | Path | Sequence[dict], records: Iterable[dict]) -> Evaluation:
    """Score records against every gold annotation (a directory, or already loaded gold dicts)."""
    gold = load_gold(gold_dir) if isinstance(gold_dir, str | Path) else list(gold_dir)
    by_id: dict[str, dict] = {}
    for record in records:
        by_id.setdefault(_doc_id(str(record.get("source", ""))), record)
    return Evaluation([score_document(g, by_id.get(_doc_id(g["source"]))) for g in gold])


# ---------------------------------------------------------------- rendering


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _detail(score: Score) -> str:
    if score.kind == "prf":
        return f"P {_fmt(score.precision)} · R {_fmt(score.recall)} (tp {score.tp}, fp {score.fp}, fn {score.fn})"
    return f"{score.correct}/{score.total}"


def render_markdown(ev: Evaluation) -> str:
    """README-ready tables: overall micro/macro per metric, then the headline metrics per document."""
    micro, macro = ev.micro(), ev.macro()
    lines = ["| metric | micro | macro | counts | what it measures |", "|---|---|---|---|---|"]
    for name, _, description in METRICS:
        lines.append(f"| {name} | {_fmt(micro[name].value)} | {_fmt(macro[name])} | "
                     f"{_detail(micro[name])} | {description} |")
    headline = ("citations.documents", "citations.implements", "tasks.tasks", "tasks.responsible_any",
                "tasks.bodies", "tasks.deadline_end", "tasks.recurrence")
    meta_cols = [f"meta.{f}" for f in META_FIELDS]
    lines += ["", "| document | metadata | " + " | ".join(headline) + " |",
              "|---|---|" + "---|" * len(headline)]
    for doc in ev.documents:
        meta_ok = sum(doc.scores[m].correct for m in meta_cols)
        meta_total = sum(doc.scores[m].total for m in meta_cols)
        cells = [_fmt(doc.scores[m].value) for m in headline]
        lines.append(f"| {doc.source} | {meta_ok}/{meta_total} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render_errors(ev: Evaluation) -> str:
    """Per-document listing of what was missed, invented or wrong: the developer's to-do list."""
    from collections import Counter

    classes = Counter(f"{e['area']}: {e['what']}" for d in ev.documents for e in d.errors)
    out = ["## error classes (all documents)"]
    out += [f"- {name} ×{count}" for name, count in classes.most_common()] or ["- none"]
    out.append("")
    for doc in ev.documents:
        out.append(f"## {doc.source} ({len(doc.errors)} errors)")
        for err in doc.errors:
            details = "; ".join(f"{k}: {v}" for k, v in err.items() if k not in ("area", "what"))
            out.append(f"- [{err['area']}] {err['what']} — {details}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"

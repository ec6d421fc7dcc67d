"""`export spacy --out FILE.spacy (--gold DIR | --db PATH)`: training data for spaCy as a DocBin."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import DocumentError
from .tasks import add_db_option, open_store


def register(cli) -> None:
    parser = cli.export(
        "spacy",
        "spaCy training data (DocBin): gold annotations with --gold, else the stored extractions (silver)",
    )
    parser.add_argument("--out", required=True, metavar="FILE.spacy", help="DocBin file to write")
    parser.add_argument("--gold", metavar="DIR", help="folder of gold annotations (*.json, the eval/gold format)")
    parser.add_argument("--corpus", metavar="DIR", action="append", default=[],
                        help="where the gold's source files are (repeatable; default: the gold folder, then corpus/)")
    parser.add_argument("--config", metavar="FILE.cfg", help="also write a `spacy train` config")
    parser.add_argument("--component", default="spancat", choices=("spancat", "ner"),
                        help="what the --config trains: a span categorizer (default) or NER on doc.ents")
    parser.add_argument("--spans-key", default="bodies", choices=("bodies", "citations", "deadlines"),
                        help="the span group a spancat --config trains on (default: bodies)")
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .. import spacy_data  # spaCy loads here, not when the CLI starts

    if args.gold:
        try:
            docs, status = _gold(spacy_data, args)
        except DocumentError as err:
            print(f"error: {err.message}", file=sys.stderr)
            return 1
    else:
        store = open_store(args)
        if store is None:
            return 1
        with store:
            docs, status = list(spacy_data.stored_docs(store)), 0
        if not docs:
            print(f"error: {store.path}: no documents stored (run `python -m pipeline ingest corpus/` first)",
                  file=sys.stderr)
            return 1
    if not _write(args.out, lambda out: spacy_data.write_docbin(docs, out)):
        return 1
    counts = {key: sum(len(d.spans[key]) for d in docs if key in d.spans) for key in spacy_data.SPAN_KEYS}
    print(f"{len(docs)} documents written to {args.out} ("
          + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")")
    if args.config:
        config = spacy_data.training_config(args.spans_key, args.component)
        if not _write(args.config, lambda out: Path(out).write_text(config, encoding="utf-8")):
            return 1
        what = "NER (doc.ents)" if args.component == "ner" else f"spancat ('{args.spans_key}' spans)"
        print(f"{what} training config written to {args.config}")
    return status


def _gold(spacy_data, args: argparse.Namespace) -> tuple[list, int]:
    """Gold Docs, with one line per gold item that could not be placed and per unusable file."""
    docs, status, missing = [], 0, 0
    for doc, report in spacy_data.gold_docs(args.gold, args.corpus):
        if doc is None:
            print(f"error: {report.error}", file=sys.stderr)
            status = 1
            continue
        docs.append(doc)
        for item in report.unlocated:
            print(f"{report.source}: gold {item['kind']} not located ({item['why']}): {_short(item['text'])}",
                  file=sys.stderr)
        missing += len(report.unlocated)
    if missing:
        print(f"{missing} gold spans could not be located in their source text (listed above); "
              "the other spans were written", file=sys.stderr)
    return docs, status


def _short(text: object, width: int = 80) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _write(out: str, write) -> bool:
    try:
        write(out)
    except OSError as err:
        print(f"error: {out}: cannot write ({err.strerror or err}); check the folder exists and is writable",
              file=sys.stderr)
        return False
    return True

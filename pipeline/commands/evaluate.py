"""`evaluate --gold DIR [--pred FILE] [--json] [--errors]`: score extraction against gold annotations."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import DocumentError


def register(cli) -> None:
    parser = cli.command("evaluate", "score extraction records against gold annotations (quality figures)")
    parser.add_argument("--gold", default="eval/gold", metavar="DIR",
                        help="directory of gold *.json annotations (default: eval/gold)")
    parser.add_argument("--pred", metavar="FILE",
                        help="JSON Lines from `extract --json`; without it, extract each gold document's source")
    parser.add_argument("--corpus", metavar="DIR",
                        help="where the gold sources are, when --pred is not given (default: corpus/)")
    parser.add_argument("--perturb", type=int, metavar="SEED",
                        help="robustness check: score a surface variant of each document (other province, place, "
                             "signer, old tone marks) instead of the original")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    parser.add_argument("--errors", action="store_true", help="also list missed/spurious/wrong items per document")
    parser.set_defaults(func=run)


def _default_corpus(gold_dir: Path) -> Path:
    for candidate in (gold_dir.resolve().parent.parent / "corpus", Path("corpus")):
        if candidate.is_dir():
            return candidate
    return Path("corpus")


def run(args: argparse.Namespace) -> int:
    from ..evaluate import (
        evaluate,
        load_gold,
        load_records,
        predict,
        predict_perturbed,
        render_errors,
        render_markdown,
    )

    try:
        gold = load_gold(args.gold)
        if args.pred and args.perturb is not None:
            print("error: --perturb runs the pipeline itself; it cannot score a --pred file", file=sys.stderr)
            return 2
        if args.pred:
            records = load_records(args.pred)
        elif args.perturb is not None:
            corpus = Path(args.corpus) if args.corpus else _default_corpus(Path(args.gold))
            gold, records = predict_perturbed(gold, corpus, args.perturb)
        else:
            corpus = Path(args.corpus) if args.corpus else _default_corpus(Path(args.gold))
            records = predict(gold, corpus)
        result = evaluate(gold, records)
    except DocumentError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return 0
    print(render_markdown(result))
    if args.errors:
        print()
        print(render_errors(result))
    failed = [d.source for d in result.documents if d.prediction_error]
    for source in failed:
        print(f"warning: {source}: no usable prediction", file=sys.stderr)
    return 0

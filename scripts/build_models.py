"""Rebuild the trained artifacts in models/ from the project's data (no network).

    python scripts/build_models.py            # write models/*.json
    python scripts/build_models.py --check    # exit 1 if a committed artifact is stale

Today one artifact: models/body_variants_tfidf.json, the character n-gram TF-IDF model of the
gazetteer's body names (pipeline/data/bodies.yaml) that body_variants / merge_variants use to
match spellings of one body. It is plain JSON (vocabulary, idf, names and their sparse vectors),
never a pickle, so it is reviewable and loads without scikit-learn.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.bodies import MODEL_FILE, dump_variant_model, fit_variant_model, models_dir


def build(out_dir: Path) -> dict[Path, str]:
    """Each artifact's path and exact text."""
    return {out_dir / MODEL_FILE: dump_variant_model(fit_variant_model())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=models_dir(), help="directory (default: models/)")
    parser.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = parser.parse_args(argv)
    stale = 0
    for path, text in build(args.out).items():
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current != text:
                print(f"{path}: stale — run python scripts/build_models.py", file=sys.stderr)
                stale += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"{path}: {len(text):,} bytes")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())

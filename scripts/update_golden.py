"""Rewrite tests/golden/*.json from the current pipeline; review `git diff tests/golden` after."""

from pipeline.golden import update_all

if __name__ == "__main__":
    for path in update_all():
        print(f"wrote {path}")

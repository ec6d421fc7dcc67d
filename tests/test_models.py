"""Trained artifacts in models/: rebuilt from data, plain JSON, equal to what the code computes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import bodies
from pipeline.bodies import (
    MODEL_FILE,
    VariantModel,
    body_variants,
    char_wb_ngrams,
    dump_variant_model,
    fit_variant_model,
    similarity,
)

ROOT = Path(__file__).resolve().parent.parent
ARTIFACT = ROOT / "models" / MODEL_FILE


@pytest.fixture(scope="module")
def fitted() -> dict:
    return fit_variant_model()


def test_committed_artifact_is_not_stale(fitted):
    """Rebuilding from the gazetteer gives the committed file byte for byte
    (if this fails: python scripts/build_models.py, and commit models/)."""
    assert ARTIFACT.read_text(encoding="utf-8") == dump_variant_model(fitted)


def test_artifact_is_plain_data():
    model = json.loads(ARTIFACT.read_text(encoding="utf-8"))
    assert model["format"] == bodies.MODEL_FORMAT
    assert set(model) >= {"vocabulary", "idf", "names", "vectors", "gazetteer_sha256"}
    assert len(model["names"]) == len(model["vectors"]) and len(model["idf"]) == len(model["vocabulary"])


@pytest.mark.parametrize(
    "text",
    ["Ban Tổ chức Tỉnh ủy", "ban to chuc tinh uy", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "BTC TU", "a", "Sở Y tế"],
)
def test_python_vectors_equal_sklearn(text):
    """The run-time analyzer and weighting reproduce the fitted vectorizer exactly."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from pipeline.normalize import fold_diacritics

    names = list(bodies._known_names())
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), preprocessor=fold_diacritics)
    vectorizer.fit(names)
    assert sorted(char_wb_ngrams(text)) == sorted(vectorizer.build_analyzer()(text))
    expected = vectorizer.transform([text]).tocsr()
    ours = VariantModel(json.loads(ARTIFACT.read_text(encoding="utf-8"))).vector(text)
    assert set(ours) == set(int(j) for j in expected.indices)
    for j, v in zip(expected.indices, expected.data, strict=True):
        assert ours[int(j)] == pytest.approx(float(v), abs=1e-9)


@pytest.mark.parametrize(
    ("a", "b", "similar"),
    [
        ("Ban Tổ chức Tỉnh ủy", "Ban Tổ chức Tỉnh uỷ", True),
        ("Ban Tổ chức Tỉnh ủy", "ban to chuc tinh uy", True),
        ("Ban Tổ chức Tỉnh ủy", "Văn phòng Chính phủ", False),
    ],
)
def test_similarity(a, b, similar):
    assert (similarity(a, b) >= 0.9) == similar


def test_missing_artifact_falls_back_to_fitting(tmp_path, monkeypatch):
    monkeypatch.setenv("DIRECTIVES_MODELS", str(tmp_path))
    bodies.variant_model.cache_clear()
    try:
        assert "Ban Tổ chức Tỉnh ủy" in body_variants("Ban Tổ chức Tỉnh uỷ")
    finally:
        bodies.variant_model.cache_clear()


def test_variants_without_scikit_learn():
    """With the artifact present, variant lookups never import scikit-learn (it costs seconds)."""
    code = (
        "import sys; from pipeline.bodies import body_variants, merge_variants;"
        "assert 'BTC Tỉnh ủy' in body_variants('Ban Tổ chức Tỉnh uỷ');"
        "merge_variants(['Ban Tổ chức Tỉnh ủy', 'Ban Tổ chức Tỉnh uỷ']);"
        "print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_build_script_check_passes():
    out = subprocess.run(
        [sys.executable, "scripts/build_models.py", "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr

"""Quality gate: extraction on the shared corpus must not fall below the floors in extract_floors.json."""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from _corpus import corpus_root, load_pages  # noqa: E402
from extract_quality import evaluate  # noqa: E402

FLOORS = json.loads((Path(__file__).parent / "extract_floors.json").read_text("utf-8"))

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    root = corpus_root()
    if root is None:
        pytest.skip("shared corpus not found (../shared/corpus or YUQING_CORPUS)")
    warnings.filterwarnings("ignore")
    raw = evaluate(load_pages(root), ["yuqing"])
    out: dict[str, float] = {}
    for metric in ("body", "snippets", "date", "author", "title"):
        values = [v for (_, _, m), vs in raw.items() if m == metric for v in vs]
        assert values, f"no page scored for {metric}"
        out[metric] = sum(values) / len(values)
    return out


@pytest.mark.parametrize("metric", ["body", "snippets", "date", "author", "title"])
def test_quality_floor(scores: dict[str, float], metric: str) -> None:
    assert scores[metric] >= FLOORS[metric], f"{metric} {scores[metric]:.3f} fell below floor {FLOORS[metric]}"

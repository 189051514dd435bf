"""How fast the default 卫生信息化 profile matches articles (prints articles/second; no assertion).

Uses the real bodies of ../shared/corpus (magic_html and cwced), cut or repeated to ~3,000 characters,
and the six items of issue 275 when present. Run: .venv/bin/python benchmarks/topics_speed.py
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from yuqing.topics import default_profile_path, load_profile

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


@dataclass
class Doc:
    title: str
    text: str
    outlet: str = ""
    site: str = ""


def bodies() -> list[str]:
    texts = []
    truth = CORPUS / "magic_html" / "ground_truth.json"
    if truth.exists():
        texts += [v["content"] for v in json.loads(truth.read_text(encoding="utf-8")).values()]
    texts += [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted((CORPUS / "cwced" / "cleaned").glob("*.txt"))
    ]
    if not texts:
        texts = [
            "省卫生计生委召开全民健康信息平台互联互通工作推进会。" * 10,
            "货车追尾公交车，伤者被送往医院。" * 10,
        ]
    return texts


def main() -> None:
    started = time.perf_counter()
    profile = load_profile(default_profile_path())
    loaded = time.perf_counter() - started
    docs = []
    for text in bodies():
        text = (text * (3000 // max(len(text), 1) + 1))[:3000]
        docs.append(Doc(title=text[:20], text=text))
    rounds = 20
    matched = 0
    started = time.perf_counter()
    for _ in range(rounds):
        for doc in docs:
            matched += profile.match(doc).matched
    elapsed = time.perf_counter() - started
    n = rounds * len(docs)
    print(
        f"profile {profile.name}: {len(profile.rules)} rules, {len(profile.terms())} terms, loaded in {loaded * 1000:.1f} ms"
    )
    print(
        f"{n} articles of 3,000 chars in {elapsed:.2f} s: {n / elapsed:,.0f} articles/s, {elapsed / n * 1e6:.0f} µs each"
    )
    print(f"matched {matched // rounds} of {len(docs)}")


if __name__ == "__main__":
    main()

"""The default 卫生信息化 profile against texts that state their own expectation.

Each ``tests/fixtures/topics/*.txt`` starts with header lines (``Expect: match`` or ``Expect: no-match``,
optional ``Rules:`` that must fire, ``Vetoed:``, ``Title:``, ``Outlet:``, ``Site:``, ``Tier:``), a blank
line, then the body. The six items of 周报第275期 must match; the real corpus pages must not.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from yuqing.topics import default_profile_path, load_profile

from .conftest import CORPUS, REFERENCE

FIXTURES = Path(__file__).parent / "fixtures" / "topics"


@dataclass
class Doc:
    title: str = ""
    text: str = ""
    outlet: str = ""
    site: str = ""
    tier: str = ""


def read_fixture(path: Path) -> tuple[dict[str, str], Doc]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    header = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        header[key.strip().lower()] = value.strip()
    doc = Doc(
        header.get("title", ""),
        body.strip(),
        header.get("outlet", ""),
        header.get("site", ""),
        header.get("tier", ""),
    )
    return header, doc


@pytest.fixture(scope="module")
def profile():
    return load_profile(default_profile_path())


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_fixture(profile, path: Path) -> None:
    header, doc = read_fixture(path)
    expect = header["expect"]
    assert expect in ("match", "no-match"), f"{path.name}: Expect must be match or no-match"
    result = profile.match(doc)
    fired = [h.rule for h in result.hits]
    assert result.matched == (expect == "match"), f"score {result.score}, fired {fired}"
    for rule in filter(None, (r.strip() for r in header.get("rules", "").split(","))):
        assert rule in fired, f"{rule} expected to fire; fired {fired}"
    if "vetoed" in header:
        assert result.vetoed_by == header["vetoed"]


def test_there_are_enough_negative_fixtures() -> None:
    negatives = [p for p in FIXTURES.glob("*.txt") if read_fixture(p)[0]["expect"] == "no-match"]
    assert len(negatives) >= 10


def reference_items() -> list[Doc]:
    """The six items of the model bulletin: title and 主要内容."""
    text = REFERENCE.read_text(encoding="utf-8").split("二、具体内容", 1)[1]
    items = []
    for part in re.split(r"\n[^\n]*?标题\s*[:：]\s*", text)[1:]:
        title = re.sub(r"[*#]", "", part.split("\n", 1)[0]).split("媒体")[0].strip()
        body = part.split("主要内容", 1)[1] if "主要内容" in part else part
        items.append(Doc(title=title, text=body))
    return items


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference bulletin absent")
def test_every_item_of_issue_275_matches(profile) -> None:
    items = reference_items()
    assert len(items) == 6
    for doc in items:
        result = profile.match(doc)
        assert result.matched, (doc.title, result.score, [h.rule for h in result.hits])


def corpus_docs() -> list[tuple[str, Doc]]:
    docs = []
    truth = CORPUS / "magic_html" / "ground_truth.json"
    if truth.exists():
        for key, value in json.loads(truth.read_text(encoding="utf-8")).items():
            docs.append((value.get("url", key), Doc(text=value["content"])))
    for path in sorted((CORPUS / "cwced" / "cleaned").glob("*.txt")):
        docs.append((path.name, Doc(text=path.read_text(encoding="utf-8", errors="replace"))))
    return docs


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "magic_html").exists(), reason="corpus absent")
def test_real_pages_about_other_things_do_not_match(profile) -> None:
    # None of the 66 real pages is about health informatization (checked by reading the ones that
    # score at all); a profile change that makes one match is a false positive.
    docs = corpus_docs()
    assert len(docs) >= 60
    matched = [(name, profile.match(doc).score) for name, doc in docs if profile.match(doc).matched]
    assert matched == []

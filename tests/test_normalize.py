"""yuqing.text.normalize: the fast path gives exactly the text its docstring defines."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from yuqing.text.normalize import normalize, squeeze

# The contract, written the slow and obvious way: NFKC of the whole text, then whitespace.
_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


def reference_normalize(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def reference_squeeze(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


TRICKY = [
    "促进“互联网＋医疗健康”发展，２０１７年（第Ⅱ期）…",
    # Combining marks that compose with the character before them, also after a width fold.
    "e\u0301tude Ａ\u0301 ㄱㅏ \u1100\u1161 가\u11a8 ① ㈱ ﬁ",
    "\u200b 段落一\n\n段落二\u3000\u00a0结尾\ufeff \u2028",
    "，\u0301 ",
    "",
    "   ",
    "\u200b\ufeff",
    "a\u0327\u0301 ｂ\u0301\u0327",  # canonical reordering across two marks
]


@pytest.mark.parametrize("text", TRICKY)
def test_normalize_and_squeeze_equal_the_contract(text: str) -> None:
    assert normalize(text) == reference_normalize(text)
    assert squeeze(text) == reference_squeeze(text)


def test_what_normalize_does() -> None:
    assert normalize("互联网＋医疗健康 ２０１７年 ＰＡＣＳ") == "互联网+医疗健康 2017年 PACS"
    assert normalize("  远程\u3000\u3000医疗\n\n会诊\u200b ") == "远程 医疗 会诊"
    assert normalize("“智慧医院”。") == "“智慧医院”。"  # Chinese quotes and 。 are not width variants
    assert squeeze(" 远 程\u3000医\u00a0疗\ufeff ＨＩＳ\n") == "远程医疗HIS"


def test_random_text_equals_the_contract() -> None:
    # Text drawn from the characters that take the slow path or sit on its edges.
    alphabet = (
        "医院远程。、“”《》，：；（）％！？ＡＢＣａｂｃ０１２ⅡⅢ①㈱ﬁ가각\u1100\u1161\u11a8"
        "ea\u0301\u0308\u0327\u0323\u3099\u309a かは"
        " \t\n\u3000\u00a0\u200b\ufeff\u2028\u2003"
    )
    rng = random.Random(275)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    assert [t for t in texts if normalize(t) != reference_normalize(t)] == []
    assert [t for t in texts if squeeze(t) != reference_squeeze(t)] == []


@pytest.mark.corpus
def test_normalize_equals_the_contract_on_real_pages() -> None:
    import json

    from .conftest import CORPUS

    truth = CORPUS / "magic_html" / "ground_truth.json"
    if not truth.exists():
        pytest.skip("corpus absent")
    texts = [v["content"] for v in json.loads(truth.read_text(encoding="utf-8")).values()]
    texts += [
        p.read_text(encoding="utf-8", errors="replace") for p in (CORPUS / "cwced" / "cleaned").glob("*.txt")
    ]
    assert len(texts) > 50
    assert [t[:20] for t in texts if normalize(t) != reference_normalize(t)] == []
    assert [t[:20] for t in texts if squeeze(t) != reference_squeeze(t)] == []

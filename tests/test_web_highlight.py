"""The web shows the page's own text (full-width punctuation, its spacing) with the rule spans marked."""

from __future__ import annotations

from yuqing.text.normalize import normalize
from yuqing.web.highlight import excerpt, mark_spans, mark_words


def _span(text: str, term: str, field: str = "body") -> list[dict]:
    norm = normalize(text)
    start = norm.index(normalize(term))
    return [{"spans": [[field, start, start + len(normalize(term))]], "terms": [term]}]


def test_marks_land_on_the_original_characters():
    title = "李斌：加大健康扶贫力度，扩大“互联网＋医疗健康”试点"
    shown = str(mark_spans(title, _span(title, "互联网+医疗健康", "title"), "title"))
    assert shown == "李斌：加大健康扶贫力度，扩大“<mark>互联网＋医疗健康</mark>”试点"


def test_whitespace_runs_and_leading_space_keep_offsets_right():
    body = "\u3000\u3000各地要发展  远程医疗\n\n服务，推进（电子病历）建设。"
    shown = str(mark_spans(body, _span(body, "电子病历"), "body"))
    assert "（<mark>电子病历</mark>）" in shown
    assert str(mark_words(body, ["远程医疗"])).count("<mark>远程医疗</mark>") == 1


def test_text_is_escaped_before_marking():
    body = "<script>alert(1)</script>推进远程医疗，覆盖基层。"
    shown = str(excerpt(body, _span(body, "远程医疗"), "body"))
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "<mark>远程医疗</mark>，" in shown


def test_text_whose_folding_is_not_per_character_falls_back_to_the_normalised_form():
    body = "e\u0301 远程医疗"  # e + combining acute composes to é under NFKC only across characters
    shown = str(mark_spans(body, _span(body, "远程医疗"), "body"))
    assert shown == "é <mark>远程医疗</mark>"

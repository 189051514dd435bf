"""Golden test: `yuqing demo` writes a bulletin in the exact form of issue 275."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REFERENCE
from yuqing.demo import run_demo

# Issue 275 credits item 5 to 新华社 in its catalogue and to DoNews in its details; the page is
# DoNews's own, so the demo credits DoNews in both places.
OUTLET_FIXES = {5: "DoNews"}


def _reference_catalogue() -> list[tuple[str, str]]:
    if not REFERENCE.exists():
        pytest.skip(f"reference report not present: {REFERENCE}")
    text = REFERENCE.read_text(encoding="utf-8")
    section = text.split("### 一、信息目录", 1)[1].split("### 二、具体内容", 1)[0]
    items = re.findall(r"^\d+\. (.+)（(.+?)）\s*$", section, re.M)
    return [(title, OUTLET_FIXES.get(i, outlet)) for i, (title, outlet) in enumerate(items, start=1)]


def _reference_links() -> list[str]:
    text = REFERENCE.read_text(encoding="utf-8").split("### 二、具体内容", 1)[1]
    links = []
    for block in re.split(r"^.*?\d\. 标题[:：]", text, flags=re.M)[1:]:
        m = re.search(r"链接[:：]\s*(?:<(\S+?)>|\[\S+?\]\((\S+?)\))", block)
        assert m, block[:200]
        links.append((m.group(1) or m.group(2)).replace("\\_", "_"))
    return links


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    return run_demo(tmp_path_factory.mktemp("demo") / "ws")


@pytest.fixture(scope="module")
def markdown(demo) -> str:
    (md,) = [p for p in demo.paths if p.suffix == ".md"]
    return md.read_text(encoding="utf-8")


def test_masthead(markdown: str):
    head = markdown.split("### 本期导语", 1)[0]
    assert re.search(r"^# 全国卫生信息化舆情监测周报$", head, re.M)
    assert "## （第二七五期）" in head
    assert "北京市卫生计生委信息中心" in head
    assert re.search(r"^2017年10月27日$", head, re.M)


def test_lead_counts_six_items_in_the_window(markdown: str):
    assert ("本次监测共收集到6篇相关信息，时间从2017年10月23日到2017年10月27日，"
            "监测范围包括全国主流媒体及政府网站等。") in markdown


def test_catalogue_lists_the_six_items_of_issue_275_in_order(markdown: str):
    expected = _reference_catalogue()
    assert len(expected) == 6
    section = markdown.split("### 一、信息目录", 1)[1].split("### 二、具体内容", 1)[0]
    got = re.findall(r"^\d+\. (.+)（(.+?)）$", section, re.M)
    assert got == expected


def test_details_carry_title_outlet_date_link_and_text(markdown: str):
    expected = _reference_catalogue()
    links = _reference_links()
    details = markdown.split("### 二、具体内容", 1)[1]
    blocks = re.split(r"^#### \d+\. ", details, flags=re.M)[1:]
    assert len(blocks) == 6
    dates = ["2017-10-23", "2017-10-23", "2017-10-24", "2017-10-24", "2017-10-24", "2017-10-24"]
    for block, (title, outlet), link, day in zip(blocks, expected, links, dates, strict=True):
        assert block.startswith(f"标题：{title}\n")
        assert f"媒体：{outlet} {day}" in block
        assert f"链接：<{link}>" in block
        body = block.split("主要内容：", 1)[1]
        assert len(body.strip()) > 300, f"{title}: the main text is missing"


def test_item_one_is_credited_to_xinhua_but_links_the_provincial_page(markdown: str):
    details = markdown.split("### 二、具体内容", 1)[1]
    first = re.split(r"^#### \d+\. ", details, flags=re.M)[1]
    assert "媒体：新华社 2017-10-23" in first
    assert "链接：<http://www.hebwt.gov.cn/" in first


def test_running_the_demo_again_changes_nothing(demo, markdown: str):
    again = run_demo(demo.workspace)
    assert again.issue.number == 275
    assert again.counts.get("new", 0) == 0
    (md,) = [p for p in again.paths if p.suffix == ".md"]
    assert md.read_text(encoding="utf-8") == markdown


def test_the_demo_writes_all_four_formats(demo):
    assert sorted(p.suffix for p in demo.paths) == [".docx", ".html", ".md", ".pdf"]
    assert demo.failed == {}
    assert all(p.stat().st_size > 0 for p in demo.paths)


def test_the_demo_item_bodies_hold_no_comment_threads(markdown: str):
    details = markdown.split("### 二、具体内容", 1)[1]
    for junk in ("跟贴", "网友", "ip:", "顶["):
        assert junk not in details
